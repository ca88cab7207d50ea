//! Views most visits never open, each cut into a wasm chunk of its own (the `wasm_split` macro that
//! Leptos' `#[lazy]` uses, and `tools/split_wasm.py` at build time): the first load carries the frame,
//! the list and the timeline's loader; a chunk is fetched the first time its view opens, and is
//! precached by the service worker for offline use.
//!
//! Loading may fail (offline before the service worker cached the chunks): the view then says so and
//! offers to try again, rather than stopping the app.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos::__reexports::send_wrapper::SendWrapper;
use std::future::Future;

/// A chunk could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkMissing;

impl From<SplitLoaderError> for ChunkMissing {
    fn from(_: SplitLoaderError) -> ChunkMissing {
        ChunkMissing
    }
}

pub type Loaded = Result<AnyView, ChunkMissing>;

/// A view in a chunk of its own; `$preload` starts loading the chunk without showing the view.
macro_rules! lazy_view {
    ($(#[$doc:meta])* $name:ident, $preload:ident, ($($arg:ident: $ty:ty),*) => $view:expr) => {
        $(#[$doc])*
        #[::leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible, preload(#[allow(dead_code)] $preload))]
        pub fn $name($($arg: $ty),*) -> Loaded {
            Ok($view.into_any())
        }
    };
}

lazy_view!(presenter, preload_presenter, () => view! { <super::present::Presenter /> });
lazy_view!(detail, preload_detail, (id: String) => view! { <super::detail::ProjectDetail id /> });
lazy_view!(timeline, preload_timeline, () => view! { <super::timeline::TimelineView /> });
lazy_view!(dashboard, preload_dashboard, () => view! { <super::dashboard::Dashboard /> });
lazy_view!(entry_grid, preload_entry_grid, () => view! { <super::grid::EntryGrid /> });
lazy_view!(submissions, preload_submissions, () => view! { <super::submissions::SubmissionsView /> });
lazy_view!(changes, preload_changes, () => view! { <super::changes::ChangesView /> });
lazy_view!(matters, preload_matters, () => view! { <super::matters::MattersView /> });
lazy_view!(supervision, preload_supervision, () => view! { <super::supervision::SupervisionView /> });
lazy_view!(bulletin, preload_bulletin, () => view! { <super::bulletin::BulletinView /> });
lazy_view!(exchange, preload_exchange, () => view! { <super::exchange::ExchangeView /> });
lazy_view!(import_list, preload_import_list, () => view! { <super::import_list::ImportView /> });

/// Starts loading the timeline's chunk now (the page opens on it), while the list is fetched.
pub fn prefetch_timeline() {
    leptos::task::spawn_local(async {
        let _ = preload_timeline().await;
    });
}

/// Shows a view from its chunk: the page's loading state meanwhile, a message with a retry when the
/// chunk cannot be loaded.
#[component]
pub fn Deferred<L, F>(load: L) -> impl IntoView
where
    L: Fn() -> F + Clone + Send + Sync + 'static,
    F: Future<Output = Loaded> + 'static,
{
    let c = super::state::ctx();
    let lang: Signal<crate::i18n::Lang> = c.lang.into();
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        let load = load.clone();
        let fut = SendWrapper::new(async move {
            match load().await {
                Ok(view) => view,
                Err(ChunkMissing) => view! {
                    <div class="page-state error-state" role="alert">
                        <p>{move || lang.get().t().chunk_missing}</p>
                        <button class="button primary" on:click=move |_| attempt.update(|a| *a += 1)>{move || lang.get().t().retry}</button>
                    </div>
                }
                .into_any(),
            }
        });
        view! {
            <Suspense fallback=move || view! { <super::loading::Loading lang /> }>
                {Suspend::new(fut)}
            </Suspense>
        }
    }
}
