//! Ready-made sequential specifications.

mod channel;
mod counter;
mod kv;
mod lock;
mod once;
mod register;
mod rwlock;

pub use channel::{Channel, ChannelInput, ChannelOutput};
pub use counter::{Counter, CounterInput};
pub use kv::{KeyValue, KvInput, KvOutput};
pub use lock::{Lock, LockInput, Semaphore, SemaphoreInput};
pub use once::{Once, OnceInput};
pub use register::{Register, RegisterInput, RegisterOutput};
pub use rwlock::{Holders, RwLock, RwLockInput};
