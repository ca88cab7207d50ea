//! Milestones from a plan text: sentences, their dates and what each requires.
//!
//! A sentence ends at "；", "。" or a colon, and also at a comma followed by a date ("…进行现场督查,
//! 6 月底前完成率达 50%以上"). A sentence starting with a date is a milestone; one without a date is a
//! note. What a milestone requires is read in this order: a monthly pace over a range ("5 月-8 月每月完成
//! …250 堂" → one milestone a month, cumulative), a percentage (share of the task, or the value of a rate
//! indicator), figures in an indicator's unit (absolute cumulative values), words of completion
//! ("全面完成", "确保完成", "完成全部"), "过半" (half), and otherwise a step to be done.
//!
//! Invariant: a plan text and its indicators in, milestones, notes and warnings out; drops no sentence.

use super::indicators::clauses;
use super::make_id;
use super::quantity::{base_unit, percents, quantities, Quantity};
use super::when::{parse_when, starts_with_when, When};
use crate::domain::date::Date;
use crate::domain::plan::{format_number, Indicator, IndicatorKind, Milestone, Requirement, Warning};
use crate::domain::text::normalize;

pub(super) struct PartReading {
    pub milestones: Vec<Milestone>,
    pub notes: Vec<String>,
    pub warnings: Vec<Warning>,
}

/// Sentences of a plan text, verbatim and trimmed.
pub fn sentences(text: &str, year: i32) -> Vec<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut cuts = Vec::new(); // (end of previous piece, start of next piece) in bytes
    for (k, (pos, c)) in chars.iter().enumerate() {
        let next_is_digit = chars.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit());
        let prev_is_digit = k > 0 && chars[k - 1].1.is_ascii_digit();
        let cut = match c {
            '；' | ';' | '。' | '\n' | '：' => true,
            ':' => !(prev_is_digit && next_is_digit),
            ',' | '，' => starts_with_when(&normalize(&text[pos + c.len_utf8()..]), year),
            _ => false,
        };
        if cut {
            cuts.push((*pos, pos + c.len_utf8()));
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (end, next) in cuts {
        out.push(text[start..end].trim().to_string());
        start = next;
    }
    out.push(text[start..].trim().to_string());
    out.retain(|s| !s.is_empty());
    out
}

/// Undated sentences that are plainly remarks, not tasks: no warning for them.
fn is_remark(norm: &str) -> bool {
    norm.contains("为准") || norm.ends_with("为") || norm.ends_with("如下")
}

const COMPLETE_WORDS: &[&str] = &[
    "全面完成", "全部完成", "完成全部", "完成所有", "确保完成", "基本完成", "保质保量完成", "完成目标任务",
    "完成年度任务", "完成年度目标", "所有项目完工", "全部建成", "全面建成",
];

fn says_complete(norm: &str) -> bool {
    if COMPLETE_WORDS.iter().any(|w| norm.contains(w)) {
        return true;
    }
    // "确保…完成", "完成…目标任务" within one clause.
    clauses(norm, &[',', ';']).iter().any(|c| {
        let after = |word: &str, then: &[&str]| c.find(word).is_some_and(|i| then.iter().any(|t| c[i..].contains(t)));
        after("确保", &["完成"]) || after("完成", &["目标任务", "任务目标", "目标值", "全部任务", "年度任务"])
    })
}

/// A figure inside a clause about preparing a plan or list ("完成100条公交线路方案") is not progress.
fn is_about_a_plan(norm: &str, q: &Quantity) -> bool {
    let rest: String = norm.chars().skip(q.end).take_while(|c| !matches!(c, ',' | ';' | '、')).collect();
    ["方案", "计划", "清单", "名单"].iter().any(|w| rest.ends_with(w))
}

enum Measure {
    Monthly(Quantity),
    Percent(f64),
    Figures(Vec<Quantity>),
    Complete,
    Step,
    Ambiguous(Vec<String>),
}

fn measure(body: &str, when: &When) -> Measure {
    let qs = quantities(body);
    if when.start.is_some() && body.contains("每月") {
        if let Some(q) = qs.iter().find(|q| q.pace) {
            return Measure::Monthly(q.clone());
        }
    }
    let mut pcts: Vec<f64> = percents(body).into_iter().map(|p| p.value).collect();
    pcts.dedup();
    match pcts.as_slice() {
        [] => {}
        [one] => return Measure::Percent(*one),
        many => return Measure::Ambiguous(many.iter().map(|v| format!("{}%", format_number(*v))).collect()),
    }
    let figures: Vec<Quantity> = qs.into_iter().filter(|q| !q.pace && !is_about_a_plan(body, q)).collect();
    if !figures.is_empty() {
        return Measure::Figures(figures);
    }
    if says_complete(body) {
        // "提升点位基本完成,新增点位建设全部启动": two sub-tasks at different stages.
        let starts_other = clauses(body, &[',']).iter().any(|c| c.contains("启动") && !says_complete(c));
        if starts_other {
            return Measure::Ambiguous(clauses(body, &[',']));
        }
        return Measure::Complete;
    }
    if body.contains("过半") {
        return Measure::Percent(50.0);
    }
    Measure::Step
}

/// How alike two texts are: shared characters, for telling apart indicators in the same unit
/// ("农村公路新改建115公里" vs "养护工程677公里").
fn likeness(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    a.chars().collect::<Vec<_>>().windows(2).filter(|w| b.windows(2).any(|v| v == *w)).count()
}

pub(super) fn read_part(text: &str, part: Option<usize>, scope: &[&Indicator], year: i32) -> PartReading {
    let mut out = PartReading { milestones: Vec::new(), notes: Vec::new(), warnings: Vec::new() };
    let quantitative: Vec<&Indicator> = scope.iter().copied().filter(|i| i.is_quantitative()).collect();
    let rates: Vec<&Indicator> = quantitative.iter().copied().filter(|i| i.kind == IndicatorKind::Rate).collect();

    for sentence in sentences(text, year) {
        let norm = normalize(&sentence);
        let Some(when) = parse_when(&norm, year) else {
            if !is_remark(&norm) {
                out.warnings.push(Warning::NoDate { text: sentence.clone() });
            }
            out.notes.push(sentence);
            continue;
        };
        let phrase: String = norm.chars().take(when.len).collect();
        let body: String = norm.chars().skip(when.len).collect();
        let milestone = |due: Date, indicator: Option<&Indicator>, requirement: Requirement| {
            let indicator = indicator.map(|i| i.id.clone());
            Milestone {
                id: make_id("m-", &format!("{due}|{norm}|{}", indicator.as_deref().unwrap_or(""))),
                due,
                start: when.start,
                when: phrase.as_str().into(),
                text: sentence.as_str().into(),
                indicator,
                requirement,
                part,
            }
        };
        match measure(&body, &when) {
            Measure::Monthly(q) => {
                let target = match_figures(std::slice::from_ref(&q), &quantitative, &body, &sentence, &mut out.warnings);
                let (first, last) = (when.start.map_or(when.due.month(), |s| s.month()), when.due.month());
                match target.first() {
                    Some((ind, per_month)) => {
                        // The phrase's own year ("2025年5月-8月"), not necessarily the plan's.
                        let in_year = when.due.year();
                        for (k, month) in (first..=last).enumerate() {
                            if let Some(due) = Date::month_end(in_year, month) {
                                let value = per_month * (k as f64 + 1.0);
                                let mut m = milestone(due, Some(ind), Requirement::AtLeast { value });
                                m.start = Date::new(in_year, month, 1);
                                out.milestones.push(m);
                            }
                        }
                    }
                    None => out.milestones.push(milestone(when.due, None, Requirement::Step)),
                }
            }
            Measure::Percent(p) => {
                let m = if rates.len() == 1 && (quantitative.len() == 1 || norm.contains('率')) {
                    milestone(when.due, Some(rates[0]), Requirement::RateValue { percent: p })
                } else if quantitative.is_empty() {
                    milestone(when.due, None, Requirement::Step)
                } else {
                    milestone(when.due, None, Requirement::Share { percent: p })
                };
                out.milestones.push(m);
            }
            Measure::Figures(qs) => {
                let matched = match_figures(&qs, &quantitative, &body, &sentence, &mut out.warnings);
                if matched.is_empty() {
                    out.milestones.push(milestone(when.due, None, Requirement::Step));
                }
                for (ind, value) in matched {
                    out.milestones.push(milestone(when.due, Some(ind), Requirement::AtLeast { value }));
                }
            }
            Measure::Complete if !quantitative.is_empty() => {
                out.milestones.push(milestone(when.due, None, Requirement::Complete));
            }
            Measure::Complete | Measure::Step => out.milestones.push(milestone(when.due, None, Requirement::Step)),
            Measure::Ambiguous(values) => {
                out.warnings.push(Warning::AmbiguousMeasure { text: sentence.clone(), values, chosen: None });
                out.milestones.push(milestone(when.due, None, Requirement::Step));
            }
        }
    }
    out
}

/// Assigns figures to indicators of the same unit; returns (indicator, value in its unit) pairs.
///
/// With one indicator in a unit every figure of that unit is its; with as many figures as indicators
/// of a unit they pair in order (the plan lists them in the name's order); otherwise each figure goes
/// to the indicator whose name is most like the figure's clause.
fn match_figures<'a>(
    figures: &[Quantity],
    indicators: &[&'a Indicator],
    body: &str,
    sentence: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<(&'a Indicator, f64)> {
    let chars: Vec<char> = body.chars().collect();
    let mut assigned: Vec<(&'a Indicator, Vec<&Quantity>)> = Vec::new();
    for (k, q) in figures.iter().enumerate() {
        let candidates: Vec<&'a Indicator> = indicators
            .iter()
            .copied()
            .filter(|i| i.kind != IndicatorKind::Rate && base_unit(&i.unit) == q.base_unit())
            .collect();
        let same_unit: Vec<&Quantity> = figures.iter().filter(|f| f.base_unit() == q.base_unit()).collect();
        let best = if candidates.len() > 1 && same_unit.len() == candidates.len() {
            let position = figures[..k].iter().filter(|f| f.base_unit() == q.base_unit()).count();
            candidates.get(position).copied()
        } else {
            let clause_start = chars[..q.start].iter().rposition(|c| matches!(c, ',' | ';' | '、')).map_or(0, |i| i + 1);
            let context: String = chars[clause_start..q.start].iter().collect();
            candidates.iter().copied().rev().max_by_key(|i| likeness(&context, &i.name))
        };
        match best {
            Some(ind) => match assigned.iter_mut().find(|(i, _)| i.id == ind.id) {
                Some((_, list)) => list.push(q),
                None => assigned.push((ind, vec![q])),
            },
            None => warnings.push(Warning::UnmatchedQuantity { text: sentence.to_string(), quantity: q.text.clone() }),
        }
    }
    assigned
        .into_iter()
        .map(|(ind, list)| {
            let chosen = list[list.len() - 1];
            if list.len() > 1 {
                warnings.push(Warning::AmbiguousMeasure {
                    text: sentence.to_string(),
                    values: list.iter().map(|q| q.text.clone()).collect(),
                    chosen: Some(chosen.text.clone()),
                });
            }
            let value = (chosen.base_value() / ind.scale * 1e6).round() / 1e6;
            (ind, value)
        })
        .collect()
}
