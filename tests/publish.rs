//! 公开版: nothing internal reaches any file of the site (a marker planted in every internal field of the
//! 2024 list and a synthetic year of reports, every byte of the output scanned, the zip included); the
//! pages are well-formed, escaped, and every link of theirs leads to a file of the site; every code
//! reads back (rqrr) as its project page's address.

#![cfg(not(target_arch = "wasm32"))]

use minsheng::domain::date::Date;
use minsheng::domain::flow::DEFAULT_OFFICE;
use minsheng::domain::format::read_plan_file;
use minsheng::domain::ledger::{Act, ActKind, Decision, Entry, IssuedNotice, Ledger, ReportTexts, Reported, Subject, Target};
use minsheng::domain::plan::{ExtraField, Plan};
use minsheng::domain::publish::{self, pages, BaseUrl, Options, Published, UrlError};
use minsheng::domain::status::{Light, Settings};
use minsheng::domain::synth::synthetic_ledger;
use std::collections::{HashMap, HashSet};
use std::io::Read;

const MARK: &str = "ZQXINTERNALZQX";
const MARK_ZH: &str = "内部保密字样";
const BASE: &str = "https://example.gov.cn/minsheng/2024/";

fn plan_2024() -> Plan {
    read_plan_file(include_str!("../data/plan-2024.json")).unwrap()
}

fn d(m: u8, day: u8) -> Date {
    Date::new(2024, m, day).unwrap()
}

fn marked(what: &str) -> String {
    format!("{what}{MARK}{MARK_ZH}")
}

fn texts(progress: &str, secret: &str) -> Reported {
    Reported::Texts(ReportTexts { progress: progress.into(), problems: marked(secret), next_steps: marked(secret), coordination: marked(secret) })
}

fn act(id: &str, project: &str, kind: ActKind, unit: &str, at: &str) -> Act {
    Act { id: id.into(), project: project.into(), kind, unit: unit.into(), person: marked("person"), recorded_at: at.into() }
}

fn report(plan: &Plan, i: usize, month: u8, progress: &str) -> Entry {
    let p = &plan.projects[i];
    let as_of = Date::month_end(2024, month).unwrap();
    Entry {
        id: format!("rep-{i}-{month}"),
        project: p.id.clone(),
        subject: Subject::Report,
        reported: texts(progress, "problem"),
        as_of,
        note: marked("note"),
        unit: p.lead_unit.to_string(),
        person: marked("person"),
        recorded_at: format!("{as_of}T19:00:00.000Z"),
        supersedes: None,
        deleted: false,
    }
}

fn review(plan: &Plan, i: usize, month: u8, pass: bool) -> Act {
    let as_of = Date::month_end(2024, month).unwrap();
    let kind = ActKind::Review { month: as_of, pass, comment: marked("退回意见"), covers: format!("{as_of}T19:00:00.000Z") };
    act(&format!("rev-{i}-{month}"), &plan.projects[i].id, kind, DEFAULT_OFFICE, &format!("{}T02:00:00.000Z", as_of.add_days(3).unwrap()))
}

/// The 2024 list with internal texts in every field that has them, and a year of reports: every
/// project reports January to October; the office passes January to September and leaves October
/// (whose 本月进展 carries the marker) unreviewed; one month is returned; an extension, a closure,
/// a 督办单, a decision and a record of an unknown kind carry the marker too.
fn world() -> (Plan, Ledger) {
    let mut plan = plan_2024();
    for p in &mut plan.projects {
        p.notes.push(marked("备注"));
        p.extra.push(ExtraField { label: "联系人".into(), value: marked("联系人") });
    }
    let mut ledger = synthetic_ledger(&plan, 7, d(10, 31));
    let mut extra = Ledger::default();
    for e in ledger.entries.values() {
        let mut e = e.clone();
        e.note = marked("note");
        e.person = marked("person");
        extra.add(e);
    }
    ledger.merge(&extra);
    for i in 0..plan.projects.len() {
        for month in 1..=10 {
            let text = if month == 10 { marked("十月未审核进展") } else { format!("{month}月公开进展第{i}项") };
            ledger.add(report(&plan, i, month, &text));
            if month < 10 {
                ledger.add_act(review(&plan, i, month, !(i == 0 && month == 9)));
            }
        }
        ledger.add_notice(IssuedNotice {
            id: format!("notice-{i}"),
            no: i as u32 + 1,
            project: plan.projects[i].id.clone(),
            level: "red".into(),
            report_date: d(9, 30),
            action: marked("督办要求"),
            reply_by: d(10, 15),
            unit: DEFAULT_OFFICE.into(),
            person: marked("person"),
            recorded_at: "2024-10-01T01:00:00.000Z".into(),
        });
    }
    let p1 = plan.projects[1].clone();
    let from = p1.due.unwrap();
    let ext = act("ext-1", &p1.id, ActKind::Extension { target: Target::Due, from, to: d(12, 31), reason: marked("延期理由") }, &p1.lead_unit, "2024-10-02T01:00:00.000Z");
    ledger.add_act(ext);
    ledger.add_act(act("rul-1", &p1.id, ActKind::Ruling { request: "ext-1".into(), approve: true, comment: marked("批复意见") }, DEFAULT_OFFICE, "2024-10-03T01:00:00.000Z"));
    let p2 = plan.projects[2].clone();
    ledger.add_act(act("clo-2", &p2.id, ActKind::Closure { summary: marked("办结说明") }, &p2.lead_unit, "2024-10-04T01:00:00.000Z"));
    ledger.add_act(act("con-2", &p2.id, ActKind::Confirmation { request: "clo-2".into(), close: true, comment: marked("销号意见") }, DEFAULT_OFFICE, "2024-10-05T01:00:00.000Z"));
    let stray = Entry { id: "stray".into(), unit: marked("外单位"), ..report(&plan, 3, 8, &marked("外单位进展")) };
    ledger.add(stray);
    ledger.add_decision(Decision { id: "dec".into(), entry: "stray".into(), accept: false, unit: DEFAULT_OFFICE.into(), person: marked("person"), recorded_at: "2024-10-06T00:00:00.000Z".into() });
    ledger.add_unknown("future-1".into(), serde_json::json!({"id": "future-1", "kind": "inspection", "project": plan.projects[0].id, "text": marked("unknown")}));
    (plan, ledger)
}

fn options(date: Date) -> Options {
    Options { date, title: "2024年杭州市民生实事项目进展".into(), base_url: BaseUrl::parse(BASE).unwrap(), progress_text: true }
}

fn files_of(site: &Published) -> HashMap<String, Vec<u8>> {
    publish::site(site).into_iter().collect()
}

fn text<'a>(files: &'a HashMap<String, Vec<u8>>, path: &str) -> &'a str {
    std::str::from_utf8(files.get(path).unwrap_or_else(|| panic!("{path} is in the site"))).unwrap()
}

#[test]
fn nothing_internal_reaches_any_byte_of_the_site() {
    let (plan, ledger) = world();
    let published = publish::publish(&plan, &ledger, DEFAULT_OFFICE, &Settings::default(), &options(d(10, 31)));
    assert!(published.reviewed && published.progress);
    let files = publish::site(&published);
    assert!(files.len() > 48 * 3, "{} files", files.len());
    let zip = publish::zip(&files, "site").unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert_eq!(archive.len(), files.len());
    let mut scanned = 0;
    for k in 0..archive.len() {
        let mut entry = archive.by_index(k).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for mark in [MARK, MARK_ZH, "督办", "退回意见", "延期理由", "联系人", "外单位"] {
            assert!(!text.contains(mark), "{:?} contains {mark}", entry.name());
        }
        scanned += bytes.len();
    }
    assert!(scanned > 500_000, "{scanned} bytes scanned");
    // What is public is there: a passed month's 本月进展, the figures, the extension, the closure.
    let files: HashMap<String, Vec<u8>> = files.into_iter().collect();
    let p0 = &published.projects[0];
    let page = text(&files, &format!("p/{}.html", p0.file));
    assert!(page.contains("9月公开进展第0项") || page.contains("8月公开进展第0项"), "{page}");
    let p5 = &published.projects[5];
    assert!(text(&files, &format!("p/{}.html", p5.file)).contains("9月公开进展第5项"));
    assert!(p5.targets.iter().any(|t| t.reported.is_some()), "figures passed in September are published");
    let p1 = &published.projects[1];
    assert_eq!(p1.due, Some(d(12, 31)));
    assert_eq!((p1.moves[0].milestone.as_deref(), p1.moves[0].adjusted), (None, d(12, 31)), "预计完成时间 moved (and the milestones due on it)");
    let page1 = text(&files, &format!("p/{}.html", p1.file));
    assert!(page1.contains("延期情况") && page1.contains("原计划"), "the extension granted is shown");
    let s2 = published.projects[2].status.as_ref().unwrap();
    assert_eq!(s2.light, Light::Done, "the closed project is published as done");
    // Published leaders stay: they are in the published list.
    assert!(page.contains(&*plan.projects[0].city_leader));
}

#[test]
fn unreviewed_figures_are_published_only_when_the_office_does_not_review() {
    let plan = plan_2024();
    let ledger = synthetic_ledger(&plan, 7, d(10, 31));
    let open = publish::publish(&plan, &ledger, DEFAULT_OFFICE, &Settings::default(), &options(d(10, 31)));
    assert!(!open.reviewed && open.progress);
    assert!(open.projects.iter().any(|p| p.targets.iter().any(|t| t.reported.is_some())));
    let mut reviewing = ledger.clone();
    reviewing.add_act(review(&plan, 0, 3, true));
    let closed = publish::publish(&plan, &reviewing, DEFAULT_OFFICE, &Settings::default(), &options(d(10, 31)));
    assert!(closed.reviewed);
    // Only project 0's March report was passed (and it had no figures of its own): nothing else counts.
    for p in &closed.projects[1..] {
        assert!(p.targets.iter().all(|t| t.reported.is_none()), "{}", p.name);
    }
}

#[test]
fn a_date_with_no_reviewed_report_publishes_the_plan_alone() {
    let (plan, ledger) = world();
    let mut early = ledger.clone();
    // Reviews exist, but none of a report before February.
    early.merge(&Ledger::default());
    let published = publish::publish(&plan, &early, DEFAULT_OFFICE, &Settings::default(), &options(d(1, 15)));
    assert!(!published.progress);
    assert!(published.projects.iter().all(|p| p.status.is_none() && p.report.is_none()));
    let files = files_of(&published);
    let index = text(&files, "index.html");
    assert!(index.contains("暂无已审核的进展"), "{index}");
    assert!(!files.keys().any(|k| k.starts_with("l/")), "no light pages without progress");
    assert!(text(&files, "en/index.html").contains("No reviewed progress yet"));
    // The plan is all there.
    let p = &published.projects[0];
    assert!(text(&files, &format!("p/{}.html", p.file)).contains("工作计划和进度安排"));
}

#[test]
fn the_default_date_is_the_latest_month_with_a_passed_report() {
    let (plan, ledger) = world();
    let flow = minsheng::domain::flow::Flow::new(&plan, &ledger, DEFAULT_OFFICE);
    assert_eq!(publish::default_date(&flow, 2024, d(12, 6)), d(9, 30));
    assert_eq!(publish::default_date(&flow, 2024, d(7, 20)), d(6, 30));
    let none = minsheng::domain::flow::Flow::new(&plan, &Ledger::default(), DEFAULT_OFFICE);
    assert_eq!(publish::default_date(&none, 2024, d(7, 20)), d(6, 30));
    assert_eq!(publish::default_date(&none, 2024, Date::new(2026, 12, 6).unwrap()), d(12, 31));
}

#[test]
fn base_addresses_are_http_urls() {
    assert_eq!(BaseUrl::parse(" https://a.gov.cn/ms ").unwrap().as_str(), "https://a.gov.cn/ms/");
    assert_eq!(BaseUrl::parse("HTTP://a.gov.cn:8080/x/").unwrap().as_str(), "http://a.gov.cn:8080/x/");
    assert_eq!(BaseUrl::parse(""), Err(UrlError::Empty));
    for bad in ["ftp://a.gov.cn/", "a.gov.cn/x", "javascript:alert(1)", "//a.gov.cn/"] {
        assert_eq!(BaseUrl::parse(bad), Err(UrlError::NotHttp), "{bad}");
    }
    for bad in ["https://", "https:///x", "https://a b/", "https://a.gov.cn/\"><script>", "https://a.gov.cn/?q=1", "https://a.gov.cn/#x"] {
        assert_eq!(BaseUrl::parse(bad), Err(UrlError::Malformed), "{bad}");
    }
    assert_eq!(BaseUrl::parse(&format!("https://a.gov.cn/{}", "x".repeat(1_000))), Err(UrlError::Malformed));
}

/// Markup in every text of the list, an empty project: every page parses as XML (balanced, quoted,
/// escaped), has its language, title and one h1, and every link leads to a file of the site.
#[test]
fn pages_are_well_formed_escaped_and_linked() {
    let (mut plan, ledger) = world();
    let evil = "<script>alert('x')</script>&\"";
    plan.projects[3].name = format!("{evil}项目");
    plan.projects[3].plan_text = format!("{evil}计划");
    plan.categories[0].name = format!("{evil}类别");
    plan.projects[4].plan_text = String::new();
    plan.projects[4].milestones.clear();
    plan.projects[4].indicators.clear();
    plan.projects[4].co_units_text = "".into();
    let published = publish::publish(&plan, &ledger, DEFAULT_OFFICE, &Settings::default(), &options(d(10, 31)));
    let files = files_of(&published);
    let mut pages_seen = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        pages_seen += 1;
        let page = std::str::from_utf8(bytes).unwrap();
        assert!(!page.contains("<script"), "{path} has a script");
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\""), "{path}");
        assert_eq!(page.matches("<h1").count(), 1, "{path}: one h1");
        assert_eq!(page.matches("<title>").count(), 1, "{path}");
        well_formed(path, page);
        for link in links(page) {
            if link.starts_with("https://") || link.starts_with('#') {
                continue;
            }
            let target = resolve(path, &link);
            assert!(files.contains_key(&target), "{path}: {link} → {target} is not in the site");
        }
    }
    assert_eq!(pages_seen, 2 * (1 + published.categories.len() + 48 + 2) + 2 * lights(&published), "pages of both languages");
    let empty = &published.projects[4];
    let page = text(&files, &format!("p/{}.html", empty.file));
    assert!(!page.contains("工作计划和进度安排") && !page.contains("目标与完成情况") && !page.contains("<dt>配合单位"), "empty fields leave no empty section");
    assert!(page.contains("<dt>牵头单位</dt>"));
    // The posters: one A5 page per project, all at once.
    let posters = text(&files, "posters.html");
    assert_eq!(posters.matches(r#"<section class="poster""#).count(), 48);
    assert!(pages::STYLE.contains("@page { size: A5;") && pages::STYLE.contains(".poster { border: 0; break-after: page;"));
    // The open data: CSV with a BOM and a row per project, JSON that parses.
    let csv = text(&files, "data/projects.csv");
    assert!(csv.starts_with('\u{FEFF}'));
    assert_eq!(csv.matches("\r\n").count(), 49, "a header and a line per project");
    let json: serde_json::Value = serde_json::from_str(text(&files, "data/projects.json")).unwrap();
    assert_eq!(json["projects"].as_array().unwrap().len(), 48);
    assert!(json["projects"][3]["url"].as_str().unwrap().starts_with(BASE));
    assert!(json["projects"][3]["name"].as_str().unwrap().starts_with("<script>"), "JSON keeps the text as it is");
}

fn lights(p: &Published) -> usize {
    Light::ALL.iter().filter(|l| p.projects.iter().any(|x| x.status.as_ref().is_some_and(|s| s.light == **l))).count()
}

fn well_formed(path: &str, page: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(page);
    let mut stack: Vec<String> = Vec::new();
    let mut ids = HashSet::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{path}: attribute: {err}"));
                    if a.key.as_ref() == "id" {
                        assert!(ids.insert(a.value.to_string()), "{path}: id repeated");
                    }
                }
                stack.push(e.name().as_ref().to_string());
            }
            Ok(Event::End(e)) => {
                let name = e.name().as_ref().to_string();
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "{path}: </{name}> closes another element");
            }
            Ok(Event::Empty(e)) => {
                for a in e.attributes() {
                    a.unwrap_or_else(|err| panic!("{path}: attribute: {err}"));
                }
            }
            Ok(Event::Eof) => break,
            Ok(Event::Text(t)) => {
                let raw = t.as_ref().to_string();
                assert!(!raw.contains('<') && !raw.contains('>'), "{path}: raw angle bracket in text");
            }
            Ok(_) => {}
            Err(e) => panic!("{path}: not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    assert!(stack.is_empty(), "{path}: unclosed {stack:?}");
}

fn links(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (at, _) in page.match_indices(attr) {
            let rest = &page[at + attr.len()..];
            out.push(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    out
}

fn resolve(from: &str, link: &str) -> String {
    let link = link.split('#').next().unwrap();
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for piece in link.split('/') {
        match piece {
            ".." => {
                assert!(parts.pop().is_some(), "{from}: {link} climbs out of the site");
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Every code, read back from its SVG file by a QR reader, is the address of its project's page.
#[test]
fn every_code_reads_as_its_project_page() {
    let (plan, ledger) = world();
    let published = publish::publish(&plan, &ledger, DEFAULT_OFFICE, &Settings::default(), &options(d(10, 31)));
    let files = files_of(&published);
    for p in &published.projects {
        let svg = text(&files, &format!("qr/{}.svg", p.file));
        let read = read_code(svg);
        assert_eq!(read, format!("{BASE}p/{}.html", p.file));
        assert_eq!(read, pages::project_url(&published, p));
        let page = read.strip_prefix(BASE).unwrap();
        assert!(text(&files, page).contains(&format!("<h1>{}</h1>", p.name)), "{page} opens on its project");
    }
}

/// The SVG's path (`M0 0` then `m{dx} {dy}h{w}v1h-{w}z` per run of dark modules) drawn into a bitmap,
/// 6 pixels a module, and decoded.
fn read_code(svg: &str) -> String {
    let at = svg.find(" width=\"").unwrap() + 8;
    let size: usize = svg[at..].split('"').next().unwrap().parse().unwrap();
    let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let d = d.strip_prefix("M0 0").unwrap();
    let mut dark = vec![false; size * size];
    let (mut x, mut y) = (0i64, 0i64);
    for run in d.split('m').filter(|s| !s.is_empty()) {
        let (xy, rest) = run.split_once('h').unwrap();
        let (dx, dy) = xy.split_once(' ').unwrap();
        let w: usize = rest.split('v').next().unwrap().parse().unwrap();
        assert!(rest.ends_with(&format!("v1h-{w}z")), "{run}");
        x += dx.parse::<i64>().unwrap();
        y += dy.parse::<i64>().unwrap();
        for xx in x as usize..x as usize + w {
            dark[y as usize * size + xx] = true;
        }
    }
    let scale = 6;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(size * scale, size * scale, |x, y| if dark[(y / scale) * size + x / scale] { 0 } else { 255 });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one code in the image");
    grids[0].decode().unwrap().1
}

#[test]
fn the_light_colours_are_the_palette() {
    for l in Light::ALL {
        let c = minsheng::domain::palette::light(l);
        let rule = format!(".l-{} {{ color: {}; }} .l-{} .dot {{ background: {}; }}", l.code(), c.text.hex(), l.code(), c.mark.hex());
        assert!(pages::STYLE.contains(&rule), "site.css lacks {rule}");
    }
}

/// A list of 450 projects: the index, each filter and the posters come in pages of 200, each page at
/// most 20 KB gzip, every link (the pagers' too) leads to a file of the site, and the index's pages list
/// every project once.
#[test]
fn a_long_list_is_paged_and_every_page_stays_small() {
    use std::io::Write;
    let plan = minsheng::domain::synth::synthetic_plan(450, 7, 2024);
    let ledger = synthetic_ledger(&plan, 7, d(10, 31));
    let published = publish::publish(&plan, &ledger, DEFAULT_OFFICE, &Settings::default(), &options(d(10, 31)));
    let files = files_of(&published);
    let mut largest = (0, String::new());
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        let size = gz.finish().unwrap().len();
        if size > largest.0 {
            largest = (size, path.clone());
        }
        let page = std::str::from_utf8(bytes).unwrap();
        for link in links(page).into_iter().filter(|l| !l.starts_with("https://") && !l.starts_with('#')) {
            assert!(files.contains_key(&resolve(path, &link)), "{path}: {link}");
        }
    }
    assert!(largest.0 <= 20 * 1024, "{} is {} bytes gzip", largest.1, largest.0);
    for lang in ["", "en/"] {
        let mut listed = HashSet::new();
        for k in ["index.html", "index-2.html", "index-3.html"] {
            let page = text(&files, &format!("{lang}{k}"));
            assert!(page.contains(r#"<nav class="pager""#), "{lang}{k}");
            for (at, _) in page.match_indices(r#"<th scope="row"><a href=""#) {
                assert!(listed.insert(page[at..].split('"').nth(3).unwrap().to_string()), "{lang}{k}: a project listed twice");
            }
        }
        assert!(!files.contains_key(&format!("{lang}index-4.html")));
        assert_eq!(listed.len(), 450, "every project once on the index's pages");
    }
    assert!(text(&files, "index-2.html").contains("（第 2 / 3 页）"));
    assert_eq!(text(&files, "posters-3.html").matches(r#"<section class="poster""#).count(), 50);
}
