//! Planting an anomaly in a generated history.

use super::Anomaly;
use crate::lincheck::Operation;
use crate::lincheck::models::{KvInput, KvOutput, RegisterInput, RegisterOutput};

/// What planting needs to know about an object's operations.
pub(super) trait Planted {
    /// Whether this is a read that returned (its output can be changed).
    fn is_read(&self) -> bool;
    /// Whether this operation changed the state when it took effect.
    fn changed_state(&self) -> bool;
    /// Whether the two operations touch the same key.
    fn same_key(&self, other: &Self) -> bool;
}

impl Planted for Operation<RegisterInput, RegisterOutput> {
    fn is_read(&self) -> bool {
        self.input == RegisterInput::Read && self.output.is_some() && !self.is_pending()
    }

    fn changed_state(&self) -> bool {
        matches!(
            (&self.input, &self.output),
            (RegisterInput::Write(_), Some(_))
                | (RegisterInput::Cas { .. }, Some(RegisterOutput::Ok))
        )
    }

    fn same_key(&self, _: &Self) -> bool {
        true
    }
}

impl Planted for Operation<KvInput, KvOutput> {
    fn is_read(&self) -> bool {
        matches!(self.input, KvInput::Get { .. }) && self.output.is_some() && !self.is_pending()
    }

    fn changed_state(&self) -> bool {
        !matches!(self.input, KvInput::Get { .. }) && self.output.is_some()
    }

    fn same_key(&self, other: &Self) -> bool {
        self.input.key() == other.input.key()
    }
}

/// Plants `anomaly` in the first read at or past `at` (a fraction of `history`)
/// where it fits. `before[i]` is what a read would have returned just before
/// operation `i` took effect, and the operation that set the start of that value.
///
/// Written values are unique, so `unwritten` is certainly wrong. So is a stale
/// value `v`, the value before a write `w` that returned before the read was
/// called, when the operation `b` that set the start of `v` returned before `w` was
/// called (or `v` started from the initial value): the read must come after `w`,
/// `b` before `w`, and after `w` only `b` could bring `v` back. (Were `b` concurrent
/// with `w`, an order with `b` after `w` could make `v` current again.)
pub(super) fn plant<I, O: Clone>(
    history: &mut [Operation<I, O>],
    before: &[super::Before<O>],
    at: f64,
    anomaly: Anomaly,
    unwritten: O,
) where
    Operation<I, O>: Planted,
{
    let start = ((history.len() as f64 * at) as usize).min(history.len());
    for r in (start..history.len()).chain(0..start) {
        if !history[r].is_read() {
            continue;
        }
        let output = match anomaly {
            Anomaly::Unwritten => Some(unwritten.clone()),
            // Of the writes that returned before the read was called, the one that
            // returned last and whose old value cannot come back.
            Anomaly::StaleRead => history
                .iter()
                .zip(before)
                .filter(|(w, _)| {
                    w.changed_state() && w.same_key(&history[r]) && w.return_ < history[r].call
                })
                .filter_map(|(w, before)| {
                    let (value, start) = before.as_ref()?;
                    let settled = start.is_none_or(|b| history[b].return_ < w.call);
                    settled.then_some((w.return_, value))
                })
                .max_by_key(|&(returned, _)| returned)
                .map(|(_, value)| value.clone()),
        };
        if let Some(output) = output {
            history[r].output = Some(output);
            return;
        }
    }
}
