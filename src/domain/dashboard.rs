//! Figures behind the dashboard, the bulletin and the slides: progress by group and the plan-vs-actual
//! series of an indicator. Pure and derived from statuses and the ledger.
//!
//! Invariant: figures only, from statuses and the ledger view; no drawing (that is `charts.rs`) and no words.

use super::date::Date;
use super::ledger::{LedgerView, Reported, Subject};
use super::plan::{Indicator, Plan, Project};
use super::status::{Counts, ProjectStatus};

#[derive(Clone, Debug, PartialEq)]
pub struct GroupProgress {
    pub label: String,
    pub projects: usize,
    pub counts: Counts,
    pub mean_completion: f64,
}

/// Progress of each category (official order) over the given rows; empty categories left out.
pub fn by_category(plan: &Plan, statuses: &[ProjectStatus], rows: &[usize]) -> Vec<GroupProgress> {
    plan.categories
        .iter()
        .filter_map(|c| {
            let members: Vec<usize> = rows.iter().copied().filter(|&i| plan.projects[i].category_no == c.no).collect();
            (!members.is_empty()).then(|| summarize(format!("{} {}", c.no, c.name), statuses, &members))
        })
        .collect()
}

pub fn summarize(label: String, statuses: &[ProjectStatus], members: &[usize]) -> GroupProgress {
    let counts = Counts::of(members.iter().map(|&i| &statuses[i].light));
    let mean = members.iter().map(|&i| statuses[i].completion).sum::<f64>() / members.len().max(1) as f64;
    GroupProgress { label, projects: members.len(), counts, mean_completion: mean }
}

/// The plan as a step line (value required from each milestone date on) and the reported values.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub planned: Vec<(Date, f64)>,
    pub reported: Vec<(Date, f64)>,
}

pub fn indicator_series(project: &Project, indicator: &Indicator, view: &LedgerView, until: Date) -> Series {
    let mut planned: Vec<(Date, f64)> = project
        .milestones
        .iter()
        .filter(|m| project.measured_by(m).any(|i| i.id == indicator.id))
        .filter_map(|m| indicator.required(&m.requirement).map(|v| (m.due, v)))
        .collect();
    super::order::sort_by(&mut planned, |a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    // One point per date: the highest requirement of that day.
    planned.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            earlier.1 = earlier.1.max(later.1);
            true
        } else {
            false
        }
    });
    let subject = Subject::Indicator(indicator.id.clone());
    let mut reported: Vec<(Date, f64)> = Vec::new();
    for e in view.entries_until(&project.id, &subject, until) {
        if let Reported::Value(v) = e.reported {
            // Several entries on one day: the latest recorded wins, as for the current value.
            match reported.last_mut() {
                Some(last) if last.0 == e.as_of => last.1 = v,
                _ => reported.push((e.as_of, v)),
            }
        }
    }
    Series { planned, reported }
}

/// Every quantitative indicator of the rows, as (project index, indicator index) pairs.
pub fn quantitative_indicators(plan: &Plan, rows: &[usize]) -> Vec<(usize, usize)> {
    rows.iter()
        .flat_map(|&i| {
            plan.projects[i].indicators.iter().enumerate().filter(|(_, ind)| ind.is_quantitative()).map(move |(k, _)| (i, k))
        })
        .collect()
}

/// Indicators listed at most in the plan-vs-actual menu: beyond it, the user narrows them by name.
pub const MENU_LIMIT: usize = 200;

/// Which of the menu's `labels` are listed for the text typed (`query`, matched as search matches, in
/// any part of the label): the first `limit` that match, with `chosen` first when it matches but falls
/// beyond them. Also how many match.
pub fn indicator_menu(labels: &[String], query: &str, chosen: Option<usize>, limit: usize) -> (Vec<usize>, usize) {
    let key = super::text::search_key(query);
    let matches = |l: &String| key.is_empty() || super::text::search_key(l).contains(&key);
    let mut listed = Vec::new();
    let mut total = 0;
    for (k, l) in labels.iter().enumerate() {
        if matches(l) {
            total += 1;
            if listed.len() < limit {
                listed.push(k);
            }
        }
    }
    if let Some(c) = chosen.filter(|c| !listed.contains(c) && labels.get(*c).is_some_and(matches)) {
        listed.insert(0, c);
    }
    (listed, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::import_list;
    use crate::domain::ledger::{Entry, Ledger};
    use crate::domain::status::{evaluate_all, Settings};

    #[test]
    fn series_and_groups_on_the_seed() {
        let plan = import_list(include_str!("../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan;
        let p = &plan.projects[0];
        let ind = &p.indicators[0];
        let mut ledger = Ledger::default();
        for (n, (m, v)) in [(6u8, 40.0), (9, 95.0), (9, 98.0)].into_iter().enumerate() {
            ledger.add(Entry {
                id: format!("e{n}"),
                project: p.id.clone(),
                subject: Subject::Indicator(ind.id.clone()),
                reported: Reported::Value(v),
                as_of: Date::month_end(2024, m).unwrap(),
                note: String::new(),
                unit: p.lead_unit.to_string(),
                person: String::new(),
                recorded_at: format!("2024-10-0{n}"),
                supersedes: None,
                deleted: false,
            });
        }
        let view = LedgerView::new(&plan, &ledger);
        let s = indicator_series(p, ind, &view, Date::new(2024, 12, 31).unwrap());
        assert_eq!(s.planned, vec![(Date::new(2024, 9, 30).unwrap(), 100.0), (Date::new(2024, 11, 30).unwrap(), 227.0)]);
        assert_eq!(s.reported, vec![(Date::new(2024, 6, 30).unwrap(), 40.0), (Date::new(2024, 9, 30).unwrap(), 98.0)]);
        let statuses = evaluate_all(&plan, &view, Date::new(2024, 10, 1).unwrap(), &Settings::default());
        let rows: Vec<usize> = (0..48).collect();
        let groups = by_category(&plan, &statuses, &rows);
        assert_eq!(groups.len(), 10);
        assert_eq!(groups.iter().map(|g| g.projects).sum::<usize>(), 48);
        assert!(groups[0].mean_completion > 0.0);
        assert_eq!(quantitative_indicators(&plan, &rows).len(), 56, "57 indicators, one qualitative");
    }

    #[test]
    fn the_indicator_menu_lists_the_first_that_match_and_keeps_the_chosen() {
        let labels: Vec<String> = (0..500).map(|k| format!("项目{k} · 新增床位")).chain(["养老食堂 · 助餐点".to_string()]).collect();
        let (listed, total) = indicator_menu(&labels, "", None, MENU_LIMIT);
        assert_eq!((listed.len(), total), (200, 501));
        assert_eq!(listed[..3], [0, 1, 2]);
        // Typed: only those that match, however the text is written (full-width, spaces).
        let (listed, total) = indicator_menu(&labels, " 助餐 ", None, MENU_LIMIT);
        assert_eq!((listed, total), (vec![500], 1));
        let (listed, total) = indicator_menu(&labels, "项目４９９", None, MENU_LIMIT);
        assert_eq!((listed, total), (vec![499], 1));
        // The one chosen stays in the menu while it matches, first when it would fall beyond the limit.
        let (listed, _) = indicator_menu(&labels, "", Some(450), MENU_LIMIT);
        assert_eq!((listed[0], listed.len()), (450, 201));
        let (listed, _) = indicator_menu(&labels, "", Some(3), MENU_LIMIT);
        assert_eq!((listed[3], listed.len()), (3, 200));
        assert_eq!(indicator_menu(&labels, "助餐", Some(450), MENU_LIMIT).0, vec![500]);
        assert_eq!(indicator_menu(&labels, "没有", None, MENU_LIMIT), (vec![], 0));
    }
}
