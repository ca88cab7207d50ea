#![cfg(not(target_arch = "wasm32"))]
//! Hostile files, written here (never committed as binaries), each refused by the office readers with
//! its message in the user's words, within a bounded peak of memory (a counting allocator in this
//! process measures what `read_office`, the reader `import-list` and the page's worker share,
//! allocates). The time each takes is printed.

use flate2::{Compress, Compression, Crc, FlushCompress};
use minsheng::domain::messages::{source_error, Lang};
use minsheng::domain::office::read_office;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Counts the bytes allocated now and the most at any moment since the last reset.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: usize = 1 << 20;

/// The tests of this file one at a time: the peak is the whole process's.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

// ---- zip files made byte by byte (names, methods and offsets no writer would produce) ----

struct Entry {
    name: String,
    /// 0 stored, 8 deflated.
    method: u16,
    data: Vec<u8>,
    crc: u32,
    size: u32,
}

fn stored(name: &str, body: &[u8]) -> Entry {
    let mut crc = Crc::new();
    crc.update(body);
    Entry { name: name.into(), method: 0, data: body.to_vec(), crc: crc.sum(), size: body.len() as u32 }
}

/// `body` deflated (raw deflate, as in zip).
fn deflated(name: &str, body: &[u8]) -> Entry {
    let mut c = Compress::new(Compression::fast(), false);
    let mut out = Vec::with_capacity(body.len() / 4 + 1024);
    c.compress_vec(body, &mut out, FlushCompress::Finish).unwrap();
    while c.total_in() < body.len() as u64 || out.len() == out.capacity() {
        out.reserve(out.capacity());
        let done = c.total_in() as usize;
        c.compress_vec(&body[done..], &mut out, FlushCompress::Finish).unwrap();
    }
    let mut crc = Crc::new();
    crc.update(body);
    Entry { name: name.into(), method: 8, data: out, crc: crc.sum(), size: body.len() as u32 }
}

/// `prefix` then `times` MiB of spaces, deflated without ever holding them: one MiB deflated with
/// a full flush is a byte-aligned run of blocks that can be repeated. Its CRC is left at zero: a
/// reader that checks it has read the whole entry, which is what must never happen.
fn spaces_bomb(name: &str, prefix: &[u8], times: usize) -> Entry {
    let block = |input: &[u8], flush| {
        let mut c = Compress::new(Compression::best(), false);
        let mut out = Vec::with_capacity(input.len() + 1024);
        c.compress_vec(input, &mut out, flush).unwrap();
        out
    };
    let mut data = block(prefix, FlushCompress::Full);
    let spaces = block(&vec![b' '; MB], FlushCompress::Full);
    for _ in 0..times {
        data.extend_from_slice(&spaces);
    }
    data.extend_from_slice(&block(&[], FlushCompress::Finish));
    let size = (prefix.len() + times * MB).min(u32::MAX as usize) as u32;
    Entry { name: name.into(), method: 8, data, crc: 0, size }
}

/// A zip of `entries`; `alias` adds central-directory records that point at an earlier entry's
/// local header: (new name, index of the entry it shares).
fn zip_bytes(entries: &[Entry], alias: &[(&str, usize)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for e in entries {
        offsets.push(out.len() as u32);
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 0, 0]);
        out.extend_from_slice(&e.method.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0x21, 0]);
        out.extend_from_slice(&e.crc.to_le_bytes());
        out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
        out.extend_from_slice(&e.size.to_le_bytes());
        out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);
    }
    let directory_start = out.len() as u32;
    let records: Vec<(&str, usize)> = entries.iter().enumerate().map(|(i, e)| (e.name.as_str(), i)).chain(alias.iter().copied()).collect();
    for (name, i) in &records {
        let e = &entries[*i];
        out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 20, 0, 0, 0]);
        out.extend_from_slice(&e.method.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0x21, 0]);
        out.extend_from_slice(&e.crc.to_le_bytes());
        out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
        out.extend_from_slice(&e.size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0; 12]);
        out.extend_from_slice(&offsets[*i].to_le_bytes());
        out.extend_from_slice(name.as_bytes());
    }
    let directory_size = out.len() as u32 - directory_start;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(records.len() as u16).to_le_bytes());
    out.extend_from_slice(&(records.len() as u16).to_le_bytes());
    out.extend_from_slice(&directory_size.to_le_bytes());
    out.extend_from_slice(&directory_start.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

const DOCUMENT_OPEN: &str =
    r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

fn docx_parts(document: Entry) -> Vec<Entry> {
    vec![
        stored("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
        document,
    ]
}

/// A workbook with one sheet, its cells given as `<row>` XML, and optional shared strings.
fn xlsx_parts(sheet: Entry, shared_strings: Option<Entry>) -> Vec<Entry> {
    let mut parts = vec![
        stored("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
        stored("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        stored("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        stored("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        sheet,
    ];
    parts.extend(shared_strings);
    parts
}

fn sheet_xml(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// A workbook written by rust_xlsxwriter with the list's header and one cell at (row, column).
fn workbook_with_far_cell(row: u32, column: u16) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["项目名称", "牵头单位"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "新建口袋公园30个").unwrap();
    sheet.write_string(row, column, "x").unwrap();
    book.save_to_buffer().unwrap()
}

// ---- OLE compound files (.xls, encrypted .xlsx) ----

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// A version 3 compound file: header, the allocation table in sector 0, the directory in sector 1
/// (the root entry and one stream `stream` starting at sector 2), and `next` entries set in the
/// allocation table: (sector, next sector).
fn ole_file(stream: &str, next: &[(u32, u32)]) -> Vec<u8> {
    let mut b = vec![0u8; 512 * 5];
    b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    b[24] = 0x3E;
    b[26] = 3;
    b[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    b[30] = 9;
    b[32] = 6;
    b[44..48].copy_from_slice(&1u32.to_le_bytes());
    b[48..52].copy_from_slice(&1u32.to_le_bytes());
    b[56..60].copy_from_slice(&4096u32.to_le_bytes());
    b[60..64].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
    b[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
    for i in 1..109 {
        b[76 + 4 * i..80 + 4 * i].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    let mut set = |id: u32, value: u32| {
        let at = 512 + 4 * id as usize;
        b[at..at + 4].copy_from_slice(&value.to_le_bytes());
    };
    for id in 0..128 {
        set(id, 0xFFFF_FFFF);
    }
    set(0, 0xFFFF_FFFD);
    set(1, END_OF_CHAIN);
    for &(id, to) in next {
        set(id, to);
    }
    let mut entry = |at: usize, name: &str, kind: u8, start: u32, len: u32| {
        let name: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (i, unit) in name.iter().enumerate() {
            b[at + 2 * i..at + 2 * i + 2].copy_from_slice(&unit.to_le_bytes());
        }
        b[at + 64..at + 66].copy_from_slice(&(2 * name.len() as u16).to_le_bytes());
        b[at + 66] = kind;
        b[at + 116..at + 120].copy_from_slice(&start.to_le_bytes());
        b[at + 120..at + 124].copy_from_slice(&len.to_le_bytes());
    };
    entry(1024, "Root Entry", 5, END_OF_CHAIN, 0);
    entry(1024 + 128, stream, 2, 2, 1 << 30);
    b
}

/// Reads `bytes` as the file `name`; the message in Chinese, the time taken and the peak of memory
/// allocated meanwhile.
fn refuse(name: &str, bytes: &[u8]) -> (String, f64, usize) {
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    let read = read_office(name, bytes);
    let seconds = start.elapsed().as_secs_f64();
    let peak = PEAK.load(Ordering::Relaxed) - base;
    match read {
        Ok(sheets) => panic!("{name} was read: {} sheets", sheets.len()),
        Err(e) => (source_error(&e, Lang::Zh), seconds, peak),
    }
}

fn numbers_sheet(rows: usize, columns: usize) -> String {
    let mut xml = String::with_capacity(rows * columns * 12);
    for r in 1..=rows {
        xml.push_str("<row>");
        for c in 0..columns {
            xml.push_str("<c><v>");
            xml.push_str(&(r * c).to_string());
            xml.push_str("</v></c>");
        }
        xml.push_str("</row>");
    }
    sheet_xml(&xml)
}

/// Every hostile file: (file name, bytes, the message expected). Made in one place so that the
/// fuzz target's seeds and this test read the same files.
fn corpus() -> Vec<(&'static str, Vec<u8>, String)> {
    let mut files: Vec<(&'static str, Vec<u8>, String)> = Vec::new();
    let doc = |body: &str| zip_bytes(&docx_parts(deflated("word/document.xml", format!("{DOCUMENT_OPEN}{body}").as_bytes())), &[]);

    files.push((
        "远端单元格.xlsx",
        workbook_with_far_cell(1_048_575, 16_383),
        "工作表“Sheet1”超过 100,000 行（内容一直到第 1,048,576 行），可能不是责任清单。请删除多余的行后再打开。".into(),
    ));
    files.push(("远端列.xlsx", workbook_with_far_cell(2, 16_383), "工作表“Sheet1”超过 1,000 列，可能不是责任清单。请删除多余的列后再打开。".into()));
    files.push((
        "稀疏.xlsx",
        workbook_with_far_cell(9_999, 899),
        "工作表“Sheet1”的内容分布在 10,000 行 × 900 列，超过 2,000,000 个单元格，可能不是责任清单。".into(),
    ));
    files.push((
        "大表.xlsx",
        zip_bytes(&xlsx_parts(deflated("xl/worksheets/sheet1.xml", numbers_sheet(20_000, 60).as_bytes()), None), &[]),
        "工作表“Sheet1”有内容的单元格超过 1,000,000 个，可能不是责任清单。".into(),
    ));
    let strings = format!(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}</sst>"#,
        "<si><t>x</t></si>".repeat(1_000_001)
    );
    files.push((
        "文本过多.xlsx",
        zip_bytes(
            &xlsx_parts(
                deflated("xl/worksheets/sheet1.xml", sheet_xml(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#).as_bytes()),
                Some(deflated("xl/sharedStrings.xml", strings.as_bytes())),
            ),
            &[],
        ),
        "这个 Excel 文件的文本条目超过 1,000,000 条，可能不是责任清单。".into(),
    ));
    files.push((
        "清单.docx",
        zip_bytes(&docx_parts(spaces_bomb("word/document.xml", DOCUMENT_OPEN.as_bytes(), 2048)), &[]),
        "这个 Word 文件中的“word/document.xml”解压后超过 64 MB，不像是责任清单，已停止读取。".into(),
    ));
    let sheet_bomb = spaces_bomb("xl/worksheets/sheet1.xml", br#"<?xml version="1.0"?><worksheet>"#, 8);
    files.push((
        "压缩比.xlsx",
        zip_bytes(&xlsx_parts(sheet_bomb, None), &[]),
        "这个 Excel 文件中的“xl/worksheets/sheet1.xml”压缩比超过 200 倍（压缩炸弹的特征），已停止读取。".into(),
    ));
    let many: Vec<Entry> = (0..10_001).map(|i| stored(&format!("word/media/{i}.xml"), b"")).collect();
    files.push(("部件过多.docx", zip_bytes(&many, &[]), "这个 Word 文件包含超过 10,000 个部件，不像是责任清单，已停止读取。".into()));
    let inner = zip_bytes(&docx_parts(spaces_bomb("word/document.xml", DOCUMENT_OPEN.as_bytes(), 512)), &[]);
    let nested: Vec<Entry> = (0..16).map(|i| stored(&format!("{i}.zip"), &inner)).collect();
    files.push(("嵌套.zip", zip_bytes(&nested, &[]), "无法识别这个文件。请打开 .xlsx、.docx、.txt、.tsv 或 .csv 文件，或粘贴表格。".into()));
    files.push((
        "嵌套很深.docx",
        doc(&"<w:p>".repeat(100_000)),
        "这个 Word 文件中的“word/document.xml”嵌套超过 256 层，文件可能已损坏，已停止读取。".into(),
    ));
    let attributes: String = (0..100_000).map(|i| format!(" a{i}=\"1\"")).collect();
    files.push((
        "属性过多.docx",
        doc(&format!("<w:p{attributes}/>")),
        "这个 Word 文件中的“word/document.xml”有元素带超过 256 个属性，文件可能已损坏，已停止读取。".into(),
    ));
    let mut climbing = docx_parts(deflated("word/document.xml", DOCUMENT_OPEN.as_bytes()));
    climbing.push(stored("../../evil.xml", b"<x/>"));
    files.push(("越界路径.docx", zip_bytes(&climbing, &[]), "这个 Word 文件中有指向文件包以外的路径“../../evil.xml”，已拒绝读取。".into()));
    files.push((
        "重叠.docx",
        zip_bytes(
            &docx_parts(deflated("word/document.xml", format!("{DOCUMENT_OPEN}</w:body></w:document>").as_bytes())),
            &[("word/header1.xml", 1)],
        ),
        "这个 Word 文件的部件相互重叠（压缩炸弹的特征），已拒绝读取。".into(),
    ));
    let whole = doc("</w:body></w:document>");
    files.push(("截断.docx", whole[..whole.len() - 30].to_vec(), "这个 Word 文件已损坏或不完整，无法读取（".into()));
    files.push((
        "加密.xlsx",
        ole_file("EncryptedPackage", &[(2, END_OF_CHAIN)]),
        "这个 Excel 文件有密码保护，无法读取。请在 Excel 中取消密码并保存后再打开。".into(),
    ));
    files.push((
        "循环.xls",
        ole_file("Workbook", &[(2, 3), (3, 2)]),
        "这个 Excel 文件已损坏或不完整，无法读取（the stream chain loops back to sector 2）。".into(),
    ));
    files.push((
        "越界扇区.xls",
        ole_file("Workbook", &[(2, 1_000_000)]),
        "这个 Excel 文件已损坏或不完整，无法读取（the stream chain points past its allocation table (sector 1000000)）。".into(),
    ));
    files
}

#[test]
fn every_hostile_file_is_refused_with_its_message_in_bounded_memory() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    for (name, bytes, expected) in corpus() {
        let (message, seconds, peak) = refuse(name, &bytes);
        println!("{name}: {} KB, refused in {seconds:.3} s, peak {:.1} MB: {message}", bytes.len() / 1024, peak as f64 / MB as f64);
        assert!(message.starts_with(&expected), "{name}: {message}\n  expected: {expected}");
        assert!(peak < 256 * MB, "{name}: {peak} bytes at the peak");
    }
}

#[test]
fn a_good_file_reads_after_the_hostile_ones_and_within_the_caps() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Near the caps but within them: 50,000 rows of a list, and a document with a deep but
    // bounded table.
    let mut rows =
        String::from(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c><c r="B1" t="inlineStr"><is><t>牵头单位</t></is></c></row>"#);
    for r in 2..=50_000 {
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>项目{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>市局</t></is></c></row>"#
        ));
    }
    let bytes = zip_bytes(&xlsx_parts(deflated("xl/worksheets/sheet1.xml", sheet_xml(&rows).as_bytes()), None), &[]);
    let sheets = read_office("大清单.xlsx", &bytes).unwrap();
    assert_eq!(sheets[0].rows.len(), 50_000);
    assert_eq!(sheets[0].rows[49_999].cells, vec!["项目50000".to_string(), "市局".to_string()]);

    let nested = format!("{}<w:p><w:r><w:t>深</w:t></w:r></w:p>{}", "<w:sdt><w:sdtContent>".repeat(100), "</w:sdtContent></w:sdt>".repeat(100));
    let doc = zip_bytes(&docx_parts(deflated("word/document.xml", format!("{DOCUMENT_OPEN}{nested}</w:body></w:document>").as_bytes())), &[]);
    // No table and no numbered list: read, and said to hold no table (not refused as hostile).
    assert_eq!(refuse("深.docx", &doc).0, "这是一个 Word 文件，但没有表格。");
}

/// The corpus as files, for the fuzz target's seeds: `HOSTILE_CORPUS_DIR=fuzz/corpus/office_reader
/// cargo test --test hostile_files write_corpus -- --ignored` (`make fuzz` does).
#[test]
#[ignore]
fn write_corpus() {
    let dir = std::env::var("HOSTILE_CORPUS_DIR").expect("HOSTILE_CORPUS_DIR names the folder to write to");
    std::fs::create_dir_all(&dir).unwrap();
    let good = [
        workbook_with_far_cell(3, 2),
        zip_bytes(
            &docx_parts(deflated(
                "word/document.xml",
                format!("{DOCUMENT_OPEN}<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>")
                    .as_bytes(),
            )),
            &[],
        ),
    ];
    for (i, bytes) in good.iter().enumerate() {
        std::fs::write(format!("{dir}/good-{i:02}"), bytes).unwrap();
    }
    // The large ones would slow every fuzz run (the fuzzer finds its way from small seeds); with
    // HOSTILE_CORPUS_ALL set every file is written under its name, to time `import-list` on them.
    let all = std::env::var_os("HOSTILE_CORPUS_ALL").is_some();
    for (i, (name, bytes, _)) in corpus().into_iter().enumerate() {
        if all {
            std::fs::write(format!("{dir}/{name}"), &bytes).unwrap();
        } else if bytes.len() < 256 * 1024 {
            std::fs::write(format!("{dir}/hostile-{i:02}"), &bytes).unwrap();
        }
    }
}
