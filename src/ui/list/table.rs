//! The list as the official table: grouped (by category by default), collapsible groups, one row per
//! project with its status cell and every field of the document.

use super::super::shared::{change_at, change_mark_html, first_frame_painted, live_markup, project_href, status_cell_html};
use super::{open_row_link, refresh_row_href};
use crate::domain::markup::Markup;
use crate::markup;
use wasm_bindgen::JsCast;
use super::super::state::ctx;
use crate::domain::query::{group_label, group_rows, Group, Grouping};
use leptos::prelude::*;

/// The least height of a row of the table (one line of text and its padding), in CSS pixels.
const MIN_ROW_HEIGHT: f64 = 40.0;

/// The list as the official table, every row in the DOM.
#[component]
pub fn FullList() -> impl IntoView {
    let c = ctx();
    let collapsed = RwSignal::new(Vec::<String>::new());
    let arrangement = Memo::new(move |_| c.view.with(|v| (v.grouping, v.sort)));
    let groups = Memo::new(move |_| {
        let plan = c.plan.get();
        let (grouping, sort) = arrangement.get();
        c.rows.with(|rows| group_rows(&plan, rows, grouping, sort))
    });
    // Keyed by group and by project: typing a search only adds and removes rows.
    let keys = Memo::new(move |_| groups.with(|gs| gs.iter().map(|g| g.key.clone()).collect::<Vec<_>>()));
    // The first frame builds only the rows that can fit the first screen (a row is at least
    // `MIN_ROW_HEIGHT` tall); the others follow once it is painted.
    let painted = first_frame_painted();
    let first_screen = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).map_or(20, |h| (h / MIN_ROW_HEIGHT).ceil() as usize);
    // How many rows the first frame may hold; `None` once it is painted (every row).
    let budget = Memo::new(move |_| (!painted.get()).then_some(first_screen));
    view! {
        <section class="list-view" on:click=open_row_link on:pointerover=refresh_row_href on:pointerdown=refresh_row_href on:focusin=refresh_row_href>
            <Show
                when=move || !keys.with(Vec::is_empty)
                fallback=move || view! { <div class="empty-state"><p>{c.lang.get_untracked().t().no_match}</p></div> }
            >
                <For
                    each=move || keys.get()
                    key=|k| k.clone()
                    children=move |key| {
                        let grouping = arrangement.get_untracked().0;
                        view! { <GroupSection group_key=key groups grouping collapsed budget /> }
                    }
                />
            </Show>
        </section>
    }
}

#[component]
fn GroupSection(group_key: String, groups: Memo<Vec<Group>>, grouping: Grouping, collapsed: RwSignal<Vec<String>>, budget: Memo<Option<usize>>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let group = groups.with_untracked(|gs| gs.iter().find(|g| g.key == group_key).cloned()).unwrap_or(Group {
        key: group_key.clone(),
        label: String::new(),
        no: None,
        rows: Vec::new(),
    });
    let k1 = group_key.clone();
    let rows = Memo::new(move |_| groups.with(|gs| gs.iter().find(|g| g.key == k1).map(|g| g.rows.clone()).unwrap_or_default()));
    // The rows built: all of them, or what the first frame's budget leaves after the groups above.
    let k2 = group_key.clone();
    let shown = Memo::new(move |_| {
        let mut shown = rows.get();
        if let Some(budget) = budget.get() {
            let above: usize = groups.with(|gs| gs.iter().take_while(|g| g.key != k2).map(|g| g.rows.len()).sum());
            shown.truncate(budget.saturating_sub(above));
        }
        shown
    });
    let key = group.key.clone();
    let key2 = key.clone();
    let is_open = Signal::derive(move || !collapsed.with(|cs| cs.contains(&key)));
    let heading_id = format!("group-{}", crate::domain::hash::short_hash(&group.key, 8));
    let labelled_by = heading_id.clone();
    let body_id = format!("{heading_id}-body");
    let controls = body_id.clone();
    let label = c.plan.with_untracked(|p| group_label(p, &group));
    let show_heading = grouping != Grouping::None;
    view! {
        <section class="category-group" aria-labelledby=labelled_by>
            <h2 id=heading_id class="category-heading" class:hidden-heading=!show_heading>
                <button
                    class="group-toggle"
                    aria-expanded=move || is_open.get().to_string()
                    aria-controls=controls
                    on:click=move |_| {
                        let k = key2.clone();
                        collapsed.update(|cs| {
                            if let Some(i) = cs.iter().position(|x| *x == k) {
                                cs.remove(i);
                            } else {
                                cs.push(k);
                            }
                        })
                    }
                >
                    <span class="caret" aria-hidden="true">{move || if is_open.get() { "▾" } else { "▸" }}</span>
                    {group.no.map(|n| view! { <span class="category-no">{n}</span> })}
                    <span class="category-name">{if show_heading { label } else { t.all_projects.to_string() }}</span>
                    <span class="category-count">{move || (t.projects_count)(rows.with(Vec::len))}</span>
                </button>
            </h2>
            <div id=body_id hidden=move || !is_open.get()>
                <table class="project-table">
                    <thead>
                        <tr>
                            <th scope="col" class="col-seq">{t.col_seq}</th>
                            <th scope="col" class="col-name">{t.col_name}</th>
                            <th scope="col" class="col-status">{t.status}</th>
                            <th scope="col" class="col-change">{t.col_change}</th>
                            <th scope="col" class="col-leader">{t.col_city_leader}</th>
                            <th scope="col" class="col-lead">{t.col_lead_unit}</th>
                            <th scope="col" class="col-co">{t.col_co_units}</th>
                            <th scope="col" class="col-due">{t.col_due}</th>
                            <th scope="col" class="col-plan">{t.col_plan}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || shown.get() key=|i| *i children=move |i| view! { <ProjectRow index=i /> } />
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// A project's row: its cells written as one text (escaped) and put on the page in one step, again
/// when its status, its 较上期 mark or the language change; the section's listener opens the project.
/// Focus on the row's link survives a rewrite.
#[component]
fn ProjectRow(index: usize) -> impl IntoView {
    let c = ctx();
    // The cells that never change, written once: the name's cell and the document's fields.
    let (id, seq, name, warned, rest) = c.plan.with_untracked(|plan| {
        let p = &plan.projects[index];
        let rest = markup!(
            r#"<td class="col-leader">{leader}</td><td class="col-lead"><div class="lead-unit">{lead}</div><div class="muted">{lead_leader}</div></td><td class="col-co">{co}</td><td class="col-due">{due}</td><td class="col-plan">{plan}</td>"#,
            leader = p.city_leader,
            lead = p.lead_unit,
            lead_leader = p.lead_unit_leader,
            co = p.co_units_text,
            due = p.due_text,
            plan = p.plan_text,
        );
        (p.id.clone(), p.seq, Markup::text(&p.name), !p.warnings.is_empty(), rest)
    });
    let row = NodeRef::<leptos::html::Tr>::new();
    let href_id = id.clone();
    let cells = move || {
        let lang = c.lang.get();
        let status = c.present.with(|s| s.try_get(index).map(|s| status_cell_html(s, lang))).unwrap_or_default();
        let warn = if warned { markup!(r#"<span class="warn-mark" title="{title}">!</span>"#, title = lang.t().has_warnings) } else { Markup::default() };
        // A rewrite replaces the link: if it had focus, the new one gets it (after the rewrite).
        if let Some(el) = row.get_untracked().filter(|el| has_focus_within(el)) {
            leptos::task::spawn_local(async move {
                if let Some(link) = el.query_selector(".project-link").ok().flatten().and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = link.focus();
                }
            });
        }
        markup!(
            r#"<td class="col-seq num">{seq}</td><th scope="row" class="col-name"><a href="{href}" class="project-link">{name}</a>{warn}</th><td class="col-status">{status}</td><td class="col-change">{change}</td>{rest}"#,
            seq = seq,
            // Written as the view is now; brought up to date when the link is used (`refresh_href`).
            href = untrack(|| project_href(c, &href_id)),
            name = name,
            warn = warn,
            status = status,
            change = change_mark_html(change_at(index), lang),
            rest = rest,
        )
    };
    view! { <tr class="project-row" data-project=id node_ref=row use:live_markup=cells></tr> }
}

fn has_focus_within(el: &web_sys::Element) -> bool {
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    active.is_some_and(|a| el.contains(Some(&a)))
}
