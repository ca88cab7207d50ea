// Issue 8: presentation mode for meetings.
import { test, expect } from '@playwright/test';
import { watchPage, shot } from './helpers.mjs';

const number = (page) => page.locator('.slide-number');

test('enter, walk every slide with clicker keys, category slides match categories, Esc leaves', async ({ page }) => {
  const problems = watchPage(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('./?d=2024-09-30');
  await page.getByRole('button', { name: '汇报模式' }).click();
  const deck = page.getByRole('dialog', { name: '汇报模式' });
  await expect(deck).toBeVisible();
  await expect(number(page)).toHaveText(/^1 \/ \d+$/);
  const total = Number((await number(page).textContent()).split('/')[1]);
  expect(total).toBe(18);
  const titles = [];
  let categories = 0;
  for (let i = 1; i <= total; i++) {
    await expect(number(page)).toHaveText(`${i} / ${total}`);
    if (await page.locator('.slide-category').count()) categories += 1;
    titles.push((await page.locator('.slide h1, .slide h2').first().textContent()).trim());
    if (i === 1) await shot(page, 'present-title-1920');
    if (i === 3) {
      await shot(page, 'present-category-1920');
      const size = await page.locator('.slide-table tbody th').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(24);
    }
    await page.keyboard.press(i % 2 ? 'PageDown' : 'ArrowRight');
  }
  console.log(`slides of the 2024 plan: ${titles.join(' | ')}`);
  expect(categories).toBe(10);
  await expect(number(page)).toHaveText(`${total} / ${total}`);
  await page.keyboard.press('Home');
  await expect(number(page)).toHaveText(`1 / ${total}`);
  await page.keyboard.press('End');
  await expect(number(page)).toHaveText(`${total} / ${total}`);
  await page.keyboard.press('PageUp');
  await expect(number(page)).toHaveText(`${total - 1} / ${total}`);
  await page.keyboard.press('Escape');
  await expect(deck).toBeHidden();
  await expect(page.locator('[data-project]')).toHaveCount(48);
  expect(problems).toEqual([]);
});

test('a filtered view gives fewer slides; a prepared link opens straight in; 1024×768 and dark', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('./?lead=市卫生健康委员会&present=1&slide=3&theme=dark');
  await expect(page.getByRole('dialog', { name: '汇报模式' })).toBeVisible();
  await expect(number(page)).toHaveText('3 / 8');
  await expect(page.locator('.present.dark')).toHaveCount(1);
  await shot(page, 'present-1024-dark');
  await page.keyboard.press('Escape');
  await page.keyboard.press('p');
  await expect(number(page)).toHaveText('1 / 8');
});

test('laser highlight enlarges a row with its full plan text; auto-advance paused by a key', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('./?present=1&slide=3');
  await page.locator('.slide-row').first().click();
  await expect(page.locator('.laser')).toContainText('3 月底前确定项目点位以及实施名单');
  await page.keyboard.press('Escape');
  await expect(page.locator('.laser')).toHaveCount(0);
  await page.getByRole('combobox', { name: '自动翻页' }).selectOption('10');
  await page.clock?.runFor?.(0);
  await page.locator('.slide').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift');
  await expect(page.getByRole('combobox', { name: '自动翻页' })).toHaveValue('0');
});

test('auto-advance stops when the presentation closes; Enter on a control activates it', async ({ page }) => {
  const problems = watchPage(page);
  await page.clock.install();
  await page.goto('./?present=1');
  await page.getByRole('combobox', { name: '自动翻页' }).selectOption('10');
  await page.clock.runFor(10_500);
  await expect(number(page)).toHaveText(/^2 \//);
  // Enter on 退出 leaves (it does not turn the page).
  await page.getByRole('button', { name: '退出（Esc）' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: '汇报模式' })).toBeHidden();
  await page.clock.runFor(30_000);
  await expect(page.locator('[data-project]')).toHaveCount(48);
  expect(problems).toEqual([]);
});
