//! Conformance suites: check *your* primitive the way synclab checks its own
//! (feature `conformance`).
//!
//! A suite is a list of [`Case`](crate::check::Case)s of one family's contract —
//! "`fetch_add` is linearizable", "two threads are never inside the lock together" — each
//! under one checker: loom, shuttle PCT, shuttle random, std stress and proptest. You
//! write your primitive once against a facade module (`use super::rt;`), compile it three
//! times, and hand the three flavours of your type to the suite. Two macros do the
//! plumbing (a layout over two files, so not a doctest; [`counter`] has a runnable
//! example, and `examples/conformance/` is the whole crate):
//!
//! ```text
//! // src/lib.rs: the std flavour, what you ship
//! pub use synclab::rt;
//! pub mod my_counter;          // my_counter.rs says `use super::rt;`
//!
//! // tests/conformance.rs: the same file against loom and against shuttle
//! synclab::flavours!(my_crate: my_counter => "../src/my_counter.rs");
//!
//! synclab::conformance_tests! {
//!     counter {
//!         my_counter => my_counter::MyCounter;
//!     }
//! }
//! // one #[test] per check: counter::my_counter::linearizable::{loom, shuttle_pct, ...}
//! ```
//!
//! [`flavours!`](crate::flavours) declares `std_flavour`, `loom_flavour` and
//! `shuttle_flavour` (the loom and shuttle ones compile your files again next to
//! `synclab::loom::rt` and `synclab::shuttle::rt`); [`conformance_tests!`](crate::conformance_tests)
//! writes one `#[test]` per check of the suite, named `SUITE::TYPE::PROPERTY::CHECKER`, or,
//! with `, caught_by [loom, shuttle_pct]`, one per checker that must catch a planted bug.
//! Without the macros, call a suite yourself:
//! `synclab::conformance::counter::<Std, Loom, Shuttle>().run("my_test")`.
//!
//! The properties the suites run are synclab's own (written once and compiled per
//! runtime, like your type), so the loom flavour of your type runs inside
//! `synclab::loom::*` code and so on.
//!
//! ## Running and reading a suite
//! [`Suite::run`] runs every check (after a failure too: which checkers catch a bug is
//! worth knowing) and returns a [`SuiteReport`], or a [`SuiteFailure`] whose `Display`
//! (and `Debug`, so that `.unwrap()` prints it) shows, per failing check, the smallest
//! failing scenario that shrinking found, the failure (for a recorded history, the
//! lincheck explanation) and the command that replays it. [`Suite::only`] keeps some
//! checks, so that each checker can be its own `#[test]`; `SYNCLAB_CHECK=<part of a check
//! name>` does the same from the command line, which is how the replay commands pick the
//! failing check. Under Miri the loom and shuttle checks are skipped (they cannot run
//! there) and the std checks shrink themselves.
//!
//! A lock that serves a fixed number of threads (Peterson's, Dekker's: 2) is checked with
//! [`raw_lock_threads`]`(2)`: no check runs more threads, and each thread of a check
//! reads its index with `rt::thread::index()` (0 on the main thread, which uses the lock
//! only after joining the others).
//!
//! | suite | checks |
//! |---|---|
//! | [`counter`](counter()) | `counter::linearizable::{loom, shuttle_pct, shuttle_random, stress, proptest}` |
//! | [`raw_lock`](raw_lock()) | `lock::exclusion::{loom, shuttle_pct, shuttle_random, stress}`, `lock::linearizable::{loom, shuttle_pct, shuttle_random}`, `lock::sequential::proptest` |
//! | [`semaphore`](semaphore()) | `semaphore::bound::{loom, shuttle_pct, shuttle_random, stress}`, `semaphore::releases::{loom, shuttle_pct, shuttle_random, stress}` (racing and excess releases), `semaphore::linearizable::{loom, shuttle_pct, shuttle_random}`, `semaphore::sequential::proptest` |
//! | [`raw_rwlock`] | `rwlock::exclusion::{loom, shuttle_pct, shuttle_random, stress}`, `rwlock::readers_overlap::{loom, shuttle_pct, shuttle_random}`, `rwlock::linearizable::{loom, shuttle_pct, shuttle_random}` |
//! | [`channel()`] | `channel::blocking::{loom, shuttle_pct, shuttle_random, stress}`, `channel::nonblocking::{shuttle_pct, shuttle_random}` |
//! | [`once_cell`] | `once::linearizable::{loom, shuttle_pct, shuttle_random, stress}` |
//! | [`queue`] | `queue::linearizable::{loom, shuttle_pct, shuttle_random, shuttle_urw, stress}` (an MPMC FIFO queue, through [`object`](mod@crate::object)) |
//! | [`spsc_queue`] | `spsc_queue::linearizable::{loom, shuttle_pct, shuttle_random, shuttle_urw, stress}` (only thread 0 pushes, only thread 1 pops) |
//! | [`stack`] | `stack::linearizable::{loom, shuttle_pct, shuttle_random, shuttle_urw, stress}` (a LIFO stack) |
//! | [`key_map`] | `key_map::linearizable::{loom, shuttle_pct, shuttle_random, shuttle_urw, stress}` (a map by key, checked key by key) |
//! | [`map()`] | `map::equals_sequential::{loom, shuttle_pct, shuttle_random, stress}`, `map::panic_propagates::{loom, shuttle_pct, shuttle_random, stress}`, `map::random_cases::proptest` |

mod catalogue;
mod channel;
mod collections;
mod counter;
mod lock;
mod macros;
mod map;
mod once;
mod rwlock;
mod semaphore;

pub use channel::channel;
pub use collections::{key_map, queue, spsc_queue, stack};
pub use counter::counter;
pub use lock::{raw_lock, raw_lock_threads};
pub use map::map;
pub use once::once_cell;
pub use rwlock::raw_rwlock;
pub use semaphore::semaphore;

pub use crate::check::{CaseOutcome, Suite, SuiteFailure, SuiteReport};

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};

use crate::check::{Checker, Failure, Replay, Report, Rerun};

/// Runs `body` on `cases` values of `strategy` through proptest, on std threads: the
/// `proptest` check of a suite. The seed is fixed, so a rerun sees the same cases, and
/// `SYNCLAB_ITERATIONS` sets the number of cases, as it sets every budget. A failing value
/// is shrunk by proptest and shown with `describe`.
pub(crate) fn proptest<V, St>(
    test: &str,
    cases: usize,
    strategy: St,
    describe: impl Fn(&V) -> String,
    body: impl Fn(V) -> Result<(), String>,
) -> Result<Report, Failure>
where
    St: Strategy<Value = V>,
{
    let checker = Checker::Stress { iterations: cases }.with_env_overrides();
    let Checker::Stress { iterations: cases } = checker else {
        unreachable!("overrides keep the checker kind")
    };
    let config = Config {
        cases: u32::try_from(cases).unwrap_or(u32::MAX),
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let runs = AtomicUsize::new(0);
    let start = Instant::now();
    let outcome = crate::check::inside_checker(|| {
        runner.run(&strategy, |value| {
            runs.fetch_add(1, Ordering::Relaxed);
            body(value).map_err(TestCaseError::fail)
        })
    });
    let executions = runs.load(Ordering::Relaxed);
    let message = match outcome {
        Ok(()) => {
            return Ok(Report {
                checker,
                executions,
                elapsed: start.elapsed(),
            });
        }
        Err(TestError::Fail(reason, value)) => format!(
            "proptest found a failing input and shrank it to:\n  {}\nIt fails with:\n  {}",
            describe(&value).replace('\n', "\n  "),
            reason.message().replace('\n', "\n  ")
        ),
        Err(TestError::Abort(reason)) => format!("proptest gave up: {}", reason.message()),
    };
    Err(Failure {
        checker,
        message,
        executions,
        replay: Replay::Proptest {
            rerun: Rerun::of(test),
        },
        trace: None,
    })
}

/// Per-thread programs, one line per thread: `thread 0: [FetchAdd(1), Get]`.
pub(crate) fn describe_programs<P: fmt::Debug>(programs: &[Vec<P>]) -> String {
    let lines: Vec<String> = programs
        .iter()
        .enumerate()
        .map(|(t, ops)| format!("thread {t}: {ops:?}"))
        .collect();
    lines.join("\n")
}
