//! 清单中已有的进展: in 导入清单's review, the figures the list's own progress columns give
//! (`domain::list_progress`), listed and offered as a progress file. Nothing is applied here: the
//! office merges the file in 数据交换 after its preview, like any unit's file.

use super::super::download::download_text;
use super::super::env;
use super::super::state::ctx;
use crate::domain::date::Date;
use crate::domain::exchange::{write_progress_file, PlanRef};
use crate::domain::list_progress::{offers_ledger, progress_offers};
use crate::domain::messages::amount;
use crate::domain::plan::Plan;
use leptos::prelude::*;

#[component]
pub(super) fn ListOffers(plan: Plan) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let offers = progress_offers(&plan);
    if offers.is_empty() {
        return ().into_any();
    }
    let items: Vec<String> = offers
        .iter()
        .filter_map(|o| {
            let p = plan.projects.iter().find(|p| p.id == o.project)?;
            let i = p.indicators.iter().find(|i| i.id == o.indicator)?;
            Some((t.list_progress_item)(&p.name, &o.column, &o.text, &amount(o.value, &i.unit)))
        })
        .collect();
    let count = offers.len();
    let plan = StoredValue::new(plan);
    let offers = StoredValue::new(offers);
    let download = move |_| {
        let (plan, offers) = (plan.get_value(), offers.get_value());
        // As of today within the list's year: the day the office takes the list's word for it.
        let today = env::today();
        let as_of = match (Date::new(plan.year, 1, 1), Date::new(plan.year, 12, 31)) {
            (Some(first), Some(last)) => today.clamp(first, last),
            _ => today,
        };
        let ledger = offers_ledger(&plan, &offers, as_of, &mut env::BrowserMinter);
        let text = write_progress_file(&PlanRef::of(&plan), &ledger, &env::now_iso(), None);
        download_text(&format!("minsheng-progress-{}-list.json", plan.year), "application/json", &text);
    };
    view! {
        <section class="list-offers" role="region" aria-labelledby="list-offers-title">
            <h4 id="list-offers-title">{t.list_progress_title}</h4>
            <p class="muted">{(t.list_progress_hint)(count)}</p>
            <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            <button class="button" on:click=download>{t.list_progress_download}</button>
        </section>
    }
    .into_any()
}
