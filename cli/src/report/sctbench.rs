//! The report's SCTBench section: the portfolio on every ported program, one trial at
//! the benchmark's budget, beside the published numbers (`synclab sctbench` measures
//! every checker, over more trials).

use super::Progress;
use super::svg::escape;
use serde_json::Value;
use synclab::check::budget::{SCTBENCH, SCTBENCH_REPORT_TRIALS};
use synclab::sctbench::{self, Measured, OkTwin};

/// Runs the portfolio on every program (and each ok twin once), as one phase of
/// `progress`.
pub fn run(progress: &mut dyn Progress) -> Vec<Measured> {
    let programs = sctbench::all();
    let columns: Vec<_> = (sctbench::columns(SCTBENCH.schedules).into_iter())
        .filter(|c| c.name == "portfolio")
        .collect();
    progress.phase("sctbench", programs.len());
    let mut done = 0;
    (programs.iter().enumerate())
        .flat_map(|(i, program)| {
            if i > done {
                done = i;
                progress.step(done);
            }
            progress.item(program.name);
            (columns.iter())
                .map(|column| sctbench::measure(program, column, SCTBENCH_REPORT_TRIALS, |_| {}))
        })
        .collect()
}

/// The rows as `synclab sctbench --json` prints them (the `results` array).
pub fn to_json(rows: &[Measured]) -> Value {
    let object: Value = serde_json::from_str(&sctbench::json(rows)).unwrap_or(Value::Null);
    object["results"].clone()
}

/// Whether every program was found and no ok twin failed.
pub fn all_well(rows: &[Measured]) -> bool {
    (rows.iter()).all(|r| {
        r.found == r.trials && r.wrong.is_none() && !matches!(r.ok_twin, OkTwin::Failed(_))
    })
}

/// The section of the page: per program, found and schedules, then the published means.
pub fn html(rows: &[Measured]) -> String {
    let mut html = format!(
        "<h2>Checker power on SCTBench</h2><p>The portfolio of shuttle schedulers on {} programs \
         ported from SCTBench, {SCTBENCH_REPORT_TRIALS} trial each at a budget of {} schedules; \
         the published columns are means over 20 trials of tools that switch threads at every \
         memory access (compare orders of magnitude). <code>synclab sctbench --trials 20</code> \
         measures every checker.</p><div class=\"card\"><table class=\"checks\"><tr><th>program</th>\
         <th>found</th><th>schedules</th><th>SURW</th><th>PCT d3</th><th>POS</th>\
         <th>random walk</th><th>ok twin</th></tr>",
        rows.len(),
        SCTBENCH.schedules
    );
    for r in rows {
        let published = sctbench::find(r.program).and_then(|p| p.published);
        let cell = |v: Option<sctbench::Pub>| v.map_or("—".to_string(), |v| v.to_string());
        let found = if r.found == r.trials {
            format!("<span class=\"pass\">{}/{}</span>", r.found, r.trials)
        } else {
            format!("<span class=\"fail\">{}/{}</span>", r.found, r.trials)
        };
        let ok = match r.ok_twin {
            OkTwin::None => "—",
            OkTwin::Passed => "<span class=\"pass\">passes</span>",
            OkTwin::Failed(_) => "<span class=\"fail\">FAILS</span>",
        };
        html += &format!(
            "<tr><td>{}</td><td>{found}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{ok}</td></tr>",
            escape(r.program),
            r.mean_schedules
                .map_or("—".to_string(), |m| format!("{m:.0}")),
            cell(published.map(|p| p.surw)),
            cell(published.map(|p| p.pct3)),
            cell(published.map(|p| p.pos)),
            cell(published.map(|p| p.random_walk)),
        );
    }
    html + "</table></div>\n"
}
