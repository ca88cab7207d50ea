#![cfg(not(target_arch = "wasm32"))]
//! Lists in the shapes counties and districts publish (written here, not copied from any one
//! government's text), read with the first guess — no mapping corrected — to the projects, units,
//! leaders and targets a person reads in them. The test prints the share of fields right before it
//! asserts them all, so that a change that gets some wrong says how many.

use minsheng::domain::import::{import_list, Imported};
use minsheng::domain::plan::Project;

/// What a person reads in one project.
struct Expected {
    name: &'static str,
    lead_unit: &'static str,
    co_units: &'static [&'static str],
    city_leaders: &'static [&'static str],
    /// (indicator name, target, unit)
    targets: &'static [(&'static str, f64, &'static str)],
    /// A piece of text the project's plan must hold.
    plan_has: &'static str,
}

const fn p(name: &'static str, lead_unit: &'static str) -> Expected {
    Expected { name, lead_unit, co_units: &[], city_leaders: &[], targets: &[], plan_has: "" }
}

/// Each field of each project: (what, right).
fn fields(project: Option<&Project>, e: &Expected) -> Vec<(String, bool)> {
    // A project not read has every field wrong.
    let Some(got) = project else { return ["name", "lead unit", "co-units", "leaders", "targets", "plan"].map(|f| (format!("{}: {f} (not read)", e.name), false)).to_vec() };
    let co: Vec<&str> = got.co_units.iter().map(|u| u.as_str()).collect();
    let leaders: Vec<&str> = got.city_leaders.iter().map(|u| u.as_str()).collect();
    let targets: Vec<(String, f64, String)> = got.indicators.iter().filter_map(|i| i.target.map(|t| (i.name.clone(), t, i.unit.to_string()))).collect();
    let want: Vec<(String, f64, String)> = e.targets.iter().map(|(n, t, u)| (n.to_string(), *t, u.to_string())).collect();
    vec![
        (format!("{}: name {:?}", e.name, got.name), got.name == e.name),
        (format!("{}: lead unit {:?}", e.name, got.lead_unit), got.lead_unit.as_str() == e.lead_unit),
        (format!("{}: co-units {co:?}", e.name), co == e.co_units),
        (format!("{}: leaders {leaders:?}", e.name), leaders == e.city_leaders),
        (format!("{}: targets {targets:?}", e.name), targets == want),
        (format!("{}: plan {:?}", e.name, got.plan_text), got.plan_text.contains(e.plan_has)),
    ]
}

fn check(label: &str, text: &str, expected: &[Expected]) -> (usize, usize, Vec<String>) {
    let imported: Option<Imported> = import_list(text, Some(2025)).ok();
    let projects = imported.as_ref().map(|i| i.plan.projects.as_slice()).unwrap_or_default();
    let mut right = 0;
    let mut total = 0;
    let mut wrong = Vec::new();
    if projects.len() != expected.len() {
        wrong.push(format!("{label}: {} projects read, {} expected", projects.len(), expected.len()));
    }
    for (i, e) in expected.iter().enumerate() {
        for (what, ok) in fields(projects.get(i), e) {
            total += 1;
            if ok {
                right += 1;
            } else {
                wrong.push(format!("{label}: {what}"));
            }
        }
    }
    (right, total, wrong)
}

const OTHER_NAME: &str = "2025年某区民生实事项目\n序号\t目标任务\t牵头单位\t完成时限\n1\t新建社区食堂12家\t区民政局\t9月底\n2\t改造老旧小区30个\t区住建局\t11月底\n";

const TASK_AND_OUTCOME: &str = "2025年某县民生实事项目清单\n序号\t重点任务\t标志性成果\t责任单位\t完成时间\n\
    1\t深入推进养老服务体系建设，完善居家养老服务网络，提升服务质量。\t新建老年助餐点20个\t县民政局\t11月底\n\
    2\t持续优化教育资源布局，扩大优质学位供给。\t新增中小学学位1000个\t县教育局\t8月底\n";

const NO_NAME_HEADER: &str = "2025年某镇民生实事\n编号\t工程\t责任单位\t配合单位\t时限\t备注\n\
    1\t镇区道路提升改造5公里\t镇建设办\t镇财政所\t10月底\t续建\n\
    2\t新建农村公厕8座\t镇农业办\t各村\t9月底\t\n\
    3\t建设便民服务中心1个\t镇党政办\t镇财政所\t12月底\t新建\n";

const LEADERS: &str = "序号\t项目名称\t牵头领导\t牵头单位\t完成时限\n\
    1\t新增公共停车泊位2000个\t吕  乐\t市交通局\t12月底\n\
    2\t建设口袋公园10个\t张三丰\t市园林局\t10月底\n";

const UNITS_IN_ONE_CELL: &str = "2025年某区民生实事项目\n序号\t项目名称\t责任单位\t完成时限\n\
    1\t新建幼儿园3所\t区教育局 区住建局 区财政局\t8月底\n\
    2\t改造农贸市场5个\t\"区商务局\n各街道\"\t11月底\n";

const CONTINUATION: &str = "2025年某区民生实事项目\n序号\t类别\t项目名称\t牵头单位\t完成时限\t工作计划\n\
    1\t养老服务\t新建老年食堂10家\t区民政局\t11月底\t6月底前建成5家；11月底前全面完成。\n\
    \t\t其中：农村老年食堂不少于4家\t\t\t\n\
    \t\t改造适老化家庭200户\t区残联\t10月底\t10月底前全面完成。\n";

const PARAGRAPHS_WITH_BRACKETS: &str = "2025年某区民生实事项目\n一、卫生健康\n\
    1.医疗服务能力提升工程。新增三级医院2家，新建社区卫生服务站10个。（牵头领导：王一，责任单位：区卫健委、区发改局）\n\
    2.老年人健康服务行动。为65岁以上老年人免费体检5万人次。(牵头领导:李二,责任单位:区卫健委)\n\
    二、教育\n\
    3.学前教育扩容工程。新增普惠性幼儿园学位3000个。（牵头领导：赵三，责任单位：区教育局）\n";

const PARAGRAPHS_TITLE_THEN_BODY: &str = "2025年某县民生实事项目\n\
    1. 城乡供水一体化工程\n实施农村供水管网改造120公里，新增受益人口3万人。\n牵头单位：县水利局\n完成时限：11月底\n\
    2. 农村公路提升工程\n改造提升农村公路80公里。\n牵头单位：县交通运输局\n完成时限：10月底\n";

const INDICATOR_CLAUSES: &str = "序号\t项目名称\t牵头单位\t完成时限\n\
    1\t优化公交线网布局，新建公交专用道10公里\t市交通局\t12月底\n\
    2\t新辟优化城乡公交、地铁接驳线、定制公交线路100条\t市交通局\t12月底\n";

fn lists() -> Vec<(&'static str, &'static str, Vec<Expected>)> {
    vec![
        (
            "目标任务 as the project",
            OTHER_NAME,
            vec![
                Expected { targets: &[("新建社区食堂", 12.0, "家")], ..p("新建社区食堂12家", "区民政局") },
                Expected { targets: &[("改造老旧小区", 30.0, "个")], ..p("改造老旧小区30个", "区住建局") },
            ],
        ),
        (
            "重点任务 beside 标志性成果",
            TASK_AND_OUTCOME,
            vec![
                Expected { targets: &[("新建老年助餐点", 20.0, "个")], plan_has: "居家养老服务网络", ..p("新建老年助餐点20个", "县民政局") },
                Expected { targets: &[("新增中小学学位", 1000.0, "个")], plan_has: "扩大优质学位供给", ..p("新增中小学学位1000个", "县教育局") },
            ],
        ),
        (
            "no column named for the project",
            NO_NAME_HEADER,
            vec![
                Expected { co_units: &["镇财政所"], targets: &[("镇区道路提升改造", 5.0, "公里")], ..p("镇区道路提升改造5公里", "镇建设办") },
                Expected { co_units: &["各村"], targets: &[("新建农村公厕", 8.0, "座")], ..p("新建农村公厕8座", "镇农业办") },
                Expected { co_units: &["镇财政所"], targets: &[("建设便民服务中心", 1.0, "个")], ..p("建设便民服务中心1个", "镇党政办") },
            ],
        ),
        (
            "leaders as 牵头领导, a name padded with spaces",
            LEADERS,
            vec![
                Expected { city_leaders: &["吕乐"], targets: &[("新增公共停车泊位", 2000.0, "个")], ..p("新增公共停车泊位2000个", "市交通局") },
                Expected { city_leaders: &["张三丰"], targets: &[("建设口袋公园", 10.0, "个")], ..p("建设口袋公园10个", "市园林局") },
            ],
        ),
        (
            "several units in one 责任单位 cell",
            UNITS_IN_ONE_CELL,
            vec![
                Expected { co_units: &["区住建局", "区财政局"], targets: &[("新建幼儿园", 3.0, "所")], ..p("新建幼儿园3所", "区教育局") },
                Expected { co_units: &["各街道"], targets: &[("改造农贸市场", 5.0, "个")], ..p("改造农贸市场5个", "区商务局") },
            ],
        ),
        (
            "a continuation row, then a project with its own unit",
            CONTINUATION,
            vec![
                Expected { targets: &[("新建老年食堂", 10.0, "家")], plan_has: "其中：农村老年食堂不少于4家", ..p("新建老年食堂10家", "区民政局") },
                Expected { targets: &[("改造适老化家庭", 200.0, "户")], ..p("改造适老化家庭200户", "区残联") },
            ],
        ),
        (
            "paragraphs with units in brackets",
            PARAGRAPHS_WITH_BRACKETS,
            vec![
                Expected {
                    co_units: &["区发改局"],
                    city_leaders: &["王一"],
                    targets: &[("新增三级医院", 2.0, "家"), ("新建社区卫生服务站", 10.0, "个")],
                    plan_has: "新增三级医院2家",
                    ..p("医疗服务能力提升工程", "区卫健委")
                },
                Expected {
                    city_leaders: &["李二"],
                    targets: &[("为65岁以上老年人免费体检", 5.0, "万人次")],
                    plan_has: "免费体检",
                    ..p("老年人健康服务行动", "区卫健委")
                },
                Expected { city_leaders: &["赵三"], targets: &[("新增普惠性幼儿园学位", 3000.0, "个")], ..p("学前教育扩容工程", "区教育局") },
            ],
        ),
        (
            "paragraphs: a title line, then its body",
            PARAGRAPHS_TITLE_THEN_BODY,
            vec![
                Expected {
                    targets: &[("实施农村供水管网改造", 120.0, "公里"), ("新增受益人口", 3.0, "万人")],
                    plan_has: "供水管网改造120公里",
                    ..p("城乡供水一体化工程", "县水利局")
                },
                Expected { targets: &[("改造提升农村公路", 80.0, "公里")], ..p("农村公路提升工程", "县交通运输局") },
            ],
        ),
        (
            "indicator names are the clause that holds the figure",
            INDICATOR_CLAUSES,
            vec![
                Expected { targets: &[("新建公交专用道", 10.0, "公里")], ..p("优化公交线网布局，新建公交专用道10公里", "市交通局") },
                // Items listed with "、" share the figure after them.
                Expected { targets: &[("新辟优化城乡公交、地铁接驳线、定制公交线路", 100.0, "条")], ..p("新辟优化城乡公交、地铁接驳线、定制公交线路100条", "市交通局") },
            ],
        ),
    ]
}

#[test]
fn lists_of_other_shapes_read_right_on_the_first_guess() {
    let (mut right, mut total, mut wrong) = (0, 0, Vec::new());
    for (label, text, expected) in lists() {
        let (r, t, w) = check(label, text, &expected);
        println!("{label}: {r} of {t} fields right");
        right += r;
        total += t;
        wrong.extend(w);
    }
    println!("first guess: {right} of {total} fields right ({:.0} %)", 100.0 * right as f64 / total as f64);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn what_the_reading_says_it_did() {
    use minsheng::domain::messages::{table_problem, Lang};
    let notes = |text: &str| import_list(text, Some(2025)).unwrap().problems.iter().map(|p| table_problem(p, Lang::Zh)).collect::<Vec<_>>();
    assert!(notes(UNITS_IN_ONE_CELL).contains(&"第 3 行的单位列有多个单位：第一个“区教育局”作为牵头单位，其余“区住建局、区财政局”作为配合单位。".to_string()));
    assert!(notes(CONTINUATION).contains(&"第 4 行没有序号和单位，已作为“新建老年食堂10家”的内容并入其工作计划。".to_string()));
    // Where a 配合单位 column exists, a unit cell is not split.
    let with_co = "序号\t项目名称\t牵头单位\t配合单位\n1\t新建幼儿园3所\t区教育局 区住建局\t区财政局\n";
    assert_eq!(import_list(with_co, Some(2025)).unwrap().plan.projects[0].lead_unit.as_str(), "区教育局 区住建局");
}
