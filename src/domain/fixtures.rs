//! What the core's tests share: a test list written as the 2024 document's columns, its dates, and a
//! ledger entry made whole. Each test module keeps its own rows (each tests its own rule on them).
//!
//! Invariant: test code only (compiled under `cfg(test)`).

use super::date::Date;
use super::import::import_list;
use super::ledger::{Entry, Reported, Subject};
use super::plan::Plan;

/// The header of the 2024 list, as its document writes it.
pub const HEADER: &str = "序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排";

/// A 2024 list of `rows` (tab-separated, under [`HEADER`]).
pub fn list(rows: &str) -> Plan {
    import_list(&format!("2024 年测试清单\n{HEADER}\n{rows}"), None).unwrap_or_else(|e| panic!("the test list does not read: {e:?}")).plan
}

/// A day of 2024.
pub fn d(m: u8, day: u8) -> Date {
    Date::new(2024, m, day).unwrap_or_else(|| panic!("2024-{m}-{day} is no date"))
}

/// An entry as stored, recorded by `unit`; its `recorded_at` orders entries by id.
pub fn entry(id: &str, project: &str, subject: Subject, reported: Reported, as_of: Date, unit: &str) -> Entry {
    Entry {
        id: id.to_string(),
        project: project.to_string(),
        subject,
        reported,
        as_of,
        note: String::new(),
        unit: unit.to_string(),
        person: String::new(),
        recorded_at: format!("2024-01-01T00:00:00.000Z#{id}"),
        supersedes: None,
        deleted: false,
    }
}
