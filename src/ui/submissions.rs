//! 报送情况: lead units × month-ends, each cell reported / late / partly / not reported / awaiting, with
//! the counts of each month; a cell opens its projects missing and late. 催报: the reminder of a month
//! to the units that still owe reports, to copy, download or print. The table and the reminder are
//! `domain::submissions`.

use super::download::download_text;
use super::state::{ctx, Level};
use crate::domain::ledger::Month;
use crate::domain::messages::{month_end_name, month_name, Note};
use crate::domain::submissions::{reminder, CellState};
use crate::i18n::Strings;
use leptos::prelude::*;

pub fn state_label(s: CellState, t: &Strings) -> &'static str {
    match s {
        CellState::Reported => t.sub_reported,
        CellState::Late => t.sub_late,
        CellState::Partly => t.sub_partly,
        CellState::NotReported => t.sub_missing,
        CellState::Awaiting => t.sub_awaiting,
        CellState::NothingExpected => t.sub_none,
    }
}

fn state_symbol(s: CellState) -> &'static str {
    match s {
        CellState::Reported => "✔",
        CellState::Late => "◔",
        CellState::Partly => "◑",
        CellState::NotReported => "✕",
        CellState::Awaiting => "…",
        CellState::NothingExpected => "—",
    }
}

#[component]
pub fn SubmissionsView() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    // Shared with the other views (made once per change of the plan, ledger, report date or settings).
    let table = c.submissions;
    let chosen = RwSignal::new(None::<(usize, usize)>);
    // The month to remind: the latest month whose deadline has passed or that owes reports.
    let remind_month = RwSignal::new(None::<u8>);
    let month_for_reminder = Memo::new(move |_| {
        remind_month.get().or_else(|| table.with(|tb| tb.months.iter().rev().find(|m| m.end() < c.today).or(tb.months.last()).map(|m| m.month)))
    });
    let show_reminder = RwSignal::new(false);
    let text = Memo::new(move |_| {
        let plan = c.plan.get();
        let m = month_for_reminder.get()?;
        Some(table.with(|tb| reminder(&plan, tb, Month::new(plan.year, m), &c.settings.get(), c.today, c.lang.get())))
    });
    let copy = move |_| {
        let Some(r) = text.get_untracked() else { return };
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else { return };
        let promise = clipboard.write_text(&r.to_text());
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => c.notify(Level::Info, Note::Copied),
                Err(_) => c.notify(Level::Warning, Note::CopyRefused),
            }
        });
    };
    let download = move |_| {
        if let Some(r) = text.get_untracked() {
            download_text(&format!("reminder-{}.txt", c.report_date.get_untracked()), "text/plain;charset=utf-8", &format!("\u{FEFF}{}", r.to_text()));
        }
    };
    view! {
        <section class="submissions-view" aria-labelledby="sub-title">
            <div class="panel row no-print">
                <h2 id="sub-title" class="view-title">{t.view_submissions}</h2>
                <label class="field inline">
                    <span class="field-label">{t.deadline_day}</span>
                    <input type="number" min="1" max="28" aria-label=t.deadline_day
                        prop:value=move || c.settings.with(|s| s.report_deadline_day).to_string()
                        on:change=move |ev| {
                            if let Ok(d) = event_target_value(&ev).trim().parse::<u8>() {
                                c.settings.update(|s| {
                                    s.report_deadline_day = d;
                                    *s = s.clamped();
                                });
                                c.settings.with_untracked(super::storage::store_settings);
                            }
                        } />
                </label>
                <span class="grow"></span>
                <label class="field inline">
                    <span class="field-label">{t.remind_month}</span>
                    <select aria-label=t.remind_month on:change=move |ev| remind_month.set(event_target_value(&ev).parse().ok())>
                        {move || {
                            let current = month_for_reminder.get();
                            table.with(|tb| tb.months.iter().map(|m| {
                                let v = m.month;
                                view! { <option value=v.to_string() selected=Some(v) == current>{month_end_name(v, lang)}</option> }
                            }).collect_view())
                        }}
                    </select>
                </label>
                <button class="button primary" aria-expanded=move || show_reminder.get().to_string() on:click=move |_| show_reminder.update(|s| *s = !*s)>{t.remind}</button>
            </div>
            <p class="muted no-print">{t.sub_hint}</p>
            {move || show_reminder.get().then(|| text.get().map(|r| view! {
                <article class="panel reminder" aria-labelledby="reminder-title">
                    <h3 id="reminder-title">{r.title.clone()}</h3>
                    <p>{r.lead.clone()}</p>
                    <ol>{r.items.iter().map(|i| view! { <li>{i.clone()}</li> }).collect_view()}</ol>
                    <p>{r.closing.clone()}</p>
                    <div class="row no-print">
                        <button class="button" on:click=copy>{t.copy_text}</button>
                        <button class="button" on:click=download>{t.download_text}</button>
                        <button class="button" on:click=move |_| if let Some(w) = web_sys::window() { let _ = w.print(); }>{t.print}</button>
                    </div>
                </article>
            }))}
            <div class="table-scroll no-print">
                <table class="data-table submissions">
                    <thead>
                        <tr>
                            <th scope="col">{t.sub_unit}</th>
                            {move || table.with(|tb| tb.months.iter().map(|m| view! { <th scope="col" class="num">{month_name(m.month, lang)}</th> }).collect_view())}
                        </tr>
                    </thead>
                    <tbody>
                        {move || table.with(|tb| tb.units.iter().enumerate().map(|(u, unit)| {
                            let cells = tb.cells[u].iter().enumerate().map(|(m, cell)| {
                                let state = cell.state;
                                // The office's review of the projects reported: returned ones first, then those waiting.
                                let review = {
                                    let month = tb.months[m];
                                    let (mut returned, mut waiting, mut passed) = (0, 0, 0);
                                    c.flow.with(|f| c.baseline.with(|plan| {
                                        for &i in cell.expected.iter().filter(|i| !cell.missing.contains(i)) {
                                            match plan.projects.get(i).and_then(|p| f.review_state(&p.id, month)) {
                                                Some(crate::domain::flow::State::Returned) => returned += 1,
                                                Some(crate::domain::flow::State::Passed) => passed += 1,
                                                Some(_) => waiting += 1,
                                                None => {}
                                            }
                                        }
                                    }));
                                    if returned > 0 {
                                        Some(("returned", format!("{} {returned}", t.st_returned)))
                                    } else if waiting > 0 {
                                        Some(("pending", format!("{} {waiting}", t.st_pending)))
                                    } else if passed > 0 {
                                        Some(("passed", t.st_passed.to_string()))
                                    } else {
                                        None
                                    }
                                };
                                let label = format!("{} {} {}", unit, month_end_name(tb.months[m].month, lang), state_label(state, t));
                                let clickable = !cell.missing.is_empty() || !cell.late.is_empty();
                                view! {
                                    <td class=format!("sub-cell sub-{}", state.code())>
                                        {if clickable {
                                            view! {
                                                <button class="sub-button" aria-label=label aria-pressed=move || (chosen.get() == Some((u, m))).to_string()
                                                    on:click=move |_| chosen.update(|x| *x = if *x == Some((u, m)) { None } else { Some((u, m)) })>
                                                    <span aria-hidden="true">{state_symbol(state)}</span>" "{state_label(state, t)}
                                                </button>
                                            }.into_any()
                                        } else {
                                            view! { <span title=label><span aria-hidden="true">{state_symbol(state)}</span>" "{state_label(state, t)}</span> }.into_any()
                                        }}
                                        {review.map(|(code, text)| view! { <span class=format!("sub-review state-chip state-{code}")>{text}</span> })}
                                    </td>
                                }
                            }).collect_view();
                            view! { <tr><th scope="row">{unit.clone()}</th>{cells}</tr> }
                        }).collect_view())}
                    </tbody>
                    <tfoot>
                        {move || table.with(|tb| CellState::ALL.into_iter().filter(|s| *s != CellState::NothingExpected).map(|s| view! {
                            <tr>
                                <th scope="row"><span class=format!("sub-cell sub-{}", s.code())><span aria-hidden="true">{state_symbol(s)}</span>" "{state_label(s, t)}</span></th>
                                {(0..tb.months.len()).map(|m| {
                                    let n = tb.counts(m).into_iter().find(|(x, _)| *x == s).map_or(0, |(_, n)| n);
                                    view! { <td class="num">{n}</td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view())}
                    </tfoot>
                </table>
            </div>
            {move || chosen.get().and_then(|(u, m)| table.with(|tb| {
                let plan = c.plan.get_untracked();
                let cell = tb.cells.get(u)?.get(m)?.clone();
                let names = |list: &[usize]| list.iter().map(|&i| view! { <li>{plan.projects[i].name.clone()}</li> }).collect_view();
                Some(view! {
                    <section class="panel sub-detail" role="region" aria-labelledby="sub-detail-title">
                        <h3 id="sub-detail-title">{(t.sub_cell_title)(&tb.units[u], &month_name(tb.months[m].month, lang))}</h3>
                        {(!cell.missing.is_empty()).then(|| view! { <h4>{t.sub_missing_projects}</h4><ul>{names(&cell.missing)}</ul> })}
                        {(!cell.late.is_empty()).then(|| view! { <h4>{t.sub_late_projects}</h4><ul>{names(&cell.late)}</ul> })}
                    </section>
                })
            }))}
        </section>
    }
}
