//! A picture of a checked history: one self-contained, interactive HTML page.
//!
//! The page draws one timeline per client, each operation a bar from its call to
//! its return, and beside it the longest partial linearization found, step by
//! step. The operation that cannot fit is red; hovering over an operation or a
//! step shows the state before and after it. Time is drawn by rank (the n-th
//! distinct call or return instant), so that bursts and pauses take the same room.
//!
//! Everything — data, style, script — is in the page: it opens offline and can be
//! attached to a bug report. A long history is shown through the same
//! [`window`](super::window) as the text, with larger bounds, and the page says
//! how much was left out.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::explain::{Explanation, Fit};
use super::{CheckResult, Model, Operation, PENDING};

/// At most this many operations on the page.
const ROWS: usize = 400;
/// At most this many steps of the longest linearization.
const STEPS: usize = 200;

/// The page's style and script, with `/*DATA*/` where the data goes.
const TEMPLATE: &str = include_str!("page.html");

/// One operation as the page shows it.
struct Bar {
    index: usize,
    client: usize,
    call: u64,
    return_: u64,
    description: String,
    /// Position in the longest linearization shown, if any.
    position: Option<usize>,
    /// `"impossible"`, `"waits"`, `"dead-end"` for the operations that could have
    /// come next; empty otherwise.
    fit: &'static str,
    before: Option<String>,
    after: Option<String>,
}

/// The page for `history`, checked against `model` with `result`, titled `title`
/// (the file name, say).
pub fn html_page<M: Model>(
    model: &M,
    history: &[Operation<M::Input, M::Output>],
    result: &CheckResult,
    title: &str,
) -> String {
    let (bars, steps, notes) = match result.explanation() {
        Some(explanation) => explained(explanation),
        None => {
            let bars: Vec<Bar> = history
                .iter()
                .take(ROWS)
                .enumerate()
                .map(|(index, op)| Bar {
                    index,
                    client: op.client_id,
                    call: op.call,
                    return_: op.return_,
                    description: model.describe_operation(&op.input, op.output.as_ref()),
                    position: None,
                    fit: "",
                    before: None,
                    after: None,
                })
                .collect();
            let mut notes = Vec::new();
            if history.len() > ROWS {
                notes.push(format!(
                    "The first {ROWS} of {} operations are shown.",
                    history.len()
                ));
            }
            (bars, Vec::new(), notes)
        }
    };
    let verdict = match result {
        CheckResult::Linearizable => "linearizable".to_string(),
        CheckResult::NotLinearizable(e) => not_linearizable(e),
        CheckResult::Unknown(exhausted) => format!("unknown: {exhausted}"),
    };
    render(
        title,
        &verdict,
        result.is_linearizable(),
        &bars,
        &steps,
        &notes,
    )
}

impl Explanation {
    /// The page [`html_page`] draws for the history this explains, titled `title`:
    /// for a failure report, where only the explanation is at hand.
    pub fn html_page(&self, title: &str) -> String {
        let (bars, steps, notes) = explained(self);
        render(
            title,
            &not_linearizable(self),
            Some(false),
            &bars,
            &steps,
            &notes,
        )
    }
}

fn not_linearizable(e: &Explanation) -> String {
    match e.partition() {
        Some(key) => format!("not linearizable: partition key {key:?} has no valid order"),
        None => "not linearizable: the history has no valid order".to_string(),
    }
}

/// The page itself.
fn render(
    title: &str,
    verdict: &str,
    ok: Option<bool>,
    bars: &[Bar],
    steps: &[String],
    notes: &[String],
) -> String {
    let mut data = String::new();
    let _ = write!(
        data,
        "{{\"title\":{},\"verdict\":{},\"ok\":{},\"notes\":[{}],\"ops\":[",
        json(title),
        json(verdict),
        ok.map_or("null", |b| if b { "true" } else { "false" }),
        notes.iter().map(|n| json(n)).collect::<Vec<_>>().join(",")
    );
    let ranks = ranks(bars);
    for (n, bar) in bars.iter().enumerate() {
        let _ = write!(
            data,
            "{}{{\"i\":{},\"c\":{},\"a\":{},\"b\":{},\"call\":{},\"ret\":{},\"d\":{},\"p\":{},\"f\":{},\"s0\":{},\"s1\":{}}}",
            if n == 0 { "" } else { "," },
            bar.index,
            bar.client,
            ranks[&bar.call],
            ranks
                .get(&bar.return_)
                .map_or("null".into(), ToString::to_string),
            bar.call,
            if bar.return_ == PENDING {
                "null".into()
            } else {
                bar.return_.to_string()
            },
            json(&bar.description),
            bar.position.map_or("null".into(), |p| p.to_string()),
            json(bar.fit),
            bar.before.as_deref().map_or("null".into(), json),
            bar.after.as_deref().map_or("null".into(), json),
        );
    }
    let _ = write!(data, "],\"steps\":[{}]}}", steps.join(","));
    TEMPLATE
        .replace("/*TITLE*/", &text(title))
        .replace("/*DATA*/", &data)
}

/// The bars, steps (as JSON objects) and notes of a failed check's page.
fn explained(e: &Explanation) -> (Vec<Bar>, Vec<String>, Vec<String>) {
    let window = e.window(ROWS, STEPS);
    let position: HashMap<usize, usize> = window
        .steps
        .clone()
        .map(|pos| (e.linearized[pos], pos))
        .collect();
    let state_after = |pos: usize| e.states[pos].clone();
    let state_before = |pos: usize| {
        if pos == 0 {
            e.initial_state.clone()
        } else {
            e.states[pos - 1].clone()
        }
    };
    let stuck = e.stuck_state().to_string();
    let bars = window
        .rows
        .iter()
        .map(|row| {
            let fit = e.candidates.iter().find(|c| c.index == row.index);
            let pos = position.get(&row.index).copied();
            let (before, after) = match (pos, fit.map(|c| c.fit)) {
                (Some(pos), _) => (Some(state_before(pos)), Some(state_after(pos))),
                (None, Some(Fit::Impossible)) => (
                    Some(stuck.clone()),
                    Some("(none: the model rejects it)".into()),
                ),
                (None, Some(_)) => (Some(stuck.clone()), None),
                (None, None) => (None, None),
            };
            Bar {
                index: row.index,
                client: row.client_id,
                call: row.call,
                return_: row.return_,
                description: row.description.clone(),
                position: pos,
                fit: match fit.map(|c| c.fit) {
                    Some(Fit::Impossible) => "impossible",
                    Some(Fit::NoEffect) => "waits",
                    Some(Fit::DeadEnd) => "dead-end",
                    None => "",
                },
                before,
                after,
            }
        })
        .collect();
    let steps = window
        .steps
        .clone()
        .map(|pos| {
            format!(
                "{{\"p\":{pos},\"i\":{},\"s\":{}}}",
                e.linearized[pos],
                json(&state_after(pos))
            )
        })
        .collect();
    let mut notes = Vec::new();
    if window.steps.start > 0 {
        notes.push(format!(
            "The longest linearization found has {} steps; the last {} are shown.",
            e.linearized.len(),
            window.steps.len()
        ));
    }
    let left_out = window.rows_left_out(e);
    if left_out > 0 {
        notes.push(format!(
            "{} of the partition's {} operations are shown: those the story names and those \
             in flight when the search got stuck ({left_out} left out).",
            window.rows.len(),
            e.rows.len()
        ));
    }
    if let Some((index, at)) = e.deadline().filter(|&(_, at)| at != PENDING) {
        notes.push(format!(
            "Stuck in state {stuck}: #{index} returned at time {at}, so the next operation \
             must be one called by then, and none of them fits."
        ));
    } else {
        notes.push(format!(
            "Stuck in state {stuck}: none of the remaining operations fits."
        ));
    }
    (bars, steps, notes)
}

/// The rank of each call and return instant among those of `bars` (returns that
/// never came have none).
fn ranks(bars: &[Bar]) -> HashMap<u64, usize> {
    let mut times: Vec<u64> = bars
        .iter()
        .flat_map(|b| [b.call, b.return_])
        .filter(|&t| t != PENDING)
        .collect();
    times.sort_unstable();
    times.dedup();
    times.into_iter().enumerate().map(|(r, t)| (t, r)).collect()
}

/// `s` as a JSON string that is safe inside a `<script>` element.
fn json(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            // Control characters, and what could end the script element or start
            // markup, as escapes.
            c if (c as u32) < 0x20 || matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as HTML text.
fn text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lincheck::models::{Register, RegisterInput, RegisterOutput};
    use crate::lincheck::{Budget, check};

    #[test]
    fn the_page_holds_the_story_and_nothing_from_outside() {
        let read =
            |c, v, a, b| Operation::new(c, RegisterInput::Read, a, RegisterOutput::Value(v), b);
        let write = Operation::new(0, RegisterInput::Write(1), 0, RegisterOutput::Ok, 10);
        let history = vec![write, read(1, Some(1), 2, 4), read(2, None, 6, 8)];
        let result = check(&Register, &history, Budget::default());
        let page = html_page(&Register, &history, &result, "a </script> title");
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("\"f\":\"impossible\""));
        assert!(page.contains("not linearizable"));
        // The title cannot end the script, and nothing is fetched from elsewhere.
        assert_eq!(page.matches("</script>").count(), 1);
        assert!(!page.contains("src=") && !page.contains("href=\"http"));
        let fine = html_page(
            &Register,
            &history[..2],
            &check(&Register, &history[..2], Budget::default()),
            "ok",
        );
        assert!(fine.contains("\"ok\":true"));
    }

    #[test]
    fn strings_are_escaped_for_a_script() {
        assert_eq!(
            json("a\"b\\c\n</script>"),
            r#""a\"b\\c\n\u003c/script\u003e""#
        );
    }
}
