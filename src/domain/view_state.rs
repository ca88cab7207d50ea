//! What the user is looking at, and its URL form: the address bar holds the view, so a copied link opens
//! the same view elsewhere and back/forward work. Parsing never fails: bad or stale parameters are
//! dropped with a notice.
//!
//! Invariant: what the user looks at and its query-string form; no address bar (that is the view's `url`
//! module).

use super::date::Date;
use super::plan::Plan;
use super::query::{Filters, Grouping, SortKey};
use super::status::Light;
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    #[default]
    List,
    Timeline,
    Dashboard,
    Entry,
    Submissions,
    Changes,
    Matters,
    Notices,
    /// 审核: the office's queue of reports and requests.
    Review,
    Bulletin,
    Exchange,
    Sync,
    Import,
}

impl View {
    pub const ALL: [View; 13] = [
        View::List,
        View::Timeline,
        View::Dashboard,
        View::Entry,
        View::Submissions,
        View::Changes,
        View::Matters,
        View::Notices,
        View::Review,
        View::Bulletin,
        View::Exchange,
        View::Sync,
        View::Import,
    ];
    pub fn code(self) -> &'static str {
        match self {
            View::List => "list",
            View::Timeline => "timeline",
            View::Dashboard => "dashboard",
            View::Entry => "entry",
            View::Submissions => "submissions",
            View::Changes => "changes",
            View::Matters => "matters",
            View::Notices => "notices",
            View::Review => "review",
            View::Bulletin => "bulletin",
            View::Exchange => "exchange",
            View::Sync => "sync",
            View::Import => "import",
        }
    }
    pub fn from_code(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.code() == s)
    }
}

/// Timeline zoom levels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Zoom {
    #[default]
    Year,
    Quarter,
    Month,
}

impl Zoom {
    pub const ALL: [Zoom; 3] = [Zoom::Year, Zoom::Quarter, Zoom::Month];
    pub fn code(self) -> &'static str {
        match self {
            Zoom::Year => "year",
            Zoom::Quarter => "quarter",
            Zoom::Month => "month",
        }
    }
    pub fn from_code(s: &str) -> Option<Zoom> {
        Zoom::ALL.into_iter().find(|z| z.code() == s)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    pub view: View,
    /// The plan shown when several are available (imported lists); `None` is the published default.
    pub plan: Option<String>,
    pub filters: Filters,
    pub grouping: Grouping,
    pub sort: SortKey,
    /// The project whose detail is open.
    pub project: Option<String>,
    pub lang: Option<Lang>,
    /// 统计日期; `None` means today clamped to the plan year.
    pub report_date: Option<Date>,
    pub zoom: Zoom,
    /// 汇报模式 and its slide (0-based).
    pub present: bool,
    pub slide: usize,
    pub dark: bool,
    /// Quarter (1–4) of the bulletin.
    pub quarter: Option<u8>,
    /// Month-end (1–12) of the reporting grid.
    pub grid_month: Option<u8>,
    /// 较上期变化: the earlier and the later report date compared (`None`: the defaults).
    pub compare: Option<(Date, Date)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlNotice {
    /// A parameter this app does not know.
    Unknown { param: String },
    /// A parameter whose value cannot be read.
    Invalid { param: String, value: String },
    /// A value that the current plan does not have (an old link).
    Stale { param: String, value: String },
}

/// Percent-encodes a query component (UTF-8; unreserved characters kept).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes a query component; `None` when the escapes do not form UTF-8.
pub fn decode_component(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

impl ViewState {
    /// Whether `other` is this state with another search text and nothing else changed: what typing
    /// in the search box does, keystroke after keystroke (the address follows once typing pauses).
    pub fn differs_only_in_search(&self, other: &ViewState) -> bool {
        if self.filters.search == other.filters.search {
            return false;
        }
        let mut same = other.clone();
        same.filters.search.clone_from(&self.filters.search);
        same == *self
    }

    /// The query string (without "?"), holding only what differs from the defaults.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.view != View::List {
            pairs.push(("v", self.view.code().into()));
        }
        if let Some(p) = &self.plan {
            pairs.push(("plan", p.clone()));
        }
        let f = &self.filters;
        pairs.extend(f.categories.iter().map(|c| ("cat", c.to_string())));
        pairs.extend(f.leaders.iter().map(|v| ("leader", v.clone())));
        pairs.extend(f.lead_units.iter().map(|v| ("lead", v.clone())));
        pairs.extend(f.co_units.iter().map(|v| ("co", v.clone())));
        pairs.extend(f.lights.iter().map(|l| ("st", l.code().to_string())));
        pairs.extend(f.months.iter().map(|m| ("m", m.to_string())));
        if !f.search.is_empty() {
            pairs.push(("q", f.search.clone()));
        }
        if self.grouping != Grouping::default() {
            pairs.push(("g", self.grouping.code().into()));
        }
        if self.sort != SortKey::default() {
            pairs.push(("s", self.sort.code().into()));
        }
        if let Some(p) = &self.project {
            pairs.push(("p", p.clone()));
        }
        if let Some(l) = self.lang {
            pairs.push(("lang", l.code().into()));
        }
        if let Some(d) = self.report_date {
            pairs.push(("d", d.to_string()));
        }
        if self.zoom != Zoom::default() {
            pairs.push(("z", self.zoom.code().into()));
        }
        if self.present {
            pairs.push(("present", "1".into()));
            if self.slide > 0 {
                pairs.push(("slide", (self.slide + 1).to_string()));
            }
        }
        if self.dark {
            pairs.push(("theme", "dark".into()));
        }
        if let Some(q) = self.quarter {
            pairs.push(("qtr", q.to_string()));
        }
        if let Some(m) = self.grid_month {
            pairs.push(("gm", m.to_string()));
        }
        if let Some((from, to)) = self.compare {
            pairs.push(("c1", from.to_string()));
            pairs.push(("c2", to.to_string()));
        }
        pairs.iter().map(|(k, v)| format!("{k}={}", encode_component(v))).collect::<Vec<_>>().join("&")
    }

    /// Reads a query string ("?a=b&…" or "a=b&…"); unknown or unreadable parameters become notices.
    pub fn from_query(query: &str) -> (ViewState, Vec<UrlNotice>) {
        let mut s = ViewState::default();
        let mut notices = Vec::new();
        let (mut compare_from, mut compare_to) = (None, None);
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let (Some(key), Some(value)) = (decode_component(raw_key), decode_component(raw_value)) else {
                notices.push(UrlNotice::Invalid { param: raw_key.to_string(), value: raw_value.to_string() });
                continue;
            };
            let invalid = || UrlNotice::Invalid { param: key.clone(), value: value.clone() };
            let ok = match key.as_str() {
                "v" => View::from_code(&value).map(|v| s.view = v).is_some(),
                "plan" => {
                    s.plan = Some(value.clone());
                    true
                }
                "cat" => value.parse().ok().map(|c| push_unique(&mut s.filters.categories, c)).is_some(),
                "leader" => non_empty(&value).map(|v| push_unique(&mut s.filters.leaders, v)).is_some(),
                "lead" => non_empty(&value).map(|v| push_unique(&mut s.filters.lead_units, v)).is_some(),
                "co" => non_empty(&value).map(|v| push_unique(&mut s.filters.co_units, v)).is_some(),
                "st" => Light::from_code(&value).map(|l| push_unique(&mut s.filters.lights, l)).is_some(),
                "m" => value
                    .parse::<u8>()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .map(|m| push_unique(&mut s.filters.months, m))
                    .is_some(),
                "q" => {
                    s.filters.search = value.clone();
                    true
                }
                "g" => Grouping::from_code(&value).map(|g| s.grouping = g).is_some(),
                "s" => SortKey::from_code(&value).map(|k| s.sort = k).is_some(),
                "p" => non_empty(&value).map(|p| s.project = Some(p)).is_some(),
                "lang" => Lang::from_code(&value).map(|l| s.lang = Some(l)).is_some(),
                "d" => Date::parse_iso(&value).map(|d| s.report_date = Some(d)).is_some(),
                "z" => Zoom::from_code(&value).map(|z| s.zoom = z).is_some(),
                "present" => {
                    s.present = value == "1";
                    value == "1" || value == "0"
                }
                "slide" => value.parse::<usize>().ok().filter(|n| *n >= 1).map(|n| s.slide = n - 1).is_some(),
                "theme" => {
                    s.dark = value == "dark";
                    value == "dark" || value == "light"
                }
                "qtr" => value.parse::<u8>().ok().filter(|q| (1..=4).contains(q)).map(|q| s.quarter = Some(q)).is_some(),
                "gm" => value.parse::<u8>().ok().filter(|m| (1..=12).contains(m)).map(|m| s.grid_month = Some(m)).is_some(),
                "c1" => Date::parse_iso(&value).map(|d| compare_from = Some(d)).is_some(),
                "c2" => Date::parse_iso(&value).map(|d| compare_to = Some(d)).is_some(),
                _ => {
                    notices.push(UrlNotice::Unknown { param: key.clone() });
                    continue;
                }
            };
            if !ok {
                notices.push(invalid());
            }
        }
        // Both dates or none: a link with one of them compares nothing.
        match (compare_from, compare_to) {
            (Some(a), Some(b)) => s.compare = Some((a.min(b), a.max(b))),
            (None, None) => {}
            (a, b) => notices.push(UrlNotice::Invalid {
                param: if a.is_some() { "c1".into() } else { "c2".into() },
                value: a.or(b).map(|d| d.to_string()).unwrap_or_default(),
            }),
        }
        (s, notices)
    }

    /// Drops values the plan does not have (a link made for another version or year).
    pub fn drop_stale(&mut self, plan: &Plan) -> Vec<UrlNotice> {
        let mut notices = Vec::new();
        let mut stale = |param: &str, value: String| notices.push(UrlNotice::Stale { param: param.into(), value });
        let f = &mut self.filters;
        f.categories.retain(|c| plan.category(*c).is_some() || {
            stale("cat", c.to_string());
            false
        });
        f.leaders.retain(|l| plan.projects.iter().any(|p| p.city_leaders.iter().any(|x| x == l)) || {
            stale("leader", l.clone());
            false
        });
        f.lead_units.retain(|u| plan.projects.iter().any(|p| &p.lead_unit == u) || {
            stale("lead", u.clone());
            false
        });
        f.co_units.retain(|u| {
            let key = super::text::search_key(u);
            plan.projects.iter().any(|p| p.co_units.iter().any(|c| super::text::search_key(c) == key)) || {
                stale("co", u.clone());
                false
            }
        });
        if let Some(p) = &self.project {
            if plan.project(p).is_none() {
                stale("p", p.clone());
                self.project = None;
            }
        }
        if let Some(d) = self.report_date {
            if d.year() != plan.year {
                stale("d", d.to_string());
                self.report_date = None;
            }
        }
        if let Some((a, b)) = self.compare {
            if a.year() != plan.year || b.year() != plan.year {
                stale("c1", a.to_string());
                self.compare = None;
            }
        }
        notices
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

#[cfg(test)]
mod tests;
