//! Text normalisation shared by the list parser and search.
//!
//! Official documents mix full- and half-width punctuation ("（市）" / "(市)"), put stray spaces inside
//! numbers and units ("227 个", "3 月底前") and use Chinese numerals for months ("三月底前"). Parsing and
//! search both work on one canonical form so that every spelling of the same thing compares equal; the
//! verbatim text is always kept beside it for display.
//!
//! Invariant: string normalisation only; no knowledge of plans.

/// Full-width ASCII variants and the ideographic space map to their half-width forms; typographic quotes
/// map to ASCII quotes. Everything else is returned unchanged.
pub fn halfwidth(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        '“' | '”' | '„' | '‟' | '〝' | '〞' => '"',
        '‘' | '’' => '\'',
        '【' | '〔' => '[',
        '】' | '〕' => ']',
        '—' | '–' | '〜' => '-',
        _ => c,
    }
}

/// Canonical form: half-width, no whitespace at all (Chinese text has no meaningful spaces; the source's
/// spaces are artefacts of layout), Chinese-numeral months and quarters as digits.
pub fn normalize(s: &str) -> String {
    let compact: String = s.chars().map(halfwidth).filter(|c| !c.is_whitespace()).collect();
    numerals_to_digits(&compact)
}

/// The key search compares: the canonical form, lower-cased.
pub fn search_key(s: &str) -> String {
    normalize(s).to_lowercase()
}

fn numeral_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Value of a Chinese numeral from 0 to 99 ("三" → 3, "十二" → 12, "二十" → 20, "二十一" → 21).
pub fn chinese_numeral_value(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        [c] if *c == '十' => Some(10),
        [c] => numeral_digit(*c),
        ['十', d] => Some(10 + numeral_digit(*d)?),
        [t, '十'] => Some(numeral_digit(*t)? * 10),
        [t, '十', d] => Some(numeral_digit(*t)? * 10 + numeral_digit(*d)?),
        _ => None,
    }
}

fn is_numeral_char(c: char) -> bool {
    c == '十' || numeral_digit(c).is_some()
}

/// Replaces Chinese numerals that count months, days or quarters ("三月", "十二月", "第三季度",
/// "一季度", "二十日") with digits; numerals elsewhere ("一馆一策", "二次供水") are left alone.
pub fn numerals_to_digits(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if is_numeral_char(chars[i]) {
            let start = i;
            while i < chars.len() && is_numeral_char(chars[i]) {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            let next = chars.get(i).copied();
            let after = chars.get(i + 1).copied();
            let counts_time = matches!(next, Some('月') | Some('日') | Some('号'))
                || (next == Some('季') && after == Some('度'));
            match chinese_numeral_value(&run) {
                Some(v) if counts_time => out.push_str(&v.to_string()),
                _ => out.push_str(&run),
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Splits on any of the given separator characters, trimming pieces and dropping empty ones.
pub fn split_any<'a>(s: &'a str, separators: &[char]) -> Vec<&'a str> {
    s.split(|c| separators.contains(&c)).map(str::trim).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_spaces_and_quotes() {
        let cases = [
            ("各区、县（市）政府", "各区、县(市)政府"),
            ("227 个", "227个"),
            ("３月底前", "3月底前"),
            ("“青荷驿站”", "\"青荷驿站\""),
            ("完成率达 50%以上", "完成率达50%以上"),
            ("85.8 万人次", "85.8万人次"),
            ("【新开工】", "[新开工]"),
            ("１\u{3000}月", "1月"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "{input}");
        }
    }

    #[test]
    fn search_key_is_case_and_width_blind() {
        assert_eq!(search_key("ＨＰＶ 疫苗"), search_key("hpv疫苗"));
        assert_eq!(search_key("\"青荷驿站\""), search_key("“青荷驿站”"));
    }

    #[test]
    fn chinese_numerals() {
        let cases = [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("九", 9), ("两", 2)];
        for (s, v) in cases {
            assert_eq!(chinese_numeral_value(s), Some(v), "{s}");
        }
        assert_eq!(chinese_numeral_value("十十"), None);
        assert_eq!(chinese_numeral_value(""), None);
    }

    #[test]
    fn only_time_numerals_become_digits() {
        let cases = [
            ("三月底前", "3月底前"),
            ("十二月底", "12月底"),
            ("第三季度末", "第3季度末"),
            ("一季度末", "1季度末"),
            ("二次供水", "二次供水"),
            ("一馆一策", "一馆一策"),
            ("五月十八日", "5月18日"),
        ];
        for (input, want) in cases {
            assert_eq!(numerals_to_digits(input), want, "{input}");
        }
    }

    #[test]
    fn split_any_drops_empties() {
        assert_eq!(split_any("a、 b,,c，", &['、', ',', '，']), vec!["a", "b", "c"]);
    }
}
