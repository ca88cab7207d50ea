// The files the first visit downloads before the first paint (index.html, the boot script, the app's
// JavaScript and wasm, the chunk loader it imports, the style sheets): what the budget counts, for a
// visit opening on the list.
// Lazily loaded chunks, the worker module and data/ are not part of it.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const refs = (text, re) => [...text.matchAll(re)].map((m) => m[1]);

export function firstLoadFiles(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = ['index.html', ...refs(html, /(?:href|src)=["']?\.\/([^"'\s>]+)/g)];
  const boot = files.find((f) => f.startsWith('boot-'));
  // The boot script names the views' packs too, fetched only when the address opens on that view.
  if (boot) files.push(...refs(fs.readFileSync(path.join(dist, boot), 'utf8'), /["'`]\.\/([^"'`]+)["'`]/g).filter((f) => !f.startsWith('pack_')));
  const main = files.find((f) => /^minsheng-.*\.js$/.test(f));
  if (main) files.push(...refs(fs.readFileSync(path.join(dist, main), 'utf8'), /from\s*["']\.\/([^"']+)["']/g));
  return [...new Set(files)].filter((f) => !f.startsWith('data/'));
}

export function firstLoadSize(dist) {
  let raw = 0;
  let gzip = 0;
  const files = firstLoadFiles(dist);
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(dist, f));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}
