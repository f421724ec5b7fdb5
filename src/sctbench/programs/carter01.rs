//! `carter01` — SCTBench `carter01_bad.c`.
//!
//! Four threads; two of them are the two classes of a readers-style lock: each class
//! counts its members under mutex `m` (`A` or `B`), the first member of a class takes
//! lock `l` (while holding `m`), the last one releases it (again under `m`). The other two
//! threads do nothing.
//!
//! The bug: a deadlock. The class-A thread holds `l`; the class-B thread takes `m` and,
//! as the first of its class, waits for `l` while holding `m`; the class-A thread needs
//! `m` to leave and release `l`. shuttle reports it; no assertion. No ok twin.

use super::{lock, rt};
use rt::sync::Mutex;

/// The member counts `A` and `B`, guarded by `m`.
struct Classes {
    a: u32,
    b: u32,
}

fn member(m: &Mutex<Classes>, l: &Mutex<()>, class: fn(&mut Classes) -> &mut u32) {
    let mut held = None;
    {
        let mut classes = lock(m);
        let count = class(&mut classes);
        *count += 1;
        if *count == 1 {
            held = Some(lock(l));
        }
    }
    // (the class's operation)
    let mut classes = lock(m);
    let count = class(&mut classes);
    *count -= 1;
    if *count == 0 {
        drop(held.take());
    }
}

/// The bad (and only) version.
pub fn bad() {
    let m = Mutex::new(Classes { a: 0, b: 0 });
    let l = Mutex::new(());
    rt::thread::scope(|s| {
        s.spawn(|| member(&m, &l, |c| &mut c.a));
        s.spawn(|| member(&m, &l, |c| &mut c.b));
        s.spawn(|| {});
        s.spawn(|| {});
    });
}
