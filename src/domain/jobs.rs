//! Work done by the worker module, loaded on demand (`src/bin/worker.rs`): the code that most visits
//! never run stays out of the first load, and heavy work leaves the page's thread. A job travels as
//! JSON; its result comes back as bytes.
//!
//! Invariant: what the jobs are and how they run, natively testable; nothing of workers or messages
//! (that is `ui/worker.rs` and the worker binary).

use super::office::read_office;
use super::workbook::{write_xlsx, Book};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Job {
    /// The 台账 as an .xlsx file.
    Xlsx { book: Book },
    /// The sheets of a workbook or a Word document given as the job's input bytes; the result is
    /// JSON: `{"Ok": [sheet…]}` or `{"Err": {"error": …}}`.
    ReadOffice { name: String },
}

/// Runs a job given as JSON over `input` (a file's bytes, for jobs that read one); the bytes of its
/// result, or why it failed.
pub fn run_json(job: &str, input: &[u8]) -> Result<Vec<u8>, String> {
    let job: Job = serde_json::from_str(job).map_err(|e| format!("job: {e}"))?;
    run(job, input)
}

pub fn run(job: Job, input: &[u8]) -> Result<Vec<u8>, String> {
    match job {
        Job::Xlsx { book } => write_xlsx(&book),
        Job::ReadOffice { name } => serde_json::to_vec(&read_office(&name, input)).map_err(|e| e.to_string()),
    }
}

/// Reads a [`Job::ReadOffice`] result.
pub fn office_result(bytes: &[u8]) -> Result<Result<Vec<super::table::Sheet>, super::office::SourceError>, String> {
    serde_json::from_slice(bytes).map_err(|e| e.to_string())
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
        let bytes = run_json(&json, &[]).unwrap();
        assert_eq!(&bytes[..2], b"PK", "a zip file");
        assert!(run_json("{\"job\":\"nothing\"}", &[]).unwrap_err().starts_with("job: "));
        // The workbook just written, read back as a list's sheets through the job.
        let read = run_json(&to_json(&Job::ReadOffice { name: "台账.xlsx".into() }), &bytes).unwrap();
        let sheets = office_result(&read).unwrap().unwrap();
        assert_eq!(sheets[0].name, "台账");
        assert!(sheets[0].rows.iter().any(|r| r.cells.contains(&"甲".to_string())));
        let bad = run_json(&to_json(&Job::ReadOffice { name: "x.pdf".into() }), b"%PDF-1.4").unwrap();
        assert_eq!(office_result(&bad).unwrap(), Err(crate::domain::office::SourceError::Pdf));
    }
}
