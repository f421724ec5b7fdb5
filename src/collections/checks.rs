//! Fixed scenarios on the collections, recorded and checked against their models: the
//! gallery's scenarios for the planted bugs (and their fixed twins). The generated
//! scenarios of the suites go through [`object`](crate::object) instead.
//!
//! Each runs `init` on the calling thread, `parallel[i]` on thread `i`, then `post`, and
//! panics with lincheck's explanation if the history is not linearizable.

use super::{ConcurrentMap, ConcurrentQueue, ConcurrentStack};
use crate::lincheck::Model;
use crate::lincheck::models::{KeyMap, KeyMapOp, Queue, QueueOp, Stack};
use super::record::Recorder;

/// Panics with the violation, if the history of `object` under the three parts is not
/// linearizable for `model`.
fn run<T, M>(
    object: T,
    model: &M,
    parts: (&[M::Input], &[Vec<M::Input>], &[M::Input]),
    perform: impl Fn(&T, &M::Input) -> M::Output + Sync,
) where
    T: Sync,
    M: Model,
    M::Input: Clone + Send,
    M::Output: Clone + Send,
{
    let (init, parallel, post) = parts;
    let history = Recorder::new().run_parts(&object, init, parallel, post, |object, op, c| {
        c.call(op.clone(), || perform(object, op));
    });
    if let Err(violation) = history.check(model) {
        panic!("{violation}");
    }
}

/// A queue of type `Q`, from `Default`.
pub fn queue<Q: ConcurrentQueue<u32> + Default>(
    init: &[QueueOp],
    parallel: &[Vec<QueueOp>],
    post: &[QueueOp],
) {
    let model = Queue {
        capacity: Q::CAPACITY,
    };
    run(Q::default(), &model, (init, parallel, post), |q, op| match op {
        QueueOp::Push(v) => q.push(*v).err(),
        QueueOp::Pop => q.pop(),
    });
}

/// A stack of type `S`, from `Default`.
pub fn stack<S: ConcurrentStack<u32> + Default>(
    init: &[QueueOp],
    parallel: &[Vec<QueueOp>],
    post: &[QueueOp],
) {
    let model = Stack {
        capacity: S::CAPACITY,
    };
    run(S::default(), &model, (init, parallel, post), |s, op| match op {
        QueueOp::Push(v) => s.push(*v).err(),
        QueueOp::Pop => s.pop(),
    });
}

/// A map of type `M`, from `Default`.
pub fn key_map<M: ConcurrentMap<u32, u32> + Default>(
    init: &[KeyMapOp],
    parallel: &[Vec<KeyMapOp>],
    post: &[KeyMapOp],
) {
    run(M::default(), &KeyMap, (init, parallel, post), |m, op| match *op {
        KeyMapOp::Insert { key, value } => m.insert(key, value),
        KeyMapOp::Remove { key } => m.remove(key),
        KeyMapOp::Get { key } => m.get(key),
    });
}
