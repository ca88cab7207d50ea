use super::*;
use crate::domain::import::import_list;
use crate::domain::ledger::{Entry, Ledger, ReportTexts, Reported, Subject};
use crate::domain::status::{evaluate_all, Settings};
use crate::i18n::Lang;
use calamine::{Data, Reader, Xlsx};

const PAYLOAD: &str = "<script>alert(1)</script>=1+1";

fn fixture() -> (Plan, Ledger) {
    let plan = import_list(include_str!("../../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan;
    let mut l = Ledger::default();
    let p = &plan.projects[0];
    let entry = |id: &str, subject, reported| Entry {
        id: id.into(),
        project: p.id.clone(),
        subject,
        reported,
        as_of: Date::new(2024, 9, 30).unwrap(),
        note: String::new(),
        unit: p.lead_unit.to_string(),
        person: String::new(),
        recorded_at: "2024-10-01T00:00:00.000Z".into(),
        supersedes: None,
        deleted: false,
    };
    l.add(entry("v", Subject::Indicator(p.indicators[0].id.clone()), Reported::Value(95.0)));
    // The two steps before (确定点位, 设计及招标) are done.
    l.add(entry("s0", Subject::Milestone(p.milestones[0].id.clone()), Reported::Done(true)));
    l.add(entry("s1", Subject::Milestone(p.milestones[1].id.clone()), Reported::Done(true)));
    l.add(entry("r", Subject::Report, Reported::Texts(ReportTexts {
        progress: "已建成95个".into(),
        problems: PAYLOAD.into(),
        next_steps: "10月底前完成招标".into(),
        coordination: "请协调用地".into(),
    })));
    (plan, l)
}

fn read_back(bytes: Vec<u8>) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx file")
}

#[test]
fn one_sheet_with_every_project_its_light_in_colour_and_the_texts() {
    let (plan, l) = fixture();
    let view = LedgerView::new(&plan, &l);
    let date = Date::new(2024, 9, 30).unwrap();
    let statuses = evaluate_all(&plan, &view, date, &Settings::default());
    let rows: Vec<usize> = (0..plan.projects.len()).collect();
    let book = ledger_book(&plan, &statuses, &view, &rows, date, Month::new(2024, 9), false, None, Lang::Zh);
    let mut xlsx = read_back(write_xlsx(&book).unwrap());
    assert_eq!(xlsx.sheet_names(), vec!["工作台账".to_string()]);
    let range = xlsx.worksheet_range("工作台账").unwrap();
    assert_eq!(range.height(), 2 + 48, "title, header and one row per project");
    let header: Vec<String> = range.rows().nth(1).unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["序号", "类别", "项目名称", "牵头单位", "分管市领导", "状态", "原因", "完成度", "最新进展", "本月进展", "存在问题", "下步打算", "需协调事项"]);
    let first: Vec<&Data> = range.rows().nth(2).unwrap().iter().collect();
    assert_eq!(first[0], &Data::Float(1.0));
    assert_eq!(first[2].to_string(), plan.projects[0].name);
    assert_eq!(first[5].to_string(), "▲ 滞后", "95 of 100 required by 9月底: within tolerance");
    assert_eq!(first[10].to_string(), PAYLOAD, "text stays text: no formula, no markup");
    assert_eq!(first[12].to_string(), "请协调用地");
    assert!(matches!(first[7], Data::Float(x) if (x - 95.0 / 227.0).abs() < 1e-9));
    // The light's cell is filled with the palette's colour; another project's with its own.
    let styles = xlsx.worksheet_style("工作台账").unwrap();
    let fill = |r: u32| {
        let style = styles.get((r, 5)).expect("a style");
        let c = style.fill.as_ref().expect("a fill").get_color().expect("a colour");
        (c.red, c.green, c.blue)
    };
    let behind = palette::light(Light::Behind).mark;
    assert_eq!(fill(2), (behind.0, behind.1, behind.2));
    let grey = palette::light(Light::NotReported).mark;
    assert_eq!(fill(3), (grey.0, grey.1, grey.2), "nothing reported for the second project");
}

#[test]
fn a_sheet_per_category() {
    let (plan, l) = fixture();
    let view = LedgerView::new(&plan, &l);
    let date = Date::new(2024, 9, 30).unwrap();
    let statuses = evaluate_all(&plan, &view, date, &Settings::default());
    let rows: Vec<usize> = (0..plan.projects.len()).collect();
    let book = ledger_book(&plan, &statuses, &view, &rows, date, Month::new(2024, 9), true, None, Lang::En);
    let mut xlsx = read_back(write_xlsx(&book).unwrap());
    let names = xlsx.sheet_names();
    assert_eq!(names.len(), 10);
    assert!(names[0].starts_with("1 "));
    let total: usize = names.iter().map(|n| xlsx.worksheet_range(n).unwrap().height() - 2).sum();
    assert_eq!(total, 48);
    let header: Vec<String> = xlsx.worksheet_range(&names[0]).unwrap().rows().nth(1).unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header[0], "No.");
    assert_eq!(header[1], "Project", "no category column on a category's sheet");
}

#[test]
fn sheet_names_excel_accepts() {
    assert_eq!(sheet_name("1 “幸福助老”在杭州"), "1 “幸福助老”在杭州");
    assert_eq!(sheet_name("a/b:c*d?e[f]g\\h"), "a_b_c_d_e_f_g_h");
    assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
    assert_eq!(sheet_name("''"), "Sheet");
}

#[test]
fn with_the_review_loop_the_review_state_and_the_moved_dates() {
    use crate::domain::actions::{CountingMinter, Reporter};
    use crate::domain::flow::{adjusted_plan, ExtensionAsk, Flow, Rules, DEFAULT_OFFICE};
    use crate::domain::ledger::Target;
    let (plan, mut l) = fixture();
    let p = plan.projects[0].clone();
    let mut m = CountingMinter::default();
    let office = Reporter::new(DEFAULT_OFFICE, "");
    let lead = Reporter::new(&p.lead_unit, "");
    let act = |l: &mut Ledger, m: &mut CountingMinter, f: &dyn Fn(&Rules, &mut CountingMinter) -> crate::domain::ledger::Act| {
        let flow = Flow::new(&plan, l, DEFAULT_OFFICE);
        let adjusted = adjusted_plan(&plan, &flow.approved()).unwrap_or_else(|| plan.clone());
        let a = f(&Rules { plan: &plan, adjusted: &adjusted, flow: &flow, cross_year: false }, m);
        let id = a.id.clone();
        l.add_act(a);
        id
    };
    act(&mut l, &mut m, &|r, m| r.review(&office, &p.id, Month::new(2024, 9), false, "请核实", m).unwrap());
    let ask = ExtensionAsk { project: p.id.clone(), target: Target::Milestone(p.milestones[2].id.clone()), to: Date::new(2024, 12, 31).unwrap(), reason: "征迁".into() };
    let req = act(&mut l, &mut m, &|r, m| r.request_extension(&lead, &ask, m).unwrap());
    act(&mut l, &mut m, &|r, m| r.answer(&office, &req, true, "", m).unwrap());
    let flow = Flow::new(&plan, &l, DEFAULT_OFFICE);
    let view = LedgerView::new(&plan, &l);
    let date = Date::new(2024, 9, 30).unwrap();
    let statuses = evaluate_all(&plan, &view, date, &Settings::default());
    let book = ledger_book(&plan, &statuses, &view, &[0, 1], date, Month::new(2024, 9), false, Some(&flow), Lang::Zh);
    let sheet = &book.sheets[0];
    let headers: Vec<&str> = sheet.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(&headers[headers.len() - 3..], ["审核状态", "原计划", "调整后"]);
    let last3 = |row: &Vec<Cell>| row[row.len() - 3..].to_vec();
    assert_eq!(last3(&sheet.rows[0]), [Cell::Text("已退回".into()), Cell::Text("9月底".into()), Cell::Text("12月底".into())]);
    assert_eq!(last3(&sheet.rows[1]), [Cell::Text(String::new()), Cell::Text(String::new()), Cell::Text(String::new())], "nothing reported, nothing moved");
}
