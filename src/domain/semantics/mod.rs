//! Reading the meaning of a project: indicators from its name (or bracketed sub-plan labels) and dated
//! milestones from its 工作计划和进度安排.
//!
//! Reading never fails. Whatever cannot be interpreted stays as verbatim text (a note, or a step
//! milestone) with a [`Warning`] on the project. The rules are listed in docs/rules.md ("Plan text").
//!
//! Invariant: text in, meaning and warnings out; never fails on content, knows nothing of files,
//! the ledger or the browser.

mod indicators;
mod milestones;
pub mod names;
pub mod quantity;
pub mod when;

use super::date::Date;
use super::hash::short_hash;
use super::plan::{Indicator, Milestone, PlanPart, Requirement, Shared, Warning};
use super::text::normalize;

pub use indicators::{read_indicators, Given};
pub use milestones::sentences;

/// What was read from one project's name, due text and plan text.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub due: Option<Date>,
    pub parts: Vec<PlanPart>,
    pub indicators: Vec<Indicator>,
    pub milestones: Vec<Milestone>,
    pub notes: Vec<String>,
    pub warnings: Vec<Warning>,
}

pub fn read_project(name: &str, due_text: &str, plan_text: &str, year: i32) -> Reading {
    read_project_with(name, due_text, plan_text, &[], year)
}

/// Reads a project whose indicators an indicator table gives (`given`; when empty they are read from
/// the name or the sub-plan labels). A project without 预计完成时间 is due at the year's end, and one
/// without plan text gets one final milestone then; both say so in a warning.
pub fn read_project_with(name: &str, due_text: &str, plan_text: &str, given: &[Given], year: i32) -> Reading {
    let mut warnings = Vec::new();
    let due = if due_text.trim().is_empty() {
        let end = Date::last_of_year(year);
        if let Some(due) = end {
            warnings.push(Warning::DueYearEnd { due });
        }
        end
    } else {
        let due = when::parse_when(&normalize(due_text), year).map(|w| w.due);
        if due.is_none() {
            warnings.push(Warning::UnreadDue { text: due_text.to_string() });
        }
        due
    };

    let parts = split_parts(plan_text);
    let mut indicators = Vec::new();
    let labelled = parts.iter().any(|p| p.label.is_some());
    for (i, part) in parts.iter().enumerate() {
        if let Some(label) = &part.label {
            let mut found = read_indicators(label, Some(i));
            if found.is_empty() {
                found.push(indicators::qualitative(label, Some(i)));
            }
            indicators.extend(found);
        }
    }
    if !given.is_empty() {
        indicators.clear();
        for (i, g) in given.iter().enumerate() {
            let (indicator, warning) = indicators::from_table(g, name, i);
            indicators.push(indicator);
            warnings.extend(warning);
        }
    } else if !labelled {
        indicators = read_indicators(name, None);
        if indicators.is_empty() {
            // A title without figures ("医疗服务能力提升工程") states its targets in the plan's
            // undated sentences ("新增三级医院10家"): their figures are the targets.
            for sentence in milestones::sentences(plan_text, year).iter().filter(|s| !when::starts_with_when(&normalize(s), year)) {
                indicators.extend(read_indicators(sentence, None));
            }
        }
    }
    if indicators.is_empty() {
        indicators.push(indicators::qualitative(name, None));
    }
    unique_ids(indicators.iter_mut().map(|i| &mut i.id));

    let mut milestones = Vec::new();
    let mut notes = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let part_index = part.label.as_ref().map(|_| i);
        let scope: Vec<&Indicator> = indicators
            .iter()
            .filter(|ind| part_index.is_none() || ind.part.is_none() || ind.part == part_index)
            .collect();
        let read = milestones::read_part(&part.text, part_index, &scope, year);
        milestones.extend(read.milestones);
        notes.extend(read.notes);
        warnings.extend(read.warnings);
    }
    if plan_text.trim().is_empty() {
        warnings.push(Warning::NoPlanText);
    }
    // No plan text, or one with no dated sentence: everything is due at the due date.
    if milestones.is_empty() {
        if let Some(due) = due {
            milestones.push(Milestone {
                id: make_id("m-", &format!("{due}|final")),
                due,
                start: None,
                when: due_text.trim().into(),
                text: Shared::default(),
                indicator: None,
                requirement: Requirement::Complete,
                part: None,
            });
        }
    }
    crate::domain::order::sort_by_key(&mut milestones, |m| m.due);
    unique_ids(milestones.iter_mut().map(|m| &mut m.id));

    if let Some(due) = due {
        for m in milestones.iter().filter(|m| m.due > due) {
            warnings.push(Warning::BeyondDue { text: m.text.to_string(), date: m.due, due });
        }
    }
    for ind in indicators.iter().filter(|i| i.is_quantitative()) {
        let measured: Vec<(&Milestone, f64)> = milestones
            .iter()
            .filter(|m| m.requirement.is_quantitative())
            .filter(|m| match &m.indicator {
                Some(id) => id == &ind.id,
                None => m.part.is_none() || ind.part.is_none() || m.part == ind.part,
            })
            .filter_map(|m| ind.required(&m.requirement).map(|v| (m, v)))
            .collect();
        if measured.is_empty() {
            warnings.push(Warning::NoMilestoneForIndicator { indicator: ind.name.clone() });
        }
        if let Some(w) = measured.windows(2).find(|w| w[1].1 < w[0].1) {
            warnings.push(Warning::Decreasing { indicator: ind.name.clone(), text: w[1].0.text.to_string() });
        }
    }
    warnings.dedup();
    Reading { due, parts, indicators, milestones, notes, warnings }
}

/// Splits plan text at bracketed sub-plan labels: "[新开工保障房100万平方米] 3月底前…" or "【…】".
pub fn split_parts(plan_text: &str) -> Vec<PlanPart> {
    let mut parts = Vec::new();
    let mut label: Option<String> = None;
    let mut rest = plan_text;
    loop {
        let next = rest.char_indices().find(|(_, c)| matches!(c, '[' | '【')).and_then(|(open, c)| {
            let close_char = if c == '[' { ']' } else { '】' };
            let inner_start = open + c.len_utf8();
            let close = rest[inner_start..].find(close_char)? + inner_start;
            let inner = rest[inner_start..close].trim();
            let plausible = !inner.is_empty()
                && inner.chars().count() <= 60
                && !inner.contains(['；', ';', '。', '\n']);
            plausible.then(|| (open, inner.to_string(), close + close_char.len_utf8()))
        });
        match next {
            Some((open, inner, after)) => {
                let text = rest[..open].trim();
                if !text.is_empty() || label.is_some() {
                    parts.push(PlanPart { label: label.take(), text: text.to_string() });
                }
                label = Some(inner);
                rest = &rest[after..];
            }
            None => {
                let text = rest.trim();
                if !text.is_empty() || label.is_some() || parts.is_empty() {
                    parts.push(PlanPart { label, text: text.to_string() });
                }
                return parts;
            }
        }
    }
}

pub(crate) fn make_id(prefix: &str, key: &str) -> String {
    format!("{prefix}{}", short_hash(key, 6))
}

/// Makes ids unique within one project by suffixing repeats ("m-1a2b3c", "m-1a2b3c-2").
fn unique_ids<'a>(ids: impl Iterator<Item = &'a mut String>) {
    let mut seen: Vec<String> = Vec::new();
    for id in ids {
        let mut candidate = id.clone();
        let mut n = 2;
        while seen.contains(&candidate) {
            candidate = format!("{id}-{n}");
            n += 1;
        }
        *id = candidate.clone();
        seen.push(candidate);
    }
}

#[cfg(test)]
mod tests;
