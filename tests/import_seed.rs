#![cfg(not(target_arch = "wasm32"))]
// Native tests sort as they like: the one-routine rule (clippy.toml) is about the wasm.
#![allow(clippy::disallowed_methods)]
//! The importer over the published 2024 list: structure exactly as the source, and `data/` in sync.

use minsheng::domain::format::{read_plan_file, write_plan_file};
use minsheng::domain::import::import_list;
use minsheng::domain::table::read_table;

const SEED: &str = include_str!("fixtures/hangzhou-2024.txt");

#[test]
fn ten_categories_forty_eight_projects() {
    let imported = import_list(SEED, None).unwrap();
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let plan = imported.plan;
    assert_eq!(plan.year, 2024);
    assert_eq!(plan.title, "2024 年市政府民生实事项目责任清单");
    assert_eq!(plan.categories.len(), 10);
    assert_eq!(plan.projects.len(), 48);
    let per_category: Vec<usize> =
        plan.categories.iter().map(|c| plan.projects.iter().filter(|p| p.category_no == c.no).count()).collect();
    assert_eq!(per_category, vec![5, 4, 7, 7, 4, 4, 4, 4, 5, 4]);
    assert_eq!(plan.categories.iter().map(|c| c.no).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
    assert_eq!(plan.categories[2].name, "“春雨计划”在杭州");
}

/// Every cell of every project row equals the source text (trimmed), read independently here.
#[test]
fn every_field_equals_the_source() {
    let plan = import_list(SEED, None).unwrap().plan;
    let rows: Vec<Vec<&str>> = SEED
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| c.len() == 9 && c[0] != "序号")
        .collect();
    assert_eq!(rows.len(), 48);
    for (p, row) in plan.projects.iter().zip(&rows) {
        assert_eq!(p.name, row[2].trim());
        assert_eq!(p.city_leader, row[3].trim());
        assert_eq!(p.lead_unit, row[4].trim());
        assert_eq!(p.lead_unit_leader, row[5].trim());
        assert_eq!(p.co_units_text, row[6].trim());
        assert_eq!(p.due_text, row[7].trim());
        assert_eq!(p.plan_text, row[8].trim());
    }
}

#[test]
fn lists_and_ids() {
    let plan = import_list(SEED, None).unwrap().plan;
    let sport = plan.projects.iter().find(|p| p.name.contains("环浙步道")).unwrap();
    assert_eq!(sport.lead_unit_leaders, vec!["漆宪忠", "邓伟民"]);
    let first = &plan.projects[0];
    assert_eq!(first.co_units, vec!["市财政局", "市商务局", "市市场监管局", "各区、县(市)政府"]);
    let mut ids: Vec<&str> = plan.projects.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 48);
    // Ids do not depend on position: a list holding only the last project gives it the same id.
    let header = SEED.lines().find(|l| l.starts_with("序号")).unwrap();
    let last_row = SEED.lines().rfind(|l| l.contains("共富菜市")).unwrap();
    let alone = import_list(&format!("{header}\n{last_row}\n"), Some(2024)).unwrap().plan;
    assert_eq!(alone.projects[0].id, plan.projects[47].id);
    let table = read_table(SEED).unwrap();
    assert_eq!(table.categories.len(), 10);
}

#[test]
fn data_file_is_what_the_importer_writes() {
    let plan = import_list(SEED, None).unwrap().plan;
    let expected = write_plan_file(&plan) + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/plan-2024.json");
    let actual = std::fs::read_to_string(path).expect("data/plan-2024.json exists (make data)");
    assert!(actual == expected, "data/plan-2024.json is stale: run `make data`");
    assert_eq!(read_plan_file(&actual).unwrap(), plan);
}

/// Every progress file made for the 2024 list carries this fingerprint: if it changed, every saved
/// file would be reported as made against "another version of the list".
#[test]
fn the_fingerprint_of_the_2024_list_is_stable() {
    let plan = import_list(SEED, None).unwrap().plan;
    assert_eq!(minsheng::domain::format::fingerprint(&plan), "a35536618232ca37");
    assert_eq!(plan.id, "plan-2024-037f5ac7");
}

/// The published schemas name every field the writers write (so the documented format is the real one).
#[test]
fn schemas_describe_what_is_written() {
    let plan_schema: serde_json::Value = serde_json::from_str(include_str!("../data/plan.schema.json")).unwrap();
    // The 2024 list, and a list of another form: kept columns, an indicator table with a baseline and
    // a target that is no figure, no plan text, no due date.
    let other = import_list(
        "2025年清单\n项目名称\t指标名称\t上年实际值\t目标值\t计量单位\t备注\n稳就业\t城镇新增就业\t27\t28\t万人\t续建\n\t失业率\t5.1%\t稳中有降\t\t\n",
        None,
    )
    .unwrap()
    .plan;
    let other: serde_json::Value = serde_json::from_str(&write_plan_file(&other)).unwrap();
    let seed: serde_json::Value = serde_json::from_str(include_str!("../data/plan-2024.json")).unwrap();
    assert!(other["projects"][0]["extra"].is_array() && other["projects"][0]["indicators"][0]["baseline"].is_string());
    let codes = plan_schema["$defs"]["warning"]["properties"]["code"]["enum"].as_array().unwrap().clone();
    let warning_fields: Vec<String> = plan_schema["$defs"]["warning"]["properties"].as_object().unwrap().keys().cloned().collect();
    let props = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    for written in [&seed, &other] {
        for w in written["projects"].as_array().unwrap().iter().flat_map(|p| p["warnings"].as_array().into_iter().flatten()) {
            assert!(codes.contains(&w["code"]), "warning code {} is not in the schema", w["code"]);
            for k in props(w) {
                assert!(warning_fields.contains(&k), "warning field {k} is not in the schema");
            }
        }
        let top = props(&plan_schema["properties"]);
        for k in props(written) {
            assert!(top.contains(&k), "plan field {k} is not in the schema");
        }
        let project = props(&plan_schema["$defs"]["project"]["properties"]);
        let milestone = props(&plan_schema["$defs"]["milestone"]["properties"]);
        let indicator = props(&plan_schema["$defs"]["indicator"]["properties"]);
        for p in written["projects"].as_array().unwrap() {
            for k in props(p) {
                assert!(project.contains(&k), "project field {k} is not in the schema");
            }
            for m in p["milestones"].as_array().unwrap() {
                for k in props(m) {
                    assert!(milestone.contains(&k), "milestone field {k}");
                }
            }
            for i in p["indicators"].as_array().unwrap() {
                for k in props(i) {
                    assert!(indicator.contains(&k), "indicator field {k}");
                }
            }
        }
    }
    let written = &seed;
    let progress_schema: serde_json::Value = serde_json::from_str(include_str!("../data/progress.schema.json")).unwrap();
    // A file with every kind of entry: a value, a step, report texts, an edit, a delete and a decision.
    let plan = import_list(SEED, None).unwrap().plan;
    use minsheng::domain::actions::{CountingMinter, NewEntry, Reporter};
    use minsheng::domain::ledger::{Ledger, ReportTexts, Reported, Subject};
    let p = &plan.projects[0];
    let (mut ledger, mut m) = (Ledger::default(), CountingMinter::default());
    let who = Reporter::new(&p.lead_unit, "张三");
    let as_of = p.milestones[0].due;
    let new = |subject, reported| NewEntry { project: p.id.clone(), subject, reported, as_of, note: "备注".into() };
    ledger.record(&who, vec![new(Subject::Indicator(p.indicators[0].id.clone()), Reported::Value(1.0))], &mut m).unwrap();
    let edit = ledger.record(&who, vec![new(Subject::Indicator(p.indicators[0].id.clone()), Reported::Value(2.0))], &mut m).unwrap();
    ledger.delete(&who, &edit.entries[0], &mut m).unwrap();
    ledger.record(&who, vec![new(Subject::Milestone(p.milestones[0].id.clone()), Reported::Done(true))], &mut m).unwrap();
    let texts = ReportTexts { progress: "a".into(), problems: "b".into(), next_steps: "c".into(), coordination: "d".into() };
    ledger.record(&who, vec![new(Subject::Report, Reported::Texts(texts))], &mut m).unwrap();
    let z = ledger.record(&Reporter::new("市Z局", "李"), vec![new(Subject::Indicator(p.indicators[0].id.clone()), Reported::Value(3.0))], &mut m).unwrap();
    ledger.decide(&Reporter::new("督查室", "王"), &z.entries[0], true, &mut m).unwrap();
    let statuses = minsheng::domain::status::evaluate_all(&plan, &minsheng::domain::ledger::LedgerView::new(&plan, &ledger), plan.end(), &Default::default());
    let drafts = minsheng::domain::supervision::drafts(&plan, &statuses, &[0, 1, 2], &ledger, plan.end(), plan.end(), minsheng::i18n::Lang::Zh);
    assert!(!drafts.is_empty());
    minsheng::domain::supervision::issue(&mut ledger, &plan, &drafts, "督查室", "王", &mut m);
    // The review loop: a review, an extension request and its ruling, a closure request and its
    // confirmation, a withdrawal.
    {
        use minsheng::domain::flow::{adjusted_plan, ExtensionAsk, Flow, Rules};
        use minsheng::domain::ledger::{Month, Target};
        let office = Reporter::new("督查室", "王");
        let mut act = |ledger: &mut Ledger, f: &dyn Fn(&Rules, &Ledger, &mut CountingMinter) -> minsheng::domain::ledger::Act| {
            let flow = Flow::new(&plan, ledger, "督查室");
            let adjusted = adjusted_plan(&plan, &flow.approved()).unwrap_or_else(|| plan.clone());
            let a = f(&Rules { plan: &plan, adjusted: &adjusted, flow: &flow, cross_year: false }, ledger, &mut m);
            let id = a.id.clone();
            ledger.add_act(a);
            id
        };
        act(&mut ledger, &|r, _, m| r.review(&office, &p.id, Month::new(2024, as_of.month()), false, "请核实", m).unwrap());
        let ask = ExtensionAsk { project: p.id.clone(), target: Target::Milestone(p.milestones[0].id.clone()), to: plan.end(), reason: "理由".into() };
        let req = act(&mut ledger, &|r, _, m| r.request_extension(&who, &ask, m).unwrap());
        act(&mut ledger, &|r, _, m| r.answer(&office, &req, true, "同意", m).unwrap());
        let closure = act(&mut ledger, &|r, _, m| r.request_closure(&who, &p.id, "已完成", m).unwrap());
        act(&mut ledger, &|r, _, m| r.answer(&office, &closure, false, "材料不全", m).unwrap());
        let again = act(&mut ledger, &|r, _, m| r.request_closure(&who, &p.id, "已补充", m).unwrap());
        act(&mut ledger, &|r, l, m| r.withdraw(&who, l, &again, m).unwrap());
    }
    let file = minsheng::domain::exchange::write_progress_file(&minsheng::domain::exchange::PlanRef::of(&plan), &ledger, "2024-07-01T00:00:00.000Z", None);
    let progress: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(progress_schema["properties"]["version"]["enum"].as_array().unwrap().last().unwrap(), &progress["version"]);
    for k in props(&progress) {
        assert!(props(&progress_schema["properties"]).contains(&k), "progress file field {k}");
    }
    let entry = props(&progress_schema["properties"]["entries"]["items"]["properties"]);
    let report = props(&progress_schema["properties"]["entries"]["items"]["properties"]["report"]["properties"]);
    let mut seen = std::collections::BTreeSet::new();
    for e in progress["entries"].as_array().unwrap() {
        for k in props(e) {
            assert!(entry.contains(&k), "entry field {k}");
            seen.insert(k);
        }
        if let Some(r) = e.get("report") {
            for k in props(r) {
                assert!(report.contains(&k), "report field {k}");
            }
        }
    }
    assert!(["report", "supersedes", "deleted", "value", "done", "indicator", "milestone"].iter().all(|k| seen.contains(*k)));
    let notice = props(&progress_schema["properties"]["notices"]["items"]["properties"]);
    for n in progress["notices"].as_array().unwrap() {
        for k in props(n) {
            assert!(notice.contains(&k), "notice field {k}");
        }
    }
    let act = props(&progress_schema["properties"]["acts"]["items"]["properties"]);
    let mut kinds = std::collections::BTreeSet::new();
    for a in progress["acts"].as_array().unwrap() {
        kinds.insert(a["kind"].as_str().unwrap().to_string());
        for k in props(a) {
            assert!(act.contains(&k), "act field {k}");
        }
    }
    assert_eq!(kinds.len(), 6, "every kind of act: {kinds:?}");
    let decision = props(&progress_schema["properties"]["decisions"]["items"]["properties"]);
    for d in progress["decisions"].as_array().unwrap() {
        for k in props(d) {
            assert!(decision.contains(&k), "decision field {k}");
        }
    }
    let index: serde_json::Value = serde_json::from_str(include_str!("../data/index.json")).unwrap();
    assert_eq!(index["default"], written["id"], "data/index.json names the bundled plan");
}
