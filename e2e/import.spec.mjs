// Issue 16: lists in the forms other cities publish. A pasted list with other column names whose
// guess is corrected in the mapping step (and remembered); an Excel workbook and a Word document
// opened directly; files that are no list say why and change nothing.
import { test, expect } from '@playwright/test';
import { watchPage, shot } from './helpers.mjs';
import zlib from 'node:zlib';
import { xlsx, docx, zip, zipEntries, XLSX_TYPE, DOCX_TYPE } from './office-files.mjs';

const OTHER = [
  '2025 年某区民生实事项目',
  '序号\t重点任务\t责任单位\t责任领导\t完成时限\t资金来源',
  '1\t新建社区食堂 12 家\t区民政局\t王小明\t9月底\t区财政',
  '2\t改造老旧小区 30 个\t区住建局\t李大华\t11月底\t',
].join('\n');

async function openImport(page) {
  await page.goto('./');
  await page.getByRole('button', { name: '导入清单' }).click();
}

const meaning = (page, header) => page.getByRole('region', { name: '列映射' }).getByRole('combobox', { name: `“${header}”列的含义` });

test('other column names: the guessed mapping is corrected, the preview follows, it imports and is remembered', async ({ page }) => {
  const problems = watchPage(page);
  await openImport(page);
  await page.getByRole('textbox', { name: '粘贴清单' }).fill(OTHER);
  const mapping = page.getByRole('region', { name: '列映射' });
  await expect(mapping).toBeVisible();
  // The guess: 责任领导 is a city leader (分管市领导), 资金来源 kept as it is.
  await expect(meaning(page, '重点任务')).toHaveValue('name');
  await expect(meaning(page, '责任单位')).toHaveValue('lead_unit');
  await expect(meaning(page, '完成时限')).toHaveValue('due');
  await expect(meaning(page, '责任领导')).toHaveValue('city_leader');
  await expect(meaning(page, '资金来源')).toHaveValue('keep');
  await expect(mapping.getByRole('row', { name: /资金来源/ })).toContainText('区财政');
  const review = page.getByRole('region', { name: '导入预览' });
  await expect(review).toContainText('1 个类别，2 个项目');
  // In this list 责任领导 is the unit's own leader: corrected here.
  await meaning(page, '责任领导').selectOption({ label: '牵头单位分管领导' });
  await expect(meaning(page, '责任领导')).toHaveValue('lead_unit_leader');
  // Mapping the project column away leaves no list, and says so; mapped back, the preview returns.
  await meaning(page, '重点任务').selectOption({ label: '不导入' });
  await expect(page.getByRole('alert').filter({ hasText: '找到 6 列，没有可作为项目名称的列' })).toContainText('请在列映射中指定哪一列是项目名称');
  await expect(review).toHaveCount(0);
  await meaning(page, '重点任务').selectOption({ label: '项目名称' });
  await expect(review).toContainText('1 个类别，2 个项目');
  await shot(page, 'import-mapping');
  await review.getByRole('button', { name: '确认导入' }).click();

  await expect(page.locator('[data-project]')).toHaveCount(2);
  await page.getByRole('link', { name: '新建社区食堂 12 家' }).click();
  const detail = page.locator('article.detail');
  const field = (name) => detail.locator('dl.fields > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd');
  await expect(field('牵头单位分管领导')).toHaveText('王小明');
  await expect(field('分管市领导')).toHaveText('');
  await expect(page.getByRole('region', { name: '清单中的其他列' })).toContainText('资金来源');
  await expect(page.getByRole('region', { name: '清单中的其他列' })).toContainText('区财政');
  // Due 9月底 with no plan text: one final milestone, and the warning says why.
  await expect(detail.locator('section.warnings')).toContainText('清单没有工作计划');

  // The same header next time: the corrected mapping is offered.
  await page.getByRole('button', { name: '导入清单' }).click();
  await page.getByRole('textbox', { name: '粘贴清单' }).fill(OTHER.replace('区民政局', '区民政局 '));
  await expect(meaning(page, '责任领导')).toHaveValue('lead_unit_leader');
  expect(problems).toEqual([]);
});

test('an Excel workbook opens directly: the list sheet is chosen, merged cells and an indicator table read', async ({ page }) => {
  const problems = watchPage(page);
  await openImport(page);
  const book = xlsx([
    { name: '填表说明', rows: [['填表说明：每个项目一行，指标另起一行']] },
    {
      name: '2025年',
      rows: [
        ['2025 年某区民生实事项目清单'],
        ['类别', '项目名称', '指标名称', '上年实际值', '目标值', '计量单位', '牵头单位', '完成时限', '工作计划'],
        ['一老一小', '新建助餐点', '助餐点', '80', '20', '个', '区民政局', '10月底', '6月底前建成 10 个；10月底前全面完成。'],
        ['', '', '覆盖社区', '', '60', '个', '', '', ''],
        ['', '托育服务', '普惠托位', '', '稳中有升', '', '区卫健局', '12月底', '12月底前完成。'],
      ],
      merges: ['A3:A5', 'B3:B4', 'G3:G4', 'H3:H4', 'I3:I4'],
    },
  ]);
  await page.getByLabel('打开表格文件').setInputFiles({ name: '清单.xlsx', mimeType: XLSX_TYPE, buffer: book });
  const sheet = page.getByRole('combobox', { name: '工作表' });
  await expect(sheet).toHaveValue('1');
  await expect(sheet.locator('option')).toHaveText(['填表说明', '2025年']);
  await expect(meaning(page, '上年实际值')).toHaveValue('baseline');
  const review = page.getByRole('region', { name: '导入预览' });
  await expect(review).toContainText('1 个类别，2 个项目');
  await expect(review).toContainText('2025 年某区民生实事项目清单');
  await expect(review.getByRole('row', { name: /新建助餐点/ })).toContainText('覆盖社区');
  await expect(review).toContainText('目标值“稳中有升”不是数字，作为定性指标');
  // The notes sheet holds no list.
  await sheet.selectOption({ label: '填表说明' });
  await expect(page.getByRole('alert').filter({ hasText: '没有可作为项目名称的列' })).toBeVisible();
  await sheet.selectOption({ label: '2025年' });
  await review.getByRole('button', { name: '确认导入' }).click();
  await expect(page.locator('[data-project]')).toHaveCount(2);
  await page.getByRole('link', { name: '新建助餐点' }).click();
  const indicators = page.locator('section.panel').filter({ has: page.getByRole('heading', { name: '指标与目标' }) });
  await expect(indicators).toContainText('覆盖社区');
  await expect(indicators).toContainText('基线值：80');
  expect(problems).toEqual([]);
});

test('a Word document opens directly; files that are no list say why and change nothing', async ({ page }) => {
  const problems = watchPage(page);
  await openImport(page);
  const input = page.getByLabel('打开表格文件');
  // One list loaded: no list chooser yet.
  const chooser = page.getByRole('combobox', { name: '当前清单' });
  await expect(chooser).toHaveCount(0);

  await input.setInputFiles({ name: '空.xlsx', mimeType: XLSX_TYPE, buffer: xlsx([{ name: 'Sheet1', rows: [] }]) });
  await expect(page.getByRole('alert').filter({ hasText: '空.xlsx: 这是一个 Excel 文件，但没有表格。' })).toBeVisible();
  await input.setInputFiles({ name: '通知.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
  await expect(page.getByRole('alert').filter({ hasText: 'PDF 文件中的表格无法读取' })).toBeVisible();
  await input.setInputFiles({ name: '坏.docx', mimeType: DOCX_TYPE, buffer: Buffer.from('PK\x03\x04 cut short') });
  await expect(page.getByRole('alert').filter({ hasText: '这个 Word 文件已损坏或不完整' })).toBeVisible();
  await expect(chooser).toHaveCount(0);

  const doc = docx(['附件', '2025 年某县民生实事项目清单'], [
    ['序号', '实事项目', '责任单位', '协同单位', '时间节点'],
    ['1', '新建口袋公园 30 个', '县园林局', '县财政局、各乡镇', '10月底'],
  ]);
  await input.setInputFiles({ name: '通知.docx', mimeType: DOCX_TYPE, buffer: doc });
  const review = page.getByRole('region', { name: '导入预览' });
  await expect(review).toContainText('1 个类别，1 个项目');
  await expect(meaning(page, '协同单位')).toHaveValue('co_units');
  await review.getByRole('button', { name: '确认导入' }).click();
  await expect(page.locator('[data-project]')).toHaveCount(1);
  await expect(chooser.locator('option')).toHaveCount(2);
  await page.getByRole('link', { name: '新建口袋公园 30 个' }).click();
  await expect(page.locator('article.detail')).toContainText('县财政局');
  expect(problems).toEqual([]);
});

// The office reader is a worker module fetched on first use (src/bin/office_reader.rs). One that cannot
// be fetched fails the file at once with a message, and the page goes back to what it showed; once it can,
// the next file reads. No service worker here, so nothing is served from its cache.
test.describe('office reader unreachable', () => {
  test.use({ serviceWorkers: 'block' });
  test('a file opened while the reader cannot be fetched gets a message at once; opened again later, it reads', async ({ page }) => {
    await openImport(page);
    let blocked = true;
    await page.route('**/office_reader*', (route) => (blocked ? route.abort() : route.continue()));
    const book = xlsx([{ name: '清单', rows: [['2025 年某区民生实事项目清单'], ['类别', '项目名称', '牵头单位', '完成时限'], ['一老一小', '新建助餐点', '区民政局', '10月底']] }]);
    const input = page.getByLabel('打开表格文件');
    await input.setInputFiles({ name: '清单.xlsx', mimeType: XLSX_TYPE, buffer: book });
    // Well before the 20 s the page would wait for a module that started but never answered.
    await expect(page.getByRole('alert').filter({ hasText: '此功能的模块未能运行' })).toBeVisible({ timeout: 8_000 });
    await expect(page.getByText('正在读取文件…')).toHaveCount(0);
    await expect(page.getByRole('region', { name: '导入预览' })).toHaveCount(0);
    blocked = false;
    await input.setInputFiles({ name: '清单（重试）.xlsx', mimeType: XLSX_TYPE, buffer: book });
    await expect(page.getByRole('region', { name: '导入预览' })).toContainText('1 个项目');
  });
});

// Issue 38: hostile files. A workbook whose one far cell claims a sheet of 17 billion cells and a
// document that inflates to 2 GB are refused by name with what was too big; the page keeps working and
// the next good file opens. A reader that dies on a file blames the file, and the next file gets a
// fresh reader.
const LIST_BOOK = () => xlsx([{ name: '清单', rows: [['2025 年某区民生实事项目清单'], ['类别', '项目名称', '牵头单位', '完成时限'], ['一老一小', '新建助餐点', '区民政局', '10月底']] }]);

/** A .docx whose document.xml inflates to 2 GB of spaces from about 2 MB: a megabyte deflated with a
 * full flush is a byte-aligned run of blocks, repeated. */
function twoGigabyteDocx() {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const open = Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>');
  const mb = zlib.deflateRawSync(Buffer.alloc(1 << 20, 32), flush);
  const data = Buffer.concat([zlib.deflateRawSync(open, flush), ...Array(2048).fill(mb), zlib.deflateRawSync(Buffer.alloc(0))]);
  // The CRC is left at zero: a reader that checks it has inflated the whole entry, which must never happen.
  return zipEntries([
    { name: '[Content_Types].xml', method: 0, data: Buffer.from('<Types/>'), size: 8, crc: zlib.crc32(Buffer.from('<Types/>')) },
    { name: 'word/document.xml', method: 8, data, size: 2 ** 31, crc: 0 },
  ]);
}

/** A workbook with the list's header and one cell at XFD1048576. */
function farCellXlsx() {
  const files = {};
  const book = LIST_BOOK();
  // The list's own workbook, its sheet given one far cell.
  const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`;
  for (const [name, content] of readStoredZip(book)) files[name] = name === 'xl/worksheets/sheet1.xml' ? sheet : content;
  return zip(files);
}

/** The entries of a zip written by `zip` (stored): [name, text]. */
function readStoredZip(buf) {
  const out = [];
  let at = 0;
  while (buf.readUInt32LE(at) === 0x04034b50) {
    const size = buf.readUInt32LE(at + 18);
    const nameLength = buf.readUInt16LE(at + 26);
    const name = buf.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    out.push([name, buf.subarray(at + 30 + nameLength, at + 30 + nameLength + size).toString('utf8')]);
    at += 30 + nameLength + size;
  }
  return out;
}

test.describe('hostile files', () => {
  test.use({ serviceWorkers: 'block' });

  test('a far-cell workbook and a 2 GB-inflating document are refused by name; the page works on and the next file opens', async ({ page }) => {
    const problems = watchPage(page);
    await openImport(page);
    const input = page.getByLabel('打开表格文件');
    await input.setInputFiles({ name: '远端单元格.xlsx', mimeType: XLSX_TYPE, buffer: farCellXlsx() });
    await expect(page.getByRole('alert').filter({ hasText: '远端单元格.xlsx: 工作表“清单”超过 100,000 行（内容一直到第 1,048,576 行），可能不是责任清单。' })).toBeVisible();
    await input.setInputFiles({ name: '清单.docx', mimeType: DOCX_TYPE, buffer: twoGigabyteDocx() });
    await expect(page.getByRole('alert').filter({ hasText: '清单.docx: 这个 Word 文件中的“word/document.xml”解压后超过 64 MB，不像是责任清单，已停止读取。' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: '此功能的模块未能运行' })).toHaveCount(0);
    // The page answers: the next good file reads and imports.
    await input.setInputFiles({ name: '好清单.xlsx', mimeType: XLSX_TYPE, buffer: LIST_BOOK() });
    const review = page.getByRole('region', { name: '导入预览' });
    await expect(review).toContainText('1 个项目');
    await review.getByRole('button', { name: '确认导入' }).click();
    await expect(page.getByRole('link', { name: '新建助餐点' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('a reader that dies on a file names the file, not the network; the next file gets a fresh reader', async ({ page }) => {
    await openImport(page);
    // A reader that starts, says it is ready, and traps on the job, as a wasm module out of memory does.
    let dying = true;
    await page.route('**/office_reader_loader.js', (route) => (dying
      ? route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => { throw new WebAssembly.RuntimeError("unreachable"); }; self.postMessage({ ready: true });' })
      : route.continue()));
    const input = page.getByLabel('打开表格文件');
    await input.setInputFiles({ name: '坏清单.xlsx', mimeType: XLSX_TYPE, buffer: LIST_BOOK() });
    await expect(page.getByRole('alert').filter({ hasText: '坏清单.xlsx: 读取这个文件时出错，文件可能已损坏或不是责任清单' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: '此功能的模块未能运行' })).toHaveCount(0);
    dying = false;
    await input.setInputFiles({ name: '清单.xlsx', mimeType: XLSX_TYPE, buffer: LIST_BOOK() });
    await expect(page.getByRole('region', { name: '导入预览' })).toContainText('1 个项目');
  });
});

// Issue 36: a list with no column named for the project has it guessed from its cells, and the
// mapping says why; the list's progress columns are offered as a progress file, never applied.
test('the project column is guessed from its cells and says why; progress columns are offered as a file, not applied', async ({ page }) => {
  const problems = watchPage(page);
  await openImport(page);
  const list = [
    '2025年某镇民生实事',
    '编号\t工程\t责任单位\t配合单位\t时限\t进展情况',
    '1\t镇区道路提升改造5公里\t镇建设办\t镇财政所\t10月底\t已完成3公里',
    '2\t新建农村公厕8座\t镇农业办\t各村\t9月底\t',
    '3\t建设便民服务中心1个\t镇党政办\t镇财政所\t12月底\t进展顺利',
  ].join('\n');
  await page.getByRole('textbox', { name: '粘贴清单' }).fill(list);
  const mapping = page.getByRole('region', { name: '列映射' });
  await expect(meaning(page, '工程')).toHaveValue('name');
  await expect(mapping.getByRole('row', { name: /工程/ })).toContainText('按内容推测');
  await expect(mapping.getByRole('row', { name: /责任单位/ })).toContainText('表头是此字段的常用名称');
  // A progress column is kept verbatim, never a plan or a target.
  await expect(meaning(page, '进展情况')).toHaveValue('keep');
  await expect(mapping.getByRole('row', { name: /进展情况/ })).toContainText('进展列');
  const review = page.getByRole('region', { name: '导入预览' });
  await expect(review).toContainText('3 个项目');
  const offers = review.getByRole('region', { name: '清单中已有的进展' });
  await expect(offers).toContainText('清单的进展列给出了 1 项进度');
  await expect(offers).toContainText('镇区道路提升改造5公里：进展情况“已完成3公里” → 3公里');
  const [download] = await Promise.all([page.waitForEvent('download'), offers.getByRole('button', { name: '下载进度文件' }).click()]);
  const file = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
  expect(file.format).toBe('minsheng-progress');
  expect(file.entries.map((e) => [e.unit, e.value, e.note])).toEqual([['镇建设办', 3, '进展情况：已完成3公里']]);
  await review.getByRole('button', { name: '确认导入' }).click();
  await expect(page.locator('[data-project]')).toHaveCount(3);
  // Nothing was applied: the list's project has no reported value until the file is merged.
  await page.getByRole('link', { name: '镇区道路提升改造5公里' }).click();
  await expect(page.getByRole('region', { name: '清单中的其他列' })).toContainText('已完成3公里');
  await expect(page.locator('article.detail')).not.toContainText('进展情况：已完成3公里');
  expect(problems).toEqual([]);
});
