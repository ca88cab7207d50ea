// Issue 37: every view at 10,000 projects with a year of reports. A functional check, not a timing: each
// view shows its content, builds what is in view (not the whole set), and the next click is answered, so
// a view built whole (a 督办单 of 6,000 notices froze the page for minutes) cannot return unnoticed.
// The times are measured by `make bench` (bench/views.mjs).
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { watchPage, shot } from './helpers.mjs';
import { createServer } from './server.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
// A view that keeps the page busy longer than this fails the check (the page froze for 99–117 s before).
const ANSWER = { timeout: 30_000 };

/** `synth n 7`'s list served as the published one, and a page with its year of reports imported. */
async function synthYear(page, n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `minsheng-views-${n}-`));
  execFileSync('cargo', ['run', '--quiet', '--bin', 'synth', '--', String(n), '7', dir], { cwd: root, stdio: 'inherit' });
  const entries = JSON.parse(fs.readFileSync(path.join(dir, 'progress-synth.json'), 'utf8')).entries.length;
  const server = createServer({ dataDir: dir });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  await page.goto(`http://127.0.0.1:${server.address().port}/?d=2024-09-30&v=exchange`);
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(path.join(dir, 'progress-synth.json'));
  await page.getByRole('button', { name: '应用合并' }).click({ timeout: 60_000 });
  await expect(page.getByText(`本浏览器中共有 ${entries} 条填报记录`)).toBeVisible({ timeout: 120_000 });
  return { entries, close: () => { server.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

test('every view at 10,000 projects with a year of reports shows what is in view and answers the next click', async ({ browser }) => {
  test.setTimeout(600_000);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const problems = watchPage(page);
  // 审核's name carries the count of what waits for the office.
  const tab = (name) => page.getByRole('navigation', { name: '视图' }).getByRole('button', name === '审核' ? { name: /^审核\s*\d+$/ } : { name, exact: true });
  const heading = (name) => page.getByRole('heading', { name, exact: true, level: 2 });
  const nodes = () => page.evaluate(() => document.getElementsByTagName('*').length);
  const { entries, close } = await synthYear(page, 10000);
  try {
    // Each view: its content, and no more of the page than a screen's worth of lines needs.
    const views = [
      ['清单', async () => { await expect(page.locator('.vrow').first()).toBeVisible(ANSWER); expect(await page.locator('.vrow').count()).toBeLessThan(60); }],
      ['甘特图', async () => { await expect(page.locator('.tl-row').first()).toBeVisible(ANSWER); expect(await page.locator('.tl-row').count()).toBeLessThan(80); }],
      ['总览', async () => {
        await expect(heading('总览')).toBeVisible(ANSWER);
        await expect(page.locator('.tile-value').first()).toHaveText(/\d/);
        // 10,000 indicators: the menu lists the first 200 and a search narrows them.
        const menu = page.getByRole('combobox', { name: '选择指标' });
        expect(await menu.locator('option').count()).toBeLessThanOrEqual(201);
        // 第7, 第70–79, 第700–799, 第7000–7999批: 1,111 match.
        await page.getByRole('searchbox', { name: '查找指标' }).fill('第7');
        await expect(page.getByText('匹配的指标共 1111 个，列出前 200 个')).toBeVisible(ANSWER);
        expect(await menu.locator('option').count()).toBe(200);
        for (const label of await menu.locator('option').allTextContents()) expect(label).toContain('第7');
        await page.getByRole('searchbox', { name: '查找指标' }).fill('');
      }],
      ['填报', async () => { await expect(heading('填报')).toBeVisible(ANSWER); }],
      ['报送情况', async () => { await expect(page.locator('table.submissions tbody tr').first()).toBeVisible(ANSWER); }],
      ['较上期变化', async () => {
        await expect(heading('较上期变化')).toBeVisible(ANSWER);
        // Groups of thousands are shown 100 rows at a time.
        const more = page.getByRole('button', { name: /^显示更多（已显示 100 \/ \d+ 项）$/ }).first();
        await expect(more).toBeVisible(ANSWER);
        await more.click();
        await expect(page.getByRole('button', { name: /^显示更多（已显示 200 \/ \d+ 项）$/ }).first()).toBeVisible(ANSWER);
      }],
      ['需协调事项', async () => { await expect(heading('需协调事项')).toBeVisible(ANSWER); }],
      ['督办单', async () => {
        const count = page.getByRole('status').filter({ hasText: /^共 \d+ 份督办单/ });
        await expect(count).toBeVisible(ANSWER);
        const total = Number((await count.textContent()).match(/共 (\d+) 份/)[1]);
        expect(total).toBeGreaterThan(1000);
        const list = page.getByRole('listbox', { name: '督办单列表' });
        const inView = await list.getByRole('option').count();
        expect(inView).toBeGreaterThan(3);
        expect(inView).toBeLessThan(30);
        // The last notice: scrolled to, chosen, shown in full.
        await list.evaluate((el) => { el.scrollTop = el.scrollHeight; });
        await list.getByRole('option').last().click();
        await list.press('End');
        await expect(list.getByRole('option', { selected: true })).toHaveCount(1);
        await expect(page.locator('article.notice-card .notice-sheet')).toHaveCount(1);
        await shot(page, 'scale-notices');
      }],
      ['审核', async () => {
        // Every month of every project waits for review: the queue builds 100 at a time.
        const queue = page.getByRole('listbox', { name: '待审核报告' });
        await expect(queue).toBeVisible(ANSWER);
        expect(await queue.getByRole('option').count()).toBe(100);
        const waiting = Number((await tab('审核').textContent()).match(/\d+/)[0]);
        expect(waiting).toBeGreaterThan(10000);
        await expect(page.getByRole('button', { name: new RegExp(`^显示更多（已显示 100 / \\d+ 项）$`) })).toBeVisible(ANSWER);
        await queue.focus();
        await page.keyboard.press('End');
        await expect(page.getByRole('region', { name: /\d+月$/ })).toBeVisible(ANSWER);
      }],
      ['通报', async () => { await expect(page.locator('article.bulletin')).toContainText('民生实事', ANSWER); }],
      ['数据交换', async () => { await expect(page.getByText(`本浏览器中共有 ${entries} 条填报记录`)).toBeVisible(ANSWER); }],
      ['同步', async () => { await expect(heading('同步')).toBeVisible(ANSWER); }],
      ['导入清单', async () => { await expect(heading('导入清单')).toBeVisible(ANSWER); }],
    ];
    // Twice round, and back to the list each time: entering and leaving every view.
    for (let round = 0; round < 2; round++) {
      for (const [name, check] of views) {
        await tab(name).click(ANSWER);
        await check();
        expect(await nodes(), `${name}: elements on the page`).toBeLessThan(8000);
        await tab('清单').click(ANSWER);
        await expect(page.locator('.vrow').first()).toBeVisible(ANSWER);
      }
    }

    // 全部打印 of every notice: numbered once each, printed in batches of at most 200.
    await tab('督办单').click(ANSWER);
    const count = page.getByRole('status').filter({ hasText: /^共 \d+ 份督办单/ });
    const total = Number((await count.textContent()).match(/共 (\d+) 份/)[1]);
    await page.evaluate(() => {
      window.__batches = [];
      window.print = () => { window.__batches.push([...document.querySelectorAll('.notice-print .notice-number')].map((n) => n.textContent)); };
    });
    await page.getByRole('button', { name: '全部打印' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^正在打印第 \d+ 批/ })).toBeVisible(ANSWER);
    await expect(page.getByRole('status').filter({ hasText: `已打印 ${total} / ${total} 份督办单` })).toBeVisible({ timeout: 300_000 });
    const batches = await page.evaluate(() => window.__batches);
    expect(batches.length).toBe(Math.ceil(total / 200));
    expect(Math.max(...batches.map((b) => b.length))).toBe(200);
    const numbers = batches.flat().map((n) => Number(n.match(/第 (\d+) 号/)[1]));
    expect(numbers).toEqual(Array.from({ length: total }, (_, k) => k + 1));
    await expect(count).toHaveText(`共 ${total} 份督办单，其中已编号 ${total} 份`);
    // The view is left as cheaply as any other.
    await tab('清单').click(ANSWER);
    await expect(page.locator('.vrow').first()).toBeVisible(ANSWER);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    close();
  }
});

test('全部打印 can be stopped between batches, and what was printed keeps its numbers', async ({ page }) => {
  // The bundled list has too few notices for two batches: a filter-free year at 1,000 projects has more.
  test.setTimeout(240_000);
  const { close } = await synthYear(page, 1000);
  try {
    await page.getByRole('navigation', { name: '视图' }).getByRole('button', { name: '督办单', exact: true }).click();
    const total = Number((await page.getByRole('status').filter({ hasText: /^共 \d+ 份督办单/ }).textContent()).match(/共 (\d+) 份/)[1]);
    expect(total).toBeGreaterThan(400);
    // Each print call holds the page for a second, as the browser's print dialog does while it is open.
    await page.evaluate(() => {
      window.__batches = [];
      window.print = () => {
        window.__batches.push(document.querySelectorAll('.notice-print .notice-sheet').length);
        const until = performance.now() + 1000;
        while (performance.now() < until);
      };
    });
    await page.getByRole('button', { name: '全部打印' }).click();
    const stop = page.getByRole('button', { name: '停止打印' });
    await expect(stop).toBeVisible();
    // Clicked as soon as the page takes input, between two batches (a pointer's click waits for the
    // button to hold still over two frames, and the run may be over by then).
    await stop.dispatchEvent('click');
    await expect(page.getByRole('status').filter({ hasText: /^已停止打印：已打印 \d+ \/ \d+ 份$/ })).toBeVisible();
    const printed = await page.evaluate(() => window.__batches.reduce((a, b) => a + b, 0));
    expect(printed).toBeLessThan(total);
    await expect(page.getByRole('status').filter({ hasText: `已停止打印：已打印 ${printed} / ${total} 份` })).toBeVisible();
    // Every notice was numbered when the run began, printed or not.
    await expect(page.getByRole('status').filter({ hasText: `共 ${total} 份督办单，其中已编号 ${total} 份` })).toBeVisible();
    await expect(page.getByRole('button', { name: '全部打印' })).toBeEnabled();
  } finally {
    close();
  }
});
