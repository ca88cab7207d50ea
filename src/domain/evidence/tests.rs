use super::*;

/// A JPEG's start with an EXIF segment: IFD0 with DateTime and (optionally) a GPS pointer, an EXIF
/// IFD with DateTimeOriginal; in either byte order.
fn jpeg_with_exif(little: bool, original: &str, date_time: &str, gps: bool) -> Vec<u8> {
    let u16b = |v: u16| if little { v.to_le_bytes().to_vec() } else { v.to_be_bytes().to_vec() };
    let u32b = |v: u32| if little { v.to_le_bytes().to_vec() } else { v.to_be_bytes().to_vec() };
    let entry = |tag: u16, typ: u16, count: u32, value: u32| [u16b(tag), u16b(typ), u32b(count), u32b(value)].concat();
    let mut tiff = if little { b"II".to_vec() } else { b"MM".to_vec() };
    tiff.extend(u16b(42));
    tiff.extend(u32b(8));
    // IFD0 at 8: n entries, then the next-IFD offset (0).
    let n0: u16 = if gps { 3 } else { 2 };
    let ifd0_end = 8 + 2 + u32::from(n0) * 12 + 4;
    let exif_ifd = ifd0_end;
    let exif_end = exif_ifd + 2 + 12 + 4;
    let dt_at = exif_end;
    let orig_at = dt_at + 20;
    tiff.extend(u16b(n0));
    tiff.extend(entry(0x0132, 2, 20, dt_at));
    tiff.extend(entry(0x8769, 4, 1, exif_ifd));
    if gps {
        tiff.extend(entry(0x8825, 4, 1, 0));
    }
    tiff.extend(u32b(0));
    tiff.extend(u16b(1));
    tiff.extend(entry(0x9003, 2, 20, orig_at));
    tiff.extend(u32b(0));
    for text in [date_time, original] {
        let mut t = text.as_bytes().to_vec();
        t.resize(20, 0);
        tiff.extend(t);
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend([0xFF, 0xDA, 0, 2, 0xFF, 0xD9]);
    out
}

#[test]
fn files_are_known_by_their_bytes_not_their_names() {
    assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Sniffed::Jpeg);
    assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Sniffed::Png);
    assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Sniffed::Webp);
    assert_eq!(sniff(b"GIF89a..."), Sniffed::Gif);
    assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
    assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Sniffed::Heic);
    assert_eq!(sniff(b"\0\0\0\x18ftypmif1\0\0\0\0"), Sniffed::Heic);
    // A text named .jpg, an empty file, a zip: none of the kinds kept.
    assert_eq!(sniff(b"just some text, named photo.jpg"), Sniffed::Other);
    assert_eq!(sniff(b""), Sniffed::Other);
    assert_eq!(sniff(b"PK\x03\x04"), Sniffed::Other);
    assert!(Sniffed::Png.is_image() && !Sniffed::Pdf.is_image() && !Sniffed::Heic.is_image());
    assert_eq!(hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

#[test]
fn the_shooting_time_and_gps_tags_are_read_from_exif_in_either_byte_order() {
    for little in [true, false] {
        let photo = jpeg_with_exif(little, "2024:09:28 15:42:07", "2024:10:01 08:00:00", true);
        assert_eq!(exif(&photo), Exif { taken_at: Some("2024-09-28T15:42:07".into()), gps: true }, "little {little}");
        let no_gps = jpeg_with_exif(little, "2024:09:28 15:42:07", "2024:10:01 08:00:00", false);
        assert!(!exif(&no_gps).gps);
        // No DateTimeOriginal that reads: the file's DateTime.
        let fallback = jpeg_with_exif(little, "0000:00:00 00:00:00", "2024:10:01 08:00:00", false);
        assert_eq!(exif(&fallback).taken_at.as_deref(), Some("2024-10-01T08:00:00"));
    }
    // Cut short anywhere, or not a JPEG: nothing, never a panic.
    let photo = jpeg_with_exif(true, "2024:09:28 15:42:07", "2024:10:01 08:00:00", true);
    for n in 0..photo.len() {
        let _ = exif(&photo[..n]);
    }
    assert_eq!(exif(b"%PDF-1.7"), Exif::default());
}

fn attachment() -> Attachment {
    Attachment {
        id: "att-1".into(),
        project: "p-1".into(),
        month: Some(Date::month_end(2024, 9).unwrap()),
        request: None,
        hash: hash(b"photo"),
        name: "现场.jpg".into(),
        mime: "image/jpeg".into(),
        size: 312_000,
        caption: "9月28日现场".into(),
        taken_at: Some("2024-09-28T15:42:07".into()),
        unit: "市民政局".into(),
        person: "张三".into(),
        recorded_at: "2024-10-01T02:00:00.000Z".into(),
    }
}

#[test]
fn attachment_records_are_checked_when_read_and_kept_in_the_ledger() {
    let a = attachment();
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(attachment_from_value(v.clone()).unwrap(), a);
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut w = v.clone();
        f(&mut w);
        attachment_from_value(w)
    };
    assert!(broken(&|w| w["hash"] = "abc".into()).is_err());
    assert!(broken(&|w| w["hash"] = hash(b"x").to_uppercase().into()).is_err());
    assert!(broken(&|w| w["mime"] = "text/html".into()).is_err());
    assert!(broken(&|w| w["size"] = 0.into()).is_err());
    assert!(broken(&|w| w["size"] = (IMAGE_MAX_BYTES + 1).into()).is_err());
    assert!(broken(&|w| w["caption"] = "说".repeat(CAPTION_MAX + 1).into()).is_err());
    assert!(broken(&|w| w["request"] = "a-closure".into()).is_err(), "a month and a request");
    assert!(broken(&|w| {
        w.as_object_mut().unwrap().remove("month");
    })
    .is_err(), "neither");
    assert!(broken(&|w| w["unit"] = "".into()).is_err());
    assert!(broken(&|w| w["recorded_at"] = "soon".into()).is_err());
    // A closure request's attachment, a PDF.
    let pdf = broken(&|w| {
        w.as_object_mut().unwrap().remove("month");
        w["request"] = "a-closure".into();
        w["mime"] = "application/pdf".into();
        w["size"] = (9u64 << 20).into();
    })
    .unwrap();
    assert!(!pdf.is_image());

    let mut ledger = Ledger::default();
    keep(&mut ledger, &a);
    keep(&mut ledger, &a);
    keep(&mut ledger, &Attachment { id: "att-2".into(), project: "p-2".into(), recorded_at: "2024-09-01T00:00:00.000Z".into(), ..a.clone() });
    keep(&mut ledger, &Attachment { id: "att-0".into(), recorded_at: "2024-09-01T00:00:00.000Z".into(), ..a.clone() });
    assert_eq!(ledger.evidence.len(), 3);
    assert_eq!(of_project(&ledger, "p-1").iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), vec!["att-0", "att-1"]);
    assert_eq!(attachments(&ledger).count(), 3);
    assert_eq!(ledger.for_unit("市民政局").evidence.len(), 3);
    assert!(ledger.for_unit("市财政局").evidence.is_empty());
}

#[test]
fn a_bundle_round_trips_and_keeps_only_files_that_match_their_hash() {
    let photos: Vec<(String, Vec<u8>)> = [b"photo one".to_vec(), b"photo two".to_vec(), vec![7u8; 300_000]].into_iter().map(|b| (hash(&b), b)).collect();
    let zip = write_bundle("{\"format\":\"minsheng-progress\"}", &photos).unwrap();
    assert!(is_zip(&zip));
    let read = read_bundle(&zip).unwrap();
    assert_eq!(read.progress, "{\"format\":\"minsheng-progress\"}");
    assert_eq!(read.files, photos);
    assert!(read.set_aside.is_empty());

    // One byte of one photo changed (stored, so the byte is the photo's): that photo is set aside.
    let at = zip.windows(9).position(|w| w == b"photo two").unwrap();
    let mut changed = zip.clone();
    changed[at] ^= 1;
    let b = read_bundle(&changed).unwrap();
    assert_eq!(b.files, vec![photos[0].clone(), photos[2].clone()]);
    assert_eq!(b.set_aside, vec![(photos[1].0.clone(), SetAside::Mismatch)]);
    // A file under a name that is not its hash, and a stray entry.
    let wrong = write_bundle("{}", &[(hash(b"other"), b"photo one".to_vec())]).unwrap();
    assert_eq!(read_bundle(&wrong).unwrap().set_aside, vec![(hash(b"other"), SetAside::Mismatch)]);
    // No progress file.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("files/x", zip::write::SimpleFileOptions::default()).unwrap();
    let bare = w.finish().unwrap().into_inner();
    assert_eq!(read_bundle(&bare), Err(BundleError::NoProgress));
    assert!(read_bundle(b"not a zip").is_err());
}

#[test]
fn a_hostile_bundle_is_refused_before_anything_is_kept() {
    use super::super::archive::ZipBound;
    use std::io::Write;
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    // A path that climbs out.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(BUNDLE_PROGRESS, deflated).unwrap();
    w.write_all(b"{}").unwrap();
    w.start_file("../../evil", deflated).unwrap();
    w.write_all(b"x").unwrap();
    let climbing = w.finish().unwrap().into_inner();
    assert!(matches!(read_bundle(&climbing), Err(BundleError::Zip(ZipError::Bound(ZipBound::UnsafePath { .. })))));
    // More than 10,000 entries.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..=BUNDLE.entries {
        w.start_file(format!("files/{i}"), zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)).unwrap();
    }
    let many = w.finish().unwrap().into_inner();
    assert!(matches!(read_bundle(&many), Err(BundleError::Zip(ZipError::Bound(ZipBound::TooManyEntries { .. })))));
    // A bomb: an entry of zeros that inflates past the caps.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(BUNDLE_PROGRESS, deflated.large_file(true)).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..70 {
        w.write_all(&zeros).unwrap();
    }
    let bomb = w.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    assert!(matches!(read_bundle(&bomb), Err(BundleError::Zip(ZipError::Bound(_)))));
}

#[test]
fn attachments_and_their_files_travel_through_sync_documents() {
    use super::super::sync::{docs_for, file_doc, files_to_offer, ledger_of_docs, to_offer, Account};
    use std::collections::BTreeSet;
    let mut ledger = Ledger::default();
    let a = attachment();
    keep(&mut ledger, &a);
    keep(&mut ledger, &Attachment { id: "att-2".into(), ..a.clone() });
    keep(&mut ledger, &Attachment { id: "att-3".into(), unit: "市财政局".into(), hash: hash(b"other"), ..a.clone() });
    let unit = Account { units: vec!["市民政局".into()], office: false };
    let ids = to_offer(&ledger, &unit, &BTreeSet::new());
    assert_eq!(ids, vec!["att-1".to_string(), "att-2".to_string()]);
    let docs = docs_for("plan", &ledger, &ids);
    assert!(docs.iter().all(|d| d["type"] == "attachment"));
    // One file for the two records that share it; the other unit's file is not this account's.
    let files = files_to_offer(&ledger, &unit, &BTreeSet::new());
    assert_eq!(files.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>(), vec![format!("file-{}", a.hash)]);
    let office = Account { units: vec![], office: true };
    assert_eq!(files_to_offer(&ledger, &office, &BTreeSet::new()).len(), 2);
    assert!(files_to_offer(&ledger, &unit, &[format!("file-{}", a.hash)].into()).is_empty());
    let doc = file_doc("plan", &files[0].1, b"photo");
    assert_eq!(doc["_attachments"]["data"]["data"], "cGhvdG8=");
    assert_eq!(doc["_attachments"]["data"]["content_type"], "image/jpeg");
    assert_eq!((doc["unit"].as_str(), doc["project"].as_str()), (Some("市民政局"), Some("p-1")));
    // Pulled back: the records read, the file's document known to be there and not a record.
    let mut back = docs.clone();
    back.push(doc);
    let pulled = ledger_of_docs("plan", &back);
    assert!(pulled.unreadable.is_empty(), "{:?}", pulled.unreadable);
    assert_eq!(pulled.ledger.evidence.len(), 2);
    assert!(pulled.ids.contains(&format!("file-{}", a.hash)));
}

#[test]
fn the_limits_are_settings_kept_within_what_the_app_supports() {
    let d = EvidenceLimits::default();
    assert_eq!((d.per_report, d.pdf_bytes, d.image_edge, d.pull_all), (10, 10 << 20, 1600, false));
    let wild = EvidenceLimits { per_report: 0, pdf_bytes: 1 << 40, image_edge: 10, pull_all: true }.checked();
    assert_eq!((wild.per_report, wild.pdf_bytes, wild.image_edge, wild.pull_all), (1, 64 << 20, 640, true));
    assert_eq!(d.checked(), d);
    // Stored by an older version (no pull_all) or partly: the rest are the defaults.
    let read: EvidenceLimits = serde_json::from_str(r#"{"per_report":3}"#).unwrap();
    assert_eq!(read, EvidenceLimits { per_report: 3, ..EvidenceLimits::default() });
}

#[test]
fn the_files_another_lists_text_points_to_are_found_without_parsing_it() {
    let a = "a".repeat(64);
    let b = "0123456789abcdef".repeat(4);
    let text = format!("{{\n  \"evidence\": [\n    {{ \"hash\": \"{a}\", \"name\": \"x\" }},\n    {{\"hash\":\"{b}\"}},\n    {{ \"hash\": \"{a}0\" }}, {{ \"hash\": \"short\" }}, {{ \"hash\": 7 }}, {{ \"note\": \"hash\" }}\n  ]\n}}");
    assert_eq!(hashes_in_text(&text).collect::<Vec<_>>(), vec![a.as_str(), b.as_str()]);
    assert_eq!(hashes_in_text("").count(), 0);
    assert_eq!(hashes_in_text("\"hash\": \"").count(), 0);
}
