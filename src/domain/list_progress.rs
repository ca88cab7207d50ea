//! Progress a list already states: columns such as 进展情况, 形象进度, 完成情况 or 累计完成 are kept
//! verbatim (`table::columns::is_progress_header`) and never read as targets; where one holds a
//! percent or a count against a project's target, it is offered as the list's first reported
//! progress. Offers are never applied by themselves: the office downloads them as a progress file and
//! merges it after the preview of 数据交换, like any unit's file.
//!
//! Invariant: plan in, offers and a ledger out; no words (a note's text is the column's, verbatim).

use super::actions::{Minter, NewEntry, Reporter};
use super::date::Date;
use super::ledger::{Ledger, Reported, Subject};
use super::plan::{IndicatorKind, Plan, Project};
use super::semantics::quantity::{base_unit, scan, Figure};
use super::table::is_progress_header;
use super::text::normalize;

/// A figure a list's progress column gives for one indicator of a project.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressOffer {
    pub project: String,
    pub indicator: String,
    /// In the indicator's unit (as a figure is typed in 填报).
    pub value: f64,
    /// The column's header and its cell, verbatim ("形象进度", "60%").
    pub column: String,
    pub text: String,
}

/// What one progress cell says of `project`'s indicators: a percent of the one quantitative target
/// (or the value of a rate), or a figure in an indicator's unit.
fn offer(project: &Project, column: &str, text: &str) -> Option<ProgressOffer> {
    let quantitative: Vec<_> = project.indicators.iter().filter(|i| i.is_quantitative() && i.target.is_some()).collect();
    let made = |indicator: &str, value: f64| ProgressOffer {
        project: project.id.clone(),
        indicator: indicator.to_string(),
        value,
        column: column.to_string(),
        text: text.to_string(),
    };
    // The last figure of a cell is the latest ("6月完成10个，目前累计18个").
    match scan(&normalize(text)).into_iter().last()? {
        Figure::Percent(p) => {
            let [only] = quantitative.as_slice() else { return None };
            match only.kind {
                IndicatorKind::Rate => Some(made(&only.id, p.value)),
                _ => Some(made(&only.id, only.target? * p.value / 100.0)),
            }
        }
        Figure::Quantity(q) if q.pace => None,
        Figure::Quantity(q) => {
            let by_unit: Vec<_> = quantitative.iter().filter(|i| base_unit(&i.unit) == q.base_unit() && !q.unit.is_empty()).collect();
            let indicator = match (by_unit.as_slice(), quantitative.as_slice()) {
                ([one], _) => *one,
                ([], [only]) if q.unit.is_empty() => only,
                _ => return None,
            };
            Some(made(&indicator.id, q.base_value() / indicator.scale))
        }
    }
}

/// Every offer the progress columns of `plan` make, in the list's order.
pub fn progress_offers(plan: &Plan) -> Vec<ProgressOffer> {
    plan.projects
        .iter()
        .flat_map(|p| p.extra.iter().filter(|x| is_progress_header(&x.label)).filter_map(move |x| offer(p, &x.label, &x.value)))
        .collect()
}

/// The offers as entries of each project's lead unit as of `as_of`, each noting the column it came
/// from: the ledger of a progress file the office can merge after its preview.
pub fn offers_ledger(plan: &Plan, offers: &[ProgressOffer], as_of: Date, m: &mut dyn Minter) -> Ledger {
    let mut ledger = Ledger::default();
    for o in offers {
        let Some(project) = plan.projects.iter().find(|p| p.id == o.project) else { continue };
        let entry = NewEntry {
            project: o.project.clone(),
            subject: Subject::Indicator(o.indicator.clone()),
            reported: Reported::Value(o.value),
            as_of,
            note: format!("{}：{}", o.column, o.text),
        };
        // A project without a lead unit cannot be reported for: its offer is left out.
        let _ = ledger.record(&Reporter::new(&project.lead_unit, ""), vec![entry], m);
    }
    ledger
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::actions::CountingMinter;
    use crate::domain::import::import_list;

    const LIST: &str = "2025年某区民生实事项目\n序号\t项目名称\t牵头单位\t完成时限\t进展情况\t形象进度\t备注\n\
        1\t新建口袋公园30个\t区园林局\t10月底\t已建成18个\t\t\n\
        2\t改造老旧小区20个\t区住建局\t11月底\t\t已完成45%\t\n\
        3\t城乡居民医保参保率达到99%\t区医保局\t12月底\t\t目前98.5%\t\n\
        4\t新增公共停车泊位2000个、充电桩300根\t区交通局\t12月底\t已建成泊位1200个\t\t续建\n\
        5\t新增公共停车泊位2000个、充电桩300根（二期）\t区交通局\t12月底\t进展顺利\t\t\n";

    #[test]
    fn progress_columns_are_offered_against_their_targets_never_as_targets() {
        let plan = import_list(LIST, None).unwrap().plan;
        // Kept verbatim, not read as a target or a plan.
        assert_eq!(plan.projects[0].indicators.len(), 1);
        assert_eq!(plan.projects[0].indicators[0].target, Some(30.0));
        assert!(plan.projects[0].extra.iter().any(|x| x.label == "进展情况" && x.value == "已建成18个"));
        let offers = progress_offers(&plan);
        let got: Vec<(usize, f64, &str)> = offers
            .iter()
            .map(|o| (plan.projects.iter().position(|p| p.id == o.project).unwrap(), o.value, o.column.as_str()))
            .collect();
        // A count, a percent of the count's target, a rate's own value, a count matched by its unit;
        // words make no offer, nor a figure whose unit two indicators share (see below).
        assert_eq!(got, vec![(0, 18.0, "进展情况"), (1, 9.0, "形象进度"), (2, 98.5, "形象进度"), (3, 1200.0, "进展情况")]);
        assert_eq!(offers[3].indicator, plan.projects[3].indicators[0].id);

        let shared_unit = import_list(&LIST.replace("300根", "300个"), None).unwrap().plan;
        assert_eq!(progress_offers(&shared_unit).len(), 3, "1200个 could be either indicator: no offer");

        let date = Date::new(2025, 6, 30).unwrap();
        let ledger = offers_ledger(&plan, &offers, date, &mut CountingMinter::default());
        let entries: Vec<_> = ledger.active().collect();
        assert_eq!(entries.len(), 4);
        assert_eq!(entries[0].unit, "区园林局");
        assert_eq!(entries[0].as_of, date);
        assert_eq!(entries[0].note, "进展情况：已建成18个");
        assert_eq!(entries[1].reported, Reported::Value(9.0));
    }
}
