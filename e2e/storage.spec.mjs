// Issue 14: the ledger in IndexedDB. A year of reports for 10,000 projects survives a reload; data an
// earlier version kept in localStorage moves over once; 数据交换 shows the space used.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { watchPage, idbGet, holdStore } from './helpers.mjs';
import { createServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const plan = JSON.parse(fs.readFileSync(path.join(root, 'data', 'plan-2024.json'), 'utf8'));
const ledgerKey = `minsheng/v1/ledger/${plan.id}`;

test('a ledger an earlier version kept in localStorage moves to IndexedDB, and the old copy goes only then', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./?v=exchange');
  await expect(page.getByText('本浏览器中共有 0 条填报记录')).toBeVisible();
  const p = plan.projects[0];
  const file = {
    format: 'minsheng-progress', version: 1, plan: { id: plan.id, fingerprint: 'x', title: plan.title, year: plan.year },
    exported_at: '2024-07-01T08:00:00.000Z',
    entries: [{ id: 'old-1', project: p.id, indicator: p.indicators[0].id, value: 61, as_of: '2024-06-30', unit: p.lead_unit, note: '', person: '张三', recorded_at: '2024-07-01T08:00:00.000Z' }],
    decisions: [],
  };
  // As the localStorage version left it, with no IndexedDB database yet.
  await page.evaluate(([k, v]) => new Promise((resolve) => {
    localStorage.setItem(k, v);
    const req = indexedDB.deleteDatabase('minsheng');
    req.onsuccess = req.onerror = () => resolve();
  }), [ledgerKey, JSON.stringify(file)]);
  await page.reload();
  await expect(page.getByText('本浏览器中共有 1 条填报记录')).toBeVisible();
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), ledgerKey)).toBeNull();
  expect(JSON.parse(await idbGet(page, ledgerKey)).entries.map((e) => e.value)).toEqual([61]);
  // The storage panel: space used and the persistence state.
  const panel = page.getByRole('region', { name: '浏览器存储' });
  await expect(panel.getByRole('status')).toContainText('本网站已用');
  await expect(panel).toContainText('持久存储');
  expect(problems).toEqual([]);
});

test('a year of reports for 10,000 projects survives a reload', async ({ browser }) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-10k-'));
  execFileSync('cargo', ['run', '--quiet', '--bin', 'synth', '--', '10000', '2024', dir], { cwd: root, stdio: 'inherit' });
  const entries = JSON.parse(fs.readFileSync(path.join(dir, 'progress-synth.json'), 'utf8')).entries.length;
  const server = createServer({ dataDir: dir });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}/`;
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchPage(page);
  try {
    await page.goto(`${base}?v=exchange`);
    await expect(page.getByText('本浏览器中共有 0 条填报记录')).toBeVisible({ timeout: 60_000 });
    await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(path.join(dir, 'progress-synth.json'));
    await page.getByRole('button', { name: '应用合并' }).click({ timeout: 60_000 });
    const count = page.getByText(`本浏览器中共有 ${entries.toLocaleString('en-US').replace(/,/g, '')} 条填报记录`);
    await expect(count).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('alert').filter({ hasText: '存储空间已满' })).toHaveCount(0);
    // Saved (the save runs after the merge is shown): the stored file has every entry.
    await expect.poll(async () => {
      const text = await idbGet(page, `minsheng/v1/ledger/${JSON.parse(fs.readFileSync(path.join(dir, 'plan-synth.json'), 'utf8')).id}`);
      return text ? JSON.parse(text).entries.length : 0;
    }, { timeout: 60_000 }).toBe(entries);
    await page.reload();
    await expect(count).toBeVisible({ timeout: 60_000 });
    const panel = page.getByRole('region', { name: '浏览器存储' });
    await expect(panel.getByRole('status')).toContainText(/本网站已用 \d+(\.\d)? MB/);
    console.log(`10,000 projects: ${entries} entries stored; ${await panel.getByRole('status').textContent()}`);
    // The list (read from the packed copy synth writes) builds only the lines in view, sized by the
    // box's observed height, and follows the scroll to the last project.
    await page.goto(base);
    const rows = page.locator('.vrow');
    await expect(rows.first()).toBeVisible({ timeout: 60_000 });
    const inView = await rows.count();
    expect(inView).toBeGreaterThan(5);
    expect(inView).toBeLessThan(60);
    await page.locator('.vlist').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await expect(page.locator('.vrow .vseq', { hasText: /^10000$/ })).toBeVisible();
    // A search keeps the lines' elements and rewrites what they show: no line is built or removed
    // while the window stays full (1,111 projects match 第7).
    await page.locator('.vlist').evaluate((el) => { el.scrollTop = 0; });
    await expect(page.locator('.vrow .vseq', { hasText: /^1$/ })).toBeVisible();
    const before = await page.locator('.vline').evaluateAll((els) => els.map((el, i) => { el.dataset.slot = String(i); return el.dataset.project || ''; }));
    await page.getByRole('searchbox', { name: '搜索' }).fill('第7');
    await expect(page.locator('.vrow .vseq', { hasText: /^1$/ })).toHaveCount(0);
    await expect(page.locator('.vrow').first()).toContainText('第7批');
    const after = await page.locator('.vline').evaluateAll((els) => els.map((el) => [el.dataset.slot ?? null, el.dataset.project || '']));
    expect(after.length).toBe(before.length);
    expect(after.every(([slot]) => slot !== null)).toBe(true);
    expect(after.map(([, project]) => project)).not.toEqual(before);
    for (const name of await page.locator('.vrow .project-link').allTextContents()) expect(name).toContain('第7');
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/data/plan-synth.bin')))).toBe(true);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a bulk import too big for the journal: closing the page during its save asks first, and not once it is saved', async ({ context }) => {
  // 5,001 records: more than the journal takes, so until IndexedDB has them the page asks before closing.
  const p = plan.projects[0];
  const entries = Array.from({ length: 5001 }, (_, i) => ({
    id: `bulk-${i}`, project: p.id, indicator: p.indicators[0].id, value: i % 200, as_of: '2024-06-30', unit: p.lead_unit,
    note: '', person: '', recorded_at: `2024-07-01T08:00:00.${String(i % 1000).padStart(3, '0')}Z`,
  }));
  const file = path.join(os.tmpdir(), 'minsheng-bulk.json');
  fs.writeFileSync(file, JSON.stringify({
    format: 'minsheng-progress', version: 1, plan: { id: plan.id, fingerprint: 'x', title: plan.title, year: plan.year },
    exported_at: '2024-07-01T08:00:00.000Z', entries, decisions: [],
  }));
  const other = await context.newPage();
  await other.goto('./?v=exchange');
  const page = await context.newPage();
  await page.goto('./?v=exchange');
  await expect(page.getByText('本浏览器中共有 0 条填报记录')).toBeVisible();
  // Another tab's long write holds the store: the import's save waits.
  const release = await holdStore(other);
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(file);
  await page.getByRole('button', { name: '应用合并' }).click();
  await expect(page.getByText('本浏览器中共有 5001 条填报记录')).toBeVisible();
  const asked = [];
  page.on('dialog', (dialog) => { asked.push(dialog.type()); dialog.dismiss(); });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);
  await release();
  await expect.poll(async () => {
    const text = await idbGet(page, ledgerKey);
    return text ? JSON.parse(text).entries.length : 0;
  }).toBe(5001);
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(asked).toEqual(['beforeunload']);
  fs.rmSync(file);
});
