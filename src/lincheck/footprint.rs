//! What a model promises about an operation, so that the search can skip work.

/// What an operation may do to the state, as promised by [`Model::footprint`].
///
/// The search works without any of these promises; each lets it skip work that
/// cannot change the verdict. A wrong promise makes the checker wrong, so a model
/// promises only what holds for every state.
///
/// | footprint | promise (for every state) | example | what the search does with it |
/// |---|---|---|---|
/// | `Unknown` | nothing | `cas(1, 2) -> ok` | nothing (the default) |
/// | `ReadOnly` | `step` returns `None` or the same state | `read() -> 3` | if legal now, runs it now and tries nothing else here |
/// | `Blind` | `step` returns `Some`: the output says nothing about the state | `append("x") -> ok` | asks [`Model::may_become_legal`] whether a read that must come first can still be satisfied |
/// | `Overwrite` | `step` returns `Some`, and the same state whatever the state before | `put("x") -> ok` | a state that will be overwritten before anything looks at it is forgotten |
///
/// The last two are why histories with many concurrent writers stay tractable. A
/// burst of `k` concurrent appends has `k!` orders, each leaving a different
/// string, so remembering situations does not help: every order is new. But if
/// the next read of the key must come before any put, only the orders that spell
/// a prefix of what it read can lead anywhere ([`Model::may_become_legal`]); and
/// if a put must come before the next read, the order does not matter at all,
/// and all orders count as one situation. In porcupine's 50-client key-value
/// histories these two rules cut the situations a key needs from tens of millions
/// to thousands.
///
/// [`Model::footprint`]: super::Model::footprint
/// [`Model::may_become_legal`]: super::Model::may_become_legal
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Footprint {
    /// Nothing is promised.
    #[default]
    Unknown,
    /// Never changes the state: legal or not, it leaves the state as it is.
    ReadOnly,
    /// Legal in every state: whatever it returned, the output does not depend on
    /// the state. It may change the state.
    Blind,
    /// Legal in every state, and afterwards the state is the same whatever it was
    /// before.
    Overwrite,
}

impl Footprint {
    /// Whether the operation is legal in every state.
    pub fn is_always_legal(self) -> bool {
        matches!(self, Self::Blind | Self::Overwrite)
    }
}
