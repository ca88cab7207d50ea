//! 汇报模式 slides, generated from the plan, the statuses at the report date and the current filter:
//! title, overall status, one slide per category shown, projects behind schedule, changes since the
//! last period, the extensions granted and projects closed, 现场照片 for each project with site photos,
//! one slide per leader with matters to coordinate, unit ranking and the timeline. Long lists continue on further slides so text never has to shrink.
//!
//! Invariant: which slides and which projects on each, as data; the presenter view draws them.

use super::plan::Plan;
use super::status::{Light, ProjectStatus};

/// Rows per slide before a list continues on the next slide (readable from the back of a room).
pub const ROWS_PER_SLIDE: usize = 8;
pub const RANKING_ROWS: usize = 12;
/// Matters a slide: their texts are long.
pub const MATTERS_PER_SLIDE: usize = 4;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slide {
    Title,
    Overview,
    /// A category's projects; `page` > 0 for continuations.
    Category { no: u32, projects: Vec<usize>, page: usize },
    Behind { projects: Vec<usize>, page: usize },
    /// Projects whose light changed since the last period (`changes::changes`, in its order).
    Changes { projects: Vec<usize>, page: usize },
    /// One leader's open matters (`matters::open_matters`, group index), a page of them.
    Matters { group: usize, matters: std::ops::Range<usize>, page: usize },
    /// Projects with an approved extension or closed (办结销号): the review loop's outcomes.
    Loop { projects: Vec<usize>, page: usize },
    Ranking { page: usize },
    Timeline { projects: Vec<usize>, page: usize },
    /// 现场照片: a project's site photos (佐证材料), the newest first.
    Photos { project: usize },
}

/// What the slides show besides the statuses: the changes since the last period (project indices, in
/// order) and how many open matters each leader has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    pub changed: Vec<usize>,
    pub matters_per_leader: Vec<usize>,
    /// Projects with site photos (indices): a 现场照片 slide each, for those the filter shows.
    pub photos: Vec<usize>,
}

pub fn slides(plan: &Plan, statuses: &[ProjectStatus], rows: &[usize], ranking_len: usize, extras: &Extras) -> Vec<Slide> {
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
    for (page, chunk) in extras.changed.chunks(ROWS_PER_SLIDE).enumerate() {
        out.push(Slide::Changes { projects: chunk.to_vec(), page });
    }
    let looped: Vec<usize> = rows.iter().copied().filter(|&i| statuses[i].marks.moved || statuses[i].marks.closed).collect();
    for (page, chunk) in looped.chunks(ROWS_PER_SLIDE).enumerate() {
        out.push(Slide::Loop { projects: chunk.to_vec(), page });
    }
    for &i in rows.iter().filter(|i| extras.photos.contains(i)) {
        out.push(Slide::Photos { project: i });
    }
    for (group, &n) in extras.matters_per_leader.iter().enumerate() {
        for page in 0..n.div_ceil(MATTERS_PER_SLIDE) {
            out.push(Slide::Matters { group, matters: page * MATTERS_PER_SLIDE..((page + 1) * MATTERS_PER_SLIDE).min(n), page });
        }
    }
    for page in 0..ranking_len.div_ceil(RANKING_ROWS).max(1) {
        out.push(Slide::Ranking { page });
    }
    for (page, chunk) in rows.chunks(ROWS_PER_SLIDE * 2).enumerate() {
        out.push(Slide::Timeline { projects: chunk.to_vec(), page });
    }
    out
}

/// What a key does in 汇报模式.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlideKey {
    Next,
    Previous,
    First,
    Last,
    /// Closes the enlarged row first, then leaves the mode.
    Leave,
}

/// The presenter's keys, as one table: keyboards and presentation clickers (which send PageDown and
/// PageUp, some arrows) alike. Keys are `KeyboardEvent.key` values.
pub const SLIDE_KEYS: &[(&str, SlideKey)] = &[
    ("ArrowRight", SlideKey::Next),
    ("ArrowDown", SlideKey::Next),
    ("PageDown", SlideKey::Next),
    (" ", SlideKey::Next),
    ("Enter", SlideKey::Next),
    ("ArrowLeft", SlideKey::Previous),
    ("ArrowUp", SlideKey::Previous),
    ("PageUp", SlideKey::Previous),
    ("Backspace", SlideKey::Previous),
    ("Home", SlideKey::First),
    ("End", SlideKey::Last),
    ("Escape", SlideKey::Leave),
];

pub fn slide_key(key: &str) -> Option<SlideKey> {
    SLIDE_KEYS.iter().find(|(k, _)| *k == key).map(|(_, a)| *a)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_project_with_site_photos_gets_a_slide_when_the_filter_shows_it() {
        let plan = import_list(include_str!("../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan;
        let statuses = evaluate_all(&plan, &LedgerView::new(&plan, &Ledger::default()), Date::new(2024, 9, 30).unwrap(), &Settings::default());
        let extras = Extras { photos: vec![1], ..Extras::default() };
        let deck = slides(&plan, &statuses, &[0, 1], 0, &extras);
        assert_eq!(deck.iter().filter(|s| matches!(s, Slide::Photos { .. })).collect::<Vec<_>>(), vec![&Slide::Photos { project: 1 }]);
        // Filtered out: no slide.
        assert!(!slides(&plan, &statuses, &[0], 0, &extras).iter().any(|s| matches!(s, Slide::Photos { .. })));
    }

    #[test]
    fn each_presenter_key_does_one_thing() {
        for (i, (key, action)) in SLIDE_KEYS.iter().enumerate() {
            assert!(SLIDE_KEYS[..i].iter().all(|(k, _)| k != key), "{key:?} twice");
            assert_eq!(slide_key(key), Some(*action));
        }
        assert_eq!(slide_key("f"), None);
        // What a clicker sends moves on and back.
        assert_eq!((slide_key("PageDown"), slide_key("PageUp")), (Some(SlideKey::Next), Some(SlideKey::Previous)));
    }

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
        let s = slides(&plan, &statuses, &all, ranks, &Extras::default());
        let categories = s.iter().filter(|x| matches!(x, Slide::Category { .. })).count();
        assert_eq!(categories, 10);
        assert_eq!(ranks, 19);
        // title, overview, 10 categories, behind (none), 2 ranking pages, 3 timeline pages
        assert_eq!(s.len(), 2 + 10 + 1 + 2 + 3);
        let health: Vec<usize> = all.iter().copied().filter(|&i| plan.projects[i].lead_unit == "市卫生健康委员会").collect();
        let fewer = slides(&plan, &statuses, &health, rank_units(&plan, &statuses, &health).len(), &Extras::default());
        assert_eq!(fewer.iter().filter(|x| matches!(x, Slide::Category { .. })).count(), 3);
        assert!(fewer.len() < s.len());
        // Changes after the projects behind; a slide per leader with matters (paged by four).
        let extras = Extras { changed: (0..10).collect(), matters_per_leader: vec![5, 1], photos: Vec::new() };
        let more = slides(&plan, &statuses, &all, ranks, &extras);
        let kinds: Vec<&str> = more
            .iter()
            .map(|x| match x {
                Slide::Changes { .. } => "changes",
                Slide::Matters { .. } => "matters",
                Slide::Ranking { .. } => "ranking",
                Slide::Behind { .. } => "behind",
                _ => "",
            })
            .filter(|k| !k.is_empty())
            .collect();
        assert_eq!(kinds, ["behind", "changes", "changes", "matters", "matters", "matters", "ranking", "ranking"]);
        assert!(more.contains(&Slide::Matters { group: 0, matters: 4..5, page: 1 }));
    }
}
