//! The browser app's entry point: only mounts (everything else is in the library).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(minsheng::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("minsheng is the browser app: build it with `make dist` or run `make serve`.");
    eprintln!("For the command-line importer see `cargo run --release --bin import-list -- FILE`.");
    std::process::exit(2);
}
