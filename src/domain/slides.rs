//! 汇报模式 slides, generated from the plan, the statuses at the report date and the current filter:
//! title, overall status, one slide per category shown, projects behind schedule, unit ranking and the
//! timeline. Long lists continue on further slides so text never has to shrink.
//!
//! Invariant: which slides and which projects on each, as data; the presenter view draws them.

use super::plan::Plan;
use super::status::{Light, ProjectStatus};

/// Rows per slide before a list continues on the next slide (readable from the back of a room).
pub const ROWS_PER_SLIDE: usize = 8;
pub const RANKING_ROWS: usize = 12;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slide {
    Title,
    Overview,
    /// A category's projects; `page` > 0 for continuations.
    Category { no: u32, projects: Vec<usize>, page: usize },
    Behind { projects: Vec<usize>, page: usize },
    Ranking { page: usize },
    Timeline { projects: Vec<usize>, page: usize },
}

pub fn slides(plan: &Plan, statuses: &[ProjectStatus], rows: &[usize], ranking_len: usize) -> Vec<Slide> {
    let mut out = vec![Slide::Title, Slide::Overview];
    for c in &plan.categories {
        let members: Vec<usize> = rows.iter().copied().filter(|&i| plan.projects[i].category_no == c.no).collect();
        for (page, chunk) in members.chunks(ROWS_PER_SLIDE).enumerate() {
            out.push(Slide::Category { no: c.no, projects: chunk.to_vec(), page });
        }
    }
    let behind: Vec<usize> =
        rows.iter().copied().filter(|&i| matches!(statuses[i].light, Light::Behind | Light::Serious)).collect();
    if behind.is_empty() {
        out.push(Slide::Behind { projects: Vec::new(), page: 0 });
    }
    for (page, chunk) in behind.chunks(ROWS_PER_SLIDE).enumerate() {
        out.push(Slide::Behind { projects: chunk.to_vec(), page });
    }
    for page in 0..ranking_len.div_ceil(RANKING_ROWS).max(1) {
        out.push(Slide::Ranking { page });
    }
    for (page, chunk) in rows.chunks(ROWS_PER_SLIDE * 2).enumerate() {
        out.push(Slide::Timeline { projects: chunk.to_vec(), page });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::import::import_list;
    use crate::domain::ledger::{Ledger, LedgerView};
    use crate::domain::status::{evaluate_all, rank_units, Settings};

    #[test]
    fn slides_of_the_2024_plan_and_a_filtered_view() {
        let plan = import_list(include_str!("../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan;
        let view = LedgerView::new(&plan, &Ledger::default());
        let statuses = evaluate_all(&plan, &view, Date::new(2024, 9, 30).unwrap(), &Settings::default());
        let all: Vec<usize> = (0..48).collect();
        let ranks = rank_units(&plan, &statuses, &all).len();
        let s = slides(&plan, &statuses, &all, ranks);
        let categories = s.iter().filter(|x| matches!(x, Slide::Category { .. })).count();
        assert_eq!(categories, 10);
        assert_eq!(ranks, 19);
        // title, overview, 10 categories, behind (none), 2 ranking pages, 3 timeline pages
        assert_eq!(s.len(), 2 + 10 + 1 + 2 + 3);
        let health: Vec<usize> = all.iter().copied().filter(|&i| plan.projects[i].lead_unit == "市卫生健康委员会").collect();
        let fewer = slides(&plan, &statuses, &health, rank_units(&plan, &statuses, &health).len());
        assert_eq!(fewer.iter().filter(|x| matches!(x, Slide::Category { .. })).count(), 3);
        assert!(fewer.len() < s.len());
    }
}
