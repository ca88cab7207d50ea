//! Work done by the worker modules, loaded on demand: the code that most visits never run stays out of
//! the first load, and heavy work leaves the page's thread. A job travels as JSON; its result comes
//! back as bytes. Each job has one module ([`Module`]): the office-file readers (calamine, zip, XML)
//! and the workbook writer are two binaries (`src/bin/office_reader.rs`, `src/bin/xlsx_writer.rs`),
//! so a visit that only reads a list never downloads the writer, nor one that exports the reader.
//!
//! Invariant: what the jobs are and how they run, natively testable; nothing of workers or messages
//! (that is `ui/worker.rs` and the worker binaries).

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

/// The worker module that runs a job. Each links only its own job's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Module {
    /// `src/bin/office_reader.rs`: workbooks and Word documents read into sheets.
    OfficeReader,
    /// `src/bin/xlsx_writer.rs`: the 台账 written as .xlsx.
    XlsxWriter,
}

impl Module {
    /// The script a `Worker` starts (trunk's loader shim for the binary of that name).
    pub fn loader(self) -> &'static str {
        match self {
            Module::OfficeReader => "./office_reader_loader.js",
            Module::XlsxWriter => "./xlsx_writer_loader.js",
        }
    }
}

impl Job {
    pub fn module(&self) -> Module {
        match self {
            Job::Xlsx { .. } => Module::XlsxWriter,
            Job::ReadOffice { .. } => Module::OfficeReader,
        }
    }
}

fn parse(job: &str, module: Module) -> Result<Job, String> {
    let job: Job = serde_json::from_str(job).map_err(|e| format!("job: {e}"))?;
    if job.module() != module {
        return Err(format!("job: runs in {:?}, not in {module:?}", job.module()));
    }
    Ok(job)
}

/// The office reader's entry: runs a [`Job::ReadOffice`] given as JSON over `input` (the file's
/// bytes); the JSON of its sheets or of why the file can't be read. Any other job is refused.
pub fn run_reader_json(job: &str, input: &[u8]) -> Result<Vec<u8>, String> {
    match parse(job, Module::OfficeReader)? {
        Job::ReadOffice { name } => serde_json::to_vec(&read_office(&name, input)).map_err(|e| e.to_string()),
        _ => unreachable!("parse keeps the reader's jobs"),
    }
}

/// The workbook writer's entry: runs a [`Job::Xlsx`] given as JSON; the .xlsx file's bytes. Any
/// other job is refused.
pub fn run_writer_json(job: &str) -> Result<Vec<u8>, String> {
    match parse(job, Module::XlsxWriter)? {
        Job::Xlsx { book } => write_xlsx(&book),
        _ => unreachable!("parse keeps the writer's jobs"),
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
        let write = Job::Xlsx { book };
        assert_eq!(write.module(), Module::XlsxWriter);
        let json = to_json(&write);
        let bytes = run_writer_json(&json).unwrap();
        assert_eq!(&bytes[..2], b"PK", "a zip file");
        assert!(run_writer_json("{\"job\":\"nothing\"}").unwrap_err().starts_with("job: "));
        assert!(run_reader_json("{\"job\":\"nothing\"}", &[]).unwrap_err().starts_with("job: "));
        // Each module refuses the other's job rather than run it.
        assert!(run_reader_json(&json, &[]).unwrap_err().contains("XlsxWriter"));
        // The workbook just written, read back as a list's sheets through the reader's job.
        let read_job = Job::ReadOffice { name: "台账.xlsx".into() };
        assert_eq!(read_job.module(), Module::OfficeReader);
        assert!(run_writer_json(&to_json(&read_job)).unwrap_err().contains("OfficeReader"));
        let read = run_reader_json(&to_json(&read_job), &bytes).unwrap();
        let sheets = office_result(&read).unwrap().unwrap();
        assert_eq!(sheets[0].name, "台账");
        assert!(sheets[0].rows.iter().any(|r| r.cells.contains(&"甲".to_string())));
        assert_ne!(Module::OfficeReader.loader(), Module::XlsxWriter.loader());
        let bad = run_reader_json(&to_json(&Job::ReadOffice { name: "x.pdf".into() }), b"%PDF-1.4").unwrap();
        assert_eq!(office_result(&bad).unwrap(), Err(crate::domain::office::SourceError::Pdf));
    }
}
