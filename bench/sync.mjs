// Storage and sync figures for `make bench` (issue 14), measured through the app in Chromium:
//   - first paint of the list with a year of reports for 10,000 projects stored in IndexedDB, beside
//     the same page with nothing stored (the stored ledger is read after the first paint);
//   - the same with 20,000 photos stored beside the year (issue 33, 佐证材料): their records in the
//     ledger and 20,000 files in IndexedDB; the list's first paint, the statuses shown, and when the
//     attachment records (kept apart, read after the statuses) are in, with the longest task after
//     the first paint;
//   - push 10,000 entries to a server of the CouchDB protocol (PouchDB Server on 127.0.0.1, reached at
//     the app's own /db/ as the recommended deployment does), then pull them into a second browser;
//   - the same 10,000 documents pushed and pulled by PouchDB's own replication in the same browser
//     (the library a team would pick instead of writing sync), as the peer.
import fs from 'node:fs';
import { gotoAndWaitForPaint } from './peers.mjs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createServer } from '../e2e/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(root, 'node_modules');

const freePort = () => new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function startCouch(plan) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-bench-couch-'));
  const port = await freePort();
  const couch = spawn(process.execPath, [path.join(modules, 'pouchdb-server', 'bin', 'pouchdb-server'), '--in-memory', '--host', '127.0.0.1', '--port', String(port)], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    couch.stdout.on('data', (d) => { if (String(d).includes('has started')) resolve(); });
    couch.on('exit', (code) => reject(new Error(`pouchdb-server exited ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  await fetch(`${url}/_config/admins/admin`, { method: 'PUT', body: '"secret"' });
  execFileSync(process.execPath, [path.join(root, 'tools', 'couch-setup.mjs'), '--server', `http://admin:secret@127.0.0.1:${port}`, '--db', 'minsheng-bench', '--plan', plan, '--accounts', path.join(dir, 'accounts.csv')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  // The peer's database carries the same design document, so the server validates both sides alike.
  const admin = { Authorization: 'Basic ' + Buffer.from('admin:secret').toString('base64'), 'Content-Type': 'application/json' };
  await fetch(`${url}/peer-bench`, { method: 'PUT', headers: admin });
  const { _rev, ...design } = await (await fetch(`${url}/minsheng-bench/_design/minsheng`, { headers: admin })).json();
  await fetch(`${url}/peer-bench/_design/minsheng`, { method: 'PUT', headers: admin, body: JSON.stringify(design) });
  let round = 1;
  // The database lost and made again (the set-up script run again; the accounts kept).
  const recreate = async () => {
    await fetch(`${url}/minsheng-bench`, { method: 'DELETE', headers: admin });
    round += 1;
    execFileSync(process.execPath, [path.join(root, 'tools', 'couch-setup.mjs'), '--server', `http://admin:secret@127.0.0.1:${port}`, '--db', 'minsheng-bench', '--plan', plan, '--accounts', path.join(dir, `accounts-${round}.csv`)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  };
  return { url, recreate, stop: () => { couch.kill(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

async function docCount(url, db) {
  const res = await fetch(`${url}/${db}`, { headers: { Authorization: 'Basic ' + Buffer.from('admin:secret').toString('base64') } });
  return (await res.json()).doc_count;
}

async function firstPaint(page, url) {
  await gotoAndWaitForPaint(page, url);
  return page.evaluate(() => window.__bench.firstPaint);
}

const watchRows = () => {
  window.__bench = { long: [] };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long task timing */ }
  new MutationObserver(() => {
    if (!window.__bench.firstRow && document.querySelector('[data-project]')) {
      window.__bench.firstRow = performance.now();
      requestAnimationFrame(() => { window.__bench.firstPaint = performance.now(); console.log('bench:painted'); });
    }
  }).observe(document, { childList: true, subtree: true });
};

async function importFile(page, file, entries) {
  await page.getByRole('button', { name: '数据交换' }).click();
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(file);
  await page.getByRole('button', { name: '应用合并' }).click({ timeout: 120000 });
  await page.getByText(`本浏览器中共有 ${entries} 条填报记录`).waitFor({ timeout: 120000 });
  // Shown before it is saved (a save of a year's reports takes a second or more): the next load must
  // find it stored, as a user who waits for the save does (one who leaves sooner is asked first).
  const key = `minsheng/v1/ledger/${JSON.parse(fs.readFileSync(file, 'utf8')).plan.id}`;
  await page.waitForFunction(([k, want]) => new Promise((resolve) => {
    const open = indexedDB.open('minsheng', 1);
    open.onsuccess = () => {
      const req = open.result.transaction('kv').objectStore('kv').get(k);
      req.onsuccess = () => { open.result.close(); resolve(req.result ? JSON.parse(req.result).entries.length : 0); };
    };
  }).then((n) => n >= want), [key, entries], { timeout: 120000, polling: 200 });
}

async function signInAndWait(page, base) {
  await page.goto(`${base}?v=sync`);
  await page.getByRole('textbox', { name: '同步地址' }).fill('/db/minsheng-bench');
  await page.getByRole('textbox', { name: '用户名' }).fill('admin');
  await page.getByLabel('密码', { exact: true }).fill('secret');
  const start = Date.now();
  await page.getByRole('button', { name: '登录并同步' }).click();
  await page.getByRole('status').filter({ hasText: /^已同步（/ }).first().waitFor({ timeout: 600000 });
  return Date.now() - start;
}

/** `dir` holds the 10,000-project dataset (index.json, plan-synth.json, progress-synth.json). */
export async function measureStorageAndSync(browser, dir) {
  const progress = JSON.parse(fs.readFileSync(path.join(dir, 'progress-synth.json'), 'utf8'));
  const yearEntries = progress.entries.length;
  const tenK = path.join(dir, 'progress-10000-entries.json');
  fs.writeFileSync(tenK, JSON.stringify({ ...progress, entries: progress.entries.slice(0, 10000), decisions: [] }));
  const couch = await startCouch(path.join(dir, 'plan-synth.json'));
  const app = createServer({ dataDir: dir, couch: couch.url });
  await new Promise((r) => app.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${app.address().port}/`;
  const out = { entriesStored: yearEntries };
  try {
    // First paint with the year stored, beside nothing stored, each load in a fresh context (no warm
    // cache from the load before); five each.
    const viewport = { width: 1920, height: 1080 };
    const fresh = async (storageState) => {
      const context = await browser.newContext({ viewport, storageState });
      const page = await context.newPage();
      await page.addInitScript(watchRows);
      return { context, page };
    };
    const empty = [];
    const paints = process.env.BENCH_SYNC_PUSH_ONLY ? 0 : 5;
    for (let k = 0; k < paints; k++) {
      const { context, page } = await fresh();
      empty.push(await firstPaint(page, `${base}?d=2024-09-30`));
      await context.close();
    }
    const seed = await fresh();
    await seed.page.goto(`${base}?d=2024-09-30`);
    await importFile(seed.page, path.join(dir, 'progress-synth.json'), yearEntries);
    out.storageText = await seed.page.getByRole('region', { name: '浏览器存储' }).getByRole('status').textContent().catch(() => '');
    const state = await seed.context.storageState({ indexedDB: true });
    await seed.context.close();
    const stored = [];
    const returning = [];
    for (let k = 0; k < paints; k++) {
      const { context, page } = await fresh(state);
      stored.push(await firstPaint(page, `${base}?d=2024-09-30`));
      // The returning user's point: the list with the stored year's statuses shown — the ledger read
      // (the app marks it), then the frame after next.
      returning.push(await page.evaluate(() => new Promise((resolve) => {
        const check = () => (performance.getEntriesByName('minsheng:ledger-ready').length
          ? requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))
          : setTimeout(check, 5));
        check();
      })));
      await page.getByRole('button', { name: '数据交换' }).click();
      await page.getByText(`本浏览器中共有 ${yearEntries} 条填报记录`).waitFor({ timeout: 120000 });
      await context.close();
    }
    const med = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
    out.firstPaintEmptyMs = +med(empty).toFixed(1);
    out.firstPaintStoredMs = +med(stored).toFixed(1);
    out.returningMs = +med(returning).toFixed(1);
    out.returningSpread = returning.length ? [Math.min(...returning), Math.max(...returning)].map((x) => +x.toFixed(0)) : [];

    if (!process.env.BENCH_SYNC_PUSH_ONLY) Object.assign(out, await measurePhotos(browser, base, dir, progress, state, fresh));
    // BENCH_ONLY=storage: the loads alone, without push and pull.
    if (process.env.BENCH_ONLY === 'storage') return out;

    // Push 10,000 entries, then pull them into a second browser.
    const a = await browser.newContext();
    const pa = await a.newPage();
    await pa.goto(`${base}?v=exchange`);
    await importFile(pa, tenK, 10000);
    out.pushMs = await signInAndWait(pa, base);
    out.onServer = await docCount(couch.url, 'minsheng-bench');
    const b = await browser.newContext();
    const pb = await b.newPage();
    out.pullMs = await signInAndWait(pb, base);
    await pb.getByRole('button', { name: '数据交换' }).click();
    out.pulled = Number((await pb.getByText(/本浏览器中共有 \d+ 条填报记录/).textContent()).match(/\d+/)[0]);
    // The server loses the database; the office's browser (signed in as the administrator) puts the
    // 10,000 records back with 恢复服务器数据: click → 已重新上传 N 条记录.
    await couch.recreate();
    await pa.getByRole('button', { name: '同步', exact: true }).click();
    const reseed = Date.now();
    await pa.getByRole('button', { name: '恢复服务器数据' }).click();
    // Done when the status turns to 已同步 after 正在核对并重新上传 (a later run may soon say plain 已同步).
    const said = pa.locator('.sync-status');
    const shown = [];
    let last = '';
    let restoring = false;
    for (;;) {
      const text = await said.textContent();
      if (text !== last) shown.push(`${((Date.now() - reseed) / 1000).toFixed(1)} s: ${text}`);
      last = text;
      restoring ||= text.includes('重新上传本机');
      if ((restoring && text.startsWith('已同步')) || Date.now() - reseed > 600000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    out.reseedStatuses = shown;
    out.reseedMs = Date.now() - reseed;
    out.reseeded = await docCount(couch.url, 'minsheng-bench');
    await a.close(); await b.close();

    // The peer: PouchDB (the library pouchdb-server is built on) replicating the same documents
    // from an in-browser database to the server and back into a fresh one.
    const peer = await browser.newContext();
    const pp = await peer.newPage();
    const pouch = fs.readFileSync(path.join(modules, 'pouchdb', 'dist', 'pouchdb.min.js'), 'utf8');
    // Served at the app's origin, so PouchDB reaches the server through the same /db/ proxy.
    await pp.route(`${base}peer.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>peer</title>' }));
    await pp.goto(`${base}peer.html`);
    await pp.addScriptTag({ content: pouch });
    const docs = progress.entries.slice(0, 10000).map(({ id, ...e }) => ({ _id: id, type: 'entry', plan: progress.plan.id, ...e }));
    const peerTimes = await pp.evaluate(async ({ docs, remote }) => {
      const local = new PouchDB('push');
      await local.bulkDocs(docs);
      const auth = { auth: { username: 'admin', password: 'secret' } };
      const server = new PouchDB(remote, auth);
      let start = performance.now();
      await local.replicate.to(server);
      const push = performance.now() - start;
      const other = new PouchDB('pull');
      start = performance.now();
      await other.replicate.from(server);
      const pull = performance.now() - start;
      return { push, pull, pulled: (await other.info()).doc_count };
    }, { docs, remote: `${base}db/peer-bench` });
    out.peerPushMs = +peerTimes.push.toFixed(0);
    out.peerPullMs = +peerTimes.pull.toFixed(0);
    out.peerPulled = peerTimes.pulled;
    await peer.close();
  } finally {
    app.close();
    couch.stop();
  }
  return out;
}

/** A v4 progress file of the year with two photo records per project (20,000 at 10,000 projects), each
 * naming the file it stands for by its SHA-256, and those files' keys. */
function photosFile(dir, progress) {
  const plan = JSON.parse(fs.readFileSync(path.join(dir, 'plan-synth.json'), 'utf8'));
  const evidence = [];
  for (const [i, p] of plan.projects.entries()) {
    for (const k of [0, 1]) {
      evidence.push({
        id: `att-${String(i).padStart(5, '0')}-${k}`, project: p.id, month: '2024-09-30',
        hash: crypto.createHash('sha256').update(`photo ${i} ${k}`).digest('hex'),
        name: `IMG_${i}${k}.jpg`, mime: 'image/jpeg', size: 312000, caption: '现场照片', taken_at: '2024-09-28T15:42:07',
        unit: p.lead_unit, person: '', recorded_at: '2024-09-30T10:00:00.000Z',
      });
    }
  }
  const file = path.join(dir, 'progress-photos.json');
  fs.writeFileSync(file, JSON.stringify({ ...progress, version: 4, evidence }));
  return { file, hashes: evidence.map((a) => a.hash) };
}

/** Writes a stand-in file (1 KB, as the app keeps a file: a Blob under `file/<hash>`) for each hash, in
 * the page's origin, before the app is opened. */
async function storeFiles(page, hashes) {
  await page.evaluate((hs) => new Promise((resolve, reject) => {
    const open = indexedDB.open('minsheng', 1);
    open.onsuccess = () => {
      const tx = open.result.transaction('kv', 'readwrite');
      const bytes = new Uint8Array(1024);
      for (const h of hs) tx.objectStore('kv').put(new Blob([bytes], { type: 'image/jpeg' }), `minsheng/v1/file/${h}`);
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), hashes);
}

/** The year stored, beside the year and 20,000 photos: paired rounds, in turn, each load in a fresh
 * context that first opens a blank page of the origin (where the photos' files are written). */
async function measurePhotos(browser, base, dir, progress, yearState, fresh) {
  const { file, hashes } = photosFile(dir, progress);
  const seed = await fresh();
  await seed.page.goto(`${base}?d=2024-09-30`);
  await importFile(seed.page, file, progress.entries.length);
  const key = `minsheng/v1/ledger/${progress.plan.id}/evidence`;
  await seed.page.waitForFunction((k) => new Promise((resolve) => {
    const open = indexedDB.open('minsheng', 1);
    open.onsuccess = () => {
      const req = open.result.transaction('kv').objectStore('kv').get(k);
      req.onsuccess = () => { open.result.close(); resolve(req.result ? JSON.parse(req.result).evidence.length : 0); };
    };
  }).then((n) => n >= 20000), key, { timeout: 120000, polling: 200 });
  const photoState = await seed.context.storageState({ indexedDB: true });
  await seed.context.close();
  const one = async (state, files) => {
    const { context, page } = await fresh(state);
    await page.route(`${base}blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
    await page.goto(`${base}blank.html`);
    if (files) await storeFiles(page, hashes);
    // Every side waits as long before the app is opened: the database settles after 20,000 writes.
    await page.waitForTimeout(8000);
    const painted = await firstPaint(page, `${base}?d=2024-09-30`);
    const marks = await page.evaluate(() => new Promise((resolve) => {
      const at = (name) => performance.getEntriesByName(name)[0];
      const check = () => (at('minsheng:evidence-ready')
        ? requestAnimationFrame(() => requestAnimationFrame(() => resolve({
          ledger: at('minsheng:ledger-ready').startTime, evidence: at('minsheng:evidence-ready').startTime, shown: performance.now(),
          // The longest task after the first paint (the statuses, then the attachment records).
          longest: Math.max(0, ...window.__bench.long.filter(([t]) => t >= window.__bench.firstPaint).map(([, d]) => d)),
        })))
        : setTimeout(check, 5));
      check();
    }));
    // The returning user's point: the statuses shown (the frame after next of `ledger-ready`), as
    // the year alone is measured above.
    const statuses = await page.evaluate(() => new Promise((resolve) => resolve(performance.getEntriesByName('minsheng:ledger-ready')[0].startTime)));
    await page.getByRole('button', { name: '数据交换' }).click();
    await page.getByText(`本浏览器中共有 ${progress.entries.length} 条填报记录`).waitFor({ timeout: 120000 });
    await context.close();
    return { painted, ledgerReady: statuses, evidenceReady: marks.evidence, longest: marks.longest };
  };
  // Three sides, in turn (the order turned each round): the year alone, the year with 20,000 photo
  // records (their files absent), and with their files too.
  const plain = [];
  const records = [];
  const photos = [];
  const sides = [[plain, yearState, false], [records, photoState, false], [photos, photoState, true]];
  const rounds = Number(process.env.BENCH_PHOTO_ROUNDS || 5);
  for (let k = 0; k < rounds; k++) {
    for (let j = 0; j < 3; j++) {
      const [out, state, files] = sides[(j + k) % 3];
      out.push(await one(state, files));
    }
  }
  const fig = (xs, digits = 1) => { const s = [...xs].sort((a, b) => a - b); return { median: +s[Math.floor(s.length / 2)].toFixed(digits), min: +s[0].toFixed(digits), max: +s[s.length - 1].toFixed(digits) }; };
  const ratio = (side, f) => fig(side.map((p, i) => f(p) / f(plain[i])), 3);
  const of = (f) => ({ plain: fig(plain.map(f)), records: fig(records.map(f)), photos: fig(photos.map(f)), recordsRatio: ratio(records, f), ratio: ratio(photos, f) });
  return {
    photos: {
      rounds,
      firstPaint: of((r) => r.painted),
      ledgerReady: of((r) => r.ledgerReady),
      evidenceReady: of((r) => r.evidenceReady),
      longestTask: of((r) => r.longest),
    },
  };
}
