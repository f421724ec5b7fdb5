//! A counter whose `fetch_add` returns the previous value, like `AtomicU64`.

use crate::lincheck::{Footprint, Model};

/// A `u64` counter, initially 0, with `fetch_add` (returns the value *before* the
/// addition, wrapping on overflow) and `load`. The output of both is a `u64`.
///
/// ```
/// use synclab::lincheck::models::{Counter, CounterInput};
/// use synclab::lincheck::{Budget, Operation, check};
///
/// // Two overlapping increments may not both see 0.
/// let history = vec![
///     Operation::new(0, CounterInput::FetchAdd(1), 0, 0, 10),
///     Operation::new(1, CounterInput::FetchAdd(1), 1, 0, 9),
/// ];
/// assert_eq!(check(&Counter, &history, Budget::default()).is_linearizable(), Some(false));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Counter;

/// A counter operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CounterInput {
    /// Add to the counter, returning its previous value.
    FetchAdd(u64),
    /// Read the counter.
    Load,
}

impl Model for Counter {
    type State = u64;
    type Input = CounterInput;
    type Output = u64;

    fn init(&self) -> u64 {
        0
    }

    fn step(&self, state: &u64, input: &CounterInput, output: Option<&u64>) -> Option<u64> {
        if output.is_some_and(|out| out != state) {
            return None;
        }
        match *input {
            CounterInput::FetchAdd(delta) => Some(state.wrapping_add(delta)),
            CounterInput::Load => Some(*state),
        }
    }

    fn footprint(&self, input: &CounterInput, output: Option<&u64>) -> Footprint {
        match (input, output) {
            (CounterInput::Load, Some(_)) => Footprint::ReadOnly,
            // Legal in every state when the result is unknown.
            (_, None) => Footprint::Blind,
            (CounterInput::FetchAdd(_), Some(_)) => Footprint::Unknown,
        }
    }

    fn describe_operation(&self, input: &CounterInput, output: Option<&u64>) -> String {
        let out = output.map_or_else(|| "?".to_string(), u64::to_string);
        match input {
            CounterInput::FetchAdd(delta) => format!("fetch_add({delta}) -> {out}"),
            CounterInput::Load => format!("load() -> {out}"),
        }
    }
}
