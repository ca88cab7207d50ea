//! Views most visits never open, each cut into a wasm chunk of its own (the `wasm_split` macro that
//! Leptos' `#[lazy]` uses, and `tools/split_wasm.py` at build time): the first load carries the frame,
//! the list and the timeline's loader; a chunk is fetched the first time its view opens, and is
//! precached by the service worker for offline use.
//!
//! Loading may fail (offline before the service worker cached the chunks): the view then says so and
//! offers to try again, rather than stopping the app.

use crate::domain::format::{read_plan_bytes, LoadError, PlanPieces};
use crate::domain::plan::Plan;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

pub use super::chunk::{ChunkMissing, Loaded};

/// A view in a chunk of its own; `$preload` starts loading the chunk without showing the view. The
/// chunk hands back the view's constructor, so the view is built in the page's own reactive owner.
macro_rules! lazy_view {
    ($name:ident, $preload:ident, $arg:ident: $ty:ty => $view:expr) => {
        #[::leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible, preload(#[allow(dead_code)] $preload))]
        pub fn $name() -> Loaded<$ty> {
            fn construct($arg: $ty) -> AnyView {
                $view.into_any()
            }
            Ok(construct)
        }
    };
}

/// A view in a chunk of its own that is built once the review loop's style sheet (`style/review.css`,
/// not in the first load) is in too: `$name` loads both.
macro_rules! lazy_view_styled {
    ($name:ident, $split:ident, $arg:ident: $ty:ty => $view:expr) => {
        #[::leptos::wasm_split::wasm_split($split, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $split() -> Result<Ready<$ty>, ChunkMissing> {
            Ok(Box::pin(async {
                let _ = style_sheet("minsheng-style-review").await;
                let construct: fn($ty) -> AnyView = |$arg| $view.into_any();
                construct
            }))
        }

        pub async fn $name() -> Loaded<$ty> {
            Ok($split().await?.await)
        }
    };
}

lazy_view_styled!(detail_view, detail, id: String => view! { <super::detail::ProjectDetail id /> });
lazy_view!(timeline, preload_timeline, _u: () => view! { <super::timeline::TimelineView /> });
lazy_view!(dashboard, preload_dashboard, _u: () => view! { <super::dashboard::Dashboard /> });
lazy_view_styled!(entry_grid_view, entry_grid, _u: () => view! { <super::grid::EntryGrid /> });
lazy_view!(submissions, preload_submissions, _u: () => view! { <super::submissions::SubmissionsView /> });
lazy_view!(changes, preload_changes, _u: () => view! { <super::changes::ChangesView /> });
lazy_view!(matters, preload_matters, _u: () => view! { <super::matters::MattersView /> });
lazy_view!(supervision, preload_supervision, _u: () => view! { <super::supervision::SupervisionView /> });
lazy_view_styled!(review_view, review, _u: () => view! { <super::flow::ReviewView /> });
lazy_view!(bulletin, preload_bulletin, _u: () => view! { <super::bulletin::BulletinView /> });
lazy_view!(exchange, preload_exchange, _u: () => view! { <super::exchange::ExchangeView /> });
lazy_view!(import_list, preload_import_list, _u: () => view! { <super::import_list::ImportView /> });
lazy_view!(sync_view, preload_sync_view, _u: () => view! { <super::sync_view::SyncView /> });

/// The English words (`i18n::install_english`): a chunk of their own, fetched the first time English is
/// asked for, so the first load carries only the Chinese table. `ui::app` waits for it before showing
/// a page in English; until it is in, the page stays in Chinese.
#[::leptos::wasm_split::wasm_split(english, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn english() -> Result<(), ChunkMissing> {
    crate::i18n::install_english();
    Ok(())
}

/// Reading plan files written as JSON (`domain::format`): a published list without a packed copy (or
/// whose packed copy cannot be read) and the lists imported in this browser. The bundled list comes
/// packed, so most visits never run it.
pub struct PlanJson {
    pub read_js: fn(&str, &js_sys::Uint8Array) -> Result<crate::domain::plan::Plan, crate::domain::format::LoadError>,
    pub read_text: fn(&str) -> Result<crate::domain::plan::Plan, crate::domain::format::FileError>,
}

#[::leptos::wasm_split::wasm_split(plan_json, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn plan_json() -> Result<PlanJson, ChunkMissing> {
    Ok(PlanJson { read_js: read_plan_json_js, read_text: crate::domain::format::read_plan_file })
}

/// Reads a JSON plan file held in JavaScript's memory: laid out a project a line (as large published
/// lists are), a megabyte at a time, so the app's memory never holds its whole text (17 MB for 10,000
/// projects, and wasm memory does not shrink); otherwise whole.
fn read_plan_json_js(file: &str, bytes: &js_sys::Uint8Array) -> Result<Plan, LoadError> {
    const PIECE: u32 = 1 << 20;
    let len = bytes.length();
    let mut reader = PlanPieces::new();
    let mut buffer = vec![0u8; PIECE.min(len) as usize];
    let mut at = 0;
    while at < len && reader.wants_more() {
        let end = (at + PIECE).min(len);
        let piece = &mut buffer[..(end - at) as usize];
        bytes.subarray(at, end).copy_to(piece);
        reader.feed(piece);
        at = end;
    }
    drop(buffer);
    match reader.finish() {
        Some(read) => read.map_err(|error| LoadError::File { url: format!("data/{file}"), error }),
        None => read_plan_bytes(&bytes.to_vec()).map_err(|error| LoadError::File { url: format!("data/{file}"), error }),
    }
}

/// The lists imported in this browser (`storage::imported_plan_files`) read through `plan_json`, loaded
/// only when there are some; one that cannot be read is left out here and stays stored (as it does when
/// the reader cannot be loaded: read on the next start).
pub async fn read_imported(files: Vec<String>) -> Vec<crate::domain::plan::Plan> {
    if files.is_empty() {
        return Vec::new();
    }
    let Ok(json) = plan_json().await else { return Vec::new() };
    files.iter().filter_map(|f| (json.read_text)(f).ok()).collect()
}

/// The presentation's view, built once its style sheet is in too: the first load carries neither
/// (`tools/post_build.py` names the sheet in `<meta name="minsheng-style-present">`). The chunk links the
/// sheet itself, so that code is not in the first load either.
/// A view's constructor, handed back once what the view needs besides its chunk is in.
type Ready<A> = Pin<Box<dyn Future<Output = fn(A) -> AnyView>>>;

#[::leptos::wasm_split::wasm_split(presenter, wasm_split_path = ::leptos::wasm_split, fallible)]
fn presenter_styled() -> Result<Ready<()>, ChunkMissing> {
    Ok(Box::pin(async {
        let _ = style_sheet("minsheng-style-present").await;
        let construct: fn(()) -> AnyView = |_u| view! { <super::present::Presenter /> }.into_any();
        construct
    }))
}

pub async fn presenter_with_style() -> Loaded<()> {
    Ok(presenter_styled().await?.await)
}

/// Links the style sheet a `<meta name=…>` of index.html names, once; resolves when it is in (or failed:
/// the view then shows unstyled rather than not at all). Nothing to do when there is no such meta (a
/// development build keeps every sheet in the first load).
async fn style_sheet(meta: &str) -> Option<()> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    let href = document.query_selector(&format!("meta[name=\"{meta}\"]")).ok()??.get_attribute("content")?;
    let selector = format!("link[data-sheet=\"{meta}\"]");
    if document.query_selector(&selector).ok()?.is_some() {
        return Some(());
    }
    let link: web_sys::HtmlLinkElement = document.create_element("link").ok()?.dyn_into().ok()?;
    link.set_rel("stylesheet");
    link.set_href(&href);
    let _ = link.set_attribute("data-sheet", meta);
    let done = js_sys::Promise::new(&mut |resolve, _| {
        link.set_onload(Some(&resolve));
        link.set_onerror(Some(&resolve));
    });
    document.head()?.append_child(&link).ok()?;
    wasm_bindgen_futures::JsFuture::from(done).await.ok()?;
    Some(())
}

/// Starts loading the timeline's chunk now (the page opens on it), while the list is fetched.
pub fn prefetch_timeline() {
    leptos::task::spawn_local(async {
        let _ = preload_timeline().await;
    });
}

/// Resolves when the timeline's chunk is in (or could not be loaded): the page that opens on the
/// timeline is shown with its rows in one frame, rather than a frame of the page and a later one of the
/// rows (a whole layout and paint of the page in between).
pub async fn timeline_ready() {
    let _ = preload_timeline().await;
}

/// Shows a view from its chunk: the page's loading state while the chunk loads, a message with a
/// retry when it cannot be loaded. `arg` is what the view is built with (a project's id).
#[component]
pub fn Deferred<A, F>(load: fn() -> F, arg: A) -> impl IntoView
where
    A: Clone + Send + Sync + 'static,
    F: Future<Output = Loaded<A>> + 'static,
{
    let c = super::state::ctx();
    let lang: Signal<crate::i18n::Lang> = c.lang.into();
    let (ready, start) = super::chunk::loading(load);
    move || match ready.get() {
        None => view! { <super::loading::Loading lang /> }.into_any(),
        Some(Ok(construct)) => construct(arg.clone()),
        Some(Err(ChunkMissing)) => view! {
            <div class="page-state error-state" role="alert">
                <p>{move || lang.get().t().chunk_missing}</p>
                <button class="button primary" on:click=move |_| start()>{move || lang.get().t().retry}</button>
            </div>
        }
        .into_any(),
    }
}
