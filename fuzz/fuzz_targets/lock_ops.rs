//! Arbitrary bytes → per-thread programs over one `Semaphore` and one `RwLock`, run on
//! real threads, every invariant checked (`synclab::lock::checks::fuzz::run_fuzz_ops`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use synclab::lock::ParkingRwLock;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = synclab::lock::checks::fuzz::run_fuzz_ops::<ParkingRwLock>(data) {
        panic!("{violation}");
    }
});
