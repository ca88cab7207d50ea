//! Browsing the list: filters, search, facet counts, grouping and sorting. Pure functions over the plan
//! (and, once computed, the status lights), returning project indices so nothing is cloned per keystroke.

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

/// Pre-normalised search text of every project, built once per plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchIndex {
    keys: Vec<String>,
    co_unit_keys: Vec<Vec<String>>,
}

impl SearchIndex {
    pub fn new(plan: &Plan) -> SearchIndex {
        let keys = plan
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
            .collect();
        let co_unit_keys = plan.projects.iter().map(|p| p.co_units.iter().map(|u| search_key(u)).collect()).collect();
        SearchIndex { keys, co_unit_keys }
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
    lights: Option<&'a [Light]>,
    filters: &'a Filters,
    terms: Vec<String>,
    co_keys: Vec<String>,
}

impl<'a> Matcher<'a> {
    pub fn new(plan: &'a Plan, index: &'a SearchIndex, lights: Option<&'a [Light]>, filters: &'a Filters) -> Self {
        Matcher {
            plan,
            index,
            lights,
            filters,
            terms: search_terms(&filters.search),
            co_keys: filters.co_units.iter().map(|u| search_key(u)).collect(),
        }
    }

    fn facet_matches(&self, i: usize, facet: Facet) -> bool {
        let p = &self.plan.projects[i];
        let f = self.filters;
        match facet {
            Facet::Category => f.categories.is_empty() || f.categories.contains(&p.category_no),
            Facet::Leader => f.leaders.is_empty() || p.city_leaders.iter().any(|l| f.leaders.contains(l)),
            Facet::LeadUnit => f.lead_units.is_empty() || f.lead_units.contains(&p.lead_unit),
            Facet::CoUnit => {
                self.co_keys.is_empty() || self.index.co_unit_keys[i].iter().any(|k| self.co_keys.contains(k))
            }
            Facet::Light => match self.lights {
                Some(lights) if !f.lights.is_empty() => f.lights.contains(&lights[i]),
                _ => true,
            },
            Facet::Month => f.months.is_empty() || project_months(self.plan, i).iter().any(|m| f.months.contains(m)),
        }
    }

    fn search_matches(&self, i: usize) -> bool {
        self.terms.iter().all(|t| self.index.keys[i].contains(t.as_str()))
    }

    /// Whether project `i` passes every filter except `skip` (for facet counts).
    pub fn matches_except(&self, i: usize, skip: Option<Facet>) -> bool {
        const FACETS: [Facet; 6] = [Facet::Category, Facet::Leader, Facet::LeadUnit, Facet::CoUnit, Facet::Light, Facet::Month];
        self.search_matches(i) && FACETS.iter().all(|f| Some(*f) == skip || self.facet_matches(i, *f))
    }

    pub fn matches(&self, i: usize) -> bool {
        self.matches_except(i, None)
    }
}

/// Months (of the plan year) in which a milestone or the final due date of project `i` falls.
pub fn project_months(plan: &Plan, i: usize) -> Vec<u8> {
    let p = &plan.projects[i];
    let mut months: Vec<u8> =
        p.milestones.iter().map(|m| m.due).chain(p.due).filter(|d| d.year() == plan.year).map(|d| d.month()).collect();
    months.sort_unstable();
    months.dedup();
    months
}

/// Indices of the projects that pass all filters, in official order.
pub fn filter(plan: &Plan, index: &SearchIndex, lights: Option<&[Light]>, filters: &Filters) -> Vec<usize> {
    let m = Matcher::new(plan, index, lights, filters);
    (0..plan.projects.len()).filter(|&i| m.matches(i)).collect()
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
    let m = Matcher::new(plan, index, lights, filters);
    let mut options: Vec<FacetOption> = Vec::new();
    // Spellings differing only in width ("（市）"/"(市)") are one unit: units compare by search key.
    let key = |v: &str| if facet == Facet::CoUnit { search_key(v) } else { v.to_string() };
    let bump = |options: &mut Vec<FacetOption>, value: &str, label: &str, counted: bool| {
        let k = key(value);
        match options.iter_mut().find(|o| key(&o.value) == k) {
            Some(o) => o.count += usize::from(counted),
            None => options.push(FacetOption { value: value.to_string(), label: label.to_string(), count: usize::from(counted) }),
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
    for (i, p) in plan.projects.iter().enumerate() {
        let counted = m.matches_except(i, Some(facet));
        let values: Vec<String> = match facet {
            Facet::Category => vec![p.category_no.to_string()],
            Facet::Leader => p.city_leaders.clone(),
            Facet::LeadUnit => vec![p.lead_unit.clone()],
            Facet::CoUnit => {
                let mut seen: Vec<String> = Vec::new();
                p.co_units.iter().filter(|u| {
                    let k = search_key(u);
                    let fresh = !seen.contains(&k);
                    seen.push(k);
                    fresh
                }).cloned().collect()
            }
            Facet::Light => lights.map(|l| vec![l[i].code().to_string()]).unwrap_or_default(),
            Facet::Month => project_months(plan, i).iter().map(u8::to_string).collect(),
        };
        for v in values {
            bump(&mut options, &v, &v, counted);
        }
    }
    if facet == Facet::Month {
        options.sort_by_key(|o| o.value.parse::<u8>().unwrap_or(0));
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
        SortKey::Official => rows.sort_by_key(|&i| plan.projects[i].seq),
        SortKey::Due => rows.sort_by_key(|&i| (plan.projects[i].end(), plan.projects[i].seq)),
        SortKey::Name => rows.sort_by(|&a, &b| {
            search_key(&plan.projects[a].name).cmp(&search_key(&plan.projects[b].name)).then(a.cmp(&b))
        }),
    }
}

/// Groups the filtered rows; groups come in official order (categories by 序号, units and leaders by
/// first appearance), rows within a group by `sort`. Empty groups are left out.
pub fn group_rows(plan: &Plan, rows: &[usize], grouping: Grouping, sort: SortKey) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    if grouping == Grouping::Category {
        for c in &plan.categories {
            groups.push(Group { key: format!("c{}", c.no), label: c.name.clone(), no: Some(c.no), rows: Vec::new() });
        }
    }
    for &i in rows {
        let p = &plan.projects[i];
        let (key, label) = match grouping {
            Grouping::Category => (format!("c{}", p.category_no), String::new()),
            Grouping::LeadUnit => (format!("u:{}", p.lead_unit), p.lead_unit.clone()),
            Grouping::Leader => (format!("l:{}", p.city_leader), p.city_leader.clone()),
            Grouping::None => ("all".to_string(), String::new()),
        };
        match groups.iter_mut().find(|g| g.key == key) {
            Some(g) => g.rows.push(i),
            None => groups.push(Group { key, label, no: None, rows: vec![i] }),
        }
    }
    groups.retain(|g| !g.rows.is_empty());
    if matches!(grouping, Grouping::LeadUnit | Grouping::Leader) {
        groups.sort_by_key(|g| g.rows.iter().map(|&i| plan.projects[i].seq).min());
    }
    for g in &mut groups {
        sort_rows(plan, &mut g.rows, sort);
    }
    groups
}

#[cfg(test)]
mod tests;
