// The English words are a chunk of their own (src/ui/lazy.rs `english`): a visit in English fetches it
// at start, beside the list. This measures what that costs: the list's first rows shown for a visit in
// Chinese and one in English (remembered in this browser, as a returning English reader's is), each in
// a fresh context, in turn (the order turned each round), measured alike (bench/peers.mjs's end point).
import { createServer } from '../e2e/server.mjs';
import { gotoAndWaitForPaint, endpointProbe, pct } from './peers.mjs';

const median = (xs) => pct(xs, 0.5);

async function open(browser, port, lang) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.addInitScript((l) => { if (l) localStorage.setItem('minsheng/v1/lang', l); }, lang === 'en' ? 'en' : null);
  await page.addInitScript(endpointProbe, '[data-project]');
  await gotoAndWaitForPaint(page, `http://127.0.0.1:${port}/?d=2024-09-30`);
  const { shown } = await page.evaluate(() => window.__bench);
  const shownLang = await page.evaluate(() => document.documentElement.lang);
  const fetchedEnglish = await page.evaluate(() => performance.getEntriesByType('resource').some((e) => /pack_english-/.test(e.name)));
  await context.close();
  if (shownLang !== (lang === 'en' ? 'en' : 'zh-CN')) throw new Error(`bench/lang: a visit in ${lang} was shown in ${shownLang}`);
  if (fetchedEnglish !== (lang === 'en')) throw new Error(`bench/lang: a visit in ${lang} ${fetchedEnglish ? 'fetched' : 'did not fetch'} the English words`);
  return shown;
}

/** For each list (`dirs`: n → data directory), `rounds` rounds of a Chinese and an English visit. */
export async function measureLanguages(browser, dirs, rounds) {
  const out = [];
  for (const [n, dataDir] of dirs) {
    const server = createServer({ dataDir });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const port = server.address().port;
    await open(browser, port, 'zh'); // warm the server's files
    const zh = [], en = [], ratios = [];
    for (let k = 0; k < rounds; k++) {
      const order = k % 2 ? ['en', 'zh'] : ['zh', 'en'];
      const got = {};
      for (const lang of order) got[lang] = await open(browser, port, lang);
      zh.push(got.zh);
      en.push(got.en);
      ratios.push(got.en / got.zh);
    }
    await new Promise((r) => server.close(r));
    out.push({ n, rounds, zh: { median: median(zh), min: Math.min(...zh), max: Math.max(...zh) }, en: { median: median(en), min: Math.min(...en), max: Math.max(...en) }, ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) } });
  }
  return out;
}
