//! Checking a queue of our own with `synclab::object` (docs/check-any-object.md).

synclab::flavours!(synclab_conformance_example: my_queue => "../src/my_queue.rs");

use synclab::lincheck::models::{Queue, QueueOp};
use synclab::object::{Object, Spec};

fn job_queue() -> Object<Queue> {
    synclab::object! { |f| Spec::new(Queue::unbounded(), f::my_queue::JobQueue::new)
        .op("push", |g| QueueOp::Push(g.unique()), |q, op| { q.push(op.value()); None })
        .op("pop", |_| QueueOp::Pop, |q, _| q.pop())
    }
}

fn slot_queue() -> Object<Queue> {
    synclab::object! { |f| Spec::new(Queue::unbounded(), f::my_queue::SlotQueue::new)
        .op("push", |g| QueueOp::Push(g.unique()), |q, op| { q.push(op.value()); None })
        .op("pop", |_| QueueOp::Pop, |q, _| q.pop())
    }
}

synclab::object_tests! {
    job_queue => job_queue;
    slot_queue => slot_queue, caught_by [loom, shuttle_pct, shuttle_random, shuttle_urw];
}
