//! loom and shuttle models of the thread pool under the map: one test per model in
//! `synclab::suite::pool` (whose docs say why the bounds suffice).

macro_rules! model_tests {
    ($($name:ident: $loom:expr, $shuttle:expr;)*) => {
        mod pool { $(
            mod $name {
                use synclab::suite::assert_model_passes;

                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    assert_model_passes(concat!("pool::", stringify!($name), "::loom"));
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_random() {
                    assert_model_passes(concat!("pool::", stringify!($name), "::shuttle_random"));
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_pct() {
                    assert_model_passes(concat!("pool::", stringify!($name), "::shuttle_pct"));
                }
            }
        )* }
    };
}

synclab::pool_scenarios!(model_tests);

/// Every pool model in the suite has a test above.
#[test]
fn every_pool_model_is_tested() {
    let models = synclab::suite::all();
    let pool = models.iter().filter(|m| m.family == "pool").count();
    let mut expected = 0;
    macro_rules! count {
        ($($name:ident: $loom:expr, $shuttle:expr;)*) => { $( let _ = stringify!($name); expected += 3; )* };
    }
    synclab::pool_scenarios!(count);
    assert_eq!(pool, expected);
}
