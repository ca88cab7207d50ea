//! The root: reads the URL, loads the published plan named by `data/index.json` (and any lists imported
//! in this browser), then provides the state and lays out the page.

use super::fetch::{first_file, load_index, load_plan, read_index_bytes, take_prefetched};
use super::filter_bar::FilterBar;
use super::header::Header;
use super::list::ProjectList;
use super::loading::{LoadFailed, Loading};
use super::nav::Nav;
use super::notices::Notices;
use super::state::{Ctx, Level, PlanSource};
use super::lazy::{self, Deferred};
use super::present;
use super::env::mark;
use super::{storage, url};
use crate::domain::format::LoadError;
use crate::domain::messages::Note;
use crate::domain::plan::Plan;
use crate::domain::view_state::{UrlNotice, View};
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
enum Load {
    Loading,
    Failed(LoadError),
    Ready(Vec<PlanSource>, String),
}

async fn load_published() -> Result<(Plan, String, Option<String>), LoadError> {
    // Fetched by the boot script while the wasm module loaded; read here like any fetched file.
    if let Some((index, file, plan)) = take_prefetched().await {
        let index = read_index_bytes(&index)?;
        if let Some(entry) = index.default_entry().filter(|e| first_file(e) == file).cloned() {
            mark("minsheng:files");
            let plan = load_plan(&entry, Some(plan)).await?;
            mark("minsheng:plan-read");
            return Ok((plan, index.default, entry.sync));
        }
    }
    let index = load_index().await?;
    let entry = index.default_entry().cloned().ok_or(LoadError::Network { url: "data/index.json".into() })?;
    let plan = load_plan(&entry, None).await?;
    mark("minsheng:plan-read");
    Ok((plan, index.default, entry.sync))
}

/// Puts the English words in place (`lazy::english`; callers at once share one fetch); when they cannot
/// be fetched (offline before they were cached), the page stays in Chinese and says so, once, and the
/// language switch asks again.
async fn load_english(english_in: RwSignal<bool>, failed: RwSignal<bool>, view_state: RwSignal<crate::domain::view_state::ViewState>) {
    if lazy::english().await.is_ok() {
        let _ = english_in.try_set(true);
    } else if view_state.try_with_untracked(|v| v.lang != Some(Lang::Zh)).unwrap_or(false) {
        // The first caller to fail turns the page back to Chinese; another waiting on the same fetch
        // finds it so and says nothing more.
        let _ = view_state.try_update(|v| v.lang = Some(Lang::Zh));
        let _ = failed.try_set(true);
    }
}

/// The loading state index.html shows until the app has read the list.
fn boot_loading() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id("boot-loading")
}


#[component]
pub fn App() -> impl IntoView {
    mark("minsheng:start");
    let (initial, url_notices) = url::read_location();
    // The timeline's chunk loads while the list does when the page opens on it.
    let opens_on_timeline = initial.view == View::Timeline && initial.project.is_none();
    if opens_on_timeline {
        lazy::prefetch_timeline();
    }
    let view_state = RwSignal::new(initial);
    // The language asked for (the address, else this browser's choice) and the one in effect: English
    // once its words are in (a chunk of their own, `lazy::english`), Chinese until then.
    let asked_lang = Memo::new(move |_| view_state.with(|v| v.lang).or(storage::stored_lang()).unwrap_or_default());
    let english_in = RwSignal::new(crate::i18n::english_ready());
    let english_failed = RwSignal::new(false);
    let boot_lang = Memo::new(move |_| {
        english_in.track();
        asked_lang.get().in_effect()
    });
    let english_wanted = move || {
        let asked = asked_lang.get_untracked();
        asked.in_effect() != asked
    };
    // Fetched when English is asked for: a page opening in English fetches its words while the list is
    // fetched (the boot script started on them already), and shows once both are in (`start`).
    Effect::new(move |_| {
        let _ = asked_lang.get();
        if english_wanted() {
            spawn_local(load_english(english_in, english_failed, view_state));
        }
    });
    let load = RwSignal::new(Load::Loading);
    let url_notices = StoredValue::new(url_notices);
    // Lists imported in this browser that were read after the page was shown.
    let late_imports = RwSignal::new(None::<Vec<PlanSource>>);
    let imported_sources = |plans: Vec<Plan>| plans.into_iter().map(|p| PlanSource { plan: Arc::new(p), imported: true, sync: None }).collect::<Vec<_>>();
    let start = move || {
        load.set(Load::Loading);
        let named = view_state.with_untracked(|v| v.plan.is_some());
        spawn_local(async move {
            if named {
                // The address names a list, maybe one imported here: both are read before the page shows
                // (the fetch of the published one is under way already, from the boot script).
                let published = load_published().await;
                let imported = lazy::read_imported(storage::imported_plan_files().await).await;
                mark("minsheng:imports-ready");
                if english_wanted() {
                    load_english(english_in, english_failed, view_state).await;
                }
                mark("minsheng:lists-ready");
                load.set(match published {
                    Ok((published, default_id, sync)) => {
                        let mut plans = vec![PlanSource { plan: Arc::new(published), imported: false, sync }];
                        plans.extend(imported_sources(imported));
                        Load::Ready(plans, default_id)
                    }
                    Err(e) => Load::Failed(e),
                });
            } else {
                // The published list is shown as soon as it is read; the imported ones (opening
                // IndexedDB can take tens of milliseconds on a first visit) join the list switcher when in.
                spawn_local(async move {
                    let imported = lazy::read_imported(storage::imported_plan_files().await).await;
                    let _ = late_imports.try_set(Some(imported_sources(imported)));
                    mark("minsheng:imports-ready");
                });
                let published = load_published().await;
                if opens_on_timeline {
                    lazy::timeline_ready().await;
                }
                if english_wanted() {
                    load_english(english_in, english_failed, view_state).await;
                }
                mark("minsheng:lists-ready");
                load.set(match published {
                    Ok((published, default_id, sync)) => Load::Ready(vec![PlanSource { plan: Arc::new(published), imported: false, sync }], default_id),
                    Err(e) => Load::Failed(e),
                });
            }
        });
    };
    start();
    Effect::new(move |_| {
        let lang = boot_lang.get();
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.html_lang());
        }
    });
    // Once the list is read (or could not be), the page's own loading state goes.
    Effect::new(move |_| {
        if !matches!(load.get(), Load::Loading) {
            if let Some(el) = boot_loading() {
                el.remove();
            }
        }
    });
    let lang_signal: Signal<Lang> = boot_lang.into();
    view! {
        {move || match load.get() {
            // The page's own loading state (index.html) stays until the list is read: changing the page
            // now would lay it out once more before the list (~25 ms at start).
            Load::Loading if boot_loading().is_some() => ().into_any(),
            Load::Loading => view! { <div class="app"><Loading lang=lang_signal /></div> }.into_any(),
            Load::Failed(error) => {
                view! {
                    <div class="app">
                        <main class="app-main">
                            <LoadFailed lang=lang_signal error on_retry=Callback::new(move |_| start()) />
                        </main>
                    </div>
                }
                    .into_any()
            }
            Load::Ready(plans, default_id) => {
                view! { <Workspace view_state plans default_id lang=boot_lang english_failed url_notices=url_notices.get_value() late_imports /> }.into_any()
            }
        }}
    }
}

#[component]
fn Workspace(
    view_state: RwSignal<crate::domain::view_state::ViewState>,
    plans: Vec<PlanSource>,
    default_id: String,
    lang: Memo<Lang>,
    english_failed: RwSignal<bool>,
    url_notices: Vec<UrlNotice>,
    late_imports: RwSignal<Option<Vec<PlanSource>>>,
) -> impl IntoView {
    let c = Ctx::new(view_state, plans, default_id, lang);
    c.persist_ledger();
    mark("minsheng:state");
    provide_context(c);
    // Imported lists read after the page was shown join the list switcher (never twice).
    Effect::new(move |_| {
        if let Some(late) = late_imports.get() {
            c.plans.update(|ps| {
                for p in late {
                    if !ps.iter().any(|x| x.plan.id == p.plan.id) {
                        ps.push(p);
                    }
                }
            });
        }
    });
    let mut notices = url_notices;
    // Read the plan before taking the view state for writing: the plan memo reads the view state.
    let plan = c.plan.get_untracked();
    let known_plan = view_state.with_untracked(|v| v.plan.as_ref().is_none_or(|id| c.plans.with_untracked(|ps| ps.iter().any(|p| &p.plan.id == id))));
    view_state.update(|v| {
        if !known_plan {
            notices.push(UrlNotice::Stale { param: "plan".into(), value: v.plan.take().unwrap_or_default() });
        }
        notices.extend(v.drop_stale(&plan));
    });
    if !notices.is_empty() {
        c.notify(Level::Warning, Note::UrlParams(notices));
    }
    url::sync(view_state);
    present::install_shortcut(c);
    super::sync::install(c);
    super::offline::register(c);
    Effect::new(move |_| {
        if english_failed.get() {
            english_failed.set(false);
            c.notify(Level::Error, Note::EnglishMissing);
        }
    });
    Effect::new(move |_| {
        if let Some(r) = c.recovery.get() {
            c.notify(Level::Error, Note::StorageRecovered { from_backup: r.from_backup, error: r.error });
        }
    });
    // Only a change of page rebuilds the body; filters and the like update in place.
    let plan_id = Memo::new(move |_| c.plan.with(|p| p.id.clone()));
    let page = Memo::new(move |_| (c.view.with(|v| (v.view, v.project.clone())), plan_id.get()));
    // The UI's words are plain strings read when a view is built: switching the language rebuilds the
    // page (a rare event) instead of keeping hundreds of reactive labels alive.
    let lang = c.lang;
    let body = move || {
        let ((view, project), _) = page.get();
        let _ = lang.get();
        if let Some(id) = project {
            return view! { <Deferred load=lazy::detail_view arg=id /> }.into_any();
        }
        match view {
            View::List => view! {
                <FilterBar />
                <ProjectList />
            }
            .into_any(),
            View::Timeline => view! {
                <FilterBar />
                <Deferred load=lazy::timeline arg=() />
            }
            .into_any(),
            View::Exchange => view! { <Deferred load=lazy::exchange arg=() /> }.into_any(),
            View::Entry => view! { <Deferred load=lazy::entry_grid_view arg=() /> }.into_any(),
            View::Submissions => view! { <Deferred load=lazy::submissions arg=() /> }.into_any(),
            View::Changes => view! {
                <FilterBar />
                <Deferred load=lazy::changes arg=() />
            }
            .into_any(),
            View::Matters => view! {
                <FilterBar />
                <Deferred load=lazy::matters arg=() />
            }
            .into_any(),
            View::Notices => view! {
                <FilterBar />
                <Deferred load=lazy::supervision arg=() />
            }
            .into_any(),
            View::Import => view! { <Deferred load=lazy::import_list arg=() /> }.into_any(),
            View::Review => view! { <Deferred load=lazy::review_view arg=() /> }.into_any(),
            View::Sync => view! { <Deferred load=lazy::sync_view arg=() /> }.into_any(),
            View::Dashboard => view! { <Deferred load=lazy::dashboard arg=() /> }.into_any(),
            View::Bulletin => view! { <Deferred load=lazy::bulletin arg=() /> }.into_any(),
        }
    };
    let presenting = Memo::new(move |_| c.view.with(|v| v.present));
    view! {
        {move || {
            let _ = lang.get();
            presenting.get().then(|| view! { <Deferred load=lazy::presenter_with_style arg=() /> })
        }}
        <div class="app" class:behind-presentation=move || presenting.get()>
            {move || {
                let _ = lang.get();
                view! {
                    <Header />
                    <Nav />
                }
            }}
            <main class="app-main" id="main">
                <Notices />
                {body}
            </main>
        </div>
    }
}
