// A sync server for the end-to-end specs: PouchDB Server in memory on 127.0.0.1 with an administrator,
// set up by tools/couch-setup.mjs for the bundled list (design document, one account per unit and the
// office), behind the static test server at /db/ as the recommended deployment does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from './server.mjs';
import { expect } from '@playwright/test';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

export const freePort = () => new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** Starts it: the server's address and port, the app's base address, each account's password, close(). */
export async function startSyncServer(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const port = await freePort();
  const couch = spawn(process.execPath, [path.join(root, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server'), '--in-memory', '--host', '127.0.0.1', '--port', String(port)], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    couch.stdout.on('data', (d) => { if (String(d).includes('has started')) resolve(); });
    couch.on('exit', (code) => reject(new Error(`pouchdb-server exited ${code}`)));
  });
  const couchUrl = `http://127.0.0.1:${port}`;
  // An administrator, so the server enforces accounts (a fresh server lets anyone in).
  await fetch(`${couchUrl}/_config/admins/admin`, { method: 'PUT', body: '"secret"' });
  execFileSync(process.execPath, [path.join(root, 'tools', 'couch-setup.mjs'), '--server', `http://admin:secret@127.0.0.1:${port}`, '--db', 'minsheng-2024', '--plan', path.join(root, 'data', 'plan-2024.json'), '--accounts', path.join(dir, 'accounts.csv')], { cwd: root, stdio: 'inherit' });
  const accounts = {};
  for (const line of fs.readFileSync(path.join(dir, 'accounts.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [, name, password] = line.match(/^("(?:[^"\\]|\\.)*"),([^,]*),/);
    accounts[JSON.parse(name)] = password;
  }
  const app = createServer({ couch: couchUrl });
  await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${app.address().port}/`;
  const close = () => {
    app.close();
    couch.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { couchUrl, port, base, accounts, close };
}

/** 同步: signs `who` in to the bundled list's database through `/db/` and waits for the first sync. */
export async function signIn(page, base, who, password) {
  await page.goto(`${base}?v=sync`);
  await page.getByRole('textbox', { name: '同步地址' }).fill('/db/minsheng-2024');
  await page.getByRole('textbox', { name: '用户名' }).fill(who);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录并同步' }).click();
  await expect(page.getByRole('status').filter({ hasText: /同步/ }).first()).toHaveText(/^已同步（/);
}

/** 同步 → 立即同步, and waits for it. */
export async function syncNow(page) {
  await page.getByRole('button', { name: '同步', exact: true }).click();
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByRole('status').filter({ hasText: /同步/ }).first()).toHaveText(/^已同步（/);
}
