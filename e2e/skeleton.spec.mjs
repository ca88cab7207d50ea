// Issue 2: the page loads the bundled 2024 list, shows 48 projects under 10 categories, reports a
// bad data file in the page, and works under a sub-path.
import { test, expect } from '@playwright/test';
import { watchPage, shot } from './helpers.mjs';

test('loads the 2024 list: 48 projects under 10 categories', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('民生实事项目进度');
  await expect(page.getByText('2024 年市政府民生实事项目责任清单')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '共 48 项' })).toBeVisible();
  const categories = page.locator('.category-group');
  await expect(categories).toHaveCount(10);
  await expect(page.getByRole('heading', { name: /“幸福助老”在杭州/ })).toBeVisible();
  await expect(page.locator('[data-project]')).toHaveCount(48);
  await expect(page.getByRole('rowheader', { name: '新增老年助餐服务点 227 个' })).toBeVisible();
  await shot(page, 'list-1366x768');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, 'list-1920x1080');
  expect(problems).toEqual([]);
});

// The bundled list is read from its packed copy (data/plan-2024.bin); without it, from the JSON file.
const withoutPacked = (page) => page.route('**/data/plan-2024.bin', (route) => route.fulfill({ status: 404, body: 'not found' }));

test('a bad plan file shows a clear message, not a blank page', async ({ page }) => {
  await withoutPacked(page);
  await page.route('**/data/plan-2024.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"format": "minsheng-plan", "version": 1, "id": ' }));
  await page.goto('./');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('清单加载失败');
  await expect(alert).toContainText('data/plan-2024.json');
  await expect(alert).toContainText('不是有效的 JSON');
  await expect(alert.getByRole('button', { name: '重试' })).toBeVisible();
  await shot(page, 'load-error');
});

test('a missing index shows the HTTP status', async ({ page }) => {
  await page.route('**/data/index.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText('404');
});

test('a plan file from a newer version is refused with a message', async ({ page }) => {
  await withoutPacked(page);
  await page.route('**/data/plan-2024.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"format": "minsheng-plan", "version": 99}' }));
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText('版本 99');
});

// index.html shows a loading state from its first byte; the app keeps it until the list is read (one
// layout of the page with the list, not one more of the app's own loading state), then removes it.
test('the page says it is loading until the list is read, then only the list is shown', async ({ page }) => {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/data/index.json', async (route) => { await held; await route.continue(); });
  await page.goto('./');
  const loading = page.locator('#boot-loading');
  await expect(loading.getByRole('status')).toContainText('正在加载清单');
  await expect(loading.getByRole('status')).toContainText('Loading the list');
  // The app is running (its first mark is set) and two frames have been drawn since: it still shows
  // only the page's own loading state while the list is held back.
  await page.waitForFunction(() => performance.getEntriesByName('minsheng:start').length > 0);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(page.locator('.app')).toHaveCount(1);
  release();
  await expect(page.locator('[data-project]')).toHaveCount(48);
  await expect(loading).toHaveCount(0);
  // A list that cannot be read: the message replaces the loading state.
  await page.route('**/data/plan-2024.bin', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.route('**/data/plan-2024.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText('404');
  await expect(loading).toHaveCount(0);
});

test('works when hosted under a sub-path', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('/minsheng/');
  await expect(page.locator('[data-project]')).toHaveCount(48);
  expect(problems).toEqual([]);
});

// Large published lists are laid out a project a line and read in 1 MB pieces (format::PlanPieces);
// a line that does not read leaves the file to the whole read, whose message names it.
test.describe(() => {
// The routed files must reach the page, not a cached copy.
test.use({ serviceWorkers: 'block' });
test('a plan laid out a project a line loads; a broken line in it is reported like any bad file', async ({ page }) => {
  const fs = await import('node:fs');
  const plan = JSON.parse(fs.readFileSync(new URL('../data/plan-2024.json', import.meta.url), 'utf8'));
  const { projects, ...head } = plan;
  const lines = `${JSON.stringify(head).slice(0, -1)},"projects":[\n${projects.map((p) => JSON.stringify(p)).join(',\n')}\n]}`;
  await withoutPacked(page);
  await page.route('**/data/plan-2024.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: lines }));
  await page.goto('./');
  await expect(page.locator('[data-project]')).toHaveCount(48);
  await expect(page.getByRole('rowheader', { name: '新增老年助餐服务点 227 个' })).toBeVisible();

  const broken = lines.replace('"seq":2,', '"seq":,');
  await page.unroute('**/data/plan-2024.json');
  await page.route('**/data/plan-2024.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: broken }));
  await page.goto('./?lang=en');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('data/plan-2024.json');
  await expect(page.locator('[data-project]')).toHaveCount(0);
});
});

// Published lists carry a packed copy beside their JSON (domain::packed), named in the index; the page
// reads it instead of the JSON (whose reader is then never loaded), and the JSON when it cannot.
test.describe(() => {
test.use({ serviceWorkers: 'block' });
const fetched = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name.split('/').pop()).filter((n) => /^(plan-2024|pack_plan_json)/.test(n)).map((n) => n.replace(/-[0-9a-f]{16}\.bin$/, '')));

test('the packed copy named in the index is read, not the JSON file', async ({ page }) => {
  const problems = watchPage(page);
  await page.route('**/data/plan-2024.json', (route) => route.abort());
  await page.goto('./?v=timeline');
  await expect(page.locator('.tl-row')).not.toHaveCount(0);
  await page.goto('./');
  await expect(page.locator('[data-project]')).toHaveCount(48);
  await expect(page.getByRole('rowheader', { name: '新增老年助餐服务点 227 个' })).toBeVisible();
  expect(await fetched(page)).toEqual(['plan-2024.bin']);
  expect(problems).toEqual([]);
});

test('a packed copy that does not read is passed over for the JSON file', async ({ page }) => {
  const fs = await import('node:fs');
  const packed = fs.readFileSync(new URL('../data/plan-2024.bin', import.meta.url));
  // Cut short: the packed reader refuses it; the JSON reader is loaded and reads the JSON file.
  await page.route('**/data/plan-2024.bin', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: packed.subarray(0, 5000) }));
  await page.goto('./');
  await expect(page.locator('[data-project]')).toHaveCount(48);
  expect(await fetched(page)).toEqual(['plan-2024.bin', 'plan-2024.json', 'pack_plan_json']);
});
});
