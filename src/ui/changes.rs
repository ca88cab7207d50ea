//! 较上期变化: the projects whose light moved between two report dates (by default the latest month-end
//! with reports and the one before), worse first, each with both lights and today's reason. The
//! comparison is `domain::changes`; the dates live in the address bar (`c1`, `c2`).

use super::shared::{open_on_click, project_href, StatusLight};
use super::state::ctx;
use crate::domain::changes::{changes, count_changes, default_periods, Direction, LightChange};
use crate::domain::date::Date;
use crate::domain::messages::reason;
use leptos::prelude::*;

/// Rows of a group shown at first, and added by each 显示更多.
const SHOWN_AT_ONCE: usize = 100;

#[component]
pub fn ChangesView() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let periods = Memo::new(move |_| {
        let plan = c.plan.get();
        c.view.with(|v| v.compare).unwrap_or_else(|| c.ledger_view.with(|lv| default_periods(&plan, lv, c.report_date.get())))
    });
    let list = Memo::new(move |_| {
        let (from, to) = periods.get();
        // Statuses at both dates are kept between visits (`Ctx::statuses_at`).
        let (before, after) = (c.statuses_at(from), c.statuses_at(to));
        c.rows.with(|rows| changes(&before, &after, rows))
    });
    let year = c.plan.with_untracked(|p| p.year);
    let set_date = move |first: bool, text: String| {
        let Some(d) = Date::parse_iso(&text).filter(|d| d.year() == year) else { return };
        let (a, b) = periods.get_untracked();
        let (a, b) = if first { (d, b) } else { (a, d) };
        c.update_view(|v| v.compare = Some((a.min(b), a.max(b))));
    };
    let group = move |direction: Direction, heading: &'static str| {
        // A group of thousands is shown a part at a time.
        let limit = RwSignal::new(SHOWN_AT_ONCE);
        move || {
            let (total, items): (usize, Vec<LightChange>) = list.with(|l| {
                let of_group = || l.iter().filter(|x| x.direction == direction);
                (of_group().count(), of_group().take(limit.get()).cloned().collect())
            });
            let more = (items.len() < total).then(|| {
                let shown = items.len();
                view! { <button class="button ghost show-more" on:click=move |_| limit.update(|l| *l += SHOWN_AT_ONCE)>{(t.show_more)(shown, total)}</button> }
            });
            (total > 0).then(|| {
                let plan = c.plan.get_untracked();
                view! {
                    <section class="panel changes-group">
                        <h3>{heading}" "<span class="muted num">{total}</span></h3>
                        <table class="data-table">
                            <thead><tr>
                                <th scope="col">{t.col_name}</th>
                                <th scope="col">{t.col_lead_unit}</th>
                                <th scope="col">{t.compare_from}</th>
                                <th scope="col">{t.compare_to}</th>
                                <th scope="col">{t.reason}</th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|ch| {
                                    let p = &plan.projects[ch.project];
                                    let id = p.id.clone();
                                    view! {
                                        <tr class=format!("change-{}", if direction == Direction::Worse { "worse" } else { "better" })>
                                            <th scope="row">
                                                <a class="project-link" href=project_href(c, &id) on:click=open_on_click(c, id.clone())>{p.name.clone()}</a>
                                                {ch.newly_overdue.then(|| view! { <span class="flag flag-warn">{t.newly_overdue}</span> })}
                                                {ch.newly_done.then(|| view! { <span class="flag flag-done">{t.newly_done}</span> })}
                                            </th>
                                            <td>{p.lead_unit.to_string()}</td>
                                            <td><StatusLight light=ch.from overdue=ch.from_overdue lang /></td>
                                            <td><StatusLight light=ch.to overdue=ch.to_overdue lang /></td>
                                            <td class="reason">{ch.reason.as_ref().map(|r| reason(r, lang))}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        {more}
                    </section>
                }
            })
        }
    };
    view! {
        <section class="changes-view" aria-labelledby="changes-title">
            <div class="panel row">
                <h2 id="changes-title" class="view-title">{t.view_changes}</h2>
                <label class="field inline">
                    <span class="field-label">{t.compare_from}</span>
                    <input type="date" aria-label=t.compare_from prop:value=move || periods.get().0.to_string()
                        min=format!("{year}-01-01") max=format!("{year}-12-31")
                        on:change=move |ev| set_date(true, event_target_value(&ev)) />
                </label>
                <label class="field inline">
                    <span class="field-label">{t.compare_to}</span>
                    <input type="date" aria-label=t.compare_to prop:value=move || periods.get().1.to_string()
                        min=format!("{year}-01-01") max=format!("{year}-12-31")
                        on:change=move |ev| set_date(false, event_target_value(&ev)) />
                </label>
                <p class="muted grow" role="status">{move || {
                    let (a, b) = periods.get();
                    list.with(|l| {
                        let n = count_changes(l);
                        (t.b_changes_lead)(n.better, n.worse, n.newly_overdue, n.newly_done)
                            + " " + &(t.changes_between)(&a.to_string(), &b.to_string())
                    })
                }}</p>
            </div>
            <p class="muted">{t.changes_hint}</p>
            {move || list.with(Vec::is_empty).then(|| view! { <div class="empty-state"><p>{t.changes_none}</p></div> })}
            {group(Direction::Worse, t.changes_worse)}
            {group(Direction::Better, t.changes_better)}
        </section>
    }
}
