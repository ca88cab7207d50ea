use super::*;
use std::io::Write;

fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, body) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const SMALL: Limits = Limits { entries: 3, entry: 1_000, total: 1_500, ratio: 10, ratio_floor: 100 };

#[test]
fn entries_within_the_caps_read_whole() {
    let bytes = zip_of(&[("a.txt", b"hello"), ("b/c.xml", b"<a><b/></a>")], zip::CompressionMethod::Deflated);
    let mut zip = BoundedZip::open(&bytes, SMALL).unwrap();
    assert!(zip.has("a.txt") && !zip.has("x"));
    assert_eq!(zip.read("a.txt").unwrap().as_deref(), Some(&b"hello"[..]));
    assert_eq!(zip.read("x").unwrap(), None);
    let mut seen = Vec::new();
    zip.check_all(|name, piece| {
        seen.push((name.to_string(), piece.len()));
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, vec![("a.txt".to_string(), 5), ("b/c.xml".to_string(), 11)]);
}

#[test]
fn each_cap_is_checked_while_inflating() {
    let stored = zip::CompressionMethod::Stored;
    let deflated = zip::CompressionMethod::Deflated;
    // One entry past its cap (stored, so the ratio is 1).
    let big = vec![b'x'; 1_001];
    let bytes = zip_of(&[("big.bin", &big)], stored);
    assert_eq!(
        BoundedZip::open(&bytes, SMALL).unwrap().read("big.bin"),
        Err(ZipError::Bound(ZipBound::EntryTooLarge { entry: "big.bin".into(), max: 1_000 }))
    );
    // Entries each within the cap, together past the total.
    let part = vec![b'x'; 800];
    let bytes = zip_of(&[("a", &part), ("b", &part)], stored);
    let mut zip = BoundedZip::open(&bytes, SMALL).unwrap();
    assert_eq!(zip.check_all(|_, _| Ok(())), Err(ZipError::Bound(ZipBound::TotalTooLarge { max: 1_500 })));
    // Too many entries, refused before any is read.
    let bytes = zip_of(&[("a", b""), ("b", b""), ("c", b""), ("d", b"")], stored);
    assert_eq!(BoundedZip::open(&bytes, SMALL).err(), Some(ZipError::Bound(ZipBound::TooManyEntries { max: 3 })));
    // A run of one byte deflates far past the ratio.
    let run = vec![b' '; 900];
    let bytes = zip_of(&[("run.xml", &run)], deflated);
    assert_eq!(BoundedZip::open(&bytes, SMALL).unwrap().read("run.xml"), Err(ZipError::Bound(ZipBound::Ratio { entry: "run.xml".into(), max: 10 })));
    // The same below the floor is not judged.
    let bytes = zip_of(&[("run.xml", &run[..90])], deflated);
    assert_eq!(BoundedZip::open(&bytes, SMALL).unwrap().read("run.xml").unwrap().map(|b| b.len()), Some(90));
}

#[test]
fn names_that_climb_out_and_deep_xml_are_refused() {
    let bytes = zip_of(&[("ok.txt", b"1"), ("../evil.txt", b"2")], zip::CompressionMethod::Stored);
    assert_eq!(BoundedZip::open(&bytes, SMALL).err(), Some(ZipError::Bound(ZipBound::UnsafePath { entry: "../evil.txt".into() })));
    let deep = "<a>".repeat(MAX_XML_DEPTH + 1);
    let limits = Limits { entry: 10_000, total: 10_000, ..SMALL };
    let bytes = zip_of(&[("deep.xml", deep.as_bytes()), ("deep.txt", deep.as_bytes())], zip::CompressionMethod::Stored);
    let mut zip = BoundedZip::open(&bytes, limits).unwrap();
    // Only XML is scanned as XML.
    assert_eq!(zip.read("deep.txt").unwrap().map(|b| b.len()), Some(deep.len()));
    assert_eq!(zip.read("deep.xml"), Err(ZipError::Bound(ZipBound::XmlTooDeep { entry: "deep.xml".into(), max: MAX_XML_DEPTH })));
    assert_eq!(BoundedZip::open(b"PK\x03\x04 not a zip", SMALL).err().map(|e| matches!(e, ZipError::Corrupt(_))), Some(true));
}

#[test]
fn a_check_of_the_caller_stops_the_reading() {
    let bytes = zip_of(&[("a", b"abc")], zip::CompressionMethod::Stored);
    let mut zip = BoundedZip::open(&bytes, SMALL).unwrap();
    assert_eq!(zip.check_all(|_, _| Err(ZipError::Stopped)), Err(ZipError::Stopped));
}
