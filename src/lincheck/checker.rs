//! The entry points: [`check`] a history against a [`Model`] within a [`Budget`].

use std::collections::BTreeMap;
use std::fmt;

use super::budget::{Budget, Exhausted};
use super::explain::Explanation;
use super::meter::Meter;
use super::schedule::{Verdict, decide};
use super::search::{Outcome, Poll, Search};
use super::{Error, Event, Model, Operation, operations_from_events};

/// The verdict on a history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckResult {
    /// Some order of the operations, consistent with real time, satisfies the model.
    Linearizable,
    /// No such order exists; the explanation shows where every attempt got stuck.
    NotLinearizable(Explanation),
    /// The budget ran out before the question was settled; which limit, and how far
    /// the check got.
    Unknown(Exhausted),
}

impl CheckResult {
    /// `Some(true)`, `Some(false)`, or `None` when unknown.
    pub fn is_linearizable(&self) -> Option<bool> {
        match self {
            Self::Linearizable => Some(true),
            Self::NotLinearizable(_) => Some(false),
            Self::Unknown(_) => None,
        }
    }

    /// The explanation, if the history is not linearizable.
    pub fn explanation(&self) -> Option<&Explanation> {
        match self {
            Self::NotLinearizable(explanation) => Some(explanation),
            _ => None,
        }
    }

    /// Why the check gave up, if it did.
    pub fn exhausted(&self) -> Option<&Exhausted> {
        match self {
            Self::Unknown(exhausted) => Some(exhausted),
            _ => None,
        }
    }
}

impl fmt::Display for CheckResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Linearizable => f.write_str("linearizable"),
            Self::NotLinearizable(explanation) => explanation.fmt(f),
            Self::Unknown(exhausted) => write!(f, "unknown: {exhausted}"),
        }
    }
}

/// Checks whether `history` is linearizable with respect to `model`.
///
/// The history is first split by [`Model::partition_key`]; the parts are searched
/// in turns, on as many threads as the machine has cores (see the
/// [module docs](super)), and the first part found not linearizable ends the check
/// and is explained. If the budget runs out first the result is
/// [`CheckResult::Unknown`], naming the limit.
pub fn check<M: Model>(
    model: &M,
    history: &[Operation<M::Input, M::Output>],
    budget: Budget,
) -> CheckResult {
    let parts: Vec<(Option<String>, Vec<usize>)> = partition(model, history).into_iter().collect();
    let fixed = parts
        .iter()
        .map(|(_, ops)| Search::<M>::fixed_bytes(ops.len()))
        .sum();
    let meter = Meter::new(budget, fixed);
    let exhausted = |undecided| {
        CheckResult::Unknown(Exhausted {
            limit: meter.exhausted().expect("a limit ran out"),
            steps: meter.steps(),
            undecided,
            partitions: parts.len(),
        })
    };
    if meter.exhausted().is_some() {
        return exhausted(parts.len());
    }
    let searches = parts
        .iter()
        .map(|(_, indices)| {
            let ops: Vec<_> = indices.iter().map(|&i| &history[i]).collect();
            Search::new(model, &ops)
        })
        .collect();
    match decide(searches, &meter) {
        Verdict::Linearizable => CheckResult::Linearizable,
        Verdict::NotLinearizable { part, longest } => {
            let (key, indices) = &parts[part];
            let Some(longest) = longest_attempt(model, history, indices, longest) else {
                // Only a model whose promises (`Footprint`, `may_become_legal`) are
                // wrong gets here; a false alarm is worse than a miss.
                debug_assert!(false, "a model promised too much about partition {key:?}");
                return CheckResult::Linearizable;
            };
            let longest: Vec<usize> = longest.into_iter().map(|i| indices[i]).collect();
            let explanation = Explanation::new(model, history, key.clone(), indices, &longest);
            CheckResult::NotLinearizable(explanation)
        }
        Verdict::Undecided(undecided) => exhausted(undecided),
    }
}

/// Steps spent looking for a longer attempt to explain (a fraction of a second).
const EXPLAIN_STEPS: u64 = 200_000;

/// The longest attempt to show for partition `indices`, which is not linearizable:
/// `found` (by the search that decided) or a longer one found by a search that
/// runs each attempt on until an operation does not fit
/// ([`Search::explaining`]), within [`EXPLAIN_STEPS`]. `None` if that search
/// finds a linearization after all.
fn longest_attempt<M: Model>(
    model: &M,
    history: &[Operation<M::Input, M::Output>],
    indices: &[usize],
    found: Vec<usize>,
) -> Option<Vec<usize>> {
    let ops: Vec<_> = indices.iter().map(|&i| &history[i]).collect();
    let mut search = Search::new(model, &ops).explaining();
    let meter = Meter::new(Budget::steps(EXPLAIN_STEPS), 0);
    let longest = match search.run(&meter, EXPLAIN_STEPS) {
        Poll::Done(Outcome::Stuck(longest)) => longest,
        Poll::Done(Outcome::Linearizable(_)) => return None,
        Poll::Pending => search.longest(),
    };
    Some(if longest.len() > found.len() {
        longest
    } else {
        found
    })
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
