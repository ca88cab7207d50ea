//! Dashboard charts drawn with plotters' SVG backend: crisp when projected, downloadable as SVG (and as
//! PNG by the view). Pure: each function takes figures and words and returns an SVG document; plotters
//! escapes every text it writes, so names from files cannot inject markup.
//!
//! Invariant: figures and words in, an [`Svg`] out; colours from `palette.rs`; no DOM, no text
//! measuring (in the browser plotters would measure through inline styles, which the CSP forbids).

use super::date::Date;
use super::palette::{self, Rgb};
use super::status::{Counts, Light};
use super::svg::Svg;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub const FONT: &str = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, Source Han Sans SC, sans-serif";

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

const ACCENT: RGBColor = RGBColor(palette::ACCENT.0, palette::ACCENT.1, palette::ACCENT.2);
const GRID: RGBColor = RGBColor(palette::GRID.0, palette::GRID.1, palette::GRID.2);
const TEXT: RGBColor = RGBColor(palette::TEXT.0, palette::TEXT.1, palette::TEXT.2);
const MUTED: RGBColor = RGBColor(palette::MUTED.0, palette::MUTED.1, palette::MUTED.2);

/// One horizontal bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Text drawn at the end of the bar ("12 项", "85%").
    pub text: String,
    pub color: Rgb,
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
pub fn bar_chart(title: &str, bars: &[Bar], max: f64, width: u32) -> Svg {
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
            let _ = root.draw(&Rectangle::new([(left, y + 6), (left + w.max(2), y + row as i32 - 10)], rgb(b.color).filled()));
            let _ = root.draw(&Text::new(b.text.clone(), (left + w.max(2) + 8, mid), value_style.clone()));
        }
        let _ = root.present();
    }
    Svg { text: svg, width, height }
}

/// Counts by status as bars in the lights' colours.
pub fn status_chart(title: &str, counts: &Counts, labels: &[(Light, String)], unit: &str, width: u32) -> Svg {
    let bars: Vec<Bar> = labels
        .iter()
        .map(|(l, label)| Bar {
            label: format!("{} {label}", l.symbol()),
            value: counts.get(*l) as f64,
            text: format!("{} {unit}", counts.get(*l)).trim().to_string(),
            color: palette::light(*l).mark,
        })
        .collect();
    let max = Light::ALL.iter().map(|l| counts.get(*l)).max().unwrap_or(1) as f64;
    bar_chart(title, &bars, max, width)
}

/// Completion shares (0..=1) as bars in the accent colour.
pub fn completion_chart(title: &str, items: &[(String, f64)], width: u32) -> Svg {
    let bars: Vec<Bar> = items
        .iter()
        .map(|(label, share)| Bar {
            label: label.clone(),
            value: *share,
            text: super::messages::percent(*share),
            color: palette::ACCENT,
        })
        .collect();
    bar_chart(title, &bars, 1.0, width)
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
///
/// Drawn with plotters' primitives and text anchors only (no ChartBuilder): in the browser plotters
/// measures text through inline styles, which the Content-Security-Policy forbids.
#[allow(clippy::too_many_arguments)]
pub fn plan_vs_actual(
    text: &CurveText,
    year: i32,
    planned: &[(Date, f64)],
    reported: &[(Date, f64)],
    target: f64,
    report_date: Date,
    width: u32,
    height: u32,
) -> Svg {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let start = Date::first_of_year(year).map(|d| d.to_days()).unwrap_or(0);
        let end = Date::last_of_year(year).map(|d| d.to_days()).unwrap_or(365) + 1;
        let top = nice_ceiling(planned.iter().chain(reported).map(|p| p.1).fold(target, f64::max) * 1.05);
        let (left, right, upper, lower) = (86i32, width as i32 - 24, 64i32, height as i32 - 44);
        let px = |d: Date| left + ((d.to_days() - start) as f64 / (end - start) as f64 * f64::from(right - left)) as i32;
        let py = |v: f64| lower - (v / top * f64::from(lower - upper)) as i32;
        let title_style = TextStyle::from((FONT, 22).into_font()).color(&TEXT);
        let _ = root.draw(&Text::new(text.title.to_string(), (16, 14), title_style));
        let axis = TextStyle::from((FONT, 15).into_font()).color(&MUTED);
        // Horizontal grid with values, month grid with names.
        for k in 0..=5 {
            let v = top * f64::from(k) / 5.0;
            let y = py(v);
            let _ = root.draw(&PathElement::new(vec![(left, y), (right, y)], GRID.stroke_width(1)));
            let label = super::plan::format_number((v * 100.0).round() / 100.0);
            let _ = root.draw(&Text::new(label, (left - 8, y), axis.clone().pos(Pos::new(HPos::Right, VPos::Center))));
        }
        let _ = root.draw(&Text::new(text.unit.to_string(), (left - 8, upper - 22), axis.clone().pos(Pos::new(HPos::Right, VPos::Center))));
        for m in 1..=12u8 {
            let Some(first) = Date::new(year, m, 1) else { continue };
            let x = px(first);
            let _ = root.draw(&PathElement::new(vec![(x, upper), (x, lower)], GRID.stroke_width(1)));
            let _ = root.draw(&Text::new(text.months[usize::from(m - 1)].clone(), (x + 4, lower + 8), axis.clone().pos(Pos::new(HPos::Left, VPos::Top))));
        }
        let _ = root.draw(&PathElement::new(vec![(left, lower), (right, lower)], MUTED.stroke_width(1)));
        // The plan as steps: the required value holds from each milestone date on.
        let mut steps: Vec<(i32, i32)> = vec![(left, py(0.0))];
        let mut last = 0.0;
        for (d, v) in planned {
            steps.push((px(*d), py(last)));
            steps.push((px(*d), py(*v)));
            last = *v;
        }
        steps.push((right, py(last)));
        let plan_style = ShapeStyle { color: MUTED.to_rgba(), filled: false, stroke_width: 2 };
        let _ = root.draw(&PathElement::new(steps, plan_style));
        let actual_style = ShapeStyle { color: ACCENT.to_rgba(), filled: true, stroke_width: 3 };
        let points: Vec<(i32, i32)> = reported.iter().map(|(d, v)| (px(*d), py(*v))).collect();
        for p in &points {
            let _ = root.draw(&Circle::new(*p, 5, actual_style));
        }
        if points.len() > 1 {
            let _ = root.draw(&PathElement::new(points, actual_style));
        }
        let marker = ShapeStyle { color: rgb(palette::light(Light::Serious).mark).to_rgba(), filled: false, stroke_width: 2 };
        let rx = px(report_date) + (f64::from(right - left) / (end - start) as f64) as i32;
        let _ = root.draw(&PathElement::new(vec![(rx, upper), (rx, lower)], marker));
        // Legend, top right.
        let legend = TextStyle::from((FONT, 15).into_font()).color(&TEXT).pos(Pos::new(HPos::Left, VPos::Center));
        let mut lx = right - 420;
        let ly = 40;
        let _ = root.draw(&PathElement::new(vec![(lx, ly), (lx + 24, ly)], plan_style));
        let _ = root.draw(&Text::new(text.planned.to_string(), (lx + 30, ly), legend.clone()));
        lx += 140;
        let _ = root.draw(&Circle::new((lx + 12, ly), 5, actual_style));
        let _ = root.draw(&Text::new(text.reported.to_string(), (lx + 30, ly), legend.clone()));
        lx += 140;
        let _ = root.draw(&PathElement::new(vec![(lx, ly), (lx + 24, ly)], marker));
        let _ = root.draw(&Text::new(text.report_date.to_string(), (lx + 30, ly), legend));
        let _ = root.present();
    }
    Svg { text: svg, width, height }
}

/// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
fn nice_ceiling(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * p).find(|c| *c >= v).unwrap_or(10.0 * p)
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
        let chart = status_chart("状态", &counts, &labels, "项", 800);
        assert_eq!((chart.width, chart.height), (800, 64 + 40 * 5 + 16));
        let svg = chart.text;
        assert!(svg.starts_with("<svg"));
        assert_eq!(count(&svg, "<rect"), 1 + 5);
        assert!(svg.contains("20 项"));
        assert!(svg.contains("#1A7F4B") || svg.contains("#1a7f4b"), "on-track colour");
    }

    #[test]
    fn text_from_files_is_escaped() {
        let svg = completion_chart("<script>alert(1)</script>", &[("<img src=x onerror=alert(1)>".into(), 0.5)], 600).text;
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<img"));
        assert!(svg.contains("&lt;"));
    }

    #[test]
    fn plan_vs_actual_has_three_series() {
        let d = |m, day| Date::new(2024, m, day).unwrap();
        let months: [String; 12] = std::array::from_fn(|i| format!("{}月", i + 1));
        let text = CurveText { title: "助餐服务点", planned: "计划", reported: "实际", report_date: "统计日期", unit: "个", months };
        let chart = plan_vs_actual(&text, 2024, &[(d(9, 30), 100.0), (d(11, 30), 227.0)], &[(d(6, 30), 40.0), (d(9, 30), 95.0)], 227.0, d(10, 1), 900, 420);
        assert_eq!((chart.width, chart.height), (900, 420));
        let svg = chart.text;
        // Three series (plan, reported, report date), each with its legend sample.
        assert_eq!(count(&svg, r##"stroke="#6B778A" stroke-width="2" points"##), 2, "plan line and legend");
        assert_eq!(count(&svg, r##"stroke="#1F5FBF" stroke-width="3" points"##), 1, "reported line");
        assert_eq!(count(&svg, r##"<circle"##), 2 + 1, "two reported points and the legend dot");
        assert_eq!(count(&svg, r##"stroke="#C0262D" stroke-width="2" points"##), 2, "report date line and legend");
        assert_eq!(nice_ceiling(238.35), 250.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
        // Each month is a text of its own ("1月" inside "11月" does not count).
        let texts: Vec<&str> = svg.split('<').filter_map(|tag| tag.split_once('>')).map(|(_, text)| text.trim()).collect();
        for m in 1..=12 {
            assert!(texts.contains(&format!("{m}月").as_str()), "{m}月 label");
        }
        assert!(svg.contains("计划") && svg.contains("实际") && svg.contains("统计日期"));
    }
}
