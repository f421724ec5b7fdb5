//! The entry points: [`check`] a history against a [`Model`] within a [`Budget`].

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use super::explain::Explanation;
use super::search::{Meter, Outcome, search};
use super::{Error, Event, Model, Operation, operations_from_events};

/// How much work a check may do before giving up with [`CheckResult::Unknown`].
///
/// Deciding linearizability is NP-complete, so some histories take too long to
/// check; a budget guarantees an answer. A *step* is one candidate tried or one
/// backtrack: a few hundred nanoseconds in an optimized build, a few times more
/// in a debug build. Step limits make results reproducible; time limits are
/// easier to reason about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Stop after this many search steps (over all partitions).
    pub max_steps: Option<u64>,
    /// Stop after this much wall-clock time (over all partitions).
    pub time_limit: Option<Duration>,
}

impl Budget {
    /// No limit at all: the check may run for a very long time.
    pub const fn unlimited() -> Self {
        Self {
            max_steps: None,
            time_limit: None,
        }
    }

    /// At most `steps` search steps.
    pub const fn steps(steps: u64) -> Self {
        Self {
            max_steps: Some(steps),
            time_limit: None,
        }
    }

    /// At most `limit` of wall-clock time.
    pub const fn time(limit: Duration) -> Self {
        Self {
            max_steps: None,
            time_limit: Some(limit),
        }
    }

    /// This budget, additionally limited to `steps` search steps.
    #[must_use]
    pub const fn with_max_steps(self, steps: u64) -> Self {
        Self {
            max_steps: Some(steps),
            ..self
        }
    }

    /// This budget, additionally limited to `limit` of wall-clock time.
    #[must_use]
    pub const fn with_time_limit(self, limit: Duration) -> Self {
        Self {
            time_limit: Some(limit),
            ..self
        }
    }
}

impl Default for Budget {
    /// Ten seconds of wall-clock time and twenty million steps, whichever runs out
    /// first. Each step may remember one `(set, state)` pair, so the step limit
    /// also bounds memory (to about a gigabyte for small states).
    fn default() -> Self {
        Self::time(Duration::from_secs(10)).with_max_steps(20_000_000)
    }
}

/// The verdict on a history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckResult {
    /// Some order of the operations, consistent with real time, satisfies the model.
    Linearizable,
    /// No such order exists; the explanation shows where every attempt got stuck.
    NotLinearizable(Explanation),
    /// The budget ran out before the question was settled.
    Unknown,
}

impl CheckResult {
    /// `Some(true)`, `Some(false)`, or `None` when unknown.
    pub fn is_linearizable(&self) -> Option<bool> {
        match self {
            Self::Linearizable => Some(true),
            Self::NotLinearizable(_) => Some(false),
            Self::Unknown => None,
        }
    }

    /// The explanation, if the history is not linearizable.
    pub fn explanation(&self) -> Option<&Explanation> {
        match self {
            Self::NotLinearizable(explanation) => Some(explanation),
            _ => None,
        }
    }
}

impl fmt::Display for CheckResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Linearizable => f.write_str("linearizable"),
            Self::NotLinearizable(explanation) => write!(f, "{explanation}"),
            Self::Unknown => f.write_str("unknown: the budget ran out before the check finished"),
        }
    }
}

/// Checks whether `history` is linearizable with respect to `model`.
///
/// The history is first split by [`Model::partition_key`]; each part is searched
/// on its own (in key order) and the first part found not linearizable is
/// explained. If the budget runs out first the result is [`CheckResult::Unknown`].
pub fn check<M: Model>(
    model: &M,
    history: &[Operation<M::Input, M::Output>],
    budget: Budget,
) -> CheckResult {
    let mut meter = Meter::new(budget);
    for (key, indices) in partition(model, history) {
        let ops: Vec<&Operation<M::Input, M::Output>> =
            indices.iter().map(|&i| &history[i]).collect();
        match search(model, &ops, &mut meter) {
            Outcome::Linearizable(_) => {}
            Outcome::Stuck(longest) => {
                let longest: Vec<usize> = longest.into_iter().map(|i| indices[i]).collect();
                let explanation = Explanation::new(model, history, key, &indices, &longest);
                return CheckResult::NotLinearizable(explanation);
            }
            Outcome::OutOfBudget => return CheckResult::Unknown,
        }
    }
    CheckResult::Linearizable
}

/// Like [`check`], for a history written as call and return events.
///
/// Operation numbers in the explanation are positions in the operation list made
/// by [`operations_from_events`], i.e. in order of the calls.
///
/// # Errors
///
/// [`Error::InvalidHistory`] if the events do not pair up (see
/// [`operations_from_events`]).
pub fn check_events<M: Model>(
    model: &M,
    events: impl IntoIterator<Item = Event<M::Input, M::Output>>,
    budget: Budget,
) -> Result<CheckResult, Error> {
    let history = operations_from_events(events)?;
    Ok(check(model, &history, budget))
}

/// Groups operation indices by partition key, in key order (`None` first).
fn partition<M: Model>(
    model: &M,
    history: &[Operation<M::Input, M::Output>],
) -> BTreeMap<Option<String>, Vec<usize>> {
    let mut parts: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
    for (i, op) in history.iter().enumerate() {
        parts
            .entry(model.partition_key(&op.input))
            .or_default()
            .push(i);
    }
    parts
}
