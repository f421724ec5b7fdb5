//! The two macros that take a downstream crate's conformance plumbing away:
//! [`flavours!`](crate::flavours) and [`conformance_tests!`](crate::conformance_tests).

/// Declares a test crate's three flavours of its own primitives: `std_flavour` (the
/// crate itself), and `loom_flavour` and `shuttle_flavour`, which compile the same source
/// files again next to synclab's loom and shuttle facades.
///
/// Each file says `use super::rt;` and reaches every atomic, cell and thread through it
/// (see the README). Paths are relative to the directory of the file that invokes the
/// macro (`tests/`), so `"../src/my_counter.rs"`. Invoke it at the root of the test
/// crate: [`conformance_tests!`](crate::conformance_tests) refers to
/// `crate::{std_flavour, loom_flavour, shuttle_flavour}`.
///
/// ```text
/// // tests/conformance.rs of the crate `my_crate`
/// synclab::flavours!(my_crate: my_counter => "../src/my_counter.rs", my_lock => "../src/my_lock.rs");
/// ```
#[macro_export]
macro_rules! flavours {
    ($krate:ident: $($module:ident => $file:literal),+ $(,)?) => {
        /// The std flavour: the crate's own modules, as shipped.
        #[allow(unused_imports)]
        mod std_flavour {
            pub use $krate::{$($module),+};
        }

        /// The same files compiled against `synclab::loom::rt`.
        #[allow(clippy::duplicate_mod, dead_code, unused_imports)]
        #[path = "."] // the `#[path]`s inside are relative to the invoking file's directory
        mod loom_flavour {
            pub use $crate::loom::rt;
            $(
                #[path = $file]
                pub mod $module;
            )+
        }

        /// The same files compiled against `synclab::shuttle::rt`.
        #[allow(clippy::duplicate_mod, dead_code, unused_imports)]
        #[path = "."]
        mod shuttle_flavour {
            pub use $crate::shuttle::rt;
            $(
                #[path = $file]
                pub mod $module;
            )+
        }
    };
}

/// Writes the `#[test]`s that run conformance suites on types of the three flavours
/// declared by [`flavours!`](crate::flavours).
///
/// Under `SUITE { ... }` (a function of `synclab::conformance`: `counter`, `raw_lock`,
/// `semaphore`, `map`), `NAME => path::to::Type;` runs the suite on
/// `std_flavour::path::to::Type` and its loom and shuttle twins, one test per check of
/// the suite: `SUITE::NAME::PROPERTY::CHECKER`, e.g. `counter::hit::linearizable::loom`.
/// Each test is its own replay target: a failure prints the smallest failing scenario and
/// a command that reruns exactly that test.
///
/// `NAME => path::to::Type, caught_by [loom, shuttle_pct];` is for a type with a planted
/// bug: one test per listed checker, `SUITE::NAME::caught_by::CHECKER`, which passes only
/// if some check of that checker fails.
///
/// The loom, shuttle and proptest tests are `#[cfg_attr(miri, ignore)]`: Miri runs the
/// stress checks only.
///
/// ```text
/// synclab::conformance_tests! {
///     counter {
///         hit => my_counter::HitCounter;
///         split_fetch => my_counter::SplitFetchCounter, caught_by [loom, shuttle_pct];
///     }
///     raw_lock {
///         spin => my_lock::SpinLock;
///     }
/// }
/// ```
#[macro_export]
macro_rules! conformance_tests {
    ($($suite:ident { $($name:ident => $($segment:ident)::+ $(, caught_by [$($checker:ident),+ $(,)?])?;)* })*) => {
        $(
            mod $suite {
                $(
                    $crate::__conformance_suite!(
                        $suite,
                        __conformance_type_tests,
                        [$suite $name [$($segment)::+] [$($($checker)+)?]]
                    );
                )*
            }
        )*
    };
}

/// The tests of one type (see [`conformance_tests!`](crate::conformance_tests)).
#[doc(hidden)]
#[macro_export]
macro_rules! __conformance_type_tests {
    // A correct type: one test per check, each must pass.
    ([$suite:ident $name:ident [$($segment:ident)::+] []] $prefix:literal; $($property:ident [$($checker:ident)*])*) => {
        mod $name {
            $crate::__conformance_suite_fn!($suite [$($segment)::+]);
            $(
                mod $property {
                    $(
                        $crate::__conformance_test! {
                            $checker,
                            fn $checker() {
                                let case = concat!($prefix, "::", stringify!($property), "::", stringify!($checker));
                                let test = $crate::check::test_path(module_path!(), stringify!($checker));
                                super::suite().only(case).assert_passes(&test);
                            }
                        }
                    )*
                }
            )*
        }
    };
    // A type with a planted bug: one test per listed checker, each must catch it.
    ([$suite:ident $name:ident [$($segment:ident)::+] [$($caught:ident)+]] $prefix:literal; $($rest:tt)*) => {
        mod $name {
            $crate::__conformance_suite_fn!($suite [$($segment)::+]);
            mod caught_by {
                $(
                    $crate::__conformance_test! {
                        $caught,
                        fn $caught() {
                            let checker = concat!("::", stringify!($caught));
                            let test = $crate::check::test_path(module_path!(), stringify!($caught));
                            let suite = super::suite().only(checker);
                            assert!(!suite.cases().is_empty(), "the suite has no {} check", stringify!($caught));
                            if let Ok(report) = suite.run(&test) {
                                panic!("no {} check caught the planted bug:\n{report}", stringify!($caught));
                            }
                        }
                    }
                )+
            }
        }
    };
}

/// `fn suite()`: the suite on the three flavours of the type. `crate::` is the calling
/// crate on purpose: [`flavours!`](crate::flavours) declares the flavours at its root.
#[doc(hidden)]
#[macro_export]
#[allow(clippy::crate_in_macro_def)]
macro_rules! __conformance_suite_fn {
    ($suite:ident [$($segment:ident)::+]) => {
        fn suite() -> $crate::check::Suite {
            $crate::conformance::$suite::<
                crate::std_flavour::$($segment)::+,
                crate::loom_flavour::$($segment)::+,
                crate::shuttle_flavour::$($segment)::+,
            >()
        }
    };
}

/// A `#[test]`, ignored under Miri unless it runs on real threads (`stress`).
#[doc(hidden)]
#[macro_export]
macro_rules! __conformance_test {
    (stress, $($item:tt)*) => {
        #[test]
        $($item)*
    };
    ($checker:ident, $($item:tt)*) => {
        #[test]
        #[cfg_attr(miri, ignore)]
        $($item)*
    };
}
