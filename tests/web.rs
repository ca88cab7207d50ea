//! Components rendered in headless Chromium (wasm-bindgen-test). Run by `make test`.
#![cfg(target_arch = "wasm32")]
// Tests sort as they like: the one-routine rule (clippy.toml) is about the shipped wasm.
#![allow(clippy::disallowed_methods)]

use leptos::prelude::*;
use minsheng::domain::import::import_list;
use minsheng::i18n::Lang;
use minsheng::domain::view_state::ViewState;
use minsheng::ui::list::ProjectList;
use minsheng::ui::state::{Ctx, PlanSource};
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

/// Mounts `view` with the app state over `table` (as the app does after loading a plan).
fn mount_with_plan<V: IntoView + 'static>(table: &str, state: ViewState, view: impl Fn() -> V + 'static) -> (web_sys::HtmlElement, impl Drop) {
    let plan = Arc::new(import_list(table, None).unwrap().plan);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let id = plan.id.clone();
        let view_state = RwSignal::new(state.clone());
        let lang = Memo::new(move |_| view_state.with(|v| v.lang).unwrap_or_default().in_effect());
        let c = Ctx::new(view_state, vec![PlanSource { plan: plan.clone(), imported: false, sync: None }], id, lang);
        provide_context(c);
        view()
    });
    (root, handle)
}

#[wasm_bindgen_test]
async fn project_list_shows_every_project_under_its_category() {
    // At the end of the year every milestone is due and nothing was reported: every light is grey.
    let state = ViewState { report_date: minsheng::domain::date::Date::new(2025, 12, 31), ..ViewState::default() };
    let (root, _handle) = mount_with_plan(TABLE, state, || view! { <ProjectList /> });
    leptos::task::tick().await;
    assert_eq!(root.query_selector_all("[data-project]").unwrap().length(), 3);
    assert_eq!(root.query_selector_all(".category-group").unwrap().length(), 2);
    let text = root.text_content().unwrap();
    assert!(text.contains("市B局、市C局"), "{text}");
    let labels = root.query_selector_all("[data-project] .light-label").unwrap();
    let labels: Vec<String> = (0..labels.length()).map(|i| labels.get(i).unwrap().text_content().unwrap()).collect();
    assert_eq!(labels, vec!["未填报"; 3], "every row has its light");
}

#[wasm_bindgen_test]
async fn project_list_follows_the_filters_of_the_view_state() {
    let mut state = ViewState::default();
    state.filters.lead_units = vec!["市D局".into()];
    let (root, _handle) = mount_with_plan(TABLE, state, || view! { <ProjectList /> });
    leptos::task::tick().await;
    assert_eq!(root.query_selector_all("[data-project]").unwrap().length(), 1);
    assert!(root.text_content().unwrap().contains("培训 300 人次"));
}

#[wasm_bindgen_test]
fn every_status_light_has_a_label_and_a_distinct_shape() {
    use minsheng::domain::status::Light;
    use minsheng::ui::shared::StatusLight;
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        Light::ALL
            .into_iter()
            .map(|l| view! { <StatusLight light=l lang=Lang::Zh /> })
            .collect_view()
    });
    let lights = root.query_selector_all(".light").unwrap();
    assert_eq!(lights.length(), 5);
    let text = root.text_content().unwrap();
    for label in ["已完成", "正常", "滞后", "严重滞后", "未填报"] {
        assert!(text.contains(label), "{label} in {text}");
    }
    // Each light draws a different shape (colour is never the only signal).
    let mut shapes = Vec::new();
    for i in 0..lights.length() {
        let el: web_sys::Element = lights.get(i).unwrap().unchecked_into();
        let svg = el.query_selector("svg").unwrap().unwrap();
        shapes.push(svg.inner_html());
    }
    shapes.sort();
    shapes.dedup();
    assert_eq!(shapes.len(), 5);
    drop(handle);
}

#[wasm_bindgen_test]
fn overdue_reads_as_overdue() {
    use minsheng::domain::status::Light;
    use minsheng::ui::shared::StatusLight;
    let root = container();
    // On the page the English words are a chunk of their own, put in place before English is shown.
    minsheng::i18n::install_english();
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <StatusLight light=Light::Serious overdue=true lang=Lang::En /> });
    assert_eq!(root.text_content().unwrap(), "Overdue");
    drop(handle);
}
