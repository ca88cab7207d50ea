//! 同步: sign in to the office's sync database (同步地址, 用户名, 密码), see where sync stands, sync
//! now, sign out; the records the server refused, each with the project and why. The work is
//! `sync.rs`; without sync the app stays file-based.

use super::shared::project_href;
use super::state::ctx;
use super::storage;
use super::sync::{request_restore, sign_in, sign_out};
use crate::domain::messages::{entry_subject, entry_value, refusal, sync_failure, sync_status};
use crate::domain::sync::SyncStatus;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SyncView() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let plan_id = c.plan.with_untracked(|p| p.id.clone());
    let config = RwSignal::new(storage::sync_config(&plan_id));
    let preset = c.plans.with_untracked(|ps| ps.iter().find(|p| p.plan.id == plan_id).and_then(|p| p.sync.clone()));
    let plan_id = StoredValue::new(plan_id);
    let url = RwSignal::new(config.get_untracked().map(|c| c.url).or(preset).unwrap_or_default());
    let user = RwSignal::new(config.get_untracked().map(|c| c.user).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<crate::domain::sync::SyncFailure>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (u, n, p) = (url.get_untracked(), user.get_untracked(), password.get_untracked());
        busy.set(true);
        spawn_local(async move {
            let result = sign_in(&plan_id.get_value(), &u, &n, &p).await;
            // The password is not kept, not even in the form.
            let _ = password.try_set(String::new());
            let _ = busy.try_set(false);
            match result {
                Ok(()) => {
                    let _ = failure.try_set(None);
                    let _ = config.try_set(storage::sync_config(&plan_id.get_value()));
                    c.sync.set(SyncStatus::Working);
                    c.sync_request.update(|n| *n += 1);
                }
                Err(f) => {
                    let _ = failure.try_set(Some(f));
                }
            }
        });
    };
    let leave = move |_| {
        spawn_local(async move {
            sign_out(c).await;
            let _ = config.try_set(None);
        });
    };
    view! {
        <section class="sync-view" aria-labelledby="sync-title">
            <h2 id="sync-title" class="view-title">{t.view_sync}</h2>
            <div class="card-grid">
                <section class="panel">
                    <p class="muted">{t.sync_hint}</p>
                    <form class="sync-form" on:submit=submit>
                        <label class="field">
                            <span class="field-label">{t.sync_url}</span>
                            <input type="text" aria-label=t.sync_url placeholder="/db/minsheng-2024" autocomplete="url"
                                prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
                        </label>
                        <label class="field">
                            <span class="field-label">{t.sync_user}</span>
                            <input type="text" aria-label=t.sync_user autocomplete="username"
                                prop:value=move || user.get() on:input=move |ev| user.set(event_target_value(&ev)) />
                        </label>
                        <label class="field">
                            <span class="field-label">{t.sync_password}</span>
                            <input type="password" aria-label=t.sync_password autocomplete="current-password"
                                prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                        </label>
                        <div class="row">
                            <button type="submit" class="button primary" disabled=move || busy.get()>{t.sync_sign_in}</button>
                        </div>
                    </form>
                    <p class="field-error" role="alert">{move || failure.get().map(|f| sync_failure(&f, lang))}</p>
                </section>
                <section class="panel">
                    <p class="sync-status" role="status">{move || sync_status(&c.sync.get(), lang)}</p>
                    {move || config.get().map(|cfg| view! { <p class="muted">{(t.sync_signed_in_as)(&cfg.user, &cfg.url)}</p> })}
                    <div class="row">
                        <button class="button primary" disabled=move || config.get().is_none() on:click=move |_| c.sync_request.update(|n| *n += 1)>{t.sync_now}</button>
                        <button class="button" disabled=move || config.get().is_none() on:click=leave>{t.sync_sign_out}</button>
                    </div>
                    <Show when=move || config.get().is_some() && c.sync_office.get()>
                        <div class="sync-restore">
                            <p class="muted">{t.sync_restore_hint}</p>
                            <button class="button" disabled=move || c.sync.get() == SyncStatus::Working || matches!(c.sync.get(), SyncStatus::Restoring { .. })
                                on:click=move |_| request_restore(c)>{t.sync_restore}</button>
                        </div>
                    </Show>
                </section>
            </div>
            <Refused />
        </section>
    }
}

/// The records the server refused: which (project, unit, value) and why.
#[component]
fn Refused() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    move || {
        let refused = c.sync_refused.get();
        (!refused.is_empty()).then(|| {
            let plan = c.plan.get_untracked();
            let items = c.ledger.with_untracked(|l| {
                refused
                    .iter()
                    .map(|(id, why)| {
                        let entry = l.entries.get(id);
                        let project = entry.and_then(|e| plan.project(&e.project));
                        let what = match (entry, project) {
                            (Some(e), Some(p)) => format!("{} · {} · {} {}", p.name, e.unit, entry_subject(Some(p), e, lang), entry_value(Some(p), e, lang)),
                            _ => id.clone(),
                        };
                        let href = project.map(|p| project_href(c, &p.id));
                        (what, refusal(why, lang), href)
                    })
                    .collect::<Vec<_>>()
            });
            view! {
                <section class="panel warnings" aria-labelledby="refused-title">
                    <h3 id="refused-title">{(t.sync_refused_title)(items.len())}</h3>
                    <p class="muted">{t.sync_refused_hint}</p>
                    <ul class="issues">
                        {items.into_iter().map(|(what, why, href)| view! {
                            <li class="issue conflict">
                                <span>{match href {
                                    Some(h) => view! { <a href=h>{what}</a> }.into_any(),
                                    None => view! { <span>{what}</span> }.into_any(),
                                }}{(t.refused_because)(&why)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
