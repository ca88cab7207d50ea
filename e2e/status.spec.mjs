// Issue 5: status lights as of a report date, the dashboard with charts, unit ranking, the bulletin.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchPage, shot, artifacts } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const plan = JSON.parse(fs.readFileSync(path.join(here, '..', 'data', 'plan-2024.json'), 'utf8'));
const byName = (part) => plan.projects.find((p) => p.name.includes(part));

// A department's entries: meals 40 by June and 95 by September (9月 needs 100: 5 short, within 10% of 227);
// employment 13万 by June (met) and 15万 by September (needs 20: 5 short of 25 → beyond tolerance).
function entries() {
  const meals = byName('老年助餐'); const jobs = byName('城镇新增就业');
  const e = (id, p, v, d) => ({ id, project: p.id, indicator: p.indicators[0].id, value: v, as_of: d, unit: p.lead_unit, recorded_at: `2024-10-01T08:00:0${id.length}.000Z` });
  // The steps of the meals project (3月 and 6月) are reported done: a step never reported is 未填报.
  const step = (id, p, m, d) => ({ id, project: p.id, milestone: p.milestones[m].id, done: true, as_of: d, unit: p.lead_unit, recorded_at: '2024-10-01T08:00:00.000Z' });
  return [
    e('s1', meals, 40, '2024-06-30'), e('s22', meals, 95, '2024-09-30'), e('s333', jobs, 13, '2024-06-30'), e('s4444', jobs, 15, '2024-09-30'),
    step('t1', meals, 0, '2024-03-31'), step('t2', meals, 1, '2024-06-30'),
  ];
}

async function load(page) {
  const file = path.join(artifacts, 'status-entries.json');
  fs.writeFileSync(file, JSON.stringify({ format: 'minsheng-progress', version: 1, plan: { id: plan.id, fingerprint: 'x' }, exported_at: '', entries: entries(), decisions: [] }));
  await page.goto('./?v=exchange');
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(file);
  await page.getByRole('button', { name: '应用合并' }).click();
  await expect(page.getByText('本浏览器中共有 6 条填报记录')).toBeVisible();
}

const row = (page, part) => page.locator('[data-project]').filter({ hasText: part });

test('changing the report date changes lights, reasons and counts', async ({ page }) => {
  const problems = watchPage(page);
  await load(page);
  await page.getByRole('button', { name: '清单', exact: true }).click();
  const date = page.getByLabel('统计日期', { exact: true });
  await date.fill('2024-07-15');
  await expect(row(page, '老年助餐').locator('.light')).toHaveText('正常');
  await expect(row(page, '城镇新增就业').locator('.light')).toHaveText('正常');
  await date.fill('2024-10-10');
  await expect(row(page, '老年助餐').locator('.light')).toHaveText('滞后');
  await expect(row(page, '老年助餐')).toContainText('9月底应≥100个，实际95个，差5个');
  await expect(row(page, '城镇新增就业').locator('.light')).toHaveText('严重滞后');
  await page.getByRole('combobox', { name: '月末快选' }).selectOption('12');
  await expect(row(page, '老年助餐').locator('.light')).toHaveText('逾期');
  await page.getByRole('button', { name: '状态' }).click();
  await page.getByRole('group', { name: '状态' }).getByRole('checkbox', { name: /逾期|严重滞后/ }).check();
  await expect(page.locator('[data-project]')).toHaveCount(2);
  await shot(page, 'list-with-status');
  expect(problems).toEqual([]);
});

test('early warning from the pace of reported values', async ({ page }) => {
  await load(page);
  await page.goto('./?d=2024-07-15');
  // 40 by June 30 from 0 on Jan 1 projects about 61 by Sep 30, short of 100.
  await expect(row(page, '老年助餐')).toContainText('预警');
  await expect(row(page, '老年助餐')).toContainText('按当前进度，9月底约完成');
});

test('dashboard: tiles, charts with their series, ranking; downloads', async ({ page }) => {
  const problems = watchPage(page);
  await load(page);
  await page.goto('./?v=dashboard&d=2024-10-10');
  await expect(page.locator('.tile-late .tile-value')).toHaveText('1');
  await expect(page.locator('.tile-bad .tile-value')).toHaveText('1');
  await expect(page.locator('.tile-none .tile-value')).toHaveText('46');
  const status = page.getByRole('img', { name: '项目状态分布' });
  await expect(status.locator('svg')).toHaveCount(1);
  await expect(status.locator('svg rect')).toHaveCount(6); // background + one bar per status
  await expect(page.getByRole('img', { name: '各类别平均完成度' }).locator('svg rect')).toHaveCount(11);
  const curve = page.getByRole('img', { name: '计划与实际' });
  await expect(curve.locator('svg circle')).toHaveCount(3); // two reported points + legend
  await expect(page.locator('section.ranking tbody tr')).toHaveCount(19);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 SVG' }).first().click()]);
  expect(svg.suggestedFilename()).toBe('status.svg');
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 PNG' }).first().click()]);
  expect(png.suggestedFilename()).toBe('status.png');
  const bytes = fs.readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, 'dashboard-1920');
  await page.setViewportSize({ width: 1366, height: 768 });
  await shot(page, 'dashboard-1366');
  expect(problems).toEqual([]);
});

test('the quarterly bulletin agrees with the lights and prints', async ({ page }) => {
  await load(page);
  await page.goto('./?v=bulletin&qtr=3');
  const b = page.locator('article.bulletin');
  await expect(b.getByRole('heading', { level: 2 })).toHaveText('关于2024年市政府民生实事项目第三季度进展情况的通报');
  await expect(b).toContainText('截至2024年9月30日，48个民生实事项目中，已完成0项，进展正常0项，滞后1项，严重滞后或逾期1项，未填报46项');
  await expect(b).toContainText('新增老年助餐服务点 227 个（市民政局），滞后：9月底应≥100个，实际95个，差5个');
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.getByRole('button', { name: '打印' }).click();
  expect(await page.evaluate(() => window.__printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '复制全文' })).toBeHidden();
  await expect(b).toBeVisible();
  await page.pdf({ path: path.join(artifacts, 'bulletin.pdf'), format: 'A4', landscape: true }).catch(() => {});
  await page.emulateMedia({ media: 'screen' });
  await shot(page, 'bulletin');
});
