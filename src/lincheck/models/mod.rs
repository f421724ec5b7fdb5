//! Ready-made sequential specifications.

mod counter;
mod key_map;
mod kv;
mod lock;
mod queue;
mod register;

pub use counter::{Counter, CounterInput};
pub use key_map::{KeyMap, KeyMapOp};
pub use kv::{KeyValue, KvInput, KvOutput};
pub use lock::{Lock, LockInput, Semaphore, SemaphoreInput};
pub use queue::{Queue, QueueOp, Stack};
pub use register::{Register, RegisterInput, RegisterOutput};
