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
    /// The month's report texts of the project (本月进展, 存在问题, 下步打算, 需协调事项), as of a
    /// month-end.
    Report,
}

impl Subject {
    /// A figure or a step: what status rules count and what makes a project "reported".
    pub fn is_progress(&self) -> bool {
        !matches!(self, Subject::Report)
    }
}

/// The four texts of a monthly report. Each is at most [`REPORT_TEXT_MAX`] characters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTexts {
    /// 本月进展: what was done this month.
    pub progress: String,
    /// 存在问题: problems.
    pub problems: String,
    /// 下步打算: next steps.
    pub next_steps: String,
    /// 需协调事项: matters the city leader in charge is asked to coordinate.
    pub coordination: String,
}

/// The longest a report text may be, in characters.
pub const REPORT_TEXT_MAX: usize = 2000;

/// Which of the four texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportField {
    Progress,
    Problems,
    NextSteps,
    Coordination,
}

impl ReportField {
    pub const ALL: [ReportField; 4] = [ReportField::Progress, ReportField::Problems, ReportField::NextSteps, ReportField::Coordination];
}

impl ReportTexts {
    pub fn get(&self, f: ReportField) -> &str {
        match f {
            ReportField::Progress => &self.progress,
            ReportField::Problems => &self.problems,
            ReportField::NextSteps => &self.next_steps,
            ReportField::Coordination => &self.coordination,
        }
    }

    pub fn get_mut(&mut self, f: ReportField) -> &mut String {
        match f {
            ReportField::Progress => &mut self.progress,
            ReportField::Problems => &mut self.problems,
            ReportField::NextSteps => &mut self.next_steps,
            ReportField::Coordination => &mut self.coordination,
        }
    }

    pub fn is_empty(&self) -> bool {
        ReportField::ALL.iter().all(|f| self.get(*f).trim().is_empty())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Reported {
    Value(f64),
    Done(bool),
    Texts(ReportTexts),
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
    /// The register of supervision notices (督办单) issued, by id: their numbers are kept per list.
    #[serde(default)]
    pub notices: BTreeMap<String, IssuedNotice>,
    /// The review loop's records (审核, 延期申请 and its ruling, 申请办结 and its confirmation, a
    /// withdrawal), by id: read by `domain::flow`.
    #[serde(default)]
    pub acts: Records<Act>,
    /// Records of a kind this version does not know (from a newer app), by id, kept as they came and
    /// passed on in files and sync, never dropped.
    #[serde(default)]
    pub unknown: Records<serde_json::Value>,
    /// Units' signatures over their own records (签名记录), by id, as `seal::Seal` writes them: the proof
    /// of who sent what. Kept as JSON values, as `unknown` is: the first load carries no code of theirs
    /// beyond what `unknown` needs (`seal.rs`, on demand, reads them).
    #[serde(default)]
    pub seals: Records<serde_json::Value>,
    /// 佐证材料: the attachment records (the files themselves are kept apart, by hash), by id, as
    /// `evidence::Attachment` writes them.
    #[serde(default)]
    pub evidence: Records<serde_json::Value>,
}

/// Records by id, kept in a vector sorted by id: the few records of the review loop, in a collection
/// whose code is a fraction of a `BTreeMap`'s (the ledger is in the first load).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Records<T>(Vec<(String, T)>);

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records(Vec::new())
    }
}

impl<T> Records<T> {
    fn at(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&T> {
        self.at(id).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.at(id).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn values(&self) -> impl Iterator<Item = &T> + '_ {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> + '_ {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> + '_ {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Puts a record in; one already there under the id is joined with it (`keep` picks the one kept).
    pub fn put(&mut self, id: String, record: T, keep: impl FnOnce(T, T) -> T) {
        match self.at(&id) {
            Ok(i) => {
                let (k, old) = self.0.remove(i);
                self.0.insert(i, (k, keep(old, record)));
            }
            Err(i) => self.0.insert(i, (id, record)),
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<T> {
        self.at(id).ok().map(|i| self.0.remove(i).1)
    }
}

/// What an extension request moves: the project's 预计完成时间 or one milestone.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Target {
    Due,
    Milestone(String),
}

/// One record of the review loop. Only the office reviews, rules and confirms (`domain::flow` judges who
/// made what); a request is made by the project's 牵头单位; a withdrawal takes back its maker's own record.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActKind {
    /// 审核: the project's report for the month ending `month`, passed (通过) or returned (退回) with a
    /// comment; `covers` is the newest `recorded_at` of the month's entries the reviewer saw, so a later
    /// entry (a resubmission) is known to be unreviewed whatever the browsers' clocks say.
    Review { month: Date, pass: bool, comment: String, covers: String },
    /// 延期申请: move `target` from `from` (its date in the published list) to `to`, for `reason`.
    Extension { target: Target, from: Date, to: Date, reason: String },
    /// The office's ruling on an extension request: 批准 or 不予批准, with 意见.
    Ruling { request: String, approve: bool, comment: String },
    /// 申请办结: the unit asks to close the project, with 办结情况说明.
    Closure { summary: String },
    /// The office's answer to a closure request: 销号 (close) or 退回, with 意见.
    Confirmation { request: String, close: bool, comment: String },
    /// Takes back a record of the same unit (undo).
    Withdrawal { record: String },
}

/// As the progress file writes it: `exchange::FileAct`, flat (`kind` and the fields of that kind).
/// Ordered field by field: two records claiming one id keep the larger (`Ledger::add_act`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Act {
    pub id: String,
    pub project: String,
    pub kind: ActKind,
    pub unit: String,
    #[serde(default)]
    pub person: String,
    pub recorded_at: String,
}

/// A unit's signature over records of its own, made when it exports a signed file, over the records of
/// the file it had not sealed before. The ledger keeps it as the JSON value this writes
/// (`Ledger::seals`); `exchange::seal_from_value` reads and checks one, `seal.rs` what it proves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seal {
    pub id: String,
    /// The unit that signs: every record sealed is this unit's.
    pub unit: String,
    /// The public key (a JWK, as RFC 7638 writes it for the thumbprint).
    pub key: String,
    /// The ids of the records sealed, in the order signed.
    pub records: Vec<String>,
    /// ECDSA P-256 r‖s, base64url.
    pub value: String,
    pub recorded_at: String,
}

/// A supervision notice (督办单) as issued: numbered once, kept in the register with what it asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedNotice {
    pub id: String,
    /// 督办〔YEAR〕第 N 号: N, unique within the list.
    pub no: u32,
    pub project: String,
    /// "red", "yellow" or "blue".
    pub level: String,
    /// The report date the notice was judged at.
    pub report_date: Date,
    pub action: String,
    pub reply_by: Date,
    /// The issuing office.
    pub unit: String,
    #[serde(default)]
    pub person: String,
    pub recorded_at: String,
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
        self.entries.is_empty() && self.decisions.is_empty() && self.notices.is_empty() && self.acts.is_empty() && self.unknown.is_empty() && self.seals.is_empty() && self.evidence.is_empty()
    }

    /// Keeps an attachment record (`id` is its id), checked by the reader that made it
    /// (`evidence::attachment_from_value`).
    pub fn add_evidence(&mut self, id: String, record: serde_json::Value) {
        self.evidence.put(id, record, join);
    }

    /// Keeps a seal (`id` is its id), checked by the reader that made it (`exchange::seal_from_value`).
    pub fn add_seal(&mut self, id: String, seal: serde_json::Value) {
        self.seals.put(id, seal, join);
    }

    pub fn add_act(&mut self, act: Act) {
        // The larger by the records' own order (no JSON text made, as `join` makes for the others).
        self.acts.put(act.id.clone(), act, Ord::max);
    }

    /// Keeps a record of an unknown kind (`id` is its id).
    pub fn add_unknown(&mut self, id: String, record: serde_json::Value) {
        self.unknown.put(id, record, join);
    }

    pub fn add_notice(&mut self, notice: IssuedNotice) {
        let notice = match self.notices.remove(&notice.id) {
            Some(old) => join(old, notice),
            None => notice,
        };
        self.notices.insert(notice.id.clone(), notice);
    }

    /// The notice issued for a project at a report date, if any.
    pub fn notice_for(&self, project: &str, report_date: Date) -> Option<&IssuedNotice> {
        self.notices.values().filter(|n| n.project == project && n.report_date == report_date).min_by_key(|n| n.no)
    }

    /// The notice of each project for `report_date` (the first numbered, as `notice_for`), by project id:
    /// one pass over the register for a whole list of drafts.
    pub fn notices_at(&self, report_date: Date) -> HashMap<&str, &IssuedNotice> {
        let mut by_project = HashMap::<&str, &IssuedNotice>::new();
        for n in self.notices.values().filter(|n| n.report_date == report_date) {
            let kept = by_project.entry(n.project.as_str()).or_insert(n);
            if n.no < kept.no {
                *kept = n;
            }
        }
        by_project
    }

    /// The number the next notice gets.
    pub fn next_notice_no(&self) -> u32 {
        self.notices.values().map(|n| n.no).max().unwrap_or(0) + 1
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
        for n in other.notices.values() {
            self.add_notice(n.clone());
        }
        for a in other.acts.values() {
            self.add_act(a.clone());
        }
        for (id, r) in other.unknown.iter() {
            self.add_unknown(id.clone(), r.clone());
        }
        for (id, s) in other.seals.iter() {
            self.add_seal(id.clone(), s.clone());
        }
        for (id, a) in other.evidence.iter() {
            self.add_evidence(id.clone(), a.clone());
        }
    }

    pub fn merged(mut self, other: &Ledger) -> Ledger {
        self.merge(other);
        self
    }

    /// What this ledger holds that `base` does not: records missing from `base` or different there.
    /// `base.merged(&self.since(base))` is `base.merged(self)`: it is what a save of this ledger over
    /// `base` adds, and what must survive a page closed before that save lands.
    pub fn since(&self, base: &Ledger) -> Ledger {
        // Inserted one by one: `collect` into a map would add a sort and a bulk build per record type to
        // the first load's wasm, where `insert` is there already.
        fn newer<T: Clone + PartialEq>(mine: &BTreeMap<String, T>, base: &BTreeMap<String, T>) -> BTreeMap<String, T> {
            let mut out = BTreeMap::new();
            for (k, v) in mine {
                if base.get(k) != Some(v) {
                    out.insert(k.clone(), v.clone());
                }
            }
            out
        }
        fn newer_records<T: Clone + PartialEq>(mine: &Records<T>, base: &Records<T>) -> Records<T> {
            Records(mine.0.iter().filter(|(k, v)| base.get(k) != Some(v)).cloned().collect())
        }
        Ledger {
            entries: newer(&self.entries, &base.entries),
            decisions: newer(&self.decisions, &base.decisions),
            notices: newer(&self.notices, &base.notices),
            acts: newer_records(&self.acts, &base.acts),
            unknown: newer_records(&self.unknown, &base.unknown),
            seals: newer_records(&self.seals, &base.seals),
            evidence: newer_records(&self.evidence, &base.evidence),
        }
    }

    /// The number of records (entries, decisions, notices, acts, records of unknown kinds, seals, attachments).
    pub fn len(&self) -> usize {
        self.entries.len() + self.decisions.len() + self.notices.len() + self.acts.len() + self.unknown.len() + self.seals.len() + self.evidence.len()
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

    /// The units of the entries and acts, sorted and each once (the scopes of a one-unit export: a unit
    /// whose only records are requests exports them too).
    pub fn units(&self) -> Vec<String> {
        let set: std::collections::BTreeSet<&str> = self.entries.values().map(|e| e.unit.as_str()).chain(self.acts.values().map(|a| a.unit.as_str())).collect();
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
        let notices = self.notices.iter().filter(|(_, n)| n.unit == unit).map(|(k, n)| (k.clone(), n.clone())).collect();
        let acts = Records(self.acts.iter().filter(|(_, a)| a.unit == unit).map(|(k, a)| (k.clone(), a.clone())).collect());
        // Records kept as values (of unknown kinds, seals, attachments) name their unit in `unit`.
        let of_unit = |records: &Records<serde_json::Value>| {
            Records(records.iter().filter(|(_, r)| r.get("unit").and_then(serde_json::Value::as_str) == Some(unit)).map(|(k, r)| (k.clone(), r.clone())).collect())
        };
        Ledger { entries, decisions, notices, acts, unknown: of_unit(&self.unknown), seals: of_unit(&self.seals), evidence: of_unit(&self.evidence) }
    }
}

/// A month of a year: the period of a monthly report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u8,
}

impl Month {
    pub fn new(year: i32, month: u8) -> Month {
        Month { year, month: month.clamp(1, 12) }
    }

    /// The month-end: the as-of date of the month's report.
    pub fn end(self) -> Date {
        Date::month_end(self.year, self.month).unwrap_or_else(|| Date::new(2000, 12, 31).expect("valid"))
    }

    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { year: self.year, month: self.month - 1 }
        }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }
}

pub fn month_of(date: Date) -> Month {
    Month { year: date.year(), month: date.month() }
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

/// What the review loop (`domain::flow`) tells the status rules: which projects were closed (销号),
/// which months' reports were passed, which projects had a date moved. Empty for a ledger read alone.
/// Sorted vectors, searched by halves: the first load carries no map of these types.
#[derive(Clone, Debug, Default)]
pub struct Accepted {
    /// (project id, the day its closure was confirmed), by project.
    pub closed: Vec<(String, Date)>,
    /// (project id, month, whether its report of that month is passed: 通过, nothing sent since), in order.
    pub passed: Vec<(String, Month, bool)>,
    /// Projects with an approved extension (已延期), in order.
    pub moved: Vec<String>,
}

impl Accepted {
    /// Whether the figures of a project at `date` rest on a report not passed (未审核): the latest month
    /// up to `date` with a report.
    pub fn unreviewed_at(&self, project: &str, date: Date) -> bool {
        let month = month_of(date);
        let end = self.passed.partition_point(|(p, m, _)| (p.as_str(), *m) <= (project, month));
        end > 0 && self.passed[end - 1].0 == project && !self.passed[end - 1].2
    }

    /// The day the project was closed, if it was.
    pub fn closed_on(&self, project: &str) -> Option<Date> {
        self.closed.binary_search_by(|(p, _)| p.as_str().cmp(project)).ok().map(|i| self.closed[i].1)
    }

    pub fn is_moved(&self, project: &str) -> bool {
        self.moved.binary_search_by(|p| p.as_str().cmp(project)).is_ok()
    }
}

/// The ledger read against a plan: what counts, indexed for fast lookup by status rules.
#[derive(Clone, Debug, Default)]
pub struct LedgerView {
    /// What the review loop says (closed, passed, moved): set by `domain::flow::judge`.
    pub accepted: Accepted,
    /// The review loop's whole reading (`domain::flow::Flow`), carried with the view it was made with
    /// (this module does not know its type): one value for the page to keep, not two.
    pub review_loop: Option<std::sync::Arc<dyn std::any::Any + Send + Sync>>,
    /// Counted, active entries by (project, subject), sorted by (as_of, recorded_at, id).
    by_subject: HashMap<(String, Subject), Vec<Entry>>,
    /// Projects that have any counted figure or step, with the earliest as-of date.
    first_report: HashMap<String, Date>,
    /// The months in which each project has an active counted figure or step.
    active_months: HashMap<String, std::collections::BTreeSet<Month>>,
    /// When a project's figures or steps of a month were first recorded (RFC 3339 text).
    first_recorded: HashMap<(String, Month), String>,
    /// Entries replaced or deleted by a counted entry.
    pub superseded: HashSet<String>,
    pub issues: Vec<Issue>,
}

impl LedgerView {
    pub fn new(plan: &Plan, ledger: &Ledger) -> LedgerView {
        LedgerView::counting(plan, ledger, &|_| true)
    }

    /// The ledger read against a plan, counting only the entries `keep` lets through (the figures the
    /// office passed, when lights count reviewed figures only).
    pub fn counting(plan: &Plan, ledger: &Ledger, keep: &dyn Fn(&Entry) -> bool) -> LedgerView {
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
                        Subject::Report => true,
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
        let counted = |e: &Entry| standing.get(e.id.as_str()) == Some(&Some(Standing::Counted)) && keep(e);
        view.superseded = ledger.entries.values().filter(|e| counted(e)).filter_map(|e| e.supersedes.clone()).collect();
        // When each project's figures or steps of a month were first recorded (an edit later does not
        // make a report late; a report first sent after the deadline stays late).
        for e in ledger.entries.values().filter(|e| !e.deleted && e.subject.is_progress() && counted(e)) {
            let key = (e.project.clone(), month_of(e.as_of));
            match view.first_recorded.get_mut(&key) {
                Some(first) if *first <= e.recorded_at => {}
                Some(first) => *first = e.recorded_at.clone(),
                None => {
                    view.first_recorded.insert(key, e.recorded_at.clone());
                }
            }
        }
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
            if !keep(e) {
                continue;
            }
            view.by_subject.entry((e.project.clone(), e.subject.clone())).or_default().push(e.clone());
            if e.subject.is_progress() {
                let first = view.first_report.entry(e.project.clone()).or_insert(e.as_of);
                *first = (*first).min(e.as_of);
                view.active_months.entry(e.project.clone()).or_default().insert(month_of(e.as_of));
            }
        }
        let mut conflicts = Vec::new();
        for ((project, subject), list) in view.by_subject.iter_mut() {
            super::order::sort_by(list, |a, b| (a.as_of, &a.recorded_at, &a.id).cmp(&(b.as_of, &b.recorded_at, &b.id)));
            // Each unit sends its own report texts: two units' texts of a month are not a conflict.
            if !subject.is_progress() {
                continue;
            }
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
            _ => None,
        }
    }

    /// Whether a step is done at `date`: `Some(true/false)` when reported, `None` when never reported.
    pub fn done_at(&self, project: &str, milestone: &str, date: Date) -> Option<bool> {
        match self.latest(project, &Subject::Milestone(milestone.to_string()), date)?.reported {
            Reported::Done(d) => Some(d),
            _ => None,
        }
    }

    /// The report texts of a project for a month, one entry per unit (its latest), lead unit first is
    /// the caller's choice: here in order of units' names.
    pub fn reports_in(&self, project: &str, month: Month) -> Vec<&Entry> {
        let list = self.entries_until(project, &Subject::Report, month.end());
        let mut latest: BTreeMap<&str, &Entry> = BTreeMap::new();
        for e in list.iter().filter(|e| month_of(e.as_of) == month) {
            latest.insert(e.unit.as_str(), e);
        }
        latest.into_values().collect()
    }

    /// The project's report texts for a month: the lead unit's when it sent some, otherwise the first
    /// other unit's.
    pub fn report_of<'a>(&'a self, project: &Project, month: Month) -> Option<(&'a Entry, &'a ReportTexts)> {
        let reports = self.reports_in(&project.id, month);
        let pick = reports.iter().find(|e| e.unit == project.lead_unit).or(reports.first())?;
        match &pick.reported {
            Reported::Texts(t) => Some((pick, t)),
            _ => None,
        }
    }

    /// Whether the project has a counted figure or step as of a day of `month`, and when its figures
    /// or steps of that month were first recorded.
    pub fn submitted_in(&self, project: &str, month: Month) -> Option<&str> {
        let active = self.active_months.get(project).is_some_and(|m| m.contains(&month));
        active.then(|| self.first_recorded.get(&(project.to_string(), month)).map(String::as_str).unwrap_or(""))
    }

    /// Whether the project has any counted entry on or before `date`.
    pub fn reported_by(&self, project: &str, date: Date) -> bool {
        self.first_report.get(project).is_some_and(|d| *d <= date)
    }
}

#[cfg(test)]
mod tests;
