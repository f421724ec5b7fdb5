//! A read/write/compare-and-set register, as in Jepsen's etcd tests.

use crate::lincheck::{Footprint, Model};

/// A register holding an `i64`, initially empty (`None`, Jepsen's `nil`), with
/// read, write and compare-and-set.
///
/// A compare-and-set that reports failure must have found a different value and
/// had no effect. An operation with an unknown outcome may have taken effect or
/// not; the search decides where (or whether) it happened.
///
/// ```
/// use synclab::lincheck::models::{Register, RegisterInput as In, RegisterOutput as Out};
/// use synclab::lincheck::{Budget, Operation, check};
///
/// let history = vec![
///     Operation::new(0, In::Write(1), 0, Out::Ok, 2),
///     Operation::new(1, In::Cas { from: 1, to: 2 }, 3, Out::Ok, 4),
///     Operation::new(0, In::Read, 5, Out::Value(Some(2)), 6),
/// ];
/// assert_eq!(check(&Register, &history, Budget::default()).is_linearizable(), Some(true));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Register;

/// A register operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegisterInput {
    /// Read the current value.
    Read,
    /// Overwrite the value.
    Write(i64),
    /// If the value is `from`, replace it with `to`.
    Cas {
        /// The expected current value.
        from: i64,
        /// The new value.
        to: i64,
    },
}

/// What a register operation returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegisterOutput {
    /// A read returned this value (`None`: the register was empty).
    Value(Option<i64>),
    /// A write, or a compare-and-set that found the expected value, took effect.
    Ok,
    /// A compare-and-set found a different value and did nothing.
    Failed,
}

impl Model for Register {
    type State = Option<i64>;
    type Input = RegisterInput;
    type Output = RegisterOutput;

    fn init(&self) -> Option<i64> {
        None
    }

    fn step(
        &self,
        state: &Option<i64>,
        input: &RegisterInput,
        output: Option<&RegisterOutput>,
    ) -> Option<Option<i64>> {
        use RegisterOutput::{Failed, Ok, Value};
        match (*input, output) {
            (RegisterInput::Read, None) => Some(*state),
            (RegisterInput::Read, Some(Value(v))) => (v == state).then_some(*state),
            (RegisterInput::Write(v), None | Some(Ok)) => Some(Some(v)),
            (RegisterInput::Cas { from, to }, output) => {
                let matches = *state == Some(from);
                match output {
                    None => Some(if matches { Some(to) } else { *state }),
                    Some(Ok) => matches.then_some(Some(to)),
                    Some(Failed) => (!matches).then_some(*state),
                    Some(Value(_)) => None,
                }
            }
            // An output of the wrong kind, e.g. a read that returned `Ok`.
            (RegisterInput::Read | RegisterInput::Write(_), Some(_)) => None,
        }
    }

    fn footprint(&self, input: &RegisterInput, output: Option<&RegisterOutput>) -> Footprint {
        use RegisterOutput::{Failed, Ok};
        match (input, output) {
            // An operation whose result is unknown observes nothing (a lost
            // compare-and-set may still have changed the value).
            (RegisterInput::Read | RegisterInput::Cas { .. }, None) => Footprint::Blind,
            (RegisterInput::Read, Some(_)) | (RegisterInput::Cas { .. }, Some(Failed)) => {
                Footprint::ReadOnly
            }
            (RegisterInput::Write(_), None | Some(Ok)) => Footprint::Overwrite,
            _ => Footprint::Unknown,
        }
    }

    /// The blind operations are those of unknown result: reads, which change
    /// nothing, and compare-and-sets, which leave the value as it was or set it to
    /// their `to`. So the value can only ever be `state` or one of those.
    fn may_become_legal(
        &self,
        state: &Option<i64>,
        input: &RegisterInput,
        output: &RegisterOutput,
        blind: &[&RegisterInput],
    ) -> bool {
        let legal_in = |value: Option<i64>| self.step(&value, input, Some(output)).is_some();
        legal_in(*state)
            || blind.iter().any(|b| match b {
                RegisterInput::Cas { to, .. } => legal_in(Some(*to)),
                _ => false,
            })
    }

    fn describe_operation(&self, input: &RegisterInput, output: Option<&RegisterOutput>) -> String {
        let result = match output {
            None => "?".to_string(),
            Some(RegisterOutput::Value(v)) => self.describe_state(v),
            Some(RegisterOutput::Ok) => "ok".to_string(),
            Some(RegisterOutput::Failed) => "fail".to_string(),
        };
        match input {
            RegisterInput::Read => format!("read() -> {result}"),
            RegisterInput::Write(v) => format!("write({v}) -> {result}"),
            RegisterInput::Cas { from, to } => format!("cas({from}, {to}) -> {result}"),
        }
    }

    fn describe_state(&self, state: &Option<i64>) -> String {
        state.map_or_else(|| "nil".to_string(), |v| v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RegisterInput::*;
    use RegisterOutput::{Failed, Ok, Value};

    #[test]
    fn steps() {
        let r = Register;
        assert_eq!(r.step(&None, &Read, Some(&Value(None))), Some(None));
        assert_eq!(r.step(&Some(1), &Read, Some(&Value(None))), None);
        assert_eq!(r.step(&Some(1), &Read, None), Some(Some(1)));
        assert_eq!(r.step(&None, &Write(3), Some(&Ok)), Some(Some(3)));
        assert_eq!(r.step(&None, &Write(3), Some(&Failed)), None);
        assert_eq!(
            r.step(&Some(1), &Cas { from: 1, to: 2 }, Some(&Ok)),
            Some(Some(2))
        );
        assert_eq!(
            r.step(&Some(1), &Cas { from: 1, to: 2 }, Some(&Failed)),
            None
        );
        assert_eq!(
            r.step(&Some(5), &Cas { from: 1, to: 2 }, Some(&Failed)),
            Some(Some(5))
        );
        assert_eq!(
            r.step(&Some(5), &Cas { from: 1, to: 2 }, None),
            Some(Some(5))
        );
        assert_eq!(
            r.step(&Some(1), &Cas { from: 1, to: 2 }, None),
            Some(Some(2))
        );
    }

    #[test]
    fn footprints_and_reads_ahead() {
        let r = Register;
        let lost_cas = Cas { from: 1, to: 2 };
        assert_eq!(r.footprint(&lost_cas, None), Footprint::Blind);
        assert_eq!(r.footprint(&lost_cas, Some(&Ok)), Footprint::Unknown);
        assert_eq!(r.footprint(&Write(3), None), Footprint::Overwrite);
        // From 1, a lost cas(1, 2) may make a read of 2 legal; nothing makes 3 legal.
        assert!(r.may_become_legal(&Some(1), &Read, &Value(Some(2)), &[&lost_cas]));
        assert!(!r.may_become_legal(&Some(1), &Read, &Value(Some(2)), &[&Read]));
        assert!(!r.may_become_legal(&Some(1), &Read, &Value(Some(3)), &[&lost_cas]));
        assert!(r.may_become_legal(&Some(1), &Read, &Value(Some(1)), &[]));
    }

    #[test]
    fn descriptions() {
        let r = Register;
        assert_eq!(
            r.describe_operation(&Read, Some(&Value(None))),
            "read() -> nil"
        );
        assert_eq!(
            r.describe_operation(&Cas { from: 1, to: 2 }, Some(&Failed)),
            "cas(1, 2) -> fail"
        );
        assert_eq!(r.describe_operation(&Write(4), None), "write(4) -> ?");
    }
}
