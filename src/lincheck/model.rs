//! The sequential specification a concurrent history is checked against.

use std::fmt::Debug;
use std::hash::Hash;

use super::Footprint;

/// A sequential specification: what the object does when operations run one at a time.
///
/// The checker asks "is there an order of the recorded operations, consistent with
/// their real-time order, in which every output is what this model would have
/// produced?". Only [`init`](Model::init) and [`step`](Model::step) are required.
/// The other methods have defaults: [`partition_key`](Model::partition_key) and
/// [`footprint`](Model::footprint) can make checking much faster, and the
/// `describe_*` methods make explanations readable.
///
/// States are compared and hashed: two search paths that linearized the same set of
/// operations and reached equal states are interchangeable, so the checker explores
/// only one of them. Keep states small and canonical (e.g. sort a set).
///
/// The parts of a partitioned history are checked on several threads, so a model is
/// shared between threads (`Sync`), as are inputs and outputs, and states move
/// between them (`Send`). Plain data is all of these.
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
pub trait Model: Sync {
    /// The state of the object between operations.
    type State: Clone + Eq + Hash + Debug + Send;
    /// A request, e.g. "write 3" or "read". Equal inputs must mean equal requests:
    /// the checker treats two never-returned operations with equal inputs as
    /// interchangeable.
    type Input: Debug + PartialEq + Sync;
    /// A response, e.g. the value read.
    type Output: Debug + Sync;

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

    /// What the operation may do to the state (see [`Footprint`]): an optional
    /// promise that lets the search skip work. The default, [`Footprint::Unknown`],
    /// promises nothing and is always safe; a wrong promise makes the checker wrong.
    fn footprint(&self, input: &Self::Input, output: Option<&Self::Output>) -> Footprint {
        let _ = (input, output);
        Footprint::Unknown
    }

    /// For a [`ReadOnly`](Footprint::ReadOnly) operation that returned `output`:
    /// could it become legal if, starting in `state`, some of the operations in
    /// `blind` (all [`Blind`](Footprint::Blind), each used at most once, in any
    /// order) were applied?
    ///
    /// The search asks when the read must be linearized before anything that is
    /// not read-only, blind or an overwrite, with `blind` the blind operations that
    /// may come before it; `false` abandons the attempt. For a key-value store
    /// whose blind operations are appends, a read of `v` can only become legal from
    /// `s` if `v` is `s` followed by some of the appended values. The default
    /// answers `true`, which is always safe; answering `true` when unsure is too.
    fn may_become_legal(
        &self,
        state: &Self::State,
        input: &Self::Input,
        output: &Self::Output,
        blind: &[&Self::Input],
    ) -> bool {
        let _ = (state, input, output, blind);
        true
    }

    /// How many bytes of heap memory `state` owns (a `String`'s buffer, a `Vec`'s
    /// elements), for the memory limit of a [`Budget`](super::Budget). The default,
    /// `0`, is right for plain values; a model whose states own memory should report
    /// it, or the checker will use more memory than its budget says.
    fn state_heap_bytes(&self, state: &Self::State) -> usize {
        let _ = state;
        0
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
