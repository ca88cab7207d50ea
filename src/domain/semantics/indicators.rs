//! Indicators from a project name or a sub-plan label.
//!
//! The name is cut into clauses at "、" and commas; every figure is one indicator, named by its clause
//! without the figure. Clauses without a figure belong to the next figure ("新辟优化城乡公交、地铁接驳线、
//! …定制公交线路100条" is one indicator) and trailing ones are dropped from the name (they stay in the
//! project name). A percentage makes a rate; "达到" a level; anything else a count.
//!
//! Invariant: a name or label in, indicators out; never fails (no figure makes a qualitative indicator).

use super::make_id;
use super::quantity::{scan, Figure};
use crate::domain::plan::{Indicator, IndicatorKind, Shared, Warning};
use crate::domain::text::normalize;

/// Splits normalised text at top-level "、" and commas (not inside brackets or quotes).
pub(super) fn clauses(norm: &str, separators: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut in_quote = false;
    let mut current = String::new();
    for c in norm.chars() {
        match c {
            '(' | '[' | '《' => depth += 1,
            ')' | ']' | '》' => depth = (depth - 1).max(0),
            '"' => in_quote = !in_quote,
            _ => {}
        }
        if depth == 0 && !in_quote && separators.contains(&c) {
            out.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    out.push(current);
    out.into_iter().filter(|c| !c.is_empty()).collect()
}

/// Verbs a task starts with ("新建…10公里", "开展…200场").
const ACTIONS: &[&str] = &[
    "新建", "新增", "新改建", "改建", "扩建", "建设", "建成", "改造", "提升", "完成", "开展", "提供", "实现", "打造", "新辟", "增加",
    "培训", "招募", "组织", "举办", "安装", "配备", "设置", "推出", "发放", "救助", "帮扶", "创建", "培育", "提质", "整治", "修缮",
];

const NAME_TRAILERS: &[&str] = &["不少于", "不低于", "达到", "达", "为", "共", "累计", "约"];

fn name_without(clause: &str, start: usize, end: usize) -> String {
    let chars: Vec<char> = clause.chars().collect();
    let mut before: String = chars[..start].iter().collect();
    let mut after: String = chars[end..].iter().collect();
    for suffix in ["以上", "以内"] {
        if let Some(rest) = after.strip_prefix(suffix) {
            after = rest.to_string();
        }
    }
    loop {
        let trimmed = NAME_TRAILERS.iter().find_map(|t| before.strip_suffix(t)).map(str::to_string);
        match trimmed {
            Some(t) if !t.is_empty() => before = t,
            _ => break,
        }
    }
    let name = format!("{before}{after}");
    name.trim_matches(|c: char| c == ',' || c == '、').to_string()
}

/// The separator that follows `prefix` in `norm` (names keep their own punctuation).
fn separator_after<'a>(norm: &'a str, prefix: &str) -> &'a str {
    let at = norm.find(prefix).map_or(norm.len(), |i| i + prefix.len());
    norm[at..].chars().next().map_or("", |c| &norm[at..at + c.len_utf8()])
}

/// Turns normalised straight quotes back into the document's curly ones: "青荷驿站" → “青荷驿站”.
pub fn pretty_quotes(s: &str) -> String {
    let mut open = true;
    s.chars()
        .map(|c| match c {
            '"' => {
                let q = if open { '“' } else { '”' };
                open = !open;
                q
            }
            c => c,
        })
        .collect()
}

pub fn read_indicators(source: &str, part: Option<usize>) -> Vec<Indicator> {
    let norm = normalize(source);
    let mut out = Vec::new();
    let mut prefix = String::new();
    for clause in clauses(&norm, &['、', ',', ';', '。']) {
        let figures: Vec<Figure> = scan(&clause)
            .into_iter()
            .filter(|f| !matches!(f, Figure::Quantity(q) if q.pace))
            .collect();
        if figures.is_empty() {
            prefix.push_str(&clause);
            prefix.push_str(separator_after(&norm, &prefix));
            continue;
        }
        // Items listed with "、" share the figure after them. After a comma, a semicolon or a full
        // stop, a clause that starts with its own action is a task of its own: the clauses before it
        // are not part of its name ("优化公交线网,新建公交专用道10公里" → 新建公交专用道), while a bare
        // measure takes them as its subject ("…结直肠癌筛查,筛查人数26.9万人次").
        if prefix.ends_with([',', ';', '。']) && ACTIONS.iter().any(|a| clause.starts_with(a)) {
            prefix.clear();
        }
        let level = clause.contains("达到") || clause.contains("人数达") || clause.contains("保持");
        for figure in figures {
            let (start, end) = match &figure {
                Figure::Quantity(q) => (q.start, q.end),
                Figure::Percent(p) => (p.start, p.end),
            };
            let name = pretty_quotes(&format!("{prefix}{}", name_without(&clause, start, end)));
            let id = make_id("i-", &format!("{prefix}{clause}|{start}"));
            let indicator = match figure {
                Figure::Percent(p) => Indicator {
                    id,
                    name,
                    kind: IndicatorKind::Rate,
                    target: Some(p.value),
                    unit: arcstr::literal!("%"),
                    scale: 1.0,
                    part,
                    baseline: None,
                },
                Figure::Quantity(q) => Indicator {
                    id,
                    name,
                    kind: if level { IndicatorKind::Level } else { IndicatorKind::Count },
                    target: Some(q.value),
                    unit: q.full_unit().into(),
                    scale: q.scale,
                    part,
                    baseline: None,
                },
            };
            out.push(indicator);
        }
        prefix.clear();
    }
    out
}

pub fn qualitative(name: &str, part: Option<usize>) -> Indicator {
    let norm = normalize(name);
    Indicator {
        id: make_id("i-", &norm),
        name: pretty_quotes(&norm),
        kind: IndicatorKind::Qualitative,
        target: None,
        unit: Shared::default(),
        scale: 1.0,
        part,
        baseline: None,
    }
}

/// An indicator as an indicator table gives it (指标名称, 目标值, 计量单位, 基线值), verbatim.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Given {
    pub name: String,
    pub target: String,
    pub unit: String,
    pub baseline: String,
}

/// Words before a target figure that do not change it ("不少于30", "≥95%").
const TARGET_LEADERS: &[&str] = &["不少于", "不低于", "不小于", "达到", "力争", "超过", "约", "≥", ">=", ">"];

/// The number a target starts with and the text after it ("30个" → 30, "个").
fn leading_number(norm: &str) -> Option<(f64, &str)> {
    let mut s = norm;
    while let Some(rest) = TARGET_LEADERS.iter().find_map(|l| s.strip_prefix(l)) {
        s = rest;
    }
    let end = s.char_indices().find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ',')).map_or(s.len(), |(i, _)| i);
    let digits: String = s[..end].chars().filter(|c| *c != ',').collect();
    let value: f64 = digits.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some((value, &s[end..]))
}

/// The indicator an indicator-table row gives: a figure as target (a percentage makes a rate, a
/// baseline a level unless the name counts something new), anything else a qualitative indicator with
/// a warning. Unnamed rows take the project's name.
pub fn from_table(g: &Given, project_name: &str, index: usize) -> (Indicator, Option<Warning>) {
    let name = if g.name.trim().is_empty() { project_name.trim() } else { g.name.trim() }.to_string();
    let id = make_id("i-", &format!("{}|{index}", normalize(&name)));
    let baseline = Some(g.baseline.trim().to_string()).filter(|b| !b.is_empty());
    let target_norm = normalize(&g.target);
    let Some((value, rest)) = leading_number(&target_norm) else {
        let warning = (!target_norm.is_empty()).then(|| Warning::TargetNotNumber { indicator: name.clone(), text: g.target.trim().to_string() });
        let mut q = qualitative(&name, None);
        q.id = id;
        q.name = name;
        q.baseline = baseline;
        return (q, warning);
    };
    let written_unit = normalize(&g.unit);
    let rest = rest.trim_end_matches("以上").trim_end_matches("左右");
    let unit = if written_unit.is_empty() { rest.to_string() } else { written_unit };
    let scale = MULTIPLIERS_OF_UNITS
        .iter()
        .find(|(m, _)| unit.starts_with(*m) && unit.chars().count() > 1)
        .map_or(1.0, |(_, f)| *f);
    let counts_new = ["新增", "新建", "新开工", "建成", "改造", "完成", "开展", "培训", "提供", "发放", "招募", "实施"]
        .iter()
        .any(|w| normalize(&name).contains(w));
    let kind = if unit == "%" {
        IndicatorKind::Rate
    } else if !counts_new && (baseline.is_some() || name.contains("达到") || name.contains("保持")) {
        IndicatorKind::Level
    } else {
        IndicatorKind::Count
    };
    (Indicator { id, name, kind, target: Some(value), unit: unit.into(), scale, part: None, baseline }, None)
}

const MULTIPLIERS_OF_UNITS: &[(char, f64)] = &[('万', 10_000.0), ('亿', 100_000_000.0), ('千', 1_000.0)];
