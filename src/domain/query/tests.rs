use super::*;
use crate::domain::import::import_list;

const SEED: &str = include_str!("../../../tests/fixtures/hangzhou-2024.txt");

fn seed() -> (Plan, SearchIndex) {
    let plan = import_list(SEED, None).unwrap().plan;
    let index = SearchIndex::new(&plan);
    (plan, index)
}

fn count(f: Filters) -> usize {
    let (plan, index) = seed();
    filter(&plan, &index, None, &f).len()
}

#[test]
fn single_filters_on_the_seed() {
    assert_eq!(count(Filters::default()), 48);
    assert_eq!(count(Filters { lead_units: vec!["市卫生健康委员会".into()], ..Default::default() }), 6);
    assert_eq!(count(Filters { leaders: vec!["丁狄刚".into()], ..Default::default() }), 14);
    assert_eq!(count(Filters { leaders: vec!["方毅".into()], ..Default::default() }), 24);
    assert_eq!(count(Filters { co_units: vec!["市财政局".into()], ..Default::default() }), 27);
    assert_eq!(count(Filters { categories: vec![3], ..Default::default() }), 7);
    assert_eq!(count(Filters { months: vec![9], ..Default::default() }), 43);
    assert_eq!(count(Filters { months: vec![5], ..Default::default() }), 2);
}

#[test]
fn co_unit_spellings_in_both_widths_are_one_unit() {
    assert_eq!(count(Filters { co_units: vec!["各区、县(市)政府".into()], ..Default::default() }), 28);
    assert_eq!(count(Filters { co_units: vec!["各区、县（市）政府".into()], ..Default::default() }), 28);
    let (plan, index) = seed();
    let options = facet_options(&plan, &index, None, &Filters::default(), Facet::CoUnit);
    let matching: Vec<&FacetOption> = options.iter().filter(|o| search_key(&o.value) == search_key("各区、县(市)政府")).collect();
    assert_eq!(matching.len(), 1);
    assert_eq!(matching[0].count, 28);
}

#[test]
fn filters_combine_and_values_within_a_filter_are_alternatives() {
    assert_eq!(count(Filters { leaders: vec!["丁狄刚".into()], categories: vec![4], ..Default::default() }), 5);
    assert_eq!(count(Filters { leaders: vec!["丁狄刚".into(), "方毅".into()], ..Default::default() }), 38);
    assert_eq!(
        count(Filters { lead_units: vec!["市卫生健康委员会".into()], co_units: vec!["市财政局".into()], ..Default::default() }),
        4
    );
}

#[test]
fn search_is_width_space_and_quote_tolerant() {
    for q in ["青荷驿站", "“青荷驿站”", "\"青荷驿站\"", "青荷 驿站", "ＨＰＶ", "hpv"] {
        let n = count(Filters { search: q.into(), ..Default::default() });
        assert_eq!(n, 1, "{q}");
    }
    assert_eq!(count(Filters { search: "市残联 托养".into(), ..Default::default() }), 1);
    assert_eq!(count(Filters { search: "王旭初".into(), ..Default::default() }), 4);
    assert_eq!(count(Filters { search: "不存在的词".into(), ..Default::default() }), 0);
    assert_eq!(count(Filters { search: "   ".into(), ..Default::default() }), 48);
}

#[test]
fn facet_counts_ignore_their_own_filter() {
    let (plan, index) = seed();
    let f = Filters { leaders: vec!["丁狄刚".into()], ..Default::default() };
    let leaders = facet_options(&plan, &index, None, &f, Facet::Leader);
    let total: usize = leaders.iter().map(|o| o.count).sum();
    assert_eq!(total, 48, "counts of the leader facet ignore the leader filter");
    let cats = facet_options(&plan, &index, None, &f, Facet::Category);
    assert_eq!(cats.len(), 10);
    assert_eq!(cats.iter().map(|o| o.count).sum::<usize>(), 14);
    let months = facet_options(&plan, &index, None, &Filters::default(), Facet::Month);
    assert_eq!(months.first().map(|o| o.value.as_str()), Some("2"));
}

#[test]
fn status_filter_uses_the_lights() {
    let (plan, index) = seed();
    let mut lights = vec![Light::OnTrack; 48];
    lights[3] = Light::Serious;
    lights[7] = Light::Serious;
    let f = Filters { lights: vec![Light::Serious], ..Default::default() };
    assert_eq!(filter(&plan, &index, Some(&lights), &f), vec![3, 7]);
    assert_eq!(filter(&plan, &index, None, &f).len(), 48, "without lights the filter is inert");
    let opts = facet_options(&plan, &index, Some(&lights), &Filters::default(), Facet::Light);
    assert_eq!(opts.iter().find(|o| o.value == "bad").map(|o| o.count), Some(2));
}

#[test]
fn grouping_and_sorting() {
    let (plan, index) = seed();
    let rows = filter(&plan, &index, None, &Filters::default());
    let by_cat = group_rows(&plan, &rows, Grouping::Category, SortKey::Official);
    assert_eq!(by_cat.len(), 10);
    assert_eq!(by_cat[0].no, Some(1));
    assert_eq!(by_cat.iter().map(|g| g.rows.len()).sum::<usize>(), 48);
    let by_unit = group_rows(&plan, &rows, Grouping::LeadUnit, SortKey::Official);
    assert_eq!(by_unit.len(), 19);
    assert_eq!(by_unit[0].label, "市民政局");
    let by_leader = group_rows(&plan, &rows, Grouping::Leader, SortKey::Official);
    assert_eq!(by_leader.iter().map(|g| g.label.as_str()).collect::<Vec<_>>(), vec!["方毅", "陈卫强", "丁狄刚", "宦金元"]);
    let flat = group_rows(&plan, &rows, Grouping::None, SortKey::Due);
    assert_eq!(flat.len(), 1);
    let first = &plan.projects[flat[0].rows[0]];
    assert_eq!(first.name, "新增认定乡村（社区）博物馆20家", "due end of May, the earliest");
    let by_name = group_rows(&plan, &rows, Grouping::None, SortKey::Name);
    let names: Vec<String> = by_name[0].rows.iter().map(|&i| search_key(&plan.projects[i].name)).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
    let filtered = filter(&plan, &index, None, &Filters { categories: vec![2], ..Default::default() });
    assert_eq!(group_rows(&plan, &filtered, Grouping::Category, SortKey::Official).len(), 1, "empty groups are left out");
}

#[test]
fn toggling_a_facet_value() {
    let mut f = Filters::default();
    f.toggle(Facet::Category, "3", true);
    f.toggle(Facet::Category, "3", true);
    f.toggle(Facet::Light, "late", true);
    f.toggle(Facet::Light, "purple", true);
    f.toggle(Facet::Month, "13", true);
    f.toggle(Facet::Month, "9", true);
    f.toggle(Facet::LeadUnit, "市民政局", true);
    assert_eq!(f.categories, vec![3]);
    assert_eq!(f.lights, vec![Light::Behind]);
    assert_eq!(f.months, vec![9]);
    assert_eq!(f.selected(Facet::Light), vec!["late".to_string()]);
    assert_eq!(f.selected(Facet::Category), vec!["3".to_string()]);
    assert_eq!(f.selected(Facet::LeadUnit), vec!["市民政局".to_string()]);
    f.toggle(Facet::Category, "3", false);
    f.toggle(Facet::Month, "9", false);
    f.toggle(Facet::Light, "late", false);
    f.toggle(Facet::LeadUnit, "市民政局", false);
    assert!(f.is_empty());
}

#[test]
fn masks_from_the_previous_search_equal_masks_computed_afresh() {
    let (plan, index) = seed();
    let mut lights = vec![Light::OnTrack; plan.projects.len()];
    lights[3] = Light::Serious;
    lights[20] = Light::Serious;
    let unit = plan.projects[5].lead_unit.to_string();
    // Typing, deleting, replacing, several terms, in full and half width, with and without facets.
    let searches = ["", "新", "新建", "新建公", "新建", "新", "", "老", "老年", "老年 助", "老年 助餐", "老年 餐", "年", "养老", "杭", "ＡＢ", "ab", "a", "", "市", "市 区", "区"];
    for facets in [Filters::default(), Filters { lead_units: vec![unit.clone()], ..Default::default() }, Filters { lights: vec![Light::Serious], ..Default::default() }] {
        let mut previous = facets.clone();
        let mut masks = match_masks(&plan, &index, Some(&lights), &previous);
        for s in searches {
            let next = Filters { search: s.to_string(), ..facets.clone() };
            let reused = match_masks_from(&plan, &index, Some(&lights), &next, &previous, &masks);
            assert_eq!(reused, match_masks(&plan, &index, Some(&lights), &next), "{:?} → {s:?} with {facets:?}", previous.search);
            (previous, masks) = (next, reused);
        }
    }
    // A facet changed with the search: every project is tested again.
    let before = Filters { search: "新".into(), ..Default::default() };
    let after = Filters { search: "新建".into(), lead_units: vec![unit], ..Default::default() };
    let masks = match_masks(&plan, &index, None, &before);
    assert_eq!(match_masks_from(&plan, &index, None, &after, &before, &masks), match_masks(&plan, &index, None, &after));
}

#[test]
fn a_narrower_search_tests_only_what_passed_the_previous_one() {
    let (plan, index) = seed();
    let before = Filters { search: "新".into(), ..Default::default() };
    let mut masks = match_masks(&plan, &index, None, &before);
    let hit = filter(&plan, &index, None, &Filters { search: "新建".into(), ..Default::default() })[0];
    // Masks that (wrongly) say `hit` failed "新" keep it out of "新建": it is not searched again …
    masks[hit] &= !1;
    let narrower = Filters { search: "新建".into(), ..Default::default() };
    assert_eq!(match_masks_from(&plan, &index, None, &narrower, &before, &masks)[hit] & 1, 0);
    // … while a wider search ("" after "新") tests exactly those that failed.
    assert_eq!(match_masks_from(&plan, &index, None, &Filters::default(), &before, &masks)[hit], ALL_PASS);
    // A search that neither narrows nor widens the previous one tests every project.
    let other = Filters { search: "建".into(), ..Default::default() };
    assert_eq!(match_masks_from(&plan, &index, None, &other, &before, &masks)[hit] & 1, 1);
}
