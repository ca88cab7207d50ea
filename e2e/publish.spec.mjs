// Issue 35: 公开版. In one browser 市民政局 reports 9月 (figures, 本月进展 and an internal 存在问题) and the
// office passes it in 审核; in 数据交换 the office publishes: a base address that is not http(s) is refused
// at the field, the preview says what will be published, and the download is a zip. The test unpacks it,
// serves it under a sub-path, and reads it with JavaScript disabled: the index (48 projects, 数据来源),
// filtered by a light, a project page (its progress, never the 存在问题), the 数据下载 page; axe finds no
// violation; a project's QR code, read by jsQR from its SVG, leads to that project's page.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchPage, shot, artifacts, unzip } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const plan = JSON.parse(fs.readFileSync(path.join(root, 'data', 'plan-2024.json'), 'utf8'));
const meals = plan.projects[0]; // 新增老年助餐服务点 227 个, 市民政局: 9 月底前不少于 100 个
const NOW = new Date('2024-10-12T10:00:00+08:00');
const SECRET = '选址争议内部线索';
const PROGRESS = '已建成助餐点 120 个，覆盖全部城区';
const PORT = 4191;
const SUB = '/gov/msss/2024/';
const BASE = `http://127.0.0.1:${PORT}${SUB}`;
const axePath = path.join(root, 'node_modules', 'axe-core', 'axe.min.js');
const jsqrPath = path.join(root, 'node_modules', 'jsqr', 'dist', 'jsQR.js');

/** A static server of `dir` under SUB only (anything else is 404). */
function serve(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = url.startsWith(SUB) ? path.join(dir, url.slice(SUB.length) || 'index.html') : null;
    if (!file || !file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      return res.end('not found');
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(PORT, '127.0.0.1', () => resolve(server)));
}

async function axe(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((x) => `${x.id}: ${x.nodes.length} × ${x.nodes[0].target.join(' ')}`));
}

test('the office publishes the 公开版; citizens read it without JavaScript and scan a code to a project', async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchPage(page);
  const fetched = [];
  context.on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/').pop()));
  await page.clock.setSystemTime(NOW);
  await page.goto(`${baseURL}?v=entry`);

  // 市民政局 reports 9月: 120 of 100 due, both steps, 本月进展 and an internal 存在问题.
  await page.getByRole('combobox', { name: '我的单位' }).selectOption('市民政局');
  await page.getByRole('combobox', { name: '月份' }).selectOption('9');
  const card = page.locator('tbody.grid-project').filter({ hasText: meals.name });
  await card.getByRole('textbox', { name: `${meals.name} ${meals.indicators[0].name}` }).fill('120');
  const steps = card.locator('select.grid-step-choice');
  await steps.nth(0).selectOption('1');
  await steps.nth(1).selectOption('1');
  await page.getByRole('button', { name: `${meals.name} 月报` }).click();
  const texts = page.getByRole('group', { name: meals.name });
  await texts.getByRole('textbox', { name: '本月进展' }).fill(PROGRESS);
  await texts.getByRole('textbox', { name: '存在问题' }).fill(SECRET);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /已保存 \d+ 条记录/ })).toBeVisible();

  // The office passes it.
  await page.getByRole('navigation').getByRole('button', { name: /^审核/ }).click();
  await page.getByRole('button', { name: '以督查室身份审核' }).click();
  const queue = page.getByRole('listbox', { name: '待审核报告' });
  await expect(queue.getByRole('option')).toHaveCount(1);
  await queue.focus();
  await page.keyboard.press('p');
  await expect(page.getByText('没有待审核的报告')).toBeVisible();

  // 发布公开版: the report date defaults to the month passed; a bad address is refused at the field.
  await page.getByRole('button', { name: '数据交换', exact: true }).click();
  const panel = page.getByRole('region', { name: '发布公开版' });
  await expect(panel.getByRole('combobox', { name: '统计日期' })).toHaveValue('9');
  const address = panel.getByRole('textbox', { name: '公开版网址' });
  await address.fill('ftp://example.gov.cn/msss');
  await panel.getByRole('button', { name: '发布公开版' }).click();
  await expect(panel.getByRole('alert').filter({ hasText: 'http://' })).toBeVisible();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await address.fill(BASE);
  await expect(address).toHaveAttribute('aria-invalid', 'false');
  await panel.getByRole('button', { name: '预览' }).click();
  const preview = panel.getByRole('region', { name: '预览' });
  await expect(preview).toContainText('将发布 48 个项目');
  await expect(preview).toContainText('只公布督查室审核通过的数据和进展');
  await expect(preview).toContainText('含本月进展 1 项');
  await expect(preview.getByRole('list', { name: '状态' })).toContainText('正常推进 1');
  await shot(page, 'publish-panel');
  // 5月底: no report passed by then, so the plan alone.
  await panel.getByRole('combobox', { name: '统计日期' }).selectOption('5');
  await expect(preview).toHaveCount(0);
  await panel.getByRole('button', { name: '预览' }).click();
  await expect(preview).toContainText('暂无已审核的进展：只发布项目清单和工作计划。');
  await panel.getByRole('combobox', { name: '统计日期' }).selectOption('9');
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: '发布公开版' }).click()]);
  expect(download.suggestedFilename()).toBe('minsheng-public-2024-2024-09-30.zip');
  const zipFile = path.join(artifacts, 'publish.zip');
  await download.saveAs(zipFile);
  await expect(panel.getByRole('status')).toContainText('已生成 minsheng-public-2024-2024-09-30.zip');
  // The site is made by its own module, loaded then: not the Excel writer, not the office reader.
  expect(fetched).toContain('site_writer_loader.js');
  expect(fetched.filter((f) => f.startsWith('xlsx_writer') || f.startsWith('office_reader'))).toEqual([]);
  // The address is asked once: it is there on the next visit.
  await page.reload();
  await page.getByRole('button', { name: '数据交换', exact: true }).click();
  await expect(page.getByRole('region', { name: '发布公开版' }).getByRole('textbox', { name: '公开版网址' })).toHaveValue(BASE);
  expect(problems).toEqual([]);
  await context.close();

  // Unpack: nothing internal in any file; serve it under a sub-path.
  const files = unzip(fs.readFileSync(zipFile));
  const folder = 'minsheng-public-2024-2024-09-30/';
  expect([...files.keys()].every((n) => n.startsWith(folder))).toBe(true);
  expect(files.size).toBeGreaterThan(48 * 2 + 48);
  const dir = path.join(artifacts, 'publish-site');
  fs.rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  for (const [name, data] of files) {
    const text = data.toString('utf8');
    expect(text.includes(SECRET), `${name} holds the 存在问题`).toBe(false);
    expect(text.includes('<script'), `${name} has a script`).toBe(false);
    const target = path.join(dir, name.slice(folder.length));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
    bytes += data.length;
  }
  expect(bytes).toBeLessThan(1_048_576);
  const server = await serve(dir);
  try {
    // Without JavaScript: the index, a light's page, a project page, 数据下载.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const site = await plain.newPage();
    await site.goto(`${BASE}index.html`);
    await expect(site.getByRole('heading', { level: 1 })).toHaveText('2024年民生实事项目进展');
    await expect(site.locator('tbody tr')).toHaveCount(48);
    await expect(site.getByRole('contentinfo')).toContainText('报告日期：2024-09-30');
    await expect(site.getByRole('contentinfo')).toContainText('数据来源：督查室');
    const lights = site.getByRole('navigation', { name: '按进展状态' });
    await expect(lights.getByRole('link')).toHaveCount(2);
    await lights.getByRole('link', { name: /^正常推进/ }).click();
    await expect(site).toHaveURL(`${BASE}l/ok.html`);
    await expect(site.getByRole('heading', { level: 1 })).toHaveText('筛选：正常推进');
    await expect(site.locator('tbody tr')).toHaveCount(1);
    await site.getByRole('link', { name: meals.name }).click();
    await expect(site).toHaveURL(`${BASE}p/${meals.id}.html`);
    await expect(site.getByRole('heading', { level: 1 })).toHaveText(meals.name);
    await expect(site.getByRole('region', { name: '本月进展' })).toContainText(PROGRESS);
    await expect(site.getByRole('region', { name: '目标与完成情况' })).toContainText('120个');
    await expect(site.locator('body')).not.toContainText(SECRET);
    await expect(site.getByRole('img', { name: `${meals.name}项目页的二维码` })).toBeVisible();
    await shot(site, 'publish-project-nojs');
    await site.getByRole('link', { name: 'English' }).click();
    await expect(site).toHaveURL(`${BASE}en/p/${meals.id}.html`);
    await expect(site.getByRole('heading', { level: 2, name: 'Targets and results' })).toBeVisible();
    await site.goto(`${BASE}data.html`);
    await expect(site.getByRole('heading', { level: 1 })).toHaveText('数据下载');
    const csv = await (await plain.request.get(`${BASE}data/projects.csv`)).text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(49);
    const json = await (await plain.request.get(`${BASE}data/projects.json`)).json();
    expect(json.projects[0]).toMatchObject({ name: meals.name, light: 'ok', progress: { text: PROGRESS } });

    // A phone, the index as cards.
    const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true });
    const small = await phone.newPage();
    await small.goto(`${BASE}index.html`);
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(small, 'publish-index-phone');
    await phone.close();

    // axe on the pages (in a context that may run it: the pages themselves have no script).
    const checker = await (await browser.newContext()).newPage();
    for (const p of ['index.html', `p/${meals.id}.html`, 'data.html', 'posters.html', `en/index.html`]) {
      await checker.goto(`${BASE}${p}`);
      expect(await axe(checker), p).toEqual([]);
    }

    // A code read from its SVG leads to its project's page.
    const other = plan.projects[20];
    await checker.goto(`${BASE}data.html`);
    await checker.addScriptTag({ path: jsqrPath });
    const read = await checker.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 400;
      const g = canvas.getContext('2d');
      g.imageSmoothingEnabled = false;
      g.drawImage(img, 0, 0, 400, 400);
      const data = g.getImageData(0, 0, 400, 400);
      return window.jsQR(data.data, 400, 400)?.data ?? null;
    }, `${BASE}qr/${other.id}.svg`);
    expect(read).toBe(`${BASE}p/${other.id}.html`);
    await site.goto(read);
    await expect(site.getByRole('heading', { level: 1 })).toHaveText(other.name);
    await expect(site.getByText('扫码查看项目进度')).toBeVisible();
    await plain.close();
  } finally {
    server.close();
  }
});
