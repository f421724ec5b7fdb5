//! Arbitrary bytes → per-thread counter programs, run on every strategy, invariants checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = synclab::counter::checks::fuzz_one(data) {
        panic!("{violation}");
    }
});
