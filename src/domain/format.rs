//! Plan files: the JSON the app fetches from `data/` and that hosts publish.
//!
//! A file is self-describing (`format`, `version`) and read in layers: size → JSON → format and
//! version → shape (field types) → consistency. Each layer's failure is a [`FileError`] that names
//! what is wrong; a newer version is refused rather than half-read.
//!
//! Invariant: bytes and text in, model or `FileError` out; no network, storage or browser.

use super::hash::{fnv1a64, FnvSet};
use super::plan::{Plan, Project, Requirement, Shared};
use serde::{Deserialize, Serialize};

pub const PLAN_FORMAT: &str = "minsheng-plan";
pub const PLAN_VERSION: u64 = 1;
pub const INDEX_FORMAT: &str = "minsheng-plan-index";
/// Files a user opens larger than this are refused before parsing, so a wrong file cannot freeze
/// the tab.
pub const MAX_FILE_BYTES: usize = 40 * 1024 * 1024;
/// Published plan files (from the host's data/) may be larger: a province-wide list.
pub const MAX_PUBLISHED_BYTES: usize = 96 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    TooLarge { bytes: usize, limit: usize },
    NotJson { detail: String },
    WrongFormat { expected: &'static str, found: Option<String> },
    NewerVersion { found: u64, supported: u64 },
    BadVersion,
    Shape { detail: String },
    Inconsistent { detail: String },
    /// The browser or the system could not read the file at all.
    Unreadable,
}

/// Why a published file could not be loaded: the network, the server's answer, or the file itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    Network { url: String },
    Status { url: String, status: u16 },
    File { url: String, error: FileError },
}

#[derive(Serialize)]
struct PlanFileOut<'a> {
    format: &'static str,
    version: u64,
    #[serde(flatten)]
    plan: &'a Plan,
}

/// The plan file, indented (for files kept in version control).
pub fn write_plan_file(plan: &Plan) -> String {
    let file = PlanFileOut { format: PLAN_FORMAT, version: PLAN_VERSION, plan };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// The plan file without indentation, a project a line (for large published lists): the same JSON,
/// laid out so that `PlanPieces` can read it a piece at a time.
pub fn write_plan_file_compact(plan: &Plan) -> String {
    let head = Plan { id: plan.id.clone(), year: plan.year, title: plan.title.clone(), categories: plan.categories.clone(), projects: Vec::new() };
    let file = PlanFileOut { format: PLAN_FORMAT, version: PLAN_VERSION, plan: &head };
    let mut out = serde_json::to_string(&file).unwrap_or_default();
    // `projects` is the plan's last field: its empty array closes the text.
    let Some(open) = out.strip_suffix("[]}").map(str::len) else { return out };
    out.truncate(open);
    out.push('[');
    for (i, project) in plan.projects.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&serde_json::to_string(project).unwrap_or_default());
    }
    out.push_str("\n]}");
    out
}

/// Reads a plan file handed over in pieces (any sizes, in order), holding only the line not yet
/// complete: a file laid out a project a line, as `write_plan_file_compact` writes it, is read without
/// its whole text ever being in memory (the page copies a 10,000-project list in 1 MB pieces instead of
/// 17 MB at once). Anything else — another layout, a line that does not read — makes `finish` answer
/// `None`, and the caller reads the whole file with `read_plan_bytes`, whose messages users see.
#[derive(Default)]
pub struct PlanPieces {
    line: Vec<u8>,
    file: Option<PlanFileIn>,
    /// A project line was read, and whether it ended with a comma.
    last: Option<bool>,
    closed: bool,
    failed: bool,
    bytes: usize,
    /// The shared texts of the projects read so far (`Project::share_texts`).
    seen: FnvSet<Shared>,
}

impl PlanPieces {
    pub fn new() -> PlanPieces {
        PlanPieces::default()
    }

    /// Whether more pieces can still change the answer (false once the layout is known not to fit).
    pub fn wants_more(&self) -> bool {
        !self.failed
    }

    pub fn feed(&mut self, mut piece: &[u8]) {
        self.bytes += piece.len();
        while !self.failed {
            let Some(end) = piece.iter().position(|&b| b == b'\n') else {
                self.line.extend_from_slice(piece);
                return;
            };
            if self.line.is_empty() {
                self.take_line(&piece[..end]);
            } else {
                self.line.extend_from_slice(&piece[..end]);
                let line = std::mem::take(&mut self.line);
                self.take_line(&line);
            }
            piece = &piece[end + 1..];
        }
    }

    fn take_line(&mut self, line: &[u8]) {
        let line = line.trim_ascii();
        let Some(file) = &mut self.file else {
            // The first line: the plan's own fields, up to the opening of `projects`.
            let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            let head = line.strip_suffix(b"\"projects\":[").map(|h| [h, b"\"projects\":[]}".as_slice()].concat());
            match head.and_then(|h| serde_json::from_slice::<PlanFileIn>(&h).ok()) {
                Some(file) => self.file = Some(file),
                None => self.failed = true,
            }
            return;
        };
        if self.closed {
            self.failed |= !line.is_empty();
        } else if line == b"]}" {
            // `[…,]` is no JSON: the last project line has no comma.
            self.failed |= self.last == Some(true);
            self.closed = true;
        } else if self.last == Some(false) {
            // Two projects without a comma between them.
            self.failed = true;
        } else {
            let (body, comma) = match line.strip_suffix(b",") {
                Some(body) => (body, true),
                None => (line, false),
            };
            match serde_json::from_slice(body) {
                Ok(mut project) => {
                    // Each project made compact as it is read: its spare room is reused by the next.
                    Project::shrink_to_fit(&mut project);
                    project.share_texts(&mut self.seen);
                    file.projects.push(project);
                    self.last = Some(comma);
                }
                Err(_) => self.failed = true,
            }
        }
    }

    /// The plan, checked as `read_plan_bytes` checks it; `None` when the file must be read whole.
    pub fn finish(mut self) -> Option<Result<Plan, FileError>> {
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.take_line(&line);
        }
        if self.failed || !self.closed {
            return None;
        }
        if self.bytes > MAX_PUBLISHED_BYTES {
            return Some(Err(FileError::TooLarge { bytes: self.bytes, limit: MAX_PUBLISHED_BYTES }));
        }
        let file = self.file?;
        Some(check_envelope(PLAN_FORMAT, PLAN_VERSION, file.format, file.version.0).and_then(|()| {
            let mut plan = Plan { id: file.id, year: file.year, title: file.title, categories: file.categories, projects: file.projects };
            plan.projects.shrink_to_fit();
            check_plan(&plan).map(|()| plan)
        }))
    }
}

/// Parses JSON text into a value after checking its size, and checks `format` and `version`.
pub fn read_envelope(text: &str, expected: &'static str, supported: u64) -> Result<serde_json::Value, FileError> {
    read_envelope_limited(text, expected, supported, MAX_FILE_BYTES)
}

fn read_envelope_limited(text: &str, expected: &'static str, supported: u64, limit: usize) -> Result<serde_json::Value, FileError> {
    if text.len() > limit {
        return Err(FileError::TooLarge { bytes: text.len(), limit });
    }
    let value: serde_json::Value =
        serde_json::from_str(text.trim_start_matches('\u{FEFF}')).map_err(|e| FileError::NotJson { detail: e.to_string() })?;
    let format = value.get("format").and_then(|f| f.as_str()).map(str::to_string);
    check_envelope(expected, supported, format, value.get("version").and_then(|v| v.as_u64()))?;
    Ok(value)
}

/// Only the self-description of a file; the rest is skipped without building a tree.
#[derive(Deserialize)]
struct Envelope {
    format: Option<String>,
    #[serde(default)]
    version: Version,
}

/// A file's `version`: the number when it is a whole number, `None` when it is anything else (which
/// `check_envelope` refuses). Read in place, as the rest of the file is: no JSON tree is built.
#[derive(Default)]
struct Version(Option<u64>);

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct AnyValue;
        impl<'de> Visitor<'de> for AnyValue {
            type Value = Version;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a version number")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Version, E> {
                Ok(Version(Some(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Version, E> {
                Ok(Version(u64::try_from(v).ok()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_unit<E>(self) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<Version, A::Error> {
                IgnoredAny.visit_seq(a).map(|_| Version(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<Version, A::Error> {
                IgnoredAny.visit_map(a).map(|_| Version(None))
            }
        }
        d.deserialize_any(AnyValue)
    }
}

/// A plan file read straight into the model in one pass (no intermediate JSON tree: a province-wide
/// list is tens of megabytes).
#[derive(Deserialize)]
struct PlanFileIn {
    format: Option<String>,
    #[serde(default)]
    version: Version,
    id: String,
    year: i32,
    title: String,
    categories: Vec<super::plan::Category>,
    projects: Vec<super::plan::Project>,
}

/// Whether a file that says it is `format`, version `version`, is an `expected` file this app reads.
fn check_envelope(expected: &'static str, supported: u64, format: Option<String>, version: Option<u64>) -> Result<(), FileError> {
    if format.as_deref() != Some(expected) {
        return Err(FileError::WrongFormat { expected, found: format });
    }
    match version {
        Some(v) if v > supported => Err(FileError::NewerVersion { found: v, supported }),
        Some(v) if v >= 1 => Ok(()),
        _ => Err(FileError::BadVersion),
    }
}

/// Reads `bytes` (at most `limit` of them) as a `T` in one pass, then checks what it says it is
/// (`envelope`); when they are not a `T`, says why from the file's own `format` and `version` before
/// naming what does not fit.
fn read_described<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    limit: usize,
    expected: &'static str,
    supported: u64,
    envelope: impl FnOnce(&T) -> (Option<String>, Option<u64>),
) -> Result<T, FileError> {
    if bytes.len() > limit {
        return Err(FileError::TooLarge { bytes: bytes.len(), limit });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match serde_json::from_slice::<T>(bytes) {
        Ok(file) => {
            let (format, version) = envelope(&file);
            check_envelope(expected, supported, format, version)?;
            Ok(file)
        }
        Err(shape) => {
            let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| {
                if e.is_syntax() || e.is_eof() {
                    FileError::NotJson { detail: e.to_string() }
                } else {
                    FileError::WrongFormat { expected, found: None }
                }
            })?;
            check_envelope(expected, supported, envelope.format, envelope.version.0)?;
            Err(FileError::Shape { detail: shape.to_string() })
        }
    }
}

pub fn read_plan_file(text: &str) -> Result<Plan, FileError> {
    read_plan_bytes(text.as_bytes())
}

/// Reads a plan file from its bytes (as fetched: no detour through a JavaScript string).
pub fn read_plan_bytes(bytes: &[u8]) -> Result<Plan, FileError> {
    let file: PlanFileIn = read_described(bytes, MAX_PUBLISHED_BYTES, PLAN_FORMAT, PLAN_VERSION, |f: &PlanFileIn| (f.format.clone(), f.version.0))?;
    let mut plan = Plan { id: file.id, year: file.year, title: file.title, categories: file.categories, projects: file.projects };
    plan.shrink_to_fit();
    plan.share_texts();
    check_plan(&plan)?;
    Ok(plan)
}

/// What serde cannot check: references and uniqueness.
pub(crate) fn check_plan(plan: &Plan) -> Result<(), FileError> {
    let bad = |detail: String| Err(FileError::Inconsistent { detail });
    let mut ids = std::collections::HashSet::new();
    for p in &plan.projects {
        if !ids.insert(p.id.as_str()) {
            return bad(format!("project id {} appears twice", p.id));
        }
        if plan.category(p.category_no).is_none() {
            return bad(format!("project {} names category {} which the file does not list", p.id, p.category_no));
        }
        for m in &p.milestones {
            if let Some(i) = &m.indicator {
                if p.indicator(i).is_none() {
                    return bad(format!("milestone {} of project {} names unknown indicator {i}", m.id, p.id));
                }
            }
        }
        for i in &p.indicators {
            if !i.scale.is_finite() || i.scale <= 0.0 || i.target.is_some_and(|t| !t.is_finite() || t < 0.0) {
                return bad(format!("indicator {} of project {} has an invalid target or scale", i.id, p.id));
            }
        }
    }
    Ok(())
}

/// A fingerprint of what progress entries refer to (ids, indicators, milestones, targets), so a
/// progress file can tell whether it was made against this version of the plan.
///
/// The key is spelt from named fields, in the words version 1 first wrote ("AtLeast { value: 100.0 }"),
/// so renaming a type or a variant in the code cannot change the fingerprint of a saved file; a golden
/// test pins the value for the 2024 list.
pub fn fingerprint(plan: &Plan) -> String {
    use std::fmt::Write;
    let mut key = String::new();
    for p in &plan.projects {
        key.push_str(&p.id);
        for i in &p.indicators {
            let target = match i.target {
                Some(t) => format!("Some({})", number_key(t)),
                None => "None".to_string(),
            };
            let _ = write!(key, "|{}:{target}:{}", i.id, i.unit);
        }
        for m in &p.milestones {
            let _ = write!(key, "|{}:{}:{}", m.id, m.due, requirement_key(&m.requirement));
        }
        key.push('\n');
    }
    format!("{:016x}", fnv1a64(key.as_bytes()))
}

/// A number as the fingerprint key writes it: shortest round-trip digits, ".0" when whole.
fn number_key(v: f64) -> String {
    let s = format!("{v}");
    if v.is_finite() && !s.contains(['.', 'e', 'E']) {
        format!("{s}.0")
    } else {
        s
    }
}

fn requirement_key(r: &Requirement) -> String {
    match r {
        Requirement::AtLeast { value } => format!("AtLeast {{ value: {} }}", number_key(*value)),
        Requirement::Share { percent } => format!("Share {{ percent: {} }}", number_key(*percent)),
        Requirement::RateValue { percent } => format!("RateValue {{ percent: {} }}", number_key(*percent)),
        Requirement::Complete => "Complete".to_string(),
        Requirement::Step => "Step".to_string(),
    }
}

/// `data/index.json`: the plans a host publishes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanIndex {
    pub format: String,
    pub version: u64,
    pub default: String,
    pub plans: Vec<PlanIndexEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanIndexEntry {
    pub id: String,
    pub year: i32,
    pub title: String,
    /// Path relative to `data/`.
    pub file: String,
    /// The same plan packed (`domain::packed`), relative to `data/`: read in its place when present,
    /// and `file` when it cannot be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packed: Option<String>,
    /// The CouchDB database the host runs for live sync of this list (e.g. "/db/minsheng-2024"):
    /// the 同步 view offers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync: Option<String>,
}

pub fn read_index(text: &str) -> Result<PlanIndex, FileError> {
    let index: PlanIndex = read_described(text.as_bytes(), MAX_FILE_BYTES, INDEX_FORMAT, 1, |i: &PlanIndex| (Some(i.format.clone()), Some(i.version)))?;
    if index.plans.is_empty() {
        return Err(FileError::Inconsistent { detail: "the index lists no plan".into() });
    }
    let outside = |f: &str| f.contains("..") || f.contains("://") || f.starts_with('/');
    if let Some(bad) = index.plans.iter().flat_map(|p| std::iter::once(&p.file).chain(&p.packed)).find(|f| outside(f)) {
        return Err(FileError::Inconsistent { detail: format!("plan file path {bad:?} must be relative to data/") });
    }
    Ok(index)
}

impl PlanIndex {
    pub fn default_entry(&self) -> Option<&PlanIndexEntry> {
        self.plans.iter().find(|p| p.id == self.default).or(self.plans.first())
    }
}
