//! 佐证材料: the photos and documents that back a unit's report or closure request. The files are kept
//! apart from the ledger, by the SHA-256 of their bytes (the same photo attached twice is kept once);
//! the ledger holds an attachment record (hash, name, type, size, 说明, 拍摄时间, who and when) that
//! merges like every record. What a file is, is read from its bytes, never from its name (`sniff`); a
//! photo's 拍摄时间 from its EXIF (`taken_at`); a bundle (a progress file and the files it points to, one
//! zip) is written and read here, every file checked against its hash and the zip read within bounds.
//!
//! Invariant: bytes and records in, records, bytes or typed refusals out; the reduction of images
//! (decode, scale, re-encode) is the browser's canvas (`ui/evidence.rs`); nothing here touches storage.

use super::archive::{BoundedZip, Limits, ZipError};
use super::date::{Date, Moment};
use super::ledger::Ledger;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The limits a browser applies when files are attached, and whether sync fetches every file at once
/// (a setting for the office) or each when first shown. Kept per browser; these are the defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EvidenceLimits {
    /// Files per report (a month's report of a project, or a closure request).
    pub per_report: usize,
    /// The largest PDF kept, in bytes.
    pub pdf_bytes: u64,
    /// The longest edge of an image once reduced, in pixels.
    pub image_edge: u32,
    /// Sync fetches every file its records point to, not each when first shown.
    pub pull_all: bool,
}

impl Default for EvidenceLimits {
    fn default() -> Self {
        EvidenceLimits { per_report: 10, pdf_bytes: 10 << 20, image_edge: 1600, pull_all: false }
    }
}

impl EvidenceLimits {
    /// Within what the app supports: 1–50 files a report, PDFs of 1–64 MB, images of 640–4,096 px (a
    /// reduced image stays under `IMAGE_MAX_BYTES`).
    pub fn checked(self) -> EvidenceLimits {
        EvidenceLimits {
            per_report: self.per_report.clamp(1, 50),
            pdf_bytes: self.pdf_bytes.clamp(1 << 20, 64 << 20),
            image_edge: self.image_edge.clamp(640, 4096),
            pull_all: self.pull_all,
        }
    }
}

/// The largest image kept once reduced (a 1,600 px JPEG is 150–600 KB; a file this size is not one).
pub const IMAGE_MAX_BYTES: u64 = 4 << 20;
/// The longest 说明 and file name, in characters.
pub const CAPTION_MAX: usize = 200;

/// A bundle's caps: a year of a unit's photos fits; a zip bomb stops the reading, not the page.
pub const BUNDLE: Limits = Limits {
    entries: 10_000,
    // A PDF at its limit, with room for a larger limit set by the office.
    entry: 64 << 20,
    total: 200 << 20,
    // Photos and PDFs are compressed already: a bundle stores them, so the ratio is about 1.
    ratio: 200,
    ratio_floor: 1 << 20,
};

/// What a file is, by its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Jpeg,
    Png,
    Webp,
    Gif,
    Bmp,
    Pdf,
    /// HEIC/HEIF (an iPhone's default): browsers other than Safari cannot decode it.
    Heic,
    /// None of these: a text named .jpg, a document of another kind.
    Other,
}

impl Sniffed {
    pub fn is_image(self) -> bool {
        matches!(self, Sniffed::Jpeg | Sniffed::Png | Sniffed::Webp | Sniffed::Gif | Sniffed::Bmp)
    }
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        Sniffed::Jpeg
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Sniffed::Png
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Sniffed::Webp
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Sniffed::Gif
    } else if starts(b"BM") && bytes.len() > 26 {
        Sniffed::Bmp
    } else if starts(b"%PDF-") {
        Sniffed::Pdf
    } else if bytes.get(4..8) == Some(b"ftyp") && matches!(bytes.get(8..12), Some(b"heic" | b"heix" | b"hevc" | b"hevx" | b"mif1" | b"msf1" | b"heim" | b"heis" | b"avif")) {
        Sniffed::Heic
    } else {
        Sniffed::Other
    }
}

/// The SHA-256 of the bytes, in lowercase hex: a kept file's name.
pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A JPEG's EXIF, read as far as this module needs: the shooting time and whether it has GPS tags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exif {
    /// DateTimeOriginal (or DateTime), as "YYYY-MM-DDTHH:MM:SS" (the camera's local time).
    pub taken_at: Option<String>,
    pub gps: bool,
}

/// Reads the EXIF of a JPEG; an image without one, or one that does not read, gives the default.
pub fn exif(bytes: &[u8]) -> Exif {
    let Some(tiff) = exif_segment(bytes) else { return Exif::default() };
    read_tiff(tiff).unwrap_or_default()
}

fn exif_segment(bytes: &[u8]) -> Option<&[u8]> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xDA || marker == 0xD9 {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let body = bytes.get(i + 4..i + 2 + len)?;
        if marker == 0xE1 && body.starts_with(b"Exif\0\0") {
            return Some(&body[6..]);
        }
        i += 2 + len;
    }
    None
}

fn read_tiff(t: &[u8]) -> Option<Exif> {
    let le = match t.get(0..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |o: usize| t.get(o..o + 2).map(|b| if le { u16::from_le_bytes([b[0], b[1]]) } else { u16::from_be_bytes([b[0], b[1]]) });
    let u32_at = |o: usize| t.get(o..o + 4).map(|b| if le { u32::from_le_bytes([b[0], b[1], b[2], b[3]]) } else { u32::from_be_bytes([b[0], b[1], b[2], b[3]]) });
    // The entries of the directory at `offset`: (tag, type, count, value or offset).
    let entries = |offset: usize| -> Vec<(u16, u16, u32, u32)> {
        let Some(n) = u16_at(offset) else { return Vec::new() };
        (0..usize::from(n).min(512))
            .filter_map(|k| {
                let at = offset + 2 + k * 12;
                Some((u16_at(at)?, u16_at(at + 2)?, u32_at(at + 4)?, u32_at(at + 8)?))
            })
            .collect()
    };
    let ascii = |count: u32, offset: u32| -> Option<String> {
        let bytes = t.get(offset as usize..(offset as usize).checked_add(count as usize)?)?;
        let text: String = bytes.iter().take_while(|b| **b != 0).map(|b| char::from(*b)).collect();
        // "YYYY:MM:DD HH:MM:SS"
        let d = text.get(0..10)?.replace(':', "-");
        let time = text.get(11..19)?;
        Date::parse_iso(&d)?;
        Moment::parse_rfc3339(&format!("{d}T{time}Z"))?;
        Some(format!("{d}T{time}"))
    };
    let ifd0 = entries(u32_at(4)? as usize);
    let mut out = Exif { gps: ifd0.iter().any(|e| e.0 == 0x8825), ..Exif::default() };
    let date_time = ifd0.iter().find(|e| e.0 == 0x0132 && e.1 == 2).and_then(|e| ascii(e.2, e.3));
    let original = ifd0
        .iter()
        .find(|e| e.0 == 0x8769)
        .and_then(|e| entries(e.3 as usize).into_iter().find(|x| x.0 == 0x9003 && x.1 == 2))
        .and_then(|e| ascii(e.2, e.3));
    out.taken_at = original.or(date_time);
    Some(out)
}

/// An attachment record: one file backing one report of a project (a month's report, or a closure
/// request). The ledger keeps it as the JSON value this writes (`Ledger::evidence`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: String,
    pub project: String,
    /// The month-end of the report it backs, or…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<Date>,
    /// …the id of the closure request (申请办结) it backs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub hash: String,
    pub name: String,
    /// image/jpeg, image/webp or application/pdf.
    pub mime: String,
    pub size: u64,
    /// 说明.
    #[serde(default)]
    pub caption: String,
    /// 拍摄时间, from the photo's EXIF ("YYYY-MM-DDTHH:MM:SS", the camera's clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken_at: Option<String>,
    pub unit: String,
    #[serde(default)]
    pub person: String,
    pub recorded_at: String,
}

pub const MIMES: [&str; 3] = ["image/jpeg", "image/webp", "application/pdf"];

impl Attachment {
    pub fn is_image(&self) -> bool {
        self.mime.starts_with("image/")
    }
}

/// An attachment read from a file or a synced document and checked: ids, unit, time, a hash, a type
/// kept, a size within the limits, 说明 and name within their length, one report named.
pub fn attachment_from_value(value: Value) -> Result<Attachment, String> {
    check_attachment(&value)
}

/// `attachment_from_value` over a borrowed value: a stored ledger's records are checked at each load
/// and kept as they came, with no copy made and none written back.
pub fn check_attachment(value: &Value) -> Result<Attachment, String> {
    let a = Attachment::deserialize(value).map_err(|e| e.to_string())?;
    if a.id.trim().is_empty() || a.project.trim().is_empty() || a.unit.trim().is_empty() {
        return Err("id, project and unit must not be empty".into());
    }
    if !is_hash(&a.hash) {
        return Err("hash is not a SHA-256 in hex".into());
    }
    if !MIMES.contains(&a.mime.as_str()) {
        return Err(format!("type {:?} is not kept", a.mime));
    }
    let max = if a.is_image() { IMAGE_MAX_BYTES } else { 64 << 20 };
    if a.size == 0 || a.size > max {
        return Err(format!("size {} is outside 1–{max}", a.size));
    }
    if a.caption.chars().count() > CAPTION_MAX || a.name.chars().count() > CAPTION_MAX {
        return Err(format!("caption and name hold at most {CAPTION_MAX} characters"));
    }
    if a.month.is_some() == a.request.is_some() {
        return Err("an attachment backs one month's report or one closure request".into());
    }
    if Moment::parse_rfc3339(&a.recorded_at).is_none() {
        return Err(format!("recorded_at {:?} is not a time", a.recorded_at));
    }
    Ok(a)
}

/// Keeps an attachment in the ledger.
pub fn keep(ledger: &mut Ledger, a: &Attachment) {
    ledger.add_evidence(a.id.clone(), serde_json::to_value(a).unwrap_or(Value::Null));
}

/// The files named by the attachment records in a stored progress-file text, read without parsing it
/// (the `"hash"` members; only a SHA-256 in hex counts): what another list kept in this browser still
/// points to.
pub fn hashes_in_text(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.match_indices("\"hash\"").filter_map(move |(at, key)| {
        let rest = text[at + key.len()..].trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
        let hash = rest.get(..64)?;
        (is_hash(hash) && rest[64..].starts_with('"')).then_some(hash)
    })
}

/// The attachments of a ledger (each was checked when read).
pub fn attachments(ledger: &Ledger) -> impl Iterator<Item = Attachment> + '_ {
    ledger.evidence.values().filter_map(|v| serde_json::from_value(v.clone()).ok())
}

/// The attachments of one project, in the order they were recorded.
pub fn of_project(ledger: &Ledger, project: &str) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = ledger
        .evidence
        .values()
        .filter(|v| v.get("project").and_then(Value::as_str) == Some(project))
        .filter_map(|v| serde_json::from_value(v.clone()).ok())
        .collect();
    super::order::sort_by(&mut out, |a, b| (&a.recorded_at, &a.id).cmp(&(&b.recorded_at, &b.id)));
    out
}

/// A bundle: the progress file and the files it carries.
pub const BUNDLE_PROGRESS: &str = "progress.json";
pub const BUNDLE_FILES: &str = "files/";

/// Writes a bundle: the progress file, then each file under `files/<hash>`, stored (photos and PDFs
/// are compressed already).
pub fn write_bundle(progress: &str, files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let json = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file(BUNDLE_PROGRESS, json).map_err(|e| e.to_string())?;
    out.write_all(progress.as_bytes()).map_err(|e| e.to_string())?;
    for (hash, bytes) in files {
        out.start_file(format!("{BUNDLE_FILES}{hash}"), stored).map_err(|e| e.to_string())?;
        out.write_all(bytes).map_err(|e| e.to_string())?;
    }
    out.finish().map(|c| c.into_inner()).map_err(|e| e.to_string())
}

/// A bundle as read: the progress file's text, the files whose bytes match their names, and the
/// entries set aside (their name, and why).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bundle {
    pub progress: String,
    pub files: Vec<(String, Vec<u8>)>,
    pub set_aside: Vec<(String, SetAside)>,
}

/// Why an entry of a bundle was not kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetAside {
    /// Its bytes do not hash to its name: changed on the way.
    Mismatch,
    /// Not a file of the bundle's layout (`files/<sha-256>`).
    Stray,
}

/// Why a bundle cannot be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleError {
    Zip(ZipError),
    /// No `progress.json`, or one that is not text.
    NoProgress,
}

/// Whether `bytes` look like a zip (a bundle) rather than a progress file.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Reads a bundle within `BUNDLE`'s caps: every file checked against its hash; a path that climbs out,
/// a bomb or a damaged zip refuses the whole bundle before anything is kept.
pub fn read_bundle(bytes: &[u8]) -> Result<Bundle, BundleError> {
    let mut zip = BoundedZip::open(bytes, BUNDLE).map_err(BundleError::Zip)?;
    let progress = zip.read(BUNDLE_PROGRESS).map_err(BundleError::Zip)?.ok_or(BundleError::NoProgress)?;
    let progress = String::from_utf8(progress).map_err(|_| BundleError::NoProgress)?;
    let mut out = Bundle { progress, ..Bundle::default() };
    for name in zip.names() {
        if name == BUNDLE_PROGRESS || name.ends_with('/') {
            continue;
        }
        let Some(h) = name.strip_prefix(BUNDLE_FILES).filter(|h| is_hash(h)) else {
            out.set_aside.push((name, SetAside::Stray));
            continue;
        };
        let h = h.to_string();
        // A changed byte may fail the zip's own checksum before ours: either way the file is set aside,
        // and the rest of the bundle kept. A cap passed stops the whole reading.
        let data = match zip.read(&name) {
            Ok(d) => d.unwrap_or_default(),
            Err(ZipError::Corrupt(_)) => {
                out.set_aside.push((h, SetAside::Mismatch));
                continue;
            }
            Err(e) => return Err(BundleError::Zip(e)),
        };
        if hash(&data) == h {
            out.files.push((h, data));
        } else {
            out.set_aside.push((h, SetAside::Mismatch));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
