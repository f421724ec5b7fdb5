//! [`Checker`]: which checker runs a scenario, and with what budget.

use std::fmt;

use super::config::Overrides;

/// A checker and its budget.
///
/// | checker | what it explores | sees memory-ordering bugs | replay |
/// |---|---|---|---|
/// | [`Loom`](Checker::Loom) | every interleaving and every C11-permitted reordering, up to a preemption bound | yes | loom checkpoint file + `LOOM_LOG` |
/// | [`ShuttleRandom`](Checker::ShuttleRandom) | random schedules | no (sequential consistency) | schedule string |
/// | [`ShuttlePct`](Checker::ShuttlePct) | PCT: random priorities with `depth - 1` priority changes | no | schedule string |
/// | [`ShuttleUrw`](Checker::ShuttleUrw) | SURW's uniform random walk: each thread weighted by its steps still to come | no | schedule string |
/// | [`ShuttleUrwMainFirst`](Checker::ShuttleUrwMainFirst) | URW once the main thread has started every thread: the main thread is never preempted | no | schedule string |
/// | [`ShuttleDfs`](Checker::ShuttleDfs) | every schedule, depth first, up to a number of executions | no | schedule string |
/// | [`Portfolio`](Checker::Portfolio) | several of the shuttle checkers with fixed seeds, on several cores at once ([`portfolio`](super::portfolio)) | no | schedule string |
/// | [`Stress`](Checker::Stress) | whatever the OS and hardware do, many times | only what the CPU does | none: rerun |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Checker {
    /// loom: exhaustive up to `preemption_bound` preemptions per execution (feature `loom`).
    Loom {
        /// How many times a thread may be preempted in one execution.
        preemption_bound: usize,
    },
    /// shuttle's random scheduler (feature `shuttle`).
    ShuttleRandom {
        /// Executions to run.
        iterations: usize,
    },
    /// shuttle's PCT scheduler (feature `shuttle`).
    ShuttlePct {
        /// Executions to run.
        iterations: usize,
        /// Bug depth: PCT makes `depth - 1` priority changes. A lost update needs 2.
        depth: usize,
    },
    /// shuttle's uniform random walk, `UrwRandomScheduler` (feature `shuttle`): SURW
    /// (Zhao et al., ASPLOS 2025) without its selective part. One random-walk execution
    /// estimates how many steps each thread takes; every later step picks a runnable
    /// thread with probability proportional to its steps still to come, which samples the
    /// interleavings uniformly where plain random walk favours the early switches.
    ShuttleUrw {
        /// Executions to run (the estimating one included).
        iterations: usize,
    },
    /// URW among the other threads while the main thread cannot run (feature
    /// `shuttle`): the main thread runs whenever it can, so it starts every thread before
    /// any of them takes a step, and the walk is uniform over the interleavings of the
    /// threads' own steps, not of the spawns. That is how SCTBench's programs are meant
    /// (threads started, then racing), and what SURW's selection of events achieves: on
    /// `reorder_100` plain URW finds the bug in 2 of 5 runs of 10,000 schedules, this in
    /// 5 of 5, after 515 on average (`docs/sctbench.md`). It never preempts the main thread, so it misses a
    /// bug that needs that (a main thread that works beside its threads): a heuristic for
    /// a portfolio, not a search of every schedule.
    ShuttleUrwMainFirst {
        /// Executions to run (the estimating one included).
        iterations: usize,
    },
    /// shuttle's depth-first search, `DfsScheduler` (feature `shuttle`): every schedule
    /// in order, the last choice varied first, until `iterations` executions or the
    /// whole tree. shuttle 0.9's DFS has no depth or preemption bound; an exhausted tree
    /// is a proof for sequential consistency.
    ShuttleDfs {
        /// The most executions to run.
        iterations: usize,
    },
    /// Several shuttle explorations at once, one OS thread each, stopping at the first
    /// failure (feature `shuttle`; see [`portfolio`](super::portfolio)).
    Portfolio {
        /// Executions of all its explorations together.
        iterations: usize,
        /// OS threads to run them on; `0`: one per core.
        threads: usize,
    },
    /// Run the scenario on real std threads, `iterations` times.
    Stress {
        /// Executions to run.
        iterations: usize,
    },
}

impl Checker {
    /// The checker's short name, as used in test names: `loom`, `shuttle_random`,
    /// `shuttle_pct`, `shuttle_urw`, `shuttle_urw_main_first`, `shuttle_dfs`, `portfolio`,
    /// `stress`.
    pub fn name(&self) -> &'static str {
        match self {
            Checker::Loom { .. } => "loom",
            Checker::ShuttleRandom { .. } => "shuttle_random",
            Checker::ShuttlePct { .. } => "shuttle_pct",
            Checker::ShuttleUrw { .. } => "shuttle_urw",
            Checker::ShuttleUrwMainFirst { .. } => "shuttle_urw_main_first",
            Checker::ShuttleDfs { .. } => "shuttle_dfs",
            Checker::Portfolio { .. } => "portfolio",
            Checker::Stress { .. } => "stress",
        }
    }

    /// Whether this is a model checker (loom or shuttle): it runs the scenario's threads
    /// one at a time inside its own runtime, so the scenario must be compiled against
    /// that runtime's facade, and it cannot run under Miri.
    pub fn is_model(&self) -> bool {
        !matches!(self, Checker::Stress { .. })
    }

    /// Whether this checker runs the scenario's shuttle flavour (every checker but loom
    /// and stress).
    pub fn is_shuttle(&self) -> bool {
        !matches!(self, Checker::Loom { .. } | Checker::Stress { .. })
    }

    /// This checker with the `SYNCLAB_*` environment overrides applied (see
    /// [`Overrides`]).
    ///
    /// # Panics
    /// If a `SYNCLAB_*` variable is bad ([`Overrides::from_env`] says which and why).
    pub fn with_env_overrides(self) -> Self {
        self.with_overrides(&Overrides::current())
    }

    /// This checker with `overrides` applied: `iterations` replaces every shuttle and
    /// stress budget, `preemption_bound` loom's, `pct_depth` PCT's depth.
    pub fn with_overrides(self, overrides: &Overrides) -> Self {
        let iterations = |i: usize| overrides.iterations.unwrap_or(i);
        match self {
            Checker::Loom { preemption_bound } => Checker::Loom {
                preemption_bound: overrides.preemption_bound.unwrap_or(preemption_bound),
            },
            Checker::ShuttleRandom { iterations: i } => Checker::ShuttleRandom {
                iterations: iterations(i),
            },
            Checker::ShuttlePct {
                iterations: i,
                depth,
            } => Checker::ShuttlePct {
                iterations: iterations(i),
                depth: overrides.pct_depth.unwrap_or(depth),
            },
            Checker::ShuttleUrw { iterations: i } => Checker::ShuttleUrw {
                iterations: iterations(i),
            },
            Checker::ShuttleUrwMainFirst { iterations: i } => Checker::ShuttleUrwMainFirst {
                iterations: iterations(i),
            },
            Checker::ShuttleDfs { iterations: i } => Checker::ShuttleDfs {
                iterations: iterations(i),
            },
            Checker::Portfolio {
                iterations: i,
                threads,
            } => Checker::Portfolio {
                iterations: iterations(i),
                threads,
            },
            Checker::Stress { iterations: i } => Checker::Stress {
                iterations: iterations(i),
            },
        }
    }
}

impl fmt::Display for Checker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Checker::Loom { preemption_bound } => {
                write!(f, "loom (preemption bound {preemption_bound})")
            }
            Checker::ShuttleRandom { iterations } => {
                write!(f, "shuttle random ({iterations} iterations)")
            }
            Checker::ShuttlePct { iterations, depth } => {
                write!(f, "shuttle PCT (depth {depth}, {iterations} iterations)")
            }
            Checker::ShuttleUrw { iterations } => {
                write!(f, "shuttle URW ({iterations} iterations)")
            }
            Checker::ShuttleUrwMainFirst { iterations } => {
                write!(
                    f,
                    "shuttle URW, main thread first ({iterations} iterations)"
                )
            }
            Checker::ShuttleDfs { iterations } => {
                write!(f, "shuttle DFS (at most {iterations} iterations)")
            }
            Checker::Portfolio {
                iterations,
                threads: 0,
            } => write!(
                f,
                "portfolio ({iterations} iterations, one thread per core)"
            ),
            Checker::Portfolio {
                iterations,
                threads,
            } => write!(f, "portfolio ({iterations} iterations, {threads} threads)"),
            Checker::Stress { iterations } => write!(f, "std stress ({iterations} iterations)"),
        }
    }
}
