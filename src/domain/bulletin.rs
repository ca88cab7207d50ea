//! 季度进展通报: a quarterly bulletin in the style of an official notice, generated from the statuses at
//! the quarter's end: overall figures, a table by category, the projects completed, on track and
//! behind by category (with their lead units, the reasons for delays and what their reports say of
//! problems and next steps), the units that did not report on time, what changed since the last
//! quarter, and the matters awaiting a leader's coordination.
//!
//! Invariant: a document as data (title, lead, table, sections) from statuses; words from
//! `crate::i18n` through `messages.rs`; the view only lays it out.

use super::changes::{changes, count_changes, Direction, LightChange};
use super::dashboard::by_category;
use super::date::Date;
use super::ledger::{month_of, LedgerView, ReportField, ReportTexts, Reported, Subject};
use super::matters::open_matters;
use super::messages::{light_label, long_date, quarter_name, reason};
use super::plan::{format_number, Plan, Project};
use super::status::{evaluate_all, Counts, Light, ProjectStatus, Settings};
use super::submissions::{submissions, CellState, SubmissionTable};
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bulletin {
    pub title: String,
    pub date: Date,
    pub lead: String,
    /// (category label, counts) rows of the summary table, then the total.
    pub table: Vec<(String, Counts)>,
    pub sections: Vec<Section>,
}

pub fn quarter_end(year: i32, quarter: u8) -> Option<Date> {
    Date::month_end(year, quarter.clamp(1, 4) * 3)
}

/// Everything a quarter's bulletin is made from, judged at the quarter's end.
pub struct Sources<'a> {
    pub plan: &'a Plan,
    pub view: &'a LedgerView,
    /// Statuses at the quarter's end and at the end of the quarter before.
    pub statuses: &'a [ProjectStatus],
    pub previous: &'a [ProjectStatus],
    pub rows: &'a [usize],
    pub quarter: u8,
    /// Who reported for the quarter's last month.
    pub submissions: &'a SubmissionTable,
    /// The review loop: extensions granted and projects closed by the quarter's end.
    pub flow: Option<&'a super::flow::Flow>,
}

/// The dates a quarter's bulletin judges: the quarter's end, and the end of the quarter before.
pub fn bulletin_dates(plan: &Plan, quarter: u8) -> (Date, Date) {
    let date = quarter_end(plan.year, quarter).unwrap_or_else(|| plan.end());
    (date, month_of(date).previous().previous().previous().end())
}

/// Who reported for a bulletin's quarter's last month.
pub fn bulletin_submissions(plan: &Plan, view: &LedgerView, settings: &Settings, quarter: u8, today: Date) -> SubmissionTable {
    submissions(plan, view, &[month_of(bulletin_dates(plan, quarter).0)], settings, today)
}

/// The statuses and submissions a bulletin needs, evaluated from the ledger view.
pub fn bulletin_at(plan: &Plan, view: &LedgerView, settings: &Settings, rows: &[usize], quarter: u8, today: Date, lang: Lang) -> Bulletin {
    let (date, before) = bulletin_dates(plan, quarter);
    let statuses = evaluate_all(plan, view, date, settings);
    let previous = evaluate_all(plan, view, before, settings);
    let submissions = submissions(plan, view, &[month_of(date)], settings, today);
    bulletin(&Sources { plan, view, statuses: &statuses, previous: &previous, rows, quarter, submissions: &submissions, flow: None }, lang)
}

pub fn bulletin(src: &Sources, lang: Lang) -> Bulletin {
    let (plan, statuses, rows) = (src.plan, src.statuses, src.rows);
    let t = lang.t();
    let date = quarter_end(plan.year, src.quarter).unwrap_or_else(|| plan.end());
    let counts = Counts::of(rows.iter().map(|&i| &statuses[i].light));
    let total = rows.len();
    let title = (t.b_title)(plan.year, quarter_name(src.quarter, lang));
    let pct = |n: usize| if total == 0 { 0.0 } else { (n as f64 * 1000.0 / total as f64).round() / 10.0 };
    let lead = (t.b_lead)(
        &long_date(date, lang),
        total,
        counts.done,
        counts.on_track,
        counts.behind,
        counts.serious,
        counts.not_reported,
        &format_number(pct(counts.done + counts.on_track)),
    );
    let mut table: Vec<(String, Counts)> = by_category(plan, statuses, rows).into_iter().map(|g| (g.label, g.counts)).collect();
    table.push((t.b_total.to_string(), counts));

    let groups: [(&[Light], &str); 4] = [
        (&[Light::Done], t.b_done),
        (&[Light::OnTrack], t.b_on_track),
        (&[Light::Behind, Light::Serious], t.b_behind),
        (&[Light::NotReported], t.b_not_reported),
    ];
    let mut sections = Vec::new();
    for (lights, name) in groups {
        let members: Vec<usize> = rows.iter().copied().filter(|&i| lights.contains(&statuses[i].light)).collect();
        if members.is_empty() {
            continue;
        }
        let mut paragraphs = Vec::new();
        for c in &plan.categories {
            let in_cat: Vec<usize> = members.iter().copied().filter(|&i| plan.projects[i].category_no == c.no).collect();
            if in_cat.is_empty() {
                continue;
            }
            paragraphs.push((t.b_category)(&c.name, in_cat.len(), &named(in_cat.iter().map(|&i| item(src, i, date, lang)), in_cat.len(), lang)));
        }
        sections.push(Section { heading: (t.b_heading)(sections.len() + 1, name, members.len()), paragraphs });
    }
    if let Some(s) = late_units(src, lang) {
        sections.push(Section { heading: (t.b_units_heading)(sections.len() + 1, t.b_late_units, s.0), paragraphs: s.1 });
    }
    let moved = changes(src.previous, statuses, rows);
    if !moved.is_empty() {
        sections.push(Section { heading: (t.b_section)(sections.len() + 1, t.b_changes), paragraphs: change_paragraphs(src, &moved, lang) });
    }
    let matters = open_matters(plan, src.view, rows, date);
    if !matters.is_empty() {
        let paragraphs = matters
            .iter()
            .map(|g| {
                let items = g.matters.iter().map(|m| (t.b_matter)(&plan.projects[m.project].name, &m.unit, &m.text));
                (t.b_leader_matters)(&g.leader, &named(items, g.matters.len(), lang))
            })
            .collect();
        sections.push(Section { heading: (t.b_section)(sections.len() + 1, t.report_coordination), paragraphs });
    }
    if let Some(paragraphs) = src.flow.and_then(|f| loop_paragraphs(plan, f, rows, date, lang)) {
        sections.push(Section { heading: (t.b_section)(sections.len() + 1, t.b_loop), paragraphs });
    }
    sections.push(Section { heading: (t.b_requests)(sections.len() + 1), paragraphs: vec![t.b_closing.to_string()] });
    Bulletin { title, date, lead, table, sections }
}

/// Projects a bulletin names in one list at most; the rest are counted (a bulletin of 10,000 projects
/// would otherwise name thousands in a paragraph: the 台账 lists them all).
pub const NAMED: usize = 30;

/// The first `NAMED` of `items` (of `total`), joined, and how many more there are.
fn named(items: impl Iterator<Item = String>, total: usize, lang: Lang) -> String {
    let t = lang.t();
    let mut out: Vec<String> = items.take(NAMED).collect();
    if total > out.len() {
        out.push((t.b_more)(total - out.len()));
    }
    out.join(t.clause_sep)
}

/// A project in its section: name and lead unit; behind, with its light, reasons, and what its latest
/// report says of problems and next steps.
fn item(src: &Sources, i: usize, date: Date, lang: Lang) -> String {
    let t = lang.t();
    let p = &src.plan.projects[i];
    let s = &src.statuses[i];
    if !matches!(s.light, Light::Behind | Light::Serious) {
        return (t.b_item)(&p.name, &p.lead_unit, "");
    }
    let reasons: Vec<String> = s.reasons.iter().map(|r| reason(r, lang)).collect();
    let mut delay = (t.b_delay)(light_label(s.light, s.overdue, lang), &reasons.join(t.clause_sep));
    if let Some(texts) = latest_report(src.view, p, date) {
        for (f, label) in [(ReportField::Problems, t.report_problems), (ReportField::NextSteps, t.report_next_steps)] {
            let text = texts.get(f).trim();
            if !text.is_empty() {
                delay.push_str(&(t.b_quote)(label, text));
            }
        }
    }
    (t.b_item)(&p.name, &p.lead_unit, &delay)
}

/// The latest report texts of a project up to `date`: the lead unit's when it sent any.
fn latest_report<'a>(view: &'a LedgerView, p: &Project, date: Date) -> Option<&'a ReportTexts> {
    let reports = view.entries_until(&p.id, &Subject::Report, date);
    let pick = reports.iter().rev().find(|e| e.unit == p.lead_unit).or(reports.last())?;
    match &pick.reported {
        Reported::Texts(texts) => Some(texts),
        _ => None,
    }
}

/// Units that did not report the quarter's last month on time: (count, one line a unit).
fn late_units(src: &Sources, lang: Lang) -> Option<(usize, Vec<String>)> {
    let t = lang.t();
    let table = src.submissions;
    let lines: Vec<String> = table
        .units
        .iter()
        .zip(&table.cells)
        .filter_map(|(unit, row)| {
            let cell = row.first()?;
            let state = match cell.state {
                CellState::NotReported => t.sub_missing,
                CellState::Partly => t.sub_partly,
                CellState::Late => t.sub_late,
                _ => return None,
            };
            let projects = cell.missing.iter().chain(&cell.late).map(|&i| src.plan.projects[i].name.clone());
            Some((t.b_late_unit)(unit, state, &named(projects, cell.missing.len() + cell.late.len(), lang)))
        })
        .collect();
    (!lines.is_empty()).then_some((lines.len(), lines))
}

/// The extensions granted and the projects closed by `date` (批准延期, 办结销号), each named with its
/// dates; `None` when there were none.
fn loop_paragraphs(plan: &Plan, flow: &super::flow::Flow, rows: &[usize], date: Date, lang: Lang) -> Option<Vec<String>> {
    use super::messages::when;
    let t = lang.t();
    let by = |time: &str| super::flow::day_of(time).is_some_and(|d| d <= date);
    let mut moved = Vec::new();
    let mut closed = Vec::new();
    for &i in rows {
        let p = &plan.projects[i];
        for m in flow.moved(&p.id).iter().filter(|m| by(&m.ruled_at)) {
            moved.push((t.b_moved_item)(&p.name, &p.lead_unit, &when(m.baseline, lang), &when(m.adjusted, lang)));
        }
        if flow.closed_on(&p.id).is_some_and(|d| d <= date) {
            closed.push((t.paren)(&p.name, &p.lead_unit));
        }
    }
    let mut out = Vec::new();
    if !moved.is_empty() {
        out.push((t.labelled)(&(t.b_moved)(moved.len()), &named(moved.iter().cloned(), moved.len(), lang)));
    }
    if !closed.is_empty() {
        out.push((t.labelled)(&(t.b_closed)(closed.len()), &named(closed.iter().cloned(), closed.len(), lang)));
    }
    (!out.is_empty()).then_some(out)
}

fn change_paragraphs(src: &Sources, moved: &[LightChange], lang: Lang) -> Vec<String> {
    let t = lang.t();
    let worse: Vec<&LightChange> = moved.iter().filter(|c| c.direction == Direction::Worse).collect();
    let better: Vec<&LightChange> = moved.iter().filter(|c| c.direction == Direction::Better).collect();
    let n = count_changes(moved);
    let describe = |c: &&LightChange| {
        let from = light_label(c.from, c.from_overdue, lang);
        let to = light_label(c.to, c.to_overdue, lang);
        (t.b_change_item)(&src.plan.projects[c.project].name, from, to)
    };
    let mut out = vec![(t.b_changes_lead)(n.better, n.worse, n.newly_overdue, n.newly_done)];
    if !worse.is_empty() {
        out.push((t.labelled)(t.changes_worse, &named(worse.iter().map(describe), worse.len(), lang)));
    }
    if !better.is_empty() {
        out.push((t.labelled)(t.changes_better, &named(better.iter().map(describe), better.len(), lang)));
    }
    out
}

/// The bulletin as plain text, for copying into a document or mail.
pub fn to_text(b: &Bulletin, lang: Lang) -> String {
    let t = lang.t();
    let mut out = format!("{}\n\n{}\n\n", b.title, b.lead);
    out.push_str(&format!(
        "{}\t{}\t{}\t{}\t{}\t{}\n",
        t.col_category,
        light_label(Light::Done, false, lang),
        light_label(Light::OnTrack, false, lang),
        light_label(Light::Behind, false, lang),
        light_label(Light::Serious, false, lang),
        light_label(Light::NotReported, false, lang)
    ));
    for (label, c) in &b.table {
        out.push_str(&format!("{label}\t{}\t{}\t{}\t{}\t{}\n", c.done, c.on_track, c.behind, c.serious, c.not_reported));
    }
    for s in &b.sections {
        out.push_str(&format!("\n{}\n", s.heading));
        for p in &s.paragraphs {
            out.push_str(&format!("{p}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{list};
    use crate::domain::ledger::{Entry, Ledger, LedgerView, ReportTexts, Reported, Subject};
    use crate::domain::status::Settings;

    const ROWS: &str = "1\t甲类\t新增示范点 100 个\t张三\t市A局\t李四\t\t11月底\t9月底前完成不少于 80 个；11月底前全面完成。
\t\t建设驿站 10 家\t张三\t市B局\t李四\t\t11月底\t9月底前完成不少于 6 家；11月底前全面完成。
2\t乙类\t培训 200 人次\t王五\t市C局\t赵六\t\t9月底\t9月底前完成 200 人次。
\t\t开放场馆 5 家\t王五\t市D局\t赵六\t\t11月底\t9月底前完成 3 家；11月底前全面完成。
";

    #[test]
    fn third_quarter_bulletin_for_fixed_entries() {
        let plan = list(ROWS);
        let mut ledger = Ledger::default();
        let values = [(0usize, 85.0), (1, 4.0), (2, 200.0)];
        for (k, (i, v)) in values.into_iter().enumerate() {
            let p = &plan.projects[i];
            ledger.add(Entry {
                id: format!("e{k}"),
                project: p.id.clone(),
                subject: Subject::Indicator(p.indicators[0].id.clone()),
                reported: Reported::Value(v),
                as_of: Date::new(2024, 9, 30).unwrap(),
                note: String::new(),
                unit: p.lead_unit.to_string(),
                person: String::new(),
                recorded_at: format!("2024-10-0{}T02:00:00.000Z", k + 1),
                supersedes: None,
                deleted: false,
            });
        }
        let p = &plan.projects[1];
        ledger.add(Entry {
            id: "r1".into(),
            project: p.id.clone(),
            subject: Subject::Report,
            reported: Reported::Texts(ReportTexts {
                progress: "完成4家".into(),
                problems: "两处选址未落实".into(),
                next_steps: "10月底前完成选址".into(),
                coordination: "请协调国有房产".into(),
            }),
            as_of: Date::new(2024, 9, 30).unwrap(),
            note: String::new(),
            unit: p.lead_unit.to_string(),
            person: String::new(),
            recorded_at: "2024-10-02T02:00:00.000Z".into(),
            supersedes: None,
            deleted: false,
        });
        let view = LedgerView::new(&plan, &ledger);
        let today = Date::new(2024, 10, 10).unwrap();
        let b = bulletin_at(&plan, &view, &Settings::default(), &[0, 1, 2, 3], 3, today, Lang::Zh);
        let text = to_text(&b, Lang::Zh);
        let expected = "关于2024年市政府民生实事项目第三季度进展情况的通报

截至2024年9月30日，4个民生实事项目中，已完成1项，进展正常1项，滞后0项，严重滞后或逾期1项，未填报1项；已完成和进展正常的项目占50%。

类别\t已完成\t正常\t滞后\t严重滞后\t未填报
1 甲类\t0\t1\t0\t1\t0
2 乙类\t1\t0\t0\t0\t1
合计\t1\t1\t0\t1\t1

一、已完成的项目（1项）
乙类（1项）：培训 200 人次（市C局）。

二、进展正常的项目（1项）
甲类（1项）：新增示范点 100 个（市A局）。

三、进度滞后的项目（1项）
甲类（1项）：建设驿站 10 家（市B局），严重滞后：9月底应≥6家，实际4家，差2家（建设驿站）。存在问题：两处选址未落实。下步打算：10月底前完成选址。

四、未按时填报的项目（1项）
乙类（1项）：开放场馆 5 家（市D局）。

五、未按时报送的单位（1个）
市D局（未报送）：开放场馆 5 家。

六、较上期变化
与上期相比，1个项目状态好转，2个项目状态变差；其中新增逾期0项，新完成1项。
状态变差：建设驿站 10 家（正常→严重滞后）；开放场馆 5 家（正常→未填报）
状态好转：培训 200 人次（正常→已完成）

七、需协调事项
提请张三同志协调：建设驿站 10 家（市B局）：请协调国有房产。

八、工作要求
请进度滞后和未填报项目的牵头单位对照责任清单，分析原因、制定措施，于下月5日前报送整改情况；各配合单位加强协同，确保全年目标任务按期完成。
";
        assert_eq!(text, expected);
        let en = to_text(&bulletin_at(&plan, &view, &Settings::default(), &[0, 1, 2, 3], 3, today, Lang::En), Lang::En);
        assert!(en.starts_with("Bulletin on the progress of the 2024 public-service projects, Q3"));
        assert!(en.contains("Seriously behind: end of Sep: ≥6家 required, 4家 reported, 2家 short"), "{en}");
    }

    #[test]
    fn a_list_of_many_names_the_first_and_counts_the_rest() {
        let names = |n: usize| (1..=n).map(|k| format!("项目{k}"));
        assert_eq!(named(names(3), 3, Lang::Zh), "项目1；项目2；项目3");
        let cut = named(names(NAMED + 12), NAMED + 12, Lang::Zh);
        assert!(cut.starts_with("项目1；项目2；"));
        assert!(cut.contains(&format!("项目{NAMED}；另有12项（详见台账）")));
        assert!(!cut.contains(&format!("项目{}", NAMED + 1)));
        assert!(named(names(40), 40, Lang::En).ends_with("; 10 more (see the ledger workbook)"));
        // A bulletin of a large list stays a readable size: 200 projects behind in one category.
        let rows: String = (0..200).map(|k| format!("{}\t甲类\t新增示范点{k} 100 个\t张三\t市A局\t李四\t\t11月底\t9月底前完成不少于 80 个；11月底前全面完成。\n", if k == 0 { "1" } else { "" })).collect();
        let plan = list(&rows);
        let view = LedgerView::new(&plan, &Ledger::default());
        let all: Vec<usize> = (0..200).collect();
        let b = bulletin_at(&plan, &view, &Settings::default(), &all, 3, Date::new(2024, 10, 10).unwrap(), Lang::Zh);
        let not_reported = &b.sections[0];
        assert_eq!(not_reported.heading, "一、未按时填报的项目（200项）");
        assert!(not_reported.paragraphs[0].starts_with("甲类（200项）：新增示范点0 100 个（市A局）；"));
        assert!(not_reported.paragraphs[0].ends_with("另有170项（详见台账）。"));
    }
}
