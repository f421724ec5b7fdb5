//! Arbitrary bytes → (length, workers, chunk size, strategy, panic index, owned or
//! borrowed items, pool reused or not, values), run on a fresh pool under shuttle (one
//! schedule per input, seeded from it), every map invariant checked: each item processed
//! once, results in order, every value dropped once, the panic re-raised, the pool still
//! working after it, zero sizes rejected (`synclab::map::checks::fuzz::fuzz_one`).
//!
//! The closure's planned panics are not crashes: synclab's panic hook keeps every panic
//! inside a checker run from libFuzzer's (which aborts on any panic, even a caught one);
//! a failure is reported by `synclab_fuzz::run`, outside the run, and is a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    synclab_fuzz::run("map", data, synclab::shuttle::map::checks::fuzz::fuzz_one);
});
