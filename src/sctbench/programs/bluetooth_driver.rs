//! `bluetooth_driver` — SCTBench `bluetooth_driver_bad.c` (a Windows driver's stop
//! routine, after Qadeer and Wu, "KISS", PLDI 2004).
//!
//! Two threads: the main thread adds work (`BCSP_PnpAdd`: count one pending I/O if the
//! device is not stopping, work, count it down), a second thread stops the device
//! (`BCSP_PnpStop`: raise the stopping flag, count down the initial pending I/O, and
//! release the device if that was the last). `pendingIo` changes inside an atomic
//! section; the flags are plain shared variables.
//!
//! The bug: a check-then-act. The adder reads `stoppingFlag == false`, is preempted
//! before it counts its I/O; the stopper raises the flag, counts down to 0 and sets
//! `stopped`; the adder counts up and works on a stopped device:
//! `assert(!stopped)` fails. No ok twin.

use super::{lock, rt};
use rt::sync::Mutex;
use rt::sync::atomic::{AtomicBool, Ordering::SeqCst};

struct Device {
    /// `__ESBMC_atomic_begin/end` around every change of `pendingIo`.
    pending_io: Mutex<i32>,
    stopping_flag: AtomicBool,
    stopping_event: AtomicBool,
    stopped: AtomicBool,
}

impl Device {
    fn io_increment(&self) -> bool {
        if self.stopping_flag.load(SeqCst) {
            return false;
        }
        *lock(&self.pending_io) += 1;
        true
    }

    fn io_decrement(&self) {
        let pending = {
            let mut pending = lock(&self.pending_io);
            *pending -= 1;
            *pending
        };
        if pending == 0 {
            self.stopping_event.store(true, SeqCst);
        }
    }

    fn pnp_add(&self) {
        if self.io_increment() {
            assert!(
                !self.stopped.load(SeqCst),
                "bluetooth_driver: work on a device that was stopped"
            );
        }
        self.io_decrement();
    }

    fn pnp_stop(&self) {
        self.stopping_flag.store(true, SeqCst);
        self.io_decrement();
        if self.stopping_event.load(SeqCst) {
            self.stopped.store(true, SeqCst);
        }
    }
}

/// The bad (and only) version.
pub fn bad() {
    let device = Device {
        pending_io: Mutex::new(1),
        stopping_flag: AtomicBool::new(false),
        stopping_event: AtomicBool::new(false),
        stopped: AtomicBool::new(false),
    };
    rt::thread::scope(|s| {
        s.spawn(|| device.pnp_stop());
        device.pnp_add();
    });
}
