//! Two helpers of the search: the longest stack seen, and open operations' twins.

use super::super::Operation;
use super::super::entries::is_open;
use super::Frame;

/// Marks "no operation" in `twin`.
pub(super) const NONE: u32 = u32::MAX;

/// The longest stack seen, kept up to date without copying the whole stack at
/// every push: only the part that differs from the last copy is copied.
#[derive(Debug, Default)]
pub(super) struct Longest {
    pub(super) ops: Vec<u32>,
    /// How long a prefix the current stack shares with `ops`.
    common: usize,
}

impl Longest {
    pub(super) fn pushed<S>(&mut self, stack: &[Frame<S>]) {
        let top = stack.len() - 1;
        if top == self.common && self.ops.get(top) == Some(&stack[top].op) {
            self.common += 1;
        }
        if stack.len() > self.ops.len() {
            self.ops.truncate(self.common);
            self.ops.extend(stack[self.common..].iter().map(|f| f.op));
            self.common = stack.len();
        }
    }

    pub(super) fn popped(&mut self, len: usize) {
        self.common = self.common.min(len);
    }
}

/// For each open operation, the closest earlier-called open operation with an
/// equal input among the previous few (a missed twin only costs time).
pub(super) fn twins<I: PartialEq, O>(ops: &[&Operation<I, O>]) -> Vec<u32> {
    const LOOK_BACK: usize = 64;
    let open: Vec<u32> = (0..ops.len() as u32)
        .filter(|&i| is_open(ops[i as usize]))
        .collect();
    let mut twin = vec![NONE; ops.len()];
    for (k, &i) in open.iter().enumerate() {
        let earlier = &open[k.saturating_sub(LOOK_BACK)..k];
        if let Some(&j) = earlier
            .iter()
            .rev()
            .find(|&&j| ops[j as usize].input == ops[i as usize].input)
        {
            twin[i as usize] = j;
        }
    }
    twin
}
