//! Zip-based files from outside the office (.xlsx, .docx, and any bundle after them) read through one
//! bounded reader: the number of entries, each entry's inflated size, the total inflated and the
//! ratio inflated/compressed are checked while inflating, never after, and names that climb out of
//! the archive or entries that share bytes are refused before anything is inflated. XML entries are
//! scanned for nesting depth and attributes per element on the way ([`xml_guard`]).
//!
//! Every cap is a constant with its reason; they are generous for real lists (the largest real list
//! has a few thousand rows: its sheet is a few megabytes of XML) and stop a hostile file long before
//! it costs the page its memory.
//!
//! Invariant: bytes in, bytes or a typed refusal ([`ZipError`]) out; knows no office format.

mod xml_guard;

pub use xml_guard::{XmlGuard, MAX_ATTRIBUTES as MAX_XML_ATTRIBUTES, MAX_DEPTH as MAX_XML_DEPTH};

use serde::{Deserialize, Serialize};
use std::io::{Cursor, Read};

/// The caps of one kind of archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Entries in the central directory.
    pub entries: usize,
    /// Bytes one entry may inflate to.
    pub entry: u64,
    /// Bytes all entries together may inflate to.
    pub total: u64,
    /// Inflated bytes per compressed byte, checked once an entry has inflated past `ratio_floor`.
    pub ratio: u64,
    /// Below this an entry's ratio is not judged: a small run of zeros legitimately compresses a
    /// thousandfold, and a megabyte costs nothing.
    pub ratio_floor: u64,
}

/// Office files (workbooks and documents holding a list).
pub const OFFICE: Limits = Limits {
    // A workbook has 10–40 parts, a document with pictures a few hundred.
    entries: 10_000,
    // A sheet of 5,000 rows × 15 columns is about 4 MB of XML, its shared strings under 10 MB.
    entry: 64 << 20,
    // Every part of such a file together; also the bundle cap of evidence files.
    total: 200 << 20,
    // Office XML deflates 5–30×; a run of spaces 1,000×, which is what a bomb is made of.
    ratio: 200,
    ratio_floor: 1 << 20,
};

/// What made an archive too much to read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "bound", rename_all = "snake_case")]
pub enum ZipBound {
    TooManyEntries {
        max: usize,
    },
    EntryTooLarge {
        entry: String,
        max: u64,
    },
    TotalTooLarge {
        max: u64,
    },
    Ratio {
        entry: String,
        max: u64,
    },
    /// A name that leaves the archive's folder (`../x`, `/etc/x`).
    UnsafePath {
        entry: String,
    },
    /// Two entries share bytes: the trick that makes a small file inflate many times over.
    Overlapping,
    XmlTooDeep {
        entry: String,
        max: usize,
    },
    TooManyAttributes {
        entry: String,
        max: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// Not a readable zip (cut short, damaged); the reader's own words.
    Corrupt(String),
    Bound(ZipBound),
    /// The caller's own check on the inflated bytes stopped the reading.
    Stopped,
}

impl From<ZipBound> for ZipError {
    fn from(b: ZipBound) -> Self {
        ZipError::Bound(b)
    }
}

fn corrupt(e: impl std::fmt::Display) -> ZipError {
    ZipError::Corrupt(e.to_string())
}

/// Central-directory records in `bytes`: an upper bound of the entries, counted before the zip
/// reader builds a record of each (a million entries would cost it hundreds of megabytes).
fn directory_records(bytes: &[u8]) -> usize {
    bytes.windows(4).filter(|w| *w == b"PK\x01\x02").count()
}

fn is_xml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels")
}

/// An opened archive whose reads are bounded.
pub struct BoundedZip<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    limits: Limits,
    /// Inflated so far, over every read.
    inflated: u64,
}

impl<'a> BoundedZip<'a> {
    /// Opens `bytes`: refuses too many entries, names that climb out and overlapping entries.
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Self, ZipError> {
        if directory_records(bytes) > limits.entries {
            return Err(ZipBound::TooManyEntries { max: limits.entries }.into());
        }
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
        if archive.len() > limits.entries {
            return Err(ZipBound::TooManyEntries { max: limits.entries }.into());
        }
        for i in 0..archive.len() {
            let file = archive.by_index_raw(i).map_err(corrupt)?;
            if file.enclosed_name().is_none() {
                return Err(ZipBound::UnsafePath { entry: file.name().map(|n| n.into_owned()).unwrap_or_default() }.into());
            }
        }
        if archive.has_overlapping_entries().map_err(corrupt)? {
            return Err(ZipBound::Overlapping.into());
        }
        Ok(BoundedZip { archive, limits, inflated: 0 })
    }

    /// The entries' names, in the archive's order.
    pub fn names(&self) -> Vec<String> {
        (0..self.archive.len()).filter_map(|i| self.archive.name_for_index(i).and_then(Result::ok).map(|n| n.into_owned())).collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// Inflates entry `index` in pieces, each handed to `sink`; stops at the first cap passed.
    fn inflate(&mut self, index: usize, mut sink: impl FnMut(&[u8]) -> Result<(), ZipError>) -> Result<(), ZipError> {
        let limits = self.limits;
        let mut file = self.archive.by_index(index).map_err(corrupt)?;
        let name = file.name().map(|n| n.into_owned()).unwrap_or_default();
        let compressed = file.compressed_size().max(1);
        let mut guard = is_xml(&name).then(XmlGuard::default);
        let mut buf = vec![0u8; 64 * 1024];
        let mut inflated = 0u64;
        loop {
            // Never more than one byte past a cap: the entry's, or what is left of the total.
            let room = (limits.entry + 1 - inflated).min(limits.total + 1 - self.inflated.min(limits.total + 1));
            let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX)).max(1);
            let n = file.read(&mut buf[..want]).map_err(corrupt)?;
            if n == 0 {
                return Ok(());
            }
            inflated += n as u64;
            self.inflated += n as u64;
            if inflated > limits.entry {
                return Err(ZipBound::EntryTooLarge { entry: name, max: limits.entry }.into());
            }
            if self.inflated > limits.total {
                return Err(ZipBound::TotalTooLarge { max: limits.total }.into());
            }
            if inflated > limits.ratio_floor && inflated / compressed > limits.ratio {
                return Err(ZipBound::Ratio { entry: name, max: limits.ratio }.into());
            }
            if let Some(g) = guard.as_mut() {
                g.feed(&buf[..n]).map_err(|b| b.for_entry(&name))?;
            }
            sink(&buf[..n])?;
        }
    }

    /// Inflates every entry without keeping it: the caps and the XML bounds checked over the whole
    /// archive, before a reader that cannot be bounded (calamine) is given it. `each` sees every
    /// entry's bytes as they come, for counts of its own.
    pub fn check_all(&mut self, mut each: impl FnMut(&str, &[u8]) -> Result<(), ZipError>) -> Result<(), ZipError> {
        for i in 0..self.archive.len() {
            let name = self.archive.name_for_index(i).and_then(Result::ok).map(|n| n.into_owned()).unwrap_or_default();
            self.inflate(i, |piece| each(&name, piece))?;
        }
        Ok(())
    }

    /// The entry `name` inflated, within the caps; `None` when there is no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ZipError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        self.inflate(index, |piece| {
            out.extend_from_slice(piece);
            Ok(())
        })?;
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests;
