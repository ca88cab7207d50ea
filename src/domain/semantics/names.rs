//! Lists of names inside one cell: 配合单位 ("市财政局、市商务局, 各区、县(市)政府") and leaders
//! ("漆宪忠 邓伟民", "张三、李四").
//!
//! "各区、县（市）政府" is one unit although it holds the separator "、", and separators inside
//! brackets ("市城投集团(市公交集团)") never split.

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

/// Units of a 配合单位 cell, each verbatim.
pub fn split_units(text: &str) -> Vec<String> {
    let raw = split_top_level(text, |c| matches!(c, '、' | ',' | '，' | ';' | '；' | '\n'));
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

/// Names of people in a leader cell ("漆宪忠 邓伟民" → two names).
pub fn split_people(text: &str) -> Vec<String> {
    split_top_level(text, |c| c.is_whitespace() || matches!(c, '、' | ',' | '，' | '/' | ';' | '；' | '\u{3000}'))
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
    }

    #[test]
    fn people() {
        assert_eq!(split_people("漆宪忠 邓伟民"), vec!["漆宪忠", "邓伟民"]);
        assert_eq!(split_people("张三、李四"), vec!["张三", "李四"]);
        assert_eq!(split_people("方毅"), vec!["方毅"]);
        assert_eq!(split_people("  "), Vec::<String>::new());
    }
}
