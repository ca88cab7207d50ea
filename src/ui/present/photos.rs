//! 现场照片: a project's site photos (佐证材料), the newest six, large enough for the back of a room,
//! each with its 说明 and 拍摄时间.

use super::super::evidence::LazyImage;
use super::super::state::ctx;
use crate::domain::evidence;
use leptos::prelude::*;

/// Photos a slide shows at most.
const PHOTOS_PER_SLIDE: usize = 6;

#[component]
pub(super) fn PhotosSlide(project: usize) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let Some(p) = c.baseline.with_untracked(|plan| plan.projects.get(project).cloned()) else { return ().into_any() };
    let mut photos: Vec<evidence::Attachment> = c.ledger.with_untracked(|l| evidence::of_project(l, &p.id)).into_iter().filter(evidence::Attachment::is_image).collect();
    photos.reverse();
    photos.truncate(PHOTOS_PER_SLIDE);
    view! {
        <h2 class="slide-title">{t.photos_title}<span class="slide-subtitle">{p.name.clone()}</span></h2>
        <ul class="slide-photos" aria-label=t.photos_title>
            {photos.into_iter().map(|a| {
                let caption = if a.caption.is_empty() { a.name.clone() } else { a.caption.clone() };
                let taken = a.taken_at.clone().map(|x| x.replace('T', " "));
                view! {
                    <li>
                        <figure>
                            <LazyImage a=a.clone() />
                            <figcaption>{caption}{taken.map(|x| view! { <span class="muted">" · "{t.evidence_taken_at}" "{x}</span> })}</figcaption>
                        </figure>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
