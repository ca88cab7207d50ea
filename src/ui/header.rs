//! The top bar: title, plan choice, report date (统计日期), language and presentation mode.

use super::shared::first_frame_painted;
use super::state::ctx;
use crate::domain::date::Date;
use crate::domain::messages::month_end_name;
use leptos::prelude::*;

thread_local! {
    /// Whether this page has shown its date field yet (see `Header`).
    static DATE_FIELD_SET_UP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[component]
pub fn Header() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let year = Memo::new(move |_| c.plan.with(|p| p.year));
    // A page's first `<input type=date>` sets up the browser's date formats and picker (7 ms of the
    // timeline's first frame at 48 projects, measured): the first frame shows the date as read-only
    // text in the same box, which becomes the date field once that frame is painted. A header built
    // later (after a change of language) has a date field from the start.
    let painted = first_frame_painted();
    let date_field = move || {
        if DATE_FIELD_SET_UP.get() {
            return true;
        }
        let ready = painted.get();
        if ready {
            DATE_FIELD_SET_UP.set(true);
        }
        ready
    };
    // The year is read before the view state is taken for writing (the plan memo reads the view state).
    let on_date = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let y = year.get_untracked();
        let date = Date::parse_iso(&value).filter(|d| d.year() == y);
        c.update_view(|v| v.report_date = date);
    };
    let on_quick = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Ok(m) = value.parse::<u8>() {
            let date = Date::month_end(year.get_untracked(), m);
            c.update_view(|v| v.report_date = date);
        }
    };
    let plan_choice = move || {
        let plans = c.plans.get();
        (plans.len() > 1).then(|| {
            let current = c.plan.with(|p| p.id.clone());
            view! {
                <label class="field inline">
                    <span class="field-label">{c.lang.get_untracked().t().plan_choice}</span>
                    <select
                        aria-label=c.lang.get_untracked().t().plan_choice
                        on:change=move |ev| {
                            let id = event_target_value(&ev);
                            // Another list has other units and categories: its view starts afresh.
                            c.update_view(|v| {
                                v.plan = Some(id);
                                v.project = None;
                                v.report_date = None;
                                v.filters = Default::default();
                            });
                        }
                    >
                        {plans
                            .into_iter()
                            .map(|p| {
                                let selected = p.plan.id == current;
                                let label = if p.imported {
                                    (c.lang.get_untracked().t().imported_title)(&p.plan.title)
                                } else {
                                    p.plan.title.clone()
                                };
                                view! { <option value=p.plan.id.clone() selected=selected>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
            }
        })
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <h1>{t.app_title}</h1>
                <p class="plan-title">{move || c.plan.with(|p| p.title.clone())}</p>
            </div>
            <div class="header-tools">
                {plan_choice}
                <div class="report-date">
                    <label class="field inline">
                        <span class="field-label">{t.report_date}</span>
                        <input
                            type=move || if date_field() { "date" } else { "text" }
                            readonly=move || !date_field()
                            aria-label=t.report_date
                            prop:value=move || c.report_date.get().to_string()
                            min=move || format!("{}-01-01", year.get())
                            max=move || format!("{}-12-31", year.get())
                            on:change=on_date
                        />
                    </label>
                    <select aria-label=t.month_end_pick on:change=on_quick prop:value="">
                        <option value="">{t.month_end_pick}</option>
                        {move || {
                            let lang = c.lang.get();
                            (1..=12u8)
                                .map(|m| view! { <option value=m.to_string()>{month_end_name(m, lang)}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <button
                    class="button"
                    on:click=move |_| super::present::enter(c)
                >
                    {t.present}
                </button>
                <button
                    class="button ghost"
                    lang=move || c.lang.get().other().html_lang()
                    on:click=move |_| c.set_lang(c.lang.get_untracked().other())
                >
                    {t.lang_switch}
                </button>
            </div>
        </header>
    }
}
