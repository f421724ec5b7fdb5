//! One access of a traced atomic, fence or cell, as [`traced`](super::traced) records it:
//! which atomic, what a load read, what a write wrote, and how each value is shown.

use crate::trace::Step;
use std::panic::Location;

/// How a traced value is shown: booleans as themselves, integers compactly
/// ([`crate::trace::compact`]: `7`, `MAX`, `0x8000_0001`), pointers as `null` or their last
/// four hex digits (`…7aa0`), enough to tell nodes apart.
pub(crate) trait Shown {
    fn shown(&self) -> String;
}

impl Shown for bool {
    fn shown(&self) -> String {
        self.to_string()
    }
}

macro_rules! shown_int {
    ($($t:ty),*) => {$(
        impl Shown for $t {
            fn shown(&self) -> String {
                let (min, max) = (i128::from(<$t>::MIN), i128::from(<$t>::MAX));
                crate::trace::compact(i128::from(*self), min, max)
            }
        }
    )*};
}
shown_int!(u64, u32, i64, i32);

impl Shown for usize {
    fn shown(&self) -> String {
        // usize is at most 64 bits on every target synclab builds for.
        (*self as u64).shown()
    }
}

impl<T> Shown for *mut T {
    fn shown(&self) -> String {
        if self.is_null() {
            "null".to_string()
        } else {
            format!("…{:04x}", self.addr() & 0xffff)
        }
    }
}

/// The address of a traced atomic, which identifies it in a trace.
pub(crate) fn address<T>(atomic: &T) -> usize {
    std::ptr::from_ref(atomic).addr()
}

/// One access, built (and formatted) only while recording.
pub(crate) struct Access {
    op: &'static str,
    ordering: String,
    object: Option<usize>,
    loaded: Option<String>,
    wrote: Option<String>,
    value: String,
}

impl Access {
    /// A load from `atomic` that read `v`: `→ v`.
    pub(crate) fn load<A, V: Shown>(atomic: &A, ordering: String, v: &V) -> Self {
        let v = v.shown();
        Access {
            value: format!("→ {v}"),
            loaded: Some(v),
            ..Self::on("load", atomic, ordering)
        }
    }

    /// A store of `v`: `← v`.
    pub(crate) fn store<A, V: Shown>(atomic: &A, ordering: String, v: &V) -> Self {
        let v = v.shown();
        Access {
            value: format!("← {v}"),
            wrote: Some(v),
            ..Self::on("store", atomic, ordering)
        }
    }

    /// A read-modify-write (a swap, a successful compare-exchange) that read `old` and
    /// wrote `new`: `old → new`.
    pub(crate) fn rmw<A, V: Shown>(
        op: &'static str,
        atomic: &A,
        ordering: String,
        old: &V,
        new: &V,
    ) -> Self {
        let new = new.shown();
        Access {
            value: format!("{} → {new}", old.shown()),
            wrote: Some(new),
            ..Self::on(op, atomic, ordering)
        }
    }

    /// An update that did not happen after reading `seen` (a failed compare-exchange is a
    /// load), told as `text`.
    pub(crate) fn failed<A, V: Shown>(
        op: &'static str,
        atomic: &A,
        ordering: String,
        seen: &V,
        text: String,
    ) -> Self {
        Access {
            value: text,
            loaded: Some(seen.shown()),
            ..Self::on(op, atomic, ordering)
        }
    }

    /// An access to no atomic: a fence, a cell read or write.
    pub(crate) fn plain(op: &'static str, ordering: String) -> Self {
        Access {
            op,
            ordering,
            object: None,
            loaded: None,
            wrote: None,
            value: String::new(),
        }
    }

    fn on<A>(op: &'static str, atomic: &A, ordering: String) -> Self {
        Access {
            object: Some(address(atomic)),
            ..Self::plain(op, ordering)
        }
    }
}

/// Records the access `access()` made by the flavour's thread `thread()` at the caller's
/// line, if recording is on.
#[track_caller]
pub(crate) fn record(thread: fn() -> usize, access: impl FnOnce() -> Access) {
    let location = Location::caller();
    crate::trace::record(|| {
        let Access {
            op,
            ordering,
            object,
            loaded,
            wrote,
            value,
        } = access();
        Step {
            thread: thread(),
            op,
            ordering,
            value,
            location,
            object,
            loaded,
            wrote,
        }
    });
}
