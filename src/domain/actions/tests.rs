use super::*;
use crate::domain::fixtures::{d, list};
use crate::domain::ledger::LedgerView;
use crate::domain::plan::Plan;

const ROWS: &str = "1\t甲类\t新增示范点 20 个\t张三\t市A局\t李四\t市B局、市C局\t11月底\t3月底前确定名单；6月底前完成10个；11月底前全面完成。\n";

fn plan() -> Plan {
    list(ROWS)
}


fn value(plan: &Plan, v: f64, as_of: Date) -> NewEntry {
    let p = &plan.projects[0];
    NewEntry {
        project: p.id.clone(),
        subject: Subject::Indicator(p.indicators[0].id.clone()),
        reported: Reported::Value(v),
        as_of,
        note: format!("n{v}"),
    }
}

fn current(plan: &Plan, l: &Ledger) -> Option<f64> {
    let p = &plan.projects[0];
    LedgerView::new(plan, l).value_at(&p.id, &p.indicators[0].id, d(12, 31))
}

#[test]
fn every_action_needs_a_unit() {
    let plan = plan();
    let mut l = Ledger::default();
    let mut m = CountingMinter::default();
    let nobody = Reporter::new("  ", "王");
    assert_eq!(l.record(&nobody, vec![value(&plan, 5.0, d(6, 30))], &mut m), Err(ActionError::NoUnit));
    let a = Reporter::new("市A局", "王");
    let change = l.record(&a, vec![value(&plan, 5.0, d(6, 30))], &mut m).unwrap();
    assert_eq!(l.delete(&nobody, &change.entries[0], &mut m), Err(ActionError::NoUnit));
    assert_eq!(l.undo(&nobody, &change, &mut m), Err(ActionError::NoUnit));
    assert_eq!(l.decide(&nobody, &change.entries[0], true, &mut m), Err(ActionError::NoUnit));
    assert_eq!(l.delete(&a, "missing", &mut m), Err(ActionError::UnknownEntry));
    assert_eq!(l.decide(&a, "missing", true, &mut m), Err(ActionError::UnknownEntry));
    assert_eq!(l.entries.len(), 1, "refused actions add nothing");
    assert!(l.decisions.is_empty());
}

#[test]
fn an_edit_by_the_same_unit_supersedes_another_units_does_not() {
    let plan = plan();
    let mut l = Ledger::default();
    let mut m = CountingMinter::default();
    let a = Reporter::new("市A局", "王");
    let b = Reporter::new("市B局", "李");
    let first = l.record(&a, vec![value(&plan, 5.0, d(6, 30))], &mut m).unwrap();
    let edit = l.record(&a, vec![value(&plan, 7.0, d(6, 30))], &mut m).unwrap();
    assert_eq!(l.entries[&edit.entries[0]].supersedes.as_deref(), Some(first.entries[0].as_str()));
    let other = l.record(&b, vec![value(&plan, 6.0, d(6, 30))], &mut m).unwrap();
    assert_eq!(l.entries[&other.entries[0]].supersedes, None, "another unit's figure is its own");
    let later = l.record(&a, vec![value(&plan, 9.0, d(7, 31))], &mut m).unwrap();
    assert_eq!(l.entries[&later.entries[0]].supersedes, None, "another date is a new figure");
    assert_eq!(l.entries[&edit.entries[0]].unit, "市A局");
    assert_eq!(l.entries[&edit.entries[0]].person, "王");
}

#[test]
fn undo_after_several_edits_steps_back_one_at_a_time() {
    let plan = plan();
    let mut l = Ledger::default();
    let mut m = CountingMinter::default();
    let a = Reporter::new("市A局", "王");
    let mut changes = Vec::new();
    for v in [5.0, 6.0, 7.0] {
        changes.push(l.record(&a, vec![value(&plan, v, d(6, 30))], &mut m).unwrap());
    }
    assert_eq!(current(&plan, &l), Some(7.0));
    l.undo(&a, &changes.pop().unwrap(), &mut m).unwrap();
    assert_eq!(current(&plan, &l), Some(6.0));
    l.undo(&a, &changes.pop().unwrap(), &mut m).unwrap();
    assert_eq!(current(&plan, &l), Some(5.0));
    l.undo(&a, &changes.pop().unwrap(), &mut m).unwrap();
    assert_eq!(current(&plan, &l), None, "the first figure is withdrawn");
    assert_eq!(l.entries.len(), 6, "three figures and three reverts: history kept");
    assert_eq!(l.active().count(), 0);
}

#[test]
fn undo_restores_the_original_unit_and_person() {
    let plan = plan();
    let mut l = Ledger::default();
    let mut m = CountingMinter::default();
    let a = Reporter::new("市A局", "王");
    let b = Reporter::new("市A局", "赵");
    l.record(&a, vec![value(&plan, 5.0, d(6, 30))], &mut m).unwrap();
    let edit = l.record(&b, vec![value(&plan, 8.0, d(6, 30))], &mut m).unwrap();
    let office = Reporter::new("督查室", "钱");
    let revert = l.undo(&office, &edit, &mut m).unwrap();
    let e = &l.entries[&revert.entries[0]];
    assert_eq!((e.unit.as_str(), e.person.as_str(), e.note.as_str()), ("市A局", "王", "n5"));
    assert_eq!(current(&plan, &l), Some(5.0));
}

#[test]
fn undo_of_a_delete_brings_the_entry_back_and_a_second_undo_is_harmless() {
    let plan = plan();
    let mut l = Ledger::default();
    let mut m = CountingMinter::default();
    let a = Reporter::new("市A局", "王");
    let rec = l.record(&a, vec![value(&plan, 5.0, d(6, 30))], &mut m).unwrap();
    let del = l.delete(&a, &rec.entries[0], &mut m).unwrap();
    assert_eq!(current(&plan, &l), None);
    assert!(l.entries[&del.entries[0]].deleted);
    l.undo(&a, &del, &mut m).unwrap();
    assert_eq!(current(&plan, &l), Some(5.0));
    // Undoing the record after its delete was undone withdraws the figure again.
    l.undo(&a, &rec, &mut m).unwrap();
    assert_eq!(current(&plan, &l), None);
    let n = l.entries.len();
    assert!(l.undo(&a, &rec, &mut m).unwrap().entries.is_empty(), "already withdrawn: nothing to add");
    assert_eq!(l.entries.len(), n);
}

#[test]
fn undo_after_a_merge_follows_the_newest_version() {
    let plan = plan();
    let mut mine = Ledger::default();
    let mut m = CountingMinter::default();
    let a = Reporter::new("市A局", "王");
    let rec = mine.record(&a, vec![value(&plan, 5.0, d(6, 30))], &mut m).unwrap();
    // Another tab (same unit) edited the figure; its file is merged in.
    let mut other = mine.clone();
    let mut m2 = CountingMinter { n: 10_000 };
    other.record(&a, vec![value(&plan, 9.0, d(6, 30))], &mut m2).unwrap();
    mine.merge(&other);
    assert_eq!(current(&plan, &mine), Some(9.0));
    mine.undo(&a, &rec, &mut m).unwrap();
    assert_eq!(current(&plan, &mine), None, "the revert supersedes the newest version, not a stale one");
}

#[test]
fn decisions_carry_the_deciding_unit() {
    let plan = plan();
    let mut l = Ledger::default();
    let mut m = CountingMinter::default();
    let z = Reporter::new("市Z局", "孙");
    let rec = l.record(&z, vec![value(&plan, 3.0, d(6, 30))], &mut m).unwrap();
    assert_eq!(current(&plan, &l), None, "an unnamed unit's figure waits for a decision");
    l.decide(&Reporter::new("督查室", "钱"), &rec.entries[0], true, &mut m).unwrap();
    assert_eq!(current(&plan, &l), Some(3.0));
    let d = l.decisions.values().next().unwrap();
    assert_eq!((d.unit.as_str(), d.person.as_str(), d.accept), ("督查室", "钱", true));
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

/// What is in force: (project, subject, as-of, unit) → (value, note).
fn in_force(l: &Ledger) -> BTreeMap<(String, Subject, Date, String), (String, String)> {
    l.active().map(|e| ((e.project.clone(), e.subject.clone(), e.as_of, e.unit.clone()), (format!("{:?}", e.reported), e.note.clone()))).collect()
}

    /// A step of a session: (reporter 0–2, what: 0 record / 1 delete newest / 2 undo, value, month).
    fn arb_steps() -> impl Strategy<Value = Vec<(u8, u8, u8, u8)>> {
        proptest::collection::vec((0u8..3, 0u8..3, 0u8..50, 5u8..8), 0..14)
    }

    fn reporter(k: u8) -> Reporter {
        [Reporter::new("市A局", "王"), Reporter::new("市A局", "赵"), Reporter::new("市B局", "李")][usize::from(k)].clone()
    }

    /// Plays the steps; returns the ledger after each and the undo stack.
    fn play(plan: &Plan, start: Ledger, steps: &[(u8, u8, u8, u8)], m: &mut CountingMinter) -> (Vec<Ledger>, Vec<Change>) {
        let mut l = start;
        let mut history = vec![l.clone()];
        let mut stack: Vec<Change> = Vec::new();
        for &(who, what, v, month) in steps {
            let r = reporter(who);
            match what {
                0 => stack.push(l.record(&r, vec![value(plan, f64::from(v), Date::month_end(2024, month).unwrap())], m).unwrap()),
                1 => {
                    let Some(id) = l.active().filter(|e| e.unit == r.unit).map(|e| e.id.clone()).last() else { continue };
                    stack.push(l.delete(&r, &id, m).unwrap());
                }
                _ => {
                    let Some(c) = stack.pop() else { continue };
                    l.undo(&r, &c, m).unwrap();
                    history.pop();
                    continue;
                }
            }
            history.push(l.clone());
        }
        (history, stack)
    }

    proptest! {
        #[test]
        fn undoing_every_change_returns_to_what_was_in_force(steps in arb_steps()) {
            let plan = plan();
            let mut m = CountingMinter::default();
            let (history, mut stack) = play(&plan, Ledger::default(), &steps, &mut m);
            let mut l = history.last().unwrap().clone();
            let before = l.entries.len();
            // Undo what is left, newest first; after each, what is in force equals the state before that change.
            let mut states = history.clone();
            while let Some(c) = stack.pop() {
                states.pop();
                l.undo(&reporter(2), &c, &mut m).unwrap();
                prop_assert_eq!(in_force(&l), in_force(states.last().unwrap()));
            }
            prop_assert!(in_force(&l).is_empty());
            prop_assert!(l.entries.len() >= before, "undo only appends");
        }

        #[test]
        fn undo_after_merging_another_units_file_leaves_that_file_alone(steps in arb_steps(), others in proptest::collection::vec((0u8..50, 5u8..8), 0..5)) {
            let plan = plan();
            let mut m = CountingMinter::default();
            let mut theirs = Ledger::default();
            let mut mt = CountingMinter { n: 1_000_000 };
            for (v, month) in others {
                theirs.record(&Reporter::new("市C局", "周"), vec![value(&plan, f64::from(v), Date::month_end(2024, month).unwrap())], &mut mt).unwrap();
            }
            let (history, mut stack) = play(&plan, Ledger::default(), &steps, &mut m);
            let mut l = history.last().unwrap().clone().merged(&theirs);
            while let Some(c) = stack.pop() {
                l.undo(&reporter(0), &c, &mut m).unwrap();
            }
            prop_assert_eq!(in_force(&l), in_force(&theirs));
            for id in theirs.entries.keys() {
                prop_assert!(l.entries.contains_key(id));
            }
        }

        #[test]
        fn ledgers_made_by_actions_still_merge_as_sets(a in arb_steps(), b in arb_steps()) {
            let plan = plan();
            let (la, _) = play(&plan, Ledger::default(), &a, &mut CountingMinter::default());
            let (lb, _) = play(&plan, Ledger::default(), &b, &mut CountingMinter { n: 500_000 });
            let (la, lb) = (la.last().unwrap().clone(), lb.last().unwrap().clone());
            prop_assert_eq!(la.clone().merged(&lb), lb.clone().merged(&la));
            prop_assert_eq!(la.clone().merged(&la), la);
        }
    }
}

#[test]
fn notices_are_issued_by_an_office_through_the_same_path_and_keep_their_numbers() {
    use crate::domain::supervision::{Draft, Level};
    let plan = plan();
    let mut l = Ledger::default();
    let draft = Draft { project: 0, level: Level::Red, report_date: d(9, 30), no: None, action: "限期整改".into(), reply_by: d(10, 7) };
    let mut m = CountingMinter::default();
    // No issuing office: refused, nothing registered.
    assert_eq!(l.issue_notices(&Reporter::new(" ", "王"), &plan, std::slice::from_ref(&draft), &mut m), Err(ActionError::NoUnit));
    assert_eq!(l.next_notice_no(), 1);
    let issued = l.issue_notices(&Reporter::new("督查室", "王"), &plan, std::slice::from_ref(&draft), &mut m).unwrap();
    assert_eq!(issued[0].no, Some(1));
    // Issued again (printed twice): the same number, nothing added.
    let again = l.issue_notices(&Reporter::new("督查室", "王"), &plan, &issued, &mut m).unwrap();
    assert_eq!((again[0].no, l.next_notice_no()), (Some(1), 2));
}
