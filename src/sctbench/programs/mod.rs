//! The SCTBench concurrent-software programs, ported to Rust against `rt`.
//!
//! Compiled twice, as `synclab::loom::sctbench` and `synclab::shuttle::sctbench` (not for
//! std: most of them deadlock, race or fail on purpose, so they are scenarios for a
//! model checker, not code to run). `synclab::sctbench` lists them with their threads,
//! bugs and published numbers.
//!
//! How the C maps to Rust, in every file:
//!
//! | C | here |
//! |---|---|
//! | a global touched by several threads without a lock | an `rt` atomic, every access `SeqCst` and one access per C access (`x++` is a load and a store), so that each is a scheduling point, as in the tools that published numbers on these programs |
//! | a global touched only under a `pthread_mutex_t` | a field of the data that an `rt::sync::Mutex` guards: the lock and unlock are the scheduling points |
//! | `__ESBMC_atomic_begin()` ... `end()` | one global `rt::sync::Mutex` held in between |
//! | `pthread_cond_wait` / `signal` | `rt::sync::Condvar`, signalled after the unlock as in the C |
//! | `assert(e)` | `assert!(e, "what it means")`: the failure a checker reports |
//! | `main` returns without joining | the threads are joined (so that every thread runs in every execution) |
//!
//! Each file's doc comment names the original, its threads, the bug and the assertion.

use super::rt;

pub mod account;
pub mod arithmetic_prog;
pub mod bluetooth_driver;
pub mod carter01;
pub mod circular_buffer;
pub mod deadlock01;
pub mod din_phil;
pub mod fsbench;
pub mod lazy01;
pub mod phase01;
pub mod queue;
pub mod reorder;
pub mod stack;
pub mod sync01;
pub mod sync02;
pub mod token_ring;
pub mod twostage;
pub mod wronglock;

/// `mutex.lock()`, ignoring poisoning: a thread that panicked while holding the lock has
/// already failed the execution.
fn lock<T>(mutex: &rt::sync::Mutex<T>) -> rt::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
