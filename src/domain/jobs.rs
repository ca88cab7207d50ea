//! Work done by the worker module, loaded on demand (`src/bin/worker.rs`): the code that most visits
//! never run stays out of the first load, and heavy work leaves the page's thread. A job travels as
//! JSON; its result comes back as bytes.
//!
//! Invariant: what the jobs are and how they run, natively testable; nothing of workers or messages
//! (that is `ui/worker.rs` and the worker binary).

use super::workbook::{write_xlsx, Book};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Job {
    /// The 台账 as an .xlsx file.
    Xlsx { book: Book },
}

/// Runs a job given as JSON; the bytes of its result, or why it failed.
pub fn run_json(job: &str) -> Result<Vec<u8>, String> {
    let job: Job = serde_json::from_str(job).map_err(|e| format!("job: {e}"))?;
    run(job)
}

pub fn run(job: Job) -> Result<Vec<u8>, String> {
    match job {
        Job::Xlsx { book } => write_xlsx(&book),
    }
}

pub fn to_json(job: &Job) -> String {
    serde_json::to_string(job).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workbook::{Cell, Column, Sheet};

    #[test]
    fn a_job_round_trips_as_json_and_runs() {
        let book = Book {
            sheets: vec![Sheet {
                name: "台账".into(),
                title: "标题".into(),
                columns: vec![Column { header: "项目".into(), width: 20.0 }],
                rows: vec![vec![Cell::Text("甲".into())]],
            }],
        };
        let json = to_json(&Job::Xlsx { book });
        let bytes = run_json(&json).unwrap();
        assert_eq!(&bytes[..2], b"PK", "a zip file");
        assert!(run_json("{\"job\":\"nothing\"}").unwrap_err().starts_with("job: "));
    }
}
