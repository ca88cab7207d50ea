//! The user's actions on the ledger, applied to the app's state: each calls the core's rule
//! (`domain::actions`) with the browser's ids and clock, and keeps the change for undo. A refused
//! action (no reporting unit) says why and changes nothing.

use super::env::BrowserMinter;
use super::state::{Ctx, Level};
use crate::domain::actions::{ActionError, Change, NewEntry, Reporter};
use crate::domain::plan::Plan;
use crate::domain::supervision::Draft;
use crate::domain::messages::Note;
use leptos::prelude::*;

fn refused(c: Ctx, e: ActionError) {
    match e {
        ActionError::NoUnit => c.notify(Level::Error, Note::NeedUnit),
        // The entry went away (another tab's merge cannot remove entries, so this is a stale view).
        ActionError::UnknownEntry => {}
    }
}

/// Applies a ledger action; a change it returns goes on the undo stack.
fn apply(c: Ctx, act: impl FnOnce(&mut crate::domain::ledger::Ledger, &mut BrowserMinter) -> Result<Option<Change>, ActionError>) -> bool {
    let mut result = Ok(None);
    c.ledger.update(|l| result = act(l, &mut BrowserMinter));
    match result {
        Ok(change) => {
            if let Some(change) = change {
                c.undo.update(|u| u.push(change));
            }
            true
        }
        Err(e) => {
            refused(c, e);
            false
        }
    }
}

/// Records entries as one undoable change; `false` when refused.
pub fn record(c: Ctx, entries: Vec<NewEntry>) -> bool {
    let who = c.reporter.get_untracked();
    apply(c, |l, m| l.record(&who, entries, m).map(Some))
}

pub fn delete(c: Ctx, entry: &str) {
    let who = c.reporter.get_untracked();
    apply(c, |l, m| l.delete(&who, entry, m).map(Some));
}

/// Reverts the last change of this session; `false` when there was none or it was refused.
pub fn undo(c: Ctx) -> bool {
    let who = c.reporter.get_untracked();
    let Some(change) = c.undo.with_untracked(|u| u.last().cloned()) else { return false };
    let done = apply(c, |l, m| l.undo(&who, &change, m).map(|_| None));
    if done {
        c.undo.update(|u| {
            u.pop();
        });
    }
    done
}

pub fn decide(c: Ctx, entry: &str, accept: bool) {
    let who = c.reporter.get_untracked();
    apply(c, |l, m| l.decide(&who, entry, accept, m).map(|()| None));
}

/// Numbers and registers the 督办单 among `drafts` not numbered yet, issued by `office`: the drafts with
/// their numbers, or `None` when refused (no issuing office). Issued notices keep their numbers: the
/// register is append-only, so the change is not on the undo stack.
pub fn issue_notices(c: Ctx, plan: &Plan, drafts: &[Draft], office: &str) -> Option<Vec<Draft>> {
    let person = c.reporter.with_untracked(|r| r.person.clone());
    let who = Reporter::new(office, &person);
    let mut numbered = None;
    apply(c, |l, m| {
        numbered = Some(l.issue_notices(&who, plan, drafts, m)?);
        Ok(None)
    })
    .then_some(())?;
    numbered
}

/// A record of the review loop, made by the reporting unit under the core's rules
/// (`domain::flow::Rules`): `Err` with the refusal in words, and nothing changed, when refused.
pub fn flow_act(
    c: Ctx,
    make: impl FnOnce(&crate::domain::flow::Rules, &Reporter, &crate::domain::ledger::Ledger, &mut BrowserMinter) -> Result<crate::domain::ledger::Act, crate::domain::flow::FlowError>,
) -> Result<String, String> {
    if !c.loop_ready.get_untracked() {
        c.want_loop();
        return Err(c.lang.get_untracked().t().loop_loading.to_string());
    }
    let who = c.reporter.get_untracked();
    let (plan, adjusted, flow) = (c.baseline.get_untracked(), c.plan.get_untracked(), c.flow.get_untracked());
    let cross_year = c.settings.with_untracked(|s| s.cross_year);
    let rules = crate::domain::flow::Rules { plan: &plan, adjusted: &adjusted, flow: &flow, cross_year };
    let act = c
        .ledger
        .with_untracked(|l| make(&rules, &who, l, &mut BrowserMinter))
        .map_err(|e| crate::domain::messages::flow_error(&e, c.lang.get_untracked()))?;
    let id = act.id.clone();
    c.ledger.update(|l| l.add_act(act));
    Ok(id)
}
