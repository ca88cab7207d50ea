// Shared helpers for the end-to-end specs.
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';

export const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });

/** Fails the test on any console error or page error, and on any request to another origin. */
export function watchPage(page) {
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
      problems.push(`foreign request: ${req.url()}`);
    }
  });
  return problems;
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: false });
}

/** The app's IndexedDB store ("minsheng" / "kv"), read and written from the page. */
export async function idbGet(page, key) {
  return page.evaluate((k) => new Promise((resolve, reject) => {
    const open = indexedDB.open('minsheng', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('kv').objectStore('kv').get(k);
      req.onsuccess = () => { open.result.close(); resolve(req.result ?? null); };
      req.onerror = () => reject(req.error);
    };
  }), key);
}

export async function idbSet(page, key, value) {
  return page.evaluate(([k, v]) => new Promise((resolve, reject) => {
    const open = indexedDB.open('minsheng', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('kv', 'readwrite');
      if (v === null) tx.objectStore('kv').delete(k); else tx.objectStore('kv').put(v, k);
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [key, value]);
}

export async function idbKeys(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('minsheng', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('kv').objectStore('kv').getAllKeys();
      req.onsuccess = () => { open.result.close(); resolve(req.result); };
      req.onerror = () => reject(req.error);
    };
  }));
}

/**
 * Holds the app's IndexedDB store from `page` in a readwrite transaction kept busy, as another tab's
 * long write would: every other transaction on it waits. Returns the function that lets it go.
 */
export async function holdStore(page) {
  await page.evaluate(() => new Promise((held, failed) => {
    const open = indexedDB.open('minsheng');
    open.onerror = () => failed(open.error);
    open.onsuccess = () => {
      const store = open.result.transaction('kv', 'readwrite').objectStore('kv');
      window.hold = true;
      const spin = () => { if (window.hold) store.get('hold').onsuccess = spin; };
      spin();
      held();
    };
  }));
  return () => page.evaluate(() => { window.hold = false; });
}

/** Clears everything the app stored in this browser (localStorage and its IndexedDB database). */
export async function clearStorage(page) {
  await page.evaluate(() => new Promise((resolve) => {
    localStorage.clear();
    const req = indexedDB.deleteDatabase('minsheng');
    req.onsuccess = req.onerror = () => resolve();
  }));
}

/**
 * After files are chosen for import in 数据交换: trusts each unit's first key the page asks about
 * (信任此密钥, as an office does after comparing the fingerprint), until the merge preview shows.
 */
export async function trustFirstKeys(page) {
  const { expect } = await import('@playwright/test');
  const preview = page.getByRole('region', { name: '合并预览' });
  const trust = page.getByRole('list', { name: '签名验证' }).getByRole('button', { name: '信任此密钥' });
  for (let i = 0; i < 10; i++) {
    await expect(preview.or(trust.first()).first()).toBeVisible();
    if ((await trust.count()) === 0) return;
    await trust.first().click();
  }
}

/** The entries of a zip (stored or deflated), read from its central directory. */
export function unzip(buffer) {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(start, start + size);
    files.set(name, method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** 填报: `unit` enters `value` for `project`'s first indicator at month-end `month` and saves (`saved`
 * records, when given); the project's card in the grid. */
export async function reportFigure(page, unit, project, value, month = 9, saved = null) {
  await page.getByRole('button', { name: '填报', exact: true }).click();
  await page.getByRole('combobox', { name: '我的单位' }).selectOption(unit);
  await page.getByRole('combobox', { name: '月份' }).selectOption(String(month));
  const card = page.locator('tbody.grid-project').filter({ hasText: project.name });
  await card.getByRole('textbox', { name: `${project.name} ${project.indicators[0].name}` }).fill(String(value));
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: saved === null ? /已保存 \d+ 条记录/ : `已保存 ${saved} 条记录` })).toBeVisible();
  return card;
}
