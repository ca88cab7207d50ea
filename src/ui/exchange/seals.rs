//! 数据交换 → 签名记录: checks every unit's signatures over its records (WebCrypto) against the keys
//! trusted here, and shows per unit how many of its records a verified signature proves: what the
//! office shows when asked who sent a figure, whether it came in a file or through sync.

use super::super::signing;
use super::super::state::ctx;
use crate::domain::messages::seal_problems;
use crate::domain::seal::{self, SealState, UnitSeals};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn SealsPanel() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let count = Memo::new(move |_| c.ledger.with(|l| l.seals.len()));
    let result = RwSignal::new(None::<(Vec<UnitSeals>, usize, usize)>);
    let busy = RwSignal::new(false);
    // A result is of the ledger it was checked on.
    Effect::new(move |_| {
        let _ = c.ledger.with(|l| l.len());
        result.set(None);
    });
    let check = move |_| {
        busy.set(true);
        spawn_local(async move {
            c.evidence_read().await;
            let ring = signing::ring();
            let work: Vec<_> = c.ledger.with_untracked(|l| seal::seals(l).map(|s| { let check = seal::to_check(l, &s); (s, check) }).collect());
            let mut judged = Vec::with_capacity(work.len());
            for (s, check) in &work {
                let checked = match check {
                    Ok((key, content)) => signing::verify_content(key, content, &s.value).await,
                    Err(_) => false,
                };
                judged.push((s.id.clone(), seal::judge(s, check, checked, &ring)));
            }
            let ok = judged.iter().filter(|(_, s)| *s == SealState::Verified).count();
            let units = c.ledger.with_untracked(|l| seal::summary(l, &judged)).into_iter().filter(|u| u.seals > 0).collect();
            let _ = result.try_set(Some((units, ok, judged.len() - ok)));
            let _ = busy.try_set(false);
        });
    };
    view! {
        <section class="panel seals-panel" aria-labelledby="seals-title">
            <h3 id="seals-title">{t.seals_heading}</h3>
            <p class="muted">{t.seals_intro}</p>
            {move || if count.get() == 0 {
                view! { <p class="muted">{t.seals_none}</p> }.into_any()
            } else {
                view! {
                    <button class="button" disabled=move || busy.get() || !signing::available() on:click=check>{t.seals_check}</button>
                }.into_any()
            }}
            <p role="status" class="muted">{move || result.with(|r| r.as_ref().map(|(_, ok, bad)| (t.seals_result)(ok + bad, *ok, *bad)))}</p>
            {move || result.with(|r| r.as_ref().filter(|(units, _, _)| !units.is_empty()).map(|(units, _, _)| view! {
                <table class="seal-list" aria-label=t.seals_heading>
                    <thead><tr>
                        <th scope="col">{t.key_unit}</th>
                        <th scope="col" class="num">{t.seals_heading}</th>
                        <th scope="col" class="num">{t.seals_records}</th>
                        <th scope="col" class="num">{t.seals_proven}</th>
                        <th scope="col">{t.seals_problems}</th>
                    </tr></thead>
                    <tbody>
                        {units.iter().map(|u| view! {
                            <tr>
                                <th scope="row">{u.unit.clone()}</th>
                                <td class="num">{u.seals}</td>
                                <td class="num">{u.records}</td>
                                <td class="num">{u.proven}</td>
                                <td class:sign-bad=!u.failed.is_empty()>{seal_problems(&u.failed, lang)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }))}
        </section>
    }
}
