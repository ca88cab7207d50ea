//! The progress ledger: every figure a department reported, append-only.
//!
//! An edit or a delete is a new entry that supersedes the old one (a delete is a tombstone), so history
//! stays visible and two ledgers merge by set union with nothing lost. Entry ids are globally unique
//! (random, made by the browser); merging is commutative, associative and idempotent (property tests
//! below). Current values are derived here, never stored.
//!
//! Invariant: knows the plan only to judge entries against it (`LedgerView`); nothing of files, storage or
//! the browser. The user's actions on the ledger are `actions.rs`.

use super::date::Date;
use super::plan::{Plan, Project};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What an entry reports on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Subject {
    /// A quantitative indicator: the value is its cumulative value (or level, or rate) at `as_of`.
    Indicator(String),
    /// A step milestone: done or not done at `as_of`.
    Milestone(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Reported {
    Value(f64),
    Done(bool),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub project: String,
    pub subject: Subject,
    pub reported: Reported,
    pub as_of: Date,
    #[serde(default)]
    pub note: String,
    /// The reporting unit (a 牵头单位 or 配合单位 name).
    pub unit: String,
    #[serde(default)]
    pub person: String,
    /// When it was recorded, ISO 8601 UTC with milliseconds ("2024-07-01T09:30:00.000Z"): sortable.
    pub recorded_at: String,
    /// The entry this one replaces (an edit, or with `deleted` a delete).
    #[serde(default)]
    pub supersedes: Option<String>,
    #[serde(default)]
    pub deleted: bool,
}

/// The supervision office's accept/reject of an entry from a unit not named on the project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: String,
    pub entry: String,
    pub accept: bool,
    pub unit: String,
    #[serde(default)]
    pub person: String,
    pub recorded_at: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub entries: BTreeMap<String, Entry>,
    pub decisions: BTreeMap<String, Decision>,
}

/// Keeps the larger of two records that claim the same id, so that merge is a join (a corrupted or
/// hand-edited file cannot make the result depend on the order of merging).
fn join<T: Serialize>(a: T, b: T) -> T {
    let ka = serde_json::to_string(&a).unwrap_or_default();
    let kb = serde_json::to_string(&b).unwrap_or_default();
    if kb > ka {
        b
    } else {
        a
    }
}

impl Ledger {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.decisions.is_empty()
    }

    pub fn add(&mut self, entry: Entry) {
        let entry = match self.entries.remove(&entry.id) {
            Some(old) => join(old, entry),
            None => entry,
        };
        self.entries.insert(entry.id.clone(), entry);
    }

    pub fn add_decision(&mut self, decision: Decision) {
        let decision = match self.decisions.remove(&decision.id) {
            Some(old) => join(old, decision),
            None => decision,
        };
        self.decisions.insert(decision.id.clone(), decision);
    }

    /// Set union: everything of both, nothing lost.
    pub fn merge(&mut self, other: &Ledger) {
        for e in other.entries.values() {
            self.add(e.clone());
        }
        for d in other.decisions.values() {
            self.add_decision(d.clone());
        }
    }

    pub fn merged(mut self, other: &Ledger) -> Ledger {
        self.merge(other);
        self
    }

    /// Ids of entries that a later entry supersedes.
    pub fn superseded(&self) -> HashSet<&str> {
        self.entries.values().filter_map(|e| e.supersedes.as_deref()).collect()
    }

    /// Entries in force: not superseded and not tombstones.
    pub fn active(&self) -> impl Iterator<Item = &Entry> {
        let superseded = self.superseded();
        self.entries.values().filter(move |e| !e.deleted && !superseded.contains(e.id.as_str()))
    }

    /// The latest decision on an entry (by time recorded, then id).
    pub fn decision(&self, entry: &str) -> Option<&Decision> {
        self.decisions
            .values()
            .filter(|d| d.entry == entry)
            .max_by(|a, b| (&a.recorded_at, &a.id).cmp(&(&b.recorded_at, &b.id)))
    }

    /// The newest version of an entry: follow the entries that replaced it (the latest recorded where
    /// two replaced the same one) to one nothing replaces.
    pub fn latest_version(&self, id: &str) -> Option<&Entry> {
        let mut current = self.entries.get(id)?;
        let mut seen = HashSet::new();
        while seen.insert(current.id.as_str()) {
            let next = self
                .entries
                .values()
                .filter(|e| e.supersedes.as_deref() == Some(current.id.as_str()))
                .max_by(|a, b| (&a.recorded_at, &a.id).cmp(&(&b.recorded_at, &b.id)));
            match next {
                Some(n) => current = n,
                None => break,
            }
        }
        Some(current)
    }

    /// The history of one subject: the entry and every entry it replaced, newest first.
    pub fn history(&self, project: &str, subject: &Subject) -> Vec<&Entry> {
        let mut list: Vec<&Entry> =
            self.entries.values().filter(|e| e.project == project && &e.subject == subject).collect();
        super::order::sort_by(&mut list, |a, b| (&b.recorded_at, &b.id).cmp(&(&a.recorded_at, &a.id)));
        list
    }

    /// The reporting units of the entries, sorted and each once (the scopes of a one-unit export).
    pub fn units(&self) -> Vec<String> {
        let set: std::collections::BTreeSet<&str> = self.entries.values().map(|e| e.unit.as_str()).collect();
        set.into_iter().map(str::to_string).collect()
    }

    /// Only the entries of one reporting unit (for a department's export).
    pub fn for_unit(&self, unit: &str) -> Ledger {
        let entries: BTreeMap<String, Entry> =
            self.entries.iter().filter(|(_, e)| e.unit == unit).map(|(k, e)| (k.clone(), e.clone())).collect();
        let decisions = self
            .decisions
            .iter()
            .filter(|(_, d)| entries.contains_key(&d.entry))
            .map(|(k, d)| (k.clone(), d.clone()))
            .collect();
        Ledger { entries, decisions }
    }
}

/// Whether `unit` may report on `project`: its 牵头单位 or one of its 配合单位.
pub fn may_report(project: &Project, unit: &str) -> bool {
    project.involves(unit)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// Counted: from a unit named on the project, or accepted.
    Counted,
    /// From a unit not named on the project and not yet decided: shown, not counted.
    Pending,
    Rejected,
}

/// Why an entry needs attention. Ordered by kind, then by what it names (a stable order for lists).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Issue {
    /// Names a project, indicator or milestone the plan does not have. Kept aside, never dropped.
    Orphan { entry: String },
    /// From a unit neither 牵头单位 nor 配合单位 of the project.
    Unauthorized { entry: String, standing: Standing },
    /// Different values for the same subject and as-of date from different units.
    Conflict { project: String, subject: Subject, as_of: Date, entries: Vec<String> },
}

/// The ledger read against a plan: what counts, indexed for fast lookup by status rules.
#[derive(Clone, Debug, Default)]
pub struct LedgerView {
    /// Counted, active entries by (project, subject), sorted by (as_of, recorded_at, id).
    by_subject: HashMap<(String, Subject), Vec<Entry>>,
    /// Projects that have any counted entry, with the earliest as-of date.
    first_report: HashMap<String, Date>,
    /// Entries replaced or deleted by a counted entry.
    pub superseded: HashSet<String>,
    pub issues: Vec<Issue>,
}

impl LedgerView {
    pub fn new(plan: &Plan, ledger: &Ledger) -> LedgerView {
        let projects: HashMap<&str, &Project> = plan.projects.iter().map(|p| (p.id.as_str(), p)).collect();
        let mut view = LedgerView::default();
        // The standing of every entry, replaced or not (`None`: the plan lacks its subject). Only counted
        // entries may replace or delete others: a pending edit from a unit not on the project leaves the
        // lead unit's figure in force.
        let standing: HashMap<&str, Option<Standing>> = ledger
            .entries
            .values()
            .map(|e| {
                let s = projects.get(e.project.as_str()).and_then(|project| {
                    let known = match &e.subject {
                        Subject::Indicator(id) => project.indicator(id).is_some(),
                        Subject::Milestone(id) => project.milestone(id).is_some(),
                    };
                    known.then(|| {
                        if may_report(project, &e.unit) {
                            Standing::Counted
                        } else {
                            match ledger.decision(&e.id) {
                                Some(d) if d.accept => Standing::Counted,
                                Some(_) => Standing::Rejected,
                                None => Standing::Pending,
                            }
                        }
                    })
                });
                (e.id.as_str(), s)
            })
            .collect();
        view.superseded = ledger
            .entries
            .values()
            .filter(|e| standing.get(e.id.as_str()) == Some(&Some(Standing::Counted)))
            .filter_map(|e| e.supersedes.clone())
            .collect();
        for e in ledger.entries.values() {
            if e.deleted || view.superseded.contains(&e.id) {
                continue;
            }
            let authorized = projects.get(e.project.as_str()).is_some_and(|p| may_report(p, &e.unit));
            match standing.get(e.id.as_str()).copied().flatten() {
                None => {
                    view.issues.push(Issue::Orphan { entry: e.id.clone() });
                    continue;
                }
                Some(s) if !authorized => {
                    view.issues.push(Issue::Unauthorized { entry: e.id.clone(), standing: s });
                    if s != Standing::Counted {
                        continue;
                    }
                }
                Some(_) => {}
            }
            view.by_subject.entry((e.project.clone(), e.subject.clone())).or_default().push(e.clone());
            let first = view.first_report.entry(e.project.clone()).or_insert(e.as_of);
            *first = (*first).min(e.as_of);
        }
        let mut conflicts = Vec::new();
        for ((project, subject), list) in view.by_subject.iter_mut() {
            super::order::sort_by(list, |a, b| (a.as_of, &a.recorded_at, &a.id).cmp(&(b.as_of, &b.recorded_at, &b.id)));
            let mut i = 0;
            while i < list.len() {
                let same_day: Vec<&Entry> = list[i..].iter().take_while(|e| e.as_of == list[i].as_of).collect();
                let units: HashSet<&str> = same_day.iter().map(|e| e.unit.as_str()).collect();
                let values: Vec<&Reported> = same_day.iter().map(|e| &e.reported).collect();
                if units.len() > 1 && values.windows(2).any(|w| w[0] != w[1]) {
                    conflicts.push(Issue::Conflict {
                        project: project.clone(),
                        subject: subject.clone(),
                        as_of: list[i].as_of,
                        entries: same_day.iter().map(|e| e.id.clone()).collect(),
                    });
                }
                i += same_day.len();
            }
        }
        view.issues.extend(conflicts);
        super::order::sort_by(&mut view.issues, Ord::cmp);
        view
    }

    /// Counted entries of one subject up to and including `date`, oldest first.
    pub fn entries_until(&self, project: &str, subject: &Subject, date: Date) -> &[Entry] {
        match self.by_subject.get(&(project.to_string(), subject.clone())) {
            Some(list) => {
                let end = list.partition_point(|e| e.as_of <= date);
                &list[..end]
            }
            None => &[],
        }
    }

    /// The current entry of a subject at `date`: latest as-of date, then latest recorded.
    pub fn latest(&self, project: &str, subject: &Subject, date: Date) -> Option<&Entry> {
        self.entries_until(project, subject, date).last()
    }

    pub fn value_at(&self, project: &str, indicator: &str, date: Date) -> Option<f64> {
        match self.latest(project, &Subject::Indicator(indicator.to_string()), date)?.reported {
            Reported::Value(v) => Some(v),
            Reported::Done(_) => None,
        }
    }

    /// Whether a step is done at `date`: `Some(true/false)` when reported, `None` when never reported.
    pub fn done_at(&self, project: &str, milestone: &str, date: Date) -> Option<bool> {
        match self.latest(project, &Subject::Milestone(milestone.to_string()), date)?.reported {
            Reported::Done(d) => Some(d),
            Reported::Value(_) => None,
        }
    }

    /// Whether the project has any counted entry on or before `date`.
    pub fn reported_by(&self, project: &str, date: Date) -> bool {
        self.first_report.get(project).is_some_and(|d| *d <= date)
    }
}

#[cfg(test)]
mod tests;
