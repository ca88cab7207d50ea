//! 季度进展通报: a quarterly bulletin in the style of an official notice, generated from the statuses at
//! the quarter's end: overall figures, a table by category, and the projects completed, on track and
//! behind, by category, with their lead units and the reasons for delays.
//!
//! Invariant: a document as data (title, lead, table, sections) from statuses; words from
//! `crate::i18n` through `messages.rs`; the view only lays it out.

use super::dashboard::by_category;
use super::date::Date;
use super::messages::{light_label, long_date, quarter_name, reason};
use super::plan::format_number;
use super::plan::Plan;
use super::status::{Counts, Light, ProjectStatus};
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

pub fn bulletin(plan: &Plan, statuses: &[ProjectStatus], rows: &[usize], quarter: u8, lang: Lang) -> Bulletin {
    let t = lang.t();
    let date = quarter_end(plan.year, quarter).unwrap_or_else(|| plan.end());
    let counts = Counts::of(rows.iter().map(|&i| &statuses[i].light));
    let total = rows.len();
    let title = (t.b_title)(plan.year, quarter_name(quarter, lang));
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
            let items: Vec<String> = in_cat
                .iter()
                .map(|&i| {
                    let p = &plan.projects[i];
                    let s = &statuses[i];
                    let delay = if matches!(s.light, Light::Behind | Light::Serious) {
                        let reasons: Vec<String> = s.reasons.iter().map(|r| reason(r, lang)).collect();
                        (t.b_delay)(light_label(s.light, s.overdue, lang), &reasons.join(t.clause_sep))
                    } else {
                        String::new()
                    };
                    (t.b_item)(&p.name, &p.lead_unit, &delay)
                })
                .collect();
            paragraphs.push((t.b_category)(&c.name, in_cat.len(), &items.join(t.clause_sep)));
        }
        sections.push(Section { heading: (t.b_heading)(sections.len() + 1, name, members.len()), paragraphs });
    }
    sections.push(Section { heading: (t.b_requests)(sections.len() + 1), paragraphs: vec![t.b_closing.to_string()] });
    Bulletin { title, date, lead, table, sections }
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
    use crate::domain::import::import_list;
    use crate::domain::ledger::{Entry, Ledger, LedgerView, Reported, Subject};
    use crate::domain::status::{evaluate_all, Settings};

    const TABLE: &str = "2024 年测试清单
序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排
1\t甲类\t新增示范点 100 个\t张三\t市A局\t李四\t\t11月底\t9月底前完成不少于 80 个；11月底前全面完成。
\t\t建设驿站 10 家\t张三\t市B局\t李四\t\t11月底\t9月底前完成不少于 6 家；11月底前全面完成。
2\t乙类\t培训 200 人次\t王五\t市C局\t赵六\t\t9月底\t9月底前完成 200 人次。
\t\t开放场馆 5 家\t王五\t市D局\t赵六\t\t11月底\t9月底前完成 3 家；11月底前全面完成。
";

    #[test]
    fn third_quarter_bulletin_for_fixed_entries() {
        let plan = import_list(TABLE, None).unwrap().plan;
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
                unit: p.lead_unit.clone(),
                person: String::new(),
                recorded_at: format!("t{k}"),
                supersedes: None,
                deleted: false,
            });
        }
        let view = LedgerView::new(&plan, &ledger);
        let date = quarter_end(2024, 3).unwrap();
        let statuses = evaluate_all(&plan, &view, date, &Settings::default());
        let b = bulletin(&plan, &statuses, &[0, 1, 2, 3], 3, Lang::Zh);
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
甲类（1项）：建设驿站 10 家（市B局），严重滞后：9月底应≥6家，实际4家，差2家（建设驿站）。

四、未按时填报的项目（1项）
乙类（1项）：开放场馆 5 家（市D局）。

五、工作要求
请进度滞后和未填报项目的牵头单位对照责任清单，分析原因、制定措施，于下月5日前报送整改情况；各配合单位加强协同，确保全年目标任务按期完成。
";
        assert_eq!(text, expected);
        let en = to_text(&bulletin(&plan, &statuses, &[0, 1, 2, 3], 3, Lang::En), Lang::En);
        assert!(en.starts_with("Bulletin on the progress of the 2024 public-service projects, Q3"));
        assert!(en.contains("Seriously behind: end of Sep: ≥6家 required, 4家 reported, 2家 short"), "{en}");
    }
}
