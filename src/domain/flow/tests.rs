use super::*;
use crate::domain::actions::{CountingMinter, NewEntry};
use crate::domain::exchange::{read_progress_file, set_aside, write_progress_file, PlanRef};
use crate::domain::fixtures::{d, list};
use crate::domain::ledger::{Reported, Subject};
use crate::domain::status::{evaluate, Light, Settings};

const ROWS: &str = "1\t甲类\t新增示范点 100 个\t张三\t市A局\t李四\t市B局\t11月底\t3月底前确定名单；6月底前完成不少于 40 个；9月底前完成不少于 80 个；11月底前全面完成。
2\t乙类\t扩大发放面\t王五\t市C局\t赵六\t\t11月底\t3月底前完成细则制定；9月底前上线系统；11月底前全面完成。
";

fn office() -> Reporter {
    Reporter::new(DEFAULT_OFFICE, "王督查")
}

struct World {
    plan: Plan,
    ledger: Ledger,
    m: CountingMinter,
    settings: Settings,
}

impl World {
    fn new() -> World {
        World { plan: list(ROWS), ledger: Ledger::default(), m: CountingMinter::default(), settings: Settings::default() }
    }

    fn flow(&self) -> Flow {
        Flow::new(&self.plan, &self.ledger, DEFAULT_OFFICE)
    }

    fn adjusted(&self) -> Plan {
        adjusted_plan(&self.plan, &self.flow().approved()).unwrap_or_else(|| self.plan.clone())
    }

    fn with_rules<T>(&mut self, f: impl FnOnce(&Rules, &mut CountingMinter, &Ledger) -> Result<T, FlowError>) -> Result<T, FlowError> {
        let flow = self.flow();
        let adjusted = self.adjusted();
        let rules = Rules { plan: &self.plan, adjusted: &adjusted, flow: &flow, cross_year: self.settings.cross_year };
        f(&rules, &mut self.m, &self.ledger)
    }

    fn act(&mut self, f: impl FnOnce(&Rules, &mut CountingMinter, &Ledger) -> Result<Act, FlowError>) -> Result<String, FlowError> {
        let a = self.with_rules(f)?;
        let id = a.id.clone();
        self.ledger.add_act(a);
        Ok(id)
    }

    fn lead(&self, p: usize) -> Reporter {
        Reporter::new(&self.plan.projects[p].lead_unit, "张科长")
    }

    fn pid(&self, p: usize) -> String {
        self.plan.projects[p].id.clone()
    }

    fn report(&mut self, p: usize, value: f64, as_of: Date) {
        let project = &self.plan.projects[p];
        let n = NewEntry {
            project: project.id.clone(),
            subject: Subject::Indicator(project.indicators[0].id.clone()),
            reported: Reported::Value(value),
            as_of,
            note: String::new(),
        };
        let who = self.lead(p);
        self.ledger.record(&who, vec![n], &mut self.m).expect("recorded");
    }

    fn step(&mut self, p: usize, k: usize, as_of: Date) {
        let project = &self.plan.projects[p];
        let n = NewEntry {
            project: project.id.clone(),
            subject: Subject::Milestone(project.milestones[k].id.clone()),
            reported: Reported::Done(true),
            as_of,
            note: String::new(),
        };
        let who = self.lead(p);
        self.ledger.record(&who, vec![n], &mut self.m).expect("recorded");
    }

    fn status(&self, p: usize, date: Date) -> crate::domain::status::ProjectStatus {
        let plan = if self.settings.against_baseline { self.plan.clone() } else { self.adjusted() };
        let (_, view) = judge(&self.plan, &self.ledger, DEFAULT_OFFICE, self.settings.reviewed_only);
        evaluate(&plan.projects[p], &view, date, &self.settings)
    }
}

#[test]
fn a_report_is_reviewed_returned_resubmitted_and_passed() {
    let mut w = World::new();
    let (p, june) = (w.pid(0), Month::new(2024, 6));
    assert_eq!(w.flow().review_state(&p, june), None, "no report, nothing to review");
    assert_eq!(w.with_rules(|r, m, _| r.review(&office(), &p, june, true, "", m)).unwrap_err(), FlowError::NothingToReview);
    w.report(0, 30.0, d(6, 30));
    assert_eq!(w.flow().review_state(&p, june), Some(State::Pending));
    assert_eq!(w.flow().waiting(&w.plan).len(), 1);
    // A return needs its comment, of at most 500 characters.
    assert_eq!(w.with_rules(|r, m, _| r.review(&office(), &p, june, false, "  ", m)).unwrap_err(), FlowError::ReasonRequired);
    let long = "字".repeat(COMMENT_MAX + 1);
    assert_eq!(w.with_rules(|r, m, _| r.review(&office(), &p, june, false, &long, m)).unwrap_err(), FlowError::TooLong { max: COMMENT_MAX });
    // Only the office reviews.
    let unit = w.lead(0);
    assert_eq!(
        w.with_rules(|r, m, _| r.review(&unit, &p, june, true, "", m)).unwrap_err(),
        FlowError::OfficeOnly { office: DEFAULT_OFFICE.into() }
    );
    w.act(|r, m, _| r.review(&office(), &p, june, false, "数字与台账不符", m)).unwrap();
    assert_eq!(w.flow().review_state(&p, june), Some(State::Returned));
    assert!(w.flow().waiting(&w.plan).is_empty(), "a returned report waits for the unit, not the office");
    assert!(w.status(0, d(7, 1)).marks.unreviewed);
    // The unit corrects it: a new entry, the state becomes 已重报 and the office sees it again.
    w.report(0, 40.0, d(6, 30));
    assert_eq!(w.flow().review_state(&p, june), Some(State::Resubmitted));
    assert_eq!(w.flow().waiting(&w.plan)[0].state, State::Resubmitted);
    w.act(|r, m, _| r.review(&office(), &p, june, true, "", m)).unwrap();
    assert_eq!(w.flow().review_state(&p, june), Some(State::Passed));
    assert!(!w.status(0, d(7, 1)).marks.unreviewed);
    assert_eq!(w.flow().waiting_count(), 0);
    // A figure sent after the pass is unreviewed again.
    w.report(0, 41.0, d(6, 30));
    assert_eq!(w.flow().review_state(&p, june), Some(State::Pending));
}

#[test]
fn lights_count_unreviewed_figures_unless_told_to_count_reviewed_ones_only() {
    let mut w = World::new();
    let p = w.pid(0);
    w.step(0, 0, d(3, 31));
    w.report(0, 40.0, d(6, 30));
    assert_eq!(w.status(0, d(7, 1)).light, Light::OnTrack);
    assert!(!w.status(0, d(7, 1)).marks.unreviewed, "no review anywhere yet: the office does not use the loop, nothing is marked");
    // Once the office reviews (here another project's report), what is not passed is 未审核.
    w.report(1, 1.0, d(6, 30));
    let other = w.pid(1);
    w.act(|r, m, _| r.review(&office(), &other, Month::new(2024, 6), true, "", m)).unwrap();
    assert!(w.status(0, d(7, 1)).marks.unreviewed);
    assert!(!w.status(1, d(7, 1)).marks.unreviewed);
    w.settings.reviewed_only = true;
    // Nothing passed: nothing counts, as if nothing was reported.
    assert_eq!(w.status(0, d(7, 1)).light, Light::NotReported);
    w.act(|r, m, _| r.review(&office(), &p, Month::new(2024, 3), true, "", m)).unwrap();
    w.act(|r, m, _| r.review(&office(), &p, Month::new(2024, 6), true, "", m)).unwrap();
    assert_eq!(w.status(0, d(7, 1)).light, Light::OnTrack);
    // A later unreviewed figure does not count; the passed one stays.
    w.report(0, 10.0, d(6, 30));
    let s = w.status(0, d(7, 1));
    assert_eq!(s.light, Light::OnTrack, "the passed 40 still counts, the unreviewed 10 does not");
}

#[test]
fn only_the_lead_unit_asks_and_dates_must_move_later_within_the_year() {
    let mut w = World::new();
    let p = w.pid(0);
    let september = w.plan.projects[0].milestones[2].clone();
    assert_eq!(september.due, d(9, 30));
    let ask = |to: Date, reason: &str| ExtensionAsk { project: p.clone(), target: Target::Milestone(september.id.clone()), to, reason: reason.into() };
    let co = Reporter::new("市B局", "");
    assert_eq!(w.with_rules(|r, m, _| r.request_extension(&co, &ask(d(12, 31), "原因"), m)).unwrap_err(), FlowError::NotLead { lead: "市A局".into() });
    let lead = w.lead(0);
    assert_eq!(w.with_rules(|r, m, _| r.request_extension(&lead, &ask(d(12, 31), " "), m)).unwrap_err(), FlowError::ReasonRequired);
    assert_eq!(w.with_rules(|r, m, _| r.request_extension(&lead, &ask(d(9, 1), "原因"), m)).unwrap_err(), FlowError::NotLater { current: d(9, 30) });
    let next_year = Date::new(2025, 3, 31).unwrap();
    assert_eq!(
        w.with_rules(|r, m, _| r.request_extension(&lead, &ask(next_year, "原因"), m)).unwrap_err(),
        FlowError::PastYearEnd { year_end: d(12, 31) }
    );
    w.settings.cross_year = true;
    assert!(w.with_rules(|r, m, _| r.request_extension(&lead, &ask(next_year, "原因"), m)).is_ok(), "a cross-year date when the setting allows it");
    w.settings.cross_year = false;
    let req = w.act(|r, m, _| r.request_extension(&lead, &ask(d(12, 31), "征迁未完成"), m)).unwrap();
    assert_eq!(w.with_rules(|r, m, _| r.request_extension(&lead, &ask(d(12, 31), "再次"), m)).unwrap_err(), FlowError::AlreadyRequested);
    // Only the office rules; a refusal needs its reason; one ruling only.
    assert_eq!(w.with_rules(|r, m, _| r.answer(&lead, &req, true, "", m)).unwrap_err(), FlowError::OfficeOnly { office: DEFAULT_OFFICE.into() });
    assert_eq!(w.with_rules(|r, m, _| r.answer(&office(), &req, false, "", m)).unwrap_err(), FlowError::ReasonRequired);
    assert_eq!(w.flow().request(&req).unwrap().state(), State::Pending);
    w.act(|r, m, _| r.answer(&office(), &req, true, "同意", m)).unwrap();
    assert_eq!(w.with_rules(|r, m, _| r.answer(&office(), &req, false, "改判", m)).unwrap_err(), FlowError::AlreadyAnswered);
    assert_eq!(w.flow().request(&req).unwrap().state(), State::Approved);
    // An answered request cannot be withdrawn.
    assert_eq!(w.with_rules(|r, m, l| r.withdraw(&lead, l, &req, m)).unwrap_err(), FlowError::CannotWithdraw);
}

#[test]
fn the_adjusted_plan_moves_the_approved_dates_and_the_baseline_stays() {
    let mut w = World::new();
    let p = w.pid(0);
    let september = w.plan.projects[0].milestones[2].id.clone();
    let lead = w.lead(0);
    w.step(0, 0, d(3, 31));
    w.report(0, 40.0, d(6, 30));
    w.report(0, 50.0, d(9, 30));
    // At 10-15 the September milestone (80) is missed: serious.
    assert_eq!(w.status(0, d(10, 15)).light, Light::Serious);
    let ask = ExtensionAsk { project: p.clone(), target: Target::Milestone(september.clone()), to: d(12, 31), reason: "征迁未完成".into() };
    let req = w.act(|r, m, _| r.request_extension(&lead, &ask, m)).unwrap();
    assert_eq!(w.status(0, d(10, 15)).light, Light::Serious, "a request alone changes nothing");
    w.act(|r, m, _| r.answer(&office(), &req, true, "同意", m)).unwrap();
    let adjusted = w.adjusted();
    assert_eq!(adjusted.projects[0].milestone(&september).unwrap().due, d(12, 31));
    assert_eq!(adjusted.projects[0].due, Some(d(12, 31)), "a step moved past 预计完成时间 moves it too");
    assert_eq!(w.plan.projects[0].milestone(&september).unwrap().due, d(9, 30), "the baseline never changes");
    let s = w.status(0, d(10, 15));
    assert_ne!(s.light, Light::Serious);
    assert!(!s.overdue);
    assert!(s.marks.moved);
    let moved = w.flow().moved(&p).to_vec();
    assert_eq!(moved.len(), 1);
    assert_eq!((moved[0].baseline, moved[0].adjusted), (d(9, 30), d(12, 31)));
    // Against the baseline (year-end assessment) the light is as before.
    w.settings.against_baseline = true;
    assert_eq!(w.status(0, d(10, 15)).light, Light::Serious);
}

#[test]
fn moving_the_due_date_moves_the_milestones_due_on_it() {
    let mut w = World::new();
    let p = w.pid(1);
    let lead = w.lead(1);
    let ask = ExtensionAsk { project: p.clone(), target: Target::Due, to: d(12, 31), reason: "系统联调".into() };
    let req = w.act(|r, m, _| r.request_extension(&lead, &ask, m)).unwrap();
    w.act(|r, m, _| r.answer(&office(), &req, true, "", m)).unwrap();
    let adjusted = w.adjusted();
    let project = &adjusted.projects[1];
    assert_eq!(project.due, Some(d(12, 31)));
    assert_eq!(project.milestones.last().unwrap().due, d(12, 31));
    assert_eq!(project.milestones[0].due, d(3, 31), "earlier milestones stay");
    assert!(!w.status(1, d(12, 15)).overdue);
}

#[test]
fn a_refused_extension_moves_nothing() {
    let mut w = World::new();
    let p = w.pid(0);
    let lead = w.lead(0);
    let ask = ExtensionAsk { project: p, target: Target::Due, to: d(12, 31), reason: "原因".into() };
    let req = w.act(|r, m, _| r.request_extension(&lead, &ask, m)).unwrap();
    w.act(|r, m, _| r.answer(&office(), &req, false, "理由不充分", m)).unwrap();
    assert_eq!(w.flow().request(&req).unwrap().state(), State::Refused);
    assert!(adjusted_plan(&w.plan, &w.flow().approved()).is_none());
}

#[test]
fn rulings_made_twice_in_two_browsers_merge_to_the_first() {
    let mut w = World::new();
    let p = w.pid(0);
    let lead = w.lead(0);
    let ask = ExtensionAsk { project: p, target: Target::Due, to: d(12, 31), reason: "原因".into() };
    let req = w.act(|r, m, _| r.request_extension(&lead, &ask, m)).unwrap();
    // Two office browsers rule before they merge: one approves, the other refuses later.
    let mut a = w.ledger.clone();
    let mut b = w.ledger.clone();
    let approve = w.with_rules(|r, m, _| r.answer(&office(), &req, true, "同意", m)).unwrap();
    let refuse = w.with_rules(|r, m, _| r.answer(&office(), &req, false, "不同意", m)).unwrap();
    a.add_act(approve.clone());
    b.add_act(refuse.clone());
    let ab = a.clone().merged(&b);
    let ba = b.clone().merged(&a);
    assert_eq!(ab, ba, "merge is commutative");
    assert_eq!(ab.acts.len(), 3, "both rulings are kept");
    for ledger in [ab, ba] {
        let flow = Flow::new(&w.plan, &ledger, DEFAULT_OFFICE);
        let r = flow.request(&req).unwrap();
        assert_eq!(r.state(), State::Approved, "the first ruling made stays in force");
        assert_eq!(r.later_answers, vec![refuse.id.clone()]);
        assert!(flow.not_in_force.iter().any(|(id, why)| *id == refuse.id && matches!(why, NotInForce::SecondAnswer { .. })));
    }
}

#[test]
fn a_closure_is_asked_by_the_lead_unit_and_confirmed_by_the_office() {
    let mut w = World::new();
    let p = w.pid(1);
    let lead = w.lead(1);
    assert_eq!(w.with_rules(|r, m, _| r.request_closure(&lead, &p, "", m)).unwrap_err(), FlowError::ReasonRequired);
    let req = w.act(|r, m, _| r.request_closure(&lead, &p, "系统已上线运行", m)).unwrap();
    assert_eq!(w.with_rules(|r, m, _| r.request_closure(&lead, &p, "again", m)).unwrap_err(), FlowError::AlreadyRequested);
    assert_eq!(w.with_rules(|r, m, _| r.answer(&office(), &req, false, "", m)).unwrap_err(), FlowError::ReasonRequired);
    w.act(|r, m, _| r.answer(&office(), &req, true, "", m)).unwrap();
    let flow = w.flow();
    assert_eq!(flow.request(&req).unwrap().state(), State::Closed);
    assert_eq!(flow.closed_count(), 1);
    // Closed from the day of the confirmation (the counting minter's July).
    let on = flow.closed_on(&p).unwrap();
    let s = w.status(1, d(12, 31));
    assert_eq!(s.light, Light::Done);
    assert!(s.marks.closed);
    assert!(!w.status(1, on.add_days(-1).unwrap()).marks.closed, "not before the confirmation");
    assert_eq!(w.with_rules(|r, m, _| r.request_closure(&lead, &p, "又一次", m)).unwrap_err(), FlowError::AlreadyClosed);
    // 汇报模式 has a slide of the loop's outcomes naming it; the bulletin a section.
    let statuses: Vec<_> = (0..w.plan.projects.len()).map(|i| w.status(i, d(12, 31))).collect();
    let deck = crate::domain::slides::slides(&w.plan, &statuses, &[0, 1], 0, &Default::default());
    assert!(deck.contains(&crate::domain::slides::Slide::Loop { projects: vec![1], page: 0 }));
    let (_, view) = judge(&w.plan, &w.ledger, DEFAULT_OFFICE, false);
    let submissions = crate::domain::submissions::submissions(&w.plan, &view, &[], &w.settings, d(12, 31));
    let src = crate::domain::bulletin::Sources { plan: &w.plan, view: &view, statuses: &statuses, previous: &statuses, rows: &[0, 1], quarter: 4, submissions: &submissions, flow: Some(&flow) };
    let b = crate::domain::bulletin::bulletin(&src, crate::i18n::Lang::Zh);
    let section = b.sections.iter().find(|s| s.heading.contains("批准延期和办结销号")).expect("a section on the loop");
    assert!(section.paragraphs.iter().any(|p| p.contains("办结销号 1 项") && p.contains("扩大发放面")));
}

#[test]
fn records_made_by_whom_may_not_are_listed_not_in_force() {
    let mut w = World::new();
    let p = w.pid(0);
    w.report(0, 30.0, d(6, 30));
    // A unit's review, written by hand into a file: not in force.
    let mut forged = w.with_rules(|r, m, _| r.review(&office(), &p, Month::new(2024, 6), true, "", m)).unwrap();
    forged.unit = "市A局".into();
    w.ledger.add_act(forged.clone());
    // A request by a cooperating unit: not in force.
    let mut req = w.with_rules(|r, m, _| r.request_closure(&Reporter::new("市A局", ""), &p, "完成", m)).unwrap();
    req.unit = "市B局".into();
    w.ledger.add_act(req.clone());
    let flow = w.flow();
    assert_eq!(flow.review_state(&p, Month::new(2024, 6)), Some(State::Pending));
    assert!(flow.requests.is_empty());
    assert!(flow.not_in_force.contains(&(forged.id.clone(), NotInForce::NotOffice { unit: "市A局".into() })));
    assert!(flow.not_in_force.contains(&(req.id.clone(), NotInForce::NotLead { unit: "市B局".into() })));
}

#[test]
fn a_record_is_withdrawn_by_its_maker_only() {
    let mut w = World::new();
    let p = w.pid(0);
    let lead = w.lead(0);
    let req = w.act(|r, m, _| r.request_closure(&lead, &p, "完成", m)).unwrap();
    assert_eq!(w.with_rules(|r, m, l| r.withdraw(&office(), l, &req, m)).unwrap_err(), FlowError::CannotWithdraw);
    w.act(|r, m, l| r.withdraw(&lead, l, &req, m)).unwrap();
    assert!(w.flow().requests.is_empty());
    // The office takes back its own review.
    w.report(0, 30.0, d(6, 30));
    let review = w.act(|r, m, _| r.review(&office(), &p, Month::new(2024, 6), true, "", m)).unwrap();
    assert_eq!(w.flow().review_state(&p, Month::new(2024, 6)), Some(State::Passed));
    w.act(|r, m, l| r.withdraw(&office(), l, &review, m)).unwrap();
    assert_eq!(w.flow().review_state(&p, Month::new(2024, 6)), Some(State::Pending));
}

#[test]
fn the_loop_travels_in_files_and_a_units_file_cannot_carry_office_records() {
    let mut w = World::new();
    let p = w.pid(0);
    let lead = w.lead(0);
    w.report(0, 30.0, d(6, 30));
    w.act(|r, m, _| r.review(&office(), &p, Month::new(2024, 6), false, "请补充", m)).unwrap();
    let ask = ExtensionAsk { project: p.clone(), target: Target::Due, to: d(12, 31), reason: "原因".into() };
    w.act(|r, m, _| r.request_extension(&lead, &ask, m)).unwrap();
    // A record of a kind a newer app made is kept and passed on.
    w.ledger.add_unknown("x-1".into(), serde_json::json!({"id": "x-1", "kind": "inspection", "project": p, "unit": "督查室", "recorded_at": "2024-07-01T00:00:00.000Z", "photos": 3}));
    let office_file = write_progress_file(&PlanRef::of(&w.plan), &w.ledger, "2024-07-02T00:00:00.000Z", Some(DEFAULT_OFFICE));
    let back = read_progress_file(&office_file).unwrap();
    assert_eq!(back.ledger, w.ledger, "every record round-trips, the unknown one as it came");
    // The same records in a file a unit exported: the office's review is set aside.
    let unit_file = write_progress_file(&PlanRef::of(&w.plan), &w.ledger, "2024-07-02T00:00:00.000Z", Some("市A局"));
    let mut files = vec![read_progress_file(&unit_file).unwrap(), read_progress_file(&office_file).unwrap()];
    let aside = set_aside(&mut files, DEFAULT_OFFICE);
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].0, 0);
    assert!(matches!(aside[0].1.kind, ActKind::Review { .. }));
    assert_eq!(files[0].ledger.acts.len(), 1, "the unit's own request stays");
    assert_eq!(files[1].ledger.acts.len(), 2, "the office's file keeps its review");
}

#[test]
fn older_files_migrate_and_bad_records_are_refused_with_their_place() {
    let v2 = r#"{"format":"minsheng-progress","version":2,"plan":{"id":"p","fingerprint":"f"},"exported_at":"2024-07-01T00:00:00.000Z","entries":[],"decisions":[]}"#;
    let f = read_progress_file(v2).unwrap();
    assert!(f.ledger.acts.is_empty());
    let bad = |act: &str| format!(r#"{{"format":"minsheng-progress","version":3,"plan":{{"id":"p","fingerprint":"f"}},"exported_at":"x","entries":[],"decisions":[],"acts":[{act}]}}"#);
    for (act, says) in [
        (r#"{"id":"a1","kind":"review","project":"p","month":"2024-06-30","pass":false,"comment":"","covers":"2024-07-01T00:00:00.000Z","unit":"督查室","recorded_at":"2024-07-01T00:00:00.000Z"}"#, "needs its comment"),
        (r#"{"id":"a1","kind":"extension","project":"p","target":{"kind":"due"},"from":"2024-11-30","to":"2024-10-31","reason":"r","unit":"u","recorded_at":"2024-07-01T00:00:00.000Z"}"#, "is not after"),
        (r#"{"id":"a1","kind":"ruling","project":"p","request":"r1","approve":false,"unit":"督查室","recorded_at":"2024-07-01T00:00:00.000Z"}"#, "refusal needs"),
        (r#"{"id":"","kind":"future","project":"p"}"#, "id must not be empty"),
        (r#"{"id":"a1","kind":"closure","project":"p","summary":"s","unit":"u","recorded_at":"yesterday"}"#, "recorded_at"),
    ] {
        let e = read_progress_file(&bad(act)).unwrap_err();
        let text = format!("{e:?}");
        assert!(text.contains("acts[0]") && text.contains(says), "{act}: {text}");
    }
}

#[test]
fn the_server_rules_name_who_may_write_each_kind() {
    let w = World::new();
    let doc = crate::domain::sync::design_doc(&w.plan);
    let v = doc["validate_doc_update"].as_str().unwrap();
    for needle in ["newDoc.type === 'act'", "refuse('office_only')", "refuse('not_lead', newDoc.unit)", "kind === 'review' || kind === 'ruling' || kind === 'confirmation'"] {
        assert!(v.contains(needle), "{needle}");
    }
}
