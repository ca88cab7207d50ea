// Issue 32: the office holds units to account. The loop is played twice: once with files between three
// browser contexts (two units and the office), once through sync with PouchDB Server started here. A
// unit reports 9月; the office returns it with a comment; the unit sees the comment first in 填报,
// corrects and resubmits; the office passes it. The unit asks to move the 9月底 milestone to 12月底; the
// office approves, and at 2024-10-15 the project is no longer 严重滞后, shows 已延期, and the 甘特图 draws
// the 原计划 ghost. Another unit applies to close its project; the office confirms; 总览 counts it 已办结.
// Through sync, a unit account writing an approval straight to the database is refused by the server.
// The units report from 390 px phones in the file run.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchPage, shot, artifacts, trustFirstKeys } from './helpers.mjs';
import { startSyncServer } from './couch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const plan = JSON.parse(fs.readFileSync(path.join(root, 'data', 'plan-2024.json'), 'utf8'));
const meals = plan.projects[0]; // 新增老年助餐服务点 227 个, 市民政局: 9 月底前不少于 100 个
const quiet = plan.projects[20]; // 建成“宁静小区” 50 个, 市生态环境局
const CIVIL = '市民政局';
const ECO = '市生态环境局';
const OFFICE = '督查室';
const DB = '/db/minsheng-2024';
// The offices' calendar: 2024-10-20, time flowing (every record gets its own moment).
const NOW = new Date('2024-10-20T10:00:00+08:00');
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Opens 填报 for `unit` at month-end `month`. */
async function openGrid(page, unit, month) {
  await page.getByRole('button', { name: '填报', exact: true }).click();
  await page.getByRole('combobox', { name: '我的单位' }).selectOption(unit);
  await page.getByRole('combobox', { name: '月份' }).selectOption(String(month));
}

async function save(page, count) {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `已保存 ${count} 条记录` })).toBeVisible();
}

const axePath = path.join(root, 'node_modules', 'axe-core', 'axe.min.js');

/** axe-core's violations on the page as it stands (none expected). */
async function axe(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((x) => `${x.id}: ${x.nodes.length} × ${x.nodes[0].target.join(' ')}`));
}

/** Every tap target in `scope` is at least 44 px tall. */
async function tapTargets(scope) {
  const small = await scope.evaluate((el) => [...el.querySelectorAll('button, input, select, textarea')]
    .filter((x) => x.offsetParent !== null)
    .map((x) => [x.getAttribute('aria-label') || x.textContent.trim(), Math.round(x.getBoundingClientRect().height)])
    .filter(([, h]) => h < 44));
  expect(small).toEqual([]);
}

/** File transport: the sender exports (its unit's records, or all as the office); every other page imports. */
function files() {
  let n = 0;
  return {
    name: 'files',
    async send(from, scope, to) {
      await from.getByRole('button', { name: '数据交换', exact: true }).click();
      if (scope) await from.getByRole('combobox', { name: '导出范围' }).selectOption(scope);
      const [download] = await Promise.all([from.waitForEvent('download'), from.getByRole('button', { name: '导出 JSON' }).click()]);
      const file = path.join(artifacts, `review-${++n}.json`);
      await download.saveAs(file);
      for (const page of to) {
        await page.getByRole('button', { name: '数据交换', exact: true }).click();
        await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(file);
        await trustFirstKeys(page);
        await expect(page.getByRole('region', { name: '合并预览' })).toBeVisible();
        await page.getByRole('button', { name: '应用合并' }).click();
        await expect(page.getByRole('region', { name: '合并预览' })).toHaveCount(0);
      }
      return file;
    },
  };
}

/** Sync transport: the sender syncs, then every other page. */
function sync() {
  const now = async (page) => {
    await page.getByRole('button', { name: '同步', exact: true }).click();
    await page.getByRole('button', { name: '立即同步' }).click();
    await expect(page.getByRole('status').filter({ hasText: /同步/ }).first()).toHaveText(/^已同步（/);
  };
  return {
    name: 'sync',
    async send(from, _scope, to) {
      await now(from);
      for (const page of to) await now(page);
    },
  };
}

/** The loop, played over `transport` by pages of 市民政局, 市生态环境局 and the office. */
async function playLoop(transport, civil, eco, office, { onPhone }) {
  // 市民政局 reports 9月: 60 of the 100 due by 9月底, the 3月 and 6月 steps done.
  await openGrid(civil, CIVIL, 9);
  const card = civil.locator('tbody.grid-project').filter({ hasText: meals.name });
  await card.getByRole('textbox', { name: `${meals.name} ${meals.indicators[0].name}` }).fill('60');
  const steps = card.locator('select.grid-step-choice');
  await steps.nth(0).selectOption('1');
  await steps.nth(1).selectOption('1');
  await save(civil, 3);
  if (onPhone) {
    // One project per card, a label beside every value, no one-character-per-line column.
    await expect(card).toBeVisible();
    const nameBox = await card.locator('.grid-project-name').boundingBox();
    expect(nameBox.width).toBeGreaterThan(150);
    await tapTargets(card);
    const widths = await card.locator('td').evaluateAll((tds) => tds.filter((td) => td.offsetParent).map((td) => td.getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThan(300);
    await shot(civil, `review-${transport.name}-phone-grid`);
  }
  await transport.send(civil, CIVIL, [office]);

  // The office returns it with a comment.
  await office.getByRole('navigation').getByRole('button', { name: /^审核/ }).click();
  await expect(office.getByRole('navigation').getByRole('button', { name: /^审核/ })).toContainText('1');
  await office.getByRole('button', { name: '以督查室身份审核' }).click();
  const queue = office.getByRole('listbox', { name: '待审核报告' });
  await expect(queue.getByRole('option')).toHaveCount(1);
  await expect(queue.getByRole('option').first()).toContainText(`${meals.name} · 9月 · 待审核`);
  const chosen = office.getByRole('region', { name: `${meals.name} 9月` });
  await expect(chosen).toContainText('60个');
  if (onPhone) expect(await axe(office), '审核 with a report waiting').toEqual([]);
  // 退回 without a comment is refused at the field.
  await chosen.getByRole('button', { name: '退回', exact: true }).click();
  await expect(chosen.getByRole('alert')).toHaveText('请填写理由或意见');
  await chosen.getByRole('textbox', { name: '退回意见' }).fill('数量与区县台账不符，请核实后重报');
  await chosen.getByRole('button', { name: '退回', exact: true }).click();
  await expect(queue).toHaveCount(0);
  await expect(office.getByText('没有待审核的报告')).toBeVisible();
  await shot(office, `review-${transport.name}-office-returned`);
  await transport.send(office, null, [civil, eco]);

  // The unit sees the comment first in 填报, corrects and resubmits.
  await openGrid(civil, CIVIL, 9);
  const returned = civil.getByRole('region', { name: '被退回的报告（请修改后重新报送）' });
  await expect(returned).toContainText('数量与区县台账不符，请核实后重报');
  const first = civil.locator('tbody.grid-project').first();
  await expect(first).toContainText(meals.name);
  await expect(first).toContainText('已退回');
  await first.getByRole('textbox', { name: `${meals.name} ${meals.indicators[0].name}` }).fill('65');
  await save(civil, 1);
  await expect(first).toContainText('已重报');
  await expect(returned).toHaveCount(0);

  // 延期申请: a date before the one in force is refused at the field; 9月底 → 12月底 is sent.
  await civil.goto(`${civil.url().split('?')[0]}?p=${meals.id}`);
  await civil.getByRole('button', { name: '延期申请', exact: true }).click();
  const ask = civil.getByRole('group', { name: `延期申请 ${meals.name}` });
  await ask.getByRole('combobox', { name: '延期事项' }).selectOption(`m:${meals.milestones[2].id}`);
  await ask.getByLabel('调整后日期').fill('2024-09-01');
  await ask.getByRole('textbox', { name: '延期理由' }).fill('部分点位征迁未完成');
  await ask.getByRole('button', { name: '提交' }).click();
  await expect(ask.getByRole('alert')).toContainText('新日期须晚于现在的 9月底');
  await ask.getByLabel('调整后日期').fill('2024-12-31');
  await ask.getByRole('button', { name: '提交' }).click();
  await expect(civil.getByRole('list', { name: '本单位报送和申请的状态' })).toContainText('待批复');
  if (onPhone) {
    await shot(civil, `review-${transport.name}-phone-request`);
    expect(await axe(civil), 'the detail on a phone with a request sent').toEqual([]);
  }
  await transport.send(civil, CIVIL, [office]);

  // 市生态环境局 applies to close 宁静小区 from its 填报 card.
  await openGrid(eco, ECO, 9);
  const ecoCard = eco.locator('tbody.grid-project').filter({ hasText: quiet.name });
  await ecoCard.getByRole('button', { name: '申请办结', exact: true }).click();
  const close = eco.getByRole('group', { name: `申请办结 ${quiet.name}` });
  await close.getByRole('button', { name: '提交' }).click();
  await expect(close.getByRole('alert')).toHaveText('请填写理由或意见');
  await close.getByRole('textbox', { name: '办结情况说明' }).fill('已公布全市“宁静小区”名单 52 个');
  await close.getByRole('button', { name: '提交' }).click();
  if (onPhone) await tapTargets(ecoCard);
  await transport.send(eco, ECO, [office]);

  // The office: the resubmission is 已重报 and passes; the extension is approved; the closure confirmed.
  await office.getByRole('navigation').getByRole('button', { name: /^审核/ }).click();
  await expect(office.getByRole('navigation').getByRole('button', { name: /^审核/ })).toContainText('3');
  await expect(queue.getByRole('option').first()).toContainText('已重报');
  await expect(chosen).toContainText('65个');
  await queue.focus();
  await office.keyboard.press('p');
  await expect(office.getByText('没有待审核的报告')).toBeVisible();
  const mealsRequest = office.getByRole('article', { name: meals.name });
  await expect(mealsRequest).toContainText('9月底 → 12月底');
  // A refusal without its reason is refused; the approval goes through, once.
  await mealsRequest.getByRole('button', { name: '不予批准' }).click();
  await expect(mealsRequest.getByRole('alert')).toHaveText('请填写理由或意见');
  await mealsRequest.getByRole('button', { name: '批准', exact: true }).click();
  await expect(mealsRequest).toHaveCount(0);
  const quietRequest = office.getByRole('article', { name: quiet.name });
  await expect(quietRequest).toContainText('已公布全市“宁静小区”名单 52 个');
  await quietRequest.getByRole('button', { name: '销号' }).click();
  await expect(office.getByText('没有待批复的申请')).toBeVisible();
  await expect(office.getByRole('navigation').getByRole('button', { name: /^审核/ })).toContainText('0');
  await shot(office, `review-${transport.name}-office-done`);
  await transport.send(office, null, [civil, eco]);

  // At 2024-10-15 the project is judged against the adjusted plan: no longer 严重滞后, marked 已延期.
  const base = office.url().split('?')[0];
  await office.goto(`${base}?d=2024-10-15&q=${encodeURIComponent('助餐')}`);
  const row = office.getByRole('row', { name: new RegExp(meals.name) });
  await expect(row).toContainText('已延期');
  await expect(row).not.toContainText('严重滞后');
  await expect(row).not.toContainText('逾期');
  // Against the baseline (the year-end assessment) it is 严重滞后 again.
  await office.goto(`${base}?p=${meals.id}&d=2024-10-15`);
  await expect(office.getByText('已延期：原定 9月底，批准延至 12月底')).toBeVisible();
  const moved = office.locator('table.moved-table');
  await expect(moved).toContainText('原计划');
  await expect(moved).toContainText('部分点位征迁未完成');
  const log = office.getByRole('list', { name: '流转记录' });
  await expect(log).toContainText('9月报告退回重报');
  await expect(log).toContainText('9月报告审核通过');
  await expect(log).toContainText('批准延期');
  // The 甘特图 draws the 原计划 ghost beside the moved milestone, with its legend entry.
  await office.goto(`${base}?v=timeline&d=2024-10-15&q=${encodeURIComponent('助餐')}`);
  await expect(office.locator('.tl-ghost').first()).toBeAttached();
  await expect(office.getByRole('list', { name: '图例' })).toContainText('原计划');
  await shot(office, `review-${transport.name}-timeline`);
  // 总览 counts the closed project 已办结.
  await office.goto(`${base}?v=dashboard&d=2024-12-31`);
  await expect(office.getByRole('group', { name: '已办结' })).toContainText('1');
  // The unit sees the state of everything it sent.
  await civil.goto(`${civil.url().split('?')[0]}?p=${meals.id}`);
  await expect(civil.getByRole('list', { name: '本单位报送和申请的状态' })).toContainText('已批准');
  await eco.goto(`${eco.url().split('?')[0]}?p=${quiet.id}`);
  await expect(eco.getByRole('list', { name: '本单位报送和申请的状态' })).toContainText('已办结');
}

test('the review loop with files between two units on phones and the office', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  // bypassCSP: axe-core is put on the page as a script.
  const contexts = [await browser.newContext({ ...phone, bypassCSP: true }), await browser.newContext(phone), await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true })];
  const [civil, eco, office] = await Promise.all(contexts.map((c) => c.newPage()));
  const problems = [civil, eco, office].map(watchPage);
  for (const p of [civil, eco, office]) {
    await p.clock.setSystemTime(NOW);
    await p.goto(baseURL);
  }
  await playLoop(files(), civil, eco, office, { onPhone: true });
  // A unit's file that carries an office record (written by hand) is imported without it, and says so.
  const forged = path.join(artifacts, 'review-forged.json');
  const [download] = await Promise.all([office.waitForEvent('download'), (async () => {
    await office.getByRole('button', { name: '数据交换', exact: true }).click();
    await office.getByRole('button', { name: '导出 JSON' }).click();
  })()]);
  await download.saveAs(forged);
  const file = JSON.parse(fs.readFileSync(forged, 'utf8'));
  // Written by hand: the office's signature would no longer match (signed files are refused when
  // changed), so the forger drops it and sends an unsigned file.
  delete file.signature;
  file.exported_by = CIVIL;
  fs.writeFileSync(forged, JSON.stringify(file));
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(`${baseURL}?v=exchange`);
  await fresh.getByLabel('选择要导入的 JSON 文件').setInputFiles(forged);
  const aside = fresh.getByRole('alert', { name: /条督查室记录未导入/ });
  await expect(aside).toContainText('“review-forged.json”不是督查室导出的文件');
  await fresh.getByRole('button', { name: '应用合并' }).click();
  await fresh.getByRole('navigation').getByRole('button', { name: /^审核/ }).click();
  // Without the office's reviews the resubmitted report waits for review again.
  await expect(fresh.getByRole('listbox', { name: '待审核报告' }).getByRole('option')).not.toHaveCount(0);
  expect(problems).toEqual([[], [], []]);
  for (const c of contexts) await c.close();
});

test.describe('through sync', () => {
  let base; let port; let accounts; let close;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    ({ base, port, accounts, close } = await startSyncServer('minsheng-review-'));
  });

  test.afterAll(async () => {
    close?.();
  });

  test('the review loop through PouchDB Server, and a unit cannot write an approval', async ({ browser }) => {
    test.setTimeout(180_000);
    const contexts = [await browser.newContext(), await browser.newContext(), await browser.newContext({ viewport: { width: 1366, height: 768 } })];
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    const problems = pages.map(watchPage);
    for (const [page, who] of [[pages[0], CIVIL], [pages[1], ECO], [pages[2], OFFICE]]) {
      await page.clock.setSystemTime(NOW);
      await page.goto(`${base}?v=sync`);
      await page.getByRole('textbox', { name: '同步地址' }).fill(DB);
      await page.getByRole('textbox', { name: '用户名' }).fill(who);
      await page.getByLabel('密码', { exact: true }).fill(accounts[who]);
      await page.getByRole('button', { name: '登录并同步' }).click();
      await expect(page.getByRole('status').filter({ hasText: /同步/ }).first()).toHaveText(/^已同步（/);
    }
    await playLoop(sync(), pages[0], pages[1], pages[2], { onPhone: false });

    // A unit account writing an approval (a ruling) straight to the database is refused, with its code.
    const auth = 'Basic ' + Buffer.from(`${CIVIL}:${accounts[CIVIL]}`).toString('base64');
    const ruling = {
      _id: 'a-forged-ruling', type: 'act', plan: plan.id, kind: 'ruling', id: 'a-forged-ruling', project: meals.id,
      request: 'anything', approve: true, comment: '', unit: OFFICE, person: '', recorded_at: '2024-10-01T00:00:00.000Z',
    };
    const answer = await fetch(`http://127.0.0.1:${port}/minsheng-2024/a-forged-ruling`, { method: 'PUT', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify(ruling) });
    expect(answer.status).toBe(403);
    expect(JSON.parse((await answer.json()).reason).code).toBe('office_only');
    // Its own extension request for another unit's project is refused too.
    const request = { ...ruling, _id: 'a-forged-request', id: 'a-forged-request', kind: 'extension', project: quiet.id, unit: CIVIL, target: { kind: 'due' }, from: '2024-11-30', to: '2024-12-31', reason: 'x' };
    const second = await fetch(`http://127.0.0.1:${port}/minsheng-2024/a-forged-request`, { method: 'PUT', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    expect(second.status).toBe(403);
    expect(JSON.parse((await second.json()).reason).code).toBe('not_lead');
    expect(problems).toEqual([[], [], []]);
    for (const c of contexts) await c.close();
  });
});
