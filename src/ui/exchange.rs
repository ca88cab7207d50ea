//! 数据交换: export the ledger (all, or one unit's entries) as JSON, import departments' files with a
//! preview of what the merge adds and which conflicts arise, export the list as CSV, print; and the
//! entries that need the office's attention (conflicts, entries the plan lacks, unnamed units).

use super::actions::decide;
use super::download::{download_text, files_of, read_file};
use super::shared::{FilePicker, UnitSelect};
use super::env;
use super::state::{ctx, Ctx, Level};
use super::storage;
use super::xlsx_export::XlsxExport;
use crate::domain::csv_export::list_csv;
use crate::domain::exchange::{preview_merge, read_progress_file, write_progress_file, MergePreview, PlanRef};
use crate::domain::ledger::{Issue, Ledger, Standing};
use crate::domain::messages::{entry_subject, entry_value, file_error, Note};
use crate::i18n::Lang;
use crate::domain::messages::bytes_text;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn stamp(c: Ctx) -> String {
    let _ = c;
    env::now_iso().chars().take(10).collect()
}

pub fn export_json(c: Ctx, unit: Option<String>) {
    let plan = c.plan.get_untracked();
    let ledger = c.ledger.with_untracked(|l| match &unit {
        Some(u) => l.for_unit(u),
        None => l.clone(),
    });
    let text = write_progress_file(&PlanRef::of(&plan), &ledger, &env::now_iso(), unit.as_deref());
    let who = unit.unwrap_or_else(|| "all".into());
    download_text(&format!("minsheng-progress-{}-{who}-{}.json", plan.year, stamp(c)), "application/json", &text);
}

pub fn export_csv(c: Ctx) {
    let plan = c.plan.get_untracked();
    let csv = c.statuses.with_untracked(|s| {
        c.rows.with_untracked(|rows| list_csv(&plan, s, &c.ledger_view.get_untracked(), rows, c.report_date.get_untracked(), c.lang.get_untracked()))
    });
    download_text(&format!("minsheng-list-{}-{}.csv", plan.year, c.report_date.get_untracked()), "text/csv;charset=utf-8", &csv);
}

/// Prints the list: the print stylesheet turns it into an A4 landscape table.
pub fn print_list(c: Ctx) {
    c.update_view(|v| {
        v.view = crate::domain::view_state::View::List;
        v.project = None;
    });
    // Let the list render before the print dialog snapshots the page.
    let print = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    if let Some(w) = web_sys::window() {
        use wasm_bindgen::JsCast;
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(print.unchecked_ref(), 300);
    }
}

#[derive(Clone)]
struct Pending {
    preview: std::sync::Arc<MergePreview>,
    /// The files' own ledgers: merged into the ledger as it is when applied, not as it was previewed.
    ledgers: std::sync::Arc<Vec<Ledger>>,
    files: Vec<String>,
    plan: String,
}

#[component]
pub fn ExchangeView() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let scope = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let pending = RwSignal::new(None::<Pending>);
    let dragging = RwSignal::new(false);

    let take_files = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        errors.set(Vec::new());
        pending.set(None);
        spawn_local(async move {
            let lang = c.lang.get_untracked();
            let mut good = Vec::new();
            let mut names = Vec::new();
            let mut errs = Vec::new();
            for f in files {
                let name = f.name();
                match read_file(&f, lang).await {
                    Err(e) => errs.push(e),
                    Ok(text) => match read_progress_file(&text) {
                        Ok(file) => {
                            good.push(file);
                            names.push(name);
                        }
                        Err(e) => errs.push(file_error(&name, &e, lang)),
                    },
                }
            }
            errors.set(errs);
            if !good.is_empty() {
                let plan = c.plan.get_untracked();
                let preview = c.ledger.with_untracked(|l| preview_merge(&plan, l, &good));
                let ledgers = good.into_iter().map(|f| f.ledger).collect();
                pending.set(Some(Pending {
                    preview: std::sync::Arc::new(preview),
                    ledgers: std::sync::Arc::new(ledgers),
                    files: names,
                    plan: plan.id.clone(),
                }));
            }
        });
    };

    // A preview made for another plan is void.
    Effect::new(move |_| {
        let id = c.plan.with(|p| p.id.clone());
        if pending.with_untracked(|p| p.as_ref().is_some_and(|p| p.plan != id)) {
            pending.set(None);
        }
    });
    let apply = move |_| {
        if let Some(p) = pending.get_untracked() {
            if c.plan.with_untracked(|plan| plan.id != p.plan) {
                pending.set(None);
                return;
            }
            c.ledger.update(|l| {
                for other in p.ledgers.iter() {
                    l.merge(other);
                }
            });
            pending.set(None);
            c.notify(Level::Info, Note::Merged { files: p.files.len(), entries: p.preview.new_entries });
        }
    };

    let units = Memo::new(move |_| c.ledger.with(|l| l.units()));
    // A unit no longer in the ledger cannot stay chosen.
    Effect::new(move |_| {
        let s = scope.get();
        if !s.is_empty() && !units.with(|us| us.contains(&s)) {
            scope.set(String::new());
        }
    });

    view! {
        <section class="exchange" aria-labelledby="exchange-title">
            <h2 id="exchange-title" class="view-title">{t.view_exchange}</h2>
            <div class="card-grid">
                <section class="panel">
                    <h3>{t.export_title}</h3>
                    <p class="muted">{t.export_hint}</p>
                    <div class="row">
                        <UnitSelect
                            label=t.export_scope
                            none=t.scope_all
                            units=units
                            value=scope
                            on_change=Callback::new(move |u| scope.set(u))
                        />
                        <button class="button primary" on:click=move |_| {
                            let s = scope.get_untracked();
                            export_json(c, (!s.is_empty()).then_some(s));
                        }>{t.export_json}</button>
                    </div>
                    <div class="row">
                        <button class="button" on:click=move |_| export_csv(c)>{t.export_csv}</button>
                        <button class="button" on:click=move |_| print_list(c)>{t.print}</button>
                    </div>
                    <XlsxExport />
                    <p class="muted">
                        {move || (t.ledger_size)(c.ledger.with(|l| l.entries.len()))}
                    </p>
                </section>
                <section
                    class="panel dropzone"
                    class:dragging=move || dragging.get()
                    on:dragover=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        dragging.set(true);
                    }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        dragging.set(false);
                        take_files(files_of(ev.data_transfer().and_then(|d| d.files())));
                    }
                >
                    <h3>{t.import_title}</h3>
                    <p class="muted">{t.import_hint}</p>
                    <FilePicker
                        accept=".json,application/json"
                        multiple=true
                        input_label=t.import_files
                        button_label=t.import
                        primary=true
                        on_files=Callback::new(take_files)
                    />
                    <ul class="file-errors" role="alert">
                        {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                    </ul>
                </section>
            </div>
            {move || pending.get().map(|p| view! { <Preview pending=p on_apply=Callback::new(apply) on_cancel=Callback::new(move |_| pending.set(None)) /> })}
            <Attention />
            <CorruptCopies />
            <StoragePanel />
        </section>
    }
}

/// 浏览器存储: the space used and available, and whether the browser keeps the data under pressure
/// (with a request for persistent storage when it does not).
#[component]
fn StoragePanel() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let space = RwSignal::new(None::<(f64, f64)>);
    let kept = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        // Measured again after each save.
        let _ = c.ledger.with(|l| l.entries.len());
        spawn_local(async move {
            let (s, p) = (storage::estimate().await, storage::persisted().await);
            let _ = space.try_set(s);
            let _ = kept.try_set(p);
        });
    });
    let ask = move |_| {
        spawn_local(async move {
            let granted = storage::persist().await;
            let _ = kept.try_set(granted);
        });
    };
    view! {
        <section class="panel storage-panel" aria-labelledby="storage-title">
            <h3 id="storage-title">{t.storage_title}</h3>
            <p role="status">{move || match space.get() {
                Some((used, quota)) => (t.storage_usage)(&bytes_text(used), &bytes_text(quota)),
                None => t.storage_unknown.to_string(),
            }}</p>
            {move || match kept.get() {
                Some(true) => view! { <p class="muted">{t.storage_persisted}</p> }.into_any(),
                _ => view! {
                    <p class="muted">{t.storage_not_persisted}</p>
                    <button class="button" on:click=ask>{t.storage_persist}</button>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Preview(pending: Pending, on_apply: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let p2 = pending.preview.clone();
    let (new_entries, known, issue_count) = (p2.new_entries, p2.known_entries, p2.new_issues.len());
    view! {
        <section class="panel preview" role="region" aria-labelledby="preview-title">
            <h3 id="preview-title">{t.preview_title}</h3>
            <p>{pending.files.join(t.list_sep)}</p>
            <ul class="preview-figures">
                <li>{(t.preview_new)(new_entries)}</li>
                <li>{(t.preview_known)(known)}</li>
                <li>{(t.preview_issues)(issue_count)}</li>
            </ul>
            {(!p2.units.is_empty()).then(|| {
                let units = p2.units.clone();
                view! {
                    <table class="data-table compact">
                        <thead><tr><th scope="col">{t.reporting_unit}</th><th scope="col" class="num">{t.new_entries}</th></tr></thead>
                        <tbody>{units.into_iter().map(|(u, n)| view! { <tr><td>{u}</td><td class="num">{n}</td></tr> }).collect_view()}</tbody>
                    </table>
                }
            })}
            {(!p2.plan_mismatch.is_empty()).then(|| view! { <p class="notice warning">{t.plan_mismatch}</p> })}
            <IssueList issues=p2.new_issues.clone() ledger=p2.merged.clone() actionable=false />
            <div class="row">
                <button class="button primary" on:click=move |_| on_apply.run(())>{t.apply_merge}</button>
                <button class="button" on:click=move |_| on_cancel.run(())>{t.cancel}</button>
            </div>
        </section>
    }
}

fn issue_text(issue: &Issue, ledger: &Ledger, c: Ctx, lang: Lang) -> String {
    let plan = c.plan.get_untracked();
    let describe = |id: &str| {
        ledger
            .entries
            .get(id)
            .map(|e| {
                let project = plan.project(&e.project);
                let name = project.map(|p| p.name.clone()).unwrap_or_else(|| e.project.clone());
                format!("{name} · {} · {} · {} · {}", entry_subject(project, e, lang), entry_value(project, e, lang), e.as_of, e.unit)
            })
            .unwrap_or_else(|| id.to_string())
    };
    match issue {
        Issue::Orphan { entry } => (lang.t().labelled)(lang.t().issue_orphan, &describe(entry)),
        Issue::Unauthorized { entry, standing } => {
            let state = match standing {
                Standing::Pending => lang.t().entry_pending,
                Standing::Rejected => lang.t().entry_rejected,
                Standing::Counted => lang.t().accepted,
            };
            (lang.t().labelled)(&(lang.t().aside)(lang.t().issue_unauthorized, state), &describe(entry))
        }
        Issue::Conflict { entries, .. } => {
            let list: Vec<String> = entries.iter().map(|e| describe(e)).collect();
            (lang.t().labelled)(lang.t().issue_conflict, &list.join(" ↔ "))
        }
    }
}

#[component]
fn IssueList(issues: Vec<Issue>, ledger: Ledger, actionable: bool) -> impl IntoView {
    let c = ctx();
    (!issues.is_empty()).then(|| {
        view! {
            <ul class="issues">
                {move || {
                    let lang = c.lang.get();
                    issues
                        .iter()
                        .map(|i| {
                            let text = issue_text(i, &ledger, c, lang);
                            let pending_entry = match i {
                                Issue::Unauthorized { entry, standing } if actionable && *standing != Standing::Counted => Some(entry.clone()),
                                _ => None,
                            };
                            let kind = match i {
                                Issue::Orphan { .. } => "issue orphan",
                                Issue::Unauthorized { .. } => "issue unauthorized",
                                Issue::Conflict { .. } => "issue conflict",
                            };
                            view! {
                                <li class=kind>
                                    <span>{text}</span>
                                    {pending_entry.map(|id| {
                                        let id2 = id.clone();
                                        view! {
                                            <button class="button small" on:click=move |_| decide(c, &id, true)>{lang.t().accept}</button>
                                            <button class="button small" on:click=move |_| decide(c, &id2, false)>{lang.t().reject}</button>
                                        }
                                    })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        }
    })
}

#[component]
fn Attention() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    view! {
        <section class="panel" aria-labelledby="attention-title">
            <h3 id="attention-title">{t.attention_title}</h3>
            {move || {
                let issues = c.ledger_view.with(|v| v.issues.clone());
                if issues.is_empty() {
                    view! { <p class="muted">{t.no_issues}</p> }.into_any()
                } else {
                    let ledger = c.ledger.get();
                    view! { <IssueList issues ledger actionable=true /> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn CorruptCopies() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let copies = RwSignal::new(Vec::<(String, String)>::new());
    Effect::new(move |_| {
        let _ = c.recovery.get();
        let id = c.plan.with(|p| p.id.clone());
        spawn_local(async move {
            let found = storage::corrupt_copies(&id).await;
            let _ = copies.try_set(found);
        });
    });
    move || {
        let list = copies.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="panel warnings">
                    <h3>{t.corrupt_title}</h3>
                    <p>{t.corrupt_hint}</p>
                    <ul>
                        {list
                            .into_iter()
                            .map(|(key, text)| {
                                let name = key.rsplit('/').next().unwrap_or("copy").replace(':', "-");
                                let size = text.len();
                                view! {
                                    <li>
                                        {format!("{name} ({size} B) ")}
                                        <button class="button small" on:click=move |_| download_text(&format!("minsheng-unreadable-{name}.txt"), "text/plain", &text)>
                                            {t.download}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
