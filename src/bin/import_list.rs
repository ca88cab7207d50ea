//! `import-list FILE [--year YYYY] [--lang zh|en]`: reads a responsibility-list table (tab-separated
//! as pasted from the official document, or CSV) and writes the plan file (JSON) to standard output.
//! Problems go to standard error; a file that holds no usable table exits with status 1.

use minsheng::domain::format::write_plan_file;
use minsheng::domain::import::import_list;
use minsheng::domain::messages::{import_error, table_error, table_problem, Lang};
use minsheng::domain::table::decode_text;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("用法 / usage: import-list FILE [--year YYYY] [--lang zh|en]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut file = None;
    let mut year = None;
    let mut lang = Lang::Zh;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--year" => match args.next().and_then(|y| y.parse().ok()) {
                Some(y) => year = Some(y),
                None => return usage(),
            },
            "--lang" => match args.next().as_deref().and_then(Lang::from_code) {
                Some(l) => lang = l,
                None => return usage(),
            },
            "-h" | "--help" => return usage(),
            _ if file.is_none() => file = Some(arg),
            _ => return usage(),
        }
    }
    let Some(file) = file else { return usage() };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", (lang.t().cli_cannot_read)(&file, &e.to_string()));
            return ExitCode::from(1);
        }
    };
    let text = match decode_text(&bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {}", table_error(&e, lang));
            return ExitCode::from(1);
        }
    };
    match import_list(&text, year) {
        Ok(imported) => {
            for p in &imported.problems {
                eprintln!("{file}: {}", table_problem(p, lang));
            }
            let plan = &imported.plan;
            let warnings: usize = plan.projects.iter().map(|p| p.warnings.len()).sum();
            eprintln!("{}", (lang.t().cli_summary)(&file, plan.categories.len(), plan.projects.len(), warnings));
            println!("{}", write_plan_file(plan));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{file}: {}", import_error(&e, lang));
            ExitCode::from(1)
        }
    }
}
