//! The history of a project's entries: who reported what and when, what replaced what; deleting, and
//! accepting or rejecting entries from units not named on the project.

use super::actions::{decide, delete};
use super::state::ctx;
use crate::domain::ledger::{Entry, Issue, Reported, Standing};
use crate::domain::messages::{entry_subject, entry_value, report_lines};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Current,
    Replaced,
    Deletion,
    Pending,
    Rejected,
}

#[component]
pub fn History(project_id: String) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let pid = project_id.clone();
    let rows = Memo::new(move |_| {
        let ledger_view = c.ledger_view.get();
        c.ledger.with(|l| {
            let superseded = &ledger_view.superseded;
            let mut list: Vec<(Entry, Mark)> = l
                .entries
                .values()
                .filter(|e| e.project == pid)
                .map(|e| {
                    let standing = ledger_view.issues.iter().find_map(|i| match i {
                        Issue::Unauthorized { entry, standing } if *entry == e.id => Some(*standing),
                        _ => None,
                    });
                    let mark = if e.deleted {
                        Mark::Deletion
                    } else if superseded.contains(&e.id) {
                        Mark::Replaced
                    } else {
                        match standing {
                            Some(Standing::Pending) => Mark::Pending,
                            Some(Standing::Rejected) => Mark::Rejected,
                            _ => Mark::Current,
                        }
                    };
                    (e.clone(), mark)
                })
                .collect();
            crate::domain::order::sort_by(&mut list, |a, b| (&b.0.recorded_at, &b.0.id).cmp(&(&a.0.recorded_at, &a.0.id)));
            list
        })
    });
    let project = c.plan.with_untracked(|p| p.project(&project_id).cloned());
    view! {
        <section class="panel" aria-labelledby="history-title">
            <h3 id="history-title">{t.history}</h3>
            {move || {
                let list = rows.get();
                let lang = c.lang.get();
                let tt = lang.t();
                let Some(project) = project.clone() else { return ().into_any() };
                if list.is_empty() {
                    return view! { <p class="muted">{tt.no_entries}</p> }.into_any();
                }
                view! {
                    <table class="data-table history">
                        <thead>
                            <tr>
                                <th scope="col">{tt.recorded_at}</th>
                                <th scope="col">{tt.reporter}</th>
                                <th scope="col">{tt.subject}</th>
                                <th scope="col" class="num">{tt.value}</th>
                                <th scope="col">{tt.as_of}</th>
                                <th scope="col">{tt.note}</th>
                                <th scope="col">{tt.state}</th>
                                <th scope="col"><span class="visually-hidden">{tt.actions}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|(e, mark)| {
                                    let mark_text = match mark {
                                        Mark::Current => tt.entry_current,
                                        Mark::Replaced => tt.entry_replaced,
                                        Mark::Deletion => tt.entry_deletion,
                                        Mark::Pending => tt.entry_pending,
                                        Mark::Rejected => tt.entry_rejected,
                                    };
                                    let e2 = e.id.clone();
                                    let e3 = e.id.clone();
                                    let e4 = e.id.clone();
                                    let time = e.recorded_at.replace('T', " ").chars().take(19).collect::<String>();
                                    view! {
                                        <tr class:superseded=mark == Mark::Replaced || mark == Mark::Deletion>
                                            <td class="num">{time}</td>
                                            <td>{e.unit.clone()}<div class="muted">{e.person.clone()}</div></td>
                                            <td>{entry_subject(Some(&project), &e, lang)}</td>
                                            {match &e.reported {
                                                Reported::Texts(texts) => view! {
                                                    <td class="report-texts">
                                                        {report_lines(texts, lang).into_iter().map(|(label, text)| view! {
                                                            <p><strong>{label}</strong>" "{text}</p>
                                                        }).collect_view()}
                                                    </td>
                                                }.into_any(),
                                                _ => view! { <td class="num">{entry_value(Some(&project), &e, lang)}</td> }.into_any(),
                                            }}
                                            <td class="num">{e.as_of.to_string()}</td>
                                            <td>{e.note.clone()}</td>
                                            <td>{mark_text}</td>
                                            <td class="actions">
                                                {(mark == Mark::Current || mark == Mark::Pending)
                                                    .then(|| {
                                                        view! {
                                                            <button
                                                                class="button small danger"
                                                                on:click=move |_| delete(c, &e2)
                                                            >
                                                                {tt.delete}
                                                            </button>
                                                        }
                                                    })}
                                                {(mark == Mark::Pending || mark == Mark::Rejected)
                                                    .then(|| {
                                                        view! {
                                                            <button class="button small" on:click=move |_| decide(c, &e3, true)>
                                                                {tt.accept}
                                                            </button>
                                                        }
                                                    })}
                                                {(mark == Mark::Pending)
                                                    .then(|| {
                                                        view! {
                                                            <button class="button small" on:click=move |_| decide(c, &e4, false)>
                                                                {tt.reject}
                                                            </button>
                                                        }
                                                    })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}
