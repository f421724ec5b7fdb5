//! The model checks as `synclab check` prints them and `synclab report` shows them: one
//! row per case of [`synclab::cases`], and one JSON shape for both.

use super::Progress;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use synclab::check::Case;

/// One model's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow {
    /// The model's test name.
    pub name: String,
    /// Its family.
    pub family: String,
    /// The checker, as configured.
    pub checker: String,
    /// Executions explored.
    pub executions: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// `None` if it passed, else the failure with its replay command.
    pub failure: Option<String>,
}

/// Runs `models` one after the other, reporting each by name and counting them as one
/// phase of `progress`.
pub fn run(models: &[Case], progress: &mut dyn Progress) -> Vec<CheckRow> {
    progress.phase("model checks", models.len());
    models
        .iter()
        .enumerate()
        .map(|(i, model)| {
            progress.item(model.name());
            let start = Instant::now();
            let outcome = model.run();
            progress.step(i + 1);
            let (executions, failure) = match outcome {
                Ok(r) => (r.executions, None),
                Err(f) => (f.executions, Some(f.to_string())),
            };
            CheckRow {
                name: model.name().to_string(),
                family: model.family().to_string(),
                checker: model.checker().to_string(),
                executions,
                elapsed: start.elapsed(),
                failure,
            }
        })
        .collect()
}

impl CheckRow {
    /// `pass` or `fail`.
    pub fn verdict(&self) -> &'static str {
        if self.failure.is_some() {
            "fail"
        } else {
            "pass"
        }
    }
}

/// The rows as one JSON object: `{"models", "executions", "failures", "results":
/// [{"name", "family", "checker", "executions", "millis", "verdict", "failure"}]}`, what
/// `synclab check --json` prints and `report.json` holds under `"checks"`.
pub fn to_json(rows: &[CheckRow]) -> Value {
    json!({
        "models": rows.len(),
        "executions": rows.iter().map(|c| c.executions).sum::<usize>(),
        "failures": rows.iter().filter(|c| c.failure.is_some()).count(),
        "results": rows.iter().map(|c| json!({
            "name": c.name,
            "family": c.family,
            "checker": c.checker,
            "executions": c.executions,
            "millis": c.elapsed.as_secs_f64() * 1e3,
            "verdict": c.verdict(),
            "failure": c.failure,
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_counts_models_executions_and_failures() {
        let row = |name: &str, failure: Option<&str>| CheckRow {
            name: name.into(),
            family: "counter".into(),
            checker: "loom".into(),
            executions: 10,
            elapsed: Duration::from_millis(2),
            failure: failure.map(str::to_string),
        };
        let rows = [row("a", None), row("b", Some("boom"))];
        let json = to_json(&rows);
        assert_eq!(json["models"], 2);
        assert_eq!(json["executions"], 20);
        assert_eq!(json["failures"], 1);
        assert_eq!(json["results"][0]["verdict"], "pass");
        assert_eq!(json["results"][1]["verdict"], "fail");
        assert_eq!(json["results"][1]["failure"], "boom");
        assert_eq!(json["results"][0]["millis"], 2.0);
    }
}
