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
    /// Run the scenario on real std threads, `iterations` times.
    Stress {
        /// Executions to run.
        iterations: usize,
    },
}

impl Checker {
    /// The checker's short name, as used in test names: `loom`, `shuttle_random`,
    /// `shuttle_pct`, `stress`.
    pub fn name(&self) -> &'static str {
        match self {
            Checker::Loom { .. } => "loom",
            Checker::ShuttleRandom { .. } => "shuttle_random",
            Checker::ShuttlePct { .. } => "shuttle_pct",
            Checker::Stress { .. } => "stress",
        }
    }

    /// Whether this is a model checker (loom or shuttle): it runs the scenario's threads
    /// one at a time inside its own runtime, so the scenario must be compiled against
    /// that runtime's facade, and it cannot run under Miri.
    pub fn is_model(&self) -> bool {
        !matches!(self, Checker::Stress { .. })
    }

    /// This checker with the `SYNCLAB_*` environment overrides applied (see
    /// [`Overrides`]).
    ///
    /// # Panics
    /// If a `SYNCLAB_*` variable holds something that is not a number.
    pub fn with_env_overrides(self) -> Self {
        self.with_overrides(&Overrides::from_env())
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
            Checker::Stress { iterations } => write!(f, "std stress ({iterations} iterations)"),
        }
    }
}
