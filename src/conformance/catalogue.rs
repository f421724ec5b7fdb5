//! The suites' checks, declared once: `suite: property [checkers]`.
//!
//! [`conformance_tests!`](crate::conformance_tests) reads this list to write one `#[test]`
//! per check (a test harness needs its tests at compile time), and the suite functions
//! build one [`Case`](crate::check::Case) per entry; the test below keeps the two equal.

/// Hands `$crate::$then!` (an exported macro) the checks of the suite built by
/// `synclab::conformance::$suite`: its case-name prefix, then `property [checker ...]`
/// per property, in the order the suite runs them. `$ctx` is passed through first.
#[doc(hidden)]
#[macro_export]
macro_rules! __conformance_suite {
    (counter, $then:ident, $ctx:tt) => {
        $crate::$then! { $ctx "counter";
            linearizable [loom shuttle_pct shuttle_random stress proptest]
        }
    };
    (raw_lock, $then:ident, $ctx:tt) => {
        $crate::$then! { $ctx "lock";
            exclusion [loom shuttle_pct shuttle_random stress]
            linearizable [loom shuttle_pct shuttle_random]
            sequential [proptest]
        }
    };
    (semaphore, $then:ident, $ctx:tt) => {
        $crate::$then! { $ctx "semaphore";
            bound [loom shuttle_pct shuttle_random stress]
            releases [loom shuttle_pct shuttle_random stress]
            linearizable [loom shuttle_pct shuttle_random]
            sequential [proptest]
        }
    };
    (queue, $then:ident, $ctx:tt) => {
        $crate::$then! { $ctx "queue";
            linearizable [loom shuttle_pct shuttle_random shuttle_urw stress]
        }
    };
    (spsc_queue, $then:ident, $ctx:tt) => {
        $crate::$then! { $ctx "spsc_queue";
            linearizable [loom shuttle_pct shuttle_random shuttle_urw stress]
        }
    };
    (stack, $then:ident, $ctx:tt) => {
        $crate::$then! { $ctx "stack";
            linearizable [loom shuttle_pct shuttle_random shuttle_urw stress]
        }
    };
    (key_map, $then:ident, $ctx:tt) => {
        $crate::$then! { $ctx "key_map";
            linearizable [loom shuttle_pct shuttle_random shuttle_urw stress]
        }
    };
    (raw_rwlock, $then:ident, $ctx:tt) => {
        $crate::$then! { $ctx "rwlock";
            exclusion [loom shuttle_pct shuttle_random stress]
            readers_overlap [loom shuttle_pct shuttle_random]
            linearizable [loom shuttle_pct shuttle_random]
        }
    };
    (channel, $then:ident, $ctx:tt) => {
        $crate::$then! { $ctx "channel";
            blocking [loom shuttle_pct shuttle_random stress]
            nonblocking [shuttle_pct shuttle_random]
        }
    };
    (once_cell, $then:ident, $ctx:tt) => {
        $crate::$then! { $ctx "once";
            linearizable [loom shuttle_pct shuttle_random stress]
        }
    };
    (map, $then:ident, $ctx:tt) => {
        $crate::$then! { $ctx "map";
            equals_sequential [loom shuttle_pct shuttle_random stress]
            panic_propagates [loom shuttle_pct shuttle_random stress]
            random_cases [proptest]
        }
    };
}

/// The case names of a catalogue entry, in order (the callback of [`declared_names!`]).
#[cfg(test)]
#[doc(hidden)]
#[macro_export]
macro_rules! __conformance_names {
    ([] $prefix:literal; $($property:ident [$($checker:ident)*])*) => {
        vec![$($(format!("{}::{}::{}", $prefix, stringify!($property), stringify!($checker)),)*)*]
    };
}

/// The case names the catalogue declares for `suite`, in order.
#[cfg(test)]
macro_rules! declared_names {
    ($suite:ident) => {
        $crate::__conformance_suite!($suite, __conformance_names, [])
    };
}

#[cfg(test)]
mod tests {
    use crate::check::Suite;

    fn assert_declared(suite: Suite, declared: Vec<String>) {
        assert_eq!(
            suite.names(),
            declared,
            "the {} suite and its catalogue entry disagree",
            suite.name()
        );
    }

    #[test]
    fn every_suite_runs_exactly_the_checks_its_catalogue_entry_declares() {
        use crate::{loom, shuttle};
        assert_declared(
            super::super::counter::<
                crate::counter::AtomicCounter,
                loom::counter::AtomicCounter,
                shuttle::counter::AtomicCounter,
            >(),
            declared_names!(counter),
        );
        assert_declared(
            super::super::raw_lock::<
                crate::lock::TasLock,
                loom::lock::TasLock,
                shuttle::lock::TasLock,
            >(),
            declared_names!(raw_lock),
        );
        assert_declared(
            super::super::semaphore::<
                crate::lock::Semaphore,
                loom::lock::Semaphore,
                shuttle::lock::Semaphore,
            >(),
            declared_names!(semaphore),
        );
        assert_declared(
            super::super::map::<
                crate::pool::ThreadPool,
                loom::pool::ThreadPool,
                shuttle::pool::ThreadPool,
            >(),
            declared_names!(map),
        );
        use crate::collections::{SpscRing, StripedMap, TreiberStack, TwoLockQueue};
        assert_declared(
            super::super::queue::<
                TwoLockQueue<u32>,
                loom::collections::TwoLockQueue<u32>,
                shuttle::collections::TwoLockQueue<u32>,
            >(),
            declared_names!(queue),
        );
        assert_declared(
            super::super::raw_rwlock::<
                crate::lock::ParkingRwLock,
                loom::lock::ParkingRwLock,
                shuttle::lock::ParkingRwLock,
            >(),
            declared_names!(raw_rwlock),
        );
        assert_declared(
            super::super::channel::<
                crate::lock::Channel<u32>,
                loom::lock::Channel<u32>,
                shuttle::lock::Channel<u32>,
            >(),
            declared_names!(channel),
        );
        assert_declared(
            super::super::once_cell::<
                crate::lock::OnceCell<u32>,
                loom::lock::OnceCell<u32>,
                shuttle::lock::OnceCell<u32>,
            >(),
            declared_names!(once_cell),
        );
        assert_declared(
            super::super::spsc_queue::<
                SpscRing<u32, 2>,
                loom::collections::SpscRing<u32, 2>,
                shuttle::collections::SpscRing<u32, 2>,
            >(),
            declared_names!(spsc_queue),
        );
        assert_declared(
            super::super::stack::<
                TreiberStack<u32>,
                loom::collections::TreiberStack<u32>,
                shuttle::collections::TreiberStack<u32>,
            >(),
            declared_names!(stack),
        );
        assert_declared(
            super::super::key_map::<
                StripedMap<u32, u32>,
                loom::collections::StripedMap<u32, u32>,
                shuttle::collections::StripedMap<u32, u32>,
            >(),
            declared_names!(key_map),
        );
    }
}
