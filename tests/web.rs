//! Components rendered in headless Chromium (wasm-bindgen-test). Run by `make test`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use minsheng::domain::import::import_list;
use minsheng::i18n::Lang;
use minsheng::ui::list::PlanList;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TABLE: &str = "2025 年民生实事项目责任清单\n序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排\n1\t甲类\t新增示范点 20 个\t张三\t市A局\t李四\t市B局、市C局\t11月底\t6月底前完成10个；11月底前全面完成。\n\t\t建成驿站 5 家\t张三\t市A局\t李四\t\t9月底\t9月底前完成。\n2\t乙类\t培训 300 人次\t王五\t市D局\t赵六\t\t11月底\t11月底前完成。\n";

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

#[wasm_bindgen_test]
fn plan_list_shows_every_project_under_its_category() {
    let plan = Arc::new(import_list(TABLE, None).unwrap().plan);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <PlanList plan=plan.clone() lang=Signal::stored(Lang::Zh) /> }
    });
    assert_eq!(root.query_selector_all("[data-project]").unwrap().length(), 3);
    assert_eq!(root.query_selector_all(".category-group").unwrap().length(), 2);
    let text = root.text_content().unwrap();
    assert!(text.contains("共 3 项"), "{text}");
    assert!(text.contains("市B局、市C局"));
    drop(handle);
}
