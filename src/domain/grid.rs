//! 填报 grid rules: which rows a unit fills for a month-end, which month is offered first, the as-of
//! date of what is saved, and turning the typed cells into entries (all or nothing).
//!
//! Invariant: pure rules over the plan and the ledger view; the grid view only binds cells to them.

use super::actions::NewEntry;
use super::date::Date;
use super::ledger::{LedgerView, Reported, Subject};
use super::plan::Plan;
use super::status::planned_at;
use super::validate::{parse_value, InputError};

/// One row of the grid: an indicator of a project the unit leads.
#[derive(Clone, Debug, PartialEq)]
pub struct GridRow {
    pub project: usize,
    pub indicator: usize,
    /// The plan's requirement at the month-end (latest milestone due by then) and the next one.
    pub planned: Option<(Date, f64)>,
    pub next: Option<(Date, f64)>,
    /// The latest counted value up to the month-end.
    pub last: Option<(Date, f64)>,
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

/// The rows of `unit` for the month-end of `month`: every quantitative indicator of every project it
/// leads, in official order.
pub fn grid_rows(plan: &Plan, view: &LedgerView, unit: &str, month: u8) -> Vec<GridRow> {
    let Some(end) = Date::month_end(plan.year, month) else { return Vec::new() };
    let mut rows = Vec::new();
    for (pi, p) in plan.projects.iter().enumerate().filter(|(_, p)| p.lead_unit == unit) {
        for (ii, ind) in p.indicators.iter().enumerate().filter(|(_, i)| i.is_quantitative()) {
            let (planned, next) = planned_at(p, ind, end);
            let last = view.latest(&p.id, &Subject::Indicator(ind.id.clone()), end).and_then(|e| match e.reported {
                Reported::Value(v) => Some((e.as_of, v)),
                Reported::Done(_) => None,
            });
            rows.push(GridRow { project: pi, indicator: ii, planned, next, last });
        }
    }
    rows
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

/// The entries of the typed cells (blank cells are skipped), or the error of every bad cell: one bad
/// cell saves nothing.
pub fn grid_entries(plan: &Plan, rows: &[GridRow], cells: &[String], as_of: Date) -> Result<Vec<NewEntry>, Vec<Option<InputError>>> {
    let mut errors = vec![None; rows.len()];
    let mut entries = Vec::new();
    for (k, (row, text)) in rows.iter().zip(cells).enumerate() {
        if text.trim().is_empty() {
            continue;
        }
        let p = &plan.projects[row.project];
        let ind = &p.indicators[row.indicator];
        match parse_value(text, ind) {
            Ok(v) => entries.push(NewEntry {
                project: p.id.clone(),
                subject: Subject::Indicator(ind.id.clone()),
                reported: Reported::Value(v),
                as_of,
                note: String::new(),
            }),
            Err(e) => errors[k] = Some(e),
        }
    }
    if errors.iter().any(Option::is_some) {
        Err(errors)
    } else {
        Ok(entries)
    }
}

/// Lines pasted from a spreadsheet column: the first cell of each line, trimmed. `None` for a single
/// value (an ordinary paste into one cell).
pub fn pasted_column(text: &str) -> Option<Vec<String>> {
    let lines: Vec<String> = text.lines().map(|l| l.split('\t').next().unwrap_or("").trim().to_string()).collect();
    (lines.len() > 1).then_some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::import_list;
    use crate::domain::ledger::Ledger;

    fn d(m: u8, day: u8) -> Date {
        Date::new(2024, m, day).unwrap()
    }

    #[test]
    fn default_month_is_the_last_month_end_reached() {
        assert_eq!(default_month(d(9, 30), d(11, 29), 2024), 9);
        assert_eq!(default_month(d(10, 15), d(11, 29), 2024), 9);
        assert_eq!(default_month(d(12, 31), d(7, 3), 2024), 6, "not after today");
        assert_eq!(default_month(d(1, 10), d(1, 10), 2024), 1, "January at the latest");
        assert_eq!(default_month(d(12, 31), Date::new(2026, 11, 29).unwrap(), 2024), 12, "a past year: December");
    }

    #[test]
    fn as_of_is_the_month_end_or_today() {
        assert_eq!(grid_as_of(2024, 9, d(11, 29)), Ok(d(9, 30)));
        assert_eq!(grid_as_of(2024, 11, d(11, 20)), Ok(d(11, 20)), "a running month: today");
        assert_eq!(grid_as_of(2025, 1, d(11, 20)), Err(GridError::MonthNotStarted));
        assert_eq!(grid_as_of(2024, 13, d(11, 20)), Err(GridError::MonthNotStarted));
    }

    #[test]
    fn rows_cells_and_entries_on_the_seed() {
        let plan = import_list(include_str!("../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan;
        let view = LedgerView::new(&plan, &Ledger::default());
        let rows = grid_rows(&plan, &view, "市住保房管局", 9);
        assert_eq!(rows.len(), 5);
        assert!(rows.iter().all(|r| plan.projects[r.project].lead_unit == "市住保房管局"));
        assert!(grid_rows(&plan, &view, "不存在的单位", 9).is_empty());
        let mut cells = vec![String::new(); 5];
        cells[0] = "410".into();
        cells[2] = " ".into();
        let entries = grid_entries(&plan, &rows, &cells, d(9, 30)).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].reported, Reported::Value(410.0));
        cells[4] = "many".into();
        let errors = grid_entries(&plan, &rows, &cells, d(9, 30)).unwrap_err();
        assert_eq!(errors.iter().filter(|e| e.is_some()).count(), 1);
        assert_eq!(errors[4], Some(InputError::NotANumber { text: "many".into() }));
    }

    #[test]
    fn a_pasted_column() {
        assert_eq!(pasted_column("410\n76\t x\n4600\n"), Some(vec!["410".to_string(), "76".into(), "4600".into()]));
        assert_eq!(pasted_column("410"), None);
    }
}
