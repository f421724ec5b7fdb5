//! [`Spec`]: one flavour of an object, its operations and its model; [`Gen`], the
//! generator that the operations draw their inputs from.

use std::fmt;
use std::sync::Arc;

use crate::lincheck::Model;

/// The random source an operation's input generator draws from: a small, seeded
/// SplitMix64, so that a seed always gives the same scenarios.
///
/// ```
/// use synclab::object::Gen;
///
/// let mut g = Gen::new(7);
/// assert!(g.below(4) < 4);
/// assert_eq!((g.unique(), g.unique()), (1, 2)); // fresh values: 1, 2, 3, ... per scenario
/// ```
#[derive(Debug, Clone)]
pub struct Gen {
    state: u64,
    unique: u32,
}

impl Gen {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Gen {
            state: seed,
            unique: 0,
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` if `n` is `0`).
    pub fn below(&mut self, n: u32) -> u32 {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % u64::from(n)) as u32
    }

    /// A coin flip.
    pub fn coin(&mut self) -> bool {
        self.next_u64() & 1 == 1
    }

    /// A value no earlier call of this scenario returned: 1, 2, 3, ... Pushing unique
    /// values makes a lost or duplicated element unambiguous in the history.
    pub fn unique(&mut self) -> u32 {
        self.unique += 1;
        self.unique
    }
}

/// How a generated input is drawn.
pub(crate) type Generate<I> = Arc<dyn Fn(&mut Gen) -> I + Send + Sync>;
/// How an operation is performed on one flavour of the object.
pub(crate) type Perform<T, I, O> = Arc<dyn Fn(&T, &I) -> O + Send + Sync>;

/// One operation of a [`Spec`].
pub(crate) struct OpDef<M: Model, T> {
    pub(crate) name: &'static str,
    pub(crate) thread: Option<usize>,
    pub(crate) generate: Generate<M::Input>,
    pub(crate) perform: Perform<T, M::Input, M::Output>,
}

impl<M: Model, T> Clone for OpDef<M, T> {
    fn clone(&self) -> Self {
        OpDef {
            name: self.name,
            thread: self.thread,
            generate: Arc::clone(&self.generate),
            perform: Arc::clone(&self.perform),
        }
    }
}

/// An object in one flavour (std, loom or shuttle): its sequential model, how to build
/// it, and its operations, each a name, an input generator and a closure that performs
/// it and returns its result.
///
/// Written once in a body that [`object!`](crate::object!) compiles per flavour, so that
/// `f::my_queue::Queue` is the std, the loom and the shuttle type in turn:
///
/// ```text
/// Spec::new(Queue::unbounded(), f::my_queue::Queue::new)
///     .op("push", |g| QueueOp::Push(g.unique()), |q, op| q.push(op.value()))
///     .op("pop", |_| QueueOp::Pop, |q, _| q.pop())
/// ```
pub struct Spec<M: Model, T> {
    pub(crate) model: M,
    pub(crate) new: Arc<dyn Fn() -> T + Send + Sync>,
    pub(crate) ops: Vec<OpDef<M, T>>,
}

impl<M: Model, T> Spec<M, T> {
    /// An object checked against `model`, each scenario starting from `new()`: the
    /// object must be in the model's [`init`](Model::init) state.
    pub fn new(model: M, new: impl Fn() -> T + Send + Sync + 'static) -> Self {
        Spec {
            model,
            new: Arc::new(new),
            ops: Vec::new(),
        }
    }

    /// Adds the operation `name`: `generate` draws its input, `perform` runs it on the
    /// object and returns its result (the model's output for that input).
    #[must_use]
    pub fn op(
        self,
        name: &'static str,
        generate: impl Fn(&mut Gen) -> M::Input + Send + Sync + 'static,
        perform: impl Fn(&T, &M::Input) -> M::Output + Send + Sync + 'static,
    ) -> Self {
        self.push_op(name, None, generate, perform)
    }

    /// Adds the operation `name`, run in the parallel part only by thread `thread`
    /// (the initial and final parts, on the main thread, may run it too: they are
    /// ordered before and after every thread). A single-producer single-consumer queue
    /// gives `push` to thread 0 and `pop` to thread 1.
    #[must_use]
    pub fn op_on(
        self,
        thread: usize,
        name: &'static str,
        generate: impl Fn(&mut Gen) -> M::Input + Send + Sync + 'static,
        perform: impl Fn(&T, &M::Input) -> M::Output + Send + Sync + 'static,
    ) -> Self {
        self.push_op(name, Some(thread), generate, perform)
    }

    fn push_op(
        mut self,
        name: &'static str,
        thread: Option<usize>,
        generate: impl Fn(&mut Gen) -> M::Input + Send + Sync + 'static,
        perform: impl Fn(&T, &M::Input) -> M::Output + Send + Sync + 'static,
    ) -> Self {
        self.ops.push(OpDef {
            name,
            thread,
            generate: Arc::new(generate),
            perform: Arc::new(perform),
        });
        self
    }

    /// The operations' names, in the order they were added.
    pub fn op_names(&self) -> Vec<&'static str> {
        self.ops.iter().map(|op| op.name).collect()
    }
}

impl<M: Model + fmt::Debug, T> fmt::Debug for Spec<M, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Spec")
            .field("model", &self.model)
            .field("ops", &self.op_names())
            .finish_non_exhaustive()
    }
}
