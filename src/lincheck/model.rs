//! The sequential specification a concurrent history is checked against.

use std::fmt::Debug;
use std::hash::Hash;

/// A sequential specification: what the object does when operations run one at a time.
///
/// The checker asks "is there an order of the recorded operations, consistent with
/// their real-time order, in which every output is what this model would have
/// produced?". Only [`init`](Model::init) and [`step`](Model::step) are required.
/// The other methods have defaults: [`partition_key`](Model::partition_key) and
/// [`is_read_only`](Model::is_read_only) can make checking much faster, and the
/// `describe_*` methods make explanations readable.
///
/// States are compared and hashed: two search paths that linearized the same set of
/// operations and reached equal states are interchangeable, so the checker explores
/// only one of them. Keep states small and canonical (e.g. sort a set).
///
/// # Example
///
/// A register holding an `i32`, initially 0, with writes and reads:
///
/// ```
/// use synclab::lincheck::{Budget, CheckResult, Model, Operation, check};
///
/// #[derive(Debug, Clone, PartialEq)]
/// enum Op { Write(i32), Read }
///
/// struct Register;
///
/// impl Model for Register {
///     type State = i32;
///     type Input = Op;
///     type Output = i32; // the value read; ignored for writes
///
///     fn init(&self) -> i32 { 0 }
///
///     fn step(&self, state: &i32, input: &Op, output: Option<&i32>) -> Option<i32> {
///         match input {
///             Op::Write(v) => Some(*v),
///             // A read is legal if it returned the current value, or if we do not
///             // know what it returned.
///             Op::Read => output.is_none_or(|out| out == state).then_some(*state),
///         }
///     }
/// }
///
/// // Client 0 writes 1 during [0, 10]; client 1 reads 1 during [2, 4], then 0 during [6, 8].
/// let history = vec![
///     Operation::new(0, Op::Write(1), 0, 0, 10),
///     Operation::new(1, Op::Read, 2, 1, 4),
///     Operation::new(1, Op::Read, 6, 0, 8),
/// ];
/// // Once a read has seen 1, a later read cannot see the old value 0 again.
/// let result = check(&Register, &history, Budget::default());
/// assert!(matches!(result, CheckResult::NotLinearizable(_)));
/// println!("{result}"); // explains where the search got stuck
///
/// // Without the first read, the write may simply take effect after the second read.
/// let history = [history[0].clone(), history[2].clone()];
/// assert_eq!(check(&Register, &history, Budget::default()), CheckResult::Linearizable);
/// ```
pub trait Model {
    /// The state of the object between operations.
    type State: Clone + Eq + Hash + Debug;
    /// A request, e.g. "write 3" or "read". Equal inputs must mean equal requests:
    /// the checker treats two never-returned operations with equal inputs as
    /// interchangeable.
    type Input: Debug + PartialEq;
    /// A response, e.g. the value read.
    type Output: Debug;

    /// The state before any operation.
    fn init(&self) -> Self::State;

    /// Applies one operation to `state`.
    ///
    /// Returns the state after the operation, or `None` if the operation cannot have
    /// produced `output` in `state` (the step is illegal there).
    ///
    /// `output` is `None` when the outcome of the operation is unknown (it timed out,
    /// or its client crashed). The step must then be legal in *every* state, and
    /// return the state the operation would have left behind: whatever it returned,
    /// nobody saw it. The checker relies on this to put off such operations.
    fn step(
        &self,
        state: &Self::State,
        input: &Self::Input,
        output: Option<&Self::Output>,
    ) -> Option<Self::State>;

    /// Splits the object into independent parts (*P-compositionality*).
    ///
    /// Operations with equal keys form one sub-history, checked on its own starting
    /// from [`init`](Model::init); the whole history is linearizable exactly when
    /// every sub-history is. This is sound when operations with different keys never
    /// affect each other, like the keys of a key-value store, and can make checking
    /// exponentially faster. The default, `None` for every input, keeps the history
    /// in one piece.
    fn partition_key(&self, input: &Self::Input) -> Option<String> {
        let _ = input;
        None
    }

    /// Whether the operation leaves the state unchanged whenever it is legal: for
    /// every state, [`step`](Model::step) returns `None` or that same state. Reads
    /// are read-only, and so is a compare-and-set known to have failed.
    ///
    /// This is an optional hint that can make checking much faster. When such an
    /// operation is legal at some point of the search, running it right there is
    /// never a mistake: in any linearization that puts it later, it can be moved
    /// forward to this point without changing any state in between. So the
    /// checker commits to it and does not try alternatives. Answering `true` for an
    /// operation that can change the state makes the checker unsound; the default
    /// answers `false`, which is always safe.
    fn is_read_only(&self, input: &Self::Input, output: Option<&Self::Output>) -> bool {
        let _ = (input, output);
        false
    }

    /// A short human-readable description of an operation, e.g. `read() -> 3`.
    fn describe_operation(&self, input: &Self::Input, output: Option<&Self::Output>) -> String {
        match output {
            Some(output) => format!("{input:?} -> {output:?}"),
            None => format!("{input:?} -> ?"),
        }
    }

    /// A short human-readable description of a state.
    fn describe_state(&self, state: &Self::State) -> String {
        format!("{state:?}")
    }
}
