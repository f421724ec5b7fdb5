//! A cell initialised once: `get_or_init` and `get`.

use crate::lincheck::{Footprint, Model};

/// A once cell of `u32`, initially empty, as [`OnceCell`](crate::lock::OnceCell)
/// promises: the first `get_or_init(v)` to take effect stores `v`, and every
/// `get_or_init` returns the stored value; `get` returns it, or `None` before.
///
/// Give each caller its own `v`: then a second initialiser that ran (and stored, or
/// returned, its own value) is visible in the history.
///
/// ```
/// use synclab::lincheck::models::{Once, OnceInput as In};
/// use synclab::lincheck::{Budget, Operation, check};
///
/// // Two overlapping get_or_inits that each returned their own value: two initialisers.
/// let twice = vec![
///     Operation::new(0, In::GetOrInit(1), 0, Some(1), 3),
///     Operation::new(1, In::GetOrInit(2), 1, Some(2), 2),
/// ];
/// assert_eq!(check(&Once, &twice, Budget::default()).is_linearizable(), Some(false));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Once;

/// A once-cell operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OnceInput {
    /// `get_or_init(|| v)`.
    GetOrInit(u32),
    /// `get()`.
    Get,
}

impl Model for Once {
    type State = Option<u32>;
    type Input = OnceInput;
    /// The value returned (`get_or_init` always returns `Some`).
    type Output = Option<u32>;

    fn init(&self) -> Option<u32> {
        None
    }

    fn step(
        &self,
        cell: &Option<u32>,
        input: &OnceInput,
        output: Option<&Option<u32>>,
    ) -> Option<Option<u32>> {
        let after = match input {
            OnceInput::GetOrInit(v) => Some(cell.unwrap_or(*v)),
            OnceInput::Get => *cell,
        };
        let returned = match input {
            OnceInput::GetOrInit(_) => after,
            OnceInput::Get => *cell,
        };
        output.is_none_or(|out| *out == returned).then_some(after)
    }

    fn footprint(&self, input: &OnceInput, output: Option<&Option<u32>>) -> Footprint {
        match (input, output) {
            (OnceInput::Get, Some(_)) => Footprint::ReadOnly,
            _ => Footprint::Unknown,
        }
    }

    fn describe_operation(&self, input: &OnceInput, output: Option<&Option<u32>>) -> String {
        let call = match input {
            OnceInput::GetOrInit(v) => format!("get_or_init(|| {v})"),
            OnceInput::Get => "get()".to_string(),
        };
        match output {
            None => format!("{call} -> ?"),
            Some(None) => format!("{call} -> None"),
            Some(Some(v)) => format!("{call} -> {v}"),
        }
    }
}
