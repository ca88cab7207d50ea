//! 导入清单: open the list's Excel workbook or Word document (read by the worker module, loaded on
//! first use), or paste a table copied from them (or open a .txt/.tsv/.csv file); choose the sheet;
//! check the column mapping (guessed from the header, corrected here, remembered for the same header);
//! review what was read with every problem and warning highlighted, then accept it as a new list (the
//! others stay selectable; nothing is overwritten) or cancel. Same code path as the command-line
//! importer.

use super::download::{read_bytes, read_file};
use super::shared::FilePicker;
use super::state::{ctx, Level};
use super::storage;
use crate::domain::import::{import_sheet, ImportError};
use crate::domain::messages::{import_error, source_error, table_error, Note};
use crate::domain::office::{sniff, Format, SourceError};
use crate::domain::table::{guess, guess_or_why, has_header, text_sheet, Mapping, Role, Sheet, TableError};
use crate::domain::view_state::View;
use leptos::prelude::*;
use leptos::task::spawn_local;
use accept::accept_list;
use mapping::{samples, ColumnMapping};
use read::read_office_file;
use review::Review;
use sheet_choice::SheetChoice;

mod accept;
mod mapping;
mod offers;
mod read;
mod review;
mod sheet_choice;

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
                    match read_office_file(name, &bytes).await {
                        Ok(state) => {
                            let _ = office.try_set(Some(state));
                        }
                        Err(detail) => {
                            // The file was not read: the page goes back to what it showed before.
                            let _ = office.try_set(None);
                            c.notify(Level::Error, Note::WorkerFailed(detail));
                        }
                    }
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
        accept_list(c, imported.plan);
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
