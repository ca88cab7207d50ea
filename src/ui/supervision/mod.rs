//! 督办单: a notice per project of the current filter that is seriously behind (red), behind (yellow)
//! or has a milestone due soon (blue). The notices are a list (number, level, project, lead unit, what is
//! due) of which only the lines in view are in the DOM, beside the one chosen, shown in full: its required
//! action and reply-by date are edited there before printing. Printing numbers the notices not yet
//! numbered (督办〔YEAR〕第 N 号, kept in the ledger's register) and prints one notice a page; 全部打印
//! prints the filter's notices in batches (`print.rs`). Drafts, numbering, the notice's words and its
//! sheet are `domain::supervision`.

mod print;

use super::shared::{follow_scroll_top, live_markup, observed_height};
use super::state::{arc_memo, ctx, keyed_window};
use super::storage;
use crate::domain::date::Date;
use crate::domain::markup::Markup;
use crate::domain::supervision::{document, drafts, first_missed, sheet, Draft};
use crate::domain::svg::Num;
use crate::markup;
use leptos::prelude::*;
use print::Printer;
use std::collections::HashMap;
use std::sync::Arc;

/// Height of a notice's line in the list.
const LINE_HEIGHT: f64 = 64.0;

#[component]
pub fn SupervisionView() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let office = RwSignal::new(storage::office().unwrap_or_else(|| t.default_office.to_string()));
    // What the office changed before printing, by project index.
    let edits = RwSignal::new(HashMap::<usize, (String, Date)>::new());
    let list = arc_memo(move || {
        let plan = c.plan.get();
        let mut ds = c.statuses.with(|s| c.rows.with(|rows| c.ledger.with(|l| drafts(&plan, s, rows, l, c.report_date.get(), c.today, c.lang.get()))));
        edits.with(|e| {
            for d in ds.iter_mut().filter(|d| d.no.is_none()) {
                if let Some((action, reply_by)) = e.get(&d.project) {
                    d.action = action.clone();
                    d.reply_by = *reply_by;
                }
            }
        });
        ds
    });
    let counts = Memo::new(move |_| list.with(|l| (l.len(), l.iter().filter(|d| d.no.is_some()).count())));
    // The notice shown in full: the one chosen while it is in the list, else the first.
    let chosen = RwSignal::new(None::<usize>);
    let position = Memo::new(move |_| list.with(|l| chosen.get().and_then(|p| l.iter().position(|d| d.project == p)).or((!l.is_empty()).then_some(0))));
    let shown = Memo::new(move |_| position.get().and_then(|k| list.with(|l| l.get(k).cloned())));
    let printer = Printer::new(c, office);

    // The list: fixed-height lines, only those in view built; a change of the drafts rebuilds them.
    let scroll_top = RwSignal::new(0.0f64);
    let holder = NodeRef::<leptos::html::Div>::new();
    // `.notice-list` in style/cycle.css: at most calc(100vh - 260px), at least 320px when it has the lines.
    let height = observed_height(holder, 260.0, 320.0);
    let window = Memo::new(move |_| crate::domain::timeline::window(list.with(|l| l.len()), LINE_HEIGHT, scroll_top.get(), height.get(), 4));
    let generation = Memo::new(move |prev: Option<&u64>| {
        list.track();
        c.lang.track();
        prev.map_or(0, |g| g + 1)
    });
    let choose = move |k: usize| {
        let Some(project) = list.with_untracked(|l| l.get(k).map(|d| d.project)) else { return };
        chosen.set(Some(project));
        // Keep the chosen line in view.
        if let Some(el) = holder.get_untracked() {
            let (top, h) = (k as f64 * LINE_HEIGHT, height.get_untracked());
            let now = f64::from(el.scroll_top());
            if top < now {
                el.set_scroll_top(top as i32);
            } else if top + LINE_HEIGHT > now + h {
                el.set_scroll_top((top + LINE_HEIGHT - h) as i32);
            }
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let len = list.with_untracked(|l| l.len());
        let Some(k) = position.get_untracked() else { return };
        let page = (height.get_untracked() / LINE_HEIGHT).floor().max(1.0) as usize;
        let next = match ev.key().as_str() {
            "ArrowDown" => (k + 1).min(len.saturating_sub(1)),
            "ArrowUp" => k.saturating_sub(1),
            "PageDown" => (k + page).min(len.saturating_sub(1)),
            "PageUp" => k.saturating_sub(page),
            "Home" => 0,
            "End" => len.saturating_sub(1),
            _ => return,
        };
        ev.prevent_default();
        choose(next);
    };
    let line = move |(_, k): (u64, usize)| {
        let html = move || {
            let lang = c.lang.get_untracked();
            let t = lang.t();
            let plan = c.plan.get_untracked();
            let Some(d) = list.with_untracked(|l| l.get(k).cloned()) else { return Markup::default() };
            let p = &plan.projects[d.project];
            let no = d.no.map(t.notice_no_short).unwrap_or_else(|| t.notice_unnumbered.to_string());
            let missed = c.statuses.with_untracked(|s| first_missed(&plan, s, &d, lang));
            markup!(
                r#"<span class="notice-line-head"><span class="notice-chip notice-chip-{level}">{band}</span><span class="notice-line-no">{no}</span><span class="notice-line-name">{name}</span></span><span class="notice-line-meta">{unit}{sep}{missed}</span>"#,
                level = d.level.code(),
                band = d.level.band(lang),
                no = no,
                name = p.name,
                unit = p.lead_unit,
                sep = if missed.is_empty() { "" } else { " · " },
                missed = missed,
            )
        };
        let selected = move || position.get() == Some(k);
        view! {
            <div class="notice-line" role="option" id=format!("notice-line-{k}") aria-selected=move || selected().to_string()
                class:selected=selected style:top=format!("{}px", Num(k as f64 * LINE_HEIGHT))
                on:click=move |_| choose(k) use:live_markup=html></div>
        }
    };

    view! {
        <section class="supervision-view" aria-labelledby="notices-title">
            <div class="panel row no-print">
                <h2 id="notices-title" class="view-title">{t.view_notices}</h2>
                <label class="field inline">
                    <span class="field-label">{t.notice_office}</span>
                    <input type="text" aria-label=t.notice_office prop:value=move || office.get()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            storage::store_office(&v);
                            office.set(v);
                        } />
                </label>
                <p class="muted grow" role="status">{move || { let (n, issued) = counts.get(); (t.notices_count)(n, issued) }}</p>
                <button class="button primary" disabled=move || counts.get().0 == 0 || printer.running()
                    on:click=move |_| printer.print_all(list.get_untracked())>{t.print_all}</button>
            </div>
            // Built once per run: the words follow it, and 停止打印 stays the same button between batches.
            <Show when=move || printer.started()>
                <div class="panel row no-print print-progress">
                    <p class="grow" role="status">{move || printer.progress()}</p>
                    <Show when=move || printer.running()>
                        <button class="button" on:click=move |_| printer.stop()>{t.print_stop}</button>
                    </Show>
                </div>
            </Show>
            <p class="muted no-print">{t.notices_hint}</p>
            {move || (counts.get().0 == 0).then(|| view! { <div class="empty-state no-print"><p>{t.no_notices}</p></div> })}
            <div class="notices-layout no-print" class:hidden=move || counts.get().0 == 0>
                <div class="notice-list" node_ref=holder role="listbox" tabindex="0" aria-label=t.notices_list
                    aria-activedescendant=move || position.get().map(|k| format!("notice-line-{k}"))
                    on:scroll=move |ev| follow_scroll_top(scroll_top, &ev) on:keydown=on_key>
                    <div class="notice-list-inner" style:height=move || format!("{}px", Num(list.with(|l| l.len()) as f64 * LINE_HEIGHT))>
                        <For each=keyed_window(generation, window) key=|x| *x children=line />
                    </div>
                </div>
                {move || shown.get().map(|d| view! { <NoticeCard draft=d office edits printer /> })}
            </div>
            <div class="notice-print" aria-hidden="true" use:live_markup=move || printer.sheets()></div>
        </section>
    }
}

/// The notice shown in full: its required action and reply-by date (editable until it is numbered),
/// 打印, and its sheet as printed.
#[component]
fn NoticeCard(draft: Draft, office: RwSignal<String>, edits: RwSignal<HashMap<usize, (String, Date)>>, printer: Printer) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let plan = c.plan.get_untracked();
    let project = draft.project;
    let name = plan.projects[project].name.clone();
    let doc = Memo::new({
        let draft = draft.clone();
        move |_| c.statuses.with(|s| document(&c.plan.get(), s, &draft, &office.get(), c.today, c.lang.get()))
    });
    let editable = draft.no.is_none();
    let (action, reply_by) = (draft.action.clone(), draft.reply_by);
    let band = doc.with_untracked(|d| d.band.clone());
    view! {
        <article class="notice-card" aria-label=format!("{band} {name}")>
            <div class="panel row notice-edit">
                <label class="field grow">
                    <span class="field-label">{t.notice_action}</span>
                    <textarea rows="3" aria-label=format!("{name} {}", t.notice_action) disabled=!editable
                        prop:value=action.clone()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            edits.update(|e| e.entry(project).or_insert_with(|| (String::new(), reply_by)).0 = v);
                        }></textarea>
                </label>
                <label class="field">
                    <span class="field-label">{t.notice_reply_by}</span>
                    <input type="date" aria-label=format!("{name} {}", t.notice_reply_by) disabled=!editable
                        prop:value=reply_by.to_string()
                        on:change=move |ev| {
                            if let Some(date) = Date::parse_iso(&event_target_value(&ev)) {
                                let action = action.clone();
                                edits.update(|e| e.entry(project).or_insert_with(|| (action, date)).1 = date);
                            }
                        } />
                </label>
                <button class="button" disabled=move || printer.running() on:click=move |_| printer.print_one(draft.clone())>{t.print_one}</button>
            </div>
            <div class="notice-shown" use:live_markup=move || doc.with(|d| sheet(d, c.lang.get()))></div>
        </article>
    }
}

/// The drafts of a print, shared between its batches.
pub type Drafts = Arc<Vec<Draft>>;
