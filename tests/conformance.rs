//! synclab's own primitives through the conformance suites that downstream crates use,
//! with the very macros a downstream crate writes its tests with. Test names carry the
//! suite, the primitive, the property and the checker:
//! `conformance::counter::atomic::linearizable::loom`.
//!
//! Under Miri only the `stress` checks run (the others are ignored there).

/// synclab's three flavours, as `synclab::flavours!` declares a downstream crate's.
mod std_flavour {
    pub use synclab::*;
}
mod loom_flavour {
    pub use synclab::loom::*;
}
mod shuttle_flavour {
    pub use synclab::shuttle::*;
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
    let suites: [(Suite, &str, &str); 4] = [
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
