//! User actions on the ledger: record, delete, undo. Each appends entries (the ledger is append-only);
//! the undo stack holds the ids each action added.

use super::env;
use super::state::Ctx;
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

fn make(reporter: &Reporter, n: NewEntry, supersedes: Option<String>) -> Entry {
    Entry {
        id: env::random_id("e-"),
        project: n.project,
        subject: n.subject,
        reported: n.reported,
        as_of: n.as_of,
        note: n.note,
        unit: reporter.unit.clone(),
        person: reporter.person.clone(),
        recorded_at: env::now_iso(),
        supersedes,
        deleted: false,
    }
}

/// Records new entries as one undoable change. An entry for a subject and as-of date that already has
/// an active entry supersedes it (an edit), so the history shows both.
pub fn record(c: Ctx, reporter: &Reporter, entries: Vec<NewEntry>) {
    let mut ids = Vec::new();
    c.ledger.update(|l| {
        for n in entries {
            let previous = l
                .active()
                .find(|e| e.project == n.project && e.subject == n.subject && e.as_of == n.as_of && e.unit == reporter.unit)
                .map(|e| e.id.clone());
            let e = make(reporter, n, previous);
            ids.push(e.id.clone());
            l.add(e);
        }
    });
    c.undo.update(|u| u.push(ids));
}

/// Deletes an entry: a tombstone that supersedes it.
pub fn delete(c: Ctx, reporter: &Reporter, entry: &Entry) {
    let mut tomb = make(
        reporter,
        NewEntry {
            project: entry.project.clone(),
            subject: entry.subject.clone(),
            reported: entry.reported.clone(),
            as_of: entry.as_of,
            note: String::new(),
        },
        Some(entry.id.clone()),
    );
    tomb.deleted = true;
    let id = tomb.id.clone();
    c.ledger.update(|l| l.add(tomb));
    c.undo.update(|u| u.push(vec![id]));
}

/// Reverts the last change: each entry it added is superseded by a copy of what it replaced (or by a
/// tombstone when it replaced nothing). Returns whether there was anything to undo.
pub fn undo(c: Ctx, reporter: &Reporter) -> bool {
    let Some(ids) = c.undo.try_update(|u| u.pop()).flatten() else { return false };
    c.ledger.update(|l| {
        for id in ids {
            let Some(added) = l.entries.get(&id).cloned() else { continue };
            let previous = added.supersedes.as_ref().and_then(|p| l.entries.get(p)).cloned();
            let revert = match previous {
                // An edit or a delete: bring back what it replaced.
                Some(prev) if !prev.deleted => make(
                    reporter,
                    NewEntry { project: prev.project, subject: prev.subject, reported: prev.reported, as_of: prev.as_of, note: prev.note },
                    Some(id.clone()),
                ),
                _ if added.deleted => continue,
                // A new figure: withdraw it.
                _ => {
                    let mut r = make(
                        reporter,
                        NewEntry { project: added.project, subject: added.subject, reported: added.reported, as_of: added.as_of, note: String::new() },
                        Some(id.clone()),
                    );
                    r.deleted = true;
                    r
                }
            };
            l.add(revert);
        }
    });
    true
}

/// The supervision office's decision on an entry from a unit not named on its project.
pub fn decide(c: Ctx, reporter: &Reporter, entry: &str, accept: bool) {
    let d = Decision {
        id: env::random_id("d-"),
        entry: entry.to_string(),
        accept,
        unit: reporter.unit.clone(),
        person: reporter.person.clone(),
        recorded_at: env::now_iso(),
    };
    c.ledger.update(|l| l.decide(d));
}
