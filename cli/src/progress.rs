//! The progress bar on stderr, for the commands that measure for a while.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use synclab_cli::report::Progress;

/// A progress bar on stderr, hidden for `--json` and when stderr is not a terminal.
pub struct Bar(ProgressBar);

impl Bar {
    /// A bar, hidden if `quiet`.
    pub fn new(quiet: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if quiet || !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        bar.set_style(
            ProgressStyle::with_template("{prefix:>16} [{bar:30}] {pos}/{len} {elapsed} {msg}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        Self(bar)
    }

    /// `done` of `total` steps are finished.
    pub fn at(&self, done: usize, total: usize) {
        self.0.set_length(total as u64);
        self.0.set_position(done as u64);
    }

    /// Removes the bar, before the command prints its results.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for Bar {
    fn phase(&mut self, name: &str, total: usize) {
        self.0.set_prefix(name.to_string());
        self.0.set_message("");
        self.at(0, total);
    }

    fn step(&mut self, done: usize) {
        self.0.set_position(done as u64);
    }

    fn item(&mut self, name: &str) {
        self.0.set_message(name.to_string());
    }
}
