//! A map from `u32` keys to `u32` values, checked one key at a time.

use crate::lincheck::{Footprint, Model};

/// A map from `u32` keys to `u32` values, initially empty, with `insert` (returns the
/// value it replaced), `remove` (returns the value it removed) and `get`. A set is the
/// same map with its values ignored.
///
/// Operations on different keys never affect each other, so the model partitions the
/// history by key ([`Model::partition_key`]): its state is the value of *one* key, and
/// each key's operations are checked alone, which keeps the check small however many
/// keys a scenario touches.
///
/// ```
/// use synclab::lincheck::models::{KeyMap, KeyMapOp::*};
/// use synclab::lincheck::{Budget, Operation, check};
///
/// // insert(1, 10) returned; a later get(1) found nothing: the insert was lost.
/// let history = vec![
///     Operation::new(0, Insert { key: 1, value: 10 }, 0, None, 1),
///     Operation::new(1, Get { key: 1 }, 2, None, 3),
/// ];
/// assert_eq!(check(&KeyMap, &history, Budget::default()).is_linearizable(), Some(false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyMap;

/// An operation of a [`KeyMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyMapOp {
    /// Set `key` to `value`; returns the value it had.
    Insert {
        /// The key.
        key: u32,
        /// The new value.
        value: u32,
    },
    /// Remove `key`; returns the value it had.
    Remove {
        /// The key.
        key: u32,
    },
    /// Read `key`.
    Get {
        /// The key.
        key: u32,
    },
}

impl KeyMapOp {
    /// The key the operation touches.
    pub fn key(&self) -> u32 {
        match *self {
            KeyMapOp::Insert { key, .. } | KeyMapOp::Remove { key } | KeyMapOp::Get { key } => key,
        }
    }

    /// The value an insert sets (0 for the others).
    pub fn value(&self) -> u32 {
        match *self {
            KeyMapOp::Insert { value, .. } => value,
            _ => 0,
        }
    }
}

impl Model for KeyMap {
    type State = Option<u32>;
    type Input = KeyMapOp;
    type Output = Option<u32>;

    fn init(&self) -> Option<u32> {
        None
    }

    fn step(
        &self,
        &value: &Option<u32>,
        op: &KeyMapOp,
        output: Option<&Option<u32>>,
    ) -> Option<Option<u32>> {
        if output.is_some_and(|out| *out != value) {
            return None;
        }
        Some(match *op {
            KeyMapOp::Insert { value: new, .. } => Some(new),
            KeyMapOp::Remove { .. } => None,
            KeyMapOp::Get { .. } => value,
        })
    }

    fn partition_key(&self, op: &KeyMapOp) -> Option<String> {
        Some(op.key().to_string())
    }

    fn footprint(&self, op: &KeyMapOp, output: Option<&Option<u32>>) -> Footprint {
        match (op, output) {
            (KeyMapOp::Get { .. }, None) => Footprint::Blind,
            (KeyMapOp::Get { .. }, Some(_)) => Footprint::ReadOnly,
            _ => Footprint::Unknown,
        }
    }

    fn describe_operation(&self, op: &KeyMapOp, output: Option<&Option<u32>>) -> String {
        let out = match output {
            None => "?".to_string(),
            Some(value) => self.describe_state(value),
        };
        match op {
            KeyMapOp::Insert { key, value } => format!("insert({key}, {value}) -> {out}"),
            KeyMapOp::Remove { key } => format!("remove({key}) -> {out}"),
            KeyMapOp::Get { key } => format!("get({key}) -> {out}"),
        }
    }

    fn describe_state(&self, value: &Option<u32>) -> String {
        value.map_or_else(|| "none".to_string(), |v| v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::KeyMapOp::*;
    use super::*;

    #[test]
    fn steps() {
        let m = KeyMap;
        let insert = Insert { key: 1, value: 5 };
        assert_eq!(m.step(&None, &insert, Some(&None)), Some(Some(5)));
        assert_eq!(m.step(&Some(4), &insert, Some(&None)), None);
        assert_eq!(m.step(&Some(4), &insert, None), Some(Some(5)));
        assert_eq!(
            m.step(&Some(4), &Remove { key: 1 }, Some(&Some(4))),
            Some(None)
        );
        assert_eq!(
            m.step(&Some(4), &Get { key: 1 }, Some(&Some(4))),
            Some(Some(4))
        );
        assert_eq!(m.partition_key(&insert), Some("1".into()));
        assert_eq!(
            m.describe_operation(&Get { key: 2 }, Some(&None)),
            "get(2) -> none"
        );
    }
}
