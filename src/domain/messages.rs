//! Domain data in the user's words: table problems, import and file errors, plan warnings, reasons,
//! requirements, dates, and the notices the app shows. Every word comes from the language's table in
//! `crate::i18n`; this module only chooses the template and fills it.
//!
//! Invariant: no word is written here (no Chinese or English text, no choice between languages); the
//! command-line importer and the views both call these.

use super::archive::ZipBound;
use super::date::Date;
use super::format::{FileError, LoadError};
use super::import::ImportError;
use super::ledger::{Entry, LedgerView, ReportField, ReportTexts, Reported, Subject};
use super::office::{Kind, SheetBound, SourceError};
use super::plan::{format_number, IndicatorKind, Milestone, Project, Requirement, Warning};
use super::status::{DatedValue, Light, MilestoneState, Projection, Reason};
use super::sync::{Refusal, SyncFailure, SyncStatus};
use super::table::{Basis, Column, Role, TableError, TableProblem};
use super::validate::InputError;
use super::view_state::UrlNotice;
pub use crate::i18n::Lang;

pub fn column_name(column: Column, lang: Lang) -> &'static str {
    let t = lang.t();
    match column {
        Column::Seq => t.col_seq,
        Column::Category => t.col_category,
        Column::Name => t.col_name,
        Column::CityLeader => t.col_city_leader,
        Column::LeadUnit => t.col_lead_unit,
        Column::LeadUnitLeader => t.col_lead_unit_leader,
        Column::CoUnits => t.col_co_units,
        Column::Due => t.col_due,
        Column::PlanText => t.col_plan,
        Column::IndicatorName => t.col_indicator_name,
        Column::Target => t.col_target,
        Column::Unit => t.col_measure_unit,
        Column::Baseline => t.col_baseline,
    }
}

/// What a column of a list is mapped to, as the mapping's select names it.
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Field(c) => column_name(c, lang),
        Role::Keep => lang.t().role_keep,
        Role::Ignore => lang.t().role_ignore,
    }
}

fn kind_name(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Excel => lang.t().kind_excel,
        Kind::Word => lang.t().kind_word,
    }
}

/// Why an office file gave no list.
pub fn source_error(e: &SourceError, lang: Lang) -> String {
    let t = lang.t();
    match e {
        SourceError::Encrypted { kind } => (t.src_encrypted)(kind_name(*kind, lang)),
        SourceError::Corrupt { kind, detail } => (t.src_corrupt)(kind_name(*kind, lang), detail),
        SourceError::NoTable { kind } => (t.src_no_table)(kind_name(*kind, lang)),
        SourceError::OldWord => t.src_old_word.to_string(),
        SourceError::Pdf => t.src_pdf.to_string(),
        SourceError::Unknown => t.src_unknown.to_string(),
        SourceError::Archive { kind, bound } => zip_bound(bound, kind_name(*kind, lang), lang),
        SourceError::Sheet { bound } => sheet_bound(bound, lang),
        SourceError::ReaderFailed { detail } => (t.src_reader_failed)(detail),
    }
}

/// A count as people write it: 100,000.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

fn zip_bound(bound: &ZipBound, kind: &str, lang: Lang) -> String {
    let t = lang.t();
    let mb = |bytes: u64| grouped(bytes >> 20);
    match bound {
        ZipBound::TooManyEntries { max } => (t.src_too_many_entries)(kind, &grouped(*max as u64)),
        ZipBound::EntryTooLarge { entry, max } => (t.src_entry_too_large)(kind, entry, &mb(*max)),
        ZipBound::TotalTooLarge { max } => (t.src_total_too_large)(kind, &mb(*max)),
        ZipBound::Ratio { entry, max } => (t.src_ratio)(kind, entry, &grouped(*max)),
        ZipBound::UnsafePath { entry } => (t.src_unsafe_path)(kind, entry),
        ZipBound::Overlapping => (t.src_overlapping)(kind),
        ZipBound::XmlTooDeep { entry, max } => (t.src_xml_deep)(kind, entry, &grouped(*max as u64)),
        ZipBound::TooManyAttributes { entry, max } => (t.src_xml_attributes)(kind, entry, &grouped(*max as u64)),
    }
}

fn sheet_bound(bound: &SheetBound, lang: Lang) -> String {
    let t = lang.t();
    match bound {
        SheetBound::Cells { sheet, max } => (t.sheet_too_many_cells)(sheet, &grouped(*max as u64)),
        SheetBound::Rows { sheet, max, last } => (t.sheet_too_many_rows)(sheet, &grouped(u64::from(*max)), &grouped(u64::from(*last))),
        SheetBound::Columns { sheet, max } => (t.sheet_too_many_columns)(sheet, &grouped(u64::from(*max))),
        SheetBound::Grid { sheet, rows, columns, max } => {
            (t.sheet_too_large)(sheet, &grouped(u64::from(*rows)), &grouped(u64::from(*columns)), &grouped(*max))
        }
        SheetBound::MergedCells { sheet } => (t.sheet_merged_overlap)(sheet),
        SheetBound::SharedStrings { max } => (t.sheet_shared_strings)(&grouped(*max as u64)),
    }
}

pub fn table_error(e: &TableError, lang: Lang) -> String {
    let t = lang.t();
    match e {
        TableError::NotText => t.not_text.to_string(),
        TableError::Empty => t.empty_table.to_string(),
        TableError::NoNameColumn { columns } => (t.no_name_column)(*columns),
        TableError::NoProjects => t.no_projects.to_string(),
        TableError::MostlyNumbers => t.mostly_numbers.to_string(),
    }
}

pub fn import_error(e: &ImportError, lang: Lang) -> String {
    match e {
        ImportError::Table(t) => table_error(t, lang),
        ImportError::NoYear => lang.t().no_year.to_string(),
    }
}

/// Why a column of the mapping step has its meaning.
pub fn basis_name(b: Basis, lang: Lang) -> &'static str {
    let t = lang.t();
    match b {
        Basis::HeaderName => t.basis_header_name,
        Basis::HeaderWord => t.basis_header_word,
        Basis::Content => t.basis_content,
        Basis::Length => t.basis_length,
        Basis::Progress => t.basis_progress,
        Basis::Chosen => t.basis_chosen,
        Basis::Unknown => t.basis_unknown,
    }
}

pub fn table_problem(p: &TableProblem, lang: Lang) -> String {
    let t = lang.t();
    match p {
        TableProblem::ShortRow { line, found, expected } => (t.short_row)(*line, *found, *expected),
        TableProblem::ExtraCells { line, found, expected } => (t.extra_cells)(*line, *found, *expected),
        TableProblem::MissingField { line, column: Column::Name } => (t.missing_name)(*line),
        TableProblem::MissingField { line, column } => (t.empty_field)(*line, column_name(*column, lang)),
        TableProblem::NoCategory { line } => (t.no_category)(*line),
        TableProblem::SeqMismatch { line, category, first, now } => (t.seq_mismatch)(*line, category, *first, *now),
        TableProblem::NotANumber { line, text } => (t.seq_not_number)(*line, text),
        TableProblem::Continuation { line, project } => (t.continuation_row)(*line, project),
        TableProblem::UnitsSplit { line, lead, co_units } => (t.units_split)(*line, lead, co_units),
    }
}

pub fn plan_warning(w: &Warning, lang: Lang) -> String {
    let t = lang.t();
    match w {
        Warning::NoDate { text } => (t.w_no_date)(text),
        Warning::BeyondDue { text, date, due } => (t.w_beyond_due)(text, &date.to_string(), &due.to_string()),
        Warning::UnreadDue { text } => (t.w_unread_due)(text),
        Warning::AmbiguousMeasure { text, values, chosen: Some(c) } => (t.w_ambiguous_chosen)(text, &values.join(t.list_sep), c),
        Warning::AmbiguousMeasure { text, values, chosen: None } => (t.w_ambiguous_step)(text, &values.join(t.list_sep)),
        Warning::UnmatchedQuantity { text, quantity } => (t.w_unmatched)(text, quantity),
        Warning::NoMilestoneForIndicator { indicator } => (t.w_no_milestone)(indicator),
        Warning::Decreasing { indicator, text } => (t.w_decreasing)(indicator, text),
        Warning::NoPlanText => t.w_no_plan_text.to_string(),
        Warning::DueYearEnd { due } => (t.w_due_year_end)(&due.to_string()),
        Warning::TargetNotNumber { indicator, text } => (t.w_target_not_number)(indicator, text),
    }
}

pub fn file_error(file: &str, e: &FileError, lang: Lang) -> String {
    let t = lang.t();
    match e {
        FileError::TooLarge { bytes, limit } => (t.f_too_large)(file, *bytes as f64 / 1e6, limit / 1_000_000),
        FileError::NotJson { detail } => (t.f_not_json)(file, detail),
        FileError::WrongFormat { expected, found } => (t.f_wrong_format)(file, expected, found.as_deref().unwrap_or(t.none_word)),
        FileError::NewerVersion { found, supported } => (t.f_newer)(file, *found, *supported),
        FileError::BadVersion => (t.f_bad_version)(file),
        FileError::Shape { detail } => (t.f_shape)(file, detail),
        FileError::Inconsistent { detail } => (t.f_inconsistent)(file, detail),
        FileError::Unreadable => (t.f_unreadable)(file),
    }
}

pub fn load_error(e: &LoadError, lang: Lang) -> String {
    let t = lang.t();
    match e {
        LoadError::Network { url } => (t.load_network)(url),
        LoadError::Status { url, status } => (t.load_status)(url, *status),
        LoadError::File { url, error } => file_error(url, error, lang),
    }
}

pub fn input_error(e: &InputError, lang: Lang) -> String {
    let t = lang.t();
    match e {
        InputError::Empty => t.e_empty.to_string(),
        InputError::NotANumber { text } => (t.e_not_number)(text),
        InputError::Negative => t.e_negative.to_string(),
        InputError::AboveTarget { limit, unit } => (t.e_above_target)(&amount(*limit, unit)),
        InputError::RateAbove100 => t.e_rate_above_100.to_string(),
        InputError::DateOutsideYear { year } => (t.e_outside_year)(*year),
        InputError::DateInFuture { today } => (t.e_future)(&today.to_string()),
        InputError::NotADate { text } => (t.e_not_date)(text),
        InputError::TooLong { max, len } => (t.e_too_long)(*max, *len),
    }
}

/// A milestone date as plans write it: "9月底" for a month end, "5月18日" otherwise.
pub fn when(date: Date, lang: Lang) -> String {
    let t = lang.t();
    let month = month_name(date.month(), lang);
    if date.is_month_end() {
        (t.month_end)(&month)
    } else {
        (t.day_of)(&month, date.day())
    }
}

pub fn month_name(month: u8, lang: Lang) -> String {
    lang.t().months.get(usize::from(month.max(1) - 1)).copied().unwrap_or("?").to_string()
}

/// "9月底" / "end of Sep": a month-end choice in a select.
pub fn month_end_name(month: u8, lang: Lang) -> String {
    (lang.t().month_end)(&month_name(month, lang))
}

pub fn quarter_name(quarter: u8, lang: Lang) -> &'static str {
    lang.t().quarters[usize::from(quarter.clamp(1, 4) - 1)]
}

/// A date in running text: "2024年9月30日" / "2024-09-30".
pub fn long_date(date: Date, lang: Lang) -> String {
    (lang.t().long_date)(date.year(), date.month(), date.day())
}

pub fn light_label(light: Light, overdue: bool, lang: Lang) -> &'static str {
    let t = lang.t();
    match (light, overdue) {
        (Light::Done, _) => t.light_done,
        (Light::OnTrack, _) => t.light_on_track,
        (Light::Behind, _) => t.light_behind,
        (Light::Serious, true) => t.light_overdue,
        (Light::Serious, false) => t.light_serious,
        (Light::NotReported, _) => t.light_not_reported,
    }
}

/// A value with its unit as the plan writes it ("100个", "6万人", "81%").
/// A share (0..=1) as a whole percent: the one rounding of shares for screen, CSV, Excel and slides.
pub fn percent_value(share: f64) -> f64 {
    (share * 100.0).round()
}

/// [`percent_value`] as text: "45%".
pub fn percent(share: f64) -> String {
    format!("{}%", format_number(percent_value(share)))
}

/// Each quantitative indicator of `p` as "名称：reported / target" at `date` (未填报 when nothing is
/// reported): the one writing of a project's figures for the CSV and the Excel 台账.
pub fn figures_of(p: &Project, view: &LedgerView, date: Date, lang: Lang) -> Vec<String> {
    let t = lang.t();
    p.indicators
        .iter()
        .filter(|x| x.is_quantitative())
        .map(|x| {
            let v = view.value_at(&p.id, &x.id, date).map(|v| amount(v, &x.unit)).unwrap_or_else(|| t.none_reported.to_string());
            (t.labelled)(&x.name, &(t.of_target)(&v, &amount(x.target.unwrap_or(0.0), &x.unit)))
        })
        .collect()
}

pub fn amount(value: f64, unit: &str) -> String {
    format!("{}{unit}", format_number(value))
}

pub fn reason(r: &Reason, lang: Lang) -> String {
    let t = lang.t();
    match r {
        Reason::Completed => t.r_completed.to_string(),
        Reason::Shortfall { due, indicator, unit, required, actual } => (t.r_shortfall)(
            &when(*due, lang),
            &amount(*required, unit),
            &amount(*actual, unit),
            &amount(required - actual, unit),
            indicator,
        ),
        Reason::StepLate { due, text, days } => (t.r_step_late)(&when(*due, lang), text, *days),
        Reason::NotReported { due, what } => (t.r_not_reported)(&when(*due, lang), what),
        Reason::Overdue { due } => (t.r_overdue)(&when(*due, lang)),
        Reason::AllMet { next: Some(next) } => (t.r_all_met_next)(&when(*next, lang)),
        Reason::AllMet { next: None } => t.r_all_met.to_string(),
        Reason::NothingDue { first: Some(first) } => (t.r_nothing_due_first)(&when(*first, lang)),
        Reason::NothingDue { first: None } => t.r_nothing_due.to_string(),
        Reason::NoReports { due } => (t.r_no_reports)(*due),
        Reason::Closed { on } => (t.r_closed)(&on.to_string()),
    }
}

/// Why an action of the review loop was refused, in words.
pub fn flow_error(e: &crate::domain::flow::FlowError, lang: Lang) -> String {
    use crate::domain::flow::FlowError as E;
    let t = lang.t();
    match e {
        E::NoUnit => t.n_need_unit.to_string(),
        E::OfficeOnly { office } => (t.e_office_only)(office),
        E::NotLead { lead } => (t.e_not_lead)(lead),
        E::UnknownProject => t.refused_unknown_project.to_string(),
        E::UnknownMilestone => t.e_unknown_milestone.to_string(),
        E::ReasonRequired => t.e_reason_required.to_string(),
        E::TooLong { max } => (t.e_flow_too_long)(*max),
        E::NotLater { current } => (t.e_not_later)(&when(*current, lang)),
        E::PastYearEnd { year_end } => (t.e_past_year_end)(&year_end.to_string()),
        E::NothingToReview => t.e_nothing_to_review.to_string(),
        E::AlreadyAnswered => t.e_already_answered.to_string(),
        E::UnknownRequest => t.e_unknown_request.to_string(),
        E::AlreadyRequested => t.e_already_requested.to_string(),
        E::AlreadyClosed => t.e_already_closed.to_string(),
        E::CannotWithdraw => t.e_cannot_withdraw.to_string(),
    }
}

/// One record of the review loop in a line: what it did, with its comment or reason.
pub fn act_summary(a: &crate::domain::ledger::Act, lang: Lang) -> String {
    use crate::domain::ledger::ActKind as K;
    let t = lang.t();
    let with = |head: String, text: &str| if text.trim().is_empty() { head } else { format!("{head}{}{text}", t.colon) };
    match &a.kind {
        K::Review { month, pass, comment, .. } => with((t.log_review)(&(t.month_label)(month.month()), *pass), comment),
        K::Extension { from, to, reason, .. } => with((t.log_extension)(&when(*from, lang), &when(*to, lang)), reason),
        K::Ruling { approve, comment, .. } => with((t.log_ruling)(*approve), comment),
        K::Closure { summary } => with(t.log_closure.to_string(), summary),
        K::Confirmation { close, comment, .. } => with((t.log_confirmation)(*close), comment),
        K::Withdrawal { .. } => t.log_withdrawal.to_string(),
    }
}

/// A review-loop state in words (待审核, 已通过, …).
pub fn flow_state(s: crate::domain::flow::State, lang: Lang) -> &'static str {
    use crate::domain::flow::State as S;
    let t = lang.t();
    match s {
        S::Pending => t.st_pending,
        S::Passed => t.st_passed,
        S::Returned => t.st_returned,
        S::Resubmitted => t.st_resubmitted,
        S::Approved => t.st_approved,
        S::Refused => t.st_refused,
        S::Closed => t.mark_closed,
    }
}

/// What the plan requires of an indicator at a date, from `status::planned_at`: "100个（9月底）", or
/// the next requirement when nothing is due yet ("— → 100个（9月底）"), or "—".
pub fn planned_text(planned: (Option<DatedValue>, Option<DatedValue>), unit: &str, lang: Lang) -> String {
    let t = lang.t();
    match planned {
        (Some((d, v)), _) => (t.value_on)(&amount(v, unit), &when(d, lang)),
        (None, Some((d, v))) => (t.next_value)(&amount(v, unit), &when(d, lang)),
        (None, None) => "—".to_string(),
    }
}

/// A reported value with its as-of date: "95个（2024-09-30）".
pub fn reported_text(value: f64, as_of: Date, unit: &str, lang: Lang) -> String {
    (lang.t().value_on)(&amount(value, unit), &as_of.to_string())
}

pub fn projection(p: &Projection, lang: Lang) -> String {
    (lang.t().projection)(
        &when(p.at, lang),
        &amount(p.projected.round(), &p.unit),
        &amount(p.required, &p.unit),
        &when(p.due, lang),
        &format_number(p.projected_at_due.round()),
        &amount(p.target, &p.unit),
    )
}

fn unit_of(m: &Milestone, project: &Project) -> String {
    m.indicator.as_ref().and_then(|i| project.indicator(i)).map(|i| i.unit.to_string()).unwrap_or_default()
}

/// What a milestone requires, in words ("≥100个", "完成 30%", "达到 81%", "全面完成", "工作步骤").
pub fn requirement(m: &Milestone, project: &Project, lang: Lang) -> String {
    let t = lang.t();
    let scope = match &m.indicator {
        Some(i) => project.indicator(i).map(|i| i.name.clone()).unwrap_or_default(),
        None if project.indicators.len() > 1 => t.every_indicator.to_string(),
        None => String::new(),
    };
    let core = match &m.requirement {
        Requirement::AtLeast { value } => format!("≥{}", amount(*value, &unit_of(m, project))),
        Requirement::Share { percent } => (t.req_share)(&format_number(*percent)),
        Requirement::RateValue { percent } => (t.req_rate)(&format_number(*percent)),
        Requirement::Complete => t.req_complete.to_string(),
        Requirement::Step => return t.req_step.to_string(),
    };
    if scope.is_empty() {
        core
    } else {
        (t.aside)(&core, &scope)
    }
}

/// A short label of a milestone's requirement for markers ("≥100个", "50%").
pub fn requirement_short(m: &Milestone, project: &Project, lang: Lang) -> String {
    match &m.requirement {
        Requirement::AtLeast { value } => format!("≥{}", amount(*value, &unit_of(m, project))),
        Requirement::Share { percent } | Requirement::RateValue { percent } => format!("{}%", format_number(*percent)),
        Requirement::Complete => lang.t().req_done_short.to_string(),
        Requirement::Step => String::new(),
    }
}

pub fn milestone_state(state: MilestoneState, lang: Lang) -> &'static str {
    let t = lang.t();
    match state {
        MilestoneState::Met => t.ms_met,
        MilestoneState::Missed { minor: true } => t.ms_behind,
        MilestoneState::Missed { minor: false } => t.ms_serious,
        MilestoneState::NotReported => t.ms_not_reported,
        MilestoneState::DueSoon => t.ms_due_soon,
        MilestoneState::Future => t.ms_future,
    }
}

pub fn indicator_kind(kind: IndicatorKind, lang: Lang) -> &'static str {
    let t = lang.t();
    match kind {
        IndicatorKind::Count => t.kind_count,
        IndicatorKind::Level => t.kind_level,
        IndicatorKind::Rate => t.kind_rate,
        IndicatorKind::Qualitative => t.kind_qualitative,
    }
}

pub fn report_field(f: ReportField, lang: Lang) -> &'static str {
    let t = lang.t();
    match f {
        ReportField::Progress => t.report_progress,
        ReportField::Problems => t.report_problems,
        ReportField::NextSteps => t.report_next_steps,
        ReportField::Coordination => t.report_coordination,
    }
}

/// What an entry reports on, in words: the indicator, the step with its date, or "9月月报".
pub fn entry_subject(project: Option<&Project>, e: &Entry, lang: Lang) -> String {
    match (&e.subject, project) {
        (Subject::Indicator(i), Some(p)) => p.indicator(i).map(|x| x.name.clone()).unwrap_or_else(|| i.clone()),
        (Subject::Milestone(m), Some(p)) => p.milestone(m).map(|x| format!("{} {}", when(x.due, lang), x.text)).unwrap_or_else(|| m.clone()),
        (Subject::Indicator(i) | Subject::Milestone(i), None) => i.clone(),
        (Subject::Report, _) => (lang.t().report_of_month)(&month_name(e.as_of.month(), lang)),
    }
}

/// The non-empty texts of a report with their labels.
pub fn report_lines(texts: &ReportTexts, lang: Lang) -> Vec<(&'static str, String)> {
    ReportField::ALL.into_iter().filter(|f| !texts.get(*f).trim().is_empty()).map(|f| (report_field(f, lang), texts.get(f).to_string())).collect()
}

/// What an entry reports, in words: "95个", "已完成", or the report's texts.
pub fn entry_value(project: Option<&Project>, e: &Entry, lang: Lang) -> String {
    let t = lang.t();
    match (&e.reported, &e.subject) {
        (Reported::Value(v), Subject::Indicator(i)) => amount(*v, &project.and_then(|p| p.indicator(i)).map(|x| x.unit.clone()).unwrap_or_default()),
        (Reported::Value(v), _) => format_number(*v),
        (Reported::Done(true), _) => t.done.to_string(),
        (Reported::Done(false), _) => t.not_done.to_string(),
        (Reported::Texts(texts), _) => {
            report_lines(texts, lang).into_iter().map(|(l, v)| (t.labelled)(l, &v)).collect::<Vec<_>>().join(t.clause_sep)
        }
    }
}

pub fn url_notices(notices: &[UrlNotice], lang: Lang) -> String {
    let params: Vec<String> = notices
        .iter()
        .map(|n| match n {
            UrlNotice::Unknown { param } => param.clone(),
            UrlNotice::Invalid { param, value } | UrlNotice::Stale { param, value } => format!("{param}={value}"),
        })
        .collect();
    (lang.t().n_url_params)(&params.join(lang.t().list_sep))
}

/// A message above the page, as data: shown in the language of the moment, so switching the language
/// re-words it.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    NeedUnit,
    Undone,
    CellsInvalid { count: usize },
    ValuesSaved { count: usize, as_of: Date },
    MonthNotStarted,
    StorageFull,
    StorageProtected,
    /// Records journalled by a page closed before its save landed, merged at load (then saved).
    JournalRecovered { records: usize },
    /// The code that reads stored records could not be loaded (offline before it was cached): nothing
    /// stored was read or written over; what is entered meanwhile is journalled.
    ReaderMissing,
    /// English was asked for and its words could not be fetched (offline before they were cached).
    EnglishMissing,
    Merged { files: usize, entries: usize },
    SameList,
    ListImported,
    ListNotStored,
    Copied,
    CopyRefused,
    AppUpdated,
    UrlParams(Vec<UrlNotice>),
    /// Stored progress could not be read: set aside, and the backup restored when there was one.
    StorageRecovered { from_backup: bool, error: FileError },
    /// The on-demand module could not do its job (why, as the browser said it).
    WorkerFailed(String),
    /// No WebCrypto (not https): the file was exported unsigned.
    UnsignedExport,
    /// Signing failed (why, as the browser said it): nothing was exported.
    SignFailed(String),
    /// 佐证材料: this many files attached.
    EvidenceKept(usize),
}

pub fn note(n: &Note, lang: Lang) -> String {
    let t = lang.t();
    match n {
        Note::NeedUnit => t.n_need_unit.to_string(),
        Note::Undone => t.n_undone.to_string(),
        Note::CellsInvalid { count } => (t.n_cells_invalid)(*count),
        Note::ValuesSaved { count, as_of } => (t.n_saved)(*count, &as_of.to_string()),
        Note::MonthNotStarted => t.n_month_not_started.to_string(),
        Note::StorageFull => t.n_storage_full.to_string(),
        Note::StorageProtected => t.n_storage_protected.to_string(),
        Note::JournalRecovered { records } => (t.n_journal_recovered)(*records),
        Note::ReaderMissing => t.n_reader_missing.to_string(),
        Note::EnglishMissing => t.n_english_missing.to_string(),
        Note::Merged { files, entries } => (t.n_merged)(*files, *entries),
        Note::SameList => t.n_same_list.to_string(),
        Note::ListImported => t.n_list_imported.to_string(),
        Note::ListNotStored => t.n_list_not_stored.to_string(),
        Note::Copied => t.n_copied.to_string(),
        Note::CopyRefused => t.n_copy_refused.to_string(),
        Note::AppUpdated => t.n_updated.to_string(),
        Note::UrlParams(list) => url_notices(list, lang),
        Note::StorageRecovered { from_backup: true, error } => (t.n_recovered_backup)(&file_error("localStorage", error, lang)),
        Note::StorageRecovered { from_backup: false, error } => (t.n_recovered)(&file_error("localStorage", error, lang)),
        Note::WorkerFailed(detail) => (t.worker_failed)(detail),
        Note::UnsignedExport => t.n_unsigned_export.to_string(),
        Note::SignFailed(why) => (t.n_sign_failed)(why),
        Note::EvidenceKept(n) => (t.n_evidence_kept)(*n),
    }
}

/// Why a file chosen as 佐证材料 was not kept (each names the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceError {
    /// Neither an image nor a PDF, whatever its name says.
    NotKept { name: String },
    /// HEIC/HEIF: the browser cannot read it.
    Heic { name: String },
    /// An image that does not decode.
    Corrupt { name: String },
    TooLarge { name: String, limit: u64 },
    /// The report has its number of files already.
    TooMany { name: String, max: usize },
    /// The browser's storage refused it (full).
    StorageFull { name: String },
    Unreadable { name: String },
    /// In a bundle: the file's bytes do not match its hash (`name` is the record's file name).
    Mismatch { name: String },
}

/// Why a bundle could not be read at all, naming it.
pub fn bundle_error(name: &str, e: &super::evidence::BundleError, lang: Lang) -> String {
    use super::archive::ZipError;
    use super::evidence::BundleError;
    let t = lang.t();
    let mb = |bytes: u64| grouped(bytes >> 20);
    let why = match e {
        BundleError::NoProgress => t.ev_bundle_no_progress.to_string(),
        BundleError::Zip(ZipError::Bound(ZipBound::TooManyEntries { max })) => (t.ev_bundle_many)(&grouped(*max as u64)),
        BundleError::Zip(ZipError::Bound(ZipBound::TotalTooLarge { max } | ZipBound::EntryTooLarge { max, .. })) => (t.ev_bundle_big)(&mb(*max)),
        BundleError::Zip(ZipError::Bound(ZipBound::Ratio { .. })) => (t.ev_bundle_big)(&mb(super::evidence::BUNDLE.total)),
        BundleError::Zip(ZipError::Bound(ZipBound::UnsafePath { entry })) => (t.ev_bundle_path)(entry),
        BundleError::Zip(_) => t.ev_bundle_damaged.to_string(),
    };
    (t.ev_file)(name, &why)
}

pub fn evidence_error(e: &EvidenceError, lang: Lang) -> String {
    let t = lang.t();
    let (name, why) = match e {
        EvidenceError::NotKept { name } => (name, t.ev_not_kept.to_string()),
        EvidenceError::Heic { name } => (name, t.ev_heic.to_string()),
        EvidenceError::Corrupt { name } => (name, t.ev_corrupt.to_string()),
        EvidenceError::TooLarge { name, limit } => (name, (t.ev_too_large)(&bytes_text(*limit as f64))),
        EvidenceError::TooMany { name, max } => (name, (t.ev_too_many)(&max.to_string())),
        EvidenceError::StorageFull { name } => (name, t.ev_storage_full.to_string()),
        EvidenceError::Unreadable { name } => (name, t.ev_unreadable.to_string()),
        EvidenceError::Mismatch { name } => (name, t.ev_mismatch.to_string()),
    };
    (t.ev_file)(name, &why)
}

/// A size for people: "820 KB", "26.4 MB", "1.2 GB" (units are the same in both languages).
pub fn bytes_text(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value >= 100.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Where sync stands, in words; `at` times are shown in China time.
pub fn sync_status(status: &SyncStatus, lang: Lang) -> String {
    let t = lang.t();
    match status {
        SyncStatus::Off => t.sync_off.to_string(),
        SyncStatus::Working => t.sync_working.to_string(),
        SyncStatus::Synced { at, pending, restored } => {
            let when = super::date::Moment::parse_rfc3339(at).map_or_else(|| at.clone(), |m| m.china_time_text());
            match (*pending, restored) {
                (0, None) => (t.sync_done)(&when),
                (0, Some(n)) => (t.sync_done_restored)(&when, *n),
                (n, _) => (t.sync_done_pending)(&when, n),
            }
        }
        SyncStatus::Restoring { records } => (t.sync_restoring)(*records),
        SyncStatus::Offline { pending } => (t.sync_offline)(*pending),
        SyncStatus::SignedOut => t.sync_signed_out.to_string(),
        SyncStatus::Failed(f) => sync_failure(f, lang),
    }
}

pub fn sync_failure(f: &SyncFailure, lang: Lang) -> String {
    let t = lang.t();
    match f {
        SyncFailure::Unreachable => t.sync_unreachable.to_string(),
        SyncFailure::NoDatabase { status } => (t.sync_no_database)(*status),
        SyncFailure::BadLogin => t.sync_bad_login.to_string(),
        SyncFailure::NotMember => t.sync_not_member.to_string(),
        SyncFailure::Server { status } => (t.sync_server)(*status),
        SyncFailure::BadAddress => t.sync_bad_address.to_string(),
    }
}

/// Why the server refused a record.
pub fn refusal(r: &Refusal, lang: Lang) -> String {
    let t = lang.t();
    match r {
        Refusal::NotYourUnit { unit } => (t.refused_not_your_unit)(unit),
        Refusal::UnitNotOnProject { unit } => (t.refused_unit_not_on_project)(unit),
        Refusal::UnknownProject => t.refused_unknown_project.to_string(),
        Refusal::OfficeOnly => t.refused_office_only.to_string(),
        Refusal::NotLead { unit } => (t.refused_not_lead)(unit),
        Refusal::UnknownType => t.refused_unknown_type.to_string(),
        Refusal::Immutable => t.refused_immutable.to_string(),
        Refusal::Other { error, reason } => (t.refused_other)(error, reason),
    }
}

/// How an imported file stands against the key ring, in a line that names the file.
pub fn signature_line(file: &str, verdict: &crate::domain::signature::Verdict, lang: Lang) -> String {
    use crate::domain::signature::{digits, Refusal as R, Verdict as V};
    let t = lang.t();
    match verdict {
        V::Verified { unit, fingerprint } => (t.sig_verified)(file, unit, &digits(fingerprint)),
        V::Unsigned => (t.sig_unsigned)(file),
        V::FirstKey { unit, fingerprint, .. } => (t.sig_first)(file, unit, &digits(fingerprint)),
        V::Refused(R::Tampered) => (t.sig_tampered)(file),
        V::Refused(R::Malformed(_)) => (t.sig_malformed)(file),
        V::Refused(R::Unsupported(what)) => (t.sig_unsupported)(file, what),
        V::Refused(R::NameMismatch { file: named, signed }) => (t.sig_name_mismatch)(file, named, signed),
        V::Refused(R::OtherUnitsKey { owner }) => (t.sig_other_unit)(file, owner),
        V::Refused(R::NewKey { unit, trusted, offered }) => (t.sig_new_key)(file, unit, &digits(trusted), &digits(offered)),
        V::Refused(R::Unsigned) => (t.sig_unsigned_refused)(file),
    }
}

/// Why a file's signature cannot be read, in a line that names the file.
pub fn signature_error(file: &str, e: &crate::domain::signature::SigError, lang: Lang) -> String {
    use crate::domain::signature::SigError as E;
    let t = lang.t();
    match e {
        E::Malformed(_) => (t.sig_malformed)(file),
        E::Unsupported(what) => (t.sig_unsupported)(file, what),
    }
}

/// Why a unit's seals failed, kind by kind with how many (e.g. "signature does not match the records ×2;
/// key not in the key list").
pub fn seal_problems(failed: &[(String, crate::domain::seal::SealState)], lang: Lang) -> String {
    use crate::domain::seal::SealState as S;
    let t = lang.t();
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (_, state) in failed {
        let word = match state {
            S::Verified => continue,
            S::Tampered => t.seal_tampered,
            S::KeyNotTrusted => t.seal_untrusted,
            S::Missing(_) => t.seal_missing,
            S::BadKey => t.seal_bad_key,
        };
        match counts.iter_mut().find(|(w, _)| *w == word) {
            Some(c) => c.1 += 1,
            None => counts.push((word, 1)),
        }
    }
    counts.iter().map(|(w, n)| if *n > 1 { format!("{w} ×{n}") } else { w.to_string() }).collect::<Vec<_>>().join(t.clause_sep)
}

#[cfg(test)]
mod size_tests {
    #[test]
    fn sizes() {
        assert_eq!(super::bytes_text(512.0), "512 B");
        assert_eq!(super::bytes_text(820.0 * 1024.0), "820 KB");
        assert_eq!(super::bytes_text(26.4 * 1024.0 * 1024.0), "26.4 MB");
        assert_eq!(super::bytes_text(1.3 * 1024.0 * 1024.0 * 1024.0), "1.3 GB");
    }
}
