//! The title slide and the overall status: the counts of each light as tiles, and progress by category.

use super::super::shared::Shape;
use super::super::state::{ctx, Ctx};
use crate::domain::dashboard::by_category;
use crate::domain::messages::{light_label, percent_value};
use crate::domain::status::{Counts, Light};
use leptos::prelude::*;

pub(super) fn counts_of(c: Ctx) -> Counts {
    c.statuses.with(|s| c.rows.with(|rows| Counts::of(rows.iter().map(|&i| &s[i].light))))
}

#[component]
pub(super) fn StatusTiles() -> impl IntoView {
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
pub(super) fn TitleSlide() -> impl IntoView {
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
pub(super) fn OverviewSlide() -> impl IntoView {
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
