// Issue 6: progress entry, saved in the browser, exported, imported and merged with nothing lost.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchPage, shot, artifacts, idbGet, idbSet, idbKeys, clearStorage, holdStore, trustFirstKeys } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const plan = JSON.parse(fs.readFileSync(path.join(here, '..', 'data', 'plan-2024.json'), 'utf8'));
const meals = plan.projects[0]; // 新增老年助餐服务点 227 个, 市民政局
const beds = plan.projects[1]; // 新增认知障碍照护专区床位 1000 张, 市民政局
const ledgerKey = `minsheng/v1/ledger/${plan.id}`;

async function openProject(page, name) {
  await page.goto('./');
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

async function enterValue(page, indicatorName, value, unit = '市民政局') {
  await page.getByRole('combobox', { name: '填报单位' }).selectOption(unit);
  await page.getByRole('textbox', { name: `${indicatorName} 数值` }).fill(value);
  await page.getByRole('textbox', { name: `${indicatorName} 数值` }).locator('xpath=ancestor::form').getByRole('button', { name: '保存' }).click();
}

function progressFile(entries, unit) {
  return JSON.stringify({
    format: 'minsheng-progress', version: 1,
    plan: { id: plan.id, fingerprint: 'from-test', title: plan.title, year: plan.year },
    exported_at: '2024-10-01T08:00:00.000Z', exported_by: unit, entries, decisions: [],
  });
}

test('enter a value, reload, still there; the status follows', async ({ page }) => {
  const problems = watchPage(page);
  await openProject(page, meals.name);
  await enterValue(page, '新增老年助餐服务点', '95');
  const history = page.getByRole('region', { name: '填报记录' }).or(page.locator('section[aria-labelledby=history-title]'));
  await expect(history).toContainText('95个');
  await page.reload();
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('95个');
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('市民政局');
  await shot(page, 'detail-after-entry');
  expect(problems).toEqual([]);
});

test('an entry whose save had not landed when its page closed is there on the next visit, then saved', async ({ context }) => {
  // Another tab's long write holds the store, so the entry's save waits in its queue; the page is closed
  // before it runs (a closed page's transactions are aborted). The entry must survive in the journal.
  const other = await context.newPage();
  await other.goto('./?v=exchange');
  await expect(other.getByText('本浏览器中共有 0 条填报记录')).toBeVisible();
  const page = await context.newPage();
  await openProject(page, meals.name);
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('尚无填报记录');
  const release = await holdStore(other);
  await enterValue(page, '新增老年助餐服务点', '95');
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('95个');
  await page.close();
  const pendingKeys = () => other.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('/pending/')));
  expect(await pendingKeys()).toHaveLength(1);
  await release();
  expect(await idbGet(other, ledgerKey)).toBeNull();

  const next = await context.newPage();
  await openProject(next, meals.name);
  await expect(next.locator('section[aria-labelledby=history-title]')).toContainText('95个');
  await expect(next.locator('section[aria-labelledby=history-title]')).toContainText('市民政局');
  await expect(next.getByText('已找回 1 条页面关闭或刷新前尚未存入浏览器的记录。')).toBeVisible();
  // Saved to IndexedDB by this page, and the journal it came from removed.
  await expect.poll(async () => (JSON.parse(await idbGet(next, ledgerKey) ?? '{"entries":[]}').entries.map((e) => e.value))).toEqual([95]);
  await expect.poll(pendingKeys).toEqual([]);
  // A journal whose records are saved already (its page closed between its save and removing it) is
  // removed at load, with nothing to report.
  const saved = await idbGet(next, ledgerKey);
  await next.evaluate(([k, v]) => localStorage.setItem(k, v), [`${ledgerKey}/pending/closed-page`, saved]);
  await next.reload();
  await expect(next.locator('section[aria-labelledby=history-title]')).toContainText('95个');
  await expect.poll(pendingKeys).toEqual([]);
  await expect(next.getByText(/已找回/)).toHaveCount(0);
});

test('a page that shows another list and comes back, then closes before its save landed, still keeps the entry', async ({ context }) => {
  // Each visit of a page to a list journals under its own key: coming back to the list (whose ledger is
  // read afresh) must not remove or overwrite what the first visit journalled.
  const other = await context.newPage();
  await other.goto('./?v=exchange');
  const page = await context.newPage();
  await page.goto('./');
  await page.getByRole('button', { name: '导入清单' }).click();
  await page.getByRole('textbox', { name: '粘贴清单' }).fill([
    '2025 年民生实事项目责任清单',
    '序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排',
    '1\t“安居”在某市\t新建口袋公园 30 个\t张三\t市园林局\t李四\t\t11月底\t6月30日前完成不少于 12 个；11月底前全面完成。',
  ].join('\n'));
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.locator('[data-project]')).toHaveCount(1);
  await expect.poll(async () => (await idbKeys(page)).some((k) => k.endsWith('/plans'))).toBe(true);
  const chooser = page.getByRole('combobox', { name: '当前清单' });
  await chooser.selectOption({ label: '2024 年市政府民生实事项目责任清单' });
  await page.getByRole('link', { name: meals.name }).click();
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('尚无填报记录');
  const release = await holdStore(other);
  await enterValue(page, '新增老年助餐服务点', '95');
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('95个');
  await page.getByRole('button', { name: '清单', exact: true }).click();
  await chooser.selectOption({ label: '2025 年民生实事项目责任清单（已导入）' });
  await expect(page.locator('[data-project]')).toHaveCount(1);
  await chooser.selectOption({ label: '2024 年市政府民生实事项目责任清单' });
  await expect(page.locator('[data-project]')).toHaveCount(48);
  await page.close();
  await release();
  const next = await context.newPage();
  await openProject(next, meals.name);
  await expect(next.locator('section[aria-labelledby=history-title]')).toContainText('95个');
  await expect.poll(async () => (JSON.parse(await idbGet(next, ledgerKey) ?? '{"entries":[]}').entries.map((e) => e.value))).toEqual([95]);
});

test('invalid values are refused at the field and nothing is saved', async ({ page }) => {
  await openProject(page, meals.name);
  for (const [text, message] of [['abc', '不是数字'], ['-3', '不能为负'], ['1000', '1.5 倍']]) {
    await enterValue(page, '新增老年助餐服务点', text);
    await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
  }
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('尚无填报记录');
  const stored = await idbGet(page, ledgerKey);
  expect(stored === null || JSON.parse(stored).entries.length === 0).toBeTruthy();
});

test('undo reverts the last change, keeping history', async ({ page }) => {
  await openProject(page, meals.name);
  await enterValue(page, '新增老年助餐服务点', '50');
  await enterValue(page, '新增老年助餐服务点', '60');
  await page.getByRole('button', { name: '撤销上一次修改' }).click();
  const table = page.locator('section[aria-labelledby=history-title] tbody tr');
  await expect(table).toHaveCount(3);
  await expect(page.locator('.data-table').first()).toContainText('50个');
  // A second undo withdraws the first figure too: nothing is in force, the history keeps all four.
  await page.getByRole('button', { name: '撤销上一次修改' }).click();
  await expect(table).toHaveCount(4);
  await expect(page.locator('.data-table').first().locator('tbody tr').first()).toContainText('未填报');
  await expect(page.getByRole('button', { name: '撤销上一次修改' })).toBeDisabled();
});

test('deleting without a reporting unit is refused with a message, and nothing is saved', async ({ page }) => {
  await openProject(page, meals.name);
  await enterValue(page, '新增老年助餐服务点', '30');
  await page.getByRole('combobox', { name: '填报单位' }).selectOption('');
  await page.locator('section[aria-labelledby=history-title]').getByRole('button', { name: '删除' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请先选择填报单位' })).toBeVisible();
  await page.reload();
  await expect(page.locator('section[aria-labelledby=history-title] tbody tr')).toHaveCount(1);
});

test('export, clear storage, import: identical', async ({ page }) => {
  await openProject(page, meals.name);
  await enterValue(page, '新增老年助餐服务点', '120');
  await page.getByRole('button', { name: '数据交换' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 JSON' }).click()]);
  const file = path.join(artifacts, 'export.json');
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(exported.format).toBe('minsheng-progress');
  expect(exported.plan.id).toBe(plan.id);
  expect(exported.entries).toHaveLength(1);
  const before = JSON.parse(await idbGet(page, ledgerKey)).entries;

  await clearStorage(page);
  await page.reload();
  await expect(page.getByText('本浏览器中共有 0 条填报记录')).toBeVisible();
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(file);
  // The file is signed; the key went with the storage, so it is a first key here.
  await trustFirstKeys(page);
  await expect(page.getByRole('region', { name: '合并预览' })).toContainText('新增记录 1 条');
  await page.getByRole('button', { name: '应用合并' }).click();
  await expect(page.getByText('本浏览器中共有 1 条填报记录')).toBeVisible();
  await expect.poll(async () => JSON.parse((await idbGet(page, ledgerKey)) ?? '{"entries":[]}').entries).toEqual(before);
});

test('two departments’ files: both units kept, a conflict shown; cancel changes nothing', async ({ page }) => {
  const ind = meals.indicators[0].id;
  const a = path.join(artifacts, 'dept-a.json');
  const b = path.join(artifacts, 'dept-b.json');
  fs.writeFileSync(a, progressFile([
    { id: 'e-a1', project: meals.id, indicator: ind, value: 100, as_of: '2024-09-30', unit: '市民政局', recorded_at: '2024-10-01T08:00:00.000Z' },
  ], '市民政局'));
  fs.writeFileSync(b, progressFile([
    { id: 'e-b1', project: meals.id, indicator: ind, value: 90, as_of: '2024-09-30', unit: '市财政局', recorded_at: '2024-10-01T09:00:00.000Z' },
    { id: 'e-b2', project: beds.id, indicator: beds.indicators[0].id, value: 510, as_of: '2024-09-30', unit: '市财政局', recorded_at: '2024-10-01T09:00:00.000Z' },
  ], '市财政局'));
  await page.goto('./?v=exchange');
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles([a, b]);
  const preview = page.getByRole('region', { name: '合并预览' });
  await expect(preview).toContainText('新增记录 3 条');
  await expect(preview).toContainText('市民政局');
  await expect(preview).toContainText('市财政局');
  await expect(preview).toContainText('同一日期数值不一致');
  await page.getByRole('button', { name: '取消' }).click();
  await expect(page.getByText('本浏览器中共有 0 条填报记录')).toBeVisible();

  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles([a, b]);
  await page.getByRole('button', { name: '应用合并' }).click();
  await expect(page.getByText('本浏览器中共有 3 条填报记录')).toBeVisible();
  await expect(page.locator('section[aria-labelledby=attention-title]')).toContainText('同一日期数值不一致');
  await shot(page, 'exchange-after-merge');
});

test('bad files are refused with the file name and the problem; state unchanged', async ({ page }) => {
  const bad = path.join(here, '..', 'tests', 'bad-progress');
  await page.goto('./?v=exchange');
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles([path.join(bad, 'truncated.json'), path.join(bad, 'newer-version.json')]);
  const alert = page.locator('.file-errors');
  await expect(alert).toContainText('truncated.json');
  await expect(alert).toContainText('不是有效的 JSON');
  await expect(alert).toContainText('newer-version.json');
  await expect(alert).toContainText('版本 4');
  await expect(page.getByRole('region', { name: '合并预览' })).toHaveCount(0);
  await expect(page.getByText('本浏览器中共有 0 条填报记录')).toBeVisible();
});

test('corrupt storage: kept aside, the backup restored, the user told', async ({ page }) => {
  await openProject(page, meals.name);
  await enterValue(page, '新增老年助餐服务点', '70');
  await enterValue(page, '新增老年助餐服务点', '80');
  await idbSet(page, ledgerKey, '{"format":"minsheng-progress","version":1,"entries":[{"id":');
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: '无法读取' })).toBeVisible();
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('70个');
  const keys = await idbKeys(page);
  expect(keys.some((k) => k.includes('/corrupt/'))).toBeTruthy();
  await page.getByRole('button', { name: '数据交换' }).click();
  await expect(page.getByText('无法读取的存储副本')).toBeVisible();
});

test('two tabs editing different projects both keep their entries', async ({ context }) => {
  const one = await context.newPage();
  const two = await context.newPage();
  await openProject(one, meals.name);
  await openProject(two, beds.name);
  await enterValue(one, '新增老年助餐服务点', '11');
  await enterValue(two, '新增认知障碍照护专区床位', '22');
  await expect.poll(async () => JSON.parse(await idbGet(one, ledgerKey)).entries.length).toBe(2);
  await one.reload();
  await expect(one.locator('section[aria-labelledby=history-title]')).toContainText('11个');
  await one.getByRole('button', { name: '数据交换' }).click();
  await expect(one.getByText('本浏览器中共有 2 条填报记录')).toBeVisible();
});

test('the monthly grid: keyboard, paste a column, per-cell validation, one save', async ({ page }) => {
  await page.goto('./?v=entry');
  await page.getByRole('combobox', { name: '我的单位' }).selectOption('市住保房管局');
  await page.getByRole('combobox', { name: '月份' }).selectOption('9');
  const cells = page.locator('input.grid-cell');
  await expect(cells).toHaveCount(5);
  await cells.first().click();
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', '410\n76\n4600\n6100\n');
    document.querySelector('[data-grid-cell="0"]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(cells.nth(1)).toHaveValue('76');
  await expect(cells.nth(3)).toHaveValue('6100');
  await cells.nth(3).press('Enter');
  await expect(cells.nth(4)).toBeFocused();
  await cells.nth(4).fill('many');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '“many”不是数字' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: '未保存任何数值' })).toBeVisible();
  await cells.nth(4).fill('');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存 4 条记录' })).toBeVisible();
  await shot(page, 'grid');
  await expect.poll(async () => JSON.parse(await idbGet(page, ledgerKey)).entries.length).toBe(4);
  const n = JSON.parse(await idbGet(page, ledgerKey)).entries.length;
  expect(n).toBe(4);
});

test('storage full: a clear message asking to export, and what was saved before is intact', async ({ page }) => {
  await openProject(page, meals.name);
  await enterValue(page, '新增老年助餐服务点', '40');
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('40个');
  // From now on the browser refuses to store the ledger (quota exceeded).
  await page.evaluate(() => {
    const original = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (String(key).includes('/ledger/')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.call(this, value, key);
    };
  });
  await enterValue(page, '新增老年助餐服务点', '55');
  await expect(page.getByRole('alert').filter({ hasText: '存储空间已满' })).toContainText('导出 JSON');
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('55个');
  const stored = JSON.parse(await idbGet(page, ledgerKey)).entries.map((e) => e.value);
  expect(stored).toEqual([40]);
  // Exporting still works, with both figures.
  await page.getByRole('button', { name: '数据交换' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 JSON' }).click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  expect(exported.entries.map((e) => e.value).sort()).toEqual([40, 55]);
});

test.describe('the code that reads stored records is loaded on demand', () => {
  // Requests served by a service worker bypass page.route: without it, the chunk comes from the server.
  test.use({ serviceWorkers: 'block' });
  const reader = '**/pack_progress_reader-*.bin';

  test('a first visit loads it only for its first save; when it cannot be loaded, nothing stored is read or written over, the page says why (once), and the next visit has everything', async ({ page }) => {
    const fetched = [];
    page.on('request', (r) => { if (/pack_progress_reader-/.test(r.url())) fetched.push(r.url()); });
    const history = page.locator('section[aria-labelledby=history-title]');
    const notice = page.getByText('本浏览器中保存的填报记录暂时无法读取，也暂不保存');
    const stored = async () => JSON.parse(await idbGet(page, ledgerKey) ?? '{"entries":[]}').entries.map((e) => e.value).sort((a, b) => a - b);
    const journals = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('/pending/')).map((k) => JSON.parse(localStorage.getItem(k)).entries.map((e) => e.value).sort((a, b) => a - b)));
    await openProject(page, meals.name);
    await expect(history).toContainText('尚无填报记录');
    // Nothing stored: the list, the project and its history are shown without it.
    expect(fetched).toEqual([]);

    // Offline before the chunk was cached: the first saves cannot merge what is stored, so they wait,
    // journalled; the page says so once, however many changes fail.
    await page.route(reader, (route) => route.abort());
    await enterValue(page, '新增老年助餐服务点', '95');
    await expect(notice).toHaveCount(1);
    await enterValue(page, '新增老年助餐服务点', '96');
    await expect(history).toContainText('96个');
    await expect.poll(journals).toEqual([[95, 96]]);
    await expect(notice).toHaveCount(1);
    expect(await idbGet(page, ledgerKey)).toBeNull();
    // Back online: the next change saves them all.
    await page.unroute(reader);
    await enterValue(page, '新增老年助餐服务点', '97');
    await expect.poll(stored).toEqual([95, 96, 97]);
    expect(fetched.length).toBeGreaterThanOrEqual(2);

    // Offline again at the next visit: the stored entries cannot be read.
    await page.route(reader, (route) => route.abort());
    await page.reload();
    await expect(notice).toBeVisible();
    await shot(page, 'reader-missing');
    await expect(history).toContainText('尚无填报记录');
    // An entry made meanwhile is kept in the journal, and what is stored is not written over.
    await enterValue(page, '新增老年助餐服务点', '120');
    await expect(history).toContainText('120个');
    await expect.poll(journals).toEqual([[120]]);
    expect(await stored()).toEqual([95, 96, 97]);
    await expect(notice).toHaveCount(1);

    // Online again: every entry, saved, and the journal gone.
    await page.unroute(reader);
    await page.reload();
    await expect(history).toContainText('97个');
    await expect(history).toContainText('120个');
    await expect(page.getByText('已找回 1 条页面关闭或刷新前尚未存入浏览器的记录。')).toBeVisible();
    await expect.poll(stored).toEqual([95, 96, 97, 120]);
    await expect.poll(journals).toEqual([]);
  });
});
