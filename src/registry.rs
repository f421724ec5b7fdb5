//! The registries: every strategy and lock synclab has, one line each.
//!
//! Each registry is a macro that hands its list to a callback macro, so that one list
//! serves every place that needs "one of each": the module declarations, the cases that
//! `cargo test` and `synclab check` run, the std tests, the fuzz targets and the
//! benchmarks. The types and constructors in a line are plain tokens, resolved where the
//! callback expands them, so the same list serves the std, loom and shuttle flavours
//! (bring the flavour's items into scope first).
//!
//! | registry | a line | adding one |
//! |---|---|---|
//! | [`raw_locks!`](crate::raw_locks) | `name => Type, kind;` | `src/lock/name.rs` + one line |
//! | [`counter_strategies!`](crate::counter_strategies) | `name => model config, benchmark config;` | `src/counter/name.rs` + one line (and its `mod` in `counter/mod.rs`) |
//! | [`map_strategies!`](crate::map_strategies) | `name => [model configs], benchmark config;` | `src/map/name.rs` + one line (and its `mod` in `map/mod.rs`) |

/// The registry of raw locks: `name => Type, kind;`, where `src/lock/name.rs` holds
/// `Type`.
///
/// Invokes `$callback! { ... }` with one line per [`RawLock`](crate::lock::RawLock)
/// (after `$prefix` tokens, if given). `kind` is `spin` (waiters spin and yield: loom
/// checks them with 2 threads), `fifo` (spinning and
/// [`FifoLock`](crate::lock::FifoLock): the FIFO checks run too) or `block` (waiters
/// sleep: loom explores them at the bound a lost wakeup needs).
///
/// **A new lock is one file plus one line here.** The line declares the module and
/// re-exports the type from [`lock`](crate::lock), and every check, counter check,
/// std test and benchmark picks it up.
#[macro_export]
macro_rules! raw_locks {
    ($callback:path $(, $($prefix:tt)*)?) => {
        $callback! {
            $($($prefix)*)?
            tas => TasLock, spin;
            ttas => TtasLock, spin;
            ticket => TicketLock, fifo;
            mcs => McsLock, fifo;
            parking => ParkingLock, block;
            parking_rwlock => ParkingRwLock, block;
        }
    };
}

/// The registry of counter strategies: `name => model-check config, benchmark config;`.
///
/// Invokes `$callback! { ... }` with one line per strategy. Every raw lock of
/// [`raw_locks!`](crate::raw_locks) is a counter strategy too, as
/// [`LockCounter<R>`](crate::counter::LockCounter) (the cases name it `lock_NAME`): the
/// places that want every counter expand both registries.
#[macro_export]
macro_rules! counter_strategies {
    ($callback:path) => {
        $callback! {
            mutex => MutexCounter::new(), MutexCounter::new();
            rwlock => RwLockCounter::new(), RwLockCounter::new();
            atomic => AtomicCounter::new(), AtomicCounter::new();
            cas => CasCounter::new(), CasCounter::new();
            // Two slots for models: loom's two threads get one each (the sum is checked),
            // shuttle's three or four share them (concurrent adds to one slot are checked).
            sharded => ShardedCounter::with_shards(2).unwrap(), ShardedCounter::new();
            // Batch 2 for models, so that a two-add program flushes inside the thread.
            batched => BatchedCounter::with_batch(2).unwrap(), BatchedCounter::new();
        }
    };
}

/// The registry of map strategies: `name => [model-check configs], stress/benchmark config;`.
///
/// Invokes `$callback! { ... }` with one line per strategy; the constructors are plain
/// tokens resolved where the callback expands them, so one list serves the std, loom and
/// shuttle flavours (bring the flavour's `map::*` into scope first). The model configs
/// are named (`chunk_1: Fixed::new(1)`), one model per config, and use chunk sizes 1 and
/// 2, so that a 3-5 item model has several chunks to race for.
#[macro_export]
macro_rules! map_strategies {
    ($callback:path) => {
        $callback! {
            static_blocks => [blocks: Static], Static;
            fixed => [chunk_1: Fixed::new(1).unwrap(), chunk_2: Fixed::new(2).unwrap()], Fixed::new(64).unwrap();
            guided => [min_1: Guided::new(1).unwrap(), min_2: Guided::new(2).unwrap()], Guided::new(16).unwrap();
            auto => [default: Auto::new()], Auto::new();
        }
    };
}
