//! [`Checker::Portfolio`]: several shuttle explorations at once, on several cores,
//! stopping at the first failure.
//!
//! No one scheduler is best at every bug: PCT finds an ordering of a few steps in few
//! schedules, URW (with the main thread first) finds a preemption at one exact point
//! among many threads, a random walk preempts the main thread too. The portfolio runs a
//! fixed lineup of them ([`LINEUP`]), each with its own seed and an equal share of the
//! budget, and reports the first failure any of them finds.
//!
//! | property | how |
//! |---|---|
//! | the verdict is deterministic | the lineup, the seeds and every slot's budget depend only on the checker's `iterations` and the seed, never on `threads`: if any slot finds a failure within its share, the portfolio fails; if none does, it passes |
//! | only *which* failure is reported may depend on timing | the slot that fails first stops the others (a shared flag, read before every execution); with `threads: 1` even that is fixed |
//! | the failure replays in one execution | it carries its slot's failing schedule, which `SYNCLAB_REPLAY` runs like any shuttle schedule; the message names the slot, its seed and its execution |
//! | it is parallel | the slots are dealt to `threads` OS threads (slot `i` to thread `i mod threads`); shuttle runs an exploration on the calling thread, so each thread runs its slots' explorations in turns of [`PORTFOLIO_TURN`] executions |
//! | it shards | each slot's explorer is cut to the run's [`Shard`] like a single checker's |
//!
//! Its executions ([`Failure::executions`], [`Report::executions`](super::Report)) are
//! those of all its slots together: the work it did, whatever the number of threads.

use super::budget::PORTFOLIO_TURN;
use super::{Checker, Failure, Replay, Rerun, Shard, panic_message};
use ::shuttle::Runner;
use ::shuttle::scheduler::{Schedule, Scheduler, Task, TaskId};
use shuttle_engine::runtime::execution::CurrentSchedule;
use shuttle_engine::scheduler::serialization::serialize_schedule;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// The kinds of exploration in the lineup, in slot order; each slot gets an equal share
/// of the budget and a seed of its own. Why these, as measured on the SCTBench programs
/// (`docs/sctbench.md`, 20 trials of 10,000 schedules):
///
/// | slots | explorer | what it brings |
/// |---|---|---|
/// | 12 | URW, main thread first | the bugs among many threads (`twostage_100`: 20/20, 1,108 schedules on average; `reorder_100`: 20/20, 587; plain URW 20/20 at 2,504 and 8/20, PCT d3 and random walk miss them in most trials); it needs the most schedules, so it gets the most slots |
/// | 2 | URW | a bug that needs the main thread preempted (`bluetooth_driver`), among many threads |
/// | 1 | PCT depth 3 | few threads, a bug of two or three ordering constraints (`twostage`: 7 schedules) |
/// | 1 | random walk | short bugs among few threads, the main thread included (`bluetooth_driver`: 14) |
///
/// The share of URW main-first is what decides the hardest program: its schedules to
/// `twostage_100`'s bug are close to geometric (a fixed chance per schedule, about 1 in
/// 1,100), so a trial in which it runs `n` schedules misses with probability about
/// e^(-n / 1,100): 0.6 % with 9 of 16 slots (5,625 schedules: about one chance in nine
/// that one of 20 trials misses, and one did), 0.1 % with 12 (7,500: one in forty). The
/// slots' seeds are independent (see [`slots`]): more slots of one kind is more
/// schedules of it, nothing else. PCT at depth 2, the second PCT depth 3 and the
/// depth-first search gave their slots up: no SCTBench program's bug takes the DFS
/// fewer schedules than the explorers that remain, and URW alone finds every
/// interleaving bug of the gallery (its matrix).
///
/// The order deals the slots to threads (slot `i` to thread `i mod threads`) so that two
/// threads each get about half of every kind; sixteen slots keep sixteen cores busy.
pub const LINEUP: [Explorer; 16] = [
    Explorer::UrwMainFirst,
    Explorer::UrwMainFirst,
    Explorer::Pct(3),
    Explorer::Urw,
    Explorer::UrwMainFirst,
    Explorer::UrwMainFirst,
    Explorer::Random,
    Explorer::UrwMainFirst,
    Explorer::UrwMainFirst,
    Explorer::UrwMainFirst,
    Explorer::UrwMainFirst,
    Explorer::Urw,
    Explorer::UrwMainFirst,
    Explorer::UrwMainFirst,
    Explorer::UrwMainFirst,
    Explorer::UrwMainFirst,
];

/// One kind of shuttle exploration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Explorer {
    /// shuttle's random walk.
    Random,
    /// PCT at this depth.
    Pct(usize),
    /// The uniform random walk.
    Urw,
    /// The uniform random walk once the main thread has started every thread.
    UrwMainFirst,
    /// The depth-first search.
    Dfs,
}

impl Explorer {
    /// The single checker that runs this exploration for `iterations` executions.
    pub fn checker(self, iterations: usize) -> Checker {
        match self {
            Explorer::Random => Checker::ShuttleRandom { iterations },
            Explorer::Pct(depth) => Checker::ShuttlePct { iterations, depth },
            Explorer::Urw => Checker::ShuttleUrw { iterations },
            Explorer::UrwMainFirst => Checker::ShuttleUrwMainFirst { iterations },
            Explorer::Dfs => Checker::ShuttleDfs { iterations },
        }
    }
}

/// One slot of the portfolio: a single shuttle checker, with its share of the budget,
/// and its seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// The checker, its `iterations` the slot's share.
    pub checker: Checker,
    /// Its seed.
    pub seed: u64,
}

/// The slots of a portfolio of `iterations` executions from `seed`: [`LINEUP`] in order,
/// the budget split as evenly as it goes (a slot whose share is 0 is left out).
///
/// Slot `i`'s seed is `seed + i × 0xD1B5_4A32_D192_ED03` (mod 2^64). Seeds of nearby
/// trials (`seed`, `seed + 1`, ...) never meet another slot's: that would need
/// `i × 0xD1B5...` within a few units of a multiple of 2^64 for some `i < 16`, and it is
/// not. Nor do their explorations overlap: shuttle seeds each execution's generator
/// with `Pcg64Mcg::seed_from_u64`, which scrambles the seed (adjacent seeds give
/// unrelated streams), and draws the next execution's seed from that stream.
pub fn slots(iterations: usize, seed: u64) -> Vec<Slot> {
    let n = LINEUP.len();
    (LINEUP.iter().enumerate())
        .map(|(i, explorer)| Slot {
            checker: explorer.checker(iterations / n + usize::from(i < iterations % n)),
            // An odd constant unlike the one shards mix in, so that slot `i` of one shard
            // never has the seed of slot `j` of another.
            seed: seed.wrapping_add((i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03)),
        })
        .filter(|slot| slot_budget(slot.checker) > 0)
        .collect()
}

fn slot_budget(checker: Checker) -> usize {
    match checker {
        Checker::ShuttleRandom { iterations }
        | Checker::ShuttlePct { iterations, .. }
        | Checker::ShuttleUrw { iterations }
        | Checker::ShuttleUrwMainFirst { iterations }
        | Checker::ShuttleDfs { iterations } => iterations,
        _ => 0,
    }
}

/// The first failure a slot found.
struct Found {
    slot: Slot,
    /// The slot's own execution that failed (from 1).
    execution: usize,
    schedule: String,
    message: String,
}

/// What the worker threads share.
struct Shared {
    stop: AtomicBool,
    executions: AtomicUsize,
    found: Mutex<Option<Found>>,
}

/// Runs `scenario` under the portfolio `checker` from `seed`, in shard `shard`: the
/// number of executions of all slots if none fails.
pub(crate) fn run_portfolio<F>(
    test: &str,
    checker: Checker,
    seed: u64,
    shard: Shard,
    scenario: F,
) -> Result<usize, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    let Checker::Portfolio {
        iterations,
        threads,
    } = checker
    else {
        unreachable!("{checker} is not a portfolio")
    };
    let slots = slots(iterations, seed);
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
    .min(slots.len())
    .max(1);
    let shared = Arc::new(Shared {
        stop: AtomicBool::new(false),
        executions: AtomicUsize::new(0),
        found: Mutex::new(None),
    });
    let scenario = Arc::new(scenario);
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                let mine: Vec<(usize, Slot)> = (slots.iter().copied().enumerate())
                    .filter(|(i, _)| i % threads == worker)
                    .collect();
                let (shared, scenario) = (&shared, Arc::clone(&scenario));
                s.spawn(move || super::inside_checker(|| work(&mine, shard, shared, &scenario)))
            })
            .collect();
        // A worker panics only on a bug in synclab or shuttle: pass its message on.
        for worker in workers {
            if let Err(payload) = worker.join() {
                std::panic::resume_unwind(payload);
            }
        }
    });
    let executions = shared.executions.load(Ordering::Relaxed);
    let found = (shared.found.lock().unwrap_or_else(PoisonError::into_inner)).take();
    let Some(found) = found else {
        return Ok(executions);
    };
    // Replay the failing schedule once, recording its steps, as a single checker does.
    let scenario = move || scenario();
    let replayed =
        super::shuttle::run_shuttle(test, found.slot.checker, Some(&found.schedule), scenario);
    let trace = replayed.err().and_then(|f| f.trace);
    Err(Failure {
        checker,
        message: format!(
            "{}\n(found by the portfolio's {} with seed {:#x}, in its execution {})",
            found.message, found.slot.checker, found.slot.seed, found.execution
        ),
        executions,
        replay: Replay::Shuttle {
            schedule: found.schedule,
            rerun: Rerun::of(test),
        },
        trace,
    })
}

/// One worker thread: runs its slots in turns until each has spent its budget or a slot
/// anywhere has failed.
fn work<F: Fn() + Send + Sync + 'static>(
    mine: &[(usize, Slot)],
    shard: Shard,
    shared: &Arc<Shared>,
    scenario: &Arc<F>,
) {
    // Each slot's scheduler lives across turns: shuttle's `Runner` takes a scheduler by
    // value for one run, so a turn borrows it through an `Rc`.
    let mut live: Vec<Live> = (mine.iter())
        .filter_map(|&(_, slot)| {
            let scheduler = super::schedulers::explorer(slot.checker, slot.seed, shard)?;
            Some(Live {
                slot,
                scheduler: Rc::new(RefCell::new(scheduler)),
                progress: Rc::default(),
            })
        })
        .collect();
    'turns: while !live.is_empty() && !shared.stop.load(Ordering::Relaxed) {
        for live in &live {
            let turn = Turn {
                scheduler: Rc::clone(&live.scheduler),
                progress: Rc::clone(&live.progress),
                left: PORTFOLIO_TURN,
                shared: Arc::clone(shared),
            };
            let scenario = Arc::clone(scenario);
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                Runner::new(turn, super::shuttle::quiet_config()).run(move || {
                    crate::trace::new_execution();
                    scenario();
                })
            }));
            if let Err(payload) = outcome {
                // shuttle keeps the failing execution's schedule in a thread-local of this
                // thread (see `shuttle.rs`).
                let schedule: String = serialize_schedule(&CurrentSchedule::get_schedule())
                    .split_whitespace()
                    .collect();
                let mut found = shared.found.lock().unwrap_or_else(PoisonError::into_inner);
                if found.is_none() {
                    *found = Some(Found {
                        slot: live.slot,
                        execution: live.progress.borrow().ran,
                        schedule,
                        message: panic_message(&*payload),
                    });
                }
                shared.stop.store(true, Ordering::Relaxed);
                break 'turns;
            }
        }
        live.retain(|live| !live.progress.borrow().exhausted);
    }
    // A stopped random-walk scheduler prints its seed when dropped (shuttle's own replay
    // hint, which would mislead here): let each stopped slot hand out the rest of its
    // executions first, which runs nothing and costs a few random numbers each.
    for live in live {
        let random = matches!(live.slot.checker, Checker::ShuttleRandom { .. });
        if random && !live.progress.borrow().exhausted {
            while live.scheduler.borrow_mut().new_execution().is_some() {}
        }
    }
}

/// A slot being explored by a worker.
struct Live {
    slot: Slot,
    scheduler: Rc<RefCell<Box<dyn Scheduler + Send>>>,
    progress: Rc<RefCell<Progress>>,
}

/// How far a slot has got.
#[derive(Default)]
struct Progress {
    /// Executions run.
    ran: usize,
    /// Whether its scheduler has no more executions (its budget is spent, or its search
    /// is complete).
    exhausted: bool,
}

/// One turn of a slot: at most [`PORTFOLIO_TURN`] executions, fewer if the portfolio
/// stops.
struct Turn {
    scheduler: Rc<RefCell<Box<dyn Scheduler + Send>>>,
    progress: Rc<RefCell<Progress>>,
    left: usize,
    shared: Arc<Shared>,
}

impl Scheduler for Turn {
    fn new_execution(&mut self) -> Option<Schedule> {
        if self.left == 0 || self.shared.stop.load(Ordering::Relaxed) {
            return None;
        }
        let mut progress = self.progress.borrow_mut();
        let Some(schedule) = self.scheduler.borrow_mut().new_execution() else {
            progress.exhausted = true;
            return None;
        };
        self.left -= 1;
        progress.ran += 1;
        self.shared.executions.fetch_add(1, Ordering::Relaxed);
        Some(schedule)
    }

    fn next_task(
        &mut self,
        runnable_tasks: &[&Task],
        current_task: Option<TaskId>,
        is_yielding: bool,
    ) -> Option<TaskId> {
        (self.scheduler.borrow_mut()).next_task(runnable_tasks, current_task, is_yielding)
    }

    fn next_u64(&mut self) -> u64 {
        self.scheduler.borrow_mut().next_u64()
    }
}
