//! What a user does to the ledger: record, delete, undo, decide. Each action appends (the ledger is
//! append-only) and returns what it added, so the caller can offer undo.
//!
//! Invariant: knows nothing of the browser. Ids and clock come from a [`Minter`] the caller supplies
//! (the browser's CSPRNG and clock in the app, a counter in tests). Every action needs a reporting
//! unit: an entry or decision without one could not be read back from a file.

use super::date::Date;
use super::ledger::{Decision, Entry, Ledger, Reported, Subject};

/// Who is reporting: the unit and person chosen in the app.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reporter {
    pub unit: String,
    pub person: String,
}

impl Reporter {
    pub fn new(unit: &str, person: &str) -> Reporter {
        Reporter { unit: unit.to_string(), person: person.to_string() }
    }

    pub(super) fn checked(&self) -> Result<&Reporter, ActionError> {
        if self.unit.trim().is_empty() {
            Err(ActionError::NoUnit)
        } else {
            Ok(self)
        }
    }
}

/// The content of an entry to record; id, unit, time and what it replaces are the action's.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEntry {
    pub project: String,
    pub subject: Subject,
    pub reported: Reported,
    pub as_of: Date,
    pub note: String,
}

impl NewEntry {
    fn of(e: &Entry) -> NewEntry {
        NewEntry { project: e.project.clone(), subject: e.subject.clone(), reported: e.reported.clone(), as_of: e.as_of, note: e.note.clone() }
    }
}

/// New ids and the current time.
pub trait Minter {
    /// A globally unique id starting with `prefix`.
    fn id(&mut self, prefix: &str) -> String;
    /// Now, RFC 3339 UTC with milliseconds ("2024-07-01T09:30:00.000Z").
    fn now(&mut self) -> String;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionError {
    /// No reporting unit is chosen.
    NoUnit,
    /// The entry to act on is not in the ledger.
    UnknownEntry,
}

/// The entry ids one action added: what undo takes back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub entries: Vec<String>,
}

fn make(m: &mut dyn Minter, unit: &str, person: &str, n: NewEntry, supersedes: Option<String>, deleted: bool) -> Entry {
    Entry {
        id: m.id("e-"),
        project: n.project,
        subject: n.subject,
        reported: n.reported,
        as_of: n.as_of,
        note: if deleted { String::new() } else { n.note },
        unit: unit.to_string(),
        person: person.to_string(),
        recorded_at: m.now(),
        supersedes,
        deleted,
    }
}

impl Ledger {
    /// Records entries as one change. An entry for a subject and as-of date that already has an active
    /// entry of the same unit supersedes it (an edit), so the history shows both.
    pub fn record(&mut self, who: &Reporter, entries: Vec<NewEntry>, m: &mut dyn Minter) -> Result<Change, ActionError> {
        let who = who.checked()?;
        let mut change = Change::default();
        for n in entries {
            let previous = self
                .active()
                .find(|e| e.project == n.project && e.subject == n.subject && e.as_of == n.as_of && e.unit == who.unit)
                .map(|e| e.id.clone());
            let e = make(m, &who.unit, &who.person, n, previous, false);
            change.entries.push(e.id.clone());
            self.add(e);
        }
        Ok(change)
    }

    /// Deletes an entry: a tombstone that supersedes it, recorded by `who`.
    pub fn delete(&mut self, who: &Reporter, entry: &str, m: &mut dyn Minter) -> Result<Change, ActionError> {
        let who = who.checked()?;
        let target = self.entries.get(entry).ok_or(ActionError::UnknownEntry)?;
        let tomb = make(m, &who.unit, &who.person, NewEntry::of(target), Some(target.id.clone()), true);
        let change = Change { entries: vec![tomb.id.clone()] };
        self.add(tomb);
        Ok(change)
    }

    /// Reverts a change: on top of the newest version of each entry it added, puts back what that entry
    /// replaced (under its own unit and person), or withdraws it when it replaced nothing. Nothing is
    /// removed: the revert is itself a new entry.
    pub fn undo(&mut self, who: &Reporter, change: &Change, m: &mut dyn Minter) -> Result<Change, ActionError> {
        let who = who.checked()?;
        let mut reverts = Change::default();
        for id in &change.entries {
            let Some(added) = self.entries.get(id) else { continue };
            let Some(newest) = self.latest_version(id) else { continue };
            let newest_id = newest.id.clone();
            let previous = added.supersedes.as_ref().and_then(|p| self.entries.get(p));
            let revert = match previous {
                Some(prev) if !prev.deleted => {
                    make(m, &prev.unit, &prev.person, NewEntry::of(prev), Some(newest_id), false)
                }
                _ if newest.deleted => continue,
                _ => make(m, &who.unit, &who.person, NewEntry::of(newest), Some(newest_id), true),
            };
            reverts.entries.push(revert.id.clone());
            self.add(revert);
        }
        Ok(reverts)
    }

    /// The supervision office's decision on an entry from a unit not named on its project.
    pub fn decide(&mut self, who: &Reporter, entry: &str, accept: bool, m: &mut dyn Minter) -> Result<(), ActionError> {
        let who = who.checked()?;
        if !self.entries.contains_key(entry) {
            return Err(ActionError::UnknownEntry);
        }
        let d = Decision { id: m.id("d-"), entry: entry.to_string(), accept, unit: who.unit.clone(), person: who.person.clone(), recorded_at: m.now() };
        self.add_decision(d);
        Ok(())
    }
}

/// A deterministic [`Minter`] for tests and tools: ids and times from a counter.
#[derive(Clone, Debug, Default)]
pub struct CountingMinter {
    pub n: u64,
}

impl Minter for CountingMinter {
    fn id(&mut self, prefix: &str) -> String {
        self.n += 1;
        format!("{prefix}{:04}", self.n)
    }

    fn now(&mut self) -> String {
        self.n += 1;
        let (s, m, h) = (self.n % 60, (self.n / 60) % 60, (self.n / 3600) % 24);
        let day = 1 + (self.n / 86_400).min(27);
        format!("2024-07-{day:02}T{h:02}:{m:02}:{s:02}.000Z")
    }
}

#[cfg(test)]
mod tests;
