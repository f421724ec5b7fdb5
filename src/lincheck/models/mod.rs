//! Ready-made sequential specifications.

mod counter;
mod kv;
mod register;

pub use counter::{Counter, CounterInput};
pub use kv::{KeyValue, KvInput, KvOutput};
pub use register::{Register, RegisterInput, RegisterOutput};
