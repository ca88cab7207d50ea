//! 甘特图: one row per project (per indicator when expanded), grouped and filtered like the list, with
//! a frozen left column, the axis, the span to 预计完成时间, reported progress as a fill, milestone
//! markers by state and the report-date line. Rows outside the viewport are not in the DOM.
//! Geometry is `domain::timeline`; the pieces are `axis` (header, legend), `row`, `keys` (keyboard)
//! and `export` (SVG/PNG).

mod axis;
mod export;
mod keys;
mod row;

use super::shared::{first_frame_painted, follow_scroll_top, live_markup, observed_height, printing};
use super::state::{ctx, keyed_window};
use crate::domain::query::{group_rows, lines, Grouping, Line};
use crate::domain::markup::Markup;
use crate::domain::svg::Num;
use crate::markup;
use crate::domain::timeline::{axis_svg, mode, row_completion, row_geometry, add_ghosts, visible_rows, Scale, ROW_HEIGHT};
use crate::domain::view_state::Zoom;
use axis::Legend;
use keys::Navigator;
use leptos::html;
use leptos::prelude::*;
use row::{GroupRow, TimelineRow};

const LEFT_WIDTH: f64 = 360.0;
/// Room right of the year's end, so a milestone due on 31 December shows whole, with its label.
const RIGHT_MARGIN: f64 = 28.0;
pub(crate) const HEAD_HEIGHT: f64 = 56.0;
/// Rows up to this many are all rendered (and printed); beyond it, only the visible window. Either way
/// the first frame builds only the lines that fit the window: the others follow once it is painted.
const FULL_RENDER_LIMIT: usize = 200;

/// A marker's tooltip, placed at the pointer or beside the focused marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Tip {
    x: f64,
    y: f64,
    title: String,
    lines: Vec<String>,
}

#[component]
pub fn TimelineView() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let zoom = Memo::new(move |_| c.view.with(|v| v.zoom));
    let scale = Memo::new(move |_| Scale::new(&c.plan.get(), mode(zoom.get())));
    let expanded = RwSignal::new(Vec::<String>::new());
    let arrangement = Memo::new(move |_| c.view.with(|v| (v.grouping, v.sort)));
    let all_lines = Memo::new(move |_| {
        let plan = c.plan.get();
        let (grouping, sort) = arrangement.get();
        let groups = c.rows.with(|rows| group_rows(&plan, rows, grouping, sort));
        lines(&plan, &groups, grouping != Grouping::None, &expanded.get())
    });
    let project_count = Memo::new(move |_| c.rows.with(|r| r.len()));
    let scroll_top = RwSignal::new(0.0f64);
    let printing = printing();
    let tip = RwSignal::new(None::<Tip>);
    let scroller = NodeRef::<html::Div>::new();
    let nav = Navigator { lines: all_lines, focused: RwSignal::new(0usize), scroller };
    nav.keep_focus_on_a_row();
    let markers = row::Markers { lines: all_lines, tip };
    let row_events = row::RowEvents { lines: all_lines, focused: nav.focused, expanded };
    row_events.roving_tab_stop();
    // `.tl-scroll` in style/timeline.css: max-height: calc(100vh - 260px); min-height: 320px.
    let viewport = observed_height(scroller, 260.0, 320.0);
    let painted = first_frame_painted();

    let window = Memo::new(move |_| {
        let total = all_lines.with(Vec::len);
        let top = (scroll_top.get() - HEAD_HEIGHT).max(0.0);
        if printing.get() {
            0..total
        } else if !painted.get() {
            // The rows' height as estimated from the box's style, less its sticky header: the
            // observer's exact one arrives between layout and paint, and acting on it then would lay
            // the first frame out twice.
            visible_rows(total, top, viewport.get_untracked() - HEAD_HEIGHT, 0)
        } else if total <= FULL_RENDER_LIMIT {
            0..total
        } else {
            visible_rows(total, top, viewport.get(), 8)
        }
    });
    let report_x = Memo::new(move |_| scale.get().x_end(c.report_date.get()));
    let today_x = Memo::new(move |_| {
        let s = scale.get();
        (c.today.year() == s.start.year()).then(|| s.x(c.today) + s.px_per_day / 2.0)
    });
    // Keyed by (generation, line): scrolling only builds the lines that come into view; a change of
    // data (a new generation) rebuilds the window.
    // Each is read, not only tracked: a memo tracked before it was ever computed counts its first
    // computation, made afterwards (the statuses, by the first rows built), as a change, and the lines
    // in view were built a second time before the first frame.
    let generation = Memo::new(move |prev: Option<&u64>| {
        all_lines.with(|_| ());
        c.present.with(|_| ());
        scale.with(|_| ());
        report_x.with(|_| ());
        c.lang.with(|_| ());
        prev.map_or(0, |p| p + 1)
    });
    let line_view = move |k: usize| {
        match all_lines.with_untracked(|ls| ls.get(k).cloned()) {
            Some(Line::Row(r)) => {
                let (plan, s, date) = (c.plan.get_untracked(), scale.get_untracked(), c.report_date.get_untracked());
                let status = c.present.with_untracked(|st| st.get(r.project).clone());
                let completion = c.ledger_view.with_untracked(|v| row_completion(&plan, &r, &status, v, date));
                let mut geometry = row_geometry(&plan, &r, &status, completion, &s, c.lang.get_untracked());
                if status.marks.moved {
                    c.baseline.with_untracked(|b| {
                        if let (Some(was), Some(now)) = (b.projects.get(r.project), plan.projects.get(r.project)) {
                            add_ghosts(&mut geometry, was, now, &s);
                        }
                    });
                }
                let (rx, tx) = (report_x.get_untracked(), today_x.get_untracked());
                let open = expanded.with_untracked(|e| plan.projects.get(r.project).is_some_and(|p| e.contains(&p.id)));
                let focused = nav.focused.get_untracked();
                view! { <TimelineRow k row=r geometry status width=s.width() + RIGHT_MARGIN rx tx focused open /> }.into_any()
            }
            Some(Line::Group { label, no, count }) => view! { <GroupRow k label no count /> }.into_any(),
            None => ().into_any(),
        }
    };

    view! {
        <section class="timeline-view" aria-labelledby="tl-title">
            <div class="panel row tl-toolbar no-print">
                <h2 id="tl-title" class="view-title">{t.view_timeline}</h2>
                <label class="field inline">
                    <span class="field-label">{t.zoom}</span>
                    <select aria-label=t.zoom on:change=move |ev| {
                        if let Some(z) = Zoom::from_code(&event_target_value(&ev)) {
                            c.update_view(|v| v.zoom = z);
                        }
                    }>
                        {move || {
                            let current = zoom.get();
                            Zoom::ALL.into_iter().map(|z| {
                                let label = match z { Zoom::Year => t.zoom_year, Zoom::Quarter => t.zoom_quarter, Zoom::Month => t.zoom_month };
                                view! { <option value=z.code() selected=z == current>{label}</option> }
                            }).collect_view()
                        }}
                    </select>
                </label>
                <Legend />
                <span class="grow"></span>
                <button class="button small" on:click=move |_| all_lines.with_untracked(|ls| export::export(c, ls, &scale.get_untracked(), false))>{t.download_svg}</button>
                <button class="button small" on:click=move |_| all_lines.with_untracked(|ls| export::export(c, ls, &scale.get_untracked(), true))>{t.download_png}</button>
                <button class="button small" on:click=move |_| if let Some(w) = web_sys::window() { let _ = w.print(); }>{t.print}</button>
            </div>
            <p class="muted tl-count" role="status">
                {move || (t.timeline_rows)(project_count.get(), &c.report_date.get().to_string())}
            </p>
            <div
                class="tl-scroll"
                node_ref=scroller
                on:scroll=move |ev| {
                    follow_scroll_top(scroll_top, &ev);
                    if tip.with_untracked(Option::is_some) {
                        tip.set(None);
                    }
                }
                on:keydown=move |ev| if !markers.enter(&ev) { nav.on_key(ev) }
                on:mouseover=move |ev| markers.over(ev)
                on:mouseout=move |ev| markers.out(ev)
                on:click=move |ev| row_events.click(ev)
                on:pointerover=move |ev| row_events.refresh_href(&ev)
                on:pointerdown=move |ev| row_events.refresh_href(&ev)
                on:focusin=move |ev| {
                    row_events.refresh_href(&ev);
                    row_events.focus_in(&ev);
                    markers.focus_in(ev);
                }
                on:focusout=move |ev| markers.focus_out(ev)
            >
                <table class="tl-table" style:width=move || format!("{}px", Num(LEFT_WIDTH + scale.get().width() + RIGHT_MARGIN))>
                    <thead>
                        <tr>
                            <th class="tl-left tl-head-left" scope="col">{t.col_seq}" · "{t.col_name}" · "{t.col_lead_unit}</th>
                            <th class="tl-head" scope="col" use:live_markup=move || {
                                let lang = c.lang.get();
                                let s = scale.get();
                                let axis = axis_svg(&s, lang, s.width() + RIGHT_MARGIN, HEAD_HEIGHT, report_x.get(), today_x.get());
                                markup!(r#"<span class="visually-hidden">{label}</span>{axis}"#, label = lang.t().timeline_axis, axis = Markup::from(axis))
                            }></th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr class="tl-spacer" aria-hidden="true"><td colspan="2" style:height=move || format!("{}px", Num(window.get().start as f64 * ROW_HEIGHT))></td></tr>
                        <For each=keyed_window(generation, window) key=|x| *x children=move |(_, k)| line_view(k) />
                        <tr class="tl-spacer" aria-hidden="true"><td colspan="2" style:height=move || format!("{}px", Num((all_lines.with(Vec::len) - window.get().end) as f64 * ROW_HEIGHT))></td></tr>
                    </tbody>
                </table>
            </div>
            {move || tip.get().map(|tp| view! {
                <div class="tl-tip" role="tooltip" id="tl-tip" style:left=format!("{}px", Num(tp.x)) style:top=format!("{}px", Num(tp.y))>
                    <strong>{tp.title}</strong>
                    {tp.lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                </div>
            })}
        </section>
    }
}
