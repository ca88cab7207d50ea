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

/// A section files can be dropped on (marked while they are dragged over it): 数据交换's import and a
/// project's 佐证材料.
#[component]
pub fn DropZone(
    class: &'static str,
    /// The id of the heading that names the section (a region), if it has one.
    #[prop(optional)]
    labelled_by: Option<&'static str>,
    on_files: Callback<Vec<web_sys::File>>,
    children: Children,
) -> impl IntoView {
    let dragging = RwSignal::new(false);
    view! {
        <section
            class=class
            class:dragging=move || dragging.get()
            aria-labelledby=labelled_by
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                on_files.run(files_of(ev.data_transfer().and_then(|d| d.files())));
            }
        >
            {children()}
        </section>
    }
}
