//! The list as CSV for Excel: UTF-8 with BOM (so Excel reads Chinese correctly), CRLF lines, every
//! field quoted where needed, with status, reason and latest values as of the report date.
//!
//! Invariant: a text document from statuses and the ledger view; words from `crate::i18n`; no download
//! (that is the view's `download` module).

use super::date::Date;
use super::ledger::LedgerView;
use super::messages::{figures_of, light_label, percent, reason};
use super::plan::Plan;
use super::status::ProjectStatus;
use crate::i18n::Lang;

/// One CSV field: quoted where needed, and a leading formula character kept as text.
pub fn field(s: &str) -> String {
    // A leading =, +, - or @ would make Excel evaluate the cell as a formula: keep it text.
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn list_csv(plan: &Plan, statuses: &[ProjectStatus], view: &LedgerView, rows: &[usize], date: Date, lang: Lang) -> String {
    let t = lang.t();
    let header = [
        t.col_seq, t.col_category, t.col_name, t.col_city_leader, t.col_lead_unit, t.col_lead_unit_leader, t.col_co_units,
        t.col_due, t.status, t.reason, t.completion, t.latest_values, t.report_date, t.col_plan,
    ];
    let mut out = String::from("\u{FEFF}");
    out.push_str(&header.iter().map(|h| field(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for &i in rows {
        let p = &plan.projects[i];
        let s = &statuses[i];
        let category = plan.category(p.category_no).map(|c| format!("{} {}", c.no, c.name)).unwrap_or_default();
        let reasons: Vec<String> = s.reasons.iter().map(|r| reason(r, lang)).collect();
        let values = figures_of(p, view, date, lang);
        let cells = [
            p.seq.to_string(),
            category,
            p.name.clone(),
            p.city_leader.to_string(),
            p.lead_unit.to_string(),
            p.lead_unit_leader.to_string(),
            p.co_units_text.to_string(),
            p.due_text.to_string(),
            format!("{} {}", s.light.symbol(), light_label(s.light, s.overdue, lang)),
            reasons.join(t.clause_sep),
            percent(s.completion),
            values.join(t.clause_sep),
            date.to_string(),
            p.plan_text.clone(),
        ];
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::delimited::{read_records, Delimiter};
    use crate::domain::import::import_list;
    use crate::domain::ledger::Ledger;
    use crate::domain::status::{evaluate_all, Settings};

    #[test]
    fn csv_round_trips_through_a_csv_reader() {
        let plan = import_list(include_str!("../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan;
        let view = LedgerView::new(&plan, &Ledger::default());
        let date = Date::new(2024, 6, 30).unwrap();
        let statuses = evaluate_all(&plan, &view, date, &Settings::default());
        let rows: Vec<usize> = (0..plan.projects.len()).collect();
        let csv = list_csv(&plan, &statuses, &view, &rows, date, Lang::Zh);
        assert!(csv.starts_with('\u{FEFF}'));
        let records = read_records(&csv, Delimiter::Comma);
        assert_eq!(records.len(), 49);
        assert!(records.iter().all(|r| r.cells.len() == 14));
        assert_eq!(records[1].cells[2], plan.projects[0].name);
        assert_eq!(records[1].cells[13], plan.projects[0].plan_text);
        assert_eq!(records[0].cells[0], "\u{FEFF}序号".trim_start_matches('\u{FEFF}'));
        // The figures and the completion are written as the Excel 台账 and the screen write them.
        let figures = figures_of(&plan.projects[0], &view, date, Lang::Zh).join(Lang::Zh.t().clause_sep);
        assert!(!figures.is_empty() && figures.contains(" / "), "{figures}");
        assert!(records[1].cells.iter().any(|c| c == &figures), "{:?}", records[1].cells);
        assert!(records[1].cells.iter().any(|c| c == &percent(statuses[0].completion)));
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
