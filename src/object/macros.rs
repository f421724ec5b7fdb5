//! [`object!`](crate::object!) (one [`Spec`](super::Spec) body, three flavours) and
//! [`object_tests!`](crate::object_tests) (one `#[test]` per checker).

/// Builds an [`Object`](crate::object::Object) from one [`Spec`](crate::object::Spec)
/// body compiled per flavour: in `|f| body`, `f` is the std flavour, then the loom one,
/// then the shuttle one.
///
/// `synclab::object!(|f| ...)` uses the flavours that [`flavours!`](crate::flavours)
/// declares in a test crate (`crate::{std_flavour, loom_flavour, shuttle_flavour}`), so
/// `f::my_queue::Queue` is your type compiled three times; `synclab::object!(synclab |f|
/// ...)` uses synclab's own (`synclab`, `synclab::loom`, `synclab::shuttle`).
///
/// ```
/// use synclab::lincheck::models::{Queue, QueueOp};
/// use synclab::object::Spec;
///
/// let queue = synclab::object!(synclab |f| {
///     Spec::new(Queue::unbounded(), f::collections::TwoLockQueue::new)
///         .op("push", |g| QueueOp::Push(g.unique()), |q, op| q.push(op.value()).err())
///         .op("pop", |_| QueueOp::Pop, |q, _| q.pop())
/// });
/// queue.suite("queue").only("shuttle_pct").assert_passes("doc_object_macro");
/// ```
#[macro_export]
#[allow(clippy::crate_in_macro_def)]
macro_rules! object {
    (synclab |$f:ident| $body:expr) => {
        $crate::object::Object::new(
            {
                #[allow(unused_imports)]
                use $crate as $f;
                $body
            },
            {
                #[allow(unused_imports)]
                use $crate::loom as $f;
                $body
            },
            {
                #[allow(unused_imports)]
                use $crate::shuttle as $f;
                $body
            },
        )
    };
    (|$f:ident| $body:expr) => {
        $crate::object::Object::new(
            {
                #[allow(unused_imports)]
                use crate::std_flavour as $f;
                $body
            },
            {
                #[allow(unused_imports)]
                use crate::loom_flavour as $f;
                $body
            },
            {
                #[allow(unused_imports)]
                use crate::shuttle_flavour as $f;
                $body
            },
        )
    };
}

/// Writes one `#[test]` per checker for each object: `NAME => path::to::function;`,
/// where the function returns the [`Object`](crate::object::Object) (built with
/// [`object!`](crate::object!)). The tests are `NAME::{loom, shuttle_pct, shuttle_random,
/// shuttle_urw, stress}`, each running every property of the object under that checker
/// (the cases `NAME::PROPERTY::CHECKER`).
///
/// `NAME => function, caught_by [loom, shuttle_pct];` is for an object with a planted
/// bug: one test per listed checker, `NAME::caught_by::CHECKER`, which passes only if
/// some check of that checker fails. The loom and shuttle tests are ignored under Miri.
///
/// ```text
/// synclab::object_tests! {
///     my_queue => my_queue_object;
///     racy_queue => racy_queue_object, caught_by [loom, shuttle_pct];
/// }
/// ```
#[macro_export]
macro_rules! object_tests {
    ($($name:ident => $object:path $(, caught_by [$($caught:ident),+ $(,)?])?;)*) => {
        $(
            $crate::__object_tests!($name, $object, [$($($caught)+)?]);
        )*
    };
}

/// The tests of one object (see [`object_tests!`](crate::object_tests)).
#[doc(hidden)]
#[macro_export]
macro_rules! __object_tests {
    ($name:ident, $object:path, []) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn suite() -> $crate::check::Suite {
                $object().suite(stringify!($name))
            }

            $crate::__object_tests!(@each [loom shuttle_pct shuttle_random shuttle_urw stress]);
        }
    };
    ($name:ident, $object:path, [$($caught:ident)+]) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn suite() -> $crate::check::Suite {
                $object().suite(stringify!($name))
            }

            mod caught_by {
                $(
                    $crate::__conformance_test! {
                        $caught,
                        fn $caught() {
                            let checker = concat!("::", stringify!($caught));
                            let test = $crate::check::test_path(module_path!(), stringify!($caught));
                            let suite = super::suite().only(checker);
                            assert!(!suite.cases().is_empty(), "the object has no {} check", stringify!($caught));
                            if let Ok(report) = suite.run(&test) {
                                panic!("no {} check caught the planted bug:\n{report}", stringify!($caught));
                            }
                        }
                    }
                )+
            }
        }
    };
    (@each [$($checker:ident)+]) => {
        $(
            $crate::__conformance_test! {
                $checker,
                fn $checker() {
                    let test = $crate::check::test_path(module_path!(), stringify!($checker));
                    suite().only(concat!("::", stringify!($checker))).assert_passes(&test);
                }
            }
        )+
    };
}
