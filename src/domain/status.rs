//! Status lights as of a report date: the supervision office's judgement, derived, never stored.
//!
//! For a project at report date D, from its milestones due on or before D and the latest counted entries
//! up to D (rules in docs/rules.md, "Status rules"):
//! - 已完成 (blue): every quantitative indicator reached its final target, or the final milestone is a
//!   step marked done (a project without figures: all its steps done).
//! - 正常 (green): every milestone due by D is met.
//! - 滞后 (yellow): a milestone due by D is missed within tolerance (shortfall ≤ 10% of the final
//!   target, or a step at most 30 days late).
//! - 严重滞后 / 逾期 (red): beyond tolerance, or the final due date passed without completion.
//! - 未填报 (grey): a milestone is due by D and nothing was reported for it (and nothing is red).
//!   A project with no report at all is grey, not red: absence of data is not evidence of failure.
//!
//! Flags beside the light: 临期 (a milestone not yet met due within 14 days) and 预警 (the pace of
//! reported values, projected linearly, misses the next milestone).
//!
//! Invariant: judges from the plan, the ledger view and settings only; says why in data (`Reason`),
//! never in words (that is `messages.rs`), and knows nothing of how lights are drawn.

use super::date::Date;
use super::ledger::LedgerView;
use super::plan::{Indicator, IndicatorKind, Milestone, Plan, Project, Requirement};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// A shortfall up to this share of the final target is 滞后, beyond it 严重滞后.
    pub shortfall_tolerance: f64,
    /// A step up to this many days late is 滞后, beyond it 严重滞后.
    pub step_grace_days: i64,
    /// A milestone not met due within this many days raises 临期.
    pub due_soon_days: i64,
    /// A month's report is due by this day of the next month (报送截止日); later it is late.
    pub report_deadline_day: u8,
    /// Judge against the list as published (the baseline), not the plan adjusted by approved
    /// extensions (for the year-end assessment).
    pub against_baseline: bool,
    /// Count only figures the office passed (审核通过); by default every figure counts, marked 未审核.
    pub reviewed_only: bool,
    /// An extension may move a date past the list's year end (跨年度).
    pub cross_year: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            shortfall_tolerance: 0.10,
            step_grace_days: 30,
            due_soon_days: 14,
            report_deadline_day: 5,
            against_baseline: false,
            reviewed_only: false,
            cross_year: false,
        }
    }
}

impl Settings {
    /// Keeps every threshold within a sensible range (0–100% of the target, 0–365 days).
    pub fn clamped(self) -> Settings {
        Settings {
            shortfall_tolerance: if self.shortfall_tolerance.is_finite() { self.shortfall_tolerance.clamp(0.0, 1.0) } else { 0.10 },
            step_grace_days: self.step_grace_days.clamp(0, 365),
            due_soon_days: self.due_soon_days.clamp(0, 365),
            report_deadline_day: self.report_deadline_day.clamp(1, 28),
            ..self
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
/// Declared in order of severity, which its `Ord` follows (较上期变化 compares lights by it): a red
/// light beats a grey one, which beats amber.
pub enum Light {
    Done,
    OnTrack,
    Behind,
    NotReported,
    Serious,
}

impl Light {
    pub const ALL: [Light; 5] = [Light::Done, Light::OnTrack, Light::Behind, Light::Serious, Light::NotReported];

    /// Stable code for URLs, CSS classes and files.
    pub fn code(self) -> &'static str {
        match self {
            Light::Done => "done",
            Light::OnTrack => "ok",
            Light::Behind => "late",
            Light::Serious => "bad",
            Light::NotReported => "none",
        }
    }

    pub fn from_code(code: &str) -> Option<Light> {
        Light::ALL.into_iter().find(|l| l.code() == code)
    }

    /// A shape that tells the lights apart without colour (text contexts: bulletin, CSV, slides).
    pub fn symbol(self) -> &'static str {
        match self {
            Light::Done => "✔",
            Light::OnTrack => "●",
            Light::Behind => "▲",
            Light::Serious => "◆",
            Light::NotReported => "○",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneState {
    Met,
    /// Due by the report date and not met; `minor` within tolerance.
    Missed { minor: bool },
    /// Due by the report date and nothing reported.
    NotReported,
    /// Not met, due within the next `due_soon_days`.
    DueSoon,
    Future,
}

/// One milestone judged for one indicator (steps: for the project).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    /// The milestone's index in its project's `milestones` (indices, not ids: a status is made for
    /// every project on every change, and ten thousand projects' copied ids cost megabytes).
    pub milestone: usize,
    /// The indicator's index in its project's `indicators`; `None` for steps.
    pub indicator: Option<usize>,
    pub due: Date,
    pub state: MilestoneState,
}

/// Why a project has its light, in data; `messages::reason` puts it in words.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    Completed,
    Shortfall { due: Date, indicator: String, unit: String, required: f64, actual: f64 },
    StepLate { due: Date, text: String, days: i64 },
    NotReported { due: Date, what: String },
    Overdue { due: Date },
    AllMet { next: Option<Date> },
    NothingDue { first: Option<Date> },
    /// Milestones are due and the project has no report at all.
    NoReports { due: usize },
    /// The office closed the project (办结销号) on `on`.
    Closed { on: Date },
}

/// What the review loop adds to a light: 已办结, 已延期 (judged against a moved date), 未审核 (figures of a
/// report the office has not passed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Marks {
    pub closed: bool,
    pub moved: bool,
    pub unreviewed: bool,
}

/// A linear projection of reported values that misses a coming milestone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Projection {
    pub indicator: String,
    pub unit: String,
    /// The milestone the pace misses.
    pub at: Date,
    pub projected: f64,
    pub required: f64,
    /// Projected at the project's due date, against the final target.
    pub due: Date,
    pub projected_at_due: f64,
    pub target: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectStatus {
    pub light: Light,
    /// The due date passed without completion (shown as 逾期).
    pub overdue: bool,
    pub reasons: Vec<Reason>,
    /// Milestones not met due within the coming days (临期).
    pub due_soon: Vec<Date>,
    /// 预警: the pace misses the next milestone (boxed: few projects have one, and every project has a
    /// status).
    pub early_warning: Option<Box<Projection>>,
    /// Share of the final targets reached, 0..=1 (steps done for projects without figures).
    pub completion: f64,
    pub checks: Vec<Check>,
    pub marks: Marks,
}

const EPS: f64 = 1e-9;

fn short_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 40 {
        text.to_string()
    } else {
        chars[..39].iter().collect::<String>() + "…"
    }
}

#[allow(clippy::too_many_arguments)]
fn check_quantitative(
    project: &Project,
    (k, m): (usize, &Milestone),
    (i, ind): (usize, &Indicator),
    view: &LedgerView,
    date: Date,
    settings: &Settings,
    want_reason: bool,
) -> Option<(Check, Option<Reason>)> {
    let required = ind.required(&m.requirement)?;
    let actual = view.value_at(&project.id, &ind.id, date);
    let met = actual.is_some_and(|a| a + EPS >= required);
    let target = ind.target.unwrap_or(required);
    let (state, reason) = if met {
        (MilestoneState::Met, None)
    } else if m.due > date {
        let soon = date.days_until(m.due) <= settings.due_soon_days;
        (if soon { MilestoneState::DueSoon } else { MilestoneState::Future }, None)
    } else {
        match actual {
            None => (MilestoneState::NotReported, want_reason.then(|| Reason::NotReported { due: m.due, what: ind.name.clone() })),
            Some(a) => {
                let minor = required - a <= settings.shortfall_tolerance * target + EPS;
                let reason = Reason::Shortfall {
                    due: m.due,
                    indicator: ind.name.clone(),
                    unit: ind.unit.to_string(),
                    required,
                    actual: a,
                };
                (MilestoneState::Missed { minor }, Some(reason))
            }
        }
    };
    let check = Check { milestone: k, indicator: Some(i), due: m.due, state };
    Some((check, reason))
}

fn check_step(project: &Project, (k, m): (usize, &Milestone), view: &LedgerView, date: Date, settings: &Settings, want_reason: bool) -> (Check, Option<Reason>) {
    let done = view.done_at(&project.id, &m.id, date);
    let (state, reason) = if done == Some(true) {
        (MilestoneState::Met, None)
    } else if m.due > date {
        let soon = date.days_until(m.due) <= settings.due_soon_days;
        (if soon { MilestoneState::DueSoon } else { MilestoneState::Future }, None)
    } else if done.is_none() {
        (MilestoneState::NotReported, want_reason.then(|| Reason::NotReported { due: m.due, what: short_text(&m.text) }))
    } else {
        let days = m.due.days_until(date);
        let reason = Reason::StepLate { due: m.due, text: short_text(&m.text), days };
        (MilestoneState::Missed { minor: days <= settings.step_grace_days }, Some(reason))
    };
    let check = Check { milestone: k, indicator: None, due: m.due, state };
    (check, reason)
}

/// Whether a reported value reaches the indicator's final target.
fn reached(ind: &Indicator, value: Option<f64>) -> bool {
    value.is_some_and(|v| v + EPS >= ind.target.unwrap_or(0.0))
}

/// The share of an indicator's final target that a reported value reaches, 0..=1: the one completion
/// rule of the status, the list, the timeline, the charts and the slides. A target of 0 is reached by
/// any report.
pub fn indicator_share(ind: &Indicator, value: Option<f64>) -> f64 {
    match ind.target {
        Some(target) if target > 0.0 => (value.unwrap_or(0.0) / target).clamp(0.0, 1.0),
        _ if reached(ind, value) => 1.0,
        _ => 0.0,
    }
}

fn completion(project: &Project, view: &LedgerView, date: Date) -> (f64, bool) {
    let quantitative: Vec<&Indicator> = project.indicators.iter().filter(|i| i.is_quantitative()).collect();
    let steps: Vec<&Milestone> = project.milestones.iter().filter(|m| m.requirement == Requirement::Step).collect();
    let step_done = |m: &Milestone| view.done_at(&project.id, &m.id, date) == Some(true);
    // The final milestones are those of the latest date (one per sub-plan may share it): all of them must
    // be steps marked done.
    let last_due = project.milestones.iter().map(|m| m.due).max();
    let finals: Vec<&Milestone> = project.milestones.iter().filter(|m| Some(m.due) == last_due).collect();
    let final_step_done = !finals.is_empty() && finals.iter().all(|m| m.requirement == Requirement::Step && step_done(m));
    if quantitative.is_empty() {
        let done = steps.iter().filter(|m| step_done(m)).count();
        let share = if steps.is_empty() { 0.0 } else { done as f64 / steps.len() as f64 };
        return (share, !steps.is_empty() && (done == steps.len() || final_step_done));
    }
    let mut reached_all = true;
    let mut sum = 0.0;
    for ind in &quantitative {
        let value = view.value_at(&project.id, &ind.id, date);
        reached_all &= reached(ind, value);
        sum += indicator_share(ind, value);
    }
    let complete = reached_all || final_step_done;
    (if complete { 1.0 } else { sum / quantitative.len() as f64 }, complete)
}

fn projection(project: &Project, view: &LedgerView, date: Date, checks: &[Check]) -> Option<Projection> {
    let start = Date::first_of_year(date.year())?.add_days(-1)?;
    for (i, ind) in project.indicators.iter().enumerate().filter(|(_, i)| i.kind == IndicatorKind::Count && i.is_quantitative()) {
        let subject = super::ledger::Subject::Indicator(ind.id.clone());
        let points: Vec<(Date, f64)> = view
            .entries_until(&project.id, &subject, date)
            .iter()
            .filter_map(|e| match e.reported {
                super::ledger::Reported::Value(v) => Some((e.as_of, v)),
                _ => None,
            })
            .collect();
        let Some(&(last_date, last_value)) = points.last() else { continue };
        let (first_date, first_value) = if points.len() >= 2 && points[0].0 < last_date { points[0] } else { (start, 0.0) };
        let span = first_date.days_until(last_date);
        if span <= 0 {
            continue;
        }
        let per_day = (last_value - first_value) / span as f64;
        let at = |d: Date| last_value + per_day * last_date.days_until(d).max(0) as f64;
        let next = checks
            .iter()
            .filter(|c| c.indicator == Some(i) && c.due > date)
            .filter(|c| matches!(c.state, MilestoneState::DueSoon | MilestoneState::Future))
            .min_by_key(|c| c.due);
        // An indicator with nothing still to meet says nothing about the others: look at the next one.
        let Some(required) = next.and_then(|n| ind.required(&project.milestones[n.milestone].requirement)) else { continue };
        let Some(next) = next else { continue };
        let projected = at(next.due);
        if projected + EPS < required {
            let due = project.end().unwrap_or(next.due);
            return Some(Projection {
                indicator: ind.name.clone(),
                unit: ind.unit.to_string(),
                at: next.due,
                projected,
                required,
                due,
                projected_at_due: at(due),
                target: ind.target.unwrap_or(required),
            });
        }
    }
    None
}

pub fn evaluate(project: &Project, view: &LedgerView, date: Date, settings: &Settings) -> ProjectStatus {
    let mut checks = Vec::with_capacity(project.milestones.len());
    let mut reasons = Vec::new();
    let reported = view.reported_by(&project.id, date);
    for (k, m) in project.milestones.iter().enumerate() {
        if m.requirement.is_quantitative() {
            for (i, ind) in project.indicators.iter().enumerate().filter(|(_, i)| m.measures(i)) {
                if let Some((check, reason)) = check_quantitative(project, (k, m), (i, ind), view, date, settings, reported) {
                    checks.push(check);
                    // Without any report the reason is "nothing reported": per-milestone reasons would be
                    // dropped, so they are not built (this runs for every project on every change).
                    if reported {
                        reasons.extend(reason);
                    }
                }
            }
        } else {
            let (check, reason) = check_step(project, (k, m), view, date, settings, reported);
            checks.push(check);
            if reported {
                reasons.extend(reason);
            }
        }
    }
    let (completion, complete) = completion(project, view, date);
    let due_soon: Vec<Date> = {
        let mut v: Vec<Date> = checks.iter().filter(|c| c.state == MilestoneState::DueSoon).map(|c| c.due).collect();
        super::order::sort_by(&mut v, |a, b| a.cmp(b));
        v.dedup();
        v
    };
    let overdue = !complete && project.end().is_some_and(|end| end < date);
    let any = |f: &dyn Fn(&MilestoneState) -> bool| checks.iter().any(|c| f(&c.state));
    let due_count = checks.iter().filter(|c| c.due <= date).count();

    let closed = view.accepted.closed_on(&project.id).filter(|d| *d <= date);
    let marks = Marks { closed: closed.is_some(), moved: view.accepted.is_moved(&project.id), unreviewed: view.accepted.unreviewed_at(&project.id, date) };
    let overdue = overdue && closed.is_none();
    let light = if let Some(on) = closed {
        reasons = vec![Reason::Closed { on }];
        Light::Done
    } else if complete {
        reasons = vec![Reason::Completed];
        Light::Done
    } else if !reported && due_count > 0 {
        reasons = vec![Reason::NoReports { due: due_count }];
        Light::NotReported
    } else if overdue || any(&|s| *s == MilestoneState::Missed { minor: false }) {
        Light::Serious
    } else if any(&|s| *s == MilestoneState::NotReported) {
        Light::NotReported
    } else if any(&|s| *s == MilestoneState::Missed { minor: true }) {
        Light::Behind
    } else {
        Light::OnTrack
    };
    if overdue && light == Light::Serious {
        if let Some(due) = project.end() {
            reasons.insert(0, Reason::Overdue { due });
        }
    }
    if reasons.is_empty() {
        let next = checks.iter().filter(|c| c.due > date && c.state != MilestoneState::Met).map(|c| c.due).min();
        reasons.push(if due_count == 0 {
            Reason::NothingDue { first: checks.iter().map(|c| c.due).min() }
        } else {
            Reason::AllMet { next }
        });
    }
    let early_warning = if complete || closed.is_some() { None } else { projection(project, view, date, &checks).map(Box::new) };
    let due_soon = if closed.is_some() { Vec::new() } else { due_soon };
    ProjectStatus { light, overdue, reasons, due_soon, early_warning, completion, checks, marks }
}

/// A value the plan requires (or a unit reported) at a date.
pub type DatedValue = (Date, f64);

/// The plan's requirement for an indicator at `date`: the latest milestone due on or before it, and
/// the next one after it.
pub fn planned_at(project: &Project, indicator: &Indicator, date: Date) -> (Option<DatedValue>, Option<DatedValue>) {
    let mut before = None;
    let mut after = None;
    for m in &project.milestones {
        if !project.measured_by(m).any(|i| i.id == indicator.id) {
            continue;
        }
        let Some(v) = indicator.required(&m.requirement) else { continue };
        if m.due <= date {
            if before.is_none_or(|(d, bv): (Date, f64)| m.due > d || (m.due == d && v > bv)) {
                before = Some((m.due, v));
            }
        } else if after.is_none_or(|(d, _): (Date, f64)| m.due < d) {
            after = Some((m.due, v));
        }
    }
    (before, after)
}

pub fn evaluate_all(plan: &Plan, view: &LedgerView, date: Date, settings: &Settings) -> Vec<ProjectStatus> {
    plan.projects.iter().map(|p| evaluate(p, view, date, settings)).collect()
}

/// Statuses evaluated when first asked for, a project at a time: a page that shows a few rows of a long
/// list (the 较上期 mark beside each) evaluates those, not the whole list. Equal to `evaluate_all`.
pub struct LazyStatuses {
    plan: std::sync::Arc<Plan>,
    view: std::sync::Arc<LedgerView>,
    date: Date,
    settings: Settings,
    cells: Vec<std::sync::OnceLock<ProjectStatus>>,
}

impl LazyStatuses {
    pub fn new(plan: std::sync::Arc<Plan>, view: std::sync::Arc<LedgerView>, date: Date, settings: Settings) -> LazyStatuses {
        let cells = plan.projects.iter().map(|_| std::sync::OnceLock::new()).collect();
        LazyStatuses { plan, view, date, settings, cells }
    }

    /// The status of project `i` (by its index in the plan).
    pub fn get(&self, i: usize) -> &ProjectStatus {
        self.cells[i].get_or_init(|| evaluate(&self.plan.projects[i], &self.view, self.date, &self.settings))
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The status of project `i`, or `None` when the plan has no such project.
    pub fn try_get(&self, i: usize) -> Option<&ProjectStatus> {
        (i < self.cells.len()).then(|| self.get(i))
    }

    /// Every project's status, in plan order.
    pub fn all(&self) -> Vec<ProjectStatus> {
        (0..self.cells.len()).map(|i| self.get(i).clone()).collect()
    }
}

/// How many projects have each light.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub done: usize,
    pub on_track: usize,
    pub behind: usize,
    pub serious: usize,
    pub not_reported: usize,
}

impl Counts {
    pub fn of<'a>(lights: impl IntoIterator<Item = &'a Light>) -> Counts {
        let mut c = Counts::default();
        for l in lights {
            *c.get_mut(*l) += 1;
        }
        c
    }

    fn get_mut(&mut self, light: Light) -> &mut usize {
        match light {
            Light::Done => &mut self.done,
            Light::OnTrack => &mut self.on_track,
            Light::Behind => &mut self.behind,
            Light::Serious => &mut self.serious,
            Light::NotReported => &mut self.not_reported,
        }
    }

    pub fn get(&self, light: Light) -> usize {
        match light {
            Light::Done => self.done,
            Light::OnTrack => self.on_track,
            Light::Behind => self.behind,
            Light::Serious => self.serious,
            Light::NotReported => self.not_reported,
        }
    }

    pub fn total(&self) -> usize {
        self.done + self.on_track + self.behind + self.serious + self.not_reported
    }
}

/// One lead unit in the ranking.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnitRank {
    pub unit: String,
    pub projects: usize,
    pub counts: Counts,
    /// Share of its projects completed or on track.
    pub on_track_share: f64,
    pub mean_completion: f64,
}

/// Lead units ranked by share of projects on track (已完成 + 正常), then mean completion, then name.
pub fn rank_units(plan: &Plan, statuses: &[ProjectStatus], indices: &[usize]) -> Vec<UnitRank> {
    let mut units: Vec<UnitRank> = Vec::new();
    for &i in indices {
        let (p, s) = (&plan.projects[i], &statuses[i]);
        let rank = match units.iter_mut().find(|u| u.unit == p.lead_unit) {
            Some(u) => u,
            None => {
                units.push(UnitRank { unit: p.lead_unit.to_string(), projects: 0, counts: Counts::default(), on_track_share: 0.0, mean_completion: 0.0 });
                units.last_mut().expect("just pushed")
            }
        };
        rank.projects += 1;
        *rank.counts.get_mut(s.light) += 1;
        rank.mean_completion += s.completion;
    }
    for u in &mut units {
        u.on_track_share = (u.counts.done + u.counts.on_track) as f64 / u.projects as f64;
        u.mean_completion /= u.projects as f64;
    }
    super::order::sort_by(&mut units, |a, b| {
        b.on_track_share
            .total_cmp(&a.on_track_share)
            .then(b.mean_completion.total_cmp(&a.mean_completion))
            .then(a.unit.cmp(&b.unit))
    });
    units
}

#[cfg(test)]
mod tests;
