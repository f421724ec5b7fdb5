//! Surviving loom's deadlock report, and saying which threads are blocked where.
//!
//! ## Why a deadlock used to abort the process
//! loom 0.7 notices a deadlock when the last runnable thread of an execution blocks:
//! inside that blocking call its scheduler finds no thread to run, clears the active
//! thread and panics with `deadlock; threads = [...]`. The panic then unwinds the blocked
//! thread's own frames. Their destructors (an `Arc`, a `JoinHandle`, a guard) call back
//! into loom, which needs an active thread and has none: a second panic, inside a
//! destructor during unwinding, and Rust aborts the process (loom issues #291 and #331).
//!
//! ## What happens instead
//! Every blocking call of the loom facade (`Mutex::lock`, `Condvar::wait`,
//! `RwLock::read` and `write`, `JoinHandle::join`, `thread::park`, the scope shim's
//! joins) runs through [`blocking`]. It catches that one panic *before* it leaves loom's
//! own frames, and suspends the thread for good instead of unwinding it: the thread
//! stays blocked, like every other thread of the deadlocked execution.
//!
//! loom runs each model thread as a generator (a coroutine with its own stack) resumed
//! by its scheduler; suspending is what loom's own context switch does. The scheduler,
//! finding no thread to run, then fails the execution from its own frames ("thread not
//! terminated"), with no model thread's frames in between, and drops the suspended
//! generators while that failure unwinds: their stacks are freed without running the
//! destructors on them. That is what loom does on every failure to the threads the
//! failing execution leaves behind; here the last thread to block is left behind with
//! the others. Nothing runs on those stacks again, so the objects they own are leaked,
//! never used. The harness ([`crate::check`]) then reports the deadlock recorded here.
//!
//! A thread blocked in one of loom's own primitives, used directly instead of through
//! `synclab::loom::rt`, is not covered: such a deadlock still aborts.

use crate::trace::Step;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, Location, catch_unwind, resume_unwind};

/// How loom's deadlock panic begins.
const LOOM_DEADLOCK: &str = "deadlock; threads = ";

/// How [`explain`] tells a deadlock.
pub(crate) const DEADLOCK: &str = "deadlock: ";

/// A model thread inside a blocking call.
#[derive(Debug, Clone, Copy)]
struct Waiting {
    thread: ::loom::thread::ThreadId,
    /// The call: `Mutex::lock`, `Condvar::wait`, ...
    call: &'static str,
    /// What it waits for: another thread (`JoinHandle::join`), or a lock or condition
    /// variable (its address).
    target: Target,
    /// The line that made the call.
    location: &'static Location<'static>,
}

/// What a blocking call waits for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target {
    /// Another model thread, to finish.
    Thread(::loom::thread::ThreadId),
    /// The lock or condition variable at this address.
    Object(usize),
    /// Nothing in particular (`thread::park`: an unpark).
    Unpark,
}

thread_local! {
    /// The model threads now inside a blocking call. loom runs every model thread on the
    /// thread that runs the model, so one thread-local serves the whole execution.
    static WAITING: RefCell<Vec<Waiting>> = const { RefCell::new(Vec::new()) };
    /// loom's deadlock message, caught by [`blocking`] in the current execution.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs the blocking loom call `f`, named `call`, waiting for `target` (see the
/// [module docs](self)).
#[track_caller]
pub(crate) fn blocking<R>(call: &'static str, target: Target, f: impl FnOnce() -> R) -> R {
    let me = ::loom::thread::current().id();
    let location = Location::caller();
    WAITING.with(|w| {
        w.borrow_mut().push(Waiting {
            thread: me,
            call,
            target,
            location,
        });
    });
    // AssertUnwindSafe: on any panic but the deadlock one, the panic goes on unwinding as
    // if nothing had caught it; after the deadlock one nothing here runs again.
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => {
            WAITING.with(|w| w.borrow_mut().retain(|waiting| waiting.thread != me));
            value
        }
        Err(payload) => {
            let message = crate::check::panic_message(&*payload);
            if !message.starts_with(LOOM_DEADLOCK) || !generator::is_generator() {
                // Not a deadlock, or not a thread that can be suspended: unwind.
                WAITING.with(|w| w.borrow_mut().retain(|waiting| waiting.thread != me));
                resume_unwind(payload);
            }
            CAUGHT.with(|c| *c.borrow_mut() = Some(message));
            drop(payload);
            suspend_forever()
        }
    }
}

/// Hands control back to loom's scheduler, which never resumes this thread (see the
/// [module docs](self)).
fn suspend_forever() -> ! {
    // loom's own context switch (`loom::rt::scheduler::Scheduler::switch`) is this call.
    #[allow(deprecated)]
    generator::yield_with(());
    // loom resumes only the active thread, and a deadlocked execution has none.
    eprintln!("synclab: loom resumed a thread it had reported deadlocked");
    std::process::abort()
}

/// Forgets the previous execution's blocked threads (called at the start of every
/// execution).
pub(crate) fn new_execution() {
    WAITING.with(|w| w.borrow_mut().clear());
    CAUGHT.with(|c| c.borrow_mut().take());
}

/// The failure message of an execution that failed with `message`: a loom deadlock told
/// as the threads and the calls they are blocked in; any other failure as it is.
///
/// A deadlock shows up in one of two ways: caught by [`blocking`] (the failure that
/// reaches the harness is then loom's "thread not terminated"), or, when the last thread
/// to run *finished* while the others were blocked, as loom's own panic.
pub(crate) fn explain(message: String) -> String {
    let loom = CAUGHT
        .with(|c| c.borrow_mut().take())
        .or_else(|| message.starts_with(LOOM_DEADLOCK).then(|| message.clone()));
    let Some(loom) = loom else {
        return message;
    };
    let mut text = format!("{DEADLOCK}no thread can run, and not all have finished");
    for (thread, state) in thread_states(&loom) {
        if state != "Blocked" {
            continue;
        }
        text += &format!("\n  thread {thread} is blocked");
        if let Some(waiting) = waiting_of(thread) {
            text += &format!(" in {}", call_text(&waiting));
            text += &format!(" at {}", crate::trace::short_location(waiting.location));
        }
    }
    text
}

/// One trace row per blocked thread, for the end of a deadlocked execution's trace:
/// the call each one is blocked in, at its line.
pub(crate) fn blocked_steps() -> Vec<Step> {
    WAITING.with(|w| {
        let mut waiting = w.borrow().clone();
        waiting.sort_by_key(|w| number(w.thread));
        waiting
            .iter()
            .map(|w| Step {
                thread: number(w.thread),
                op: "blocked in",
                ordering: String::new(),
                value: call_text(w),
                location: w.location,
                object: None,
                loaded: None,
                wrote: None,
            })
            .collect()
    })
}

/// `Mutex::lock (…7aa0)` (the lock's address, to tell two apart), `JoinHandle::join
/// (thread 1)`, `thread::park`.
fn call_text(waiting: &Waiting) -> String {
    match waiting.target {
        Target::Thread(thread) => format!("{} (thread {})", waiting.call, number(thread)),
        Target::Object(address) => format!("{} (…{:04x})", waiting.call, address & 0xffff),
        Target::Unpark => waiting.call.to_string(),
    }
}

/// The recorded call of model thread `thread`.
fn waiting_of(thread: usize) -> Option<Waiting> {
    WAITING.with(|w| {
        w.borrow()
            .iter()
            .copied()
            .find(|w| number(w.thread) == thread)
    })
}

/// loom's thread number, from the `Debug` form `ThreadId(n)` (as `slot_hint` reads it).
fn number(id: ::loom::thread::ThreadId) -> usize {
    digits(&format!("{id:?}"))
}

fn digits(text: &str) -> usize {
    text.bytes()
        .filter(u8::is_ascii_digit)
        .fold(0, |n, d| n * 10 + usize::from(d - b'0'))
}

/// The threads and their states in loom's message
/// `deadlock; threads = [(Id(0), Blocked(Location(None))), (Id(1), Terminated)]`.
fn thread_states(message: &str) -> Vec<(usize, &str)> {
    message
        .split("(Id(")
        .skip(1)
        .filter_map(|entry| {
            let (id, rest) = entry.split_once("), ")?;
            let state = rest.split(['(', ')', ' ', '{']).next()?;
            Some((digits(id), state))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loom_s_thread_list_is_read() {
        let message = "deadlock; threads = [(Id(0), Blocked(Location(None))), \
                       (Id(1), Terminated), (Id(2), Blocked(Location(Some(src/a.rs:3:4))))]";
        assert_eq!(
            thread_states(message),
            [(0, "Blocked"), (1, "Terminated"), (2, "Blocked")]
        );
    }

    #[test]
    fn other_failures_are_left_as_they_are() {
        new_execution();
        assert_eq!(explain("lost update".into()), "lost update");
    }
}
