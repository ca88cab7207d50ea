//! A corpus of bad progress files: each is refused with a message that names the problem.
#![cfg(not(target_arch = "wasm32"))]

use minsheng::domain::exchange::read_progress_file;
use minsheng::domain::messages::{file_error, Lang};

#[test]
fn every_bad_file_gives_its_message() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad-progress");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = std::fs::read_to_string(path.with_extension("json.expect")).unwrap();
        let err = read_progress_file(&text).expect_err(&name);
        let zh = file_error(&name, &err, Lang::Zh);
        assert!(zh.contains(expect.trim()), "{name}: {zh}");
        assert!(zh.starts_with(&name), "the message names the file: {zh}");
        let en = file_error(&name, &err, Lang::En);
        assert!(en.is_ascii() || en.contains(&name), "{en}");
        checked += 1;
    }
    assert!(checked >= 14, "{checked} files checked");
}

#[test]
fn a_huge_file_is_refused_before_parsing() {
    let text = format!("{{\"format\":\"minsheng-progress\",\"version\":1,\"pad\":\"{}\"}}", "x".repeat(41 * 1024 * 1024));
    let err = read_progress_file(&text).unwrap_err();
    assert!(file_error("big.json", &err, Lang::Zh).contains("过大"));
}
