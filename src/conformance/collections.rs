//! The collection suites: a queue (MPMC or single-producer single-consumer), a stack and
//! a map by key, each checked through [`object`](crate::object) against its sequential
//! model.
//!
//! Each suite is one generic [`Spec`] body over the collection's trait, instantiated for
//! the three flavours: the same route a downstream crate takes for a type of its own
//! with [`object!`](crate::object!). Every check is `STRUCTURE::linearizable::CHECKER`
//! under loom, shuttle PCT, shuttle random, shuttle URW and std stress; why the
//! scenarios' sizes and the budgets suffice is in [`object`](crate::object)'s docs.
//! Pushed values and map values are [`Gen::unique`](crate::object::Gen::unique), so a
//! lost or duplicated element cannot hide behind an equal one; map keys are drawn from
//! two, so that operations on one key meet.

use crate::check::Suite;
use crate::collections::{ConcurrentMap, ConcurrentQueue, ConcurrentStack};
use crate::lincheck::models::{KeyMap, KeyMapOp, Queue, QueueOp, Stack};
use crate::object::{Object, Spec};

/// A queue's spec: `push` and `pop` on any thread (`spsc`: `push` on thread 0 only,
/// `pop` on thread 1 only).
fn queue_spec<Q>(spsc: bool) -> Spec<Queue, Q>
where
    Q: ConcurrentQueue<u32> + Default + 'static,
{
    let model = Queue {
        capacity: Q::CAPACITY,
    };
    let push = |g: &mut crate::object::Gen| QueueOp::Push(g.unique());
    let pushed = |q: &Q, op: &QueueOp| q.push(op.value()).err();
    let popped = |q: &Q, _: &QueueOp| q.pop();
    let spec = Spec::new(model, Q::default);
    if spsc {
        spec.op_on(0, "push", push, pushed)
            .op_on(1, "pop", |_| QueueOp::Pop, popped)
    } else {
        spec.op("push", push, pushed)
            .op("pop", |_| QueueOp::Pop, popped)
    }
}

/// The queue suite for one MPMC FIFO queue type, given as its std, loom and shuttle
/// flavours; every scenario starts from `Default::default()`, and the model is bounded
/// by [`ConcurrentQueue::CAPACITY`].
///
/// Checks: `queue::linearizable::{loom, shuttle_pct, shuttle_random, shuttle_urw,
/// stress}`.
///
/// ```
/// use synclab::collections::TwoLockQueue;
///
/// let suite = synclab::conformance::queue::<
///     TwoLockQueue<u32>,
///     synclab::loom::collections::TwoLockQueue<u32>,
///     synclab::shuttle::collections::TwoLockQueue<u32>,
/// >();
/// suite.only("shuttle_pct").assert_passes("doc_queue_suite");
/// ```
pub fn queue<S, L, Sh>() -> Suite
where
    S: ConcurrentQueue<u32> + Default + 'static,
    L: ConcurrentQueue<u32> + Default + 'static,
    Sh: ConcurrentQueue<u32> + Default + 'static,
{
    Object::new(
        queue_spec::<S>(false),
        queue_spec::<L>(false),
        queue_spec::<Sh>(false),
    )
    .suite("queue")
}

/// The queue suite for a single-producer single-consumer queue: in the parallel part
/// only thread 0 pushes and only thread 1 pops (the main thread, before and after them,
/// does both). Checks: `spsc_queue::linearizable::{loom, shuttle_pct, shuttle_random,
/// shuttle_urw, stress}`.
pub fn spsc_queue<S, L, Sh>() -> Suite
where
    S: ConcurrentQueue<u32> + Default + 'static,
    L: ConcurrentQueue<u32> + Default + 'static,
    Sh: ConcurrentQueue<u32> + Default + 'static,
{
    Object::new(
        queue_spec::<S>(true),
        queue_spec::<L>(true),
        queue_spec::<Sh>(true),
    )
    .suite("spsc_queue")
}

fn stack_spec<T>() -> Spec<Stack, T>
where
    T: ConcurrentStack<u32> + Default + 'static,
{
    Spec::new(
        Stack {
            capacity: T::CAPACITY,
        },
        T::default,
    )
    .op(
        "push",
        |g| QueueOp::Push(g.unique()),
        |s, op| s.push(op.value()).err(),
    )
    .op("pop", |_| QueueOp::Pop, |s, _| s.pop())
}

/// The stack suite for one LIFO stack type. Checks: `stack::linearizable::{loom,
/// shuttle_pct, shuttle_random, shuttle_urw, stress}`.
pub fn stack<S, L, Sh>() -> Suite
where
    S: ConcurrentStack<u32> + Default + 'static,
    L: ConcurrentStack<u32> + Default + 'static,
    Sh: ConcurrentStack<u32> + Default + 'static,
{
    Object::new(stack_spec::<S>(), stack_spec::<L>(), stack_spec::<Sh>()).suite("stack")
}

fn key_map_spec<M>() -> Spec<KeyMap, M>
where
    M: ConcurrentMap<u32, u32> + Default + 'static,
{
    let key = |g: &mut crate::object::Gen| g.below(2);
    Spec::new(KeyMap, M::default)
        .op(
            "insert",
            move |g| KeyMapOp::Insert {
                key: key(g),
                value: g.unique(),
            },
            |m, op| m.insert(op.key(), op.value()),
        )
        .op(
            "remove",
            move |g| KeyMapOp::Remove { key: key(g) },
            |m, op| m.remove(op.key()),
        )
        .op(
            "get",
            move |g| KeyMapOp::Get { key: key(g) },
            |m, op| m.get(op.key()),
        )
}

/// The map suite for one map type from `u32` to `u32`: `insert`, `remove` and `get` on
/// two keys, checked key by key. Checks: `key_map::linearizable::{loom, shuttle_pct,
/// shuttle_random, shuttle_urw, stress}`.
pub fn key_map<S, L, Sh>() -> Suite
where
    S: ConcurrentMap<u32, u32> + Default + 'static,
    L: ConcurrentMap<u32, u32> + Default + 'static,
    Sh: ConcurrentMap<u32, u32> + Default + 'static,
{
    Object::new(
        key_map_spec::<S>(),
        key_map_spec::<L>(),
        key_map_spec::<Sh>(),
    )
    .suite("key_map")
}
