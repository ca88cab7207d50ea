//! The packed plan file (`domain::packed`) holds exactly the plan of its JSON twin, and no bytes make
//! its reader panic or answer with anything but a plan or a `FileError`.
#![cfg(not(target_arch = "wasm32"))]

use minsheng::domain::date::Date;
use minsheng::domain::format;
use minsheng::domain::packed::{read_packed, write_packed};
use minsheng::domain::import::import_list;
use minsheng::domain::plan::{ExtraField, IndicatorKind, Plan, PlanPart, Requirement, Shared, Warning};
use minsheng::domain::synth::synthetic_plan;
use proptest::prelude::*;
use std::sync::LazyLock;

static PLAN_2024: LazyLock<Plan> = LazyLock::new(|| format::read_plan_bytes(include_bytes!("../data/plan-2024.json")).unwrap());

/// Every variant and optional field of the model at least once (the 2024 list leaves some out).
fn every_shape() -> Plan {
    let mut plan = synthetic_plan(12, 3, 2024);
    let d = |m, day| Date::new(2024, m, day).unwrap();
    let p = &mut plan.projects[0];
    p.due = None;
    p.plan_parts = vec![PlanPart { label: Some("新开工".into()), text: "3月底前开工".into() }, PlanPart { label: None, text: String::new() }];
    p.notes = vec!["实际推进时间安排以…为准".into()];
    p.extra = vec![ExtraField { label: "备注".into(), value: "含 \"引号\" 与\n换行".into() }];
    p.warnings = vec![
        Warning::NoDate { text: "a".into() },
        Warning::BeyondDue { text: "b".into(), date: d(12, 31), due: d(11, 30) },
        Warning::UnreadDue { text: "年内".into() },
        Warning::AmbiguousMeasure { text: "c".into(), values: vec!["1".into(), "2".into()], chosen: Some("2".into()) },
        Warning::AmbiguousMeasure { text: "c".into(), values: vec![], chosen: None },
        Warning::UnmatchedQuantity { text: "d".into(), quantity: "5 吨".into() },
        Warning::NoMilestoneForIndicator { indicator: "i-1".into() },
        Warning::Decreasing { indicator: "i-1".into(), text: "e".into() },
        Warning::NoPlanText,
        Warning::DueYearEnd { due: d(12, 31) },
        Warning::TargetNotNumber { indicator: "i-2".into(), text: "稳中有升".into() },
    ];
    let kinds = [IndicatorKind::Count, IndicatorKind::Level, IndicatorKind::Rate, IndicatorKind::Qualitative];
    for (i, ind) in p.indicators.iter_mut().enumerate() {
        ind.kind = kinds[i % kinds.len()];
        ind.part = Some(i);
        ind.baseline = Some(format!("上年 {i}"));
        ind.target = (i % 2 == 0).then_some(-0.0);
    }
    let requirements = [
        Requirement::AtLeast { value: 1e-9 },
        Requirement::Share { percent: 50.0 },
        Requirement::RateValue { percent: 99.5 },
        Requirement::Complete,
        Requirement::Step,
    ];
    for (k, m) in plan.projects.iter_mut().flat_map(|p| p.milestones.iter_mut()).enumerate() {
        m.requirement = requirements[k % requirements.len()].clone();
        m.start = (k % 2 == 0).then(|| Date::new(2023, 12, 1).unwrap());
        m.part = (k % 3 == 0).then_some(k);
    }
    plan
}

#[test]
fn packed_and_json_files_hold_the_same_plan() {
    for plan in [PLAN_2024.clone(), synthetic_plan(2000, 11, 2024), every_shape()] {
        let packed = write_packed(&plan);
        let json = format::write_plan_file_compact(&plan);
        assert_eq!(read_packed(&packed), Ok(plan.clone()));
        assert_eq!(format::read_plan_bytes(json.as_bytes()), Ok(plan.clone()));
        eprintln!("packed {} bytes against {} of JSON", packed.len(), json.len());
        assert!(packed.len() * 2 < json.len(), "packed {} bytes against {} of JSON", packed.len(), json.len());
    }
}

#[test]
fn a_plan_with_nothing_in_it_packs() {
    let plan = Plan { id: String::new(), year: -1, title: String::new(), categories: vec![], projects: vec![] };
    assert_eq!(read_packed(&write_packed(&plan)), Ok(plan));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Bytes changed anywhere: a plan (when the change kept it one) or a `FileError`, never a panic.
    #[test]
    fn changed_bytes_never_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = write_packed(&PLAN_2024);
        for (at, v) in flips {
            let i = at.index(bytes.len());
            bytes[i] = v;
        }
        let _ = read_packed(&bytes);
    }

    #[test]
    fn any_prefix_is_refused(cut in 0usize..4000) {
        let bytes = write_packed(&PLAN_2024);
        prop_assert!(read_packed(&bytes[..cut.min(bytes.len() - 1)]).is_err());
    }
}

#[test]
fn the_index_names_a_packed_copy_inside_data() {
    let index = |entry: &str| {
        format!(r#"{{"format":"minsheng-plan-index","version":1,"default":"a","plans":[{{"id":"a","year":2024,"title":"t",{entry}}}]}}"#)
    };
    let read = format::read_index(&index(r#""file":"plan-a.json","packed":"plan-a.bin""#)).unwrap();
    assert_eq!(read.default_entry().unwrap().packed.as_deref(), Some("plan-a.bin"));
    let bundled = format::read_index(include_str!("../data/index.json")).unwrap();
    assert_eq!(bundled.default_entry().unwrap().packed.as_deref(), Some("plan-2024.bin"));
    for bad in ["../plan.bin", "/plan.bin", "https://example.org/plan.bin"] {
        let err = format::read_index(&index(&format!(r#""file":"plan-a.json","packed":"{bad}""#))).unwrap_err();
        assert!(matches!(&err, format::FileError::Inconsistent { detail } if detail.contains(bad)), "{bad}: {err:?}");
    }
    assert!(format::read_index(&index(r#""file":"../plan-a.json""#)).is_err());
}

/// The page reads the bundled list from its packed copy (`make data` writes both files).
#[test]
fn the_bundled_packed_copy_is_the_bundled_2024_list() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/plan-2024.bin")).unwrap();
    assert_eq!(bytes, write_packed(&PLAN_2024), "run `make data` to write it again");
}

/// Each shared text of a plan (units, leaders, date phrases, milestone sentences, indicator units) as
/// (how many distinct values, how many distinct allocations hold them).
fn shared_texts(plan: &Plan) -> (usize, usize) {
    let mut values = std::collections::HashSet::new();
    let mut allocations = std::collections::HashSet::new();
    let mut see = |s: &Shared| {
        values.insert(s.as_str().to_owned());
        allocations.insert(s.as_ptr() as usize);
    };
    for p in &plan.projects {
        [&p.city_leader, &p.lead_unit, &p.lead_unit_leader, &p.co_units_text, &p.due_text].into_iter().for_each(&mut see);
        p.city_leaders.iter().chain(&p.lead_unit_leaders).chain(&p.co_units).for_each(&mut see);
        p.indicators.iter().for_each(|i| see(&i.unit));
        p.milestones.iter().for_each(|m| {
            see(&m.when);
            see(&m.text);
        });
    }
    (values.len(), allocations.len())
}

/// A text repeated across the list is held once, whichever file or table the plan came from: at 2,000
/// projects 6,669 allocations instead of 42,902 (the 2024 list: 376 instead of 1,002).
#[test]
fn every_reader_holds_a_repeated_text_once() {
    let plan = synthetic_plan(2000, 11, 2024);
    let from_packed = read_packed(&write_packed(&plan)).unwrap();
    let json = format::write_plan_file_compact(&plan);
    let from_json = format::read_plan_bytes(json.as_bytes()).unwrap();
    let mut pieces = format::PlanPieces::new();
    json.as_bytes().chunks(65_536).for_each(|piece| pieces.feed(piece));
    let from_pieces = pieces.finish().expect("a project a line").unwrap();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hangzhou-2024.txt")).unwrap();
    let imported = import_list(&text, None).unwrap().plan;
    for (name, plan) in [("packed", &from_packed), ("JSON", &from_json), ("JSON in pieces", &from_pieces), ("imported", &imported)] {
        let (values, allocations) = shared_texts(plan);
        assert_eq!(allocations, values, "{name}: {values} distinct texts in {allocations} allocations");
        let occurrences: usize = plan.projects.iter().map(|p| 5 + p.city_leaders.len() + p.lead_unit_leaders.len() + p.co_units.len() + p.indicators.len() + 2 * p.milestones.len()).sum();
        eprintln!("{name}: {occurrences} texts, {values} distinct");
        assert!(values * 2 < occurrences, "{name}: {values} distinct of {occurrences}");
    }
}

/// The index says what is wrong with it as every file does: its own format and version first, then what
/// does not fit (read in one pass, without a JSON tree).
#[test]
fn a_bad_index_says_what_it_is_before_what_does_not_fit() {
    use format::FileError;
    let plans = r#""default":"a","plans":[{"id":"a","year":2024,"title":"t","file":"plan-a.json"}]"#;
    let with = |head: &str, rest: &str| format!("{{{head}{rest}}}");
    assert!(format::read_index(&format!("\u{FEFF}{}", with(r#""format":"minsheng-plan-index","version":1,"#, plans))).is_ok());
    // Another file, even one whose other fields do not fit either.
    let err = format::read_index(&with(r#""format":"minsheng-plan","version":1,"#, r#""plans":7"#)).unwrap_err();
    assert!(matches!(&err, FileError::WrongFormat { found: Some(f), .. } if f == "minsheng-plan"), "{err:?}");
    let err = format::read_index(&with(r#""format":3,"version":1,"#, plans)).unwrap_err();
    assert!(matches!(err, FileError::WrongFormat { found: None, .. }), "{err:?}");
    // A version this app does not know, or not a version at all.
    let err = format::read_index(&with(r#""format":"minsheng-plan-index","version":2,"#, plans)).unwrap_err();
    assert!(matches!(err, FileError::NewerVersion { found: 2, supported: 1 }), "{err:?}");
    for version in [r#""1""#, "0", "-1", "1.5", "null", "[1]", r#"{"v":1}"#, "true"] {
        let err = format::read_index(&with(&format!(r#""format":"minsheng-plan-index","version":{version},"#), plans)).unwrap_err();
        assert!(matches!(err, FileError::BadVersion), "{version}: {err:?}");
    }
    // The right file, not in the shape it should have.
    let err = format::read_index(&with(r#""format":"minsheng-plan-index","version":1,"#, r#""default":"a","plans":7"#)).unwrap_err();
    assert!(matches!(&err, FileError::Shape { detail } if detail.contains("sequence")), "{err:?}");
    assert!(matches!(format::read_index("{\"format\":"), Err(FileError::NotJson { .. })));
    // Plan files read their version the same way.
    let plan = |version: &str| format!(r#"{{"format":"minsheng-plan","version":{version},"id":"a","year":2024,"title":"t","categories":[],"projects":[]}}"#);
    for version in [r#""1""#, "0", "-1", "1.5", "null", "[1]", r#"{"v":1}"#] {
        let err = format::read_plan_file(&plan(version)).unwrap_err();
        assert!(matches!(err, FileError::BadVersion), "plan {version}: {err:?}");
    }
    assert!(matches!(format::read_plan_file(&plan("2")), Err(FileError::NewerVersion { found: 2, supported: 1 })));
}
