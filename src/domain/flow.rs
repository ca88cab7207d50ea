//! The review loop (督查督办闭环): the office reviews each month's report of a project (通过, or 退回
//! with 退回意见), rules on extension requests (批准 / 不予批准) against the list as published, and
//! closes a project on the unit's request (办结销号).
//!
//! The loop's records are `ledger::Act`s, append-only and merged by union like entries. This module
//! reads them against the plan and the office's name: which are in force (made by who may make them,
//! not withdrawn, the first answer to a request), each month's review state, the requests and their
//! answers, the projects closed, and the adjusted plan (the published plan with approved extensions;
//! the published plan is the baseline and never changes). It also holds the rules of the actions
//! (`Ledger::review`, `request_extension`, …): every refusal is typed, checked before anything is added.
//!
//! Invariant: knows the plan and the ledger; nothing of files, storage or the browser.

use super::actions::{Minter, Reporter};
use super::date::Date;
use super::ledger::{month_of, Accepted, Act, ActKind, Ledger, LedgerView, Month, Target};
use super::plan::{Plan, Project};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// The office's name when the list names none: the sync set-up's office account.
pub const DEFAULT_OFFICE: &str = "督查室";
/// The longest a comment, reason or summary may be, in characters.
pub const COMMENT_MAX: usize = 500;

/// Where a report or a request stands, as the unit that sent it sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum State {
    /// 待审核 / 待批复: sent, not answered.
    Pending,
    /// 已通过.
    Passed,
    /// 已退回: returned, not corrected yet.
    Returned,
    /// 已重报: corrected after a return, waiting for review again.
    Resubmitted,
    /// 已批准.
    Approved,
    /// 不予批准.
    Refused,
    /// 已办结.
    Closed,
}

impl State {
    pub fn code(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Passed => "passed",
            State::Returned => "returned",
            State::Resubmitted => "resubmitted",
            State::Approved => "approved",
            State::Refused => "refused",
            State::Closed => "closed",
        }
    }

    /// Waiting for the office.
    pub fn waiting(self) -> bool {
        matches!(self, State::Pending | State::Resubmitted)
    }
}

/// Why a record of the loop is not in force (listed, never dropped).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NotInForce {
    /// A review, ruling or confirmation made by a unit other than the office.
    NotOffice { unit: String },
    /// A request made by a unit that does not lead the project.
    NotLead { unit: String },
    /// The project is not in the list.
    UnknownProject,
    /// A second answer to a request already answered (two browsers answered before they merged): the
    /// first answer made stays in force.
    SecondAnswer { request: String },
    /// A withdrawal of another unit's record, or of a request already answered.
    BadWithdrawal,
}

/// A refusal of an action, at the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlowError {
    NoUnit,
    /// Only the office reviews, rules and confirms.
    OfficeOnly { office: String },
    /// Only the project's 牵头单位 asks to extend or close it.
    NotLead { lead: String },
    UnknownProject,
    UnknownMilestone,
    /// A returned report, a refusal or a return needs its reason (退回意见, 意见, 延期理由, 办结情况说明).
    ReasonRequired,
    TooLong { max: usize },
    /// The new date is not after the date in force.
    NotLater { current: Date },
    /// The new date is past the list's year end (and cross-year dates are not allowed).
    PastYearEnd { year_end: Date },
    /// The project has no report for that month.
    NothingToReview,
    /// The request was answered already.
    AlreadyAnswered,
    UnknownRequest,
    /// A request of the same kind on the same target waits for its answer.
    AlreadyRequested,
    /// The project is closed already.
    AlreadyClosed,
    /// Only its maker takes a record back, and an answered request stays.
    CannotWithdraw,
}

/// A month's report of a project: when its entries were recorded and the reviews of it.
#[derive(Clone, Debug, Default)]
struct MonthReport {
    /// The first and the newest `recorded_at` of the month's entries.
    first: String,
    newest: String,
    /// Reviews in force, oldest first.
    reviews: Vec<Act>,
}

/// An extension or closure request with its answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub act: Act,
    /// The answer in force (the first made), if any.
    pub answer: Option<Act>,
    /// Further answers (made in another browser before the two merged), not in force.
    pub later_answers: Vec<String>,
}

impl Request {
    pub fn state(&self) -> State {
        match self.answer.as_ref().map(|a| &a.kind) {
            None => State::Pending,
            Some(ActKind::Ruling { approve: true, .. }) => State::Approved,
            Some(ActKind::Ruling { .. }) => State::Refused,
            Some(ActKind::Confirmation { close: true, .. }) => State::Closed,
            Some(_) => State::Returned,
        }
    }

    pub fn is_extension(&self) -> bool {
        matches!(self.act.kind, ActKind::Extension { .. })
    }

    /// The answer's comment (意见), empty when none.
    pub fn comment(&self) -> &str {
        match self.answer.as_ref().map(|a| &a.kind) {
            Some(ActKind::Ruling { comment, .. } | ActKind::Confirmation { comment, .. }) => comment,
            _ => "",
        }
    }
}

/// A report waiting for the office: the project (index in the plan), the month and when it came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiting {
    pub project: usize,
    pub month: Month,
    pub state: State,
    /// When it was sent (or resubmitted): the newest entry's `recorded_at`.
    pub since: String,
}

/// One approved change of a date: the baseline and the adjusted date, why, and the ruling.
#[derive(Clone, Debug, PartialEq)]
pub struct Moved {
    pub target: Target,
    /// The date in the published list.
    pub baseline: Date,
    pub adjusted: Date,
    pub reason: String,
    pub request: String,
    pub ruled_at: String,
    pub comment: String,
}

/// The loop's records read against the plan and the office.
#[derive(Clone, Debug, Default)]
pub struct Flow {
    pub office: String,
    /// project id → month → its report.
    months: HashMap<String, BTreeMap<Month, MonthReport>>,
    /// Requests in force, oldest first.
    pub requests: Vec<Request>,
    /// project id → indices in `requests`.
    by_project: HashMap<String, Vec<usize>>,
    /// project id → the day its closure was confirmed.
    closed: HashMap<String, Date>,
    /// project id → its approved date changes, in the order ruled.
    moved: HashMap<String, Vec<Moved>>,
    /// Records not in force, by id, and why.
    pub not_in_force: Vec<(String, NotInForce)>,
    /// How many reports and requests wait for the office (the 审核 tab's count), counted once.
    waiting: usize,
    /// The approved changes and the adjusted plan made of them (`None`: nothing moved), kept from the
    /// previous reading while the approvals stay the same.
    approved: Vec<Approved>,
    pub adjusted: Option<Arc<Plan>>,
}

fn is_office_kind(kind: &ActKind) -> bool {
    matches!(kind, ActKind::Review { .. } | ActKind::Ruling { .. } | ActKind::Confirmation { .. })
}

fn by_time(a: &Act, b: &Act) -> std::cmp::Ordering {
    (&a.recorded_at, &a.id).cmp(&(&b.recorded_at, &b.id))
}

/// The day of an RFC 3339 time in China (UTC+8), as the offices count days.
pub fn day_of(time: &str) -> Option<Date> {
    super::date::Moment::parse_rfc3339(time)?.date_at(8 * 3600)
}

/// An RFC 3339 time as the offices read it ("2024-10-10 18:02", China time); the text itself when it
/// is not one.
pub fn time_text(time: &str) -> String {
    super::date::Moment::parse_rfc3339(time).map(|m| m.china_time_text()).unwrap_or_else(|| time.to_string())
}

impl Flow {
    pub fn new(plan: &Plan, ledger: &Ledger, office: &str) -> Flow {
        let office = if office.trim().is_empty() { DEFAULT_OFFICE } else { office.trim() };
        let projects: HashMap<&str, &Project> = plan.projects.iter().map(|p| (p.id.as_str(), p)).collect();
        let mut flow = Flow { office: office.to_string(), ..Flow::default() };
        for e in ledger.entries.values() {
            let Some(p) = projects.get(e.project.as_str()) else { continue };
            if !p.involves(&e.unit) {
                continue;
            }
            let months = match flow.months.get_mut(e.project.as_str()) {
                Some(m) => m,
                None => flow.months.entry(e.project.clone()).or_default(),
            };
            let r = months.entry(month_of(e.as_of)).or_default();
            if r.first.is_empty() || e.recorded_at < r.first {
                r.first = e.recorded_at.clone();
            }
            if e.recorded_at > r.newest {
                r.newest = e.recorded_at.clone();
            }
        }
        // Which records are withdrawn: by their maker, and (for a request) before any answer.
        let withdrawals: Vec<&Act> = ledger.acts.values().filter(|a| matches!(a.kind, ActKind::Withdrawal { .. })).collect();
        let answered: HashSet<&str> = ledger
            .acts
            .values()
            .filter_map(|a| match &a.kind {
                ActKind::Ruling { request, .. } | ActKind::Confirmation { request, .. } if a.unit == office => Some(request.as_str()),
                _ => None,
            })
            .collect();
        let mut withdrawn = HashSet::new();
        for w in withdrawals {
            let ActKind::Withdrawal { record } = &w.kind else { continue };
            let takes_back = ledger.acts.get(record).is_some_and(|target| {
                let request = matches!(target.kind, ActKind::Extension { .. } | ActKind::Closure { .. });
                target.unit == w.unit && !matches!(target.kind, ActKind::Withdrawal { .. }) && !(request && answered.contains(record.as_str()))
            });
            if takes_back {
                withdrawn.insert(record.as_str());
            } else {
                flow.not_in_force.push((w.id.clone(), NotInForce::BadWithdrawal));
            }
        }
        let mut in_force: Vec<&Act> = Vec::new();
        for a in ledger.acts.values() {
            if matches!(a.kind, ActKind::Withdrawal { .. }) || withdrawn.contains(a.id.as_str()) {
                continue;
            }
            let Some(p) = projects.get(a.project.as_str()) else {
                flow.not_in_force.push((a.id.clone(), NotInForce::UnknownProject));
                continue;
            };
            if is_office_kind(&a.kind) && a.unit != office {
                flow.not_in_force.push((a.id.clone(), NotInForce::NotOffice { unit: a.unit.clone() }));
                continue;
            }
            if !is_office_kind(&a.kind) && a.unit != p.lead_unit {
                flow.not_in_force.push((a.id.clone(), NotInForce::NotLead { unit: a.unit.clone() }));
                continue;
            }
            in_force.push(a);
        }
        super::order::sort_by(&mut in_force, |a, b| by_time(a, b));
        let mut request_index: HashMap<&str, usize> = HashMap::new();
        for a in &in_force {
            match &a.kind {
                ActKind::Review { month, .. } => {
                    let months = flow.months.entry(a.project.clone()).or_default();
                    months.entry(month_of(*month)).or_default().reviews.push((*a).clone());
                }
                ActKind::Extension { .. } | ActKind::Closure { .. } => {
                    request_index.insert(a.id.as_str(), flow.requests.len());
                    flow.by_project.entry(a.project.clone()).or_default().push(flow.requests.len());
                    flow.requests.push(Request { act: (*a).clone(), answer: None, later_answers: Vec::new() });
                }
                _ => {}
            }
        }
        for a in &in_force {
            let (ActKind::Ruling { request, .. } | ActKind::Confirmation { request, .. }) = &a.kind else { continue };
            let Some(&i) = request_index.get(request.as_str()) else { continue };
            let r = &mut flow.requests[i];
            let fits = matches!((&r.act.kind, &a.kind), (ActKind::Extension { .. }, ActKind::Ruling { .. }) | (ActKind::Closure { .. }, ActKind::Confirmation { .. }));
            if !fits || r.act.project != a.project {
                continue;
            }
            if r.answer.is_none() {
                r.answer = Some((*a).clone());
            } else {
                r.later_answers.push(a.id.clone());
                flow.not_in_force.push((a.id.clone(), NotInForce::SecondAnswer { request: request.clone() }));
            }
        }
        // Approved extensions, in the order ruled; confirmed closures.
        let mut approved: Vec<&Request> = flow.requests.iter().filter(|r| r.state() == State::Approved).collect();
        super::order::sort_by(&mut approved, |a, b| by_time(a.answer.as_ref().expect("approved"), b.answer.as_ref().expect("approved")));
        let mut moved: HashMap<String, Vec<Moved>> = HashMap::new();
        for r in approved {
            let ActKind::Extension { target, to, reason, .. } = &r.act.kind else { continue };
            let Some(p) = projects.get(r.act.project.as_str()) else { continue };
            let Some(baseline) = baseline_date(p, target) else { continue };
            let answer = r.answer.as_ref().expect("approved");
            moved.entry(r.act.project.clone()).or_default().push(Moved {
                target: target.clone(),
                baseline,
                adjusted: *to,
                reason: reason.clone(),
                request: r.act.id.clone(),
                ruled_at: answer.recorded_at.clone(),
                comment: match &answer.kind {
                    ActKind::Ruling { comment, .. } => comment.clone(),
                    _ => String::new(),
                },
            });
        }
        flow.moved = moved;
        for r in flow.requests.iter().filter(|r| r.state() == State::Closed) {
            let day = r.answer.as_ref().and_then(|a| day_of(&a.recorded_at)).unwrap_or(Date::new(plan.year, 12, 31).expect("valid"));
            let kept = flow.closed.entry(r.act.project.clone()).or_insert(day);
            *kept = (*kept).min(day);
        }
        super::order::sort_by(&mut flow.not_in_force, Ord::cmp);
        let reports: usize = flow.months.iter().map(|(p, ms)| ms.keys().filter(|m| flow.review_state(p, **m).is_some_and(State::waiting)).count()).sum();
        flow.waiting = reports + flow.open_requests().count();
        flow
    }

    /// The review state of a project's report for a month; `None` when there is no report.
    pub fn review_state(&self, project: &str, month: Month) -> Option<State> {
        let r = self.months.get(project)?.get(&month)?;
        if r.newest.is_empty() {
            return None;
        }
        Some(match r.reviews.last() {
            None => State::Pending,
            Some(Act { kind: ActKind::Review { pass, covers, .. }, .. }) => {
                let changed = r.newest > *covers;
                match (pass, changed) {
                    (true, false) => State::Passed,
                    (true, true) => State::Pending,
                    (false, false) => State::Returned,
                    (false, true) => State::Resubmitted,
                }
            }
            Some(_) => State::Pending,
        })
    }

    /// The review in force of a month's report (the latest), if any.
    pub fn last_review(&self, project: &str, month: Month) -> Option<&Act> {
        self.months.get(project)?.get(&month)?.reviews.last()
    }

    /// The newest `recorded_at` of a month's entries: what a review made now covers.
    pub fn newest_entry(&self, project: &str, month: Month) -> Option<&str> {
        self.months.get(project)?.get(&month).map(|r| r.newest.as_str()).filter(|s| !s.is_empty())
    }

    /// The latest month up to `date` with a report, and its state: what the project's figures at `date`
    /// rest on (未审核 unless passed).
    pub fn latest_review_state(&self, project: &str, date: Date) -> Option<(Month, State)> {
        let months = self.months.get(project)?;
        months.range(..=month_of(date)).rev().find_map(|(m, _)| self.review_state(project, *m).map(|s| (*m, s)))
    }

    /// Whether an entry recorded at `recorded_at` for a month is covered by a passing review (the figures
    /// the office accepted).
    pub fn reviewed(&self, project: &str, month: Month, recorded_at: &str) -> bool {
        self.months.get(project).and_then(|m| m.get(&month)).is_some_and(|r| {
            r.reviews.iter().rev().find_map(|a| match &a.kind {
                ActKind::Review { pass: true, covers, .. } => Some(recorded_at <= covers.as_str()),
                _ => None,
            }) == Some(true)
        })
    }

    /// Whether the office reviews at all: some report has a review in force.
    pub fn reviewing(&self) -> bool {
        self.months.values().any(|ms| ms.values().any(|r| !r.reviews.is_empty()))
    }

    /// The latest month ending on or before `until` in which some report was passed (the default report
    /// date of the 公开版).
    pub fn latest_passed(&self, until: Date) -> Option<Month> {
        let passes = |r: &MonthReport| r.reviews.iter().any(|a| matches!(a.kind, ActKind::Review { pass: true, .. }));
        self.months.values().flat_map(|ms| ms.iter().filter(|(m, r)| m.end() <= until && passes(r)).map(|(m, _)| *m)).max()
    }

    /// Reports waiting for review, oldest first, for the projects of `plan`.
    pub fn waiting(&self, plan: &Plan) -> Vec<Waiting> {
        let mut out = Vec::new();
        for (i, p) in plan.projects.iter().enumerate() {
            let Some(months) = self.months.get(&p.id) else { continue };
            for (m, r) in months {
                if let Some(state) = self.review_state(&p.id, *m).filter(|s| s.waiting()) {
                    out.push(Waiting { project: i, month: *m, state, since: r.newest.clone() });
                }
            }
        }
        super::order::sort_by(&mut out, |a, b| (&a.since, a.project, a.month).cmp(&(&b.since, b.project, b.month)));
        out
    }

    /// The requests of a project, oldest first.
    pub fn requests_of(&self, project: &str) -> impl Iterator<Item = &Request> + '_ {
        self.by_project.get(project).into_iter().flatten().map(|&i| &self.requests[i])
    }

    /// Requests waiting for the office, oldest first.
    pub fn open_requests(&self) -> impl Iterator<Item = &Request> + '_ {
        self.requests.iter().filter(|r| r.answer.is_none())
    }

    pub fn request(&self, id: &str) -> Option<&Request> {
        self.requests.iter().find(|r| r.act.id == id)
    }

    /// The day a project was closed (销号), if it was.
    pub fn closed_on(&self, project: &str) -> Option<Date> {
        self.closed.get(project).copied()
    }

    pub fn closed_count(&self) -> usize {
        self.closed.len()
    }

    /// The project's approved date changes, in the order ruled.
    pub fn moved(&self, project: &str) -> &[Moved] {
        self.moved.get(project).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether any extension was approved (the adjusted plan differs from the published one).
    pub fn any_moved(&self) -> bool {
        !self.moved.is_empty()
    }

    /// Every approved change, as (project, target, new date): what the adjusted plan is made from.
    pub fn approved(&self) -> Vec<(String, Target, Date)> {
        let mut out: Vec<(String, Target, Date)> =
            self.moved.iter().flat_map(|(p, ms)| ms.iter().map(move |m| (p.clone(), m.target.clone(), m.adjusted))).collect();
        super::order::sort_by(&mut out, Ord::cmp);
        out
    }

    /// How many reports and requests wait for the office.
    pub fn waiting_count(&self) -> usize {
        self.waiting
    }
}

/// The ledger read against the plan with the review loop: the flow, and the ledger view whose status
/// marks (closed, unreviewed, moved) it sets; with `reviewed_only`, only figures the office passed count.
pub fn judge(plan: &Plan, ledger: &Ledger, office: &str, reviewed_only: bool) -> (Flow, LedgerView) {
    let flow = Flow::new(plan, ledger, office);
    let mut view = if reviewed_only {
        LedgerView::counting(plan, ledger, &|e| flow.reviewed(&e.project, month_of(e.as_of), &e.recorded_at))
    } else {
        LedgerView::new(plan, ledger)
    };
    view.accepted = flow.accepted();
    (flow, view)
}

/// `judge` as the page keeps it: the flow inside the view (`flow_of`), with the adjusted plan made
/// from `plan` (the previous view's kept while the approvals are the same: the plan's identity then
/// stays, and nothing keyed on it is made again).
pub fn judge_view(plan: &Arc<Plan>, ledger: &Ledger, office: &str, reviewed_only: bool, previous: Option<&LedgerView>) -> LedgerView {
    let (mut flow, mut view) = judge(plan, ledger, office, reviewed_only);
    flow.approved = flow.approved();
    let kept = previous.and_then(flow_of).filter(|p| p.approved == flow.approved).map(|p| p.adjusted.clone());
    flow.adjusted = match kept {
        Some(adjusted) => adjusted,
        None => adjusted_plan(plan, &flow.approved).map(Arc::new),
    };
    view.review_loop = Some(Arc::new(flow));
    view
}

/// The loop's reading a view carries (`judge_view`), if it carries one.
pub fn flow_of(view: &LedgerView) -> Option<&Flow> {
    view.review_loop.as_ref()?.downcast_ref::<Flow>()
}

impl Flow {
    /// What the status rules need of the loop. Reports are marked 未审核 only once the office reviews
    /// (some report of the list has a review): a list whose office does not use the loop is not marked
    /// throughout.
    pub fn accepted(&self) -> Accepted {
        let reviewing = self.reviewing();
        let mut passed: Vec<(String, Month, bool)> = Vec::new();
        if reviewing {
            for (p, ms) in &self.months {
                passed.extend(ms.keys().filter_map(|m| self.review_state(p, *m).map(|s| (p.clone(), *m, s == State::Passed))));
            }
        }
        super::order::sort_by(&mut passed, |a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        let mut closed: Vec<(String, Date)> = self.closed.iter().map(|(p, d)| (p.clone(), *d)).collect();
        super::order::sort_by(&mut closed, |a, b| a.0.cmp(&b.0));
        let mut moved: Vec<String> = self.moved.keys().cloned().collect();
        super::order::sort_by(&mut moved, |a, b| a.cmp(b));
        Accepted { closed, passed, moved }
    }
}

/// One subject of a report under review: its value now and before (at the last review of the month
/// when the report was returned, otherwise at the month before).
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewLine {
    pub subject: super::ledger::Subject,
    pub before: Option<super::ledger::Reported>,
    pub now: Option<super::ledger::Reported>,
}

impl ReviewLine {
    pub fn changed(&self) -> bool {
        self.before != self.now
    }
}

/// What a month's report of a project says, subject by subject, beside what it said before: the office
/// sees what changed since the last reviewed report.
pub fn review_lines(project: &Project, ledger: &Ledger, flow: &Flow, month: Month) -> Vec<ReviewLine> {
    use super::ledger::{Entry, Subject};
    let last_covers = flow.last_review(&project.id, month).and_then(|a| match &a.kind {
        ActKind::Review { covers, .. } => Some(covers.clone()),
        _ => None,
    });
    let mine: Vec<&Entry> = ledger.entries.values().filter(|e| e.project == project.id && project.involves(&e.unit)).collect();
    // The value of a subject in force among the entries `seen` lets through, up to `until`.
    let value = |subject: &Subject, until: Date, seen: &dyn Fn(&Entry) -> bool| {
        let shown: Vec<&&Entry> = mine.iter().filter(|e| &e.subject == subject && e.as_of <= until && seen(e)).collect();
        let replaced: HashSet<&str> = shown.iter().filter_map(|e| e.supersedes.as_deref()).collect();
        shown
            .into_iter()
            .filter(|e| !replaced.contains(e.id.as_str()))
            .max_by(|a, b| (a.as_of, &a.recorded_at, &a.id).cmp(&(b.as_of, &b.recorded_at, &b.id)))
            .filter(|e| !e.deleted)
            .map(|e| e.reported.clone())
    };
    let subjects = project
        .indicators
        .iter()
        .map(|i| Subject::Indicator(i.id.clone()))
        .chain(project.milestones.iter().filter(|m| !m.requirement.is_quantitative()).map(|m| Subject::Milestone(m.id.clone())))
        .chain(std::iter::once(Subject::Report));
    let mut out = Vec::new();
    for subject in subjects {
        let now = value(&subject, month.end(), &|_| true);
        let before = match &last_covers {
            Some(covers) => value(&subject, month.end(), &|e| e.recorded_at <= *covers),
            None => value(&subject, month.previous().end(), &|_| true),
        };
        // Only what the month's report touches: a subject with nothing in the month is left out.
        let in_month = mine.iter().any(|e| e.subject == subject && month_of(e.as_of) == month);
        if in_month {
            out.push(ReviewLine { subject, before, now });
        }
    }
    out
}

/// A target's date in the published list.
pub fn baseline_date(project: &Project, target: &Target) -> Option<Date> {
    match target {
        Target::Due => project.end(),
        Target::Milestone(id) => project.milestone(id).map(|m| m.due),
    }
}

/// The plan with approved extensions applied (the adjusted plan), or `None` when none was approved.
/// Moving 预计完成时间 moves every milestone due on the old date with it; moving a milestone past
/// 预计完成时间 moves that too (the project cannot end before its step).
pub fn adjusted_plan(plan: &Plan, approved: &[(String, Target, Date)]) -> Option<Plan> {
    if approved.is_empty() {
        return None;
    }
    let mut by_project: HashMap<&str, Vec<(&Target, Date)>> = HashMap::new();
    for (p, t, d) in approved {
        by_project.entry(p.as_str()).or_default().push((t, *d));
    }
    let mut out = plan.clone();
    for p in out.projects.iter_mut() {
        let Some(changes) = by_project.get(p.id.as_str()) else { continue };
        // The baseline dates, read before anything moves.
        let original_end = p.end();
        for (target, to) in changes {
            match target {
                Target::Due => {
                    let old = p.end();
                    for m in p.milestones.iter_mut() {
                        if Some(m.due) == old || Some(m.due) == original_end {
                            m.due = (*to).max(m.due);
                        }
                    }
                    p.due = Some(*to);
                }
                Target::Milestone(id) => {
                    if let Some(m) = p.milestones.iter_mut().find(|m| &m.id == id) {
                        m.due = *to;
                    }
                    if p.end().is_some_and(|end| end < *to) {
                        p.due = Some(*to);
                    }
                }
            }
        }
    }
    Some(out)
}

/// An approved change of a date: the project, what moved, the new date.
pub type Approved = (String, Target, Date);


/// What a unit asks, checked and turned into a record by the `Ledger` methods below.
#[derive(Clone, Debug, PartialEq)]
pub struct ExtensionAsk {
    pub project: String,
    pub target: Target,
    pub to: Date,
    pub reason: String,
}

fn checked_text(text: &str, required: bool) -> Result<String, FlowError> {
    let t = text.trim();
    if required && t.is_empty() {
        return Err(FlowError::ReasonRequired);
    }
    if t.chars().count() > COMMENT_MAX {
        return Err(FlowError::TooLong { max: COMMENT_MAX });
    }
    Ok(t.to_string())
}

fn make(m: &mut dyn Minter, project: &str, kind: ActKind, who: &Reporter) -> Act {
    Act { id: m.id("a-"), project: project.to_string(), kind, unit: who.unit.clone(), person: who.person.clone(), recorded_at: m.now() }
}

/// The rules of each action, against the plan (the published one: requests name its dates), the flow as
/// it stands and the adjusted plan (a new date must be later than the date in force).
pub struct Rules<'a> {
    pub plan: &'a Plan,
    pub adjusted: &'a Plan,
    pub flow: &'a Flow,
    /// A new date may be past the list's year end (shown as 跨年度).
    pub cross_year: bool,
}

impl Rules<'_> {
    fn office(&self, who: &Reporter) -> Result<(), FlowError> {
        if who.unit.trim().is_empty() {
            return Err(FlowError::NoUnit);
        }
        if who.unit != self.flow.office {
            return Err(FlowError::OfficeOnly { office: self.flow.office.clone() });
        }
        Ok(())
    }

    fn lead<'p>(&'p self, who: &Reporter, project: &str) -> Result<&'p Project, FlowError> {
        if who.unit.trim().is_empty() {
            return Err(FlowError::NoUnit);
        }
        let p = self.plan.projects.iter().find(|p| p.id == project).ok_or(FlowError::UnknownProject)?;
        if p.lead_unit != who.unit {
            return Err(FlowError::NotLead { lead: p.lead_unit.to_string() });
        }
        Ok(p)
    }

    /// 审核: passes or returns a project's report of a month.
    pub fn review(&self, who: &Reporter, project: &str, month: Month, pass: bool, comment: &str, m: &mut dyn Minter) -> Result<Act, FlowError> {
        self.office(who)?;
        let comment = checked_text(comment, !pass)?;
        let covers = self.flow.newest_entry(project, month).ok_or(FlowError::NothingToReview)?.to_string();
        Ok(make(m, project, ActKind::Review { month: month.end(), pass, comment, covers }, who))
    }

    /// 延期申请.
    pub fn request_extension(&self, who: &Reporter, ask: &ExtensionAsk, m: &mut dyn Minter) -> Result<Act, FlowError> {
        let p = self.lead(who, &ask.project)?;
        if self.flow.closed_on(&p.id).is_some() {
            return Err(FlowError::AlreadyClosed);
        }
        if let Target::Milestone(id) = &ask.target {
            p.milestone(id).ok_or(FlowError::UnknownMilestone)?;
        }
        let reason = checked_text(&ask.reason, true)?;
        let adjusted = self.adjusted.projects.iter().find(|q| q.id == p.id).unwrap_or(p);
        let current = baseline_date(adjusted, &ask.target).ok_or(FlowError::UnknownMilestone)?;
        if ask.to <= current {
            return Err(FlowError::NotLater { current });
        }
        let year_end = Date::new(self.plan.year, 12, 31).expect("valid");
        if ask.to > year_end && !self.cross_year {
            return Err(FlowError::PastYearEnd { year_end });
        }
        let pending = self.flow.requests_of(&p.id).any(|r| {
            r.answer.is_none() && matches!(&r.act.kind, ActKind::Extension { target, .. } if *target == ask.target)
        });
        if pending {
            return Err(FlowError::AlreadyRequested);
        }
        Ok(make(m, &p.id, ActKind::Extension { target: ask.target.clone(), from: current, to: ask.to, reason }, who))
    }

    /// 申请办结.
    pub fn request_closure(&self, who: &Reporter, project: &str, summary: &str, m: &mut dyn Minter) -> Result<Act, FlowError> {
        let p = self.lead(who, project)?;
        let summary = checked_text(summary, true)?;
        if self.flow.closed_on(&p.id).is_some() {
            return Err(FlowError::AlreadyClosed);
        }
        if self.flow.requests_of(&p.id).any(|r| r.answer.is_none() && !r.is_extension()) {
            return Err(FlowError::AlreadyRequested);
        }
        Ok(make(m, &p.id, ActKind::Closure { summary }, who))
    }

    /// 批准 / 不予批准 an extension, or 销号 / 退回 a closure: `yes` approves or closes.
    pub fn answer(&self, who: &Reporter, request: &str, yes: bool, comment: &str, m: &mut dyn Minter) -> Result<Act, FlowError> {
        self.office(who)?;
        let r = self.flow.request(request).ok_or(FlowError::UnknownRequest)?;
        if r.answer.is_some() {
            return Err(FlowError::AlreadyAnswered);
        }
        let comment = checked_text(comment, !yes)?;
        let kind = if r.is_extension() {
            ActKind::Ruling { request: request.to_string(), approve: yes, comment }
        } else {
            ActKind::Confirmation { request: request.to_string(), close: yes, comment }
        };
        Ok(make(m, &r.act.project, kind, who))
    }

    /// Takes back one's own record (an answered request stays).
    pub fn withdraw(&self, who: &Reporter, ledger: &Ledger, record: &str, m: &mut dyn Minter) -> Result<Act, FlowError> {
        if who.unit.trim().is_empty() {
            return Err(FlowError::NoUnit);
        }
        let a = ledger.acts.get(record).ok_or(FlowError::CannotWithdraw)?;
        let answered = self.flow.request(record).is_some_and(|r| r.answer.is_some());
        if a.unit != who.unit || answered || matches!(a.kind, ActKind::Withdrawal { .. }) {
            return Err(FlowError::CannotWithdraw);
        }
        Ok(make(m, &a.project, ActKind::Withdrawal { record: record.to_string() }, who))
    }
}

/// Office records (reviews, rulings, confirmations) in a file that does not come from the office: taken
/// out of the file's ledger and returned (id, maker), to be listed and never applied.
pub fn set_aside_office_acts(ledger: &mut Ledger, exported_by: Option<&str>, office: &str) -> Vec<Act> {
    let office = if office.trim().is_empty() { DEFAULT_OFFICE } else { office.trim() };
    if exported_by == Some(office) {
        return Vec::new();
    }
    let ids: Vec<String> = ledger.acts.values().filter(|a| is_office_kind(&a.kind)).map(|a| a.id.clone()).collect();
    ids.into_iter().filter_map(|id| ledger.acts.remove(&id)).collect()
}

#[cfg(test)]
mod tests;
