//! Ready-made sequential specifications.

mod channel;
mod counter;
mod key_map;
mod kv;
mod lock;
mod once;
mod queue;
mod register;
mod rwlock;

pub use channel::{Channel, ChannelInput, ChannelOutput};
pub use counter::{Counter, CounterInput};
pub use key_map::{KeyMap, KeyMapOp};
pub use kv::{KeyValue, KvInput, KvOutput};
pub use lock::{Lock, LockInput, Semaphore, SemaphoreInput};
pub use once::{Once, OnceInput};
pub use queue::{Queue, QueueOp, Stack};
pub use register::{Register, RegisterInput, RegisterOutput};
pub use rwlock::{Holders, RwLock, RwLockInput};
