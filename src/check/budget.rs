//! Every budget synclab's own checks run with, in one place.
//!
//! A budget says how hard a checker looks: loom's preemption bound, how many schedules
//! shuttle samples (and PCT's depth), how many times std stress repeats a scenario, how
//! many random cases proptest tries. Why a budget suffices depends on the scenario it
//! runs, so that argument sits with the cases (`synclab::cases::*` and
//! `synclab::conformance::*`, "why these bounds suffice"); the numbers are here.
//!
//! Every number can be raised from the environment for a deeper run
//! (`SYNCLAB_ITERATIONS`, `SYNCLAB_PREEMPTION_BOUND`, `SYNCLAB_PCT_DEPTH`: see
//! [`config`](super::config)).

use super::Checker;
use std::time::Duration;

/// One budget per checker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// loom's preemption bound.
    pub loom_bound: usize,
    /// shuttle schedules per check (random and PCT alike).
    pub schedules: usize,
    /// PCT's depth: it makes `depth - 1` priority changes.
    pub pct_depth: usize,
    /// Repetitions of a std stress scenario.
    pub stress_runs: usize,
    /// proptest cases.
    pub proptest_cases: usize,
}

impl Budget {
    /// loom at [`loom_bound`](Self::loom_bound).
    pub const fn loom(&self) -> Checker {
        Checker::Loom {
            preemption_bound: self.loom_bound,
        }
    }

    /// shuttle's random scheduler for [`schedules`](Self::schedules) schedules.
    pub const fn shuttle_random(&self) -> Checker {
        Checker::ShuttleRandom {
            iterations: self.schedules,
        }
    }

    /// shuttle's PCT scheduler at [`pct_depth`](Self::pct_depth).
    pub const fn shuttle_pct(&self) -> Checker {
        Checker::ShuttlePct {
            iterations: self.schedules,
            depth: self.pct_depth,
        }
    }

    /// [`stress_runs`](Self::stress_runs) runs on real threads.
    pub const fn stress(&self) -> Checker {
        Checker::Stress {
            iterations: self.stress_runs,
        }
    }

    /// The same budget with another loom bound.
    pub const fn with_loom_bound(self, loom_bound: usize) -> Self {
        Budget { loom_bound, ..self }
    }

    /// The same budget with another number of shuttle schedules.
    pub const fn with_schedules(self, schedules: usize) -> Self {
        Budget { schedules, ..self }
    }
}

/// `normal` outside Miri, `miri` under it (Miri runs real threads some 1000x slower).
const fn unless_miri(normal: usize, miri: usize) -> usize {
    if cfg!(miri) { miri } else { normal }
}

/// synclab's own models (`synclab check`, `models/tests/cases.rs`): loom at bound 2 (one
/// preemption inside an operation, and one more to re-enter it after a first complete
/// one), 1,000 shuttle schedules, PCT depth 3 (any bug with up to two ordering
/// constraints).
pub const MODELS: Budget = Budget {
    loom_bound: 2,
    schedules: 1000,
    pct_depth: 3,
    stress_runs: unless_miri(20, 2),
    proptest_cases: unless_miri(64, 4),
};

/// loom's bound for everything whose waiters *sleep*: a lost wakeup needs three
/// preemptions (the waiter arrives while the lock is held; the holder pauses before
/// releasing until the waiter has checked the lock word; the waiter pauses between that
/// check and its sleep while the holder releases and wakes).
pub const SLEEPING_LOOM_BOUND: usize = 3;

/// The FIFO models of the fair locks: 500 schedules each (three queued waiters keep
/// every schedule long).
pub const FIFO: Budget = MODELS.with_schedules(500);

/// The conformance counter suite: loom at the sleeping bound (the suite does not know
/// how a counter built on a lock waits), 500 schedules.
pub const COUNTER_SUITE: Budget = Budget {
    loom_bound: SLEEPING_LOOM_BOUND,
    schedules: 500,
    pct_depth: 3,
    stress_runs: unless_miri(10, 1),
    proptest_cases: unless_miri(32, 2),
};

/// The conformance lock and semaphore suites: loom at the sleeping bound, 300 schedules
/// (every recorded call adds scheduling points).
pub const LOCK_SUITE: Budget = Budget {
    loom_bound: SLEEPING_LOOM_BOUND,
    schedules: 300,
    pct_depth: 3,
    stress_runs: unless_miri(10, 1),
    proptest_cases: unless_miri(64, 4),
};

/// loom's bound for the recorded (`linearizable`) checks of the lock and semaphore
/// suites: what a call returns is decided by one preemption inside it, and their clock
/// ticks would make bound 3 cost several times more.
pub const RECORDED_LOOM_BOUND: usize = 2;

/// The conformance map suite: loom at bound 2, 300 schedules.
pub const MAP_SUITE: Budget = Budget {
    loom_bound: 2,
    schedules: 300,
    pct_depth: 3,
    stress_runs: unless_miri(10, 1),
    proptest_cases: unless_miri(32, 2),
};

/// The sensitivity matrix and the gallery: 1,000 executions per shuttle and stress cell,
/// loom at bound 3 (every planted bug needs at most three preemptions, and the scenarios
/// are so small that loom explores them completely at this bound).
pub const GALLERY: Budget = Budget {
    loom_bound: 3,
    schedules: 1000,
    pct_depth: 3,
    stress_runs: 1000,
    proptest_cases: 0,
};

/// The shuttle seeds of every matrix cell (the first is [`DEFAULT_SEED`]): a cell is found
/// with `k` of them.
pub const GALLERY_SEEDS: [u64; 5] = [DEFAULT_SEED, 1, 2, 3, 4];

/// shuttle's seed unless `SYNCLAB_SEED` or a scoped seed says otherwise: fixed, so that a
/// CI run explores the same schedules every time.
pub const DEFAULT_SEED: u64 = 0x5EED_CAFE;

/// SCTBench (`synclab::sctbench`, `synclab sctbench`): one configuration for every
/// program, as the papers that publish numbers on it use one: 10,000 schedules per run
/// (their budget), PCT at depth 3 (their PCT column), loom at bound 2 (every SCTBench
/// bug that loom can run needs at most two preemptions: one inside a thread's two steps,
/// one more to bring in a third thread).
pub const SCTBENCH: Budget = Budget {
    loom_bound: 2,
    schedules: 10_000,
    pct_depth: 3,
    stress_runs: 0,
    proptest_cases: 0,
};

/// Trials per program and checker in a full SCTBench run: the papers' 20.
pub const SCTBENCH_TRIALS: usize = 20;

/// Trials per program and seeded checker of a plain `synclab sctbench` (a few minutes
/// in release on 2 cores); `--trials 20` is the full run.
pub const SCTBENCH_DEFAULT_TRIALS: usize = 3;

/// Trials per program in the SCTBench section of `synclab report`: one portfolio run each
/// (about twenty seconds for all programs in release on 2 cores); `synclab sctbench`
/// measures every checker over more.
pub const SCTBENCH_REPORT_TRIALS: usize = 1;

/// Schedules per shuttle checker with which `cargo test` runs each SCTBench ok twin
/// (`sctbench::NAME_ok::CHECKER`): each twin is a handful of steps per thread, and a
/// false alarm in a port shows in the first few hundred schedules or not at all (the
/// full `synclab sctbench` run gives every twin the whole budget).
pub const SCTBENCH_OK_SCHEDULES: usize = 200;

/// How many executions a portfolio slot runs before its thread turns to its next slot
/// (`check::portfolio`): small enough that a thread with several slots advances them
/// evenly (the first failure is found after about as many executions as the best slot
/// needs, times the slots per thread), large enough that a turn's set-up (one shuttle
/// `Runner`) costs nothing next to its executions.
pub const PORTFOLIO_TURN: usize = 16;

/// The most extra check runs that shrinking a failure makes (`SYNCLAB_SHRINK_RUNS`
/// overrides it).
pub const MAX_SHRINK_RUNS: usize = 64;

/// The stress watchdog's stall bound: a run that has not finished while none of its
/// threads has run for this long is reported as a hang (`SYNCLAB_STALL_SECS` overrides
/// it). A stress run of synclab's own scenarios takes microseconds to milliseconds, so
/// 5 s is over a thousand times the longest, and still reports a deadlock within
/// seconds (see `check::stress`, "the watchdog's rule").
pub const STRESS_STALL: Duration = Duration::from_secs(5);

/// A run that has not finished in [`STRESS_STALL`] times this while its threads keep
/// running (spinning, or just slow) is reported as making no progress: a minute.
pub const NO_PROGRESS_FACTOR: u32 = 12;

/// The progress check ([`check_progress`](super::progress::check_progress)): the most
/// steps one operation of a running thread may take while another thread is suspended.
/// Lock-free operations of the scenarios checked (a few threads, a few operations, a few
/// atomic steps per attempt) need tens; a blocking one never finishes, whatever the bound.
pub const PROGRESS_STEP_BOUND: u64 = 2_000;

/// The progress check's executions: each suspends one thread at one random step.
pub const PROGRESS_ITERATIONS: usize = 300;

/// The shape of the scenarios that an [`object`](mod@crate::object) check generates: how many
/// scenarios, and in each, the operations of the initial part, the threads of the
/// parallel part and the operations of each, and the operations of the final part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Scenarios generated (each explored with the checker's whole per-scenario budget).
    pub scenarios: usize,
    /// Operations run on the main thread before the threads start.
    pub init: usize,
    /// Threads of the parallel part.
    pub threads: usize,
    /// Operations per thread of the parallel part.
    pub ops: usize,
    /// Operations run on the main thread after every thread is joined.
    pub post: usize,
}

/// loom's object scenarios: 2 threads of 2 operations between one initial and one final
/// operation, 12 scenarios (see `synclab::object`, "why these bounds suffice").
pub const OBJECT_LOOM: Shape = Shape {
    scenarios: 12,
    init: 1,
    threads: 2,
    ops: 2,
    post: 1,
};

/// shuttle's object scenarios: 3 threads of 3 operations, 2 initial and 2 final ones,
/// 20 scenarios.
pub const OBJECT_SHUTTLE: Shape = Shape {
    scenarios: 20,
    init: 2,
    threads: 3,
    ops: 3,
    post: 2,
};

/// std stress's object scenarios: as shuttle's, with 4 operations per thread.
pub const OBJECT_STRESS: Shape = Shape {
    scenarios: unless_miri(20, 2),
    init: 2,
    threads: 3,
    ops: 4,
    post: 2,
};

/// The object checks' budget, *per scenario*: loom at bound 2, 40 shuttle schedules
/// (800 per checker over [`OBJECT_SHUTTLE`]'s 20 scenarios), 20 stress runs.
pub const OBJECT: Budget = Budget {
    loom_bound: 2,
    schedules: 40,
    pct_depth: 3,
    stress_runs: unless_miri(20, 2),
    proptest_cases: 0,
};
