//! The entries that need the office's attention (conflicts, entries the plan lacks, unnamed units), with
//! accept and reject where the office decides.

use super::super::actions::decide;
use super::super::state::{ctx, Ctx};
use crate::domain::ledger::{Issue, Ledger, Standing};
use crate::domain::messages::{entry_subject, entry_value};
use crate::i18n::Lang;
use leptos::prelude::*;

fn issue_text(issue: &Issue, ledger: &Ledger, c: Ctx, lang: Lang) -> String {
    let plan = c.plan.get_untracked();
    let describe = |id: &str| {
        ledger
            .entries
            .get(id)
            .map(|e| {
                let project = plan.project(&e.project);
                let name = project.map(|p| p.name.clone()).unwrap_or_else(|| e.project.clone());
                format!("{name} · {} · {} · {} · {}", entry_subject(project, e, lang), entry_value(project, e, lang), e.as_of, e.unit)
            })
            .unwrap_or_else(|| id.to_string())
    };
    match issue {
        Issue::Orphan { entry } => (lang.t().labelled)(lang.t().issue_orphan, &describe(entry)),
        Issue::Unauthorized { entry, standing } => {
            let state = match standing {
                Standing::Pending => lang.t().entry_pending,
                Standing::Rejected => lang.t().entry_rejected,
                Standing::Counted => lang.t().accepted,
            };
            (lang.t().labelled)(&(lang.t().aside)(lang.t().issue_unauthorized, state), &describe(entry))
        }
        Issue::Conflict { entries, .. } => {
            let list: Vec<String> = entries.iter().map(|e| describe(e)).collect();
            (lang.t().labelled)(lang.t().issue_conflict, &list.join(" ↔ "))
        }
    }
}

#[component]
pub(super) fn IssueList(issues: Vec<Issue>, ledger: Ledger, actionable: bool) -> impl IntoView {
    let c = ctx();
    (!issues.is_empty()).then(|| {
        view! {
            <ul class="issues">
                {move || {
                    let lang = c.lang.get();
                    issues
                        .iter()
                        .map(|i| {
                            let text = issue_text(i, &ledger, c, lang);
                            let pending_entry = match i {
                                Issue::Unauthorized { entry, standing } if actionable && *standing != Standing::Counted => Some(entry.clone()),
                                _ => None,
                            };
                            let kind = match i {
                                Issue::Orphan { .. } => "issue orphan",
                                Issue::Unauthorized { .. } => "issue unauthorized",
                                Issue::Conflict { .. } => "issue conflict",
                            };
                            view! {
                                <li class=kind>
                                    <span>{text}</span>
                                    {pending_entry.map(|id| {
                                        let id2 = id.clone();
                                        view! {
                                            <button class="button small" on:click=move |_| decide(c, &id, true)>{lang.t().accept}</button>
                                            <button class="button small" on:click=move |_| decide(c, &id2, false)>{lang.t().reject}</button>
                                        }
                                    })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        }
    })
}

#[component]
pub(super) fn Attention() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    view! {
        <section class="panel" aria-labelledby="attention-title">
            <h3 id="attention-title">{t.attention_title}</h3>
            {move || {
                let issues = c.ledger_view.with(|v| v.issues.clone());
                if issues.is_empty() {
                    view! { <p class="muted">{t.no_issues}</p> }.into_any()
                } else {
                    let ledger = c.ledger.get();
                    view! { <IssueList issues ledger actionable=true /> }.into_any()
                }
            }}
        </section>
    }
}
