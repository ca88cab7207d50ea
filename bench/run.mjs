// `make bench`: measures the release build in Chromium for N = 48 (the 2024 list), 1,000 and 10,000
// synthetic projects and prints a table (also written to bench/results/bench.json). Figures, not
// assertions: the targets are in README ("Performance").
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from '../e2e/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const results = path.join(root, 'bench', 'results');
fs.mkdirSync(results, { recursive: true });

function synth(n) {
  const dir = path.join(results, `data-${n}`);
  if (!fs.existsSync(path.join(dir, 'index.json'))) {
    execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'synth', '--', String(n), '2024', dir], { cwd: root, stdio: 'inherit' });
  }
  return dir;
}

function firstLoadGzip() {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = ['index.html', ...[...html.matchAll(/(?:href|src)="\.\/([^"]+)"/g)].map((m) => m[1])];
  const boot = files.find((f) => f.startsWith('boot-'));
  if (boot) {
    const code = fs.readFileSync(path.join(dist, boot), 'utf8');
    for (const m of code.matchAll(/'\.\/([^']+)'/g)) files.push(m[1]);
  }
  let raw = 0; let gz = 0;
  for (const f of [...new Set(files)]) {
    const p = path.join(dist, f);
    if (!fs.existsSync(p) || f.startsWith('data/')) continue;
    const b = fs.readFileSync(p);
    raw += b.length; gz += zlib.gzipSync(b, { level: 9 }).length;
  }
  return { files: [...new Set(files)].length, raw, gzip: gz };
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))]; };
const median = (xs) => pct(xs, 0.5);

async function measure(browser, port, n) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__bench = {};
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
    const seen = () => {
      if (!window.__bench.firstRow && document.querySelector('[data-project]')) {
        window.__bench.firstRow = performance.now();
        requestAnimationFrame(() => { window.__bench.firstPaint = performance.now(); });
        return true;
      }
      return false;
    };
    new MutationObserver(() => seen()).observe(document, { childList: true, subtree: true });
  });
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?d=2024-09-30`);
  await page.waitForFunction(() => window.__bench.firstPaint, null, { timeout: 120000 });
  const load = await page.evaluate(() => {
    const res = performance.getEntriesByType('resource');
    const plan = res.find((r) => /data\/plan-[^/]+\.json$/.test(r.name));
    return { filesArrived: plan ? plan.responseEnd : 0, firstPaint: window.__bench.firstPaint, planBytes: plan ? plan.encodedBodySize : 0 };
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
  };
}

const sizes = firstLoadGzip();
const ns = (process.env.BENCH_N || '48,1000,10000').split(',').map(Number);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});
const rows = [];
for (const n of ns) {
  const dataDir = n === 48 ? path.join(dist, 'data') : synth(n);
  const server = createServer({ dataDir });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  // Three runs; each figure is the median of the three (one run on 2 shared cores is noisy).
  const runs = [];
  for (let k = 0; k < 3; k++) runs.push(await measure(browser, port, n));
  const row = {};
  for (const key of Object.keys(runs[0])) {
    const values = runs.map((r) => r[key]);
    row[key] = typeof values[0] === 'number' ? median(values) : values[0];
  }
  rows.push(row);
  server.close();
}
await browser.close();
const report = { date: new Date().toISOString(), firstLoad: sizes, results: rows };
fs.writeFileSync(path.join(results, 'bench.json'), JSON.stringify(report, null, 2));
console.log(`first load (app, no data): ${sizes.files} files, ${(sizes.raw / 1024).toFixed(0)} KB raw, ${(sizes.gzip / 1024).toFixed(1)} KB gzip (budget 350 KB)`);
console.table(rows);
console.log(`written to ${path.relative(root, path.join(results, 'bench.json'))}`);
