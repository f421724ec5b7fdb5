//! The report page: plain HTML with inline CSS, charts as separate SVG files, no scripts,
//! so it opens from disk in any browser.

use super::svg::{self, Series, escape};
use super::{Report, advice::is_peer};
use crate::bench::Row;

/// A chart file of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// File name inside the report directory.
    pub file: String,
    /// Caption.
    pub title: String,
    /// The family it belongs to.
    pub family: String,
    /// The SVG text.
    pub svg: String,
}

/// One throughput-vs-threads chart per family and workload.
pub fn charts(report: &Report) -> Vec<Chart> {
    let mut charts = Vec::new();
    for (family, rows) in &report.benchmarks {
        for workload in workloads(rows) {
            let rows: Vec<&Row> = rows.iter().filter(|r| r.workload == workload).collect();
            let mut names: Vec<&str> = Vec::new();
            for r in &rows {
                if !names.contains(&r.name.as_str()) {
                    names.push(&r.name);
                }
            }
            let series: Vec<Series> = names
                .iter()
                .map(|name| Series {
                    label: name.to_string(),
                    points: rows
                        .iter()
                        .filter(|r| r.name == *name)
                        .map(|r| (r.threads as f64, r.ops_per_sec))
                        .collect(),
                    dashed: is_peer(name),
                })
                .collect();
            let suffix = workload
                .as_deref()
                .map_or(String::new(), |w| format!("-{w}"));
            let title = format!(
                "{}{}: throughput vs threads",
                family.name,
                workload
                    .as_deref()
                    .map_or(String::new(), |w| format!(" ({w})"))
            );
            charts.push(Chart {
                file: format!("{}{suffix}.svg", family.name),
                svg: svg::line_chart(&title, "threads", "operations per second", &series),
                title,
                family: family.name.to_string(),
            });
        }
    }
    charts
}

/// The workloads to chart and tabulate: a size sweep (`cheap@1000`) is summarised in the
/// advice instead of drawn once per size.
fn workloads(rows: &[Row]) -> Vec<Option<String>> {
    let mut w: Vec<Option<String>> = Vec::new();
    for r in rows {
        if !w.contains(&r.workload) && !r.workload.as_deref().is_some_and(|w| w.contains('@')) {
            w.push(r.workload.clone());
        }
    }
    w
}

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0; color: #1d1d1f; background: #f6f7f9; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 28px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; border-bottom: 1px solid #d8dbe0; padding-bottom: 4px; }
.machine { color: #555; margin-bottom: 20px; }
.card { background: white; border: 1px solid #e1e4e8; border-radius: 8px; padding: 16px 20px; margin: 12px 0; }
ul.advice li { margin: 4px 0; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { padding: 4px 8px; text-align: right; border-bottom: 1px solid #eef0f3; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
th { background: #f0f2f5; font-weight: 600; }
tr.peer td:first-child { color: #666; font-style: italic; }
table.checks td:nth-child(2), table.checks th:nth-child(2) { text-align: left; }
td.good { color: #0a7a36; } td.bad { color: #b3261e; }
img { max-width: 100%; height: auto; display: block; margin: 8px auto; }
.fail { color: #b3261e; font-weight: 600; } .pass { color: #0a7a36; }
footer { color: #777; font-size: 12px; margin-top: 32px; }
code { background: #eef0f3; padding: 1px 4px; border-radius: 3px; }
";

/// The whole page.
pub fn page(report: &Report, charts: &[Chart]) -> String {
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>synclab report</title><style>{STYLE}</style></head><body><main>\n\
         <h1>synclab report</h1><div class=\"machine\">Measured on {} in {:.0} s. Quote ratios from one run, not absolute numbers across runs.</div>\n",
        escape(&report.machine.to_string()),
        report.elapsed.as_secs_f64()
    );
    html += "<div class=\"card\"><strong>What the numbers say</strong><ul class=\"advice\">";
    for a in &report.advice {
        html += &format!("<li>{}</li>", escape(a));
    }
    html += "</ul></div>\n";
    for (family, rows) in &report.benchmarks {
        html += &format!(
            "<h2>{}</h2><p>{}; synclab's cases drawn solid, peers dashed.</p>\n",
            escape(family.name),
            escape(family.about)
        );
        for chart in charts.iter().filter(|c| c.family == family.name) {
            html += &format!(
                "<div class=\"card\"><img src=\"{}\" alt=\"{}\"></div>\n",
                escape(&chart.file),
                escape(&chart.title)
            );
        }
        html += &table(rows, family.baseline);
    }
    if !report.checks.is_empty() {
        let failures = report.checks.iter().filter(|c| c.failure.is_some()).count();
        let executions: usize = report.checks.iter().map(|c| c.executions).sum();
        html += &format!(
            "<h2>Model checks</h2><p>{} models, {} executions explored, {}.</p><div class=\"card\"><table class=\"checks\"><tr><th>model</th><th>checker</th><th>executions</th><th>ms</th><th>verdict</th></tr>",
            report.checks.len(),
            executions,
            if failures == 0 {
                "no failure".to_string()
            } else {
                format!("<span class=\"fail\">{failures} failed</span>")
            }
        );
        for c in &report.checks {
            let verdict = match &c.failure {
                None => "<span class=\"pass\">pass</span>".to_string(),
                Some(f) => format!("<span class=\"fail\" title=\"{}\">FAIL</span>", escape(f)),
            };
            html += &format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.0}</td><td>{verdict}</td></tr>",
                escape(&c.name),
                escape(&c.checker),
                c.executions,
                c.elapsed.as_secs_f64() * 1e3
            );
        }
        html += "</table></div>\n";
    }
    if !report.sctbench.is_empty() {
        html += &super::sctbench::html(&report.sctbench);
    }
    html += "<footer>Regenerate with <code>cargo run --release -- report</code>. Data: <a href=\"report.json\">report.json</a>, <a href=\"report.md\">report.md</a>.</footer></main></body></html>\n";
    html
}

/// One table cell: millions of operations per second and the ratio to the baseline,
/// coloured; a row the harness's self-check flags is marked `!`, with why as its title.
fn cell(row: Option<&&Row>, base: Option<&&Row>) -> String {
    let Some(r) = row else {
        return "<td>–</td>".to_string();
    };
    let mops = r.ops_per_sec / 1e6;
    if let Some(why) = &r.implausible {
        return format!(
            "<td class=\"bad\" title=\"{}\">! {mops:.1} (implausible)</td>",
            escape(why)
        );
    }
    match base {
        Some(b) if b.ops_per_sec > 0.0 => {
            let ratio = r.ops_per_sec / b.ops_per_sec;
            let class = if ratio >= 1.05 {
                " class=\"good\""
            } else if ratio <= 0.95 {
                " class=\"bad\""
            } else {
                ""
            };
            format!("<td{class}>{mops:.1} ({ratio:.2}×)</td>")
        }
        _ => format!("<td>{mops:.1}</td>"),
    }
}

/// Millions of ops per second per case and thread count, with the ratio to the baseline
/// (and the fairness spread where it was measured).
fn table(rows: &[Row], baseline: &str) -> String {
    let mut out = String::new();
    for workload in workloads(rows) {
        let rows: Vec<&Row> = rows.iter().filter(|r| r.workload == workload).collect();
        let mut threads: Vec<usize> = rows.iter().map(|r| r.threads).collect();
        threads.sort_unstable();
        threads.dedup();
        let mut names: Vec<&str> = Vec::new();
        for r in &rows {
            if !names.contains(&r.name.as_str()) {
                names.push(&r.name);
            }
        }
        let show_spread = rows.iter().any(|r| r.spread.is_some_and(|s| s > 1.0))
            && rows.iter().any(|r| r.threads > 1);
        out += "<div class=\"card\"><table><tr><th>";
        out += &workload
            .as_deref()
            .map_or("case".to_string(), |w| format!("case — {}", escape(w)));
        out += "</th>";
        for t in &threads {
            out += &format!("<th>{t} thr Mops/s</th>");
        }
        if show_spread {
            out += &format!(
                "<th>spread at {}</th>",
                threads.last().copied().unwrap_or(1)
            );
        }
        out += "</tr>";
        for name in names {
            out += &format!(
                "<tr{}><td>{}</td>",
                if is_peer(name) { " class=\"peer\"" } else { "" },
                escape(name)
            );
            for &t in &threads {
                let row = rows.iter().find(|r| r.name == name && r.threads == t);
                let base = rows.iter().find(|r| r.name == baseline && r.threads == t);
                out += &cell(row, base);
            }
            if show_spread {
                let last = threads.last().copied().unwrap_or(1);
                let s = rows
                    .iter()
                    .find(|r| r.name == name && r.threads == last)
                    .and_then(|r| r.spread);
                out += &format!(
                    "<td>{}</td>",
                    s.map_or("–".to_string(), |s| if s.is_finite() {
                        format!("{s:.2}")
                    } else {
                        "∞".to_string()
                    })
                );
            }
            out += "</tr>";
        }
        out += &format!(
            "</table><p>Ratios in brackets are against <code>{}</code> at the same thread count.</p></div>\n",
            escape(baseline)
        );
    }
    out
}
