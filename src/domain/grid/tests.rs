use super::*;
use crate::domain::fixtures::d;
use crate::domain::actions::{CountingMinter, Reporter};
use crate::domain::import::import_list;
use crate::domain::ledger::Ledger;


fn seed() -> Plan {
    import_list(include_str!("../../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan
}

#[test]
fn default_month_is_the_last_month_end_reached() {
    assert_eq!(default_month(d(9, 30), d(11, 29), 2024), 9);
    assert_eq!(default_month(d(10, 15), d(11, 29), 2024), 9);
    assert_eq!(default_month(d(12, 31), d(7, 3), 2024), 6, "not after today");
    assert_eq!(default_month(d(1, 10), d(1, 10), 2024), 1, "January at the latest");
    assert_eq!(default_month(d(12, 31), Date::new(2026, 11, 29).unwrap(), 2024), 12, "a past year: December");
}

#[test]
fn as_of_is_the_month_end_or_today() {
    assert_eq!(grid_as_of(2024, 9, d(11, 29)), Ok(d(9, 30)));
    assert_eq!(grid_as_of(2024, 11, d(11, 20)), Ok(d(11, 20)), "a running month: today");
    assert_eq!(grid_as_of(2025, 1, d(11, 20)), Err(GridError::MonthNotStarted));
    assert_eq!(grid_as_of(2024, 13, d(11, 20)), Err(GridError::MonthNotStarted));
}

#[test]
fn a_units_grid_values_steps_and_texts() {
    let plan = seed();
    let view = LedgerView::new(&plan, &Ledger::default());
    let g = grid(&plan, &view, "市住保房管局", 9);
    assert!(g.iter().all(|x| plan.projects[x.project].lead_unit == "市住保房管局"));
    assert_eq!(g.iter().map(|x| x.values.len()).sum::<usize>(), 5);
    // Steps due by 9月底 and not done: every one is offered.
    for x in &g {
        for s in &x.steps {
            let m = &plan.projects[x.project].milestones[s.milestone];
            assert!(m.due <= d(9, 30) && m.requirement == Requirement::Step);
            assert_eq!(s.done, None);
        }
    }
    assert!(grid(&plan, &view, "不存在的单位", 9).is_empty());
    // A project with only a qualitative indicator still has its steps in the grid.
    let youth = plan.projects.iter().position(|p| p.indicators.iter().all(|i| !i.is_quantitative())).unwrap();
    let unit = &plan.projects[youth].lead_unit;
    let g2 = grid(&plan, &view, unit, 12);
    let row = g2.iter().find(|x| x.project == youth).unwrap();
    assert!(row.values.is_empty() && !row.steps.is_empty());
}

#[test]
fn entries_of_what_changed_and_errors_of_what_is_wrong() {
    let plan = seed();
    let mut ledger = Ledger::default();
    let view = LedgerView::new(&plan, &ledger);
    let g = grid(&plan, &view, "市民政局", 9);
    let mut input = initial_input(&g);
    assert_eq!(input.values.len(), g.iter().map(|x| x.values.len()).sum::<usize>());
    assert!(grid_entries(&plan, &g, &input, d(9, 30)).unwrap().is_empty(), "nothing typed, nothing saved");
    input.values[0] = "95".into();
    input.values[1] = " ".into();
    input.steps[0] = Some(true);
    input.texts[0].problems = "  部分点位选址困难  ".into();
    let entries = grid_entries(&plan, &g, &input, d(9, 30)).unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0].reported, Reported::Value(95.0));
    assert_eq!(entries[1].reported, Reported::Done(true));
    assert_eq!(entries[2].subject, Subject::Report);
    assert_eq!(entries[2].reported, Reported::Texts(ReportTexts { problems: "部分点位选址困难".into(), ..ReportTexts::default() }));
    assert!(entries.iter().all(|e| e.as_of == d(9, 30)));

    // Recorded, the grid shows them: the step as reported, the texts as the unit's; saving again adds nothing.
    ledger.record(&Reporter::new("市民政局", "张"), entries, &mut CountingMinter::default()).unwrap();
    let view = LedgerView::new(&plan, &ledger);
    let g = grid(&plan, &view, "市民政局", 9);
    let again = initial_input(&g);
    assert_eq!(again.steps[0], Some(true));
    assert_eq!(again.texts[0].problems, "部分点位选址困难");
    assert!(grid_entries(&plan, &g, &again, d(9, 30)).unwrap().is_empty());

    // A bad cell and an over-long text: nothing is saved, each is named.
    let mut bad = again.clone();
    bad.values[0] = "many".into();
    bad.texts[1].coordination = "字".repeat(2001);
    bad.values[1] = "12".into();
    let errors = grid_entries(&plan, &g, &bad, d(9, 30)).unwrap_err();
    assert_eq!(errors.count(), 2);
    assert_eq!(errors.values[0], Some(InputError::NotANumber { text: "many".into() }));
    assert_eq!(errors.texts[1], vec![(ReportField::Coordination, InputError::TooLong { max: 2000, len: 2001 })]);
}

#[test]
fn a_pasted_column() {
    assert_eq!(pasted_column("410\n76\t x\n4600\n"), Some(vec!["410".to_string(), "76".into(), "4600".into()]));
    assert_eq!(pasted_column("410"), None);
}
