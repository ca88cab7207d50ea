//! 督办单: a notice per project of the current filter that is seriously behind (red), behind (yellow)
//! or has a milestone due soon (blue). The required action and the reply-by date are edited here
//! before printing; printing numbers the notices not yet numbered (督办〔YEAR〕第 N 号, kept in the
//! ledger's register) and prints one notice a page. Drafts, numbering and the notice's words are
//! `domain::supervision`.

use super::actions;
use super::state::ctx;
use super::storage;
use crate::domain::date::Date;
use crate::domain::supervision::{document, drafts, Draft};
use leptos::prelude::*;
use std::collections::HashMap;

#[component]
pub fn SupervisionView() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let office = RwSignal::new(storage::office().unwrap_or_else(|| t.default_office.to_string()));
    // What the office changed before printing, by project index.
    let edits = RwSignal::new(HashMap::<usize, (String, Date)>::new());
    let list = Memo::new(move |_| {
        let plan = c.plan.get();
        let mut ds = c.statuses.with(|s| c.rows.with(|rows| c.ledger.with(|l| drafts(&plan, s, rows, l, c.report_date.get(), c.today, c.lang.get()))));
        edits.with(|e| {
            for d in ds.iter_mut().filter(|d| d.no.is_none()) {
                if let Some((action, reply_by)) = e.get(&d.project) {
                    d.action = action.clone();
                    d.reply_by = *reply_by;
                }
            }
        });
        ds
    });
    // Which notice is printed alone (`None`: all).
    let only = RwSignal::new(None::<usize>);
    let print = move |which: Option<usize>| {
        let plan = c.plan.get_untracked();
        let chosen: Vec<Draft> = list.with_untracked(|l| l.iter().filter(|d| which.is_none_or(|p| d.project == p)).cloned().collect());
        if chosen.iter().any(|d| d.no.is_none()) && !actions::issue_notices(c, &plan, &chosen, &office.get_untracked()) {
            return;
        }
        only.set(which);
        // Print after the numbers are on the page.
        set_timeout(
            move || {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
                only.set(None);
            },
            std::time::Duration::from_millis(150),
        );
    };
    view! {
        <section class="supervision-view" aria-labelledby="notices-title">
            <div class="panel row no-print">
                <h2 id="notices-title" class="view-title">{t.view_notices}</h2>
                <label class="field inline">
                    <span class="field-label">{t.notice_office}</span>
                    <input type="text" aria-label=t.notice_office prop:value=move || office.get()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            storage::store_office(&v);
                            office.set(v);
                        } />
                </label>
                <p class="muted grow" role="status">{move || list.with(|l| (t.notices_count)(l.len(), l.iter().filter(|d| d.no.is_some()).count()))}</p>
                <button class="button primary" disabled=move || list.with(Vec::is_empty) on:click=move |_| print(None)>{t.print_all}</button>
            </div>
            <p class="muted no-print">{t.notices_hint}</p>
            {move || list.with(Vec::is_empty).then(|| view! { <div class="empty-state"><p>{t.no_notices}</p></div> })}
            {move || {
                let plan = c.plan.get();
                let issued_on = c.today;
                list.get().into_iter().map(|d| {
                    let doc = c.statuses.with(|s| document(&plan, s, &d, &office.get(), issued_on, c.lang.get()));
                    let project = d.project;
                    let name = plan.projects[project].name.clone();
                    let editable = d.no.is_none();
                    let (action, reply_by) = (d.action.clone(), d.reply_by);
                    let hidden_in_print = move || only.get().is_some_and(|p| p != project);
                    view! {
                        <article class="notice-card" class:no-print=hidden_in_print aria-label=format!("{} {}", doc.band, name)>
                            <div class="panel row no-print notice-edit">
                                <label class="field grow">
                                    <span class="field-label">{t.notice_action}</span>
                                    <textarea rows="2" aria-label=format!("{name} {}", t.notice_action) disabled=!editable
                                        prop:value=action.clone()
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            edits.update(|e| e.entry(project).or_insert_with(|| (String::new(), reply_by)).0 = v);
                                        }></textarea>
                                </label>
                                <label class="field">
                                    <span class="field-label">{t.notice_reply_by}</span>
                                    <input type="date" aria-label=format!("{name} {}", t.notice_reply_by) disabled=!editable
                                        prop:value=reply_by.to_string()
                                        on:change=move |ev| {
                                            if let Some(date) = Date::parse_iso(&event_target_value(&ev)) {
                                                let action = action.clone();
                                                edits.update(|e| e.entry(project).or_insert_with(|| (action, date)).1 = date);
                                            }
                                        } />
                                </label>
                                <button class="button" on:click=move |_| print(Some(project))>{t.print_one}</button>
                            </div>
                            <div class=format!("notice-sheet notice-{}", doc.level.code())>
                                <div class="notice-band"><span>{doc.band.clone()}</span></div>
                                <h3 class="notice-title">{doc.title.clone()}</h3>
                                <p class="notice-number">{doc.number.clone()}</p>
                                <table class="notice-table">
                                    <tbody>
                                        {doc.rows.iter().map(|(label, value)| view! {
                                            <tr><th scope="row">{label.clone()}</th><td>{value.clone()}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <p class="notice-signature">{(t.labelled)(t.notice_signature, &doc.office)}<br />{doc.date.clone()}</p>
                            </div>
                        </article>
                    }
                }).collect_view()
            }}
        </section>
    }
}
