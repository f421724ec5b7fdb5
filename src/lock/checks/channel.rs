//! The bounded-channel property: recorded sends and receives fit a FIFO of bounded
//! capacity, and every blocking call completes.
//!
//! **Scenarios whose blocking calls can all complete.** A blocking call that waits for
//! ever is the checkers' deadlock report, so a scenario must be one in which a correct
//! channel lets every call complete, whatever the schedule: [`completes`] accepts either
//! only non-blocking calls, or only blocking ones where each thread only sends or only
//! receives and the sends and receives balance. (If a sender waits, the channel is full,
//! so the items are there for the receivers still to come; if a receiver waits, it is
//! empty, and a send is still to come.) Then a thread left waiting is a lost wakeup,
//! reported as a deadlock, and a call that returned when it could not have completed
//! (a receive on an empty channel) is a history no FIFO order explains. Shrinking drops
//! calls; a smaller scenario that breaks the rule is not checked (it passes), so the
//! shrunk failure is always one a correct channel passes.

use super::super::BoundedChannel;
use super::rt;
use std::panic::resume_unwind;
use super::super::record::{self, Recorder};
use crate::lincheck::models::{Channel, ChannelInput, ChannelOutput};

/// One call of a thread's program: the model's input.
pub use crate::lincheck::models::ChannelInput as ChannelOp;

/// Whether every call of `programs` completes on a correct channel, whatever the schedule
/// (see the [module docs](self)).
pub fn completes(programs: &[Vec<ChannelOp>]) -> bool {
    let blocking = |op: &ChannelOp| matches!(op, ChannelInput::Send(_) | ChannelInput::Recv);
    let all: Vec<&ChannelOp> = programs.iter().flatten().collect();
    if !all.iter().any(|op| blocking(op)) {
        return true;
    }
    let one_side = programs.iter().all(|program| {
        program.iter().all(|op| matches!(op, ChannelInput::Send(_)))
            || program.iter().all(|op| matches!(op, ChannelInput::Recv))
    });
    let sends = all.iter().filter(|op| matches!(op, ChannelInput::Send(_))).count();
    one_side && sends * 2 == all.len()
}

/// Runs `programs[i]` as client `i` (program 0 on the calling thread, the others on
/// threads of their own) against one `C::with_capacity(capacity)`, recording
/// every call, and checks the history against the [`Channel`] model. Scenarios that
/// [`completes`] rejects are not run.
///
/// # Errors
/// The violation, with a per-client table, when no FIFO order of capacity `capacity`
/// explains what the calls returned.
pub fn linearizable<C: BoundedChannel>(
    capacity: usize,
    programs: &[Vec<ChannelOp>],
) -> Result<(), record::Violation> {
    if !completes(programs) {
        return Ok(());
    }
    let channel = C::with_capacity(capacity);
    let recorder = Recorder::new();
    let run = |id: usize, program: &[ChannelOp]| {
        let mut client = recorder.client(id);
        for op in program {
            client.call(*op, || perform(&channel, *op));
        }
        client.into_operations()
    };
    // Program 0 runs on the calling thread, beside the others: one thread fewer for the
    // model checkers to interleave than `Recorder::run` would spawn.
    let logs = rt::thread::scope(|s| {
        let handles: Vec<_> = (programs.iter().enumerate().skip(1))
            .map(|(i, program)| {
                let run = &run;
                s.spawn(move || {
                    rt::thread::set_index(i);
                    run(i, program)
                })
            })
            .collect();
        let mut logs = vec![programs.first().map_or_else(Vec::new, |p| run(0, p))];
        logs.extend((handles.into_iter()).map(|h| h.join().unwrap_or_else(|p| resume_unwind(p))));
        logs
    });
    let mut history = record::History::new();
    history.extend(logs.into_iter().flatten());
    history.check(&Channel { capacity })
}

/// Performs one call and returns what the model calls its output.
fn perform<C: BoundedChannel>(channel: &C, op: ChannelOp) -> ChannelOutput {
    match op {
        ChannelInput::Send(v) => {
            channel.send(v);
            ChannelOutput::Sent
        }
        ChannelInput::Recv => ChannelOutput::Received(channel.recv()),
        ChannelInput::TrySend(v) => match channel.try_send(v) {
            Ok(()) => ChannelOutput::Sent,
            Err(_) => ChannelOutput::Full,
        },
        ChannelInput::TryRecv => (channel.try_recv()).map_or(ChannelOutput::Empty, ChannelOutput::Received),
    }
}

/// Producers and consumers: `producers` threads sending `per_thread` distinct items each,
/// and as many receives, spread over `consumers` threads (so [`completes`] holds).
///
/// # Panics
/// If the receives cannot be spread evenly: `producers * per_thread` must be a multiple
/// of `consumers`.
pub fn producers_consumers(producers: usize, consumers: usize, per_thread: usize) -> Vec<Vec<ChannelOp>> {
    let items = producers * per_thread;
    assert!(consumers > 0 && items % consumers == 0, "{items} items over {consumers} consumers");
    let mut programs: Vec<Vec<ChannelOp>> = (0..producers)
        .map(|p| (0..per_thread).map(|i| ChannelInput::Send((p * per_thread + i + 1) as u32)).collect())
        .collect();
    programs.extend((0..consumers).map(|_| vec![ChannelInput::Recv; items / consumers]));
    programs
}
