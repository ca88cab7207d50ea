//! The filter bar: search, one multi-choice filter per facet with counts, clear, grouping and sorting.
//! It only binds controls to the view state; filtering and counting are `domain::query`.

use super::state::ctx;
use crate::domain::messages::{light_label, month_name};
use crate::domain::query::{facet_options_from, Facet, Filters, Grouping, SortKey};
use crate::domain::status::Light;
use crate::i18n::{Lang, Strings};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn facet_name(facet: Facet, t: &Strings) -> &'static str {
    match facet {
        Facet::Category => t.col_category,
        Facet::Leader => t.col_city_leader,
        Facet::LeadUnit => t.col_lead_unit,
        Facet::CoUnit => t.col_co_units,
        Facet::Light => t.status,
        Facet::Month => t.due_month,
    }
}

fn option_label(facet: Facet, value: &str, label: &str, lang: Lang) -> String {
    match facet {
        Facet::Category => format!("{value} {label}"),
        Facet::Light => Light::from_code(value).map(|l| light_label(l, false, lang).to_string()).unwrap_or_default(),
        Facet::Month => value.parse().map(|m| month_name(m, lang)).unwrap_or_default(),
        _ => label.to_string(),
    }
}

#[component]
fn FacetFilter(facet: Facet) -> impl IntoView {
    let c = ctx();
    let open = RwSignal::new(false);
    let root = NodeRef::<html::Div>::new();
    let toggle_button = NodeRef::<html::Button>::new();
    let name = move || facet_name(facet, c.lang.get().t());
    // Choices and counts are only computed while the list is open.
    let options = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        let plan = c.plan.get();
        c.lights.with(|l| c.masks.with(|m| facet_options_from(&plan, Some(l), m, facet)))
    });
    let chosen = Memo::new(move |_| c.filters.with(|f| f.selected(facet)));
    let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = root.get_untracked().zip(ev.target()).is_some_and(|(r, t)| {
            t.dyn_ref::<web_sys::Node>().is_some_and(|n| r.contains(Some(n)))
        });
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());
    let popover_id = format!("facet-{facet:?}").to_lowercase();
    view! {
        <div class="facet" node_ref=root>
            <button
                class="button facet-button"
                node_ref=toggle_button
                class:has-value=move || !chosen.with(Vec::is_empty)
                aria-expanded=move || open.get().to_string()
                aria-controls=popover_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        open.set(false);
                    }
                }
            >
                {name}
                <span class="facet-badge" aria-hidden="true">
                    {move || {
                        let n = chosen.with(Vec::len);
                        if n > 0 { n.to_string() } else { String::new() }
                    }}
                </span>
                <span class="caret" aria-hidden="true">"▾"</span>
            </button>
            <div
                id=popover_id
                class="facet-popover"
                role="group"
                aria-label=name
                hidden=move || !open.get()
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        open.set(false);
                        // Focus returns to the facet's button rather than falling to the page.
                        if let Some(b) = toggle_button.get_untracked() {
                            let _ = b.focus();
                        }
                    }
                }
            >
                <For
                    each=move || options.with(|os| os.iter().map(|o| (o.value.clone(), o.label.clone())).collect::<Vec<_>>())
                    key=|(value, _)| value.clone()
                    children=move |(value, label)| {
                        let v1 = value.clone();
                        let v2 = value.clone();
                        let v3 = value.clone();
                        let count = Memo::new(move |_| options.with(|os| os.iter().find(|o| o.value == v1).map_or(0, |o| o.count)));
                        view! {
                            <label class="facet-option" class:empty=move || count.get() == 0>
                                <input
                                    type="checkbox"
                                    prop:checked=move || chosen.with(|s| s.contains(&v2))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let value = v3.clone();
                                        c.update_view(move |v| v.filters.toggle(facet, &value, on));
                                    }
                                />
                                <span class="facet-option-label">{move || option_label(facet, &value, &label, c.lang.get())}</span>
                                <span class="facet-count num">{move || count.get()}</span>
                            </label>
                        }
                    }
                />
            </div>
        </div>
    }
}

#[component]
pub fn FilterBar() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let search = NodeRef::<html::Input>::new();
    let grouping = Memo::new(move |_| c.view.with(|v| v.grouping));
    let sort = Memo::new(move |_| c.view.with(|v| v.sort));
    // "/" focuses search from anywhere but a text field; Esc in the box clears it.
    let slash = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
        });
        if !typing {
            if let Some(input) = search.get_untracked() {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });
    on_cleanup(move || slash.remove());
    let count = move || {
        let n = c.rows.with(|r| r.len());
        let total = c.plan.with(|p| p.projects.len());
        let lang = c.lang.get();
        if n == total {
            (lang.t().projects_count)(n)
        } else {
            (lang.t().projects_filtered)(n, total)
        }
    };
    view! {
        <div class="filter-bar" role="search">
            <div class="filter-row">
                <input
                    type="search"
                    class="search"
                    node_ref=search
                    aria-label=t.search
                    placeholder=t.search_placeholder
                    prop:value=move || c.filters.with(|f| f.search.clone())
                    on:focus=move |_| {
                        // The full-text keys (5 MB for 10,000 projects) are built when search is about
                        // to be used, after the focus is painted, rather than on the first keystroke.
                        set_timeout(
                            move || {
                                let plan = c.plan.get_untracked();
                                c.index.with_untracked(|i| {
                                    i.text_keys(&plan);
                                });
                            },
                            std::time::Duration::ZERO,
                        );
                    }
                    on:input=move |ev| {
                        let q = event_target_value(&ev);
                        c.update_view(|v| v.filters.search = q);
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            c.update_view(|v| v.filters.search.clear());
                        }
                    }
                />
                <FacetFilter facet=Facet::Category />
                <FacetFilter facet=Facet::Leader />
                <FacetFilter facet=Facet::LeadUnit />
                <FacetFilter facet=Facet::CoUnit />
                <FacetFilter facet=Facet::Light />
                <FacetFilter facet=Facet::Month />
                <button
                    class="button ghost"
                    disabled=move || c.filters.with(Filters::is_empty)
                    on:click=move |_| c.update_view(|v| v.filters = Filters::default())
                >
                    {t.clear_filters}
                </button>
            </div>
            <div class="filter-row secondary">
                <p class="result-count" role="status" aria-live="polite" aria-atomic="true">{count}</p>
                <span class="spacer"></span>
                <label class="field inline">
                    <span class="field-label">{t.grouping}</span>
                    <select
                        aria-label=t.grouping
                        on:change=move |ev| {
                            if let Some(g) = Grouping::from_code(&event_target_value(&ev)) {
                                c.update_view(|v| v.grouping = g);
                            }
                        }
                    >
                        {move || {
                            let tt = t;
                            let current = grouping.get();
                            Grouping::ALL
                                .into_iter()
                                .map(|g| {
                                    let label = match g {
                                        Grouping::Category => tt.col_category,
                                        Grouping::LeadUnit => tt.col_lead_unit,
                                        Grouping::Leader => tt.col_city_leader,
                                        Grouping::None => tt.no_grouping,
                                    };
                                    view! { <option value=g.code() selected=g == current>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label class="field inline">
                    <span class="field-label">{t.sorting}</span>
                    <select
                        aria-label=t.sorting
                        on:change=move |ev| {
                            if let Some(s) = SortKey::from_code(&event_target_value(&ev)) {
                                c.update_view(|v| v.sort = s);
                            }
                        }
                    >
                        {move || {
                            let tt = t;
                            let current = sort.get();
                            SortKey::ALL
                                .into_iter()
                                .map(|s| {
                                    let label = match s {
                                        SortKey::Official => tt.sort_official,
                                        SortKey::Due => tt.sort_due,
                                        SortKey::Name => tt.sort_name,
                                    };
                                    view! { <option value=s.code() selected=s == current>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            </div>
        </div>
    }
}
