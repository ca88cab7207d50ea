use super::*;
use crate::domain::fixtures::{list};
use crate::domain::format::FileError;
use crate::domain::ledger::{ReportTexts, Standing};

const ROWS: &str = "1\t甲类\t新增示范点 20 个\t张三\t市A局\t李四\t市B局\t11月底\t3月底前确定名单；6月底前完成10个；11月底前全面完成。\n";

fn plan() -> Plan {
    list(ROWS)
}

fn entry(plan: &Plan, id: &str, value: f64, unit: &str) -> Entry {
    let p = &plan.projects[0];
    Entry {
        id: id.into(),
        project: p.id.clone(),
        subject: Subject::Indicator(p.indicators[0].id.clone()),
        reported: Reported::Value(value),
        as_of: Date::new(2024, 6, 30).unwrap(),
        note: "备注 <b>".into(),
        unit: unit.into(),
        person: "王".into(),
        recorded_at: format!("2024-07-01T00:00:0{}.000Z", id.len() % 10),
        supersedes: None,
        deleted: false,
    }
}

#[test]
fn export_then_import_is_identity() {
    let plan = plan();
    let mut l = Ledger::default();
    l.add(entry(&plan, "a", 5.0, "市A局"));
    let mut step = entry(&plan, "b", 0.0, "市A局");
    step.subject = Subject::Milestone(plan.projects[0].milestones[0].id.clone());
    step.reported = Reported::Done(true);
    step.supersedes = Some("x".into());
    l.add(step);
    let mut tomb = entry(&plan, "c", 5.0, "市A局");
    tomb.deleted = true;
    tomb.supersedes = Some("a".into());
    l.add(tomb);
    l.add_decision(Decision { id: "d".into(), entry: "a".into(), accept: true, unit: "督查室".into(), person: String::new(), recorded_at: "2024-07-02T08:00:00.000Z".into() });
    let mut report = entry(&plan, "r", 0.0, "市A局");
    report.subject = Subject::Report;
    report.reported = Reported::Texts(ReportTexts {
        progress: "完成 5 个 <b>".into(),
        problems: "选址难".into(),
        next_steps: String::new(),
        coordination: "请协调用地".into(),
    });
    l.add(report);
    l.add_notice(crate::domain::ledger::IssuedNotice {
        id: "n1".into(),
        no: 1,
        project: plan.projects[0].id.clone(),
        level: "red".into(),
        report_date: Date::new(2024, 6, 30).unwrap(),
        action: "请整改".into(),
        reply_by: Date::new(2024, 7, 9).unwrap(),
        unit: "督查室".into(),
        person: String::new(),
        recorded_at: "2024-07-02T08:00:00.000Z".into(),
    });
    let text = write_progress_file(&PlanRef::of(&plan), &l, "2024-07-01T00:00:00.000Z", Some("市A局"));
    assert!(text.contains("\"version\": 4"));
    assert!(text.contains("\"coordination\": \"请协调用地\""));
    let back = read_progress_file(&text).unwrap();
    assert_eq!(back.ledger, l);
    assert_eq!(back.plan, PlanRef::of(&plan));
    assert_eq!(back.exported_by.as_deref(), Some("市A局"));
    assert_eq!(write_progress_file(&back.plan, &back.ledger, &back.exported_at, Some("市A局")), text);
}

#[test]
fn preview_counts_new_known_and_conflicts() {
    let plan = plan();
    let mut mine = Ledger::default();
    mine.add(entry(&plan, "a", 5.0, "市A局"));
    let mut theirs = Ledger::default();
    theirs.add(entry(&plan, "a", 5.0, "市A局"));
    theirs.add(entry(&plan, "b", 6.0, "市B局"));
    theirs.add(entry(&plan, "z", 1.0, "市Z局"));
    let file = ProgressFile { plan: PlanRef::of(&plan), exported_at: String::new(), exported_by: None, ledger: theirs };
    let p = preview_merge(&plan, &mine, &[file.clone(), file]);
    assert_eq!((p.new_entries, p.known_entries), (2, 4));
    assert_eq!(p.units, vec![("市B局".to_string(), 1), ("市Z局".to_string(), 1)]);
    assert!(p.new_issues.iter().any(|i| matches!(i, Issue::Conflict { .. })));
    assert!(p.new_issues.contains(&Issue::Unauthorized { entry: "z".into(), standing: Standing::Pending }));
    assert!(p.plan_mismatch.is_empty());
    assert_eq!(p.merged.entries.len(), 3);
}

#[test]
fn files_for_another_plan_version_are_flagged() {
    let plan = plan();
    let mut other = PlanRef::of(&plan);
    other.fingerprint = "0000".into();
    let file = ProgressFile { plan: other.clone(), exported_at: String::new(), exported_by: None, ledger: Ledger::default() };
    assert_eq!(preview_merge(&plan, &Ledger::default(), &[file]).plan_mismatch, vec![other]);
}

#[test]
fn version_one_fixture_loads_unchanged() {
    let text = include_str!("../../../tests/fixtures/progress-v1.json");
    let f = read_progress_file(text).unwrap();
    assert_eq!(f.ledger.entries.len(), 3);
    assert_eq!(f.ledger.decisions.len(), 1);
    assert_eq!(f.exported_by.as_deref(), Some("市民政局"));
    // Every field of every entry as version 1 wrote it.
    let v1: serde_json::Value = serde_json::from_str(text).unwrap();
    for e in v1["entries"].as_array().unwrap() {
        let got = &f.ledger.entries[e["id"].as_str().unwrap()];
        assert_eq!(got.project, e["project"].as_str().unwrap());
        assert_eq!(got.as_of.to_string(), e["as_of"].as_str().unwrap());
        assert_eq!(got.unit, e["unit"].as_str().unwrap());
        assert_eq!(got.recorded_at, e["recorded_at"].as_str().unwrap());
        assert_eq!(got.note, e["note"].as_str().unwrap_or(""));
        match (&got.subject, &got.reported) {
            (Subject::Indicator(i), Reported::Value(v)) => {
                assert_eq!(i, e["indicator"].as_str().unwrap());
                assert_eq!(*v, e["value"].as_f64().unwrap());
            }
            (Subject::Milestone(m), Reported::Done(d)) => {
                assert_eq!(m, e["milestone"].as_str().unwrap());
                assert_eq!(*d, e["done"].as_bool().unwrap());
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    // Written again, it is a version-2 file that reads back to the same ledger.
    let again = write_progress_file(&f.plan, &f.ledger, &f.exported_at, f.exported_by.as_deref());
    assert!(again.contains("\"version\": 4"));
    assert_eq!(read_progress_file(&again).unwrap().ledger, f.ledger);
}

#[test]
fn report_entries_are_checked() {
    let plan = plan();
    let p = &plan.projects[0];
    let file = |report: &str| {
        format!(
            r#"{{"format":"minsheng-progress","version":2,"plan":{{"id":"x","fingerprint":"y"}},"exported_at":"","entries":[{{"id":"r1","project":"{}","report":{report},"as_of":"2024-06-30","unit":"市A局","recorded_at":"2024-07-01T00:00:00Z"}}]}}"#,
            p.id
        )
    };
    let ok = read_progress_file(&file(r#"{"progress":"进展","problems":"问题"}"#)).unwrap();
    let e = ok.ledger.entries.values().next().unwrap();
    assert_eq!(e.subject, Subject::Report);
    assert_eq!(e.reported, Reported::Texts(ReportTexts { progress: "进展".into(), problems: "问题".into(), ..ReportTexts::default() }));
    let long = "字".repeat(2001);
    let err = read_progress_file(&file(&format!(r#"{{"progress":"{long}"}}"#))).unwrap_err();
    assert_eq!(err, FileError::Shape { detail: "entries[0]: report.progress has 2001 characters (at most 2000)".into() });
    assert!(read_progress_file(&file(&format!(r#"{{"coordination":"{}"}}"#, "字".repeat(2000)))).is_ok(), "2,000 is allowed");
    let unknown = read_progress_file(&file(r#"{"progres":"typo"}"#)).unwrap_err();
    assert!(matches!(unknown, FileError::Shape { .. }), "{unknown:?}");
}
