// Issue 13: a supervision month played end to end. Two units report 8月底 and 9月底 in their own
// browsers (the clock is set to the day each reports: one is late, one misses 9月), with report texts;
// they export their files; the office imports both, reads 报送情况, sends 催报, reads 较上期变化,
// prints a 督办单, reads the bulletin and exports the 台账 as Excel.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchPage, shot, artifacts, trustFirstKeys } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const plan = JSON.parse(fs.readFileSync(path.join(here, '..', 'data', 'plan-2024.json'), 'utf8'));
const meals = plan.projects[0]; // 新增老年助餐服务点 227 个, 市民政局
const beds = plan.projects[1]; // 新增认知障碍照护专区床位 1000 张, 市民政局
const quiet = plan.projects[20]; // 建成“宁静小区” 50 个, 市生态环境局

// Chinese time: the offices' calendar.
const at = (day) => new Date(`${day}T10:00:00+08:00`);

/** Opens the grid of `unit` for month-end `month` with the browser's clock at `day`. */
async function openGrid(page, day, unit, month) {
  await page.clock.setFixedTime(at(day));
  await page.goto('./?v=entry');
  await page.getByRole('combobox', { name: '我的单位' }).selectOption(unit);
  await page.getByRole('combobox', { name: '月份' }).selectOption(String(month));
}

async function texts(page, project, values) {
  await page.getByRole('button', { name: `${project.name} 月报` }).click();
  const group = page.getByRole('group', { name: project.name });
  for (const [field, text] of Object.entries(values)) {
    await group.getByRole('textbox', { name: field }).fill(text);
  }
}

async function save(page, count) {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `已保存 ${count} 条记录` })).toBeVisible();
}

async function exportAll(page, name) {
  await page.getByRole('button', { name: '数据交换' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 JSON' }).click()]);
  const file = path.join(artifacts, name);
  await download.saveAs(file);
  return file;
}

test('a month of supervision: report, import, who reported, remind, what changed, notice, bulletin, Excel', async ({ browser }) => {
  test.setTimeout(120_000);
  // 市民政局 reports 8月底 on 9月3日 and 9月底 on 10月3日: on time.
  const civil = await browser.newContext();
  const a = await civil.newPage();
  const problemsA = watchPage(a);
  await openGrid(a, '2024-09-03', '市民政局', 8);
  const cellsA = a.locator('input.grid-cell');
  await expect(cellsA).toHaveCount(2);
  await cellsA.nth(0).fill('60');
  await cellsA.nth(1).fill('300');
  // The steps due by 8月底 (3月 and 6月 of both projects) are done.
  const steps = a.locator('select.grid-step-choice');
  await expect(steps).toHaveCount(4);
  for (let i = 0; i < 4; i++) await steps.nth(i).selectOption('1');
  await texts(a, meals, { 本月进展: '已确定 227 个点位，完成招标', 下步打算: '9月底前建成 100 个' });
  await save(a, 7);
  await openGrid(a, '2024-10-03', '市民政局', 9);
  await cellsA.nth(0).fill('95');
  await cellsA.nth(1).fill('520');
  await texts(a, meals, {
    本月进展: '已建成 95 个',
    存在问题: '部分点位选址困难<script>window.__x=1</script>',
    下步打算: '10月底前完成剩余选址',
    需协调事项: '请协调市财政局加快拨付补助资金',
  });
  await save(a, 3);
  await shot(a, 'cycle-grid');
  const fileA = await exportAll(a, 'cycle-civil.json');
  expect(problemsA).toEqual([]);

  // 市生态环境局 reports 8月底 late (9月10日) and nothing for 9月底.
  const eco = await browser.newContext();
  const b = await eco.newPage();
  await openGrid(b, '2024-09-10', '市生态环境局', 8);
  await b.locator('input.grid-cell').nth(0).fill('20');
  const stepsB = b.locator('select.grid-step-choice');
  await expect(stepsB).toHaveCount(2);
  await stepsB.nth(0).selectOption('1');
  await stepsB.nth(1).selectOption('1');
  await texts(b, quiet, { 存在问题: '个别小区噪声源整治进度慢' });
  await save(b, 4);
  const fileB = await exportAll(b, 'cycle-eco.json');

  // The office imports both files at once on 10月10日.
  const office = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const o = await office.newPage();
  const problems = watchPage(o);
  await o.clock.setFixedTime(at('2024-10-10'));
  await o.goto('./?v=exchange');
  await o.getByLabel('选择要导入的 JSON 文件').setInputFiles([fileA, fileB]);
  // Both files are signed by their units' keys, new to this browser: trusted after comparing them.
  await trustFirstKeys(o);
  await expect(o.getByRole('region', { name: '合并预览' })).toContainText('新增记录 14 条');
  await o.getByRole('button', { name: '应用合并' }).click();
  await expect(o.getByText('本浏览器中共有 14 条填报记录')).toBeVisible();

  // 报送情况: 8月 reported / late; 9月 reported / not reported.
  await o.getByRole('button', { name: '报送情况', exact: true }).click();
  const cells = (unit) => o.getByRole('row', { name: new RegExp(`^${unit}`) }).getByRole('cell');
  await expect(cells('市民政局').nth(7)).toHaveText(/已报送/);
  await expect(cells('市民政局').nth(8)).toHaveText(/已报送/);
  await expect(cells('市生态环境局').nth(7)).toHaveText(/逾期报送/);
  await expect(cells('市生态环境局').nth(8)).toHaveText(/未报送/);
  await expect(cells('市住保房管局').nth(8)).toHaveText(/未报送/);
  await o.getByRole('button', { name: '市生态环境局 8月底 逾期报送' }).click();
  await expect(o.getByRole('region', { name: '市生态环境局 · 8月底' })).toContainText(quiet.name);
  await shot(o, 'cycle-submissions');
  // 催报 for 9月 names the unit and its project.
  await o.getByRole('combobox', { name: '催报月份' }).selectOption('9');
  await o.getByRole('button', { name: '催报' }).click();
  const reminder = o.getByRole('article', { name: /关于催报2024年9月/ });
  await expect(reminder).toContainText(`市生态环境局（1项）：${quiet.name}`);
  await expect(reminder).not.toContainText('市民政局');

  // 较上期变化 (8月底 → 9月底): meals got worse (behind), 宁静小区 got worse (not reported).
  await o.getByRole('button', { name: '较上期变化', exact: true }).click();
  await expect(o.getByLabel('上期', { exact: true })).toHaveValue('2024-08-31');
  await expect(o.getByLabel('本期', { exact: true })).toHaveValue('2024-09-30');
  const worse = o.locator('.changes-group').filter({ hasText: '状态变差' });
  await expect(worse.getByRole('row', { name: new RegExp(meals.name) })).toContainText('滞后');
  await expect(worse.getByRole('row', { name: new RegExp(quiet.name) })).toContainText('未填报');
  await expect(o.locator('.changes-group').filter({ hasText: '状态好转' })).toHaveCount(0);
  await shot(o, 'cycle-changes');

  // 需协调事项, grouped by the city leader in charge.
  await o.getByRole('button', { name: '需协调事项', exact: true }).click();
  await expect(o.getByRole('region', { name: meals.city_leader })).toContainText('请协调市财政局加快拨付补助资金');

  // 督办单: the meals project (behind) gets a yellow notice, chosen in the list; printing numbers it.
  await o.getByRole('button', { name: '督办单', exact: true }).click();
  await o.evaluate(() => { window.__printed = []; window.print = () => { window.__printed.push(document.querySelectorAll('.notice-print .notice-sheet').length); }; });
  const notices = o.getByRole('listbox', { name: '督办单列表' });
  const count = o.getByRole('status').filter({ hasText: /^共 \d+ 份督办单/ });
  const total = Number((await count.textContent()).match(/共 (\d+) 份/)[1]);
  expect(total).toBeGreaterThanOrEqual(1);
  // Only the lines in view are on the page: scrolled to, as a user would.
  const mealsLine = notices.getByRole('option', { name: new RegExp(`黄色督办\\s*未编号\\s*${meals.name}`) });
  for (let k = 0; k < 40 && !(await mealsLine.count()); k++) await notices.evaluate((el) => { el.scrollTop += 200; });
  await mealsLine.click();
  const notice = o.getByRole('article', { name: `黄色督办 ${meals.name}` });
  await expect(notice).toContainText('督办〔2024〕第    号（打印时编号）');
  await notice.getByRole('textbox', { name: `${meals.name} 督办要求` }).fill('请于10月17日前报送选址进展。');
  await notice.getByRole('button', { name: '打印' }).click();
  await expect(notice).toContainText('督办〔2024〕第 1 号');
  await expect(notice).toContainText('请于10月17日前报送选址进展。');
  await expect(notices.getByRole('option', { name: new RegExp(`第 1 号\\s*${meals.name}`) })).toHaveAttribute('aria-selected', 'true');
  // One notice printed, on a page of its own, A4 portrait as the office's CSS asks.
  await expect.poll(() => o.evaluate(() => window.__printed)).toEqual([1]);
  const pdf = await o.pdf({ path: path.join(artifacts, 'cycle-notices.pdf'), preferCSSPageSize: true, printBackground: true });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  await shot(o, 'cycle-notice');
  // 全部打印 numbers the others after it, once each, and prints them all; its progress says so.
  await o.getByRole('button', { name: '全部打印' }).click();
  await expect(o.getByRole('status').filter({ hasText: `已打印 ${total} / ${total} 份督办单` })).toBeVisible();
  await expect.poll(() => o.evaluate(() => window.__printed)).toEqual([1, total]);
  await expect(o.getByRole('status').filter({ hasText: `共 ${total} 份督办单，其中已编号 ${total} 份` })).toBeVisible();
  const all = await o.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(all.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(total);
  const numbers = await o.locator('.notice-print .notice-number').allTextContents();
  expect(new Set(numbers).size).toBe(total);
  expect(numbers.map((n) => Number(n.match(/第 (\d+) 号/)[1])).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
  // The number is kept: after a reload the notice still has it.
  await o.reload();
  const numbered = o.getByRole('listbox', { name: '督办单列表' }).getByRole('option', { name: new RegExp(`第 1 号\\s*${meals.name}`) });
  for (let k = 0; k < 40 && !(await numbered.count()); k++) await o.getByRole('listbox', { name: '督办单列表' }).evaluate((el) => { el.scrollTop += 200; });
  await numbered.click();
  await expect(o.getByRole('article', { name: `黄色督办 ${meals.name}` })).toContainText('督办〔2024〕第 1 号');

  // The third-quarter bulletin quotes the problem of the project behind, literally.
  await o.getByRole('button', { name: '通报', exact: true }).click();
  await o.getByRole('combobox', { name: '季度' }).selectOption('3');
  const bulletin = o.locator('article.bulletin');
  await expect(bulletin).toContainText('存在问题：部分点位选址困难<script>window.__x=1</script>');
  await expect(bulletin).toContainText('未按时报送的单位');
  await expect(bulletin).toContainText('提请方毅同志协调');
  expect(await o.evaluate(() => window.__x)).toBeUndefined();

  // The 台账 as Excel, made by the on-demand module.
  await o.getByRole('button', { name: '数据交换' }).click();
  await o.getByRole('combobox', { name: '月报月份' }).selectOption('9');
  const [xlsx] = await Promise.all([o.waitForEvent('download'), o.getByRole('button', { name: '导出 Excel' }).click()]);
  const xlsxFile = path.join(artifacts, 'cycle-ledger.xlsx');
  await xlsx.saveAs(xlsxFile);
  const bytes = fs.readFileSync(xlsxFile);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  expect(xlsx.suggestedFilename()).toMatch(/^minsheng-ledger-2024-2024-10-10\.xlsx$/);
  expect(problems).toEqual([]);
  await civil.close();
  await eco.close();
  await office.close();
});

test('report texts over 2,000 characters are refused at the field; a version-1 file imports as before', async ({ page }) => {
  await page.clock.setFixedTime(at('2024-10-03'));
  await page.goto(`./?p=${meals.id}`);
  await page.getByRole('combobox', { name: '填报单位' }).selectOption('市民政局');
  const form = page.getByRole('group', { name: meals.name });
  await form.getByRole('textbox', { name: '存在问题' }).fill('长'.repeat(2001));
  await form.getByRole('textbox', { name: '本月进展' }).fill('已建成 95 个');
  await expect(form).toContainText('2001/2000 字');
  await page.locator('form.report-form').getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('alert').filter({ hasText: '最多 2000 字，现有 2001 字' })).toBeVisible();
  await expect(form.getByRole('textbox', { name: '本月进展' })).toHaveValue('已建成 95 个');
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('尚无填报记录');
  await form.getByRole('textbox', { name: '存在问题' }).fill('长'.repeat(2000));
  await page.locator('form.report-form').getByRole('button', { name: '保存' }).click();
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText('本月进展 已建成 95 个');
  // A version-1 file (no report texts) still imports.
  await page.getByRole('button', { name: '数据交换' }).click();
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(path.join(here, '..', 'tests', 'fixtures', 'progress-v1.json'));
  await expect(page.getByRole('region', { name: '合并预览' })).toContainText('新增记录 3 条');
});
