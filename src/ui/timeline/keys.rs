//! Keyboard on the timeline: ↑↓ move between rows (headings are skipped), Ctrl+Home/End jump, ←→ move
//! among the focused row's milestone markers (← from the first returns to the row).

use super::HEAD_HEIGHT;
use crate::domain::query::Line;
use crate::domain::timeline::ROW_HEIGHT;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct Navigator {
    pub lines: Memo<Vec<Line>>,
    /// The line that holds the row's Tab stop.
    pub focused: RwSignal<usize>,
    pub scroller: NodeRef<html::Div>,
}

fn is_row(lines: &[Line], k: usize) -> bool {
    matches!(lines.get(k), Some(Line::Row(_)))
}

impl Navigator {
    /// Keeps the Tab stop on a row that exists: the first row when the lines changed under it.
    pub fn keep_focus_on_a_row(self) {
        Effect::new(move |_| {
            let k = self.focused.get();
            let first = self.lines.with(|ls| (!is_row(ls, k)).then(|| ls.iter().position(|l| matches!(l, Line::Row(_)))).flatten());
            if let Some(first) = first {
                self.focused.set(first);
            }
        });
    }

    /// Moves focus to the row at `k`, or the nearest row in direction `step` when `k` is a heading.
    pub fn focus_line(self, k: usize, step: isize) {
        let total = self.lines.with_untracked(Vec::len);
        if total == 0 {
            return;
        }
        let mut k = k.min(total - 1);
        while !self.lines.with_untracked(|ls| is_row(ls, k)) {
            let next = k as isize + if step == 0 { 1 } else { step };
            if next < 0 || next as usize >= total {
                return;
            }
            k = next as usize;
        }
        self.focused.set(k);
        if let Some(el) = self.scroller.get_untracked() {
            let top = k as f64 * ROW_HEIGHT;
            let view_top = f64::from(el.scroll_top());
            let view_h = f64::from(el.client_height()) - HEAD_HEIGHT;
            if top < view_top {
                el.set_scroll_top(top as i32);
            } else if top + ROW_HEIGHT > view_top + view_h {
                el.set_scroll_top((top + ROW_HEIGHT - view_h) as i32);
            }
        }
        // Focus after the window has rendered the row.
        let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(&format!("[data-tl-row=\"{k}\"] .tl-name")).ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(cb.unchecked_ref());
        }
    }

    pub fn on_key(self, ev: leptos::ev::KeyboardEvent) {
        let k = self.focused.get_untracked();
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                self.focus_line(k + 1, 1);
            }
            "ArrowUp" => {
                ev.prevent_default();
                if k > 0 {
                    self.focus_line(k - 1, -1);
                }
            }
            "Home" if ev.ctrl_key() => {
                ev.prevent_default();
                self.focus_line(0, 1);
            }
            "End" if ev.ctrl_key() => {
                ev.prevent_default();
                self.focus_line(usize::MAX, -1);
            }
            "ArrowRight" | "ArrowLeft" => self.among_markers(&ev, k),
            _ => {}
        }
    }

    fn among_markers(self, ev: &leptos::ev::KeyboardEvent, k: usize) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(list) = doc.query_selector_all(&format!("[data-tl-row=\"{k}\"] .tl-marker")) else { return };
        let n = list.length();
        if n == 0 {
            return;
        }
        ev.prevent_default();
        let active = doc.active_element();
        let current = (0..n).find(|i| list.get(*i).and_then(|x| x.dyn_into::<web_sys::Element>().ok()) == active);
        let next = match (ev.key().as_str(), current) {
            ("ArrowRight", None) => 0,
            ("ArrowRight", Some(i)) => (i + 1).min(n - 1),
            ("ArrowLeft", None) | ("ArrowLeft", Some(0)) => {
                self.focus_line(k, 0);
                return;
            }
            (_, Some(i)) => i - 1,
            _ => 0,
        };
        if let Some(el) = list.get(next).and_then(|x| x.dyn_into::<web_sys::SvgElement>().ok()) {
            let _ = el.focus();
        }
    }
}
