//! The table of a category's (or the behind) projects on a slide; a clicked row is enlarged with its
//! whole plan text (the 'laser').

use super::super::shared::StatusLight;
use super::super::state::ctx;
use crate::domain::messages::{amount, reason};
use crate::domain::status::Light;
use leptos::prelude::*;

#[component]
pub(super) fn ProjectTable(projects: Vec<usize>, laser: RwSignal<Option<usize>>, reasons_only: bool) -> impl IntoView {
    let c = ctx();
    view! {
        <table class="slide-table projects">
            <thead><tr>
                <th scope="col" class="num">{c.lang.get_untracked().t().col_seq}</th>
                <th scope="col">{c.lang.get_untracked().t().col_name}</th>
                <th scope="col">{c.lang.get_untracked().t().col_lead_unit}</th>
                <th scope="col">{c.lang.get_untracked().t().status}</th>
                <th scope="col">{move || if reasons_only { c.lang.get().t().reason } else { c.lang.get().t().latest_values }}</th>
            </tr></thead>
            <tbody>
                {move || {
                    let plan = c.plan.get();
                    let lang = c.lang.get();
                    let date = c.report_date.get();
                    let view_ = c.ledger_view.get();
                    projects.iter().map(|&i| {
                        let p = plan.projects[i].clone();
                        let s = c.statuses.with(|st| st[i].clone());
                        let values: Vec<String> = p.indicators.iter().filter(|x| x.is_quantitative()).map(|x| {
                            let v = view_.value_at(&p.id, &x.id, date).map(|v| amount(v, &x.unit)).unwrap_or_else(|| lang.t().none_reported.to_string());
                            (lang.t().of_target)(&v, &amount(x.target.unwrap_or(0.0), &x.unit))
                        }).collect();
                        let reasons: Vec<String> = s.reasons.iter().map(|r| reason(r, lang)).collect();
                        let delayed = matches!(s.light, Light::Behind | Light::Serious);
                        let sep = lang.t().clause_sep;
                        let detail = if reasons_only || delayed { reasons.join(sep) } else { values.join(sep) };
                        let open = move || laser.get() == Some(i);
                        let plan_text = p.plan_text.clone();
                        view! {
                            <tr
                                class="slide-row"
                                class:lasered=open
                                tabindex="0"
                                on:click=move |_| laser.update(|l| *l = if *l == Some(i) { None } else { Some(i) })
                                on:keydown=move |ev| if ev.key() == "Enter" || ev.key() == " " {
                                    ev.prevent_default();
                                    laser.update(|l| *l = if *l == Some(i) { None } else { Some(i) });
                                }
                            >
                                <td class="num">{p.seq}</td>
                                <th scope="row">{p.name.clone()}</th>
                                <td>{p.lead_unit.to_string()}</td>
                                <td><StatusLight light=s.light overdue=s.overdue lang /></td>
                                <td class="slide-detail">{detail}</td>
                            </tr>
                            {move || open().then(|| view! {
                                <tr class="laser-row"><td colspan="5"><div class="laser">
                                    <strong>{p.name.clone()}</strong>
                                    <p>{plan_text.clone()}</p>
                                    {(!values.is_empty()).then(|| view! { <p class="laser-values">{values.join(sep)}</p> })}
                                </div></td></tr>
                            })}
                        }
                    }).collect_view()
                }}
            </tbody>
        </table>
    }
}
