//! The lead-unit ranking slide.

use super::super::state::ctx;
use crate::domain::messages::percent;
use crate::domain::slides::RANKING_ROWS;
use leptos::prelude::*;

#[component]
pub(super) fn RankingSlide(ranks: Memo<Vec<crate::domain::status::UnitRank>>, page: usize) -> impl IntoView {
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
