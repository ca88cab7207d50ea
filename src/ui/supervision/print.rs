//! Printing 督办单: one notice, or all of the filter's in batches of `PRINT_BATCH` (a browser lays out a
//! few hundred A4 pages at a time, not thousands). Each batch is written as markup into the view's print
//! area (hidden on screen), the browser's print is called once it is laid out, and the next batch
//! follows in a later task, so the progress is shown and 停止打印 answered between batches. Notices not
//! numbered are numbered first, all at once, in the order of the list.

use super::super::actions;
use super::super::state::Ctx;
use super::Drafts;
use crate::domain::markup::Markup;
use crate::domain::supervision::{document, sheet, Draft, PrintRun, PRINT_BATCH};
use leptos::prelude::*;
use std::sync::Arc;

/// The print under way (or the last one), as signals the view reads.
#[derive(Clone, Copy)]
pub struct Printer {
    c: Ctx,
    office: RwSignal<String>,
    /// The run of 全部打印 (`None` before one, or for 打印 of one notice).
    run: RwSignal<Option<PrintRun>>,
    drafts: StoredValue<Drafts>,
    /// The sheets of the batch being printed (kept after it, so the browser's own 打印 prints it again).
    sheets: RwSignal<Markup>,
}

impl Printer {
    pub fn new(c: Ctx, office: RwSignal<String>) -> Printer {
        Printer { c, office, run: RwSignal::new(None), drafts: StoredValue::new(Arc::new(Vec::new())), sheets: RwSignal::new(Markup::default()) }
    }

    pub fn sheets(self) -> Markup {
        self.sheets.get()
    }

    /// A run of 全部打印 is under way.
    pub fn running(self) -> bool {
        self.run.with(|r| r.is_some_and(|r| !r.finished()))
    }

    /// A run of 全部打印 was started (and may have ended) in this view.
    pub fn started(self) -> bool {
        self.run.with(Option::is_some)
    }

    /// What 全部打印 has done, in words.
    pub fn progress(self) -> String {
        let t = self.c.lang.get().t();
        self.run.get().map_or_else(String::new, |r| {
            if r.stopped {
                (t.print_stopped)(r.printed, r.total)
            } else if r.finished() {
                (t.print_done)(r.printed, r.total)
            } else {
                let (b, bs) = r.batch_no();
                (t.print_progress)(b, bs, r.printed, r.total)
            }
        })
    }

    pub fn stop(self) {
        self.run.update(|r| {
            if let Some(r) = r {
                r.stopped = true;
            }
        });
    }

    /// Numbers the drafts not numbered yet; the drafts as numbered, or `None` when refused.
    fn numbered(self, drafts: &[Draft]) -> Option<Vec<Draft>> {
        if drafts.iter().all(|d| d.no.is_some()) {
            return Some(drafts.to_vec());
        }
        actions::issue_notices(self.c, &self.c.plan.get_untracked(), drafts, &self.office.get_untracked())
    }

    fn write(self, drafts: &[Draft]) {
        let c = self.c;
        let lang = c.lang.get_untracked();
        let plan = c.plan.get_untracked();
        let office = self.office.get_untracked();
        let mut html = Markup::default();
        c.statuses.with_untracked(|s| {
            for d in drafts {
                html.push(&sheet(&document(&plan, s, d, &office, c.today, lang), lang));
            }
        });
        self.sheets.set(html);
    }

    /// 打印 of one notice.
    pub fn print_one(self, draft: Draft) {
        let Some(numbered) = self.numbered(std::slice::from_ref(&draft)) else { return };
        self.run.set(None);
        self.write(&numbered);
        after_layout(print_page);
    }

    /// 全部打印: numbers the notices, then prints them a batch at a time.
    pub fn print_all(self, drafts: Drafts) {
        if drafts.is_empty() || self.running() {
            return;
        }
        let Some(numbered) = self.numbered(&drafts) else { return };
        self.run.set(Some(PrintRun::new(numbered.len(), PRINT_BATCH)));
        self.drafts.set_value(Arc::new(numbered));
        self.step();
    }

    /// Writes the next batch and prints it once laid out; then the next, in a later task.
    fn step(self) {
        let Some(Some(run)) = self.run.try_get_untracked() else { return };
        let Some(batch) = run.next_batch() else { return };
        let drafts = self.drafts.get_value();
        self.write(&drafts[batch]);
        after_layout(move || {
            // Stopped, or the view left, meanwhile.
            if !self.run.try_with_untracked(|r| r.is_some_and(|r| !r.stopped)).unwrap_or(false) {
                return;
            }
            print_page();
            self.run.update(|r| {
                if let Some(r) = r {
                    r.printed_batch();
                }
            });
            set_timeout(move || self.step(), std::time::Duration::ZERO);
        });
    }
}

/// `f` after the next frame has laid out and painted what was just written.
fn after_layout(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
