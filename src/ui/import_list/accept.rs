//! A list accepted in 导入清单: the same list already loaded is shown; a new one joins the lists
//! (kept in this browser) and is shown, the others staying selectable.

use super::super::state::{Ctx, Level, PlanSource};
use super::super::storage;
use crate::domain::import::{place, Placement};
use crate::domain::messages::Note;
use crate::domain::plan::Plan;
use crate::domain::view_state::View;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

pub(super) fn accept_list(c: Ctx, mut plan: Plan) {
    let existing = c.plans.get_untracked();
    match place(&plan, existing.iter().map(|p| &*p.plan)) {
        Placement::Same { id } => {
            c.notify(Level::Info, Note::SameList);
            c.update_view(|v| {
                v.plan = Some(id);
                v.view = View::List;
            });
        }
        Placement::New { id } => {
            plan.id = id.clone();
            let mut imported: Vec<Plan> = existing.iter().filter(|p| p.imported).map(|p| (*p.plan).clone()).collect();
            imported.push(plan.clone());
            spawn_local(async move {
                if storage::store_imported_plans(&imported).await.is_err() {
                    c.notify(Level::Warning, Note::ListNotStored);
                }
            });
            c.plans.update(|ps| ps.push(PlanSource { plan: Arc::new(plan), imported: true, sync: None }));
            c.update_view(|v| {
                v.plan = Some(id);
                v.view = View::List;
                v.project = None;
                v.report_date = None;
                v.filters = Default::default();
            });
            c.notify(Level::Info, Note::ListImported);
        }
    }
}
