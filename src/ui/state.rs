//! The app's state and everything derived from it, provided as context.
//!
//! Sources: the plans (published + imported), the ledger of the current plan, the view state (URL) and
//! settings. Everything else is a memo over them: the ledger read against the plan, the report date,
//! the statuses, the filtered rows. Views read these and call the core; they hold no business rules.

use super::{env, storage};
use crate::domain::actions::{Change, Reporter};
use crate::domain::changes::previous_month_end;
use crate::domain::date::Date;
use crate::domain::exchange::PlanRef;
use crate::domain::ledger::{Ledger, LedgerView};
use crate::domain::messages::Note;
use crate::domain::plan::Plan;
use crate::domain::query::{match_masks, match_masks_from, rows_of, Filters, SearchIndex};
use crate::domain::status::{evaluate_all, LazyStatuses, Light, ProjectStatus, Settings};
use crate::domain::submissions::{months_until, SubmissionTable};
use crate::domain::view_state::ViewState;
use crate::i18n::Lang;
use leptos::prelude::*;
use std::sync::Arc;

/// A memo over a freshly built `Arc`: recomputed when its inputs change, never compared deeply.
pub fn arc_memo<T: Send + Sync + 'static>(f: impl Fn() -> T + Send + Sync + 'static) -> Memo<Arc<T>> {
    Memo::new_with_compare(move |_| Arc::new(f()), |_, _| true)
}

/// The keys of a virtual list's lines in view: (generation, line). Scrolling only adds and removes
/// lines; a new generation (the data changed) rebuilds the lines in view.
pub fn keyed_window(generation: Memo<u64>, window: Memo<std::ops::Range<usize>>) -> impl Fn() -> Vec<(u64, usize)> + Copy {
    move || {
        let g = generation.get();
        window.get().map(move |k| (g, k)).collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// A message to the user, kept as data so a language switch re-words it.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub level: Level,
    pub note: Note,
}

/// Where a plan came from.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanSource {
    pub plan: Arc<Plan>,
    pub imported: bool,
    /// The sync database the host names for this list (`data/index.json`).
    pub sync: Option<String>,
}

#[derive(Clone, Copy)]
pub struct Ctx {
    pub view: RwSignal<ViewState>,
    pub lang: Memo<Lang>,
    pub plans: RwSignal<Vec<PlanSource>>,
    pub default_plan: RwSignal<String>,
    /// The list as published (or imported): the baseline, never changed. Files and storage name it.
    pub baseline: Memo<Arc<Plan>>,
    /// The list the views judge and show: the baseline with approved extensions (`domain::flow`), or
    /// the baseline itself when none was approved or the settings judge against it.
    pub plan: Memo<Arc<Plan>>,
    /// The supervision office's name (who may review, rule and close), remembered in this browser.
    pub office: RwSignal<String>,
    /// The review loop read against the baseline (`domain::flow::Flow`, carried by the ledger view);
    /// empty until its chunk is in.
    pub flow: FlowRead,
    /// The review loop's code (`domain::flow`) is in: a chunk loaded after the first paint, beside the
    /// stored ledger (`load_loop`); its functions are kept in `LOOP`.
    pub loop_ready: RwSignal<bool>,
    /// Asks the page (`persist_ledger`) to load the loop's chunk now: views ask through it rather than
    /// loading the chunk, so the chunk is reached from the page alone (as `sync_request`).
    pub loop_request: RwSignal<u64>,
    pub index: Memo<Arc<SearchIndex>>,
    pub ledger: RwSignal<Ledger>,
    pub ledger_view: Memo<Arc<LedgerView>>,
    pub settings: RwSignal<Settings>,
    pub today: Date,
    pub report_date: Memo<Date>,
    /// Statuses at the report date, each evaluated when a view first asks for it: the rows in view
    /// (list, timeline, a project's page) ask for theirs, so the first screen of 10,000 projects does not
    /// wait for all of them.
    pub present: Memo<Arc<LazyStatuses>>,
    /// Every status at the report date (dashboard, presentation, exports, notices): made from `present`
    /// when a view needs them all.
    pub statuses: Memo<Arc<Vec<ProjectStatus>>>,
    /// Statuses at the month-end before the report date (较上期): each evaluated when a view first asks
    /// for it (the list's 较上期 marks ask for the rows in view).
    pub previous: Memo<Arc<LazyStatuses>>,
    pub lights: Memo<Arc<Vec<Light>>>,
    /// Statuses at other dates (较上期变化's periods, a bulletin's quarter ends), through `statuses_at`.
    status_cache: StoredValue<StatusCache>,
    /// Who reported what for each month-end up to the report date (报送情况, 催报): made when a view
    /// first asks, then shared until the plan, ledger, report date or settings change.
    pub submissions: Memo<Arc<SubmissionTable>>,
    pub filters: Memo<Filters>,
    /// The query string of the current view without a project: project links append `p=` to it, so
    /// each link is not a full serialisation of the view state.
    pub link_query: Memo<String>,
    /// Which tests each project passes (search and each facet): rows and facet counts derive from it.
    pub masks: Memo<Arc<Vec<u8>>>,
    pub rows: Memo<Arc<Vec<usize>>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// Storage that could not be read at start, kept aside and offered for export.
    pub recovery: RwSignal<Option<storage::Recovery>>,
    /// The changes of this session, newest last, for undo.
    pub undo: RwSignal<Vec<Change>>,
    /// The reporting unit and person (remembered).
    pub reporter: RwSignal<Reporter>,
    /// The stored ledger is being read (the page shows the plan meanwhile).
    pub ledger_loading: RwSignal<bool>,
    /// Its attachment records (佐证材料), stored apart and read after it, are being read: nothing is
    /// saved, synced, exported or removed as unused until they are in.
    pub evidence_loading: RwSignal<bool>,
    /// Notified when the stored attachment records are merged into the ledger at load, without
    /// notifying the ledger itself (the statuses do not depend on them): what shows attachment records
    /// reads the ledger through [`Ctx::with_evidence`].
    pub evidence_in: Trigger,
    /// The stored ledger or its attachment records could not be read (see `Note::ReaderMissing`): the
    /// attachment records will not come in this visit.
    pub evidence_unread: RwSignal<bool>,
    /// Live sync (`sync.rs`): where it stands, and the records the server refused (id, why).
    pub sync: RwSignal<crate::domain::sync::SyncStatus>,
    pub sync_refused: RwSignal<Vec<(String, crate::domain::sync::Refusal)>>,
    /// Asks the page's sync (`sync::install`) for a run now: views ask through it rather than calling
    /// the engine, so the engine's chunk is reached from the page alone.
    pub sync_request: RwSignal<u64>,
    /// The signed-in account is the office's (it may put back every unit's records: 恢复服务器数据).
    pub sync_office: RwSignal<bool>,
}

/// The review loop's reading of the ledger with the adjusted plan (`domain::flow::judge_view`): a wasm
/// chunk of its own, so the first load does not carry it.
type Judge = fn(&Arc<Plan>, &Ledger, &str, bool, Option<&LedgerView>) -> LedgerView;

thread_local! {
    static LOOP: std::cell::Cell<Option<Judge>> = const { std::cell::Cell::new(None) };
}

/// Merges a list's stored attachment records (`Ctx::merge_stored_evidence`).
type EvidenceMerge = fn(Ctx, String, String, Persist, storage::ReadProgress) -> std::pin::Pin<Box<dyn std::future::Future<Output = bool>>>;

/// The merging of stored attachment records, in a chunk of its own: loaded only where a list has some.
#[::leptos::wasm_split::wasm_split(evidence_store, wasm_split_path = ::leptos::wasm_split, fallible)]
fn evidence_chunk() -> Result<EvidenceMerge, leptos::wasm_split::SplitLoaderError> {
    Ok(|c, plan_id, text, persist, read| Box::pin(c.merge_stored_evidence(plan_id, text, persist, read)))
}

#[::leptos::wasm_split::wasm_split(review_loop, wasm_split_path = ::leptos::wasm_split, fallible)]
fn loop_chunk() -> Result<Judge, leptos::wasm_split::SplitLoaderError> {
    Ok(crate::domain::flow::judge_view)
}

/// The review loop's reading, read from the ledger view that carries it (an empty one until the loop's
/// chunk is in): `with`, `get` and their untracked forms, as a memo's.
#[derive(Clone, Copy)]
pub struct FlowRead(Memo<Arc<LedgerView>>);

impl FlowRead {
    fn of(view: &LedgerView) -> Arc<crate::domain::flow::Flow> {
        view.review_loop.clone().and_then(|a| a.downcast::<crate::domain::flow::Flow>().ok()).unwrap_or_default()
    }

    pub fn get(self) -> Arc<crate::domain::flow::Flow> {
        self.0.with(|v| Self::of(v))
    }

    pub fn get_untracked(self) -> Arc<crate::domain::flow::Flow> {
        self.0.with_untracked(|v| Self::of(v))
    }

    pub fn with<R>(self, f: impl FnOnce(&crate::domain::flow::Flow) -> R) -> R {
        f(&self.get())
    }

    pub fn with_untracked<R>(self, f: impl FnOnce(&crate::domain::flow::Flow) -> R) -> R {
        f(&self.get_untracked())
    }
}

/// Asks once per page for persistent storage, after something was saved: the browser then keeps the
/// reports under storage pressure.
fn ask_to_persist() {
    thread_local! {
        static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if !ASKED.with(|a| a.replace(true)) {
        leptos::task::spawn_local(async {
            let _ = storage::persist().await;
        });
    }
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// Statuses evaluated at dates other than the report date, and what they were evaluated from (held
/// weakly: the cache keeps no old plan or ledger alive).
#[derive(Default)]
struct StatusCache {
    from: Option<(std::sync::Weak<Plan>, std::sync::Weak<LedgerView>, Settings)>,
    at: Vec<(Date, Arc<Vec<ProjectStatus>>)>,
}

impl StatusCache {
    /// Dates kept: a comparison's two, a bulletin's two, and one more.
    const DATES: usize = 5;

    fn made_from(&self, plan: &Arc<Plan>, view: &Arc<LedgerView>, settings: &Settings) -> bool {
        self.from.as_ref().is_some_and(|(p, v, s)| std::ptr::eq(p.as_ptr(), Arc::as_ptr(plan)) && std::ptr::eq(v.as_ptr(), Arc::as_ptr(view)) && s == settings)
    }
}

/// What the ledger's persistence keeps between changes.
#[derive(Clone, Copy)]
struct Persist {
    /// The ledger as last read from or written to storage; `None` until the stored ledger has been read
    /// (nothing is saved before that).
    saved: StoredValue<Option<Ledger>>,
    /// The list whose save is in flight; changes made meanwhile are saved when it ends.
    saving: StoredValue<Option<String>>,
    /// This visit's journal key (`storage::journal_key`).
    visit: StoredValue<String>,
    /// The stored ledger could not be read (its reader could not be loaded): the page keeps to what is
    /// typed here, journalled, until it is reloaded; another tab's saves are not merged into it either.
    unread: StoredValue<bool>,
}

impl Ctx {
    /// `lang`: the language in effect (`ui::app`: the one asked for once its words are in).
    pub fn new(view: RwSignal<ViewState>, plans: Vec<PlanSource>, default_plan: String, lang: Memo<Lang>) -> Ctx {
        let plans = RwSignal::new(plans);
        let default_plan = RwSignal::new(default_plan);
        let wanted_plan = Memo::new(move |_| view.with(|v| v.plan.clone()));
        let baseline = Memo::new_with_compare(
            move |_| {
                let wanted = wanted_plan.get().unwrap_or_else(|| default_plan.get());
                plans
                    .with(|ps| ps.iter().find(|p| p.plan.id == wanted).or(ps.first()).map(|p| p.plan.clone()))
                    .unwrap_or_else(|| Arc::new(Plan { id: String::new(), year: 2024, title: String::new(), categories: vec![], projects: vec![] }))
            },
            |a: Option<&Arc<Plan>>, b: Option<&Arc<Plan>>| !matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
        );
        let index = arc_memo(move || SearchIndex::new(&baseline.get()));
        let ledger = RwSignal::new(Ledger::default());
        let settings = RwSignal::new(storage::settings());
        let office = RwSignal::new(storage::office().unwrap_or_else(|| crate::domain::flow::DEFAULT_OFFICE.to_string()));
        let reviewed_only = Memo::new(move |_| settings.with(|s| s.reviewed_only));
        let loop_ready = RwSignal::new(false);
        // Without the loop's chunk (before it is in, or in a build without chunks) the ledger is read
        // alone: no marks, the published dates. With it, the view carries the loop's reading and the
        // adjusted plan.
        let ledger_view = Memo::new_with_compare(
            move |previous: Option<&Arc<LedgerView>>| {
                // An empty ledger reads the same with the loop or without: the loop's chunk coming in then
                // changes nothing (the rows in view are not built again).
                let judge = if ledger.with(Ledger::is_empty) { None } else { loop_ready.get().then(|| LOOP.with(std::cell::Cell::get)).flatten() };
                let view = ledger.with(|l| match judge {
                    Some(judge) => judge(&baseline.get(), l, &office.get(), reviewed_only.get(), previous.map(|p| &**p)),
                    None => LedgerView::new(&baseline.get(), l),
                });
                Arc::new(view)
            },
            |_, _| true,
        );
        let flow = FlowRead(ledger_view);
        let plan = Memo::new_with_compare(
            move |_| {
                let adjusted = ledger_view.with(|v| crate::domain::flow::flow_of(v).and_then(|f| f.adjusted.clone()));
                match adjusted {
                    Some(p) if !settings.with(|s| s.against_baseline) => p,
                    _ => baseline.get(),
                }
            },
            |a: Option<&Arc<Plan>>, b: Option<&Arc<Plan>>| !matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
        );
        let today = env::today();
        let report_date = Memo::new(move |_| {
            let year = plan.with(|p| p.year);
            view.with(|v| v.report_date).filter(|d| d.year() == year).unwrap_or_else(|| today.clamp_to_year(year))
        });
        let present = arc_memo(move || LazyStatuses::new(plan.get(), ledger_view.get(), report_date.get(), settings.get()));
        let statuses = arc_memo(move || present.with(|p| p.all()));
        let previous = arc_memo(move || LazyStatuses::new(plan.get(), ledger_view.get(), previous_month_end(report_date.get()), settings.get()));
        let lights = arc_memo(move || present.with(|p| (0..p.len()).map(|i| p.get(i).light).collect::<Vec<_>>()));
        let submissions = arc_memo(move || {
            let plan = plan.get();
            let months = months_until(&plan, report_date.get());
            ledger_view.with(|v| crate::domain::submissions::submissions(&plan, v, &months, &settings.get(), today))
        });
        let filters = Memo::new(move |_| view.with(|v| v.filters.clone()));
        let link_query = Memo::new(move |_| {
            view.with(|v| {
                let mut s = v.clone();
                s.project = None;
                s.to_query()
            })
        });
        // The last masks and what they were computed from: a search that narrows or widens the previous
        // one (typing) tests again only the projects whose result can change.
        let last = StoredValue::new(None::<(Arc<Plan>, Option<Arc<Vec<Light>>>, Filters, Arc<Vec<u8>>)>);
        let masks = Memo::new_with_compare(
            move |_| {
                let p = plan.get();
                let f = filters.get();
                // Lights only matter to a status filter: without one, no status is evaluated for the rows.
                let l = (!f.lights.is_empty()).then(|| lights.get());
                let index = index.get();
                let previous = last.with_value(|last| {
                    last.as_ref()
                        .filter(|(lp, ll, _, _)| Arc::ptr_eq(lp, &p) && ll.as_ref().map(Arc::as_ptr) == l.as_ref().map(Arc::as_ptr))
                        .map(|(_, _, pf, pm)| (pf.clone(), pm.clone()))
                });
                let lights_used = l.as_deref().map(Vec::as_slice);
                let m = Arc::new(match previous {
                    Some((pf, pm)) => match_masks_from(&p, &index, lights_used, &f, &pf, &pm),
                    None => match_masks(&p, &index, lights_used, &f),
                });
                last.set_value(Some((p, l, f, m.clone())));
                m
            },
            |_, _| true,
        );
        let rows = arc_memo(move || masks.with(|m| rows_of(m)));
        Ctx {
            view,
            lang,
            plans,
            default_plan,
            baseline,
            plan,
            office,
            flow,
            loop_ready,
            loop_request: RwSignal::new(0),
            index,
            ledger,
            ledger_view,
            settings,
            today,
            report_date,
            present,
            statuses,
            previous,
            lights,
            status_cache: StoredValue::new(StatusCache::default()),
            submissions,
            filters,
            link_query,
            masks,
            rows,
            notices: RwSignal::new(Vec::new()),
            recovery: RwSignal::new(None),
            undo: RwSignal::new(Vec::new()),
            reporter: RwSignal::new(Reporter {
                unit: storage::my_unit().unwrap_or_default(),
                person: storage::my_person().unwrap_or_default(),
            }),
            ledger_loading: RwSignal::new(true),
            evidence_loading: RwSignal::new(true),
            evidence_in: Trigger::new(),
            evidence_unread: RwSignal::new(false),
            sync: RwSignal::new(crate::domain::sync::SyncStatus::Off),
            sync_refused: RwSignal::new(Vec::new()),
            sync_request: RwSignal::new(0),
            sync_office: RwSignal::new(false),
        }
    }

    /// Loads the review loop's chunk (once): `false` when it cannot be loaded (offline before the service
    /// worker cached it).
    pub async fn load_loop(self) -> bool {
        if self.loop_ready.get_untracked() {
            return true;
        }
        match loop_chunk().await {
            Ok(judge) => {
                LOOP.with(|l| l.set(Some(judge)));
                if !self.loop_ready.get_untracked() {
                    self.loop_ready.set(true);
                }
                true
            }
            Err(_) => false,
        }
    }

    /// Asks for the review loop's chunk unless it is in (`loop_request`).
    pub fn want_loop(self) {
        if !self.loop_ready.get_untracked() {
            self.loop_request.update(|n| *n += 1);
        }
    }

    /// Every status at `date`, evaluated once and kept while the plan, the ledger and the settings stay
    /// the same (the last few dates asked for); at the report date, `statuses`. Tracks what it reads.
    pub fn statuses_at(self, date: Date) -> Arc<Vec<ProjectStatus>> {
        if date == self.report_date.get() {
            return self.statuses.get();
        }
        let (plan, view, settings) = (self.plan.get(), self.ledger_view.get(), self.settings.get());
        let kept = self
            .status_cache
            .try_update_value(|cache| {
                if !cache.made_from(&plan, &view, &settings) {
                    *cache = StatusCache { from: Some((Arc::downgrade(&plan), Arc::downgrade(&view), settings)), at: Vec::new() };
                }
                cache.at.iter().find(|(d, _)| *d == date).map(|(_, s)| s.clone())
            })
            .flatten();
        if let Some(s) = kept {
            return s;
        }
        let s = Arc::new(evaluate_all(&plan, &view, date, &settings));
        self.status_cache.update_value(|cache| {
            if cache.at.len() >= StatusCache::DATES {
                cache.at.remove(0);
            }
            cache.at.push((date, s.clone()));
        });
        s
    }

    /// Loads the ledger of the current plan (from IndexedDB: after the first paint, never blocking
    /// it), journals and saves it on every change, and merges other tabs' saves. Wired by the app
    /// (`ui::app`): the reader of stored files it reaches is a wasm chunk, which exists only in the
    /// split build, so views tested on their own (`tests/web.rs`) run without it.
    pub fn persist_ledger(self) {
        let plan_id = Memo::new(move |_| self.baseline.with(|p| p.id.clone()));
        let persist = Persist {
            saved: StoredValue::new(None),
            saving: StoredValue::new(None),
            visit: StoredValue::new(String::new()),
            unread: StoredValue::new(false),
        };
        Effect::new(move |_| {
            let id = plan_id.get();
            // Undo and recovery belong to the plan that was shown before. Only what is not reset
            // already is set: at start (all empty) setting the ledger would evaluate the statuses
            // again and rebuild the rows in view before the first frame.
            if self.undo.with_untracked(|u| !u.is_empty()) {
                self.undo.set(Vec::new());
            }
            persist.saved.set_value(None);
            persist.unread.set_value(false);
            // A journal key of its own for this visit to the list: what an earlier visit journalled
            // (its save may still be failing) is never overwritten, and is taken over like another
            // page's.
            persist.visit.set_value(storage::journal_key(&id));
            if self.ledger.with_untracked(|l| !l.is_empty()) {
                self.ledger.set(Ledger::default());
            }
            if !self.ledger_loading.get_untracked() {
                self.ledger_loading.set(true);
            }
            if !self.evidence_loading.get_untracked() {
                self.evidence_loading.set(true);
            }
            if self.evidence_unread.get_untracked() {
                self.evidence_unread.set(false);
            }
            let me = self;
            let wanted = id.clone();
            // The review loop's chunk is fetched beside the stored ledger, once the first frame is out,
            // and is in before the ledger is set, so the ledger is read once, with the loop.
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        leptos::task::spawn_local(async move {
                            me.load_loop().await;
                        })
                    },
                    std::time::Duration::ZERO,
                )
            });
            leptos::task::spawn_local(async move {
                let load = storage::load_ledger(&wanted, &env::now_iso()).await;
                let _ = me.load_loop().await;
                // The page may show another plan by now.
                if me.plan.try_with_untracked(|p| p.id != wanted).unwrap_or(true) {
                    return;
                }
                // What is stored cannot be read now: nothing is saved over it (the ledger stays
                // unread, and sync off), and what is entered meanwhile is journalled, for the next visit.
                let Ok(load) = load else {
                    persist.unread.set_value(true);
                    me.evidence_unread.set(true);
                    return me.notify(Level::Error, Note::ReaderMissing);
                };
                me.recovery.set(load.recovery.clone());
                // Attachment records read from a main text (written whole by an earlier version, or its
                // backup restored) are not under their own key yet: they count as unsaved, so the first
                // save puts them there before a later one writes the main text without them.
                let mut saved = load.ledger.clone();
                saved.evidence = Default::default();
                persist.saved.set_value(Some(saved));
                // What pages closed before their save landed had journalled is merged (and then saved).
                let recovered = load.pending.since(&load.ledger).len();
                if recovered > 0 {
                    me.notify(Level::Info, Note::JournalRecovered { records: recovered });
                }
                let stored = load.ledger.merged(&load.pending);
                // Entries made while the stored ledger was being read are kept (and then saved). Nothing
                // stored and nothing typed (a first visit): the ledger stays as it is, so the statuses
                // are not evaluated again for nothing.
                let unchanged = me.ledger.with_untracked(|typed| *typed == stored);
                if !unchanged {
                    me.ledger.update(|l| {
                        let typed = std::mem::take(l);
                        *l = stored.merged(&typed);
                    });
                }
                // This visit's journal takes the others over: once it holds what they held beyond the
                // stored ledger, they go (each only if unchanged since read).
                if !load.journals.is_empty() && me.ledger.with_untracked(|now| me.journal(&Self::pending(now, persist), persist)) {
                    storage::clear_journals(&load.journals);
                }
                me.ledger_loading.set(false);
                env::mark("minsheng:ledger-ready");
                // The attachment records, stored apart, read after the statuses: a year's 20,000 photos
                // do not hold up the list. In a task of its own, which starts with a read from IndexedDB
                // (the frame goes out meanwhile); not tied to a frame, which a hidden tab never paints.
                set_timeout(move || leptos::task::spawn_local(me.load_evidence(wanted, persist)), std::time::Duration::ZERO);
            });
            storage::on_other_tab_ledger_change(id, move |theirs| {
                if persist.unread.try_get_value().unwrap_or(true) {
                    return;
                }
                // What another tab saved is stored: it is not saved again from here.
                persist.saved.update_value(|s| {
                    if let Some(s) = s {
                        s.merge(&theirs);
                    }
                });
                let Some(before) = me.ledger.try_get_untracked() else { return };
                let merged = before.clone().merged(&theirs);
                if merged != before {
                    me.ledger.set(merged);
                }
            });
        });
        Effect::new(move |_| self.journal_and_save(self.ledger.get(), persist));
        // A view asked for the review loop (`want_loop`).
        Effect::new(move |_| {
            if self.loop_request.get() > 0 && !self.loop_ready.get_untracked() {
                leptos::task::spawn_local(async move {
                    self.load_loop().await;
                });
            }
        });
    }

    /// Reads the attachment records stored apart and merges them (as saved: nothing to save again);
    /// saves what was entered meanwhile.
    async fn load_evidence(self, plan_id: String, persist: Persist) {
        // Most lists have none: their text is not there, and the code that merges one is not loaded.
        let stored = storage::stored_evidence(&plan_id).await;
        if self.plan.try_with_untracked(|p| p.id != plan_id).unwrap_or(true) {
            // Another list is shown now: its own load says when its records are in.
            return;
        }
        let merged = match stored {
            Ok(None) => Ok(true),
            // The reader is handed to the chunk (a chunk never loads another itself).
            Ok(Some(text)) => match (storage::progress_read().await, evidence_chunk().await) {
                (Ok(read), Ok(merge)) => Ok(merge(self, plan_id, text, persist, read).await),
                _ => Err(storage::ReaderMissing),
            },
            Err(e) => Err(e),
        };
        match merged {
            Ok(true) => {}
            // Another list is shown now.
            Ok(false) => return,
            Err(_) => {
                // Not read: nothing is saved over them, nor any file removed as unused.
                persist.unread.set_value(true);
                self.evidence_unread.set(true);
                return self.notify(Level::Error, Note::ReaderMissing);
            }
        }
        self.evidence_loading.set(false);
        env::mark("minsheng:evidence-ready");
        // What was entered while they were read, saved now (a save waits for them).
        if let Some(now) = self.ledger.try_get_untracked() {
            self.journal_and_save(now, persist);
        }
    }

    /// Reads the stored attachment records' `text` and merges them, as saved (nothing to save again);
    /// `false` when another list is shown by then.
    async fn merge_stored_evidence(self, plan_id: String, text: String, persist: Persist, read: storage::ReadProgress) -> bool {
        let (evidence, recovery) = storage::read_evidence(read, &plan_id, text, &env::now_iso()).await;
        if self.plan.try_with_untracked(|p| p.id != plan_id).unwrap_or(true) {
            return false;
        }
        if recovery.is_some() && self.recovery.with_untracked(Option::is_none) {
            self.recovery.set(recovery);
        }
        persist.saved.update_value(|s| {
            if let Some(s) = s {
                s.merge(&evidence);
            }
        });
        // Merged without notifying the ledger: the review loop's reading of 10,000 projects (0.4 s
        // natively) would be made again for records it does not read. Their views are told.
        if self.ledger.with_untracked(|l| !evidence.since(l).is_empty()) {
            self.ledger.update_untracked(|l| l.merge(&evidence));
            self.evidence_in.notify();
        }
        true
    }

    /// Reads the ledger for its attachment records: tracks the ledger and the stored records' arrival
    /// (`evidence_in`).
    pub fn with_evidence<R>(self, f: impl FnOnce(&Ledger) -> R) -> R {
        self.evidence_in.track();
        self.ledger.with(f)
    }

    /// Waits until the stored attachment records are in the ledger (they are read just after the
    /// rest), or could not be read: what reads every record (an export, 核验签名记录, the files per
    /// report) asks first.
    pub async fn evidence_read(self) {
        while self.evidence_loading.try_get_untracked().unwrap_or(false) && !self.evidence_unread.try_get_untracked().unwrap_or(true) {
            env::sleep(50).await;
        }
    }

    /// What `ledger` holds beyond what was last saved (all of it, before the stored ledger has been
    /// read): what the journal keeps and a save adds.
    fn pending(ledger: &Ledger, persist: Persist) -> Ledger {
        persist.saved.with_value(|s| match s {
            Some(s) => ledger.since(s),
            None => ledger.clone(),
        })
    }

    /// Journals `pending` (see [`Ctx::pending`]); whether it is now safe from the page closing.
    fn journal(self, pending: &Ledger, persist: Persist) -> bool {
        let key = persist.visit.get_value();
        storage::journal(&key, || self.baseline.with_untracked(|p| PlanRef::of(p)), pending, &env::now_iso())
    }

    /// Journals what `ledger` holds beyond the last save, then saves it if there is any.
    fn journal_and_save(self, ledger: Ledger, persist: Persist) {
        let pending = Self::pending(&ledger, persist);
        // Journalled at once, before anything shows the change: a page closed or reloaded before
        // the save lands loses nothing.
        self.journal(&pending, persist);
        if !pending.is_empty() {
            self.save(ledger, !pending.evidence.is_empty(), persist);
        }
    }

    /// Saves `ledger`, which holds something the last save did not (attachment records among it when
    /// `evidence_changed`).
    fn save(self, ledger: Ledger, evidence_changed: bool, persist: Persist) {
        let Persist { saved, saving, visit, .. } = persist;
        let Some(plan_id) = self.plan.try_with_untracked(|p| p.id.clone()) else { return };
        // Nothing is saved before the stored ledger and its attachment records have been read, nor
        // while a save of this list is in flight (its end saves what changed meanwhile).
        if saved.with_value(Option::is_none) || self.evidence_loading.get_untracked() || saving.with_value(|s| s.as_deref() == Some(plan_id.as_str())) {
            return;
        }
        saving.set_value(Some(plan_id));
        let plan_ref = self.baseline.with_untracked(|p| PlanRef::of(p));
        let key = visit.get_value();
        leptos::task::spawn_local(async move {
            let result = storage::save_ledger(&plan_ref, &ledger, evidence_changed, &env::now_iso()).await;
            let _ = saving.try_update_value(|s| {
                if s.as_deref() == Some(plan_ref.id.as_str()) {
                    *s = None;
                }
            });
            if self.plan.try_with_untracked(|p| p.id != plan_ref.id).unwrap_or(true) {
                // Another list is shown now: this one's ledger is no longer in memory, and what it held
                // beyond this save stays in its visit's journal, for the next visit to take over.
                if result.is_ok() {
                    storage::journal_settled(&key);
                }
                return;
            }
            match result {
                Ok(None) => saved.set_value(Some(ledger)),
                Ok(Some(merged)) => {
                    // Another tab saved entries this one had not seen yet: show them too.
                    saved.set_value(Some(merged.clone()));
                    self.ledger.update(|l| *l = merged.merged(l));
                }
                Err(storage::SaveError::Refused) => return self.notify(Level::Error, Note::StorageFull),
                Err(storage::SaveError::Protected) => return self.notify(Level::Error, Note::StorageProtected),
                Err(storage::SaveError::ReaderMissing) => return self.notify(Level::Error, Note::ReaderMissing),
            }
            if let Some(now) = self.ledger.try_get_untracked() {
                // Saved: the journal keeps only what is still unsaved, and changes made while saving are
                // saved now (a failed save waits for the next change).
                self.journal_and_save(now, persist);
            }
            ask_to_persist();
        });
    }

    /// Shows a message. Confirmations fade after a few seconds; warnings and errors stay until closed.
    /// The same message already shown is not shown twice (an offline page whose every save fails).
    pub fn notify(self, level: Level, note: Note) {
        if self.notices.with_untracked(|n| n.iter().any(|x| x.level == level && x.note == note)) {
            return;
        }
        let mut id = 0;
        self.notices.update(|n| {
            id = n.iter().map(|x| x.id).max().unwrap_or(0) + 1;
            n.push(Notice { id, level, note });
        });
        if level == Level::Info {
            set_timeout(move || self.dismiss(id), std::time::Duration::from_secs(8));
        }
    }

    pub fn dismiss(self, id: u64) {
        // May run from a timer after the page is gone: a disposed signal is simply left alone.
        let _ = self.notices.try_update(|n| n.retain(|x| x.id != id));
    }

    /// Changes the view state in place (one URL write).
    pub fn update_view(self, f: impl FnOnce(&mut ViewState)) {
        self.view.update(f);
    }

    pub fn set_lang(self, lang: Lang) {
        storage::store_lang(lang);
        self.view.update(|v| v.lang = Some(lang));
    }

    pub fn open_project(self, id: &str) {
        let id = id.to_string();
        self.view.update(|v| v.project = Some(id));
    }
}
