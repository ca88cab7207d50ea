//! A project's side of the review loop, in its detail: the dates moved by approved extensions (原计划 /
//! 调整后 / 理由 / 批准), the buttons to ask, the requests and their state (with 撤回 while unanswered),
//! and the 流转记录: every report, review, request and answer in the order made.

use super::super::actions::flow_act;
use super::super::state::ctx;
use super::requests::RequestButtons;
use crate::domain::flow::{Moved, State};
use crate::domain::ledger::{month_of, ActKind, Target};
use crate::domain::messages::{act_summary, flow_state, when};
use crate::domain::plan::Project;
use leptos::prelude::*;

/// What a target names: 预计完成时间, or the milestone's date and sentence.
fn target_label(project: &Project, target: &Target, lang: crate::i18n::Lang) -> String {
    match target {
        Target::Due => lang.t().col_due.to_string(),
        Target::Milestone(id) => project.milestone(id).map(|m| m.text.to_string()).unwrap_or_else(|| id.clone()),
    }
}

/// The date of a moved target, with 跨年度 when it is past the list's year.
fn moved_date(d: crate::domain::date::Date, year: i32, lang: crate::i18n::Lang) -> String {
    if d.year() > year {
        (lang.t().paren)(&format!("{} {}", d.year(), when(d, lang)), lang.t().mark_cross_year)
    } else {
        when(d, lang)
    }
}

#[component]
pub fn FlowPanel(index: usize) -> impl IntoView {
    let c = ctx();
    c.want_loop();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let Some(project) = c.baseline.with_untracked(|p| p.projects.get(index).cloned()) else { return ().into_any() };
    let year = c.baseline.with_untracked(|p| p.year);
    let id = project.id.clone();
    let moved = {
        let id = id.clone();
        Memo::new(move |_| c.flow.with(|f| f.moved(&id).to_vec()))
    };
    let requests = {
        let id = id.clone();
        Memo::new(move |_| c.flow.with(|f| f.requests_of(&id).cloned().collect::<Vec<_>>()))
    };
    let p_moved = project.clone();
    let p_req = project.clone();
    view! {
        <section class="panel flow-panel" aria-labelledby="flow-title">
            <h3 id="flow-title">{t.request_extension}" · "{t.request_closure}</h3>
            {move || {
                let list: Vec<Moved> = moved.get();
                (!list.is_empty()).then(|| {
                    let p = p_moved.clone();
                    view! {
                        <ul class="moved-lines">
                            {list.iter().map(|m| view! {
                                <li class="flag flag-moved">{(t.moved_text)(&when(m.baseline, lang), &moved_date(m.adjusted, year, lang))}" · "{target_label(&p, &m.target, lang)}</li>
                            }).collect_view()}
                        </ul>
                        <table class="data-table compact moved-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t.extension_target}</th>
                                    <th scope="col">{t.baseline_plan}</th>
                                    <th scope="col">{t.adjusted_plan}</th>
                                    <th scope="col">{t.reason_col}</th>
                                    <th scope="col">{t.approval_col}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.into_iter().map(|m| view! {
                                    <tr>
                                        <td>{target_label(&p, &m.target, lang)}</td>
                                        <td>{when(m.baseline, lang)}</td>
                                        <td>{moved_date(m.adjusted, year, lang)}</td>
                                        <td>{m.reason.clone()}</td>
                                        <td>{format!("{} {}", crate::domain::flow::day_of(&m.ruled_at).map(|d| d.to_string()).unwrap_or_default(), m.comment)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                })
            }}
            <RequestButtons index />
            {move || {
                let list = requests.get();
                (!list.is_empty()).then(|| {
                    let p = p_req.clone();
                    view! {
                        <ul class="request-list" aria-label=t.my_sent>
                            {list.into_iter().map(|r| {
                                let state = r.state();
                                let what = match &r.act.kind {
                                    ActKind::Extension { target, .. } => format!("{} · {}", t.request_extension, target_label(&p, target, lang)),
                                    _ => t.request_closure.to_string(),
                                };
                                let label = if state == State::Pending { t.st_request_pending } else { flow_state(state, lang) };
                                let rid = r.act.id.clone();
                                let mine = c.reporter.with_untracked(|who| who.unit == r.act.unit) && state == State::Pending;
                                let comment = r.comment().to_string();
                                view! {
                                    <li class=format!("request state-{}", state.code())>
                                        <span class="state-chip">{label}</span>" "{what}
                                        {(!comment.is_empty()).then(|| view! { <span class="muted">{(t.paren)("", &format!("{}{}{comment}", t.opinion, t.colon))}</span> })}
                                        {mine.then(|| view! {
                                            <button class="button small" on:click=move |_| {
                                                let _ = flow_act(c, |rules, who, l, m| rules.withdraw(who, l, &rid, m));
                                            }>{t.withdraw}</button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                })
            }}
            <FlowLog id=id />
        </section>
    }
    .into_any()
}

/// One line of the 流转记录.
#[derive(Clone, Debug, PartialEq)]
struct LogLine {
    at: String,
    who: String,
    what: String,
    in_force: bool,
    /// The act its maker may still take back (撤回), shown to that unit.
    takes_back: Option<String>,
    /// 佐证材料 shown under the line: a month's report (its month-end) or a closure request (its id).
    evidence: Option<(Option<crate::domain::date::Date>, Option<String>)>,
}

#[component]
fn FlowLog(id: String) -> impl IntoView {
    let c = ctx();
    let id_for_files = id.clone();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let lines = Memo::new(move |_| {
        let flow = c.flow.get();
        c.with_evidence(|l| {
            let mut out: Vec<LogLine> = Vec::new();
            // What has files: months of reports and closure requests (their files shown once, under the
            // first line of each).
            let files = crate::domain::evidence::of_project(l, &id);
            let mut shown_months = std::collections::HashSet::new();
            // Reports: the entries of one unit for one month sent in the same minute are one line.
            let mut seen = std::collections::HashSet::new();
            for e in l.entries.values().filter(|e| e.project == id) {
                let minute = e.recorded_at.get(..16).unwrap_or_default().to_string();
                let month = month_of(e.as_of);
                if seen.insert((e.unit.clone(), month, minute.clone())) {
                    let month_end = crate::domain::date::Date::month_end(month.year, month.month);
                    let with_files = month_end.filter(|d| files.iter().any(|f| f.month == Some(*d)) && shown_months.insert(*d));
                    out.push(LogLine {
                        at: e.recorded_at.clone(),
                        who: format!("{} {}", e.unit, e.person),
                        what: (t.log_report)(&(t.month_label)(month.month)),
                        in_force: true,
                        takes_back: None,
                        evidence: with_files.map(|d| (Some(d), None)),
                    });
                }
            }
            let me = c.reporter.with(|r| r.unit.clone());
            let withdrawn: std::collections::HashSet<&str> = l
                .acts
                .values()
                .filter_map(|a| match &a.kind {
                    ActKind::Withdrawal { record } => Some(record.as_str()),
                    _ => None,
                })
                .collect();
            for a in l.acts.values().filter(|a| a.project == id) {
                let in_force = !withdrawn.contains(a.id.as_str()) && !flow.not_in_force.iter().any(|(x, _)| *x == a.id);
                let answered = flow.request(&a.id).is_some_and(|r| r.answer.is_some());
                let takes_back = (in_force && a.unit == me && !answered && !matches!(a.kind, ActKind::Withdrawal { .. })).then(|| a.id.clone());
                let evidence = (matches!(a.kind, ActKind::Closure { .. }) && files.iter().any(|f| f.request.as_deref() == Some(a.id.as_str()))).then(|| (None, Some(a.id.clone())));
                out.push(LogLine { at: a.recorded_at.clone(), who: format!("{} {}", a.unit, a.person), what: act_summary(a, lang), in_force, takes_back, evidence });
            }
            crate::domain::order::sort_by(&mut out, |a, b| a.at.cmp(&b.at));
            out
        })
    });
    view! {
        <section class="flow-log" aria-labelledby="flow-log-title">
            <h4 id="flow-log-title">{t.flow_log}</h4>
            <ol class="flow-log-list" aria-labelledby="flow-log-title">
                {move || lines.get().into_iter().map(|line| view! {
                    <li class:not-in-force=!line.in_force>
                        <time class="muted num">{crate::domain::flow::time_text(&line.at)}</time>
                        " "<span class="who">{line.who}</span>" "<span>{line.what}</span>
                        {line.takes_back.map(|id| view! {
                            <button class="button small" on:click=move |_| {
                                let _ = flow_act(c, |rules, who, l, m| rules.withdraw(who, l, &id, m));
                            }>{t.withdraw}</button>
                        })}
                        {line.evidence.map(|(month, request)| {
                            let project = id_for_files.clone();
                            match (month, request) {
                                (Some(d), _) => view! { <super::super::evidence::LazyThumbs project month=d /> }.into_any(),
                                (None, Some(r)) => view! { <super::super::evidence::LazyThumbs project request=r /> }.into_any(),
                                _ => ().into_any(),
                            }
                        })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
