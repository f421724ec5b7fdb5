//! Quiet checkers: the panics a checker provokes and catches are not printed.
//!
//! A checker makes scenarios fail on purpose, and catches them: loom and shuttle abandon
//! an execution by panicking, every failing execution of a planted bug panics, shrinking
//! and the sensitivity matrix run thousands of failing executions, and the map and pool
//! checks make a closure panic in every execution to see the panic reach the caller.
//! Printed, each would be a "thread panicked" block on stderr (and, with
//! `RUST_BACKTRACE` set, a captured backtrace: most of their cost). What a failure means
//! is reported once, by the [`Failure`](super::Failure) the run returns.
//!
//! So synclab installs one panic hook (once per process) that prints nothing for a panic
//! raised while this thread is inside a checker run ([`inside_checker`]) or whose
//! payload is a [`PlannedPanic`], and hands every other panic to the hook that was
//! installed before. shuttle installs a reporting hook of its own the first time it runs
//! (it prints the schedule of every failing execution, and reads its execution state,
//! which does not exist on other threads); [`install`] makes shuttle do that at once and
//! removes it again, so that shuttle's failures are reported once too, by synclab.

use std::cell::Cell;
use std::sync::Once;

/// The payload of a panic raised on purpose by a check: the index of the item (or job)
/// whose closure panicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedPanic(pub usize);

thread_local! {
    /// How many checker runs this thread is inside (they nest: shrinking inside a suite).
    static INSIDE: Cell<usize> = const { Cell::new(0) };
}

/// Installs the quiet hook (once per process; see the [module docs](self)).
pub(crate) fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The hook from before: the default one, or the test harness's.
        let previous = std::panic::take_hook();
        // (Never under Miri: shuttle cannot run there, so its hook never comes.)
        #[cfg(all(feature = "shuttle", not(miri)))]
        let_shuttle_install_its_hook();
        std::panic::set_hook(Box::new(move |info| {
            let quiet = INSIDE.get() > 0 || info.payload().is::<PlannedPanic>();
            if !quiet {
                previous(info);
            }
        }));
    });
}

/// Runs `f` (a checker run) with the panics on this thread kept quiet.
pub(crate) fn inside_checker<R>(f: impl FnOnce() -> R) -> R {
    /// Leaves the checker on return and on unwind alike.
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            INSIDE.set(INSIDE.get() - 1);
        }
    }
    install();
    INSIDE.set(INSIDE.get() + 1);
    let _leave = Leave;
    f()
}

/// Makes shuttle install its panic hook now (it does so once per process, in its first
/// run) and drops it: synclab reports shuttle's failures itself. For the microseconds
/// this takes, a panic on another thread is not printed.
#[cfg(all(feature = "shuttle", not(miri)))]
fn let_shuttle_install_its_hook() {
    let scheduler = ::shuttle::scheduler::RandomScheduler::new(1);
    ::shuttle::Runner::new(scheduler, super::shuttle::quiet_config()).run(|| {});
    drop(std::panic::take_hook());
}
