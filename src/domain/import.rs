//! From the pasted or saved responsibility-list table to a [`Plan`]: the one path shared by the
//! command-line importer and the in-app import screen.

use super::hash::short_hash;
use super::plan::{Category, Plan, Project};
use super::semantics::{names, read_project};
use super::table::{read_table, ListTable, TableError, TableProblem};
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

/// Reads a responsibility list; `year_hint` is used when the pasted text has no title with a year.
pub fn import_list(text: &str, year_hint: Option<i32>) -> Result<Imported, ImportError> {
    let table = read_table(text)?;
    let year = table.year.or(year_hint).ok_or(ImportError::NoYear)?;
    Ok(Imported { plan: build_plan(&table, year), problems: table.problems })
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
            let reading = read_project(&raw.name, &raw.due, &raw.plan_text, year);
            Project {
                id,
                seq: i as u32 + 1,
                category_no: categories[raw.category_index].no,
                name: raw.name.clone(),
                city_leader: raw.city_leader.clone(),
                city_leaders: names::split_people(&raw.city_leader),
                lead_unit: raw.lead_unit.clone(),
                lead_unit_leader: raw.lead_unit_leader.clone(),
                lead_unit_leaders: names::split_people(&raw.lead_unit_leader),
                co_units_text: raw.co_units.clone(),
                co_units: names::split_units(&raw.co_units),
                due_text: raw.due.clone(),
                due: reading.due,
                plan_text: raw.plan_text.clone(),
                // One unlabelled part is the plan text itself: not repeated in the file.
                plan_parts: if reading.parts.iter().any(|p| p.label.is_some()) { reading.parts } else { Vec::new() },
                indicators: reading.indicators,
                milestones: reading.milestones,
                notes: reading.notes,
                warnings: reading.warnings,
            }
        })
        .collect();
    Plan { id: plan_id(year, &title), year, title, categories, projects }
}
