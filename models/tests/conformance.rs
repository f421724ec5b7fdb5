//! synclab's own counters through the conformance suite that downstream crates use: the
//! exact strategies pass every model check, and the planted lost-update counter is caught
//! by each of them. (The std checks of the same suite run in `tests/conformance.rs`.)

use synclab::conformance::{self, Suite};

macro_rules! exact_counters {
    ($($name:ident => $ty:ident;)*) => {
        mod counter { $(
            mod $name {
                use super::super::*;

                fn suite() -> Suite {
                    conformance::counter::<
                        synclab::counter::$ty,
                        synclab::loom::counter::$ty,
                        synclab::shuttle::counter::$ty,
                    >()
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    suite().only("::loom").assert_passes(concat!("counter::", stringify!($name), "::loom"));
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle() {
                    suite().only("::shuttle").assert_passes(concat!("counter::", stringify!($name), "::shuttle"));
                }
            }
        )* }
    };
}

// The strategies whose `get` is exact while writers run (see `synclab::counter`).
exact_counters! {
    mutex => MutexCounter;
    rwlock => RwLockCounter;
    atomic => AtomicCounter;
    cas => CasCounter;
}

/// The planted lost-update counter fails every model check of the suite.
#[test]
#[cfg_attr(miri, ignore)]
fn planted_load_store_is_caught_by_every_model_check() {
    use synclab::counter::planted::LoadStoreCounter;
    let failure = conformance::counter::<
        LoadStoreCounter,
        synclab::loom::counter::planted::LoadStoreCounter,
        synclab::shuttle::counter::planted::LoadStoreCounter,
    >()
    .run("planted_load_store_is_caught_by_every_model_check")
    .expect_err("the suite catches the lost update");
    // Which std checks also catch it depends on timing; the model checks must.
    println!("{}", failure.report);
    for check in [
        "counter::linearizable::loom",
        "counter::linearizable::shuttle_pct",
        "counter::linearizable::shuttle_random",
    ] {
        assert!(failure.caught_by(check), "{check} missed it:\n{failure}");
    }
}
