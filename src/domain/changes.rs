//! 较上期变化: how each project's light moved between two report dates (by default the latest
//! month-end with reports and the one before): worse or better, newly overdue, newly completed, each
//! with the reason of its light now.
//!
//! Invariant: compares statuses the caller evaluated; the order of lights is `Light`'s own (declared
//! by severity: 已完成 < 正常 < 滞后 < 未填报 < 严重滞后); no words.

use super::date::Date;
use super::ledger::{month_of, LedgerView, Month};
use super::plan::Plan;
use super::status::{Light, ProjectStatus, Reason};

/// How many changes went which way: the one count of 较上期变化's summary and the bulletin's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChangeCounts {
    pub better: usize,
    pub worse: usize,
    pub newly_overdue: usize,
    pub newly_done: usize,
}

pub fn count_changes(moved: &[LightChange]) -> ChangeCounts {
    let mut n = ChangeCounts::default();
    for c in moved {
        match c.direction {
            Direction::Worse => n.worse += 1,
            Direction::Better => n.better += 1,
        }
        n.newly_overdue += usize::from(c.newly_overdue);
        n.newly_done += usize::from(c.newly_done);
    }
    n
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    Worse,
    Better,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LightChange {
    pub project: usize,
    pub from: Light,
    pub from_overdue: bool,
    pub to: Light,
    pub to_overdue: bool,
    pub direction: Direction,
    /// Past its due date and not complete now, and not before.
    pub newly_overdue: bool,
    pub newly_done: bool,
    /// Why it has its light now.
    pub reason: Option<Reason>,
}

/// Whether the light reads 逾期: red because the due date passed (a project without any report stays
/// grey, 未填报, even past its due date).
fn shown_overdue(s: &ProjectStatus) -> bool {
    s.overdue && s.light == Light::Serious
}

/// The change of one project, or `None` when its light did not move.
pub fn change_of(project: usize, before: &ProjectStatus, after: &ProjectStatus) -> Option<LightChange> {
    let newly_overdue = shown_overdue(after) && !shown_overdue(before);
    // `Light` is declared in order of severity.
    let (a, b) = (before.light, after.light);
    if a == b && !newly_overdue {
        return None;
    }
    Some(LightChange {
        project,
        from: before.light,
        from_overdue: shown_overdue(before),
        to: after.light,
        to_overdue: shown_overdue(after),
        direction: if b > a || newly_overdue { Direction::Worse } else { Direction::Better },
        newly_overdue,
        newly_done: after.light == Light::Done && before.light != Light::Done,
        reason: after.reasons.first().cloned(),
    })
}

/// Every change among `rows`, worse first (most serious first), then better; each group in the
/// order of `rows`.
pub fn changes(before: &[ProjectStatus], after: &[ProjectStatus], rows: &[usize]) -> Vec<LightChange> {
    let mut out: Vec<LightChange> = rows.iter().filter_map(|&i| change_of(i, &before[i], &after[i])).collect();
    super::order::sort_by(&mut out, |x, y| (x.direction, std::cmp::Reverse(x.to)).cmp(&(y.direction, std::cmp::Reverse(y.to))));
    out
}

/// The two dates compared by default: the latest month-end (of a month with a figure or step
/// reported) on or before `report_date`, and the month-end before it. Without any report: the last
/// month-end before the report date and the one before that.
pub fn default_periods(plan: &Plan, view: &LedgerView, report_date: Date) -> (Date, Date) {
    let latest = plan
        .projects
        .iter()
        .flat_map(|p| (1..=12).map(|m| Month::new(plan.year, m)).filter(|m| view.submitted_in(&p.id, *m).is_some()).collect::<Vec<_>>())
        .filter(|m| m.end() <= report_date || *m == month_of(report_date))
        .max();
    let now = match latest {
        Some(m) => m.end().min(report_date),
        None => previous_month_end(report_date),
    };
    (previous_month_end(now), now)
}

/// The last month-end strictly before `date`.
pub fn previous_month_end(date: Date) -> Date {
    month_of(date).previous().end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{d, list};
    use crate::domain::ledger::{Entry, Ledger, Reported, Subject};
    use crate::domain::status::{evaluate_all, Settings};

    const ROWS: &str = "1\t甲类\t新增示范点 100 个\t张三\t市A局\t李四\t\t9月底\t8月底前完成不少于 50 个；9月底前全面完成。
\t\t建设驿站 10 家\t张三\t市A局\t李四\t\t11月底\t8月底前完成不少于 5 家；11月底前全面完成。
2\t乙类\t培训 200 人次\t王五\t市B局\t赵六\t\t9月底\t8月底前完成 100 人次；9月底前完成 200 人次。
";


    fn entry(plan: &Plan, id: &str, project: usize, v: f64, as_of: Date) -> Entry {
        let p = &plan.projects[project];
        Entry {
            id: id.into(),
            project: p.id.clone(),
            subject: Subject::Indicator(p.indicators[0].id.clone()),
            reported: Reported::Value(v),
            as_of,
            note: String::new(),
            unit: p.lead_unit.to_string(),
            person: String::new(),
            recorded_at: "2024-10-01T00:00:00.000Z".into(),
            supersedes: None,
            deleted: false,
        }
    }

    #[test]
    fn worse_better_newly_overdue_and_newly_done() {
        let plan = list(ROWS);
        let mut l = Ledger::default();
        l.add(entry(&plan, "a", 0, 50.0, d(8, 31)));
        l.add(entry(&plan, "b", 0, 60.0, d(9, 30)));
        l.add(entry(&plan, "c", 1, 2.0, d(8, 31)));
        l.add(entry(&plan, "d", 1, 6.0, d(9, 30)));
        l.add(entry(&plan, "e", 2, 100.0, d(8, 31)));
        l.add(entry(&plan, "f", 2, 200.0, d(9, 30)));
        let view = LedgerView::new(&plan, &l);
        let (prev, now) = default_periods(&plan, &view, d(10, 15));
        assert_eq!((prev, now), (d(8, 31), d(9, 30)));
        let s = Settings::default();
        let before = evaluate_all(&plan, &view, prev, &s);
        let after = evaluate_all(&plan, &view, now, &s);
        let list = changes(&before, &after, &[0, 1, 2]);
        let summary: Vec<(usize, Light, Light, Direction)> = list.iter().map(|c| (c.project, c.from, c.to, c.direction)).collect();
        assert_eq!(summary, vec![
            (0, Light::OnTrack, Light::Serious, Direction::Worse),
            (1, Light::Serious, Light::OnTrack, Direction::Better),
            (2, Light::OnTrack, Light::Done, Direction::Better),
        ]);
        assert!(matches!(list[0].reason, Some(Reason::Shortfall { .. })));
        assert!(list[2].newly_done && !list[1].newly_done);
        // At 10-01 the first project is past its due date unfinished: newly overdue.
        let later = evaluate_all(&plan, &view, d(10, 1), &s);
        let list = changes(&after, &later, &[0, 1, 2]);
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].project, list[0].direction, list[0].newly_overdue), (0, Direction::Worse, true));
        assert!(matches!(list[0].reason, Some(Reason::Overdue { .. })));
    }

    #[test]
    fn a_project_without_reports_past_its_due_date_has_not_changed() {
        let plan = list(ROWS);
        let view = LedgerView::new(&plan, &Ledger::default());
        let s = Settings::default();
        let before = evaluate_all(&plan, &view, d(9, 30), &s);
        let after = evaluate_all(&plan, &view, d(10, 31), &s);
        assert!(after[0].overdue && after[0].light == Light::NotReported);
        assert!(changes(&before, &after, &[0, 1, 2]).is_empty());
    }

    #[test]
    fn default_periods_without_reports() {
        let plan = list(ROWS);
        let view = LedgerView::new(&plan, &Ledger::default());
        assert_eq!(default_periods(&plan, &view, d(10, 15)), (d(8, 31), d(9, 30)));
        assert_eq!(default_periods(&plan, &view, d(9, 30)), (d(7, 31), d(8, 31)));
        assert_eq!(previous_month_end(d(3, 1)), d(2, 29));
    }

}
