//! The list for thousands of projects: fixed-height lines (group headings and projects, laid out by
//! `domain::query::lines` like the timeline's), only those in view are in the DOM.

use super::super::shared::{change_at, change_mark_html, first_frame_painted, light_html, live_markup, observed_height, project_href};
use super::{open_row_link, refresh_row_href};
use crate::domain::svg::{xml_escape, Num};
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
    let height = observed_height(holder);
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
                <div class="vlist-inner" style:height=move || format!("{}px", Num(lines.with(Vec::len) as f64 * LINE_HEIGHT))>
                    <For each=move || window.get() key=|k| *k children=move |k| view! { <Slot k lines /> } />
                </div>
            </div>
        </section>
    }
}

/// What a line of the window shows, as the page writes it: its class, its project and its content.
#[derive(Clone, Debug, Default, PartialEq)]
struct LineText {
    class: &'static str,
    project: Option<String>,
    html: String,
}

/// Line `k` of the window. The line's element stays while `k` is in view; what it shows follows the
/// lines (a search, a sort), the statuses and the language, and is written again only when its text
/// changes: a keystroke rewrites the lines whose project changed and builds or removes no element.
#[component]
fn Slot(k: usize, lines: Memo<Vec<Line>>) -> impl IntoView {
    let c = ctx();
    let text = Memo::new(move |_| {
        let lang = c.lang.get();
        match lines.with(|ls| ls.get(k).cloned()) {
            Some(Line::Group { label, no, count }) => LineText {
                class: "vline vgroup",
                project: None,
                html: format!(
                    r#"{no}<span class="category-name">{}</span><span class="category-count">{}</span>"#,
                    xml_escape(&label),
                    xml_escape(&(lang.t().projects_count)(count)),
                    no = no.map(|n| format!(r#"<span class="category-no">{n}</span>"#)).unwrap_or_default(),
                ),
            },
            Some(Line::Row(RowRef { project, .. })) => row_text(project, lang),
            None => LineText::default(),
        }
    });
    let top = format!("{}px", Num(k as f64 * LINE_HEIGHT));
    view! {
        <div
            class=move || text.with(|t| t.class)
            data-project=move || text.with(|t| t.project.clone())
            style:top=top
            use:live_markup=move || text.with(|t| t.html.clone())
        ></div>
    }
}

/// A project's line: its number, name (a link), first reason, light and 较上期 mark, and the fields of
/// the document; the list's listeners open the project and keep the link's address current.
fn row_text(index: usize, lang: crate::i18n::Lang) -> LineText {
    let c = ctx();
    let e = |s: &str| xml_escape(s);
    let (id, html) = c.plan.with_untracked(|plan| {
        let p = &plan.projects[index];
        // Written as the view is now; brought up to date when the link is used (`refresh_href`).
        let href = e(&untrack(|| project_href(c, &p.id)));
        let (reason_text, light) = c.present.with(|s| {
            s.try_get(index).map(|s| (s.reasons.first().map(|r| e(&reason(r, lang))).unwrap_or_default(), light_html(s.light, s.overdue, lang))).unwrap_or_default()
        });
        let html = format!(
            r#"<span class="num vseq">{seq}</span><div class="vname"><a href="{href}" class="project-link">{name}</a><p class="reason">{reason_text}</p></div><div class="vstatus">{light} <span class="change-cell">{change}</span></div><div class="vunit">{lead}<div class="muted">{leader}</div></div><div class="vdue">{due}</div>"#,
            seq = p.seq,
            name = e(&p.name),
            change = change_mark_html(change_at(index), lang),
            lead = e(&p.lead_unit),
            leader = e(&p.city_leader),
            due = e(&p.due_text),
        );
        (p.id.clone(), html)
    });
    LineText { class: "vline vrow", project: Some(id), html }
}
