#![cfg(not(target_arch = "wasm32"))]
//! The command-line importer on lists of other shapes: the mapping it prints, `--map` and `--sheet`,
//! workbooks, and files that are no list.

use std::path::PathBuf;
use std::process::Command;

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("minsheng-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// (exit code, stdout, stderr)
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_import-list")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const LIST: &str = "2025年某区民生实事项目\n项目\t单位\t负责人\t备注\n新建驿站 5 个\t区总工会\t王五\t续建\n";

#[test]
fn prints_the_mapping_and_follows_map_arguments() {
    let file = temp("list.txt", LIST.as_bytes());
    let f = file.to_str().unwrap();
    let (code, out, err) = run(&[f]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("列映射：项目→项目名称、单位→牵头单位、负责人→保留原文、备注→保留原文"), "{err}");
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["projects"][0]["extra"][0], serde_json::json!({ "label": "负责人", "value": "王五" }));

    let (code, out, err) = run(&[f, "--map", "负责人=牵头单位分管领导", "--map", "备注=ignore"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("负责人→牵头单位分管领导、备注→不导入"), "{err}");
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["projects"][0]["lead_unit_leader"], "王五");
    assert!(plan["projects"][0].get("extra").is_none());

    let (code, out, err) = run(&[f, "--map", "责任人=牵头单位分管领导"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("没有名为“责任人”的列；表头为：项目、单位、负责人、备注"), "{err}");
    let (code, _, err) = run(&[f, "--map", "负责人=领导"]);
    assert_eq!(code, 1);
    assert!(err.contains("无法理解 --map 负责人=领导"), "{err}");
    let (code, _, err) = run(&[f, "--lang", "en", "--map", "项目=ignore"]);
    assert_eq!(code, 1);
    assert!(err.contains("Found 4 columns, none of which can be the project name."), "{err}");
}

#[test]
fn workbooks_and_their_sheets() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "填表说明：每个项目一行").unwrap();
    let list = book.add_worksheet();
    list.set_name("2025年").unwrap();
    for (r, row) in [["重点任务", "责任单位", "完成时限"], ["新建口袋公园30个", "市园林局", "10月底"]].iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            list.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    let file = temp("list.xlsx", &book.save_to_buffer().unwrap());
    let f = file.to_str().unwrap();
    // The sheet with the list is found; its name gives the year.
    let (code, out, err) = run(&[f]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("读取工作表：2025年"), "{err}");
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["year"], 2025);
    assert_eq!(plan["projects"][0]["due"], "2025-10-31");
    let (code, _, err) = run(&[f, "--sheet", "1"]);
    assert_eq!(code, 1);
    assert!(err.contains("找到 1 列，没有可作为项目名称的列"), "{err}");
    let (code, _, err) = run(&[f, "--sheet", "汇总"]);
    assert_eq!(code, 1);
    assert!(err.contains("没有工作表“汇总”；工作簿中有：说明、2025年"), "{err}");
}

#[test]
fn files_that_are_no_list() {
    let (code, _, err) = run(&[temp("a.pdf", b"%PDF-1.7 ...").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("PDF 文件中的表格无法读取"), "{err}");
    let (code, _, err) = run(&[temp("b.xlsx", b"PK\x03\x04 cut short").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("这个 Excel 文件已损坏或不完整"), "{err}");
    let (code, _, err) = run(&[temp("c.txt", "甲\t乙\t丙\n1\t2\t3\n".as_bytes()).to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("找到 3 列，没有可作为项目名称的列"), "{err}");
}

#[test]
fn a_hostile_workbook_is_refused_with_what_was_too_big_and_a_sheet_of_numbers_with_why() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "项目名称").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let far = temp("远端.xlsx", &book.save_to_buffer().unwrap());
    let (code, out, err) = run(&[far.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("远端.xlsx: 工作表“Sheet1”超过 100,000 行（内容一直到第 1,048,576 行），可能不是责任清单"), "{err}");

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for r in 0..40u32 {
        for c in 0..8u16 {
            sheet.write_number(r, c, f64::from(r) * f64::from(c) + 1.0).unwrap();
        }
    }
    let numbers = temp("数字.xlsx", &book.save_to_buffer().unwrap());
    let (code, _, err) = run(&[numbers.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("数字.xlsx: 这个表格几乎全是数字，没有写明各列含义的表头行"), "{err}");
}

#[test]
fn a_project_column_guessed_from_its_cells_says_so() {
    let list = "2025年某镇民生实事\n编号\t工程\t责任单位\t时限\n1\t镇区道路提升改造5公里\t镇建设办\t10月底\n2\t新建农村公厕8座\t镇农业办\t9月底\n";
    let (code, out, err) = run(&[temp("工程.txt", list.as_bytes()).to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("工程→项目名称（按内容推测：短文本、每行一项且各不相同，请确认）"), "{err}");
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["projects"][1]["name"], "新建农村公厕8座");
}

#[test]
fn lines_writes_the_same_plan_a_project_a_line() {
    let list = format!("{LIST}新建书房 3 个\t区文广旅体局\t赵六\t\n");
    let file = temp("lines.txt", list.as_bytes());
    let f = file.to_str().unwrap();
    let (code, indented, err) = run(&[f]);
    assert_eq!(code, 0, "{err}");
    let (code, lines, err) = run(&[f, "--lines"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(lines.trim_end().lines().count(), 2 + 2, "the plan's line, a line a project, the closing line");
    let (a, b): (serde_json::Value, serde_json::Value) = (serde_json::from_str(&indented).unwrap(), serde_json::from_str(&lines).unwrap());
    assert_eq!(a, b);
    let mut pieces = minsheng::domain::format::PlanPieces::new();
    lines.as_bytes().chunks(10).for_each(|p| pieces.feed(p));
    assert_eq!(pieces.finish(), Some(minsheng::domain::format::read_plan_bytes(indented.as_bytes())));
}

#[test]
fn packed_writes_the_same_plan_packed_beside() {
    let file = temp("packed.txt", LIST.as_bytes());
    let out = file.with_extension("bin");
    let (code, json, err) = run(&[file.to_str().unwrap(), "--packed", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let packed = minsheng::domain::packed::read_packed(&std::fs::read(&out).unwrap());
    assert_eq!(packed, minsheng::domain::format::read_plan_bytes(json.as_bytes()));
    let (code, _, err) = run(&[file.to_str().unwrap(), "--packed", "/nonexistent-dir/plan.bin"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("/nonexistent-dir/plan.bin"), "{err}");
}
