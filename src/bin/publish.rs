//! `publish PLAN PROGRESS... --date YYYY-MM-DD --base-url URL --out DIR [--title TITLE] [--office NAME]
//! [--no-progress-text] [--lang zh|en]`: the 公开版 built from files, as 发布公开版 builds it in the
//! browser (`domain::publish`): the plan (a plan file, JSON or packed) and the progress files merged
//! (a file not exported by the office has its office records set aside, as the browser's import does),
//! the site written into DIR.

use minsheng::domain::date::Date;
use minsheng::domain::exchange::{read_progress_file, set_aside};
use minsheng::domain::flow::DEFAULT_OFFICE;
use minsheng::domain::format::read_plan_bytes;
use minsheng::domain::ledger::Ledger;
use minsheng::domain::messages::{file_error, Lang};
use minsheng::domain::packed::{is_packed, read_packed};
use minsheng::domain::publish::{self, BaseUrl, Options, UrlError};
use minsheng::domain::status::Settings;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: publish PLAN PROGRESS... --date YYYY-MM-DD --base-url URL --out DIR [--title TITLE] [--office NAME] [--no-progress-text] [--lang zh|en]";

fn fail(message: String) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(1)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut files = Vec::new();
    let (mut date, mut base, mut out, mut title, mut office) = (None, None, None, None, DEFAULT_OFFICE.to_string());
    let mut progress_text = true;
    let mut lang = Lang::Zh;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--date" => date = args.next().and_then(|d| Date::parse_iso(&d)),
            "--base-url" => base = args.next(),
            "--out" => out = args.next().map(PathBuf::from),
            "--title" => title = args.next(),
            "--office" => office = args.next().unwrap_or_default(),
            "--no-progress-text" => progress_text = false,
            "--lang" => lang = args.next().as_deref().and_then(Lang::from_code).unwrap_or(Lang::Zh),
            "-h" | "--help" => {
                eprintln!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if a.starts_with("--") => return fail(format!("{a}?\n{USAGE}")),
            _ => files.push(a),
        }
    }
    let (Some(plan_path), Some(date), Some(base), Some(out)) = (files.first().cloned(), date, base, out) else {
        return fail(USAGE.to_string());
    };
    let base_url = match BaseUrl::parse(&base) {
        Ok(b) => b,
        Err(UrlError::Empty | UrlError::NotHttp | UrlError::Malformed) => return fail(format!("--base-url {base}: {}", lang.t().publish_bad_url)),
    };
    let bytes = match std::fs::read(&plan_path) {
        Ok(b) => b,
        Err(e) => return fail(format!("{plan_path}: {e}")),
    };
    let read = if is_packed(&bytes) { read_packed(&bytes) } else { read_plan_bytes(&bytes) };
    let plan = match read {
        Ok(p) => p,
        Err(e) => return fail(file_error(&plan_path, &e, lang)),
    };
    let mut progress = Vec::new();
    for path in &files[1..] {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => return fail(format!("{path}: {e}")),
        };
        match read_progress_file(&text) {
            Ok(f) => progress.push(f),
            Err(e) => return fail(file_error(path, &e, lang)),
        }
    }
    let aside = set_aside(&mut progress, &office);
    for (i, a) in &aside {
        eprintln!("{}: {} ({})", files[i + 1], lang.t().publish_set_aside, a.id);
    }
    let mut ledger = Ledger::default();
    for f in &progress {
        ledger.merge(&f.ledger);
    }
    let options = Options { date, title: title.unwrap_or_else(|| plan.title.clone()), base_url, progress_text };
    let published = publish::publish(&plan, &ledger, &office, &Settings::default(), &options);
    let site = publish::site(&published);
    let mut bytes = 0;
    for (path, data) in &site {
        let target = out.join(path);
        if let Some(dir) = target.parent() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                return fail(format!("{}: {e}", dir.display()));
            }
        }
        if let Err(e) = std::fs::write(&target, data) {
            return fail(format!("{}: {e}", target.display()));
        }
        bytes += data.len();
    }
    eprintln!("{}: {} files, {bytes} bytes, {} projects", out.display(), site.len(), published.projects.len());
    ExitCode::SUCCESS
}
