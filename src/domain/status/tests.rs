use super::*;
use crate::domain::fixtures::{d, list};
use crate::domain::ledger::{Entry, Ledger, Reported, Subject};

const ROWS: &str = "1\t甲类\t新增示范点 100 个\t张三\t市A局\t李四\t市B局\t11月底\t3月底前确定名单；6月底前完成不少于 40 个；9月底前完成不少于 80 个；11月底前全面完成。
\t\t综合保障率达到83%\t张三\t市A局\t李四\t\t11月底\t3月底保障率达到80%；6月底保障率达到81%；11月底保障率达到83%。
\t\t扩大发放面\t王五\t市C局\t赵六\t\t6月底\t3月底前完成细则制定；6月底前上线系统。
\t\t新建A 10 个，改造B 20 处\t王五\t市C局\t赵六\t\t11月底\t6月底前各项任务完成 50%；11月底前全面完成。
";


struct Fixture {
    plan: Plan,
    ledger: Ledger,
    n: usize,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture { plan: list(ROWS), ledger: Ledger::default(), n: 0 }
    }

    fn push(&mut self, project: usize, subject: Subject, reported: Reported, as_of: Date) {
        self.n += 1;
        let p = &self.plan.projects[project];
        self.ledger.add(Entry {
            id: format!("e{}", self.n),
            project: p.id.clone(),
            subject,
            reported,
            as_of,
            note: String::new(),
            unit: p.lead_unit.to_string(),
            person: String::new(),
            recorded_at: format!("2024-12-31T00:00:00.{:03}Z", self.n),
            supersedes: None,
            deleted: false,
        });
    }

    fn value(&mut self, project: usize, indicator: usize, v: f64, as_of: Date) {
        let id = self.plan.projects[project].indicators[indicator].id.clone();
        self.push(project, Subject::Indicator(id), Reported::Value(v), as_of);
    }

    fn step(&mut self, project: usize, milestone: usize, done: bool, as_of: Date) {
        let id = self.plan.projects[project].milestones[milestone].id.clone();
        self.push(project, Subject::Milestone(id), Reported::Done(done), as_of);
    }

    fn status(&self, project: usize, date: Date) -> ProjectStatus {
        let view = LedgerView::new(&self.plan, &self.ledger);
        evaluate(&self.plan.projects[project], &view, date, &Settings::default())
    }
}

#[test]
fn count_indicator_rule_boundaries() {
    // (value reported on 6-30, step 3月 done?, report date, expected light)
    let cases: &[(f64, bool, Date, Light)] = &[
        (40.0, true, d(6, 30), Light::OnTrack),       // met on the due day
        (39.0, true, d(6, 30), Light::Behind),        // 1 short, within 10 of 100
        (30.0, true, d(6, 30), Light::Behind),        // exactly at tolerance (10)
        (29.0, true, d(6, 30), Light::Serious),       // beyond tolerance
        (40.0, false, d(6, 30), Light::Serious),      // the 3月 step reported not done, judged 91 days late
        (100.0, false, d(7, 1), Light::Done),         // final target reached
        (40.0, true, d(6, 29), Light::OnTrack),       // 6月 milestone not yet due; value from 6-30 not seen
    ];
    for (value, step_done, date, want) in cases {
        let mut f = Fixture::new();
        f.step(0, 0, *step_done, d(3, 31));
        f.value(0, 0, *value, d(6, 30));
        let got = f.status(0, *date);
        assert_eq!(got.light, *want, "value {value}, step {step_done}, at {date}: {:?}", got.reasons);
    }
}

#[test]
fn step_grace_period() {
    for (date, want) in [(d(4, 30), Light::Behind), (d(5, 1), Light::Serious)] {
        let mut f = Fixture::new();
        f.step(0, 0, false, d(3, 31));
        assert_eq!(f.status(0, date).light, want, "{date}");
    }
    let mut f = Fixture::new();
    f.step(0, 0, false, d(3, 31));
    let s = f.status(0, d(4, 30));
    assert!(matches!(&s.reasons[0], Reason::StepLate { days: 30, .. }), "{:?}", s.reasons);
}

#[test]
fn entries_after_the_report_date_are_ignored() {
    let mut f = Fixture::new();
    f.step(0, 0, true, d(3, 31));
    f.value(0, 0, 45.0, d(7, 15));
    let s = f.status(0, d(7, 1));
    assert_eq!(s.light, Light::NotReported, "the 6月 milestone has no value reported by 7-1");
    assert_eq!(f.status(0, d(7, 15)).light, Light::OnTrack);
}

#[test]
fn nothing_reported_is_grey_not_red() {
    let f = Fixture::new();
    let late = f.status(0, d(12, 31));
    assert_eq!(late.light, Light::NotReported);
    assert!(matches!(late.reasons[..], [Reason::NoReports { due: 4 }]), "{:?}", late.reasons);
    let early = f.status(0, d(3, 1));
    assert_eq!(early.light, Light::OnTrack, "nothing due yet");
    assert!(matches!(early.reasons[0], Reason::NothingDue { first: Some(_) }));
}

#[test]
fn overdue_without_completion_is_red() {
    let mut f = Fixture::new();
    f.step(0, 0, true, d(3, 31));
    f.value(0, 0, 99.0, d(11, 30));
    let s = f.status(0, d(12, 1));
    assert_eq!((s.light, s.overdue), (Light::Serious, true));
    assert!(matches!(s.reasons[0], Reason::Overdue { .. }));
    let on_day = f.status(0, d(11, 30));
    assert_eq!((on_day.light, on_day.overdue), (Light::Behind, false), "on the due day itself: 1 short");
}

#[test]
fn shortfall_reason_carries_figures() {
    let mut f = Fixture::new();
    f.step(0, 0, true, d(3, 31));
    f.value(0, 0, 35.0, d(6, 30));
    let s = f.status(0, d(7, 1));
    assert_eq!(
        s.reasons,
        vec![Reason::Shortfall { due: d(6, 30), indicator: "新增示范点".into(), unit: "个".into(), required: 40.0, actual: 35.0 }]
    );
    assert!((s.completion - 0.35).abs() < 1e-9);
}

#[test]
fn rate_indicator() {
    let cases = [(80.0, d(3, 31), Light::OnTrack), (79.5, d(3, 31), Light::Behind), (81.0, d(7, 1), Light::OnTrack), (83.0, d(7, 1), Light::Done)];
    for (value, date, want) in cases {
        let mut f = Fixture::new();
        f.value(1, 0, value, date.min(d(6, 30)));
        assert_eq!(f.status(1, date).light, want, "{value} at {date}");
    }
}

#[test]
fn qualitative_steps() {
    let mut f = Fixture::new();
    f.step(2, 0, true, d(3, 20));
    assert_eq!(f.status(2, d(4, 1)).light, Light::OnTrack);
    assert_eq!(f.status(2, d(6, 30)).light, Light::NotReported);
    f.step(2, 1, true, d(6, 28));
    let s = f.status(2, d(6, 30));
    assert_eq!((s.light, s.completion), (Light::Done, 1.0));
}

#[test]
fn multi_indicator_project_where_one_lags() {
    let mut f = Fixture::new();
    f.value(3, 0, 5.0, d(6, 30));
    f.value(3, 1, 10.0, d(6, 30));
    assert_eq!(f.status(3, d(7, 1)).light, Light::OnTrack);
    let mut f = Fixture::new();
    f.value(3, 0, 5.0, d(6, 30));
    f.value(3, 1, 7.0, d(6, 30)); // needs 10 of 20: 3 short, 15% of target
    let s = f.status(3, d(7, 1));
    assert_eq!(s.light, Light::Serious);
    assert_eq!(s.reasons.len(), 1);
    let mut f = Fixture::new();
    f.value(3, 0, 5.0, d(6, 30));
    let s = f.status(3, d(7, 1));
    assert_eq!(s.light, Light::NotReported, "one indicator not reported");
}

#[test]
fn due_soon_and_early_warning() {
    let mut f = Fixture::new();
    f.step(0, 0, true, d(3, 31));
    f.value(0, 0, 40.0, d(6, 30));
    let s = f.status(0, d(9, 20));
    assert_eq!(s.due_soon, vec![d(9, 30)]);
    // Pace: 40 by 6-30 from 0 at year start → about 0.22 a day → about 60 by 9-30, short of 80.
    assert_eq!(s.light, Light::OnTrack);
    let w = s.early_warning.expect("pace misses the 9月 milestone");
    assert_eq!((w.at, w.required), (d(9, 30), 80.0));
    assert!((w.projected - 60.2).abs() < 0.5, "{}", w.projected);
    assert_eq!(w.due, d(11, 30));
    let mut fast = Fixture::new();
    fast.step(0, 0, true, d(3, 31));
    fast.value(0, 0, 20.0, d(3, 31));
    fast.value(0, 0, 70.0, d(6, 30));
    assert_eq!(fast.status(0, d(7, 1)).early_warning, None);
}

#[test]
fn ranking_orders_by_share_then_completion() {
    let mut f = Fixture::new();
    f.value(1, 0, 83.0, d(3, 31));
    let view = LedgerView::new(&f.plan, &f.ledger);
    let statuses = evaluate_all(&f.plan, &view, d(4, 1), &Settings::default());
    let ranks = rank_units(&f.plan, &statuses, &[0, 1, 2, 3]);
    assert_eq!(ranks.len(), 2);
    assert_eq!(ranks[0].unit, "市A局");
    assert_eq!(ranks[0].counts.done, 1);
    assert_eq!(Counts::of(statuses.iter().map(|s| &s.light)).total(), 4);
}

#[test]
fn planned_value_at_a_month_end() {
    let f = Fixture::new();
    let p = &f.plan.projects[0];
    let ind = &p.indicators[0];
    assert_eq!(planned_at(p, ind, d(7, 31)), (Some((d(6, 30), 40.0)), Some((d(9, 30), 80.0))));
    assert_eq!(planned_at(p, ind, d(1, 31)), (None, Some((d(6, 30), 40.0))));
    assert_eq!(planned_at(p, ind, d(12, 31)), (Some((d(11, 30), 100.0)), None));
}

#[test]
fn thresholds_are_settings() {
    let mut f = Fixture::new();
    f.step(0, 0, true, d(3, 31));
    f.value(0, 0, 25.0, d(6, 30)); // 15 short of 40: beyond 10% of 100
    let view = LedgerView::new(&f.plan, &f.ledger);
    let p = &f.plan.projects[0];
    assert_eq!(evaluate(p, &view, d(7, 1), &Settings::default()).light, Light::Serious);
    let loose = Settings { shortfall_tolerance: 0.2, ..Settings::default() };
    assert_eq!(evaluate(p, &view, d(7, 1), &loose).light, Light::Behind);
    let soon = Settings { due_soon_days: 100, ..Settings::default() };
    assert_eq!(evaluate(p, &view, d(7, 1), &soon).due_soon, vec![d(9, 30)]);
    let wild = Settings { shortfall_tolerance: f64::NAN, step_grace_days: -5, due_soon_days: 9999, report_deadline_day: 40, ..Settings::default() }.clamped();
    assert_eq!(wild, Settings { shortfall_tolerance: 0.10, step_grace_days: 0, due_soon_days: 365, report_deadline_day: 28, ..Settings::default() });
    let back: Settings = serde_json::from_str(r#"{"step_grace_days": 10}"#).unwrap();
    assert_eq!(back, Settings { step_grace_days: 10, ..Settings::default() });
}

#[test]
fn early_warning_looks_past_an_indicator_with_nothing_left_to_meet() {
    // Indicator A (10 个) has no milestone after 7-01; indicator B (20 处) is behind pace for 11月.
    let table = "2024 年测试\n序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排\n1\t甲\t新建A 10 个，改造B 20 处\t张\t市A局\t李\t\t11月底\t【新建A 10 个】6月底前完成 10 个。【改造B 20 处】6月底前完成 2 处；11月底前完成 20 处。\n";
    let mut f = Fixture { plan: crate::domain::import::import_list(table, None).unwrap().plan, ledger: Ledger::default(), n: 0 };
    f.value(0, 0, 10.0, d(6, 30));
    f.value(0, 1, 2.0, d(6, 30));
    let s = f.status(0, d(7, 1));
    assert_eq!(s.light, Light::OnTrack);
    let w = s.early_warning.expect("B's pace misses 11月");
    assert_eq!(w.required, 20.0);
}

#[test]
fn final_milestones_are_those_of_the_latest_date() {
    let table = "2024 年测试\n序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排\n1\t甲\t完善制度\t张\t市A局\t李\t\t11月底\t【甲】11月底前完成验收。【乙】6月底前完成调研。\n";
    let mut f = Fixture { plan: crate::domain::import::import_list(table, None).unwrap().plan, ledger: Ledger::default(), n: 0 };
    // Text order puts 乙's 6月 step last; finishing it does not complete the project.
    let june = f.plan.projects[0].milestones.iter().position(|m| m.due == d(6, 30)).unwrap();
    f.step(0, june, true, d(6, 30));
    assert_ne!(f.status(0, d(7, 1)).light, Light::Done);
    let nov = f.plan.projects[0].milestones.iter().position(|m| m.due == d(11, 30)).unwrap();
    f.step(0, nov, true, d(11, 20));
    assert_eq!(f.status(0, d(11, 21)).light, Light::Done);
}

#[test]
fn indicator_share_is_one_rule_for_every_target() {
    let f = Fixture::new();
    let mut ind = f.plan.projects[0].indicators[0].clone();
    assert_eq!(indicator_share(&ind, None), 0.0);
    assert_eq!(indicator_share(&ind, Some(25.0)), 0.25);
    assert_eq!(indicator_share(&ind, Some(250.0)), 1.0, "capped at the target");
    ind.target = Some(0.0);
    assert_eq!(indicator_share(&ind, None), 0.0, "nothing reported");
    assert_eq!(indicator_share(&ind, Some(0.0)), 1.0, "a target of 0 is reached by any report");
    ind.target = None;
    assert_eq!(indicator_share(&ind, Some(3.0)), 1.0);
}

#[test]
fn lazy_statuses_equal_evaluate_all_in_any_order_of_asking() {
    let mut f = Fixture::new();
    f.value(0, 0, 45.0, d(6, 30));
    f.step(2, 0, true, d(3, 31));
    f.value(3, 0, 5.0, d(6, 30));
    let plan = std::sync::Arc::new(f.plan.clone());
    let view = std::sync::Arc::new(LedgerView::new(&plan, &f.ledger));
    for date in [d(3, 31), d(7, 15), d(12, 31)] {
        let settings = Settings::default();
        let all = evaluate_all(&plan, &view, date, &settings);
        let lazy = LazyStatuses::new(plan.clone(), view.clone(), date, settings);
        // Asked backwards, one at a time, then whole: the same statuses each way.
        for i in (0..all.len()).rev() {
            assert_eq!(lazy.get(i), &all[i], "project {i} at {date}");
        }
        assert_eq!(lazy.all(), all);
        assert_eq!((lazy.len(), lazy.try_get(all.len())), (all.len(), None));
        assert_eq!(lazy.try_get(0), Some(&all[0]));
        assert_eq!(LazyStatuses::new(plan.clone(), view.clone(), date, settings).all(), all);
    }
}
