use super::*;
use crate::domain::fixtures::{d, list};
use crate::domain::actions::CountingMinter;
use crate::domain::ledger::{Entry, LedgerView, Reported, Subject};
use crate::domain::status::{evaluate_all, Settings};

const ROWS: &str = "1\t甲类\t新增示范点 100 个\t张三\t市A局\t李四\t市C局、市D局\t11月底\t9月底前完成不少于 80 个；11月底前全面完成。
\t\t建设驿站 10 家\t张三\t市A局\t李四\t\t11月底\t9月底前完成不少于 6 家；11月底前全面完成。
2\t乙类\t培训 200 人次\t王五\t市B局\t\t\t11月底\t10月10日前完成 100 人次；11月底前完成 200 人次。
\t\t开放场馆 5 家\t王五\t市B局\t赵六\t\t11月底\t9月底前完成 3 家；11月底前全面完成。
";


fn fixture() -> (Plan, Ledger) {
    let plan = list(ROWS);
    let mut l = Ledger::default();
    for (k, (i, v)) in [(0usize, 50.0), (1, 5.5), (2, 40.0), (3, 3.0)].into_iter().enumerate() {
        let p = &plan.projects[i];
        l.add(Entry {
            id: format!("e{k}"),
            project: p.id.clone(),
            subject: Subject::Indicator(p.indicators[0].id.clone()),
            reported: Reported::Value(v),
            as_of: d(9, 30),
            note: String::new(),
            unit: p.lead_unit.to_string(),
            person: String::new(),
            recorded_at: "2024-10-01T00:00:00.000Z".into(),
            supersedes: None,
            deleted: false,
        });
    }
    (plan, l)
}

#[test]
fn levels_from_the_lights_and_the_due_soon_flag() {
    let (plan, l) = fixture();
    let statuses = evaluate_all(&plan, &LedgerView::new(&plan, &l), d(9, 30), &Settings::default());
    let levels: Vec<Option<Level>> = statuses.iter().map(level_of).collect();
    // 50 of 80: seriously behind; 5.5 of 6: behind; 40 of 100 due 10-10: due soon; 3 of 3: on track.
    assert_eq!(levels, vec![Some(Level::Red), Some(Level::Yellow), Some(Level::Blue), None]);
}

#[test]
fn numbers_are_given_once_in_order_and_kept() {
    let (plan, mut l) = fixture();
    let statuses = evaluate_all(&plan, &LedgerView::new(&plan, &l), d(9, 30), &Settings::default());
    let rows = [0, 1, 2, 3];
    let first = drafts(&plan, &statuses, &rows, &l, d(9, 30), d(10, 2), Lang::Zh);
    assert_eq!(first.len(), 3);
    assert!(first.iter().all(|x| x.no.is_none() && x.reply_by == d(10, 9)));
    assert_eq!(first[0].action, "请于2024年10月9日前书面报送滞后原因、整改措施和完成时限，由李四同志牵头推动，确保按期完成。");
    assert_eq!(first[2].action, "请对照节点要求抓紧推进，确保10月10日前完成。");
    // The office edits the first notice, then prints the first two.
    let mut edited = first.clone();
    edited[0].action = "请立即整改。".into();
    let issued = issue(&mut l, &plan, &edited[..2], "市政府督查室", "钱", &mut CountingMinter::default());
    assert_eq!(issued.iter().map(|x| x.no).collect::<Vec<_>>(), vec![Some(1), Some(2)]);
    // Printed again (all three): the first two keep their numbers and texts, the third gets 3.
    let again = drafts(&plan, &statuses, &rows, &l, d(9, 30), d(10, 5), Lang::Zh);
    assert_eq!(again[0].action, "请立即整改。");
    assert_eq!(again[0].reply_by, d(10, 9));
    let all = issue(&mut l, &plan, &again, "市政府督查室", "钱", &mut CountingMinter { n: 100 });
    assert_eq!(all.iter().map(|x| x.no).collect::<Vec<_>>(), vec![Some(1), Some(2), Some(3)]);
    assert_eq!(l.notices.len(), 3);
    // Another report date is another round of notices, numbered on.
    let october = drafts(&plan, &statuses, &rows, &l, d(10, 31), d(11, 2), Lang::Zh);
    assert!(october.iter().all(|x| x.no.is_none()));
    assert_eq!(l.next_notice_no(), 4);
}

#[test]
fn the_printed_notice() {
    let (plan, l) = fixture();
    let statuses = evaluate_all(&plan, &LedgerView::new(&plan, &l), d(9, 30), &Settings::default());
    let ds = drafts(&plan, &statuses, &[0, 2], &l, d(9, 30), d(10, 2), Lang::Zh);
    let doc = document(&plan, &statuses, &Draft { no: Some(7), ..ds[0].clone() }, "市政府督查室", d(10, 2), Lang::Zh);
    assert_eq!(doc.band, "红色督办");
    assert_eq!(doc.number, "督办〔2024〕第 7 号");
    let row = |label: &str| doc.rows.iter().find(|(l, _)| l == label).map(|(_, v)| v.clone()).unwrap();
    assert_eq!(row("项目名称"), "新增示范点 100 个");
    assert_eq!(row("牵头单位"), "市A局（李四）");
    assert_eq!(row("配合单位"), "市C局、市D局");
    assert_eq!(row("当前状态"), "严重滞后（统计日期：2024年9月30日）");
    assert_eq!(row("督办事项"), "9月底应≥80个，实际50个，差30个（新增示范点）");
    assert_eq!(row("反馈时限"), "2024年10月9日");
    let blue = document(&plan, &statuses, &ds[1], "市政府督查室", d(10, 2), Lang::Zh);
    assert_eq!(blue.number, "督办〔2024〕第    号（打印时编号）");
    assert_eq!(blue.rows.iter().find(|(l, _)| l == "督办事项").unwrap().1, "10月10日节点“10月10日前完成 100 人次”临期");
    let en = document(&plan, &statuses, &ds[1], "Office", d(10, 2), Lang::En);
    assert_eq!(en.band, "Blue notice");
}

#[test]
fn the_line_of_a_notice_and_its_sheet() {
    let (plan, l) = fixture();
    let statuses = evaluate_all(&plan, &LedgerView::new(&plan, &l), d(9, 30), &Settings::default());
    let ds = drafts(&plan, &statuses, &[0, 2], &l, d(9, 30), d(10, 2), Lang::Zh);
    assert_eq!(first_missed(&plan, &statuses, &ds[0], Lang::Zh), "9月底应≥80个，实际50个，差30个（新增示范点）");
    assert_eq!(first_missed(&plan, &statuses, &ds[1], Lang::Zh), "10月10日节点“10月10日前完成 100 人次”临期");
    // The sheet shows every row of the document, escaped, one table row each.
    let mut draft = ds[0].clone();
    draft.action = "<b>请立即整改</b>".into();
    let doc = document(&plan, &statuses, &draft, "市政府督查室", d(10, 2), Lang::Zh);
    let html = sheet(&doc, Lang::Zh);
    assert!(html.as_str().starts_with(r#"<div class="notice-sheet notice-red">"#));
    assert_eq!(html.as_str().matches("<tr>").count(), doc.rows.len());
    assert!(html.as_str().contains("&lt;b&gt;请立即整改&lt;/b&gt;"));
    assert!(html.as_str().contains("签发：市政府督查室"));
}

#[test]
fn the_register_read_once_for_all_drafts_gives_the_first_number() {
    let (plan, mut l) = fixture();
    let statuses = evaluate_all(&plan, &LedgerView::new(&plan, &l), d(9, 30), &Settings::default());
    let first = drafts(&plan, &statuses, &[0, 1, 2], &l, d(9, 30), d(10, 2), Lang::Zh);
    issue(&mut l, &plan, &first, "市政府督查室", "钱", &mut CountingMinter::default());
    // A second office numbered the same project for the same date (merged in from its file): the first
    // number stands, as `notice_for` says.
    let mut twice = l.clone();
    issue(&mut twice, &plan, &first[..1], "区督查室", "孙", &mut CountingMinter { n: 50 });
    let at = twice.notices_at(d(9, 30));
    assert_eq!(at.len(), 3);
    for p in &plan.projects[..3] {
        assert_eq!(at.get(p.id.as_str()).map(|n| n.no), twice.notice_for(&p.id, d(9, 30)).map(|n| n.no));
    }
    assert_eq!(at[plan.projects[0].id.as_str()].no, 1);
    assert!(twice.notices_at(d(10, 31)).is_empty());
}

#[test]
fn printing_all_runs_in_batches_and_stops_when_asked() {
    let mut run = PrintRun::new(450, PRINT_BATCH);
    assert_eq!(run.batch_no(), (1, 3));
    let mut seen = Vec::new();
    while let Some(batch) = run.next_batch() {
        seen.push(batch);
        run.printed_batch();
    }
    assert_eq!(seen, vec![0..200, 200..400, 400..450]);
    assert!(run.finished());
    assert_eq!(run.printed, 450);
    // Stopped after the first batch: nothing more is offered.
    let mut run = PrintRun::new(450, PRINT_BATCH);
    run.printed_batch();
    run.stopped = true;
    assert_eq!(run.next_batch(), None);
    assert!(run.finished());
    assert_eq!(run.printed, 200);
    // Nothing to print, and a batch of zero taken as one.
    assert_eq!(PrintRun::new(0, PRINT_BATCH).next_batch(), None);
    assert_eq!(PrintRun::new(2, 0).next_batch(), Some(0..1));
}
