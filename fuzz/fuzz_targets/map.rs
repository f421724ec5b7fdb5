//! Arbitrary bytes → (length, workers, chunk size, strategy, panic index, owned or
//! borrowed items, values), run on a fresh pool, every map invariant checked: each item
//! processed once, results in order, every value dropped once, the panic re-raised, zero
//! sizes rejected. The decoding and the checks are `synclab::map::checks::fuzz::fuzz_one`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synclab::map::checks::{PlannedPanic, fuzz::fuzz_one};

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys's panic hook aborts on every panic, even one that is caught. The
    // closure's planned panics are caught and checked by `fuzz_one`: let only those
    // through; every other panic still reaches the fuzzer's hook and is a crash.
    static PLANNED_PANICS_PASS: std::sync::Once = std::sync::Once::new();
    PLANNED_PANICS_PASS.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.payload().is::<PlannedPanic>() {
                fuzzer_hook(info);
            }
        }));
    });
    if let Err(violation) = fuzz_one(data) {
        panic!("{violation}");
    }
});
