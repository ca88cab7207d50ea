//! The preview of a merge: what the files add and the issues they raise, before anything is applied.

use super::Pending;
use super::issues::IssueList;
use super::super::state::ctx;
use leptos::prelude::*;

#[component]
pub(super) fn Preview(pending: Pending, on_apply: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let p2 = pending.preview.clone();
    let (new_entries, known, issue_count) = (p2.new_entries, p2.known_entries, p2.new_issues.len());
    view! {
        <section class="panel preview" role="region" aria-labelledby="preview-title">
            <h3 id="preview-title">{t.preview_title}</h3>
            <p>{pending.files.join(t.list_sep)}</p>
            <ul class="preview-figures">
                <li>{(t.preview_new)(new_entries)}</li>
                <li>{(t.preview_known)(known)}</li>
                <li>{(t.preview_issues)(issue_count)}</li>
                {(p2.new_acts > 0).then(|| view! { <li>{(t.preview_acts)(p2.new_acts)}</li> })}
            </ul>
            {(!p2.set_aside.is_empty()).then(|| {
                let office = c.office.get_untracked();
                let files = pending.files.clone();
                let mut by_file: Vec<(usize, usize)> = Vec::new();
                for (i, _) in &p2.set_aside {
                    match by_file.iter_mut().find(|(f, _)| f == i) {
                        Some((_, n)) => *n += 1,
                        None => by_file.push((*i, 1)),
                    }
                }
                view! {
                    <section class="notice warning set-aside" role="alert" aria-label=(t.set_aside_title)(p2.set_aside.len())>
                        <h4>{(t.set_aside_title)(p2.set_aside.len())}</h4>
                        <ul>
                            {by_file.into_iter().map(|(i, n)| {
                                let file = files.get(i).cloned().unwrap_or_default();
                                view! { <li>{(t.paren)(&(t.set_aside_why)(&file, &office), &n.to_string())}</li> }
                            }).collect_view()}
                        </ul>
                        <ul class="set-aside-records">
                            {p2.set_aside.iter().map(|(_, a)| {
                                let what = crate::domain::messages::act_summary(a, c.lang.get_untracked());
                                view! { <li>{format!("{} · {} · {}", a.unit, crate::domain::flow::time_text(&a.recorded_at), what)}</li> }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })}
            {(!p2.units.is_empty()).then(|| {
                let units = p2.units.clone();
                view! {
                    <table class="data-table compact">
                        <thead><tr><th scope="col">{t.reporting_unit}</th><th scope="col" class="num">{t.new_entries}</th></tr></thead>
                        <tbody>{units.into_iter().map(|(u, n)| view! { <tr><td>{u}</td><td class="num">{n}</td></tr> }).collect_view()}</tbody>
                    </table>
                }
            })}
            {(!p2.plan_mismatch.is_empty()).then(|| view! { <p class="notice warning">{t.plan_mismatch}</p> })}
            <IssueList issues=p2.new_issues.clone() ledger=p2.merged.clone() actionable=false />
            <div class="row">
                <button class="button primary" on:click=move |_| on_apply.run(())>{t.apply_merge}</button>
                <button class="button" on:click=move |_| on_cancel.run(())>{t.cancel}</button>
            </div>
        </section>
    }
}
