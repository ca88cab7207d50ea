//! 督办单: the supervision notice for a project behind (严重滞后 or 逾期: red; 滞后: yellow) or with a
//! milestone due soon (临期: blue), as an office writes it: the number 督办〔YEAR〕第 N 号 (kept in the
//! ledger's register, so it stays the project's number for that report date), the project and its
//! units, what was missed and why, the required action and the reply-by date (both editable before
//! printing), and the level by colour and in words.
//!
//! Invariant: drafts and documents as data from statuses and the register; the view lays them out and
//! prints; no words but through `crate::i18n`.

use super::actions::{ActionError, Reporter};
use super::date::Date;
use super::ledger::{IssuedNotice, Ledger};
use super::markup::Markup;
use super::messages::{long_date, milestone_state, reason, when};
use super::plan::Plan;
use super::status::{Light, MilestoneState, ProjectStatus};
use crate::i18n::Lang;

/// Days from issue to the reply-by date offered by default.
pub const REPLY_DAYS: i64 = 7;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// 严重滞后 or 逾期.
    Red,
    /// 滞后.
    Yellow,
    /// 临期: a milestone not met is due within the coming days.
    Blue,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Red, Level::Yellow, Level::Blue];

    pub fn code(self) -> &'static str {
        match self {
            Level::Red => "red",
            Level::Yellow => "yellow",
            Level::Blue => "blue",
        }
    }

    pub fn from_code(code: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The light whose colour the notice's band takes (`palette.rs`).
    pub fn light(self) -> Light {
        match self {
            Level::Red => Light::Serious,
            Level::Yellow => Light::Behind,
            Level::Blue => Light::Done,
        }
    }
}

impl Level {
    /// The level in words, as the notice's band and its line in the list say it ("红色督办").
    pub fn band(self, lang: Lang) -> &'static str {
        let t = lang.t();
        match self {
            Level::Red => t.notice_red,
            Level::Yellow => t.notice_yellow,
            Level::Blue => t.notice_blue,
        }
    }
}

/// The level of notice a project's status calls for, if any.
pub fn level_of(s: &ProjectStatus) -> Option<Level> {
    match s.light {
        Light::Serious => Some(Level::Red),
        Light::Behind => Some(Level::Yellow),
        Light::Done => None,
        _ if !s.due_soon.is_empty() => Some(Level::Blue),
        _ => None,
    }
}

/// A notice before printing: what the office may still edit, and its number once issued.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub project: usize,
    pub level: Level,
    pub report_date: Date,
    /// The number, once issued.
    pub no: Option<u32>,
    pub action: String,
    pub reply_by: Date,
}

/// The drafts of the projects in `rows` that call for a notice: an issued notice keeps its number,
/// action and reply-by date; the rest get the default action and a reply-by date a week after today.
pub fn drafts(plan: &Plan, statuses: &[ProjectStatus], rows: &[usize], ledger: &Ledger, report_date: Date, today: Date, lang: Lang) -> Vec<Draft> {
    let issued = ledger.notices_at(report_date);
    rows.iter()
        .filter_map(|&i| {
            let level = level_of(&statuses[i])?;
            let p = &plan.projects[i];
            Some(match issued.get(p.id.as_str()) {
                Some(n) => Draft { project: i, level, report_date, no: Some(n.no), action: n.action.clone(), reply_by: n.reply_by },
                None => {
                    let reply_by = today.add_days(REPLY_DAYS).unwrap_or(today);
                    Draft { project: i, level, report_date, no: None, action: default_action(plan, i, &statuses[i], level, reply_by, lang), reply_by }
                }
            })
        })
        .collect()
}

/// What the office asks for by default, by level.
pub fn default_action(plan: &Plan, project: usize, status: &ProjectStatus, level: Level, reply_by: Date, lang: Lang) -> String {
    let t = lang.t();
    let p = &plan.projects[project];
    let reply = long_date(reply_by, lang);
    match level {
        Level::Red => (t.action_red)(&reply, &p.lead_unit_leader),
        Level::Yellow => (t.action_yellow)(&reply),
        Level::Blue => (t.action_blue)(&status.due_soon.first().map(|d| when(*d, lang)).unwrap_or_default()),
    }
}

/// Issues the drafts that have no number yet, in order, with the next numbers of the register; the
/// action and reply-by date are those of the draft as edited. Returns the drafts with their numbers.
impl Ledger {
    /// Issuing 督办单 as a user's action: numbers and registers those of `drafts` not numbered yet,
    /// issued by `who`'s office ([`issue`]); refused without an office. The drafts with their numbers.
    pub fn issue_notices(&mut self, who: &Reporter, plan: &Plan, drafts: &[Draft], m: &mut dyn super::actions::Minter) -> Result<Vec<Draft>, ActionError> {
        let who = who.checked()?;
        Ok(issue(self, plan, drafts, &who.unit, &who.person, m))
    }
}

pub fn issue(
    ledger: &mut Ledger,
    plan: &Plan,
    drafts: &[Draft],
    office: &str,
    person: &str,
    minter: &mut dyn super::actions::Minter,
) -> Vec<Draft> {
    let mut next = ledger.next_notice_no();
    drafts
        .iter()
        .map(|d| {
            if d.no.is_some() {
                return d.clone();
            }
            let no = next;
            next += 1;
            ledger.add_notice(IssuedNotice {
                id: minter.id("n-"),
                no,
                project: plan.projects[d.project].id.clone(),
                level: d.level.code().to_string(),
                report_date: d.report_date,
                action: d.action.clone(),
                reply_by: d.reply_by,
                unit: office.to_string(),
                person: person.to_string(),
                recorded_at: minter.now(),
            });
            Draft { no: Some(no), ..d.clone() }
        })
        .collect()
}

/// A notice as it is printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeDoc {
    pub level: Level,
    /// "红色督办" and the like: the level in words beside its colour.
    pub band: String,
    pub title: String,
    /// "督办〔2024〕第 3 号", or the words for a number not given yet.
    pub number: String,
    /// Label and value rows of the notice's table.
    pub rows: Vec<(String, String)>,
    pub office: String,
    pub date: String,
}

/// What a notice holds the unit to (督办事项), item by item: for a blue notice the milestones due soon,
/// otherwise the reasons of its status.
fn missed<'a>(plan: &'a Plan, s: &'a ProjectStatus, draft: &Draft, lang: Lang) -> Box<dyn Iterator<Item = String> + 'a> {
    let t = lang.t();
    let p = &plan.projects[draft.project];
    match draft.level {
        Level::Blue => Box::new(
            s.checks
                .iter()
                .filter(|c| c.state == MilestoneState::DueSoon)
                .filter_map(|c| p.milestones.get(c.milestone))
                .map(move |m| (t.notice_due_soon)(&when(m.due, lang), &m.text, milestone_state(MilestoneState::DueSoon, lang))),
        ),
        _ => Box::new(s.reasons.iter().map(move |r| reason(r, lang))),
    }
}

/// The first thing a notice holds the unit to, for its line in the list of notices ("" when none).
pub fn first_missed(plan: &Plan, statuses: &[ProjectStatus], draft: &Draft, lang: Lang) -> String {
    missed(plan, &statuses[draft.project], draft, lang).next().unwrap_or_default()
}

pub fn document(plan: &Plan, statuses: &[ProjectStatus], draft: &Draft, office: &str, issued_on: Date, lang: Lang) -> NoticeDoc {
    let t = lang.t();
    let p = &plan.projects[draft.project];
    let s = &statuses[draft.project];
    let category = plan.category(p.category_no).map(|c| c.name.clone()).unwrap_or_default();
    let missed: Vec<String> = missed(plan, s, draft, lang).collect();
    let leader = if p.lead_unit_leader.is_empty() { p.lead_unit.to_string() } else { (t.aside)(&p.lead_unit, &p.lead_unit_leader) };
    NoticeDoc {
        level: draft.level,
        band: draft.level.band(lang).to_string(),
        title: t.notice_title.to_string(),
        number: match draft.no {
            Some(n) => (t.notice_number)(plan.year, n),
            None => (t.notice_number_pending)(plan.year),
        },
        rows: vec![
            (t.col_name.to_string(), p.name.clone()),
            (t.col_category.to_string(), category),
            (t.col_city_leader.to_string(), p.city_leader.to_string()),
            (t.col_lead_unit.to_string(), leader),
            (t.col_co_units.to_string(), p.co_units_text.to_string()),
            (t.col_due.to_string(), p.due_text.to_string()),
            (t.notice_status.to_string(), (t.aside)(super::messages::light_label(s.light, s.overdue, lang), &(t.as_of_date)(&long_date(draft.report_date, lang)))),
            (t.notice_missed.to_string(), missed.join(t.clause_sep)),
            (t.notice_action.to_string(), draft.action.clone()),
            (t.notice_reply_by.to_string(), long_date(draft.reply_by, lang)),
        ],
        office: office.to_string(),
        date: long_date(issued_on, lang),
    }
}

/// A notice's sheet as markup, as it is shown beside the list and printed (one A4 page).
pub fn sheet(doc: &NoticeDoc, lang: Lang) -> Markup {
    let t = lang.t();
    let mut rows = Markup::default();
    for (label, value) in &doc.rows {
        rows.push(&crate::markup!(r#"<tr><th scope="row">{label}</th><td>{value}</td></tr>"#, label = label, value = value));
    }
    crate::markup!(
        r#"<div class="notice-sheet notice-{level}"><div class="notice-band"><span>{band}</span></div><h3 class="notice-title">{title}</h3><p class="notice-number">{number}</p><table class="notice-table"><tbody>{rows}</tbody></table><p class="notice-signature">{signed}<br>{date}</p></div>"#,
        level = doc.level.code(),
        band = doc.band,
        title = doc.title,
        number = doc.number,
        rows = rows,
        signed = (t.labelled)(t.notice_signature, &doc.office),
        date = doc.date,
    )
}

/// Notices printed a batch at a time: a browser lays out a few hundred A4 pages at once, not thousands.
pub const PRINT_BATCH: usize = 200;

/// A run of 全部打印 over `total` notices: the batch to print next, how many are printed, and whether the
/// user stopped it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrintRun {
    pub total: usize,
    pub batch: usize,
    /// Notices printed so far (the batches before the current one).
    pub printed: usize,
    pub stopped: bool,
}

impl PrintRun {
    pub fn new(total: usize, batch: usize) -> PrintRun {
        PrintRun { total, batch: batch.max(1), printed: 0, stopped: false }
    }

    /// The notices of the next batch, or `None` when all are printed or the run was stopped.
    pub fn next_batch(&self) -> Option<std::ops::Range<usize>> {
        (!self.stopped && self.printed < self.total).then(|| self.printed..(self.printed + self.batch).min(self.total))
    }

    /// The batch `next_batch` gave was printed.
    pub fn printed_batch(&mut self) {
        if let Some(r) = self.next_batch() {
            self.printed = r.end;
        }
    }

    /// Which batch is next, counted from 1, and how many there are.
    pub fn batch_no(&self) -> (usize, usize) {
        (self.printed / self.batch + 1, self.total.div_ceil(self.batch))
    }

    pub fn finished(&self) -> bool {
        self.stopped || self.printed >= self.total
    }
}

#[cfg(test)]
mod tests;
