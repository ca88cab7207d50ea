//! Figures in the plan text: "227个", "85.8万人次", "100万平方米", "不少于250套(间)", "83%".
//!
//! Works on normalised text (half-width, no spaces). Numbers that are not quantities of the task are
//! skipped: ages and ranges ("60岁以上", "50-74周岁"), ordinals ("第2"), durations ("3个月"), and
//! paces ("平均每月完成1000余场") are marked so callers can ignore them.
//!
//! Invariant: normalised text in, figures out; knows no indicator, milestone or file.

/// Units a target can be counted in, longest first so "平方米" wins over "米" and "人次" over "人".
const UNITS: &[&str] = &[
    "平方米", "立方米", "公里", "千米", "千瓦", "公顷", "人次", "户次", "套(间)", "家庭", "套", "间",
    "人", "户", "个", "张", "所", "家", "场", "堂", "处", "条", "台", "座", "名", "辆", "吨", "项", "床", "栋",
    "幢", "件", "份", "棵", "株", "亩", "米", "元", "盏", "次", "支", "批", "部", "只",
];

/// Multipliers written before the unit.
const MULTIPLIERS: &[(char, f64)] = &[('万', 10_000.0), ('亿', 100_000_000.0), ('千', 1_000.0)];

#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The number as written (6 in "6万人").
    pub value: f64,
    /// Multiplier prefix as written ("万"), empty when none.
    pub multiplier: String,
    /// Factor of the multiplier (10000 for "万").
    pub scale: f64,
    /// Unit without multiplier ("人", "套(间)", "平方米").
    pub unit: String,
    /// The figure as written in normalised form ("6万人").
    pub text: String,
    /// Char offsets in the normalised text.
    pub start: usize,
    pub end: usize,
    /// A pace, not a cumulative figure ("平均每月完成1000余场", "每月完成…250堂").
    pub pace: bool,
}

impl Quantity {
    /// The value in base units (60000 for "6万人").
    pub fn base_value(&self) -> f64 {
        self.value * self.scale
    }

    /// The unit with its multiplier ("万人").
    pub fn full_unit(&self) -> String {
        format!("{}{}", self.multiplier, self.unit)
    }

    /// The unit compared across figures: "套(间)" counts as "套".
    pub fn base_unit(&self) -> &str {
        base_unit(&self.unit)
    }
}

pub fn base_unit(unit: &str) -> &str {
    match unit {
        "套(间)" => "套",
        u => u.strip_prefix('万').or_else(|| u.strip_prefix('亿')).unwrap_or(u),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Percent {
    pub value: f64,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    Quantity(Quantity),
    Percent(Percent),
}

fn read_number(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    while j < chars.len() && chars[j].is_ascii_digit() {
        j += 1;
    }
    if j == i {
        return None;
    }
    if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
        j += 1;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
    }
    let text: String = chars[i..j].iter().collect();
    text.parse().ok().map(|v| (v, j))
}

fn starts_with(chars: &[char], i: usize, word: &str) -> bool {
    word.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c))
}

/// Whether one of `words` stands earlier in the same clause (since the last comma, "、" or ";").
fn in_clause_before(chars: &[char], i: usize, words: &[&str]) -> bool {
    let from = chars[..i].iter().rposition(|c| matches!(c, ',' | ';' | '、' | '。')).map_or(0, |p| p + 1);
    let before: String = chars[from..i].iter().collect();
    words.iter().any(|w| before.contains(w))
}

/// Every figure in `norm` (normalised text), in order of appearance.
pub fn scan(norm: &str) -> Vec<Figure> {
    let chars: Vec<char> = norm.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0 || !(chars[i - 1].is_ascii_digit() || chars[i - 1] == '.');
        let Some((value, mut j)) = read_number(&chars, i).filter(|_| boundary) else {
            i += 1;
            continue;
        };
        let start = i;
        i = j.max(i + 1);
        // Ranges ("50-74周岁", "1-5星") and ordinals ("第2") are not figures of the task.
        let in_range = (chars.get(j) == Some(&'-') && chars.get(j + 1).is_some_and(char::is_ascii_digit))
            || (start > 0 && chars[start - 1] == '-');
        if in_range || (start > 0 && chars[start - 1] == '第') {
            continue;
        }
        if chars.get(j) == Some(&'%') {
            out.push(Figure::Percent(Percent { value, start, end: j + 1 }));
            i = j + 1;
            continue;
        }
        if matches!(chars.get(j), Some('余') | Some('多')) {
            j += 1;
        }
        // A unit right after the number wins ("5千米"); otherwise a multiplier may come first ("6万人").
        let direct = UNITS.iter().find(|u| starts_with(&chars, j, u));
        let (multiplier, scale, unit) = match direct {
            Some(u) => (String::new(), 1.0, *u),
            None => {
                let Some((m, s)) = chars.get(j).and_then(|c| MULTIPLIERS.iter().find(|(m, _)| m == c)) else {
                    continue;
                };
                let Some(u) = UNITS.iter().find(|u| starts_with(&chars, j + 1, u)) else {
                    continue;
                };
                j += 1;
                (m.to_string(), *s, *u)
            }
        };
        let end = j + unit.chars().count();
        // "3个月", "5个工作日": a duration, not a count.
        if unit == "个" && matches!(chars.get(end), Some('月') | Some('工') | Some('小')) {
            continue;
        }
        let unit = unit.to_string();
        let pace = in_clause_before(&chars, start, &["每月", "每周", "每年", "平均每", "每天"]);
        let text: String = chars[start..end].iter().collect();
        out.push(Figure::Quantity(Quantity { value, multiplier, scale, unit, text, start, end, pace }));
        i = end;
    }
    out
}

pub fn quantities(norm: &str) -> Vec<Quantity> {
    scan(norm)
        .into_iter()
        .filter_map(|f| match f {
            Figure::Quantity(q) => Some(q),
            Figure::Percent(_) => None,
        })
        .collect()
}

pub fn percents(norm: &str) -> Vec<Percent> {
    scan(norm)
        .into_iter()
        .filter_map(|f| match f {
            Figure::Percent(p) => Some(p),
            Figure::Quantity(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::normalize;

    fn q(s: &str) -> Vec<(f64, String, String)> {
        quantities(&normalize(s)).into_iter().map(|q| (q.value, q.multiplier.clone(), q.unit.clone())).collect()
    }

    #[test]
    fn figures_from_the_seed() {
        let cases: &[(&str, f64, &str, &str)] = &[
            ("新增老年助餐服务点 227 个", 227.0, "", "个"),
            ("城镇新增就业25万人", 25.0, "万", "人"),
            ("完成回迁安置3.5万户", 3.5, "万", "户"),
            ("提供见习岗位1.1万个", 1.1, "万", "个"),
            ("新开工保障房100万平方米", 100.0, "万", "平方米"),
            ("新型综合种养面积8万亩", 8.0, "万", "亩"),
            ("推出“青荷驿站”房源500套(间)", 500.0, "", "套(间)"),
            ("流感疫苗 85.8 万人次", 85.8, "万", "人次"),
            ("完成养护677公里", 677.0, "", "公里"),
            ("双价HPV疫苗1万人以上", 1.0, "万", "人"),
            ("“环浙步道”450公里", 450.0, "", "公里"),
        ];
        for (text, value, mult, unit) in cases {
            assert_eq!(q(text), vec![(*value, mult.to_string(), unit.to_string())], "{text}");
        }
    }

    #[test]
    fn numbers_that_are_not_figures() {
        for text in [
            "为全市 60 岁以上老年人",
            "为全市 50-74 周岁户籍居民",
            "从低到高分1-5星五个等级",
            "为离校2年内未就业高校毕业生",
            "3月底前",
            "5月18日",
            "启动第2剂次",
            "3个月内完成",
            "发放面扩大到35周岁以下大学生",
        ] {
            assert_eq!(q(text), vec![], "{text}");
        }
    }

    #[test]
    fn paces_are_marked() {
        let found = quantities(&normalize("平均每月完成1000余场，"));
        assert_eq!(found.len(), 1);
        assert!(found[0].pace);
        assert_eq!(found[0].value, 1000.0);
        let monthly = quantities(&normalize("5 月-8 月每月完成青少年防溺水公益培训 250 堂"));
        assert!(monthly[0].pace);
        assert!(!quantities("不少于100个")[0].pace);
    }

    #[test]
    fn percents_and_multiple_figures() {
        let figures = scan(&normalize("开展养育照护师资培训 2000 人次、养育照护活动 2000 场,新建“医防护”儿童健康管理中心 60 家"));
        assert_eq!(figures.len(), 3);
        let p = percents(&normalize("完成率达 50%以上"));
        assert_eq!(p[0].value, 50.0);
        assert_eq!(percents("综合保障率达到83%")[0].value, 83.0);
        let base = quantities("25万人")[0].base_value();
        assert_eq!(base, 250_000.0);
        assert_eq!(quantities("600万平方米")[0].full_unit(), "万平方米");
    }
}
