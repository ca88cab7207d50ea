//! 较上期: an arrow for a project whose light moved since the month-end before the report date (↑
//! better, ↓ worse), with the change in words for screen readers and as a tooltip; a dash when unchanged.

use super::super::state::ctx;
use crate::domain::changes::{change_of, Direction};
use crate::domain::messages::light_label;
use leptos::prelude::*;

#[component]
pub fn ChangeMark(index: usize) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    move || {
        let lang = c.lang.get();
        let change = c.previous.with(|before| c.statuses.with(|after| change_of(index, before.get(index), &after[index])));
        match change {
            None => view! { <span class="change change-same" title=t.change_same><span aria-hidden="true">"—"</span><span class="visually-hidden">{t.change_same}</span></span> }.into_any(),
            Some(ch) => {
                let (from, to) = (light_label(ch.from, ch.from_overdue, lang), light_label(ch.to, ch.to_overdue, lang));
                let (class, arrow, words) = match ch.direction {
                    Direction::Worse => ("change change-worse", "↓", (t.change_worse)(from, to)),
                    Direction::Better => ("change change-better", "↑", (t.change_better)(from, to)),
                };
                let title = words.clone();
                view! { <span class=class title=title><span aria-hidden="true">{arrow}</span><span class="visually-hidden">{words}</span></span> }.into_any()
            }
        }
    }
}
