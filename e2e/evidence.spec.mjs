// Issue 33: 佐证材料. On a 390 px phone, 市民政局 attaches to its 9月 report a 12-megapixel JPEG made by
// the test (with GPS tags and a shooting time in its EXIF) and a PNG, and a PDF to its closure request;
// a text named .jpg is refused. The kept photo is at most 1,600 px and 400 KB, with no EXIF left, and its
// 拍摄时间 is shown. The unit exports a bundle (包含佐证材料); the office imports it in another context
// and sees the three files in 审核, opens one full size and steps to the next; a bundle with one byte of
// one photo changed is imported without that photo and says so, and the record shows 缺少文件.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchPage, shot, artifacts, trustFirstKeys, unzip, reportFigure, idbGet, idbSet, idbKeys } from './helpers.mjs';
import { startSyncServer, signIn, syncNow } from './couch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const plan = JSON.parse(fs.readFileSync(path.join(root, 'data', 'plan-2024.json'), 'utf8'));
const meals = plan.projects[0]; // 市民政局
const CIVIL = '市民政局';
const NOW = new Date('2024-10-20T10:00:00+08:00');
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** An EXIF segment (APP1, big-endian TIFF): DateTime, DateTimeOriginal, and a GPS directory. */
function exifSegment(taken) {
  const out = [];
  const u16 = (v) => out.push((v >> 8) & 255, v & 255);
  const u32 = (v) => out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
  const entry = (tag, type, count, value) => { u16(tag); u16(type); u32(count); u32(value); };
  // Layout: header (8), IFD0 (2 + 3×12 + 4 = 42) at 8, EXIF IFD (2 + 12 + 4 = 18) at 50, GPS IFD
  // (2 + 2×12 + 4 = 30) at 68, then the two 20-byte times at 98 and 118.
  out.push(0x4d, 0x4d); u16(42); u32(8);
  u16(3); entry(0x0132, 2, 20, 98); entry(0x8769, 4, 1, 50); entry(0x8825, 4, 1, 68); u32(0);
  u16(1); entry(0x9003, 2, 20, 118); u32(0);
  u16(2); entry(0x0000, 1, 4, 0x02030000); entry(0x0001, 2, 2, 0x4e000000); u32(0);
  for (const text of ['2024:10:01 08:00:00', taken]) {
    const bytes = Buffer.alloc(20);
    bytes.write(text, 'latin1');
    out.push(...bytes);
  }
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(out)]);
  const head = Buffer.from([0xff, 0xe1, ((body.length + 2) >> 8) & 255, (body.length + 2) & 255]);
  return Buffer.concat([head, body]);
}

/** A picture drawn in the page (gradient and noise, so it compresses like a photo), as bytes. */
async function drawn(page, width, height, type, quality) {
  const b64 = await page.evaluate(async ({ width, height, type, quality }) => {
    const c = document.createElement('canvas');
    c.width = width;
    c.height = height;
    const g = c.getContext('2d');
    const grad = g.createLinearGradient(0, 0, width, height);
    grad.addColorStop(0, '#3a7bd5');
    grad.addColorStop(1, '#f2c94c');
    g.fillStyle = grad;
    g.fillRect(0, 0, width, height);
    const img = g.getImageData(0, 0, width, height);
    let seed = 7;
    for (let i = 0; i < img.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed >> 16) % 48;
      img.data[i] += n; img.data[i + 1] += n; img.data[i + 2] += n;
    }
    g.putImageData(img, 0, 0);
    const blob = await new Promise((r) => c.toBlob(r, type, quality));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, { width, height, type, quality });
  return Buffer.from(b64, 'base64');
}

/** The thumbnails' pictures shown in `scope` (drawn, not just placed): their count. */
async function shownPictures(scope, count) {
  // Thumbnails load as they come into view.
  await scope.scrollIntoViewIfNeeded();
  const imgs = scope.locator('img');
  await expect(imgs).toHaveCount(count);
  await expect.poll(() => imgs.evaluateAll((list) => list.filter((i) => i.complete && i.naturalWidth > 0).length)).toBe(count);
}

/** What this browser keeps under minsheng/v1/file/…: each file's size, pixel size and EXIF left. */
async function keptFiles(page) {
  return page.evaluate(async () => {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('minsheng'); r.onsuccess = () => ok(r.result); r.onerror = fail; });
    const store = db.transaction('kv').objectStore('kv');
    const keys = await new Promise((ok) => { const r = store.getAllKeys(IDBKeyRange.bound('minsheng/v1/file/', 'minsheng/v1/file/\uffff')); r.onsuccess = () => ok(r.result); });
    const out = [];
    for (const key of keys) {
      const blob = await new Promise((ok) => { const r = db.transaction('kv').objectStore('kv').get(key); r.onsuccess = () => ok(r.result); });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let exif = false;
      for (let i = 0; i + 6 < Math.min(bytes.length, 65536); i++) {
        if (bytes[i] === 0x45 && bytes[i + 1] === 0x78 && bytes[i + 2] === 0x69 && bytes[i + 3] === 0x66 && bytes[i + 4] === 0) exif = true;
      }
      let size = null;
      if (blob.type.startsWith('image/')) {
        const bitmap = await createImageBitmap(blob);
        size = [bitmap.width, bitmap.height];
      }
      out.push({ key, type: blob.type, bytes: bytes.length, size, exif });
    }
    return out;
  });
}

test('evidence: attached on a phone, carried in a bundle, checked against its hashes, seen in 审核', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const unitContext = await browser.newContext(phone);
  const civil = await unitContext.newPage();
  const problems = [watchPage(civil)];
  await civil.clock.setSystemTime(NOW);
  await civil.goto(baseURL);

  // The files: a 12-megapixel JPEG with GPS tags and a shooting time, a PNG, a PDF, a text named .jpg.
  const big = await drawn(civil, 4000, 3000, 'image/jpeg', 0.92);
  const photo = Buffer.concat([big.subarray(0, 2), exifSegment('2024:09:28 15:42:07'), big.subarray(2)]);
  expect(photo.length).toBeGreaterThan(1_000_000);
  const files = {
    photo: path.join(artifacts, 'site-photo.jpg'),
    png: path.join(artifacts, 'screenshot.png'),
    pdf: path.join(artifacts, 'acceptance.pdf'),
    fake: path.join(artifacts, 'fake.jpg'),
  };
  fs.writeFileSync(files.photo, photo);
  fs.writeFileSync(files.png, await drawn(civil, 800, 600, 'image/png'));
  fs.writeFileSync(files.pdf, '%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
  fs.writeFileSync(files.fake, 'not a picture at all');

  // 市民政局 reports 9月 and attaches the photo and the PNG to it, in the project's detail.
  const card = await reportFigure(civil, CIVIL, meals, 120, 9, 1);
  await civil.goto(`${baseURL}?p=${meals.id}`);
  const panel = civil.getByRole('region', { name: '佐证材料' });
  await panel.getByRole('combobox', { name: '报告月份' }).selectOption('9');
  await panel.getByRole('textbox', { name: '说明', exact: true }).fill('9月28日新开助餐点现场');
  await panel.getByLabel('添加佐证材料').setInputFiles([files.photo, files.png, files.fake]);
  await expect(panel.getByRole('alert')).toContainText('“fake.jpg”不是图片或 PDF');
  await expect(civil.getByText('已添加 2 份佐证材料。').first()).toBeVisible();
  const thumbs = panel.getByRole('list', { name: '佐证材料' });
  await expect(thumbs.getByRole('listitem')).toHaveCount(2);
  await shownPictures(thumbs, 2);
  await expect(thumbs).toContainText('拍摄时间 2024-09-28 15:42:07');
  // No sideways scroll on the phone.
  expect(await civil.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await panel.scrollIntoViewIfNeeded();
  await shot(civil, 'evidence-phone-detail');

  // What is kept: the photo at most 1,600 px and 400 KB, no EXIF (so no GPS) left.
  const kept = await keptFiles(civil);
  expect(kept).toHaveLength(2);
  for (const k of kept) {
    expect(k.type).toBe('image/jpeg');
    expect(Math.max(...k.size)).toBeLessThanOrEqual(1600);
    expect(k.bytes).toBeLessThanOrEqual(400 * 1024);
    expect(k.exif).toBe(false);
  }
  expect(kept.map((k) => Math.max(...k.size)).sort()).toEqual([1600, 800].sort());

  // 申请办结 with the PDF, from the 填报 card.
  await civil.getByRole('button', { name: '填报', exact: true }).click();
  await civil.getByRole('combobox', { name: '月份' }).selectOption('9');
  await card.getByRole('button', { name: '申请办结', exact: true }).click();
  const close = civil.getByRole('group', { name: `申请办结 ${meals.name}` });
  await close.getByRole('textbox', { name: '办结情况说明' }).fill('227 个助餐点全部建成');
  await close.getByRole('textbox', { name: '说明', exact: true }).fill('竣工验收报告');
  await close.getByLabel('添加佐证材料').setInputFiles(files.pdf);
  await expect(close).toContainText('acceptance.pdf');
  await close.getByRole('button', { name: '提交' }).click();
  await expect(close).toHaveCount(0);
  expect(await keptFiles(civil)).toHaveLength(3);

  // The bundle: the signed progress file and the three files by hash.
  await civil.getByRole('button', { name: '数据交换', exact: true }).click();
  await civil.getByRole('combobox', { name: '导出范围' }).selectOption(CIVIL);
  await expect(civil.getByRole('checkbox', { name: '包含佐证材料' })).toBeChecked();
  const [download] = await Promise.all([civil.waitForEvent('download'), civil.getByRole('button', { name: '导出 JSON' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const bundleFile = path.join(artifacts, 'evidence-bundle.zip');
  await download.saveAs(bundleFile);
  const bundle = fs.readFileSync(bundleFile);
  const entries = unzip(bundle);
  const progress = JSON.parse(entries.get('progress.json').toString('utf8'));
  expect(progress.signature.unit).toBe(CIVIL);
  expect(progress.evidence).toHaveLength(3);
  const names = [...entries.keys()].filter((n) => n.startsWith('files/'));
  expect(names).toHaveLength(3);
  for (const a of progress.evidence) expect(names).toContain(`files/${a.hash}`);
  const jpegRecord = progress.evidence.find((a) => a.taken_at);
  expect(progress.evidence.find((a) => a.mime === 'application/pdf')).toMatchObject({ caption: '竣工验收报告', name: 'acceptance.pdf' });
  expect(jpegRecord).toMatchObject({ taken_at: '2024-09-28T15:42:07', caption: '9月28日新开助餐点现场', mime: 'image/jpeg', unit: CIVIL });

  // The office imports the bundle and sees the three files in 审核.
  const office = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  problems.push(watchPage(office));
  await office.clock.setSystemTime(NOW);
  await office.goto(baseURL);
  await office.getByRole('navigation').getByRole('button', { name: /^审核/ }).click();
  await office.getByRole('button', { name: '以督查室身份审核' }).click();
  await office.getByRole('button', { name: '数据交换', exact: true }).click();
  await office.getByLabel('选择要导入的 JSON 文件').setInputFiles(bundleFile);
  await trustFirstKeys(office);
  await office.getByRole('button', { name: '应用合并' }).click();
  await expect(office.getByRole('region', { name: '合并预览' })).toHaveCount(0);
  await office.getByRole('navigation').getByRole('button', { name: /^审核/ }).click();
  const chosen = office.getByRole('region', { name: `${meals.name} 9月` });
  const reportFiles = chosen.getByRole('list', { name: '佐证材料' });
  await shownPictures(reportFiles, 2);
  const request = office.getByRole('article', { name: meals.name });
  await expect(request.getByRole('list', { name: '佐证材料' }).getByRole('button', { name: '查看 acceptance.pdf' })).toBeVisible();
  await shot(office, 'evidence-office-review');
  // The full view, ← → between the report's files, Escape closes.
  await reportFiles.getByRole('button').first().click();
  const viewer = office.getByRole('dialog');
  await expect(viewer.getByRole('img')).toBeVisible();
  await expect(viewer).toContainText('(1/2)');
  await viewer.getByRole('button', { name: '下一个' }).click();
  await expect(viewer).toContainText('(2/2)');
  await viewer.press('Escape');
  await expect(office.getByRole('dialog')).toHaveCount(0);

  // 汇报模式 has a 现场照片 slide for the project, its two photos large.
  await office.goto(`${baseURL}?present=1`);
  const deck = office.getByRole('dialog', { name: '汇报模式' });
  await expect(deck).toBeVisible();
  for (let i = 0; i < 60 && !(await deck.textContent()).includes('现场照片'); i++) await office.keyboard.press('ArrowRight');
  await expect(deck.locator('.slide-title').first()).toContainText(`现场照片${meals.name}`);
  await shownPictures(deck.getByRole('list', { name: '现场照片' }), 2);
  await expect(deck).toContainText('拍摄时间 2024-09-28 15:42:07');
  await shot(office, 'evidence-present-photos');
  await office.keyboard.press('Escape');

  // One byte of the photo changed in the bundle: imported without it, and said so.
  const jpegEntry = `files/${jpegRecord.hash}`;
  const data = entries.get(jpegEntry);
  const at = bundle.indexOf(data.subarray(1000, 1064));
  expect(at).toBeGreaterThan(0);
  const changed = Buffer.from(bundle);
  changed[at + 10] ^= 0x01;
  const changedFile = path.join(artifacts, 'evidence-bundle-changed.zip');
  fs.writeFileSync(changedFile, changed);
  const fresh = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  problems.push(watchPage(fresh));
  await fresh.clock.setSystemTime(NOW);
  await fresh.goto(`${baseURL}?v=exchange`);
  await fresh.getByLabel('选择要导入的 JSON 文件').setInputFiles(changedFile);
  await expect(fresh.locator('.file-errors')).toContainText(`“${jpegRecord.name}”与其校验值不符（传输中被改动），未保存。`);
  await trustFirstKeys(fresh);
  await fresh.getByRole('button', { name: '应用合并' }).click();
  await expect(fresh.getByRole('region', { name: '合并预览' })).toHaveCount(0);
  await fresh.goto(`${baseURL}?p=${meals.id}`);
  const freshPanel = fresh.getByRole('region', { name: '佐证材料' });
  await freshPanel.scrollIntoViewIfNeeded();
  await expect(freshPanel.getByRole('note')).toHaveText(`缺少文件文件在${CIVIL}`);
  await shownPictures(freshPanel, 1);
  expect(await keptFiles(fresh)).toHaveLength(2);
  // The limit per report is a setting: at 2, a third file for 9月 is refused with its name.
  await civil.goto(`${baseURL}?v=exchange`);
  const settings = civil.getByRole('region', { name: '浏览器存储' });
  await settings.getByText('佐证材料设置').click();
  await settings.getByRole('spinbutton', { name: '每份报告最多文件数' }).fill('2');
  await settings.getByRole('spinbutton', { name: '每份报告最多文件数' }).press('Tab');
  await civil.goto(`${baseURL}?p=${meals.id}`);
  await panel.getByRole('combobox', { name: '报告月份' }).selectOption('9');
  await panel.getByLabel('添加佐证材料').setInputFiles(files.pdf);
  await expect(panel.getByRole('alert')).toContainText('“acceptance.pdf”未添加：每份报告最多 2 份佐证材料。');
  // 浏览器存储 counts the files kept.
  await fresh.getByRole('button', { name: '数据交换', exact: true }).click();
  await expect(fresh.getByRole('region', { name: '浏览器存储' })).toContainText('佐证材料文件 2 个。');
  for (const p of problems) expect(p).toEqual([]);
});

test('evidence: records kept apart from the ledger and read after it; a damaged image, a full storage and a damaged records text refused with nothing lost, in both languages', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext(phone);
  // A storage that is full for files while the test says so (IndexedDB refuses as a full quota does).
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (window.__storageFull && value instanceof Blob) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    };
  });
  const civil = await context.newPage();
  const problems = [watchPage(civil)];
  await civil.clock.setSystemTime(NOW);
  await civil.goto(baseURL);
  const main = `minsheng/v1/ledger/${plan.id}`;
  const apart = `${main}/evidence`;
  const files = { png: path.join(artifacts, 'apart.png'), broken: path.join(artifacts, 'broken.jpg'), second: path.join(artifacts, 'second.png'), text: path.join(artifacts, 'notes.jpg') };
  fs.writeFileSync(files.text, '现场记录：助餐点已开业。\n');
  fs.writeFileSync(files.png, await drawn(civil, 640, 480, 'image/png'));
  fs.writeFileSync(files.second, await drawn(civil, 320, 240, 'image/png'));
  // A JPEG by its first bytes, nothing after them a browser can decode.
  fs.writeFileSync(files.broken, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(2048, 0x5a)]));

  // From the 填报 row's report, with a 说明: the damaged image refused by name, the PNG kept.
  const card = await reportFigure(civil, CIVIL, meals, 130, 9, 1);
  await card.getByRole('button', { name: `${meals.name} 月报` }).click();
  await card.getByRole('textbox', { name: '说明', exact: true }).fill('助餐点门头');
  await card.getByLabel('添加佐证材料').setInputFiles([files.broken, files.png]);
  await expect(card.getByRole('alert')).toContainText('“broken.jpg”无法作为图片打开（文件可能已损坏），未添加。');
  await shownPictures(card.getByRole('list', { name: '佐证材料' }), 1);
  await civil.goto(`${baseURL}?p=${meals.id}`);
  const panel = civil.getByRole('region', { name: '佐证材料' });
  const thumbs = panel.getByRole('list', { name: '佐证材料' });
  await shownPictures(thumbs, 1);

  // Kept apart: the attachment record under its own key, the main text without it.
  await expect.poll(async () => JSON.parse((await idbGet(civil, apart)) ?? '{"evidence":[]}').evidence.length).toBe(1);
  expect(JSON.parse(await idbGet(civil, apart)).evidence[0]).toMatchObject({ caption: '助餐点门头', name: 'apart.jpg', month: '2024-09-30' });
  const stored = JSON.parse(await idbGet(civil, main));
  expect(stored.entries.length).toBe(1);
  expect(stored.evidence ?? []).toHaveLength(0);

  // Read back after a reload (after the ledger, without holding up its statuses).
  await civil.reload();
  await panel.scrollIntoViewIfNeeded();
  await shownPictures(thumbs, 1);

  // A main text an earlier version wrote whole (its attachment records inside) still reads, and the
  // next save moves them to their own key.
  const whole = { ...stored, evidence: JSON.parse(await idbGet(civil, apart)).evidence };
  await idbSet(civil, main, JSON.stringify(whole));
  await idbSet(civil, apart, null);
  await civil.reload();
  await panel.scrollIntoViewIfNeeded();
  await shownPictures(thumbs, 1);
  await reportFigure(civil, CIVIL, meals, 140, 10, 1);
  await expect.poll(async () => JSON.parse((await idbGet(civil, apart)) ?? '{"evidence":[]}').evidence.length).toBe(1);
  expect(JSON.parse(await idbGet(civil, main)).evidence ?? []).toHaveLength(0);

  // The storage is full: the file is refused with its name, and nothing kept before changes.
  await civil.goto(`${baseURL}?p=${meals.id}`);
  await civil.evaluate(() => { window.__storageFull = true; });
  await panel.getByRole('combobox', { name: '报告月份' }).selectOption('9');
  await panel.getByLabel('添加佐证材料').setInputFiles(files.second);
  await expect(panel.getByRole('alert')).toContainText('“second.png”未保存：浏览器存储已满。已保存的内容未受影响。');
  await shownPictures(thumbs, 1);
  await civil.evaluate(() => { window.__storageFull = false; });
  await civil.reload();
  await panel.scrollIntoViewIfNeeded();
  await shownPictures(thumbs, 1);
  expect(JSON.parse(await idbGet(civil, apart)).evidence).toHaveLength(1);
  expect(JSON.parse(await idbGet(civil, main)).entries.length).toBe(2);
  // The refusals in English: the file named, the reason in words, nothing kept.
  await civil.getByRole('button', { name: 'English' }).click();
  const english = civil.getByRole('region', { name: 'Evidence' });
  await english.getByRole('combobox', { name: 'Report month' }).selectOption('9');
  await english.getByLabel('Add evidence').setInputFiles([files.broken, files.text]);
  await expect(english.getByRole('alert')).toContainText('"broken.jpg" does not open as an image (it may be damaged); not added.');
  await expect(english.getByRole('alert')).toContainText('"notes.jpg" is not an image or a PDF (judged by its content, not its name); not added.');
  await shownPictures(english.getByRole('list', { name: 'Evidence' }), 1);
  await civil.getByRole('button', { name: '中文' }).click();

  // A second file, kept: the records' text now has two, its backup the one before.
  await panel.getByRole('combobox', { name: '报告月份' }).selectOption('9');
  await panel.getByLabel('添加佐证材料').setInputFiles(files.second);
  await shownPictures(thumbs, 2);
  await expect.poll(async () => JSON.parse((await idbGet(civil, apart)) ?? '{"evidence":[]}').evidence.length).toBe(2);
  expect(JSON.parse(await idbGet(civil, `${apart}/backup`)).evidence).toHaveLength(1);

  // The records' text damaged: set aside as it was, the backup put in its place, the user told; the
  // entries (in the other text) untouched.
  const damaged = '{"format":"minsheng-progress","version":4,"evidence":[{"id":';
  await idbSet(civil, apart, damaged);
  await civil.reload();
  await expect(civil.getByRole('alert').filter({ hasText: '已从上一次备份恢复' })).toBeVisible();
  await shownPictures(thumbs, 1);
  const aside = (await idbKeys(civil)).filter((k) => k.includes('/corrupt/') && k.endsWith('-evidence'));
  expect(aside).toHaveLength(1);
  expect(await idbGet(civil, aside[0])).toBe(damaged);
  expect(JSON.parse(await idbGet(civil, apart)).evidence).toHaveLength(1);
  expect(JSON.parse(await idbGet(civil, main)).entries.length).toBe(2);
  // Read once: the next visit finds the backup's text and says nothing.
  await civil.reload();
  await shownPictures(thumbs, 1);
  await expect(civil.getByRole('alert').filter({ hasText: '无法读取' })).toHaveCount(0);
  await civil.getByRole('button', { name: '数据交换', exact: true }).click();
  await expect(civil.getByText('无法读取的存储副本')).toBeVisible();
  for (const p of problems) expect(p).toEqual([]);
});

test.describe('evidence through sync', () => {
  let base, port, accounts, close;
  test.beforeAll(async () => {
    ({ base, port, accounts, close } = await startSyncServer('minsheng-evidence-'));
  });
  test.afterAll(async () => close?.());

  test('the files go to the server after their records and come to the office when shown; a unit cannot add a file to another unit’s project', async ({ browser }) => {
    test.setTimeout(180_000);
    const civil = await (await browser.newContext(phone)).newPage();
    const problems = [watchPage(civil)];
    await civil.clock.setSystemTime(NOW);
    await signIn(civil, base, CIVIL, accounts[CIVIL]);
    const png = path.join(artifacts, 'sync-photo.png');
    fs.writeFileSync(png, await drawn(civil, 1200, 900, 'image/png'));
    await reportFigure(civil, CIVIL, meals, 120);
    await civil.goto(`${base}?p=${meals.id}`);
    const panel = civil.getByRole('region', { name: '佐证材料' });
    await panel.getByRole('combobox', { name: '报告月份' }).selectOption('9');
    await panel.getByLabel('添加佐证材料').setInputFiles(png);
    await shownPictures(panel.getByRole('list', { name: '佐证材料' }), 1);
    await syncNow(civil);
    const admin = { Authorization: 'Basic ' + Buffer.from('admin:secret').toString('base64') };
    const all = await (await fetch(`http://127.0.0.1:${port}/minsheng-2024/_all_docs`, { headers: admin })).json();
    const fileIds = all.rows.map((r) => r.id).filter((id) => id.startsWith('file-'));
    expect(fileIds).toHaveLength(1);
    const stored = await fetch(`http://127.0.0.1:${port}/minsheng-2024/${fileIds[0]}/data`, { headers: admin });
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-type')).toContain('image/jpeg');

    // The office syncs: the record comes, and the photo when 审核 shows it.
    const office = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    problems.push(watchPage(office));
    await office.clock.setSystemTime(NOW);
    await signIn(office, base, '督查室', accounts['督查室']);
    // Pulled when first shown: nothing fetched before 审核 shows it.
    expect(await keptFiles(office)).toHaveLength(0);
    await office.getByRole('navigation').getByRole('button', { name: /^审核/ }).click();
    await office.getByRole('button', { name: '以督查室身份审核' }).click();
    const chosen = office.getByRole('region', { name: `${meals.name} 9月` });
    await shownPictures(chosen.getByRole('list', { name: '佐证材料' }), 1);
    expect(await keptFiles(office)).toHaveLength(1);

    // An office browser set to download every file has it after a sync, without showing it.
    const archive = await (await browser.newContext()).newPage();
    problems.push(watchPage(archive));
    await archive.clock.setSystemTime(NOW);
    await archive.goto(`${base}?v=exchange`);
    const storagePanel = archive.getByRole('region', { name: '浏览器存储' });
    await storagePanel.getByText('佐证材料设置').click();
    await storagePanel.getByRole('checkbox', { name: '同步时下载全部文件（督查室）' }).check();
    await signIn(archive, base, '督查室', accounts['督查室']);
    await expect.poll(async () => (await keptFiles(archive)).length).toBe(1);

    // A unit's account adding a file to another unit's project is refused; changing one too.
    const auth = { Authorization: 'Basic ' + Buffer.from(`${CIVIL}:${accounts[CIVIL]}`).toString('base64'), 'Content-Type': 'application/json' };
    const other = plan.projects.find((p) => p.lead_unit !== CIVIL && !p.co_units.includes(CIVIL));
    const forged = { _id: 'file-forged', type: 'file', plan: plan.id, hash: 'x', unit: CIVIL, project: other.id, _attachments: { data: { content_type: 'image/jpeg', data: 'AAAA' } } };
    const refused = await fetch(`http://127.0.0.1:${port}/minsheng-2024/file-forged`, { method: 'PUT', headers: auth, body: JSON.stringify(forged) });
    expect(refused.status).toBe(403);
    expect(JSON.parse((await refused.json()).reason).code).toBe('unit_not_on_project');
    const current = await (await fetch(`http://127.0.0.1:${port}/minsheng-2024/${fileIds[0]}`, { headers: admin })).json();
    const overwrite = await fetch(`http://127.0.0.1:${port}/minsheng-2024/${fileIds[0]}`, { method: 'PUT', headers: auth, body: JSON.stringify({ ...current, _attachments: { data: { content_type: 'image/jpeg', data: 'AAAA' } } }) });
    expect(overwrite.status).toBe(403);
    expect(JSON.parse((await overwrite.json()).reason).code).toBe('immutable');
    for (const p of problems) expect(p).toEqual([]);
  });
});
