// A static server for dist/ on 127.0.0.1, used by the end-to-end tests and the benchmark.
// It serves the same files at "/" and under the sub-path "/minsheng/" to prove dist/ works hosted
// under any path, and (given a CouchDB address) passes "/db/…" through to it, as the recommended
// deployment's web server does. No dependencies beyond Node itself.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', process.env.DIST_DIR || 'dist');
const port = Number(process.env.PORT || 4173);
// The benchmark serves synthetic lists in place of dist/data/.
const dataDir = process.env.DATA_DIR ? path.resolve(process.env.DATA_DIR) : null;
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon',
};

/** Passes a request to the database server, "/db" taken off the path (cookies and all). */
function proxy(req, res, target, rest) {
  const upstream = new URL(target);
  const forward = http.request({
    host: upstream.hostname, port: upstream.port, method: req.method, path: rest,
    headers: { ...req.headers, host: upstream.host },
  }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', () => { res.writeHead(502, { 'Content-Type': 'text/plain' }); res.end('database unreachable'); });
  req.pipe(forward);
}

export function createServer(options = {}) {
  const data = options.dataDir ? path.resolve(options.dataDir) : dataDir;
  const couch = options.couch || process.env.COUCH_URL || null;
  return http.createServer((req, res) => {
    const raw = new URL(req.url, 'http://x');
    const dbPath = raw.pathname.replace(/^\/minsheng(?=\/db\/)/, '');
    if (couch && dbPath.startsWith('/db/')) return proxy(req, res, couch, dbPath.slice('/db'.length) + raw.search);
    let url = decodeURIComponent(raw.pathname);
    if (url.startsWith('/minsheng/')) url = url.slice('/minsheng'.length);
    else if (url === '/minsheng') { res.writeHead(301, { Location: '/minsheng/' }); return res.end(); }
    if (url.endsWith('/')) url += 'index.html';
    const base = data && url.startsWith('/data/') ? data : root;
    const file = path.join(base, data && url.startsWith('/data/') ? url.slice('/data'.length) : url);
    if (!file.startsWith(base)) { res.writeHead(403); return res.end(); }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'Content-Type': 'text/plain' }); return res.end('not found'); }
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(data);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  createServer().listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}/`));
}
