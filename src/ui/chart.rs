//! Shows an SVG chart made by `domain::charts` and offers it as SVG and PNG. The SVG is parsed as XML
//! and inserted as nodes (`shared::parse_svg`): never `inner_html`, and plotters has already escaped all text.

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
        if let Some(node) = super::shared::parse_svg(&text) {
            let _ = el.append_child(&node);
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
