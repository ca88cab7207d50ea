//! A plan file read in pieces (`format::PlanPieces`, how the page reads a large published list) gives
//! exactly what reading it whole gives, or leaves it to the whole read: never another answer.
#![cfg(not(target_arch = "wasm32"))]

use minsheng::domain::format::{self, FileError, PlanPieces};
use minsheng::domain::plan::Plan;
use minsheng::domain::synth::synthetic_plan;
use proptest::prelude::*;
use std::sync::LazyLock;

const PRETTY: &str = include_str!("../data/plan-2024.json");

/// The 2024 list written a project a line.
static COMPACT: LazyLock<&'static str> = LazyLock::new(|| {
    let plan = format::read_plan_bytes(PRETTY.as_bytes()).unwrap();
    Box::leak(format::write_plan_file_compact(&plan).into_boxed_str())
});

fn in_pieces(bytes: &[u8], size: usize) -> Option<Result<Plan, FileError>> {
    let mut reader = PlanPieces::new();
    for piece in bytes.chunks(size.max(1)) {
        if !reader.wants_more() {
            break;
        }
        reader.feed(piece);
    }
    reader.finish()
}

#[test]
fn a_compact_plan_reads_in_pieces_of_any_size_as_whole() {
    for plan in [format::read_plan_bytes(PRETTY.as_bytes()).unwrap(), synthetic_plan(600, 7, 2024)] {
        let text = format::write_plan_file_compact(&plan);
        assert_eq!(text.lines().count(), plan.projects.len() + 2, "a line for the plan, one a project, one to close");
        assert_eq!(format::read_plan_bytes(text.as_bytes()), Ok(plan.clone()), "still the v1 plan file");
        for size in [1, 2, 3, 64, 1000, 4096, 1 << 20, text.len()] {
            assert_eq!(in_pieces(text.as_bytes(), size), Some(Ok(plan.clone())), "pieces of {size} bytes");
        }
        // Windows line ends and a byte-order mark read the same.
        let crlf = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
        assert_eq!(in_pieces(crlf.as_bytes(), 777), Some(Ok(plan.clone())));
    }
    let empty = Plan { projects: Vec::new(), ..synthetic_plan(1, 1, 2024) };
    let text = format::write_plan_file_compact(&empty);
    assert_eq!(format::read_plan_bytes(text.as_bytes()), Ok(empty));
}

#[test]
fn other_layouts_and_broken_lines_are_left_to_the_whole_read() {
    // Indented (the published 2024 file), or on one line: read whole.
    assert_eq!(in_pieces(PRETTY.as_bytes(), 4096), None);
    let plan = format::read_plan_bytes(PRETTY.as_bytes()).unwrap();
    assert_eq!(in_pieces(format::write_plan_file(&plan).replace('\n', "").as_bytes(), 4096), None);
    let text = *COMPACT;
    let second = text.match_indices("\n{").nth(1).unwrap().0;
    let cases = [
        // A comma missing between two projects, one too many before the end, a project cut short,
        // the closing bracket missing, something after it.
        format!("{}\n{}", &text[..second - 1], &text[second + 1..]),
        text.replacen("\n]}", ",\n]}", 1),
        text.replacen("\"seq\":2,", "\"seq\":", 1),
        text.trim_end_matches("]}").to_string(),
        format!("{text}\nx"),
    ];
    for (i, broken) in cases.iter().enumerate() {
        assert!(format::read_plan_bytes(broken.as_bytes()).is_err(), "case {i} is no plan file");
        assert_eq!(in_pieces(broken.as_bytes(), 500), None, "case {i}");
    }
    // A file of a newer version, laid out a project a line: the same refusal as read whole.
    let newer = text.replacen("\"version\":1", "\"version\":99", 1);
    assert_eq!(in_pieces(newer.as_bytes(), 500), Some(format::read_plan_bytes(newer.as_bytes())));
    assert!(matches!(in_pieces(newer.as_bytes(), 500), Some(Err(FileError::NewerVersion { found: 99, .. }))));
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Whatever a few changed bytes do to the file, the pieces give the whole read's answer or none.
    #[test]
    fn pieces_never_answer_otherwise_than_the_whole_read(
        edits in proptest::collection::vec((0usize..COMPACT.len(), any::<u8>()), 1..4),
        size in 1usize..6000,
    ) {
        let mut bytes = COMPACT.as_bytes().to_vec();
        for (i, b) in edits {
            bytes[i] = b;
        }
        if let Some(answer) = in_pieces(&bytes, size) {
            prop_assert_eq!(answer, format::read_plan_bytes(&bytes));
        }
    }
}
