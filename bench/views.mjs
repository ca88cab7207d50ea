// Every view entering and leaving, for `make bench` (issue 37): a browser at 1366×768 opens the list with
// a year of reports imported (the 2024 list with 12 month-ends, or `synth N 2024`'s progress file), then for
// each view clicks its tab from 清单 (entering) and 清单 again (leaving), and notes the time from the click
// to its content settled: the frame after the last change to the page laid out and painted, once the page has been quiet for
// 400 ms. Also the longest task in each transition (how long input was frozen) and the JS heap after
// every view has been visited. `node bench/views.mjs` alone measures BENCH_N (default 48,1000,10000).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from '../e2e/server.mjs';
import { collectGarbage } from './peers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The views as their tabs name them, in the order of the tabs. */
export const VIEWS = ['甘特图', '总览', '填报', '报送情况', '较上期变化', '需协调事项', '督办单', '审核', '通报', '数据交换', '同步', '导入清单'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

/** In the page: clicks the tab named `name` and answers when the page has settled (see above). */
function clickAndSettle(name) {
  return new Promise((resolve) => {
    // 审核's tab carries a count.
    const tab = [...document.querySelectorAll('nav.app-nav button')].find((b) => b.textContent.trim() === name || (name === '审核' && /^审核\d+$/.test(b.textContent.trim())));
    let last = -1;
    let painted = -1;
    let longest = 0;
    const changes = new MutationObserver(() => {
      const at = performance.now();
      last = at;
      // The frame that shows it: its callbacks run before style and layout, so the end is a task after it.
      requestAnimationFrame(() => setTimeout(() => { if (last === at) painted = performance.now(); }, 0));
    });
    changes.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    const tasks = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
    tasks.observe({ type: 'longtask' });
    const start = performance.now();
    tab.click();
    const check = () => {
      const now = performance.now();
      if (now - Math.max(start, last) >= 400 && painted >= last) {
        changes.disconnect();
        tasks.takeRecords().forEach((e) => { longest = Math.max(longest, e.duration); });
        tasks.disconnect();
        resolve({ ms: (last < 0 ? now : painted) - start, longestTask: longest });
      } else setTimeout(check, 25);
    };
    setTimeout(check, 25);
  });
}

async function importYear(page, file) {
  const entries = JSON.parse(fs.readFileSync(file, 'utf8')).entries.length;
  await page.getByRole('button', { name: '数据交换' }).click();
  await page.getByLabel('选择要导入的 JSON 文件').setInputFiles(file);
  await page.getByRole('button', { name: '应用合并' }).click({ timeout: 300000 });
  await page.getByText(`本浏览器中共有 ${entries.toLocaleString('zh-CN')} 条填报记录`).or(page.getByText(`本浏览器中共有 ${entries} 条填报记录`)).waitFor({ timeout: 300000 });
  return entries;
}

/** One size: `dataDir` served as data/, `progress` imported, then `rounds` rounds over every view. */
export async function measureViews(browser, n, dataDir, progress, rounds = 5) {
  const server = createServer({ dataDir });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/?d=2024-09-30`);
  await page.locator('[data-project]').first().waitFor({ timeout: 120000 });
  const entries = progress ? await importYear(page, progress) : 0;
  await page.evaluate(clickAndSettle, '清单');
  const runs = Object.fromEntries(VIEWS.map((v) => [v, { enter: [], leave: [], longest: 0 }]));
  for (let k = 0; k < rounds; k++) {
    for (const view of VIEWS) {
      const enter = await page.evaluate(clickAndSettle, view);
      const leave = await page.evaluate(clickAndSettle, '清单');
      const run = runs[view];
      run.enter.push(enter.ms);
      run.leave.push(leave.ms);
      run.longest = Math.max(run.longest, enter.longestTask, leave.longestTask);
    }
  }
  await collectGarbage(page);
  const heapMB = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0) / 1048576);
  // 全部打印 of the filter's notices (the browser's print made a no-op): from the click to the last batch
  // printed, and the longest task meanwhile (numbering them all, each batch laid out).
  await page.evaluate(clickAndSettle, '督办单');
  const printAll = await page.evaluate(() => new Promise((resolve) => {
    let batches = 0;
    window.print = () => { batches += 1; };
    const long = [];
    const tasks = new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push(e); });
    tasks.observe({ type: 'longtask' });
    const notices = Number(document.querySelector('.supervision-view [role=status]').textContent.match(/共 (\d+) 份/)[1]);
    const start = performance.now();
    [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === '全部打印').click();
    const check = () => {
      const done = [...document.querySelectorAll('[role=status]')].some((el) => /^已打印 \d+ \/ \d+ 份督办单$/.test(el.textContent.trim()));
      if (done) {
        const ms = performance.now() - start;
        long.push(...tasks.takeRecords());
        tasks.disconnect();
        // The first task numbers every notice (one change of the ledger); the batches follow.
        const numbering = long.filter((e) => e.startTime < start + 1).reduce((a, e) => Math.max(a, e.duration), 0);
        const batchesLongest = long.filter((e) => e.startTime >= start + 1).reduce((a, e) => Math.max(a, e.duration), 0);
        resolve({ notices, batches, ms, numberingMs: numbering, batchLongestTaskMs: batchesLongest });
      } else setTimeout(check, 20);
    };
    setTimeout(check, 20);
  }));
  await context.close();
  server.close();
  const views = Object.fromEntries(Object.entries(runs).map(([v, r]) => [v, {
    enterMedianMs: median(r.enter), enterMaxMs: Math.max(...r.enter), leaveMedianMs: median(r.leave), leaveMaxMs: Math.max(...r.leave), longestTaskMs: r.longest,
  }]));
  return { n, entries, rounds, views, heapMB, printAll };
}

/** The table printed by `make bench`: a row per view, the sizes side by side. */
export function viewsTable(results) {
  const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
  const head = ['view', ...results.map((r) => `${r.n.toLocaleString('en-US')}: enter median / max · leave median / max · longest task`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const view of VIEWS) {
    lines.push(`| ${view} | ${results.map((r) => {
      const v = r.views[view];
      return `${ms(v.enterMedianMs)} / ${ms(v.enterMaxMs)} · ${ms(v.leaveMedianMs)} / ${ms(v.leaveMaxMs)} · ${ms(v.longestTaskMs)}`;
    }).join(' | ')} |`);
  }
  lines.push(`| JS heap after every view (after GC) | ${results.map((r) => `${r.heapMB.toFixed(1)} MB`).join(' | ')} |`);
  lines.push(`| 督办单 全部打印: notices, batches · click → last batch printed · numbering (one task) · longest task of the batches | ${results.map((r) => `${r.printAll.notices}, ${r.printAll.batches} · ${ms(r.printAll.ms)} · ${ms(r.printAll.numberingMs)} · ${ms(r.printAll.batchLongestTaskMs)}`).join(' | ')} |`);
  return lines.join('\n');
}

/** The data of size `n`: the bundled list (with a year of reports when the bench wrote one) or `synth n 2024`'s. */
export function viewsData(n, dist, results, synth) {
  if (n === 48) {
    const year = path.join(results, 'progress-2024-12m.json');
    return { dataDir: path.join(dist, 'data'), progress: fs.existsSync(year) ? year : null };
  }
  const dir = synth(n);
  return { dataDir: dir, progress: path.join(dir, 'progress-synth.json') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { execFileSync } = await import('node:child_process');
  const results = path.join(root, 'bench', 'results');
  const synth = (n) => {
    const dir = path.join(results, `data-${n}`);
    if (!fs.existsSync(path.join(dir, 'plan-synth.bin'))) {
      execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'synth', '--', String(n), '2024', dir], { cwd: root, stdio: 'inherit' });
    }
    return dir;
  };
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--enable-precise-memory-info'],
  });
  const out = [];
  for (const n of (process.env.BENCH_N || '48,1000,10000').split(',').map(Number)) {
    const { dataDir, progress } = viewsData(n, path.join(root, 'dist'), results, synth);
    const r = await measureViews(browser, n, dataDir, progress, Number(process.env.BENCH_ROUNDS || 5));
    console.log(`${n}: ${r.entries} entries imported`);
    out.push(r);
  }
  await browser.close();
  console.log(viewsTable(out));
  fs.writeFileSync(path.join(results, 'views.json'), JSON.stringify(out, null, 2));
}
