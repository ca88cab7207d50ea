//! 需协调事项: the matters units ask the city leader in charge to coordinate, from their latest
//! monthly reports up to a date. A matter is open while a unit's latest report still states it: a
//! later report without it closes it. Grouped by 分管市领导, in the list's order.
//!
//! Invariant: reads report entries through the ledger view; no words.

use super::date::Date;
use super::ledger::{month_of, LedgerView, Month, Reported, Subject};
use super::plan::Plan;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matter {
    pub project: usize,
    pub unit: String,
    /// The month of the report that states it.
    pub month: Month,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaderMatters {
    /// 分管市领导 as the list writes it.
    pub leader: String,
    pub matters: Vec<Matter>,
}

/// Open matters of the projects in `rows`, as of `date`.
pub fn open_matters(plan: &Plan, view: &LedgerView, rows: &[usize], date: Date) -> Vec<LeaderMatters> {
    let mut groups: Vec<LeaderMatters> = Vec::new();
    for &i in rows {
        let p = &plan.projects[i];
        // Each unit's latest report up to the date (latest as-of, then latest recorded).
        let mut latest: Vec<&super::ledger::Entry> = Vec::new();
        for e in view.entries_until(&p.id, &Subject::Report, date) {
            match latest.iter_mut().find(|x| x.unit == e.unit) {
                Some(slot) => *slot = e,
                None => latest.push(e),
            }
        }
        for e in latest {
            let Reported::Texts(t) = &e.reported else { continue };
            if t.coordination.trim().is_empty() {
                continue;
            }
            let matter = Matter { project: i, unit: e.unit.clone(), month: month_of(e.as_of), text: t.coordination.trim().to_string() };
            match groups.iter_mut().find(|g| g.leader == p.city_leader) {
                Some(g) => g.matters.push(matter),
                None => groups.push(LeaderMatters { leader: p.city_leader.to_string(), matters: vec![matter] }),
            }
        }
    }
    groups
}

pub fn count(groups: &[LeaderMatters]) -> usize {
    groups.iter().map(|g| g.matters.len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{list};
    use crate::domain::ledger::{Entry, Ledger, ReportTexts};

    const ROWS: &str = "1\t甲类\t新增示范点 100 个\t张三\t市A局\t李四\t市C局\t11月底\t11月底前全面完成。
\t\t建设驿站 10 家\t王五\t市B局\t李四\t\t11月底\t11月底前全面完成。
\t\t开放场馆 5 家\t张三\t市B局\t赵六\t\t11月底\t11月底前全面完成。
";

    fn report(plan: &Plan, id: &str, project: usize, unit: &str, month: u8, coordination: &str) -> Entry {
        Entry {
            id: id.into(),
            project: plan.projects[project].id.clone(),
            subject: Subject::Report,
            reported: Reported::Texts(ReportTexts { coordination: coordination.into(), ..ReportTexts::default() }),
            as_of: Date::month_end(2024, month).unwrap(),
            note: String::new(),
            unit: unit.into(),
            person: String::new(),
            recorded_at: format!("2024-{:02}-02T00:00:00.000Z", month + 1),
            supersedes: None,
            deleted: false,
        }
    }

    #[test]
    fn open_while_the_latest_report_states_it_grouped_by_leader() {
        let plan = list(ROWS);
        let mut l = Ledger::default();
        l.add(report(&plan, "a8", 0, "市A局", 8, "请协调用地指标"));
        l.add(report(&plan, "a9", 0, "市A局", 9, "请协调资金 200 万元"));
        l.add(report(&plan, "c9", 0, "市C局", 9, "  "));
        l.add(report(&plan, "b8", 1, "市B局", 8, "请协调消防验收"));
        l.add(report(&plan, "b9", 1, "市B局", 9, ""));
        l.add(report(&plan, "d9", 2, "市B局", 9, "请协调场馆开放时间"));
        let view = LedgerView::new(&plan, &l);
        let all = open_matters(&plan, &view, &[0, 1, 2], Date::new(2024, 10, 10).unwrap());
        assert_eq!(all.len(), 1, "the 9月 report of 驿站 closed its matter; 张三 has two");
        assert_eq!(all[0].leader, "张三");
        let texts: Vec<&str> = all[0].matters.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, vec!["请协调资金 200 万元", "请协调场馆开放时间"]);
        assert_eq!(count(&all), 2);
        let in_august = open_matters(&plan, &view, &[0, 1, 2], Date::new(2024, 8, 31).unwrap());
        assert_eq!(in_august.iter().map(|g| g.leader.as_str()).collect::<Vec<_>>(), vec!["张三", "王五"]);
        assert!(open_matters(&plan, &view, &[1], Date::new(2024, 10, 10).unwrap()).is_empty(), "the filter applies");
    }
}
