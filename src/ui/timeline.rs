//! 甘特图: one row per project (per indicator when expanded), grouped and filtered like the list, with
//! a frozen left column, month/quarter header, the span to 预计完成时间, reported progress as a fill,
//! milestone markers by state and the report-date line. Rows outside the viewport are not in the DOM.
//! Geometry is `domain::timeline`; this view draws it in fixed layers.

use super::download::{download_svg_as_png, download_text};
use super::light::StatusLight;
use super::list::{open_on_click, project_href};
use super::state::{ctx, keyed_window, Ctx};
use crate::domain::messages::{amount, milestone_state, requirement, when};
use crate::domain::query::{group_rows, Grouping};
use crate::domain::timeline::{
    lines, mode, month_ticks, quarter_ticks, row_geometry, state_class, to_svg, visible_rows, ExportRow, Line, RowGeometry,
    RowRef, Scale, ROW_HEIGHT,
};
use crate::domain::view_state::Zoom;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const LEFT_WIDTH: f64 = 360.0;
const HEAD_HEIGHT: f64 = 56.0;
/// Rows up to this many are all rendered (and printed); beyond it, only the visible window.
const FULL_RENDER_LIMIT: usize = 200;

#[derive(Clone, Debug, PartialEq)]
struct Tip {
    x: f64,
    y: f64,
    title: String,
    lines: Vec<String>,
}

/// Completion of a row: the project's, or one indicator's value against its target.
fn row_completion(c: Ctx, row: &RowRef) -> f64 {
    let plan = c.plan.get_untracked();
    let p = &plan.projects[row.project];
    match row.indicator {
        None => c.statuses.with_untracked(|s| s[row.project].completion),
        Some(k) => {
            let ind = &p.indicators[k];
            let value = c.ledger_view.with_untracked(|v| v.value_at(&p.id, &ind.id, c.report_date.get_untracked()));
            match (value, ind.target) {
                (Some(v), Some(t)) if t > 0.0 => (v / t).clamp(0.0, 1.0),
                _ => 0.0,
            }
        }
    }
}

fn light_hex(light: crate::domain::status::Light) -> &'static str {
    use crate::domain::status::Light as L;
    match light {
        L::Done => "#1f5fbf",
        L::OnTrack => "#1a7f4b",
        L::Behind => "#c98a00",
        L::Serious => "#c0262d",
        L::NotReported => "#7b8494",
    }
}

#[component]
pub fn TimelineView() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let zoom = Memo::new(move |_| c.view.with(|v| v.zoom));
    let scale = Memo::new(move |_| Scale::new(&c.plan.get(), mode(zoom.get())));
    let expanded = RwSignal::new(Vec::<String>::new());
    let arrangement = Memo::new(move |_| c.view.with(|v| (v.grouping, v.sort)));
    let groups = Memo::new(move |_| {
        let plan = c.plan.get();
        let (g, s) = arrangement.get();
        c.rows.with(|rows| group_rows(&plan, rows, g, s))
    });
    let all_rows = Memo::new(move |_| {
        let grouped = arrangement.get().0 != Grouping::None;
        c.plan.with(|p| lines(p, &groups.get(), grouped, &expanded.get()))
    });
    let project_count = Memo::new(move |_| c.rows.with(|r| r.len()));
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(600.0f64);
    let printing = RwSignal::new(false);
    let focused = RwSignal::new(0usize);
    // The row that takes Tab focus must be a row (not a heading) that exists: the first one otherwise.
    Effect::new(move |_| {
        let k = focused.get();
        let fix = all_rows.with(|ls| {
            (!matches!(ls.get(k), Some(Line::Row(_)))).then(|| ls.iter().position(|l| matches!(l, Line::Row(_)))).flatten()
        });
        if let Some(first) = fix {
            focused.set(first);
        }
    });
    let tip = RwSignal::new(None::<Tip>);
    let scroller = NodeRef::<html::Div>::new();

    let before = window_event_listener_untyped("beforeprint", move |_| printing.set(true));
    let after = window_event_listener_untyped("afterprint", move |_| printing.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            viewport.set(f64::from(el.client_height()));
        }
    });

    let window = Memo::new(move |_| {
        let total = all_rows.with(Vec::len);
        if printing.get() || total <= FULL_RENDER_LIMIT {
            0..total
        } else {
            let top = (scroll_top.get() - HEAD_HEIGHT).max(0.0);
            visible_rows(total, top, viewport.get(), 8)
        }
    });
    let report_x = Memo::new(move |_| scale.get().x_end(c.report_date.get()));
    let generation = Memo::new(move |prev: Option<&u64>| {
        all_rows.track();
        c.statuses.track();
        scale.track();
        report_x.track();
        c.lang.track();
        prev.map_or(0, |p| p + 1)
    });
    let today_x = Memo::new(move |_| {
        let s = scale.get();
        (c.today.year() == s.start.year()).then(|| s.x(c.today) + s.px_per_day / 2.0)
    });

    // Moves focus to the row at `k`, or the nearest row in direction `step` when `k` is a heading.
    let focus_line = move |k: usize, step: isize| {
        let total = all_rows.with_untracked(Vec::len);
        if total == 0 {
            return;
        }
        let mut k = k.min(total - 1);
        let is_row = |i: usize| all_rows.with_untracked(|ls| matches!(ls.get(i), Some(Line::Row(_))));
        while !is_row(k) {
            let next = k as isize + if step == 0 { 1 } else { step };
            if next < 0 || next as usize >= total {
                return;
            }
            k = next as usize;
        }
        focused.set(k);
        if let Some(el) = scroller.get_untracked() {
            let top = k as f64 * ROW_HEIGHT;
            let view_top = f64::from(el.scroll_top());
            let view_h = f64::from(el.client_height()) - HEAD_HEIGHT;
            if top < view_top {
                el.set_scroll_top(top as i32);
            } else if top + ROW_HEIGHT > view_top + view_h {
                el.set_scroll_top((top + ROW_HEIGHT - view_h) as i32);
            }
        }
        // Focus after the window has re-rendered the row.
        let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(&format!("[data-tl-row=\"{k}\"] .tl-name")).ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(cb.unchecked_ref());
        }
    };

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let k = focused.get_untracked();
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                focus_line(k + 1, 1);
            }
            "ArrowUp" => {
                ev.prevent_default();
                if k > 0 {
                    focus_line(k - 1, -1);
                }
            }
            "Home" if ev.ctrl_key() => {
                ev.prevent_default();
                focus_line(0, 1);
            }
            "End" if ev.ctrl_key() => {
                ev.prevent_default();
                focus_line(usize::MAX, -1);
            }
            "ArrowRight" | "ArrowLeft" => {
                // Move among the markers of the focused row.
                let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
                let Ok(list) = doc.query_selector_all(&format!("[data-tl-row=\"{k}\"] .tl-marker")) else { return };
                let n = list.length();
                if n == 0 {
                    return;
                }
                ev.prevent_default();
                let active = doc.active_element();
                let current = (0..n).find(|i| list.get(*i).and_then(|x| x.dyn_into::<web_sys::Element>().ok()) == active);
                let next = match (ev.key().as_str(), current) {
                    ("ArrowRight", None) => 0,
                    ("ArrowRight", Some(i)) => (i + 1).min(n - 1),
                    ("ArrowLeft", None) | ("ArrowLeft", Some(0)) => {
                        focus_line(k, 0);
                        return;
                    }
                    (_, Some(i)) => i - 1,
                    _ => 0,
                };
                if let Some(el) = list.get(next).and_then(|x| x.dyn_into::<web_sys::SvgElement>().ok()) {
                    let _ = el.focus();
                }
            }
            _ => {}
        }
    };

    let export = move |png: bool| {
        let plan = c.plan.get_untracked();
        let lang = c.lang.get_untracked();
        let s = scale.get_untracked();
        let rows: Vec<ExportRow> = all_rows.get_untracked().iter().filter_map(|l| match l { Line::Row(r) => Some(r.clone()), Line::Group { .. } => None }).map(|r| {
            let p = &plan.projects[r.project];
            let status = c.statuses.with_untracked(|st| st[r.project].clone());
            let g = row_geometry(&plan, &r, &status, row_completion(c, &r), &s, lang);
            ExportRow {
                seq: if r.indicator.is_some() { String::new() } else { p.seq.to_string() },
                name: match r.indicator { None => p.name.clone(), Some(k) => format!("· {}", p.indicators[k].name) },
                unit: p.lead_unit.clone(),
                light_symbol: status.light.symbol(),
                light_color: light_hex(status.light),
                geometry: g,
            }
        }).collect();
        let title = format!("{} · {} · {}", plan.title, lang.t().view_timeline, c.report_date.get_untracked());
        let svg = to_svg(&title, &s, &rows, c.report_date.get_untracked(), lang);
        let name = format!("timeline-{}", c.report_date.get_untracked());
        if png {
            let w = (380.0 + s.width() + 20.0) as u32;
            let h = (80.0 + ROW_HEIGHT * rows.len() as f64 + 20.0) as u32;
            download_svg_as_png(&format!("{name}.png"), &svg, w, h);
        } else {
            download_text(&format!("{name}.svg"), "image/svg+xml", &svg);
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
                            let tt = t;
                            let current = zoom.get();
                            Zoom::ALL.into_iter().map(|z| {
                                let label = match z { Zoom::Year => tt.zoom_year, Zoom::Quarter => tt.zoom_quarter, Zoom::Month => tt.zoom_month };
                                view! { <option value=z.code() selected=z == current>{label}</option> }
                            }).collect_view()
                        }}
                    </select>
                </label>
                <Legend />
                <span class="grow"></span>
                <button class="button small" on:click=move |_| export(false)>{t.download_svg}</button>
                <button class="button small" on:click=move |_| export(true)>{t.download_png}</button>
                <button class="button small" on:click=move |_| if let Some(w) = web_sys::window() { let _ = w.print(); }>{t.print}</button>
            </div>
            <p class="muted tl-count" role="status">
                {move || crate::i18n::fill(t.timeline_rows, &[("n", &project_count.get().to_string()), ("d", &c.report_date.get().to_string())])}
            </p>
            <div
                class="tl-scroll"
                node_ref=scroller
                on:scroll=move |ev| {
                    let el: web_sys::HtmlElement = event_target(&ev);
                    scroll_top.set(f64::from(el.scroll_top()));
                    viewport.set(f64::from(el.client_height()));
                    tip.set(None);
                }
                on:keydown=on_key
            >
                <table class="tl-table" style:width=move || format!("{}px", LEFT_WIDTH + scale.get().width())>
                    <thead>
                        <tr>
                            <th class="tl-left tl-head-left" scope="col">{t.col_seq}" · "{t.col_name}" · "{t.col_lead_unit}</th>
                            <th class="tl-head" scope="col">
                                <span class="visually-hidden">{t.timeline_axis}</span>
                                <Header scale report_x today_x />
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr class="tl-spacer" aria-hidden="true"><td colspan="2" style:height=move || format!("{}px", window.get().start as f64 * ROW_HEIGHT)></td></tr>
                        // Keyed by (generation, line): scrolling only builds the lines that come into
                        // view; a change of data (a new generation) rebuilds the window.
                        <For
                            each=keyed_window(generation, window)
                            key=|x| *x
                            children=move |(_, k)| {
                                let lang = c.lang.get_untracked();
                                let s = scale.get_untracked();
                                let plan = c.plan.get_untracked();
                                let rx = report_x.get_untracked();
                                let tx = today_x.get_untracked();
                                match all_rows.with_untracked(|ls| ls.get(k).cloned()) {
                                    Some(Line::Row(r)) => {
                                        let status = c.statuses.with_untracked(|st| st[r.project].clone());
                                        let g = row_geometry(&plan, &r, &status, row_completion(c, &r), &s, lang);
                                        view! { <TimelineRow k row=r geometry=g status width=s.width() rx tx focused expanded tip /> }.into_any()
                                    }
                                    Some(Line::Group { label, no, count }) => view! {
                                        <tr class="tl-group" data-tl-row=k.to_string()>
                                            <th class="tl-left" scope="rowgroup">
                                                <div class="tl-left-inner">
                                                    {no.map(|n| view! { <span class="category-no">{n}</span> })}
                                                    <span class="tl-group-label">{label}</span>
                                                    <span class="muted num">{count}</span>
                                                </div>
                                            </th>
                                            <td class="tl-chart"></td>
                                        </tr>
                                    }.into_any(),
                                    None => ().into_any(),
                                }
                            }
                        />
                        <tr class="tl-spacer" aria-hidden="true"><td colspan="2" style:height=move || format!("{}px", (all_rows.with(Vec::len) - window.get().end) as f64 * ROW_HEIGHT)></td></tr>
                    </tbody>
                </table>
            </div>
            {move || tip.get().map(|tp| view! {
                <div class="tl-tip" role="tooltip" id="tl-tip" style:left=format!("{}px", tp.x) style:top=format!("{}px", tp.y)>
                    <strong>{tp.title}</strong>
                    {tp.lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                </div>
            })}
        </section>
    }
}

#[component]
fn Legend() -> impl IntoView {
    let c = ctx();
    use crate::domain::status::MilestoneState as S;
    let items = [S::Met, S::Missed { minor: true }, S::Missed { minor: false }, S::NotReported, S::DueSoon, S::Future];
    view! {
        <ul class="tl-legend" aria-label=c.lang.get_untracked().t().legend>
            {items.into_iter().map(|s| view! {
                <li>
                    <svg viewBox="-8 -8 16 16" width="14" height="14" aria-hidden="true"><path class=format!("tl-diamond ms-{}", state_class(s)) d="M0 -6 L6 0 L0 6 L-6 0 Z" /></svg>
                    {move || milestone_state(s, c.lang.get())}
                </li>
            }).collect_view()}
            <li><span class="tl-legend-line" aria-hidden="true"></span>{c.lang.get_untracked().t().report_date}</li>
        </ul>
    }
}

#[component]
fn Header(scale: Memo<Scale>, report_x: Memo<f64>, today_x: Memo<Option<f64>>) -> impl IntoView {
    let c = ctx();
    view! {
        {move || {
            let s = scale.get();
            let lang = c.lang.get();
            let w = s.width();
            view! {
                <svg class="tl-header" width=w height=HEAD_HEIGHT viewBox=format!("0 0 {w} {HEAD_HEIGHT}") aria-hidden="true">
                    <g class="layer-grid">
                        {quarter_ticks(&s, lang).into_iter().map(|q| view! {
                            <rect class="tl-q" x=q.x y="0" width=q.width height="24" />
                            <text class="tl-q-label" x=q.x + 6.0 y="16">{q.label}</text>
                        }).collect_view()}
                        {month_ticks(&s, lang).into_iter().map(|m| view! {
                            <rect class="tl-m" x=m.x y="24" width=m.width height="32" />
                            <text class="tl-m-label" x=m.x + 4.0 y="45">{m.label}</text>
                        }).collect_view()}
                    </g>
                    <line class="tl-report" x1=report_x.get() x2=report_x.get() y1="0" y2=HEAD_HEIGHT />
                    {today_x.get().map(|x| view! { <line class="tl-today" x1=x x2=x y1="0" y2=HEAD_HEIGHT /> })}
                </svg>
            }
        }}
    }
}

#[component]
fn TimelineRow(
    k: usize,
    row: RowRef,
    geometry: RowGeometry,
    status: crate::domain::status::ProjectStatus,
    width: f64,
    rx: f64,
    tx: Option<f64>,
    focused: RwSignal<usize>,
    expanded: RwSignal<Vec<String>>,
    tip: RwSignal<Option<Tip>>,
) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let plan = c.plan.get_untracked();
    let p = plan.projects[row.project].clone();
    let pid = p.id.clone();
    let href_id = pid.clone();
    let href = move || project_href(c, &href_id);
    let is_indicator = row.indicator.is_some();
    let name = match row.indicator {
        None => p.name.clone(),
        Some(i) => p.indicators[i].name.clone(),
    };
    let multi = p.indicators.len() > 1 && !is_indicator;
    let pid2 = pid.clone();
    let is_open = Signal::derive(move || expanded.with(|e| e.contains(&pid2)));
    let pid3 = pid.clone();
    let g = geometry;
    let bar_y = 16.0;
    let markers = g.markers.clone();
    let p_for_tip = p.clone();
    let tip_for = move |m: usize| -> (String, Vec<String>) {
        let ms = &p_for_tip.milestones[m];
        let reported = ms.indicator.as_ref().or(p_for_tip.indicators.first().map(|i| &i.id)).and_then(|iid| {
            let ind = p_for_tip.indicator(iid)?;
            let v = c.ledger_view.with_untracked(|v| v.value_at(&p_for_tip.id, iid, c.report_date.get_untracked()))?;
            Some(amount(v, &ind.unit))
        });
        let state = crate::domain::timeline::marker_state(&status_for_tip(c, row.project), &ms.id);
        let mut lines = vec![ms.text.clone(), format!("{} · {}", requirement(ms, &p_for_tip, lang), milestone_state(state, lang))];
        if let Some(r) = reported {
            lines.push(format!("{}：{r}", lang.t().reported));
        }
        (format!("{} · {}", when(ms.due, lang), p_for_tip.name), lines)
    };
    let tip_for = std::sync::Arc::new(tip_for);
    view! {
        <tr class="tl-row" class:tl-sub=is_indicator data-tl-row=k.to_string() data-project=(!is_indicator).then(|| pid.clone())>
            <th class="tl-left" scope="row">
                <div class="tl-left-inner">
                    <span class="tl-seq num">{(!is_indicator).then(|| p.seq)}</span>
                    {multi.then(|| {
                        let pid4 = pid3.clone();
                        view! {
                            <button class="tl-expand" aria-expanded=move || is_open.get().to_string()
                                aria-label=c.lang.get_untracked().t().show_indicators
                                on:click=move |_| {
                                    let id = pid4.clone();
                                    expanded.update(|e| if let Some(i) = e.iter().position(|x| *x == id) { e.remove(i); } else { e.push(id); });
                                }>
                                {move || if is_open.get() { "▾" } else { "▸" }}
                            </button>
                        }
                    })}
                    <div class="tl-text">
                        <a class="tl-name" href=href tabindex=move || if focused.get() == k { "0" } else { "-1" }
                            on:focus=move |_| focused.set(k)
                            on:click=open_on_click(c, pid.clone())>{name}</a>
                        <span class="tl-unit muted">{(!is_indicator).then(|| p.lead_unit.clone())}</span>
                    </div>
                    {(!is_indicator).then(|| view! { <StatusLight light=status.light overdue=status.overdue lang /> })}
                </div>
            </th>
            <td class="tl-chart">
                <svg width=width height=ROW_HEIGHT viewBox=format!("0 0 {width} {ROW_HEIGHT}") class="tl-svg">
                    <g class="layer-bars">
                        <rect class="tl-bar" x=g.bar_x y=bar_y width=g.bar_width height="12" rx="3" />
                    </g>
                    <g class="layer-progress">
                        <rect class="tl-fill" x=g.bar_x y=bar_y width=g.fill_width height="12" rx="3" />
                    </g>
                    <g class="layer-lines">
                        <line class="tl-report" x1=rx x2=rx y1="0" y2=ROW_HEIGHT />
                        {tx.map(|x| view! { <line class="tl-today" x1=x x2=x y1="0" y2=ROW_HEIGHT /> })}
                    </g>
                    <g class="layer-milestones">
                        {markers.iter().map(|m| {
                            let (cx, cy) = (m.x, bar_y + 6.0);
                            let state = m.state;
                            let label = format!("{} {} {}", when(p.milestones[m.milestone].due, lang), m.label, milestone_state(state, lang));
                            let tf = tip_for.clone();
                            let tf2 = tip_for.clone();
                            let mi = m.milestone;
                            let pid5 = p.id.clone();
                            view! {
                                <g class="tl-marker" tabindex="-1" role="img" aria-label=label aria-describedby="tl-tip" data-milestone=mi.to_string()
                                    on:mouseenter=move |ev: leptos::ev::MouseEvent| {
                                        let (title, lines) = tf(mi);
                                        tip.set(Some(Tip { x: f64::from(ev.client_x()) + 12.0, y: f64::from(ev.client_y()) + 14.0, title, lines }));
                                    }
                                    on:mouseleave=move |_| tip.set(None)
                                    on:focus=move |ev: leptos::ev::FocusEvent| {
                                        let (title, lines) = tf2(mi);
                                        let rect = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|e| e.get_bounding_client_rect());
                                        let (x, y) = rect.map(|r| (r.right() + 6.0, r.bottom() + 6.0)).unwrap_or((0.0, 0.0));
                                        tip.set(Some(Tip { x, y, title, lines }));
                                    }
                                    on:blur=move |_| tip.set(None)
                                    on:keydown=move |ev| if ev.key() == "Enter" { c.open_project(&pid5); }
                                >
                                    <path class=format!("tl-diamond ms-{}", state_class(state)) d=format!("M{cx} {} L{} {cy} L{cx} {} L{} {cy} Z", cy - 7.0, cx + 7.0, cy + 7.0, cx - 7.0) />
                                </g>
                            }
                        }).collect_view()}
                    </g>
                    <g class="layer-labels" aria-hidden="true">
                        {markers.iter().filter(|m| !m.label.is_empty()).map(|m| view! {
                            <text class="tl-label" x=m.x y=if m.lane == 0 { 11.0 } else { 42.0 } text-anchor="middle">{m.label.clone()}</text>
                        }).collect_view()}
                    </g>
                </svg>
            </td>
        </tr>
    }
}

fn status_for_tip(c: Ctx, project: usize) -> crate::domain::status::ProjectStatus {
    c.statuses.with_untracked(|s| s[project].clone())
}
