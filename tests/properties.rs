//! Property tests over the untrusted inputs: files and pasted text are read or refused, never a
//! panic. `make fuzz` runs these with many more cases (PROPTEST_CASES) besides the cargo-fuzz targets.
#![cfg(not(target_arch = "wasm32"))]

use minsheng::domain::{exchange, format, import};
use proptest::prelude::*;

const PLAN: &str = include_str!("../data/plan-2024.json");
const PROGRESS: &str = include_str!("fixtures/progress-v1.json");
const SEED: &str = include_str!("fixtures/hangzhou-2024.txt");

/// A valid file with a few bytes changed: the inputs most likely to reach deep code.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    proptest::collection::vec((0usize..base.len(), any::<u8>()), 1..6).prop_map(move |edits| {
        let mut bytes = base.as_bytes().to_vec();
        for (i, b) in edits {
            bytes[i] = b;
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// 64 cases in `make test`; `make fuzz` raises it through PROPTEST_CASES.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn plan_files_never_panic(text in mutated(PLAN)) {
        let _ = format::read_plan_file(&text);
    }

    #[test]
    fn progress_files_never_panic(text in mutated(PROGRESS)) {
        let _ = exchange::read_progress_file(&text);
    }

    #[test]
    fn pasted_tables_never_panic(text in mutated(SEED)) {
        let _ = import::import_list(&text, Some(2024));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let _ = format::read_plan_file(&text);
        let _ = exchange::read_progress_file(&text);
        let _ = import::import_list(&text, None);
    }
}
