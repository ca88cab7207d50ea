//! 需协调事项: the matters units' latest monthly reports ask the city leaders to coordinate, grouped
//! by 分管市领导 (`domain::matters`), for the projects of the current filter as of the report date.

use super::shared::{open_on_click, project_href};
use super::state::ctx;
use crate::domain::matters::open_matters;
use crate::domain::messages::month_name;
use leptos::prelude::*;

#[component]
pub fn MattersView() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let groups = Memo::new(move |_| {
        let plan = c.plan.get();
        c.ledger_view.with(|v| c.rows.with(|rows| open_matters(&plan, v, rows, c.report_date.get())))
    });
    view! {
        <section class="matters-view" aria-labelledby="matters-title">
            <div class="panel row">
                <h2 id="matters-title" class="view-title">{t.view_matters}</h2>
                <p class="muted grow">{t.matters_hint}</p>
            </div>
            {move || groups.with(Vec::is_empty).then(|| view! { <div class="empty-state"><p>{t.matters_none}</p></div> })}
            {move || {
                let plan = c.plan.get_untracked();
                groups.get().into_iter().map(|g| view! {
                    <section class="panel leader-matters" aria-label=g.leader.clone()>
                        <h3>{(t.leader_matters)(&g.leader, g.matters.len())}</h3>
                        <ul class="matters">
                            {g.matters.into_iter().map(|m| {
                                let p = &plan.projects[m.project];
                                let id = p.id.clone();
                                view! {
                                    <li class="matter">
                                        <a class="project-link" href=project_href(c, &id) on:click=open_on_click(c, id.clone())>{p.name.clone()}</a>
                                        <span class="muted">" · "{(t.matter_source)(&m.unit, &month_name(m.month.month, lang))}</span>
                                        <p class="matter-text">{m.text}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }).collect_view()
            }}
        </section>
    }
}
