//! Correct locks that plain loom 0.7 fails, and that synclab's loom flavour passes; and a
//! broken one it must still catch.
//!
//! The locks (`tests/downstream/`) are written the way a downstream crate writes them,
//! once against `super::rt`, and compiled here three times like the conformance example
//! does. Under loom's own atomics the first two fail `lock::exclusion::loom` although
//! C11 allows none of the executions loom reports:
//!
//! - [`SwapTtasLock`] acquires with `swap(true, Acquire)`: loom lets the holder's
//!   `store(false)` fall between the read and the write of a waiter's failed swap (loom
//!   issue #254), so the lock ends up `true` with nobody holding it.
//! - [`SeqCstPeterson`] is all `SeqCst`: loom runs SeqCst loads and stores as
//!   acquire/release (loom issue #180), so both threads read the other's flag as down.
//!
//! The flavour expresses stores as swaps and brackets SeqCst accesses with SeqCst fences
//! (`src/rt_shared/loom_c11.rs`, `docs/checkers.md`). [`AcqRelPeterson`] is genuinely
//! broken under C11 (store buffering) and must stay caught.
//!
//! This Peterson's lock picks its slot by `slot_hint() % 2`, right for loom's two threads
//! only, so it runs `lock::exclusion::loom` alone. `examples/corpus/` checks Peterson's
//! and Dekker's locks under every checker with `conformance::raw_lock_threads(2)` and
//! `rt::thread::index()`.
//!
//! [`SwapTtasLock`]: loom_flavour::swap_ttas::SwapTtasLock
//! [`SeqCstPeterson`]: loom_flavour::peterson::SeqCstPeterson
//! [`AcqRelPeterson`]: loom_flavour::peterson::AcqRelPeterson

/// The three flavours of the downstream files.
macro_rules! flavours {
    ($($name:ident => $rt:path),*) => {$(
        #[allow(clippy::duplicate_mod, dead_code, unused_imports)]
        #[path = "."]
        mod $name {
            pub use $rt;
            #[path = "downstream/peterson.rs"]
            pub mod peterson;
            #[path = "downstream/swap_ttas.rs"]
            pub mod swap_ttas;
        }
    )*};
}
flavours!(
    std_flavour => synclab::rt,
    loom_flavour => synclab::loom::rt,
    shuttle_flavour => synclab::shuttle::rt
);

use synclab::check::test_path;
use synclab::conformance::{Suite, raw_lock};

/// The raw-lock suite on one of the downstream locks, by file and type.
macro_rules! suite {
    ($file:ident :: $lock:ident) => {
        raw_lock::<
            std_flavour::$file::$lock,
            loom_flavour::$file::$lock,
            shuttle_flavour::$file::$lock,
        >()
    };
}

fn passes(suite: Suite, part: &str, test: &str) {
    suite
        .only(part)
        .assert_passes(&test_path(module_path!(), test));
}

#[test]
#[cfg_attr(miri, ignore)]
fn swap_ttas_lock_passes_the_loom_checks() {
    passes(
        suite!(swap_ttas::SwapTtasLock),
        "::loom",
        "swap_ttas_lock_passes_the_loom_checks",
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn seq_cst_peterson_passes_the_loom_exclusion_check() {
    passes(
        suite!(peterson::SeqCstPeterson),
        "exclusion::loom",
        "seq_cst_peterson_passes_the_loom_exclusion_check",
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn acq_rel_peterson_is_caught() {
    let test = test_path(module_path!(), "acq_rel_peterson_is_caught");
    let failure = suite!(peterson::AcqRelPeterson)
        .only("exclusion::loom")
        .run(&test)
        .expect_err("store buffering lets both threads in");
    assert!(failure.caught_by("lock::exclusion::loom"), "{failure}");
}
