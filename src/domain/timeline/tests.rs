use super::*;
use crate::domain::query::{lines, Line};
use crate::domain::import::import_list;
use crate::domain::ledger::{Ledger, LedgerView};
use crate::domain::status::{evaluate_all, Settings};

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn scale(year: i32, zoom: Zoom) -> Scale {
    Scale { start: d(year, 1, 1), end: d(year, 12, 31), px_per_day: mode(zoom).px_per_day }
}

#[test]
fn date_to_x_at_month_and_year_boundaries() {
    let s = scale(2024, Zoom::Year);
    assert_eq!(s.x(d(2024, 1, 1)), 0.0);
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    assert!(close(s.x(d(2024, 2, 1)), 31.0 * 2.5));
    assert!(close(s.x_end(d(2024, 1, 31)), s.x(d(2024, 2, 1))), "a month end meets the next month's start");
    assert!(close(s.x(d(2024, 3, 1)) - s.x(d(2024, 2, 1)), 29.0 * 2.5), "leap February");
    let s23 = scale(2023, Zoom::Year);
    assert!(close(s23.x(d(2023, 3, 1)) - s23.x(d(2023, 2, 1)), 28.0 * 2.5));
    assert!((s.width() - 366.0 * 2.5).abs() < 1e-9);
    assert!((scale(2023, Zoom::Year).width() - 365.0 * 2.5).abs() < 1e-9);
    assert!(close(s.x(d(2023, 12, 31)), -2.5), "dates before the year fall left of zero");
    assert!(close(s.x(d(2025, 1, 1)), 366.0 * 2.5));
}

#[test]
fn zoom_levels_are_data() {
    let widths: Vec<f64> = Zoom::ALL.iter().map(|z| scale(2024, *z).width()).collect();
    assert!(widths[0] < widths[1] && widths[1] < widths[2]);
    assert_eq!(mode(Zoom::Month).px_per_day, 28.0);
    let months = month_ticks(&scale(2024, Zoom::Quarter), Lang::Zh);
    assert_eq!(months.len(), 12);
    assert!((months[1].width - 29.0 * 9.0).abs() < 1e-9);
    assert_eq!(months[11].label, "12月");
    let quarters = quarter_ticks(&scale(2024, Zoom::Year), Lang::En);
    assert_eq!(quarters.iter().map(|q| q.label.as_str()).collect::<Vec<_>>(), vec!["Q1", "Q2", "Q3", "Q4"]);
    assert!((quarters.iter().map(|q| q.width).sum::<f64>() - 366.0 * 2.5).abs() < 1e-9);
}

#[test]
fn the_axis_is_svg_with_every_quarter_and_month_and_the_date_lines() {
    let s = scale(2024, Zoom::Year);
    let report = s.x_end(d(2024, 9, 30));
    let text = axis_svg(&s, Lang::Zh, s.width() + 28.0, 56.0, report, Some(s.x(d(2024, 3, 1)) + 1.25)).text;
    assert!(text.starts_with(&format!(r#"<svg xmlns="http://www.w3.org/2000/svg" class="tl-header" width="{}" height="56""#, Num(s.width() + 28.0))));
    let mut reader = quick_xml::Reader::from_str(&text);
    let (mut labels, mut rects, mut lines) = (Vec::new(), Vec::new(), Vec::new());
    let mut in_text = false;
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("{e}: {text}")) {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "text" => in_text = true,
            quick_xml::events::Event::End(e) if e.name().as_ref() == "text" => in_text = false,
            quick_xml::events::Event::Text(t) if in_text => labels.push(t.xml10_content().into_owned()),
            quick_xml::events::Event::Empty(e) => {
                let attr = |n: &str| e.try_get_attribute(n).unwrap().map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned());
                match e.name().as_ref() {
                    "rect" => rects.push((attr("x").unwrap().parse::<f64>().unwrap(), attr("width").unwrap().parse::<f64>().unwrap())),
                    "line" => lines.push((attr("class").unwrap(), attr("x1").unwrap())),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let months: Vec<String> = (1..=12).map(|m| format!("{m}月")).collect();
    assert_eq!(labels[..4].len(), 4);
    assert_eq!(&labels[4..], &months[..]);
    // Quarters, then months, each tiling the year without gap.
    assert_eq!(rects.len(), 16);
    for ticks in [&rects[..4], &rects[4..]] {
        assert_eq!(ticks[0].0, 0.0);
        for pair in ticks.windows(2) {
            assert!((pair[0].0 + pair[0].1 - pair[1].0).abs() < 0.011, "{pair:?}");
        }
        assert!((ticks.last().map(|t| t.0 + t.1).unwrap() - s.width()).abs() < 0.011);
    }
    assert_eq!(lines, vec![("tl-report".to_string(), Num(report).to_string()), ("tl-today".to_string(), Num(s.x(d(2024, 3, 1)) + 1.25).to_string())]);
    assert!(!axis_svg(&s, Lang::En, s.width(), 56.0, report, None).text.contains("tl-today"));
}

#[test]
fn visible_window_for_scroll_offsets() {
    assert_eq!(visible_rows(10_000, 0.0, 440.0, 0), 0..11);
    assert_eq!(visible_rows(10_000, 44.0 * 100.0, 440.0, 5), 95..116);
    assert_eq!(visible_rows(10_000, 44.0 * 100.0 + 20.0, 440.0, 0), 100..111);
    assert_eq!(visible_rows(10, 44.0 * 100.0, 440.0, 5), 10..10, "scrolled past the end");
    assert_eq!(visible_rows(0, 0.0, 440.0, 5), 0..0);
    assert_eq!(visible_rows(48, 0.0, 10_000.0, 5), 0..48);
    assert_eq!(visible_rows(48, -50.0, 440.0, 0), 0..11, "overscroll bounce");
    // The list's own line height.
    assert_eq!(window(10_000, 76.0, 76.0 * 500.0, 760.0, 6), 494..517);
    assert_eq!(window(3, 0.0, 0.0, 760.0, 6), 0..0);
}

#[test]
fn rows_markers_and_same_day_milestones() {
    let plan = import_list(include_str!("../../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan;
    let view = LedgerView::new(&plan, &Ledger::default());
    let statuses = evaluate_all(&plan, &view, d(2024, 7, 1), &Settings::default());
    let order: Vec<usize> = (0..48).collect();
    let housing = plan.projects.iter().position(|p| p.name.contains("新开工保障房")).unwrap();
    let groups = crate::domain::query::group_rows(&plan, &order, crate::domain::query::Grouping::Category, crate::domain::query::SortKey::Official);
    let ls = lines(&plan, &groups, true, &[plan.projects[housing].id.clone()]);
    assert_eq!(ls.len(), 10 + 48 + 2, "ten headings, one extra row per indicator of the expanded project");
    assert!(matches!(&ls[0], Line::Group { no: Some(1), count: 5, .. }));
    let flat = crate::domain::query::group_rows(&plan, &order, crate::domain::query::Grouping::None, crate::domain::query::SortKey::Official);
    assert_eq!(lines(&plan, &flat, false, &[]).len(), 48);
    let s = scale(2024, Zoom::Year);
    // The housing project has two milestones on each of four dates: same-day markers merge.
    let g = row_geometry(&plan, &RowRef { project: housing, indicator: None }, &statuses[housing], 0.25, &s, Lang::Zh);
    assert_eq!(g.markers.len(), 4);
    assert_eq!(g.markers[0].label, "≥20万平方米/≥1500套");
    assert_eq!(g.markers[0].x, s.x_end(d(2024, 3, 31)));
    assert_eq!(g.bar_x, 0.0);
    assert_eq!(g.bar_width, s.x_end(d(2024, 11, 30)));
    assert_eq!(g.fill_width, g.bar_width * 0.25);
    let one = row_geometry(&plan, &RowRef { project: housing, indicator: Some(1) }, &statuses[housing], 0.0, &s, Lang::Zh);
    assert_eq!(one.markers.iter().map(|m| m.label.as_str()).collect::<Vec<_>>(), vec!["≥1500套", "≥3000套", "≥4500套", "≥6000套"]);
    // Markers of every project: one per milestone date.
    let total: usize = (0..48)
        .map(|i| row_geometry(&plan, &RowRef { project: i, indicator: None }, &statuses[i], 0.0, &s, Lang::Zh).markers.len())
        .sum();
    let distinct: usize = plan
        .projects
        .iter()
        .map(|p| {
            let mut ds: Vec<Date> = p.milestones.iter().map(|m| m.due).collect();
            ds.dedup();
            ds.len()
        })
        .sum();
    assert_eq!(total, distinct);
    // States: at 7-01 nothing is reported, so due milestones are 未填报 and later ones are future.
    let meals = row_geometry(&plan, &RowRef { project: 0, indicator: None }, &statuses[0], 0.0, &s, Lang::Zh);
    assert_eq!(meals.markers[0].state, MilestoneState::NotReported);
    assert_eq!(meals.markers[3].state, MilestoneState::Future);
}

#[test]
fn near_labels_take_the_other_lane() {
    let table = "2024 年测试\n序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排\n1\t甲\t新增点位 100 个\t张\t市A局\t李\t\t11月底\t3月29日前完成不少于 10 个；3月31日前完成不少于 20 个；6月底前完成不少于 50 个。\n";
    let plan = import_list(table, None).unwrap().plan;
    let view = LedgerView::new(&plan, &Ledger::default());
    let statuses = evaluate_all(&plan, &view, d(2024, 1, 10), &Settings::default());
    let row = RowRef { project: 0, indicator: None };
    let g = row_geometry(&plan, &row, &statuses[0], 0.0, &scale(2024, Zoom::Year), Lang::Zh);
    assert_eq!(g.markers.iter().map(|m| m.lane).collect::<Vec<_>>(), vec![0, 1, 0], "two days apart at year zoom");
    let wide = row_geometry(&plan, &row, &statuses[0], 0.0, &scale(2024, Zoom::Month), Lang::Zh);
    assert!(wide.markers.iter().all(|m| m.lane == 0), "room for every label at month zoom");
}

/// The 2024 list with nothing reported, its statuses on 1 July and the year's scale.
fn list_2024() -> (Plan, Vec<ProjectStatus>, Scale) {
    let plan = import_list(include_str!("../../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan;
    let view = LedgerView::new(&plan, &Ledger::default());
    let statuses = evaluate_all(&plan, &view, d(2024, 7, 1), &Settings::default());
    (plan, statuses, scale(2024, Zoom::Year))
}

#[test]
fn svg_export_escapes_text_and_draws_every_row() {
    let (plan, statuses, s) = list_2024();
    let rows: Vec<ExportRow> = (0..48)
        .map(|i| ExportRow {
            seq: plan.projects[i].seq.to_string(),
            name: if i == 0 { "<script>x</script>".into() } else { plan.projects[i].name.clone() },
            unit: plan.projects[i].lead_unit.to_string(),
            light: statuses[i].light,
            geometry: row_geometry(&plan, &RowRef { project: i, indicator: None }, &statuses[i], 0.0, &s, Lang::Zh),
        })
        .collect();
    let out = to_svg("甘特图 & <计划>", &s, &rows, d(2024, 7, 1), Lang::Zh);
    assert_eq!(out.width, (380.0 + s.width() + 20.0).round() as u32);
    assert_eq!(out.height, 80 + 44 * 48 + 20);
    let svg = out.text;
    assert!(!svg.contains("<script"));
    assert!(svg.contains(&palette::light(Light::NotReported).mark.hex()), "the lights' colours come from the palette");
    assert!(svg.contains("&lt;script&gt;"));
    assert!(svg.contains("甘特图 &amp; &lt;计划&gt;"));
    let markers: usize = rows.iter().map(|r| r.geometry.markers.len()).sum();
    assert_eq!(svg.matches("<path").count(), markers);
    assert_eq!(svg.matches("stroke-dasharray").count(), 1, "one report-date line");
}

#[test]
fn row_completion_follows_the_status_rule() {
    use crate::domain::ledger::{Entry, Reported, Subject};
    let plan = import_list(include_str!("../../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan;
    let i = plan.projects.iter().position(|p| p.indicators.len() > 1).unwrap();
    let p = &plan.projects[i];
    let mut ledger = Ledger::default();
    let target = p.indicators[1].target.unwrap();
    ledger.add(Entry {
        id: "e1".into(),
        project: p.id.clone(),
        subject: Subject::Indicator(p.indicators[1].id.clone()),
        reported: Reported::Value(target / 2.0),
        as_of: d(2024, 6, 30),
        note: String::new(),
        unit: p.lead_unit.to_string(),
        person: String::new(),
        recorded_at: "2024-07-01T00:00:00.000Z".into(),
        supersedes: None,
        deleted: false,
    });
    let view = LedgerView::new(&plan, &ledger);
    let statuses = evaluate_all(&plan, &view, d(2024, 7, 1), &Settings::default());
    let at = |indicator| row_completion(&plan, &RowRef { project: i, indicator }, &statuses[i], &view, d(2024, 7, 1));
    assert_eq!(at(Some(1)), 0.5);
    assert_eq!(at(Some(0)), 0.0);
    assert_eq!(at(None), statuses[i].completion);
}

#[test]
fn a_row_chart_is_well_formed_svg_with_a_named_focusable_marker_each() {
    let (plan, statuses, s) = list_2024();
    for (i, status) in statuses.iter().enumerate() {
        let mut g = row_geometry(&plan, &RowRef { project: i, indicator: None }, status, 0.5, &s, Lang::Zh);
        if i == 0 {
            g.markers[0].label = "<b>&\"x\"".into();
        }
        let names: Vec<String> = g.markers.iter().map(|m| format!("{} \"{}\" <{}>", m.milestone, m.label, i)).collect();
        let today = (i % 2 == 0).then_some(123.5);
        let out = row_chart(&g, s.width(), 200.0, today, &names);
        assert_eq!((out.width, out.height), (s.width().round() as u32, 43));
        // Parses as XML: every element closed, every attribute and text escaped.
        let mut reader = quick_xml::Reader::from_str(&out.text);
        let (mut markers, mut labels, mut depth) = (Vec::new(), 0, 0i32);
        loop {
            match reader.read_event().unwrap_or_else(|e| panic!("row {i}: {e}: {}", out.text)) {
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) if e.name().as_ref() == "g" => {
                    let attr = |n: &str| e.try_get_attribute(n).unwrap().map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned());
                    if attr("class").as_deref() == Some("tl-marker") {
                        assert_eq!(attr("tabindex").as_deref(), Some("-1"));
                        assert_eq!(attr("role").as_deref(), Some("img"));
                        markers.push((attr("data-milestone").unwrap(), attr("aria-label").unwrap()));
                    }
                    depth += 1;
                }
                quick_xml::events::Event::Start(e) if e.name().as_ref() == "text" => labels += 1,
                quick_xml::events::Event::End(e) if e.name().as_ref() == "g" => depth -= 1,
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0);
        let expected: Vec<(String, String)> = g.markers.iter().zip(&names).map(|(m, n)| (m.milestone.to_string(), n.clone())).collect();
        assert_eq!(markers, expected, "row {i}: each marker named as asked, in order");
        assert_eq!(labels, g.markers.iter().filter(|m| !m.label.is_empty()).count());
        assert_eq!(out.text.contains("tl-today"), today.is_some());
        assert_eq!(out.text.matches("class=\"tl-report\"").count(), 1);
        if i == 0 {
            assert!(out.text.contains("&lt;b&gt;&amp;&quot;x&quot;") && !out.text.contains("<b>"));
        }
    }
}
