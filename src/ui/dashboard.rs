//! 总览: counts by status, progress by category and by lead unit, plan-vs-actual for any indicator,
//! and the unit ranking. Honours the list's filters. Charts are `domain::charts`; figures are
//! `domain::dashboard` and `domain::status`.

use super::chart::SvgChart;
use super::shared::Shape;
use super::state::ctx;
use crate::domain::charts::{completion_chart, plan_vs_actual, status_chart, CurveText};
use crate::domain::dashboard::{by_category, indicator_menu, indicator_series, quantitative_indicators, MENU_LIMIT};
use crate::domain::messages::{light_label, month_name, percent};
use crate::domain::status::{rank_units, Counts, Light, Settings};
use crate::domain::svg::Svg;
use leptos::prelude::*;

#[component]
pub fn Dashboard() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let counts = Memo::new(move |_| c.statuses.with(|s| c.rows.with(|rows| Counts::of(rows.iter().map(|&i| &s[i].light)))));
    let flags = Memo::new(move |_| {
        c.statuses.with(|s| {
            c.rows.with(|rows| {
                let soon = rows.iter().filter(|&&i| !s[i].due_soon.is_empty()).count();
                let warn = rows.iter().filter(|&&i| s[i].early_warning.is_some()).count();
                let closed = rows.iter().filter(|&&i| s[i].marks.closed).count();
                let moved = rows.iter().filter(|&&i| s[i].marks.moved).count();
                (soon, warn, closed, moved)
            })
        })
    });
    let status_svg = Signal::derive(move || {
        let lang = c.lang.get();
        let labels: Vec<(Light, String)> = Light::ALL.iter().map(|l| (*l, light_label(*l, false, lang).to_string())).collect();
        status_chart(lang.t().chart_status, &counts.get(), &labels, lang.t().count_unit, 680)
    });
    let category_svg = Signal::derive(move || {
        let lang = c.lang.get();
        let plan = c.plan.get();
        let items: Vec<(String, f64)> = c.statuses.with(|s| {
            c.rows.with(|rows| by_category(&plan, s, rows).into_iter().map(|g| (g.label, g.mean_completion)).collect())
        });
        completion_chart(lang.t().chart_by_category, &items, 680)
    });
    let ranks = Memo::new(move |_| {
        let plan = c.plan.get();
        c.statuses.with(|s| c.rows.with(|rows| rank_units(&plan, s, rows)))
    });
    let unit_svg = Signal::derive(move || {
        let lang = c.lang.get();
        let mut items: Vec<(String, f64)> = ranks.get().into_iter().map(|r| (r.unit, r.mean_completion)).collect();
        crate::domain::order::sort_by(&mut items, |a, b| b.1.total_cmp(&a.1));
        completion_chart(lang.t().chart_by_unit, &items, 680)
    });
    let indicators = Memo::new(move |_| {
        let plan = c.plan.get();
        c.rows.with(|rows| {
            quantitative_indicators(&plan, rows)
                .into_iter()
                .map(|(p, i)| (format!("{p}:{i}"), format!("{} · {}", plan.projects[p].name, plan.projects[p].indicators[i].name)))
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(String::new());
    // The menu lists at most `MENU_LIMIT` indicators; beyond that the user types to narrow them.
    let find = RwSignal::new(String::new());
    let labels = Memo::new(move |_| indicators.with(|is| is.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>()));
    let menu = Memo::new(move |_| {
        let chosen_at = chosen.with(|cur| indicators.with(|is| is.iter().position(|(k, _)| k == cur)));
        labels.with(|ls| indicator_menu(ls, &find.get(), chosen_at, MENU_LIMIT))
    });
    let curve_svg = Signal::derive(move || {
        let lang = c.lang.get();
        let plan = c.plan.get();
        // The one chosen while the menu lists it, else the first it lists.
        let key = chosen.get();
        let key = menu.with(|(listed, _)| {
            indicators.with(|is| {
                let listed_key = |k: usize| is.get(k).map(|(key, _)| key.clone());
                listed.iter().find_map(|&k| listed_key(k).filter(|x| *x == key)).or_else(|| listed.first().and_then(|&k| listed_key(k))).unwrap_or_default()
            })
        });
        let Some((p, i)) = key.split_once(':').and_then(|(p, i)| Some((p.parse::<usize>().ok()?, i.parse::<usize>().ok()?))) else {
            return Svg::default();
        };
        let (Some(project), date) = (plan.projects.get(p), c.report_date.get()) else { return Svg::default() };
        let Some(ind) = project.indicators.get(i) else { return Svg::default() };
        let series = c.ledger_view.with(|v| indicator_series(project, ind, v, date));
        let months: [String; 12] = std::array::from_fn(|m| month_name(m as u8 + 1, lang));
        let title = format!("{} · {}", lang.t().chart_plan_vs_actual, ind.name);
        let text = CurveText {
            title: &title,
            planned: lang.t().planned,
            reported: lang.t().reported,
            report_date: lang.t().report_date,
            unit: &ind.unit,
            months,
        };
        plan_vs_actual(&text, plan.year, &series.planned, &series.reported, ind.target.unwrap_or(0.0), date, 1000, 440)
    });
    let tile = move |light: Light| {
        view! {
            <div class=format!("tile tile-{}", light.code())>
                <div class="tile-label"><Shape light />" "{move || light_label(light, false, c.lang.get())}</div>
                <div class="tile-value num">{move || counts.get().get(light)}</div>
            </div>
        }
    };
    view! {
        <section class="dashboard" aria-labelledby="dash-title">
            <div class="dash-head">
                <h2 id="dash-title" class="view-title">{t.view_dashboard}</h2>
                <p class="muted">
                    {move || (t.dash_scope)(c.rows.with(|r| r.len()), &c.report_date.get().to_string())}
                </p>
            </div>
            <div class="tiles">
                {tile(Light::Done)}
                {tile(Light::OnTrack)}
                {tile(Light::Behind)}
                {tile(Light::Serious)}
                {tile(Light::NotReported)}
                <div class="tile tile-flag">
                    <div class="tile-label">{t.due_soon}</div>
                    <div class="tile-value num">{move || flags.get().0}</div>
                </div>
                <div class="tile tile-flag">
                    <div class="tile-label">{t.early_warning}</div>
                    <div class="tile-value num">{move || flags.get().1}</div>
                </div>
                <div class="tile tile-flag tile-closed" role="group" aria-label=t.mark_closed>
                    <div class="tile-label">{t.mark_closed}</div>
                    <div class="tile-value num">{move || flags.get().2}</div>
                </div>
                <div class="tile tile-flag tile-moved" role="group" aria-label=t.mark_moved>
                    <div class="tile-label">{t.mark_moved}</div>
                    <div class="tile-value num">{move || flags.get().3}</div>
                </div>
            </div>
            <div class="chart-grid">
                <SvgChart svg=status_svg name="status".to_string() label=t.chart_status.to_string() />
                <SvgChart svg=category_svg name="by-category".to_string() label=t.chart_by_category.to_string() />
            </div>
            <section class="panel">
                <label class="field inline">
                    <span class="field-label">{t.chart_indicator}</span>
                    <select aria-label=t.chart_indicator on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {move || {
                            let (listed, _) = menu.get();
                            indicators.with(|is| listed.into_iter().filter_map(|k| is.get(k).cloned()).map(|(k, label)| {
                                let selected = chosen.with(|cur| *cur == k);
                                view! { <option value=k selected=selected>{label}</option> }
                            }).collect_view())
                        }}
                    </select>
                </label>
                {move || (indicators.with(Vec::len) > MENU_LIMIT).then(|| view! {
                    <label class="field inline">
                        <span class="field-label">{t.find_indicator}</span>
                        <input type="search" aria-label=t.find_indicator prop:value=move || find.get()
                            on:input=move |ev| find.set(event_target_value(&ev)) />
                    </label>
                    <p class="muted">{move || { let (listed, total) = menu.get(); (listed.len() < total).then(|| (t.indicators_listed)(listed.len(), total)) }}</p>
                })}
                <Show
                    when=move || !indicators.with(Vec::is_empty)
                    fallback=move || view! { <p class="muted">{t.no_indicator_in_view}</p> }
                >
                    <SvgChart svg=curve_svg name="plan-vs-actual".to_string() label=t.chart_plan_vs_actual.to_string() />
                </Show>
            </section>
            <Thresholds />
            <div class="chart-grid">
                <SvgChart svg=unit_svg name="by-lead-unit".to_string() label=t.chart_by_unit.to_string() />
                <section class="panel ranking" aria-labelledby="ranking-title">
                    <h3 id="ranking-title">{t.unit_ranking}</h3>
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col" class="num">"#"</th>
                                <th scope="col">{t.col_lead_unit}</th>
                                <th scope="col" class="num">{t.projects}</th>
                                <th scope="col" class="num">{t.on_track_share}</th>
                                <th scope="col" class="num">{t.mean_completion}</th>
                                <th scope="col">{t.by_status}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let lang = c.lang.get();
                                ranks.get().into_iter().enumerate().map(|(k, r)| view! {
                                    <tr>
                                        <td class="num">{k + 1}</td>
                                        <td>{r.unit.clone()}</td>
                                        <td class="num">{r.projects}</td>
                                        <td class="num">{percent(r.on_track_share)}</td>
                                        <td class="num">{percent(r.mean_completion)}</td>
                                        <td class="mini-counts">
                                            {Light::ALL.into_iter().filter(|l| r.counts.get(*l) > 0).map(|l| view! {
                                                <span class=format!("mini light-{}", l.code()) title=light_label(l, false, lang)>
                                                    <Shape light=l />{r.counts.get(l)}
                                                </span>
                                            }).collect_view()}
                                        </td>
                                    </tr>
                                }).collect_view()
                            }}
                        </tbody>
                    </table>
                </section>
            </div>
        </section>
    }
}

/// 阈值设置: the status thresholds, remembered in this browser.
#[component]
fn Thresholds() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let field = move |label: &'static str, get: fn(&Settings) -> f64, put: fn(&mut Settings, f64)| {
        view! {
            <label class="field">
                <span class="field-label">{label}</span>
                <input
                    type="number"
                    min="0"
                    aria-label=label
                    prop:value=move || c.settings.with(get).to_string()
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                            c.settings.update(|s| {
                                put(s, v);
                                *s = s.clamped();
                            });
                            c.settings.with_untracked(super::storage::store_settings);
                        }
                    }
                />
            </label>
        }
    };
    view! {
        <details class="panel thresholds">
            <summary>{t.thresholds}</summary>
            <div class="row">
                {field(t.tolerance_percent, |s| (s.shortfall_tolerance * 100.0).round(), |s, v| s.shortfall_tolerance = v / 100.0)}
                {field(t.grace_days, |s| s.step_grace_days as f64, |s, v| s.step_grace_days = v.round() as i64)}
                {field(t.due_soon_days, |s| s.due_soon_days as f64, |s, v| s.due_soon_days = v.round() as i64)}
                <button class="button" on:click=move |_| {
                    c.settings.set(Settings::default());
                    super::storage::store_settings(&Settings::default());
                }>{t.restore_defaults}</button>
            </div>
        </details>
    }
}
