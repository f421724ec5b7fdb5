//! Arbitrary bytes → per-thread programs over one `Semaphore` and one `RwLock`, run under
//! shuttle (one schedule per input, seeded from it), every invariant checked, including
//! that a `try_` call that fits succeeds (`synclab::lock::checks::fuzz::run_fuzz_ops`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use synclab::shuttle::lock::{ParkingRwLock, checks::fuzz::run_fuzz_ops};

fuzz_target!(|data: &[u8]| {
    synclab_fuzz::run("lock_ops", data, run_fuzz_ops::<ParkingRwLock>);
});
