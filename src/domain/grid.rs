//! 填报 grid rules: what a unit fills for a month-end (per project it leads: a figure for every
//! quantitative indicator, done or not for every step due by then and still open, and the month's four
//! report texts), which month is offered first, the as-of date of what is saved, and turning what was
//! typed into entries (all or nothing).
//!
//! Invariant: pure rules over the plan and the ledger view; the grid view only binds cells to them.

use super::actions::NewEntry;
use super::date::Date;
use super::ledger::{month_of, LedgerView, Month, ReportField, ReportTexts, Reported, Subject};
use super::plan::{Plan, Requirement};
use super::status::{planned_at, DatedValue};
use super::validate::{check_report_text, parse_value, InputError};

/// A figure to report: an indicator of the project.
#[derive(Clone, Debug, PartialEq)]
pub struct GridValue {
    pub indicator: usize,
    /// The plan's requirement at the month-end (latest milestone due by then) and the next one.
    pub planned: Option<DatedValue>,
    pub next: Option<DatedValue>,
    /// The latest counted value up to the month-end.
    pub last: Option<DatedValue>,
}

/// A step to report on: due by the month-end and not done before the month.
#[derive(Clone, Debug, PartialEq)]
pub struct GridStep {
    pub milestone: usize,
    /// What is reported for it by the month-end.
    pub done: Option<bool>,
}

/// One project of the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct GridProject {
    pub project: usize,
    pub values: Vec<GridValue>,
    pub steps: Vec<GridStep>,
    /// The unit's report texts of the month so far (empty when none): the starting point of an edit.
    pub texts: ReportTexts,
}

/// What the user typed or chose: value cells and step choices in grid order (project by project),
/// and the report texts of each project.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridInput {
    pub values: Vec<String>,
    pub steps: Vec<Option<bool>>,
    pub texts: Vec<ReportTexts>,
}

/// What is wrong with the input, in the same order as the input.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridErrors {
    pub values: Vec<Option<InputError>>,
    pub texts: Vec<Vec<(ReportField, InputError)>>,
}

impl GridErrors {
    pub fn count(&self) -> usize {
        self.values.iter().filter(|e| e.is_some()).count() + self.texts.iter().map(Vec::len).sum::<usize>()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridError {
    /// The chosen month-end is after today's year: nothing can be reported for it yet.
    MonthNotStarted,
}

/// The month offered first: the last month-end on or before the report date (and today), or January.
pub fn default_month(report_date: Date, today: Date, year: i32) -> u8 {
    let limit = report_date.min(today.clamp_to_year(year));
    if limit.is_month_end() {
        limit.month()
    } else {
        limit.month().saturating_sub(1).max(1)
    }
}

/// The grid of `unit` for the month-end of `month`: every project it leads, in official order.
pub fn grid(plan: &Plan, view: &LedgerView, unit: &str, month: u8) -> Vec<GridProject> {
    let Some(end) = Date::month_end(plan.year, month) else { return Vec::new() };
    let before = Month::new(plan.year, month).previous().end();
    plan.projects
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lead_unit == unit)
        .map(|(pi, p)| {
            let values = p
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| i.is_quantitative())
                .map(|(ii, ind)| {
                    let (planned, next) = planned_at(p, ind, end);
                    let last = view.latest(&p.id, &Subject::Indicator(ind.id.clone()), end).and_then(|e| match e.reported {
                        Reported::Value(v) => Some((e.as_of, v)),
                        _ => None,
                    });
                    GridValue { indicator: ii, planned, next, last }
                })
                .collect();
            let steps = p
                .milestones
                .iter()
                .enumerate()
                .filter(|(_, m)| m.requirement == Requirement::Step && m.due <= end)
                .filter(|(_, m)| view.done_at(&p.id, &m.id, before) != Some(true))
                .map(|(mi, m)| GridStep { milestone: mi, done: view.done_at(&p.id, &m.id, end) })
                .collect();
            GridProject { project: pi, values, steps, texts: unit_texts(view, &p.id, unit, month_of(end)) }
        })
        .collect()
}

/// The input a grid starts with: empty value cells, step choices and texts as already reported.
pub fn initial_input(grid: &[GridProject]) -> GridInput {
    GridInput {
        values: vec![String::new(); grid.iter().map(|g| g.values.len()).sum()],
        steps: grid.iter().flat_map(|g| g.steps.iter().map(|s| s.done)).collect(),
        texts: grid.iter().map(|g| g.texts.clone()).collect(),
    }
}

/// What a month's figures are saved as of: the month-end, or today while the month is running.
pub fn grid_as_of(year: i32, month: u8, today: Date) -> Result<Date, GridError> {
    let end = Date::month_end(year, month).ok_or(GridError::MonthNotStarted)?;
    let as_of = end.min(today);
    if as_of.year() != year {
        return Err(GridError::MonthNotStarted);
    }
    Ok(as_of)
}

/// The entries of what changed: typed values (blank cells are skipped), step choices that differ from
/// what is reported, texts that differ from the unit's texts of the month. Or the error of every bad
/// cell and text: one error saves nothing.
pub fn grid_entries(plan: &Plan, grid: &[GridProject], input: &GridInput, as_of: Date) -> Result<Vec<NewEntry>, GridErrors> {
    let mut errors = GridErrors { values: vec![None; input.values.len()], texts: vec![Vec::new(); grid.len()] };
    let mut entries = Vec::new();
    let (mut k, mut s) = (0, 0);
    for (gi, g) in grid.iter().enumerate() {
        let p = &plan.projects[g.project];
        let entry = |subject: Subject, reported: Reported| NewEntry { project: p.id.clone(), subject, reported, as_of, note: String::new() };
        for v in &g.values {
            let ind = &p.indicators[v.indicator];
            let text = input.values.get(k).map(String::as_str).unwrap_or("");
            if !text.trim().is_empty() {
                match parse_value(text, ind) {
                    Ok(x) => entries.push(entry(Subject::Indicator(ind.id.clone()), Reported::Value(x))),
                    Err(e) => errors.values[k] = Some(e),
                }
            }
            k += 1;
        }
        for step in &g.steps {
            if let Some(Some(done)) = input.steps.get(s) {
                if step.done != Some(*done) {
                    entries.push(entry(Subject::Milestone(p.milestones[step.milestone].id.clone()), Reported::Done(*done)));
                }
            }
            s += 1;
        }
        if let Some(texts) = input.texts.get(gi) {
            match report_entry(&p.id, texts, &g.texts, as_of) {
                Ok(e) => entries.extend(e),
                Err(e) => errors.texts[gi] = e,
            }
        }
    }
    if errors.count() > 0 {
        Err(errors)
    } else {
        Ok(entries)
    }
}

/// The entry of a unit's report texts for a month, when they differ from what it sent before
/// (`previous`, empty when nothing); or the texts that are too long.
pub fn report_entry(project: &str, texts: &ReportTexts, previous: &ReportTexts, as_of: Date) -> Result<Option<NewEntry>, Vec<(ReportField, InputError)>> {
    let errors: Vec<(ReportField, InputError)> =
        ReportField::ALL.into_iter().filter_map(|f| check_report_text(texts.get(f)).err().map(|e| (f, e))).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let trimmed = trim_texts(texts);
    if trimmed == trim_texts(previous) {
        return Ok(None);
    }
    Ok(Some(NewEntry { project: project.to_string(), subject: Subject::Report, reported: Reported::Texts(trimmed), as_of, note: String::new() }))
}

/// The texts a unit sent for a month (empty when none).
pub fn unit_texts(view: &LedgerView, project: &str, unit: &str, month: Month) -> ReportTexts {
    view.reports_in(project, month)
        .into_iter()
        .find(|e| e.unit == unit)
        .and_then(|e| match &e.reported {
            Reported::Texts(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn trim_texts(t: &ReportTexts) -> ReportTexts {
    let mut out = t.clone();
    for f in ReportField::ALL {
        let v = out.get_mut(f);
        *v = v.trim().to_string();
    }
    out
}

/// Lines pasted from a spreadsheet column: the first cell of each line, trimmed. `None` for a single
/// value (an ordinary paste into one cell).
pub fn pasted_column(text: &str) -> Option<Vec<String>> {
    let lines: Vec<String> = text.lines().map(|l| l.split('\t').next().unwrap_or("").trim().to_string()).collect();
    (lines.len() > 1).then_some(lines)
}

#[cfg(test)]
mod tests;
