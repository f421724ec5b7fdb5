//! A bounded FIFO channel with blocking and non-blocking send and receive.

use std::collections::VecDeque;

use crate::lincheck::Model;

/// A bounded FIFO channel of `u32`s holding at most `capacity` items, initially empty.
///
/// A blocking operation is legal only where it can complete: `send` on a channel that is
/// not full, `recv` on one that is not empty (lincheck's *dual data structure* view: a
/// blocked call has not taken effect yet, it takes effect when it completes). A call that
/// never returned is still waiting, or completed unseen: on a state where it cannot
/// complete it changes nothing, elsewhere it takes effect. `try_send` fails exactly on a
/// full channel, `try_recv` exactly on an empty one.
///
/// ```
/// use synclab::lincheck::models::{Channel, ChannelInput as In, ChannelOutput as Out};
/// use synclab::lincheck::{Budget, Operation, check};
///
/// let one = Channel { capacity: 1 };
/// // A recv that returned while nothing had been sent: it did not wait.
/// let early = vec![
///     Operation::new(0, In::Recv, 0, Out::Received(0), 1),
///     Operation::new(1, In::Send(7), 2, Out::Sent, 3),
/// ];
/// assert_eq!(check(&one, &early, Budget::default()).is_linearizable(), Some(false));
/// // The recv waited for the send: legal.
/// let waited = vec![
///     Operation::new(0, In::Recv, 0, Out::Received(7), 4),
///     Operation::new(1, In::Send(7), 2, Out::Sent, 3),
/// ];
/// assert_eq!(check(&one, &waited, Budget::default()).is_linearizable(), Some(true));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Channel {
    /// The most items it holds.
    pub capacity: usize,
}

/// A channel operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChannelInput {
    /// `send(v)`: waits while the channel is full.
    Send(u32),
    /// `recv()`: waits while the channel is empty.
    Recv,
    /// `try_send(v)`: fails on a full channel.
    TrySend(u32),
    /// `try_recv()`: fails on an empty channel.
    TryRecv,
}

/// What a channel operation returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChannelOutput {
    /// A send completed.
    Sent,
    /// A `try_send` found the channel full.
    Full,
    /// A receive returned this item.
    Received(u32),
    /// A `try_recv` found the channel empty.
    Empty,
}

impl Model for Channel {
    type State = VecDeque<u32>;
    type Input = ChannelInput;
    type Output = ChannelOutput;

    fn init(&self) -> VecDeque<u32> {
        VecDeque::new()
    }

    fn step(
        &self,
        items: &VecDeque<u32>,
        input: &ChannelInput,
        output: Option<&ChannelOutput>,
    ) -> Option<VecDeque<u32>> {
        use ChannelInput::*;
        use ChannelOutput::*;
        let full = items.len() >= self.capacity;
        let mut after = items.clone();
        match (*input, output) {
            (Send(v) | TrySend(v), None | Some(Sent)) if !full => after.push_back(v),
            // Unseen and blocked (or failed): no effect.
            (Send(_) | TrySend(_), None) => {}
            (TrySend(_), Some(Full)) if full => {}
            (Recv | TryRecv, None) => {
                after.pop_front();
            }
            (Recv | TryRecv, Some(Received(v))) if items.front() == Some(v) => {
                after.pop_front();
            }
            (TryRecv, Some(Empty)) if items.is_empty() => {}
            _ => return None,
        }
        Some(after)
    }

    fn state_heap_bytes(&self, items: &VecDeque<u32>) -> usize {
        items.capacity() * size_of::<u32>()
    }

    fn describe_operation(&self, input: &ChannelInput, output: Option<&ChannelOutput>) -> String {
        let call = match input {
            ChannelInput::Send(v) => format!("send({v})"),
            ChannelInput::TrySend(v) => format!("try_send({v})"),
            ChannelInput::Recv => "recv()".to_string(),
            ChannelInput::TryRecv => "try_recv()".to_string(),
        };
        let result = match output {
            None => "?".to_string(),
            Some(ChannelOutput::Sent) => "sent".to_string(),
            Some(ChannelOutput::Full) => "full".to_string(),
            Some(ChannelOutput::Received(v)) => v.to_string(),
            Some(ChannelOutput::Empty) => "empty".to_string(),
        };
        format!("{call} -> {result}")
    }

    fn describe_state(&self, items: &VecDeque<u32>) -> String {
        format!("{items:?} (capacity {})", self.capacity)
    }
}
