//! 发布公开版: the office chooses the report date (the latest month-end with passed reports, by default),
//! the title and the site's address, previews what will be published, and downloads the site as a
//! zip. What is public is the core's (`domain::publish`); the site is written by the site writer module in a
//! worker, from the published list and the whole ledger, so the page carries none of that code.

use super::super::download::download_bytes;
use super::super::shared::MonthEndOptions;
use super::super::state::{ctx, Ctx};
use super::super::{env, storage, worker};
use crate::domain::date::Date;
use crate::domain::exchange::{write_progress_file, PlanRef};
use crate::domain::format::write_plan_file_compact;
use crate::domain::jobs::Job;
use crate::domain::messages::{bytes_text, percent};
use crate::domain::persist::key;
use crate::domain::publish::{default_date, BaseUrl, Options, Summary};
use crate::domain::status::Light;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn base_key() -> String {
    key(&["publish", "base_url"])
}

/// The job's input: the published list, then a progress file of the whole ledger.
fn job(c: Ctx, options: Options, preview: bool) -> (Job, Vec<u8>) {
    let plan = c.baseline.get_untracked();
    let office = c.office.get_untracked();
    let plan_file = write_plan_file_compact(&plan);
    let progress = c.ledger.with_untracked(|l| write_progress_file(&PlanRef::of(&plan), l, &env::now_iso(), Some(&office)));
    let lang = c.lang.get_untracked().code().to_string();
    let job = Job::Publish { options, office, settings: c.settings.get_untracked(), plan_bytes: plan_file.len(), preview, lang };
    let mut input = plan_file.into_bytes();
    input.extend_from_slice(progress.as_bytes());
    (job, input)
}

#[component]
pub(super) fn PublishPanel() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    c.want_loop();
    let year = c.baseline.with_untracked(|p| p.year);
    let month = RwSignal::new(12u8);
    let chosen = RwSignal::new(false);
    // The default follows the review loop until the office chooses a month.
    Effect::new(move |_| {
        let date = c.flow.with(|f| default_date(f, year, c.today));
        if !chosen.get_untracked() {
            month.set(date.month());
        }
    });
    let title = RwSignal::new((t.publish_default_title)(year));
    let base = RwSignal::new(storage::get(&base_key()).unwrap_or_default());
    let base_error = RwSignal::new(false);
    let with_text = RwSignal::new(true);
    let working = RwSignal::new(false);
    let summary = RwSignal::new(None::<Summary>);
    let failed = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);

    let options = move || -> Option<Options> {
        match BaseUrl::parse(&base.get_untracked()) {
            Ok(base_url) => {
                base_error.set(false);
                let date = Date::month_end(year, month.get_untracked())?;
                Some(Options { date, title: title.get_untracked(), base_url, progress_text: with_text.get_untracked() })
            }
            Err(_) => {
                base_error.set(true);
                None
            }
        }
    };
    let run = move |preview: bool| {
        let Some(options) = options() else { return };
        let _ = storage::set(&base_key(), options.base_url.as_str());
        let (job, input) = job(c, options, preview);
        working.set(true);
        failed.set(None);
        done.set(None);
        spawn_local(async move {
            match worker::run_with(&job, &input).await {
                Ok(bytes) if preview => match serde_json::from_slice::<Summary>(&bytes) {
                    Ok(s) => {
                        let _ = summary.try_set(Some(s));
                    }
                    Err(e) => {
                        let _ = failed.try_set(Some(e.to_string()));
                    }
                },
                Ok(bytes) => {
                    let Job::Publish { options, .. } = &job else { return };
                    let name = format!("minsheng-public-{year}-{}.zip", options.date);
                    download_bytes(&name, "application/zip", &bytes);
                    let _ = done.try_set(Some(name));
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e.detail().to_string()));
                }
            }
            let _ = working.try_set(false);
        });
    };
    let is_office = Memo::new(move |_| c.reporter.with(|r| r.unit == c.office.get()));

    view! {
        <section class="panel publish-panel" aria-labelledby="publish-title">
            <h3 id="publish-title">{t.publish_heading}</h3>
            <p class="muted">{t.publish_intro}</p>
            {move || (!is_office.get()).then(|| view! { <p class="muted">{(t.publish_office_only)(&c.office.get())}</p> })}
            <div class="publish-fields">
                <label class="field">
                    <span class="field-label">{t.report_date}</span>
                    <select aria-label=t.report_date on:change=move |ev| {
                        if let Ok(m) = event_target_value(&ev).parse() {
                            chosen.set(true);
                            month.set(m);
                            summary.set(None);
                        }
                    }>
                        <MonthEndOptions selected=month />
                    </select>
                </label>
                <label class="field wide">
                    <span class="field-label">{t.publish_title}</span>
                    <input type="text" aria-label=t.publish_title prop:value=move || title.get() on:input=move |ev| {
                        title.set(event_target_value(&ev));
                        summary.set(None);
                    } />
                </label>
                <label class="field wide">
                    <span class="field-label">{t.publish_base_url}</span>
                    <input
                        type="url"
                        inputmode="url"
                        aria-label=t.publish_base_url
                        aria-describedby="publish-base-hint"
                        aria-invalid=move || if base_error.get() { "true" } else { "false" }
                        aria-errormessage="publish-base-error"
                        placeholder="https://"
                        prop:value=move || base.get()
                        on:input=move |ev| {
                            base.set(event_target_value(&ev));
                            base_error.set(false);
                        }
                    />
                    <span id="publish-base-hint" class="muted">{t.publish_base_hint}</span>
                    <span id="publish-base-error" class="field-error" role="alert">{move || base_error.get().then_some(t.publish_bad_url)}</span>
                </label>
                <label class="check">
                    <input type="checkbox" prop:checked=move || with_text.get() on:change=move |ev| {
                        with_text.set(event_target_checked(&ev));
                        summary.set(None);
                    } />
                    {t.publish_progress_text}
                </label>
            </div>
            <div class="row">
                <button class="button" disabled=move || working.get() on:click=move |_| run(true)>{t.publish_preview}</button>
                <button class="button primary" disabled=move || working.get() on:click=move |_| run(false)>{t.publish_heading}</button>
                <span class="muted" role="status">{move || {
                    if working.get() {
                        Some(t.publish_working.to_string())
                    } else {
                        done.get().map(|name| (t.publish_done)(&name))
                    }
                }}</span>
            </div>
            {move || failed.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            {move || summary.get().map(|s| view! { <PublishSummary summary=s /> })}
        </section>
    }
}

/// The preview: how much is published, on what it rests, the lights, the first rows.
#[component]
fn PublishSummary(summary: Summary) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let basis = if !summary.progress {
        t.publish_plan_alone
    } else if summary.reviewed {
        t.publish_reviewed
    } else {
        t.publish_unreviewed
    };
    let lights = summary
        .lights
        .iter()
        .filter(|(code, _, _)| Light::from_code(code).is_some())
        .map(|(code, label, n)| view! { <li class=format!("chip light-{code}")>{label.clone()}" "{*n}</li> })
        .collect_view();
    let rows = summary
        .sample
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.name.clone()}</th>
                    <td>{r.status.clone()}</td>
                    <td class="num">{r.completion.map(percent)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="publish-summary" aria-labelledby="publish-summary-title" aria-live="polite">
            <h4 id="publish-summary-title">{t.publish_preview}</h4>
            <p>{(t.publish_summary)(summary.projects, summary.files, &bytes_text(summary.bytes as f64))}" "{basis}</p>
            {summary.progress.then(|| view! { <p>{(t.publish_texts)(summary.with_text, summary.moved)}</p> })}
            <ul class="chips" aria-label=t.status>{lights}</ul>
            <p class="muted">{t.publish_never}</p>
            <table class="publish-sample">
                <caption>{t.publish_sample}</caption>
                <thead><tr><th scope="col">{t.col_name}</th><th scope="col">{t.status}</th><th scope="col">{t.completion}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
