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

fn main(text: String) -> StoredTexts {
    StoredTexts { main: Some(text), evidence: None }
}

/// An attachment record of 市A局 for the project's June report.
fn photo(plan: &Plan, id: &str, l: &mut Ledger) {
    let a = crate::domain::evidence::Attachment {
        id: id.into(),
        project: plan.projects[0].id.clone(),
        month: Date::new(2024, 6, 30),
        request: None,
        hash: format!("{:064x}", id.len() * 7919 + id.bytes().map(usize::from).sum::<usize>()),
        name: format!("{id}.jpg"),
        mime: "image/jpeg".into(),
        size: 120_000,
        caption: "现场".into(),
        taken_at: None,
        unit: "市A局".into(),
        person: "王".into(),
        recorded_at: NOW.into(),
    };
    crate::domain::evidence::keep(l, &a);
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
    let (writes, merged) = merge_for_save(READ, &PlanRef::of(&plan), &mine, StoredTexts::default(), false, NOW);
    assert_eq!((writes.len(), merged), (1, None));
    assert_eq!(writes[0].0, key);
    assert_eq!(read_progress_file(writes[0].1.as_deref().unwrap()).unwrap().ledger, mine);

    // Another tab stored an entry this page has not: the union is written and handed back; the
    // stored text becomes the backup, written before the main key.
    let stored = text(&plan, &theirs);
    let (writes, merged) = merge_for_save(READ, &PlanRef::of(&plan), &mine, main(stored.clone()), false, NOW);
    let union = mine.clone().merged(&theirs);
    assert_eq!(merged.as_ref(), Some(&union));
    assert_eq!(writes.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(), vec![backup_key(&plan.id), key.clone()]);
    assert_eq!(writes[0].1.as_deref(), Some(stored.as_str()));
    assert_eq!(read_progress_file(writes[1].1.as_deref().unwrap()).unwrap().ledger, union);

    // What is stored is already held: nothing handed back.
    assert_eq!(merge_for_save(READ, &PlanRef::of(&plan), &union, main(text(&plan, &union)), false, NOW).1, None);

    // A stored text that does not read is not taken as the backup (a load set it aside first).
    let (writes, _) = merge_for_save(READ, &PlanRef::of(&plan), &mine, main("garbage".into()), false, NOW);
    assert_eq!(writes.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), vec![key.as_str()]);
}

#[test]
fn attachment_records_are_kept_apart_and_written_only_when_they_change() {
    let plan = plan();
    let pr = PlanRef::of(&plan);
    let mut m = CountingMinter::default();
    let mut mine = ledger(&plan, &[3.0], &mut m);
    photo(&plan, "ev-1", &mut mine);
    let at = |writes: &[(String, Option<String>)], k: &str| writes.iter().find(|(w, _)| w == k).and_then(|(_, v)| read_progress_file(v.as_deref()?).ok()).map(|f| f.ledger);
    let (main_k, ev_k) = (ledger_key(&plan.id), evidence_key(&plan.id));
    assert_eq!(ev_k, "minsheng/v1/ledger/".to_string() + &plan.id + "/evidence");

    // A save that adds attachment records writes them under their own key, the rest under the main
    // key (written last); the two read back as the ledger.
    let (writes, merged) = merge_for_save(READ, &pr, &mine, StoredTexts::default(), true, NOW);
    assert_eq!(merged, None);
    assert_eq!(writes.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), vec![ev_k.as_str(), main_k.as_str()]);
    let (core, ev) = (at(&writes, &main_k).unwrap(), at(&writes, &ev_k).unwrap());
    assert!(core.evidence.is_empty() && ev.len() == 1 && ev.evidence.len() == 1);
    assert_eq!(core.clone().merged(&ev), mine);
    let stored = StoredTexts { main: writes.iter().find(|(k, _)| *k == main_k).unwrap().1.clone(), evidence: writes.iter().find(|(k, _)| *k == ev_k).unwrap().1.clone() };

    // A save that adds none leaves them as they are (not read, not written).
    let mut more = mine.clone().merged(&ledger(&plan, &[4.0], &mut m));
    let (writes, merged) = merge_for_save(READ, &pr, &more, stored.clone(), false, NOW);
    assert_eq!(merged, None);
    assert_eq!(writes.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), vec![backup_key(&plan.id).as_str(), main_k.as_str()]);
    assert!(at(&writes, &main_k).unwrap().evidence.is_empty());

    // Another tab kept an attachment this page lacks: a save that adds one merges both, keeps the
    // previous text as the backup and hands the union back.
    let mut theirs = Ledger::default();
    photo(&plan, "ev-2", &mut theirs);
    let stored = StoredTexts { evidence: Some(text(&plan, &ev.clone().merged(&theirs))), ..stored };
    photo(&plan, "ev-3", &mut more);
    let (writes, merged) = merge_for_save(READ, &pr, &more, stored.clone(), true, NOW);
    let merged = merged.expect("the other tab's attachment handed back");
    assert_eq!(merged.evidence.len(), 3);
    assert_eq!(at(&writes, &ev_k).unwrap().evidence.len(), 3);
    assert_eq!(at(&writes, &evidence_backup_key(&plan.id)).unwrap().evidence.len(), 2);

    // An attachment text that does not read is set aside before it is written over.
    let (writes, _) = merge_for_save(READ, &pr, &more, StoredTexts { evidence: Some("{broken".into()), ..stored }, true, NOW);
    let aside = corrupt_key(&plan.id, &format!("{NOW}-evidence"));
    assert_eq!(writes.iter().find(|(k, _)| *k == aside).and_then(|(_, v)| v.as_deref()), Some("{broken"));
    assert!(writes.iter().position(|(k, _)| *k == aside) < writes.iter().position(|(k, _)| *k == ev_k));

    // A main text an earlier version wrote whole: its attachment records move to their own key at the
    // next save, even one that adds none.
    let whole = text(&plan, &mine);
    let (writes, merged) = merge_for_save(READ, &pr, &ledger(&plan, &[5.0], &mut m), main(whole), false, NOW);
    assert_eq!(merged.unwrap().evidence.len(), 1);
    assert_eq!(at(&writes, &ev_k).unwrap().evidence.len(), 1);
    assert!(at(&writes, &main_k).unwrap().evidence.is_empty());
    // And a load reads each text as it is: the two together are the ledger.
    assert!(matches!(read_stored(READ, writes.iter().find(|(k, _)| *k == ev_k).and_then(|(_, v)| v.as_deref())), Stored::Read(l) if l.evidence.len() == 1 && l.entries.is_empty()));
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
