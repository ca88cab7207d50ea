//! The list for thousands of projects: fixed-height lines (group headings and projects, laid out by
//! `domain::query::lines` like the timeline's), only those in view are in the DOM.

use super::super::shared::{category_no_html, change_at, change_mark_html, first_frame_painted, follow_scroll_top, light_html, live_markup, marks_html, observed_height, project_href};
use super::{open_row_link, refresh_row_href};
use crate::domain::markup::Markup;
use crate::domain::svg::Num;
use crate::markup;
use super::super::state::ctx;
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
    // `.vlist` in style/list.css: height: calc(100vh - 250px); min-height: 360px.
    let height = observed_height(holder, 250.0, 360.0);
    // The first frame holds the lines of the first screen, with the height as estimated from the box's style:
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
                on:scroll=move |ev| follow_scroll_top(scroll_top, &ev)
            >
                <div class="vlist-inner" style:height=move || format!("{}px", Num(lines.with(Vec::len) as f64 * LINE_HEIGHT))>
                    <For each=move || window.get() key=|k| *k children=move |k| view! { <Slot k lines /> } />
                </div>
            </div>
        </section>
    }
}

/// Line `k` of the window. Its element stays while `k` is in view (it is built anew only when the line
/// turns from a group heading into a project or back); what it shows follows the lines (a search, a
/// sort), the statuses and the language, field by field: a search keystroke changes texts in place and
/// builds or removes no element.
#[component]
fn Slot(k: usize, lines: Memo<Vec<Line>>) -> impl IntoView {
    let top = format!("{}px", Num(k as f64 * LINE_HEIGHT));
    let is_row = Memo::new(move |_| lines.with(|ls| match ls.get(k) {
        Some(Line::Row(_)) => Some(true),
        Some(Line::Group { .. }) => Some(false),
        None => None,
    }));
    move || match is_row.get() {
        Some(true) => view! { <RowLine k lines top=top.clone() /> }.into_any(),
        Some(false) => view! { <GroupLine k lines top=top.clone() /> }.into_any(),
        None => ().into_any(),
    }
}

#[component]
fn GroupLine(k: usize, lines: Memo<Vec<Line>>, top: String) -> impl IntoView {
    let c = ctx();
    let html = Memo::new(move |_| {
        let lang = c.lang.get();
        match lines.with(|ls| ls.get(k).cloned()) {
            Some(Line::Group { label, no, count }) => markup!(
                r#"{no}<span class="category-name">{label}</span><span class="category-count">{count}</span>"#,
                no = category_no_html(no),
                label = label,
                count = (lang.t().projects_count)(count),
            ),
            _ => Markup::default(),
        }
    });
    view! { <div class="vline vgroup" style:top=top use:live_markup=move || html.get()></div> }
}

/// What a project's line shows.
#[derive(Clone, Debug, Default, PartialEq)]
struct RowFields {
    id: String,
    seq: u32,
    href: String,
    name: String,
    reason: String,
    lead_unit: String,
    city_leader: String,
    due: String,
}

/// A project's line: its number, name (a link), first reason, light and 较上期 mark, and the fields of
/// the document; the list's listeners open the project and keep the link's address current.
#[component]
fn RowLine(k: usize, lines: Memo<Vec<Line>>, top: String) -> impl IntoView {
    let c = ctx();
    let project = Memo::new(move |_| lines.with(|ls| match ls.get(k) {
        Some(Line::Row(RowRef { project, .. })) => Some(*project),
        _ => None,
    }));
    let fields = Memo::new(move |_| {
        let Some(i) = project.get() else { return RowFields::default() };
        c.plan.with_untracked(|plan| {
            let p = &plan.projects[i];
            RowFields {
                id: p.id.clone(),
                seq: p.seq,
                // Written as the view is now; brought up to date when the link is used (`refresh_href`).
                href: untrack(|| project_href(c, &p.id)),
                name: p.name.clone(),
                reason: c.present.with(|s| s.try_get(i).and_then(|s| s.reasons.first().map(|r| reason(r, c.lang.get()))).unwrap_or_default()),
                lead_unit: p.lead_unit.to_string(),
                city_leader: p.city_leader.to_string(),
                due: p.due_text.to_string(),
            }
        })
    });
    // The light and the 较上期 mark, written as one text when they change.
    let status = Memo::new(move |_| {
        let Some(i) = project.get() else { return Markup::default() };
        let lang = c.lang.get();
        let (light, marks) = c.present.with(|s| s.try_get(i).map(|s| (light_html(s.light, s.overdue, lang), marks_html(s.marks, lang))).unwrap_or_default());
        markup!(r#"{light}{marks} <span class="change-cell">{change}</span>"#, light = light, marks = marks, change = change_mark_html(change_at(i), lang))
    });
    let text = move |f: fn(&RowFields) -> &String| move || fields.with(|x| f(x).clone());
    view! {
        <div class="vline vrow" data-project=text(|f| &f.id) style:top=top>
            <span class="num vseq">{move || fields.with(|f| f.seq)}</span>
            <div class="vname">
                <a href=text(|f| &f.href) class="project-link">{text(|f| &f.name)}</a>
                <p class="reason">{text(|f| &f.reason)}</p>
            </div>
            <div class="vstatus" use:live_markup=move || status.get()></div>
            <div class="vunit">{text(|f| &f.lead_unit)}<div class="muted">{text(|f| &f.city_leader)}</div></div>
            <div class="vdue">{text(|f| &f.due)}</div>
        </div>
    }
}
