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
    files.push(root.join("i18n.rs"));
    assert!(files.len() > 10);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for banned in ["leptos::", "use leptos", "web_sys", "wasm_bindgen", "js_sys", "gloo_"] {
            assert!(!text.contains(banned), "{} uses {banned}", file.display());
        }
    }
}

#[test]
fn views_never_set_inner_html() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for banned in ["inner_html=", "set_inner_html", "inner_html(", "outer_html"] {
            assert!(!text.contains(banned), "{} uses {banned}", file.display());
        }
    }
}
