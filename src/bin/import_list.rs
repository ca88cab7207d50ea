//! `import-list FILE [--year YYYY] [--lang zh|en] [--sheet NAME|N] [--map 列名=字段]... [--lines] [--packed OUT]`: reads a
//! responsibility list (text as pasted from the official document, .tsv/.csv, an Excel workbook or a
//! Word document) and writes the plan file (JSON) to standard output. The column mapping it used, and
//! every problem, go to standard error; a file that holds no usable list exits with status 1.
//!
//! `--map` corrects the guessed meaning of a column (repeatable): `--map 单位=牵头单位`,
//! `--map 备注=不导入`; the field may be its Chinese name or its code (`lead_unit`, `ignore`).
//! `--lines` writes the file without indentation, a project a line: the page reads such a file a
//! megabyte at a time instead of holding its whole text (for lists of thousands of projects).
//! `--packed OUT` also writes the plan packed (`domain::packed`, a third of the JSON, read three times
//! faster) to OUT; name it as `packed` beside `file` in `data/index.json`.

use minsheng::domain::format::{write_plan_file, write_plan_file_compact};
use minsheng::domain::import::import_sheet;
use minsheng::domain::packed::write_packed;
use minsheng::domain::messages::{basis_name, import_error, role_name, source_error, table_error, table_problem, Lang};
use minsheng::domain::office::{read_office, sniff, Format};
use minsheng::domain::table::{decode_text, guess_or_why, Basis, has_header, parse_map_arg, text_sheet, MapError, Sheet};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("用法 / usage: import-list FILE [--year YYYY] [--lang zh|en] [--sheet NAME|N] [--map 列名=字段]... [--lines] [--packed OUT]");
    ExitCode::from(2)
}

fn fail(message: String) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(1)
}

fn main() -> ExitCode {
    let mut file = None;
    let mut year = None;
    let mut lang = Lang::Zh;
    let mut sheet_arg: Option<String> = None;
    let mut maps: Vec<String> = Vec::new();
    let mut lines = false;
    let mut packed: Option<String> = None;
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
            "--sheet" => match args.next() {
                Some(s) => sheet_arg = Some(s),
                None => return usage(),
            },
            "--map" => match args.next() {
                Some(m) => maps.push(m),
                None => return usage(),
            },
            "--lines" => lines = true,
            "--packed" => match args.next() {
                Some(out) => packed = Some(out),
                None => return usage(),
            },
            "-h" | "--help" => return usage(),
            _ if file.is_none() => file = Some(arg),
            _ => return usage(),
        }
    }
    let Some(file) = file else { return usage() };
    let t = lang.t();
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => return fail((t.cli_cannot_read)(&file, &e.to_string())),
    };
    let sheets: Vec<Sheet> = match sniff(&bytes) {
        Format::Text => match decode_text(&bytes).and_then(|text| text_sheet(&text)) {
            Ok(sheet) => vec![sheet],
            Err(e) => return fail(format!("{file}: {}", table_error(&e, lang))),
        },
        _ => match read_office(&file, &bytes) {
            Ok(sheets) => sheets,
            Err(e) => return fail(format!("{file}: {}", source_error(&e, lang))),
        },
    };
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let chosen = match &sheet_arg {
        Some(arg) => {
            let by_name = sheets.iter().position(|s| &s.name == arg);
            let by_number = arg.parse::<usize>().ok().filter(|n| (1..=sheets.len()).contains(n)).map(|n| n - 1);
            match by_name.or(by_number) {
                Some(i) => i,
                None => return fail(format!("{file}: {}", (t.cli_no_sheet)(arg, &names.join(t.list_sep)))),
            }
        }
        // The first sheet whose header names the project column.
        None => sheets.iter().position(has_header).unwrap_or(0),
    };
    let sheet = &sheets[chosen];
    if sheets.len() > 1 {
        eprintln!("{file}: {}", (t.cli_sheet)(&sheet.name));
    }
    let mut mapping = match guess_or_why(sheet) {
        Ok(m) => m,
        Err(e) => return fail(format!("{file}: {}", table_error(&e, lang))),
    };
    for arg in &maps {
        let result = parse_map_arg(arg).and_then(|(header, role)| mapping.set_by_header(&header, role));
        match result {
            Ok(()) => {}
            Err(MapError::NoSuchField { .. }) => return fail((t.cli_bad_map)(arg)),
            Err(MapError::NoSuchColumn { header, columns }) => {
                return fail(format!("{file}: {}", (t.cli_no_such_column)(&header, &columns.join(t.list_sep))))
            }
        }
    }
    let described: Vec<String> = mapping
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let header = if c.header.is_empty() { (t.column_n)(i + 1) } else { c.header.clone() };
            match c.basis {
                // A guess made from the cells, not the header: say so, for the person to check.
                Basis::Content | Basis::Length => format!("{header}→{}（{}）", role_name(c.role, lang), basis_name(c.basis, lang)),
                _ => format!("{header}→{}", role_name(c.role, lang)),
            }
        })
        .collect();
    eprintln!("{file}: {}", (t.cli_mapping)(&described.join(t.list_sep)));
    match import_sheet(sheet, &mapping, year) {
        Ok(imported) => {
            for p in &imported.problems {
                eprintln!("{file}: {}", table_problem(p, lang));
            }
            let plan = &imported.plan;
            let warnings: usize = plan.projects.iter().map(|p| p.warnings.len()).sum();
            eprintln!("{}", (t.cli_summary)(&file, plan.categories.len(), plan.projects.len(), warnings));
            if let Some(out) = &packed {
                if let Err(e) = std::fs::write(out, write_packed(plan)) {
                    return fail(format!("{out}: {e}"));
                }
            }
            println!("{}", if lines { write_plan_file_compact(plan) } else { write_plan_file(plan) });
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{file}: {}", import_error(&e, lang))),
    }
}
