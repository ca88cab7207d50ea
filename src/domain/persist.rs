//! What the browser keeps of a list's ledger, as rules over texts: the keys, what a load makes of the
//! stored ledger, its backup and the journals of pages closed before their save landed, what a save
//! merges and writes, what the journal holds and which journals may go. `ui/storage.rs` only moves
//! these texts to and from IndexedDB and localStorage.
//!
//! A ledger is kept in two texts, both progress files: its attachment records (佐证材料) under their own
//! key ([`evidence_key`]), everything else under the main key. A load reads the main text first, so
//! a list with 20,000 photos starts as fast as one without them; a save writes the attachment records
//! only when it adds some (or moves them out of a main text an earlier version wrote whole).
//!
//! The rules: storage that fails to read is never written over (its text is set aside under a
//! "corrupt" key and the last good backup is used); a save first merges what is stored (another tab's
//! entries are never lost) and keeps the previous good text as the backup; what a page holds beyond
//! its last save is journalled at once, unless it is too big for localStorage; a journal is removed
//! only when it is unchanged since it was read.
//!
//! Invariant: texts and ledgers in, texts, ledgers and decisions out; no browser storage, no clock
//! (the time is given), and the progress-file reader is passed in (`ReadProgress`: in the browser it
//! is a chunk loaded on demand, so the first load does not carry it).

use super::exchange::{write_part, write_progress_file, Part, PlanRef, ProgressFile};
use super::format::FileError;
use super::ledger::Ledger;

/// Reads a progress file (`exchange::read_progress_file`, with its field-by-field checks).
pub type ReadProgress = fn(&str) -> Result<ProgressFile, FileError>;

pub const PREFIX: &str = "minsheng/v1";

/// Above this many records the journal is not written (localStorage holds about 5 MB): the page asks
/// before it is closed while such a save is in flight.
pub const JOURNAL_MAX: usize = 5_000;

pub fn key(parts: &[&str]) -> String {
    let mut k = PREFIX.to_string();
    for p in parts {
        k.push('/');
        k.push_str(p);
    }
    k
}

pub fn ledger_key(plan_id: &str) -> String {
    key(&["ledger", plan_id])
}

pub fn backup_key(plan_id: &str) -> String {
    key(&["ledger", plan_id, "backup"])
}

/// Where a ledger's attachment records are kept, apart from the rest.
pub fn evidence_key(plan_id: &str) -> String {
    key(&["ledger", plan_id, "evidence"])
}

pub fn evidence_backup_key(plan_id: &str) -> String {
    key(&["ledger", plan_id, "evidence", "backup"])
}

/// Where an unreadable ledger text is set aside, found at `now`.
pub fn corrupt_key(plan_id: &str, now: &str) -> String {
    key(&["ledger", plan_id, "corrupt", now])
}

pub fn journal_prefix(plan_id: &str) -> String {
    key(&["ledger", plan_id, "pending", ""])
}

/// What the journals of pages closed before their save landed hold together (a journal that does not
/// read adds nothing: it is a page's own, rewritten whole at each change).
pub fn pending_of(read: ReadProgress, journals: &[(String, String)]) -> Ledger {
    let mut pending = Ledger::default();
    for (_, text) in journals {
        if let Ok(file) = read(text) {
            pending.merge(&file.ledger);
        }
    }
    pending
}

/// The stored ledger as a load finds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// Nothing stored.
    Empty,
    Read(Ledger),
    /// The text does not read: set it aside and start from the backup ([`recover`]).
    Unreadable(FileError),
}

pub fn read_stored(read: ReadProgress, text: Option<&str>) -> Stored {
    match text.map(read) {
        None => Stored::Empty,
        Some(Ok(file)) => Stored::Read(file.ledger),
        Some(Err(e)) => Stored::Unreadable(e),
    }
}

/// The ledger a load starts from when the stored text did not read: the backup's when it reads
/// (and whether it did), else nothing.
pub fn recover(read: ReadProgress, backup: Option<&str>) -> (Ledger, bool) {
    match backup.map(read) {
        Some(Ok(file)) => (file.ledger, true),
        _ => (Ledger::default(), false),
    }
}

/// A save's writes, key and text, and the merged ledger when it has more than the one saved.
pub type SaveWrites = (Vec<(String, Option<String>)>, Option<Ledger>);

/// What a save finds stored: the texts of the main key and of the attachment records' key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoredTexts {
    pub main: Option<String>,
    pub evidence: Option<String>,
}

/// What a save finds stored, merges and writes: the new text of the main key (the ledger without its
/// attachment records) and, when the stored text read, that text as the backup; the attachment
/// records' text (and its backup) when `evidence_changed` (the ledger holds attachment records the
/// last save did not) or when the stored main text still holds some (an earlier version kept the
/// ledger whole); and the merged ledger when it has more than `ledger` (another tab saved since this
/// one last read). An attachment text that does not read is set aside (`corrupt_key`, "-evidence")
/// before it is written over. The main key comes last: a failed backup write is not fatal.
pub fn merge_for_save(read: ReadProgress, plan: &PlanRef, ledger: &Ledger, stored: StoredTexts, evidence_changed: bool, now: &str) -> SaveWrites {
    let mut writes = Vec::new();
    let mut union: Option<Ledger> = None;
    let mut moved = false;
    if let Some(previous) = stored.main {
        if let Ok(file) = read(&previous) {
            writes.push((backup_key(&plan.id), Some(previous)));
            moved = !file.ledger.evidence.is_empty();
            union = Some(ledger.clone().merged(&file.ledger));
        }
    }
    if evidence_changed || moved {
        if let Some(previous) = stored.evidence {
            match read(&previous) {
                Ok(file) => {
                    writes.push((evidence_backup_key(&plan.id), Some(previous)));
                    union = Some(union.unwrap_or_else(|| ledger.clone()).merged(&file.ledger));
                }
                Err(_) => writes.push((corrupt_key(&plan.id, &format!("{now}-evidence")), Some(previous))),
            }
        }
    }
    let merged = union.filter(|u| u != ledger);
    let whole = merged.as_ref().unwrap_or(ledger);
    if evidence_changed || moved {
        writes.push((evidence_key(&plan.id), Some(write_part(plan, whole, now, None, Part::Evidence))));
    }
    writes.push((ledger_key(&plan.id), Some(write_part(plan, whole, now, None, Part::WithoutEvidence))));
    (writes, merged)
}

/// What a page's journal becomes for what it holds beyond its last save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JournalWrite {
    /// Nothing unsaved: the journal goes.
    Remove,
    /// This text, written at once.
    Write(String),
    /// More than [`JOURNAL_MAX`] records: not journalled; the page asks before it closes.
    TooBig,
}

pub fn journal_write(plan: impl FnOnce() -> PlanRef, pending: &Ledger, now: &str) -> JournalWrite {
    if pending.is_empty() {
        JournalWrite::Remove
    } else if pending.len() > JOURNAL_MAX {
        JournalWrite::TooBig
    } else {
        JournalWrite::Write(write_progress_file(&plan(), pending, now, None))
    }
}

/// The journals read earlier that may go now that their records are held elsewhere: those whose
/// text is still what was read (one rewritten since belongs to a page that journalled more).
pub fn journals_to_clear(read: &[(String, String)], now: impl Fn(&str) -> Option<String>) -> Vec<&str> {
    read.iter().filter(|(k, v)| now(k).as_deref() == Some(v.as_str())).map(|(k, _)| k.as_str()).collect()
}

#[cfg(test)]
mod tests;
