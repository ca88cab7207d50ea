//! The timeline as a file: the rows in view order drawn by `domain::timeline::to_svg`, offered as SVG
//! or rasterised to PNG.

use super::super::download::{download_svg_as_png, download_text};
use super::super::state::Ctx;
use crate::domain::query::Line;
use crate::domain::timeline::{row_completion, row_geometry, to_svg, ExportRow, Scale};
use leptos::prelude::*;

pub fn export(c: Ctx, lines: &[Line], scale: &Scale, png: bool) {
    let plan = c.plan.get_untracked();
    let lang = c.lang.get_untracked();
    let date = c.report_date.get_untracked();
    let view = c.ledger_view.get_untracked();
    let rows: Vec<ExportRow> = c.statuses.with_untracked(|statuses| {
        lines
            .iter()
            .filter_map(|l| match l {
                Line::Row(r) => Some(r),
                Line::Group { .. } => None,
            })
            .map(|r| {
                let p = &plan.projects[r.project];
                let status = &statuses[r.project];
                let completion = row_completion(&plan, r, status, &view, date);
                ExportRow {
                    seq: if r.indicator.is_some() { String::new() } else { p.seq.to_string() },
                    name: match r.indicator {
                        None => p.name.clone(),
                        Some(k) => format!("· {}", p.indicators[k].name),
                    },
                    unit: p.lead_unit.to_string(),
                    light: status.light,
                    geometry: row_geometry(&plan, r, status, completion, scale, lang),
                }
            })
            .collect()
    });
    let title = format!("{} · {} · {date}", plan.title, lang.t().view_timeline);
    let svg = to_svg(&title, scale, &rows, date, lang);
    let name = format!("timeline-{date}");
    if png {
        download_svg_as_png(&format!("{name}.png"), &svg);
    } else {
        download_text(&format!("{name}.svg"), "image/svg+xml", &svg.text);
    }
}
