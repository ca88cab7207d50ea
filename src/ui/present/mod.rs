//! 汇报模式: full-screen slides for meetings, driven by keyboard or a presentation clicker
//! (→/←, PageDown/PageUp, Space, Home/End; Esc leaves), with optional auto-advance paused by any key,
//! a light and a dark theme, and a 'laser' that enlarges a clicked row with its full plan text.
//! The slide list is `domain::slides`; the URL holds the slide so a prepared link opens straight in.

use super::state::{ctx, Ctx};
use crate::domain::changes::changes;
use crate::domain::matters::open_matters;
use crate::domain::slides::{slide_key, slides, Extras, SlideKey};
use crate::domain::status::rank_units;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;
use slide::SlideView;

mod changes;
mod matters;
mod outcomes;
mod overview;
mod photos;
mod projects;
mod ranking;
mod slide;
mod timeline;

fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
    })
}

/// Starts presenting: full screen when the browser allows it (the overlay covers the window anyway).
pub fn enter(c: Ctx) {
    c.update_view(|v| {
        v.present = true;
        v.slide = 0;
    });
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.request_fullscreen();
    }
}

fn leave(c: Ctx) {
    c.update_view(|v| v.present = false);
    // Leaving also stops auto-advance (the presenter's cleanup clears its timer).
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        if d.fullscreen_element().is_some() {
            d.exit_fullscreen();
        }
    }
}

/// `F` or `P` anywhere outside a text field starts presentation mode, unless a view took the key (审核's
/// queue passes a report with `P`).
pub fn install_shortcut(c: Ctx) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if c.view.with_untracked(|v| v.present) || ev.default_prevented() || typing(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        if matches!(ev.key().as_str(), "f" | "F" | "p" | "P") {
            ev.prevent_default();
            enter(c);
        }
    });
    on_cleanup(move || handle.remove());
}

#[component]
pub fn Presenter() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let ranks = Memo::new(move |_| {
        let plan = c.plan.get();
        c.statuses.with(|s| c.rows.with(|rows| rank_units(&plan, s, rows)))
    });
    let moved = Memo::new(move |_| c.previous.with(|before| c.statuses.with(|after| c.rows.with(|rows| changes(&before.all(), after, rows)))));
    let matters = Memo::new(move |_| {
        let plan = c.plan.get();
        c.ledger_view.with(|v| c.rows.with(|rows| open_matters(&plan, v, rows, c.report_date.get())))
    });
    // Projects with site photos (佐证材料 that are images), by index.
    let photo_projects = Memo::new(move |_| {
        let ids: std::collections::HashSet<String> = c.with_evidence(|l| {
            l.evidence
                .values()
                .filter(|v| v.get("mime").and_then(|m| m.as_str()).is_some_and(|m| m.starts_with("image/")))
                .filter_map(|v| v.get("project").and_then(|p| p.as_str()).map(str::to_string))
                .collect()
        });
        c.baseline.with(|p| p.projects.iter().enumerate().filter(|(_, x)| ids.contains(&x.id)).map(|(i, _)| i).collect::<Vec<usize>>())
    });
    let deck = Memo::new(move |_| {
        let plan = c.plan.get();
        let n = ranks.with(Vec::len);
        let extras = Extras {
            changed: moved.with(|m| m.iter().map(|x| x.project).collect()),
            matters_per_leader: matters.with(|g| g.iter().map(|x| x.matters.len()).collect()),
            photos: photo_projects.get(),
        };
        c.statuses.with(|s| c.rows.with(|rows| slides(&plan, s, rows, n, &extras)))
    });
    let total = Memo::new(move |_| deck.with(Vec::len));
    let index = Memo::new(move |_| c.view.with(|v| v.slide).min(total.get().saturating_sub(1)));
    let go = move |i: usize| {
        let n = total.get_untracked();
        c.update_view(|v| v.slide = i.min(n.saturating_sub(1)));
    };
    let auto = RwSignal::new(0u32);
    let laser = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        let _ = index.get();
        laser.set(None);
    });

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if typing(&ev) || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        // Enter and Space on a focused control (‹, 深色, 退出, a row) activate it, not the next slide.
        let on_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "BUTTON" | "A" | "SELECT" | "TR"));
        if on_control && matches!(ev.key().as_str(), " " | "Enter") {
            return;
        }
        // Any key pauses auto-advance.
        auto.set(0);
        let i = index.get_untracked();
        let Some(action) = slide_key(&ev.key()) else { return };
        ev.prevent_default();
        match action {
            SlideKey::Next => go(i + 1),
            SlideKey::Previous => go(i.saturating_sub(1)),
            SlideKey::First => go(0),
            SlideKey::Last => go(usize::MAX),
            SlideKey::Leave if laser.get_untracked().is_some() => laser.set(None),
            SlideKey::Leave => leave(c),
        }
    });
    // Leaving full screen with the browser's own Esc also leaves the mode.
    let fs = window_event_listener_untyped("fullscreenchange", move |_| {
        let full = web_sys::window().and_then(|w| w.document()).and_then(|d| d.fullscreen_element()).is_some();
        if !full && c.view.with_untracked(|v| v.present) {
            c.update_view(|v| v.present = false);
        }
    });
    on_cleanup(move || {
        keys.remove();
        fs.remove();
    });
    // One interval at a time, cleared when the setting changes and when the presentation closes (a
    // tick after that would read disposed state).
    let timer = StoredValue::new(None::<IntervalHandle>);
    let stop_timer = move || {
        if let Some(h) = timer.try_update_value(|t| t.take()).flatten() {
            h.clear();
        }
    };
    Effect::new(move |_| {
        let secs = auto.get();
        stop_timer();
        if secs > 0 {
            let handle = set_interval_with_handle(
                move || {
                    let (Some(i), Some(n)) = (index.try_get_untracked(), total.try_get_untracked()) else { return };
                    if i + 1 >= n {
                        auto.set(0);
                    } else {
                        go(i + 1);
                    }
                },
                Duration::from_secs(u64::from(secs)),
            );
            timer.set_value(handle.ok());
        }
    });
    on_cleanup(stop_timer);
    // Focus moves into the dialog when it opens and back where it was when it closes.
    let dialog = NodeRef::<leptos::html::Div>::new();
    let before: Option<web_sys::HtmlElement> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let before = StoredValue::new_local(before);
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            let _ = el.focus();
        }
    });
    on_cleanup(move || {
        if let Some(el) = before.try_update_value(|b| b.take()).flatten() {
            let _ = el.focus();
        }
    });

    view! {
        <div class="present" class:dark=move || c.view.with(|v| v.dark) role="dialog" aria-modal="true" aria-label=t.present tabindex="-1" node_ref=dialog>
            <div class="slide" aria-live="polite" aria-roledescription=t.slide>
                {move || deck.with(|d| d.get(index.get()).cloned()).map(|s| view! { <SlideView slide=s ranks moved matters laser /> })}
            </div>
            <footer class="present-bar">
                <span class="present-title">{move || c.plan.with(|p| p.title.clone())}" · "{t.report_date}" "{move || c.report_date.get().to_string()}</span>
                <span class="grow"></span>
                <button class="button ghost" aria-label=t.prev_slide on:click=move |_| go(index.get_untracked().saturating_sub(1))>"‹"</button>
                <span class="slide-number num" role="status">{move || format!("{} / {}", index.get() + 1, total.get())}</span>
                <button class="button ghost" aria-label=t.next_slide on:click=move |_| go(index.get_untracked() + 1)>"›"</button>
                <label class="field inline">
                    <span class="field-label">{t.auto_advance}</span>
                    <select aria-label=t.auto_advance prop:value=move || auto.get().to_string()
                        on:change=move |ev| auto.set(event_target_value(&ev).parse().unwrap_or(0))>
                        <option value="0">{t.off}</option>
                        <option value="10">"10 s"</option>
                        <option value="20">"20 s"</option>
                        <option value="30">"30 s"</option>
                        <option value="60">"60 s"</option>
                    </select>
                </label>
                <button class="button ghost" aria-pressed=move || c.view.with(|v| v.dark).to_string()
                    on:click=move |_| c.update_view(|v| v.dark = !v.dark)>{t.dark_theme}</button>
                <button class="button ghost" on:click=move |_| leave(c)>{t.exit_present}</button>
            </footer>
        </div>
    }
}
