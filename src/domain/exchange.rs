//! Progress files: what departments exchange and what the browser keeps (IndexedDB).
//!
//! A progress file is self-describing: `format`, `version`, the plan it was made against (id and
//! fingerprint), who exported it and when, and the ledger. It has its own types, converted by hand
//! from the ledger, so refactoring the model cannot silently change what departments exchange.
//! Reading is layered (size → JSON → format/version → migration → shape, entry by entry → values);
//! any failure names the file and the problem, and the caller's state is untouched.
//!
//! Invariant: the file's own types, converted by hand; no storage, no network, no browser.

use super::date::{Date, Moment};
use super::format::{fingerprint, read_envelope, FileError};
use super::flow::COMMENT_MAX;
use super::ledger::{Act, ActKind, Decision, Entry, IssuedNotice, Issue, Ledger, LedgerView, ReportField, ReportTexts, Reported, Seal, Subject, REPORT_TEXT_MAX};
use super::plan::Plan;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const PROGRESS_FORMAT: &str = "minsheng-progress";
/// Version 2 added report texts (`report` on an entry), version 3 the review loop's records (`acts`),
/// version 4 units' signatures over their records (`seals`) and 佐证材料 (`evidence`); older files are read through `MIGRATIONS`.
pub const PROGRESS_VERSION: u64 = 4;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRef {
    pub id: String,
    pub fingerprint: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub year: i32,
}

impl PlanRef {
    pub fn of(plan: &Plan) -> PlanRef {
        PlanRef { id: plan.id.clone(), fingerprint: fingerprint(plan), title: plan.title.clone(), year: plan.year }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct FileEntry {
    id: String,
    project: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    indicator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    milestone: Option<String>,
    /// Version 2: the month's report texts (an entry with neither indicator nor milestone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    report: Option<FileReport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    done: Option<bool>,
    as_of: String,
    #[serde(default)]
    note: String,
    unit: String,
    #[serde(default)]
    person: String,
    recorded_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    supersedes: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileReport {
    #[serde(default)]
    progress: String,
    #[serde(default)]
    problems: String,
    #[serde(default)]
    next_steps: String,
    #[serde(default)]
    coordination: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct FileDecision {
    id: String,
    entry: String,
    accept: bool,
    unit: String,
    #[serde(default)]
    person: String,
    recorded_at: String,
}

/// Version 2: a supervision notice (督办单) of the register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct FileNotice {
    id: String,
    no: u32,
    project: String,
    level: String,
    report_date: String,
    action: String,
    reply_by: String,
    unit: String,
    #[serde(default)]
    person: String,
    recorded_at: String,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u64,
    plan: &'a PlanRef,
    exported_at: &'a str,
    exported_by: Option<&'a str>,
    entries: Vec<FileEntry>,
    decisions: Vec<FileDecision>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notices: Vec<FileNotice>,
    /// Version 3: the review loop's records, and records of kinds a newer version wrote, as they came.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    acts: Vec<ActOut<'a>>,
    /// Version 4: units' signatures over their own records (签名记录).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    seals: Vec<&'a Value>,
    /// Version 4: 佐证材料, the attachment records (the files travel in a bundle, or sync).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<&'a Value>,
}

/// A record of `acts` as written: one this version knows, flat, or one of another kind as it came.
#[derive(Serialize)]
#[serde(untagged)]
enum ActOut<'a> {
    Known(Box<FileAct>),
    Unknown(&'a Value),
}

/// Version 3: a record of the review loop, flat (`kind` says which; the fields of the others absent).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct FileAct {
    id: String,
    kind: String,
    project: String,
    unit: String,
    #[serde(default)]
    person: String,
    recorded_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pass: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    covers: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<FileTarget>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    request: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    approve: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    close: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    record: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct FileTarget {
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
}

fn to_file_act(a: &Act) -> FileAct {
    use super::ledger::Target;
    let mut f = FileAct {
        id: a.id.clone(),
        project: a.project.clone(),
        unit: a.unit.clone(),
        person: a.person.clone(),
        recorded_at: a.recorded_at.clone(),
        ..FileAct::default()
    };
    let kind = match &a.kind {
        ActKind::Review { month, pass, comment, covers } => {
            (f.month, f.pass, f.comment, f.covers) = (Some(month.to_string()), Some(*pass), Some(comment.clone()), Some(covers.clone()));
            "review"
        }
        ActKind::Extension { target, from, to, reason } => {
            f.target = Some(match target {
                Target::Due => FileTarget { kind: "due".into(), id: None },
                Target::Milestone(id) => FileTarget { kind: "milestone".into(), id: Some(id.clone()) },
            });
            (f.from, f.to, f.reason) = (Some(from.to_string()), Some(to.to_string()), Some(reason.clone()));
            "extension"
        }
        ActKind::Ruling { request, approve, comment } => {
            (f.request, f.approve, f.comment) = (Some(request.clone()), Some(*approve), Some(comment.clone()));
            "ruling"
        }
        ActKind::Closure { summary } => {
            f.summary = Some(summary.clone());
            "closure"
        }
        ActKind::Confirmation { request, close, comment } => {
            (f.request, f.close, f.comment) = (Some(request.clone()), Some(*close), Some(comment.clone()));
            "confirmation"
        }
        ActKind::Withdrawal { record } => {
            f.record = Some(record.clone());
            "withdrawal"
        }
    };
    f.kind = kind.to_string();
    f
}

fn from_file_act(f: FileAct) -> Result<Act, String> {
    use super::ledger::Target;
    fn need<T>(v: Option<T>, name: &str) -> Result<T, String> {
        v.ok_or_else(|| format!("{name} is required"))
    }
    let date = |name: &str, v: Option<String>| -> Result<Date, String> {
        let text = need(v, name)?;
        Date::parse_iso(&text).ok_or_else(|| format!("{name} {text:?} is not a date (YYYY-MM-DD)"))
    };
    let kind = match f.kind.as_str() {
        "review" => ActKind::Review { month: date("month", f.month)?, pass: need(f.pass, "pass")?, comment: f.comment.unwrap_or_default(), covers: need(f.covers, "covers")? },
        "extension" => {
            let t = need(f.target, "target")?;
            let target = match (t.kind.as_str(), t.id) {
                ("due", None) => Target::Due,
                ("milestone", Some(id)) if !id.trim().is_empty() => Target::Milestone(id),
                _ => return Err("target is {\"kind\":\"due\"} or {\"kind\":\"milestone\",\"id\":…}".into()),
            };
            ActKind::Extension { target, from: date("from", f.from)?, to: date("to", f.to)?, reason: need(f.reason, "reason")? }
        }
        "ruling" => ActKind::Ruling { request: need(f.request, "request")?, approve: need(f.approve, "approve")?, comment: f.comment.unwrap_or_default() },
        "closure" => ActKind::Closure { summary: need(f.summary, "summary")? },
        "confirmation" => ActKind::Confirmation { request: need(f.request, "request")?, close: need(f.close, "close")?, comment: f.comment.unwrap_or_default() },
        "withdrawal" => ActKind::Withdrawal { record: need(f.record, "record")? },
        other => return Err(format!("unknown kind {other:?}")),
    };
    Ok(Act { id: f.id, project: f.project, kind, unit: f.unit, person: f.person, recorded_at: f.recorded_at })
}

/// A progress file as read: the ledger and what it says about itself.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressFile {
    pub plan: PlanRef,
    pub exported_at: String,
    pub exported_by: Option<String>,
    pub ledger: Ledger,
}

fn to_file_entry(e: &Entry) -> FileEntry {
    let (indicator, milestone) = match &e.subject {
        Subject::Indicator(i) => (Some(i.clone()), None),
        Subject::Milestone(m) => (None, Some(m.clone())),
        Subject::Report => (None, None),
    };
    let (value, done, report) = match &e.reported {
        Reported::Value(v) => (Some(*v), None, None),
        Reported::Done(d) => (None, Some(*d), None),
        Reported::Texts(t) => (
            None,
            None,
            Some(FileReport {
                progress: t.progress.clone(),
                problems: t.problems.clone(),
                next_steps: t.next_steps.clone(),
                coordination: t.coordination.clone(),
            }),
        ),
    };
    FileEntry {
        id: e.id.clone(),
        project: e.project.clone(),
        indicator,
        milestone,
        report,
        value,
        done,
        as_of: e.as_of.to_string(),
        note: e.note.clone(),
        unit: e.unit.clone(),
        person: e.person.clone(),
        recorded_at: e.recorded_at.clone(),
        supersedes: e.supersedes.clone(),
        deleted: e.deleted,
    }
}

fn from_file_entry(f: FileEntry) -> Result<Entry, String> {
    if f.id.trim().is_empty() || f.project.trim().is_empty() || f.unit.trim().is_empty() {
        return Err("id, project and unit must not be empty".into());
    }
    let (subject, reported) = match (f.indicator, f.milestone, f.report) {
        (Some(i), None, None) => (Subject::Indicator(i), progress_value(f.value, f.done)?),
        (None, Some(m), None) => (Subject::Milestone(m), progress_value(f.value, f.done)?),
        (None, None, Some(r)) if f.value.is_none() && f.done.is_none() => (Subject::Report, Reported::Texts(report_texts(r)?)),
        (None, None, Some(_)) => return Err("a report takes neither value nor done".into()),
        _ => return Err("exactly one of indicator, milestone and report is required".into()),
    };
    if matches!((&subject, &reported), (Subject::Indicator(_), Reported::Done(_)) | (Subject::Milestone(_), Reported::Value(_))) {
        return Err("an indicator takes a value, a milestone takes done".into());
    }
    let as_of = Date::parse_iso(&f.as_of).ok_or_else(|| format!("as_of {:?} is not a date (YYYY-MM-DD)", f.as_of))?;
    check_recorded_at(&f.recorded_at)?;
    Ok(Entry {
        id: f.id,
        project: f.project,
        subject,
        reported,
        as_of,
        note: f.note,
        unit: f.unit,
        person: f.person,
        recorded_at: f.recorded_at,
        supersedes: f.supersedes,
        deleted: f.deleted,
    })
}

fn progress_value(value: Option<f64>, done: Option<bool>) -> Result<Reported, String> {
    match (value, done) {
        (Some(v), None) if v.is_finite() && v >= 0.0 => Ok(Reported::Value(v)),
        (Some(v), None) => Err(format!("value {v} is not a non-negative number")),
        (None, Some(d)) => Ok(Reported::Done(d)),
        _ => Err("exactly one of value and done is required".into()),
    }
}

fn report_texts(r: FileReport) -> Result<ReportTexts, String> {
    let texts = ReportTexts { progress: r.progress, problems: r.problems, next_steps: r.next_steps, coordination: r.coordination };
    for (field, name) in ReportField::ALL.into_iter().zip(["progress", "problems", "next_steps", "coordination"]) {
        let n = texts.get(field).chars().count();
        if n > REPORT_TEXT_MAX {
            return Err(format!("report.{name} has {n} characters (at most {REPORT_TEXT_MAX})"));
        }
    }
    Ok(texts)
}

fn from_file_notice(n: FileNotice) -> Result<IssuedNotice, String> {
    if n.id.trim().is_empty() || n.project.trim().is_empty() || n.unit.trim().is_empty() {
        return Err("id, project and unit must not be empty".into());
    }
    if n.no == 0 {
        return Err("no must be 1 or more".into());
    }
    if !["red", "yellow", "blue"].contains(&n.level.as_str()) {
        return Err(format!("level {:?} is not red, yellow or blue", n.level));
    }
    let date = |name: &str, text: &str| Date::parse_iso(text).ok_or_else(|| format!("{name} {text:?} is not a date (YYYY-MM-DD)"));
    let report_date = date("report_date", &n.report_date)?;
    let reply_by = date("reply_by", &n.reply_by)?;
    if n.action.chars().count() > REPORT_TEXT_MAX {
        return Err(format!("action has more than {REPORT_TEXT_MAX} characters"));
    }
    check_recorded_at(&n.recorded_at)?;
    Ok(IssuedNotice { id: n.id, no: n.no, project: n.project, level: n.level, report_date, action: n.action, reply_by, unit: n.unit, person: n.person, recorded_at: n.recorded_at })
}

fn check_recorded_at(text: &str) -> Result<(), String> {
    match Moment::parse_rfc3339(text) {
        Some(_) => Ok(()),
        None => Err(format!("recorded_at {text:?} is not a time (RFC 3339, e.g. 2024-07-01T09:30:00.000Z)")),
    }
}

fn from_file_decision(d: FileDecision) -> Result<Decision, String> {
    if d.id.trim().is_empty() || d.entry.trim().is_empty() {
        return Err("id and entry must not be empty".into());
    }
    if d.unit.trim().is_empty() {
        return Err("unit (the deciding office) must not be empty".into());
    }
    check_recorded_at(&d.recorded_at)?;
    Ok(Decision { id: d.id, entry: d.entry, accept: d.accept, unit: d.unit, person: d.person, recorded_at: d.recorded_at })
}

/// One notice as the progress file writes it.
pub fn notice_value(n: &IssuedNotice) -> Value {
    serde_json::to_value(to_file_notice(n)).unwrap_or(Value::Null)
}

fn to_file_notice(n: &IssuedNotice) -> FileNotice {
    FileNotice {
        id: n.id.clone(),
        no: n.no,
        project: n.project.clone(),
        level: n.level.clone(),
        report_date: n.report_date.to_string(),
        action: n.action.clone(),
        reply_by: n.reply_by.to_string(),
        unit: n.unit.clone(),
        person: n.person.clone(),
        recorded_at: n.recorded_at.clone(),
    }
}


/// A seal read back from the form the ledger keeps (`Ledger::add_seal`) and checked for shape: ids, unit, key, records and time
/// present, a 64-byte value in base64url. Whether it proves anything is `seal.rs`'s to judge (with WebCrypto).
/// Unknown fields (a document's `_id`, `_rev`, `type`, `plan`) are ignored.
pub fn seal_from_value(value: Value) -> Result<Seal, String> {
    let s: Seal = serde_json::from_value(value).map_err(|e| e.to_string())?;
    if s.id.trim().is_empty() || s.unit.trim().is_empty() || s.key.trim().is_empty() {
        return Err("id, unit and key must not be empty".into());
    }
    if s.records.is_empty() || s.records.iter().any(|r| r.trim().is_empty()) {
        return Err("records must list record ids".into());
    }
    // r‖s of P-256: 64 bytes, 86 characters of base64url without padding.
    if s.value.len() != 86 || !s.value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err("value is not a signature (64 bytes in base64url)".into());
    }
    check_recorded_at(&s.recorded_at)?;
    Ok(s)
}

/// One entry as the progress file writes it: a JSON object (a synced document's body).
pub fn entry_value(e: &Entry) -> Value {
    serde_json::to_value(to_file_entry(e)).unwrap_or(Value::Null)
}

/// An entry read back from [`entry_value`]'s form, checked as a file's entries are; unknown fields
/// (a document's `_id`, `_rev`, `type`, `plan`) are ignored.
pub fn entry_from_value(value: Value) -> Result<Entry, String> {
    let file: FileEntry = serde_json::from_value(value).map_err(|e| e.to_string())?;
    from_file_entry(file)
}

/// The kinds of the review loop's records this version knows.
const ACT_KINDS: [&str; 6] = ["review", "extension", "ruling", "closure", "confirmation", "withdrawal"];

/// A record of the `acts` list as read: one this version knows, or one of a newer kind (its id and the
/// record as it came, kept and passed on).
#[derive(Clone, Debug, PartialEq)]
pub enum ActRecord {
    Known(Act),
    Unknown(String, Value),
}

/// One act as the progress file writes it (a synced document's body too).
pub fn act_value(a: &Act) -> Value {
    serde_json::to_value(to_file_act(a)).unwrap_or(Value::Null)
}

/// An act read back from [`act_value`]'s form and checked: ids, unit and time present, texts within
/// their length, a returned report or a refusal with its reason. Unknown fields (a document's `_id`,
/// `_rev`, `type`, `plan`) are ignored; a record of an unknown kind is kept as it came.
pub fn act_from_value(value: Value) -> Result<ActRecord, String> {
    let kind = value.get("kind").and_then(Value::as_str).ok_or("kind must be a text")?.to_string();
    let id = value.get("id").and_then(Value::as_str).unwrap_or_default().trim().to_string();
    if id.is_empty() {
        return Err("id must not be empty".into());
    }
    if !ACT_KINDS.contains(&kind.as_str()) {
        let mut kept = value;
        if let Some(o) = kept.as_object_mut() {
            for k in ["_id", "_rev", "type", "plan", "_revisions"] {
                o.remove(k);
            }
        }
        return Ok(ActRecord::Unknown(id, kept));
    }
    let file: FileAct = serde_json::from_value(value).map_err(|e| e.to_string())?;
    let a = from_file_act(file)?;
    if a.project.trim().is_empty() || a.unit.trim().is_empty() {
        return Err("project and unit must not be empty".into());
    }
    check_recorded_at(&a.recorded_at)?;
    let long = |name: &str, text: &str| -> Result<(), String> {
        let n = text.chars().count();
        if n > COMMENT_MAX {
            return Err(format!("{name} has {n} characters (at most {COMMENT_MAX})"));
        }
        Ok(())
    };
    match &a.kind {
        ActKind::Review { pass, comment, covers, .. } => {
            long("comment", comment)?;
            if !pass && comment.trim().is_empty() {
                return Err("a returned report needs its comment".into());
            }
            check_recorded_at(covers)?;
        }
        ActKind::Extension { from, to, reason, .. } => {
            long("reason", reason)?;
            if reason.trim().is_empty() {
                return Err("an extension request needs its reason".into());
            }
            if to <= from {
                return Err(format!("the new date {to} is not after {from}"));
            }
        }
        ActKind::Ruling { request, approve: yes, comment } | ActKind::Confirmation { request, close: yes, comment } => {
            long("comment", comment)?;
            if request.trim().is_empty() {
                return Err("request must not be empty".into());
            }
            if !yes && comment.trim().is_empty() {
                return Err("a refusal needs its comment".into());
            }
        }
        ActKind::Closure { summary } => {
            long("summary", summary)?;
            if summary.trim().is_empty() {
                return Err("a closure request needs its summary".into());
            }
        }
        ActKind::Withdrawal { record } => {
            if record.trim().is_empty() {
                return Err("record must not be empty".into());
            }
        }
    }
    Ok(ActRecord::Known(a))
}

/// One decision as the progress file writes it.
pub fn decision_value(d: &Decision) -> Value {
    let file = FileDecision { id: d.id.clone(), entry: d.entry.clone(), accept: d.accept, unit: d.unit.clone(), person: d.person.clone(), recorded_at: d.recorded_at.clone() };
    serde_json::to_value(file).unwrap_or(Value::Null)
}

pub fn decision_from_value(value: Value) -> Result<Decision, String> {
    let file: FileDecision = serde_json::from_value(value).map_err(|e| e.to_string())?;
    from_file_decision(file)
}

pub fn write_progress_file(plan: &PlanRef, ledger: &Ledger, exported_at: &str, exported_by: Option<&str>) -> String {
    write_part(plan, ledger, exported_at, exported_by, Part::Whole)
}

/// Which of a ledger's records a progress file written for storage holds (`persist` keeps the
/// attachment records apart from the rest).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Whole,
    /// Everything but the attachment records.
    WithoutEvidence,
    /// Only the attachment records.
    Evidence,
}

pub fn write_part(plan: &PlanRef, ledger: &Ledger, exported_at: &str, exported_by: Option<&str>, part: Part) -> String {
    let empty = Ledger::default();
    let (rest, evidence) = match part {
        Part::Whole => (ledger, ledger),
        Part::WithoutEvidence => (ledger, &empty),
        Part::Evidence => (&empty, ledger),
    };
    let ledger = rest;
    let file = FileOut {
        format: PROGRESS_FORMAT,
        version: PROGRESS_VERSION,
        plan,
        exported_at,
        exported_by,
        entries: ledger.entries.values().map(to_file_entry).collect(),
        decisions: ledger
            .decisions
            .values()
            .map(|d| FileDecision {
                id: d.id.clone(),
                entry: d.entry.clone(),
                accept: d.accept,
                unit: d.unit.clone(),
                person: d.person.clone(),
                recorded_at: d.recorded_at.clone(),
            })
            .collect(),
        notices: ledger.notices.values().map(to_file_notice).collect(),
        acts: ledger.acts.values().map(|a| ActOut::Known(Box::new(to_file_act(a)))).chain(ledger.unknown.values().map(ActOut::Unknown)).collect(),
        seals: ledger.seals.values().collect(),
        evidence: evidence.evidence.values().collect(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Upgrades an older file to the current version, one step at a time: each version adds `(from, step)`
/// here with a test over a fixture of the version it upgrades from.
type Migration = fn(Value) -> Result<Value, String>;
const MIGRATIONS: &[(u64, Migration)] = &[(1, v1_to_v2), (2, v2_to_v3), (3, v3_to_v4)];

/// Version 4 only adds units' signatures over their records: a version-3 file is a version-4 file as it
/// stands.
fn v3_to_v4(value: Value) -> Result<Value, String> {
    renumber(value, 4)
}

fn renumber(mut value: Value, version: u64) -> Result<Value, String> {
    match value.as_object_mut() {
        Some(o) => {
            o.insert("version".into(), Value::from(version));
            Ok(value)
        }
        None => Err("the file is not an object".into()),
    }
}

/// Version 3 only adds the review loop's records: a version-2 file is a version-3 file as it stands.
fn v2_to_v3(value: Value) -> Result<Value, String> {
    renumber(value, 3)
}

/// Version 2 only adds report entries: a version-1 file is a version-2 file as it stands.
fn v1_to_v2(value: Value) -> Result<Value, String> {
    renumber(value, 2)
}

fn migrate(mut value: Value) -> Result<Value, FileError> {
    loop {
        let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
        if version == PROGRESS_VERSION {
            return Ok(value);
        }
        let Some((_, step)) = MIGRATIONS.iter().find(|(from, _)| *from == version) else {
            return Err(FileError::BadVersion);
        };
        value = step(value).map_err(|detail| FileError::Shape { detail })?;
    }
}

pub fn read_progress_file(text: &str) -> Result<ProgressFile, FileError> {
    let value = migrate(read_envelope(text, PROGRESS_FORMAT, PROGRESS_VERSION)?)?;
    let shape = |detail: String| FileError::Shape { detail };
    let plan: PlanRef =
        serde_json::from_value(value.get("plan").cloned().unwrap_or(Value::Null)).map_err(|e| shape(format!("plan: {e}")))?;
    let exported_at = value.get("exported_at").and_then(Value::as_str).unwrap_or_default().to_string();
    let exported_by = value.get("exported_by").and_then(Value::as_str).map(str::to_string);
    let list = |name: &str| -> Result<Vec<Value>, FileError> {
        match value.get(name) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(a)) => Ok(a.clone()),
            Some(_) => Err(shape(format!("{name} must be a list"))),
        }
    };
    let mut ledger = Ledger::default();
    for (i, v) in list("entries")?.into_iter().enumerate() {
        let f: FileEntry = serde_json::from_value(v).map_err(|e| shape(format!("entries[{i}]: {e}")))?;
        ledger.add(from_file_entry(f).map_err(|e| shape(format!("entries[{i}]: {e}")))?);
    }
    for (i, v) in list("decisions")?.into_iter().enumerate() {
        let d: FileDecision = serde_json::from_value(v).map_err(|e| shape(format!("decisions[{i}]: {e}")))?;
        ledger.add_decision(from_file_decision(d).map_err(|e| shape(format!("decisions[{i}]: {e}")))?);
    }
    for (i, v) in list("notices")?.into_iter().enumerate() {
        let n: FileNotice = serde_json::from_value(v).map_err(|e| shape(format!("notices[{i}]: {e}")))?;
        ledger.add_notice(from_file_notice(n).map_err(|e| shape(format!("notices[{i}]: {e}")))?);
    }
    for (i, v) in list("acts")?.into_iter().enumerate() {
        match act_from_value(v).map_err(|e| shape(format!("acts[{i}]: {e}")))? {
            ActRecord::Known(a) => ledger.add_act(a),
            ActRecord::Unknown(id, v) => ledger.add_unknown(id, v),
        }
    }
    for (i, v) in list("seals")?.into_iter().enumerate() {
        let s = seal_from_value(v).map_err(|e| shape(format!("seals[{i}]: {e}")))?;
        ledger.add_seal(s.id.clone(), serde_json::to_value(&s).unwrap_or(Value::Null));
    }
    for (i, v) in list("evidence")?.into_iter().enumerate() {
        // Checked, then kept as it came (no copy written back: read at every load).
        let a = super::evidence::check_attachment(&v).map_err(|e| shape(format!("evidence[{i}]: {e}")))?;
        ledger.add_evidence(a.id, v);
    }
    Ok(ProgressFile { plan, exported_at, exported_by, ledger })
}

/// What importing files would do, shown before anything changes.
#[derive(Clone, Debug, PartialEq)]
pub struct MergePreview {
    /// Entries the files add (not already in the ledger).
    pub new_entries: usize,
    pub new_decisions: usize,
    /// Review-loop records the files add.
    pub new_acts: usize,
    /// Office records (reviews, rulings, confirmations) in files that do not come from the office: set
    /// aside, never applied (file name index, record).
    pub set_aside: Vec<(usize, Act)>,
    /// Entries already present (importing twice changes nothing).
    pub known_entries: usize,
    /// Issues that the merge would create and that are not there now.
    pub new_issues: Vec<Issue>,
    /// Files made against another version of the plan (or another plan).
    pub plan_mismatch: Vec<PlanRef>,
    /// Units the files' new entries come from, with counts.
    pub units: Vec<(String, usize)>,
    pub merged: Ledger,
}

/// Takes out of each file the office records it may not carry (`flow::set_aside_office_acts`): what is
/// merged is what remains. Returns the records set aside with their file's index.
pub fn set_aside(files: &mut [ProgressFile], office: &str) -> Vec<(usize, Act)> {
    let mut out = Vec::new();
    for (i, f) in files.iter_mut().enumerate() {
        for a in super::flow::set_aside_office_acts(&mut f.ledger, f.exported_by.as_deref(), office) {
            out.push((i, a));
        }
    }
    out
}

pub fn preview_merge(plan: &Plan, current: &Ledger, files: &[ProgressFile]) -> MergePreview {
    let mine = PlanRef::of(plan);
    let mut merged = current.clone();
    let mut new_entries = 0;
    let mut known_entries = 0;
    let mut new_decisions = 0;
    let mut new_acts = 0;
    let mut units: Vec<(String, usize)> = Vec::new();
    let mut plan_mismatch = Vec::new();
    for f in files {
        if f.plan.id != mine.id || f.plan.fingerprint != mine.fingerprint {
            plan_mismatch.push(f.plan.clone());
        }
        for e in f.ledger.entries.values() {
            if merged.entries.contains_key(&e.id) {
                known_entries += 1;
            } else {
                new_entries += 1;
                match units.iter_mut().find(|(u, _)| *u == e.unit) {
                    Some((_, n)) => *n += 1,
                    None => units.push((e.unit.clone(), 1)),
                }
            }
        }
        new_decisions += f.ledger.decisions.keys().filter(|k| !merged.decisions.contains_key(*k)).count();
        new_acts += f.ledger.acts.keys().chain(f.ledger.unknown.keys()).filter(|k| !merged.acts.contains_key(k) && !merged.unknown.contains_key(k)).count();
        merged.merge(&f.ledger);
    }
    let before = LedgerView::new(plan, current).issues;
    let after = LedgerView::new(plan, &merged).issues;
    let new_issues = after.into_iter().filter(|i| !before.contains(i)).collect();
    MergePreview { new_entries, new_decisions, new_acts, set_aside: Vec::new(), known_entries, new_issues, plan_mismatch, units, merged }
}

#[cfg(test)]
mod tests;
