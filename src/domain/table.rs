//! The responsibility-list table (责任清单) as pasted from the official document.
//!
//! Structure only: which rows are projects, which category each belongs to, and every cell verbatim.
//! The document repeats its header where pages break, writes 序号 and 类别 only on a category's first
//! row, and may continue a category after a repeated header. Reading never panics: what it cannot use
//! becomes a [`TableProblem`] with the line number, and only a file with no usable table is an error.
//!
//! Invariant: structure only; what a cell means is `semantics/`.

use super::delimited::{read_records, Delimiter, Record};
use super::text::normalize;

/// The columns, in the official order, with the header text that names each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Seq,
    Category,
    Name,
    CityLeader,
    LeadUnit,
    LeadUnitLeader,
    CoUnits,
    Due,
    PlanText,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Seq,
        Column::Category,
        Column::Name,
        Column::CityLeader,
        Column::LeadUnit,
        Column::LeadUnitLeader,
        Column::CoUnits,
        Column::Due,
        Column::PlanText,
    ];

    pub fn header(self) -> &'static str {
        match self {
            Column::Seq => "序号",
            Column::Category => "类别",
            Column::Name => "项目名称",
            Column::CityLeader => "分管市领导",
            Column::LeadUnit => "牵头单位",
            Column::LeadUnitLeader => "牵头单位分管领导",
            Column::CoUnits => "配合单位",
            Column::Due => "预计完成时间",
            Column::PlanText => "工作计划和进度安排",
        }
    }

    /// 序号 and 牵头单位分管领导 may be absent from a list; the rest carry the plan.
    pub fn required(self) -> bool {
        !matches!(self, Column::Seq | Column::LeadUnitLeader)
    }

    fn matches(self, cell: &str) -> bool {
        let cell = normalize(cell);
        cell == self.header() || (self == Column::PlanText && cell == "工作计划")
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
}

/// The file cannot be read as a responsibility list at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    NotText,
    Empty,
    NoHeader,
    MissingColumns(Vec<Column>),
    NoProjects,
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

type ColumnMap = Vec<(Column, usize)>;

fn header_map(record: &Record) -> Option<ColumnMap> {
    let mut map = Vec::new();
    for column in Column::ALL {
        if let Some(pos) = record.cells.iter().position(|c| column.matches(c)) {
            map.push((column, pos));
        }
    }
    // A row is a header when it names the project column and at least four others.
    (map.iter().any(|(c, _)| *c == Column::Name) && map.len() >= 5).then_some(map)
}

fn cell<'a>(record: &'a Record, map: &ColumnMap, column: Column) -> &'a str {
    map.iter()
        .find(|(c, _)| *c == column)
        .and_then(|(_, i)| record.cells.get(*i))
        .map(|s| s.trim())
        .unwrap_or("")
}

fn parse_seq(text: &str) -> Option<u32> {
    let t = normalize(text);
    let t = t.trim_end_matches(['.', '、']);
    t.parse().ok().or_else(|| super::text::chinese_numeral_value(t))
}

pub fn read_table(text: &str) -> Result<ListTable, TableError> {
    if text.trim().is_empty() {
        return Err(TableError::Empty);
    }
    let records = read_records(text, Delimiter::detect(text));
    let Some(header_index) = records.iter().position(|r| header_map(r).is_some()) else {
        return Err(TableError::NoHeader);
    };
    let mut map = header_map(&records[header_index]).unwrap_or_default();
    let missing: Vec<Column> =
        Column::ALL.into_iter().filter(|c| c.required() && !map.iter().any(|(m, _)| m == c)).collect();
    if !missing.is_empty() {
        return Err(TableError::MissingColumns(missing));
    }

    let title = records[..header_index]
        .iter()
        .flat_map(|r| r.cells.iter())
        .map(|c| c.trim())
        .find(|c| c.contains("清单") || c.contains("民生实事") || find_year(c).is_some())
        .map(str::to_string);
    let year = title.as_deref().and_then(find_year);

    let mut table = ListTable { title, year, categories: Vec::new(), projects: Vec::new(), problems: Vec::new() };
    let mut current: Option<usize> = None;

    for record in &records[header_index + 1..] {
        if record.is_blank() {
            continue;
        }
        if let Some(m) = header_map(record) {
            // A repeated header (page break) may reorder columns in a hand-made file; follow it.
            map = m;
            continue;
        }
        let expected = map.iter().map(|(_, i)| i + 1).max().unwrap_or(0);
        let found = record.cells.len();
        if found < expected {
            table.problems.push(TableProblem::ShortRow { line: record.line, found, expected });
        } else if found > expected && record.cells[expected..].iter().any(|c| !c.trim().is_empty()) {
            table.problems.push(TableProblem::ExtraCells { line: record.line, found, expected });
        }

        let seq_text = cell(record, &map, Column::Seq);
        let category_text = cell(record, &map, Column::Category);
        let seq = if seq_text.is_empty() {
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

        let name = cell(record, &map, Column::Name);
        let plan_text = cell(record, &map, Column::PlanText);
        let lead_unit = cell(record, &map, Column::LeadUnit);
        if name.is_empty() {
            table.problems.push(TableProblem::MissingField { line: record.line, column: Column::Name });
            continue;
        }
        for column in [Column::LeadUnit, Column::Due, Column::PlanText] {
            if cell(record, &map, column).is_empty() {
                table.problems.push(TableProblem::MissingField { line: record.line, column });
            }
        }
        let category_index = match current {
            Some(i) => i,
            None => {
                table.problems.push(TableProblem::NoCategory { line: record.line });
                let i = enter_category(&mut table, "（未分类）", None, record.line);
                current = Some(i);
                i
            }
        };
        table.projects.push(RawProject {
            line: record.line,
            category_index,
            name: name.to_string(),
            city_leader: cell(record, &map, Column::CityLeader).to_string(),
            lead_unit: lead_unit.to_string(),
            lead_unit_leader: cell(record, &map, Column::LeadUnitLeader).to_string(),
            co_units: cell(record, &map, Column::CoUnits).to_string(),
            due: cell(record, &map, Column::Due).to_string(),
            plan_text: plan_text.to_string(),
        });
    }

    if table.projects.is_empty() {
        return Err(TableError::NoProjects);
    }
    Ok(table)
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
        assert_eq!(read_table("hello\tworld\n1\t2"), Err(TableError::NoHeader));
        assert_eq!(
            read_table("序号\t类别\t项目名称\t分管市领导\t牵头单位\n"),
            Err(TableError::MissingColumns(vec![Column::CoUnits, Column::Due, Column::PlanText]))
        );
        assert_eq!(read_table(&format!("{HEADER}\n\n")), Err(TableError::NoProjects));
        assert_eq!(decode_text(&[0x00, 0x9F, 0x92]), Err(TableError::NotText));
        assert_eq!(decode_text(b"a\0b"), Err(TableError::NotText));
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
