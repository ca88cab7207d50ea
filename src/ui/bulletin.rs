//! 通报: the quarterly bulletin for a chosen quarter, as a printable notice with its table; copy as
//! text, print, download. The text is `domain::bulletin`, judged at the quarter's end.

use super::download::download_text;
use super::state::{ctx, Level};
use crate::domain::bulletin::{bulletin, bulletin_dates, bulletin_submissions, quarter_end, to_text, Sources};
use crate::domain::messages::{light_label, quarter_name, Note};
use crate::domain::status::Light;
use leptos::prelude::*;

#[component]
pub fn BulletinView() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let default_quarter = move || {
        // The last quarter that has ended by the report date (the first quarter before that).
        let d = c.report_date.get();
        let q = d.month().div_ceil(3);
        let ended = quarter_end(d.year(), q).is_some_and(|end| end <= d);
        if ended { q } else { q.saturating_sub(1).max(1) }
    };
    let quarter = Memo::new(move |_| c.view.with(|v| v.quarter).unwrap_or_else(default_quarter));
    let content = Memo::new(move |_| {
        let plan = c.plan.get();
        let q = quarter.get();
        let lang = c.lang.get();
        // The statuses at both quarter ends are kept between visits (`Ctx::statuses_at`).
        let (date, before) = bulletin_dates(&plan, q);
        let (statuses, previous) = (c.statuses_at(date), c.statuses_at(before));
        let flow = c.flow.get();
        c.ledger_view.with(|view| {
            let submissions = bulletin_submissions(&plan, view, &c.settings.get(), q, c.today);
            c.rows.with(|rows| bulletin(&Sources { plan: &plan, view, statuses: &statuses, previous: &previous, rows, quarter: q, submissions: &submissions, flow: Some(&*flow) }, lang))
        })
    });
    let copy = move |_| {
        let text = to_text(&content.get_untracked(), c.lang.get_untracked());
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else { return };
        let promise = clipboard.write_text(&text);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => c.notify(Level::Info, Note::Copied),
                Err(_) => c.notify(Level::Warning, Note::CopyRefused),
            }
        });
    };
    let download = move |_| {
        let b = content.get_untracked();
        let text = to_text(&b, c.lang.get_untracked());
        download_text(&format!("bulletin-{}.txt", b.date), "text/plain;charset=utf-8", &format!("\u{FEFF}{text}"));
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="bulletin-view" aria-labelledby="bulletin-view-title">
            <div class="panel row no-print">
                <h2 id="bulletin-view-title" class="view-title">{t.view_bulletin}</h2>
                <label class="field inline">
                    <span class="field-label">{t.quarter}</span>
                    <select
                        aria-label=t.quarter
                        on:change=move |ev| {
                            let q = event_target_value(&ev).parse().ok();
                            c.update_view(|v| v.quarter = q);
                        }
                    >
                        {move || {
                            let lang = c.lang.get();
                            let current = quarter.get();
                            (1..=4u8).map(|q| view! { <option value=q.to_string() selected=q == current>{quarter_name(q, lang)}</option> }).collect_view()
                        }}
                    </select>
                </label>
                <span class="grow"></span>
                <button class="button" on:click=copy>{t.copy_text}</button>
                <button class="button" on:click=download>{t.download_text}</button>
                <button class="button primary" on:click=print>{t.print}</button>
            </div>
            {move || {
                let b = content.get();
                let lang = c.lang.get();
                let tt = lang.t();
                view! {
                    <article class="bulletin" aria-labelledby="bulletin-title">
                        <h2 id="bulletin-title" class="bulletin-title">{b.title.clone()}</h2>
                        <p class="bulletin-lead">{b.lead.clone()}</p>
                        <table class="data-table bulletin-table">
                            <thead>
                                <tr>
                                    <th scope="col">{tt.col_category}</th>
                                    {Light::ALL.into_iter().map(|l| view! { <th scope="col" class="num">{light_label(l, false, lang)}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {b.table.iter().map(|(label, counts)| view! {
                                    <tr>
                                        <th scope="row">{label.clone()}</th>
                                        {Light::ALL.into_iter().map(|l| view! { <td class="num">{counts.get(l)}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        {b.sections.iter().map(|s| view! {
                            <section class="bulletin-section">
                                <h3>{s.heading.clone()}</h3>
                                {s.paragraphs.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
                            </section>
                        }).collect_view()}
                    </article>
                }
            }}
        </section>
    }
}
