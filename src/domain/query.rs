//! Browsing the list: filters, search, facet counts, grouping and sorting. Pure functions over the plan
//! (and, once computed, the status lights), returning project indices so nothing is cloned per keystroke.
//!
//! Invariant: knows the plan and the lights, not how they are shown; the filter bar, list and timeline
//! only bind to these functions.

use super::plan::Plan;
use super::status::Light;
use super::text::search_key;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Category numbers (类别).
    pub categories: Vec<u32>,
    /// 分管市领导 names.
    pub leaders: Vec<String>,
    /// 牵头单位 names.
    pub lead_units: Vec<String>,
    /// 配合单位 names: a project matches when the unit is among its cooperating units.
    pub co_units: Vec<String>,
    /// 状态.
    pub lights: Vec<Light>,
    /// 截止月份: a milestone or the final due date falls in the month.
    pub months: Vec<u8>,
    /// 搜索: every whitespace-separated term must occur in some text of the project.
    pub search: String,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The chosen values of a facet, as stored in URLs and compared with [`FacetOption::value`].
    pub fn selected(&self, facet: Facet) -> Vec<String> {
        match facet {
            Facet::Category => self.categories.iter().map(u32::to_string).collect(),
            Facet::Leader => self.leaders.clone(),
            Facet::LeadUnit => self.lead_units.clone(),
            Facet::CoUnit => self.co_units.clone(),
            Facet::Light => self.lights.iter().map(|l| l.code().to_string()).collect(),
            Facet::Month => self.months.iter().map(u8::to_string).collect(),
        }
    }

    /// Chooses (`on`) or drops a value of a facet; a value the facet cannot hold changes nothing.
    pub fn toggle(&mut self, facet: Facet, value: &str, on: bool) {
        fn set<T: PartialEq>(list: &mut Vec<T>, v: Option<T>, on: bool) {
            let Some(v) = v else { return };
            list.retain(|x| *x != v);
            if on {
                list.push(v);
            }
        }
        match facet {
            Facet::Category => set(&mut self.categories, value.parse().ok(), on),
            Facet::Leader => set(&mut self.leaders, Some(value.to_string()), on),
            Facet::LeadUnit => set(&mut self.lead_units, Some(value.to_string()), on),
            Facet::CoUnit => set(&mut self.co_units, Some(value.to_string()), on),
            Facet::Light => set(&mut self.lights, Light::from_code(value), on),
            Facet::Month => set(&mut self.months, value.parse().ok().filter(|m| (1..=12).contains(m)), on),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Facet {
    Category,
    Leader,
    LeadUnit,
    CoUnit,
    Light,
    Month,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Grouping {
    #[default]
    Category,
    LeadUnit,
    Leader,
    None,
}

impl Grouping {
    pub const ALL: [Grouping; 4] = [Grouping::Category, Grouping::LeadUnit, Grouping::Leader, Grouping::None];
    pub fn code(self) -> &'static str {
        match self {
            Grouping::Category => "category",
            Grouping::LeadUnit => "lead",
            Grouping::Leader => "leader",
            Grouping::None => "none",
        }
    }
    pub fn from_code(s: &str) -> Option<Grouping> {
        Grouping::ALL.into_iter().find(|g| g.code() == s)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    #[default]
    Official,
    Due,
    Name,
}

impl SortKey {
    pub const ALL: [SortKey; 3] = [SortKey::Official, SortKey::Due, SortKey::Name];
    pub fn code(self) -> &'static str {
        match self {
            SortKey::Official => "official",
            SortKey::Due => "due",
            SortKey::Name => "name",
        }
    }
    pub fn from_code(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// Pre-normalised keys of every project, built once per plan. The full-text keys are built on the
/// first search only: a list opened and filtered by facets never pays for them.
#[derive(Debug, Default)]
pub struct SearchIndex {
    keys: std::sync::OnceLock<Vec<String>>,
    /// The distinct 配合单位 as search keys; project i's are `co_unit_keys[co_units[k]]` for k in
    /// `co_unit_ends[i - 1]..co_unit_ends[i]` (flat: one list for all projects, not one each).
    co_unit_keys: Vec<String>,
    co_units: Vec<u32>,
    co_unit_ends: Vec<u32>,
    /// Months (bit m for month m) in which a milestone or the due date of each project falls.
    months: Vec<u16>,
}

impl SearchIndex {
    pub fn new(plan: &Plan) -> SearchIndex {
        let (mut co_unit_keys, mut co_units, mut co_unit_ends) = (Vec::new(), Vec::new(), Vec::with_capacity(plan.projects.len()));
        let mut numbers: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        for p in &plan.projects {
            for u in &p.co_units {
                let n = *numbers.entry(u.as_str()).or_insert_with(|| {
                    co_unit_keys.push(search_key(u));
                    co_unit_keys.len() as u32 - 1
                });
                co_units.push(n);
            }
            co_unit_ends.push(co_units.len() as u32);
        }
        let months = (0..plan.projects.len())
            .map(|i| project_months(plan, i).iter().fold(0u16, |bits, m| bits | (1 << m)))
            .collect();
        SearchIndex { keys: std::sync::OnceLock::new(), co_unit_keys, co_units, co_unit_ends, months }
    }

    /// The numbers of project `i`'s 配合单位 in `co_unit_keys`.
    fn co_units_of(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.co_unit_ends[i - 1] as usize };
        &self.co_units[start..self.co_unit_ends[i] as usize]
    }

    /// The full-text keys, built now if no search has needed them yet.
    pub fn text_keys(&self, plan: &Plan) -> &[String] {
        self.keys.get_or_init(|| Self::build_keys(plan))
    }

    fn build_keys(plan: &Plan) -> Vec<String> {
        plan
            .projects
            .iter()
            .map(|p| {
                let category = plan.category(p.category_no).map(|c| c.name.as_str()).unwrap_or("");
                search_key(&[
                    p.name.as_str(),
                    category,
                    &p.city_leader,
                    &p.lead_unit,
                    &p.lead_unit_leader,
                    &p.co_units_text,
                    &p.due_text,
                    &p.plan_text,
                ]
                .join("\u{1}"))
            })
            .collect()
    }
}

/// Search terms as the index compares them.
pub fn search_terms(search: &str) -> Vec<String> {
    search.split_whitespace().map(search_key).filter(|t| !t.is_empty()).collect()
}

/// Everything needed to test one project against the filters, prepared once per query.
pub struct Matcher<'a> {
    plan: &'a Plan,
    index: &'a SearchIndex,
    keys: &'a [String],
    lights: Option<&'a [Light]>,
    filters: &'a Filters,
    terms: Vec<String>,
    /// The 配合单位 filter as numbers of `SearchIndex::co_unit_keys`; `None` without that filter.
    co_units: Option<Vec<u32>>,
}

impl<'a> Matcher<'a> {
    pub fn new(plan: &'a Plan, index: &'a SearchIndex, lights: Option<&'a [Light]>, filters: &'a Filters) -> Self {
        let terms = search_terms(&filters.search);
        let keys = if terms.is_empty() { &[][..] } else { index.text_keys(plan) };
        Matcher {
            plan,
            index,
            keys,
            lights,
            filters,
            terms,
            co_units: (!filters.co_units.is_empty()).then(|| {
                let wanted: Vec<String> = filters.co_units.iter().map(|u| search_key(u)).collect();
                (0..index.co_unit_keys.len() as u32).filter(|&n| wanted.contains(&index.co_unit_keys[n as usize])).collect()
            }),
        }
    }

    fn facet_matches(&self, i: usize, facet: Facet) -> bool {
        let p = &self.plan.projects[i];
        let f = self.filters;
        match facet {
            Facet::Category => f.categories.is_empty() || f.categories.contains(&p.category_no),
            Facet::Leader => f.leaders.is_empty() || p.city_leaders.iter().any(|l| f.leaders.iter().any(|x| x == l)),
            Facet::LeadUnit => f.lead_units.is_empty() || f.lead_units.iter().any(|x| *x == p.lead_unit),
            Facet::CoUnit => {
                self.co_units.as_ref().is_none_or(|wanted| self.index.co_units_of(i).iter().any(|n| wanted.contains(n)))
            }
            Facet::Light => match self.lights {
                Some(lights) if !f.lights.is_empty() => f.lights.contains(&lights[i]),
                _ => true,
            },
            Facet::Month => f.months.is_empty() || f.months.iter().any(|m| self.index.months[i] & (1 << m) != 0),
        }
    }

    fn search_matches(&self, i: usize) -> bool {
        self.terms.iter().all(|t| self.keys[i].contains(t.as_str()))
    }

    /// Which tests project `i` passes: bit 0 the search, then one bit per facet (see [`facet_bit`]).
    pub fn mask(&self, i: usize) -> u8 {
        let mut m = u8::from(self.search_matches(i));
        for f in FACETS {
            if self.facet_matches(i, f) {
                m |= facet_bit(f);
            }
        }
        m
    }

    pub fn matches(&self, i: usize) -> bool {
        self.mask(i) == ALL_PASS
    }
}

const FACETS: [Facet; 6] = [Facet::Category, Facet::Leader, Facet::LeadUnit, Facet::CoUnit, Facet::Light, Facet::Month];
/// The mask of a project that passes every test.
pub const ALL_PASS: u8 = 0x7F;

pub fn facet_bit(f: Facet) -> u8 {
    match f {
        Facet::Category => 2,
        Facet::Leader => 4,
        Facet::LeadUnit => 8,
        Facet::CoUnit => 16,
        Facet::Light => 32,
        Facet::Month => 64,
    }
}

/// The test results of every project, computed once per query; rows and facet counts read them.
pub fn match_masks(plan: &Plan, index: &SearchIndex, lights: Option<&[Light]>, filters: &Filters) -> Vec<u8> {
    let m = Matcher::new(plan, index, lights, filters);
    (0..plan.projects.len()).map(|i| m.mask(i)).collect()
}

/// Whether a project whose key holds every term of `after` surely holds every term of `before`: each
/// earlier term is inside some later one ("新建" after "新"; none before is narrowed by anything).
fn narrows(before: &[String], after: &[String]) -> bool {
    before.iter().all(|b| after.iter().any(|a| a.contains(b.as_str())))
}

/// The test results for `filters`, reusing `before`, those computed for `previous` (same plan, same
/// lights): when only the search changed and the new one narrows the previous one (a letter typed),
/// only the projects that passed the previous search are searched again; when it widens it (a letter
/// deleted), only those that failed it. Otherwise every project is tested, as `match_masks` does.
pub fn match_masks_from(plan: &Plan, index: &SearchIndex, lights: Option<&[Light]>, filters: &Filters, previous: &Filters, before: &[u8]) -> Vec<u8> {
    let same_facets = before.len() == plan.projects.len() && Filters { search: String::new(), ..previous.clone() } == Filters { search: String::new(), ..filters.clone() };
    let (old, new) = (search_terms(&previous.search), search_terms(&filters.search));
    let (narrower, wider) = (narrows(&old, &new), narrows(&new, &old));
    if !same_facets || !(narrower || wider) {
        return match_masks(plan, index, lights, filters);
    }
    let m = Matcher::new(plan, index, lights, filters);
    before
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let passed = b & 1 == 1;
            if (narrower && !passed) || (wider && passed) {
                b
            } else {
                (b & !1) | u8::from(m.search_matches(i))
            }
        })
        .collect()
}

pub fn rows_of(masks: &[u8]) -> Vec<usize> {
    masks.iter().enumerate().filter(|(_, m)| **m == ALL_PASS).map(|(i, _)| i).collect()
}

/// Months (of the plan year) in which a milestone or the final due date of project `i` falls.
pub fn project_months(plan: &Plan, i: usize) -> Vec<u8> {
    let p = &plan.projects[i];
    let mut months: Vec<u8> =
        p.milestones.iter().map(|m| m.due).chain(p.due).filter(|d| d.year() == plan.year).map(|d| d.month()).collect();
    super::order::sort_by(&mut months, |a, b| a.cmp(b));
    months.dedup();
    months
}

/// Indices of the projects that pass all filters, in official order.
pub fn filter(plan: &Plan, index: &SearchIndex, lights: Option<&[Light]>, filters: &Filters) -> Vec<usize> {
    rows_of(&match_masks(plan, index, lights, filters))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetOption {
    /// The value as stored in filters and URLs.
    pub value: String,
    pub label: String,
    /// Projects matching every other filter plus this choice.
    pub count: usize,
}

/// The choices of a facet with their counts, in a stable order (official order of first appearance).
pub fn facet_options(
    plan: &Plan,
    index: &SearchIndex,
    lights: Option<&[Light]>,
    filters: &Filters,
    facet: Facet,
) -> Vec<FacetOption> {
    facet_options_from(plan, lights, &match_masks(plan, index, lights, filters), facet)
}

/// Facet choices and counts from precomputed masks: a project counts for a choice when it passes every
/// test but this facet's.
pub fn facet_options_from(plan: &Plan, lights: Option<&[Light]>, masks: &[u8], facet: Facet) -> Vec<FacetOption> {
    let mut options: Vec<FacetOption> = Vec::new();
    let mut by_key: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Spellings differing only in width ("（市）"/"(市)") are one unit: units compare by search key.
    let key = |v: &str| if facet == Facet::CoUnit { search_key(v) } else { v.to_string() };
    let mut bump = |options: &mut Vec<FacetOption>, value: &str, label: &str, counted: bool| {
        let k = key(value);
        match by_key.get(&k) {
            Some(&i) => options[i].count += usize::from(counted),
            None => {
                by_key.insert(k, options.len());
                options.push(FacetOption { value: value.to_string(), label: label.to_string(), count: usize::from(counted) });
            }
        }
    };
    match facet {
        Facet::Category => {
            for c in &plan.categories {
                bump(&mut options, &c.no.to_string(), &c.name, false);
            }
        }
        Facet::Light => {
            for l in Light::ALL {
                bump(&mut options, l.code(), l.code(), false);
            }
        }
        _ => {}
    }
    let others = ALL_PASS & !facet_bit(facet);
    for (i, p) in plan.projects.iter().enumerate() {
        let counted = masks[i] & others == others;
        match facet {
            Facet::Category => bump(&mut options, &p.category_no.to_string(), "", counted),
            Facet::Leader => {
                for l in &p.city_leaders {
                    bump(&mut options, l, l, counted);
                }
            }
            Facet::LeadUnit => bump(&mut options, &p.lead_unit, &p.lead_unit, counted),
            Facet::CoUnit => {
                let mut seen: Vec<String> = Vec::new();
                for u in &p.co_units {
                    let k = search_key(u);
                    if !seen.contains(&k) {
                        seen.push(k);
                        bump(&mut options, u, u, counted);
                    }
                }
            }
            Facet::Light => {
                if let Some(l) = lights {
                    bump(&mut options, l[i].code(), l[i].code(), counted);
                }
            }
            Facet::Month => {
                for m in project_months(plan, i) {
                    bump(&mut options, &m.to_string(), &m.to_string(), counted);
                }
            }
        }
    }
    if facet == Facet::Month {
        super::order::sort_by_key(&mut options, |o| o.value.parse::<u8>().unwrap_or(0));
    }
    options
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub key: String,
    pub label: String,
    /// 序号 of a category group.
    pub no: Option<u32>,
    pub rows: Vec<usize>,
}

fn sort_rows(plan: &Plan, rows: &mut [usize], sort: SortKey) {
    match sort {
        SortKey::Official => super::order::sort_slice_by(rows, |&a, &b| plan.projects[a].seq.cmp(&plan.projects[b].seq)),
        SortKey::Due => super::order::sort_slice_by(rows, |&a, &b| {
            (plan.projects[a].end(), plan.projects[a].seq).cmp(&(plan.projects[b].end(), plan.projects[b].seq))
        }),
        SortKey::Name => {
            // Keys computed once per row, not once per comparison.
            let mut keyed: Vec<(String, usize)> = rows.iter().map(|&i| (search_key(&plan.projects[i].name), i)).collect();
            super::order::sort_by(&mut keyed, |a, b| a.cmp(b));
            for (slot, (_, i)) in rows.iter_mut().zip(keyed) {
                *slot = i;
            }
        }
    }
}

/// Groups the filtered rows; groups come in official order (categories by 序号, units and leaders by
/// first appearance), rows within a group by `sort`. Empty groups are left out.
pub fn group_rows(plan: &Plan, rows: &[usize], grouping: Grouping, sort: SortKey) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    // Group index by the grouping value (no key string built per row: lists reach 10,000 rows).
    let mut by_value: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut by_category: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
    if grouping == Grouping::Category {
        for c in &plan.categories {
            by_category.insert(c.no, groups.len());
            groups.push(Group { key: format!("c{}", c.no), label: c.name.clone(), no: Some(c.no), rows: Vec::new() });
        }
    }
    for &i in rows {
        let p = &plan.projects[i];
        let slot = match grouping {
            Grouping::Category => by_category.get(&p.category_no).copied(),
            Grouping::LeadUnit => by_value.get(p.lead_unit.as_str()).copied(),
            Grouping::Leader => by_value.get(p.city_leader.as_str()).copied(),
            Grouping::None => groups.first().map(|_| 0),
        };
        let g = match slot {
            Some(g) => g,
            None => {
                let (key, label, no) = match grouping {
                    Grouping::Category => (format!("c{}", p.category_no), String::new(), Some(p.category_no)),
                    Grouping::LeadUnit => (format!("u:{}", p.lead_unit), p.lead_unit.to_string(), None),
                    Grouping::Leader => (format!("l:{}", p.city_leader), p.city_leader.to_string(), None),
                    Grouping::None => ("all".to_string(), String::new(), None),
                };
                match grouping {
                    Grouping::Category => {
                        by_category.insert(p.category_no, groups.len());
                    }
                    Grouping::LeadUnit => {
                        by_value.insert(p.lead_unit.as_str(), groups.len());
                    }
                    Grouping::Leader => {
                        by_value.insert(p.city_leader.as_str(), groups.len());
                    }
                    Grouping::None => {}
                }
                groups.push(Group { key, label, no, rows: Vec::new() });
                groups.len() - 1
            }
        };
        groups[g].rows.push(i);
    }
    groups.retain(|g| !g.rows.is_empty());
    if matches!(grouping, Grouping::LeadUnit | Grouping::Leader) {
        super::order::sort_by_key(&mut groups, |g| g.rows.iter().map(|&i| plan.projects[i].seq).min());
    }
    for g in &mut groups {
        sort_rows(plan, &mut g.rows, sort);
    }
    groups
}

/// A row of the list or the timeline: a project, or one indicator of a project with several (the
/// timeline, when expanded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowRef {
    pub project: usize,
    pub indicator: Option<usize>,
}

/// A line of the list or the timeline: a group heading or a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Group { label: String, no: Option<u32>, count: usize },
    Row(RowRef),
}

/// The groups as lines in display order: each group's heading (unless ungrouped), then its projects;
/// projects in `expanded` get one extra row per indicator. The one layout of the list and the timeline.
pub fn lines(plan: &Plan, groups: &[Group], grouped: bool, expanded: &[String]) -> Vec<Line> {
    let mut out = Vec::new();
    for g in groups {
        if grouped {
            let label = match g.no.and_then(|n| plan.category(n)) {
                Some(c) => c.name.clone(),
                None => g.label.clone(),
            };
            out.push(Line::Group { label, no: g.no, count: g.rows.len() });
        }
        for &i in &g.rows {
            out.push(Line::Row(RowRef { project: i, indicator: None }));
            let p = &plan.projects[i];
            if p.indicators.len() > 1 && expanded.contains(&p.id) {
                out.extend((0..p.indicators.len()).map(|k| Line::Row(RowRef { project: i, indicator: Some(k) })));
            }
        }
    }
    out
}

/// The label of a group as shown: a category's name, or the unit or leader it stands for.
pub fn group_label(plan: &Plan, group: &Group) -> String {
    group.no.and_then(|n| plan.category(n)).map(|c| c.name.clone()).unwrap_or_else(|| group.label.clone())
}

#[cfg(test)]
mod tests;
