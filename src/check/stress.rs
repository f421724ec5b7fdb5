//! std stress: the scenario on real threads, many times, with a watchdog for hangs.
//!
//! A model checker sees every thread block and reports a deadlock at once. Real threads
//! that deadlock just sleep, and a test that waits for them waits forever. So the runs
//! happen on a runner thread while the calling thread watches; a hang is never a pass,
//! and this is the one place where synclab puts a time limit on a check.
//!
//! ## The watchdog's rule
//! *Progress* is a run finishing. While runs finish, nothing is looked at. When none has
//! finished for a while, the watchdog looks at the scenario's threads through the OS
//! ([`os_threads`](super::os_threads): the runner and every thread it spawned, which
//! carry its name):
//!
//! | what the threads do | reported after | as |
//! |---|---|---|
//! | all blocked: none running, none using CPU time | [`STRESS_STALL`] of watching (from the first look) in which no run finished, no thread ran and no thread came or went | `hang: ...` with each thread and what it waits in |
//! | running (spinning, or just slow), or the OS does not say | `STRESS_STALL` × [`NO_PROGRESS_FACTOR`] without a run finishing | `no progress: ...` |
//!
//! A slow but progressing run is not reported: on a busy machine its threads are
//! running or waiting for a CPU (state `R`) or using CPU time, which resets the stall
//! clock; the long bound only ends runs that go nowhere for a minute. A run that
//! legitimately sleeps longer than the stall bound needs `SYNCLAB_STALL_SECS`.
//!
//! A thread cannot be killed: the reported threads stay where they are (blocked ones
//! parked for good, spinning ones spinning) and are leaked, with the scenario they run.
//! `check::run` returns the failure; the test fails with it instead of hanging.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::budget::{NO_PROGRESS_FACTOR, STRESS_STALL};
use super::os_threads::{self, OsThread};
use super::{Checker, Failure, Replay, Rerun, inside_checker, panic_message};

/// How often the watchdog looks, once no run has finished for a while.
const POLL: Duration = Duration::from_millis(100);

/// What the runner shares with the watchdog.
#[derive(Default)]
struct Shared {
    /// Runs finished so far (the progress the watchdog watches).
    finished: AtomicUsize,
    /// The runner's own OS thread id, once it is running.
    tid: Mutex<Option<u32>>,
    /// How the runs ended: `Ok(runs)`, or the failing run and its panic message.
    outcome: Mutex<Option<Result<usize, (usize, String)>>>,
    ended: Condvar,
}

/// Runs `scenario` `iterations` times on real threads (see the [module docs](self)).
pub(crate) fn stress<F>(
    test: &str,
    checker: Checker,
    iterations: usize,
    scenario: F,
) -> Result<usize, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    let stall = super::config::Overrides::current()
        .stall_secs
        .map_or(STRESS_STALL, |s| Duration::from_secs(s.max(1)));
    stress_with(test, checker, iterations, stall, scenario)
}

/// [`stress`] with the stall bound `stall`.
fn stress_with<F>(
    test: &str,
    checker: Checker,
    iterations: usize,
    stall: Duration,
    scenario: F,
) -> Result<usize, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    let failure = |executions: usize, message: String| Failure {
        checker,
        // Not shrunk: a long message (a history of thousands of calls) is cut.
        message: super::outcome::cut(test, message),
        executions,
        replay: Replay::Stress {
            rerun: Rerun::of(test),
        },
        trace: None,
    };
    if cfg!(miri) {
        // Miri reports a deadlock itself, and its clock is virtual: run inline.
        for i in 1..=iterations {
            if let Err(payload) = catch_unwind(AssertUnwindSafe(&scenario)) {
                return Err(failure(i, panic_message(&*payload)));
            }
        }
        return Ok(iterations);
    }

    static RUNNERS: AtomicUsize = AtomicUsize::new(0);
    // At most 15 bytes: Linux keeps no more of a thread's name.
    let name = format!("synclab-{}", RUNNERS.fetch_add(1, Relaxed) % 10_000_000);
    let shared = Arc::new(Shared::default());
    let runner = Arc::clone(&shared);
    let spawned = std::thread::Builder::new()
        .name(name.clone())
        .spawn(move || {
            *runner.tid.lock().unwrap_or_else(PoisonError::into_inner) = os_threads::current_tid();
            let outcome = inside_checker(|| {
                for i in 1..=iterations {
                    if let Err(payload) = catch_unwind(AssertUnwindSafe(&scenario)) {
                        return Err((i, panic_message(&*payload)));
                    }
                    runner.finished.store(i, Relaxed);
                }
                Ok(iterations)
            });
            *runner
                .outcome
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(outcome);
            runner.ended.notify_all();
        });
    let runner = match spawned {
        Ok(runner) => runner,
        Err(error) => {
            let message = format!("could not start the stress runner: {error}");
            return Err(failure(0, message));
        }
    };
    match watch(&shared, &name, stall, iterations) {
        Ok(outcome) => {
            // It has handed over its outcome and is returning: no thread is left behind.
            let _ = runner.join();
            outcome.map_err(|(i, message)| failure(i, message))
        }
        // The runner is stuck in the scenario: it is leaked, with the threads it spawned.
        Err((run, message)) => Err(failure(run, message)),
    }
}

/// Waits for the runner; `Err((run, message))` if the watchdog gives up on it.
fn watch(
    shared: &Shared,
    name: &str,
    stall: Duration,
    iterations: usize,
) -> Result<Result<usize, (usize, String)>, (usize, String)> {
    let mut finished = 0;
    let mut progress = Instant::now(); // a run finished
    let mut activity = Instant::now(); // a run finished, or a thread ran
    let mut last: Option<Vec<OsThread>> = None;
    let mut outcome = shared
        .outcome
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    loop {
        if let Some(outcome) = outcome.take() {
            return Ok(outcome);
        }
        let now = shared.finished.load(Relaxed);
        if now != finished {
            (finished, progress, activity, last) = (now, Instant::now(), Instant::now(), None);
        } else if progress.elapsed() >= POLL * 10 {
            // No run finished for a second: look at the threads.
            let threads = os_threads::sample(name);
            let ran = match (&threads, &last) {
                (Some(threads), Some(last)) => {
                    threads.iter().any(OsThread::running) || !same_cpu(threads, last)
                }
                // The first look is where the watching starts: a thread seen blocked
                // now may have run a moment ago (on a busy machine the runner can wait
                // seconds for a CPU, or for a lock of the allocator, before it even spawns
                // the scenario's threads), so stillness is only what two looks show.
                (Some(_), None) => true,
                (None, _) => true, // the OS does not say: assume it runs
            };
            if ran {
                activity = Instant::now();
            }
            let run = finished + 1;
            let tid = *shared.tid.lock().unwrap_or_else(PoisonError::into_inner);
            if activity.elapsed() >= stall {
                let message = format!(
                    "hang: run {run} of {iterations} has not finished, and none of its \
                     threads has run for {} s: they are all blocked (a deadlock, or a wait \
                     that nothing will end). They are left blocked (leaked).{}",
                    stall.as_secs(),
                    listing(threads.as_deref(), tid)
                );
                return Err((run, message));
            }
            if progress.elapsed() >= stall * NO_PROGRESS_FACTOR {
                let message = format!(
                    "no progress: run {run} of {iterations} has not finished in {} s while \
                     its threads kept running (a livelock, or a run far slower than a stress \
                     run should be; SYNCLAB_STALL_SECS raises the bound). They are left \
                     running (leaked).{}",
                    (stall * NO_PROGRESS_FACTOR).as_secs(),
                    listing(threads.as_deref(), tid)
                );
                return Err((run, message));
            }
            last = threads;
        }
        outcome = (shared.ended)
            .wait_timeout(outcome, POLL)
            .unwrap_or_else(PoisonError::into_inner)
            .0;
    }
}

/// Whether the same threads used the same CPU time in both samples.
fn same_cpu(now: &[OsThread], before: &[OsThread]) -> bool {
    now.len() == before.len()
        && now
            .iter()
            .zip(before)
            .all(|(a, b)| a.tid == b.tid && a.cpu == b.cpu)
}

/// One line per thread: `thread 4242 (runs the scenario): blocked in a futex wait on 0x..`.
fn listing(threads: Option<&[OsThread]>, runner: Option<u32>) -> String {
    let Some(threads) = threads else {
        return "\n(this platform does not show a thread's state)".to_string();
    };
    let mut text = String::from("\nThe scenario's threads, as the OS shows them:");
    for thread in threads {
        let role = if Some(thread.tid) == runner {
            " (runs the scenario)"
        } else {
            ""
        };
        text += &format!("\n  thread {}{role}: {}", thread.tid, thread.doing());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRESS: Checker = Checker::Stress { iterations: 1 };

    /// A run longer than the stall bound whose thread keeps running is not a hang.
    #[test]
    #[cfg_attr(miri, ignore)]
    fn a_slow_run_that_keeps_running_is_not_reported() {
        let stall = Duration::from_secs(1);
        let outcome = stress_with("slow", STRESS, 1, stall, move || {
            let start = Instant::now();
            while start.elapsed() < stall * 3 {
                std::hint::spin_loop();
            }
        });
        assert_eq!(outcome, Ok(1));
    }

    /// A run whose threads all block is reported, and names them (regression: under
    /// load the first look could catch the runner waiting for a lock before it had
    /// spawned the child, and reported a hang of one thread at once; a hang now needs
    /// two looks a stall bound apart, by when the child is there).
    #[test]
    #[cfg_attr(miri, ignore)]
    fn a_run_whose_threads_all_block_is_a_hang() {
        let stall = Duration::from_secs(2);
        let failure = stress_with("blocked", STRESS, 1, stall, || {
            let (_keep, never) = std::sync::mpsc::channel::<()>();
            let child = std::thread::spawn(move || never.recv());
            drop(child.join());
        })
        .unwrap_err();
        assert!(
            failure
                .message
                .starts_with("hang: run 1 of 1 has not finished"),
            "{failure}"
        );
        if os_threads::sample("").is_some() {
            let threads = failure
                .message
                .lines()
                .filter(|l| l.starts_with("  thread "));
            assert_eq!(threads.count(), 2, "{failure}");
            assert!(
                failure.message.contains("(runs the scenario): "),
                "{failure}"
            );
        }
    }
}
