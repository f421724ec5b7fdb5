//! Ready-made sequential specifications.

mod counter;
mod kv;
mod lock;
mod register;

pub use counter::{Counter, CounterInput};
pub use kv::{KeyValue, KvInput, KvOutput};
pub use lock::{Lock, LockInput, Semaphore, SemaphoreInput};
pub use register::{Register, RegisterInput, RegisterOutput};
