//! The list for thousands of projects: fixed-height lines (group headings and projects, laid out by
//! `domain::query::lines` like the timeline's), only those in view are in the DOM.

use super::super::shared::{change_at, change_mark_html, first_frame_painted, light_html, live_markup, observed_height, project_href};
use super::{open_row_link, refresh_row_href};
use crate::domain::svg::xml_escape;
use super::super::state::{ctx, keyed_window};
use crate::domain::messages::reason;
use crate::domain::query::{group_rows, lines, Grouping, Line, RowRef};
use leptos::prelude::*;

/// Height of a line of the virtual list (group heading or project).
const LINE_HEIGHT: f64 = 76.0;

/// The list for thousands of projects: fixed-height lines, only those in view are in the DOM.
#[component]
pub fn VirtualList() -> impl IntoView {
    let c = ctx();
    let arrangement = Memo::new(move |_| c.view.with(|v| (v.grouping, v.sort)));
    let lines = Memo::new(move |_| {
        let plan = c.plan.get();
        let (grouping, sort) = arrangement.get();
        let groups = c.rows.with(|rows| group_rows(&plan, rows, grouping, sort));
        lines(&plan, &groups, grouping != Grouping::None, &[])
    });
    let scroll_top = RwSignal::new(0.0f64);
    let holder = NodeRef::<leptos::html::Div>::new();
    let height = observed_height(holder);
    let generation = Memo::new(move |prev: Option<&u64>| {
        lines.track();
        c.present.track();
        prev.map_or(0, |p| p + 1)
    });
    // The first frame holds the lines of the first screen, with the height as estimated (the window's):
    // the observer's exact one arrives between layout and paint, and acting on it then would lay the
    // first frame out twice. Once it is painted, the exact height and some lines either side.
    let painted = first_frame_painted();
    let window = Memo::new(move |_| {
        let total = lines.with(Vec::len);
        if painted.get() {
            crate::domain::timeline::window(total, LINE_HEIGHT, scroll_top.get(), height.get(), 6)
        } else {
            crate::domain::timeline::window(total, LINE_HEIGHT, scroll_top.get(), height.get_untracked(), 0)
        }
    });
    view! {
        <section class="list-view" on:click=open_row_link on:pointerover=refresh_row_href on:pointerdown=refresh_row_href on:focusin=refresh_row_href>
            <div
                class="vlist"
                node_ref=holder
                on:scroll=move |ev| {
                    let el: web_sys::HtmlElement = event_target(&ev);
                    scroll_top.set(f64::from(el.scroll_top()));
                }
            >
                <div class="vlist-inner" style:height=move || format!("{}px", lines.with(Vec::len) as f64 * LINE_HEIGHT)>
                    <For
                        each=keyed_window(generation, window)
                        key=|x| *x
                        children=move |(_, k)| {
                            let lang = c.lang.get_untracked();
                            let top = k as f64 * LINE_HEIGHT;
                            match lines.with_untracked(|ls| ls.get(k).cloned()) {
                                Some(Line::Group { label, no, count }) => view! {
                                    <div class="vline vgroup" style:top=format!("{top}px")>
                                        {no.map(|n| view! { <span class="category-no">{n}</span> })}
                                        <span class="category-name">{label}</span>
                                        <span class="category-count">{(lang.t().projects_count)(count)}</span>
                                    </div>
                                }
                                .into_any(),
                                Some(Line::Row(RowRef { project, .. })) => view! { <VirtualRow index=project top /> }.into_any(),
                                None => ().into_any(),
                            }
                        }
                    />
                </div>
            </div>
        </section>
    }
}

/// A project's line: written as one text (escaped), again when its status, its 较上期 mark or the
/// language change; the list's listeners open the project and keep the link's address current.
#[component]
fn VirtualRow(index: usize, top: f64) -> impl IntoView {
    let c = ctx();
    // What never changes, written once: the number, the name's link and the document's fields.
    let (id, seq, name, rest) = c.plan.with_untracked(|plan| {
        let p = &plan.projects[index];
        let e = |s: &str| xml_escape(s);
        let rest = format!(
            r#"<div class="vunit">{lead}<div class="muted">{leader}</div></div><div class="vdue">{due}</div>"#,
            lead = e(&p.lead_unit),
            leader = e(&p.city_leader),
            due = e(&p.due_text),
        );
        (p.id.clone(), p.seq, e(&p.name), rest)
    });
    // Written as the view is now; brought up to date when the link is used (`refresh_href`).
    let href = xml_escape(&untrack(|| project_href(c, &id)));
    let cells = move || {
        let lang = c.lang.get();
        let (reason_text, light) = c.present.with(|s| {
            s.try_get(index).map(|s| (s.reasons.first().map(|r| xml_escape(&reason(r, lang))).unwrap_or_default(), light_html(s.light, s.overdue, lang))).unwrap_or_default()
        });
        format!(
            r#"<span class="num vseq">{seq}</span><div class="vname"><a href="{href}" class="project-link">{name}</a><p class="reason">{reason_text}</p></div><div class="vstatus">{light} <span class="change-cell">{change}</span></div>{rest}"#,
            change = change_mark_html(change_at(index), lang),
        )
    };
    view! { <div class="vline vrow" data-project=id style:top=format!("{top}px") use:live_markup=cells></div> }
}
