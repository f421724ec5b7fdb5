//! What the operating system says about a scenario's threads: the stress watchdog's eyes.
//!
//! On Linux, `/proc/self/task/TID/` shows every thread of the process: its name, its
//! state (`R` running or runnable, `S` sleeping, ...), the CPU time it has used, and the
//! system call it is blocked in with its arguments. A thread inherits its creator's
//! name, so the threads a scenario spawns carry the name of the stress runner that runs
//! it (unless the scenario names them): that is how the watchdog finds them. Elsewhere
//! nothing is known ([`sample`] returns `None`).

/// One thread, as `/proc` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OsThread {
    /// The kernel's thread id.
    pub(crate) tid: u32,
    /// `R` (running or waiting for a CPU), `S` (sleeping), `D` (uninterruptible), ...
    pub(crate) state: char,
    /// CPU time used: nanoseconds from `schedstat` where the kernel keeps it, else user
    /// and system clock ticks from `stat` (100 a second, too coarse to see a thread that
    /// ran for a millisecond).
    pub(crate) cpu: u64,
    /// The system call it is in and its arguments (`202 0x7f.. 0x80 ...`), if readable.
    pub(crate) syscall: Option<String>,
}

/// The threads of this process named `name`, or `None` where the OS does not tell.
pub(crate) fn sample(name: &str) -> Option<Vec<OsThread>> {
    let tasks = std::fs::read_dir("/proc/self/task").ok()?;
    let mut threads: Vec<OsThread> = tasks
        .filter_map(|entry| {
            let tid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let dir = format!("/proc/self/task/{tid}");
            let stat = std::fs::read_to_string(format!("{dir}/stat")).ok()?;
            // `TID (NAME) STATE ...`: the name may hold spaces and parentheses.
            let (head, rest) = stat.rsplit_once(')')?;
            let (_, comm) = head.split_once('(')?;
            if comm != name {
                return None;
            }
            // After the name: state is field 3 of stat(5), utime 14 and stime 15.
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
            Some(OsThread {
                tid,
                state: fields.first()?.chars().next()?,
                cpu: std::fs::read_to_string(format!("{dir}/schedstat"))
                    .ok()
                    .and_then(|s| s.split_whitespace().next()?.parse().ok())
                    .or_else(|| Some(ticks(11)? + ticks(12)?))?,
                syscall: std::fs::read_to_string(format!("{dir}/syscall"))
                    .ok()
                    .map(|s| s.trim().to_string()),
            })
        })
        .collect();
    threads.sort_by_key(|t| t.tid);
    Some(threads)
}

/// The kernel's id of the calling thread, where the OS tells it.
pub(crate) fn current_tid() -> Option<u32> {
    let link = std::fs::read_link("/proc/thread-self").ok()?;
    link.file_name()?.to_str()?.parse().ok()
}

/// The number of the `futex` system call, where it is known.
const FUTEX: Option<&str> = if cfg!(all(target_os = "linux", target_arch = "x86_64")) {
    Some("202")
} else if cfg!(all(target_os = "linux", target_arch = "aarch64")) {
    Some("98")
} else {
    None
};

impl OsThread {
    /// Whether it runs or may run: not blocked.
    pub(crate) fn running(&self) -> bool {
        self.state == 'R'
    }

    /// What it is doing: `blocked in futex wait on 0x7f3a…` (what a std lock, condition
    /// variable or join waits in), `blocked in system call 7`, `running`.
    pub(crate) fn doing(&self) -> String {
        if self.running() {
            return "running".to_string();
        }
        let mut call = self.syscall.as_deref().unwrap_or("").split_whitespace();
        match (call.next(), call.next()) {
            (Some(nr), Some(address)) if Some(nr) == FUTEX => {
                format!("blocked in a futex wait on {address}")
            }
            (Some(nr), _) if nr.bytes().all(|b| b.is_ascii_digit()) => {
                format!("blocked in system call {nr}")
            }
            _ => format!("not running (state {})", self.state),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore)]
    fn a_spawned_thread_carries_its_creators_name_and_is_seen_blocked() {
        if sample("").is_none() {
            return; // no /proc here
        }
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let (tid_tx, tid_rx) = std::sync::mpsc::channel();
        let runner = std::thread::Builder::new()
            .name("synclab-ost".into())
            .spawn(move || {
                let child = std::thread::spawn(move || {
                    tid_tx.send(current_tid()).unwrap();
                    rx.recv().unwrap(); // blocks until the test is done looking
                });
                child.join().unwrap();
            })
            .unwrap();
        let child = tid_rx.recv().unwrap().expect("/proc/thread-self");
        // The child blocks in `recv` soon after sending; wait (without a time limit) until
        // the OS shows it asleep.
        let seen = loop {
            let threads = sample("synclab-ost").unwrap();
            if let Some(t) = threads.iter().find(|t| t.tid == child)
                && !t.running()
            {
                break (threads.len(), t.clone());
            }
            std::thread::yield_now();
        };
        assert_eq!(seen.0, 2, "the runner and the child it spawned");
        if seen.1.syscall.is_some() {
            assert!(seen.1.doing().starts_with("blocked in"), "{:?}", seen.1);
        }
        tx.send(()).unwrap();
        runner.join().unwrap();
    }
}
