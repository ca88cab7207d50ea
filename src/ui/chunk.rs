//! What a chunk loaded on demand hands back, and its loading into a signal (`loading`), apart from
//! `lazy.rs`, which names the views.

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
