// Tests sort as they like: the one-routine rule (clippy.toml) is about the wasm.
#![allow(clippy::disallowed_methods)]

use super::*;
use crate::domain::import::import_list;

#[test]
fn default_state_is_an_empty_query() {
    assert_eq!(ViewState::default().to_query(), "");
    assert_eq!(ViewState::from_query(""), (ViewState::default(), vec![]));
}

#[test]
fn round_trip_of_a_full_state() {
    let s = ViewState {
        view: View::Timeline,
        plan: Some("plan-2024-037f5ac7".into()),
        filters: Filters {
            categories: vec![3, 4],
            leaders: vec!["丁狄刚".into()],
            lead_units: vec!["市卫生健康委员会".into()],
            co_units: vec!["各区、县(市)政府".into()],
            lights: vec![Light::Behind, Light::Serious],
            months: vec![9],
            search: "青荷 驿站 & = ?".into(),
        },
        grouping: Grouping::LeadUnit,
        sort: SortKey::Due,
        project: Some("p-1234".into()),
        lang: Some(Lang::En),
        report_date: Date::new(2024, 9, 30),
        zoom: Zoom::Month,
        present: true,
        slide: 4,
        dark: true,
        quarter: Some(3),
        grid_month: Some(9),
        compare: Some((Date::new(2024, 8, 31).unwrap(), Date::new(2024, 9, 30).unwrap())),
    };
    let q = s.to_query();
    assert!(q.is_ascii(), "{q}");
    assert_eq!(ViewState::from_query(&q), (s.clone(), vec![]));
    assert_eq!(ViewState::from_query(&format!("?{q}")).0, s);
}

#[test]
fn bad_parameters_are_dropped_with_notices() {
    let (s, notices) = ViewState::from_query("v=nope&cat=x&d=2024-02-30&st=purple&m=13&zzz=1&lang=fr&q=%E9%9D%92&p=&%ZZ=1");
    assert_eq!(s.filters.search, "青");
    assert_eq!(s.view, View::List);
    assert_eq!(notices.len(), 9, "{notices:?}");
    assert!(notices.contains(&UrlNotice::Unknown { param: "zzz".into() }));
    assert!(notices.contains(&UrlNotice::Invalid { param: "d".into(), value: "2024-02-30".into() }));
}

#[test]
fn stale_values_are_dropped_against_the_plan() {
    let plan = import_list(include_str!("../../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan;
    let (mut s, _) = ViewState::from_query("cat=3&cat=99&lead=市不存在局&co=各区、县（市）政府&p=p-gone&d=2023-09-30&leader=方毅");
    let notices = s.drop_stale(&plan);
    assert_eq!(s.filters.categories, vec![3]);
    assert_eq!(s.filters.leaders, vec!["方毅"]);
    assert_eq!(s.filters.co_units.len(), 1, "a width variant of a real unit is not stale");
    assert!(s.filters.lead_units.is_empty());
    assert_eq!((s.project.clone(), s.report_date), (None, None));
    assert_eq!(notices.len(), 4);
}

#[test]
fn percent_coding() {
    assert_eq!(encode_component("a b/市"), "a%20b%2F%E5%B8%82");
    assert_eq!(decode_component("a+b%20c").as_deref(), Some("a b c"));
    assert_eq!(decode_component("%E5%B8"), None);
    assert_eq!(decode_component("%G1"), None);
    assert_eq!(decode_component("%"), None);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn arb_state() -> impl Strategy<Value = ViewState> {
        (
            proptest::sample::select(View::ALL.to_vec()),
            proptest::collection::vec(1u32..20, 0..3),
            proptest::collection::vec("\\PC{1,8}", 0..3),
            "\\PC{0,12}",
            proptest::sample::select(Grouping::ALL.to_vec()),
            proptest::option::of((1u8..=12, 1u8..=28)),
            any::<bool>(),
            0usize..30,
        )
            .prop_map(|(view, categories, units, search, grouping, date, present, slide)| {
                let mut lead_units: Vec<String> = Vec::new();
                for u in units.into_iter().map(|u| u.trim().to_string()).filter(|u| !u.is_empty()) {
                    if !lead_units.contains(&u) {
                        lead_units.push(u);
                    }
                }
                let mut cats = categories;
                cats.dedup();
                cats.sort();
                cats.dedup();
                ViewState {
                    view,
                    filters: Filters { categories: cats, lead_units, search, ..Default::default() },
                    grouping,
                    report_date: date.and_then(|(m, d)| Date::new(2024, m, d)),
                    present,
                    slide: if present { slide } else { 0 },
                    ..Default::default()
                }
            })
    }

    proptest! {
        #[test]
        fn query_round_trips(s in arb_state()) {
            let (back, notices) = ViewState::from_query(&s.to_query());
            prop_assert_eq!(notices, vec![]);
            prop_assert_eq!(back, s);
        }

        #[test]
        fn parsing_never_panics(q in "\\PC{0,80}") {
            let _ = ViewState::from_query(&q);
        }
    }
}

#[test]
fn compare_dates_come_in_pairs() {
    let (s, n) = ViewState::from_query("v=changes&c1=2024-09-30&c2=2024-08-31");
    assert_eq!(s.view, View::Changes);
    assert_eq!(s.compare, Some((Date::new(2024, 8, 31).unwrap(), Date::new(2024, 9, 30).unwrap())), "in order");
    assert!(n.is_empty());
    let (s, n) = ViewState::from_query("c1=2024-09-30");
    assert_eq!(s.compare, None);
    assert_eq!(n, vec![UrlNotice::Invalid { param: "c1".into(), value: "2024-09-30".into() }]);
    for v in ["submissions", "changes", "matters", "notices"] {
        assert_eq!(View::from_code(v).map(View::code), Some(v));
    }
}

#[test]
fn only_a_new_search_text_counts_as_typing() {
    let before = ViewState { filters: Filters { search: "小区".into(), ..Filters::default() }, ..ViewState::default() };
    let typed = ViewState { filters: Filters { search: "小区改".into(), ..before.filters.clone() }, ..before.clone() };
    assert!(before.differs_only_in_search(&typed));
    assert!(typed.differs_only_in_search(&before));
    // The same state is not a change of the search text.
    assert!(!before.differs_only_in_search(&before.clone()));
    // Any other change, with or without a new search text, is not typing.
    let other_filter = ViewState { filters: Filters { leaders: vec!["丁狄刚".into()], ..typed.filters.clone() }, ..typed.clone() };
    assert!(!before.differs_only_in_search(&other_filter));
    let other_view = ViewState { view: View::Timeline, ..typed.clone() };
    assert!(!before.differs_only_in_search(&other_view));
    let other_date = ViewState { report_date: Date::parse_iso("2024-06-30"), ..before.clone() };
    assert!(!before.differs_only_in_search(&other_date));
}
