// The Gantt libraries a city office would pick instead of this app, measured beside it in `make bench`:
// dhtmlx-gantt (the usual commercial-grade choice) and frappe-gantt (the usual light open-source one),
// both bench-only npm devDependencies pinned in package-lock.json. Each gets the same synthetic list the
// app gets, as tasks fetched over HTTP from 127.0.0.1 (name, start, end, progress, lead unit), and is
// measured the way the app is: navigation → first rows painted, filter by one lead unit → repainted,
// scroll frames, memory.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(root, 'node_modules');

export const PEERS = {
  'dhtmlx-gantt': {
    version: JSON.parse(fs.readFileSync(path.join(modules, 'dhtmlx-gantt', 'package.json'), 'utf8')).version,
    files: { '/lib/gantt.js': 'dhtmlx-gantt/codebase/dhtmlxgantt.js', '/lib/gantt.css': 'dhtmlx-gantt/codebase/dhtmlxgantt.css' },
    page: `<!doctype html><meta charset="utf-8"><title>dhtmlx-gantt</title>
<link rel="preload" href="tasks.json" as="fetch" crossorigin="anonymous">
<link rel="stylesheet" href="/lib/gantt.css"><script src="/lib/gantt.js"></script>
<style>html,body{margin:0;height:100%}#gantt{width:100%;height:100vh}</style>
<div id="gantt"></div>
<script>
let unit = null;
gantt.config.date_format = '%Y-%m-%d';
gantt.config.readonly = true;
gantt.config.columns = [
  { name: 'text', label: '项目名称', width: 320, tree: false },
  { name: 'unit', label: '牵头单位', width: 140 },
  { name: 'end_date', label: '预计完成时间', width: 110, align: 'center' },
];
gantt.config.scales = [{ unit: 'month', step: 1, format: '%n月' }];
gantt.attachEvent('onBeforeTaskDisplay', (id, task) => unit === null || task.unit === unit);
gantt.init('gantt');
fetch('tasks.json').then((r) => r.json()).then((tasks) => {
  gantt.parse({ data: tasks.map((t) => ({ id: t.id, text: t.name, start_date: t.start, end_date: t.end, progress: t.progress, unit: t.unit })) });
});
window.__peer = {
  rowSelector: '.gantt_task_row, .gantt_row',
  scroller: () => document.querySelector('.gantt_ver_scroll'),
  filter: (u) => { unit = u; gantt.render(); },
};
</script>`,
  },
  'frappe-gantt': {
    version: JSON.parse(fs.readFileSync(path.join(modules, 'frappe-gantt', 'package.json'), 'utf8')).version,
    files: { '/lib/gantt.js': 'frappe-gantt/dist/frappe-gantt.umd.js', '/lib/gantt.css': 'frappe-gantt/dist/frappe-gantt.css' },
    page: `<!doctype html><meta charset="utf-8"><title>frappe-gantt</title>
<link rel="preload" href="tasks.json" as="fetch" crossorigin="anonymous">
<link rel="stylesheet" href="/lib/gantt.css"><script src="/lib/gantt.js"></script>
<style>html,body{margin:0;height:100%}#gantt{width:100%;height:100vh;overflow:auto}</style>
<div id="gantt"></div>
<script>
let chart = null; let all = [];
fetch('tasks.json').then((r) => r.json()).then((tasks) => {
  all = tasks.map((t) => ({ id: t.id, name: t.name, start: t.start, end: t.end, progress: Math.round(t.progress * 100), unit: t.unit }));
  chart = new Gantt('#gantt', all, { view_mode: 'Month', readonly: true, container_height: window.innerHeight });
});
window.__peer = {
  rowSelector: '.bar-wrapper',
  scroller: () => document.querySelector('.gantt-container'),
  filter: (u) => chart.refresh(u === null ? all : all.filter((t) => t.unit === u)),
};
</script>`,
  },
};

/** The plan's projects as the tasks a Gantt library takes; progress is the share of milestones due by the report date. */
export function tasksOf(plan, reportDate) {
  const start = `${plan.year}-01-01`;
  return plan.projects.map((p) => {
    const due = p.due || `${plan.year}-12-31`;
    const ms = p.milestones || [];
    const done = ms.filter((m) => m.due <= reportDate).length;
    return { id: p.id, name: p.name, start, end: due < start ? start : due, progress: ms.length ? done / ms.length : 0, unit: p.lead_unit };
  });
}

/** A server for one peer's page, its library files and the tasks. */
export function peerServer(peer, tasks) {
  const body = JSON.stringify(tasks);
  const def = PEERS[peer];
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x').pathname;
    const send = (type, data) => { res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' }); res.end(data); };
    if (url === '/') return send('text/html; charset=utf-8', def.page);
    if (url === '/tasks.json') return send('application/json', body);
    const file = def.files[url];
    if (file) return send(url.endsWith('.css') ? 'text/css' : 'text/javascript', fs.readFileSync(path.join(modules, file)));
    res.writeHead(404); res.end();
  });
}

export const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))]; };

/** Scroll frames: 120 frames of 120 px on the given scroller, as for the app. */
export async function scrollFrames(page, scrollerExpr) {
  return page.evaluate(async (expr) => {
    const el = (0, eval)(expr)();
    const times = [];
    let last = performance.now();
    for (let k = 0; k < 120; k++) {
      el.scrollTop += 120;
      el.dispatchEvent(new Event('scroll'));
      await new Promise((r) => requestAnimationFrame(() => r()));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times;
  }, scrollerExpr);
}

/** Memory is read after a full garbage collection (the same for the app and every peer): what is in
 * use, not what the collector has yet to reclaim. */
export async function collectGarbage(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

/**
 * Navigates to `url` and waits for the first rows to be painted without running anything in the page
 * while it loads: Playwright's `waitForFunction` compiles its injected script in the page (~10–15 ms of
 * the main thread) as soon as `load` fires, which for a page still building its rows falls inside the
 * time measured. The init scripts report the paint as a console message instead (`PAINTED`).
 */
export async function gotoAndWaitForPaint(page, url, timeout = 120000) {
  const painted = page.waitForEvent('console', { predicate: (m) => m.text() === PAINTED, timeout });
  await page.goto(url);
  await painted;
}

/** The console message an init script writes when the first rows are painted. */
export const PAINTED = 'bench:painted';

/**
 * The end point, measured in the page the same way for the app and every peer: the first row in the
 * DOM (`selector`, or the peer's own `rowSelector`), then the frame after next (`shown`: that row's frame
 * has been styled, laid out and painted). `firstPaint` is the first of those frames' callbacks, as
 * before. Also keeps the app's wasm exports for its memory figure.
 */
export function endpointProbe(selector) {
  window.__bench = {};
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  new MutationObserver(() => {
    const rows = selector || (window.__peer && window.__peer.rowSelector);
    if (!window.__bench.firstRow && rows && document.querySelector(rows)) {
      window.__bench.firstRow = performance.now();
      requestAnimationFrame(() => {
        window.__bench.firstPaint = performance.now();
        requestAnimationFrame(() => {
          window.__bench.shown = performance.now();
          setTimeout(() => console.log('bench:painted'), 0);
        });
      });
    }
  }).observe(document, { childList: true, subtree: true });
}

/**
 * Everything the page fetched before its end point (the document included), each file's gzip size as
 * the same bytes fetched again and compressed here: the first load of that page, counted alike for
 * the app and every peer.
 */
export async function fetchedBefore(page, end) {
  const urls = await page.evaluate((end) => [
    location.href,
    ...performance.getEntriesByType('resource').filter((r) => r.responseEnd <= end).map((r) => r.name),
  ], end);
  const { gzipSync } = await import('node:zlib');
  let raw = 0;
  let gzip = 0;
  // Only this machine is fetched again: a page's request to another origin (a peer's style sheet asks
  // for a web font) found no network here, so it brought nothing, and is only counted.
  const local = [...new Set(urls)].filter((u) => new URL(u).hostname === '127.0.0.1');
  const elsewhere = new Set(urls).size - local.length;
  for (const url of local) {
    const res = await fetch(url);
    if (!res.ok) continue;
    const body = Buffer.from(await res.arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: local.length, elsewhere, rawKB: raw / 1024, gzipKB: gzip / 1024 };
}

/** Memory after a full collection: the JS heap (and the app's wasm memory), and the DOM's nodes. */
export async function memoryOf(page) {
  await collectGarbage(page);
  return page.evaluate(() => ({
    heapMB: (performance.memory ? performance.memory.usedJSHeapSize : 0) / 1048576,
    wasmMB: (window.__wasm && window.__wasm.memory ? window.__wasm.memory.buffer.byteLength : 0) / 1048576,
    domNodes: document.getElementsByTagName('*').length,
  }));
}

/** Navigation → first rows painted, filter → repainted, scroll p95 and memory for one peer. */
export async function measurePeer(browser, port, unit, withLoad = false) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  // Nothing leaves this machine: a peer's style sheet asks for a web font elsewhere; it is refused at once.
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  const page = await context.newPage();
  await page.addInitScript(endpointProbe, null);
  await gotoAndWaitForPaint(page, `http://127.0.0.1:${port}/`, 180000);
  const { firstPaint, shown } = await page.evaluate(() => window.__bench);
  const load = withLoad ? await fetchedBefore(page, shown) : null;
  const memory = await memoryOf(page);
  const filter = await page.evaluate(async (u) => {
    const start = performance.now();
    window.__peer.filter(u);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - start;
  }, unit);
  await page.evaluate(() => window.__peer.filter !== undefined && window.__peer.filter(null));
  const times = await scrollFrames(page, '() => window.__peer.scroller()');
  await context.close();
  return { shownMs: shown, firstPaintMs: firstPaint, filterMs: filter, scrollP95Ms: pct(times, 0.95), memoryMB: memory.heapMB, domNodes: memory.domNodes, load };
}
