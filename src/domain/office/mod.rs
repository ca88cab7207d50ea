//! Lists as offices keep them: the Excel workbook (.xlsx, and the older .xls) and the official Word
//! document (.docx) whose attachment is the table, read into [`Sheet`]s, merged cells expanded (a
//! category or project cell merged over several rows holds its text on each).
//!
//! What the bytes are is told by their content, not the file's name: a zip holding `xl/` is a
//! workbook, one holding `word/` a document; an OLE file is an old .xls, an old .doc, or an encrypted
//! (password-protected) new file. Everything else is text for `table::text_sheet`. A file that cannot
//! be read says why ([`SourceError`]), never panics.
//!
//! Zip-based files are opened through the bounded reader (`archive::BoundedZip`, caps in
//! `archive::OFFICE`) and sheets are laid out within [`SheetBound`]'s caps (`xlsx.rs`), so a hostile
//! file is refused with what was too big before it costs the page its memory.
//!
//! Invariant: bytes in, sheets out; knows no column meaning (that is `table/`). In the browser only
//! the worker module links the readers (`jobs::Job::ReadOffice`), so the first load does not carry them.

mod docx;
mod ole;
mod xlsx;

pub use xlsx::{MAX_CELLS, MAX_COLUMNS, MAX_GRID, MAX_ROWS, MAX_SHARED_STRINGS};

use super::archive::{self, BoundedZip, ZipBound, ZipError};
use super::table::Sheet;
use serde::{Deserialize, Serialize};

/// What a file's first bytes say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A zip: .xlsx or .docx.
    Zip,
    /// An OLE compound file: .xls, .doc, or an encrypted .xlsx/.docx.
    Ole,
    Pdf,
    /// Anything else: read as text.
    Text,
}

pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Format::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Format::Ole
    } else if bytes.starts_with(b"%PDF") {
        Format::Pdf
    } else {
        Format::Text
    }
}

/// Which office program a message names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Excel,
    Word,
}

/// Why an office file gave no sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum SourceError {
    /// Password-protected.
    Encrypted { kind: Kind },
    /// Damaged or cut short; `detail` is the reader's own words.
    Corrupt { kind: Kind, detail: String },
    /// Readable, but holds no table (and, for Word, no paragraph-form list).
    NoTable { kind: Kind },
    /// A Word 97–2003 .doc.
    OldWord,
    Pdf,
    /// A zip that is neither a workbook nor a document.
    Unknown,
    /// A zip past one of the bounded reader's caps.
    Archive {
        kind: Kind,
        bound: ZipBound,
    },
    /// A sheet past one of the caps of a sheet.
    Sheet {
        bound: SheetBound,
    },
    /// The reader stopped on this file without an answer (in the browser: its worker died);
    /// `detail` is what the runtime said.
    ReaderFailed {
        detail: String,
    },
}

/// What made a workbook's sheet too large to be a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "bound", rename_all = "snake_case")]
pub enum SheetBound {
    /// Cells with a value past `max`.
    Cells {
        sheet: String,
        max: usize,
    },
    /// Cells spread over more than `max` rows, down to row `last`.
    Rows {
        sheet: String,
        max: u32,
        last: u32,
    },
    Columns {
        sheet: String,
        max: u32,
    },
    /// The rows × columns the cells span.
    Grid {
        sheet: String,
        rows: u32,
        columns: u32,
        max: u64,
    },
    /// Merged regions that overlap many times over.
    MergedCells {
        sheet: String,
    },
    SharedStrings {
        max: usize,
    },
}

impl From<SheetBound> for SourceError {
    fn from(bound: SheetBound) -> Self {
        SourceError::Sheet { bound }
    }
}

fn zip_error(e: ZipError, kind: Kind) -> SourceError {
    match e {
        ZipError::Corrupt(detail) => SourceError::Corrupt { kind, detail },
        ZipError::Bound(bound) => SourceError::Archive { kind, bound },
        // No reader here stops a read of its own accord without saying why.
        ZipError::Stopped => SourceError::Corrupt { kind, detail: String::new() },
    }
}

/// The program a file's name suggests, for messages about a file whose content does not say.
fn kind_by_name(name: &str) -> Kind {
    let lower = name.to_lowercase();
    if lower.ends_with(".docx") || lower.ends_with(".doc") {
        Kind::Word
    } else {
        Kind::Excel
    }
}

fn contains_utf16(bytes: &[u8], word: &str) -> bool {
    let needle: Vec<u8> = word.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Reads an office file (`name` only words messages): every sheet with cells, or why none.
pub fn read_office(name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, SourceError> {
    match sniff(bytes) {
        Format::Pdf => Err(SourceError::Pdf),
        Format::Ole => {
            if contains_utf16(bytes, "EncryptedPackage") {
                Err(SourceError::Encrypted { kind: kind_by_name(name) })
            } else if contains_utf16(bytes, "WordDocument") {
                Err(SourceError::OldWord)
            } else {
                xlsx::read_xls(bytes)
            }
        }
        Format::Zip => {
            let zip = BoundedZip::open(bytes, archive::OFFICE).map_err(|e| zip_error(e, kind_by_name(name)))?;
            if zip.has("xl/workbook.xml") {
                xlsx::read_xlsx(bytes, zip)
            } else if zip.has("word/document.xml") {
                docx::read_docx(zip)
            } else {
                Err(SourceError::Unknown)
            }
        }
        Format::Text => Err(SourceError::Unknown),
    }
}

#[cfg(test)]
mod tests;
