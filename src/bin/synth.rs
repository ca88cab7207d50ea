//! `synth N SEED OUTDIR`: writes a synthetic published dataset for benchmarks — OUTDIR/index.json,
//! OUTDIR/plan-synth.json with its packed copy OUTDIR/plan-synth.bin, and OUTDIR/progress-synth.json
//! (a progress file to import).

use minsheng::domain::date::Date;
use minsheng::domain::exchange::{write_progress_file, PlanRef};
use minsheng::domain::format::{write_plan_file_compact, PlanIndex, PlanIndexEntry, INDEX_FORMAT};
use minsheng::domain::packed::write_packed;
use minsheng::domain::synth::{synthetic_ledger, synthetic_plan};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(seed), Some(dir)) = (args.first().and_then(|a| a.parse::<usize>().ok()), args.get(1).and_then(|a| a.parse::<u64>().ok()), args.get(2)) else {
        eprintln!("usage: synth N SEED OUTDIR");
        return ExitCode::from(2);
    };
    let plan = synthetic_plan(n, seed, 2024);
    let ledger = synthetic_ledger(&plan, seed, Date::new(2024, 9, 30).expect("valid date"));
    let index = PlanIndex {
        format: INDEX_FORMAT.to_string(),
        version: 1,
        default: plan.id.clone(),
        plans: vec![PlanIndexEntry { id: plan.id.clone(), year: plan.year, title: plan.title.clone(), file: "plan-synth.json".into(), packed: Some("plan-synth.bin".into()), sync: None }],
    };
    let write = |name: &str, text: String| std::fs::write(std::path::Path::new(dir).join(name), text);
    let result = std::fs::create_dir_all(dir)
        .and_then(|_| write("index.json", serde_json::to_string_pretty(&index).unwrap_or_default()))
        .and_then(|_| write("plan-synth.json", write_plan_file_compact(&plan)))
        .and_then(|_| std::fs::write(std::path::Path::new(dir).join("plan-synth.bin"), write_packed(&plan)))
        .and_then(|_| write("progress-synth.json", write_progress_file(&PlanRef::of(&plan), &ledger, "2024-10-01T00:00:00.000Z", None)));
    match result {
        Ok(()) => {
            eprintln!("{dir}: {} projects, {} entries", plan.projects.len(), ledger.entries.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{dir}: {e}");
            ExitCode::from(1)
        }
    }
}
