//! What the fuzz targets share: each input runs as one shuttle execution, with a seed
//! taken from the input's bytes.
//!
//! On real threads an input's interleaving is whatever the machine did, so a crash found
//! once may not come back when its input is run again. Under shuttle the schedule is a
//! function of the seed, and the seed a function of the input: running a crash input
//! again runs the same interleaving, and the crash message carries shuttle's schedule as
//! well. What that costs: shuttle explores sequentially consistent interleavings only,
//! not weak-memory reorderings (loom's job in the models; the same bodies also run on
//! real threads in the std proptests, `tests/{counter,lock,map}.rs`).

use synclab::check::{self, Checker};

/// Runs `body(data)` once under shuttle's random scheduler seeded from `data`, and panics
/// (a crash, for the fuzzer) with the failure if `body` returns an error or panics.
pub fn run(target: &str, data: &[u8], body: fn(&[u8]) -> Result<(), String>) {
    let input = data.to_vec();
    let replay =
        format!("cargo +nightly fuzz run -s none --fuzz-dir fuzz {target} <the crash file>");
    let outcome = check::with_replay_command(&replay, || {
        check::with_seed(seed(data), || {
            check::run(
                target,
                Checker::ShuttleRandom { iterations: 1 },
                move || {
                    if let Err(violation) = body(&input) {
                        panic!("{violation}");
                    }
                },
            )
        })
    });
    if let Err(failure) = outcome {
        panic!("{target}: {failure}");
    }
}

/// The input's FNV-1a hash: any change to the input moves the schedule.
pub fn seed(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
