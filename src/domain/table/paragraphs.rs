//! Lists written as paragraphs: numbered headings ("一、…", "（一）…", "1. …") each with a project's
//! text, followed by "字段名：值" lines ("牵头单位：市民政局"). Turned into a sheet with one row per
//! project, so the rest of the reading (mapping, fields, meaning) is the table's.
//!
//! The heading level that carries the field lines is the project level; a heading of another kind
//! with no fields of its own is a category. A line that is neither continues what precedes it: the
//! last field's value, or the heading's text when no field has started.
//!
//! Invariant: text in, a sheet of rows out (or none); structure only, what a cell means is `semantics/`.

use super::columns::{fields_named, guess_row, Column, Role};
use super::Sheet;
use crate::domain::delimited::Record;
use crate::domain::text::{chinese_numeral_value, halfwidth};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Numbering {
    /// "一、", "第一类"
    Chinese,
    /// "（一）"
    ChineseInBrackets,
    /// "1.", "1、"
    Digits,
    /// "（1）"
    DigitsInBrackets,
}

struct Heading<'a> {
    numbering: Numbering,
    no: Option<u32>,
    text: &'a str,
}

fn is_cn_numeral(c: char) -> bool {
    "零〇一二三四五六七八九十百两".contains(c)
}

/// The numbered heading a line starts with, if any.
fn heading(line: &str) -> Option<Heading<'_>> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|(_, c)| halfwidth(*c));
    let rest_from = |i: usize| chars.get(i).map_or("", |(b, _)| &line[*b..]).trim_start();
    let digits_end = |from: usize, numeral: &dyn Fn(char) -> bool| {
        let mut j = from;
        while at(j).is_some_and(numeral) {
            j += 1;
        }
        j
    };
    let value = |from: usize, to: usize| -> Option<u32> {
        let s: String = chars[from..to].iter().map(|(_, c)| halfwidth(*c)).collect();
        s.parse().ok().or_else(|| chinese_numeral_value(&s))
    };
    match at(0)? {
        '(' => {
            let cn = digits_end(1, &is_cn_numeral);
            if cn > 1 && at(cn) == Some(')') {
                return Some(Heading { numbering: Numbering::ChineseInBrackets, no: value(1, cn), text: rest_from(cn + 1) });
            }
            let d = digits_end(1, &|c: char| c.is_ascii_digit());
            (d > 1 && at(d) == Some(')'))
                .then(|| Heading { numbering: Numbering::DigitsInBrackets, no: value(1, d), text: rest_from(d + 1) })
        }
        '第' => {
            let cn = digits_end(1, &is_cn_numeral);
            let kind: String = chars.get(cn..cn + 2).map(|w| w.iter().map(|(_, c)| *c).collect()).unwrap_or_default();
            let ok = cn > 1 && (["部分", "类别"].contains(&kind.as_str()) || chars.get(cn).is_some_and(|(_, c)| matches!(c, '类' | '章' | '篇')));
            if !ok {
                return None;
            }
            let after = chars[cn..].iter().position(|(_, c)| matches!(halfwidth(*c), '、' | ':' | ' ' | '.')).map(|p| cn + p + 1);
            let text = after.map_or_else(|| line.trim(), rest_from);
            Some(Heading { numbering: Numbering::Chinese, no: value(1, cn), text })
        }
        c if is_cn_numeral(c) => {
            let cn = digits_end(0, &is_cn_numeral);
            matches!(at(cn), Some('、' | '.')).then(|| Heading { numbering: Numbering::Chinese, no: value(0, cn), text: rest_from(cn + 1) })
        }
        c if c.is_ascii_digit() => {
            let d = digits_end(0, &|c: char| c.is_ascii_digit());
            // "1.5万人" is a figure, not a heading.
            let sep = matches!(at(d), Some('、')) || (at(d) == Some('.') && !at(d + 1).is_some_and(|c| c.is_ascii_digit()));
            (sep && d <= 3).then(|| Heading { numbering: Numbering::Digits, no: value(0, d), text: rest_from(d + 1) })
        }
        _ => None,
    }
}

/// "牵头单位：市民政局" → ("牵头单位", "市民政局"): a short label without figures, then the value.
fn field(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(['：', ':'])?;
    let label = line[..colon].trim();
    let value = line[colon + line[colon..].chars().next()?.len_utf8()..].trim();
    let n = label.chars().count();
    let plain = !label.chars().any(|c| c.is_ascii_digit() || is_cn_numeral(c) || "，。；,;、".contains(c));
    let known = fields_named(&[label.to_string()]) > 0;
    (n > 0 && n <= 12 && plain && (known || n <= 8)).then_some((label, value))
}

struct Item {
    numbering: Numbering,
    no: Option<u32>,
    line: usize,
    text: String,
    /// What follows the title before the field lines: the project's plan.
    body: String,
    fields: Vec<(String, String)>,
}

/// The column a paragraph item's body goes to when it has no plan field of its own.
const PLAN_LABEL: &str = "工作计划和进度安排";

/// A bracket of fields closing a paragraph: "…10家。(牵头领导:张三,责任单位:市卫健委、市医保局)" →
/// the text before it and the fields, when every piece in it is a known field (or continues the
/// value before it: "责任单位:市卫健委,市医保局").
fn bracket_fields(text: &str) -> Option<(&str, Vec<(String, String)>)> {
    let t = text.trim_end();
    let close = t.chars().last()?;
    if !matches!(close, ')' | '）') {
        return None;
    }
    let mut depth = 0;
    let mut open_at = None;
    for (i, c) in t.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => {
                depth -= 1;
                if depth == 0 {
                    open_at = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let open_at = open_at?;
    let inner = &t[open_at + t[open_at..].chars().next()?.len_utf8()..t.len() - close.len_utf8()];
    let mut fields: Vec<(String, String)> = Vec::new();
    for piece in inner.split([',', '，', ';', '；']).map(str::trim).filter(|p| !p.is_empty()) {
        match field(piece).filter(|(label, _)| fields_named(&[label.to_string()]) > 0) {
            Some((label, value)) => fields.push((label.to_string(), value.to_string())),
            None => {
                let (_, last) = fields.last_mut()?;
                last.push('、');
                last.push_str(piece);
            }
        }
    }
    (!fields.is_empty()).then(|| (t[..open_at].trim_end(), fields))
}

/// A heading's text as the project's title and the rest: "医疗服务能力提升工程。开展…" → the first
/// sentence, then what follows it.
fn title_and_rest(text: &str) -> (String, String) {
    match text.find('。') {
        Some(end) if !text[end + '。'.len_utf8()..].trim().is_empty() => {
            (text[..end].trim().to_string(), text[end + '。'.len_utf8()..].trim().to_string())
        }
        _ => (text.to_string(), String::new()),
    }
}

fn append(to: &mut String, more: &str) {
    if !to.is_empty() && !to.ends_with(['。', '；', ';', '，', ',', '：']) {
        to.push('\n');
    }
    to.push_str(more);
}

/// The sheet a paragraph-form list makes, when `text` is one (at least one heading with field lines).
pub fn paragraph_sheet(text: &str) -> Option<Sheet> {
    let mut title: Option<(usize, String)> = None;
    let mut items: Vec<Item> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{FEFF}');
        if line.is_empty() {
            continue;
        }
        if let Some(h) = heading(line) {
            let (text, fields) = bracket_fields(h.text).unwrap_or((h.text, Vec::new()));
            let (title, body) = if fields.is_empty() { (text.to_string(), String::new()) } else { title_and_rest(text) };
            items.push(Item { numbering: h.numbering, no: h.no, line: i + 1, text: title, body, fields });
            continue;
        }
        match (items.last_mut(), field(line)) {
            (Some(item), Some((label, value))) => match item.fields.iter_mut().find(|(l, _)| l == label) {
                Some((_, v)) => append(v, value),
                None => item.fields.push((label.to_string(), value.to_string())),
            },
            (Some(item), None) => match (bracket_fields(line), item.fields.last_mut()) {
                // The body's last paragraph closes with the project's fields in brackets.
                (Some((rest, fields)), _) => {
                    append(&mut item.body, rest);
                    item.fields.extend(fields);
                }
                (None, Some((_, v))) => append(v, line),
                // Lines after the title are its body (the plan), not part of its name.
                (None, None) => append(&mut item.body, line),
            },
            (None, _) => {
                let titled = line.contains("清单") || line.contains("民生实事") || super::find_year(line).is_some();
                if title.is_none() && titled {
                    title = Some((i + 1, line.to_string()));
                }
            }
        }
    }
    // The project level: the numbering most of the items with fields use.
    let mut counts: Vec<(Numbering, usize)> = Vec::new();
    for item in items.iter().filter(|i| !i.fields.is_empty()) {
        match counts.iter_mut().find(|(n, _)| *n == item.numbering) {
            Some((_, k)) => *k += 1,
            None => counts.push((item.numbering, 1)),
        }
    }
    let project_level = counts.iter().max_by_key(|(_, k)| *k).map(|(n, _)| *n)?;

    // A body joins the item's plan field, or becomes one.
    for item in items.iter_mut().filter(|i| !i.body.is_empty() && i.numbering == project_level) {
        let body = std::mem::take(&mut item.body);
        let plan = item.fields.iter_mut().find(|(label, _)| guess_row(std::slice::from_ref(label)) == [Role::Field(Column::PlanText)]);
        match plan {
            Some((_, value)) => *value = format!("{body}\n{value}"),
            None => item.fields.push((PLAN_LABEL.to_string(), body)),
        }
    }
    let is_category = |i: &Item| i.numbering != project_level && i.fields.is_empty();
    let has_categories = items.iter().any(is_category);
    let mut labels: Vec<String> = Vec::new();
    for item in items.iter().filter(|i| !is_category(i)) {
        for (label, _) in &item.fields {
            if !labels.contains(label) {
                labels.push(label.clone());
            }
        }
    }
    let mut rows = Vec::new();
    if let Some((line, t)) = title {
        rows.push(Record { line, cells: vec![t] });
    }
    let mut header: Vec<String> = Vec::new();
    if has_categories {
        header.extend(["序号".to_string(), "类别".to_string()]);
    }
    header.push("项目名称".to_string());
    header.extend(labels.iter().cloned());
    rows.push(Record { line: items.first().map_or(1, |i| i.line), cells: header });
    let mut category: Option<(String, String)> = None;
    for item in &items {
        if is_category(item) {
            category = Some((item.no.map(|n| n.to_string()).unwrap_or_default(), item.text.clone()));
            continue;
        }
        let mut cells: Vec<String> = Vec::new();
        if has_categories {
            let (no, name) = category.clone().unwrap_or_default();
            cells.extend([no, name]);
        }
        cells.push(item.text.clone());
        for label in &labels {
            cells.push(item.fields.iter().find(|(l, _)| l == label).map(|(_, v)| v.clone()).unwrap_or_default());
        }
        rows.push(Record { line: item.line, cells });
    }
    Some(Sheet { name: String::new(), rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        let h = |s: &str| heading(s).map(|h| (h.numbering, h.no, h.text.to_string()));
        assert_eq!(h("一、养老服务"), Some((Numbering::Chinese, Some(1), "养老服务".into())));
        assert_eq!(h("十二、其他"), Some((Numbering::Chinese, Some(12), "其他".into())));
        assert_eq!(h("（三）新建幼儿园 3 所"), Some((Numbering::ChineseInBrackets, Some(3), "新建幼儿园 3 所".into())));
        assert_eq!(h("2. 新增学位 1000 个"), Some((Numbering::Digits, Some(2), "新增学位 1000 个".into())));
        assert_eq!(h("12、改造老旧小区"), Some((Numbering::Digits, Some(12), "改造老旧小区".into())));
        assert_eq!(h("(4)建设驿站"), Some((Numbering::DigitsInBrackets, Some(4), "建设驿站".into())));
        assert_eq!(h("第一类 教育"), Some((Numbering::Chinese, Some(1), "教育".into())));
        assert_eq!(h("1.5万人次"), None);
        assert_eq!(h("3月底前完成"), None);
        assert_eq!(h("二次供水改造"), None);
        assert_eq!(h("一季度完成选址"), None);
    }

    #[test]
    fn field_lines() {
        assert_eq!(field("牵头单位：市民政局"), Some(("牵头单位", "市民政局")));
        assert_eq!(field("备注: 无"), Some(("备注", "无")));
        assert_eq!(field("3月底前：完成选址"), None);
        assert_eq!(field("主要内容包括以下几个方面，具体为：一是"), None);
    }
}
