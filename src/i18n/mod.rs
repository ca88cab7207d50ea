//! The user's words, one table per language: every label, message and template the app shows or
//! prints comes from here (views, core messages, notices, the bulletin, the CLI). Pure data.
//!
//! Templates are functions (`projects_count: |n| format!("共 {n} 项")`), so a value that is
//! misspelt, missing or of the wrong type is a compile error in every language; a language that
//! misses a word does not compile either. Nothing else chooses between languages: there is no
//! `zh`/`en` pair anywhere else (checked by `tests/architecture.rs`).
//!
//! Invariant: words only. Domain data is put into words by `domain::messages`, which calls these.

mod en;
mod zh;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            "en" | "en-US" | "en-GB" => Some(Lang::En),
            _ => None,
        }
    }

    /// The `lang` attribute of the document.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The words of the 公开版.
    pub fn site(self) -> &'static Site {
        match self {
            Lang::Zh => &zh::SITE,
            Lang::En => &en::SITE,
        }
    }

    pub fn t(self) -> &'static Strings {
        match self {
            Lang::Zh => &zh::ZH,
            Lang::En => english(),
        }
    }

    /// This language if its words are at hand, else Chinese (see [`english_ready`]).
    pub fn in_effect(self) -> Lang {
        if self == Lang::Zh || english_ready() {
            self
        } else {
            Lang::Zh
        }
    }
}

// The English table. The page (the `app` feature in a browser) fetches it the first time English is
// asked for (`ui::lazy::english`, a chunk of its own), so its first load carries one language's words;
// everything else (native code, the worker modules, which build without `app`) links it.
#[cfg(all(feature = "app", target_arch = "wasm32"))]
static ENGLISH: std::sync::OnceLock<&'static Strings> = std::sync::OnceLock::new();

#[cfg(all(feature = "app", target_arch = "wasm32"))]
fn english() -> &'static Strings {
    // Chinese until the chunk has come: the page asks for English only once it has (`Lang::in_effect`).
    ENGLISH.get().copied().unwrap_or(&zh::ZH)
}

#[cfg(not(all(feature = "app", target_arch = "wasm32")))]
fn english() -> &'static Strings {
    &en::EN
}

/// Whether `Lang::En` reads English: always, except on the page before its English chunk came.
pub fn english_ready() -> bool {
    #[cfg(all(feature = "app", target_arch = "wasm32"))]
    return ENGLISH.get().is_some();
    #[cfg(not(all(feature = "app", target_arch = "wasm32")))]
    true
}

/// Puts the English table in place (what the page's English chunk runs). Only the code that calls
/// this links the table on the page.
pub fn install_english() {
    #[cfg(all(feature = "app", target_arch = "wasm32"))]
    let _ = ENGLISH.set(&en::EN);
}

/// A section number in Chinese documents: 一, 二, … 十, 十一 … 九十九 (1-based).
pub fn cn_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}

/// Every word the app shows. A language that misses one does not compile.
pub struct Strings {
    pub app_title: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub load_failed_hint: &'static str,
    pub retry: &'static str,
    pub chunk_missing: &'static str,
    pub lang_switch: &'static str,
    pub col_seq: &'static str,
    pub col_category: &'static str,
    pub col_name: &'static str,
    pub col_city_leader: &'static str,
    pub col_lead_unit: &'static str,
    pub col_lead_unit_leader: &'static str,
    pub col_co_units: &'static str,
    pub col_due: &'static str,
    pub col_plan: &'static str,
    pub no_indicator_in_view: &'static str,
    pub plan_by_report_date: &'static str,
    pub thresholds: &'static str,
    pub tolerance_percent: &'static str,
    pub grace_days: &'static str,
    pub due_soon_days: &'static str,
    pub restore_defaults: &'static str,
    pub timeline_axis: &'static str,
    pub slide: &'static str,
    pub prev_slide: &'static str,
    pub next_slide: &'static str,
    pub auto_advance: &'static str,
    pub off: &'static str,
    pub dark_theme: &'static str,
    pub exit_present: &'static str,
    pub behind_title: &'static str,
    pub nothing_behind: &'static str,
    pub overview_title: &'static str,
    pub zoom: &'static str,
    pub zoom_year: &'static str,
    pub zoom_quarter: &'static str,
    pub zoom_month: &'static str,
    pub legend: &'static str,
    pub show_indicators: &'static str,
    pub download_svg: &'static str,
    pub download_png: &'static str,
    pub chart_status: &'static str,
    pub chart_by_category: &'static str,
    pub chart_by_unit: &'static str,
    pub chart_plan_vs_actual: &'static str,
    pub chart_indicator: &'static str,
    pub planned: &'static str,
    pub reported: &'static str,
    pub unit_ranking: &'static str,
    pub projects: &'static str,
    pub on_track_share: &'static str,
    pub mean_completion: &'static str,
    pub by_status: &'static str,
    pub quarter: &'static str,
    pub copy_text: &'static str,
    pub download_text: &'static str,
    pub import_list_hint: &'static str,
    pub paste_list: &'static str,
    pub open_table_file: &'static str,
    pub year_if_missing: &'static str,
    pub review_title: &'static str,
    pub confirm_import: &'static str,
    pub my_unit: &'static str,
    pub month: &'static str,
    pub grid_hint: &'static str,
    pub grid_choose_unit: &'static str,
    pub grid_no_rows: &'static str,
    pub plan_this_month: &'static str,
    pub last_report: &'static str,
    pub export_title: &'static str,
    pub export_hint: &'static str,
    pub export_scope: &'static str,
    pub scope_all: &'static str,
    pub export_json: &'static str,
    pub export_csv: &'static str,
    pub print: &'static str,
    pub import_title: &'static str,
    pub import_hint: &'static str,
    pub import_files: &'static str,
    pub import: &'static str,
    pub preview_title: &'static str,
    pub new_entries: &'static str,
    pub plan_mismatch: &'static str,
    pub apply_merge: &'static str,
    pub cancel: &'static str,
    pub issue_orphan: &'static str,
    pub issue_unauthorized: &'static str,
    pub issue_conflict: &'static str,
    pub accepted: &'static str,
    pub attention_title: &'static str,
    pub no_issues: &'static str,
    pub corrupt_title: &'static str,
    pub corrupt_hint: &'static str,
    pub download: &'static str,
    pub reason: &'static str,
    pub completion: &'static str,
    pub latest_values: &'static str,
    pub accept: &'static str,
    pub actions: &'static str,
    pub all_projects: &'static str,
    pub as_of: &'static str,
    pub back_to_list: &'static str,
    pub choose_unit: &'static str,
    pub clear_filters: &'static str,
    pub current_value: &'static str,
    pub date: &'static str,
    pub delete: &'static str,
    pub dismiss: &'static str,
    pub done: &'static str,
    pub due_month: &'static str,
    pub due_soon: &'static str,
    pub early_warning: &'static str,
    pub entry_current: &'static str,
    pub entry_deletion: &'static str,
    pub entry_pending: &'static str,
    pub entry_rejected: &'static str,
    pub entry_replaced: &'static str,
    pub grouping: &'static str,
    pub has_warnings: &'static str,
    pub history: &'static str,
    pub import_list: &'static str,
    pub indicator: &'static str,
    pub indicators: &'static str,
    pub milestones: &'static str,
    pub month_end_pick: &'static str,
    pub need_unit: &'static str,
    pub no_entries: &'static str,
    pub no_grouping: &'static str,
    pub no_match: &'static str,
    pub none_reported: &'static str,
    pub not_done: &'static str,
    pub note: &'static str,
    pub notes: &'static str,
    pub plan_choice: &'static str,
    pub plan_text_verbatim: &'static str,
    pub present: &'static str,
    pub project_missing: &'static str,
    pub reading: &'static str,
    pub reading_warnings: &'static str,
    pub recorded_at: &'static str,
    pub reject: &'static str,
    pub report: &'static str,
    pub report_date: &'static str,
    pub reporter: &'static str,
    pub reporting_person: &'static str,
    pub reporting_unit: &'static str,
    pub save: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub sort_due: &'static str,
    pub sort_name: &'static str,
    pub sort_official: &'static str,
    pub sorting: &'static str,
    pub state: &'static str,
    pub status: &'static str,
    pub step_done: &'static str,
    pub subject: &'static str,
    pub target: &'static str,
    pub undo: &'static str,
    pub value: &'static str,
    pub view_bulletin: &'static str,
    pub view_dashboard: &'static str,
    pub view_entry: &'static str,
    pub view_exchange: &'static str,
    pub view_list: &'static str,
    pub view_timeline: &'static str,
    pub views: &'static str,

    pub report_progress: &'static str,
    pub report_problems: &'static str,
    pub report_next_steps: &'static str,
    pub report_coordination: &'static str,
    pub monthly_report: &'static str,
    pub monthly_report_hint: &'static str,
    pub report_month: &'static str,
    pub step_col: &'static str,
    pub step_unreported: &'static str,
    pub grid_step_state: &'static str,
    /// "{project} 月报": the button that opens a project's report texts in the grid.
    pub fill_report: fn(&str) -> String,
    /// "{n}/{max} 字".
    pub chars_count: fn(usize, usize) -> String,
    /// "9月 月报".
    pub report_of_month: fn(&str) -> String,

    // ---- Words with values. A template is a function, so a misspelt or missing value is a compile
    // error in both languages.
    pub projects_count: fn(usize) -> String,
    pub projects_filtered: fn(usize, usize) -> String,
    pub timeline_rows: fn(usize, &str) -> String,
    pub dash_scope: fn(usize, &str) -> String,
    pub as_of_date: fn(&str) -> String,
    pub import_summary: fn(usize, usize, usize, usize) -> String,
    pub value_at_month_end: fn(&str) -> String,
    pub ledger_size: fn(usize) -> String,
    pub preview_new: fn(usize) -> String,
    pub preview_known: fn(usize) -> String,
    pub preview_issues: fn(usize) -> String,
    pub completion_of: fn(u32) -> String,
    /// "共 12 项" after a count of projects in charts ("12 项"); empty where the language needs none.
    pub count_unit: &'static str,
    /// Between items of a list in running text ("、" / ", ") and between clauses ("；" / "; ").
    pub list_sep: &'static str,
    pub clause_sep: &'static str,
    /// "{label}：{value}".
    pub labelled: fn(&str, &str) -> String,
    /// "{text}（{aside}）": a remark in brackets after a text.
    pub aside: fn(&str, &str) -> String,
    /// A value with the date it was required or reported: "100个（9月底）".
    pub value_on: fn(&str, &str) -> String,
    /// Nothing required yet, the next requirement: "— → 100个（9月底）".
    pub next_value: fn(&str, &str) -> String,
    /// "{value} / {target}".
    pub of_target: fn(&str, &str) -> String,
    pub continued_heading: fn(&str) -> String,
    pub imported_title: fn(&str) -> String,

    // ---- Dates.
    pub months: [&'static str; 12],
    pub quarters: [&'static str; 4],
    /// A month-end as plans write it: "9月底" / "end of Sep".
    pub month_end: fn(&str) -> String,
    /// A day: "5月18日" / "18 May".
    pub day_of: fn(&str, u8) -> String,
    /// A full date in running text: "2024年9月30日" / "2024-09-30".
    pub long_date: fn(i32, u8, u8) -> String,

    // ---- Status.
    pub light_done: &'static str,
    pub light_on_track: &'static str,
    pub light_behind: &'static str,
    pub light_serious: &'static str,
    pub light_overdue: &'static str,
    pub light_not_reported: &'static str,
    pub ms_met: &'static str,
    pub ms_behind: &'static str,
    pub ms_serious: &'static str,
    pub ms_not_reported: &'static str,
    pub ms_due_soon: &'static str,
    pub ms_future: &'static str,
    pub kind_count: &'static str,
    pub kind_level: &'static str,
    pub kind_rate: &'static str,
    pub kind_qualitative: &'static str,
    pub r_completed: &'static str,
    /// (when, required, actual, short by, indicator).
    pub r_shortfall: fn(&str, &str, &str, &str, &str) -> String,
    /// (when, step text, days late).
    pub r_step_late: fn(&str, &str, i64) -> String,
    /// (when, what).
    pub r_not_reported: fn(&str, &str) -> String,
    pub r_overdue: fn(&str) -> String,
    pub r_all_met_next: fn(&str) -> String,
    pub r_all_met: &'static str,
    pub r_nothing_due_first: fn(&str) -> String,
    pub r_nothing_due: &'static str,
    pub r_no_reports: fn(usize) -> String,
    /// (at, projected, required, due, projected at due, target).
    pub projection: fn(&str, &str, &str, &str, &str, &str) -> String,
    pub every_indicator: &'static str,
    pub req_share: fn(&str) -> String,
    pub req_rate: fn(&str) -> String,
    pub req_complete: &'static str,
    pub req_step: &'static str,
    pub req_done_short: &'static str,

    // ---- Reading a list.
    pub not_text: &'static str,
    pub empty_table: &'static str,
    pub no_projects: &'static str,
    pub mostly_numbers: &'static str,
    pub no_year: &'static str,
    /// (line, cells found, cells expected).
    pub short_row: fn(usize, usize, usize) -> String,
    pub extra_cells: fn(usize, usize, usize) -> String,
    pub missing_name: fn(usize) -> String,
    pub empty_field: fn(usize, &str) -> String,
    pub no_category: fn(usize) -> String,
    /// (line, category, number first given, number here).
    pub seq_mismatch: fn(usize, &str, u32, u32) -> String,
    pub seq_not_number: fn(usize, &str) -> String,
    pub continuation_row: fn(usize, &str) -> String,
    pub units_split: fn(usize, &str, &str) -> String,
    pub w_no_date: fn(&str) -> String,
    /// (text, milestone date, due date).
    pub w_beyond_due: fn(&str, &str, &str) -> String,
    pub w_unread_due: fn(&str) -> String,
    /// (text, figures, figure used).
    pub w_ambiguous_chosen: fn(&str, &str, &str) -> String,
    pub w_ambiguous_step: fn(&str, &str) -> String,
    pub w_unmatched: fn(&str, &str) -> String,
    pub w_no_milestone: fn(&str) -> String,
    pub w_decreasing: fn(&str, &str) -> String,
    /// (file, categories, projects, reading notes): the command-line importer's summary.
    pub cli_summary: fn(&str, usize, usize, usize) -> String,
    pub cli_cannot_read: fn(&str, &str) -> String,

    // ---- Files and loading.
    /// (file, megabytes, limit in megabytes).
    pub f_too_large: fn(&str, f64, usize) -> String,
    pub f_not_json: fn(&str, &str) -> String,
    /// (file, expected format, found format).
    pub f_wrong_format: fn(&str, &str, &str) -> String,
    pub none_word: &'static str,
    pub f_newer: fn(&str, u64, u64) -> String,
    pub f_bad_version: fn(&str) -> String,
    pub f_shape: fn(&str, &str) -> String,
    pub f_inconsistent: fn(&str, &str) -> String,
    pub f_unreadable: fn(&str) -> String,
    pub load_network: fn(&str) -> String,
    pub load_status: fn(&str, u16) -> String,

    // ---- Typed values.
    pub e_empty: &'static str,
    pub e_not_number: fn(&str) -> String,
    pub e_negative: &'static str,
    pub e_above_target: fn(&str) -> String,
    pub e_rate_above_100: &'static str,
    pub e_outside_year: fn(i32) -> String,
    pub e_future: fn(&str) -> String,
    pub e_not_date: fn(&str) -> String,
    /// (most characters allowed, characters given).
    pub e_too_long: fn(usize, usize) -> String,

    // ---- The bulletin.
    pub b_title: fn(i32, &str) -> String,
    /// (date, total, done, on track, behind, serious, not reported, share done or on track).
    pub b_lead: fn(&str, usize, usize, usize, usize, usize, usize, &str) -> String,
    pub b_total: &'static str,
    pub b_done: &'static str,
    pub b_on_track: &'static str,
    pub b_behind: &'static str,
    pub b_not_reported: &'static str,
    /// (section number from 1, name, projects).
    pub b_heading: fn(usize, &str, usize) -> String,
    pub b_requests: fn(usize) -> String,
    /// (light, reasons) after a project's name.
    pub b_delay: fn(&str, &str) -> String,
    /// (project, lead unit, delay).
    pub b_item: fn(&str, &str, &str) -> String,
    /// (category, projects, items).
    pub b_category: fn(&str, usize, &str) -> String,
    pub b_closing: &'static str,
    pub b_late_units: &'static str,
    /// (section number, name, units).
    pub b_units_heading: fn(usize, &str, usize) -> String,
    pub b_changes: &'static str,
    /// (section number, name): a heading without a count.
    pub b_section: fn(usize, &str) -> String,
    /// (label, text): a report quoted after a project.
    pub b_quote: fn(&str, &str) -> String,
    /// (unit, state, projects).
    pub b_late_unit: fn(&str, &str, &str) -> String,
    /// (better, worse, newly overdue, newly completed).
    pub b_changes_lead: fn(usize, usize, usize, usize) -> String,
    /// (project, light before, light now).
    pub b_change_item: fn(&str, &str, &str) -> String,
    /// (project, unit, matter).
    pub b_matter: fn(&str, &str, &str) -> String,
    /// (leader, matters).
    pub b_leader_matters: fn(&str, &str) -> String,
    pub changes_worse: &'static str,
    pub changes_better: &'static str,


    // ---- 报送情况, 催报.
    pub view_submissions: &'static str,
    pub remind: &'static str,
    pub deadline_day: &'static str,
    pub sub_reported: &'static str,
    pub sub_late: &'static str,
    pub sub_partly: &'static str,
    pub sub_missing: &'static str,
    pub sub_awaiting: &'static str,
    pub sub_none: &'static str,
    pub sub_unit: &'static str,
    pub sub_hint: &'static str,
    pub sub_missing_projects: &'static str,
    pub sub_late_projects: &'static str,
    pub remind_month: &'static str,
    /// (year, month).
    pub reminder_title: fn(i32, &str) -> String,
    /// (today, month, deadline, units).
    pub reminder_lead: fn(&str, &str, &str, usize) -> String,
    pub reminder_nobody: fn(&str, &str) -> String,
    /// (unit, projects, their names).
    pub reminder_item: fn(&str, usize, &str) -> String,
    pub reminder_closing: &'static str,
    /// (unit, month): the heading of a cell's details.
    pub sub_cell_title: fn(&str, &str) -> String,

    // ---- 督办单.
    pub view_notices: &'static str,
    pub notices_hint: &'static str,
    pub notice_office: &'static str,
    pub default_office: &'static str,
    pub print_all: &'static str,
    pub print_one: &'static str,
    /// The list of notices beside the one shown in full.
    pub notices_list: &'static str,
    /// A notice not numbered yet, on its line in the list.
    pub notice_unnumbered: &'static str,
    /// A notice's number on its line: "第 12 号".
    pub notice_no_short: fn(u32) -> String,
    /// 全部打印 under way: (batch, batches, printed, total).
    pub print_progress: fn(usize, usize, usize, usize) -> String,
    /// 全部打印 finished (printed, total) or stopped (printed, total).
    pub print_done: fn(usize, usize) -> String,
    pub print_stopped: fn(usize, usize) -> String,
    pub print_stop: &'static str,
    /// A bulletin's list cut short: how many more are not named.
    pub b_more: fn(usize) -> String,
    /// A long table shown a part at a time: (shown, total).
    pub show_more: fn(usize, usize) -> String,
    /// The plan-vs-actual chart's indicators, when there are too many for one menu.
    pub find_indicator: &'static str,
    /// (listed, matching): the menu lists the first of the indicators that match.
    pub indicators_listed: fn(usize, usize) -> String,
    pub no_notices: &'static str,
    pub notice_red: &'static str,
    pub notice_yellow: &'static str,
    pub notice_blue: &'static str,
    pub notice_title: &'static str,
    pub notice_status: &'static str,
    pub notice_missed: &'static str,
    pub notice_action: &'static str,
    pub notice_reply_by: &'static str,
    pub notice_signature: &'static str,
    /// (year, number).
    pub notice_number: fn(i32, u32) -> String,
    pub notice_number_pending: fn(i32) -> String,
    /// (reply-by date, the lead unit's leader).
    pub action_red: fn(&str, &str) -> String,
    pub action_yellow: fn(&str) -> String,
    /// (the milestone date due soon).
    pub action_blue: fn(&str) -> String,
    /// (when, milestone text, state).
    pub notice_due_soon: fn(&str, &str, &str) -> String,
    /// (notices, of which issued).
    pub notices_count: fn(usize, usize) -> String,

    // ---- 导出 Excel.
    pub export_xlsx: &'static str,
    pub xlsx_one_sheet: &'static str,
    pub xlsx_per_category: &'static str,
    pub xlsx_layout: &'static str,
    pub xlsx_sheet: &'static str,
    /// (plan title, sheet, report date, report month).
    pub xlsx_title: fn(&str, &str, &str, &str) -> String,
    pub xlsx_working: &'static str,
    /// The on-demand module failed to load or to answer (offline at first use, say).
    pub worker_failed: fn(&str) -> String,

    // ---- 较上期变化, 需协调事项.
    pub view_changes: &'static str,
    pub view_matters: &'static str,
    pub compare_from: &'static str,
    pub compare_to: &'static str,
    pub changes_hint: &'static str,
    pub changes_none: &'static str,
    pub col_change: &'static str,
    pub change_same: &'static str,
    pub newly_overdue: &'static str,
    pub newly_done: &'static str,
    /// (light before, light now).
    pub change_better: fn(&str, &str) -> String,
    pub change_worse: fn(&str, &str) -> String,
    /// (earlier date, later date).
    pub changes_between: fn(&str, &str) -> String,
    pub matters_hint: &'static str,
    pub matters_none: &'static str,
    /// (leader, matters).
    pub leader_matters: fn(&str, usize) -> String,
    /// (unit, month).
    pub matter_source: fn(&str, &str) -> String,
    /// (leader): the title of a slide of matters.
    pub slide_matters: fn(&str) -> String,

    // ---- Messages above the page.
    pub n_need_unit: &'static str,
    pub n_undone: &'static str,
    pub n_cells_invalid: fn(usize) -> String,
    pub n_saved: fn(usize, &str) -> String,
    pub n_month_not_started: &'static str,
    pub n_storage_full: &'static str,
    pub n_storage_protected: &'static str,
    pub n_journal_recovered: fn(usize) -> String,
    pub n_reader_missing: &'static str,
    /// English was asked for and its words could not be fetched: said in Chinese with an English
    /// sentence, since the English table is what is missing.
    pub n_english_missing: &'static str,
    pub n_merged: fn(usize, usize) -> String,
    pub n_same_list: &'static str,
    pub n_list_imported: &'static str,
    pub n_list_not_stored: &'static str,
    pub n_copied: &'static str,
    pub n_copy_refused: &'static str,
    pub n_updated: &'static str,
    pub n_url_params: fn(&str) -> String,
    pub n_recovered_backup: fn(&str) -> String,
    pub n_recovered: fn(&str) -> String,
    pub col_indicator_name: &'static str,
    pub col_target: &'static str,
    pub col_measure_unit: &'static str,
    pub col_baseline: &'static str,
    pub role_keep: &'static str,
    pub role_ignore: &'static str,
    pub no_name_column: fn(usize) -> String,
    pub w_no_plan_text: &'static str,
    pub w_due_year_end: fn(&str) -> String,
    pub w_target_not_number: fn(&str, &str) -> String,
    pub kind_excel: &'static str,
    pub kind_word: &'static str,
    pub src_encrypted: fn(&str) -> String,
    pub src_corrupt: fn(&str, &str) -> String,
    pub src_no_table: fn(&str) -> String,
    pub src_old_word: &'static str,
    pub src_pdf: &'static str,
    pub src_unknown: &'static str,
    /// (kind, entry, megabytes)
    pub src_entry_too_large: fn(&str, &str, &str) -> String,
    /// (kind, megabytes)
    pub src_total_too_large: fn(&str, &str) -> String,
    pub src_too_many_entries: fn(&str, &str) -> String,
    /// (kind, entry, ratio)
    pub src_ratio: fn(&str, &str, &str) -> String,
    pub src_unsafe_path: fn(&str, &str) -> String,
    pub src_overlapping: fn(&str) -> String,
    /// (kind, entry, levels)
    pub src_xml_deep: fn(&str, &str, &str) -> String,
    pub src_xml_attributes: fn(&str, &str, &str) -> String,
    /// (sheet, cells)
    pub sheet_too_many_cells: fn(&str, &str) -> String,
    /// (sheet, rows, last row)
    pub sheet_too_many_rows: fn(&str, &str, &str) -> String,
    pub sheet_too_many_columns: fn(&str, &str) -> String,
    /// (sheet, rows, columns, cells)
    pub sheet_too_large: fn(&str, &str, &str, &str) -> String,
    pub sheet_merged_overlap: fn(&str) -> String,
    pub sheet_shared_strings: fn(&str) -> String,
    pub src_reader_failed: fn(&str) -> String,
    pub mapping_title: &'static str,
    pub mapping_hint: &'static str,
    pub mapping_needs_name: &'static str,
    pub col_header: &'static str,
    pub col_sample: &'static str,
    pub col_meaning: &'static str,
    pub col_basis: &'static str,
    pub basis_header_name: &'static str,
    pub basis_header_word: &'static str,
    pub basis_content: &'static str,
    pub basis_length: &'static str,
    pub basis_progress: &'static str,
    pub basis_chosen: &'static str,
    pub basis_unknown: &'static str,
    pub list_progress_title: &'static str,
    pub list_progress_hint: fn(usize) -> String,
    pub list_progress_item: fn(&str, &str, &str, &str) -> String,
    pub list_progress_download: &'static str,
    pub meaning_of: fn(&str) -> String,
    pub column_n: fn(usize) -> String,
    pub sheet_choice: &'static str,
    pub reading_file: &'static str,
    pub extra_fields: &'static str,
    pub cli_mapping: fn(&str) -> String,
    pub cli_bad_map: fn(&str) -> String,
    pub cli_no_such_column: fn(&str, &str) -> String,
    pub cli_no_sheet: fn(&str, &str) -> String,
    pub cli_sheet: fn(&str) -> String,
    pub table_n: fn(usize) -> String,
    pub baseline_is: fn(&str) -> String,
    pub storage_title: &'static str,
    pub storage_usage: fn(&str, &str) -> String,
    pub storage_unknown: &'static str,
    pub storage_persisted: &'static str,
    pub storage_not_persisted: &'static str,
    pub storage_persist: &'static str,
    pub view_sync: &'static str,
    pub sync_hint: &'static str,
    pub sync_url: &'static str,
    pub sync_user: &'static str,
    pub sync_password: &'static str,
    pub sync_sign_in: &'static str,
    pub sync_now: &'static str,
    pub sync_sign_out: &'static str,
    pub sync_signed_in_as: fn(&str, &str) -> String,
    pub sync_off: &'static str,
    pub sync_working: &'static str,
    pub sync_done: fn(&str) -> String,
    pub sync_done_pending: fn(&str, usize) -> String,
    /// The last run found the server had lost data and put back (at, records).
    pub sync_done_restored: fn(&str, usize) -> String,
    pub sync_restoring: fn(usize) -> String,
    /// 恢复服务器数据 (the office) and what it says.
    pub sync_restore: &'static str,
    pub sync_restore_hint: &'static str,
    pub sync_offline: fn(usize) -> String,
    pub sync_signed_out: &'static str,
    pub sync_unreachable: &'static str,
    pub sync_no_database: fn(u16) -> String,
    pub sync_bad_login: &'static str,
    pub sync_not_member: &'static str,
    pub sync_server: fn(u16) -> String,
    pub sync_bad_address: &'static str,
    pub sync_refused_title: fn(usize) -> String,
    pub sync_refused_hint: &'static str,
    pub refused_not_your_unit: fn(&str) -> String,
    pub refused_unit_not_on_project: fn(&str) -> String,
    pub refused_unknown_project: &'static str,
    pub refused_office_only: &'static str,
    pub refused_immutable: &'static str,
    pub refused_other: fn(&str, &str) -> String,
    pub refused_because: fn(&str) -> String,
    pub r_closed: fn(&str) -> String,
    pub colon: &'static str,
    pub loop_loading: &'static str,
    pub item_col: &'static str,
    pub paren: fn(&str, &str) -> String,
    pub b_loop: &'static str,
    pub b_moved: fn(usize) -> String,
    pub b_closed: fn(usize) -> String,
    pub b_moved_item: fn(&str, &str, &str, &str) -> String,
    pub correct_report: &'static str,
    pub this_report: &'static str,
    pub act_as_office: fn(&str) -> String,
    pub view_review: &'static str,
    pub mark_moved: &'static str,
    pub mark_unreviewed: &'static str,
    pub mark_closed: &'static str,
    pub mark_cross_year: &'static str,
    pub st_pending: &'static str,
    pub st_passed: &'static str,
    pub st_returned: &'static str,
    pub st_resubmitted: &'static str,
    pub st_approved: &'static str,
    pub st_refused: &'static str,
    pub st_request_pending: &'static str,
    pub pass: &'static str,
    pub return_report: &'static str,
    pub return_comment: &'static str,
    pub approve: &'static str,
    pub refuse: &'static str,
    pub close_project: &'static str,
    pub opinion: &'static str,
    pub request_extension: &'static str,
    pub extension_reason: &'static str,
    pub new_date: &'static str,
    pub extension_target: &'static str,
    pub request_closure: &'static str,
    pub closure_summary: &'static str,
    pub submit: &'static str,
    pub withdraw: &'static str,
    pub e_office_only: fn(&str) -> String,
    pub e_not_lead: fn(&str) -> String,
    pub e_reason_required: &'static str,
    pub e_flow_too_long: fn(usize) -> String,
    pub e_not_later: fn(&str) -> String,
    pub e_past_year_end: fn(&str) -> String,
    pub e_nothing_to_review: &'static str,
    pub e_already_answered: &'static str,
    pub e_unknown_request: &'static str,
    pub e_already_requested: &'static str,
    pub e_already_closed: &'static str,
    pub e_cannot_withdraw: &'static str,
    pub e_unknown_milestone: &'static str,
    pub e_bad_date: &'static str,
    pub moved_text: fn(&str, &str) -> String,
    pub baseline_plan: &'static str,
    pub adjusted_plan: &'static str,
    pub reason_col: &'static str,
    pub approval_col: &'static str,
    pub flow_log: &'static str,
    pub log_report: fn(&str) -> String,
    pub log_review: fn(&str, bool) -> String,
    pub log_extension: fn(&str, &str) -> String,
    pub log_ruling: fn(bool) -> String,
    pub log_closure: &'static str,
    pub log_confirmation: fn(bool) -> String,
    pub log_withdrawal: &'static str,
    pub review_empty: &'static str,
    pub review_keys: &'static str,
    pub review_queue: &'static str,
    pub requests_title: &'static str,
    pub no_requests: &'static str,
    pub changed_since: &'static str,
    pub before_value: &'static str,
    pub now_value: &'static str,
    pub office_name: &'static str,
    pub set_against_baseline: &'static str,
    pub set_reviewed_only: &'static str,
    pub set_cross_year: &'static str,
    pub loop_settings: &'static str,
    pub set_aside_title: fn(usize) -> String,
    pub set_aside_why: fn(&str, &str) -> String,
    pub preview_acts: fn(usize) -> String,
    pub refused_not_lead: fn(&str) -> String,
    pub refused_unknown_type: &'static str,
    pub my_sent: &'static str,
    pub returned_first: &'static str,
    pub review_state_col: &'static str,
    pub month_label: fn(u8) -> String,
    pub publish_heading: &'static str,
    pub publish_intro: &'static str,
    pub publish_title: &'static str,
    pub publish_default_title: fn(i32) -> String,
    pub publish_base_url: &'static str,
    pub publish_base_hint: &'static str,
    pub publish_bad_url: &'static str,
    pub publish_progress_text: &'static str,
    pub publish_preview: &'static str,
    pub publish_working: &'static str,
    pub publish_summary: fn(usize, usize, &str) -> String,
    pub publish_reviewed: &'static str,
    pub publish_unreviewed: &'static str,
    pub publish_plan_alone: &'static str,
    pub publish_texts: fn(usize, usize) -> String,
    pub publish_never: &'static str,
    pub publish_sample: &'static str,
    pub publish_set_aside: &'static str,
    pub publish_done: fn(&str) -> String,
    pub publish_office_only: fn(&str) -> String,
    pub keys_heading: &'static str,
    pub keys_intro: &'static str,
    pub key_fingerprint: &'static str,
    pub key_own: fn(&str) -> String,
    pub key_none: &'static str,
    pub key_make: &'static str,
    pub key_pick_unit: &'static str,
    pub key_list: &'static str,
    pub key_list_empty: &'static str,
    pub key_trusted_at: &'static str,
    pub key_unit: &'static str,
    pub key_export: &'static str,
    pub key_import: &'static str,
    pub key_import_label: &'static str,
    pub key_loaded: fn(usize, usize) -> String,
    pub key_changes: &'static str,
    pub key_change_line: fn(&str, &str, &str, &str) -> String,
    pub unsigned_policy: &'static str,
    pub unsigned_accept: &'static str,
    pub unsigned_refuse: &'static str,
    pub trust_key: &'static str,
    pub replace_key: &'static str,
    pub sig_list: &'static str,
    pub sig_verified: fn(&str, &str, &str) -> String,
    pub sig_unsigned: fn(&str) -> String,
    pub sig_first: fn(&str, &str, &str) -> String,
    pub sig_new_key: fn(&str, &str, &str, &str) -> String,
    pub sig_tampered: fn(&str) -> String,
    pub sig_other_unit: fn(&str, &str) -> String,
    pub sig_name_mismatch: fn(&str, &str, &str) -> String,
    pub sig_malformed: fn(&str) -> String,
    pub sig_unsupported: fn(&str, &str) -> String,
    pub sig_unsigned_refused: fn(&str) -> String,
    pub sig_cannot_check: fn(&str) -> String,
    pub n_unsigned_export: &'static str,
    pub n_sign_failed: fn(&str) -> String,
    pub key_qr_alt: &'static str,
    pub seals_heading: &'static str,
    pub seals_intro: &'static str,
    pub seals_check: &'static str,
    pub seals_none: &'static str,
    pub seals_result: fn(usize, usize, usize) -> String,
    pub seals_records: &'static str,
    pub seals_proven: &'static str,
    pub seals_problems: &'static str,
    pub seal_tampered: &'static str,
    pub seal_untrusted: &'static str,
    pub seal_missing: &'static str,
    pub seal_bad_key: &'static str,
    pub evidence_heading: &'static str,
    pub evidence_hint: &'static str,
    pub evidence_for_month: &'static str,
    pub evidence_caption: &'static str,
    pub evidence_add: &'static str,
    pub evidence_working: &'static str,
    pub evidence_missing: &'static str,
    pub evidence_held_by: fn(&str) -> String,
    pub evidence_view: fn(&str) -> String,
    pub evidence_taken_at: &'static str,
    pub evidence_prev: &'static str,
    pub evidence_next: &'static str,
    pub evidence_open_pdf: &'static str,
    pub evidence_closure: &'static str,
    pub n_evidence_kept: fn(usize) -> String,
    /// A file refused: its name and why (one of the `ev_*` reasons).
    pub ev_file: fn(&str, &str) -> String,
    pub ev_not_kept: &'static str,
    pub ev_heic: &'static str,
    pub ev_corrupt: &'static str,
    pub ev_too_large: fn(&str) -> String,
    pub ev_too_many: fn(&str) -> String,
    pub ev_storage_full: &'static str,
    pub ev_unreadable: &'static str,
    pub ev_mismatch: &'static str,
    pub ev_bundle_no_progress: &'static str,
    pub ev_bundle_many: fn(&str) -> String,
    pub ev_bundle_big: fn(&str) -> String,
    pub ev_bundle_path: fn(&str) -> String,
    pub ev_bundle_damaged: &'static str,
    pub evidence_include: &'static str,
    pub storage_files: fn(usize, usize) -> String,
    pub storage_remove_orphans: &'static str,
    pub photos_title: &'static str,
    pub evidence_settings: &'static str,
    pub set_per_report: &'static str,
    pub set_pdf_mb: &'static str,
    pub set_image_edge: &'static str,
    pub set_pull_all: &'static str,
}

/// The words of the 公开版 (the published static site), in a table of their own: only the site's writer
/// reads them, so the app's pages do not carry them.
pub struct Site {
    pub lang_switch: &'static str,
    pub skip: &'static str,
    pub nav: &'static str,
    pub list: &'static str,
    pub data: &'static str,
    pub posters: &'static str,
    pub report_date: fn(&str) -> String,
    pub source: fn(&str, &str, bool) -> String,
    pub no_progress: fn(bool) -> &'static str,
    pub no_progress_hint: &'static str,
    pub count: fn(usize) -> String,
    pub by_category: &'static str,
    pub by_light: &'static str,
    pub all: &'static str,
    pub filtered: fn(&str) -> String,
    pub col_seq: &'static str,
    pub col_name: &'static str,
    pub col_category: &'static str,
    pub col_city_leader: &'static str,
    pub col_lead_unit: &'static str,
    pub col_lead_unit_leader: &'static str,
    pub col_co_units: &'static str,
    pub col_due: &'static str,
    pub col_status: &'static str,
    pub col_reason: &'static str,
    pub col_completion: &'static str,
    pub col_figures: &'static str,
    pub col_progress: &'static str,
    pub col_report_date: &'static str,
    pub col_address: &'static str,
    pub light_done: &'static str,
    pub light_on_track: &'static str,
    pub light_behind: &'static str,
    pub light_serious: &'static str,
    pub light_overdue: &'static str,
    pub light_none: &'static str,
    pub not_published: fn(&str) -> String,
    pub no_reports: &'static str,
    pub stage_done: &'static str,
    pub stage_not_done: &'static str,
    pub stage_no_news: &'static str,
    pub stage_ahead: &'static str,
    pub targets: &'static str,
    pub col_indicator: &'static str,
    pub col_target: &'static str,
    pub col_reported: &'static str,
    pub plan: &'static str,
    pub col_when: &'static str,
    pub col_content: &'static str,
    pub col_stage: &'static str,
    pub moves: &'static str,
    pub col_item: &'static str,
    pub col_baseline: &'static str,
    pub col_adjusted: &'static str,
    pub moved_due: fn(&str, &str) -> String,
    pub as_of: fn(&str) -> String,
    pub details: &'static str,
    pub qr_title: &'static str,
    pub qr_alt: fn(&str) -> String,
    pub address: &'static str,
    pub breadcrumb: &'static str,
    pub data_intro: &'static str,
    pub data_csv: &'static str,
    pub data_json: &'static str,
    pub posters_intro: &'static str,
    pub empty: &'static str,
    pub none_reported: &'static str,
    pub pager: &'static str,
    pub prev: &'static str,
    pub next: &'static str,
    pub page_of: fn(usize, usize) -> String,
}

#[cfg(test)]
mod tests;
