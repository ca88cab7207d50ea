// Issue 39: sync survives a server that lost data, crashed mid-push or answers badly. A real PouchDB
// Server (kept on disk, so it can be killed and started again) behind a small fault-injecting proxy
// (loopback only; each fault fires a set number of times), reached through the app's own /db/. Two
// units and the office sync through every fault; each scenario ends with the union of all records on
// the server and in every browser: nothing lost, nothing doubled.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import http from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { watchPage, idbGet, shot } from './helpers.mjs';
import { createServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const plan = JSON.parse(fs.readFileSync(path.join(root, 'data', 'plan-2024.json'), 'utf8'));
const DB = 'minsheng-2024';
const ADMIN = { Authorization: 'Basic ' + Buffer.from('admin:secret').toString('base64'), 'Content-Type': 'application/json' };
const CIVIL = '市民政局';
const ECO = '市生态环境局';
const OFFICE = '督查室';

const freePort = () => new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

let dir; let couchPort; let couch; let proxy; let app; let base; const accounts = {};
/** Faults the proxy injects: each `{ when(req), action, times }`; `action` is a status, 'hang' or 'kill'. */
const faults = [];
const seen = [];

async function startCouch() {
  couch = spawn(process.execPath, [path.join(root, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server'), '--host', '127.0.0.1', '--port', String(couchPort), '--dir', path.join(dir, 'data')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const started = couch;
  await new Promise((resolve, reject) => {
    started.stdout.on('data', (d) => { if (String(d).includes('has started')) resolve(); });
    started.on('exit', (code) => reject(new Error(`pouchdb-server exited ${code}`)));
  });
  // Answers once its databases are open.
  await expect.poll(async () => (await fetch(`http://127.0.0.1:${couchPort}/`).catch(() => ({ status: 0 }))).status).toBe(200);
}

function killCouch() {
  const dead = new Promise((resolve) => couch.once('exit', resolve));
  couch.kill('SIGKILL');
  return dead;
}

/** Runs the set-up script against the database (again): it keeps the accounts that exist. */
function setUp(round) {
  const file = path.join(dir, `accounts-${round}.csv`);
  execFileSync(process.execPath, [path.join(root, 'tools', 'couch-setup.mjs'), '--server', `http://admin:secret@127.0.0.1:${couchPort}`, '--db', DB, '--plan', path.join(root, 'data', 'plan-2024.json'), '--accounts', file, '--office', OFFICE], { cwd: root, stdio: 'inherit' });
  for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    const [, name, password] = line.match(/^("(?:[^"\\]|\\.)*"),([^,]*),/);
    if (password !== '(unchanged)') accounts[JSON.parse(name)] = password;
  }
}

/** The record ids on the server (read as the administrator), and its document count. */
async function onServer() {
  const res = await fetch(`http://127.0.0.1:${couchPort}/${DB}/_all_docs`, { headers: ADMIN });
  const ids = (await res.json()).rows.map((r) => r.id).filter((id) => !id.startsWith('_design/'));
  return ids.sort();
}

/** The record ids a browser holds (its stored ledger). */
async function inBrowser(page) {
  const text = await idbGet(page, `minsheng/v1/ledger/${plan.id}`);
  const ledger = text ? JSON.parse(text) : { entries: [], decisions: [] };
  return [...ledger.entries.map((e) => e.id), ...(ledger.decisions || []).map((d) => d.id)].sort();
}

/** The account a request comes from: CouchDB's session cookie is base64 of "name:time:hash". */
function who(req) {
  const cookie = /AuthSession=([^;]+)/.exec(req.headers.cookie || '');
  if (!cookie) return null;
  return Buffer.from(cookie[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8').split(':')[0];
}

/** A forwarding proxy that injects the faults listed in `faults`. */
function startProxy(port) {
  const server = http.createServer((req, res) => {
    const rule = faults.find((f) => f.times > 0 && f.when(req));
    seen.push(`${req.method} ${req.url.split('?')[0]}`);
    if (rule) {
      rule.times -= 1;
      if (typeof rule.action === 'number') {
        req.resume();
        res.writeHead(rule.action, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ error: 'injected', reason: `status ${rule.action}` }));
      }
      if (rule.action === 'hang') {
        // Held past the app's timeout, then dropped (bounded: never left open).
        req.resume();
        const timer = setTimeout(() => res.destroy(), 25_000);
        res.on('close', () => clearTimeout(timer));
        return undefined;
      }
    }
    const forward = http.request({ host: '127.0.0.1', port: couchPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
    if (rule?.action === 'kill') {
      // The server dies while the batch is on its way: part of the body sent, then the process killed.
      let sent = 0;
      req.on('data', (chunk) => {
        forward.write(chunk);
        sent += chunk.length;
        if (sent > 2000 && couch.exitCode === null && !couch.killed) killCouch();
      });
      req.on('end', () => forward.end());
    } else {
      req.pipe(forward);
    }
    return undefined;
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** A progress file of `n` figures reported by `unit` on the projects it leads. */
function progressFile(unit, n, tag) {
  const projects = plan.projects.filter((p) => p.lead_unit === unit && p.indicators.length > 0);
  const entries = [];
  for (let k = 0; k < n; k++) {
    const p = projects[k % projects.length];
    const month = 1 + (Math.floor(k / projects.length) % 9);
    entries.push({
      id: `${tag}-${k}`, project: p.id, indicator: p.indicators[0].id, value: k + 1,
      as_of: `2024-${String(month).padStart(2, '0')}-${month === 2 ? 29 : [4, 6, 9].includes(month) ? 30 : 31}`,
      unit, note: '', person: '测试', recorded_at: `2024-10-01T08:${String(Math.floor(k / 60) % 60).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}.000Z`,
    });
  }
  const file = path.join(dir, `${tag}.json`);
  fs.writeFileSync(file, JSON.stringify({ format: 'minsheng-progress', version: 1, plan: { id: plan.id, fingerprint: 'x', title: plan.title, year: plan.year }, exported_at: '2024-10-01T09:00:00.000Z', entries, decisions: [] }));
  return file;
}

/** Imports a progress file of `n` records new to the browser. */
async function importFile(page, file, n) {
  await page.getByRole('navigation', { name: '视图' }).getByRole('button', { name: '数据交换' }).click();
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(file);
  await expect(page.getByRole('region', { name: '合并预览' })).toContainText(`新增记录 ${n} 条`);
  await page.getByRole('button', { name: '应用合并' }).click();
  await expect(page.getByText(`已合并 1 个文件，新增 ${n} 条记录`)).toBeVisible();
}

const status = (page) => page.locator('.sync-status');


async function signIn(page, unit) {
  await page.goto(`${base}?v=sync`);
  await page.getByRole('textbox', { name: '同步地址' }).fill(`/db/${DB}`);
  await page.getByRole('textbox', { name: '用户名' }).fill(unit);
  await page.getByLabel('密码', { exact: true }).fill(accounts[unit]);
  await page.getByRole('button', { name: '登录并同步' }).click();
  await expect(status(page)).toHaveText(/^已同步/, { timeout: 60_000 });
}

async function syncNow(page) {
  await page.getByRole('navigation', { name: '视图' }).getByRole('button', { name: '同步', exact: true }).click();
  await page.getByRole('button', { name: '立即同步' }).click();
}

/** Every browser and the server hold the same records, each once. */
async function expectUnion(pages, expected) {
  for (const page of pages) {
    await syncNow(page);
    await expect(status(page)).toHaveText(/^已同步（[^）]*）/, { timeout: 60_000 });
  }
  // A second round: what one browser put back reaches those that synced before it.
  for (const page of pages) {
    await syncNow(page);
    await expect(status(page)).toHaveText(/^已同步（[^）]*）/, { timeout: 60_000 });
  }
  const server = await onServer();
  expect(new Set(server).size).toBe(server.length);
  expect(server).toEqual([...expected].sort());
  for (const page of pages) await expect.poll(() => inBrowser(page), { timeout: 30_000 }).toEqual(server);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-faults-'));
  fs.mkdirSync(path.join(dir, 'data'));
  couchPort = await freePort();
  await startCouch();
  await fetch(`http://127.0.0.1:${couchPort}/_config/admins/admin`, { method: 'PUT', body: '"secret"' });
  setUp(1);
  proxy = await startProxy(await freePort());
  app = createServer({ couch: `http://127.0.0.1:${proxy.address().port}` });
  await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${app.address().port}/`;
});

test.afterAll(async () => {
  app?.close();
  proxy?.close();
  if (couch && couch.exitCode === null) couch.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('sync survives a server killed mid-push, recreated empty, restored from an older copy, and bad answers', async ({ browser }) => {
  test.setTimeout(420_000);
  const pages = {};
  for (const who of [CIVIL, ECO, OFFICE]) pages[who] = await (await browser.newContext()).newPage();
  const problems = Object.values(pages).map(watchPage);
  const { [CIVIL]: civil, [ECO]: eco, [OFFICE]: office } = pages;
  const all = new Set();
  const civilFile = progressFile(CIVIL, 700, 'civil');
  const ecoFile = progressFile(ECO, 40, 'eco');
  for (const e of JSON.parse(fs.readFileSync(civilFile, 'utf8')).entries) all.add(e.id);
  for (const e of JSON.parse(fs.readFileSync(ecoFile, 'utf8')).entries) all.add(e.id);

  // 1. The server is killed while the first batch of 市民政局's 700 records is on its way.
  await signIn(civil, CIVIL);
  await signIn(eco, ECO);
  await signIn(office, OFFICE);
  faults.push({ when: (req) => req.method === 'POST' && req.url.includes('/_bulk_docs'), action: 'kill', times: 1 });
  await importFile(civil, civilFile, 700);
  await syncNow(civil);
  await expect(status(civil)).toContainText('无法连接同步服务器', { timeout: 60_000 });
  await startCouch();
  // PouchDB Server keeps no sessions over a restart: each signs in again, as the users do.
  for (const [who, page] of Object.entries(pages)) await signIn(page, who);
  await importFile(eco, ecoFile, 40);
  await expectUnion([civil, eco, office], all);
  await shot(civil, 'sync-faults-killed');

  // 2. The database is lost and made again empty (the set-up script run again) while the units' browsers
  //    are offline: the office puts every unit's records back (恢复服务器数据), each still its unit's; the
  //    units, back online, find their checkpoint gone, compare, and have nothing left to send.
  const backup = await fetch(`http://127.0.0.1:${couchPort}/_replicate`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ source: DB, target: 'backup', create_target: true }) });
  expect(backup.status).toBeLessThan(300);
  await civil.context().setOffline(true);
  await eco.context().setOffline(true);
  await fetch(`http://127.0.0.1:${couchPort}/${DB}`, { method: 'DELETE', headers: ADMIN });
  setUp(2);
  expect(await onServer()).toEqual([]);
  await office.getByRole('navigation', { name: '视图' }).getByRole('button', { name: '同步', exact: true }).click();
  await office.getByRole('button', { name: '恢复服务器数据' }).click();
  // (The office's own next run finds the database made again too, and does the same.)
  await expect(status(office)).toHaveText(/^已同步（[^）]*）：服务器数据曾丢失或重置，已重新上传 \d+ 条记录$/, { timeout: 60_000 });
  await expect.poll(onServer).toEqual([...all].sort());
  const restored = await (await fetch(`http://127.0.0.1:${couchPort}/${DB}/civil-3`, { headers: ADMIN })).json();
  expect([restored.unit, restored.person, restored.value]).toEqual([CIVIL, '测试', 4]);
  await shot(office, 'sync-faults-restored');
  // Back online: the browser's own run (the `online` event) compares and finds nothing missing.
  await civil.context().setOffline(false);
  await expect(status(civil)).toHaveText(/^已同步（[^）]*）：服务器数据曾丢失或重置，已重新上传 0 条记录$/, { timeout: 60_000 });
  await eco.context().setOffline(false);
  await expect(status(eco)).toHaveText(/^已同步（[^）]*）：服务器数据曾丢失或重置，已重新上传 0 条记录$/, { timeout: 60_000 });

  // 3. More records, then the database is restored from the older copy (made by replication before
  //    them) while every browser is offline: back online, 市生态环境局 finds its later records missing and
  //    sends them again.
  const later = progressFile(ECO, 25, 'eco-later');
  for (const e of JSON.parse(fs.readFileSync(later, 'utf8')).entries) all.add(e.id);
  await importFile(eco, later, 25);
  await expect.poll(async () => (await onServer()).length, { timeout: 30_000 }).toBe(all.size);
  for (const page of [civil, eco, office]) await page.context().setOffline(true);
  await fetch(`http://127.0.0.1:${couchPort}/${DB}`, { method: 'DELETE', headers: ADMIN });
  await fetch(`http://127.0.0.1:${couchPort}/${DB}`, { method: 'PUT', headers: ADMIN });
  const back = await fetch(`http://127.0.0.1:${couchPort}/_replicate`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ source: 'backup', target: DB }) });
  expect(back.status).toBeLessThan(300);
  setUp(3);
  expect((await onServer()).length).toBe(all.size - 25);
  await eco.getByRole('navigation', { name: '视图' }).getByRole('button', { name: '同步', exact: true }).click();
  await eco.context().setOffline(false);
  await expect(status(eco)).toHaveText(/^已同步（[^）]*）：服务器数据曾丢失或重置，已重新上传 25 条记录$/, { timeout: 60_000 });
  await civil.context().setOffline(false);
  await office.context().setOffline(false);
  await expectUnion([civil, eco, office], all);

  // 4. Bad answers to 市民政局's requests: 500 on a push, a request that hangs past the timeout, 502 on a
  //    pull, 409 on the checkpoint. The run that meets one says so (never 已同步); the next one completes.
  const more = progressFile(CIVIL, 30, 'civil-more');
  for (const e of JSON.parse(fs.readFileSync(more, 'utf8')).entries) all.add(e.id);
  const mine = (req) => who(req) === CIVIL;
  const bulk = { when: (req) => mine(req) && req.method === 'POST' && req.url.includes('/_bulk_docs'), action: 500, times: 1 };
  faults.push(bulk);
  // The import's own run (a second after it) meets the 500.
  await importFile(civil, more, 30);
  await expect.poll(() => bulk.times, { timeout: 30_000 }).toBe(0);
  await civil.getByRole('navigation', { name: '视图' }).getByRole('button', { name: '同步', exact: true }).click();
  await expect(status(civil)).toContainText('同步服务器出错（500）', { timeout: 60_000 });
  for (const [when, action, says] of [
    [(req) => mine(req) && req.method === 'POST' && req.url.includes('/_all_docs'), 'hang', '无法连接同步服务器'],
    [(req) => mine(req) && req.method === 'GET' && req.url.includes('/_changes'), 502, '无法连接同步服务器'],
    [(req) => mine(req) && req.method === 'PUT' && req.url.includes('/_local/'), 409, '同步服务器出错（409）'],
  ]) {
    const fault = { when, action, times: 1 };
    faults.push(fault);
    // Every status shown from now on (a run queued meanwhile may follow the failed one at once).
    await civil.evaluate(() => {
      const el = document.querySelector('.sync-status');
      window.__statuses = [];
      new MutationObserver(() => window.__statuses.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await syncNow(civil);
    await expect.poll(() => fault.times, { timeout: 30_000 }).toBe(0);
    await expect.poll(() => civil.evaluate((says) => window.__statuses.some((t) => t.includes(says)), says), { timeout: 60_000 }).toBe(true);
    // The run that met the fault never said 已同步.
    const shown = await civil.evaluate(() => window.__statuses);
    expect(shown.slice(0, shown.findIndex((t) => t.includes(says))).filter((t) => t.startsWith('已同步'))).toEqual([]);
  }
  await expectUnion([civil, eco, office], all);
  for (const p of problems) expect(p.filter((m) => !/Failed to load resource|net::ERR/.test(m))).toEqual([]);
});
