//! 导入清单: open the list's Excel workbook or Word document (read by the worker module, loaded on
//! first use), or paste a table copied from them (or open a .txt/.tsv/.csv file); choose the sheet;
//! check the column mapping (guessed from the header, corrected here, remembered for the same header);
//! review what was read with every problem and warning highlighted, then accept it as a new list (the
//! others stay selectable; nothing is overwritten) or cancel. Same code path as the command-line
//! importer.

use super::download::{read_bytes, read_file};
use super::list_offers::ListOffers;
use super::shared::FilePicker;
use super::state::{ctx, Level, PlanSource};
use super::{storage, worker};
use crate::domain::import::{import_sheet, place, Imported, ImportError, Placement};
use crate::domain::jobs::{office_result, Job};
use crate::domain::messages::{amount, basis_name, import_error, plan_warning, requirement, role_name, source_error, table_error, table_problem, when, Note};
use crate::domain::office::{sniff, Format, SourceError};
use crate::domain::plan::Plan;
use crate::domain::table::{guess, guess_or_why, has_header, text_sheet, Basis, Mapping, Role, Sheet, TableError};
use crate::domain::view_state::View;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// An office file being read, or read.
#[derive(Clone, Debug, PartialEq)]
enum OfficeFile {
    Reading { name: String },
    Read { name: String, sheets: Vec<Sheet> },
    Failed { name: String, error: SourceError },
}

/// The sheets to choose from, or why there are none (words made where shown).
#[derive(Clone, Debug, PartialEq)]
enum Sheets {
    None,
    Reading(String),
    Ready(Vec<Sheet>),
    Source(String, SourceError),
    Table(TableError),
}

#[component]
pub fn ImportView() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let text = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let file_error = RwSignal::new(None::<String>);
    let office = RwSignal::new(None::<OfficeFile>);
    let chosen_sheet = RwSignal::new(None::<usize>);
    let edited = RwSignal::new(None::<Mapping>);

    let sheets = Memo::new(move |_| match office.get() {
        Some(OfficeFile::Reading { name }) => Sheets::Reading(name),
        Some(OfficeFile::Read { sheets, .. }) => Sheets::Ready(sheets),
        Some(OfficeFile::Failed { name, error }) => Sheets::Source(name, error),
        None => text.with(|body| {
            if body.trim().is_empty() {
                Sheets::None
            } else {
                match text_sheet(body) {
                    Ok(sheet) => Sheets::Ready(vec![sheet]),
                    Err(e) => Sheets::Table(e),
                }
            }
        }),
    });
    // The sheet read: the one chosen, or the first with a header naming the project column.
    let sheet = Memo::new(move |_| {
        sheets.with(|s| match s {
            Sheets::Ready(list) => {
                let index = chosen_sheet.get().filter(|i| *i < list.len()).or_else(|| list.iter().position(has_header)).unwrap_or(0);
                list.get(index).cloned().map(|s| (index, s))
            }
            _ => None,
        })
    });
    // The guess, with the roles chosen before for the same header.
    let guessed = Memo::new(move |_| {
        sheet.with(|s| s.as_ref().and_then(|(_, s)| guess(s))).map(|m| {
            let key = m.key();
            match storage::column_roles(&key) {
                Some(roles) => m.with_roles(&roles),
                None => m,
            }
        })
    });
    let mapping = Memo::new(move |_| {
        let g = guessed.get()?;
        Some(edited.get().filter(|e| e.key() == g.key() && e.header_row == g.header_row).unwrap_or(g))
    });
    let layout = Memo::new(move |_| mapping.with(|m| m.as_ref().map(|m| (m.key(), m.header_row))));
    let result = Memo::new(move |_| {
        let m = mapping.get()?;
        let hint = year.with(|y| y.trim().parse().ok());
        sheet.with(|s| s.as_ref().map(|(_, s)| import_sheet(s, &m, hint)))
    });
    let set_role = move |index: usize, role: Role| {
        let Some(mut m) = mapping.get_untracked() else { return };
        m.set(index, role);
        storage::store_column_roles(&m.key(), &m.roles());
        edited.set(Some(m));
    };

    let open_file = move |files: Vec<web_sys::File>| {
        let Some(f) = files.into_iter().next() else { return };
        let lang = c.lang.get_untracked();
        spawn_local(async move {
            let name = f.name();
            let bytes = match read_bytes(&f, lang).await {
                Ok(b) => b,
                Err(e) => {
                    let _ = file_error.try_set(Some(e));
                    return;
                }
            };
            let _ = file_error.try_set(None);
            let _ = chosen_sheet.try_set(None);
            let _ = edited.try_set(None);
            match sniff(&bytes) {
                Format::Text => {
                    let _ = office.try_set(None);
                    match read_file(&f, lang).await {
                        Ok(body) => {
                            let _ = text.try_set(body);
                        }
                        Err(e) => {
                            let _ = file_error.try_set(Some(e));
                        }
                    }
                }
                Format::Pdf => {
                    let _ = office.try_set(Some(OfficeFile::Failed { name, error: SourceError::Pdf }));
                }
                Format::Zip | Format::Ole => {
                    let _ = text.try_set(String::new());
                    let _ = office.try_set(Some(OfficeFile::Reading { name: name.clone() }));
                    let read = worker::run_with(&Job::ReadOffice { name: name.clone() }, &bytes)
                        .await
                        .and_then(|b| office_result(&b).map_err(worker::WorkerError::JobFailed));
                    let state = match read {
                        Ok(Ok(sheets)) => OfficeFile::Read { name, sheets },
                        Ok(Err(error)) => OfficeFile::Failed { name, error },
                        // The reader died on this file: the file is at fault, and says so.
                        Err(worker::WorkerError::JobFailed(detail)) => OfficeFile::Failed { name, error: SourceError::ReaderFailed { detail } },
                        Err(worker::WorkerError::NotStarted(detail)) => {
                            // The file was not read: the page goes back to what it showed before.
                            let _ = office.try_set(None);
                            c.notify(Level::Error, Note::WorkerFailed(detail));
                            return;
                        }
                    };
                    let _ = office.try_set(Some(state));
                }
            }
        });
    };
    let on_paste = move |body: String| {
        office.set(None);
        chosen_sheet.set(None);
        edited.set(None);
        text.set(body);
    };
    let clear = move || {
        text.set(String::new());
        office.set(None);
        edited.set(None);
        chosen_sheet.set(None);
    };
    let cancel = move || {
        clear();
        c.update_view(|v| v.view = View::List);
    };
    let accept = move |_| {
        let Some(Ok(imported)) = result.get_untracked() else { return };
        // Cleared before the page changes: the view and its signals go away with it.
        clear();
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
                spawn_local(async move {
                    if storage::store_imported_plans(&imported).await.is_err() {
                        c.notify(Level::Warning, Note::ListNotStored);
                    }
                });
                c.plans.update(|ps| ps.push(PlanSource { plan: Arc::new(plan), imported: true, sync: None }));
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
                    on:input=move |ev| on_paste(event_target_value(&ev))
                ></textarea>
                <div class="row">
                    <FilePicker
                        accept=".xlsx,.xls,.docx,.doc,.txt,.tsv,.csv,text/plain,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        input_label=t.open_table_file
                        button_label=t.open_table_file
                        on_files=Callback::new(open_file)
                    />
                    {move || match office.get() {
                        Some(OfficeFile::Read { name, .. } | OfficeFile::Reading { name } | OfficeFile::Failed { name, .. }) => {
                            Some(view! { <span class="muted file-name">{name}</span> })
                        }
                        None => None,
                    }}
                    <label class="field inline">
                        <span class="field-label">{t.year_if_missing}</span>
                        <input type="text" inputmode="numeric" size="6" aria-label=t.year_if_missing
                            prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev)) />
                    </label>
                </div>
                <p class="field-error" role="alert">{move || file_error.get()}</p>
            </div>
            {move || {
                let lang = c.lang.get();
                match sheets.get() {
                    Sheets::None => ().into_any(),
                    Sheets::Reading(_) => view! { <div class="panel page-state" role="status"><p>{t.reading_file}</p></div> }.into_any(),
                    Sheets::Source(name, e) => view! {
                        <div class="panel warnings" role="alert"><p>{format!("{name}: {}", source_error(&e, lang))}</p></div>
                    }.into_any(),
                    Sheets::Table(e) => view! {
                        <div class="panel warnings" role="alert"><p>{table_error(&e, lang)}</p></div>
                    }.into_any(),
                    Sheets::Ready(list) => view! {
                        <SheetChoice sheets=list chosen=Signal::derive(move || sheet.with(|s| s.as_ref().map_or(0, |(i, _)| *i))) on_choose=Callback::new(move |i| {
                            edited.set(None);
                            chosen_sheet.set(Some(i));
                        }) />
                    }.into_any(),
                }
            }}
            // A sheet that offers no header to map (a sheet of numbers) says why.
            {move || guessed.with(Option::is_none).then(|| sheet.with(|s| s.as_ref().and_then(|(_, s)| guess_or_why(s).err()))).flatten().map(|e| view! {
                <div class="panel warnings" role="alert"><p>{table_error(&e, c.lang.get())}</p></div>
            })}
            // Built again only for another header; a changed role updates its select in place.
            {move || layout.get().and_then(|_| {
                let m = mapping.get_untracked()?;
                let samples = sheet.with_untracked(|s| s.as_ref().map(|(_, s)| samples(s, &m)).unwrap_or_default());
                let roles = Signal::derive(move || mapping.with(|m| m.as_ref().map(Mapping::roles).unwrap_or_default()));
                let bases = Signal::derive(move || mapping.with(|m| m.as_ref().map(|m| m.columns.iter().map(|c| c.basis).collect()).unwrap_or_default()));
                Some(view! { <ColumnMapping headers=m.headers() samples roles bases on_role=Callback::new(move |(i, r)| set_role(i, r)) /> })
            })}
            {move || match (c.lang.get(), result.get()).1 {
                None => ().into_any(),
                Some(Err(e)) => {
                    let needs_name = matches!(e, ImportError::Table(TableError::NoNameColumn { .. }));
                    view! {
                        <div class="panel warnings" role="alert">
                            <p>{import_error(&e, c.lang.get())}</p>
                            {needs_name.then(|| view! { <p>{t.mapping_needs_name}</p> })}
                        </div>
                        <div class="row"><button class="button" on:click=move |_| cancel()>{t.cancel}</button></div>
                    }.into_any()
                }
                Some(Ok(imported)) => view! { <Review imported on_accept=Callback::new(accept) on_cancel=Callback::new(move |_| cancel()) /> }.into_any(),
            }}
        </section>
    }
}

/// Up to 40 characters of the first non-empty cell under each column: what the column holds.
fn samples(sheet: &Sheet, mapping: &Mapping) -> Vec<String> {
    (0..mapping.columns.len())
        .map(|i| {
            sheet.rows.iter().skip(mapping.header_row + 1).filter_map(|r| r.cells.get(i)).map(|c| c.trim()).find(|c| !c.is_empty()).map_or_else(String::new, |c| {
                let short: String = c.chars().take(40).collect();
                if short.len() < c.len() { format!("{short}…") } else { short }
            })
        })
        .collect()
}

/// The sheet select, when a workbook has several (a Word document's tables are unnamed).
#[component]
fn SheetChoice(sheets: Vec<Sheet>, chosen: Signal<usize>, on_choose: Callback<usize>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    (sheets.len() > 1).then(|| {
        view! {
            <div class="panel row">
                <label class="field inline">
                    <span class="field-label">{t.sheet_choice}</span>
                    <select aria-label=t.sheet_choice on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse() {
                            on_choose.run(i);
                        }
                    }>
                        {sheets.iter().enumerate().map(|(i, s)| {
                            let label = if s.name.is_empty() { (t.table_n)(i + 1) } else { s.name.clone() };
                            view! { <option value=i.to_string() selected=move || chosen.get() == i>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
        }
    })
}

/// 列映射: each column of the header with an example and a select of what it means.
#[component]
fn ColumnMapping(headers: Vec<String>, samples: Vec<String>, roles: Signal<Vec<Role>>, bases: Signal<Vec<Basis>>, on_role: Callback<(usize, Role)>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let choices = Role::choices();
    view! {
        <section class="panel column-mapping" role="region" aria-labelledby="mapping-title">
            <h3 id="mapping-title">{t.mapping_title}</h3>
            <p class="muted">{t.mapping_hint}</p>
            <table class="data-table mapping-table">
                <thead><tr>
                    <th scope="col">{t.col_header}</th>
                    <th scope="col">{t.col_sample}</th>
                    <th scope="col">{t.col_meaning}</th>
                    <th scope="col">{t.col_basis}</th>
                </tr></thead>
                <tbody>
                    {headers.into_iter().enumerate().map(|(i, header)| {
                        let header = if header.is_empty() { (t.column_n)(i + 1) } else { header };
                        let choices = choices.clone();
                        let is = move |r: Role| roles.with(|all| all.get(i) == Some(&r));
                        view! {
                            <tr class:ignored=move || is(Role::Ignore)>
                                <th scope="row">{header.clone()}</th>
                                <td class="muted sample">{samples.get(i).cloned().unwrap_or_default()}</td>
                                <td>
                                    <select aria-label=(t.meaning_of)(&header) on:change=move |ev| {
                                        let code = event_target_value(&ev);
                                        if let Some(role) = Role::choices().into_iter().find(|r| r.code() == code) {
                                            on_role.run((i, role));
                                        }
                                    }>
                                        {choices.into_iter().map(|r| view! {
                                            <option value=r.code() prop:selected=move || is(r)>{role_name(r, lang)}</option>
                                        }).collect_view()}
                                    </select>
                                </td>
                                <td class="muted basis">{move || bases.with(|b| b.get(i).map(|b| basis_name(*b, lang)))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
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
                                <td>{p.name.clone()}<div class="muted">{p.lead_unit.to_string()}" · "{p.due_text.to_string()}</div></td>
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
            <ListOffers plan=plan.clone() />
            <div class="row">
                <button class="button primary" on:click=move |_| on_accept.run(())>{tt.confirm_import}</button>
                <button class="button" on:click=move |_| on_cancel.run(())>{tt.cancel}</button>
            </div>
        </section>
    }
}
