//! Reading delimited text as pasted from Word or Excel, or saved as .tsv/.csv.
//!
//! Excel quotes a cell that holds the delimiter, a line break or a quote (`"a""b"`); Word pastes plain
//! tab-separated lines. A cell that merely starts with a quote but is not a well-formed quoted cell is
//! read as plain text rather than swallowing the rest of the file.
//!
//! Invariant: records and cells only; knows no column names (that is `table.rs`).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    Tab,
    Comma,
}

impl Delimiter {
    fn as_char(self) -> char {
        match self {
            Delimiter::Tab => '\t',
            Delimiter::Comma => ',',
        }
    }

    /// Tab when any line holds a tab (Word/Excel paste, .tsv), otherwise comma (.csv).
    pub fn detect(text: &str) -> Delimiter {
        if text.contains('\t') {
            Delimiter::Tab
        } else {
            Delimiter::Comma
        }
    }
}

/// One record with the 1-based line number it starts on (a workbook's row number).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Record {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

pub fn read_records(text: &str, delimiter: Delimiter) -> Vec<Record> {
    let delim = delimiter.as_char();
    let chars: Vec<char> = text.trim_start_matches('\u{FEFF}').chars().collect();
    let mut records = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < chars.len() {
        let start_line = line;
        let mut cells = Vec::new();
        loop {
            let (cell, next, lines) = read_cell(&chars, i, delim);
            cells.push(cell);
            line += lines;
            i = next;
            match chars.get(i) {
                Some(c) if *c == delim => i += 1,
                Some('\r') => {
                    i += if chars.get(i + 1) == Some(&'\n') { 2 } else { 1 };
                    line += 1;
                    break;
                }
                Some('\n') => {
                    i += 1;
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        records.push(Record { line: start_line, cells });
    }
    records
}

/// Reads one cell starting at `i`; returns the cell, the index just after it and the line breaks inside it.
fn read_cell(chars: &[char], i: usize, delim: char) -> (String, usize, usize) {
    if chars.get(i) == Some(&'"') {
        if let Some(quoted) = read_quoted(chars, i, delim) {
            return quoted;
        }
    }
    let mut j = i;
    while j < chars.len() && chars[j] != delim && chars[j] != '\n' && chars[j] != '\r' {
        j += 1;
    }
    (chars[i..j].iter().collect(), j, 0)
}

fn read_quoted(chars: &[char], i: usize, delim: char) -> Option<(String, usize, usize)> {
    let mut out = String::new();
    let mut j = i + 1;
    let mut lines = 0;
    while j < chars.len() {
        match chars[j] {
            '"' if chars.get(j + 1) == Some(&'"') => {
                out.push('"');
                j += 2;
            }
            '"' => {
                let after = chars.get(j + 1).copied();
                let ends_cell = matches!(after, None | Some('\n') | Some('\r')) || after == Some(delim);
                return ends_cell.then_some((out, j + 1, lines));
            }
            c => {
                if c == '\n' {
                    lines += 1;
                }
                out.push(c);
                j += 1;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str, d: Delimiter) -> Vec<Vec<String>> {
        read_records(text, d).into_iter().map(|r| r.cells).collect()
    }

    #[test]
    fn tabs_lines_and_crlf() {
        let got = cells("a\tb\r\nc\t\td\n", Delimiter::Tab);
        assert_eq!(got, vec![vec!["a", "b"], vec!["c", "", "d"]]);
    }

    #[test]
    fn excel_quoted_cells_with_breaks_and_quotes() {
        let text = "1\t\"line one\nline \"\"two\"\"\"\tz\n2\tx\ty";
        let recs = read_records(text, Delimiter::Tab);
        assert_eq!(recs[0].cells, vec!["1", "line one\nline \"two\"", "z"]);
        assert_eq!(recs[1].line, 3);
        assert_eq!(recs[1].cells, vec!["2", "x", "y"]);
    }

    #[test]
    fn a_stray_leading_quote_is_plain_text() {
        let got = cells("\"青荷礼包\"发放\tb\nc\td", Delimiter::Tab);
        assert_eq!(got, vec![vec!["\"青荷礼包\"发放", "b"], vec!["c", "d"]]);
    }

    #[test]
    fn unterminated_quote_does_not_swallow_the_file() {
        let got = cells("\"abc\td\ne\tf", Delimiter::Tab);
        assert_eq!(got, vec![vec!["\"abc", "d"], vec!["e", "f"]]);
    }

    #[test]
    fn csv_and_bom() {
        assert_eq!(Delimiter::detect("a,b\nc,d"), Delimiter::Comma);
        let got = cells("\u{FEFF}a,\"b,c\"\n", Delimiter::Comma);
        assert_eq!(got, vec![vec!["a", "b,c"]]);
    }
}
