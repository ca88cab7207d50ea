//! The plan model: a year's responsibility list with the meaning read from its text.
//!
//! Every field of the official table is kept verbatim beside what was read from it (lists of units,
//! dates, indicators, milestones), so the app can always show the source next to its interpretation.
//! These types are also the v1 plan file format (see `format.rs` and `data/plan.schema.json`); the
//! golden test over `data/` guards it against accidental change.
//!
//! Invariant: a plain model. It knows no ledger, no status rule, no file layer beyond serde's field
//! names, and nothing of the browser.

use super::date::Date;
use super::hash::FnvSet;
use serde::{Deserialize, Serialize};

/// A text of the plan that many rows repeat (a unit, a leader, a date phrase, a milestone's sentence):
/// held once and shared by every row that has it, however the plan was read (`packed` shares them as it
/// reads, the JSON reader as each project comes in, an import with `Plan::share_texts`). A synthetic list
/// of 10,000 projects keeps 210,000 allocations instead of 399,000. It reads, compares and serialises as
/// a plain string.
pub type Shared = arcstr::ArcStr;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Stable id of the list (year + title), used by progress files to say which plan they belong to.
    pub id: String,
    pub year: i32,
    pub title: String,
    pub categories: Vec<Category>,
    pub projects: Vec<Project>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// 序号 as published (categories continue across page breaks under the same number).
    pub no: u32,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Stable id derived from the project's name: unchanged when the file is re-generated.
    pub id: String,
    /// 1-based position in the official list.
    pub seq: u32,
    pub category_no: u32,
    pub name: String,
    /// 分管市领导, verbatim.
    pub city_leader: Shared,
    pub city_leaders: Vec<Shared>,
    pub lead_unit: Shared,
    /// 牵头单位分管领导, verbatim; may hold two names.
    pub lead_unit_leader: Shared,
    pub lead_unit_leaders: Vec<Shared>,
    /// 配合单位, verbatim.
    pub co_units_text: Shared,
    pub co_units: Vec<Shared>,
    /// 预计完成时间, verbatim ("11 月底") and as a date when it could be read.
    pub due_text: Shared,
    pub due: Option<Date>,
    /// 工作计划和进度安排, verbatim.
    pub plan_text: String,
    /// The plan text split at bracketed sub-plan labels (`[新开工保障房100万平方米] ...`); empty when
    /// the text has no sub-plans (it is then one part, `plan_text`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan_parts: Vec<PlanPart>,
    pub indicators: Vec<Indicator>,
    pub milestones: Vec<Milestone>,
    /// Sentences of the plan text that carry no date ("实际推进时间安排以…为准"), verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// Columns of the list that are no field of the plan ("备注", "资金来源"), verbatim under their
    /// headers, in the list's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<ExtraField>,
}

/// A column of the list kept verbatim: its header and this project's cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraField {
    pub label: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPart {
    pub label: Option<String>,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// Counted up from zero during the year ("新增…227 个").
    Count,
    /// A level reached ("投保人数达到 859 万人"): reported values are the level at that date.
    Level,
    /// A percentage rate ("综合保障率达到83%"): values and target are percents.
    Rate,
    /// No figure: done when its steps are done ("“青荷礼包”发放面扩大到35周岁以下大学生").
    Qualitative,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub kind: IndicatorKind,
    /// Final target in `unit` (25 for "25万人"); `None` for qualitative indicators.
    pub target: Option<f64>,
    /// Unit as written, multiplier included ("万人", "套(间)", "%").
    pub unit: Shared,
    /// How many base units one `unit` is (10000 for "万人").
    pub scale: f64,
    /// Index into `plan_parts` when the indicator is a bracketed sub-plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<usize>,
    /// The baseline an indicator table gives ("上年实际值"), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RawRequirement")]
pub enum Requirement {
    /// Cumulative value at least this, in the indicator's unit.
    AtLeast { value: f64 },
    /// This percentage of the final target.
    Share { percent: f64 },
    /// A rate indicator at this percent.
    RateValue { percent: f64 },
    /// The final target reached ("全面完成", "确保完成", "完成全部").
    Complete,
    /// A step to be done, judged by a done/not-done report ("确定项目点位以及实施名单").
    Step,
}

impl Milestone {
    /// Whether this milestone measures `indicator`: the one it names, or (naming none) every indicator
    /// of its part, or of the project.
    pub fn measures(&self, indicator: &Indicator) -> bool {
        match &self.indicator {
            Some(id) => &indicator.id == id,
            None => self.part.is_none() || indicator.part.is_none() || indicator.part == self.part,
        }
    }
}

impl Requirement {
    pub fn is_quantitative(&self) -> bool {
        !matches!(self, Requirement::Step)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: String,
    pub due: Date,
    /// First day of a range ("4月-8月"), when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// The date phrase as written ("9 月底前").
    pub when: Shared,
    /// The sentence of the plan, verbatim.
    pub text: Shared,
    /// The indicator measured; `None` with a quantitative requirement means every indicator of the
    /// part (or project), as in "各项任务完成 50%".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    pub requirement: Requirement,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<usize>,
}

/// What the reader could not take at face value; shown on the project, never hidden.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", try_from = "RawWarning")]
pub enum Warning {
    /// A sentence with no date: kept as a note.
    NoDate { text: String },
    /// A milestone later than the project's 预计完成时间.
    BeyondDue { text: String, date: Date, due: Date },
    /// 预计完成时间 could not be read as a date.
    UnreadDue { text: String },
    /// Several figures where one was expected; `chosen` says which one was used, if any.
    AmbiguousMeasure { text: String, values: Vec<String>, chosen: Option<String> },
    /// A figure whose unit matches no indicator of the project.
    UnmatchedQuantity { text: String, quantity: String },
    /// A quantitative indicator that no milestone measures.
    NoMilestoneForIndicator { indicator: String },
    /// Required values that go down over time for a cumulative indicator.
    Decreasing { indicator: String, text: String },
    /// The list has no plan text for the project: one final milestone at its due date.
    NoPlanText,
    /// No 预计完成时间 in the list: the project is due at the year's end.
    DueYearEnd { due: Date },
    /// An indicator table's target is no figure ("稳中有升"): kept as a qualitative indicator.
    TargetNotNumber { indicator: String, text: String },
}

// Reading the tagged enums through flat structs: serde's own reading of internally tagged enums
// buffers every value generically, which costs tens of kilobytes of wasm in the first load. The file
// format is the same (writing is derived).

#[derive(Deserialize)]
struct RawRequirement {
    kind: String,
    value: Option<f64>,
    percent: Option<f64>,
}

impl TryFrom<RawRequirement> for Requirement {
    type Error = String;

    fn try_from(r: RawRequirement) -> Result<Requirement, String> {
        let need = |v: Option<f64>, field: &str| v.ok_or_else(|| format!("requirement {:?} needs {field}", r.kind));
        Ok(match r.kind.as_str() {
            "at_least" => Requirement::AtLeast { value: need(r.value, "value")? },
            "share" => Requirement::Share { percent: need(r.percent, "percent")? },
            "rate_value" => Requirement::RateValue { percent: need(r.percent, "percent")? },
            "complete" => Requirement::Complete,
            "step" => Requirement::Step,
            other => return Err(format!("unknown requirement kind {other:?}")),
        })
    }
}

#[derive(Deserialize)]
struct RawWarning {
    code: String,
    text: Option<String>,
    date: Option<Date>,
    due: Option<Date>,
    values: Option<Vec<String>>,
    chosen: Option<String>,
    quantity: Option<String>,
    indicator: Option<String>,
}

impl TryFrom<RawWarning> for Warning {
    type Error = String;

    fn try_from(w: RawWarning) -> Result<Warning, String> {
        let code = w.code;
        let need = |v: Option<String>, field: &str| v.ok_or_else(|| format!("warning {code:?} needs {field}"));
        Ok(match code.as_str() {
            "no_date" => Warning::NoDate { text: need(w.text, "text")? },
            "beyond_due" => Warning::BeyondDue {
                text: need(w.text, "text")?,
                date: w.date.ok_or("warning \"beyond_due\" needs date")?,
                due: w.due.ok_or("warning \"beyond_due\" needs due")?,
            },
            "unread_due" => Warning::UnreadDue { text: need(w.text, "text")? },
            "ambiguous_measure" => Warning::AmbiguousMeasure {
                text: need(w.text, "text")?,
                values: w.values.ok_or("warning \"ambiguous_measure\" needs values")?,
                chosen: w.chosen,
            },
            "unmatched_quantity" => Warning::UnmatchedQuantity { text: need(w.text, "text")?, quantity: need(w.quantity, "quantity")? },
            "no_milestone_for_indicator" => Warning::NoMilestoneForIndicator { indicator: need(w.indicator, "indicator")? },
            "decreasing" => Warning::Decreasing { indicator: need(w.indicator, "indicator")?, text: need(w.text, "text")? },
            "no_plan_text" => Warning::NoPlanText,
            "due_year_end" => Warning::DueYearEnd { due: w.due.ok_or("warning \"due_year_end\" needs due")? },
            "target_not_number" => Warning::TargetNotNumber { indicator: need(w.indicator, "indicator")?, text: need(w.text, "text")? },
            other => return Err(format!("unknown warning code {other:?}")),
        })
    }
}

impl Plan {
    /// Gives back the spare capacity of every list (a list read from JSON grows by doubling: a project's
    /// single indicator sits in room for four). At 10,000 projects that is a third of the plan's memory.
    pub fn shrink_to_fit(&mut self) {
        self.categories.shrink_to_fit();
        self.projects.shrink_to_fit();
        self.projects.iter_mut().for_each(Project::shrink_to_fit);
    }

    /// Makes every repeated text of the plan one shared value (a plan read from JSON or imported from a
    /// table has each occurrence apart; the packed reader shares them as it reads).
    pub fn share_texts(&mut self) {
        let mut seen = FnvSet::default();
        self.projects.iter_mut().for_each(|p| p.share_texts(&mut seen));
    }
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    pub fn category(&self, no: u32) -> Option<&Category> {
        self.categories.iter().find(|c| c.no == no)
    }

    /// Every unit named in the plan (牵头单位 and 配合单位), each once, in order of first appearance.
    pub fn units(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        self.projects
            .iter()
            .flat_map(|p| std::iter::once(&p.lead_unit).chain(p.co_units.iter()))
            .filter(|u| seen.insert(u.as_str()))
            .map(|u| u.to_string())
            .collect()
    }

    /// The lead units (牵头单位), each once, in order of first appearance.
    pub fn lead_units(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        self.projects.iter().map(|p| &p.lead_unit).filter(|u| seen.insert(u.as_str())).map(|u| u.to_string()).collect()
    }

    /// Start of the plan year.
    pub fn start(&self) -> Date {
        Date::first_of_year(self.year).unwrap_or_else(|| Date::new(2000, 1, 1).expect("valid"))
    }

    pub fn end(&self) -> Date {
        Date::last_of_year(self.year).unwrap_or_else(|| Date::new(2000, 12, 31).expect("valid"))
    }
}

impl Project {
    /// Makes each of this project's shared texts the one in `seen` with the same value (adding those not
    /// yet there): `Plan::share_texts`, and the JSON reader as each project comes in.
    pub fn share_texts(&mut self, seen: &mut FnvSet<Shared>) {
        let mut share = |s: &mut Shared| match seen.get(s.as_str()) {
            Some(known) => *s = known.clone(),
            None => {
                seen.insert(s.clone());
            }
        };
        share(&mut self.city_leader);
        share(&mut self.lead_unit);
        share(&mut self.lead_unit_leader);
        share(&mut self.co_units_text);
        share(&mut self.due_text);
        self.city_leaders.iter_mut().chain(&mut self.lead_unit_leaders).chain(&mut self.co_units).for_each(&mut share);
        self.indicators.iter_mut().for_each(|i| share(&mut i.unit));
        for m in &mut self.milestones {
            share(&mut m.when);
            share(&mut m.text);
        }
    }

    /// See `Plan::shrink_to_fit`.
    pub fn shrink_to_fit(&mut self) {
        self.city_leaders.shrink_to_fit();
        self.lead_unit_leaders.shrink_to_fit();
        self.co_units.shrink_to_fit();
        self.plan_parts.shrink_to_fit();
        self.indicators.shrink_to_fit();
        self.milestones.shrink_to_fit();
        self.notes.shrink_to_fit();
        self.warnings.shrink_to_fit();
        self.extra.shrink_to_fit();
    }
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn milestone(&self, id: &str) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.id == id)
    }

    /// The indicators a milestone measures: its own, or all of its part (all of the project).
    pub fn measured_by<'a>(&'a self, m: &'a Milestone) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators.iter().filter(move |i| m.measures(i))
    }

    /// The final date of the project: 预计完成时间, or the last milestone when that is unreadable.
    pub fn end(&self) -> Option<Date> {
        self.due.or_else(|| self.milestones.iter().map(|m| m.due).max())
    }

    /// The units that may report on this project first (牵头单位, then 配合单位), then every other unit
    /// of the plan: the choices of a reporting-unit select.
    pub fn units_first(&self, plan_units: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let own = std::iter::once(&self.lead_unit).chain(self.co_units.iter()).map(Shared::as_str);
        for u in own.chain(plan_units.iter().map(String::as_str)) {
            if !out.iter().any(|o| o == u) {
                out.push(u.to_string());
            }
        }
        out
    }

    /// Whether `unit` is the lead unit or one of the cooperating units.
    pub fn involves(&self, unit: &str) -> bool {
        self.lead_unit == unit || self.co_units.iter().any(|u| u == unit)
    }
}

impl Indicator {
    pub fn is_quantitative(&self) -> bool {
        self.kind != IndicatorKind::Qualitative && self.target.is_some()
    }

    /// The value a milestone requires of this indicator, in the indicator's unit.
    pub fn required(&self, requirement: &Requirement) -> Option<f64> {
        let target = self.target?;
        match requirement {
            Requirement::AtLeast { value } => Some(*value),
            Requirement::Share { percent } if self.kind == IndicatorKind::Rate => Some(*percent),
            Requirement::Share { percent } => Some(target * percent / 100.0),
            Requirement::RateValue { percent } => Some(*percent),
            Requirement::Complete => Some(target),
            Requirement::Step => None,
        }
    }
}

/// A number as people write it in the list: no trailing zeros, at most four decimals.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let rounded = (v * 10_000.0).round() / 10_000.0;
    let s = format!("{rounded:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_written() {
        for (v, want) in [(227.0, "227"), (85.8, "85.8"), (1.1, "1.1"), (0.1 + 0.2, "0.3"), (-0.0, "0"), (3.5, "3.5")] {
            assert_eq!(format_number(v), want);
        }
        assert_eq!(format_number(f64::NAN), "—");
    }

    #[test]
    fn units_of_a_plan_and_of_a_project() {
        let plan = crate::domain::import::import_list(include_str!("../../tests/fixtures/hangzhou-2024.txt"), None).unwrap().plan;
        let all = plan.units();
        let leads = plan.lead_units();
        assert_eq!(leads.len(), 19);
        assert_eq!(leads[0], "市民政局");
        assert!(leads.iter().all(|u| all.contains(u)));
        assert_eq!(all.len(), all.iter().collect::<std::collections::HashSet<_>>().len(), "each unit once");
        let p = &plan.projects[0];
        let first = p.units_first(&all);
        assert_eq!(first[0], p.lead_unit);
        assert_eq!(&first[1..=p.co_units.len()], &p.co_units[..]);
        assert_eq!(first.len(), all.len());
    }

    #[test]
    fn required_values() {
        let count = Indicator {
            id: "i".into(),
            name: "n".into(),
            kind: IndicatorKind::Count,
            target: Some(227.0),
            unit: "个".into(),
            scale: 1.0,
            part: None,
            baseline: None,
        };
        assert_eq!(count.required(&Requirement::AtLeast { value: 100.0 }), Some(100.0));
        assert_eq!(count.required(&Requirement::Share { percent: 50.0 }), Some(113.5));
        assert_eq!(count.required(&Requirement::Complete), Some(227.0));
        assert_eq!(count.required(&Requirement::Step), None);
        let rate = Indicator { kind: IndicatorKind::Rate, target: Some(83.0), unit: "%".into(), ..count };
        assert_eq!(rate.required(&Requirement::RateValue { percent: 81.0 }), Some(81.0));
        assert_eq!(rate.required(&Requirement::Share { percent: 81.0 }), Some(81.0));
    }
}
