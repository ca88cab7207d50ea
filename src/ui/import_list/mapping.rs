//! 列映射: each column of the header with an example, a select of what it means and why it was guessed.

use super::super::state::ctx;
use crate::domain::messages::{basis_name, role_name};
use crate::domain::table::{Basis, Mapping, Role, Sheet};
use leptos::prelude::*;

/// Up to 40 characters of the first non-empty cell under each column: what the column holds.
pub(super) fn samples(sheet: &Sheet, mapping: &Mapping) -> Vec<String> {
    (0..mapping.columns.len())
        .map(|i| {
            sheet.rows.iter().skip(mapping.header_row + 1).filter_map(|r| r.cells.get(i)).map(|c| c.trim()).find(|c| !c.is_empty()).map_or_else(String::new, |c| {
                let short: String = c.chars().take(40).collect();
                if short.len() < c.len() { format!("{short}…") } else { short }
            })
        })
        .collect()
}


/// 列映射: each column of the header with an example and a select of what it means.
#[component]
pub(super) fn ColumnMapping(headers: Vec<String>, samples: Vec<String>, roles: Signal<Vec<Role>>, bases: Signal<Vec<Basis>>, on_role: Callback<(usize, Role)>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let choices = Role::choices();
    view! {
        <section class="panel column-mapping" role="region" aria-labelledby="mapping-title">
            <h3 id="mapping-title">{t.mapping_title}</h3>
            <p class="muted">{t.mapping_hint}</p>
            <table class="data-table mapping-table">
                <thead><tr>
                    <th scope="col">{t.col_header}</th>
                    <th scope="col">{t.col_sample}</th>
                    <th scope="col">{t.col_meaning}</th>
                    <th scope="col">{t.col_basis}</th>
                </tr></thead>
                <tbody>
                    {headers.into_iter().enumerate().map(|(i, header)| {
                        let header = if header.is_empty() { (t.column_n)(i + 1) } else { header };
                        let choices = choices.clone();
                        let is = move |r: Role| roles.with(|all| all.get(i) == Some(&r));
                        view! {
                            <tr class:ignored=move || is(Role::Ignore)>
                                <th scope="row">{header.clone()}</th>
                                <td class="muted sample">{samples.get(i).cloned().unwrap_or_default()}</td>
                                <td>
                                    <select aria-label=(t.meaning_of)(&header) on:change=move |ev| {
                                        let code = event_target_value(&ev);
                                        if let Some(role) = Role::choices().into_iter().find(|r| r.code() == code) {
                                            on_role.run((i, role));
                                        }
                                    }>
                                        {choices.into_iter().map(|r| view! {
                                            <option value=r.code() prop:selected=move || is(r)>{role_name(r, lang)}</option>
                                        }).collect_view()}
                                    </select>
                                </td>
                                <td class="muted basis">{move || bases.with(|b| b.get(i).map(|b| basis_name(*b, lang)))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
