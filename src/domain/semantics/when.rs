//! Date phrases of the plan text: "3 月底前", "5月18日", "1 月-3 月", "一季度末", "10月中旬", "年底前".
//!
//! Rules (documented in docs/rules.md, "Plan text"):
//! - "N月底(前)", "N月末", "N月份", "N月" → the last day of month N of the plan year.
//! - "N月前" → the literal reading: before month N starts, i.e. the last day of month N−1.
//! - "N月D日(前)" → that day; "N月上旬/中旬/下旬" → the 10th / 20th / last day; "N月初" → the 10th.
//! - "N月-M月" → from the 1st of N to the last day of M.
//! - "第N季度(末)", "N季度末" → the quarter's last day; "上半年" → 6-30; "年底/年末/年内/全年" → 12-31.
//! - An explicit year ("2025年3月底前") overrides the plan year.
//!
//! Invariant: a date phrase and the plan's year in, a date or nothing out; knows no plan.

use crate::domain::date::{days_in_month, Date};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct When {
    pub start: Option<Date>,
    pub due: Date,
    /// Chars of the normalised text the phrase took.
    pub len: usize,
}

/// Leading words that may stand before a date without changing it ("力争3月底前").
const LEADERS: &[&str] = &["力争", "确保", "预计", "计划", "于", "在", "到"];
const TRAILERS: &[&str] = &["之前", "以前", "前", "左右"];

struct Cursor<'a> {
    chars: &'a [char],
    i: usize,
}

impl Cursor<'_> {
    fn eat(&mut self, word: &str) -> bool {
        let n = word.chars().count();
        if self.chars.len() >= self.i + n && word.chars().zip(&self.chars[self.i..]).all(|(a, b)| a == *b) {
            self.i += n;
            true
        } else {
            false
        }
    }

    fn eat_any(&mut self, words: &[&str]) -> bool {
        words.iter().any(|w| self.eat(w))
    }

    fn number(&mut self, max_digits: usize) -> Option<u32> {
        let start = self.i;
        while self.i < self.chars.len() && self.chars[self.i].is_ascii_digit() && self.i - start < max_digits {
            self.i += 1;
        }
        if self.i == start || self.chars.get(self.i).is_some_and(char::is_ascii_digit) {
            self.i = start;
            return None;
        }
        self.chars[start..self.i].iter().collect::<String>().parse().ok()
    }

    fn month(&mut self) -> Option<u8> {
        let save = self.i;
        match self.number(2) {
            Some(m) if (1..=12).contains(&m) && self.eat("月") => {
                self.eat("份");
                Some(m as u8)
            }
            _ => {
                self.i = save;
                None
            }
        }
    }
}

/// Reads a date phrase at the start of `norm` (normalised text) for a plan of `year`.
pub fn parse_when(norm: &str, year: i32) -> Option<When> {
    let chars: Vec<char> = norm.chars().collect();
    let mut c = Cursor { chars: &chars, i: 0 };
    c.eat_any(LEADERS);
    let save = c.i;
    let year = match c.number(4) {
        Some(y) if y >= 1900 && c.chars.get(c.i) == Some(&'年') => {
            // "2024年底前": the 年 belongs to the phrase that follows; "2025年3月": it ends the year.
            if !matches!(c.chars.get(c.i + 1), Some('底' | '末' | '内' | '中' | '终')) {
                c.i += 1;
            }
            y as i32
        }
        _ => {
            c.i = save;
            year
        }
    };
    let (start, due) = whole_year_phrase(&mut c, year).or_else(|| quarter(&mut c, year)).or_else(|| month_phrase(&mut c, year))?;
    c.eat_any(TRAILERS);
    Some(When { start, due, len: c.i })
}

fn whole_year_phrase(c: &mut Cursor, year: i32) -> Option<(Option<Date>, Date)> {
    if c.eat("上半年") || c.eat("年中") {
        return Some((None, Date::month_end(year, 6)?));
    }
    if c.eat_any(&["下半年", "年底", "年末", "年内", "全年", "年终"]) {
        return Some((None, Date::month_end(year, 12)?));
    }
    None
}

fn quarter(c: &mut Cursor, year: i32) -> Option<(Option<Date>, Date)> {
    let save = c.i;
    c.eat("第");
    match c.number(1) {
        Some(q) if (1..=4).contains(&q) && c.eat("季度") => {
            c.eat_any(&["末", "底"]);
            let end_month = (q * 3) as u8;
            Some((Date::new(year, end_month - 2, 1), Date::month_end(year, end_month)?))
        }
        _ => {
            c.i = save;
            None
        }
    }
}

fn month_phrase(c: &mut Cursor, year: i32) -> Option<(Option<Date>, Date)> {
    let month = c.month()?;
    // A range: "1 月-3 月", "4月至8月".
    let save = c.i;
    if c.eat_any(&["-", "至", "到", "~"]) {
        if let Some(end) = c.month() {
            if end >= month {
                c.eat_any(&["底", "末"]);
                return Some((Date::new(year, month, 1), Date::month_end(year, end)?));
            }
        }
        c.i = save;
    }
    if let Some(day) = c.number(2) {
        if c.eat("日") || c.eat("号") {
            return Some((None, Date::new(year, month, day as u8)?));
        }
        return None;
    }
    if c.eat("上旬") {
        return Some((None, Date::new(year, month, 10)?));
    }
    if c.eat("中旬") {
        return Some((None, Date::new(year, month, 20)?));
    }
    if c.eat("下旬") || c.eat("底") || c.eat("末") {
        return Some((None, Date::month_end(year, month)?));
    }
    if c.eat("初") {
        return Some((None, Date::new(year, month, 10)?));
    }
    // "3月前": before March starts. Checked before the bare month so "前" is not eaten as a trailer.
    if c.eat_any(&["之前", "以前", "前"]) {
        let first = Date::new(year, month, 1)?;
        return Some((None, first.add_days(-1)?));
    }
    Some((None, Date::new(year, month, days_in_month(year, month))?))
}

/// Whether normalised text starts with a date phrase (used to split sentences at dates).
pub fn starts_with_when(norm: &str, year: i32) -> bool {
    parse_when(norm, year).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::d;
    use crate::domain::text::normalize;


    fn due(s: &str) -> Option<Date> {
        parse_when(&normalize(s), 2024).map(|w| w.due)
    }

    #[test]
    fn phrase_table() {
        let cases: &[(&str, Date)] = &[
            ("3 月底前确定项目点位", d(3, 31)),
            ("3月底完成项目进度的20%", d(3, 31)),
            ("11 月底全面完成", d(11, 30)),
            ("2月底前亚运场馆", d(2, 29)),
            ("5月18日“国际博物馆”日", d(5, 18)),
            ("6月30日前", d(6, 30)),
            ("3月前完成项目前期准备工作", d(2, 29)),
            ("9月前常态化开展", d(8, 31)),
            ("9 月完成筛查任务的 60%", d(9, 30)),
            ("4 月明确执行单位", d(4, 30)),
            ("9月份委托第三方", d(9, 30)),
            ("一季度末", d(3, 31)),
            ("第三季度末", d(9, 30)),
            ("年底前", d(12, 31)),
            ("上半年", d(6, 30)),
            ("10月中旬", d(10, 20)),
            ("10月上旬", d(10, 10)),
            ("10月下旬", d(10, 31)),
            ("三月底前", d(3, 31)),
            ("３月底前", d(3, 31)),
            ("十二月底", d(12, 31)),
            ("力争6月底前", d(6, 30)),
        ];
        for (text, want) in cases {
            assert_eq!(due(text), Some(*want), "{text}");
        }
    }

    #[test]
    fn ranges() {
        let w = parse_when(&normalize("1 月-3 月进行工作部署"), 2024).unwrap();
        assert_eq!((w.start, w.due), (Some(d(1, 1)), d(3, 31)));
        let w = parse_when(&normalize("4月-8月开展机构提升改造"), 2024).unwrap();
        assert_eq!((w.start, w.due), (Some(d(4, 1)), d(8, 31)));
        let w = parse_when(&normalize("10月-11月，难点项目"), 2024).unwrap();
        assert_eq!(w.due, d(11, 30));
    }

    #[test]
    fn explicit_year_and_non_dates() {
        assert_eq!(due("2025年3月底前"), Date::new(2025, 3, 31));
        assert_eq!(due("2024年底前"), Date::new(2024, 12, 31));
        assert_eq!(due("2025年年中"), Date::new(2025, 6, 30));
        assert_eq!(due("2025年中"), Date::new(2025, 6, 30));
        for text in ["实际推进时间安排以正式下发的省级实施方案为准", "13月底前", "完成认定任务后", "2月30日", "100个", ""] {
            assert_eq!(due(text), None, "{text}");
        }
    }

    #[test]
    fn consumed_length() {
        let n = normalize("9 月底前完成");
        let w = parse_when(&n, 2024).unwrap();
        assert_eq!(n.chars().skip(w.len).collect::<String>(), "完成");
        let n = normalize("5月18日“国际博物馆”日");
        let w = parse_when(&n, 2024).unwrap();
        assert_eq!(n.chars().skip(w.len).collect::<String>(), "\"国际博物馆\"日");
    }
}
