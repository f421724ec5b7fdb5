//! synclab's own primitives through the conformance suites that downstream crates use,
//! with the very macros a downstream crate writes its tests with. Test names carry the
//! suite, the primitive, the property and the checker:
//! `conformance::counter::atomic::linearizable::loom`.
//!
//! Under Miri only the `stress` checks run (the others are ignored there).

/// The collections at `u32`, named without generics (the macro takes plain paths).
macro_rules! u32s {
    () => {
        pub mod u32s {
            pub type TwoLockQueue = super::collections::TwoLockQueue<u32>;
            pub type SpscRing = super::collections::SpscRing<u32, 2>;
            pub type TreiberStack = super::collections::TreiberStack<u32>;
            pub type StripedMap = super::collections::StripedMap<u32, u32>;
        }
    };
}

/// synclab's three flavours, as `synclab::flavours!` declares a downstream crate's.
mod std_flavour {
    pub use synclab::*;
    u32s!();
}
mod loom_flavour {
    pub use synclab::loom::*;
    u32s!();
}
mod shuttle_flavour {
    pub use synclab::shuttle::*;
    u32s!();
}

mod conformance {
    synclab::conformance_tests! {
        // The strategies whose `get` is exact while writers run (see `synclab::counter`).
        counter {
            mutex => counter::MutexCounter;
            rwlock => counter::RwLockCounter;
            atomic => counter::AtomicCounter;
            cas => counter::CasCounter;
        }
        // One raw lock of each kind (spinning, FIFO, sleeping); their own cases run every one.
        raw_lock {
            tas => lock::TasLock;
            ticket => lock::TicketLock;
            parking => lock::ParkingLock;
        }
        semaphore {
            semaphore => lock::Semaphore;
        }
        map {
            thread_pool => pool::ThreadPool;
        }
        // The collections, and their planted twins (the model checkers must catch each;
        // stress is not claimed: whether real threads hit the window is luck).
        queue {
            two_lock => u32s::TwoLockQueue;
            duplicating => collections::planted::DuplicatingQueue, caught_by [loom, shuttle_pct, shuttle_random, shuttle_urw];
        }
        spsc_queue {
            ring => u32s::SpscRing;
            // A memory-ordering bug: only loom sees it (shuttle is sequentially consistent).
            relaxed_ring => collections::planted::RelaxedSpscRing, caught_by [loom];
        }
        stack {
            treiber => u32s::TreiberStack;
            lost_push => collections::planted::LostPushStack, caught_by [loom, shuttle_pct, shuttle_random, shuttle_urw];
        }
        key_map {
            striped => u32s::StripedMap;
            split_insert => collections::planted::SplitInsertMap, caught_by [loom, shuttle_pct, shuttle_random, shuttle_urw];
        }
    }
}

/// The suite tables in the README and in `synclab::conformance`'s docs list every check of
/// every suite, as the suites run them (one `prefix::property::{checkers}` per property).
#[test]
#[cfg_attr(miri, ignore)]
fn the_docs_list_every_check_of_every_suite() {
    use synclab::check::Suite;
    let read = |path: &str| {
        let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let (readme, module) = (read("README.md"), read("src/conformance/mod.rs"));
    let row = |text: &str, start: &str| -> String {
        let found = text
            .lines()
            .find(|line| line.trim_start_matches("//! ").starts_with(start));
        found
            .unwrap_or_else(|| panic!("no table row starts with {start:?}"))
            .to_string()
    };
    let suites: [(Suite, &str, &str); 8] = [
        (
            synclab::conformance::counter::<
                std_flavour::counter::AtomicCounter,
                loom_flavour::counter::AtomicCounter,
                shuttle_flavour::counter::AtomicCounter,
            >(),
            "| `conformance::counter::",
            "| [`counter`]",
        ),
        (
            synclab::conformance::raw_lock::<
                std_flavour::lock::TasLock,
                loom_flavour::lock::TasLock,
                shuttle_flavour::lock::TasLock,
            >(),
            "| `conformance::raw_lock::",
            "| [`raw_lock`]",
        ),
        (
            synclab::conformance::semaphore::<
                std_flavour::lock::Semaphore,
                loom_flavour::lock::Semaphore,
                shuttle_flavour::lock::Semaphore,
            >(),
            "| `conformance::semaphore::",
            "| [`semaphore`]",
        ),
        (
            synclab::conformance::map::<
                std_flavour::pool::ThreadPool,
                loom_flavour::pool::ThreadPool,
                shuttle_flavour::pool::ThreadPool,
            >(),
            "| `conformance::map::",
            "| [`map()`]",
        ),
        (
            synclab::conformance::queue::<
                std_flavour::u32s::TwoLockQueue,
                loom_flavour::u32s::TwoLockQueue,
                shuttle_flavour::u32s::TwoLockQueue,
            >(),
            "| `conformance::queue::",
            "| [`queue`]",
        ),
        (
            synclab::conformance::spsc_queue::<
                std_flavour::u32s::SpscRing,
                loom_flavour::u32s::SpscRing,
                shuttle_flavour::u32s::SpscRing,
            >(),
            "| `conformance::spsc_queue::",
            "| [`spsc_queue`]",
        ),
        (
            synclab::conformance::stack::<
                std_flavour::u32s::TreiberStack,
                loom_flavour::u32s::TreiberStack,
                shuttle_flavour::u32s::TreiberStack,
            >(),
            "| `conformance::stack::",
            "| [`stack`]",
        ),
        (
            synclab::conformance::key_map::<
                std_flavour::u32s::StripedMap,
                loom_flavour::u32s::StripedMap,
                shuttle_flavour::u32s::StripedMap,
            >(),
            "| `conformance::key_map::",
            "| [`key_map`]",
        ),
    ];
    for (suite, readme_row, module_row) in suites {
        // `lock::exclusion::loom`, ... grouped by property, in order.
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for name in suite.names() {
            let (property, checker) = name.rsplit_once("::").expect("suite::property::checker");
            match groups.last_mut() {
                Some((last, checkers)) if last == property => checkers.push(checker.into()),
                _ => groups.push((property.into(), vec![checker.into()])),
            }
        }
        let (readme_row, module_row) = (row(&readme, readme_row), row(&module, module_row));
        for (property, checkers) in groups {
            let listed = match checkers.as_slice() {
                [one] => format!("`{property}::{one}`"),
                many => format!("`{property}::{{{}}}`", many.join(", ")),
            };
            for (doc, row) in [
                ("README.md", &readme_row),
                ("src/conformance/mod.rs", &module_row),
            ] {
                assert!(
                    row.contains(&listed),
                    "{doc} does not list {listed} in:\n{row}"
                );
            }
        }
    }
}
