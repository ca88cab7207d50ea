// Tests sort as they like: the one-routine rule (clippy.toml) is about the wasm.
#![allow(clippy::disallowed_methods)]

use super::*;
use crate::domain::fixtures::d;
use crate::domain::import::import_list;
use crate::domain::plan::{IndicatorKind, Plan, Project, Requirement};

const SEED: &str = include_str!("../../../tests/fixtures/hangzhou-2024.txt");

fn seed() -> Plan {
    import_list(SEED, None).expect("seed imports").plan
}

fn project<'a>(plan: &'a Plan, name_part: &str) -> &'a Project {
    plan.projects.iter().find(|p| p.name.contains(name_part)).unwrap_or_else(|| panic!("no project {name_part}"))
}


/// (due, required value) of every quantitative milestone measuring the project's indicator `i`.
fn required(p: &Project, i: usize) -> Vec<(Date, f64)> {
    let ind = &p.indicators[i];
    p.milestones
        .iter()
        .filter(|m| p.measured_by(m).any(|x| x.id == ind.id))
        .filter_map(|m| ind.required(&m.requirement).map(|v| (m.due, (v * 1000.0).round() / 1000.0)))
        .collect()
}

#[test]
fn every_seed_project_has_indicators_and_dated_milestones() {
    let plan = seed();
    assert_eq!(plan.projects.len(), 48);
    for p in &plan.projects {
        assert!(!p.indicators.is_empty(), "{}", p.name);
        assert!(!p.milestones.is_empty(), "{}", p.name);
        assert!(p.due.is_some(), "{}", p.name);
        for m in &p.milestones {
            assert_eq!(m.due.year(), 2024, "{}: {}", p.name, m.text);
        }
    }
}

#[test]
fn elderly_meal_points() {
    let plan = seed();
    let p = project(&plan, "老年助餐服务点");
    assert_eq!(p.indicators.len(), 1);
    let ind = &p.indicators[0];
    assert_eq!((ind.kind, ind.target, ind.unit.as_str()), (IndicatorKind::Count, Some(227.0), "个"));
    assert_eq!(ind.name, "新增老年助餐服务点");
    assert_eq!(required(p, 0), vec![(d(9, 30), 100.0), (d(11, 30), 227.0)]);
    let steps: Vec<Date> = p.milestones.iter().filter(|m| m.requirement == Requirement::Step).map(|m| m.due).collect();
    assert_eq!(steps, vec![d(3, 31), d(6, 30)]);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn colorectal_screening_shares() {
    let plan = seed();
    let p = project(&plan, "结直肠癌筛查");
    let ind = &p.indicators[0];
    assert_eq!((ind.target, ind.unit.as_str(), ind.scale), (Some(26.9), "万人次", 10_000.0));
    assert_eq!(required(p, 0), vec![(d(6, 30), 8.07), (d(9, 30), 16.14), (d(11, 30), 26.9)]);
    assert_eq!(p.notes, vec!["实际推进时间安排以正式下发的省级实施方案为准"]);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn urban_employment_in_ten_thousands() {
    let plan = seed();
    let p = project(&plan, "城镇新增就业");
    assert_eq!(p.indicators[0].unit, "万人");
    assert_eq!(required(p, 0), vec![(d(3, 31), 6.0), (d(6, 30), 13.0), (d(9, 30), 20.0), (d(11, 30), 25.0)]);
}

#[test]
fn medical_cost_rate_with_milestone_beyond_due() {
    let plan = seed();
    let p = project(&plan, "综合保障率");
    let ind = &p.indicators[0];
    assert_eq!((ind.kind, ind.target, ind.unit.as_str()), (IndicatorKind::Rate, Some(83.0), "%"));
    assert_eq!(required(p, 0), vec![(d(3, 31), 80.0), (d(6, 30), 81.0), (d(9, 30), 82.0), (d(12, 31), 83.0)]);
    assert!(p.milestones.iter().all(|m| matches!(m.requirement, Requirement::RateValue { .. })));
    assert!(p.warnings.iter().any(|w| matches!(w, Warning::BeyondDue { date, .. } if *date == d(12, 31))));
}

#[test]
fn museum_day() {
    let plan = seed();
    let p = project(&plan, "博物馆");
    assert!(p.milestones.iter().any(|m| m.due == d(5, 18) && m.text.contains("国际博物馆")));
    assert_eq!(p.due, Some(d(5, 31)));
    assert!(p.warnings.iter().any(|w| matches!(w, Warning::NoDate { .. })));
}

#[test]
fn drowning_prevention_monthly() {
    let plan = seed();
    let p = project(&plan, "防溺水");
    let monthly: Vec<(Date, f64)> = required(p, 0).into_iter().filter(|(d, _)| (5..=8).contains(&d.month())).collect();
    assert_eq!(monthly, vec![(d(5, 31), 250.0), (d(6, 30), 500.0), (d(6, 30), 500.0), (d(7, 31), 750.0), (d(8, 31), 1000.0)]);
    assert_eq!(required(p, 0).last(), Some(&(d(9, 30), 1000.0)));
    let range = p.milestones.iter().find(|m| m.text.starts_with("1 月-3 月")).unwrap();
    assert_eq!((range.start, range.due), (Some(d(1, 1)), d(3, 31)));
}

#[test]
fn housing_sub_plans_bind_their_own_indicators() {
    let plan = seed();
    let p = project(&plan, "新开工保障房");
    assert_eq!(p.plan_parts.len(), 2);
    assert_eq!(p.plan_parts[0].label.as_deref(), Some("新开工保障房100万平方米"));
    assert_eq!(p.indicators.len(), 2);
    assert_eq!((p.indicators[0].target, p.indicators[0].unit.as_str()), (Some(100.0), "万平方米"));
    assert_eq!((p.indicators[1].target, p.indicators[1].unit.as_str()), (Some(6000.0), "套"));
    assert_eq!(required(p, 0), vec![(d(3, 31), 20.0), (d(6, 30), 50.0), (d(9, 30), 75.0), (d(11, 30), 100.0)]);
    assert_eq!(required(p, 1), vec![(d(3, 31), 1500.0), (d(6, 30), 3000.0), (d(9, 30), 4500.0), (d(11, 30), 6000.0)]);
}

#[test]
fn one_plan_text_serving_three_indicators() {
    let plan = seed();
    let p = project(&plan, "养育照护师资培训");
    let targets: Vec<(Option<f64>, &str)> = p.indicators.iter().map(|i| (i.target, i.unit.as_str())).collect();
    assert_eq!(targets, vec![(Some(2000.0), "人次"), (Some(2000.0), "场"), (Some(60.0), "家")]);
    for i in 0..3 {
        let r = required(p, i);
        let t = p.indicators[i].target.unwrap();
        assert_eq!(r, vec![(d(6, 30), t / 2.0), (d(9, 30), t), (d(11, 30), t)], "{}", p.indicators[i].name);
    }
}

#[test]
fn rural_roads_pair_figures_in_order() {
    let plan = seed();
    let p = project(&plan, "农村公路");
    assert_eq!(p.indicators.len(), 2);
    assert_eq!(required(p, 0), vec![(d(11, 30), 115.0)]);
    assert_eq!(required(p, 1), vec![(d(11, 30), 677.0)]);
}

#[test]
fn other_seed_spot_checks() {
    let plan = seed();
    let p = project(&plan, "长期护理保险");
    assert_eq!((p.indicators[0].kind, p.indicators[0].target), (IndicatorKind::Level, Some(859.0)));
    assert_eq!(required(p, 0), vec![(d(11, 30), 859.0)]);

    let p = project(&plan, "青荷礼包");
    assert_eq!(p.indicators[0].kind, IndicatorKind::Qualitative);
    assert!(p.milestones.iter().all(|m| m.requirement == Requirement::Step));

    let p = project(&plan, "青荷驿站");
    assert_eq!(p.indicators[0].unit, "套(间)");
    assert_eq!(required(p, 0), vec![(d(6, 30), 250.0), (d(9, 30), 400.0), (d(11, 30), 500.0)]);

    let p = project(&plan, "异地结算");
    assert_eq!(required(p, 0), vec![(d(3, 31), 90.0), (d(6, 30), 95.0), (d(9, 30), 98.0), (d(11, 30), 100.0)]);

    let p = project(&plan, "公交");
    // "完成100条公交线路方案" is a plan of routes, not routes opened.
    assert_eq!(required(p, 0), vec![(d(6, 30), 60.0), (d(9, 30), 80.0), (d(11, 30), 100.0)]);

    let p = project(&plan, "社会心理服务中心");
    assert_eq!(p.milestones[0].due, d(2, 29), "3月前 is read literally");

    let p = project(&plan, "农村生活污水");
    assert_eq!(required(p, 0), vec![(d(6, 30), 65.0), (d(11, 30), 130.0)]);

    let p = project(&plan, "稳粮增效");
    assert_eq!(p.indicators[0].unit, "万亩");
    assert_eq!(required(p, 0).len(), 7);

    let p = project(&plan, "二次供水");
    assert!(p.warnings.iter().any(|w| matches!(w, Warning::AmbiguousMeasure { chosen: Some(c), .. } if c == "100个")));

    let p = project(&plan, "青少年官");
    assert!(p.warnings.iter().filter(|w| matches!(w, Warning::AmbiguousMeasure { chosen: None, .. })).count() >= 2);

    let p = project(&plan, "孤独症");
    assert_eq!(p.due, Some(d(9, 30)));
    assert_eq!(required(p, 0), vec![(d(3, 31), 136.0), (d(6, 30), 476.0), (d(9, 30), 680.0)]);
}

#[test]
fn milestones_are_sorted_and_ids_unique() {
    let plan = seed();
    for p in &plan.projects {
        assert!(p.milestones.windows(2).all(|w| w[0].due <= w[1].due), "{}", p.name);
        let mut ids: Vec<&str> = p.milestones.iter().map(|m| m.id.as_str()).collect();
        ids.extend(p.indicators.iter().map(|i| i.id.as_str()));
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{}", p.name);
    }
}

#[test]
fn phrase_forms_absent_from_the_seed() {
    let cases: &[(&str, Date, Requirement)] = &[
        ("一季度末完成30%", d(3, 31), Requirement::Share { percent: 30.0 }),
        ("第三季度末完成 150 个", d(9, 30), Requirement::AtLeast { value: 150.0 }),
        ("年底前全面完成", d(12, 31), Requirement::Complete),
        ("6月30日前完成任务过半", d(6, 30), Requirement::Share { percent: 50.0 }),
        ("10月中旬完成全部", d(10, 20), Requirement::Complete),
        ("三月底前确定名单", d(3, 31), Requirement::Step),
        ("３月底前完成２０％", d(3, 31), Requirement::Share { percent: 20.0 }),
    ];
    for (text, due, req) in cases {
        let r = read_project("新增示范点200个", "12月底", text, 2024);
        assert_eq!(r.milestones.len(), 1, "{text}");
        assert_eq!((&r.milestones[0].due, &r.milestones[0].requirement), (due, req), "{text}");
    }
}

#[test]
fn full_width_brackets_and_leaders() {
    let r = read_project("新建A 10 个，改造B 20 处", "11月底", "【新建A 10 个】6月底前完成5个；【改造B 20 处】11月底前完成。", 2024);
    assert_eq!(r.parts.len(), 2);
    assert_eq!(r.indicators.len(), 2);
    assert_eq!(r.indicators[1].part, Some(1));
    assert_eq!(r.milestones[0].indicator.as_deref(), Some(r.indicators[0].id.as_str()));
    assert_eq!(names::split_people("张三、李四").len(), 2);
}

#[test]
fn unreadable_text_is_kept_with_warnings() {
    let r = read_project("某项目", "尽快", "加快推进。适时验收。", 2024);
    assert_eq!(r.due, None);
    assert_eq!(r.notes, vec!["加快推进", "适时验收"]);
    assert!(r.warnings.contains(&Warning::UnreadDue { text: "尽快".into() }));
    assert_eq!(r.warnings.iter().filter(|w| matches!(w, Warning::NoDate { .. })).count(), 2);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn reading_never_panics(name in "\\PC{0,40}", due in "\\PC{0,10}", text in "\\PC{0,200}") {
            let _ = read_project(&name, &due, &text, 2024);
        }

        #[test]
        fn reading_plan_like_text_never_panics(
            text in "([0-9一二三十]{1,3}(月底前|月|月-|季度末|月[0-9]{1,2}日)[0-9]{0,5}(万)?(个|人|%|套\\(间\\))?[，,；;。、 \\[\\]【】]?){0,12}"
        ) {
            let r = read_project("新增100个", "11月底", &text, 2024);
            for m in &r.milestones {
                prop_assert_eq!(m.due.year(), 2024);
            }
        }
    }
}

#[test]
fn a_list_without_plan_or_due_columns() {
    // The target stands in the task text; no plan column, no due column.
    let plan = import_list("2025年某区民生实事项目\n重点任务\t责任单位\n新建口袋公园30个\t区园林局\n提升社区服务水平\t区民政局\n", None).unwrap().plan;
    let parks = &plan.projects[0];
    assert_eq!(parks.indicators.iter().map(|i| (i.kind, i.target, i.unit.as_str())).collect::<Vec<_>>(), vec![(IndicatorKind::Count, Some(30.0), "个")]);
    let end = Date::new(2025, 12, 31).unwrap();
    assert_eq!(parks.due, Some(end));
    assert_eq!(parks.milestones.len(), 1, "the final milestone only");
    assert_eq!((parks.milestones[0].due, &parks.milestones[0].requirement), (end, &Requirement::Complete));
    assert_eq!(required(parks, 0), vec![(end, 30.0)]);
    assert_eq!(parks.warnings, vec![Warning::DueYearEnd { due: end }, Warning::NoPlanText]);
    let service = &plan.projects[1];
    assert_eq!(service.indicators[0].kind, IndicatorKind::Qualitative);
    assert_eq!(service.milestones.len(), 1);
    // A due column without plan text: due then, still one milestone.
    let plan = import_list("2025年清单\n项目名称\t完成时限\n改造农贸市场8家\t9月底\n", None).unwrap().plan;
    let p = &plan.projects[0];
    assert_eq!(p.milestones.iter().map(|m| (m.due, m.when.as_str())).collect::<Vec<_>>(), vec![(Date::new(2025, 9, 30).unwrap(), "9月底")]);
    assert_eq!(p.warnings, vec![Warning::NoPlanText]);
}

#[test]
fn indicators_from_an_indicator_table() {
    let given = |name: &str, target: &str, unit: &str, baseline: &str| Given { name: name.into(), target: target.into(), unit: unit.into(), baseline: baseline.into() };
    let r = read_project_with(
        "就业与收入",
        "12月底",
        "6月底前完成50%；12月底前全面完成。",
        &[
            given("城镇新增就业", "28", "万人", "27.6"),
            given("城镇调查失业率", "≤5.5%", "", "5.1%"),
            given("居民收入增长", "与经济增长同步", "", ""),
            given("", "不少于1,200个", "", ""),
            given("人均预期寿命达到", "83.5", "岁", "83.4"),
        ],
        2025,
    );
    type Row<'a> = (&'a str, IndicatorKind, Option<f64>, &'a str, f64, Option<&'a str>);
    let summary: Vec<Row> =
        r.indicators.iter().map(|i| (i.name.as_str(), i.kind, i.target, i.unit.as_str(), i.scale, i.baseline.as_deref())).collect();
    assert_eq!(
        summary,
        vec![
            ("城镇新增就业", IndicatorKind::Count, Some(28.0), "万人", 10_000.0, Some("27.6")),
            ("城镇调查失业率", IndicatorKind::Qualitative, None, "", 1.0, Some("5.1%")),
            ("居民收入增长", IndicatorKind::Qualitative, None, "", 1.0, None),
            ("就业与收入", IndicatorKind::Count, Some(1200.0), "个", 1.0, None),
            ("人均预期寿命达到", IndicatorKind::Level, Some(83.5), "岁", 1.0, Some("83.4")),
        ]
    );
    assert!(r.warnings.contains(&Warning::TargetNotNumber { indicator: "居民收入增长".into(), text: "与经济增长同步".into() }));
    assert!(r.warnings.contains(&Warning::TargetNotNumber { indicator: "城镇调查失业率".into(), text: "≤5.5%".into() }));
    // The plan's shares measure the figures given.
    let jobs = &r.indicators[0];
    let halves: Vec<f64> = r.milestones.iter().filter_map(|m| jobs.required(&m.requirement)).collect();
    assert_eq!(halves, vec![14.0, 28.0]);
    let ids: std::collections::HashSet<&str> = r.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), 5);
}
