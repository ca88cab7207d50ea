//! A button that opens the browser's file chooser for one or more files.

use super::super::download::files_of;
use leptos::prelude::*;

/// A button that opens the browser's file chooser (the input itself is hidden but labelled, so tests
/// and assistive technology can still reach it) and hands the chosen files over.
#[component]
pub fn FilePicker(
    accept: &'static str,
    #[prop(optional)] multiple: bool,
    /// The accessible name of the file input.
    input_label: &'static str,
    /// The button's text.
    button_label: &'static str,
    #[prop(optional)] primary: bool,
    on_files: Callback<Vec<web_sys::File>>,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    view! {
        <input
            type="file"
            accept=accept
            multiple=multiple
            class="visually-hidden"
            node_ref=input
            aria-label=input_label
            on:change=move |ev| {
                let target: web_sys::HtmlInputElement = event_target(&ev);
                on_files.run(files_of(target.files()));
                // The same file chosen again must fire again.
                target.set_value("");
            }
        />
        <button class=if primary { "button primary" } else { "button" } on:click=move |_| {
            if let Some(i) = input.get_untracked() {
                i.click();
            }
        }>{button_label}</button>
    }
}
