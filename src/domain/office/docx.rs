//! Word documents: the tables of `word/document.xml` (zip + quick-xml), horizontally merged cells
//! (`w:gridSpan`) repeated over their columns and vertically merged ones (`w:vMerge`) holding the
//! text of the cell they continue. Tables with the same number of columns in a row are one table
//! broken over pages; the paragraphs just above a table (the title) lead its sheet. A document
//! without tables may be a paragraph-form list.
//!
//! Invariant: reads only through `archive::BoundedZip`; knows no column meaning.

use super::{Kind, SourceError};
use crate::domain::archive::BoundedZip;
use crate::domain::delimited::Record;
use crate::domain::table::{paragraphs::paragraph_sheet, Sheet};
use quick_xml::events::Event;

fn corrupt(e: impl std::fmt::Display) -> SourceError {
    SourceError::Corrupt { kind: Kind::Word, detail: e.to_string() }
}

#[derive(Default)]
struct Cell {
    text: String,
    span: usize,
    /// `Some(true)` starts a vertical merge, `Some(false)` continues one.
    vmerge: Option<bool>,
}

/// What the document holds, in order: paragraphs outside tables and tables (rows of cells).
enum Block {
    Paragraph(String),
    Table(Vec<Vec<String>>),
}

fn attribute(e: &quick_xml::events::BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn entity(e: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if e.is_char_ref() {
        return e.resolve_char_ref().ok().flatten();
    }
    match e.xml10_content().as_ref() {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

fn blocks(xml: &str) -> Result<Vec<Block>, SourceError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<Block> = Vec::new();
    let mut depth = 0usize;
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut paragraph = String::new();
    let mut in_text = false;
    // Vertical merges: the text of the last cell that started one, by grid column.
    let mut above: Vec<String> = Vec::new();
    loop {
        let event = reader.read_event().map_err(corrupt)?;
        let push_text = |s: &str, cell: &mut Option<Cell>, paragraph: &mut String| match cell {
            Some(c) => c.text.push_str(s),
            None => paragraph.push_str(s),
        };
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let start = matches!(event, Event::Start(_));
                match e.local_name().as_ref() {
                    "tbl" if start => {
                        depth += 1;
                        if depth == 1 {
                            table = Vec::new();
                            above.clear();
                        }
                    }
                    "tr" if depth == 1 => row = Vec::new(),
                    "tc" if depth == 1 => cell = Some(Cell { span: 1, ..Cell::default() }),
                    "gridSpan" if depth == 1 => {
                        if let (Some(c), Some(v)) = (cell.as_mut(), attribute(e, "val").and_then(|v| v.parse().ok())) {
                            c.span = usize::clamp(v, 1, 64);
                        }
                    }
                    "vMerge" if depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            c.vmerge = Some(attribute(e, "val").is_some_and(|v| v == "restart"));
                        }
                    }
                    "t" => in_text = start,
                    "tab" => push_text(" ", &mut cell, &mut paragraph),
                    "br" | "cr" => push_text("\n", &mut cell, &mut paragraph),
                    _ => {}
                }
            }
            Event::Text(t) if in_text => push_text(&t.xml10_content(), &mut cell, &mut paragraph),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = entity(&r) {
                    push_text(&c.to_string(), &mut cell, &mut paragraph);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => match cell.as_mut() {
                    Some(c) => c.text.push('\n'),
                    None if depth == 0 => out.push(Block::Paragraph(std::mem::take(&mut paragraph).trim().to_string())),
                    None => {}
                },
                "tc" if depth == 1 => row.extend(cell.take()),
                "tr" if depth == 1 => {
                    let mut cells: Vec<String> = Vec::new();
                    for c in std::mem::take(&mut row) {
                        let mut text = c.text.trim().to_string();
                        for _ in 0..c.span {
                            let col = cells.len();
                            match c.vmerge {
                                Some(false) => text = above.get(col).cloned().unwrap_or_default(),
                                _ => {
                                    if above.len() <= col {
                                        above.resize(col + 1, String::new());
                                    }
                                    above[col] = text.clone();
                                }
                            }
                            cells.push(text.clone());
                        }
                    }
                    table.push(cells);
                }
                "tbl" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        out.push(Block::Table(std::mem::take(&mut table)));
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
}

pub(super) fn read_docx(mut zip: BoundedZip<'_>) -> Result<Vec<Sheet>, SourceError> {
    let xml = zip.read("word/document.xml").map_err(|e| super::zip_error(e, Kind::Word))?.unwrap_or_default();
    let xml = String::from_utf8(xml).map_err(corrupt)?;
    let blocks = blocks(&xml)?;

    let mut sheets: Vec<Sheet> = Vec::new();
    let mut recent: Vec<String> = Vec::new();
    let mut width_of_last: Option<usize> = None;
    let mut line = 0usize;
    for block in &blocks {
        match block {
            Block::Paragraph(p) if !p.is_empty() => {
                recent.push(p.clone());
                if recent.len() > 3 {
                    recent.remove(0);
                }
                width_of_last = None;
            }
            Block::Paragraph(_) => {}
            Block::Table(rows) => {
                let width = rows.iter().map(Vec::len).max().unwrap_or(0);
                let continues = width_of_last == Some(width) && recent.is_empty();
                if !continues {
                    let lead = recent.drain(..).map(|p| {
                        line += 1;
                        Record { line, cells: vec![p] }
                    });
                    sheets.push(Sheet { name: String::new(), rows: lead.collect() });
                }
                recent.clear();
                let sheet = sheets.last_mut().expect("a sheet was just pushed or continues");
                for cells in rows {
                    line += 1;
                    let record = Record { line, cells: cells.clone() };
                    if !record.is_blank() {
                        sheet.rows.push(record);
                    }
                }
                width_of_last = Some(width);
            }
        }
    }
    sheets.retain(|s| s.rows.iter().any(|r| r.cells.len() > 1));
    if sheets.is_empty() {
        // No table: the document may be the list in paragraphs.
        let text: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.as_str()),
                Block::Table(_) => None,
            })
            .collect();
        return paragraph_sheet(&text.join("\n")).map(|s| vec![s]).ok_or(SourceError::NoTable { kind: Kind::Word });
    }
    Ok(sheets)
}
