//! What a chunk loaded on demand hands back, and a part of a view shown from one (`Inline`). Kept apart
//! from `lazy.rs`, which names the views: a view that shows a part from a chunk (佐证材料 in the detail)
//! reaches this without reaching the views.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;

/// A chunk could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkMissing;

impl From<SplitLoaderError> for ChunkMissing {
    fn from(_: SplitLoaderError) -> ChunkMissing {
        ChunkMissing
    }
}

/// A view's constructor from its chunk: called like any component once the chunk is in.
pub type Loaded<A> = Result<fn(A) -> AnyView, ChunkMissing>;

/// Loads a chunk into a signal (`None` while it loads); the function starts it (again, for 重试).
pub fn loading<A, F>(load: fn() -> F) -> (RwSignal<Option<Loaded<A>>>, impl Fn() + Copy + 'static)
where
    A: Send + Sync + 'static,
    F: Future<Output = Loaded<A>> + 'static,
{
    let ready = RwSignal::new(None::<Loaded<A>>);
    let start = move || {
        ready.set(None);
        leptos::task::spawn_local(async move {
            let loaded = load().await;
            // The page may have moved on while the chunk loaded.
            let _ = ready.try_set(Some(loaded));
        });
    };
    start();
    (ready, start)
}

/// A part of a view from its chunk: nothing while the chunk loads (it is small and comes at once), a
/// line with a retry when it cannot be loaded.
#[component]
pub fn Inline<A, F>(load: fn() -> F, arg: A) -> impl IntoView
where
    A: Clone + Send + Sync + 'static,
    F: Future<Output = Loaded<A>> + 'static,
{
    let c = super::state::ctx();
    let lang: Signal<crate::i18n::Lang> = c.lang.into();
    let (ready, start) = loading(load);
    move || match ready.get() {
        None => ().into_any(),
        Some(Ok(construct)) => construct(arg.clone()),
        Some(Err(ChunkMissing)) => view! {
            <p class="field-error" role="alert">
                {move || lang.get().t().chunk_missing}" "
                <button class="button small" on:click=move |_| start()>{move || lang.get().t().retry}</button>
            </p>
        }
        .into_any(),
    }
}

