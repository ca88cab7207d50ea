//! Workbooks through calamine: each sheet's cells as rows of text, merged regions expanded.
//!
//! A sheet is laid out from the cells it holds, never from the `dimension` it claims, and within
//! [`SheetBound`]'s caps: an .xlsx is first inflated whole through the bounded reader
//! (`archive::BoundedZip::check_all`, which also counts the shared strings), then its cells are
//! streamed one by one and counted as they come, so a hostile workbook is refused before it costs
//! memory. An .xls is an OLE file whose sector chains are checked first (`ole::check`); calamine reads
//! its sheets whole, which the format bounds at 65,536 × 256 cells.
//!
//! Invariant: a workbook's cells in, sheets out, within the caps above; knows no column meaning.

use super::{Kind, SheetBound, SourceError};
use crate::domain::archive::{BoundedZip, ZipError};
use crate::domain::date::Date;
use crate::domain::delimited::Record;
use crate::domain::table::Sheet;
use calamine::{Data, Dimensions, Reader, Xls, Xlsx};
use std::io::Cursor;

/// Cells with a value in one sheet: a list of 5,000 rows × 20 columns has 100,000.
pub const MAX_CELLS: usize = 1_000_000;
/// Rows from the first cell with a value to the last; the largest real list has a few thousand.
pub const MAX_ROWS: u32 = 100_000;
/// Columns from the first cell with a value to the last; a list has 5–20.
pub const MAX_COLUMNS: u32 = 1_000;
/// Rows × columns of the grid a sheet is laid out in (24 bytes a cell: 48 MB at most).
pub const MAX_GRID: u64 = 2_000_000;
/// Shared strings of a workbook: at most one per cell of its sheets.
pub const MAX_SHARED_STRINGS: usize = 1_000_000;

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

/// A sheet's cells with a value, counted and bounded as they are added.
#[derive(Default)]
struct Cells {
    name: String,
    cells: Vec<(u32, u32, String)>,
    rows: Option<(u32, u32)>,
    columns: Option<(u32, u32)>,
}

fn widen(span: Option<(u32, u32)>, at: u32) -> (u32, u32) {
    span.map_or((at, at), |(lo, hi)| (lo.min(at), hi.max(at)))
}

fn width((lo, hi): (u32, u32)) -> u32 {
    hi - lo + 1
}

impl Cells {
    fn new(name: &str) -> Cells {
        Cells { name: name.to_string(), ..Cells::default() }
    }

    fn add(&mut self, row: u32, column: u32, text: String) -> Result<(), SheetBound> {
        if text.is_empty() {
            return Ok(());
        }
        let sheet = || self.name.clone();
        if self.cells.len() >= MAX_CELLS {
            return Err(SheetBound::Cells { sheet: sheet(), max: MAX_CELLS });
        }
        let rows = widen(self.rows, row);
        if width(rows) > MAX_ROWS {
            return Err(SheetBound::Rows { sheet: sheet(), max: MAX_ROWS, last: rows.1 + 1 });
        }
        let columns = widen(self.columns, column);
        if width(columns) > MAX_COLUMNS {
            return Err(SheetBound::Columns { sheet: sheet(), max: MAX_COLUMNS });
        }
        if u64::from(width(rows)) * u64::from(width(columns)) > MAX_GRID {
            return Err(SheetBound::Grid { sheet: sheet(), rows: width(rows), columns: width(columns), max: MAX_GRID });
        }
        self.rows = Some(rows);
        self.columns = Some(columns);
        self.cells.push((row, column, text));
        Ok(())
    }

    /// The sheet laid out over the span of its cells, with `merged` regions holding their first
    /// cell's text throughout (the part of each region inside that span).
    fn into_sheet(self, merged: &[Dimensions]) -> Result<Option<Sheet>, SheetBound> {
        let (Some((top, bottom)), Some((left, right))) = (self.rows, self.columns) else {
            return Ok(None);
        };
        let (height, wide) = (width((top, bottom)) as usize, width((left, right)) as usize);
        let mut grid: Vec<Vec<String>> = vec![vec![String::new(); wide]; height];
        for (r, c, text) in self.cells {
            grid[(r - top) as usize][(c - left) as usize] = text;
        }
        // Regions of a real sheet do not overlap, so filling them touches each cell once at most;
        // a file whose regions would touch the grid many times over is refused.
        let mut budget = MAX_GRID;
        for region in merged {
            let (r0, c0) = region.start;
            let (r1, c1) = region.end;
            if r0 < top || r0 > bottom || c0 < left || c0 > right {
                continue;
            }
            let value = grid[(r0 - top) as usize][(c0 - left) as usize].clone();
            let (r1, c1) = (r1.min(bottom), c1.min(right));
            let area = u64::from(r1.saturating_sub(r0) + 1) * u64::from(c1.saturating_sub(c0) + 1);
            budget = budget.checked_sub(area).ok_or_else(|| SheetBound::MergedCells { sheet: self.name.clone() })?;
            for row in &mut grid[(r0 - top) as usize..=(r1 - top) as usize] {
                for cell in &mut row[(c0 - left) as usize..=(c1 - left) as usize] {
                    cell.clone_from(&value);
                }
            }
        }
        let rows: Vec<Record> =
            grid.into_iter().enumerate().map(|(i, cells)| Record { line: top as usize + i + 1, cells }).filter(|r| !r.is_blank()).collect();
        Ok((!rows.is_empty()).then_some(Sheet { name: self.name, rows }))
    }
}

fn corrupt(e: impl std::fmt::Display) -> SourceError {
    SourceError::Corrupt { kind: Kind::Excel, detail: e.to_string() }
}

/// Counts `<si>` elements across the pieces of `xl/sharedStrings.xml` as they are inflated.
#[derive(Default)]
struct StringCount {
    count: usize,
    /// The last three bytes of the piece before, for a tag cut between pieces.
    carry: Vec<u8>,
}

impl StringCount {
    fn feed(&mut self, piece: &[u8]) -> usize {
        let tag = |w: &[u8]| w[..3] == *b"<si" && matches!(w[3], b'>' | b' ' | b'/' | b'\t' | b'\r' | b'\n');
        // A tag cut between pieces: the last three bytes before and the first three of this piece
        // (the piece itself is scanned in place, never copied).
        let mut seam = std::mem::take(&mut self.carry);
        seam.extend_from_slice(&piece[..piece.len().min(3)]);
        self.count += seam.windows(4).filter(|w| tag(w)).count() + piece.windows(4).filter(|w| tag(w)).count();
        let keep = if piece.len() >= 3 { &piece[piece.len() - 3..] } else { &seam[seam.len().saturating_sub(3)..] };
        self.carry = keep.to_vec();
        self.count
    }
}

pub(super) fn read_xlsx(bytes: &[u8], mut zip: BoundedZip<'_>) -> Result<Vec<Sheet>, SourceError> {
    let mut strings = StringCount::default();
    zip.check_all(|name, piece| {
        if name == "xl/sharedStrings.xml" && strings.feed(piece) > MAX_SHARED_STRINGS {
            return Err(ZipError::Stopped);
        }
        Ok(())
    })
    .map_err(|e| match e {
        ZipError::Stopped => SheetBound::SharedStrings { max: MAX_SHARED_STRINGS }.into(),
        e => super::zip_error(e, Kind::Excel),
    })?;
    drop(zip);

    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(corrupt)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let mut cells = Cells::new(&name);
        let mut reader = book.worksheet_cells_reader(&name).map_err(corrupt)?;
        while let Some(cell) = reader.next_cell().map_err(corrupt)? {
            let (row, column) = cell.get_position();
            cells.add(row, column, cell_text(&Data::from(cell.get_value().clone())))?;
        }
        drop(reader);
        let merged = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        sheets.extend(cells.into_sheet(&merged)?);
    }
    if sheets.is_empty() {
        return Err(SourceError::NoTable { kind: Kind::Excel });
    }
    Ok(sheets)
}

pub(super) fn read_xls(bytes: &[u8]) -> Result<Vec<Sheet>, SourceError> {
    super::ole::check(bytes).map_err(|detail| SourceError::Corrupt { kind: Kind::Excel, detail })?;
    let password = |e: calamine::XlsError| match e {
        calamine::XlsError::Password => SourceError::Encrypted { kind: Kind::Excel },
        e => corrupt(e),
    };
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(password)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(password)?;
        let mut cells = Cells::new(&name);
        let (top, left) = range.start().unwrap_or_default();
        for (row, column, data) in range.used_cells() {
            cells.add(top + row as u32, left + column as u32, cell_text(data))?;
        }
        let merged = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        sheets.extend(cells.into_sheet(&merged)?);
    }
    if sheets.is_empty() {
        return Err(SourceError::NoTable { kind: Kind::Excel });
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::StringCount;

    #[test]
    fn shared_strings_are_counted_whatever_the_pieces() {
        let xml = br#"<sst><si><t>a</t></si><si ><t>b</t></si><si/><sig/><si
><t>c</t></si></sst>"#;
        let whole = StringCount::default().feed(xml);
        assert_eq!(whole, 4, "<sig/> is no string");
        for a in 0..xml.len() {
            for b in a..xml.len() {
                let mut n = StringCount::default();
                n.feed(&xml[..a]);
                n.feed(&xml[a..b]);
                assert_eq!(n.feed(&xml[b..]), whole, "cut at {a} and {b}");
            }
        }
    }
}
