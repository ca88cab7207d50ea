// Issue 3: the plan's meaning shown in a project's detail, and importing a new year's list in the app.
import { test, expect } from '@playwright/test';
import { watchPage, shot, idbKeys } from './helpers.mjs';

const TABLE = [
  '2025 年民生实事项目责任清单',
  '序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排',
  '1\t“安居”在某市\t新建口袋公园 30 个\t张三\t市园林局\t李四\t市财政局、各区政府\t11月底\t一季度末完成选址；6月30日前完成不少于 12 个；三月底前下达计划；加快推进；10月中旬完成 25 个；11月底前全面完成。',
  '\t\t改造农贸市场 8 家\t张三\t市商务局\t王五\t\t12月底\t【改造农贸市场 8 家】第三季度末完成 5 家；年底前全面完成。',
].join('\n');

test('a project detail shows indicators, dated milestones beside the verbatim text, and warnings', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./');
  await page.getByRole('link', { name: '全市困难群众医疗费用综合保障率达到83%' }).click();
  await expect(page).toHaveURL(/p=p-/);
  const milestones = page.locator('section.panel').filter({ has: page.getByRole('heading', { name: '进度节点' }) });
  await expect(milestones.locator('tbody tr')).toHaveCount(4);
  await expect(milestones).toContainText('达到 81%');
  await expect(milestones).toContainText('6月底我市困难群众医疗费用综合保障率达到81%');
  await expect(page.locator('section.warnings')).toContainText('晚于预计完成时间');
  const indicators = page.locator('section.panel').filter({ has: page.getByRole('heading', { name: '指标与目标' }) });
  await expect(indicators).toContainText('83%（12月底）');
  await shot(page, 'detail-rate');
  // The detail has its own URL: opening it directly shows it.
  const url = page.url();
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 2, name: '全市困难群众医疗费用综合保障率达到83%' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('import a pasted list: review with warnings, accept, the new plan is listed; the old stays selectable', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./');
  await page.getByRole('button', { name: '导入清单' }).click();
  await page.getByRole('textbox', { name: '粘贴清单' }).fill(TABLE);
  const review = page.getByRole('region', { name: '导入预览' });
  await expect(review).toContainText('1 个类别，2 个项目');
  await expect(review).toContainText('未找到日期，作为说明保留：“加快推进”');
  await expect(review.locator('tr.has-warning')).toHaveCount(1);
  await shot(page, 'import-review');
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.locator('[data-project]')).toHaveCount(2);
  await expect(page.getByText('2025 年民生实事项目责任清单').first()).toBeVisible();
  const chooser = page.getByRole('combobox', { name: '当前清单' });
  await expect(chooser.locator('option')).toHaveCount(2);
  await page.reload();
  await expect(page.locator('[data-project]')).toHaveCount(2);
  await chooser.selectOption({ label: '2024 年市政府民生实事项目责任清单' });
  await expect(page.locator('[data-project]')).toHaveCount(48);
  // The rows are the 2024 list's own, not the imported list's kept under the same positions.
  await expect(page.locator('[data-project]').first()).toContainText('新增老年助餐服务点 227 个');
  await expect(page.getByRole('link', { name: '新建口袋公园 30 个' })).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('cancel leaves everything as it was; an unusable paste says why', async ({ page }) => {
  await page.goto('./?v=import');
  await page.getByRole('textbox', { name: '粘贴清单' }).fill('这不是表格\n只是两行字');
  await expect(page.getByRole('alert').filter({ hasText: '找到 1 列，没有可作为项目名称的列' })).toBeVisible();
  await page.getByRole('textbox', { name: '粘贴清单' }).fill(TABLE);
  await page.getByRole('button', { name: '取消' }).click();
  await expect(page.locator('[data-project]')).toHaveCount(48);
  await expect(page.getByRole('combobox', { name: '当前清单' })).toHaveCount(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('/plans')).length)).toBe(0);
  expect((await idbKeys(page)).filter((k) => k.includes('/plans'))).toEqual([]);
});
