//! 季度进展通报: a quarterly bulletin in the style of an official notice, generated from the statuses at
//! the quarter's end: overall figures, a table by category, and the projects completed, on track and
//! behind, by category, with their lead units and the reasons for delays.

use super::dashboard::by_category;
use super::date::Date;
use super::messages::{light_label, reason};
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

const CN_ORDINALS: [&str; 8] = ["一", "二", "三", "四", "五", "六", "七", "八"];

pub fn quarter_end(year: i32, quarter: u8) -> Option<Date> {
    Date::month_end(year, quarter.clamp(1, 4) * 3)
}

pub fn quarter_name(q: u8, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{}季度", CN_ORDINALS[usize::from(q.clamp(1, 4) - 1)]),
        Lang::En => format!("Q{q}"),
    }
}

pub fn bulletin(plan: &Plan, statuses: &[ProjectStatus], rows: &[usize], quarter: u8, lang: Lang) -> Bulletin {
    let date = quarter_end(plan.year, quarter).unwrap_or_else(|| plan.end());
    let counts = Counts::of(rows.iter().map(|&i| &statuses[i].light));
    let total = rows.len();
    let title = lang.pick(
        format!("关于{}年市政府民生实事项目{}进展情况的通报", plan.year, quarter_name(quarter, lang)),
        format!("Bulletin on the progress of the {} public-service projects, {}", plan.year, quarter_name(quarter, lang)),
    );
    let pct = |n: usize| if total == 0 { 0.0 } else { (n as f64 * 1000.0 / total as f64).round() / 10.0 };
    let lead = lang.pick(
        format!(
            "截至{}年{}月{}日，{}个民生实事项目中，已完成{}项，进展正常{}项，滞后{}项，严重滞后或逾期{}项，未填报{}项；已完成和进展正常的项目占{}%。",
            date.year(), date.month(), date.day(), total, counts.done, counts.on_track, counts.behind, counts.serious, counts.not_reported,
            pct(counts.done + counts.on_track)
        ),
        format!(
            "As of {date}, of {total} projects {} are completed, {} on track, {} behind, {} seriously behind or overdue and {} not reported; {}% are completed or on track.",
            counts.done, counts.on_track, counts.behind, counts.serious, counts.not_reported, pct(counts.done + counts.on_track)
        ),
    );
    let mut table: Vec<(String, Counts)> = by_category(plan, statuses, rows).into_iter().map(|g| (g.label, g.counts)).collect();
    table.push((lang.pick("合计", "Total").to_string(), counts));

    let groups: [(&[Light], &str, &str); 4] = [
        (&[Light::Done], "已完成的项目", "Completed projects"),
        (&[Light::OnTrack], "进展正常的项目", "Projects on track"),
        (&[Light::Behind, Light::Serious], "进度滞后的项目", "Projects behind schedule"),
        (&[Light::NotReported], "未按时填报的项目", "Projects not reported"),
    ];
    let mut sections = Vec::new();
    for (lights, zh, en) in groups {
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
                    let delayed = matches!(s.light, Light::Behind | Light::Serious);
                    let why = if delayed {
                        let reasons: Vec<String> = s.reasons.iter().map(|r| reason(r, lang)).collect();
                        lang.pick(format!("，{}：{}", light_label(s.light, s.overdue, lang), reasons.join("；")), format!(" — {}: {}", light_label(s.light, s.overdue, lang), reasons.join("; ")))
                    } else {
                        String::new()
                    };
                    lang.pick(format!("{}（{}）{why}", p.name, p.lead_unit), format!("{} ({}){why}", p.name, p.lead_unit))
                })
                .collect();
            paragraphs.push(lang.pick(
                format!("{}（{}项）：{}。", c.name, in_cat.len(), items.join("；")),
                format!("{} ({}): {}.", c.name, in_cat.len(), items.join("; ")),
            ));
        }
        let heading = lang.pick(
            format!("{}、{zh}（{}项）", CN_ORDINALS[sections.len()], members.len()),
            format!("{}. {en} ({})", sections.len() + 1, members.len()),
        );
        sections.push(Section { heading, paragraphs });
    }
    let closing = lang.pick(
        "请进度滞后和未填报项目的牵头单位对照责任清单，分析原因、制定措施，于下月5日前报送整改情况；各配合单位加强协同，确保全年目标任务按期完成。",
        "Lead units of projects behind schedule or not reported are asked to analyse the causes, set out measures and report by the 5th of next month; cooperating units are asked to support them so that every target is met on time.",
    );
    sections.push(Section { heading: lang.pick(format!("{}、工作要求", CN_ORDINALS[sections.len()]), format!("{}. Requests", sections.len() + 1)), paragraphs: vec![closing.to_string()] });
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
