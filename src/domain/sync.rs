//! Live exchange through Apache CouchDB (or anything speaking its HTTP protocol): the ledger's
//! records as documents, what to push, what a push and a pull answered, the sync state kept between
//! runs, and the design document whose `validate_doc_update` makes the server enforce who may write
//! what.
//!
//! Records are immutable, so a document's id is the record's id and a document is never updated: a
//! push that finds the id already there ("conflict") has nothing to do. Pulls read `_changes` from a
//! saved checkpoint. Merging is the ledger's own (`Ledger::merged`), so a synced record and the same
//! record from a file are one.
//!
//! Invariant: documents, answers and rules as data; no HTTP, no browser (that is `ui/sync.rs`).

use super::exchange::{act_from_value, act_value, decision_from_value, decision_value, entry_from_value, entry_value, seal_from_value, ActRecord};
use super::ledger::Ledger;
use super::plan::{Plan, Shared};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

pub const ENTRY: &str = "entry";
pub const DECISION: &str = "decision";
/// A record of the review loop (its `kind` says which), or of a kind a newer app made.
pub const ACT: &str = "act";
/// A unit's signature over records of its own (签名记录).
pub const SEAL: &str = "seal";
/// A kept file of 佐证材料: one document per file, the file its attachment `data`.
pub const FILE: &str = "file";
/// An attachment record (佐证材料).
pub const ATTACHMENT: &str = "attachment";
/// The design document the setup script installs.
pub const DESIGN_ID: &str = "_design/minsheng";

fn document(id: &str, kind: &str, plan_id: &str, body: Value) -> Value {
    let mut doc = Map::new();
    doc.insert("_id".into(), json!(id));
    doc.insert("type".into(), json!(kind));
    doc.insert("plan".into(), json!(plan_id));
    if let Value::Object(fields) = body {
        for (k, v) in fields {
            doc.entry(k).or_insert(v);
        }
    }
    Value::Object(doc)
}

/// The records of `ids` as documents (ids the ledger does not hold are left out).
pub fn docs_for(plan_id: &str, ledger: &Ledger, ids: &[String]) -> Vec<Value> {
    ids.iter()
        .filter_map(|id| {
            ledger
                .entries
                .get(id)
                .map(|e| document(&e.id, ENTRY, plan_id, entry_value(e)))
                .or_else(|| ledger.decisions.get(id).map(|d| document(&d.id, DECISION, plan_id, decision_value(d))))
                .or_else(|| ledger.acts.get(id).map(|a| document(&a.id, ACT, plan_id, act_value(a))))
                .or_else(|| ledger.unknown.get(id).map(|r| document(id, ACT, plan_id, r.clone())))
                .or_else(|| ledger.seals.get(id).map(|s| document(id, SEAL, plan_id, s.clone())))
                .or_else(|| ledger.evidence.get(id).map(|a| document(id, ATTACHMENT, plan_id, a.clone())))
        })
        .collect()
}

/// Documents read from the server: the records of this plan, their ids, and the documents that could
/// not be read as records (id and why).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pulled {
    pub ledger: Ledger,
    pub ids: Vec<String>,
    pub unreadable: Vec<(String, String)>,
}

pub fn ledger_of_docs<'a>(plan_id: &str, docs: impl IntoIterator<Item = &'a Value>) -> Pulled {
    let mut out = Pulled::default();
    for doc in docs {
        let id = doc.get("_id").and_then(Value::as_str).unwrap_or_default().to_string();
        if id.starts_with("_design/") || doc.get("_deleted").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        if doc.get("plan").and_then(Value::as_str) != Some(plan_id) {
            continue;
        }
        let read = match doc.get("type").and_then(Value::as_str) {
            Some(ENTRY) => entry_from_value(doc.clone()).map(|e| {
                out.ledger.entries.insert(e.id.clone(), e);
            }),
            Some(DECISION) => decision_from_value(doc.clone()).map(|d| {
                out.ledger.decisions.insert(d.id.clone(), d);
            }),
            Some(ACT) => act_from_value(doc.clone()).map(|a| match a {
                ActRecord::Known(a) => out.ledger.add_act(a),
                ActRecord::Unknown(id, r) => out.ledger.add_unknown(id, r),
            }),
            Some(SEAL) => seal_from_value(doc.clone()).map(|s| super::seal::keep(&mut out.ledger, &s)),
            // A file's document is not a record: known to be on the server, read when shown.
            Some(FILE) => Ok(()),
            Some(ATTACHMENT) => super::evidence::attachment_from_value(doc.clone()).map(|a| super::evidence::keep(&mut out.ledger, &a)),
            other => Err(format!("unknown type {other:?}")),
        };
        match read {
            Ok(()) => out.ids.push(id),
            Err(why) => out.unreadable.push((id, why)),
        }
    }
    out
}

/// Why the server refused a document, as the design document says it (see [`design_doc`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The account does not speak for the record's unit.
    NotYourUnit { unit: String },
    /// The unit is neither 牵头单位 nor 配合单位 of the project.
    UnitNotOnProject { unit: String },
    UnknownProject,
    /// Only the supervision office writes decisions, reviews, rulings and confirmations.
    OfficeOnly,
    /// Only the project's 牵头单位 asks to extend or close it.
    NotLead { unit: String },
    /// A record of a kind the server's rules do not know.
    UnknownType,
    /// Records are never changed or deleted once written.
    Immutable,
    /// Anything else the server said.
    Other { error: String, reason: String },
}

/// One document's answer to a `_bulk_docs` push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushResult {
    /// Stored now, or already there (same id, same immutable record).
    Stored,
    Refused(Refusal),
}

#[derive(Deserialize)]
struct RawResult {
    id: String,
    #[serde(default)]
    ok: Option<bool>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

fn refusal(error: &str, reason: &str) -> Refusal {
    #[derive(Deserialize)]
    struct Coded {
        code: String,
        #[serde(default)]
        detail: String,
    }
    if error == "forbidden" {
        if let Ok(c) = serde_json::from_str::<Coded>(reason) {
            return match c.code.as_str() {
                "not_your_unit" => Refusal::NotYourUnit { unit: c.detail },
                "unit_not_on_project" => Refusal::UnitNotOnProject { unit: c.detail },
                "unknown_project" => Refusal::UnknownProject,
                "office_only" => Refusal::OfficeOnly,
                "not_lead" => Refusal::NotLead { unit: c.detail },
                "unknown_type" => Refusal::UnknownType,
                "immutable" => Refusal::Immutable,
                _ => Refusal::Other { error: error.into(), reason: reason.into() },
            };
        }
    }
    Refusal::Other { error: error.into(), reason: reason.into() }
}

/// Reads a `_bulk_docs` answer: each document's id and result.
pub fn read_bulk_answer(text: &str) -> Result<Vec<(String, PushResult)>, String> {
    let raw: Vec<RawResult> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(raw
        .into_iter()
        .map(|r| {
            let result = match (r.ok, r.error.as_deref()) {
                (Some(true), _) => PushResult::Stored,
                // The same immutable record is already there.
                (_, Some("conflict")) => PushResult::Stored,
                (_, error) => PushResult::Refused(refusal(error.unwrap_or("unknown"), r.reason.as_deref().unwrap_or_default())),
            };
            (r.id, result)
        })
        .collect())
}

/// One page of `_changes?include_docs=true`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangesPage {
    /// How many changes the page lists (deleted ones included): fewer than asked for is the end.
    pub results: usize,
    pub docs: Vec<Value>,
    /// Where the next page starts (CouchDB: an opaque string; PouchDB Server: a number).
    pub last_seq: Value,
    /// Changes left after this page, when the server says.
    pub pending: Option<u64>,
}

pub fn read_changes(text: &str) -> Result<ChangesPage, String> {
    #[derive(Deserialize)]
    struct Row {
        #[serde(default)]
        doc: Option<Value>,
        #[serde(default)]
        deleted: bool,
    }
    #[derive(Deserialize)]
    struct Page {
        results: Vec<Row>,
        last_seq: Value,
        #[serde(default)]
        pending: Option<u64>,
    }
    let page: Page = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(ChangesPage {
        results: page.results.len(),
        docs: page.results.into_iter().filter(|r| !r.deleted).filter_map(|r| r.doc).collect(),
        last_seq: page.last_seq,
        pending: page.pending,
    })
}

/// A checkpoint as the `since` parameter writes it.
pub fn since_param(seq: &Value) -> String {
    match seq {
        Value::String(s) => s.clone(),
        Value::Null => "0".into(),
        other => other.to_string(),
    }
}

/// What a browser keeps between syncs of one plan with one database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncState {
    /// This browser's name for its checkpoint on the server (`_local/minsheng-sync-<client>`), made on
    /// the first run. A state kept before it existed has none: it is compared in full once.
    #[serde(default)]
    pub client: String,
    /// The `_changes` sequence read up to (kept on the server too, as the checkpoint document).
    #[serde(default)]
    pub checkpoint: Value,
    /// Ids of the records the server has (pushed from here or pulled).
    #[serde(default)]
    pub on_server: BTreeSet<String>,
    /// Who the account spoke for at the last run: what this browser counts as waiting to be sent when
    /// a run cannot reach the server.
    #[serde(default)]
    pub account: Option<Account>,
    /// When the last sync finished (RFC 3339).
    #[serde(default)]
    pub last_sync: Option<String>,
}

/// The id of this browser's checkpoint document on the server. `_local` documents are never
/// replicated: a database made again, or restored from a copy made by replication, has none, and one
/// restored from a copy of its files has an older one.
pub fn checkpoint_doc_id(client: &str) -> String {
    format!("_local/minsheng-sync-{client}")
}

/// The checkpoint document as written after a pull.
pub fn checkpoint_doc(seq: &Value, rev: Option<&str>) -> Value {
    let mut doc = json!({ "seq": seq });
    if let Some(rev) = rev {
        doc["_rev"] = json!(rev);
    }
    doc
}

/// The server's side of the checkpoint (`GET` of [`checkpoint_doc_id`]): its sequence and revision.
pub fn read_checkpoint_doc(text: &str) -> Option<(Value, Option<String>)> {
    let v: Value = serde_json::from_str(text).ok()?;
    let seq = v.get("seq")?.clone();
    Some((seq, v.get("_rev").and_then(Value::as_str).map(str::to_string)))
}

/// Reads the database's own answer (`GET /db`): its `update_seq`.
pub fn read_db_info(text: &str) -> Result<Value, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    v.get("update_seq").cloned().ok_or_else(|| "no update_seq".to_string())
}

/// The number a sequence starts with: PouchDB Server's are numbers, CouchDB's strings "N-…".
pub fn seq_number(seq: &Value) -> Option<u64> {
    match seq {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.split('-').next().and_then(|n| n.parse().ok()),
        _ => None,
    }
}

/// What the server says before a run of what this browser remembers of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServerSide {
    /// The sequence of this browser's checkpoint document there (`None`: there is none).
    pub checkpoint: Option<Value>,
    pub update_seq: Value,
}

/// Why what a browser remembers of the server no longer holds: the server lost data (a database made
/// again, restored from an older copy, or moved), and what this browser sent may be missing there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reset {
    /// The server has no checkpoint of this browser's, or another one than the browser's.
    CheckpointLost,
    /// The database is behind where this browser had read it to.
    Behind,
}

/// Whether the browser's memory of the server (`state`) still holds, as CouchDB's replication checks
/// its checkpoints on both sides before it resumes. A browser that remembers nothing has nothing to
/// doubt.
pub fn check_server(state: &SyncState, server: &ServerSide) -> Option<Reset> {
    if state.on_server.is_empty() && state.checkpoint.is_null() {
        return None;
    }
    if state.client.is_empty() || server.checkpoint.as_ref() != Some(&state.checkpoint) {
        return Some(Reset::CheckpointLost);
    }
    match (seq_number(&state.checkpoint), seq_number(&server.update_seq)) {
        (Some(read_to), Some(now)) if now < read_to => Some(Reset::Behind),
        _ => None,
    }
}

impl SyncState {
    /// Forgets what the server was thought to hold: the next push asks it about every record, the next
    /// pull reads from the beginning.
    pub fn reset(&mut self) {
        self.on_server.clear();
        self.checkpoint = Value::Null;
    }
}

/// Who the signed-in account speaks for (`GET /_session`'s roles).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub units: Vec<String>,
    pub office: bool,
}

pub fn read_session(text: &str) -> Result<Account, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let roles = v.pointer("/userCtx/roles").and_then(Value::as_array).ok_or_else(|| "no userCtx".to_string())?;
    if v.pointer("/userCtx/name").is_none_or(Value::is_null) {
        return Err("not signed in".into());
    }
    let roles: Vec<&str> = roles.iter().filter_map(Value::as_str).collect();
    Ok(Account {
        units: roles.iter().filter_map(|r| r.strip_prefix("unit:")).map(str::to_string).collect(),
        office: roles.iter().any(|r| *r == "office" || *r == "_admin"),
    })
}

/// The ids of the records this account sends, that the server is not known to hold: the office sends
/// every record it holds (so it can put back what a server lost, each still its unit's), a unit its
/// own entries.
pub fn to_offer(ledger: &Ledger, account: &Account, on_server: &BTreeSet<String>) -> Vec<String> {
    offered(ledger, account, on_server).cloned().collect()
}

/// The ids [`to_offer`] lists, as they come (whether there is any is a cheap question).
pub fn offered<'a>(ledger: &'a Ledger, account: &'a Account, on_server: &'a BTreeSet<String>) -> impl Iterator<Item = &'a String> + 'a {
    let entries = ledger.entries.values().filter(|e| account.office || account.units.contains(&e.unit)).map(|e| &e.id);
    let decisions = ledger.decisions.keys().filter(|_| account.office);
    let acts = ledger.acts.values().filter(|a| account.office || account.units.contains(&a.unit)).map(|a| &a.id);
    let unknown = ledger.unknown.keys().filter(|_| account.office);
    let of_account = |r: &Value| account.office || r.get("unit").and_then(Value::as_str).is_some_and(|u| account.units.iter().any(|a| a == u));
    let seals = ledger.seals.iter().filter(move |(_, s)| of_account(s)).map(|(id, _)| id);
    let evidence = ledger.evidence.iter().filter(move |(_, a)| of_account(a)).map(|(id, _)| id);
    entries.chain(decisions).chain(acts).chain(unknown).chain(seals).chain(evidence).filter(|id| !on_server.contains(*id))
}

/// The document id of the file with SHA-256 `hash`.
pub fn file_doc_id(hash: &str) -> String {
    format!("file-{hash}")
}

/// The files this account sends after its records: one per file its attachment records point to,
/// not known to be on the server (document id, and the record naming it).
pub fn files_to_offer(ledger: &Ledger, account: &Account, on_server: &BTreeSet<String>) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for a in ledger.evidence.values() {
        let unit = a.get("unit").and_then(Value::as_str).unwrap_or_default();
        if !account.office && !account.units.iter().any(|u| u == unit) {
            continue;
        }
        let Some(hash) = a.get("hash").and_then(Value::as_str) else { continue };
        let id = file_doc_id(hash);
        if !on_server.contains(&id) && seen.insert(id.clone()) {
            out.push((id, a.clone()));
        }
    }
    out
}

/// A file as its document: hash, unit and project (what the server's rules read) and the bytes as the
/// attachment `data`.
pub fn file_doc(plan_id: &str, record: &Value, bytes: &[u8]) -> Value {
    use base64::Engine;
    let field = |k: &str| record.get(k).cloned().unwrap_or(Value::Null);
    let hash = record.get("hash").and_then(Value::as_str).unwrap_or_default();
    json!({
        "_id": file_doc_id(hash),
        "type": FILE,
        "plan": plan_id,
        "hash": hash,
        "unit": field("unit"),
        "project": field("project"),
        "_attachments": { "data": { "content_type": field("mime"), "data": base64::engine::general_purpose::STANDARD.encode(bytes) } },
    })
}

/// The body of `POST _all_docs` asking which of `ids` the server holds.
pub fn ask_body(ids: &[String]) -> String {
    json!({ "keys": ids }).to_string()
}

/// Reads an `_all_docs` answer asked by keys: the ids the server holds (not missing, not deleted).
pub fn read_present(text: &str) -> Result<Vec<String>, String> {
    #[derive(Deserialize)]
    struct Row {
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        error: Option<String>,
        #[serde(default)]
        value: Option<Value>,
    }
    #[derive(Deserialize)]
    struct Answer {
        rows: Vec<Row>,
    }
    let a: Answer = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(a.rows
        .into_iter()
        .filter(|r| r.error.is_none() && r.value.as_ref().and_then(|v| v.get("deleted")).and_then(Value::as_bool) != Some(true))
        .filter_map(|r| r.id)
        .collect())
}

/// The session endpoint of the server a database URL is on: `/db/minsheng-2024` → `/db/_session`.
pub fn session_url(database: &str) -> Option<String> {
    let trimmed = database.trim().trim_end_matches('/');
    let (server, name) = trimmed.rsplit_once('/')?;
    (!name.is_empty() && !name.starts_with('_')).then(|| format!("{server}/_session"))
}

/// The design document that makes the server enforce the plan's rules: a unit's account (role
/// `unit:<unit>`) writes only entries of its own unit on projects that name it as 牵头单位 or 配合单位;
/// the office (role `office`) writes decisions, and puts back entries of any unit on such projects
/// (each still its unit's: a server that lost them is restored from the office's browser); a unit's
/// signatures over its records (`seal`) are written by the unit or passed on by the office, its
/// attachment records (`attachment`) and the files they point to (`file`, one document each) too, for
/// projects that name it; nothing is
/// changed or deleted once written.
/// Refusals carry a code the app turns into words ([`Refusal`]).
pub fn design_doc(plan: &Plan) -> Value {
    let units: Map<String, Value> = plan
        .projects
        .iter()
        .map(|p| {
            let names: Vec<&str> = std::iter::once(p.lead_unit.as_str()).chain(p.co_units.iter().map(Shared::as_str)).collect();
            (p.id.clone(), json!(names))
        })
        .collect();
    let validate = format!(
        r#"function (newDoc, oldDoc, userCtx) {{
  var PLAN = {plan};
  var UNITS = {units};
  function refuse(code, detail) {{ throw ({{ forbidden: JSON.stringify({{ code: code, detail: detail || '' }}) }}); }}
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') !== -1) return;
  if (oldDoc || newDoc._deleted) refuse('immutable');
  var mine = [];
  for (var i = 0; i < roles.length; i++) if (roles[i].indexOf('unit:') === 0) mine.push(roles[i].slice(5));
  if (newDoc.type === 'entry') {{
    if (newDoc.plan !== PLAN) refuse('unknown_project');
    if (mine.indexOf(newDoc.unit) === -1 && roles.indexOf('office') === -1) refuse('not_your_unit', newDoc.unit);
    var allowed = UNITS[newDoc.project];
    if (!allowed) refuse('unknown_project');
    if (allowed.indexOf(newDoc.unit) === -1) refuse('unit_not_on_project', newDoc.unit);
  }} else if (newDoc.type === 'decision') {{
    if (newDoc.plan !== PLAN) refuse('unknown_project');
    if (roles.indexOf('office') === -1) refuse('office_only');
  }} else if (newDoc.type === 'act') {{
    if (newDoc.plan !== PLAN) refuse('unknown_project');
    var office = roles.indexOf('office') !== -1;
    var on = UNITS[newDoc.project];
    if (!on) refuse('unknown_project');
    var kind = newDoc.kind;
    if (kind === 'review' || kind === 'ruling' || kind === 'confirmation') {{
      if (!office) refuse('office_only');
    }} else if (kind === 'extension' || kind === 'closure') {{
      if (mine.indexOf(newDoc.unit) === -1 && !office) refuse('not_your_unit', newDoc.unit);
      if (on[0] !== newDoc.unit) refuse('not_lead', newDoc.unit);
    }} else if (kind === 'withdrawal') {{
      if (mine.indexOf(newDoc.unit) === -1 && !office) refuse('not_your_unit', newDoc.unit);
    }} else if (!office) {{
      refuse('unknown_type');
    }}
  }} else if (newDoc.type === 'attachment' || newDoc.type === 'file') {{
    if (newDoc.plan !== PLAN) refuse('unknown_project');
    if (mine.indexOf(newDoc.unit) === -1 && roles.indexOf('office') === -1) refuse('not_your_unit', newDoc.unit);
    var on = UNITS[newDoc.project];
    if (!on) refuse('unknown_project');
    if (on.indexOf(newDoc.unit) === -1) refuse('unit_not_on_project', newDoc.unit);
  }} else if (newDoc.type === 'seal') {{
    if (newDoc.plan !== PLAN) refuse('unknown_project');
    if (mine.indexOf(newDoc.unit) === -1 && roles.indexOf('office') === -1) refuse('not_your_unit', newDoc.unit);
  }} else {{
    refuse('unknown_type');
  }}
}}"#,
        plan = json!(plan.id),
        units = Value::Object(units),
    );
    json!({ "_id": DESIGN_ID, "language": "javascript", "validate_doc_update": validate })
}

/// Where sync stands, for the 同步 view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncStatus {
    /// Not configured: the app is file-based.
    Off,
    Working,
    /// The last run compared both sides: `at` is RFC 3339; `pending` records of this account's are not
    /// on the server (refused ones); `restored`, the records put back on a server found to have lost
    /// data (see [`Reset`]).
    Synced { at: String, pending: usize, restored: Option<usize> },
    /// The server lost data: `records` of this browser's are being compared and put back.
    Restoring { records: usize },
    /// The server could not be reached; `pending` records wait here.
    Offline { pending: usize },
    /// The session ended (expired, or signed out elsewhere): sign in again.
    SignedOut,
    Failed(SyncFailure),
}

/// Why signing in or syncing did not work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncFailure {
    /// The address gives no answer.
    Unreachable,
    /// The address answers, but with no database (`status` as answered, e.g. 404).
    NoDatabase { status: u16 },
    BadLogin,
    /// Signed in, but the account may not read this database.
    NotMember,
    /// The server failed (5xx) or answered what no CouchDB does.
    Server { status: u16 },
    /// 同步地址 is not a database address.
    BadAddress,
}

/// The roles of the accounts the setup script creates: one per unit, and the office.
pub fn unit_role(unit: &str) -> String {
    format!("unit:{unit}")
}

pub const OFFICE_ROLE: &str = "office";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::import_list;
    use crate::domain::ledger::{Decision, Entry, Reported, Subject};

    fn plan() -> Plan {
        import_list(include_str!("../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan
    }

    fn entry(plan: &Plan, id: &str, unit: &str) -> Entry {
        let p = &plan.projects[0];
        Entry {
            id: id.into(),
            project: p.id.clone(),
            subject: Subject::Indicator(p.indicators[0].id.clone()),
            reported: Reported::Value(10.0),
            as_of: p.milestones[0].due,
            note: String::new(),
            unit: unit.into(),
            person: "张三".into(),
            recorded_at: "2024-04-01T08:00:00.000Z".into(),
            supersedes: None,
            deleted: false,
        }
    }

    #[test]
    fn documents_round_trip_and_only_new_ones_are_pushed() {
        let plan = plan();
        let mut ledger = Ledger::default();
        for id in ["e1", "e2"] {
            ledger.entries.insert(id.into(), entry(&plan, id, &plan.projects[0].lead_unit));
        }
        ledger.decisions.insert("d1".into(), Decision { id: "d1".into(), entry: "e1".into(), accept: true, unit: "督查室".into(), person: String::new(), recorded_at: "2024-04-02T08:00:00.000Z".into() });
        let on_server: BTreeSet<String> = ["e1".to_string()].into();
        let office = Account { units: vec![], office: true };
        let docs = docs_for(&plan.id, &ledger, &to_offer(&ledger, &office, &on_server));
        assert_eq!(docs.iter().map(|d| d["_id"].as_str().unwrap()).collect::<Vec<_>>(), vec!["e2", "d1"]);
        assert_eq!(docs[0]["type"], "entry");
        assert_eq!(docs[0]["plan"], json!(plan.id));
        assert_eq!(offered(&ledger, &office, &on_server).count(), 2);
        // As the server hands them back (with a revision), plus a design document, another plan's
        // record and something unreadable.
        let mut back: Vec<Value> = docs_for(&plan.id, &ledger, &to_offer(&ledger, &office, &BTreeSet::new()));
        for d in &mut back {
            d["_rev"] = json!("1-abc");
        }
        back.push(json!({"_id": DESIGN_ID, "validate_doc_update": "function(){}"}));
        back.push(json!({"_id": "x9", "type": "entry", "plan": "plan-other"}));
        back.push(json!({"_id": "bad", "type": "entry", "plan": plan.id, "project": "p"}));
        let pulled = ledger_of_docs(&plan.id, &back);
        assert_eq!(pulled.ledger, ledger);
        assert_eq!(pulled.ids, vec!["e1", "e2", "d1"]);
        assert_eq!(pulled.unreadable.len(), 1);
        assert_eq!(pulled.unreadable[0].0, "bad");
    }

    #[test]
    fn push_answers() {
        let answer = r#"[{"ok":true,"id":"e1","rev":"1-a"},{"id":"e2","error":"conflict","reason":"Document update conflict."},
            {"id":"e3","error":"forbidden","reason":"{\"code\":\"unit_not_on_project\",\"detail\":\"市卫健委\"}"},
            {"id":"e4","error":"forbidden","reason":"{\"code\":\"not_your_unit\",\"detail\":\"市民政局\"}"},
            {"id":"e5","error":"forbidden","reason":"only admins"},{"id":"e6","error":"unauthorized","reason":"You are not a db or server admin."}]"#;
        assert_eq!(
            read_bulk_answer(answer).unwrap(),
            vec![
                ("e1".into(), PushResult::Stored),
                ("e2".into(), PushResult::Stored),
                ("e3".into(), PushResult::Refused(Refusal::UnitNotOnProject { unit: "市卫健委".into() })),
                ("e4".into(), PushResult::Refused(Refusal::NotYourUnit { unit: "市民政局".into() })),
                ("e5".into(), PushResult::Refused(Refusal::Other { error: "forbidden".into(), reason: "only admins".into() })),
                ("e6".into(), PushResult::Refused(Refusal::Other { error: "unauthorized".into(), reason: "You are not a db or server admin.".into() })),
            ]
        );
        assert!(read_bulk_answer("{\"error\":\"unauthorized\"}").is_err());
    }

    #[test]
    fn changes_pages_and_checkpoints() {
        let page = read_changes(r#"{"results":[{"id":"a","seq":1,"doc":{"_id":"a"}},{"id":"b","seq":2,"deleted":true,"doc":{"_id":"b","_deleted":true}}],"last_seq":2,"pending":5}"#).unwrap();
        assert_eq!(page.docs, vec![json!({"_id": "a"})]);
        assert_eq!(page.results, 2);
        assert_eq!((since_param(&page.last_seq), page.pending), ("2".to_string(), Some(5)));
        let couch = read_changes(r#"{"results":[],"last_seq":"12-g1AAAA"}"#).unwrap();
        assert_eq!(since_param(&couch.last_seq), "12-g1AAAA");
        assert_eq!(since_param(&Value::Null), "0");
        let state = SyncState { client: "c1".into(), checkpoint: couch.last_seq, on_server: ["a".to_string()].into(), account: None, last_sync: Some("2024-10-01T08:00:00.000Z".into()) };
        assert_eq!(serde_json::from_str::<SyncState>(&serde_json::to_string(&state).unwrap()).unwrap(), state);
        assert_eq!(session_url("/db/minsheng-2024"), Some("/db/_session".into()));
        // Hosted under a sub-path, with a trailing slash: the server's part is kept whole.
        assert_eq!(session_url("/minsheng/db/minsheng-2024/"), Some("/minsheng/db/_session".into()));
        assert_eq!(session_url("minsheng"), None);
    }

    #[test]
    fn the_design_document_names_every_projects_units() {
        let plan = plan();
        let doc = design_doc(&plan);
        let validate = doc["validate_doc_update"].as_str().unwrap();
        assert!(validate.starts_with("function (newDoc, oldDoc, userCtx)"));
        assert!(validate.contains(&format!("var PLAN = \"{}\";", plan.id)));
        for p in &plan.projects {
            assert!(validate.contains(&format!("\"{}\":[", p.id)), "{}", p.id);
        }
        assert!(validate.contains("\"市民政局\""));
        assert_eq!(unit_role("市民政局"), "unit:市民政局");
    }

    #[test]
    fn the_checkpoint_is_kept_on_both_sides_and_a_server_that_lost_data_is_found_out() {
        let synced = SyncState { client: "c1".into(), checkpoint: json!(40), on_server: ["e1".to_string()].into(), ..SyncState::default() };
        let server = |checkpoint: Option<Value>, update_seq: Value| ServerSide { checkpoint, update_seq };
        // The same database, further on: resume.
        assert_eq!(check_server(&synced, &server(Some(json!(40)), json!(52))), None);
        // Made again (no checkpoint of ours), or restored from a replicated copy (none either).
        assert_eq!(check_server(&synced, &server(None, json!(3))), Some(Reset::CheckpointLost));
        // Restored from a copy of its files: an older checkpoint of ours.
        assert_eq!(check_server(&synced, &server(Some(json!(31)), json!(35))), Some(Reset::CheckpointLost));
        // Our checkpoint, but the database behind it (CouchDB's sequences as strings).
        let couch = SyncState { checkpoint: json!("40-g1AAAA"), ..synced.clone() };
        assert_eq!(check_server(&couch, &server(Some(json!("40-g1AAAA")), json!("12-g1BBBB"))), Some(Reset::Behind));
        assert_eq!(check_server(&couch, &server(Some(json!("40-g1AAAA")), json!("41-g1CCCC"))), None);
        // A browser that remembers nothing doubts nothing; one kept before checkpoints had a client is compared.
        assert_eq!(check_server(&SyncState::default(), &server(None, json!(99))), None);
        let old = SyncState { client: String::new(), ..synced.clone() };
        assert_eq!(check_server(&old, &server(None, json!(99))), Some(Reset::CheckpointLost));
        // A reset forgets what the server held and where the pull was; the client stays.
        let mut reset = synced.clone();
        reset.reset();
        assert_eq!((reset.client.as_str(), reset.on_server.len(), reset.checkpoint.clone()), ("c1", 0, Value::Null));
        // An older state (no client) still reads.
        let read: SyncState = serde_json::from_str(r#"{"checkpoint":7,"on_server":["e1"]}"#).unwrap();
        assert_eq!((read.client.as_str(), read.checkpoint.clone()), ("", json!(7)));
        assert_eq!(checkpoint_doc_id("c1"), "_local/minsheng-sync-c1");
        assert_eq!(checkpoint_doc(&json!(40), Some("0-3")), json!({"seq": 40, "_rev": "0-3"}));
        assert_eq!(read_checkpoint_doc(r#"{"_id":"_local/minsheng-sync-c1","_rev":"0-3","seq":"40-g1"}"#), Some((json!("40-g1"), Some("0-3".to_string()))));
        assert_eq!(read_checkpoint_doc(r#"{"error":"not_found"}"#), None);
        assert_eq!(read_db_info(r#"{"db_name":"m","doc_count":3,"update_seq":"12-g1"}"#), Ok(json!("12-g1")));
        assert!(read_db_info("<html>").is_err());
        assert_eq!(seq_number(&json!(12)), Some(12));
        assert_eq!(seq_number(&json!("12-g1AAAA")), Some(12));
        assert_eq!(seq_number(&json!(null)), None);
    }

    #[test]
    fn each_account_offers_its_own_records_and_the_server_is_asked_which_it_lacks() {
        let plan = plan();
        let lead = plan.projects[0].lead_unit.to_string();
        let mut ledger = Ledger::default();
        ledger.entries.insert("e1".into(), entry(&plan, "e1", &lead));
        ledger.entries.insert("e2".into(), entry(&plan, "e2", &lead));
        ledger.entries.insert("x1".into(), entry(&plan, "x1", "市财政局"));
        ledger.decisions.insert("d1".into(), Decision { id: "d1".into(), entry: "e1".into(), accept: true, unit: "督查室".into(), person: String::new(), recorded_at: "2024-04-02T08:00:00.000Z".into() });
        let unit = read_session(&format!(r#"{{"ok":true,"userCtx":{{"name":"{lead}","roles":["unit:{lead}"]}}}}"#)).unwrap();
        assert_eq!(unit, Account { units: vec![lead.clone()], office: false });
        let office = read_session(r#"{"ok":true,"userCtx":{"name":"督查室","roles":["office"]}}"#).unwrap();
        assert!(office.office);
        assert!(read_session(r#"{"ok":true,"userCtx":{"name":null,"roles":[]}}"#).is_err());
        let none = BTreeSet::new();
        assert_eq!(to_offer(&ledger, &unit, &none), vec!["e1", "e2"]);
        assert_eq!(to_offer(&ledger, &office, &none), vec!["e1", "e2", "x1", "d1"]);
        assert_eq!(to_offer(&ledger, &office, &["e1".to_string(), "d1".to_string()].into()), vec!["e2", "x1"]);
        assert_eq!(ask_body(&["e1".into(), "e2".into()]), r#"{"keys":["e1","e2"]}"#);
        // The server holds e1; e2 is missing, x1 was deleted.
        let answer = r#"{"total_rows":2,"rows":[{"id":"e1","key":"e1","value":{"rev":"1-a"}},{"key":"e2","error":"not_found"},{"id":"x1","key":"x1","value":{"rev":"2-b","deleted":true}}]}"#;
        assert_eq!(read_present(answer), Ok(vec!["e1".to_string()]));
        assert!(read_present("[]").is_err());
        // The documents of what it lacks, entries and decisions alike, in the order asked.
        let docs = docs_for(&plan.id, &ledger, &["d1".into(), "e2".into(), "gone".into()]);
        assert_eq!(docs.iter().map(|d| d["_id"].as_str().unwrap()).collect::<Vec<_>>(), vec!["d1", "e2"]);
        assert_eq!(docs[0]["type"], DECISION);
    }
}
