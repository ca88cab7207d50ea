//! One slide of the deck (`domain::slides::Slide`): the component each kind of slide is.

use super::changes::ChangesSlide;
use super::outcomes::LoopSlide;
use super::photos::PhotosSlide;
use super::matters::MattersSlide;
use super::overview::{OverviewSlide, TitleSlide};
use super::projects::ProjectTable;
use super::ranking::RankingSlide;
use super::timeline::TimelineSlide;
use super::super::state::ctx;
use crate::domain::changes::LightChange;
use crate::domain::matters::LeaderMatters;
use crate::domain::slides::Slide;
use leptos::prelude::*;

#[component]
pub(super) fn SlideView(
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
        Slide::Loop { projects, page } => view! { <LoopSlide projects page /> }.into_any(),
        Slide::Photos { project } => view! { <PhotosSlide project /> }.into_any(),
        Slide::Matters { group, matters: range, page } => view! { <MattersSlide group range page matters /> }.into_any(),
    }
}
