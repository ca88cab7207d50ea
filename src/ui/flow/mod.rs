//! 审核: the office's side of the review loop. The reports waiting for review, oldest first, grouped by
//! lead unit (a listbox: ↑↓ to move, P 通过, R 退回), the one chosen shown with what changed since the
//! last reviewed report and the 退回意见 box; beside them the extension and closure requests waiting
//! for a ruling (批准 / 不予批准, 销号 / 退回, with 意见); and the loop's settings (the office's name,
//! judging against the baseline, counting reviewed figures only, cross-year dates). Only the first 100
//! reports are built at once (显示更多 adds 100).
//!
//! `requests.rs` (the request buttons of a project) and `log.rs` (a project's loop in its detail) are
//! used by 填报 and the detail.

pub mod log;
pub mod requests;

use super::actions::flow_act;
use super::state::ctx;
use super::storage;
use crate::domain::flow::{review_lines, Request, State, Waiting};
use crate::domain::ledger::{ActKind, Month, Reported, Subject};
use crate::domain::messages::{amount, flow_state, when};
use crate::domain::plan::Plan;
use crate::i18n::Lang;
use leptos::prelude::*;

const SHOWN_AT_ONCE: usize = 100;

/// The queue in the order shown: each unit's reports together, the unit with the oldest report first.
fn grouped(plan: &Plan, waiting: Vec<Waiting>) -> Vec<(String, Vec<Waiting>)> {
    let mut groups: Vec<(String, Vec<Waiting>)> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for w in waiting {
        let unit = plan.projects[w.project].lead_unit.to_string();
        match at.get(&unit) {
            Some(&i) => groups[i].1.push(w),
            None => {
                at.insert(unit.clone(), groups.len());
                groups.push((unit, vec![w]));
            }
        }
    }
    groups
}

fn reported_words(r: &Option<Reported>, unit: &str, lang: Lang) -> String {
    let t = lang.t();
    match r {
        None => "—".to_string(),
        Some(Reported::Value(v)) => amount(*v, unit),
        Some(Reported::Done(true)) => t.done.to_string(),
        Some(Reported::Done(false)) => t.not_done.to_string(),
        Some(Reported::Texts(texts)) => {
            let s: String = texts.progress.chars().take(60).collect();
            if texts.progress.chars().count() > 60 { s + "…" } else { s }
        }
    }
}

#[component]
pub fn ReviewView() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    c.want_loop();
    let queue = Memo::new(move |_| {
        let plan = c.baseline.get();
        let waiting = c.flow.with(|f| f.waiting(&plan));
        grouped(&plan, waiting)
    });
    // The rows in the order shown (group by group), each with its group's unit.
    let flat = Memo::new(move |_| queue.with(|q| q.iter().flat_map(|(_, ws)| ws.iter().map(|w| (w.project, w.month, w.state, w.since.clone()))).collect::<Vec<_>>()));
    let limit = RwSignal::new(SHOWN_AT_ONCE);
    let selected = RwSignal::new(0usize);
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let is_office = Memo::new(move |_| c.reporter.with(|r| r.unit == c.office.get()));
    let chosen = move || flat.with(|f| f.get(selected.get().min(f.len().saturating_sub(1))).cloned());
    let act = move |pass: bool| {
        let Some((project, month, _, _)) = chosen() else { return };
        let Some(id) = c.baseline.with_untracked(|p| p.projects.get(project).map(|p| p.id.clone())) else { return };
        let text = comment.get_untracked();
        match flow_act(c, |rules, who, _, m| rules.review(who, &id, month, pass, &text, m)) {
            Ok(_) => {
                comment.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = flat.with(Vec::len).min(limit.get_untracked());
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                selected.update(|s| *s = (*s + 1).min(n.saturating_sub(1)));
                error.set(None);
            }
            "ArrowUp" => {
                ev.prevent_default();
                selected.update(|s| *s = s.saturating_sub(1));
                error.set(None);
            }
            "Home" => {
                ev.prevent_default();
                selected.set(0);
            }
            "End" => {
                ev.prevent_default();
                selected.set(n.saturating_sub(1));
            }
            "p" | "P" => {
                ev.prevent_default();
                ev.stop_propagation();
                act(true);
            }
            "r" | "R" => {
                ev.prevent_default();
                ev.stop_propagation();
                act(false);
            }
            _ => {}
        }
    };
    view! {
        <section class="review-view" aria-labelledby="review-title">
            <h2 id="review-title" class="view-title">{t.view_review}</h2>
            <Settings />
            {move || (!is_office.get()).then(|| {
                let office = c.office.get();
                view! {
                    <div class="notice warning row" role="note">
                        <p class="grow">{(t.e_office_only)(&office)}</p>
                        <button class="button" on:click=move |_| {
                            let office = c.office.get_untracked();
                            storage::store_my_unit(&office);
                            c.reporter.update(|r| r.unit = office);
                        }>{(t.act_as_office)(&c.office.get_untracked())}</button>
                    </div>
                }
            })}
            <div class="review-columns">
                <section class="panel review-queue" aria-labelledby="queue-title">
                    <h3 id="queue-title">{t.review_queue}" "<span class="badge">{move || flat.with(Vec::len)}</span></h3>
                    <p class="muted">{t.review_keys}</p>
                    {move || {
                        if !c.loop_ready.get() {
                            return view! { <p class="empty-state" role="status">{t.loop_loading}</p> }.into_any();
                        }
                        if flat.with(Vec::is_empty) {
                            return view! { <p class="empty-state">{t.review_empty}</p> }.into_any();
                        }
                        let plan = c.baseline.get();
                        let shown = limit.get();
                        let total = flat.with(Vec::len);
                        let mut k = 0usize;
                        let groups = queue.get();
                        let items = groups.into_iter().filter_map(|(unit, ws)| {
                            if k >= shown {
                                return None;
                            }
                            let n = ws.len();
                            let rows = ws.into_iter().take(shown - k).map(|w| {
                                let i = k;
                                k += 1;
                                let p = &plan.projects[w.project];
                                let label = format!("{} · {} · {} · {}", p.name, (t.month_label)(w.month.month), flow_state(w.state, lang), crate::domain::flow::time_text(&w.since));
                                view! {
                                    <li role="option" id=format!("review-item-{i}") class="review-item" class:resubmitted=w.state == State::Resubmitted
                                        aria-selected=move || (selected.get() == i).to_string()
                                        on:click=move |_| { selected.set(i); error.set(None); }>
                                        {label}
                                    </li>
                                }
                            }).collect_view();
                            Some(view! {
                                <li role="presentation" class="review-group">{(t.paren)(&unit, &n.to_string())}</li>
                                {rows}
                            })
                        }).collect_view();
                        view! {
                            <ul class="review-list" role="listbox" tabindex="0" aria-label=t.review_queue
                                aria-activedescendant=move || format!("review-item-{}", selected.get())
                                on:keydown=on_key>
                                {items}
                            </ul>
                            {(total > shown).then(|| view! {
                                <button class="button" on:click=move |_| limit.update(|l| *l += SHOWN_AT_ONCE)>{(t.show_more)(shown, total)}</button>
                            })}
                        }.into_any()
                    }}
                </section>
                {move || chosen().map(|(project, month, state, _)| view! { <Chosen project month state comment error on_act=Callback::new(act) /> })}
                <Requests />
            </div>
        </section>
    }
}

/// The report chosen: what it says beside what it said before, the comment and the two buttons.
#[component]
fn Chosen(project: usize, month: Month, state: State, comment: RwSignal<String>, error: RwSignal<Option<String>>, on_act: Callback<bool>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let Some(p) = c.baseline.with_untracked(|plan| plan.projects.get(project).cloned()) else { return ().into_any() };
    let lines = c.ledger.with_untracked(|l| c.flow.with_untracked(|f| review_lines(&p, l, f, month)));
    let last = c.flow.with_untracked(|f| f.last_review(&p.id, month).cloned());
    let title = format!("{} {}", p.name, (t.month_label)(month.month));
    let rows = lines
        .into_iter()
        .map(|line| {
            let (label, unit) = match &line.subject {
                Subject::Indicator(i) => p.indicator(i).map(|x| (x.name.clone(), x.unit.to_string())).unwrap_or_default(),
                Subject::Milestone(m) => (p.milestone(m).map(|x| format!("{} {}", when(x.due, lang), x.text)).unwrap_or_default(), String::new()),
                Subject::Report => (t.report_progress.to_string(), String::new()),
            };
            let changed = line.changed();
            view! {
                <tr class:changed=changed>
                    <th scope="row">{label}</th>
                    <td class="num">{reported_words(&line.before, &unit, lang)}</td>
                    <td class="num">{reported_words(&line.now, &unit, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel review-chosen" role="region" aria-label=title.clone()>
            <h3>{title.clone()}" "<span class="state-chip">{flow_state(state, lang)}</span></h3>
            <p class="muted">{p.lead_unit.to_string()}</p>
            {last.and_then(|a| match a.kind {
                ActKind::Review { pass: false, comment, .. } => Some(view! { <p class="flag flag-warn">{t.return_comment}{t.colon}{comment}</p> }),
                _ => None,
            })}
            <table class="data-table compact">
                <caption>{t.changed_since}</caption>
                <thead><tr><th scope="col">{t.item_col}</th><th scope="col" class="num">{t.before_value}</th><th scope="col" class="num">{t.now_value}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {crate::domain::date::Date::month_end(month.year, month.month).map(|d| view! { <super::evidence::LazyThumbs project=p.id.clone() month=d /> })}
            <label class="field wide">
                <span class="field-label">{t.return_comment}</span>
                <textarea aria-label=t.return_comment maxlength="500" rows="3" prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
            </label>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="row">
                <button class="button primary" on:click=move |_| on_act.run(true)>{t.pass}</button>
                <button class="button danger" on:click=move |_| on_act.run(false)>{t.return_report}</button>
            </div>
        </section>
    }
    .into_any()
}

/// Requests waiting for a ruling, oldest first.
#[component]
fn Requests() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let open = Memo::new(move |_| c.flow.with(|f| f.open_requests().cloned().collect::<Vec<_>>()));
    view! {
        <section class="panel review-requests" aria-labelledby="requests-title">
            <h3 id="requests-title">{t.requests_title}" "<span class="badge">{move || open.with(Vec::len)}</span></h3>
            {move || {
                let list = open.get();
                if list.is_empty() {
                    return view! { <p class="empty-state">{t.no_requests}</p> }.into_any();
                }
                list.into_iter().take(SHOWN_AT_ONCE).map(|r| view! { <RequestCard request=r /> }).collect_view().into_any()
            }}
        </section>
    }
}

#[component]
fn RequestCard(request: Request) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let plan = c.baseline.get_untracked();
    let Some(p) = plan.projects.iter().find(|p| p.id == request.act.project).cloned() else { return ().into_any() };
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let extension = request.is_extension();
    let what = match &request.act.kind {
        ActKind::Extension { target, from, to, reason } => {
            let target = match target {
                crate::domain::ledger::Target::Due => t.col_due.to_string(),
                crate::domain::ledger::Target::Milestone(m) => p.milestone(m).map(|m| m.text.to_string()).unwrap_or_default(),
            };
            format!("{} · {}{}{} → {} · {}{}{reason}", t.request_extension, target, t.colon, when(*from, lang), when(*to, lang), t.extension_reason, t.colon)
        }
        ActKind::Closure { summary } => format!("{} · {}{}{summary}", t.request_closure, t.closure_summary, t.colon),
        _ => String::new(),
    };
    let rid = StoredValue::new(request.act.id.clone());
    let answer = move |yes: bool| {
        let text = comment.get_untracked();
        let rid = rid.get_value();
        match flow_act(c, |rules, who, _, m| rules.answer(who, &rid, yes, &text, m)) {
            Ok(_) => error.set(None),
            Err(e) => error.set(Some(e)),
        }
    };
    let (yes, no) = if extension { (t.approve, t.refuse) } else { (t.close_project, t.return_report) };
    view! {
        <article class="request-card" aria-label=p.name.clone()>
            <h4>{p.name.clone()}</h4>
            <p class="muted">{format!("{} {} · {}", request.act.unit, request.act.person, crate::domain::flow::time_text(&request.act.recorded_at))}</p>
            <p>{what}</p>
            {(!extension).then(|| view! { <super::evidence::LazyThumbs project=p.id.clone() request=request.act.id.clone() /> })}
            <label class="field wide">
                <span class="field-label">{t.opinion}</span>
                <textarea aria-label=t.opinion maxlength="500" rows="2" prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
            </label>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="row">
                <button class="button primary" on:click=move |_| answer(true)>{yes}</button>
                <button class="button danger" on:click=move |_| answer(false)>{no}</button>
            </div>
        </article>
    }
    .into_any()
}

/// The loop's settings: the office's name and how lights are judged.
#[component]
fn Settings() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let check = move |label: &'static str, get: fn(&crate::domain::status::Settings) -> bool, put: fn(&mut crate::domain::status::Settings, bool)| {
        view! {
            <label class="check">
                <input type="checkbox" prop:checked=move || c.settings.with(get) on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    c.settings.update(|s| put(s, on));
                    c.settings.with_untracked(storage::store_settings);
                } />
                {label}
            </label>
        }
    };
    view! {
        <details class="panel loop-settings">
            <summary>{t.loop_settings}</summary>
            <div class="row">
                <label class="field">
                    <span class="field-label">{t.office_name}</span>
                    <input type="text" aria-label=t.office_name prop:value=move || c.office.get() on:change=move |ev| {
                        let name = event_target_value(&ev).trim().to_string();
                        let name = if name.is_empty() { crate::domain::flow::DEFAULT_OFFICE.to_string() } else { name };
                        storage::store_office(&name);
                        c.office.set(name);
                    } />
                </label>
                {check(t.set_against_baseline, |s| s.against_baseline, |s, v| s.against_baseline = v)}
                {check(t.set_reviewed_only, |s| s.reviewed_only, |s, v| s.reviewed_only = v)}
                {check(t.set_cross_year, |s| s.cross_year, |s, v| s.cross_year = v)}
            </div>
        </details>
    }
}
