// Native tests sort as they like: the one-routine rule (clippy.toml) is about the wasm.
#![allow(clippy::disallowed_methods)]

use super::*;
use crate::domain::delimited::{read_records, Delimiter, Record};
use crate::domain::import::{import_list, import_sheet};
use crate::domain::table::{guess, Column, Role};
use std::io::{Cursor, Write};

const SEED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hangzhou-2024.txt"));

fn seed_rows() -> Vec<Record> {
    read_records(SEED, Delimiter::Tab)
}

/// Rows where a category's 序号 and 类别 cells are merged down over its projects, as in the
/// original document: (first row, last row) index pairs into `rows`.
fn category_runs(rows: &[Record]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let is_project = |r: &Record| r.cells.len() == 9 && r.cells[0].trim() != "序号";
        if is_project(&rows[i]) && !rows[i].cells[1].trim().is_empty() {
            let mut j = i;
            while j + 1 < rows.len() && is_project(&rows[j + 1]) && rows[j + 1].cells[1].trim().is_empty() {
                j += 1;
            }
            runs.push((i, j));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    runs
}

/// The 2024 list as the office's workbook: every row of the text, categories merged down.
fn seed_xlsx() -> Vec<u8> {
    let rows = seed_rows();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("2024年清单").unwrap();
    for (r, record) in rows.iter().enumerate() {
        for (c, cell) in record.cells.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    let plain = rust_xlsxwriter::Format::new();
    for (first, last) in category_runs(&rows) {
        if last > first {
            for c in 0..2u16 {
                sheet.merge_range(first as u32, c, last as u32, c, rows[first].cells[c as usize].as_str(), &plain).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn docx(body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn paragraph(text: &str) -> String {
    // Runs split the text as Word does; line breaks inside a cell are w:br.
    let runs: Vec<String> = text.split('\n').map(|l| format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(l))).collect();
    format!("<w:p>{}</w:p>", runs.join("<w:r><w:br/></w:r>"))
}

/// The 2024 list as the official document: the title paragraphs, then the table split in two at
/// a page break, 序号 and 类别 merged down (w:vMerge) and the header repeated.
fn seed_docx() -> Vec<u8> {
    let rows = seed_rows();
    let runs = category_runs(&rows);
    let merged_into = |i: usize| runs.iter().find(|(f, l)| i > *f && i <= *l).is_some();
    let starts = |i: usize| runs.iter().any(|(f, l)| i == *f && l > f);
    let mut body = String::new();
    let mut in_table = false;
    let split_at = rows.len() / 2;
    for (i, record) in rows.iter().enumerate() {
        if record.cells.len() < 9 {
            if in_table {
                body.push_str("</w:tbl>");
                in_table = false;
            }
            body.push_str(&paragraph(record.cells.first().map_or("", |c| c.trim())));
            continue;
        }
        if in_table && i == split_at {
            // A page break between two tables of the same width: one table for the reader.
            body.push_str("</w:tbl><w:tbl>");
        }
        if !in_table {
            body.push_str("<w:tbl>");
            in_table = true;
        }
        body.push_str("<w:tr>");
        for (c, cell) in record.cells.iter().enumerate() {
            let props = if c < 2 && starts(i) {
                "<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>"
            } else if c < 2 && merged_into(i) {
                "<w:tcPr><w:vMerge/></w:tcPr>"
            } else {
                ""
            };
            let text = if c < 2 && merged_into(i) { "" } else { cell.trim() };
            body.push_str(&format!("<w:tc>{props}{}</w:tc>", paragraph(text)));
        }
        body.push_str("</w:tr>");
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    docx(&body)
}

fn plan_of(sheet: &Sheet) -> crate::domain::plan::Plan {
    let mapping = guess(sheet).expect("a header");
    let imported = import_sheet(sheet, &mapping, None).expect("the list reads");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    imported.plan
}

#[test]
fn the_2024_list_as_a_workbook_reads_to_the_same_plan() {
    let bytes = seed_xlsx();
    assert_eq!(sniff(&bytes), Format::Zip);
    let sheets = read_office("清单.xlsx", &bytes).unwrap();
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].name, "2024年清单");
    assert_eq!(plan_of(&sheets[0]), import_list(SEED, None).unwrap().plan);
}

#[test]
fn the_2024_list_as_a_word_document_reads_to_the_same_plan() {
    let sheets = read_office("通知.docx", &seed_docx()).unwrap();
    assert_eq!(sheets.len(), 1, "the two tables are one");
    assert_eq!(plan_of(&sheets[0]), import_list(SEED, None).unwrap().plan);
}

#[test]
fn merged_cells_in_an_indicator_workbook() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let empty = book.add_worksheet();
    empty.set_name("说明").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("指标").unwrap();
    let rows: [[&str; 6]; 4] = [
        ["项目名称", "指标名称", "上年实际值", "目标值", "计量单位", "牵头单位"],
        ["新建口袋公园", "口袋公园", "", "30", "个", "市园林局"],
        ["", "绿道", "", "50", "公里", ""],
        ["稳定就业", "城镇调查失业率", "5.1%", "稳中有降", "", "市人社局"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32 + 2, c as u16 + 1, *cell).unwrap();
            }
        }
    }
    let plain = rust_xlsxwriter::Format::new();
    sheet.merge_range(3, 1, 4, 1, "新建口袋公园", &plain).unwrap();
    sheet.merge_range(3, 6, 4, 6, "市园林局", &plain).unwrap();
    sheet.write_string(0, 1, "2025年民生实事指标表").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 11, 30).unwrap();
    sheet.write_datetime_with_format(3, 7, &date, &rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd")).unwrap();
    sheet.write_string(2, 7, "完成时间").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let sheets = read_office("指标.xlsx", &bytes).unwrap();
    assert_eq!(sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), vec!["指标"], "empty sheets are not offered");
    let sheet = &sheets[0];
    // Row numbers are the workbook's, merged cells hold their text on every row.
    assert_eq!(sheet.rows[0], Record { line: 1, cells: vec!["2025年民生实事指标表".into(), "".into(), "".into(), "".into(), "".into(), "".into(), "".into()] });
    assert_eq!(sheet.rows[3].cells[0], "新建口袋公园");
    assert_eq!(sheet.rows[2].cells[6], "2025年11月30日");
    let mapping = guess(sheet).unwrap();
    assert_eq!(mapping.column_of(Column::Due), Some(6));
    let plan = import_sheet(sheet, &mapping, None).unwrap().plan;
    assert_eq!(plan.year, 2025);
    assert_eq!(plan.projects.len(), 2);
    let parks = &plan.projects[0];
    assert_eq!(parks.indicators.iter().map(|i| (i.name.as_str(), i.target, i.unit.as_str())).collect::<Vec<_>>(), vec![("口袋公园", Some(30.0), "个"), ("绿道", Some(50.0), "公里")]);
    assert_eq!(parks.due, crate::domain::date::Date::new(2025, 11, 30));
    let jobs = &plan.projects[1];
    assert_eq!(jobs.indicators[0].baseline.as_deref(), Some("5.1%"));
    assert_eq!(jobs.indicators[0].target, None);
    assert!(mapping.columns.iter().all(|c| c.role != Role::Keep), "{mapping:?}");
}

#[test]
fn word_tables_with_spans_and_paragraph_documents() {
    // A header cell spanning two columns and a cell merged down.
    let body = format!(
        "{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}</w:tc><w:tc>{}</w:tc></w:tr>\
         <w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>{}</w:tc><w:tc>{}</w:tc><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>\
         <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>{}</w:tc><w:tc>{}</w:tc><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        paragraph("2025年区民生实事项目"),
        paragraph("类别"),
        paragraph("项目"),
        paragraph("牵头单位"),
        paragraph("一老一小"),
        paragraph("新增托位 200 个"),
        paragraph("A&B"),
        paragraph("区卫健局"),
        paragraph(""),
        paragraph("新增助餐点 10 个"),
        paragraph("第二行\n换行"),
        paragraph("区民政局"),
    );
    let sheets = read_office("a.docx", &docx(&body)).unwrap();
    let rows: Vec<Vec<String>> = sheets[0].rows.iter().map(|r| r.cells.clone()).collect();
    assert_eq!(rows[0], vec!["2025年区民生实事项目"]);
    assert_eq!(rows[1], vec!["类别", "项目", "项目", "牵头单位"]);
    assert_eq!(rows[2], vec!["一老一小", "新增托位 200 个", "A&B", "区卫健局"]);
    assert_eq!(rows[3], vec!["一老一小", "新增助餐点 10 个", "第二行\n换行", "区民政局"]);

    let text = ["2025年某县民生实事项目", "一、新建幼儿园 2 所", "牵头单位：县教育局", "完成时限：9月底", "二、新增助餐点 10 个", "牵头单位：县民政局"];
    let body: String = text.iter().map(|t| paragraph(t)).collect();
    let sheets = read_office("b.docx", &docx(&body)).unwrap();
    let plan = import_sheet(&sheets[0], &guess(&sheets[0]).unwrap(), None).unwrap().plan;
    assert_eq!(plan.projects.iter().map(|p| (p.name.as_str(), p.lead_unit.as_str())).collect::<Vec<_>>(), vec![("新建幼儿园 2 所", "县教育局"), ("新增助餐点 10 个", "县民政局")]);
}

#[test]
fn files_that_are_no_list_say_why() {
    let ole = |stream: &str| {
        let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        b.extend([0u8; 64]);
        b.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        b.extend([0u8; 64]);
        b
    };
    assert_eq!(read_office("清单.xlsx", &ole("EncryptedPackage")), Err(SourceError::Encrypted { kind: Kind::Excel }));
    assert_eq!(read_office("通知.docx", &ole("EncryptedPackage")), Err(SourceError::Encrypted { kind: Kind::Word }));
    assert_eq!(read_office("通知.doc", &ole("WordDocument")), Err(SourceError::OldWord));
    assert!(matches!(read_office("旧.xls", &ole("Workbook")), Err(SourceError::Corrupt { kind: Kind::Excel, .. })));
    assert_eq!(read_office("a.pdf", b"%PDF-1.7\n..."), Err(SourceError::Pdf));
    assert!(matches!(read_office("坏.xlsx", b"PK\x03\x04 this is not a zip"), Err(SourceError::Corrupt { kind: Kind::Excel, .. })));
    // A workbook cut short.
    let whole = seed_xlsx();
    assert!(matches!(read_office("半.xlsx", &whole[..whole.len() / 2]), Err(SourceError::Corrupt { .. })));

    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet();
    assert_eq!(read_office("空.xlsx", &book.save_to_buffer().unwrap()), Err(SourceError::NoTable { kind: Kind::Excel }));
    assert_eq!(read_office("文.docx", &docx(&paragraph("关于印发某文件的通知"))), Err(SourceError::NoTable { kind: Kind::Word }));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(b"hello").unwrap();
    assert_eq!(read_office("x.zip", &zip.finish().unwrap().into_inner()), Err(SourceError::Unknown));
    assert_eq!(sniff("序号\t项目名称".as_bytes()), Format::Text);
}
