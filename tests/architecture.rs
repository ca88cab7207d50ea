//! Invariants of the layout (ARCHITECTURE.md): the pure core knows nothing of the browser.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_imports_no_browser_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("domain"), &mut files);
    rust_files(&root.join("i18n"), &mut files);
    assert!(files.len() > 10);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for banned in ["leptos::", "use leptos", "web_sys", "wasm_bindgen", "js_sys", "gloo_"] {
            assert!(!text.contains(banned), "{} uses {banned}", file.display());
        }
    }
}

/// Code before the first `#[cfg(test)]`, without comments: what a file itself does.
fn code_of(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .map(|l| match l.find("//") {
            // A "//" inside a string ("http://") is rare in this code base; comments start a line or
            // follow code after a space.
            Some(i) if l[..i].trim().is_empty() || l[..i].ends_with(' ') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
}

/// The module a file belongs to ("domain::ledger" for src/domain/ledger.rs and src/domain/ledger/tests.rs).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
    match parts.as_slice() {
        [top, module] if module != "mod" => Some(format!("{top}::{module}")),
        [top, module, ..] => Some(format!("{top}::{module}")),
        _ => None,
    }
}

/// No module of the core or the views imports, through any chain, a module that imports it back.
#[test]
fn no_import_circle_in_src() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join("domain"), &mut files);
    rust_files(&src.join("ui"), &mut files);
    let mut edges: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
    for file in files.iter().filter(|f| !f.ends_with("tests.rs")) {
        let Some(module) = module_of(&src, file) else { continue };
        let top = module.split("::").next().unwrap().to_string();
        let nested = file.parent() != Some(src.join(&top).as_path());
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for (prefix, base) in [("crate::domain::", "domain"), ("crate::ui::", "ui"), ("super::", top.as_str())] {
            // `super::` in a file nested below its module (src/domain/semantics/when.rs) stays inside it.
            if prefix == "super::" && nested {
                continue;
            }
            for (i, _) in code.match_indices(prefix) {
                let name: String = code[i + prefix.len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                let target = format!("{base}::{name}");
                if !name.is_empty() && target != module && files.iter().any(|f| module_of(&src, f).as_deref() == Some(target.as_str())) {
                    edges.entry(module.clone()).or_default().insert(target);
                }
            }
        }
    }
    assert!(edges.len() > 20, "{} modules with imports", edges.len());
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        edges: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        state: &mut std::collections::BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(1) => return Some(path.iter().skip_while(|p| *p != n).cloned().chain([n.to_string()]).collect()),
            Some(2) => return None,
            _ => {}
        }
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(cycle) = visit(m, edges, state, path) {
                return Some(cycle);
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = Default::default();
    for n in edges.keys() {
        if let Some(cycle) = visit(n, &edges, &mut state, &mut Vec::new()) {
            panic!("import circle: {}", cycle.join(" → "));
        }
    }
}

/// One way to put words on screen: the tables of `src/i18n`. Views write no words of their own, and
/// nothing outside `src/i18n` chooses between languages.
#[test]
fn words_come_from_the_language_tables() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut views = Vec::new();
    rust_files(&src.join("ui"), &mut views);
    assert!(views.len() > 20);
    for file in &views {
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for (n, line) in code.lines().enumerate() {
            assert!(!has_cjk(line), "{}:{}: words belong in src/i18n: {line}", file.display(), n + 1);
        }
    }
    let mut all = Vec::new();
    rust_files(&src, &mut all);
    for file in all.iter().filter(|f| !f.starts_with(src.join("i18n"))) {
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for banned in [".pick(", "Lang::Zh =>", "Lang::En =>", "fill(t."] {
            assert!(!code.contains(banned), "{} chooses words itself ({banned}): use src/i18n", file.display());
        }
    }
    // The English table has no Chinese but where it names Chinese things: the language switch and
    // examples of what a Chinese list says.
    let en = std::fs::read_to_string(src.join("i18n/en.rs")).unwrap();
    let allowed = ["lang_switch", "no_year", "no_category", "default_office"];
    for line in en.lines().filter(|l| has_cjk(l)) {
        assert!(allowed.iter().any(|a| line.trim_start().starts_with(a)), "Chinese in the English table: {line}");
    }
}

/// Markup as text reaches the page through one door, `ui/shared/markup.rs` (fed by builders that escape
/// every text they write); no view sets `innerHTML` itself.
#[test]
fn views_never_set_inner_html() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"), &mut files);
    let door = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/shared/markup.rs");
    assert!(files.contains(&door));
    for file in files.iter().filter(|f| **f != door) {
        let text = std::fs::read_to_string(file).unwrap();
        for banned in ["inner_html=", "set_inner_html", "inner_html(", "outer_html"] {
            assert!(!text.contains(banned), "{} uses {banned}", file.display());
        }
    }
    let door = std::fs::read_to_string(door).unwrap();
    assert_eq!(door.matches("set_inner_html").count(), 2, "markup.rs: the directives' two writes only");
    assert!(!door.contains("inner_html="));
}

/// The status palette is defined once (`domain/palette.rs`): the CSS tokens must equal it, and the
/// component styles use the tokens rather than repeating the colours.
#[test]
fn css_status_tokens_equal_the_palette() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("style");
    let main = std::fs::read_to_string(dir.join("main.css")).unwrap();
    let tokens = minsheng::domain::palette::css_tokens();
    assert!(tokens.len() >= 15);
    for (name, rgb) in &tokens {
        let decl = format!("{name}: {};", rgb.hex());
        assert!(main.contains(&decl), "style/main.css must declare `{decl}` (src/domain/palette.rs)");
    }
    let status_hexes: Vec<String> = minsheng::domain::status::Light::ALL
        .iter()
        .flat_map(|l| {
            let c = minsheng::domain::palette::light(*l);
            [c.mark.hex(), c.text.hex(), c.dark.hex()]
        })
        .collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == "main.css") {
            continue;
        }
        let css = std::fs::read_to_string(&path).unwrap().to_lowercase();
        for hex in &status_hexes {
            assert!(!css.contains(hex.as_str()), "{} repeats the status colour {hex}: use the --st-* token", path.display());
        }
    }
}

/// Every module of the core says at its top what it must not know (ARCHITECTURE.md, "Invariants").
#[test]
fn every_core_module_states_its_invariant() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // Every file of the core, nested ones included; test files say what they test, not an invariant.
    let mut files = Vec::new();
    rust_files(&src.join("domain"), &mut files);
    files.retain(|f| !f.ends_with("tests.rs") && !f.components().any(|c| c.as_os_str() == "tests"));
    assert!(files.iter().any(|f| f.ends_with("domain/semantics/when.rs")) && files.iter().any(|f| f.ends_with("domain/office/xlsx.rs")));
    files.push(src.join("i18n/mod.rs"));
    assert!(files.len() > 25);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let doc: String = text.lines().take_while(|l| l.starts_with("//!")).collect::<Vec<_>>().join("\n");
        assert!(doc.contains("Invariant:"), "{} has no `Invariant:` note in its module doc", file.display());
    }
}

/// The views another view may import (ARCHITECTURE.md, `src/ui/`): every other pair of views stays
/// apart, so that a view can be read, tested and cut into a chunk on its own.
#[test]
fn views_import_only_the_views_named() {
    // Modules every view may use: the state, side effects, shared pieces.
    const COMMON: &[&str] = &[
        "actions", "download", "env", "evidence", "fetch", "idb", "lazy", "markup", "offline", "shared", "signing", "state", "storage", "svg_nodes", "url", "worker",
    ];
    const ALLOWED: &[(&str, &[&str])] = &[
        ("app", &["filter_bar", "header", "list", "loading", "nav", "notices", "present", "sync"]),
        (
            "lazy",
            &[
                "bulletin", "changes", "dashboard", "detail", "exchange", "flow", "grid", "import_list", "loading", "matters", "present",
                "submissions", "supervision", "sync_view", "timeline",
            ],
        ),
        ("detail", &["entry_form", "flow", "history"]),
        ("grid", &["flow"]),
        ("dashboard", &["chart"]),
        ("exchange", &["xlsx_export"]),
        ("header", &["present"]),
        ("sync_view", &["sync"]),
    ];
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = Vec::new();
    rust_files(&ui, &mut files);
    let mut seen = 0;
    for file in files {
        let rel = file.strip_prefix(&ui).unwrap();
        let view = rel.iter().next().unwrap().to_string_lossy().trim_end_matches(".rs").to_string();
        if view == "mod" || COMMON.contains(&view.as_str()) {
            continue;
        }
        // A file nested in a view's folder reaches the others through `super::super::` (its folder's
        // `mod.rs` through `super::`, as a top-level file does).
        let nested = rel.components().count() > 1 && !rel.ends_with("mod.rs");
        let prefix = if nested { "super::super::" } else { "super::" };
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for (i, _) in code.match_indices(prefix).chain(code.match_indices("crate::ui::")) {
            let at = i + if code[i..].starts_with("crate::ui::") { "crate::ui::".len() } else { prefix.len() };
            let name: String = code[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if name.is_empty() || name == "super" || name == view || COMMON.contains(&name.as_str()) {
                continue;
            }

            seen += 1;
            let allowed = ALLOWED.iter().find(|(v, _)| *v == view).is_some_and(|(_, to)| to.contains(&name.as_str()));
            assert!(allowed, "src/ui/{} imports the view `{name}`: name it in ARCHITECTURE.md and in this test, or move what they share to `shared/`", rel.display());
        }
    }
    assert!(seen > 10, "the views' imports were found ({seen})");
}

/// Markup reaches a page only as `domain::markup::Markup`: every `markup!` template names each of its
/// placeholders among its arguments (a variable captured from around the call would go in unescaped),
/// `Markup::from_template` is the macro's alone, and no view makes an `Svg` of its own text.
#[test]
fn markup_is_made_only_by_escaping() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut calls = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file.strip_prefix(&src).unwrap().display().to_string();
        if name != "domain/markup.rs" {
            assert!(!text.contains("from_template"), "{name} makes Markup without escaping");
        }
        if name.starts_with("ui") {
            assert!(!text.contains("Svg {"), "{name} makes an Svg of its own text: markup from the core only");
        }
        for (at, _) in text.match_indices("markup!(") {
            if name == "domain/markup.rs" && text[..at].ends_with("macro_rules! ") {
                continue;
            }
            let call = &text[at + "markup!(".len()..];
            // The template: a raw string r#"…"# or a plain "…".
            let (template, rest) = if let Some(raw) = call.trim_start().strip_prefix("r#\"") {
                let end = raw.find("\"#").expect("a closed raw string");
                (&raw[..end], &raw[end + 2..])
            } else {
                let plain = call.trim_start().strip_prefix('"').unwrap_or_else(|| panic!("{name}: markup! takes a literal template"));
                let end = plain.find('"').expect("a closed string");
                (&plain[..end], &plain[end + 1..])
            };
            // The arguments run to the call's closing parenthesis.
            let mut depth = 1;
            let args_end = rest.char_indices().find(|(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            });
            let args = &rest[..args_end.map_or(rest.len(), |(i, _)| i)];
            for placeholder in template.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(p, _)| p.split(':').next().unwrap_or("")) {
                assert!(!placeholder.is_empty(), "{name}: a positional {{}} in markup!: name it");
                assert!(args.contains(&format!("{placeholder} =")), "{name}: markup! placeholder {{{placeholder}}} is not one of its arguments");
            }
            calls += 1;
        }
    }
    assert!(calls > 10, "markup! calls found: {calls}");
}
