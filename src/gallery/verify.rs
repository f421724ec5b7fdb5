//! What the docs claim about a bug, checked: [`verify_claim`] and [`verify_fixed`].
//!
//! `cargo test` runs both for every bug and column (the `models` package's `cases`
//! harness: `gallery::counter_load_store::shuttle_pct_d2`, `gallery::lock_barging::fixed`),
//! so a claim in `docs/gallery.md` that stops holding fails the build.

use super::{Bug, COLUMNS, Cell, Claim, Column};
use crate::check::{self, Checker};

/// Checks the docs' claim for `bug` under `column`: `Found` must hold for every seed,
/// `Missed` for none, `NotRun` means the checker does not run it. A bug found by a model
/// checker must also be reported with one of its [`symptoms`](Bug::symptoms), carry its
/// failing execution as a per-thread table, and replay: fail again in one execution
/// along the same path.
///
/// # Errors
/// What was measured instead of what was claimed.
pub fn verify_claim(bug: &Bug, column: &Column) -> Result<(), String> {
    let index = COLUMNS
        .iter()
        .position(|c| c.name == column.name)
        .ok_or_else(|| format!("{} is not a column of the matrix", column.name))?;
    let claim = bug.claims[index];
    let cell = Cell::measure(bug, column);
    match claim {
        Claim::Unclaimed if cell.runs == 0 => {
            return Err(format!("{}: the scenario did not run", bug.name));
        }
        Claim::Unclaimed => {}
        _ if !cell.agrees_with(claim) => {
            return Err(format!(
                "{} under {}: measured {}, the docs claim {claim:?}",
                bug.name,
                column.name,
                cell.text()
            ));
        }
        _ => {}
    }
    if claim == Claim::Found && column.checker.is_model() {
        explained_and_replayable(bug, column.checker)?;
    }
    Ok(())
}

/// The failure carries its execution as a table, and its replay fails at once, along the
/// same path.
fn explained_and_replayable(bug: &Bug, checker: Checker) -> Result<(), String> {
    let failure = match bug.check(checker) {
        Some(Err(failure)) => failure,
        _ => return Err(format!("{}: {checker} found it once, not again", bug.name)),
    };
    if !bug.symptoms.iter().any(|s| failure.message.contains(s)) {
        return Err(format!(
            "{}: the failure does not say any of {:?}:\n{failure}",
            bug.name, bug.symptoms
        ));
    }
    let trace = failure
        .trace
        .as_ref()
        .ok_or_else(|| format!("{}: no per-thread table recorded:\n{failure}", bug.name))?;
    if trace.threads().len() < 2 {
        return Err(format!(
            "{}: the table shows one thread only:\n{trace}",
            bug.name
        ));
    }
    if !trace.table().contains(" step | thread") {
        return Err(format!("{}: no table header:\n{trace}", bug.name));
    }
    let scenario = bug.scenario(checker).expect("it ran above");
    let test = bug.test_name(checker);
    let replayed = if let Some(file) = failure.replay.checkpoint() {
        check::replay_loom(&test, checker, file, scenario)
    } else if let Some(schedule) = failure.replay.schedule() {
        check::replay_shuttle(&test, checker, schedule, scenario)
    } else {
        return Err(format!("{}: no replay: {}", bug.name, failure.replay));
    };
    let Err(replayed) = replayed else {
        return Err(format!("{}: the replay passed", bug.name));
    };
    if replayed.executions != 1 {
        return Err(format!(
            "{}: the replay ran {} executions, not one",
            bug.name, replayed.executions
        ));
    }
    // The same steps (addresses aside: every run allocates anew).
    let path = |t: &Option<crate::trace::Trace>| {
        t.as_ref().map(|t| {
            t.steps
                .iter()
                .map(|s| (s.thread, s.op, s.location))
                .collect::<Vec<_>>()
        })
    };
    if path(&replayed.trace) != path(&failure.trace) {
        return Err(format!("{}: the replay took another path", bug.name));
    }
    Ok(())
}

/// Checks that the fixed twin passes every model checker that the docs claim finds the
/// bug.
///
/// # Errors
/// The fixed twin's failure.
pub fn verify_fixed(bug: &Bug) -> Result<(), String> {
    for (column, claim) in COLUMNS.iter().zip(bug.claims) {
        if claim != Claim::Found {
            continue;
        }
        if let Some(fixed) = bug.fixed(column.checker) {
            let test = format!("gallery::{}::fixed", bug.name);
            check::run(&test, column.checker, fixed)
                .map_err(|failure| format!("{test} under {}: {failure}", column.name))?;
        }
    }
    Ok(())
}
