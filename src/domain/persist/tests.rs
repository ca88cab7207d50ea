use super::*;
use crate::domain::actions::{CountingMinter, NewEntry, Reporter};
use crate::domain::date::Date;
use crate::domain::exchange::read_progress_file;
use crate::domain::import::import_list;
use crate::domain::ledger::{Reported, Subject};
use crate::domain::plan::Plan;

const READ: ReadProgress = read_progress_file;
const NOW: &str = "2024-07-01T09:30:00.000Z";

fn plan() -> Plan {
    let table = "2024 年测试清单\n序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排\n1\t甲类\t新增示范点 20 个\t张三\t市A局\t李四\t\t11月底\t6月底前完成10个；11月底前全面完成。\n";
    import_list(table, None).unwrap().plan
}

/// A ledger of `values` reported by 市A局 for the project's figure, each as of a day of June.
fn ledger(plan: &Plan, values: &[f64], m: &mut CountingMinter) -> Ledger {
    let p = &plan.projects[0];
    let mut l = Ledger::default();
    for (i, v) in values.iter().enumerate() {
        let entry = NewEntry {
            project: p.id.clone(),
            subject: Subject::Indicator(p.indicators[0].id.clone()),
            reported: Reported::Value(*v),
            as_of: Date::new(2024, 6, 1 + i as u8).unwrap(),
            note: String::new(),
        };
        l.record(&Reporter::new("市A局", "王"), vec![entry], m).unwrap();
    }
    l
}

fn text(plan: &Plan, l: &Ledger) -> String {
    write_progress_file(&PlanRef::of(plan), l, NOW, None)
}

#[test]
fn keys_keep_their_names() {
    // Stored data of earlier versions is found under these: renaming them would lose it.
    assert_eq!(ledger_key("plan-2024-x"), "minsheng/v1/ledger/plan-2024-x");
    assert_eq!(backup_key("plan-2024-x"), "minsheng/v1/ledger/plan-2024-x/backup");
    assert_eq!(journal_prefix("p"), "minsheng/v1/ledger/p/pending/");
    assert_eq!(corrupt_key("p", NOW), format!("minsheng/v1/ledger/p/corrupt/{NOW}"));
}

#[test]
fn a_load_reads_what_is_stored_and_sets_aside_what_does_not_read() {
    let plan = plan();
    let mut m = CountingMinter::default();
    let l = ledger(&plan, &[3.0, 5.0], &mut m);
    // A first visit: nothing stored.
    assert_eq!(read_stored(READ, None), Stored::Empty);
    assert_eq!(read_stored(READ, Some(&text(&plan, &l))), Stored::Read(l.clone()));
    // Unreadable: the error says why, and the backup is used when it reads.
    let Stored::Unreadable(_) = read_stored(READ, Some("{\"format\": \"minsheng-progress\", broken")) else { panic!("read a broken text") };
    let backup = ledger(&plan, &[3.0], &mut m);
    assert_eq!(recover(READ, Some(&text(&plan, &backup))), (backup, true));
    assert_eq!(recover(READ, Some("not json")), (Ledger::default(), false));
    assert_eq!(recover(READ, None), (Ledger::default(), false));
}

#[test]
fn a_save_merges_what_another_tab_stored_and_keeps_the_previous_text_as_backup() {
    let plan = plan();
    let mut m = CountingMinter::default();
    let mine = ledger(&plan, &[3.0], &mut m);
    let theirs = ledger(&plan, &[4.0], &mut m);
    let key = ledger_key(&plan.id);

    // Nothing stored: only the main key is written, and it reads back as the ledger.
    let (writes, merged) = merge_for_save(READ, &PlanRef::of(&plan), &mine, None, NOW);
    assert_eq!((writes.len(), merged), (1, None));
    assert_eq!(writes[0].0, key);
    assert_eq!(read_progress_file(writes[0].1.as_deref().unwrap()).unwrap().ledger, mine);

    // Another tab stored an entry this page has not: the union is written and handed back; the
    // stored text becomes the backup, written before the main key.
    let stored = text(&plan, &theirs);
    let (writes, merged) = merge_for_save(READ, &PlanRef::of(&plan), &mine, Some(stored.clone()), NOW);
    let union = mine.clone().merged(&theirs);
    assert_eq!(merged.as_ref(), Some(&union));
    assert_eq!(writes.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(), vec![backup_key(&plan.id), key.clone()]);
    assert_eq!(writes[0].1.as_deref(), Some(stored.as_str()));
    assert_eq!(read_progress_file(writes[1].1.as_deref().unwrap()).unwrap().ledger, union);

    // What is stored is already held: nothing handed back.
    assert_eq!(merge_for_save(READ, &PlanRef::of(&plan), &union, Some(text(&plan, &union)), NOW).1, None);

    // A stored text that does not read is not taken as the backup (a load set it aside first).
    let (writes, _) = merge_for_save(READ, &PlanRef::of(&plan), &mine, Some("garbage".into()), NOW);
    assert_eq!(writes.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), vec![key.as_str()]);
}

#[test]
fn journals_hold_what_is_not_saved_and_go_only_when_unchanged() {
    let plan = plan();
    let mut m = CountingMinter::default();
    let a = ledger(&plan, &[3.0], &mut m);
    let b = ledger(&plan, &[6.0], &mut m);
    let pref = journal_prefix(&plan.id);

    // Nothing unsaved: the journal goes. Something: its text reads back as what is pending.
    assert_eq!(journal_write(|| PlanRef::of(&plan), &Ledger::default(), NOW), JournalWrite::Remove);
    let JournalWrite::Write(ja) = journal_write(|| PlanRef::of(&plan), &a, NOW) else { panic!("not written") };
    let JournalWrite::Write(jb) = journal_write(|| PlanRef::of(&plan), &b, NOW) else { panic!("not written") };
    assert_eq!(read_progress_file(&ja).unwrap().ledger, a);

    // A load merges every journal; one that does not read, or is read twice, adds nothing.
    let journals = vec![(format!("{pref}p1-1"), ja.clone()), (format!("{pref}p2-1"), jb.clone()), (format!("{pref}p3-1"), "cut sho".to_string()), (format!("{pref}p1-2"), ja.clone())];
    assert_eq!(pending_of(READ, &journals), a.clone().merged(&b));
    assert_eq!(pending_of(READ, &[]), Ledger::default());

    // Cleared once held elsewhere: only those still as read (p2 journalled more since; p3 is gone).
    let now_stored = |k: &str| match k {
        k if k.ends_with("p2-1") => Some(jb.clone() + " "),
        k if k.ends_with("p3-1") => None,
        k if k.ends_with("p1-1") || k.ends_with("p1-2") => Some(ja.clone()),
        _ => None,
    };
    assert_eq!(journals_to_clear(&journals, now_stored), vec![format!("{pref}p1-1").as_str(), format!("{pref}p1-2").as_str()]);
}

#[test]
fn a_change_too_big_for_the_journal_is_not_journalled() {
    let plan = plan();
    let p = &plan.projects[0];
    let mut big = Ledger::default();
    for i in 0..=JOURNAL_MAX {
        big.add(crate::domain::ledger::Entry {
            id: format!("e-{i}"),
            project: p.id.clone(),
            subject: Subject::Indicator(p.indicators[0].id.clone()),
            reported: Reported::Value(i as f64),
            as_of: Date::new(2024, 6, 30).unwrap(),
            note: String::new(),
            unit: "市A局".into(),
            person: String::new(),
            recorded_at: NOW.into(),
            supersedes: None,
            deleted: false,
        });
    }
    assert_eq!(big.len(), JOURNAL_MAX + 1);
    assert_eq!(journal_write(|| PlanRef::of(&plan), &big, NOW), JournalWrite::TooBig);
}
