//! From a responsibility list's sheet (pasted text, a saved file, a workbook's sheet, a Word table) and
//! the mapping of its columns to a [`Plan`]: the one path shared by the command-line importer and the
//! in-app import screen.
//!
//! Invariant: sheet and mapping in, plan and problems out; knows no file format (that is `office/`)
//! and nothing of where the plan will be kept.

use super::format::fingerprint;
use super::hash::short_hash;
use super::plan::{Category, ExtraField, Plan, Project, Shared};
use super::semantics::{names, read_project_with, Given};
use super::table::{guess_or_why, read_sheet, text_sheet, Column, ListTable, Mapping, Sheet, TableError, TableProblem};
use super::text::normalize;

#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub plan: Plan,
    /// Rows or cells that could not be used as they stand (the plan holds the rest).
    pub problems: Vec<TableProblem>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    Table(TableError),
    /// Neither the title nor the caller gives the plan's year.
    NoYear,
}

impl From<TableError> for ImportError {
    fn from(e: TableError) -> Self {
        ImportError::Table(e)
    }
}

/// Reads a responsibility list from text with the guessed mapping; `year_hint` is used when the
/// text has no title with a year.
pub fn import_list(text: &str, year_hint: Option<i32>) -> Result<Imported, ImportError> {
    let sheet = text_sheet(text)?;
    let mapping = guess_or_why(&sheet)?;
    import_sheet(&sheet, &mapping, year_hint)
}

/// Reads a sheet with a mapping (guessed, then corrected by the user).
pub fn import_sheet(sheet: &Sheet, mapping: &Mapping, year_hint: Option<i32>) -> Result<Imported, ImportError> {
    let mut table = read_sheet(sheet, mapping)?;
    // A workbook's sheet may be named for the year ("2025年") when no title row says it.
    if table.year.is_none() {
        table.year = super::table::find_year(&sheet.name);
    }
    let year = table.year.or(year_hint).ok_or(ImportError::NoYear)?;
    split_lead_units(&mut table);
    Ok(Imported { plan: build_plan(&table, year), problems: table.problems })
}

/// Under a single unit column (no 配合单位), a cell naming several units has the lead unit first and
/// the cooperating units after it; the reading says so for each project.
fn split_lead_units(table: &mut ListTable) {
    if table.fields.contains(&Column::CoUnits) {
        return;
    }
    for p in &mut table.projects {
        let units = names::split_units(&p.lead_unit);
        if let [lead, co @ ..] = units.as_slice() {
            if !co.is_empty() {
                let co_units = co.join("、");
                table.problems.push(TableProblem::UnitsSplit { line: p.line, lead: lead.clone(), co_units: co_units.clone() });
                p.lead_unit = lead.clone();
                p.co_units = co_units;
            }
        }
    }
}

/// Where a list read in the app goes among the lists already loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// A list not loaded yet, under this id (its own, or with "-v2"… when another list has it).
    New { id: String },
    /// The same list (same fingerprint) is already loaded under this id.
    Same { id: String },
}

/// An id for `plan` that no other list uses: the same list imported again keeps its id (so progress
/// files still match); a different list with the same year and title gets a new one.
pub fn place<'a>(plan: &Plan, existing: impl IntoIterator<Item = &'a Plan> + Clone) -> Placement {
    let mine = fingerprint(plan);
    let mut id = plan.id.clone();
    let mut n = 2;
    loop {
        match existing.clone().into_iter().find(|p| p.id == id) {
            None => return Placement::New { id },
            Some(p) if fingerprint(p) == mine => return Placement::Same { id },
            Some(_) => {
                id = format!("{}-v{n}", plan.id);
                n += 1;
            }
        }
    }
}

pub fn plan_id(year: i32, title: &str) -> String {
    format!("plan-{year}-{}", short_hash(&normalize(title), 8))
}

fn build_plan(table: &ListTable, year: i32) -> Plan {
    let title = table.title.clone().unwrap_or_else(|| format!("{year} 年民生实事项目责任清单"));
    let mut categories: Vec<Category> = Vec::new();
    for (i, c) in table.categories.iter().enumerate() {
        let taken = |no: u32| categories.iter().any(|k| k.no == no);
        let mut no = c.no.unwrap_or(i as u32 + 1);
        while taken(no) {
            no += 1;
        }
        categories.push(Category { no, name: c.name.clone() });
    }
    let mut used_ids: Vec<String> = Vec::new();
    let projects = table
        .projects
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            let base = format!("p-{}", short_hash(&normalize(&raw.name), 10));
            let mut id = base.clone();
            let mut n = 2;
            while used_ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used_ids.push(id.clone());
            let given: Vec<Given> = raw
                .indicators
                .iter()
                .map(|i| Given { name: i.name.clone(), target: i.target.clone(), unit: i.unit.clone(), baseline: i.baseline.clone() })
                .collect();
            let reading = read_project_with(&raw.name, &raw.due, &raw.plan_text, &given, year);
            Project {
                id,
                seq: i as u32 + 1,
                category_no: categories[raw.category_index].no,
                name: raw.name.clone(),
                city_leader: raw.city_leader.as_str().into(),
                city_leaders: shared(names::split_people(&raw.city_leader)),
                lead_unit: raw.lead_unit.as_str().into(),
                lead_unit_leader: raw.lead_unit_leader.as_str().into(),
                lead_unit_leaders: shared(names::split_people(&raw.lead_unit_leader)),
                co_units_text: raw.co_units.as_str().into(),
                co_units: shared(names::split_units(&raw.co_units)),
                due_text: raw.due.as_str().into(),
                due: reading.due,
                plan_text: raw.plan_text.clone(),
                // One unlabelled part is the plan text itself: not repeated in the file.
                plan_parts: if reading.parts.iter().any(|p| p.label.is_some()) { reading.parts } else { Vec::new() },
                indicators: reading.indicators,
                milestones: reading.milestones,
                notes: reading.notes,
                warnings: reading.warnings,
                extra: raw.extras.iter().map(|(label, value)| ExtraField { label: label.clone(), value: value.clone() }).collect(),
            }
        })
        .collect();
    let mut plan = Plan { id: plan_id(year, &title), year, title, categories, projects };
    plan.share_texts();
    plan
}

fn shared(texts: Vec<String>) -> Vec<Shared> {
    texts.into_iter().map(Shared::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "2024 年测试清单\n序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排\n1\t甲类\t新增示范点 20 个\t张三\t市A局\t李四\t\t11月底\t11月底前全面完成。\n";

    #[test]
    fn placing_a_list_among_the_loaded_ones() {
        let a = import_list(TABLE, None).unwrap().plan;
        let none: Vec<Plan> = Vec::new();
        assert_eq!(place(&a, &none), Placement::New { id: a.id.clone() });
        assert_eq!(place(&a, std::slice::from_ref(&a)), Placement::Same { id: a.id.clone() });
        let b = import_list(&TABLE.replace("20 个", "30 个"), None).unwrap().plan;
        assert_eq!(b.id, a.id, "same year and title");
        assert_eq!(place(&b, std::slice::from_ref(&a)), Placement::New { id: format!("{}-v2", a.id) });
        let mut b2 = b.clone();
        b2.id = format!("{}-v2", a.id);
        assert_eq!(place(&b, &[a.clone(), b2]), Placement::Same { id: format!("{}-v2", a.id) });
    }
}
