//! The once-cell suite.
//!
//! One property, [`lock::checks::once::linearizable`](crate::lock::checks::once::linearizable):
//! threads race to initialise the cell, each with its own value, then read it; the
//! recorded calls must fit lincheck's [`Once`](crate::lincheck::models::Once) model (one
//! value, set once), so a second initialiser that stored or returned its own value shows.
//!
//! **Why these bounds suffice.** Two initialisers both run when the second checks the cell
//! between the first one's check and its store: two threads, one preemption (loom at bound
//! 2; PCT at depth 3 and random walks of three threads find it too).

use crate::Family;
use crate::check::budget::{LOCK_SUITE as BUDGET, RECORDED_LOOM_BOUND};
use crate::check::{Case, Suite};
use crate::lock::InitOnce;

/// The once-cell suite for one [`InitOnce`] type, given as its std, loom and shuttle
/// flavours: `once::linearizable::{loom, shuttle_pct, shuttle_random, stress}`.
///
/// ```
/// use synclab::lock::OnceCell;
///
/// let suite = synclab::conformance::once_cell::<
///     OnceCell<u32>,
///     synclab::loom::lock::OnceCell<u32>,
///     synclab::shuttle::lock::OnceCell<u32>,
/// >();
/// suite.only("shuttle_pct").run("doc_once_suite").unwrap();
/// ```
pub fn once_cell<S, L, Sh>() -> Suite
where
    S: InitOnce + 'static,
    L: InitOnce + 'static,
    Sh: InitOnce + 'static,
{
    use super::lock::fail;
    let mut suite = Suite::new("once");
    suite.push(Case::new(
        "once::linearizable::loom",
        Family::Lock,
        BUDGET.with_loom_bound(RECORDED_LOOM_BOUND).loom(),
        || fail(crate::loom::lock::checks::once::linearizable::<L>(2)),
    ));
    suite.push(Case::new(
        "once::linearizable::shuttle_pct",
        Family::Lock,
        BUDGET.shuttle_pct(),
        || fail(crate::shuttle::lock::checks::once::linearizable::<Sh>(3)),
    ));
    suite.push(Case::new(
        "once::linearizable::shuttle_random",
        Family::Lock,
        BUDGET.shuttle_random(),
        || fail(crate::shuttle::lock::checks::once::linearizable::<Sh>(3)),
    ));
    suite.push(Case::new(
        "once::linearizable::stress",
        Family::Lock,
        BUDGET.stress(),
        || fail(crate::lock::checks::once::linearizable::<S>(4)),
    ));
    suite
}
