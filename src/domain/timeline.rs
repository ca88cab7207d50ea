//! Timeline geometry: where every date, row, bar and milestone marker goes, for the view and for the
//! SVG export. Pure; the view only draws what this computes.
//!
//! View modes are data (like frappe-gantt's table of modes): pixels per day and which ticks to show.
//!
//! Invariant: numbers and words in, geometry (and the export's SVG text) out; colours from
//! `palette.rs`; nothing of the DOM.

use super::date::Date;
use super::messages::requirement_short;
use super::plan::{Milestone, Plan, Project, Requirement};
use super::query::RowRef;
use super::ledger::LedgerView;
use super::palette;
use super::status::{indicator_share, Light, MilestoneState, ProjectStatus};
use super::svg::{xml_escape, Num, Svg};
use super::view_state::Zoom;
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewMode {
    pub zoom: Zoom,
    pub px_per_day: f64,
    /// Show day-of-month ticks (every 7 days) under the months.
    pub weeks: bool,
}

pub const VIEW_MODES: [ViewMode; 3] = [
    ViewMode { zoom: Zoom::Year, px_per_day: 2.5, weeks: false },
    ViewMode { zoom: Zoom::Quarter, px_per_day: 9.0, weeks: true },
    ViewMode { zoom: Zoom::Month, px_per_day: 28.0, weeks: true },
];

pub fn mode(zoom: Zoom) -> ViewMode {
    VIEW_MODES.iter().copied().find(|m| m.zoom == zoom).unwrap_or(VIEW_MODES[0])
}

/// Row height in pixels, the same at every zoom so scrolling maths stays simple.
pub const ROW_HEIGHT: f64 = 44.0;

/// The height of a row's chart on the page: the row less its 1 px rule (`.tl-row > *` in
/// style/timeline.css), so that every line is `ROW_HEIGHT` tall and the spacers of the lines out of
/// view (`ROW_HEIGHT` each) put the lines in view where they were. A chart of the full height made a
/// project's row 45 px: the lines in view jumped by a pixel for each row the window passed.
pub const CHART_HEIGHT: f64 = ROW_HEIGHT - 1.0;

/// Date → x over one plan year (plus the days before the plan's first and after its last date).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub start: Date,
    pub end: Date,
    pub px_per_day: f64,
}

impl Scale {
    pub fn new(plan: &Plan, mode: ViewMode) -> Scale {
        Scale { start: plan.start(), end: plan.end(), px_per_day: mode.px_per_day }
    }

    /// The left edge of a day.
    pub fn x(&self, date: Date) -> f64 {
        self.start.days_until(date) as f64 * self.px_per_day
    }

    /// The right edge of a day: a deadline "9月底" is drawn at the end of September 30.
    pub fn x_end(&self, date: Date) -> f64 {
        self.x(date) + self.px_per_day
    }

    pub fn width(&self) -> f64 {
        self.x_end(self.end)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub width: f64,
    pub label: String,
}

/// Month and quarter header cells.
pub fn month_ticks(scale: &Scale, lang: Lang) -> Vec<Tick> {
    (1..=12u8)
        .filter_map(|m| {
            let first = Date::new(scale.start.year(), m, 1)?;
            let last = Date::month_end(scale.start.year(), m)?;
            let x = scale.x(first);
            Some(Tick { x, width: scale.x_end(last) - x, label: super::messages::month_name(m, lang) })
        })
        .collect()
}

pub fn quarter_ticks(scale: &Scale, lang: Lang) -> Vec<Tick> {
    (1..=4u8)
        .filter_map(|q| {
            let first = Date::new(scale.start.year(), q * 3 - 2, 1)?;
            let last = Date::month_end(scale.start.year(), q * 3)?;
            let x = scale.x(first);
            Some(Tick { x, width: scale.x_end(last) - x, label: super::messages::quarter_name(q, lang).to_string() })
        })
        .collect()
}

/// The rows of the current window: `first..last` of `total` rows at `ROW_HEIGHT`, for a viewport
/// scrolled to `scroll_top` and `height` tall, with `overscan` extra rows either side.
pub fn visible_rows(total: usize, scroll_top: f64, height: f64, overscan: usize) -> std::ops::Range<usize> {
    window(total, ROW_HEIGHT, scroll_top, height, overscan)
}

/// The lines of a virtual list of `total` lines of `line_height` that are in (or near) view.
pub fn window(total: usize, line_height: f64, scroll_top: f64, height: f64, overscan: usize) -> std::ops::Range<usize> {
    if total == 0 || line_height <= 0.0 {
        return 0..0;
    }
    let first = (scroll_top.max(0.0) / line_height).floor() as usize;
    let count = (height.max(0.0) / line_height).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(total);
    let end = (first + count + overscan).min(total);
    start..end
}

/// The state a marker shows: the worst of its checks (a milestone measuring several indicators).
pub fn marker_state(status: &ProjectStatus, milestone: usize) -> MilestoneState {
    fn rank(s: MilestoneState) -> u8 {
        match s {
            MilestoneState::Missed { minor: false } => 6,
            MilestoneState::NotReported => 5,
            MilestoneState::Missed { minor: true } => 4,
            MilestoneState::DueSoon => 3,
            MilestoneState::Future => 2,
            MilestoneState::Met => 1,
        }
    }
    status.checks.iter().filter(|c| c.milestone == milestone).map(|c| c.state).max_by_key(|s| rank(*s)).unwrap_or(MilestoneState::Future)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub milestone: usize,
    pub x: f64,
    pub label: String,
    pub state: MilestoneState,
    /// Label lane (0 above the bar, 1 below) so labels of near markers do not overlap.
    pub lane: u8,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RowGeometry {
    pub bar_x: f64,
    pub bar_width: f64,
    /// Width of the reported-progress fill (plan vs actual).
    pub fill_width: f64,
    pub markers: Vec<Marker>,
    /// Where moved milestones stood in the published list (原计划): (baseline x, adjusted x).
    pub ghosts: Vec<(f64, f64)>,
}

/// Adds the baseline's ghost markers to a row drawn from the adjusted plan: each milestone of the row
/// whose date an approved extension moved keeps a faint marker at its original date.
pub fn add_ghosts(g: &mut RowGeometry, baseline: &Project, adjusted: &Project, scale: &Scale) {
    for m in &g.markers {
        let (Some(was), Some(now)) = (baseline.milestones.get(m.milestone), adjusted.milestones.get(m.milestone)) else { continue };
        if was.due != now.due {
            g.ghosts.push((scale.x_end(was.due), m.x));
        }
    }
}

/// Approximate label width: CJK characters are twice as wide as Latin ones.
pub fn label_width(label: &str, font_px: f64) -> f64 {
    label.chars().map(|c| if c.is_ascii() { 0.55 } else { 1.0 }).sum::<f64>() * font_px
}

fn in_row(project: &Project, m: &Milestone, indicator: Option<usize>) -> bool {
    match indicator {
        None => true,
        Some(k) => {
            let id = &project.indicators[k].id;
            project.measured_by(m).any(|i| &i.id == id) && m.requirement != Requirement::Step
        }
    }
}

/// Completion of a row: the project's, or one indicator's value against its target (the same rule as
/// the status: `status::indicator_share`).
pub fn row_completion(plan: &Plan, row: &RowRef, status: &ProjectStatus, view: &LedgerView, date: Date) -> f64 {
    match row.indicator {
        None => status.completion,
        Some(k) => {
            let p = &plan.projects[row.project];
            let ind = &p.indicators[k];
            indicator_share(ind, view.value_at(&p.id, &ind.id, date))
        }
    }
}

/// Bar, progress fill and markers of one row.
pub fn row_geometry(plan: &Plan, row: &RowRef, status: &ProjectStatus, completion: f64, scale: &Scale, lang: Lang) -> RowGeometry {
    let p = &plan.projects[row.project];
    let first = p.milestones.iter().filter_map(|m| m.start).chain(std::iter::once(plan.start())).min().unwrap_or(plan.start());
    let start = first.max(plan.start());
    let end = p.end().unwrap_or(plan.end()).max(start);
    let bar_x = scale.x(start);
    let bar_width = (scale.x_end(end) - bar_x).max(2.0);
    let mut markers: Vec<Marker> = p
        .milestones
        .iter()
        .enumerate()
        .filter(|(_, m)| in_row(p, m, row.indicator))
        .map(|(k, m)| Marker { milestone: k, x: scale.x_end(m.due), label: requirement_short(m, p, lang), state: marker_state(status, k), lane: 0 })
        .collect();
    // Same-day markers merge their labels; labels that would overlap go to the other lane.
    markers.dedup_by(|later, earlier| {
        if (later.x - earlier.x).abs() < 0.5 {
            if !later.label.is_empty() && !earlier.label.contains(&later.label) {
                earlier.label = if earlier.label.is_empty() { later.label.clone() } else { format!("{}/{}", earlier.label, later.label) };
            }
            true
        } else {
            false
        }
    });
    let mut lane_end = [f64::MIN; 2];
    for m in &mut markers {
        let w = label_width(&m.label, 12.0);
        let left = m.x - w / 2.0;
        let lane = if left >= lane_end[0] { 0 } else if left >= lane_end[1] { 1 } else { 0 };
        m.lane = lane as u8;
        lane_end[lane] = m.x + w / 2.0 + 4.0;
    }
    RowGeometry { bar_x, bar_width, fill_width: bar_width * completion.clamp(0.0, 1.0), markers, ghosts: Vec::new() }
}

#[cfg(test)]
mod tests;

/// CSS class of a milestone state (shared by the view and the export).
pub fn state_class(s: MilestoneState) -> &'static str {
    match s {
        MilestoneState::Met => "met",
        MilestoneState::Missed { minor: true } => "late",
        MilestoneState::Missed { minor: false } => "bad",
        MilestoneState::NotReported => "none",
        MilestoneState::DueSoon => "soon",
        MilestoneState::Future => "future",
    }
}

/// The chart cell of one row on the page: bar, progress fill, the report-date and today lines, the
/// milestone markers (focusable, each named by `marker_names`, in the order of `g.markers`) and their
/// labels, styled by the page's classes. One SVG text a row, parsed once, instead of a node and
/// attributes built one by one for each shape.
pub fn row_chart(g: &RowGeometry, width: f64, report_x: f64, today_x: Option<f64>, marker_names: &[String]) -> Svg {
    use std::fmt::Write;
    let h = Num(CHART_HEIGHT);
    let (bar_y, cy) = (16, 22);
    let (w, rx) = (Num(width), Num(report_x));
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" class="tl-svg"><g class="layer-bars"><rect class="tl-bar" x="{bx}" y="{bar_y}" width="{bw}" height="12" rx="3"/></g><g class="layer-progress"><rect class="tl-fill" x="{bx}" y="{bar_y}" width="{fw}" height="12" rx="3"/></g><g class="layer-lines"><line class="tl-report" x1="{rx}" x2="{rx}" y1="0" y2="{h}"/>"#,
        bx = Num(g.bar_x),
        bw = Num(g.bar_width),
        fw = Num(g.fill_width),
    );
    if let Some(x) = today_x.map(Num) {
        let _ = write!(s, r#"<line class="tl-today" x1="{x}" x2="{x}" y1="0" y2="{h}"/>"#);
    }
    s.push_str(r#"</g><g class="layer-milestones">"#);
    for (from, to) in &g.ghosts {
        let (fx, tx) = (Num(*from), Num(*to));
        let _ = write!(
            s,
            r#"<g class="tl-ghost" aria-hidden="true"><line class="tl-ghost-line" x1="{fx}" x2="{tx}" y1="{cy}" y2="{cy}"/><path class="tl-ghost-diamond" d="M{fx} {} L{} {cy} L{fx} {} L{} {cy} Z"/></g>"#,
            cy - 6,
            Num(from + 6.0),
            cy + 6,
            Num(from - 6.0)
        );
    }
    for (m, name) in g.markers.iter().zip(marker_names.iter().map(String::as_str).chain(std::iter::repeat(""))) {
        let cx = Num(m.x);
        let _ = write!(
            s,
            r#"<g class="tl-marker" tabindex="-1" role="img" aria-label="{}" aria-describedby="tl-tip" data-milestone="{}"><path class="tl-diamond ms-{}" d="M{cx} {} L{} {cy} L{cx} {} L{} {cy} Z"/></g>"#,
            xml_escape(name),
            m.milestone,
            state_class(m.state),
            cy - 7,
            Num(m.x + 7.0),
            cy + 7,
            Num(m.x - 7.0)
        );
    }
    s.push_str(r#"</g><g class="layer-labels" aria-hidden="true">"#);
    for m in g.markers.iter().filter(|m| !m.label.is_empty()) {
        let y = if m.lane == 0 { 11 } else { 41 };
        let _ = write!(s, r#"<text class="tl-label" x="{}" y="{y}" text-anchor="middle">{}</text>"#, Num(m.x), xml_escape(&m.label));
    }
    s.push_str("</g></svg>");
    Svg { text: s, width: width.round() as u32, height: CHART_HEIGHT.round() as u32 }
}

/// The timeline's header as SVG text, `width` wide (the scale's width and any margin) and `height` tall:
/// quarters over months, and the report-date and today lines (their x as `Scale::x_end` and `Scale::x`
/// put them).
pub fn axis_svg(scale: &Scale, lang: Lang, width: f64, height: f64, report_x: f64, today_x: Option<f64>) -> Svg {
    use std::fmt::Write;
    let (w, h) = (Num(width), Num(height));
    let mut s = format!(r#"<svg xmlns="http://www.w3.org/2000/svg" class="tl-header" width="{w}" height="{h}" viewBox="0 0 {w} {h}" aria-hidden="true"><g class="layer-grid">"#);
    // Quarters in the top band, months below: (ticks, class, band's y and height, label's x offset and y).
    for (ticks, class, y, h, dx, ty) in [(quarter_ticks(scale, lang), "tl-q", 0, 24, 6.0, 16), (month_ticks(scale, lang), "tl-m", 24, 32, 4.0, 45)] {
        for t in ticks {
            let (x, width, lx, label) = (Num(t.x), Num(t.width), Num(t.x + dx), xml_escape(&t.label));
            let _ = write!(s, r#"<rect class="{class}" x="{x}" y="{y}" width="{width}" height="{h}"/><text class="{class}-label" x="{lx}" y="{ty}">{label}</text>"#);
        }
    }
    let rx = Num(report_x);
    let _ = write!(s, r#"</g><line class="tl-report" x1="{rx}" x2="{rx}" y1="0" y2="{h}"/>"#);
    if let Some(x) = today_x.map(Num) {
        let _ = write!(s, r#"<line class="tl-today" x1="{x}" x2="{x}" y1="0" y2="{h}"/>"#);
    }
    s.push_str("</svg>");
    Svg { text: s, width: width.round() as u32, height: height.round() as u32 }
}

/// One row of the export: what the left column says and the geometry beside it.
pub struct ExportRow {
    pub seq: String,
    pub name: String,
    pub unit: String,
    pub light: Light,
    pub geometry: RowGeometry,
}

/// The whole timeline as a standalone SVG document (for download and PNG).
pub fn to_svg(title: &str, scale: &Scale, rows: &[ExportRow], report_date: Date, lang: Lang) -> Svg {
    const LEFT: f64 = 380.0;
    const HEAD: f64 = 80.0;
    let width = LEFT + scale.width() + 20.0;
    let height = HEAD + ROW_HEIGHT * rows.len() as f64 + 20.0;
    let font = super::charts::FONT;
    let (white, text, text_2, muted, grid, rule, surface) =
        (palette::WHITE.hex(), palette::TEXT.hex(), palette::TEXT_2.hex(), palette::MUTED.hex(), palette::GRID.hex(), palette::RULE.hex(), palette::SURFACE_2.hex());
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{font}"><rect width="100%" height="100%" fill="{white}"/><text x="12" y="24" font-size="18" font-weight="600" fill="{text}">{}</text>"##,
        xml_escape(title)
    );
    for q in quarter_ticks(scale, lang) {
        s.push_str(&format!(r##"<rect x="{:.1}" y="36" width="{:.1}" height="20" fill="{surface}" stroke="{grid}"/><text x="{:.1}" y="51" font-size="12" fill="{text_2}">{}</text>"##, LEFT + q.x, q.width, LEFT + q.x + 6.0, xml_escape(&q.label)));
    }
    for m in month_ticks(scale, lang) {
        s.push_str(&format!(r##"<rect x="{:.1}" y="56" width="{:.1}" height="24" fill="{white}" stroke="{grid}"/><text x="{:.1}" y="73" font-size="12" fill="{text_2}">{}</text>"##, LEFT + m.x, m.width, LEFT + m.x + 4.0, xml_escape(&m.label)));
        s.push_str(&format!(r##"<line x1="{x:.1}" y1="{HEAD}" x2="{x:.1}" y2="{:.1}" stroke="{rule}"/>"##, height - 20.0, x = LEFT + m.x));
    }
    for (k, r) in rows.iter().enumerate() {
        let y = HEAD + ROW_HEIGHT * k as f64;
        let name: String = r.name.chars().take(22).collect::<String>() + if r.name.chars().count() > 22 { "…" } else { "" };
        s.push_str(&format!(
            r##"<line x1="0" y1="{y2:.1}" x2="{width:.0}" y2="{y2:.1}" stroke="{rule}"/><text x="12" y="{ty:.1}" font-size="13" fill="{text}">{} {}</text><text x="12" y="{uy:.1}" font-size="11" fill="{muted}">{}</text><text x="{lx:.1}" y="{ty:.1}" font-size="14" fill="{}">{}</text>"##,
            xml_escape(&r.seq), xml_escape(&name), xml_escape(&r.unit), palette::light(r.light).mark.hex(), r.light.symbol(),
            y2 = y + ROW_HEIGHT, ty = y + 19.0, uy = y + 35.0, lx = LEFT - 28.0
        ));
        let g = &r.geometry;
        s.push_str(&format!(r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="12" rx="3" fill="{}" stroke="{}"/>"##, LEFT + g.bar_x, y + 16.0, g.bar_width, palette::ACCENT_SOFT.hex(), palette::BAR_STROKE.hex()));
        s.push_str(&format!(r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="12" rx="3" fill="{}"/>"##, LEFT + g.bar_x, y + 16.0, g.fill_width, palette::ACCENT.hex()));
        for m in &g.markers {
            let (cx, cy) = (LEFT + m.x, y + 22.0);
            s.push_str(&format!(
                r##"<path d="M{cx:.1} {:.1} L{:.1} {cy:.1} L{cx:.1} {:.1} L{:.1} {cy:.1} Z" fill="{}" stroke="{}" stroke-width="2"/>"##,
                cy - 7.0, cx + 7.0, cy + 7.0, cx - 7.0, palette::milestone(m.state).0.hex(), palette::milestone(m.state).1.hex()
            ));
            if !m.label.is_empty() {
                let ly = if m.lane == 0 { y + 11.0 } else { y + 41.0 };
                s.push_str(&format!(r##"<text x="{cx:.1}" y="{ly:.1}" font-size="11" text-anchor="middle" fill="{text_2}">{}</text>"##, xml_escape(&m.label)));
            }
        }
    }
    let rx = LEFT + scale.x_end(report_date);
    s.push_str(&format!(r##"<line x1="{rx:.1}" y1="36" x2="{rx:.1}" y2="{:.1}" stroke="{}" stroke-width="2" stroke-dasharray="6 3"/>"##, height - 20.0, palette::light(Light::Serious).mark.hex()));
    s.push_str("</svg>");
    Svg { text: s, width: width.round() as u32, height: height.round() as u32 }
}
