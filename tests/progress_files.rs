//! A corpus of bad progress files: each is refused with exactly the message in its `.expect` file, in
//! both languages (the first line Chinese, the second English), naming the file and the problem.
#![cfg(not(target_arch = "wasm32"))]
// Native tests sort as they like: the one-routine rule (clippy.toml) is about the wasm.
#![allow(clippy::disallowed_methods)]

use minsheng::domain::exchange::read_progress_file;
use minsheng::domain::messages::{file_error, Lang};

#[test]
fn every_bad_file_gives_its_message() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad-progress");
    let mut checked = 0;
    let mut names: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in names {
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = std::fs::read_to_string(path.with_extension("json.expect")).unwrap();
        let err = read_progress_file(&text).expect_err(&name);
        let got = format!("{}\n{}\n", file_error(&name, &err, Lang::Zh), file_error(&name, &err, Lang::En));
        // A changed wording is reviewed, then written with BLESS=1.
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(path.with_extension("json.expect"), &got).unwrap();
        } else {
            assert_eq!(got, expect, "{name}");
        }
        checked += 1;
    }
    assert_eq!(checked, 19, "every file of the corpus is checked");
}

#[test]
fn a_huge_file_is_refused_before_parsing() {
    let text = format!("{{\"format\":\"minsheng-progress\",\"version\":1,\"pad\":\"{}\"}}", "x".repeat(41 * 1024 * 1024));
    let err = read_progress_file(&text).unwrap_err();
    assert_eq!(file_error("big.json", &err, Lang::Zh), "big.json：文件过大（43.0 MB，上限 41 MB），未读取。");
    assert_eq!(file_error("big.json", &err, Lang::En), "big.json: the file is too large (43.0 MB, limit 41 MB) and was not read.");
}
