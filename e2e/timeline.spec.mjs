// Issue 7: the Gantt-style milestone timeline.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { watchPage, shot } from './helpers.mjs';
import { createServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const plan = JSON.parse(fs.readFileSync(path.join(here, '..', 'data', 'plan-2024.json'), 'utf8'));
const markerCount = plan.projects.reduce((n, p) => n + new Set(p.milestones.map((m) => m.due)).size, 0);

test('one row per project and one marker per milestone date; filters apply', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./?v=timeline&d=2024-09-30');
  const rows = page.locator('.tl-row[data-project]');
  await expect(rows).toHaveCount(48);
  await expect(page.locator('.tl-group')).toHaveCount(10);
  await expect(page.locator('.tl-marker')).toHaveCount(markerCount);
  await shot(page, 'timeline-1366');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, 'timeline-1920');
  await page.getByRole('button', { name: '牵头单位' }).click();
  await page.getByRole('group', { name: '牵头单位' }).getByRole('checkbox', { name: /市卫生健康委员会/ }).check();
  await expect(rows).toHaveCount(6);
  expect(problems).toEqual([]);
});

test('a milestone due on 31 December shows whole, with its label', async ({ page }) => {
  await page.goto('./?v=timeline&d=2024-09-30');
  const row = page.locator('.tl-row', { hasText: '全市困难群众医疗费用综合保障率' });
  await expect(row).toHaveCount(1);
  const edges = await row.evaluate((tr) => {
    const svg = tr.querySelector('.tl-svg');
    const last = (sel) => [...svg.querySelectorAll(sel)].pop().getBoundingClientRect().right;
    return { svg: svg.getBoundingClientRect().right, marker: last('.tl-marker'), label: last('.tl-label') };
  });
  expect(edges.marker).toBeLessThanOrEqual(edges.svg);
  expect(edges.label).toBeLessThanOrEqual(edges.svg);
});

test('the report-date line moves with the report date', async ({ page }) => {
  await page.goto('./?v=timeline&d=2024-03-31');
  const line = page.locator('.tl-header .tl-report');
  const x1 = Number(await line.getAttribute('x1'));
  await page.getByRole('combobox', { name: '月末快选' }).selectOption('9');
  await expect(line).not.toHaveAttribute('x1', String(x1));
  const x2 = Number(await line.getAttribute('x1'));
  expect(x2 - x1).toBeCloseTo(183 * 2.5, 5);
});

test('tooltip shows the verbatim plan text; keyboard moves between rows and markers; Enter opens', async ({ page }) => {
  await page.goto('./?v=timeline&d=2024-09-30');
  const first = page.locator('.tl-row[data-project]').first();
  const marker = first.locator('.tl-marker').nth(2);
  await marker.hover();
  const tip = page.getByRole('tooltip');
  await expect(tip).toContainText(plan.projects[0].milestones[2].text);
  // The pointer leaving the marker hides it (the chart listens for every marker at once).
  await first.locator('.tl-name').hover();
  await expect(tip).toHaveCount(0);
  await marker.hover();
  await expect(tip).toContainText(plan.projects[0].milestones[2].text);
  await first.locator('.tl-name').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.tl-row[data-project]').nth(1).locator('.tl-name')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tip).toContainText(plan.projects[1].milestones[0].text);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: plan.projects[1].name })).toBeVisible();
});

test('zoom levels, expandable indicators, SVG and PNG downloads', async ({ page }) => {
  await page.goto('./?v=timeline');
  const table = page.locator('.tl-table');
  const w1 = (await table.boundingBox()).width;
  await page.getByRole('combobox', { name: '缩放' }).selectOption({ label: '月' });
  await expect.poll(async () => (await table.boundingBox()).width).toBeGreaterThan(w1 * 5);
  await page.getByRole('combobox', { name: '缩放' }).selectOption({ label: '全年' });
  const housing = page.locator('.tl-row[data-project]').filter({ hasText: '新开工保障房' });
  await housing.getByRole('button', { name: '展开各项指标' }).click();
  await expect(page.locator('.tl-row.tl-sub')).toHaveCount(2);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 SVG' }).click()]);
  const text = fs.readFileSync(await svg.path(), 'utf8');
  expect(text.startsWith('<svg')).toBeTruthy();
  expect((text.match(/<path/g) || []).length).toBeGreaterThan(100);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 PNG' }).click()]);
  expect(fs.readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
});

test('prints across pages with the header repeated', async ({ page }) => {
  await page.goto('./?v=timeline');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.tl-toolbar')).toBeHidden();
  const display = await page.locator('.tl-table thead').evaluate((el) => getComputedStyle(el).display);
  expect(display).toBe('table-header-group');
});

// The rows out of view wait for idle time (requestIdleCallback); a browser without it (Safari) builds
// them in a task of its own.
for (const [view, selector] of [['timeline', '.tl-row[data-project]'], ['list', 'tr.project-row']]) {
  test(`without idle callbacks, the ${view} still builds every row after the first frame`, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.addInitScript(() => { delete window.requestIdleCallback; delete Window.prototype.requestIdleCallback; });
    const problems = watchPage(page);
    await page.goto(`./?${view === 'timeline' ? 'v=timeline&' : ''}d=2024-09-30`);
    expect(await page.evaluate(() => typeof window.requestIdleCallback)).toBe('undefined');
    await expect(page.locator(selector)).toHaveCount(48);
    expect(problems).toEqual([]);
  });
}

// Issue 15: the first frame builds the rows the timeline's box shows, and not many more: its height is
// estimated from its style (max-height: calc(100vh - 260px), ui/timeline/mod.rs), which must agree.
for (const [width, height] of [[1366, 768], [1920, 1080], [1280, 600]]) {
  test(`the timeline's first frame fills its box at ${width}×${height}, and builds at most two rows below it`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('.tl-row')) {
          observer.disconnect();
          requestAnimationFrame(() => {
            const box = document.querySelector('.tl-scroll').getBoundingClientRect();
            const rows = [...document.querySelectorAll('.tl-scroll tbody tr:not(.tl-spacer)')].map((r) => r.getBoundingClientRect());
            window.__firstFrame = { boxBottom: box.bottom, lastBottom: Math.max(...rows.map((r) => r.bottom)), below: rows.filter((r) => r.top >= box.bottom).length };
          });
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto('./?v=timeline&d=2024-09-30');
    await expect(page.locator('.tl-row[data-project]')).toHaveCount(48);
    const first = await page.evaluate(() => window.__firstFrame);
    expect(first.lastBottom).toBeGreaterThanOrEqual(first.boxBottom - 1);
    expect(first.below).toBeLessThanOrEqual(2);
  });
}

// Issue 15: the first frame shows the rows of the first screen; the others follow once it is painted.
for (const [view, selector] of [['timeline', '.tl-row[data-project]'], ['list', 'tr.project-row']]) {
  test(`the ${view}'s first frame builds the rows in view, then every row`, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.addInitScript((sel) => {
      new MutationObserver((_, observer) => {
        if (document.querySelector(sel)) {
          observer.disconnect();
          requestAnimationFrame(() => { window.__firstFrameRows = document.querySelectorAll(sel).length; });
        }
      }).observe(document, { childList: true, subtree: true });
    }, selector);
    await page.goto(`./?${view === 'timeline' ? 'v=timeline&' : ''}d=2024-09-30`);
    await expect(page.locator(selector)).toHaveCount(48);
    const first = await page.evaluate(() => window.__firstFrameRows);
    // 768 px show about a dozen rows of either view.
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThan(30);
  });
}

// Issue 15: loading builds each row in view once. A signal set to what it already held at start (the
// ledger, emptied for the plan shown) or a memo tracked before it was first computed (then computed by
// the first rows built) counted as a change of data and rebuilt the rows in view before the first frame.
for (const [view, selector] of [['timeline', '.tl-row'], ['list', 'tr.project-row']]) {
  test(`loading the ${view} removes no row it built`, async ({ page }) => {
    await page.addInitScript((sel) => {
      window.__removedRows = 0;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.removedNodes) if (n.nodeType === 1 && n.matches(sel)) window.__removedRows++;
      }).observe(document, { childList: true, subtree: true });
    }, selector);
    await page.goto(`./?${view === 'timeline' ? 'v=timeline&' : ''}d=2024-09-30`);
    await expect(page.locator(`${selector}[data-project]`)).toHaveCount(48);
    // The stored ledger and the imported lists are read from IndexedDB meanwhile: once both have landed
    // (the app marks each) and two frames have been drawn, no row may have been built again.
    await page.waitForFunction(() => ['minsheng:ledger-ready', 'minsheng:imports-ready'].every((m) => performance.getEntriesByName(m).length > 0));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => window.__removedRows)).toBe(0);
  });
}

// Issue 15: a page's first date field sets up the browser's date formats (~7 ms of the first frame), so
// the first frame shows the report date as read-only text in the same box; once that frame is painted
// (the first idle callback) it is the date field.
test('the report date is text in the first frame, then the date field, in the same box', async ({ page }) => {
  await page.addInitScript(() => {
    window.__idle = [];
    window.requestIdleCallback = (cb) => window.__idle.push(cb);
  });
  await page.goto('./?d=2024-09-30');
  const date = page.getByLabel('统计日期', { exact: true });
  await expect(page.locator('tr.project-row').first()).toBeVisible();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const first = await date.evaluate((el) => ({ type: el.type, readOnly: el.readOnly, value: el.value, width: el.getBoundingClientRect().width, height: el.getBoundingClientRect().height }));
  expect(first).toMatchObject({ type: 'text', readOnly: true, value: '2024-09-30' });
  await page.evaluate(() => { for (const cb of window.__idle.splice(0)) cb({ didTimeout: false, timeRemaining: () => 50 }); });
  await expect(date).toHaveAttribute('type', 'date');
  const after = await date.evaluate((el) => ({ readOnly: el.readOnly, value: el.value, width: el.getBoundingClientRect().width, height: el.getBoundingClientRect().height }));
  expect(after).toEqual({ readOnly: false, value: '2024-09-30', width: first.width, height: first.height });
  await date.fill('2024-06-30');
  await expect(page).toHaveURL(/d=2024-06-30/);
  // A header built again (another language) has its date field from the start: no idle callback is
  // run again here.
  await page.getByRole('button', { name: 'English' }).click();
  const field = page.getByLabel('Report date', { exact: true });
  await expect(field).toHaveAttribute('type', 'date');
  await expect(field).not.toHaveAttribute('readonly', '');
  await expect(field).toHaveValue('2024-06-30');
});

// Issue 15: beyond 200 lines only the lines in view are built, between spacers of the others' height.
// Every line is 44 px (a project's chart once made its row 45, and the lines in view jumped a pixel for
// each row the window passed), and the browser does not anchor the scroll position (it moved it by
// those pixels, which fired a second scroll event and built the window again at every move).
test('at 1,000 projects the lines stay in place as the window of built lines moves', async ({ browser }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-1k-'));
  execFileSync('cargo', ['run', '--quiet', '--bin', 'synth', '--', '1000', '2024', dir], { cwd: path.join(here, '..'), stdio: 'inherit' });
  const server = createServer({ dataDir: dir });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const problems = watchPage(page);
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/?v=timeline&d=2024-09-30`);
    await expect(page.locator('.tl-row').first()).toBeVisible({ timeout: 60_000 });
    const moves = await page.locator('.tl-scroll').evaluate(async (el) => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      await frame();
      const top = (n) => el.querySelector(`[data-tl-row="${n}"]`).getBoundingClientRect().top - el.querySelector('table').getBoundingClientRect().top;
      const first = top(0);
      let events = 0;
      el.addEventListener('scroll', () => events++);
      const out = [];
      for (let k = 1; k <= 10; k++) {
        el.scrollTop = k * 500;
        await frame();
        await frame();
        const built = [...el.querySelectorAll('tr[data-tl-row]')].map((r) => Number(r.dataset.tlRow));
        const misplaced = built.filter((n) => Math.abs(top(n) - (first + 44 * n)) > 0.5);
        out.push({ asked: k * 500, at: el.scrollTop, from: Math.min(...built), misplaced: misplaced.length });
      }
      return { out, events };
    });
    for (const m of moves.out) expect(m).toEqual({ asked: m.asked, at: m.asked, from: m.from, misplaced: 0 });
    // The window moved: lines near the end are built, the first ones are not.
    expect(moves.out.at(-1).from).toBeGreaterThan(50);
    expect(moves.events).toBe(10);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
