//! Workbooks through calamine: each sheet's used range as rows of text, merged regions expanded.

use super::{Kind, SourceError};
use crate::domain::date::Date;
use crate::domain::delimited::Record;
use crate::domain::table::Sheet;
use calamine::{Data, Dimensions, Range, Reader, Xls, Xlsx};
use std::io::Cursor;

/// A cell as the list's text: numbers without a trailing ".0", dates as "2025年11月30日".
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => crate::domain::plan::format_number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            // Serial days since 1899-12-30 (the 1900 system every current workbook uses).
            let epoch = Date::new(1899, 12, 30).map(Date::to_days).unwrap_or_default();
            Date::from_days(epoch + d.as_f64().floor() as i64)
                .map(|day| format!("{}年{}月{}日", day.year(), day.month(), day.day()))
                .unwrap_or_else(|| d.to_string())
        }
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// The sheet `name` of `range`, with `merged` regions holding their first cell's text throughout.
fn sheet(name: &str, range: &Range<Data>, merged: &[Dimensions]) -> Option<Sheet> {
    let (top, left) = range.start()?;
    let (height, width) = range.get_size();
    let mut grid: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(cell_text).collect()).collect();
    for region in merged {
        let (r0, c0) = region.start;
        let (r1, c1) = region.end;
        let at = |r: u32, c: u32| -> Option<(usize, usize)> {
            let (r, c) = (r.checked_sub(top)? as usize, c.checked_sub(left)? as usize);
            (r < height && c < width).then_some((r, c))
        };
        let Some(value) = at(r0, c0).map(|(r, c)| grid[r][c].clone()) else { continue };
        for r in r0..=r1 {
            for c in c0..=c1 {
                if let Some((r, c)) = at(r, c) {
                    grid[r][c] = value.clone();
                }
            }
        }
    }
    let rows: Vec<Record> = grid
        .into_iter()
        .enumerate()
        .map(|(i, cells)| Record { line: top as usize + i + 1, cells })
        .filter(|r| !r.is_blank())
        .collect();
    (!rows.is_empty()).then(|| Sheet { name: name.to_string(), rows })
}

fn corrupt(e: impl std::fmt::Display) -> SourceError {
    SourceError::Corrupt { kind: Kind::Excel, detail: e.to_string() }
}

pub(super) fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, SourceError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(corrupt)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(corrupt)?;
        let merged = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        sheets.extend(sheet(&name, &range, &merged));
    }
    if sheets.is_empty() {
        return Err(SourceError::NoTable { kind: Kind::Excel });
    }
    Ok(sheets)
}

pub(super) fn read_xls(bytes: &[u8]) -> Result<Vec<Sheet>, SourceError> {
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsError::Password => SourceError::Encrypted { kind: Kind::Excel },
        e => corrupt(e),
    })?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| match e {
            calamine::XlsError::Password => SourceError::Encrypted { kind: Kind::Excel },
            e => corrupt(e),
        })?;
        let merged = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        sheets.extend(sheet(&name, &range, &merged));
    }
    if sheets.is_empty() {
        return Err(SourceError::NoTable { kind: Kind::Excel });
    }
    Ok(sheets)
}
