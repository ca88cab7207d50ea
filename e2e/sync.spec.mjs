// Issue 14: live sync through a real server of the CouchDB protocol (PouchDB Server, in memory, on
// 127.0.0.1), set up by tools/couch-setup.mjs and reached through the app's own origin at /db/ as the
// recommended deployment does. Two units sync and see each other's entries; the server refuses an
// entry for another unit's project and the app says which and why; offline entries wait and go when
// back online; a wrong password or address changes nothing.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchPage, shot } from './helpers.mjs';
import { startSyncServer } from './couch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const plan = JSON.parse(fs.readFileSync(path.join(root, 'data', 'plan-2024.json'), 'utf8'));
const meals = plan.projects[0]; // 市民政局
const quiet = plan.projects[20]; // 市生态环境局
// A project 市民政局 has no part in (neither 牵头单位 nor 配合单位).
const foreign = plan.projects.find((p) => p.lead_unit !== '市民政局' && !p.co_units.includes('市民政局'));
const DB = '/db/minsheng-2024';

let couchUrl; let base; let accounts; let close;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  ({ couchUrl, base, accounts, close } = await startSyncServer('minsheng-couch-'));
});

test.afterAll(async () => {
  close?.();
});

async function signIn(page, unit, password = accounts[unit], address = DB) {
  await page.goto(`${base}?v=sync`);
  await page.getByRole('textbox', { name: '同步地址' }).fill(address);
  await page.getByRole('textbox', { name: '用户名' }).fill(unit);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录并同步' }).click();
}

async function enterValue(page, project, value, unit, { navigate = true } = {}) {
  if (navigate) await page.goto(`${base}?p=${project.id}`);
  await page.getByRole('combobox', { name: '填报单位' }).selectOption(unit);
  const field = page.getByRole('textbox', { name: `${project.indicators[0].name} 数值` });
  await field.fill(String(value));
  await field.locator('xpath=ancestor::form').getByRole('button', { name: '保存' }).click();
  await expect(page.locator('section[aria-labelledby=history-title]')).toContainText(String(value));
}

/** The ids of the records on the server (read as the administrator). */
async function onServer() {
  const res = await fetch(`${couchUrl}/minsheng-2024/_all_docs`, { headers: { Authorization: 'Basic ' + Buffer.from('admin:secret').toString('base64') } });
  return (await res.json()).rows.map((r) => r.id).filter((id) => !id.startsWith('_design/'));
}

const status = (page) => page.getByRole('status').filter({ hasText: /同步/ }).first();

async function count(page) {
  await page.getByRole('button', { name: '数据交换' }).click();
  return page.getByText(/本浏览器中共有 \d+ 条填报记录/);
}

test('a wrong password or address changes nothing; two units sync and see each other’s entries', async ({ browser }) => {
  const civil = await (await browser.newContext()).newPage();
  const eco = await (await browser.newContext()).newPage();
  const problems = [watchPage(civil), watchPage(eco)];

  await signIn(civil, '市民政局', 'not-the-password');
  await expect(civil.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toBeVisible();
  await expect(status(civil)).toHaveText('未开启同步：记录只保存在本浏览器，用文件交换。');
  await signIn(civil, '市民政局', accounts['市民政局'], '/nowhere/minsheng-2024');
  await expect(civil.getByRole('alert').filter({ hasText: '同步地址上没有同步数据库（服务器回答 404）' })).toBeVisible();
  await expect(status(civil)).toContainText('未开启同步');
  // The password is not kept anywhere.
  expect(await civil.evaluate(() => JSON.stringify(localStorage))).not.toContain(accounts['市民政局']);

  await signIn(civil, '市民政局');
  await expect(status(civil)).toContainText('已同步');
  await expect(civil.getByText(`已登录：市民政局（${DB}）`)).toBeVisible();
  await enterValue(civil, meals, 61, '市民政局');
  await civil.getByRole('button', { name: '同步', exact: true }).click();
  await civil.getByRole('button', { name: '立即同步' }).click();
  await expect.poll(onServer).toHaveLength(1);
  await expect(status(civil)).toHaveText(/^已同步（\d{4}-\d\d-\d\d \d\d:\d\d）$/);
  await shot(civil, 'sync');

  await signIn(eco, '市生态环境局');
  await expect(status(eco)).toContainText('已同步');
  await expect(await count(eco)).toHaveText('本浏览器中共有 1 条填报记录。');
  await enterValue(eco, quiet, 12, '市生态环境局');
  await eco.getByRole('button', { name: '同步', exact: true }).click();
  await eco.getByRole('button', { name: '立即同步' }).click();
  await expect.poll(onServer).toHaveLength(2);
  await expect(status(eco)).toHaveText(/^已同步（[^）]*）$/);

  await civil.getByRole('button', { name: '立即同步' }).click();
  await expect(status(civil)).toHaveText(/^已同步/);
  await expect(await count(civil)).toHaveText('本浏览器中共有 2 条填报记录。');
  // The browser itself logs the two refused requests of the wrong tries; nothing else went wrong.
  expect(problems[0]).toEqual([
    'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)',
    'console: Failed to load resource: the server responded with a status of 404 (Not Found)',
  ]);
  expect(problems[1]).toEqual([]);
});

test('the server refuses an entry for another unit’s project, and the app says which and why', async ({ browser }) => {
  const civil = await (await browser.newContext()).newPage();
  await signIn(civil, '市民政局');
  await expect(status(civil)).toContainText('已同步');
  await enterValue(civil, foreign, 7, '市民政局');
  await civil.getByRole('button', { name: '同步', exact: true }).click();
  await civil.getByRole('button', { name: '立即同步' }).click();
  await expect(status(civil)).toContainText('1 条记录未能上传');
  const refused = civil.getByRole('region', { name: '服务器拒绝了 1 条记录' });
  await expect(refused).toContainText(foreign.name);
  await expect(refused).toContainText('“市民政局”不是该项目的牵头单位或配合单位');
  // Still kept here.
  await expect(await count(civil)).toHaveText('本浏览器中共有 3 条填报记录。');
});

test('offline, entries wait here and go when the browser is back online', async ({ browser }) => {
  const context = await browser.newContext();
  const civil = await context.newPage();
  await signIn(civil, '市民政局');
  await expect(status(civil)).toContainText('已同步');
  await civil.goto(`${base}?p=${meals.id}`);
  await expect(civil.getByRole('combobox', { name: '填报单位' })).toBeVisible();
  // The app works offline once its service worker controls the page (registered a few seconds after start).
  await expect.poll(() => civil.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBeTruthy();
  await context.setOffline(true);
  await enterValue(civil, meals, 95, '市民政局', { navigate: false });
  await civil.getByRole('button', { name: '同步', exact: true }).click();
  await civil.getByRole('button', { name: '立即同步' }).click();
  await expect(status(civil)).toContainText('无法连接同步服务器');
  await expect(status(civil)).toContainText('1 条记录已保存在本机');
  await context.setOffline(false);
  await expect(status(civil)).toHaveText(/^已同步/, { timeout: 20_000 });

  const eco = await (await browser.newContext()).newPage();
  await signIn(eco, '市生态环境局');
  await expect(status(eco)).toContainText('已同步');
  await eco.getByRole('button', { name: '数据交换' }).click();
  await expect(eco.getByText('本浏览器中共有 3 条填报记录。')).toBeVisible();
});
