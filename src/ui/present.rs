//! 汇报模式: full-screen slides for meetings, driven by keyboard or a presentation clicker
//! (→/←, PageDown/PageUp, Space, Home/End; Esc leaves), with optional auto-advance paused by any key,
//! a light and a dark theme, and a 'laser' that enlarges a clicked row with its full plan text.
//! The slide list is `domain::slides`; the URL holds the slide so a prepared link opens straight in.

use super::shared::{Shape, StatusLight};
use super::state::{ctx, Ctx};
use crate::domain::dashboard::by_category;
use crate::domain::messages::{amount, light_label, milestone_state, month_name, percent, percent_value, reason, when};
use crate::domain::changes::{changes, Direction, LightChange};
use crate::domain::matters::{open_matters, LeaderMatters};
use crate::domain::slides::{slides, Extras, Slide, RANKING_ROWS};
use crate::domain::status::{rank_units, Counts, Light};
use crate::domain::query::RowRef;
use crate::domain::timeline::{month_ticks, row_geometry, state_class, Scale};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
    })
}

/// Starts presenting: full screen when the browser allows it (the overlay covers the window anyway).
pub fn enter(c: Ctx) {
    c.update_view(|v| {
        v.present = true;
        v.slide = 0;
    });
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.request_fullscreen();
    }
}

fn leave(c: Ctx) {
    c.update_view(|v| v.present = false);
    // Leaving also stops auto-advance (the presenter's cleanup clears its timer).
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        if d.fullscreen_element().is_some() {
            d.exit_fullscreen();
        }
    }
}

/// `F` or `P` anywhere outside a text field starts presentation mode.
pub fn install_shortcut(c: Ctx) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if c.view.with_untracked(|v| v.present) || typing(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        if matches!(ev.key().as_str(), "f" | "F" | "p" | "P") {
            ev.prevent_default();
            enter(c);
        }
    });
    on_cleanup(move || handle.remove());
}

#[component]
pub fn Presenter() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let ranks = Memo::new(move |_| {
        let plan = c.plan.get();
        c.statuses.with(|s| c.rows.with(|rows| rank_units(&plan, s, rows)))
    });
    let moved = Memo::new(move |_| c.previous.with(|before| c.statuses.with(|after| c.rows.with(|rows| changes(&before.all(), after, rows)))));
    let matters = Memo::new(move |_| {
        let plan = c.plan.get();
        c.ledger_view.with(|v| c.rows.with(|rows| open_matters(&plan, v, rows, c.report_date.get())))
    });
    let deck = Memo::new(move |_| {
        let plan = c.plan.get();
        let n = ranks.with(Vec::len);
        let extras = Extras {
            changed: moved.with(|m| m.iter().map(|x| x.project).collect()),
            matters_per_leader: matters.with(|g| g.iter().map(|x| x.matters.len()).collect()),
        };
        c.statuses.with(|s| c.rows.with(|rows| slides(&plan, s, rows, n, &extras)))
    });
    let total = Memo::new(move |_| deck.with(Vec::len));
    let index = Memo::new(move |_| c.view.with(|v| v.slide).min(total.get().saturating_sub(1)));
    let go = move |i: usize| {
        let n = total.get_untracked();
        c.update_view(|v| v.slide = i.min(n.saturating_sub(1)));
    };
    let auto = RwSignal::new(0u32);
    let laser = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        let _ = index.get();
        laser.set(None);
    });

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if typing(&ev) || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        // Enter and Space on a focused control (‹, 深色, 退出, a row) activate it, not the next slide.
        let on_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "BUTTON" | "A" | "SELECT" | "TR"));
        if on_control && matches!(ev.key().as_str(), " " | "Enter") {
            return;
        }
        // Any key pauses auto-advance.
        auto.set(0);
        let i = index.get_untracked();
        match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" | "PageDown" | " " | "Enter" => {
                ev.prevent_default();
                go(i + 1);
            }
            "ArrowLeft" | "ArrowUp" | "PageUp" | "Backspace" => {
                ev.prevent_default();
                go(i.saturating_sub(1));
            }
            "Home" => {
                ev.prevent_default();
                go(0);
            }
            "End" => {
                ev.prevent_default();
                go(usize::MAX);
            }
            "Escape" => {
                ev.prevent_default();
                if laser.get_untracked().is_some() {
                    laser.set(None);
                } else {
                    leave(c);
                }
            }
            _ => {}
        }
    });
    // Leaving full screen with the browser's own Esc also leaves the mode.
    let fs = window_event_listener_untyped("fullscreenchange", move |_| {
        let full = web_sys::window().and_then(|w| w.document()).and_then(|d| d.fullscreen_element()).is_some();
        if !full && c.view.with_untracked(|v| v.present) {
            c.update_view(|v| v.present = false);
        }
    });
    on_cleanup(move || {
        keys.remove();
        fs.remove();
    });
    // One interval at a time, cleared when the setting changes and when the presentation closes (a
    // tick after that would read disposed state).
    let timer = StoredValue::new(None::<IntervalHandle>);
    let stop_timer = move || {
        if let Some(h) = timer.try_update_value(|t| t.take()).flatten() {
            h.clear();
        }
    };
    Effect::new(move |_| {
        let secs = auto.get();
        stop_timer();
        if secs > 0 {
            let handle = set_interval_with_handle(
                move || {
                    let (Some(i), Some(n)) = (index.try_get_untracked(), total.try_get_untracked()) else { return };
                    if i + 1 >= n {
                        auto.set(0);
                    } else {
                        go(i + 1);
                    }
                },
                Duration::from_secs(u64::from(secs)),
            );
            timer.set_value(handle.ok());
        }
    });
    on_cleanup(stop_timer);
    // Focus moves into the dialog when it opens and back where it was when it closes.
    let dialog = NodeRef::<leptos::html::Div>::new();
    let before: Option<web_sys::HtmlElement> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let before = StoredValue::new_local(before);
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            let _ = el.focus();
        }
    });
    on_cleanup(move || {
        if let Some(el) = before.try_update_value(|b| b.take()).flatten() {
            let _ = el.focus();
        }
    });

    view! {
        <div class="present" class:dark=move || c.view.with(|v| v.dark) role="dialog" aria-modal="true" aria-label=t.present tabindex="-1" node_ref=dialog>
            <div class="slide" aria-live="polite" aria-roledescription=t.slide>
                {move || deck.with(|d| d.get(index.get()).cloned()).map(|s| view! { <SlideView slide=s ranks moved matters laser /> })}
            </div>
            <footer class="present-bar">
                <span class="present-title">{move || c.plan.with(|p| p.title.clone())}" · "{t.report_date}" "{move || c.report_date.get().to_string()}</span>
                <span class="grow"></span>
                <button class="button ghost" aria-label=t.prev_slide on:click=move |_| go(index.get_untracked().saturating_sub(1))>"‹"</button>
                <span class="slide-number num" role="status">{move || format!("{} / {}", index.get() + 1, total.get())}</span>
                <button class="button ghost" aria-label=t.next_slide on:click=move |_| go(index.get_untracked() + 1)>"›"</button>
                <label class="field inline">
                    <span class="field-label">{t.auto_advance}</span>
                    <select aria-label=t.auto_advance prop:value=move || auto.get().to_string()
                        on:change=move |ev| auto.set(event_target_value(&ev).parse().unwrap_or(0))>
                        <option value="0">{t.off}</option>
                        <option value="10">"10 s"</option>
                        <option value="20">"20 s"</option>
                        <option value="30">"30 s"</option>
                        <option value="60">"60 s"</option>
                    </select>
                </label>
                <button class="button ghost" aria-pressed=move || c.view.with(|v| v.dark).to_string()
                    on:click=move |_| c.update_view(|v| v.dark = !v.dark)>{t.dark_theme}</button>
                <button class="button ghost" on:click=move |_| leave(c)>{t.exit_present}</button>
            </footer>
        </div>
    }
}

#[component]
fn SlideView(
    slide: Slide,
    ranks: Memo<Vec<crate::domain::status::UnitRank>>,
    moved: Memo<Vec<LightChange>>,
    matters: Memo<Vec<LeaderMatters>>,
    laser: RwSignal<Option<usize>>,
) -> impl IntoView {
    let c = ctx();
    match slide {
        Slide::Title => view! { <TitleSlide /> }.into_any(),
        Slide::Overview => view! { <OverviewSlide /> }.into_any(),
        Slide::Category { no, projects, page } => {
            let name = c.plan.with_untracked(|p| p.category(no).map(|x| x.name.clone()).unwrap_or_default());
            let heading = if page > 0 { (c.lang.get_untracked().t().continued_heading)(&name) } else { name };
            view! {
                <h2 class="slide-title slide-category"><span class="category-no">{no}</span>{heading}</h2>
                <ProjectTable projects laser reasons_only=false />
            }
            .into_any()
        }
        Slide::Behind { projects, .. } => {
            let empty = projects.is_empty();
            view! {
                <h2 class="slide-title">{c.lang.get_untracked().t().behind_title}</h2>
                {if empty {
                    view! { <p class="slide-empty">{c.lang.get_untracked().t().nothing_behind}</p> }.into_any()
                } else {
                    view! { <ProjectTable projects laser reasons_only=true /> }.into_any()
                }}
            }
            .into_any()
        }
        Slide::Ranking { page } => view! { <RankingSlide ranks page /> }.into_any(),
        Slide::Timeline { projects, .. } => view! { <TimelineSlide projects /> }.into_any(),
        Slide::Changes { projects, page } => view! { <ChangesSlide projects page moved /> }.into_any(),
        Slide::Matters { group, matters: range, page } => view! { <MattersSlide group range page matters /> }.into_any(),
    }
}

#[component]
fn ChangesSlide(projects: Vec<usize>, page: usize, moved: Memo<Vec<LightChange>>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let plan = c.plan.get_untracked();
    let title = if page > 0 { (t.continued_heading)(t.view_changes) } else { t.view_changes.to_string() };
    view! {
        <h2 class="slide-title">{title}</h2>
        <table class="slide-table projects">
            <thead><tr>
                <th scope="col">{t.col_name}</th>
                <th scope="col">{t.compare_from}</th>
                <th scope="col">{t.compare_to}</th>
                <th scope="col">{t.reason}</th>
            </tr></thead>
            <tbody>
                {projects.into_iter().filter_map(|i| moved.with_untracked(|m| m.iter().find(|x| x.project == i).cloned())).map(|ch| {
                    let p = &plan.projects[ch.project];
                    let arrow = if ch.direction == Direction::Worse { "↓" } else { "↑" };
                    view! {
                        <tr class=format!("slide-row change-{}", if ch.direction == Direction::Worse { "worse" } else { "better" })>
                            <th scope="row"><span class="change-arrow" aria-hidden="true">{arrow}</span>" "{p.name.clone()}</th>
                            <td><StatusLight light=ch.from overdue=ch.from_overdue lang /></td>
                            <td><StatusLight light=ch.to overdue=ch.to_overdue lang /></td>
                            <td class="slide-detail">{ch.reason.as_ref().map(|r| reason(r, lang))}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn MattersSlide(group: usize, range: std::ops::Range<usize>, page: usize, matters: Memo<Vec<LeaderMatters>>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let plan = c.plan.get_untracked();
    let Some(g) = matters.with_untracked(|m| m.get(group).cloned()) else { return ().into_any() };
    let title = (t.slide_matters)(&g.leader);
    let title = if page > 0 { (t.continued_heading)(&title) } else { title };
    view! {
        <h2 class="slide-title">{title}</h2>
        <ul class="slide-matters">
            {g.matters[range.start.min(g.matters.len())..range.end.min(g.matters.len())].iter().map(|m| view! {
                <li>
                    <strong>{plan.projects[m.project].name.clone()}</strong>
                    <span class="slide-matter-source">" · "{(t.matter_source)(&m.unit, &month_name(m.month.month, lang))}</span>
                    <p>{m.text.clone()}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn counts_of(c: Ctx) -> Counts {
    c.statuses.with(|s| c.rows.with(|rows| Counts::of(rows.iter().map(|&i| &s[i].light))))
}

#[component]
fn StatusTiles() -> impl IntoView {
    let c = ctx();
    view! {
        <div class="slide-tiles">
            {move || {
                let counts = counts_of(c);
                let lang = c.lang.get();
                Light::ALL.into_iter().map(|l| view! {
                    <div class=format!("slide-tile tile-{}", l.code())>
                        <div class="slide-tile-value num">{counts.get(l)}</div>
                        <div class="slide-tile-label"><Shape light=l />" "{light_label(l, false, lang)}</div>
                    </div>
                }).collect_view()
            }}
        </div>
    }
}

#[component]
fn TitleSlide() -> impl IntoView {
    let c = ctx();
    view! {
        <div class="slide-cover">
            <p class="slide-kicker">{c.lang.get_untracked().t().app_title}</p>
            <h1 class="slide-cover-title">{move || c.plan.with(|p| p.title.clone())}</h1>
            <p class="slide-date">{move || (c.lang.get().t().as_of_date)(&c.report_date.get().to_string())}</p>
            <p class="slide-headline">{move || (c.lang.get().t().projects_count)(c.rows.with(|r| r.len()))}</p>
            <StatusTiles />
        </div>
    }
}

#[component]
fn OverviewSlide() -> impl IntoView {
    let c = ctx();
    view! {
        <h2 class="slide-title">{c.lang.get_untracked().t().overview_title}</h2>
        <StatusTiles />
        <table class="slide-table">
            <thead><tr>
                <th scope="col">{c.lang.get_untracked().t().col_category}</th>
                <th scope="col" class="num">{c.lang.get_untracked().t().projects}</th>
                <th scope="col">{c.lang.get_untracked().t().mean_completion}</th>
                <th scope="col">{c.lang.get_untracked().t().by_status}</th>
            </tr></thead>
            <tbody>
                {move || {
                    let plan = c.plan.get();
                    let lang = c.lang.get();
                    c.statuses.with(|s| c.rows.with(|rows| by_category(&plan, s, rows))).into_iter().map(|g| {
                        let pct = percent_value(g.mean_completion);
                        view! {
                            <tr>
                                <th scope="row">{g.label.clone()}</th>
                                <td class="num">{g.projects}</td>
                                <td><div class="slide-bar"><div class="slide-bar-fill" style:width=format!("{pct}%")></div></div><span class="num">{format!("{pct}%")}</span></td>
                                <td class="mini-counts">{Light::ALL.into_iter().filter(|l| g.counts.get(*l) > 0).map(|l| view! {
                                    <span class=format!("mini light-{}", l.code()) title=light_label(l, false, lang)><Shape light=l />{g.counts.get(l)}</span>
                                }).collect_view()}</td>
                            </tr>
                        }
                    }).collect_view()
                }}
            </tbody>
        </table>
    }
}

#[component]
fn ProjectTable(projects: Vec<usize>, laser: RwSignal<Option<usize>>, reasons_only: bool) -> impl IntoView {
    let c = ctx();
    view! {
        <table class="slide-table projects">
            <thead><tr>
                <th scope="col" class="num">{c.lang.get_untracked().t().col_seq}</th>
                <th scope="col">{c.lang.get_untracked().t().col_name}</th>
                <th scope="col">{c.lang.get_untracked().t().col_lead_unit}</th>
                <th scope="col">{c.lang.get_untracked().t().status}</th>
                <th scope="col">{move || if reasons_only { c.lang.get().t().reason } else { c.lang.get().t().latest_values }}</th>
            </tr></thead>
            <tbody>
                {move || {
                    let plan = c.plan.get();
                    let lang = c.lang.get();
                    let date = c.report_date.get();
                    let view_ = c.ledger_view.get();
                    projects.iter().map(|&i| {
                        let p = plan.projects[i].clone();
                        let s = c.statuses.with(|st| st[i].clone());
                        let values: Vec<String> = p.indicators.iter().filter(|x| x.is_quantitative()).map(|x| {
                            let v = view_.value_at(&p.id, &x.id, date).map(|v| amount(v, &x.unit)).unwrap_or_else(|| lang.t().none_reported.to_string());
                            (lang.t().of_target)(&v, &amount(x.target.unwrap_or(0.0), &x.unit))
                        }).collect();
                        let reasons: Vec<String> = s.reasons.iter().map(|r| reason(r, lang)).collect();
                        let delayed = matches!(s.light, Light::Behind | Light::Serious);
                        let sep = lang.t().clause_sep;
                        let detail = if reasons_only || delayed { reasons.join(sep) } else { values.join(sep) };
                        let open = move || laser.get() == Some(i);
                        let plan_text = p.plan_text.clone();
                        view! {
                            <tr
                                class="slide-row"
                                class:lasered=open
                                tabindex="0"
                                on:click=move |_| laser.update(|l| *l = if *l == Some(i) { None } else { Some(i) })
                                on:keydown=move |ev| if ev.key() == "Enter" || ev.key() == " " {
                                    ev.prevent_default();
                                    laser.update(|l| *l = if *l == Some(i) { None } else { Some(i) });
                                }
                            >
                                <td class="num">{p.seq}</td>
                                <th scope="row">{p.name.clone()}</th>
                                <td>{p.lead_unit.to_string()}</td>
                                <td><StatusLight light=s.light overdue=s.overdue lang /></td>
                                <td class="slide-detail">{detail}</td>
                            </tr>
                            {move || open().then(|| view! {
                                <tr class="laser-row"><td colspan="5"><div class="laser">
                                    <strong>{p.name.clone()}</strong>
                                    <p>{plan_text.clone()}</p>
                                    {(!values.is_empty()).then(|| view! { <p class="laser-values">{values.join(sep)}</p> })}
                                </div></td></tr>
                            })}
                        }
                    }).collect_view()
                }}
            </tbody>
        </table>
    }
}

#[component]
fn RankingSlide(ranks: Memo<Vec<crate::domain::status::UnitRank>>, page: usize) -> impl IntoView {
    let c = ctx();
    view! {
        <h2 class="slide-title">{if page > 0 { (c.lang.get_untracked().t().continued_heading)(c.lang.get_untracked().t().unit_ranking) } else { c.lang.get_untracked().t().unit_ranking.to_string() }}</h2>
        <table class="slide-table">
            <thead><tr>
                <th scope="col" class="num">"#"</th>
                <th scope="col">{c.lang.get_untracked().t().col_lead_unit}</th>
                <th scope="col" class="num">{c.lang.get_untracked().t().projects}</th>
                <th scope="col" class="num">{c.lang.get_untracked().t().on_track_share}</th>
                <th scope="col" class="num">{c.lang.get_untracked().t().mean_completion}</th>
            </tr></thead>
            <tbody>
                {move || ranks.get().into_iter().enumerate().skip(page * RANKING_ROWS).take(RANKING_ROWS).map(|(k, r)| view! {
                    <tr>
                        <td class="num">{k + 1}</td>
                        <th scope="row">{r.unit.clone()}</th>
                        <td class="num">{r.projects}</td>
                        <td class="num">{percent(r.on_track_share)}</td>
                        <td class="num">{percent(r.mean_completion)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn TimelineSlide(projects: Vec<usize>) -> impl IntoView {
    let c = ctx();
    view! {
        <h2 class="slide-title">{c.lang.get_untracked().t().view_timeline}</h2>
        {move || {
            let plan = c.plan.get();
            let lang = c.lang.get();
            let scale = Scale { start: plan.start(), end: plan.end(), px_per_day: 3.0 };
            let w = scale.width();
            let label_w = 520.0;
            let row_h = 40.0;
            let h = 40.0 + row_h * projects.len() as f64;
            let rx = scale.x_end(c.report_date.get());
            let statuses = c.statuses.get();
            view! {
                <svg class="slide-timeline" viewBox=format!("0 0 {} {h}", label_w + w + 10.0) role="img" aria-label=lang.t().view_timeline>
                    {month_ticks(&scale, lang).into_iter().map(|m| view! {
                        <text class="st-month" x=label_w + m.x + 4.0 y="24">{m.label}</text>
                        <line class="st-grid" x1=label_w + m.x x2=label_w + m.x y1="30" y2=h />
                    }).collect_view()}
                    {projects.iter().enumerate().map(|(k, &i)| {
                        let p = &plan.projects[i];
                        let s = &statuses[i];
                        let g = row_geometry(&plan, &RowRef { project: i, indicator: None }, s, s.completion, &scale, lang);
                        let y = 40.0 + row_h * k as f64;
                        let name: String = p.name.chars().take(18).collect::<String>() + if p.name.chars().count() > 18 { "…" } else { "" };
                        view! {
                            <text class="st-name" x="0" y=y + 25.0>{format!("{} {} {name}", p.seq, s.light.symbol())}</text>
                            <rect class="tl-bar" x=label_w + g.bar_x y=y + 12.0 width=g.bar_width height="16" rx="4" />
                            <rect class="tl-fill" x=label_w + g.bar_x y=y + 12.0 width=g.fill_width height="16" rx="4" />
                            {g.markers.iter().map(|m| {
                                let (cx, cy) = (label_w + m.x, y + 20.0);
                                view! { <path class=format!("tl-diamond ms-{}", state_class(m.state)) d=format!("M{cx} {} L{} {cy} L{cx} {} L{} {cy} Z", cy - 9.0, cx + 9.0, cy + 9.0, cx - 9.0)>
                                    <title>{format!("{} {}", when(p.milestones[m.milestone].due, lang), milestone_state(m.state, lang))}</title>
                                </path> }
                            }).collect_view()}
                        }
                    }).collect_view()}
                    <line class="tl-report" x1=label_w + rx x2=label_w + rx y1="30" y2=h />
                </svg>
            }
        }}
    }
}
