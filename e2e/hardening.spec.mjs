// Issue 9: offline, CSP and same-origin only, untrusted input shown as text, size limits, a11y.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { watchPage, shot, artifacts, idbGet } from './helpers.mjs';
import { firstLoadSize } from './first-load.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist');
const axe = path.join(here, '..', 'node_modules', 'axe-core', 'axe.min.js');
const plan = JSON.parse(fs.readFileSync(path.join(here, '..', 'data', 'plan-2024.json'), 'utf8'));

// The first-load budget of the app itself (everything index.html loads before the first paint, data
// excluded), gzip: 350 KB (issue 15), 360 KB since the review loop (issue 32: 342.1 → 356.1 KB). The
// loop's reading, its views and their style sheet are chunks; what the first load carries of it is the
// ledger's new records (kept, merged and journalled), the marks of the lights and the 审核 tab. Views
// most visits never open are chunks loaded on demand. 362 KB since 发布公开版 and signed files (issues 35
// and 34: 356.1 → 360.5 KB): their code is in the 数据交换 chunk and the worker module; the first load
// carries their words, which the language tables hold. 366 KB since 佐证材料 (issue 33): its views are in
// the chunks of the views that show them; the first load carries its words. 367 KB since its attachment
// records are stored apart from the ledger (365.1 → 366.1 KB): the merging of stored records is a chunk,
// and the save came into the progress reader's chunk, which brought it back from 370.0 KB. 353 KB since
// the English words are a chunk of their own, fetched when English is asked for (366.1 → 351.6 KB; the
// chunk is 16.1 KB gzip).
const BUDGET_KB = 353;

test('first-load transfer stays within the budget', async () => {
  const { files, gzip } = firstLoadSize(dist);
  console.log(`first load: ${(gzip / 1024).toFixed(1)} KB gzip over ${files.length} files`);
  expect(files.some((f) => f.endsWith('_bg.wasm'))).toBeTruthy();
  expect(files.some((f) => f.startsWith('wasm_split-'))).toBeTruthy();
  expect(gzip / 1024).toBeLessThanOrEqual(BUDGET_KB);
});

test('a full session makes no request to another origin and breaks no CSP rule', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const problems = watchPage(page);
  await page.goto('./');
  await expect(page.locator('[data-project]')).toHaveCount(48);
  for (const tab of ['甘特图', '总览', '填报', '通报', '数据交换', '导入清单']) {
    await page.getByRole('button', { name: tab, exact: true }).click();
  }
  await page.getByRole('button', { name: '清单', exact: true }).click();
  await page.getByRole('link', { name: plan.projects[0].name }).click();
  await page.getByRole('button', { name: '汇报模式' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Escape');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(await page.locator('script:not([src])').count()).toBe(0);
  const foreign = requests.filter((u) => !u.startsWith('http://127.0.0.1') && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});

test('after the first visit the app works with no network, also under a sub-path', async ({ context, page }) => {
  for (const base of ['./', '/minsheng/']) {
    await page.goto(base);
    await expect(page.locator('[data-project]')).toHaveCount(48);
    // This path's own service worker (registered a few seconds after start) is active.
    await expect.poll(() => page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return !!(r && r.active && r.scope === new URL('.', location.href).href);
    }), { timeout: 20_000 }).toBeTruthy();
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBeTruthy();
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('[data-project]')).toHaveCount(48);
    await page.goto(`${base}?v=timeline`);
    await expect(page.locator('.tl-row[data-project]')).toHaveCount(48);
    await context.setOffline(false);
  }
});

// The worker modules (src/bin/office_reader.rs, src/bin/xlsx_writer.rs, src/bin/site_writer.rs) build without the views: each
// links only its job's code, and none of the views' chunk exports (which would pull every view in).
const WORKER_BUDGET_KB = 400;

test('each worker module holds only its job: no view chunk, within its budget', async () => {
  for (const name of ['office_reader_bg.wasm', 'xlsx_writer_bg.wasm', 'site_writer_bg.wasm']) {
    const bytes = fs.readFileSync(path.join(dist, name));
    const gzip = zlib.gzipSync(bytes, { level: 9 }).length / 1024;
    console.log(`${name}: ${(bytes.length / 1024).toFixed(1)} KB, ${gzip.toFixed(1)} KB gzip`);
    expect(bytes.includes('__wasm_split_'), `${name} exports a view chunk`).toBeFalsy();
    expect(gzip).toBeLessThanOrEqual(WORKER_BUDGET_KB);
  }
});

test('exporting Excel fetches only the writer module; offline, both modules still work', async ({ context, page }) => {
  const fetched = [];
  context.on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/').pop()));
  await page.goto('./?v=exchange');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  const book = fs.readFileSync(await download.path());
  expect(book.subarray(0, 2).toString()).toBe('PK');
  expect(fetched).toContain('xlsx_writer_loader.js');
  expect(fetched.filter((f) => f.startsWith('office_reader') || f.startsWith('site_writer'))).toEqual([]);
  await expect.poll(() => page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return !!(r && r.active);
  }), { timeout: 20_000 }).toBeTruthy();
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBeTruthy();
  await context.setOffline(true);
  // Both modules were precached when the service worker installed: the writer again, and the reader,
  // never fetched before, reading back the workbook just written.
  await page.goto('./?v=exchange');
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  expect(fs.readFileSync(await again.path()).subarray(0, 2).toString()).toBe('PK');
  await page.goto('./?v=import');
  await page.getByLabel('打开表格文件').setInputFiles({ name: '台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: book });
  const review = page.getByRole('region', { name: '导入预览' });
  await expect(review).toBeVisible({ timeout: 20_000 });
  console.log('offline read-back preview:', (await review.innerText()).split('\n').slice(0, 3).join(' | '));
  await expect(review).toContainText('48 个项目');
  await shot(page, 'offline-import-ledger');
  await context.setOffline(false);
});

// A view's wasm comes in one pack (its module and the shared modules it needs, tools/split_wasm.py).
test('a view whose pack cannot be fetched says so, and 重试 loads it once the network is back', async ({ page }) => {
  let reachable = false;
  const packs = [];
  const wasm = [];
  page.on('request', (r) => { if (/\.wasm$/.test(new URL(r.url()).pathname)) wasm.push(r.url()); });
  await page.route('**/pack_*.bin', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    // The review loop's pack is fetched beside the stored ledger on every visit (ui::state::load_loop).
    if (!name.startsWith('pack_review_loop-')) packs.push(name);
    return reachable ? route.continue() : route.abort('internetdisconnected');
  });
  await page.goto('./?v=timeline');
  const alert = page.getByRole('alert').filter({ hasText: '尚未下载' });
  await expect(alert).toBeVisible();
  await expect(page.locator('.tl-row')).toHaveCount(0);
  reachable = true;
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(page.locator('.tl-row[data-project]')).toHaveCount(48);
  await expect(alert).toHaveCount(0);
  // Only the timeline's pack was asked for; the only .wasm file fetched is the app's main module.
  expect(packs.length).toBeGreaterThanOrEqual(2);
  expect(packs.every((p) => /^pack_timeline-[0-9a-f]{16}\.bin$/.test(p))).toBe(true);
  expect(wasm.length).toBe(1);
  expect(wasm[0]).toMatch(/minsheng-[0-9a-f]+_bg\.wasm$/);
  // Another view's pack loads next to it: shared modules already in are not instantiated twice.
  await page.getByRole('link', { name: '新增老年助餐服务点 227 个' }).first().click();
  await expect(page.locator('article.detail')).toBeVisible();
  expect(packs.some((p) => p.startsWith('pack_detail-'))).toBe(true);
});

// The boot script runs as it arrives, before the page's first layout (tools/post_build.py, 1b): a
// classic, parser-blocking script after the preloads and before the style sheet, so what it asks for
// (the plan, the view's pack) is asked for before the page is first painted.
test('the boot script runs before the first paint: classic, after the preloads, before the style sheet', async ({ page }) => {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const tags = [...html.matchAll(/<(script|link)\b[^>]*>/g)].map((m) => m[0]);
  const boot = tags.findIndex((t) => /<script[^>]*src="?\.\/boot-[0-9a-f]+\.js/.test(t));
  expect(boot).toBeGreaterThan(-1);
  expect(tags[boot]).not.toMatch(/type="?module|\basync\b|\bdefer\b/);
  const preloads = tags.map((t, i) => [t, i]).filter(([t]) => /rel="?(modulepreload|preload)/.test(t));
  expect(preloads.length).toBeGreaterThanOrEqual(3);
  for (const [, i] of preloads) expect(i).toBeLessThan(boot);
  const sheet = tags.findIndex((t) => /rel="?stylesheet/.test(t));
  expect(sheet).toBeGreaterThan(boot);
  const problems = watchPage(page);
  await page.goto('./?v=timeline&d=2024-09-30');
  await expect(page.locator('.tl-row[data-project]')).toHaveCount(48);
  const [pack, firstPaint] = await page.evaluate(() => [
    performance.getEntriesByType('resource').find((r) => r.name.includes('pack_timeline')).startTime,
    performance.getEntriesByType('paint').find((p) => p.name === 'first-paint').startTime,
  ]);
  expect(pack).toBeLessThan(firstPaint);
  expect(problems).toEqual([]);
});

// The tab icon is a PNG (an SVG one costs the page's main thread ~13 ms during start-up: Chromium builds a
// document to draw it), drawn from icon.svg, which the manifest keeps: the two must show the same picture.
test('the tab icon is icon.svg drawn at 64 px, as a PNG', async ({ page }) => {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const icons = [...html.matchAll(/<link\b[^>]*\brel="?icon\b[^>]*>/g)].map((m) => m[0]);
  expect(icons).toHaveLength(1);
  expect(icons[0]).toMatch(/href="?icon-64\.png/);
  expect(icons[0]).toMatch(/type="?image\/png/);
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.webmanifest'), 'utf8'));
  expect(manifest.icons.map((i) => i.src)).toContain('icon.svg');
  await page.goto('./?d=2024-09-30');
  await expect(page.locator('[data-project]').first()).toBeVisible();
  const { mean, max, opaque } = await page.evaluate(async () => {
    const pixels = async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const g = canvas.getContext('2d');
      g.drawImage(img, 0, 0, 64, 64);
      return g.getImageData(0, 0, 64, 64).data;
    };
    const [svg, png] = await Promise.all([pixels('icon.svg'), pixels('icon-64.png')]);
    let sum = 0;
    let max = 0;
    let opaque = 0;
    for (let i = 0; i < svg.length; i++) {
      const d = Math.abs(svg[i] - png[i]);
      sum += d;
      max = Math.max(max, d);
      if (i % 4 === 3 && png[i] === 255) opaque++;
    }
    return { mean: sum / svg.length, max, opaque };
  });
  // Anti-aliased edges may differ a little; the picture, its colours and its transparent corners may not.
  expect(mean).toBeLessThan(2);
  expect(max).toBeLessThan(96);
  expect(opaque).toBeGreaterThan(3500);
  expect(opaque).toBeLessThan(4096);
});

// The chunk of the view the address opens on is fetched and compiled by the boot script while the app's
// own module loads (tools/post_build.py, PACK_PREFETCH); the app instantiates it without a second fetch.
test('the view the address opens on has its pack fetched once, from the start, and used', async ({ page }) => {
  const packs = [];
  const loops = [];
  page.on('request', (r) => {
    if (!/pack_.*\.bin$/.test(r.url())) return;
    const name = new URL(r.url()).pathname.split('/').pop();
    // The review loop's pack comes after the first paint, beside the stored ledger (ui::state::load_loop).
    (name.startsWith('pack_review_loop-') ? loops : packs).push(name);
  });
  await page.goto('./?v=timeline&d=2024-09-30');
  await expect(page.locator('.tl-row[data-project]')).toHaveCount(48);
  expect(packs.length).toBe(1);
  expect(packs[0]).toMatch(/^pack_timeline-[0-9a-f]{16}\.bin$/);
  // Taken by the chunk loader (nothing left waiting), and asked for before the app itself started.
  expect(await page.evaluate(() => Object.keys(window.__minshengPacks || {}).length)).toBe(0);
  const [pack, start] = await page.evaluate(() => [
    performance.getEntriesByType('resource').find((r) => r.name.includes('pack_timeline')).startTime,
    performance.getEntriesByName('minsheng:start')[0].startTime,
  ]);
  expect(pack).toBeLessThan(start);
  await expect.poll(() => loops.length).toBe(1);
  const [loop, painted] = await page.evaluate(() => [
    performance.getEntriesByType('resource').find((r) => r.name.includes('pack_review_loop')).startTime,
    performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint').startTime,
  ]);
  expect(loop).toBeGreaterThan(painted);
  // Opened on the list, no view's pack is fetched.
  packs.length = 0;
  await page.goto('./?d=2024-09-30');
  await expect(page.locator('[data-project]')).toHaveCount(48);
  expect(packs).toEqual([]);
});

const PAYLOADS = ['<img src=x onerror="window.__xss=1">', '</script><script>window.__xss=2</script>', 'javascript:window.__xss=3'];

test('untrusted plan and progress texts are shown literally and run nothing', async ({ page }) => {
  const problems = watchPage(page);
  await page.addInitScript(() => { window.__xss = 0; });
  const table = [
    `2025 年${PAYLOADS[0]}清单`,
    '序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排',
    `1\t${PAYLOADS[1]}\t新增${PAYLOADS[0]} 10 个\t${PAYLOADS[2]}\t市A局\t李四\t${PAYLOADS[0]}、市B局\t11月底\t6月底前完成 5 个；${PAYLOADS[1]}。`,
  ].join('\n');
  await page.goto('./?v=import');
  await page.getByRole('textbox', { name: '粘贴清单' }).fill(table);
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.locator('[data-project]')).toHaveCount(1);
  await expect(page.locator('[data-project]')).toContainText(PAYLOADS[0]);
  await page.getByRole('link', { name: `新增${PAYLOADS[0]} 10 个` }).click();
  await expect(page.locator('article.detail')).toContainText(PAYLOADS[1]);
  await expect.poll(async () => (await idbGet(page, 'minsheng/v1/plans')) !== null).toBe(true);
  const imported = JSON.parse(JSON.parse(await idbGet(page, 'minsheng/v1/plans'))[0]);
  const p = imported.projects[0];
  const file = path.join(artifacts, 'xss-progress.json');
  fs.writeFileSync(file, JSON.stringify({
    format: 'minsheng-progress', version: 1, plan: { id: imported.id, fingerprint: 'x' }, exported_at: '',
    entries: [{ id: 'x1', project: p.id, indicator: p.indicators[0].id, value: 5, as_of: '2025-06-30', unit: PAYLOADS[0], note: PAYLOADS[1], person: PAYLOADS[2], recorded_at: '2025-07-01T08:00:00.000Z' }],
    decisions: [],
  }));
  await page.getByRole('button', { name: '数据交换' }).click();
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(file);
  await expect(page.getByRole('region', { name: '合并预览' })).toContainText(PAYLOADS[0]);
  await page.getByRole('button', { name: '应用合并' }).click();
  for (const view of ['甘特图', '总览', '通报']) await page.getByRole('button', { name: view, exact: true }).click();
  await page.getByRole('button', { name: '清单', exact: true }).click();
  await page.getByRole('link', { name: `新增${PAYLOADS[0]} 10 个` }).click();
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText(PAYLOADS[1]);
  await page.getByRole('button', { name: '汇报模式' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => window.__xss)).toBe(0);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(problems).toEqual([]);
});

test('a 50 MB file gets a message, not a frozen tab', async ({ page }) => {
  const big = path.join(artifacts, 'big.json');
  fs.writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x20));
  await page.goto('./?v=exchange');
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(big);
  await expect(page.locator('.file-errors')).toContainText('文件过大');
  await expect(page.getByRole('button', { name: '导出 JSON' })).toBeEnabled();
  fs.rmSync(big);
});

test('no accessibility violations (axe-core) on every view', async ({ browser }) => {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const views = ['', '?v=timeline', '?v=dashboard', '?v=entry', '?v=bulletin', '?v=exchange', '?v=import',
    '?v=submissions', '?v=changes', '?v=matters', '?v=notices', '?v=review', '?v=sync',
    `?p=${plan.projects[0].id}`, '?present=1&slide=3', '?lang=en'];
  const report = [];
  for (const v of views) {
    await page.goto(`./${v}`);
    await page.waitForSelector('.app-header, .present');
    // The view's chunk is in (no loading state left) and the fonts are laid out.
    await expect(page.locator('.page-state[role="status"]')).toHaveCount(0);
    await page.evaluate(() => document.fonts.ready);
    await page.addScriptTag({ path: axe });
    const result = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .map((x) => `${x.id}: ${x.nodes.length} × ${x.nodes[0].target.join(' ')}`));
    report.push(`${v || '(list)'}: ${result.length}`);
    expect(result, v).toEqual([]);
  }
  console.log(`axe: ${report.join('; ')}`);
  await context.close();
});

test('keyboard only: filter, open a project, enter a value, export', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('[data-project]')).toHaveCount(48);
  await page.keyboard.press('/');
  await page.keyboard.type('青荷驿站');
  await expect(page.locator('[data-project]')).toHaveCount(1);
  // Tab to the project link and open it.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.classList.contains('project-link'))) break;
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /青荷驿站/ })).toBeVisible();
  // Reporting unit, then the value of the indicator, submitted with Enter.
  await page.getByRole('combobox', { name: '填报单位' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('combobox', { name: '填报单位' })).not.toHaveValue('');
  const value = page.getByRole('textbox', { name: /数值$/ }).first();
  await value.focus();
  await page.keyboard.type('260');
  await page.keyboard.press('Enter');
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('260套(间)');
  // Focus is visible.
  const outline = await value.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  // To the exchange view and export, by keyboard.
  await page.getByRole('button', { name: '数据交换' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '导出 JSON' }).focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^minsheng-progress-2024-all-/);
  await shot(page, 'keyboard-export');
});

// The English words are a chunk of their own (src/ui/lazy.rs `english`): the first load carries one
// language's table. Asked for offline before they were fetched, the page stays in Chinese and says so.
test.describe('the English words', () => {
  test.use({ serviceWorkers: 'block' });
  test('are fetched only when asked for; cut off, the page stays in Chinese, says so, and the switch asks again', async ({ context, page }) => {
    const fetched = [];
    context.on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/').pop()));
    const problems = watchPage(page);
    await page.goto('./');
    await expect(page.locator('[data-project]')).toHaveCount(48);
    expect(fetched.filter((f) => f.startsWith('pack_english-'))).toEqual([]);
    await context.route(/pack_english-/, (r) => r.abort());
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '英文界面尚未下载到本浏览器' })).toContainText('try again when online');
    await expect(page.getByRole('searchbox', { name: '搜索' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await shot(page, 'english-missing');
    await context.unroute(/pack_english-/);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // Opened in English (remembered): the page waits for the words and opens in English.
    await page.reload();
    await expect(page.locator('[data-project]')).toHaveCount(48);
    await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('searchbox', { name: '搜索' })).toBeVisible();
    // The cut-off fetch is the only problem the page reported (the browser's line and the loader's).
    expect(problems.filter((p) => !/Failed to (load resource|fetch)/.test(p))).toEqual([]);
    expect(problems.length).toBeGreaterThan(0);
  });
});
