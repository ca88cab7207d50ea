use super::*;
use crate::domain::fixtures::{d, entry, list};

const ROWS: &str = "1\t甲类\t新增示范点 20 个\t张三\t市A局\t李四\t市B局、市C局\t11月底\t3月底前确定名单；6月底前完成10个；11月底前全面完成。\n";

fn plan() -> Plan {
    list(ROWS)
}

fn ind(plan: &Plan) -> (String, Subject) {
    let p = &plan.projects[0];
    (p.id.clone(), Subject::Indicator(p.indicators[0].id.clone()))
}

#[test]
fn latest_value_by_as_of_then_recorded() {
    let plan = plan();
    let (pid, subj) = ind(&plan);
    let mut l = Ledger::default();
    l.add(entry("a", &pid, subj.clone(), Reported::Value(5.0), d(5, 31), "市A局"));
    l.add(entry("b", &pid, subj.clone(), Reported::Value(9.0), d(6, 30), "市A局"));
    let mut c = entry("c", &pid, subj.clone(), Reported::Value(11.0), d(6, 30), "市A局");
    c.recorded_at = "2024-07-02T00:00:00.000Z".into();
    l.add(c);
    let v = LedgerView::new(&plan, &l);
    let iid = plan.projects[0].indicators[0].id.clone();
    assert_eq!(v.value_at(&pid, &iid, d(6, 29)), Some(5.0));
    assert_eq!(v.value_at(&pid, &iid, d(6, 30)), Some(11.0));
    assert_eq!(v.value_at(&pid, &iid, d(5, 30)), None);
    assert!(v.reported_by(&pid, d(5, 31)));
    assert!(!v.reported_by(&pid, d(5, 30)));
}

#[test]
fn supersede_and_delete_keep_history() {
    let plan = plan();
    let (pid, subj) = ind(&plan);
    let iid = plan.projects[0].indicators[0].id.clone();
    let mut l = Ledger::default();
    l.add(entry("a", &pid, subj.clone(), Reported::Value(5.0), d(6, 30), "市A局"));
    let mut edit = entry("b", &pid, subj.clone(), Reported::Value(7.0), d(6, 30), "市A局");
    edit.supersedes = Some("a".into());
    l.add(edit);
    assert_eq!(LedgerView::new(&plan, &l).value_at(&pid, &iid, d(12, 31)), Some(7.0));
    let mut del = entry("c", &pid, subj.clone(), Reported::Value(7.0), d(6, 30), "市A局");
    del.supersedes = Some("b".into());
    del.deleted = true;
    l.add(del);
    assert_eq!(LedgerView::new(&plan, &l).value_at(&pid, &iid, d(12, 31)), None);
    assert_eq!(l.history(&pid, &subj).len(), 3, "nothing is removed");
    assert_eq!(l.active().count(), 0);
}

#[test]
fn conflicts_orphans_and_unauthorized_units() {
    let plan = plan();
    let (pid, subj) = ind(&plan);
    let iid = plan.projects[0].indicators[0].id.clone();
    let mut l = Ledger::default();
    l.add(entry("a", &pid, subj.clone(), Reported::Value(5.0), d(6, 30), "市A局"));
    l.add(entry("b", &pid, subj.clone(), Reported::Value(6.0), d(6, 30), "市B局"));
    l.add(entry("o", "p-unknown", subj.clone(), Reported::Value(1.0), d(6, 30), "市A局"));
    l.add(entry("x", &pid, subj.clone(), Reported::Value(99.0), d(7, 31), "市Z局"));
    let v = LedgerView::new(&plan, &l);
    assert!(v.issues.iter().any(|i| matches!(i, Issue::Conflict { entries, .. } if entries.len() == 2)));
    assert!(v.issues.contains(&Issue::Orphan { entry: "o".into() }));
    assert!(v.issues.contains(&Issue::Unauthorized { entry: "x".into(), standing: Standing::Pending }));
    assert_eq!(v.value_at(&pid, &iid, d(12, 31)), Some(6.0), "pending entry is not counted");

    l.add_decision(Decision { id: "d1".into(), entry: "x".into(), accept: true, unit: "督查室".into(), person: String::new(), recorded_at: "2024-08-01T00:00:00.000Z".into() });
    assert_eq!(LedgerView::new(&plan, &l).value_at(&pid, &iid, d(12, 31)), Some(99.0));
    l.add_decision(Decision { id: "d2".into(), entry: "x".into(), accept: false, unit: "督查室".into(), person: String::new(), recorded_at: "2024-08-02T00:00:00.000Z".into() });
    let v = LedgerView::new(&plan, &l);
    assert_eq!(v.value_at(&pid, &iid, d(12, 31)), Some(6.0));
    assert!(v.issues.contains(&Issue::Unauthorized { entry: "x".into(), standing: Standing::Rejected }));
}

#[test]
fn a_pending_edit_does_not_replace_a_counted_figure() {
    let plan = plan();
    let (pid, subj) = ind(&plan);
    let iid = plan.projects[0].indicators[0].id.clone();
    let mut l = Ledger::default();
    l.add(entry("a", &pid, subj.clone(), Reported::Value(100.0), d(6, 30), "市A局"));
    let mut edit = entry("z", &pid, subj.clone(), Reported::Value(1.0), d(6, 30), "市Z局");
    edit.supersedes = Some("a".into());
    l.add(edit);
    let mut tomb = entry("y", &pid, subj, Reported::Value(1.0), d(6, 30), "市Y局");
    tomb.supersedes = Some("a".into());
    tomb.deleted = true;
    l.add(tomb);
    let v = LedgerView::new(&plan, &l);
    assert_eq!(v.value_at(&pid, &iid, d(12, 31)), Some(100.0));
    assert!(!v.superseded.contains("a"));
    l.add_decision(Decision { id: "d".into(), entry: "z".into(), accept: true, unit: "督查室".into(), person: String::new(), recorded_at: "t".into() });
    let v = LedgerView::new(&plan, &l);
    assert_eq!(v.value_at(&pid, &iid, d(12, 31)), Some(1.0), "accepted, the edit replaces");
    assert!(v.superseded.contains("a"));
}

#[test]
fn latest_version_follows_the_chain() {
    let plan = plan();
    let (pid, subj) = ind(&plan);
    let mut l = Ledger::default();
    l.add(entry("a", &pid, subj.clone(), Reported::Value(1.0), d(6, 30), "市A局"));
    let mut b = entry("b", &pid, subj.clone(), Reported::Value(2.0), d(6, 30), "市A局");
    b.supersedes = Some("a".into());
    l.add(b);
    let mut c = entry("c", &pid, subj, Reported::Value(3.0), d(6, 30), "市A局");
    c.supersedes = Some("b".into());
    l.add(c);
    assert_eq!(l.latest_version("a").map(|e| e.id.as_str()), Some("c"));
    assert_eq!(l.latest_version("c").map(|e| e.id.as_str()), Some("c"));
    assert_eq!(l.latest_version("x"), None);
}

#[test]
fn same_values_from_two_units_are_no_conflict() {
    let plan = plan();
    let (pid, subj) = ind(&plan);
    let mut l = Ledger::default();
    l.add(entry("a", &pid, subj.clone(), Reported::Value(5.0), d(6, 30), "市A局"));
    l.add(entry("b", &pid, subj, Reported::Value(5.0), d(6, 30), "市B局"));
    assert!(LedgerView::new(&plan, &l).issues.is_empty());
}

#[test]
fn unit_export_keeps_its_decisions() {
    let plan = plan();
    let (pid, subj) = ind(&plan);
    let mut l = Ledger::default();
    l.add(entry("a", &pid, subj.clone(), Reported::Value(5.0), d(6, 30), "市A局"));
    l.add(entry("b", &pid, subj, Reported::Value(6.0), d(6, 30), "市B局"));
    l.add_decision(Decision { id: "d".into(), entry: "b".into(), accept: true, unit: "x".into(), person: String::new(), recorded_at: "t".into() });
    let b = l.for_unit("市B局");
    assert_eq!(b.entries.len(), 1);
    assert_eq!(b.decisions.len(), 1);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn arb_entry() -> impl Strategy<Value = Entry> {
        (0u8..12, 0u8..3, 0u8..4, 1u8..=12, 0u32..100, any::<bool>(), 0u8..3).prop_map(|(id, p, unit, month, value, del, note)| {
            let mut e = entry(
                &format!("e{id}"),
                &format!("p{p}"),
                Subject::Indicator("i".into()),
                Reported::Value(f64::from(value)),
                Date::month_end(2024, month).unwrap(),
                &format!("u{unit}"),
            );
            // The same id may carry different content (a corrupted file): merge must still be a join.
            e.note = format!("n{note}");
            e.deleted = del && id % 3 == 0;
            if id > 0 && del {
                e.supersedes = Some(format!("e{}", id - 1));
            }
            e
        })
    }

    /// Seals over some entry ids; the same id may carry different content.
    fn arb_seal() -> impl Strategy<Value = (String, serde_json::Value)> {
        (0u8..4, 0u8..4, proptest::collection::vec(0u8..12, 1..4)).prop_map(|(id, unit, records)| {
            let records: Vec<String> = records.iter().map(|r| format!("e{r}")).collect();
            (format!("seal-{id}"), serde_json::json!({ "id": format!("seal-{id}"), "unit": format!("u{unit}"), "records": records, "value": format!("v{unit}") }))
        })
    }

    fn arb_ledger() -> impl Strategy<Value = Ledger> {
        (proptest::collection::vec(arb_entry(), 0..10), proptest::collection::vec(arb_seal(), 0..3)).prop_map(|(es, seals)| {
            let mut l = Ledger::default();
            for e in es {
                l.add(e);
            }
            for (id, s) in seals {
                l.add_seal(id, s);
            }
            l
        })
    }

    proptest! {
        #[test]
        fn merge_is_commutative(a in arb_ledger(), b in arb_ledger()) {
            prop_assert_eq!(a.clone().merged(&b), b.merged(&a));
        }

        #[test]
        fn merge_is_associative(a in arb_ledger(), b in arb_ledger(), c in arb_ledger()) {
            prop_assert_eq!(a.clone().merged(&b).merged(&c), a.merged(&b.merged(&c)));
        }

        #[test]
        fn merge_is_idempotent(a in arb_ledger(), b in arb_ledger()) {
            let ab = a.clone().merged(&b);
            prop_assert_eq!(ab.clone().merged(&b), ab.clone());
            prop_assert_eq!(a.clone().merged(&a), a);
        }

        #[test]
        fn what_a_save_adds_is_all_it_adds(a in arb_ledger(), b in arb_ledger()) {
            // Journalling only `b.since(&a)` loses nothing of `b` once merged with `a`, and holds
            // nothing `a` already has.
            let delta = b.since(&a);
            prop_assert_eq!(a.clone().merged(&delta), a.clone().merged(&b));
            for (id, e) in &delta.entries {
                prop_assert!(a.entries.get(id) != Some(e));
            }
            prop_assert!(a.since(&a).is_empty());
            prop_assert_eq!(b.since(&Ledger::default()), b.clone());
        }

        #[test]
        fn merge_loses_no_entry_id(a in arb_ledger(), b in arb_ledger()) {
            let ab = a.clone().merged(&b);
            for id in a.entries.keys().chain(b.entries.keys()) {
                prop_assert!(ab.entries.contains_key(id));
            }
        }
    }
}
