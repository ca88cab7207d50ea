//! Inputs kept from fuzzing (`make fuzz`) and hand-made odd inputs: each must be handled without a
//! panic. A crash found by the fuzzer goes into tests/fuzz-regressions/<target>/ and stays here.
#![cfg(not(target_arch = "wasm32"))]
// Native tests sort as they like: the one-routine rule (clippy.toml) is about the wasm.
#![allow(clippy::disallowed_methods)]

use minsheng::domain::{exchange, format, import, office, table, view_state::ViewState};
use std::path::Path;

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions").join(target);
    // A folder gone missing is a failure, not a pass with nothing checked.
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut out: Vec<Vec<u8>> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).map(|p| std::fs::read(p).unwrap()).collect();
    assert!(!out.is_empty(), "{} holds no input", dir.display());
    out.sort();
    out
}

#[test]
fn list_parser_regressions() {
    let cases = inputs("list_parser");
    assert!(!cases.is_empty());
    for data in cases {
        if let Ok(text) = table::decode_text(&data) {
            let _ = import::import_list(&text, Some(2024));
        }
    }
}

#[test]
fn plan_file_regressions() {
    for data in inputs("plan_file") {
        let text = String::from_utf8_lossy(&data);
        assert!(format::read_plan_file(&text).is_err(), "odd plan files are refused");
    }
}

#[test]
fn progress_file_regressions() {
    let cases = inputs("progress_file");
    assert!(cases.len() >= 10);
    for data in cases {
        let _ = exchange::read_progress_file(&String::from_utf8_lossy(&data));
    }
}

#[test]
fn office_reader_regressions() {
    for data in inputs("office_reader") {
        assert!(office::read_office("regression.xlsx", &data).is_err(), "odd office files are refused");
    }
}

#[test]
fn url_query_regressions() {
    for data in inputs("url_query") {
        let (state, _) = ViewState::from_query(&String::from_utf8_lossy(&data));
        assert_eq!(ViewState::from_query(&state.to_query()).0, state);
    }
}
