//! Shows an SVG chart made by `domain::charts` and offers it as SVG and PNG. The SVG is parsed as XML
//! (DOMParser) and inserted as nodes: never `inner_html`, and plotters has already escaped all text.

use super::download::{download_svg_as_png, download_text};
use super::state::ctx;
use crate::domain::svg::Svg;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn SvgChart(#[prop(into)] svg: Signal<Svg>, name: String, label: String) -> impl IntoView {
    let c = ctx();
    let holder = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        let text = svg.with(|s| s.text.clone());
        let Some(el) = holder.get() else { return };
        el.set_text_content(None);
        if text.is_empty() {
            return;
        }
        // Only an <svg> root is inserted: a parse failure yields a <parsererror> document (with inline
        // styles the CSP refuses), which must not reach the page.
        let parsed = web_sys::DomParser::new()
            .ok()
            .and_then(|p| p.parse_from_string(&text, web_sys::SupportedType::ImageSvgXml).ok())
            .and_then(|d| d.document_element())
            .filter(|root| root.tag_name() == "svg" && root.get_elements_by_tag_name("parsererror").length() == 0);
        if let (Some(root), Some(document)) = (parsed, web_sys::window().and_then(|w| w.document())) {
            if let Ok(node) = document.import_node_with_deep(&root, true) {
                let _ = el.append_child(&node);
            }
        }
    });
    let n1 = name.clone();
    let n2 = name;
    view! {
        <figure class="chart">
            <div class="chart-svg" node_ref=holder role="img" aria-label=label></div>
            <figcaption class="chart-tools">
                <button class="button small" on:click=move |_| download_text(&format!("{n1}.svg"), "image/svg+xml", &svg.with_untracked(|s| s.text.clone()))>
                    {c.lang.get_untracked().t().download_svg}
                </button>
                <button class="button small" on:click=move |_| svg.with_untracked(|s| download_svg_as_png(&format!("{n2}.png"), s))>
                    {c.lang.get_untracked().t().download_png}
                </button>
            </figcaption>
        </figure>
    }
}
