//! 导出 Excel: the office's 台账 as a workbook: one row per project with its light (a coloured cell
//! with the light in words), figures, completion and the four report texts of the chosen month;
//! frozen header, column widths; one sheet, or a sheet per category. `ledger_book` lays the table out
//! (cheap, no spreadsheet code); `write_xlsx` writes the file (rust_xlsxwriter), which in the browser
//! only the worker module calls, so the first load does not carry it.
//!
//! Invariant: data in, a table or bytes out; colours from `palette.rs`; words from `crate::i18n`.

use super::date::Date;
use super::ledger::{LedgerView, Month, ReportField};
use super::messages::{figures_of, flow_state, light_label, long_date, month_name, reason, report_field, when};
use super::palette;
use super::plan::Plan;
use super::status::{Light, ProjectStatus};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A share, 0..=1, shown as a percentage.
    Percent(f64),
    /// A status light: its colour as the cell's fill, its words as the text.
    Light { light: Light, text: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    /// In characters, as Excel measures widths.
    pub width: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

/// The 台账 of the projects in `rows` (statuses at `date`), with the report texts of `month`.
#[allow(clippy::too_many_arguments)]
/// With the review loop (`flow`), three more columns: 审核状态 of the month's report, and the 原计划 and
/// 调整后 dates of what approved extensions moved.
pub fn ledger_book(
    plan: &Plan,
    statuses: &[ProjectStatus],
    view: &LedgerView,
    rows: &[usize],
    date: Date,
    month: Month,
    per_category: bool,
    flow: Option<&super::flow::Flow>,
    lang: crate::i18n::Lang,
) -> Book {
    let t = lang.t();
    let col = |header: &str, width: f64| Column { header: header.to_string(), width };
    let mut columns = vec![col(t.col_seq, 6.0)];
    if !per_category {
        columns.push(col(t.col_category, 16.0));
    }
    columns.extend([
        col(t.col_name, 36.0),
        col(t.col_lead_unit, 18.0),
        col(t.col_city_leader, 10.0),
        col(t.status, 12.0),
        col(t.reason, 40.0),
        col(t.completion, 10.0),
        col(t.latest_values, 36.0),
    ]);
    columns.extend(ReportField::ALL.iter().map(|f| col(report_field(*f, lang), 40.0)));
    if flow.is_some() {
        columns.extend([col(t.review_state_col, 10.0), col(t.baseline_plan, 14.0), col(t.adjusted_plan, 14.0)]);
    }
    let row_of = |i: usize| -> Vec<Cell> {
        let p = &plan.projects[i];
        let s = &statuses[i];
        let mut cells = vec![Cell::Number(f64::from(p.seq))];
        if !per_category {
            cells.push(Cell::Text(plan.category(p.category_no).map(|c| c.name.clone()).unwrap_or_default()));
        }
        let values = figures_of(p, view, date, lang);
        let texts = view.report_of(p, month).map(|(_, texts)| texts.clone()).unwrap_or_default();
        cells.extend([
            Cell::Text(p.name.clone()),
            Cell::Text(p.lead_unit.to_string()),
            Cell::Text(p.city_leader.to_string()),
            Cell::Light { light: s.light, text: format!("{} {}", s.light.symbol(), light_label(s.light, s.overdue, lang)) },
            Cell::Text(s.reasons.iter().map(|r| reason(r, lang)).collect::<Vec<_>>().join(t.clause_sep)),
            Cell::Percent(s.completion),
            Cell::Text(values.join("\n")),
        ]);
        cells.extend(ReportField::ALL.iter().map(|f| Cell::Text(texts.get(*f).to_string())));
        if let Some(flow) = flow {
            let state = flow.review_state(&p.id, month).map(|s| flow_state(s, lang).to_string()).unwrap_or_default();
            let moved = flow.moved(&p.id);
            let dates = |f: fn(&super::flow::Moved) -> Date| moved.iter().map(|m| when(f(m), lang)).collect::<Vec<_>>().join(t.clause_sep);
            cells.extend([Cell::Text(state), Cell::Text(dates(|m| m.baseline)), Cell::Text(dates(|m| m.adjusted))]);
        }
        cells
    };
    let title = |label: &str| (t.xlsx_title)(&plan.title, label, &long_date(date, lang), &month_name(month.month, lang));
    let sheets = if per_category {
        plan.categories
            .iter()
            .filter_map(|c| {
                let members: Vec<usize> = rows.iter().copied().filter(|&i| plan.projects[i].category_no == c.no).collect();
                (!members.is_empty()).then(|| Sheet {
                    name: sheet_name(&format!("{} {}", c.no, c.name)),
                    title: title(&c.name),
                    columns: columns.clone(),
                    rows: members.into_iter().map(row_of).collect(),
                })
            })
            .collect()
    } else {
        vec![Sheet { name: sheet_name(t.xlsx_sheet), title: title(t.xlsx_sheet), columns, rows: rows.iter().map(|&i| row_of(i)).collect() }]
    };
    Book { sheets }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(name: &str) -> String {
    let clean: String = name.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).collect();
    let clean = clean.trim_matches('\'').to_string();
    let short: String = clean.chars().take(31).collect();
    if short.trim().is_empty() {
        "Sheet".to_string()
    } else {
        short
    }
}

/// The workbook as .xlsx bytes.
pub fn write_xlsx(book: &Book) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};
    let rgb = |c: palette::Rgb| Color::RGB((u32::from(c.0) << 16) | (u32::from(c.1) << 8) | u32::from(c.2));
    let mut workbook = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new().set_bold().set_background_color(rgb(palette::SURFACE_2)).set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    let number = text.clone().set_align(FormatAlign::Right);
    let percent = number.clone().set_num_format("0%");
    let light_format = |l: Light| {
        let c = palette::light(l);
        let font = if l == Light::Behind { palette::TEXT } else { palette::WHITE };
        Format::new().set_background_color(rgb(c.mark)).set_font_color(rgb(font)).set_bold().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_align(FormatAlign::Top)
    };
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    for sheet in &book.sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name).map_err(err)?;
        ws.write_string_with_format(0, 0, &sheet.title, &title).map_err(err)?;
        for (c, column) in sheet.columns.iter().enumerate() {
            let c = u16::try_from(c).map_err(|e| e.to_string())?;
            ws.write_string_with_format(1, c, &column.header, &header).map_err(err)?;
            ws.set_column_width(c, column.width).map_err(err)?;
        }
        ws.set_freeze_panes(2, 0).map_err(err)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r + 2).map_err(|e| e.to_string())?;
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).map_err(|e| e.to_string())?;
                match cell {
                    Cell::Text(s) => ws.write_string_with_format(r, c, s, &text),
                    Cell::Number(n) => ws.write_number_with_format(r, c, *n, &number),
                    Cell::Percent(n) => ws.write_number_with_format(r, c, *n, &percent),
                    Cell::Light { light, text } => ws.write_string_with_format(r, c, text, &light_format(*light)),
                }
                .map_err(err)?;
            }
        }
    }
    workbook.save_to_buffer().map_err(err)
}

// Read back with calamine, a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
