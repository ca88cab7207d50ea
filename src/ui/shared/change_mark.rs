//! 较上期: an arrow for a project whose light moved since the month-end before the report date (↑
//! better, ↓ worse), with the change in words for screen readers and as a tooltip; a dash when unchanged.

use super::super::state::ctx;
use crate::domain::changes::{change_of, Direction, LightChange};
use crate::domain::markup::Markup;
use crate::i18n::Lang;
use crate::markup;
use crate::domain::messages::light_label;
use leptos::prelude::*;

/// The mark as markup (texts escaped): a dash when the light did not move, else an arrow with the
/// change in words.
pub fn change_mark_html(change: Option<LightChange>, lang: Lang) -> Markup {
    let t = lang.t();
    let (class, arrow, words) = match change {
        None => ("change change-same", "—", t.change_same.to_string()),
        Some(ch) => {
            let (from, to) = (light_label(ch.from, ch.from_overdue, lang), light_label(ch.to, ch.to_overdue, lang));
            match ch.direction {
                Direction::Worse => ("change change-worse", "↓", (t.change_worse)(from, to)),
                Direction::Better => ("change change-better", "↑", (t.change_better)(from, to)),
            }
        }
    };
    markup!(
        r#"<span class="{class}" title="{words}"><span aria-hidden="true">{arrow}</span><span class="visually-hidden">{words}</span></span>"#,
        class = class,
        words = words,
        arrow = arrow,
    )
}

/// The change of project `index` between the month-end before the report date and the report date.
pub fn change_at(index: usize) -> Option<LightChange> {
    let c = ctx();
    c.previous.with(|before| c.present.with(|after| change_of(index, before.get(index), after.get(index))))
}
