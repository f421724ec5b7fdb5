//! Arbitrary bytes → per-thread counter programs, run on every strategy under shuttle
//! (one schedule per input, seeded from it), every invariant checked
//! (`synclab::counter::checks::fuzz_one`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    synclab_fuzz::run(
        "counter_ops",
        data,
        synclab::shuttle::counter::checks::fuzz_one,
    );
});
