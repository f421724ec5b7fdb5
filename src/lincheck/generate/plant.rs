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
/// operation `i` took effect. Written values are unique, so the planted output is
/// certainly wrong: a stale value never comes back, and `unwritten` never was.
pub(super) fn plant<I, O: Clone>(
    history: &mut [Operation<I, O>],
    before: &[Option<O>],
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
            // The write that returned last before the read was called: the read
            // must come after it, and after it the old value never comes back.
            Anomaly::StaleRead => history
                .iter()
                .enumerate()
                .filter(|(_, w)| {
                    w.changed_state() && w.same_key(&history[r]) && w.return_ < history[r].call
                })
                .max_by_key(|(_, w)| w.return_)
                .and_then(|(w, _)| before[w].clone()),
        };
        if let Some(output) = output {
            history[r].output = Some(output);
            return;
        }
    }
}
