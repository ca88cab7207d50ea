//! 延期申请 and 申请办结 on a project (its detail and its 填报 card): two buttons that open a form each,
//! checked by the core's rules (`domain::flow::Rules`) when sent; a refusal is shown at the form, in
//! words, and nothing is recorded.

use super::super::actions::flow_act;
use super::super::state::ctx;
use crate::domain::date::Date;
use crate::domain::flow::ExtensionAsk;
use crate::domain::ledger::Target;
use crate::domain::messages::when;
use leptos::prelude::*;
use super::super::shared::{DropZone, FilePicker};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    None,
    Extension,
    Closure,
}

/// The two request buttons of project `index` (in the plan) and the form the one pressed opens.
#[component]
pub fn RequestButtons(index: usize) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let Some((id, name)) = c.plan.with_untracked(|p| p.projects.get(index).map(|p| (p.id.clone(), p.name.clone()))) else {
        return ().into_any();
    };
    let open = RwSignal::new(Open::None);
    let toggle = move |which: Open| open.update(|o| *o = if *o == which { Open::None } else { which });
    let closed = {
        let id = id.clone();
        Memo::new(move |_| c.flow.with(|f| f.closed_on(&id).is_some()))
    };
    view! {
        <div class="request-actions">
            <div class="row">
                <button class="button" aria-expanded=move || (open.get() == Open::Extension).to_string() disabled=closed on:click=move |_| toggle(Open::Extension)>
                    {t.request_extension}
                </button>
                <button class="button" aria-expanded=move || (open.get() == Open::Closure).to_string() disabled=closed on:click=move |_| toggle(Open::Closure)>
                    {t.request_closure}
                </button>
            </div>
            {move || match open.get() {
                Open::None => ().into_any(),
                Open::Extension => view! { <ExtensionForm id=id.clone() name=name.clone() on_done=Callback::new(move |_| open.set(Open::None)) /> }.into_any(),
                Open::Closure => view! { <ClosureForm id=id.clone() name=name.clone() on_done=Callback::new(move |_| open.set(Open::None)) /> }.into_any(),
            }}
        </div>
    }
    .into_any()
}

#[component]
fn ExtensionForm(id: String, name: String, on_done: Callback<()>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    // The targets with their dates in force: 预计完成时间, then each milestone.
    let targets: Vec<(String, String)> = c.plan.with_untracked(|p| {
        let Some(p) = p.projects.iter().find(|p| p.id == id) else { return Vec::new() };
        let due = p.end().map(|d| when(d, lang)).unwrap_or_default();
        std::iter::once(("due".to_string(), (t.paren)(t.col_due, &due)))
            .chain(p.milestones.iter().map(|m| (format!("m:{}", m.id), format!("{} {}", when(m.due, lang), short(&m.text)))))
            .collect()
    });
    let target = RwSignal::new(targets.first().map(|(v, _)| v.clone()).unwrap_or_default());
    let date = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |_| {
        let Some(to) = Date::parse_iso(date.get_untracked().trim()) else {
            error.set(Some(t.e_bad_date.to_string()));
            return;
        };
        let chosen = target.get_untracked();
        let target = match chosen.strip_prefix("m:") {
            Some(m) => Target::Milestone(m.to_string()),
            None => Target::Due,
        };
        let ask = ExtensionAsk { project: id.clone(), target, to, reason: reason.get_untracked() };
        match flow_act(c, |rules, who, _, m| rules.request_extension(who, &ask, m)) {
            Ok(_) => {
                error.set(None);
                on_done.run(());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <div class="request-form" role="group" aria-label=format!("{} {}", t.request_extension, name)>
            <label class="field">
                <span class="field-label">{t.extension_target}</span>
                <select aria-label=t.extension_target on:change=move |ev| target.set(event_target_value(&ev))>
                    {targets.into_iter().map(|(v, label)| view! { <option value=v>{label}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field-label">{t.new_date}</span>
                <input type="date" aria-label=t.new_date prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
            </label>
            <label class="field wide">
                <span class="field-label">{t.extension_reason}</span>
                <textarea aria-label=t.extension_reason maxlength="500" rows="3" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            </label>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <button class="button primary" on:click=submit>{t.submit}</button>
        </div>
    }
}

#[component]
fn ClosureForm(id: String, name: String, on_done: Callback<()>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let summary = RwSignal::new(String::new());
    let caption = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // 佐证材料 chosen (or dropped) with the request: attached to it, with their 说明, once it is made.
    let chosen = RwSignal::new_local(Vec::<web_sys::File>::new());
    let pid = id.clone();
    let submit = move |_| match flow_act(c, |rules, who, _, m| rules.request_closure(who, &id, &summary.get_untracked(), m)) {
        Ok(request) => {
            error.set(None);
            let files = chosen.get_untracked();
            if files.is_empty() {
                on_done.run(());
            } else {
                super::super::evidence::attach_evidence(c, pid.clone(), None, Some(request), caption.get_untracked(), files, Callback::new(move |errs: Vec<String>| {
                    let _ = error.try_set((!errs.is_empty()).then(|| errs.join(" ")));
                    if errs.is_empty() {
                        on_done.run(());
                    }
                }));
            }
        }
        Err(e) => error.set(Some(e)),
    };
    view! {
        <div class="request-form" role="group" aria-label=format!("{} {}", t.request_closure, name)>
            <label class="field wide">
                <span class="field-label">{t.closure_summary}</span>
                <textarea aria-label=t.closure_summary maxlength="500" rows="3" prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
            </label>
            <DropZone class="row evidence-add" on_files=Callback::new(move |files: Vec<web_sys::File>| chosen.update(|c| c.extend(files)))>
                <label class="field grow">
                    <span class="field-label">{t.evidence_caption}</span>
                    <input type="text" maxlength="200" prop:value=move || caption.get() on:input=move |ev| caption.set(event_target_value(&ev)) />
                </label>
                <FilePicker accept="image/*,application/pdf,.heic,.heif" multiple=true input_label=t.evidence_add button_label=t.evidence_add on_files=Callback::new(move |files: Vec<web_sys::File>| chosen.update(|c| c.extend(files))) />
                <span class="muted">{move || chosen.with(|f| f.iter().map(|f| f.name()).collect::<Vec<_>>().join(t.list_sep))}</span>
            </DropZone>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <button class="button primary" on:click=submit>{t.submit}</button>
        </div>
    }
}

/// A milestone's sentence cut to 24 characters for a choice.
fn short(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 24 {
        text.to_string()
    } else {
        chars[..23].iter().collect::<String>() + "…"
    }
}
