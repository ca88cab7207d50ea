//! An office file read by the office reader's worker module: its sheets, or why it gave none.

use super::super::worker::{self, WorkerError};
use super::OfficeFile;
use crate::domain::jobs::{office_result, Job};
use crate::domain::office::SourceError;

/// The file `name` read in the worker: its sheets, or why it gave none — also when the reader died on
/// it (the file is at fault, and says so). `Err` with the runtime's words when the reader could not be
/// started at all (the network is at fault: the file was not read).
pub(super) async fn read_office_file(name: String, bytes: &[u8]) -> Result<OfficeFile, String> {
    let read = worker::run_with(&Job::ReadOffice { name: name.clone() }, bytes).await.and_then(|b| office_result(&b).map_err(WorkerError::JobFailed));
    match read {
        Ok(Ok(sheets)) => Ok(OfficeFile::Read { name, sheets }),
        Ok(Err(error)) => Ok(OfficeFile::Failed { name, error }),
        Err(WorkerError::JobFailed(detail)) => Ok(OfficeFile::Failed { name, error: SourceError::ReaderFailed { detail } }),
        Err(WorkerError::NotStarted(detail)) => Err(detail),
    }
}
