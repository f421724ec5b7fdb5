//! A key-value store with get, put and append, checked one key at a time.

use crate::lincheck::{Footprint, Model};

/// A map from string keys to string values with `get`, `put` and `append`, as in
/// porcupine's key-value tests. A missing key reads as the empty string.
///
/// Operations on different keys are independent, so the model partitions the
/// history by key ([`Model::partition_key`]) and its state is the value of *one*
/// key. Checking each key separately is much faster than checking the whole map.
///
/// ```
/// use synclab::lincheck::models::{KeyValue, KvInput, KvOutput};
/// use synclab::lincheck::{Budget, Operation, check};
///
/// let put = |k: &str, v: &str| KvInput::Put { key: k.into(), value: v.into() };
/// let get = |k: &str| KvInput::Get { key: k.into() };
/// let history = vec![
///     Operation::new(0, put("a", "1"), 0, KvOutput::Ok, 10),
///     Operation::new(1, put("b", "2"), 1, KvOutput::Ok, 2),
///     Operation::new(1, get("b"), 3, KvOutput::Value("2".into()), 4),
///     Operation::new(1, get("a"), 5, KvOutput::Value("".into()), 6), // put("a") not yet effective
/// ];
/// assert_eq!(check(&KeyValue, &history, Budget::default()).is_linearizable(), Some(true));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyValue;

/// A key-value operation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KvInput {
    /// Read the value of `key`.
    Get {
        /// The key.
        key: String,
    },
    /// Replace the value of `key`.
    Put {
        /// The key.
        key: String,
        /// The new value.
        value: String,
    },
    /// Append to the value of `key`.
    Append {
        /// The key.
        key: String,
        /// The text appended.
        value: String,
    },
}

impl KvInput {
    /// The key the operation touches.
    pub fn key(&self) -> &str {
        match self {
            Self::Get { key } | Self::Put { key, .. } | Self::Append { key, .. } => key,
        }
    }
}

/// What a key-value operation returned.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KvOutput {
    /// A get returned this value.
    Value(String),
    /// A put or append completed.
    Ok,
}

impl Model for KeyValue {
    type State = String;
    type Input = KvInput;
    type Output = KvOutput;

    fn init(&self) -> String {
        String::new()
    }

    fn step(&self, state: &String, input: &KvInput, output: Option<&KvOutput>) -> Option<String> {
        match (input, output) {
            (KvInput::Get { .. }, None) => Some(state.clone()),
            (KvInput::Get { .. }, Some(KvOutput::Value(v))) => (v == state).then(|| state.clone()),
            (KvInput::Put { value, .. }, None | Some(KvOutput::Ok)) => Some(value.clone()),
            (KvInput::Append { value, .. }, None | Some(KvOutput::Ok)) => {
                Some(format!("{state}{value}"))
            }
            // An output of the wrong kind, e.g. a get that returned `Ok`.
            _ => None,
        }
    }

    fn footprint(&self, input: &KvInput, output: Option<&KvOutput>) -> Footprint {
        match (input, output) {
            // A get whose result is unknown observes nothing.
            (KvInput::Get { .. }, None) => Footprint::Blind,
            (KvInput::Get { .. }, Some(_)) => Footprint::ReadOnly,
            (KvInput::Append { .. }, None | Some(KvOutput::Ok)) => Footprint::Blind,
            (KvInput::Put { .. }, None | Some(KvOutput::Ok)) => Footprint::Overwrite,
            _ => Footprint::Unknown,
        }
    }

    /// The blind operations only append (and unknown gets change nothing), so a
    /// get can only come to read `v` if `v` is the value so far followed by some
    /// of the appended values. Checked allowing a value to be used twice, which
    /// can only say yes more often: a no is certain.
    fn may_become_legal(
        &self,
        state: &String,
        input: &KvInput,
        output: &KvOutput,
        blind: &[&KvInput],
    ) -> bool {
        let (KvInput::Get { .. }, KvOutput::Value(v)) = (input, output) else {
            return true;
        };
        let Some(rest) = v.strip_prefix(state.as_str()) else {
            return false;
        };
        let pieces = blind.iter().filter_map(|op| match op {
            KvInput::Append { value, .. } if !value.is_empty() => Some(value.as_bytes()),
            _ => None,
        });
        spelled_by(rest.as_bytes(), pieces)
    }

    fn state_heap_bytes(&self, state: &String) -> usize {
        state.capacity()
    }

    fn partition_key(&self, input: &KvInput) -> Option<String> {
        Some(input.key().to_string())
    }

    fn describe_operation(&self, input: &KvInput, output: Option<&KvOutput>) -> String {
        let suffix = match output {
            None => " -> ?".to_string(),
            Some(KvOutput::Value(v)) => format!(" -> {v:?}"),
            Some(KvOutput::Ok) => String::new(),
        };
        match input {
            KvInput::Get { key } => format!("get({key:?}){suffix}"),
            KvInput::Put { key, value } => format!("put({key:?}, {value:?}){suffix}"),
            KvInput::Append { key, value } => format!("append({key:?}, {value:?}){suffix}"),
        }
    }
}

/// Whether `text` is a concatenation of `pieces` (each usable any number of
/// times): which prefixes of `text` can be spelled, shortest first. The pieces are
/// walked once per prefix reached, without collecting them: this runs for every
/// read the look-ahead meets, with hundreds of appends in flight.
fn spelled_by<'a>(text: &[u8], pieces: impl Iterator<Item = &'a [u8]> + Clone) -> bool {
    if text.is_empty() {
        return true;
    }
    let mut reached = vec![false; text.len() + 1];
    reached[0] = true;
    for at in 0..text.len() {
        if !reached[at] {
            continue;
        }
        let rest = &text[at..];
        for piece in pieces.clone() {
            // One byte from the middle rules out most pieces without a call to
            // `memcmp` (appended values tend to share their first and last bytes).
            let mid = piece.len() / 2;
            if piece.len() <= rest.len() && piece[mid] == rest[mid] && rest.starts_with(piece) {
                reached[at + piece.len()] = true;
            }
        }
    }
    reached[text.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps() {
        let kv = KeyValue;
        let append = KvInput::Append {
            key: "k".into(),
            value: "x".into(),
        };
        let get = KvInput::Get { key: "k".into() };
        assert_eq!(
            kv.step(&"a".into(), &append, Some(&KvOutput::Ok)),
            Some("ax".into())
        );
        assert_eq!(
            kv.step(&"a".into(), &get, Some(&KvOutput::Value("a".into()))),
            Some("a".into())
        );
        assert_eq!(
            kv.step(&"a".into(), &get, Some(&KvOutput::Value("b".into()))),
            None
        );
        assert_eq!(kv.step(&"a".into(), &get, Some(&KvOutput::Ok)), None);
        assert_eq!(kv.partition_key(&get), Some("k".into()));
        // "ab" then appends of "c" and "de" can read "abdec", not "abx" or "b".
        let append = |v: &str| KvInput::Append {
            key: "k".into(),
            value: v.into(),
        };
        let (c, de) = (append("c"), append("de"));
        let read = |v: &str| KvOutput::Value(v.into());
        let blind = [&c, &de];
        assert!(kv.may_become_legal(&"ab".into(), &get, &read("abdec"), &blind));
        assert!(kv.may_become_legal(&"ab".into(), &get, &read("ab"), &[]));
        assert!(!kv.may_become_legal(&"ab".into(), &get, &read("abx"), &blind));
        assert!(!kv.may_become_legal(&"ab".into(), &get, &read("b"), &blind));
        assert_eq!(
            kv.describe_operation(&get, Some(&KvOutput::Value("a".into()))),
            r#"get("k") -> "a""#
        );
    }
}
