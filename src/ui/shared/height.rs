//! The height of a scrolling box, for views that build only the lines in view.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A signal holding the client height of `node`, kept current by a `ResizeObserver`.
///
/// It starts at the height the box's style gives it at most, `100vh - chrome` but never less than
/// `min` (the box's `height` or `max-height` and `min-height` in its style sheet), and is corrected
/// by the observer, which the browser calls after layout and before paint. Reading `clientHeight` while the
/// view is being built would force a layout of the whole page before its first frame (≈40 ms on the
/// timeline), and the page would be laid out again when the rows arrive.
pub fn observed_height(node: NodeRef<Div>, chrome: f64, min: f64) -> RwSignal<f64> {
    let window = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(800.0);
    let start = (window - chrome).max(min);
    let height = RwSignal::new(start);
    let kept = StoredValue::new_local(None::<(web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>)>);
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        let target = el.clone();
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
            // Layout is current inside the observer's callback: this read forces nothing.
            let h = f64::from(target.client_height());
            if height.get_untracked() != h {
                height.set(h);
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&el);
        kept.set_value(Some((observer, on_resize)));
    });
    on_cleanup(move || {
        kept.try_update_value(|k| {
            if let Some((observer, _)) = k.take() {
                observer.disconnect();
            }
        });
    });
    height
}

/// A signal that turns true once the frame after the view's creation has been painted and the page is
/// idle: a view shows the lines that fit its first screen in that frame and builds the others (kept in
/// the DOM for printing and find-in-page) after it, so the first paint does not wait for lines nobody
/// sees yet, and the tasks the first frame queued (and any input) come before them. The header's
/// 统计日期 becomes a date field then.
pub fn first_frame_painted() -> ReadSignal<bool> {
    let (painted, set_painted) = signal(false);
    // Animation frame callbacks run just before the frame is painted; an idle callback asked for in one
    // runs once the frame is out and the tasks queued by then have run. A browser without idle callbacks
    // (Safari) runs it in a task of its own.
    request_animation_frame(move || {
        let done = move || {
            let _ = set_painted.try_set(true);
        };
        if request_idle_callback_with_handle(done).is_err() {
            set_timeout(done, std::time::Duration::ZERO);
        }
    });
    painted
}

/// Keeps `top` at the `scrollTop` of the box a scroll event came from, waking what reads it only when
/// it changed (scrolling sideways fires scroll events too).
pub fn follow_scroll_top(top: RwSignal<f64>, ev: &web_sys::Event) {
    let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let now = f64::from(el.scroll_top());
    if top.get_untracked() != now {
        top.set(now);
    }
}
