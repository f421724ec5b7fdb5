//! Pinning benchmark threads to CPUs, as the measurements in `docs/measurements.md` were.
//!
//! Without pinning the scheduler may run two contending threads on one core (it likes
//! to wake a thread where its waker runs), and a "2 threads" row then measures a
//! time-shared core, where a FIFO lock must context-switch on every hand-over. The
//! counter, lock and handoff families ([`threads::run`](super::threads::run) and the
//! handoff ring) pin thread `i` to the `i`-th CPU this process may use, round robin, so
//! 2 threads get 2 cores and 4 threads share them evenly.

/// Pins the calling thread to the `i`-th (modulo their number) of the CPUs this thread
/// may run on. Best effort: if the affinity calls fail, or off Linux, the thread stays
/// where the scheduler puts it.
pub fn pin_current_thread(i: usize) {
    #[cfg(target_os = "linux")]
    {
        use std::mem::{size_of, zeroed};
        // SAFETY: `cpu_set_t` is a plain bit array, for which all zeroes is the empty set.
        let mut allowed: libc::cpu_set_t = unsafe { zeroed() };
        // SAFETY: pid 0 is the calling thread; the pointer and size describe `allowed`,
        // which the call fills in.
        if unsafe { libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut allowed) } != 0 {
            return;
        }
        let cpus: Vec<usize> = (0..libc::CPU_SETSIZE as usize)
            // SAFETY: `cpu` is below CPU_SETSIZE, the number of CPUs a set can hold.
            .filter(|&cpu| unsafe { libc::CPU_ISSET(cpu, &allowed) })
            .collect();
        let Some(&cpu) = cpus.get(i % cpus.len().max(1)) else {
            return;
        };
        // SAFETY: as above, all zeroes is the empty set.
        let mut one: libc::cpu_set_t = unsafe { zeroed() };
        // SAFETY: `cpu` came from the range above, below CPU_SETSIZE.
        unsafe { libc::CPU_SET(cpu, &mut one) };
        // SAFETY: pid 0 is the calling thread; the pointer and size describe `one`, a
        // set holding one CPU that the thread was allowed to use. Failure is ignored
        // (best effort, see above).
        unsafe { libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &one) };
    }
    #[cfg(not(target_os = "linux"))]
    let _ = i;
}
