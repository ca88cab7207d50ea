// `make bench`: measures the release build in Chromium for N = 48 (the 2024 list), 1,000 and 10,000
// synthetic projects and prints a table (also written to bench/results/bench.json). Figures, not
// assertions: how it measures and the latest figures are in bench/README.md.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from '../e2e/server.mjs';
import { firstLoadSize } from '../e2e/first-load.mjs';
import { pct, PEERS, tasksOf, peerServer, measurePeer, scrollFrames, collectGarbage, gotoAndWaitForPaint, endpointProbe, fetchedBefore, memoryOf } from './peers.mjs';
import { measureStorageAndSync } from './sync.mjs';
import { measureViews, viewsTable, viewsData } from './views.mjs';
import { measureLanguages } from './lang.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const results = path.join(root, 'bench', 'results');
fs.mkdirSync(results, { recursive: true });

function synth(n) {
  const dir = path.join(results, `data-${n}`);
  if (!fs.existsSync(path.join(dir, 'plan-synth.bin'))) {
    execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'synth', '--', String(n), '2024', dir], { cwd: root, stdio: 'inherit' });
  }
  return dir;
}

/** What the first visit downloads before the first paint, counted as the size guard test counts it. */
function firstLoadGzip() {
  const { files, raw, gzip } = firstLoadSize(dist);
  return { files: files.length, raw, gzip };
}

const median = (xs) => pct(xs, 0.5);

/** In the page before it loads: notes when the first element matching `selector` is in the DOM, the
 * `requestAnimationFrame` of the frame that shows it (painted) and a task right after (frame drawn), then
 * reports it as a console message; keeps the wasm exports for the memory figure. */
function firstRowProbe(selector) {
  window.__bench = {};
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  new MutationObserver(() => {
    if (!window.__bench.firstRow && document.querySelector(selector)) {
      window.__bench.firstRow = performance.now();
      requestAnimationFrame(() => { window.__bench.firstPaint = performance.now(); setTimeout(() => { window.__bench.frameDone = performance.now(); console.log('bench:painted'); }, 0); });
    }
  }).observe(document, { childList: true, subtree: true });
}

async function measure(browser, port, n) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.addInitScript(firstRowProbe, '[data-project]');
  const t0 = Date.now();
  await gotoAndWaitForPaint(page, `http://127.0.0.1:${port}/?d=2024-09-30`);
  const load = await page.evaluate(() => {
    const res = performance.getEntriesByType('resource');
    const plan = res.find((r) => /data\/plan-[^/]+\.(json|bin)$/.test(r.name));
    const wasm = res.find((r) => /_bg\.wasm$/.test(r.name));
    const mark = (name) => { const m = performance.getEntriesByName(name)[0]; return m ? m.startTime : null; };
    return {
      filesArrived: plan ? plan.responseEnd : 0, firstPaint: window.__bench.firstPaint, planBytes: plan ? plan.encodedBodySize : 0,
      // Where start-up time goes (performance marks the app sets, src/ui/app.rs).
      breakdown: {
        wasmArrived: wasm ? wasm.responseEnd : null,
        wasmRunning: mark('minsheng:start'),
        filesArrived: plan ? plan.responseEnd : null,
        planRead: mark('minsheng:plan-read'),
        listsReady: mark('minsheng:lists-ready'),
        stateBuilt: mark('minsheng:state'),
        firstRowInDom: window.__bench.firstRow,
        painted: window.__bench.firstPaint,
      },
    };
  });
  const afterFiles = load.firstPaint - load.filesArrived;

  // Search keystroke → updated list, 50 keystrokes.
  const search = page.getByRole('searchbox', { name: '搜索' });
  await search.focus();
  const keys = [];
  const updates = [];
  const words = ['市', '区', '新', '建', '公', '园', '改', '造', '养', '老'];
  for (let k = 0; k < 50; k++) {
    const value = k % 2 === 0 ? words[(k / 2) % words.length] : '';
    const [update, frame] = await page.evaluate(async (value) => {
      const input = document.querySelector('input[type=search]');
      const start = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // The DOM is updated once the reactive effects have run (microtasks, then this task).
      await new Promise((r) => setTimeout(r, 0));
      const updated = performance.now() - start;
      // Painted at the next frame.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return [updated, performance.now() - start];
    }, value);
    updates.push(update);
    keys.push(frame);
  }
  // A filter change.
  await page.getByRole('button', { name: '分管市领导' }).click();
  const box = page.getByRole('group', { name: '分管市领导' }).getByRole('checkbox').first();
  await box.waitFor();
  const filter = await box.evaluate(async (el) => {
    const start = performance.now();
    el.click();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - start;
  });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '清除筛选' }).click();

  // Switch to the timeline.
  const tab = page.getByRole('button', { name: '甘特图' });
  const timeline = await tab.evaluate(async (el) => {
    const start = performance.now();
    el.click();
    await new Promise((resolve) => {
      const check = () => (document.querySelector('.tl-row') ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check));
      check();
    });
    return performance.now() - start;
  });
  // Timeline scroll frames: 120 frames of 120 px.
  const frames = await page.evaluate(async () => {
    const el = document.querySelector('.tl-scroll');
    const times = [];
    let last = performance.now();
    for (let k = 0; k < 120; k++) {
      el.scrollTop += 120;
      await new Promise((r) => requestAnimationFrame(() => r()));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return { times, rowsInDom: document.querySelectorAll('.tl-row').length };
  });
  // Importing a year of reports (48 projects × 12 month-ends) through the exchange view.
  let importMs = null;
  const yearFile = path.join(results, 'progress-2024-12m.json');
  if (n === 48 && fs.existsSync(yearFile)) {
    await page.getByRole('button', { name: '数据交换' }).click();
    const start = Date.now();
    await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(yearFile);
    await page.getByRole('button', { name: '应用合并' }).click();
    await page.getByText(/本浏览器中共有 [1-9]\d* 条填报记录/).waitFor();
    importMs = Date.now() - start;
  }
  await collectGarbage(page);
  const memory = await page.evaluate(() => ({
    heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
    wasm: window.__wasm && window.__wasm.memory ? window.__wasm.memory.buffer.byteLength : 0,
  }));
  await context.close();
  return {
    n,
    planKB: Math.round(load.planBytes / 1024),
    loadToFirstPaintMs: +load.firstPaint.toFixed(1),
    firstPaintAfterFilesMs: +afterFiles.toFixed(1),
    keyUpdateMedianMs: +median(updates).toFixed(1),
    keyUpdateP95Ms: +pct(updates, 0.95).toFixed(1),
    keyToFrameMedianMs: +median(keys).toFixed(1),
    keyToFrameP95Ms: +pct(keys, 0.95).toFixed(1),
    filterChangeMs: +filter.toFixed(1),
    switchToTimelineMs: +timeline.toFixed(1),
    scrollFrameMedianMs: +median(frames.times).toFixed(1),
    scrollFrameP95Ms: +pct(frames.times, 0.95).toFixed(1),
    timelineRowsInDom: frames.rowsInDom,
    jsHeapMB: +(memory.heap / 1048576).toFixed(1),
    wasmMemoryMB: +(memory.wasm / 1048576).toFixed(1),
    importYearMs: importMs,
    wallMs: Date.now() - t0,
    breakdown: load.breakdown,
  };
}

/** The app opened on its list: navigation → first row shown (the end point of every page), in the
 * rounds beside the peers; its first load and memory when asked. */
async function measureListStart(browser, port, withLoad = false) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.addInitScript(endpointProbe, '[data-project]');
  await gotoAndWaitForPaint(page, `http://127.0.0.1:${port}/?d=2024-09-30`);
  const { shown } = await page.evaluate(() => window.__bench);
  const load = withLoad ? await fetchedBefore(page, shown) : null;
  const memory = await memoryOf(page);
  await context.close();
  return { shownMs: shown, load, memoryMB: memory.heapMB + memory.wasmMB, domNodes: memory.domNodes };
}

/** The app opened on its timeline: navigation → first rows painted, filter by one lead unit → repainted, scroll, memory. */
async function measureTimeline(browser, port, unit, withLoad = false) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.addInitScript(endpointProbe, '.tl-row');
  await gotoAndWaitForPaint(page, `http://127.0.0.1:${port}/?v=timeline&d=2024-09-30`);
  const { firstPaint, shown } = await page.evaluate(() => window.__bench);
  const load = withLoad ? await fetchedBefore(page, shown) : null;
  const memory = await memoryOf(page);
  await page.getByRole('button', { name: '牵头单位' }).click();
  const group = page.getByRole('group', { name: '牵头单位' });
  await group.getByRole('checkbox').first().waitFor();
  const filter = await group.evaluate(async (el, unit) => {
    const label = [...el.querySelectorAll('label')].find((l) => l.querySelector('.facet-option-label')?.textContent.trim() === unit);
    const box = label.querySelector('input');
    const start = performance.now();
    box.click();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - start;
  }, unit);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '清除筛选' }).click();
  const times = await scrollFrames(page, "() => document.querySelector('.tl-scroll')");
  await context.close();
  return { shownMs: shown, firstPaintMs: firstPaint, filterMs: filter, scrollP95Ms: pct(times, 0.95), memoryMB: memory.heapMB + memory.wasmMB, domNodes: memory.domNodes, load };
}

const medianRow = (runs) => {
  const row = {};
  for (const key of Object.keys(runs[0])) {
    const values = runs.map((r) => r[key]);
    row[key] = typeof values[0] === 'number' ? median(values) : values[0];
  }
  // The breakdown of the median run by first paint.
  if (runs[0].breakdown) row.breakdown = [...runs].sort((x, y) => x.loadToFirstPaintMs - y.loadToFirstPaintMs)[Math.floor(runs.length / 2)].breakdown;
  return row;
};

const sizes = firstLoadGzip();
const ns = (process.env.BENCH_N || '48,1000,10000').split(',').map(Number);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});
const rows = [];
const sideBySide = [];
const peerNames = (process.env.BENCH_PEERS ?? Object.keys(PEERS).join(',')).split(',').filter(Boolean);
for (const n of ns) {
  // BENCH_ONLY=sync (or =views, =storage, =lang) measures storage and sync (the views; the stored loads;
  // a visit in English against one in Chinese) alone.
  if (process.env.BENCH_ONLY) break;
  const dataDir = n === 48 ? path.join(dist, 'data') : synth(n);
  const server = createServer({ dataDir });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  // Three runs of the list; each figure is the median of the three (one run on 2 shared cores is noisy).
  const runs = [];
  for (let k = 0; k < 3; k++) runs.push(await measure(browser, port, n));
  rows.push(medianRow(runs));
  const index = JSON.parse(fs.readFileSync(path.join(dataDir, 'index.json'), 'utf8'));
  const plan = JSON.parse(fs.readFileSync(path.join(dataDir, index.plans[0].file), 'utf8'));
  const unit = plan.projects[0].lead_unit;
  const tasks = tasksOf(plan, '2024-09-30');
  const peerServers = {};
  for (const name of peerNames) {
    peerServers[name] = peerServer(name, tasks);
    await new Promise((r) => peerServers[name].listen(0, '127.0.0.1', r));
  }
  // Rounds of the app's timeline, its list and every peer, in turn: the machine's load drifts within a run
  // (a block of the app's loads then a block of a peer's once put the same build at 0.69 and at 1.22 of
  // dhtmlx-gantt at 48), and a ratio taken within a round sees the same load on both sides.
  const rounds = Number(process.env.BENCH_ROUNDS || 10);
  const timeline = [];
  const list = [];
  const peerRuns = Object.fromEntries(peerNames.map((name) => [name, []]));
  for (let k = 0; k < rounds; k++) {
    // The app first in even rounds, last in odd ones: no side always follows the same load.
    const order = ['app', 'list', ...peerNames];
    for (const name of k % 2 === 0 ? order : order.reverse()) {
      // The first round also counts what each page fetched before its end point.
      if (name === 'app') timeline.push(await measureTimeline(browser, port, unit, k === 0));
      else if (name === 'list') list.push(await measureListStart(browser, port, k === 0));
      else peerRuns[name].push(await measurePeer(browser, peerServers[name].address().port, unit, k === 0));
    }
  }
  server.close();
  for (const name of peerNames) peerServers[name].close();
  const spread = (runs, key) => { const v = runs.map((r) => r[key]).filter((x) => typeof x === 'number'); return { min: Math.min(...v), median: median(v), max: Math.max(...v) }; };
  const pageOf = (runs) => ({ shown: spread(runs, 'shownMs'), memoryMB: median(runs.map((r) => r.memoryMB)), domNodes: median(runs.map((r) => r.domNodes)), load: runs[0].load });
  const entry = { n, rounds, app: medianRow(timeline.map(({ load, ...r }) => r)), appList: median(list.map((r) => r.shownMs)), peers: {}, ratios: {},
    pages: { 'app (timeline)': pageOf(timeline), 'app (list)': pageOf(list), ...Object.fromEntries(peerNames.map((p) => [p, pageOf(peerRuns[p])])) } };
  for (const name of peerNames) entry.peers[name] = medianRow(peerRuns[name].map(({ load, ...r }) => r));
  // Each round's app / best peer of that round; the figure printed is their median.
  for (const key of Object.keys(timeline[0]).filter((k) => typeof timeline[0][k] === 'number')) {
    entry.ratios[key] = median(timeline.map((run, k) => {
      const values = peerNames.map((name) => peerRuns[name][k]?.[key]).filter((v) => v > 0);
      return run[key] / Math.min(...values);
    }));
  }
  entry.ratios.list = median(list.map((r, k) => r.shownMs / Math.min(...peerNames.map((name) => peerRuns[name][k]?.shownMs).filter((v) => v > 0))));
  sideBySide.push(entry);
}
// Every view entering and leaving, with a year of reports (issue 37).
const views = [];
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'views') {
  for (const n of ns) {
    const { dataDir, progress } = viewsData(n, dist, results, synth);
    views.push(await measureViews(browser, n, dataDir, progress, Number(process.env.BENCH_VIEW_ROUNDS || 5)));
  }
}
let storage = null;
// A visit in English (its words a chunk fetched at start) against one in Chinese.
let languages = [];
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'lang') {
  languages = await measureLanguages(browser, ns.map((n) => [n, n === 48 ? path.join(dist, 'data') : synth(n)]), Number(process.env.BENCH_LANG_ROUNDS || 9));
}
if (ns.includes(10000) && process.env.BENCH_SYNC !== '0' && (!process.env.BENCH_ONLY || ['sync', 'storage'].includes(process.env.BENCH_ONLY))) storage = await measureStorageAndSync(browser, synth(10000));
await browser.close();
const report = { date: new Date().toISOString(), firstLoad: sizes, results: rows, sideBySide, views, storage, languages };
fs.writeFileSync(path.join(results, 'bench.json'), JSON.stringify(report, null, 2));
console.log(`first load (app, no data): ${sizes.files} files, ${(sizes.raw / 1024).toFixed(0)} KB raw, ${(sizes.gzip / 1024).toFixed(1)} KB gzip (budget 353 KB, e2e/hardening.spec.mjs)`);
console.table(rows.map(({ breakdown, ...rest }) => rest));
console.log('\nStart-up breakdown of the list (ms since navigation, median run): wasm arrived → running → files arrived → plan read → lists ready → state built → first row in DOM → painted');
for (const r of rows) {
  const b = r.breakdown || {};
  console.log(`  ${String(r.n).padStart(5)}: ${['wasmArrived', 'wasmRunning', 'filesArrived', 'planRead', 'listsReady', 'stateBuilt', 'firstRowInDom', 'painted'].map((k) => (b[k] == null ? '—' : b[k].toFixed(0))).join(' → ')}`);
}

// Side by side: each figure with the ratio app / best peer (below 1 means the app is ahead).
const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const measures = [
  // The end point of every page: its first row in the DOM, then the frame after next.
  ['navigation → first row shown', 'shownMs', ms],
  ['navigation → first row\'s frame starts', 'firstPaintMs', ms],
  ['filter by one 牵头单位 → repainted', 'filterMs', ms],
  ['timeline scroll frame p95', 'scrollP95Ms', ms],
  ['memory after GC (JS heap, + wasm for the app)', 'memoryMB', (x) => `${x.toFixed(0)} MB`],
  ['DOM nodes after the first paint', 'domNodes', (x) => x.toFixed(0)],
];
const lines = [];
const header = ['projects', 'measure', 'this app', ...peerNames.map((p) => `${p} ${PEERS[p].version}`), 'app / best peer'];
lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
for (const e of sideBySide) {
  for (const [label, key, fmt] of measures) {
    const peerValues = peerNames.map((p) => e.peers[p][key]);
    lines.push(`| ${e.n.toLocaleString('en-US')} | ${label} | ${fmt(e.app[key])} | ${peerValues.map(fmt).join(' | ')} | ${e.ratios[key].toFixed(2)} |`);
  }
  lines.push(`| ${e.n.toLocaleString('en-US')} | navigation → list painted | ${ms(e.appList)} | ${peerNames.map(() => '—').join(' | ')} | ${e.ratios.list.toFixed(2)} |`);
}
console.log(`\nSide by side (median of ${sideBySide[0]?.rounds} rounds, each round the app and every peer, in turn; the ratio is the median of the rounds' app / best peer; the list against the peers' timelines; the peers fed the same projects as JSON tasks, preloaded as the app preloads its data):`);
console.log(lines.join('\n'));
// The headline: each page's end point over the rounds, its first load, memory and DOM.
const head = ['projects', 'page', 'first row shown: min / median / max', 'fetched before it (gzip)', 'memory', 'DOM nodes'];
const headline = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
for (const e of sideBySide) {
  for (const [name, p] of Object.entries(e.pages)) {
    const load = p.load ? `${p.load.gzipKB.toFixed(1)} KB (${p.load.files} files${p.load.elsewhere ? `; ${p.load.elsewhere} to another origin, not reached` : ''})` : '—';
    headline.push(`| ${e.n.toLocaleString('en-US')} | ${name} | ${ms(p.shown.min)} / ${ms(p.shown.median)} / ${ms(p.shown.max)} | ${load} | ${p.memoryMB.toFixed(0)} MB | ${p.domNodes} |`);
  }
}
console.log('\nEnd point per page (first row in the DOM, then the frame after next), over the rounds:');
console.log(headline.join('\n'));
lines.unshift(...headline, '');
if (views.length) {
  const table = viewsTable(views);
  console.log(`\nEvery view, entering (from 清单) and leaving (back to 清单), with a year of reports (${views.map((v) => `${v.n}: ${v.entries} entries`).join(', ')}; click → content settled, median / max of ${views[0].rounds} rounds; the longest task in either):`);
  console.log(table);
  lines.push('', table);
}
if (languages.length) {
  console.log('\nA visit in English (its words fetched at start, a chunk of their own) against one in Chinese: the list\'s first rows shown, median (min–max) of the rounds, ratio of each round\'s pair');
  for (const l of languages) {
    console.log(`  ${String(l.n).padStart(5)}: 中文 ${ms(l.zh.median)} (${ms(l.zh.min)}–${ms(l.zh.max)}), English ${ms(l.en.median)} (${ms(l.en.min)}–${ms(l.en.max)}), English / 中文 ${l.ratio.median.toFixed(2)} (${l.ratio.min.toFixed(2)}–${l.ratio.max.toFixed(2)}), ${l.rounds} rounds`);
  }
}
if (storage) {
  console.log('\nStorage and sync (10,000 projects):');
  console.log(`  first paint of the list (fresh contexts): ${ms(storage.firstPaintEmptyMs)} with nothing stored, ${ms(storage.firstPaintStoredMs)} with ${storage.entriesStored} entries stored (${storage.storageText})`);
  console.log(`  returning user: the list with the stored year's statuses shown at ${ms(storage.returningMs)} (median of 5; ${storage.returningSpread.join('–')} ms)`);
  if (storage.photos) {
    const f = (x) => `${ms(x.median)} (${ms(x.min)}–${ms(x.max)})`;
    const r = (x) => `${x.median.toFixed(2)} (${x.min.toFixed(2)}–${x.max.toFixed(2)})`;
    const p = storage.photos;
    console.log(`  佐证材料: the year alone, with 20,000 photo records (files absent), and with their files too; ${p.rounds} rounds of the three in turn, median (min–max); ratios are of each round's own pair:`);
    for (const [label, x] of [["list's first paint", p.firstPaint], ['stored ledger read (statuses shown)', p.ledgerReady], ['attachment records in', p.evidenceReady], ['longest task after the first paint', p.longestTask]]) {
      console.log(`    ${label}: ${f(x.plain)} · records ${f(x.records)}, ratio ${r(x.recordsRatio)} · records and files ${f(x.photos)}, ratio ${r(x.ratio)}`);
    }
  }
  if (storage.pushMs !== undefined) {
  console.log(`  push 10,000 entries through /db/: ${ms(storage.pushMs)} (${storage.onServer} on the server); PouchDB replicate.to: ${ms(storage.peerPushMs)}; ratio ${(storage.pushMs / storage.peerPushMs).toFixed(2)}`);
  console.log(`  pull 10,000 entries into a second browser: ${ms(storage.pullMs)} (${storage.pulled} stored); PouchDB replicate.from: ${ms(storage.peerPullMs)}; ratio ${(storage.pullMs / storage.peerPullMs).toFixed(2)}`);
  console.log(`  the server's database lost and made again: 恢复服务器数据 from the office's browser puts back 10,000 entries in ${ms(storage.reseedMs)} (${storage.reseeded} documents on the server)`);
  for (const line of storage.reseedStatuses || []) console.log(`    ${line}`);
  }
}
fs.writeFileSync(path.join(results, 'side-by-side.md'), lines.join('\n') + '\n');
console.log(`written to ${path.relative(root, path.join(results, 'bench.json'))}`);
