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
