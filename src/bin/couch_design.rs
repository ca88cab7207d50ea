//! `couch-design PLAN.json`: prints the CouchDB design document (`_design/minsheng`) whose
//! `validate_doc_update` enforces the plan's rules on the server: a unit writes only its own entries on
//! projects naming it, only the office writes decisions, nothing is changed once written.
//! `tools/couch-setup.mjs` installs it.

use minsheng::domain::format::read_plan_file;
use minsheng::domain::sync::design_doc;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: couch-design PLAN.json");
        return ExitCode::from(2);
    };
    let plan = match std::fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|t| read_plan_file(&t).map_err(|e| format!("{e:?}"))) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };
    println!("{}", serde_json::to_string_pretty(&design_doc(&plan)).unwrap_or_default());
    ExitCode::SUCCESS
}
