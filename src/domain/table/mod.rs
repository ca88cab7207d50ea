//! The responsibility-list table (责任清单): a sheet of cells (pasted text, a saved .txt/.csv, a sheet
//! of a workbook, the table of a Word document, or paragraphs turned into rows) read with a mapping of
//! its columns into projects, categories and every cell verbatim.
//!
//! Structure only: which row is the header, which rows are projects, which category each belongs to,
//! which rows add indicators to the project above. The 2024 document repeats its header where pages
//! break, writes 序号 and 类别 only on a category's first row, and may continue a category after a
//! repeated header; other lists put categories on heading rows ("一、养老服务") and indicators on
//! continuation rows. Reading never panics: what it cannot use becomes a [`TableProblem`] with the
//! line number, and only a sheet with no usable table is an error.
//!
//! Invariant: structure only; what a cell means is `semantics/`; file formats are `office/`.

pub mod columns;
pub mod paragraphs;

use super::delimited::{read_records, Delimiter, Record};
use super::text::normalize;
pub use columns::{guess_row, guess_row_with_basis, header_key, is_progress_header, parse_map_arg, Basis, Column, MapError, MappedColumn, Mapping, Role};
use serde::{Deserialize, Serialize};

/// Cells in rows, as read from a file: every source of a list becomes one (or several, for a workbook).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    /// The sheet's name in its workbook; empty for pasted text.
    pub name: String,
    pub rows: Vec<Record>,
}

/// One indicator row of an indicator table (指标名称, 基线值, 目标值, 计量单位), verbatim.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawIndicator {
    pub line: usize,
    pub name: String,
    pub target: String,
    pub unit: String,
    pub baseline: String,
}

impl RawIndicator {
    fn is_empty(&self) -> bool {
        self.name.is_empty() && self.target.is_empty() && self.unit.is_empty() && self.baseline.is_empty()
    }
}

/// A project row with every cell verbatim (trimmed of surrounding whitespace only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawProject {
    pub line: usize,
    pub category_index: usize,
    pub name: String,
    pub city_leader: String,
    pub lead_unit: String,
    pub lead_unit_leader: String,
    pub co_units: String,
    pub due: String,
    pub plan_text: String,
    /// From an indicator table: the project's row and its continuation rows.
    pub indicators: Vec<RawIndicator>,
    /// Columns that are no field, under their headers, when the cell is not empty.
    pub extras: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawCategory {
    pub no: Option<u32>,
    pub name: String,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListTable {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub categories: Vec<RawCategory>,
    pub projects: Vec<RawProject>,
    pub problems: Vec<TableProblem>,
    /// The fields the list has columns for.
    pub fields: Vec<Column>,
}

impl ListTable {
    pub fn has(&self, field: Column) -> bool {
        self.fields.contains(&field)
    }
}

/// Something in the table that could not be used as it stands; reported, never silent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableProblem {
    ShortRow { line: usize, found: usize, expected: usize },
    ExtraCells { line: usize, found: usize, expected: usize },
    MissingField { line: usize, column: Column },
    NoCategory { line: usize },
    SeqMismatch { line: usize, category: String, first: u32, now: u32 },
    NotANumber { line: usize, text: String },
    /// A row with neither 序号 nor a unit, read as part of the project above (its text added to the plan).
    Continuation { line: usize, project: String },
    /// One unit column holding several units: the first leads, the others cooperate.
    UnitsSplit { line: usize, lead: String, co_units: String },
}

/// The file cannot be read as a responsibility list at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    NotText,
    Empty,
    /// The header has `columns` columns and none of them is (or was mapped to) the project's name.
    NoNameColumn { columns: usize },
    NoProjects,
    /// No row is a header and the cells are mostly numbers: a data export, not a list.
    MostlyNumbers,
}

/// Decodes bytes from a file: UTF-8 (with or without BOM) or UTF-16 with BOM, as Excel's "Unicode text" is.
pub fn decode_text(bytes: &[u8]) -> Result<String, TableError> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).map_err(|_| TableError::NotText)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).map_err(|_| TableError::NotText)?
    } else {
        String::from_utf8(bytes.to_vec()).map_err(|_| TableError::NotText)?
    };
    if text.contains('\0') {
        return Err(TableError::NotText);
    }
    Ok(text.trim_start_matches('\u{FEFF}').to_string())
}

/// The first four-digit year between 1900 and 2199 in a text ("2024 年市政府…" → 2024).
pub fn find_year(text: &str) -> Option<i32> {
    let t = normalize(text);
    let bytes = t.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let window = &bytes[i..i + 4];
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after_ok = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        if before_ok && after_ok && window.iter().all(u8::is_ascii_digit) {
            let year: i32 = t[i..i + 4].parse().ok()?;
            if (1900..2200).contains(&year) {
                return Some(year);
            }
        }
        i += 1;
    }
    None
}

fn parse_seq(text: &str) -> Option<u32> {
    let t = normalize(text);
    let t = t.trim_end_matches(['.', '、']);
    t.parse().ok().or_else(|| super::text::chinese_numeral_value(t))
}

/// Whether a row is a header: it names the project column and another field, or its project column
/// has one of the project column's own names ("重点任务" over a one-column list).
fn is_header(cells: &[String]) -> bool {
    let roles = guess_row(cells);
    let Some(name) = roles.iter().position(|r| *r == Role::Field(Column::Name)) else { return false };
    roles.iter().filter(|r| matches!(r, Role::Field(_))).count() >= 2 || columns::is_name_of(&cells[name], Column::Name)
}

/// Whether a sheet has a header row that names the project column (a workbook's list sheet, not its
/// notes).
pub fn has_header(sheet: &Sheet) -> bool {
    sheet.rows.iter().any(|r| is_header(&r.cells))
}

/// A sheet from pasted or saved text: delimited rows, or paragraphs when no row is a header and
/// the text is written as numbered headings with "字段：值" lines.
pub fn text_sheet(text: &str) -> Result<Sheet, TableError> {
    if text.trim().is_empty() {
        return Err(TableError::Empty);
    }
    let rows = read_records(text, Delimiter::detect(text));
    if !rows.iter().any(|r| is_header(&r.cells)) {
        if let Some(sheet) = paragraphs::paragraph_sheet(text) {
            return Ok(sheet);
        }
    }
    Ok(Sheet { name: String::new(), rows })
}

/// Whether most cells of a sheet's first thousand rows are numbers ("1", "2,350", "12.5%").
fn mostly_numbers(sheet: &Sheet) -> bool {
    let (mut numbers, mut filled) = (0usize, 0usize);
    for cell in sheet.rows.iter().take(1000).flat_map(|r| r.cells.iter()).map(|c| c.trim()).filter(|c| !c.is_empty()) {
        filled += 1;
        let bare: String = cell.chars().filter(|c| !matches!(c, ',' | '%' | ' ')).collect();
        if bare.parse::<f64>().is_ok() {
            numbers += 1;
        }
    }
    filled > 0 && numbers * 5 >= filled * 4
}

/// The mapping [`guess`] suggests, or why a sheet offers none.
pub fn guess_or_why(sheet: &Sheet) -> Result<Mapping, TableError> {
    guess(sheet).ok_or_else(|| if mostly_numbers(sheet) { TableError::MostlyNumbers } else { TableError::Empty })
}

/// The mapping a sheet's header suggests: the first row that is a header, or (when none is) the row
/// among the first twenty that names the most fields and has the most cells, for the user to map.
/// A sheet of numbers without a header suggests none: its columns would be named "1", "2"….
pub fn guess(sheet: &Sheet) -> Option<Mapping> {
    let header_row = sheet.rows.iter().position(|r| is_header(&r.cells)).or_else(|| {
        if mostly_numbers(sheet) {
            return None;
        }
        let candidates = sheet.rows.iter().enumerate().filter(|(_, r)| !r.is_blank()).take(20);
        let score = |r: &Record| {
            let fields = guess_row(&r.cells).iter().filter(|x| matches!(x, Role::Field(_))).count();
            (fields, r.cells.iter().filter(|c| !c.trim().is_empty()).count())
        };
        let best = candidates.clone().map(|(_, r)| score(r)).max()?;
        candidates.filter(|(_, r)| score(r) == best).map(|(i, _)| i).next()
    })?;
    let header = &sheet.rows[header_row].cells;
    let width = sheet.rows[header_row..]
        .iter()
        .map(|r| r.cells.iter().rposition(|c| !c.trim().is_empty()).map_or(0, |i| i + 1))
        .max()
        .unwrap_or(0)
        .max(header.iter().rposition(|c| !c.trim().is_empty()).map_or(0, |i| i + 1));
    let mut cells: Vec<String> = header.iter().take(width).map(|c| c.trim().to_string()).collect();
    cells.resize(width, String::new());
    let roles = guess_row_with_basis(&cells);
    let mut mapping = Mapping {
        header_row,
        columns: cells.into_iter().zip(roles).map(|(header, (role, basis))| MappedColumn { header, role, basis }).collect(),
    };
    name_by_content(sheet, &mut mapping);
    Some(mapping)
}

/// What a column's cells look like over the data rows (at most the first 200).
struct ColumnShape {
    /// Share of rows with a cell.
    filled: f64,
    /// Share of those cells that differ from every other.
    distinct: f64,
    /// Mean characters of those cells.
    length: f64,
    numbers: f64,
}

fn shape(sheet: &Sheet, header_row: usize, column: usize) -> ColumnShape {
    let rows: Vec<&Record> = sheet.rows.iter().skip(header_row + 1).filter(|r| !r.is_blank() && category_heading(&r.cells).is_none()).take(200).collect();
    let cells: Vec<&str> = rows.iter().filter_map(|r| r.cells.get(column)).map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    let n = cells.len().max(1) as f64;
    let mut seen: Vec<&str> = cells.clone();
    super::order::sort_by(&mut seen, |a, b| a.cmp(b));
    seen.dedup();
    let numbers = cells.iter().filter(|c| c.chars().filter(|c| !matches!(c, ',' | '%' | ' ')).collect::<String>().parse::<f64>().is_ok()).count();
    ColumnShape {
        filled: cells.len() as f64 / rows.len().max(1) as f64,
        distinct: seen.len() as f64 / n,
        length: cells.iter().map(|c| c.chars().count()).sum::<usize>() as f64 / n,
        numbers: numbers as f64 / n,
    }
}

/// Corrects the header's guess of the project column by what the columns hold. Two columns named for
/// the project (重点任务 beside 标志性成果): the shorter texts are the project and the longer its plan.
/// No column named for it: the column whose cells look like names — on nearly every row, different on
/// every row, short, not figures — is the project, for the mapping step to confirm. A list is never
/// refused for want of a column called 项目名称 when one holds the projects.
fn name_by_content(sheet: &Sheet, mapping: &mut Mapping) {
    let header_row = mapping.header_row;
    let named_too: Vec<usize> = mapping
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.role == Role::Keep && columns::is_name_of(&c.header, Column::Name))
        .map(|(i, _)| i)
        .collect();
    if let (Some(name), Some(&other)) = (mapping.column_of(Column::Name), named_too.first()) {
        let (a, b) = (shape(sheet, header_row, name), shape(sheet, header_row, other));
        if b.filled >= 0.8 && a.filled >= 0.8 {
            let (short, long) = if b.length < a.length { (other, name) } else { (name, other) };
            mapping.columns[short].role = Role::Field(Column::Name);
            mapping.columns[short].basis = columns::Basis::Length;
            mapping.columns[long].role = if mapping.has(Column::PlanText) { Role::Keep } else { Role::Field(Column::PlanText) };
            mapping.columns[long].basis = columns::Basis::Length;
        }
    }
    // Only a sheet whose header names some field (a unit, a date…) is a list to look for names in.
    if mapping.has(Column::Name) || !mapping.columns.iter().any(|c| matches!(c.role, Role::Field(_))) {
        return;
    }
    let best = mapping
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.role == Role::Keep || (c.role == Role::Ignore && c.header.is_empty()))
        .filter(|(_, c)| c.basis != columns::Basis::Progress)
        .map(|(i, _)| (i, shape(sheet, header_row, i)))
        .filter(|(_, s)| s.filled >= 0.8 && s.distinct >= 0.9 && s.numbers < 0.2 && (2.0..=80.0).contains(&s.length))
        // The most distinct, then the shortest: names are shorter than the sentences of a plan.
        .max_by(|(_, a), (_, b)| (a.distinct, -a.length).partial_cmp(&(b.distinct, -b.length)).unwrap_or(std::cmp::Ordering::Equal));
    if let Some((i, _)) = best {
        mapping.columns[i].role = Role::Field(Column::Name);
        mapping.columns[i].basis = columns::Basis::Content;
    }
}

/// The title above the header: the first cell naming a list, a year or 民生实事.
fn title_above(rows: &[Record]) -> Option<String> {
    rows.iter()
        .flat_map(|r| r.cells.iter())
        .map(|c| c.trim())
        .find(|c| c.contains("清单") || c.contains("民生实事") || find_year(c).is_some())
        .map(str::to_string)
}

/// A heading row inside the table ("一、养老服务" alone on its row, or across merged cells): the
/// category's number and name.
fn category_heading(cells: &[String]) -> Option<(Option<u32>, String)> {
    let mut filled = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let first = filled.next()?;
    if filled.any(|c| c != first) {
        return None;
    }
    let chars: Vec<char> = first.chars().collect();
    let numeral = |c: &char| "零〇一二三四五六七八九十两".contains(*c);
    let n = chars.iter().take_while(|c| numeral(c)).count();
    let (no, rest) = if n > 0 && matches!(chars.get(n), Some('、' | '.' | '．')) {
        (super::text::chinese_numeral_value(&chars[..n].iter().collect::<String>()), chars[n + 1..].iter().collect::<String>())
    } else if matches!(chars.first(), Some('（' | '(')) {
        let m = chars[1..].iter().take_while(|c| numeral(c)).count();
        if m == 0 || !matches!(chars.get(m + 1), Some('）' | ')')) {
            return None;
        }
        (super::text::chinese_numeral_value(&chars[1..=m].iter().collect::<String>()), chars[m + 2..].iter().collect::<String>())
    } else {
        return None;
    };
    let name = rest.trim().to_string();
    (!name.is_empty()).then_some((no, name))
}

/// Reads `sheet` with `mapping`: the projects below its header.
pub fn read_sheet(sheet: &Sheet, mapping: &Mapping) -> Result<ListTable, TableError> {
    if !mapping.has(Column::Name) {
        return Err(TableError::NoNameColumn { columns: mapping.columns.iter().filter(|c| !c.header.is_empty()).count() });
    }
    let header_index = mapping.header_row.min(sheet.rows.len());
    let title = title_above(&sheet.rows[..header_index]);
    let year = title.as_deref().and_then(find_year);
    let header_keys: Vec<String> = mapping.columns.iter().map(|c| header_key(&c.header)).collect();
    let indicator_table = [Column::IndicatorName, Column::Target, Column::Unit, Column::Baseline].iter().any(|c| mapping.has(*c));
    let fields: Vec<Column> = Column::ALL.into_iter().filter(|c| mapping.has(*c)).collect();

    let mut map = mapping.clone();
    let mut table = ListTable { title, year, categories: Vec::new(), projects: Vec::new(), problems: Vec::new(), fields };
    let mut current: Option<usize> = None;

    for record in sheet.rows.iter().skip(header_index + 1) {
        if record.is_blank() {
            continue;
        }
        let keys: Vec<String> = record.cells.iter().map(|c| header_key(c)).collect();
        if keys.iter().take(header_keys.len()).eq(header_keys.iter()) {
            // The header repeated where a page breaks.
            continue;
        }
        if columns::fields_named(&record.cells) >= 5 && is_header(&record.cells) {
            // A repeated header (page break) may reorder columns in a hand-made file; follow it.
            let roles = guess_row_with_basis(&record.cells);
            map.columns = record.cells.iter().zip(roles).map(|(h, (role, basis))| MappedColumn { header: h.trim().to_string(), role, basis }).collect();
            continue;
        }
        if let Some((no, name)) = category_heading(&record.cells) {
            current = Some(enter_category(&mut table, &name, no, record.line));
            continue;
        }
        let cell = |field: Column| map.column_of(field).and_then(|i| record.cells.get(i)).map_or("", |s| s.trim());
        let expected = map.columns.iter().rposition(|c| c.role != Role::Ignore).map_or(0, |i| i + 1);
        let found = record.cells.len();
        if found < expected {
            table.problems.push(TableProblem::ShortRow { line: record.line, found, expected });
        } else if found > map.columns.len() && record.cells[map.columns.len()..].iter().any(|c| !c.trim().is_empty()) {
            table.problems.push(TableProblem::ExtraCells { line: record.line, found, expected: map.columns.len() });
        }

        let seq_text = cell(Column::Seq);
        let category_text = cell(Column::Category);
        let seq = if seq_text.is_empty() || !map.has(Column::Category) {
            None
        } else {
            let parsed = parse_seq(seq_text);
            if parsed.is_none() {
                table.problems.push(TableProblem::NotANumber { line: record.line, text: seq_text.to_string() });
            }
            parsed
        };
        if !category_text.is_empty() {
            current = Some(enter_category(&mut table, category_text, seq, record.line));
        }

        let name = cell(Column::Name);
        let indicator = RawIndicator {
            line: record.line,
            name: cell(Column::IndicatorName).to_string(),
            target: cell(Column::Target).to_string(),
            unit: cell(Column::Unit).to_string(),
            baseline: cell(Column::Baseline).to_string(),
        };
        if indicator_table && !indicator.is_empty() {
            // A continuation row of the project above (its other cells empty, or repeated where the
            // original's merged cells were expanded).
            if let Some(last) = table.projects.last_mut().filter(|p| name.is_empty() || p.name == name) {
                last.indicators.push(indicator);
                continue;
            }
        }
        // A row with neither 序号 nor a unit under a project continues it (a sub-item, or its plan
        // running on); one with its own unit is a project of the same category (as in 2024).
        let continues = map.has(Column::Seq) && map.has(Column::LeadUnit) && seq_text.is_empty() && category_text.is_empty() && cell(Column::LeadUnit).is_empty();
        if let Some(last) = table.projects.last_mut().filter(|p| continues && Some(p.category_index) == current) {
            let text: Vec<&str> = [cell(Column::Name), cell(Column::PlanText)].into_iter().filter(|t| !t.is_empty()).collect();
            if !text.is_empty() {
                if !last.plan_text.is_empty() {
                    last.plan_text.push('\n');
                }
                last.plan_text.push_str(&text.join("\n"));
                table.problems.push(TableProblem::Continuation { line: record.line, project: last.name.clone() });
                continue;
            }
        }
        if name.is_empty() {
            table.problems.push(TableProblem::MissingField { line: record.line, column: Column::Name });
            continue;
        }
        for column in [Column::LeadUnit, Column::Due, Column::PlanText] {
            if map.has(column) && cell(column).is_empty() {
                table.problems.push(TableProblem::MissingField { line: record.line, column });
            }
        }
        let category_index = match current {
            Some(i) => i,
            None => {
                if map.has(Column::Category) {
                    table.problems.push(TableProblem::NoCategory { line: record.line });
                }
                let i = enter_category(&mut table, UNCATEGORISED, None, record.line);
                current = Some(i);
                i
            }
        };
        let extras = map
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.role == Role::Keep)
            .filter_map(|(i, c)| record.cells.get(i).map(|v| (c.header.clone(), v.trim().to_string())))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        table.projects.push(RawProject {
            line: record.line,
            category_index,
            name: name.to_string(),
            city_leader: cell(Column::CityLeader).to_string(),
            lead_unit: cell(Column::LeadUnit).to_string(),
            lead_unit_leader: cell(Column::LeadUnitLeader).to_string(),
            co_units: cell(Column::CoUnits).to_string(),
            due: cell(Column::Due).to_string(),
            plan_text: cell(Column::PlanText).to_string(),
            indicators: if indicator.is_empty() { Vec::new() } else { vec![indicator] },
            extras,
        });
    }

    if table.projects.is_empty() {
        return Err(TableError::NoProjects);
    }
    Ok(table)
}

/// The category of projects in a list without categories (or before the first).
pub const UNCATEGORISED: &str = "（未分类）";

/// Reads pasted or saved text with the guessed mapping.
pub fn read_table(text: &str) -> Result<ListTable, TableError> {
    let sheet = text_sheet(text)?;
    let mapping = guess_or_why(&sheet)?;
    read_sheet(&sheet, &mapping)
}

/// Makes `name` the current category: an existing one with the same name continues (the document
/// repeats 序号 and 类别 after a page break), otherwise a new one is added.
fn enter_category(table: &mut ListTable, name: &str, seq: Option<u32>, line: usize) -> usize {
    let key = normalize(name);
    if let Some(i) = table.categories.iter().position(|c| normalize(&c.name) == key) {
        if let (Some(first), Some(now)) = (table.categories[i].no, seq) {
            if first != now {
                table.problems.push(TableProblem::SeqMismatch { line, category: name.to_string(), first, now });
            }
        }
        return i;
    }
    table.categories.push(RawCategory { no: seq, name: name.to_string(), line });
    table.categories.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排";

    #[test]
    fn continuation_rows_and_repeated_headers() {
        let text = format!(
            "2025 年民生实事项目责任清单\n\n{HEADER}\n1\t甲类\t项目一\t张三\t市A局\t李四\t市B局\t11月底\t3月底前完成。\n\t\t项目二\t张三\t市A局\t李四\t\t9月底\t9月底前完成。\n\n{HEADER}\n1\t甲类\t项目三\t王五\t市C局\t赵六\t\t11月底\t11月底前完成。\n2\t乙类\t项目四\t王五\t市C局\t赵六\t\t11月底\t11月底前完成。\n"
        );
        let t = read_table(&text).unwrap();
        assert_eq!(t.year, Some(2025));
        assert_eq!(t.categories.len(), 2);
        assert_eq!(t.projects.iter().map(|p| p.category_index).collect::<Vec<_>>(), vec![0, 0, 0, 1]);
        assert_eq!(t.projects[1].name, "项目二");
        assert_eq!(t.projects[1].co_units, "");
        assert!(t.problems.is_empty(), "{:?}", t.problems);
    }

    #[test]
    fn a_sheet_of_numbers_without_a_header_is_said_to_be_one_not_offered_for_mapping() {
        let numbers: String = (1..=50).map(|r| (1..=6).map(|c| (r * c).to_string()).collect::<Vec<_>>().join("\t") + "\n").collect();
        assert_eq!(read_table(&numbers), Err(TableError::MostlyNumbers));
        let sheet = text_sheet(&numbers).unwrap();
        assert_eq!(guess(&sheet), None);
        assert_eq!(guess_or_why(&sheet), Err(TableError::MostlyNumbers));
        // Figures with separators and percents are numbers too; a few words among them do not
        // make a header.
        let figures = "1,200\t35%\t2.5\n甲\t3\t4\n5\t6\t7\n".repeat(3);
        assert_eq!(read_table(&figures), Err(TableError::MostlyNumbers));
        // A header over figures is a list's header; text without a header is for the user to map.
        let with_header = format!("项目名称\t牵头单位\t目标\n{numbers}");
        assert!(guess(&text_sheet(&with_header).unwrap()).is_some());
        assert_eq!(guess_or_why(&text_sheet("甲\t乙\n丙\t丁").unwrap()).map(|m| m.header_row), Ok(0));
        assert_eq!(guess_or_why(&Sheet { name: String::new(), rows: Vec::new() }), Err(TableError::Empty));
    }

    #[test]
    fn problems_carry_line_numbers() {
        let text = format!("{HEADER}\n\t\t项目一\t张三\t市A局\t李四\t\t11月底\t计划\n1\t甲类\t\t张三\t市A局\n");
        let t = read_table(&text).unwrap();
        assert_eq!(t.projects.len(), 1);
        assert!(t.problems.contains(&TableProblem::NoCategory { line: 2 }));
        assert!(t.problems.contains(&TableProblem::ShortRow { line: 3, found: 5, expected: 9 }));
        assert!(t.problems.contains(&TableProblem::MissingField { line: 3, column: Column::Name }));
    }

    #[test]
    fn fatal_errors() {
        assert_eq!(read_table("  \n"), Err(TableError::Empty));
        assert_eq!(read_table("hello\tworld\tagain\n1\t2\t3"), Err(TableError::NoNameColumn { columns: 3 }));
        assert_eq!(read_table("序号\t类别\t分管市领导\t牵头单位\n1\t甲\t张三\t市A局\n"), Err(TableError::NoNameColumn { columns: 4 }));
        assert_eq!(read_table(&format!("{HEADER}\n\n")), Err(TableError::NoProjects));
        assert_eq!(decode_text(&[0x00, 0x9F, 0x92]), Err(TableError::NotText));
        assert_eq!(decode_text(b"a\0b"), Err(TableError::NotText));
    }

    #[test]
    fn only_the_name_column_is_needed() {
        let t = read_table("重点任务\n新建口袋公园30个\n改造农贸市场8家\n").unwrap();
        assert_eq!(t.projects.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["新建口袋公园30个", "改造农贸市场8家"]);
        assert_eq!(t.categories, vec![RawCategory { no: None, name: UNCATEGORISED.into(), line: 2 }]);
        assert!(t.problems.is_empty(), "no category column is no problem: {:?}", t.problems);
        assert_eq!(t.fields, vec![Column::Name]);
    }

    #[test]
    fn other_names_kept_columns_and_heading_rows() {
        let text = "某区2025年民生实事项目\n序号\t实事项目\t责任单位\t协同单位\t完成时限\t备注\n一、养老服务\t\t\t\t\t\n1\t新增助餐点10个\t区民政局\t区财政局\t12月底\t续建\n二、教育\n2\t新建幼儿园3所\t区教育局\t\t9月底\t\n";
        let t = read_table(text).unwrap();
        assert_eq!(t.year, Some(2025));
        assert_eq!(t.categories.iter().map(|c| (c.no, c.name.as_str())).collect::<Vec<_>>(), vec![(Some(1), "养老服务"), (Some(2), "教育")]);
        assert_eq!(t.projects[0].lead_unit, "区民政局");
        assert_eq!(t.projects[0].co_units, "区财政局");
        assert_eq!(t.projects[0].due, "12月底");
        assert_eq!(t.projects[0].extras, vec![("备注".to_string(), "续建".to_string())]);
        assert!(t.projects[1].extras.is_empty());
        assert_eq!(t.projects[1].category_index, 1);
        assert!(!t.has(Column::PlanText));
        assert!(t.problems.is_empty(), "{:?}", t.problems);
    }

    #[test]
    fn indicator_tables_with_continuation_rows() {
        let text = "项目名称\t指标名称\t上年实际值\t目标值\t计量单位\t牵头单位\n提升城乡居民收入\t城镇居民人均可支配收入增长\t5.1%\t与经济增长同步\t\t市发改委\n\t农村居民人均可支配收入\t4.2\t4.5\t万元\t\n新建口袋公园\t口袋公园\t\t30\t个\t市园林局\n新建口袋公园\t绿道\t\t50\t公里\t市园林局\n";
        let t = read_table(text).unwrap();
        assert_eq!(t.projects.len(), 2);
        let income = &t.projects[0];
        assert_eq!(income.indicators.len(), 2);
        assert_eq!(income.indicators[1], RawIndicator { line: 3, name: "农村居民人均可支配收入".into(), target: "4.5".into(), unit: "万元".into(), baseline: "4.2".into() });
        // Merged cells expanded repeat the project's name: still one project.
        assert_eq!(t.projects[1].indicators.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), vec!["口袋公园", "绿道"]);
        assert!(t.problems.is_empty(), "{:?}", t.problems);
    }

    #[test]
    fn a_chosen_mapping_is_followed() {
        let sheet = text_sheet("项目\t单位\t负责人\n新建驿站\t市总工会\t王五\n").unwrap();
        let mut m = guess(&sheet).unwrap();
        assert_eq!(m.roles(), vec![Role::Field(Column::Name), Role::Field(Column::LeadUnit), Role::Keep]);
        m.set(2, Role::Field(Column::LeadUnitLeader));
        let t = read_sheet(&sheet, &m).unwrap();
        assert_eq!(t.projects[0].lead_unit_leader, "王五");
        m.set(0, Role::Ignore);
        assert_eq!(read_sheet(&sheet, &m), Err(TableError::NoNameColumn { columns: 3 }));
    }

    #[test]
    fn paragraph_form() {
        let text = "2025年某县民生实事项目清单\n\n一、养老服务\n1. 新增老年助餐点 20 个\n牵头单位：县民政局\n配合单位：县财政局、各乡镇\n完成时限：2025年11月底\n工作计划：6月底前建成 10 个；\n11月底前全面完成。\n2. 改造适老化家庭 300 户\n牵头单位：县民政局\n二、教育\n3. 新建幼儿园 2 所\n牵头单位：县教育局\n备注：续建项目\n";
        let sheet = text_sheet(text).unwrap();
        let t = read_table(text).unwrap();
        assert_eq!(t.title.as_deref(), Some("2025年某县民生实事项目清单"));
        assert_eq!(t.categories.iter().map(|c| (c.no, c.name.as_str())).collect::<Vec<_>>(), vec![(Some(1), "养老服务"), (Some(2), "教育")]);
        assert_eq!(t.projects.len(), 3, "{sheet:?}");
        let first = &t.projects[0];
        assert_eq!(first.name, "新增老年助餐点 20 个");
        assert_eq!(first.co_units, "县财政局、各乡镇");
        assert_eq!(first.due, "2025年11月底");
        assert_eq!(first.plan_text, "6月底前建成 10 个；11月底前全面完成。");
        assert_eq!(first.line, 4);
        assert_eq!(t.projects[2].category_index, 1);
        assert_eq!(t.projects[2].extras, vec![("备注".to_string(), "续建项目".to_string())]);
        // Paragraphs without field lines are no list.
        assert_eq!(read_table("一、总体要求\n坚持以人民为中心。\n二、基本原则\n"), Err(TableError::NoNameColumn { columns: 1 }));
    }

    #[test]
    fn utf16_and_csv() {
        let csv = "序号,类别,项目名称,分管市领导,牵头单位,牵头单位分管领导,配合单位,预计完成时间,工作计划和进度安排\n1,甲类,项目一,张三,市A局,李四,\"市B局,市C局\",11月底,计划\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in csv.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let text = decode_text(&bytes).unwrap();
        let t = read_table(&text).unwrap();
        assert_eq!(t.projects[0].co_units, "市B局,市C局");
    }

    #[test]
    fn years() {
        assert_eq!(find_year("2024 年市政府民生实事项目责任清单"), Some(2024));
        assert_eq!(find_year("附件 1"), None);
        assert_eq!(find_year("１２０２４"), None);
    }
}
