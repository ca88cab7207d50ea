//! Lists of names inside one cell: 配合单位 ("市财政局、市商务局, 各区、县(市)政府") and leaders
//! ("漆宪忠 邓伟民", "张三、李四").
//!
//! "各区、县（市）政府" is one unit although it holds the separator "、", and separators inside
//! brackets ("市城投集团(市公交集团)") never split.
//!
//! Invariant: a cell in, names out, each verbatim; knows no plan or column.

use crate::domain::text::normalize;

fn split_top_level(text: &str, is_separator: impl Fn(char) -> bool) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut depth: i32 = 0;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' | '（' | '“' | '[' | '【' | '《' => depth += 1,
            ')' | '）' | '”' | ']' | '】' | '》' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 && is_separator(c) {
            pieces.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    pieces.push(current);
    pieces.into_iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

/// Endings of a unit's name (市民政局, 县卫健委, 区政府, 市城投集团…).
const UNIT_ENDINGS: &[&str] = &[
    "局", "委", "办", "厅", "院", "会", "中心", "公司", "集团", "政府", "部", "站", "所", "处", "馆", "队", "室", "团", "社", "署",
    "管委会", "街道", "乡镇", "镇", "乡",
];

fn looks_like_a_unit(piece: &str) -> bool {
    let p = piece.trim_end_matches([')', '）']);
    p.chars().count() >= 2 && (UNIT_ENDINGS.iter().any(|e| p.ends_with(e)) || piece.ends_with([')', '）']))
}

/// Splits at spaces too when every piece between them is a unit's name ("市民政局 市财政局", as a cell
/// copied from a web page or Word has them); "杭州市 民政局" stays one.
fn split_at_spaces(piece: String) -> Vec<String> {
    let parts: Vec<&str> = piece.split(|c: char| c.is_whitespace() || c == '\u{3000}').filter(|p| !p.is_empty()).collect();
    if parts.len() > 1 && parts.iter().all(|p| looks_like_a_unit(p)) {
        parts.into_iter().map(str::to_string).collect()
    } else {
        vec![piece]
    }
}

/// Units of a 配合单位 cell, each verbatim: separated by 、，; or line breaks, or by spaces when every
/// piece is a unit's name.
pub fn split_units(text: &str) -> Vec<String> {
    let raw: Vec<String> =
        split_top_level(text, |c| matches!(c, '、' | ',' | '，' | ';' | '；' | '\n')).into_iter().flat_map(split_at_spaces).collect();
    let mut units: Vec<String> = Vec::new();
    for piece in raw {
        // "各区" + "县（市）政府" was one unit cut at its inner "、".
        let joins_previous = normalize(&piece).starts_with('县')
            && units.last().is_some_and(|prev| {
                let p = normalize(prev);
                p.ends_with('区') && !p.contains("政府")
            });
        match units.last_mut() {
            Some(prev) if joins_previous => {
                prev.push('、');
                prev.push_str(&piece);
            }
            _ => units.push(piece),
        }
    }
    units
}

/// Names of people in a leader cell ("漆宪忠 邓伟民" → two names). A two-character name padded with
/// spaces to line up with three-character ones ("吕  乐") is one name: no name has one character.
pub fn split_people(text: &str) -> Vec<String> {
    let pieces = split_top_level(text, |c| c.is_whitespace() || matches!(c, '、' | ',' | '，' | '/' | ';' | '；' | '\u{3000}'));
    let mut names: Vec<String> = Vec::new();
    let mut lone: Option<String> = None;
    for piece in pieces {
        let single = piece.chars().count() == 1 && piece.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        match (lone.take(), single) {
            (Some(first), true) => names.push(first + &piece),
            (Some(first), false) => {
                names.push(first);
                names.push(piece);
            }
            (None, true) => lone = Some(piece),
            (None, false) => names.push(piece),
        }
    }
    names.extend(lone);
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_from_the_seed() {
        assert_eq!(
            split_units("市财政局、市商务局、市市场监管局, 各区、县(市)政府"),
            vec!["市财政局", "市商务局", "市市场监管局", "各区、县(市)政府"]
        );
        assert_eq!(
            split_units("市委人才办、市财政局、市金融投资集团(市民卡公司)、市城投集团(市公交集团)，相关区、县（市）政府"),
            vec!["市委人才办", "市财政局", "市金融投资集团(市民卡公司)", "市城投集团(市公交集团)", "相关区、县（市）政府"]
        );
        assert_eq!(split_units("市教育局,各区、县(市)政府"), vec!["市教育局", "各区、县(市)政府"]);
        assert_eq!(split_units("各区政府（管委会）"), vec!["各区政府（管委会）"]);
        assert_eq!(split_units("相关区(市)政府"), vec!["相关区(市)政府"]);
        assert_eq!(split_units(""), Vec::<String>::new());
        assert_eq!(split_units("杭州西湖风景名胜区管委会，各区、县（市）政府").len(), 2);
        // Spaces and line breaks between units, as copied from a web page or Word.
        assert_eq!(split_units("市民政局 市财政局  市卫健委"), vec!["市民政局", "市财政局", "市卫健委"]);
        assert_eq!(split_units("县教育局\n县财政局\n各乡镇"), vec!["县教育局", "县财政局", "各乡镇"]);
        assert_eq!(split_units("市城投集团(市公交集团) 市交通运输局"), vec!["市城投集团(市公交集团)", "市交通运输局"]);
        // A space inside one name does not split it.
        assert_eq!(split_units("杭州市 民政局"), vec!["杭州市 民政局"]);
    }

    #[test]
    fn people() {
        assert_eq!(split_people("漆宪忠 邓伟民"), vec!["漆宪忠", "邓伟民"]);
        assert_eq!(split_people("张三、李四"), vec!["张三", "李四"]);
        assert_eq!(split_people("方毅"), vec!["方毅"]);
        // Padded to line up: one name, also beside others.
        assert_eq!(split_people("吕  乐"), vec!["吕乐"]);
        assert_eq!(split_people("吕　乐、张三丰"), vec!["吕乐", "张三丰"]);
        assert_eq!(split_people("张三丰 吕 乐 李四"), vec!["张三丰", "吕乐", "李四"]);
        assert_eq!(split_people("  "), Vec::<String>::new());
    }
}
