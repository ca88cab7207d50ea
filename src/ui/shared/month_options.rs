//! The twelve month-ends as a select's options (9月底, 10月底…), in the language of the moment: the one
//! writing of them for 填报's month, a 月报's month and the 台账's month.

use super::super::state::ctx;
use crate::domain::messages::month_end_name;
use leptos::prelude::*;

#[component]
pub fn MonthEndOptions(#[prop(into)] selected: Signal<u8>) -> impl IntoView {
    let c = ctx();
    move || {
        let lang = c.lang.get();
        let current = selected.get();
        (1..=12u8).map(|m| view! { <option value=m.to_string() selected=m == current>{month_end_name(m, lang)}</option> }).collect_view()
    }
}
