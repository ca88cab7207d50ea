//! Dashboard charts drawn with plotters' SVG backend: crisp when projected, downloadable as SVG (and as
//! PNG by the view). Pure: each function takes figures and words and returns an SVG document; plotters
//! escapes every text it writes, so names from files cannot inject markup.

use super::date::Date;
use super::status::{Counts, Light};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub const FONT: &str = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Source Han Sans SC, sans-serif";

pub fn light_color(light: Light) -> RGBColor {
    match light {
        Light::Done => RGBColor(0x1f, 0x5f, 0xbf),
        Light::OnTrack => RGBColor(0x1a, 0x7f, 0x4b),
        Light::Behind => RGBColor(0xc9, 0x8a, 0x00),
        Light::Serious => RGBColor(0xc0, 0x26, 0x2d),
        Light::NotReported => RGBColor(0x7b, 0x84, 0x94),
    }
}

const ACCENT: RGBColor = RGBColor(0x1f, 0x5f, 0xbf);
const GRID: RGBColor = RGBColor(0xdf, 0xe4, 0xec);
const TEXT: RGBColor = RGBColor(0x1b, 0x24, 0x30);
const MUTED: RGBColor = RGBColor(0x6b, 0x77, 0x8a);

/// One horizontal bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Text drawn at the end of the bar ("12 项", "85%").
    pub text: String,
    pub color: (u8, u8, u8),
}

fn truncate(s: &str, max: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= max {
        s.to_string()
    } else {
        chars[..max - 1].iter().collect::<String>() + "…"
    }
}

/// A horizontal bar chart with labels on the left and the value at each bar's end.
pub fn bar_chart(title: &str, bars: &[Bar], max: f64, width: u32) -> String {
    let row = 40u32;
    let height = 64 + row * bars.len().max(1) as u32 + 16;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let title_style = TextStyle::from((FONT, 22).into_font()).color(&TEXT);
        let _ = root.draw(&Text::new(title.to_string(), (16, 14), title_style));
        let label_width = 250i32;
        let left = label_width + 24;
        let right = width as i32 - 90;
        let span = (right - left).max(10) as f64;
        let max = if max > 0.0 { max } else { 1.0 };
        let label_style = TextStyle::from((FONT, 17).into_font()).color(&TEXT).pos(Pos::new(HPos::Right, VPos::Center));
        let value_style = TextStyle::from((FONT, 17).into_font()).color(&MUTED).pos(Pos::new(HPos::Left, VPos::Center));
        // Baseline grid at 0, 50% and 100% of the scale.
        for k in 0..=2 {
            let x = left + (span * k as f64 / 2.0) as i32;
            let _ = root.draw(&PathElement::new(vec![(x, 56), (x, height as i32 - 14)], GRID.stroke_width(1)));
        }
        for (k, b) in bars.iter().enumerate() {
            let y = 64 + (k as u32 * row) as i32;
            let mid = y + row as i32 / 2 - 4;
            let _ = root.draw(&Text::new(truncate(&b.label, 16), (label_width + 12, mid), label_style.clone()));
            let w = ((b.value / max).clamp(0.0, 1.0) * span) as i32;
            let (r, g, bl) = b.color;
            let _ = root.draw(&Rectangle::new([(left, y + 6), (left + w.max(2), y + row as i32 - 10)], RGBColor(r, g, bl).filled()));
            let _ = root.draw(&Text::new(b.text.clone(), (left + w.max(2) + 8, mid), value_style.clone()));
        }
        let _ = root.present();
    }
    svg
}

/// Counts by status as bars in the lights' colours.
pub fn status_chart(title: &str, counts: &Counts, labels: &[(Light, String)], unit: &str, width: u32) -> String {
    let bars: Vec<Bar> = labels
        .iter()
        .map(|(l, label)| {
            let c = light_color(*l);
            Bar { label: format!("{} {label}", l.symbol()), value: counts.get(*l) as f64, text: format!("{} {unit}", counts.get(*l)), color: (c.0, c.1, c.2) }
        })
        .collect();
    let max = Light::ALL.iter().map(|l| counts.get(*l)).max().unwrap_or(1) as f64;
    bar_chart(title, &bars, max, width)
}

/// Completion shares (0..=1) as bars in the accent colour.
pub fn completion_chart(title: &str, items: &[(String, f64)], width: u32) -> String {
    let bars: Vec<Bar> = items
        .iter()
        .map(|(label, share)| Bar {
            label: label.clone(),
            value: *share,
            text: format!("{}%", (share * 100.0).round()),
            color: (ACCENT.0, ACCENT.1, ACCENT.2),
        })
        .collect();
    bar_chart(title, &bars, 1.0, width)
}

/// Day offsets of the first day of each month from January 1.
fn month_starts(year: i32) -> Vec<f64> {
    let start = Date::first_of_year(year).map(|d| d.to_days()).unwrap_or(0);
    (1..=12u8).filter_map(|m| Date::new(year, m, 1)).map(|d| (d.to_days() - start) as f64).collect()
}

/// Words of the plan-vs-actual chart.
pub struct CurveText<'a> {
    pub title: &'a str,
    pub planned: &'a str,
    pub reported: &'a str,
    pub report_date: &'a str,
    pub unit: &'a str,
    pub months: [String; 12],
}

/// The plan as a step line, reported values as points joined by a line, and the report date.
pub fn plan_vs_actual(
    text: &CurveText,
    year: i32,
    planned: &[(Date, f64)],
    reported: &[(Date, f64)],
    target: f64,
    report_date: Date,
    width: u32,
    height: u32,
) -> String {
    let mut svg = String::new();
    'draw: {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let start = Date::first_of_year(year).map(|d| d.to_days()).unwrap_or(0);
        let end = Date::last_of_year(year).map(|d| d.to_days()).unwrap_or(365);
        let top = planned.iter().chain(reported).map(|p| p.1).fold(target, f64::max) * 1.08;
        let top = if top > 0.0 { top } else { 1.0 };
        let x = |d: Date| (d.to_days() - start) as f64;
        let built = ChartBuilder::on(&root)
            .caption(text.title, (FONT, 20).into_font().color(&TEXT))
            .margin(16)
            .x_label_area_size(36)
            .y_label_area_size(64)
            .build_cartesian_2d(0f64..(end - start) as f64, 0f64..top);
        let Ok(mut chart) = built else { break 'draw };
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .y_labels(6)
            .y_desc(text.unit)
            .label_style((FONT, 14).into_font().color(&MUTED))
            .axis_desc_style((FONT, 14).into_font().color(&MUTED))
            .draw();
        // Month gridlines and labels at the first of each month (plotters would pick round numbers).
        let month_style = TextStyle::from((FONT, 14).into_font()).color(&MUTED).pos(Pos::new(HPos::Left, VPos::Top));
        for (k, xm) in month_starts(year).into_iter().enumerate() {
            let _ = chart.draw_series(std::iter::once(PathElement::new(vec![(xm, 0.0), (xm, top)], GRID.stroke_width(1))));
            let (px, py) = chart.backend_coord(&(xm, 0.0));
            let _ = root.draw(&Text::new(text.months[k].clone(), (px + 4, py + 8), month_style.clone()));
        }
        let mut steps: Vec<(f64, f64)> = vec![(0.0, 0.0)];
        for (d, v) in planned {
            let last = steps.last().map(|p| p.1).unwrap_or(0.0);
            steps.push((x(*d), last));
            steps.push((x(*d), *v));
        }
        if let Some(last) = steps.last().copied() {
            steps.push(((end - start) as f64, last.1));
        }
        let plan_style = ShapeStyle { color: MUTED.to_rgba(), filled: false, stroke_width: 2 };
        if let Ok(series) = chart.draw_series(LineSeries::new(steps, plan_style)) {
            series.label(text.planned).legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], plan_style));
        }
        let actual: Vec<(f64, f64)> = reported.iter().map(|(d, v)| (x(*d), *v)).collect();
        let actual_style = ShapeStyle { color: ACCENT.to_rgba(), filled: true, stroke_width: 3 };
        if let Ok(series) = chart.draw_series(LineSeries::new(actual.clone(), actual_style).point_size(5)) {
            series.label(text.reported).legend(move |(x, y)| Circle::new((x + 10, y), 5, actual_style));
        }
        let rd = x(report_date);
        let marker = ShapeStyle { color: RGBColor(0xc0, 0x26, 0x2d).to_rgba(), filled: false, stroke_width: 2 };
        if let Ok(series) = chart.draw_series(LineSeries::new(vec![(rd, 0.0), (rd, top)], marker)) {
            series.label(text.report_date).legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], marker));
        }
        let _ = chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(GRID)
            .label_font((FONT, 14).into_font().color(&TEXT))
            .draw();
        let _ = root.present();
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(svg: &str, needle: &str) -> usize {
        svg.matches(needle).count()
    }

    #[test]
    fn bars_are_drawn_one_rect_each_plus_background() {
        let counts = Counts { done: 3, on_track: 20, behind: 5, serious: 2, not_reported: 18 };
        let labels: Vec<(Light, String)> = Light::ALL.iter().map(|l| (*l, l.code().to_string())).collect();
        let svg = status_chart("状态", &counts, &labels, "项", 800);
        assert!(svg.starts_with("<svg"));
        assert_eq!(count(&svg, "<rect"), 1 + 5);
        assert!(svg.contains("20 项"));
        assert!(svg.contains("#1A7F4B") || svg.contains("#1a7f4b"), "on-track colour");
    }

    #[test]
    fn text_from_files_is_escaped() {
        let svg = completion_chart("<script>alert(1)</script>", &[("<img src=x onerror=alert(1)>".into(), 0.5)], 600);
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<img"));
        assert!(svg.contains("&lt;"));
    }

    #[test]
    fn plan_vs_actual_has_three_series() {
        let d = |m, day| Date::new(2024, m, day).unwrap();
        let months: [String; 12] = std::array::from_fn(|i| format!("{}月", i + 1));
        let text = CurveText { title: "助餐服务点", planned: "计划", reported: "实际", report_date: "统计日期", unit: "个", months };
        let svg = plan_vs_actual(&text, 2024, &[(d(9, 30), 100.0), (d(11, 30), 227.0)], &[(d(6, 30), 40.0), (d(9, 30), 95.0)], 227.0, d(10, 1), 900, 420);
        // Three series (plan, reported, report date), each with its legend sample.
        assert_eq!(count(&svg, r##"stroke="#6B778A" stroke-width="2" points"##), 2, "plan line and legend");
        assert_eq!(count(&svg, r##"stroke="#1F5FBF" stroke-width="3" points"##), 1, "reported line");
        assert_eq!(count(&svg, r##"<circle"##), 2 + 1, "two reported points and the legend dot");
        assert_eq!(count(&svg, r##"stroke="#C0262D" stroke-width="2" points"##), 2, "report date line and legend");
        for m in 1..=12 {
            assert!(svg.contains(&format!(">\n{m}月\n<")) || svg.contains(&format!("{m}月")), "{m}月 label");
        }
        assert!(svg.contains("计划") && svg.contains("实际") && svg.contains("统计日期"));
    }
}
