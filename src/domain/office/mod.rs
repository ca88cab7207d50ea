//! Lists as offices keep them: the Excel workbook (.xlsx, and the older .xls) and the official Word
//! document (.docx) whose attachment is the table, read into [`Sheet`]s, merged cells expanded (a
//! category or project cell merged over several rows holds its text on each).
//!
//! What the bytes are is told by their content, not the file's name: a zip holding `xl/` is a
//! workbook, one holding `word/` a document; an OLE file is an old .xls, an old .doc, or an encrypted
//! (password-protected) new file. Everything else is text for `table::text_sheet`. A file that cannot
//! be read says why ([`SourceError`]), never panics.
//!
//! Invariant: bytes in, sheets out; knows no column meaning (that is `table/`). In the browser only
//! the worker module links the readers (`jobs::Job::ReadOffice`), so the first load does not carry them.

mod docx;
mod xlsx;

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
        Format::Zip => match docx::zip_kind(bytes) {
            Ok(Some(Kind::Excel)) => xlsx::read_xlsx(bytes),
            Ok(Some(Kind::Word)) => docx::read_docx(bytes),
            Ok(None) => Err(SourceError::Unknown),
            Err(detail) => Err(SourceError::Corrupt { kind: kind_by_name(name), detail }),
        },
        Format::Text => Err(SourceError::Unknown),
    }
}

#[cfg(test)]
mod tests;
