//! The steps of a failing model execution, printed as a per-thread table.
//!
//! The loom and shuttle flavours of `rt` wrap every atomic, fence and `UnsafeCell` in a
//! type that reports each access here: which thread, which operation with which
//! ordering, what it read or wrote, which atomic, and the source line that made it
//! (`#[track_caller]`). Recording is off unless the check harness turns it on, and the
//! harness turns it on only to *replay* a failure it already found (shuttle: its schedule;
//! loom: its checkpoint), so passing runs pay one thread-local read per access and the
//! std flavour pays nothing at all.
//!
//! loom and shuttle run every model thread on the thread that called them, so a plain
//! thread-local holds one execution's steps, in the order the model ran them.
//!
//! [`Trace::table`] prints the steps one row each, one column per thread, then the code
//! of every source line in it (`synclab demo counter_load_store`):
//!
//! ```text
//!  step | thread 0                                     | thread 1                                 | thread 2
//! ------+----------------------------------------------+------------------------------------------+------------------------------------------
//!     1 |                                              | planted.rs:34 load Relaxed → 0 (initial) |
//!     2 |                                              |                                          | planted.rs:34 load Relaxed → 0 (initial)
//!     3 |                                              |                                          | planted.rs:36 store Relaxed ← 1
//!     4 |                                              | planted.rs:36 store Relaxed ← 1          |
//!     5 | planted.rs:41 load Relaxed → 1 (from step 4) |                                          |
//!
//! where
//!   planted.rs:34  let prev = self.value.load(Relaxed);
//!   planted.rs:36  self.value.store(prev.wrapping_add(n), Relaxed);
//!   planted.rs:41  self.value.load(Relaxed)
//! ```
//!
//! `→ v`: read `v`; `← v`: wrote `v`; `a → b`: a read-modify-write read `a` and wrote `b`.
//! A load also says which store it read from: `(from step 4)`, the latest store of that
//! value to that atomic before it; `(initial)`, the value the atomic was created with. Under
//! loom a load may read an older store than the latest one (the C11 memory model allows
//! it where nothing orders the two): `(from step 3; step 4 is newer)`. A fence is a row of
//! its own. Values are compact: `MAX`, `MAX-1`, and large numbers in hex
//! (`0x8000_0000_0000_0001`). Consecutive identical steps of one thread (a spin loop) fold
//! into one row, `(×n)`, numbered by its first step.

mod table;

use std::cell::RefCell;
use std::fmt;
use std::panic::Location;

#[cfg(feature = "loom")]
pub(crate) use table::short_location;

/// One recorded access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The model's thread number (0: the model's main thread, then in spawn order).
    pub thread: usize,
    /// The operation: `load`, `store`, `fetch_add`, `cas`, `fence`, `cell read`, ...
    pub op: &'static str,
    /// Its memory ordering (`Acquire`, `AcqRel/Relaxed` for a CAS), empty for cells.
    pub ordering: String,
    /// What it read and wrote: `→ 0` (read 0), `← 1` (wrote 1), `0 → 1` (read 0, wrote 1).
    pub value: String,
    /// The source line of the access.
    pub location: &'static Location<'static>,
    /// The atomic it accessed (its address), to match a load with the store it read from;
    /// `None` for a fence, a cell access, a blocked thread.
    pub object: Option<usize>,
    /// The value a load read (as shown); `None` for every other operation.
    pub loaded: Option<String>,
    /// The value it wrote (as shown), if it wrote one.
    pub wrote: Option<String>,
}

/// The steps of one execution, in the order the model ran them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    /// Every recorded step (the last [`MAX_RECORDED_STEPS`] at most).
    pub steps: Vec<Step>,
    /// Steps made before the first one in `steps` and not kept (a run of more than
    /// [`MAX_RECORDED_STEPS`]): the first step kept is step `unrecorded + 1`.
    pub unrecorded: usize,
    /// Atomics that ceased to exist: `(n, address)` after the first `n` steps of `steps`
    /// (a later atomic at the same address is another one).
    pub(crate) freed: Vec<(usize, usize)>,
}

/// The most steps a recording keeps: the last ones, where the failure is. A livelocked
/// run makes up to a million; the table shows the last [`MAX_ROWS`] rows of them.
pub const MAX_RECORDED_STEPS: usize = 100_000;

thread_local! {
    /// `Some` while recording: the current execution's steps.
    static RECORDING: RefCell<Option<Trace>> = const { RefCell::new(None) };
}

/// Runs `f` on the recording, if recording is on.
fn with_recording(f: impl FnOnce(&mut Trace)) {
    RECORDING.with(|recording| {
        if let Ok(mut recording) = recording.try_borrow_mut()
            && let Some(trace) = recording.as_mut()
        {
            f(trace);
        }
    });
}

/// Records `step()` if recording is on (only `step` pays for the formatting).
#[cfg_attr(not(any(feature = "loom", feature = "shuttle")), allow(dead_code))]
#[inline]
pub(crate) fn record(step: impl FnOnce() -> Step) {
    with_recording(|trace| {
        if trace.steps.len() == MAX_RECORDED_STEPS {
            trace.forget_oldest(MAX_RECORDED_STEPS / 2);
        }
        trace.steps.push(step());
    });
}

/// Notes that the atomic at `address` ceased to exist (dropped, or taken apart by
/// `into_inner`), if recording is on.
#[cfg_attr(not(any(feature = "loom", feature = "shuttle")), allow(dead_code))]
#[inline]
pub(crate) fn freed(address: usize) {
    with_recording(|trace| trace.freed.push((trace.steps.len(), address)));
}

/// Starts a new execution: forgets the previous execution's steps (called by the harness
/// at the start of every execution; does nothing unless recording is on).
#[cfg_attr(not(any(feature = "loom", feature = "shuttle")), allow(dead_code))]
pub(crate) fn new_execution() {
    with_recording(|trace| *trace = Trace::default());
}

/// Runs `f` (a replay of a failing execution) with recording on, and returns what `f`
/// returned with the steps of the last execution that `f` ran.
#[cfg_attr(not(any(feature = "loom", feature = "shuttle")), allow(dead_code))]
pub(crate) fn recording<R>(f: impl FnOnce() -> R) -> (R, Trace) {
    let previous = RECORDING.with(|recording| recording.replace(Some(Trace::default())));
    let result = f();
    let trace = RECORDING
        .with(|recording| recording.replace(previous))
        .unwrap_or_default();
    (result, trace)
}

/// How many rows [`Trace::table`] prints at most: the last ones, where the failure is.
pub const MAX_ROWS: usize = 60;

impl Trace {
    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The threads that made a step, in order.
    pub fn threads(&self) -> Vec<usize> {
        let mut threads: Vec<usize> = self.steps.iter().map(|s| s.thread).collect();
        threads.sort_unstable();
        threads.dedup();
        threads
    }

    /// Drops the first `n` steps (keeping count of them).
    fn forget_oldest(&mut self, n: usize) {
        self.steps.drain(..n);
        self.unrecorded += n;
        self.freed.retain(|&(at, _)| at >= n);
        for (at, _) in &mut self.freed {
            *at -= n;
        }
    }
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.table())
    }
}

/// A value as a trace shows it: small numbers as they are, numbers near the top of their
/// type as `MAX` or `MAX-k` (`MIN+k`), other large ones in hex grouped by four digits.
#[cfg_attr(not(any(feature = "loom", feature = "shuttle")), allow(dead_code))]
pub(crate) fn compact(value: i128, min: i128, max: i128) -> String {
    const NEAR: i128 = 1_000;
    if value.abs() < 100_000 {
        value.to_string()
    } else if max - value < NEAR {
        match max - value {
            0 => "MAX".to_string(),
            k => format!("MAX-{k}"),
        }
    } else if min < 0 && value - min < NEAR {
        match value - min {
            0 => "MIN".to_string(),
            k => format!("MIN+{k}"),
        }
    } else {
        let digits = format!("{:x}", value.unsigned_abs());
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 4 == 0 {
                grouped.push('_');
            }
            grouped.push(digit);
        }
        format!("{}0x{grouped}", if value < 0 { "-" } else { "" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run of more steps than a recording keeps (a livelock) keeps the last ones,
    /// numbered as they were made.
    #[test]
    #[cfg_attr(miri, ignore)]
    fn a_long_recording_keeps_its_last_steps() {
        let step = |i: usize| Step {
            thread: 0,
            op: "load",
            ordering: String::new(),
            value: i.to_string(),
            location: Location::caller(),
            object: None,
            loaded: None,
            wrote: None,
        };
        let total = MAX_RECORDED_STEPS + 10;
        let ((), trace) = recording(|| (0..total).for_each(|i| record(|| step(i))));
        assert_eq!(trace.unrecorded + trace.steps.len(), total);
        assert!(trace.steps.len() <= MAX_RECORDED_STEPS);
        assert_eq!(trace.steps.last().unwrap().value, (total - 1).to_string());
        assert_eq!(trace.steps[0].value, trace.unrecorded.to_string());
    }

    #[test]
    fn large_values_are_compact() {
        let usize_max = i128::from(u64::MAX);
        assert_eq!(compact(7, 0, usize_max), "7");
        assert_eq!(compact(usize_max, 0, usize_max), "MAX");
        assert_eq!(compact(usize_max - 1, 0, usize_max), "MAX-1");
        assert_eq!(compact(1 << 63 | 1, 0, usize_max), "0x8000_0000_0000_0001");
        assert_eq!(compact(0x12_3456, 0, usize_max), "0x12_3456");
        assert_eq!(
            compact(i128::from(i64::MIN), i128::from(i64::MIN), 0),
            "MIN"
        );
        assert_eq!(compact(-200_000, i128::from(i64::MIN), 0), "-0x3_0d40");
    }
}
