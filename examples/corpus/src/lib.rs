//! A corpus of downstream types, written against synclab's `rt` facade as a user's crate
//! is: correct ones that the suites must pass (no false alarm) and buggy ones that a
//! checker able to see the bug must catch. `tests/corpus.rs` runs them; `docs/trust.md`
//! holds the verdict table.
//!
//! | file | correct | buggy |
//! |---|---|---|
//! | [`counters`] | [`FetchAddCounter`](counters::FetchAddCounter), [`CasLoopCounter`](counters::CasLoopCounter) | [`LoadStoreCounter`](counters::LoadStoreCounter), [`AddThenLoadCounter`](counters::AddThenLoadCounter) |
//! | [`locks`] | [`CasSpinLock`](locks::CasSpinLock), [`SwapTtasLock`](locks::SwapTtasLock) | [`RelaxedUnlockLock`](locks::RelaxedUnlockLock), [`CheckThenSetLock`](locks::CheckThenSetLock), [`RelaxedSwapLock`](locks::RelaxedSwapLock), [`NeverTryLock`](locks::NeverTryLock) |
//! | [`two_thread`] | [`SeqCstPeterson`](two_thread::SeqCstPeterson), [`C11Peterson`](two_thread::C11Peterson), [`Dekker`](two_thread::Dekker) | [`AcqRelPeterson`](two_thread::AcqRelPeterson) |
//! | [`semaphores`] | [`CasSemaphore`](semaphores::CasSemaphore) | [`RacyOverRelease`](semaphores::RacyOverRelease), [`CheckThenTake`](semaphores::CheckThenTake), [`RelaxedRelease`](semaphores::RelaxedRelease) |
//! | [`collections`] | [`LockedQueue`](collections::LockedQueue), [`SpinQueue`](collections::SpinQueue), [`BoundedStack`](collections::BoundedStack), [`ShardedMap`](collections::ShardedMap) | [`AbaStack`](collections::AbaStack), [`LoadStoreRing`](collections::LoadStoreRing), [`LoadStorePopQueue`](collections::LoadStorePopQueue), [`TwoStepRemoveMap`](collections::TwoStepRemoveMap) |
//! | [`rwlocks`] | [`CasRwLock`](rwlocks::CasRwLock) | [`CheckThenAddRwLock`](rwlocks::CheckThenAddRwLock) |
//! | [`channels`] | [`CondvarChannel`](channels::CondvarChannel) | [`EarlyRecvChannel`](channels::EarlyRecvChannel) |
//! | [`maps`] | [`ScopedChunks`](maps::ScopedChunks), [`CursorSlots`](maps::CursorSlots) | [`DropsTail`](maps::DropsTail), [`RepanicMap`](maps::RepanicMap) |

/// The runtime facade the types are written against: std threads and atomics.
pub use synclab::rt;

pub mod channels;
pub mod collections;
pub mod counters;
pub mod locks;
pub mod maps;
pub mod rwlocks;
pub mod semaphores;
pub mod two_thread;
