//! User actions on the ledger: record, delete, undo, decide. Each appends entries (the ledger is
//! append-only); the undo stack holds the ids each action added. Every action needs a reporting unit:
//! an entry without one could not be read back.

use super::env;
use super::state::{Ctx, Level};
use crate::domain::date::Date;
use crate::domain::ledger::{Decision, Entry, Reported, Subject};
use leptos::prelude::*;

/// Who is reporting: the unit and person chosen in the app (remembered in storage).
#[derive(Clone, Debug, PartialEq)]
pub struct Reporter {
    pub unit: String,
    pub person: String,
}

pub struct NewEntry {
    pub project: String,
    pub subject: Subject,
    pub reported: Reported,
    pub as_of: Date,
    pub note: String,
}

/// The reporter, or a message and `None` when no unit is chosen.
pub fn reporter(c: Ctx) -> Option<Reporter> {
    let r = c.reporter.get_untracked();
    if r.unit.trim().is_empty() {
        c.notify(Level::Error, "请先选择填报单位。", "Choose the reporting unit first.");
        return None;
    }
    Some(r)
}

fn make(unit: &str, person: &str, n: NewEntry, supersedes: Option<String>) -> Entry {
    Entry {
        id: env::random_id("e-"),
        project: n.project,
        subject: n.subject,
        reported: n.reported,
        as_of: n.as_of,
        note: n.note,
        unit: unit.to_string(),
        person: person.to_string(),
        recorded_at: env::now_iso(),
        supersedes,
        deleted: false,
    }
}

fn content(e: &Entry) -> NewEntry {
    NewEntry { project: e.project.clone(), subject: e.subject.clone(), reported: e.reported.clone(), as_of: e.as_of, note: e.note.clone() }
}

/// Records new entries as one undoable change. An entry for a subject and as-of date that already has
/// an active entry of the same unit supersedes it (an edit), so the history shows both.
pub fn record(c: Ctx, reporter: &Reporter, entries: Vec<NewEntry>) {
    if reporter.unit.trim().is_empty() {
        return;
    }
    let mut ids = Vec::new();
    c.ledger.update(|l| {
        for n in entries {
            let previous = l
                .active()
                .find(|e| e.project == n.project && e.subject == n.subject && e.as_of == n.as_of && e.unit == reporter.unit)
                .map(|e| e.id.clone());
            let e = make(&reporter.unit, &reporter.person, n, previous);
            ids.push(e.id.clone());
            l.add(e);
        }
    });
    c.undo.update(|u| u.push(ids));
}

/// Deletes an entry: a tombstone that supersedes it, recorded by the current reporter.
pub fn delete(c: Ctx, entry: &Entry) {
    let Some(r) = reporter(c) else { return };
    let mut tomb = make(&r.unit, &r.person, NewEntry { note: String::new(), ..content(entry) }, Some(entry.id.clone()));
    tomb.deleted = true;
    let id = tomb.id.clone();
    c.ledger.update(|l| l.add(tomb));
    c.undo.update(|u| u.push(vec![id]));
}

/// Reverts the last change of this session: on top of the newest version of each entry it added, puts
/// back what that entry replaced (under its own unit and person), or withdraws it when it replaced
/// nothing. Returns whether there was anything to undo.
pub fn undo(c: Ctx) -> bool {
    let Some(r) = reporter(c) else { return false };
    let Some(ids) = c.undo.try_update(|u| u.pop()).flatten() else { return false };
    c.ledger.update(|l| {
        for id in ids {
            let Some(added) = l.entries.get(&id).cloned() else { continue };
            let Some(newest) = l.latest_version(&id).cloned() else { continue };
            let previous = added.supersedes.as_ref().and_then(|p| l.entries.get(p)).cloned();
            let revert = match previous {
                Some(prev) if !prev.deleted => make(&prev.unit, &prev.person, content(&prev), Some(newest.id.clone())),
                _ if newest.deleted => continue,
                _ => {
                    let mut t = make(&r.unit, &r.person, NewEntry { note: String::new(), ..content(&newest) }, Some(newest.id.clone()));
                    t.deleted = true;
                    t
                }
            };
            l.add(revert);
        }
    });
    true
}

/// The supervision office's decision on an entry from a unit not named on its project.
pub fn decide(c: Ctx, entry: &str, accept: bool) {
    let Some(r) = reporter(c) else { return };
    let d = Decision {
        id: env::random_id("d-"),
        entry: entry.to_string(),
        accept,
        unit: r.unit,
        person: r.person,
        recorded_at: env::now_iso(),
    };
    c.ledger.update(|l| l.decide(d));
}
