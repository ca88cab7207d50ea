//! Shows an SVG chart made by `domain::charts` and offers it as SVG and PNG. The SVG is parsed as XML
//! (DOMParser) and inserted as nodes: never `inner_html`, and plotters has already escaped all text.

use super::download::{download_svg_as_png, download_text};
use super::state::ctx;
use leptos::html;
use leptos::prelude::*;

fn size_of(svg: &str) -> (u32, u32) {
    let attr = |name: &str| {
        svg.split_once(&format!("{name}=\""))
            .and_then(|(_, rest)| rest.split_once('"'))
            .and_then(|(v, _)| v.parse().ok())
            .unwrap_or(800)
    };
    (attr("width"), attr("height"))
}

#[component]
pub fn SvgChart(#[prop(into)] svg: Signal<String>, name: String, label: String) -> impl IntoView {
    let c = ctx();
    let holder = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        let text = svg.get();
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
                <button class="button small" on:click=move |_| download_text(&format!("{n1}.svg"), "image/svg+xml", &svg.get_untracked())>
                    {c.lang.get_untracked().t().download_svg}
                </button>
                <button class="button small" on:click=move |_| {
                    let text = svg.get_untracked();
                    let (w, h) = size_of(&text);
                    download_svg_as_png(&format!("{n2}.png"), &text, w, h);
                }>
                    {c.lang.get_untracked().t().download_png}
                </button>
            </figcaption>
        </figure>
    }
}
