//! 公开版: the list's progress published for citizens as a static site. What is public is decided here,
//! once, as data ([`Published`]): a project's category, name, targets, 预计完成时间 and plan, the
//! published leaders and units, its light with the reasons and completion, the reported figures, the
//! latest report's 本月进展 (an option) and the extensions granted (原计划 / 调整后). Nothing else of the
//! ledger is read: no 存在问题, 需协调事项, 下步打算, 督办单, 退回意见 or 延期理由, no person who
//! recorded anything, no notes, no columns a list kept verbatim, no warnings. When the office reviews
//! (some report has a review), only the figures and texts it passed count.
//!
//! The pages are written from [`Published`] alone (`pages.rs`), the codes by `qr.rs`; `site` gives
//! every file of the site, `zip` the download.
//!
//! Invariant: plain data in, files out; nothing of the DOM, of workers or of the file system.

pub mod pages;
pub mod qr;

use super::date::Date;
use super::flow::{adjusted_plan, Flow};
use super::ledger::{month_of, Ledger, LedgerView, Reported, Subject};
use super::plan::{Plan, Project};
use super::status::{evaluate_all, Light, MilestoneState, Reason, Settings};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A site's address on its host, checked: `http(s)://host/path/`, always ending in `/`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseUrl(String);

/// Why an address cannot be the site's base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlError {
    Empty,
    /// Not `http://` or `https://`.
    NotHttp,
    /// No host, spaces, quotes, angle brackets, a query or a fragment.
    Malformed,
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, UrlError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(UrlError::Empty);
        }
        if text.len() > 1_000 {
            return Err(UrlError::Malformed);
        }
        let lower = text.to_ascii_lowercase();
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).ok_or(UrlError::NotHttp)?;
        let host = rest.split('/').next().unwrap_or("");
        let bad = |c: char| c.is_whitespace() || c.is_control() || "\"'<>`\\?#{}|^".contains(c);
        if host.is_empty() || host.starts_with([':', '.']) || text.chars().any(bad) {
            return Err(UrlError::Malformed);
        }
        let scheme = text.len() - rest.len();
        let mut url = format!("{}{}", &lower[..scheme], &text[scheme..]);
        if !url.ends_with('/') {
            url.push('/');
        }
        Ok(BaseUrl(url))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the office chose in 发布公开版.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Options {
    pub date: Date,
    pub title: String,
    pub base_url: BaseUrl,
    /// Publish the latest report's 本月进展.
    pub progress_text: bool,
}

/// One quantitative target and the figure reported for it at the report date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublicTarget {
    pub name: String,
    pub target: Option<f64>,
    pub unit: String,
    pub reported: Option<f64>,
}

/// Where a milestone stands, as citizens are told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Done,
    NotDone,
    /// Due, nothing published about it.
    NoNews,
    Ahead,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublicMilestone {
    /// The date in force (moved by an approved extension).
    pub due: Date,
    pub text: String,
    pub stage: Option<Stage>,
}

/// A light as published: its reasons; completion 0..=1, `None` while nothing of the project is published.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublicStatus {
    pub light: Light,
    pub overdue: bool,
    pub reasons: Vec<Reason>,
    pub completion: Option<f64>,
}

/// An extension granted: the milestone's text (`None`: 预计完成时间), the published and the new date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublicMove {
    pub milestone: Option<String>,
    pub baseline: Date,
    pub adjusted: Date,
}

/// The latest report's 本月进展 at the report date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublicReport {
    pub as_of: Date,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublicProject {
    pub id: String,
    /// The stem of its page's and code's file names (the id when it is safe in a path).
    pub file: String,
    pub seq: u32,
    pub category_no: u32,
    pub name: String,
    pub city_leader: String,
    pub lead_unit: String,
    pub lead_unit_leader: String,
    pub co_units: String,
    pub due_text: String,
    /// 预计完成时间 in force, and as published when an extension moved it.
    pub due: Option<Date>,
    pub due_baseline: Option<Date>,
    pub plan_text: String,
    pub targets: Vec<PublicTarget>,
    pub milestones: Vec<PublicMilestone>,
    /// `None` when nothing is published of the project's progress yet.
    pub status: Option<PublicStatus>,
    pub report: Option<PublicReport>,
    pub moves: Vec<PublicMove>,
}

/// Everything the site shows: the whole of what is public.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Published {
    pub title: String,
    pub plan_title: String,
    pub year: i32,
    pub report_date: Date,
    /// Who publishes (the office's name): 数据来源.
    pub office: String,
    /// The office reviews: only what it passed is published.
    pub reviewed: bool,
    /// Some progress is published; without it the site is the plan alone (暂无已审核的进展).
    pub progress: bool,
    pub base_url: BaseUrl,
    pub categories: Vec<(u32, String)>,
    pub projects: Vec<PublicProject>,
}

/// A file name stem for a project: its id when made of ASCII letters, digits, `-` and `_`, otherwise
/// its sequence number and a hash of the id.
pub fn file_stem(id: &str, seq: u32) -> String {
    let safe = !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if safe {
        id.to_string()
    } else {
        format!("p{seq}-{}", super::hash::short_hash(id, 8))
    }
}

/// The report date 发布公开版 offers: the latest month-end up to `today` with a passed report; without
/// reviews, the latest month-end up to `today` in the plan's year.
pub fn default_date(flow: &Flow, year: i32, today: Date) -> Date {
    let until = today.clamp_to_year(year);
    if let Some(m) = flow.latest_passed(until) {
        return m.end();
    }
    let m = month_of(until);
    if until.is_month_end() {
        until
    } else if m.month > 1 {
        m.previous().end()
    } else {
        until
    }
}

fn stage(state: MilestoneState) -> Stage {
    match state {
        MilestoneState::Met => Stage::Done,
        MilestoneState::Missed { .. } => Stage::NotDone,
        MilestoneState::NotReported => Stage::NoNews,
        MilestoneState::DueSoon | MilestoneState::Future => Stage::Ahead,
    }
}

/// The public reading of the list and its ledger at `options.date`, judged by the office's rules
/// (`office`: whose reviews and rulings are in force).
pub fn publish(baseline: &Plan, ledger: &Ledger, office: &str, settings: &Settings, options: &Options) -> Published {
    let flow = Flow::new(baseline, ledger, office);
    let reviewed = flow.reviewing();
    let mut view = if reviewed {
        LedgerView::counting(baseline, ledger, &|e| flow.reviewed(&e.project, month_of(e.as_of), &e.recorded_at))
    } else {
        LedgerView::new(baseline, ledger)
    };
    view.accepted = flow.accepted();
    let adjusted = adjusted_plan(baseline, &flow.approved());
    let plan = adjusted.as_ref().unwrap_or(baseline);
    let settings = Settings { against_baseline: false, reviewed_only: reviewed, ..*settings };
    let date = options.date;
    let statuses = evaluate_all(plan, &view, date, &settings);
    let progress = plan.projects.iter().any(|p| view.reported_by(&p.id, date) || flow.closed_on(&p.id).is_some_and(|d| d <= date));
    let projects = plan
        .projects
        .iter()
        .zip(&baseline.projects)
        .zip(&statuses)
        .map(|((p, base), s)| {
            let has = progress && (view.reported_by(&p.id, date) || matches!(s.reasons.first(), Some(Reason::Closed { .. })));
            let stages: Vec<Option<Stage>> = p
                .milestones
                .iter()
                .enumerate()
                .map(|(i, _)| if has { s.checks.iter().find(|c| c.milestone == i).map(|c| stage(c.state)) } else { None })
                .collect();
            PublicProject {
                id: p.id.clone(),
                file: file_stem(&p.id, p.seq),
                seq: p.seq,
                category_no: p.category_no,
                name: p.name.clone(),
                city_leader: p.city_leader.to_string(),
                lead_unit: p.lead_unit.to_string(),
                lead_unit_leader: p.lead_unit_leader.to_string(),
                co_units: p.co_units_text.to_string(),
                due_text: base.due_text.to_string(),
                due: p.due,
                due_baseline: (base.due != p.due).then_some(base.due).flatten(),
                plan_text: p.plan_text.clone(),
                targets: targets(p, &view, date, has),
                milestones: p.milestones.iter().zip(stages).map(|(m, stage)| PublicMilestone { due: m.due, text: m.text.to_string(), stage }).collect(),
                status: progress.then(|| PublicStatus {
                    light: s.light,
                    overdue: s.overdue,
                    reasons: s.reasons.clone(),
                    completion: has.then_some(s.completion),
                }),
                report: if options.progress_text && progress { latest_report(p, &view, date) } else { None },
                moves: moves(base, p),
            }
        })
        .collect();
    Published {
        title: options.title.trim().to_string(),
        plan_title: baseline.title.clone(),
        year: baseline.year,
        report_date: date,
        office: office.to_string(),
        reviewed,
        progress,
        base_url: options.base_url.clone(),
        categories: baseline.categories.iter().map(|c| (c.no, c.name.clone())).collect(),
        projects,
    }
}

fn targets(p: &Project, view: &LedgerView, date: Date, has: bool) -> Vec<PublicTarget> {
    p.indicators
        .iter()
        .filter(|x| x.is_quantitative())
        .map(|x| PublicTarget {
            name: x.name.clone(),
            target: x.target,
            unit: x.unit.to_string(),
            reported: if has { view.value_at(&p.id, &x.id, date) } else { None },
        })
        .collect()
}

fn latest_report(p: &Project, view: &LedgerView, date: Date) -> Option<PublicReport> {
    let e = view.latest(&p.id, &Subject::Report, date)?;
    match &e.reported {
        Reported::Texts(t) if !t.progress.trim().is_empty() => Some(PublicReport { as_of: e.as_of, text: t.progress.trim().to_string() }),
        _ => None,
    }
}

/// The dates an approved extension moved: 预计完成时间 and each milestone, baseline against adjusted.
fn moves(base: &Project, p: &Project) -> Vec<PublicMove> {
    let mut out = Vec::new();
    if let (Some(b), Some(a)) = (base.due, p.due) {
        if a != b {
            out.push(PublicMove { milestone: None, baseline: b, adjusted: a });
        }
    }
    for (b, a) in base.milestones.iter().zip(&p.milestones) {
        if a.due != b.due {
            out.push(PublicMove { milestone: Some(b.text.to_string()), baseline: b.due, adjusted: a.due });
        }
    }
    out
}

/// The site's files, each a path relative to the site's root and its bytes: both languages' pages, the
/// style sheet, the open data and the codes.
pub fn site(published: &Published) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    files.push(("style.css".to_string(), pages::STYLE.as_bytes().to_vec()));
    for lang in Lang::ALL {
        for (path, text) in pages::pages(published, lang) {
            files.push((path, text.into_bytes()));
        }
    }
    for p in &published.projects {
        files.push((format!("qr/{}.svg", p.file), qr::svg(&pages::project_url(published, p)).into_bytes()));
    }
    files
}

/// The zip's one folder: `minsheng-public-YEAR-DATE`.
pub fn folder(published: &Published) -> String {
    format!("minsheng-public-{}-{}", published.year, published.report_date)
}

/// What 发布公开版 previews before the download: how much is published, how the lights stand, and the
/// first rows as the index shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub date: Date,
    pub projects: usize,
    pub files: usize,
    pub bytes: usize,
    pub progress: bool,
    pub reviewed: bool,
    pub with_text: usize,
    pub moved: usize,
    /// (light code, its label in the public's words, projects), in the order of `Light::ALL`, lights with
    /// none left out.
    pub lights: Vec<(String, String, usize)>,
    /// The first projects as the index lists them.
    pub sample: Vec<SampleRow>,
    pub folder: String,
}

pub const SAMPLE_ROWS: usize = 8;

/// A project in the preview as the index shows it: its name, its light code and label in the public's
/// words, and its completion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SampleRow {
    pub name: String,
    pub light: Option<String>,
    pub status: Option<String>,
    pub completion: Option<f64>,
}

impl Summary {
    pub fn of(published: &Published, site: &[(String, Vec<u8>)], lang: Lang) -> Summary {
        let w = lang.site();
        let lights = Light::ALL
            .iter()
            .map(|l| (l.code().to_string(), pages::light_label(*l, false, w).to_string(), published.projects.iter().filter(|p| p.status.as_ref().is_some_and(|s| s.light == *l)).count()))
            .filter(|(_, _, n)| *n > 0)
            .collect();
        Summary {
            date: published.report_date,
            projects: published.projects.len(),
            files: site.len(),
            bytes: site.iter().map(|(_, b)| b.len()).sum(),
            progress: published.progress,
            reviewed: published.reviewed,
            with_text: published.projects.iter().filter(|p| p.report.is_some()).count(),
            moved: published.projects.iter().filter(|p| !p.moves.is_empty()).count(),
            lights,
            sample: published
                .projects
                .iter()
                .take(SAMPLE_ROWS)
                .map(|p| SampleRow {
                    name: p.name.clone(),
                    light: p.status.as_ref().map(|s| s.light.code().to_string()),
                    status: p.status.as_ref().map(|s| pages::light_label(s.light, s.overdue, w).to_string()),
                    completion: p.status.as_ref().and_then(|s| s.completion),
                })
                .collect(),
            folder: folder(published),
        }
    }
}

/// The site as one zip (deflated), every file under `prefix/`.
pub fn zip(files: &[(String, Vec<u8>)], prefix: &str) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (path, bytes) in files {
        out.start_file(format!("{prefix}/{path}"), options).map_err(|e| e.to_string())?;
        out.write_all(bytes).map_err(|e| e.to_string())?;
    }
    out.finish().map(|c| c.into_inner()).map_err(|e| e.to_string())
}

