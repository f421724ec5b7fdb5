//! loom and shuttle models of every counter strategy: one test per model in
//! `synclab::suite::counter` (whose docs say why the bounds suffice).

macro_rules! model_tests {
    ($($name:ident => $model:expr, $bench:expr;)*) => {
        mod counter { $(
            mod $name {
                use synclab::suite::assert_model_passes;

                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    assert_model_passes(concat!("counter::", stringify!($name), "::loom"));
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_random() {
                    assert_model_passes(concat!("counter::", stringify!($name), "::shuttle_random"));
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_pct() {
                    assert_model_passes(concat!("counter::", stringify!($name), "::shuttle_pct"));
                }
            }
        )* }
    };
}

synclab::counter_strategies!(model_tests);

/// Every model in the suite has a test above (so `synclab check` and `cargo test` agree).
#[test]
fn every_counter_model_is_tested() {
    let models = synclab::suite::all();
    let counter: Vec<_> = models.iter().filter(|m| m.family == "counter").collect();
    let mut expected = 0;
    macro_rules! count {
        ($($name:ident => $model:expr, $bench:expr;)*) => { $( let _ = stringify!($name); expected += 3; )* };
    }
    synclab::counter_strategies!(count);
    assert_eq!(counter.len(), expected);
}
