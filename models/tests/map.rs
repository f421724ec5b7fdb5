//! loom and shuttle models of every map strategy: one test per model in
//! `synclab::suite::map` (whose docs say why the bounds suffice).

macro_rules! model_tests {
    ($($name:ident => [$($variant:ident: $model:expr),*], $stress:expr;)*) => {
        mod map { $(
            mod $name { $(
                mod $variant {
                    use synclab::suite::assert_model_passes;

                    /// The model `map::<strategy>::<config>::<checker>` of the suite.
                    macro_rules! model {
                        ($checker:ident) => {
                            #[test]
                            #[cfg_attr(miri, ignore)]
                            fn $checker() {
                                assert_model_passes(concat!(
                                    "map::", stringify!($name), "::", stringify!($variant),
                                    "::", stringify!($checker)
                                ));
                            }
                        };
                    }

                    model!(loom);
                    model!(loom_panic);
                    model!(loom_owned_panic);
                    model!(shuttle_random);
                    model!(shuttle_pct);
                }
            )* }
        )* }
    };
}

synclab::map_strategies!(model_tests);

/// Every map model in the suite has a test above (so `synclab check` and `cargo test`
/// agree).
#[test]
fn every_map_model_is_tested() {
    let models = synclab::suite::all();
    let map = models.iter().filter(|m| m.family == "map").count();
    let mut expected = 0;
    macro_rules! count {
        ($($name:ident => [$($variant:ident: $model:expr),*], $stress:expr;)*) => {
            $($( let _ = stringify!($variant); expected += 5; )*)*
        };
    }
    synclab::map_strategies!(count);
    assert_eq!(map, expected);
}
