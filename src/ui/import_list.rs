//! 导入清单: paste a table copied from Word/Excel (or open a .txt/.tsv/.csv file), review what was read
//! with every problem and warning highlighted, then accept it as a new list (the others stay
//! selectable; nothing is overwritten) or cancel. Same code path as the command-line importer.

use super::download::read_file;
use super::shared::FilePicker;
use super::state::{ctx, Level, PlanSource};
use super::storage;
use crate::domain::import::{import_list, place, Imported, Placement};
use crate::domain::messages::{amount, import_error, plan_warning, requirement, table_problem, when, Note};
use crate::domain::plan::Plan;
use crate::domain::view_state::View;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[component]
pub fn ImportView() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let text = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let file_error = RwSignal::new(None::<String>);
    let result = Memo::new(move |_| {
        let body = text.get();
        if body.trim().is_empty() {
            return None;
        }
        Some(import_list(&body, year.get().trim().parse().ok()))
    });
    let open_file = move |files: Vec<web_sys::File>| {
        let Some(f) = files.into_iter().next() else { return };
        spawn_local(async move {
            match read_file(&f, c.lang.get_untracked()).await {
                Ok(body) => {
                    file_error.set(None);
                    text.set(body);
                }
                Err(e) => file_error.set(Some(e)),
            }
        });
    };
    let cancel = move || {
        text.set(String::new());
        c.update_view(|v| v.view = View::List);
    };
    let accept = move |_| {
        let Some(Ok(imported)) = result.get_untracked() else { return };
        // Cleared before the page changes: the view and its signals go away with it.
        text.set(String::new());
        let mut plan = imported.plan;
        let existing = c.plans.get_untracked();
        match place(&plan, existing.iter().map(|p| &*p.plan)) {
            Placement::Same { id } => {
                c.notify(Level::Info, Note::SameList);
                c.update_view(|v| {
                    v.plan = Some(id);
                    v.view = View::List;
                });
            }
            Placement::New { id } => {
                plan.id = id.clone();
                let mut imported: Vec<Plan> = existing.iter().filter(|p| p.imported).map(|p| (*p.plan).clone()).collect();
                imported.push(plan.clone());
                if storage::store_imported_plans(&imported).is_err() {
                    c.notify(Level::Warning, Note::ListNotStored);
                }
                c.plans.update(|ps| ps.push(PlanSource { plan: Arc::new(plan), imported: true }));
                c.update_view(|v| {
                    v.plan = Some(id);
                    v.view = View::List;
                    v.project = None;
                    v.report_date = None;
                    v.filters = Default::default();
                });
                c.notify(Level::Info, Note::ListImported);
            }
        }
    };
    view! {
        <section class="import-view" aria-labelledby="import-title">
            <h2 id="import-title" class="view-title">{t.import_list}</h2>
            <div class="panel">
                <p class="muted">{t.import_list_hint}</p>
                <textarea
                    class="paste"
                    rows="8"
                    aria-label=t.paste_list
                    placeholder=t.paste_list
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <div class="row">
                    <FilePicker
                        accept=".txt,.tsv,.csv,text/plain,text/csv,text/tab-separated-values"
                        input_label=t.open_table_file
                        button_label=t.open_table_file
                        on_files=Callback::new(open_file)
                    />
                    <label class="field inline">
                        <span class="field-label">{t.year_if_missing}</span>
                        <input type="text" inputmode="numeric" size="6" aria-label=t.year_if_missing
                            prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev)) />
                    </label>
                </div>
                <p class="field-error" role="alert">{move || file_error.get()}</p>
            </div>
            {move || match (c.lang.get(), result.get()).1 {
                None => ().into_any(),
                Some(Err(e)) => view! {
                    <div class="panel warnings" role="alert"><p>{import_error(&e, c.lang.get())}</p></div>
                    <div class="row"><button class="button" on:click=move |_| cancel()>{t.cancel}</button></div>
                }.into_any(),
                Some(Ok(imported)) => view! { <Review imported on_accept=Callback::new(accept) on_cancel=Callback::new(move |_| cancel()) /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Review(imported: Imported, on_accept: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let tt = lang.t();
    let plan = imported.plan;
    let warnings: usize = plan.projects.iter().map(|p| p.warnings.len()).sum();
    let milestones: usize = plan.projects.iter().map(|p| p.milestones.len()).sum();
    let summary = (tt.import_summary)(plan.categories.len(), plan.projects.len(), milestones, warnings + imported.problems.len());
    view! {
        <section class="panel review" role="region" aria-labelledby="review-title">
            <h3 id="review-title">{tt.review_title}</h3>
            <p><strong>{plan.title.clone()}</strong>" · "{plan.year}</p>
            <p>{summary}</p>
            {(!imported.problems.is_empty()).then(|| view! {
                <ul class="issues">
                    {imported.problems.iter().map(|p| view! { <li class="issue conflict">{table_problem(p, lang)}</li> }).collect_view()}
                </ul>
            })}
            <table class="data-table review-table">
                <thead>
                    <tr>
                        <th scope="col">{tt.col_seq}</th>
                        <th scope="col">{tt.col_name}</th>
                        <th scope="col">{tt.indicators}</th>
                        <th scope="col">{tt.milestones}</th>
                        <th scope="col">{tt.reading_warnings}</th>
                    </tr>
                </thead>
                <tbody>
                    {plan.projects.iter().map(|p| {
                        let has_warnings = !p.warnings.is_empty();
                        view! {
                            <tr class:has-warning=has_warnings>
                                <td class="num">{p.seq}</td>
                                <td>{p.name.clone()}<div class="muted">{p.lead_unit.clone()}" · "{p.due_text.clone()}</div></td>
                                <td>{p.indicators.iter().map(|i| view! {
                                    <div>{i.name.clone()}" "{i.target.map(|v| amount(v, &i.unit))}</div>
                                }).collect_view()}</td>
                                <td>{p.milestones.iter().map(|m| view! {
                                    <div class="muted">{when(m.due, lang)}" · "{requirement(m, p, lang)}</div>
                                }).collect_view()}</td>
                                <td>{p.warnings.iter().map(|w| view! { <div class="warning-text">{plan_warning(w, lang)}</div> }).collect_view()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="row">
                <button class="button primary" on:click=move |_| on_accept.run(())>{tt.confirm_import}</button>
                <button class="button" on:click=move |_| on_cancel.run(())>{tt.cancel}</button>
            </div>
        </section>
    }
}
