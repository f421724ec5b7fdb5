//! Weaker conditions than linearizability, for objects that promise less.
//!
//! | [`Consistency`] | an order of all the operations, legal for the model, that keeps | compositional |
//! |---|---|---|
//! | [`Linearizable`](Consistency::Linearizable) | real-time order: `a` returned before `b` was called ⇒ `a` first | yes |
//! | [`Quiescent`](Consistency::Quiescent) | real-time order across quiescent points only: `a` returned, then no operation was in flight for a moment, then `b` was called ⇒ `a` first | yes |
//! | [`Sequential`](Consistency::Sequential) | each client's program order; nothing across clients | no |
//!
//! Linearizability implies both others; neither of them implies the other. A
//! quiescently consistent counter (a counting network) may let a later `fetch_add`
//! overtake an earlier one of the same thread while a third thread is busy; a
//! sequentially consistent register may let a read that started after a write returned
//! miss it, if the reader is another client.
//!
//! **Quiescent consistency is reduced to linearizability.** A *busy period* is a maximal
//! stretch of time in which some operation is in flight. Widening every operation to
//! its busy period (call = the period's first call, return = its last return) makes
//! every two operations of one period overlap and leaves two operations of different
//! periods ordered exactly as the quiescent point between them orders them; so the
//! widened history is linearizable exactly when the original is quiescently consistent.
//! An operation that never returned keeps its period open to the end. The explanation
//! of a violation shows the widened times.
//!
//! **Sequential consistency is a search of its own** (`lincheck/sequential.rs`):
//! the next operation is always the next one of some client, so a situation is the
//! vector of per-client positions and the model state, and a situation that failed once
//! is never explored again (the memo). Sequential consistency is not compositional, so
//! [`Model::partition_key`] is ignored: the history is checked in one piece. An
//! operation that never returned, with an unknown output, may be placed or left out.

use std::fmt;

use super::sequential;
use super::{CheckResult, Model, Operation, PENDING, check};
use crate::lincheck::Budget;

/// Which correctness condition a history is checked against (see the
/// [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Consistency {
    /// Real-time order is kept: [`check`].
    #[default]
    Linearizable,
    /// Each client's program order is kept, nothing else.
    Sequential,
    /// Real-time order is kept across quiescent points only.
    Quiescent,
}

impl Consistency {
    /// `linearizable`, `sequentially consistent`, `quiescently consistent`.
    pub fn adjective(self) -> &'static str {
        match self {
            Consistency::Linearizable => "linearizable",
            Consistency::Sequential => "sequentially consistent",
            Consistency::Quiescent => "quiescently consistent",
        }
    }

    /// What an order must keep, in words.
    fn keeps(self) -> &'static str {
        match self {
            Consistency::Linearizable => "keeps real-time order",
            Consistency::Sequential => "keeps each client's program order",
            Consistency::Quiescent => "keeps real-time order across quiescent points",
        }
    }
}

impl fmt::Display for Consistency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.adjective())
    }
}

/// The verdict of [`check_consistency`]: the condition and the result.
///
/// Its `Display` names the condition: `not sequentially consistent: ...`, then the
/// explanation (for sequential consistency, the "linearized so far" order is the longest
/// order found that keeps every client's program order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The condition checked.
    pub consistency: Consistency,
    /// The result, as for [`check`].
    pub result: CheckResult,
}

impl Verdict {
    /// `Some(true)` if the history satisfies the condition, `Some(false)` if it does not,
    /// `None` if the budget ran out first.
    pub fn is_consistent(&self) -> Option<bool> {
        self.result.is_linearizable()
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.consistency.adjective();
        match &self.result {
            CheckResult::Linearizable => f.write_str(name),
            CheckResult::NotLinearizable(explanation) => {
                let text = explanation.to_string();
                let body = text.split_once('\n').map_or("", |(_, body)| body);
                writeln!(
                    f,
                    "not {name}: no order of the operations {} is legal",
                    self.consistency.keeps()
                )?;
                if self.consistency == Consistency::Quiescent {
                    writeln!(
                        f,
                        "(call and return below are widened to the busy period around \
                         each operation)"
                    )?;
                }
                f.write_str(body)
            }
            CheckResult::Unknown(exhausted) => write!(f, "unknown whether {name}: {exhausted}"),
        }
    }
}

/// Checks `history` against `model` under `consistency`, within `budget`. (Inputs and
/// outputs are cloned to widen the operations for quiescent consistency.)
///
/// ```
/// use synclab::lincheck::models::{Register, RegisterInput as In, RegisterOutput as Out};
/// use synclab::lincheck::{Budget, Consistency, Operation, check_consistency};
///
/// // Client 0 wrote 1 and returned; later client 1 read the old, empty value.
/// let history = vec![
///     Operation::new(0, In::Write(1), 0, Out::Ok, 1),
///     Operation::new(1, In::Read, 2, Out::Value(None), 3),
/// ];
/// let budget = Budget::default();
/// let lin = check_consistency(&Register, &history, Consistency::Linearizable, budget);
/// assert_eq!(lin.is_consistent(), Some(false));
/// // Another client may be served from a stale replica: sequentially consistent.
/// let sc = check_consistency(&Register, &history, Consistency::Sequential, budget);
/// assert_eq!(sc.is_consistent(), Some(true));
/// ```
pub fn check_consistency<M: Model>(
    model: &M,
    history: &[Operation<M::Input, M::Output>],
    consistency: Consistency,
    budget: Budget,
) -> Verdict
where
    M::Input: Clone,
    M::Output: Clone,
{
    let result = match consistency {
        Consistency::Linearizable => check(model, history, budget),
        Consistency::Quiescent => check(model, &widened_to_busy_periods(history), budget),
        Consistency::Sequential => sequential::check(model, history, budget),
    };
    Verdict {
        consistency,
        result,
    }
}

/// `history` with every operation's interval widened to its busy period (see the
/// [module docs](self)). Operations keep their positions.
pub fn widened_to_busy_periods<I: Clone, O: Clone>(
    history: &[Operation<I, O>],
) -> Vec<Operation<I, O>> {
    let mut order: Vec<usize> = (0..history.len()).collect();
    order.sort_by_key(|&i| history[i].call);
    let mut widened = history.to_vec();
    let mut period: Vec<usize> = Vec::new();
    let mut end = 0;
    let close = |period: &mut Vec<usize>, widened: &mut Vec<Operation<I, O>>, end: u64| {
        let start = period.iter().map(|&i| history[i].call).min();
        for &i in period.iter() {
            widened[i].call = start.unwrap_or(0);
            widened[i].return_ = end;
        }
        period.clear();
    };
    for i in order {
        let op = &history[i];
        // An operation returning at the instant another is called overlaps it (see
        // `Operation`), so only a call strictly after every return so far starts a new
        // period.
        if !period.is_empty() && op.call > end {
            close(&mut period, &mut widened, end);
        }
        let return_ = if op.is_pending() {
            PENDING
        } else {
            op.return_.max(op.call)
        };
        end = if period.is_empty() {
            return_
        } else {
            end.max(return_)
        };
        period.push(i);
    }
    if !period.is_empty() {
        close(&mut period, &mut widened, end);
    }
    widened
}

#[cfg(test)]
#[path = "consistency/tests.rs"]
mod tests;
