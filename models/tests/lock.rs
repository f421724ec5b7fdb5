//! loom and shuttle models of the lock family: one test per model in
//! `synclab::suite::lock` (whose docs say why the bounds and thread counts suffice).

use synclab::suite::assert_model_passes;

macro_rules! model_tests {
    ($($name:ident => $raw:ident, $kind:ident;)*) => {
        mod lock { $(
            mod $name {
                use super::super::*;

                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    assert_model_passes(concat!("lock::", stringify!($name), "::loom"));
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_random() {
                    assert_model_passes(concat!("lock::", stringify!($name), "::shuttle_random"));
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_pct() {
                    assert_model_passes(concat!("lock::", stringify!($name), "::shuttle_pct"));
                }

                fifo_tests!($kind, $name);
            }
        )* }
    };
}

/// The FIFO model tests, for the locks registered as `fifo`.
macro_rules! fifo_tests {
    (fifo, $name:ident) => {
        #[test]
        #[cfg_attr(miri, ignore)]
        fn fifo_shuttle_random() {
            assert_model_passes(concat!(
                "lock::",
                stringify!($name),
                "::fifo_shuttle_random"
            ));
        }

        #[test]
        #[cfg_attr(miri, ignore)]
        fn fifo_shuttle_pct() {
            assert_model_passes(concat!("lock::", stringify!($name), "::fifo_shuttle_pct"));
        }
    };
    ($other:ident, $name:ident) => {};
}

synclab::raw_locks!(model_tests);

/// One test per model name, under the module path the name spells.
macro_rules! named_tests {
    ($($module:ident { $($test:ident),* })*) => { $(
        mod $module {
            use super::*;
            $(
                #[test]
                #[cfg_attr(miri, ignore)]
                fn $test() {
                    assert_model_passes(concat!(stringify!($module), "::", stringify!($test)));
                }
            )*
        }
    )* };
}

named_tests! {
    semaphore { loom, loom_three_threads, shuttle_random, shuttle_pct }
    condvar { loom_producer_consumer, loom_notify_all, shuttle_random, shuttle_pct }
    barrier { loom, shuttle_random, shuttle_pct }
    once { loom, shuttle_random, shuttle_pct }
    rwlock { loom, loom_readers_overlap, shuttle_random, shuttle_pct }
}

/// Every lock-family model in the suite has a test above (so `synclab check` and
/// `cargo test` agree).
#[test]
fn every_lock_model_is_tested() {
    let models = synclab::suite::all();
    let lock: Vec<_> = models.iter().filter(|m| m.family == "lock").collect();
    let mut expected = 4 + 4 + 3 + 3 + 4;
    macro_rules! count {
        ($($name:ident => $raw:ident, $kind:ident;)*) => {
            $( expected += if stringify!($kind) == "fifo" { 5 } else { 3 }; )*
        };
    }
    synclab::raw_locks!(count);
    assert_eq!(lock.len(), expected);
}
