use super::*;
use crate::domain::fixtures::{d, list};
use crate::domain::ledger::{Entry, Ledger, Reported, Subject};

const ROWS: &str = "1\t甲类\t新增示范点 100 个\t张三\t市A局\t李四\t市C局\t11月底\t9月底前完成不少于 80 个；11月底前全面完成。
\t\t建设驿站 10 家\t张三\t市A局\t李四\t\t11月底\t9月底前完成不少于 6 家；11月底前全面完成。
2\t乙类\t培训 200 人次\t王五\t市B局\t赵六\t\t8月底\t8月底前完成 200 人次。
";


fn value(plan: &Plan, id: &str, project: usize, v: f64, as_of: Date, unit: &str, recorded_at: &str) -> Entry {
    let p = &plan.projects[project];
    Entry {
        id: id.into(),
        project: p.id.clone(),
        subject: Subject::Indicator(p.indicators[0].id.clone()),
        reported: Reported::Value(v),
        as_of,
        note: String::new(),
        unit: unit.into(),
        person: String::new(),
        recorded_at: recorded_at.into(),
        supersedes: None,
        deleted: false,
    }
}

#[test]
fn deadlines_and_lateness_in_china_time() {
    assert_eq!(deadline(Month::new(2024, 8), 5), d(9, 5));
    assert_eq!(deadline(Month::new(2024, 12), 5), Date::new(2025, 1, 5).unwrap());
    assert_eq!(deadline(Month::new(2024, 1), 31), d(2, 29), "clamped to the month");
    assert!(!is_late("2024-09-05T15:59:59.000Z", d(9, 5)), "23:59 in China on the 5th");
    assert!(is_late("2024-09-05T16:00:00.000Z", d(9, 5)), "00:00 in China on the 6th");
    assert!(!is_late("not a time", d(9, 5)));
}

#[test]
fn reported_late_partly_missing_awaiting_and_nothing_expected() {
    let plan = list(ROWS);
    let mut l = Ledger::default();
    // 8月: 市A局 reports both projects on time; 市B局 reports late (and completes).
    l.add(value(&plan, "a1", 0, 50.0, d(8, 31), "市A局", "2024-09-02T01:00:00.000Z"));
    l.add(value(&plan, "a2", 1, 3.0, d(8, 31), "市A局", "2024-09-03T01:00:00.000Z"));
    l.add(value(&plan, "b1", 2, 200.0, d(8, 31), "市B局", "2024-09-09T01:00:00.000Z"));
    // 9月: 市A局 reports one project only; a co-unit's figure counts for the project too.
    l.add(value(&plan, "a3", 0, 80.0, d(9, 30), "市C局", "2024-10-02T01:00:00.000Z"));
    let view = LedgerView::new(&plan, &l);
    let months = [Month::new(2024, 8), Month::new(2024, 9), Month::new(2024, 10)];
    let table = submissions(&plan, &view, &months, &Settings::default(), d(10, 3));
    assert_eq!(table.units, vec!["市A局".to_string(), "市B局".to_string()]);
    let state = |u: usize, m: usize| table.cells[u][m].state;
    assert_eq!(state(0, 0), CellState::Reported);
    assert_eq!(state(1, 0), CellState::Late);
    assert_eq!(table.cells[1][0].late, vec![2]);
    assert_eq!(state(0, 1), CellState::Awaiting, "9月 is due by 10-5 and today is 10-3");
    assert_eq!(table.cells[0][1].missing, vec![1]);
    assert_eq!(state(1, 1), CellState::NothingExpected, "市B局's only project was completed in 8月");
    let after = submissions(&plan, &view, &months, &Settings::default(), d(11, 10));
    assert_eq!(after.cells[0][1].state, CellState::Partly);
    assert_eq!(after.cells[0][2].state, CellState::NotReported);
    assert_eq!(after.counts(0), vec![
        (CellState::Reported, 1), (CellState::Late, 1), (CellState::Partly, 0),
        (CellState::NotReported, 0), (CellState::Awaiting, 0), (CellState::NothingExpected, 0),
    ]);
    // An earlier deadline day makes the 8月 report of 市A局 late too.
    let strict = Settings { report_deadline_day: 1, ..Settings::default() };
    assert_eq!(submissions(&plan, &view, &months, &strict, d(11, 10)).cells[0][0].state, CellState::Late);
}

#[test]
fn an_edit_after_the_deadline_does_not_make_a_report_late() {
    let plan = list(ROWS);
    let mut l = Ledger::default();
    l.add(value(&plan, "a1", 0, 50.0, d(8, 31), "市A局", "2024-09-02T01:00:00.000Z"));
    let mut edit = value(&plan, "a1b", 0, 55.0, d(8, 31), "市A局", "2024-09-20T01:00:00.000Z");
    edit.supersedes = Some("a1".into());
    l.add(edit);
    l.add(value(&plan, "a2", 1, 3.0, d(8, 31), "市A局", "2024-09-03T01:00:00.000Z"));
    let view = LedgerView::new(&plan, &l);
    let table = submissions(&plan, &view, &[Month::new(2024, 8)], &Settings::default(), d(10, 3));
    assert_eq!(table.cells[0][0].state, CellState::Reported);
}

#[test]
fn the_reminder_names_the_units_and_their_projects() {
    let plan = list(ROWS);
    let view = LedgerView::new(&plan, &Ledger::default());
    let table = submissions(&plan, &view, &[Month::new(2024, 8)], &Settings::default(), d(9, 10));
    let r = reminder(&plan, &table, Month::new(2024, 8), &Settings::default(), d(9, 10), Lang::Zh);
    assert_eq!(r.units, vec!["市A局".to_string(), "市B局".to_string()]);
    assert_eq!(
        r.to_text(),
        "关于催报2024年8月民生实事项目进展情况的通知\n\n截至2024年9月10日，以下2个单位尚未报送8月底进展情况（报送截止时间为2024年9月5日），请抓紧报送：\n1. 市A局（2项）：新增示范点 100 个；建设驿站 10 家\n2. 市B局（1项）：培训 200 人次\n\n请上述单位于收到本通知后2个工作日内通过填报系统报送进展数据和月报，并说明逾期原因。\n"
    );
    let en = reminder(&plan, &table, Month::new(2024, 8), &Settings::default(), d(9, 10), Lang::En);
    assert!(en.lead.contains("2 units have not reported for end of Aug"), "{}", en.lead);
    let nobody = reminder(&plan, &table, Month::new(2024, 7), &Settings::default(), d(9, 10), Lang::Zh);
    assert!(nobody.items.is_empty());
}
