//! 报送情况: who reported for which month-end. Every lead unit reports each month on the projects it
//! leads that were not completed by the month before: a project is reported for a month when it has a
//! counted figure or step as of a day of that month, and late when its first one was recorded after
//! the deadline (a day of the next month, `Settings::report_deadline_day`, in China's time). From the
//! table, 催报: the reminder to the units that have not reported.
//!
//! Invariant: judges from the plan, the ledger view and statuses; today comes from the caller; no
//! words but through `crate::i18n`.

use super::date::{Date, Moment};
use super::ledger::{LedgerView, Month};
use super::messages::{long_date, month_name};
use super::plan::Plan;
use super::status::{evaluate, Light, Settings};
use crate::i18n::Lang;

/// China's time: when a report was recorded is judged on the calendar of the offices.
pub const OFFICE_UTC_OFFSET_SECONDS: i64 = 8 * 3600;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CellState {
    /// Every project reported, on time.
    Reported,
    /// Every project reported, some first after the deadline.
    Late,
    /// Some projects reported, not all.
    Partly,
    /// Nothing reported and the deadline has passed.
    NotReported,
    /// Not everything reported yet, and the deadline has not passed.
    Awaiting,
    /// Every project of the unit was completed before the month: nothing to report.
    NothingExpected,
}

impl CellState {
    pub const ALL: [CellState; 6] =
        [CellState::Reported, CellState::Late, CellState::Partly, CellState::NotReported, CellState::Awaiting, CellState::NothingExpected];

    pub fn code(self) -> &'static str {
        match self {
            CellState::Reported => "reported",
            CellState::Late => "late",
            CellState::Partly => "partly",
            CellState::NotReported => "missing",
            CellState::Awaiting => "awaiting",
            CellState::NothingExpected => "none",
        }
    }

    /// Whether the unit still owes something for the month.
    pub fn owes(self) -> bool {
        matches!(self, CellState::Partly | CellState::NotReported | CellState::Awaiting)
    }
}

/// One unit's month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub state: CellState,
    /// Projects expected (led by the unit, not completed before the month).
    pub expected: Vec<usize>,
    /// Expected projects with nothing for the month.
    pub missing: Vec<usize>,
    /// Reported projects whose first figure or step came after the deadline.
    pub late: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubmissionTable {
    pub months: Vec<Month>,
    /// Lead units, in order of first appearance in the list.
    pub units: Vec<String>,
    /// `cells[unit][month]`.
    pub cells: Vec<Vec<Cell>>,
}

/// The deadline of a month's report: the given day of the next month.
pub fn deadline(month: Month, day: u8) -> Date {
    let next = month.next();
    let last = Date::month_end(next.year, next.month).map_or(28, |d| d.day());
    Date::new(next.year, next.month, day.clamp(1, last)).unwrap_or_else(|| next.end())
}

/// Whether a report first recorded at `recorded_at` (RFC 3339) came after the deadline. A time that
/// cannot be read is not held against the unit.
pub fn is_late(recorded_at: &str, deadline: Date) -> bool {
    Moment::parse_rfc3339(recorded_at).and_then(|m| m.date_at(OFFICE_UTC_OFFSET_SECONDS)).is_some_and(|d| d > deadline)
}

/// The months of the plan year up to the month of `until` (whose month-end may not have come yet).
pub fn months_until(plan: &Plan, until: Date) -> Vec<Month> {
    if until.year() < plan.year {
        return Vec::new();
    }
    let last = if until.year() > plan.year { 12 } else { until.month() };
    (1..=last).map(|m| Month::new(plan.year, m)).collect()
}

pub fn submissions(plan: &Plan, view: &LedgerView, months: &[Month], settings: &Settings, today: Date) -> SubmissionTable {
    let units = plan.lead_units();
    let mut cells = vec![Vec::with_capacity(months.len()); units.len()];
    for &month in months {
        let before = month.previous().end();
        let due = deadline(month, settings.report_deadline_day);
        let mut by_unit: Vec<Cell> = vec![Cell { state: CellState::NothingExpected, expected: Vec::new(), missing: Vec::new(), late: Vec::new() }; units.len()];
        for (i, p) in plan.projects.iter().enumerate() {
            let Some(u) = units.iter().position(|u| *u == p.lead_unit) else { continue };
            if evaluate(p, view, before, settings).light == Light::Done {
                continue;
            }
            let cell = &mut by_unit[u];
            cell.expected.push(i);
            match view.submitted_in(&p.id, month) {
                None => cell.missing.push(i),
                Some(first) if is_late(first, due) => cell.late.push(i),
                Some(_) => {}
            }
        }
        for (u, mut cell) in by_unit.into_iter().enumerate() {
            let open = today <= due;
            cell.state = if cell.expected.is_empty() {
                CellState::NothingExpected
            } else if cell.missing.is_empty() {
                if cell.late.is_empty() { CellState::Reported } else { CellState::Late }
            } else if open {
                CellState::Awaiting
            } else if cell.missing.len() == cell.expected.len() {
                CellState::NotReported
            } else {
                CellState::Partly
            };
            cells[u].push(cell);
        }
    }
    SubmissionTable { months: months.to_vec(), units, cells }
}

impl SubmissionTable {
    /// How many units are in each state for the month at index `m`.
    pub fn counts(&self, m: usize) -> Vec<(CellState, usize)> {
        CellState::ALL
            .into_iter()
            .map(|s| (s, self.cells.iter().filter(|row| row.get(m).is_some_and(|c| c.state == s)).count()))
            .collect()
    }

    pub fn month_index(&self, month: Month) -> Option<usize> {
        self.months.iter().position(|m| *m == month)
    }
}

/// 催报: the reminder for a month, to every unit that still owes reports, with its missing projects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub title: String,
    pub lead: String,
    /// One line a unit: "{unit}（{n}项）：{projects}".
    pub items: Vec<String>,
    pub closing: String,
    /// The units reminded (for the view's list).
    pub units: Vec<String>,
}

pub fn reminder(plan: &Plan, table: &SubmissionTable, month: Month, settings: &Settings, today: Date, lang: Lang) -> Reminder {
    let t = lang.t();
    let m = table.month_index(month);
    let month_words = month_name(month.month, lang);
    let due = deadline(month, settings.report_deadline_day);
    let mut items = Vec::new();
    let mut units = Vec::new();
    for (u, unit) in table.units.iter().enumerate() {
        let Some(cell) = m.and_then(|m| table.cells[u].get(m)) else { continue };
        if !cell.state.owes() {
            continue;
        }
        let names: Vec<&str> = cell.missing.iter().map(|&i| plan.projects[i].name.as_str()).collect();
        items.push((t.reminder_item)(unit, names.len(), &names.join(t.clause_sep)));
        units.push(unit.clone());
    }
    Reminder {
        title: (t.reminder_title)(month.year, &month_words),
        lead: if items.is_empty() {
            (t.reminder_nobody)(&long_date(today, lang), &month_words)
        } else {
            (t.reminder_lead)(&long_date(today, lang), &month_words, &long_date(due, lang), items.len())
        },
        items,
        closing: t.reminder_closing.to_string(),
        units,
    }
}

impl Reminder {
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n\n{}\n", self.title, self.lead);
        for (k, item) in self.items.iter().enumerate() {
            out.push_str(&format!("{}. {item}\n", k + 1));
        }
        out.push('\n');
        out.push_str(&self.closing);
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests;
