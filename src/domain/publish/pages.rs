//! The 公开版's pages, written from [`Published`] alone: an index of the list by category (and one page
//! per category and per light, so it filters without a server or a script), a page per project, the
//! 数据下载 page with the same data as CSV and JSON, and the A5 posters. Plain HTML and one style sheet;
//! every link is relative, so the site works from any sub-path of any host. The Chinese pages are at
//! the root, the English ones under `en/`.
//!
//! Invariant: every text goes through `markup!` (escaped); nothing here reads the ledger or the plan.

use super::{Published, PublicProject, PublicStatus, Stage};
use crate::domain::csv_export::field;
use crate::domain::date::Date;
use crate::domain::markup::Markup;
use crate::domain::messages::{amount, percent, reason, when};
use crate::domain::plan::format_number;
use crate::domain::status::{Light, Reason};
use crate::i18n::{Lang, Site};
use crate::markup;
use serde::Serialize;

/// The site's one style sheet: readable on any phone, printable (the posters are A5 pages).
pub const STYLE: &str = include_str!("site.css");

/// Where a page is: its language and its path from that language's root.
struct Here<'a> {
    lang: Lang,
    rel: &'a str,
}

impl Here<'_> {
    fn depth(&self) -> usize {
        self.rel.matches('/').count()
    }

    /// The way up to this language's root.
    fn root(&self) -> String {
        "../".repeat(self.depth())
    }

    /// The way up to the site's root (the style sheet, the codes).
    fn site_root(&self) -> String {
        "../".repeat(self.depth() + usize::from(self.lang == Lang::En))
    }

    /// The same page in the other language.
    fn other(&self) -> String {
        let dir = if self.lang.other() == Lang::En { "en/" } else { "" };
        format!("{}{dir}{}", self.site_root(), self.rel)
    }
}

fn lang_dir(lang: Lang) -> &'static str {
    if lang == Lang::En {
        "en/"
    } else {
        ""
    }
}

/// A project page's address on the host: what its code encodes (the Chinese page, the list's language).
pub fn project_url(site: &Published, p: &PublicProject) -> String {
    format!("{}p/{}.html", site.base_url.as_str(), p.file)
}

pub fn light_label(light: Light, overdue: bool, w: &Site) -> &'static str {
    match (light, overdue) {
        (Light::Done, _) => w.light_done,
        (Light::OnTrack, _) => w.light_on_track,
        (Light::Behind, _) => w.light_behind,
        (Light::Serious, true) => w.light_overdue,
        (Light::Serious, false) => w.light_serious,
        (Light::NotReported, _) => w.light_none,
    }
}

/// A reason in the public's words: what was not reported reads as not yet published.
pub fn public_reason(r: &Reason, lang: Lang) -> String {
    let w = lang.site();
    match r {
        Reason::NotReported { due, .. } => (w.not_published)(&when(*due, lang)),
        Reason::NoReports { .. } => w.no_reports.to_string(),
        other => reason(other, lang),
    }
}

fn stage_label(s: Stage, w: &Site) -> &'static str {
    match s {
        Stage::Done => w.stage_done,
        Stage::NotDone => w.stage_not_done,
        Stage::NoNews => w.stage_no_news,
        Stage::Ahead => w.stage_ahead,
    }
}

fn light_mark(s: &PublicStatus, w: &Site) -> Markup {
    markup!(r#"<span class="light l-{code}"><span class="dot" aria-hidden="true"></span>{label}</span>"#, code = s.light.code(), label = light_label(s.light, s.overdue, w))
}

fn due_text(p: &PublicProject, lang: Lang) -> String {
    let w = lang.site();
    match (p.due, p.due_baseline) {
        (Some(now), Some(was)) => (w.moved_due)(&when(now, lang), &when(was, lang)),
        (Some(now), None) if lang == Lang::En || p.due_text.trim().is_empty() => when(now, lang),
        _ => p.due_text.clone(),
    }
}

fn figure(v: Option<f64>, unit: &str, w: &Site) -> String {
    v.map(|v| amount(v, unit)).unwrap_or_else(|| w.none_reported.to_string())
}

/// The page around a body: head, the site's header and navigation, the report date and 数据来源.
fn page(site: &Published, here: &Here, title: &str, body: Markup) -> String {
    let w = here.lang.site();
    let root = here.root();
    let nav_item = |href: &str, label: &str| {
        let current = if here.rel == href { Markup::lit(r#" aria-current="page""#) } else { Markup::default() };
        markup!(r#"<a href="{root}{href}"{current}>{label}</a>"#, root = root, href = href, current = current, label = label)
    };
    let mut nav = nav_item("index.html", w.list);
    nav.push(&nav_item("data.html", w.data));
    nav.push(&nav_item("posters.html", w.posters));
    let other = here.lang.other();
    let full = if title == site.title { site.title.clone() } else { format!("{title} · {}", site.title) };
    markup!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{full}</title>
<link rel="stylesheet" href="{css}style.css" />
<link rel="alternate" hreflang="{other_lang}" href="{other}" />
</head>
<body>
<a class="skip" href="{to_main}">{skip}</a>
<header class="top"><div class="wrap"><a class="brand" href="{root}index.html">{site_title}</a><nav aria-label="{nav_label}">{nav}<a lang="{other_lang}" hreflang="{other_lang}" href="{other}">{switch}</a></nav></div></header>
<main id="main" class="wrap">
{body}
</main>
<footer class="wrap"><p>{date}</p><p>{source}</p></footer>
</body>
</html>
"#,
        lang = here.lang.html_lang(),
        full = full,
        css = here.site_root(),
        other_lang = other.html_lang(),
        other = here.other(),
        skip = w.skip,
        to_main = "#main",
        root = root,
        site_title = site.title,
        nav_label = w.nav,
        nav = nav,
        switch = w.lang_switch,
        body = body,
        date = (w.report_date)(&site.report_date.to_string()),
        source = (w.source)(&site.office, &site.plan_title, site.reviewed),
    )
    .to_string()
}

/// Which projects an index page lists.
#[derive(Clone, Copy, PartialEq)]
enum Filter {
    All,
    Category(u32),
    Light(Light),
}

fn keeps(f: Filter, p: &PublicProject) -> bool {
    match f {
        Filter::All => true,
        Filter::Category(no) => p.category_no == no,
        Filter::Light(l) => p.status.as_ref().is_some_and(|s| s.light == l),
    }
}

/// At most this many projects on a page of the index (and posters on a page of 扫码牌): a page stays a
/// few kilobytes whatever the list's size.
pub const PAGE_ROWS: usize = 200;

/// The file of page `k` (from 1) of a list whose first page is `first` ("index.html", "c/3.html").
fn page_file(first: &str, k: usize) -> String {
    if k <= 1 {
        first.to_string()
    } else {
        format!("{}-{k}.html", first.trim_end_matches(".html"))
    }
}

/// Links to the other pages of a list paged by [`PAGE_ROWS`]: 上一页, the numbers (the first, the last and
/// two either side of this one), 下一页. Nothing for a list of one page.
fn pager(first: &str, k: usize, pages: usize, root: &str, w: &Site) -> Markup {
    if pages <= 1 {
        return Markup::default();
    }
    let link = |to: usize, label: String, rel: &'static str| markup!(r#"<a href="{root}{href}" rel="{rel}">{label}</a>"#, root = root, href = page_file(first, to), rel = rel, label = label);
    let mut items = Markup::default();
    if k > 1 {
        items.push(&link(k - 1, w.prev.to_string(), "prev"));
    }
    let mut last_shown = 0;
    for n in 1..=pages {
        if n != 1 && n != pages && n.abs_diff(k) > 2 {
            continue;
        }
        if n > last_shown + 1 {
            items.push(&Markup::lit(r#"<span class="gap" aria-hidden="true">…</span>"#));
        }
        if n == k {
            items.push(&markup!(r#"<span aria-current="page">{n}</span>"#, n = n));
        } else {
            items.push(&link(n, n.to_string(), if n + 1 == k { "prev" } else if n == k + 1 { "next" } else { "nofollow" }));
        }
        last_shown = n;
    }
    if k < pages {
        items.push(&link(k + 1, w.next.to_string(), "next"));
    }
    markup!(r#"<nav class="pager" aria-label="{label}">{items}</nav>"#, label = w.pager, items = items)
}

/// A list the index shows: its filter, its first page's file and its projects, made once per language
/// (the filter links of every index page count them).
struct List<'a> {
    filter: Filter,
    first: String,
    shown: Vec<&'a PublicProject>,
}

fn index(site: &Published, lang: Lang, lists: &[List], which: usize, k: usize) -> String {
    let w = lang.site();
    let List { filter, first, shown } = &lists[which];
    let (filter, first) = (*filter, first.as_str());
    let rel = page_file(first, k);
    let here = Here { lang, rel: &rel };
    let root = here.root();
    let pages = shown.len().div_ceil(PAGE_ROWS).max(1);
    let link = |href: String, label: String, n: usize, on: bool| {
        let current = match (on, k) {
            (false, _) => Markup::default(),
            (true, 1) => Markup::lit(r#" aria-current="page""#),
            (true, _) => Markup::lit(r#" aria-current="true""#),
        };
        markup!(r#"<li><a href="{root}{href}"{current}>{label} <span class="n">{n}</span></a></li>"#, root = root, href = href, current = current, label = label, n = n)
    };
    let (mut by_category, mut by_light) = (Markup::default(), Markup::default());
    for list in lists {
        let on = list.filter == filter;
        let (to, label) = match list.filter {
            Filter::All => (&mut by_category, w.all.to_string()),
            Filter::Category(no) => (&mut by_category, site.categories.iter().find(|c| c.0 == no).map_or(String::new(), |c| c.1.clone())),
            Filter::Light(l) => (&mut by_light, light_label(l, false, w).to_string()),
        };
        to.push(&link(list.first.clone(), label, list.shown.len(), on));
    }
    let mut filters = markup!(r#"<nav class="filter" aria-label="{label}"><h2>{label}</h2><ul>{links}</ul></nav>"#, label = w.by_category, links = by_category);
    if !by_light.is_empty() {
        filters.push(&markup!(r#"<nav class="filter lights" aria-label="{label}"><h2>{label}</h2><ul>{links}</ul></nav>"#, label = w.by_light, links = by_light));
    }
    let mut heading = match filter {
        Filter::All => site.title.clone(),
        Filter::Category(no) => (w.filtered)(site.categories.iter().find(|c| c.0 == no).map_or("", |c| c.1.as_str())),
        Filter::Light(l) => (w.filtered)(light_label(l, false, w)),
    };
    if pages > 1 {
        heading = format!("{heading} {}", (w.page_of)(k, pages));
    }
    let on_page = &shown[((k - 1) * PAGE_ROWS).min(shown.len())..(k * PAGE_ROWS).min(shown.len())];
    let notice = if site.progress {
        Markup::default()
    } else {
        markup!(r#"<p class="notice" role="note"><strong>{none}</strong> {hint}</p>"#, none = (w.no_progress)(site.reviewed), hint = w.no_progress_hint)
    };
    let mut tables = Markup::default();
    for (no, name) in &site.categories {
        let rows: Vec<&&PublicProject> = on_page.iter().filter(|p| p.category_no == *no).collect();
        if rows.is_empty() {
            continue;
        }
        let mut body = Markup::default();
        for p in rows {
            let (status, completion) = match &p.status {
                Some(s) => (light_mark(s, w), Markup::text(&s.completion.map(percent).unwrap_or_else(|| w.empty.to_string()))),
                None => (Markup::text(w.empty), Markup::text(w.empty)),
            };
            body.push(&markup!(
                r#"<tr><td class="num seq">{seq}</td><th scope="row"><a href="{root}p/{file}.html">{name}</a></th><td data-label="{l_lead}">{lead}</td><td data-label="{l_due}">{due}</td><td data-label="{l_status}">{status}</td><td class="num" data-label="{l_completion}">{completion}</td></tr>"#,
                l_lead = w.col_lead_unit,
                l_due = w.col_due,
                l_status = w.col_status,
                l_completion = w.col_completion,
                seq = p.seq,
                root = root,
                file = p.file,
                name = p.name,
                lead = p.lead_unit,
                due = due_text(p, lang),
                status = status,
                completion = completion,
            ));
        }
        tables.push(&markup!(
            r#"<section class="category"><h2 id="c{no}">{name}</h2><div class="scroll"><table class="list"><thead><tr><th scope="col">{seq}</th><th scope="col">{col_name}</th><th scope="col">{lead}</th><th scope="col">{due}</th><th scope="col">{status}</th><th scope="col" class="num">{completion}</th></tr></thead><tbody>{body}</tbody></table></div></section>"#,
            no = *no,
            name = name,
            seq = w.col_seq,
            col_name = w.col_name,
            lead = w.col_lead_unit,
            due = w.col_due,
            status = w.col_status,
            completion = w.col_completion,
            body = body,
        ));
    }
    let pager = pager(first, k, pages, &root, w);
    let body = markup!(
        r#"<h1>{heading}</h1>
<p class="meta">{count}</p>
{notice}<div class="filters">{filters}</div>
{tables}{pager}"#,
        heading = heading,
        count = (w.count)(shown.len()),
        notice = notice,
        filters = filters,
        tables = tables,
        pager = pager,
    );
    let title = if filter == Filter::All && pages == 1 { site.title.clone() } else { heading };
    page(site, &here, &title, body)
}

fn project_page(site: &Published, lang: Lang, p: &PublicProject, rel: &str) -> String {
    let w = lang.site();
    let here = Here { lang, rel };
    let root = here.root();
    let category = site.categories.iter().find(|c| c.0 == p.category_no).map_or(String::new(), |c| c.1.clone());
    let status = match &p.status {
        Some(s) => {
            let mut reasons = Markup::default();
            for r in &s.reasons {
                reasons.push(&markup!("<li>{r}</li>", r = public_reason(r, lang)));
            }
            let completion = match s.completion {
                Some(c) => markup!(
                    r#"<p>{label}{colon}<strong>{completion}</strong></p><div class="bar" aria-hidden="true"><span style="width:{width}%"></span></div>"#,
                    label = w.col_completion,
                    colon = lang.t().colon,
                    completion = percent(c),
                    width = format_number(crate::domain::messages::percent_value(c).clamp(0.0, 100.0)),
                ),
                None => Markup::default(),
            };
            markup!(
                r#"<section class="status" aria-labelledby="st"><h2 id="st">{label}</h2><p class="big">{mark}</p>{completion}<ul>{reasons}</ul></section>"#,
                label = w.col_status,
                mark = light_mark(s, w),
                completion = completion,
                reasons = reasons,
            )
        }
        None => markup!(r#"<p class="notice" role="note">{none}</p>"#, none = (w.no_progress)(site.reviewed)),
    };
    let field = |label: &str, value: &str| {
        if value.trim().is_empty() {
            Markup::default()
        } else {
            markup!("<div><dt>{label}</dt><dd>{value}</dd></div>", label = label, value = value)
        }
    };
    let mut facts = field(w.col_category, &category);
    facts.push(&field(w.col_city_leader, &p.city_leader));
    facts.push(&field(w.col_lead_unit, &p.lead_unit));
    facts.push(&field(w.col_lead_unit_leader, &p.lead_unit_leader));
    facts.push(&field(w.col_co_units, &p.co_units));
    facts.push(&field(w.col_due, &due_text(p, lang)));
    let targets = if p.targets.is_empty() {
        Markup::default()
    } else {
        let mut rows = Markup::default();
        for x in &p.targets {
            rows.push(&markup!(
                r#"<tr><th scope="row">{name}</th><td class="num">{target}</td><td class="num">{reported}</td></tr>"#,
                name = x.name,
                target = x.target.map(|t| amount(t, &x.unit)).unwrap_or_else(|| w.empty.to_string()),
                reported = figure(x.reported, &x.unit, w),
            ));
        }
        markup!(
            r#"<section aria-labelledby="tg"><h2 id="tg">{h}</h2><div class="scroll"><table><thead><tr><th scope="col">{a}</th><th scope="col" class="num">{b}</th><th scope="col" class="num">{c}</th></tr></thead><tbody>{rows}</tbody></table></div></section>"#,
            h = w.targets,
            a = w.col_indicator,
            b = w.col_target,
            c = w.col_reported,
            rows = rows,
        )
    };
    let mut steps = Markup::default();
    for m in &p.milestones {
        steps.push(&markup!(
            r#"<tr><td>{due}</td><td>{text}</td><td>{stage}</td></tr>"#,
            due = when(m.due, lang),
            text = m.text,
            stage = m.stage.map_or(w.empty, |s| stage_label(s, w)),
        ));
    }
    let plan_text = if p.plan_text.trim().is_empty() { Markup::default() } else { markup!("<p>{t}</p>", t = p.plan_text) };
    let steps = if p.milestones.is_empty() {
        Markup::default()
    } else {
        markup!(
            r#"<div class="scroll"><table><thead><tr><th scope="col">{a}</th><th scope="col">{b}</th><th scope="col">{c}</th></tr></thead><tbody>{rows}</tbody></table></div>"#,
            a = w.col_when,
            b = w.col_content,
            c = w.col_stage,
            rows = steps,
        )
    };
    let plan = if plan_text.is_empty() && steps.is_empty() {
        Markup::default()
    } else {
        markup!(r#"<section aria-labelledby="pl"><h2 id="pl">{h}</h2>{text}{steps}</section>"#, h = w.plan, text = plan_text, steps = steps)
    };
    let moves = if p.moves.is_empty() {
        Markup::default()
    } else {
        let mut rows = Markup::default();
        for m in &p.moves {
            rows.push(&markup!(
                "<tr><td>{item}</td><td>{was}</td><td>{now}</td></tr>",
                item = m.milestone.clone().unwrap_or_else(|| w.col_due.to_string()),
                was = when(m.baseline, lang),
                now = when(m.adjusted, lang),
            ));
        }
        markup!(
            r#"<section aria-labelledby="mv"><h2 id="mv">{h}</h2><div class="scroll"><table><thead><tr><th scope="col">{a}</th><th scope="col">{b}</th><th scope="col">{c}</th></tr></thead><tbody>{rows}</tbody></table></div></section>"#,
            h = w.moves,
            a = w.col_item,
            b = w.col_baseline,
            c = w.col_adjusted,
            rows = rows,
        )
    };
    let report = match &p.report {
        Some(r) => markup!(
            r#"<section aria-labelledby="rp"><h2 id="rp">{h}</h2><p class="meta">{as_of}</p><p>{text}</p></section>"#,
            h = w.col_progress,
            as_of = (w.as_of)(&r.as_of.to_string()),
            text = r.text,
        ),
        None => Markup::default(),
    };
    let url = project_url(site, p);
    let body = markup!(
        r#"<nav class="crumbs" aria-label="{crumbs}"><a href="{root}index.html">{list}</a> › <a href="{root}c/{cat_no}.html">{category}</a></nav>
<h1>{name}</h1>
<div class="project">
<div class="main-col">{status}
<section aria-labelledby="df"><h2 id="df">{details}</h2><dl class="facts">{facts}</dl></section>
{targets}{plan}{moves}{report}</div>
<aside class="qr"><figure><img src="{site_root}qr/{file}.svg" width="160" height="160" alt="{alt}" /><figcaption>{qr_title}</figcaption></figure><p class="address">{address}{colon}<a href="{url}">{url}</a></p></aside>
</div>"#,
        crumbs = w.breadcrumb,
        root = root,
        list = w.list,
        cat_no = p.category_no,
        category = category,
        name = p.name,
        status = status,
        details = w.details,
        facts = facts,
        targets = targets,
        plan = plan,
        moves = moves,
        report = report,
        site_root = here.site_root(),
        file = p.file,
        alt = (w.qr_alt)(&p.name),
        qr_title = w.qr_title,
        address = w.address,
        colon = lang.t().colon,
        url = url,
    );
    page(site, &here, &p.name, body)
}

fn data_page(site: &Published, lang: Lang) -> String {
    let w = lang.site();
    let here = Here { lang, rel: "data.html" };
    let body = markup!(
        r#"<h1>{h}</h1><p>{intro}</p><ul class="files"><li><a href="{dir}data/projects.csv" download="">projects.csv</a> · {csv}</li><li><a href="{dir}data/projects.json" download="">projects.json</a> · {json}</li></ul>"#,
        dir = here.site_root(),
        h = w.data,
        intro = w.data_intro,
        csv = w.data_csv,
        json = w.data_json,
    );
    page(site, &here, w.data, body)
}

fn posters_page(site: &Published, lang: Lang, k: usize) -> String {
    let w = lang.site();
    let rel = page_file("posters.html", k);
    let here = Here { lang, rel: &rel };
    let pages = site.projects.len().div_ceil(PAGE_ROWS).max(1);
    let mut posters = Markup::default();
    for p in site.projects.iter().skip((k - 1) * PAGE_ROWS).take(PAGE_ROWS) {
        posters.push(&markup!(
            r#"<section class="poster" aria-label="{name}"><p class="poster-site">{site_title}</p><h2>{qr_title}</h2><p class="poster-name">{name}</p><p>{lead_label}{colon}{lead}</p><img src="{site_root}qr/{file}.svg" width="240" height="240" alt="{alt}" /><p class="address">{url}</p></section>"#,
            name = p.name,
            site_title = site.title,
            qr_title = w.qr_title,
            lead_label = w.col_lead_unit,
            colon = lang.t().colon,
            lead = p.lead_unit,
            site_root = here.site_root(),
            file = p.file,
            alt = (w.qr_alt)(&p.name),
            url = project_url(site, p),
        ));
    }
    let heading = if pages > 1 { format!("{} {}", w.posters, (w.page_of)(k, pages)) } else { w.posters.to_string() };
    let pager = pager("posters.html", k, pages, &here.root(), w);
    let body = markup!(
        r#"<h1 class="no-print">{h}</h1><p class="no-print">{intro}</p><div class="posters">{posters}</div><div class="no-print">{pager}</div>"#,
        h = heading,
        intro = w.posters_intro,
        posters = posters,
        pager = pager,
    );
    page(site, &here, &heading, body)
}

/// A project as the open data gives it: the public fields, the status in words of the language.
#[derive(Serialize)]
struct OpenProject<'a> {
    id: &'a str,
    seq: u32,
    category: &'a str,
    name: &'a str,
    city_leader: &'a str,
    lead_unit: &'a str,
    lead_unit_leader: &'a str,
    co_units: &'a str,
    due_text: &'a str,
    due: Option<Date>,
    due_baseline: Option<Date>,
    plan_text: &'a str,
    targets: &'a [super::PublicTarget],
    milestones: &'a [super::PublicMilestone],
    status: Option<&'a str>,
    light: Option<&'a str>,
    reasons: Vec<String>,
    completion: Option<f64>,
    progress: Option<&'a super::PublicReport>,
    extensions: &'a [super::PublicMove],
    url: String,
}

#[derive(Serialize)]
struct OpenData<'a> {
    title: &'a str,
    report_date: Date,
    source: String,
    reviewed: bool,
    projects: Vec<OpenProject<'a>>,
}

fn open_projects<'a>(site: &'a Published, lang: Lang) -> Vec<OpenProject<'a>> {
    let w = lang.site();
    site.projects
        .iter()
        .map(|p| OpenProject {
            id: &p.id,
            seq: p.seq,
            category: site.categories.iter().find(|c| c.0 == p.category_no).map_or("", |c| c.1.as_str()),
            name: &p.name,
            city_leader: &p.city_leader,
            lead_unit: &p.lead_unit,
            lead_unit_leader: &p.lead_unit_leader,
            co_units: &p.co_units,
            due_text: &p.due_text,
            due: p.due,
            due_baseline: p.due_baseline,
            plan_text: &p.plan_text,
            targets: &p.targets,
            milestones: &p.milestones,
            status: p.status.as_ref().map(|s| light_label(s.light, s.overdue, w)),
            light: p.status.as_ref().map(|s| s.light.code()),
            reasons: p.status.as_ref().map(|s| s.reasons.iter().map(|r| public_reason(r, lang)).collect()).unwrap_or_default(),
            completion: p.status.as_ref().and_then(|s| s.completion).map(|c| (c * 1000.0).round() / 1000.0),
            progress: p.report.as_ref(),
            extensions: &p.moves,
            url: format!("{}{}p/{}.html", site.base_url.as_str(), lang_dir(lang), p.file),
        })
        .collect()
}

fn json(site: &Published, lang: Lang) -> String {
    let data = OpenData {
        title: &site.title,
        report_date: site.report_date,
        source: (lang.site().source)(&site.office, &site.plan_title, site.reviewed),
        reviewed: site.reviewed,
        projects: open_projects(site, lang),
    };
    serde_json::to_string(&data).unwrap_or_default()
}

fn csv(site: &Published, lang: Lang) -> String {
    let w = lang.site();
    let header = [
        w.col_seq, w.col_category, w.col_name, w.col_city_leader, w.col_lead_unit, w.col_lead_unit_leader, w.col_co_units, w.col_due, w.col_status,
        w.col_reason, w.col_completion, w.col_figures, w.col_progress, w.col_report_date, w.col_address,
    ];
    let mut out = String::from("\u{FEFF}");
    out.push_str(&header.iter().map(|h| field(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    let sep = lang.t().clause_sep;
    for (p, o) in site.projects.iter().zip(open_projects(site, lang)) {
        let figures: Vec<String> = p
            .targets
            .iter()
            .map(|x| (lang.t().labelled)(&x.name, &(lang.t().of_target)(&figure(x.reported, &x.unit, w), &x.target.map(|t| amount(t, &x.unit)).unwrap_or_default())))
            .collect();
        let cells = [
            p.seq.to_string(),
            o.category.to_string(),
            p.name.clone(),
            p.city_leader.clone(),
            p.lead_unit.clone(),
            p.lead_unit_leader.clone(),
            p.co_units.clone(),
            due_text(p, lang),
            o.status.unwrap_or("").to_string(),
            o.reasons.join(sep),
            p.status.as_ref().and_then(|s| s.completion).map(percent).unwrap_or_default(),
            figures.join(sep),
            p.report.as_ref().map(|r| r.text.clone()).unwrap_or_default(),
            site.report_date.to_string(),
            o.url,
        ];
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Every page and data file of one language, by path from the site's root.
pub fn pages(site: &Published, lang: Lang) -> Vec<(String, String)> {
    let dir = lang_dir(lang);
    let mut filters = vec![(Filter::All, "index.html".to_string())];
    filters.extend(site.categories.iter().map(|(no, _)| (Filter::Category(*no), format!("c/{no}.html"))));
    if site.progress {
        filters.extend(Light::ALL.iter().map(|l| (Filter::Light(*l), format!("l/{}.html", l.code()))));
    }
    let lists: Vec<List> = filters
        .into_iter()
        .map(|(filter, first)| List { filter, first, shown: site.projects.iter().filter(|p| keeps(filter, p)).collect() })
        // A light no project has gets no page.
        .filter(|l| !matches!(l.filter, Filter::Light(_)) || !l.shown.is_empty())
        .collect();
    let mut out = Vec::new();
    for (which, list) in lists.iter().enumerate() {
        for k in 1..=list.shown.len().div_ceil(PAGE_ROWS).max(1) {
            out.push((format!("{dir}{}", page_file(&list.first, k)), index(site, lang, &lists, which, k)));
        }
    }
    for p in &site.projects {
        let rel = format!("p/{}.html", p.file);
        out.push((format!("{dir}{rel}"), project_page(site, lang, p, &rel)));
    }
    out.push((format!("{dir}data.html"), data_page(site, lang)));
    for k in 1..=site.projects.len().div_ceil(PAGE_ROWS).max(1) {
        out.push((format!("{dir}{}", page_file("posters.html", k)), posters_page(site, lang, k)));
    }
    if lang == Lang::Zh {
        // One open data set, in the list's language (its texts are Chinese whatever the page's language).
        out.push(("data/projects.csv".to_string(), csv(site, lang)));
        out.push(("data/projects.json".to_string(), json(site, lang)));
    }
    out
}
