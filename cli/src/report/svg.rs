//! A small SVG line chart: throughput (y) against thread count (x), one line per case.
//!
//! Made to be read at a glance:
//!
//! | choice | why |
//! |---|---|
//! | log y axis when the values span a decade or more | a FIFO lock at 0.04 Mops/s and a sharded counter at 800 share a chart; on a linear axis everything below a tenth of the top lies flat on the floor |
//! | each line named at its right end, not in a legend | no colour to match against a key; labels pushed apart so none overlaps |
//! | synclab's cases in colour, solid; the peers in greys, dashed | two groups: what synclab offers, and what it is measured against |
//! | Okabe–Ito colours (without yellow), then marker shapes | distinguishable with the common colour-vision deficiencies; a shape per line where colours run out or fail |
//!
//! Hand-written rather than drawn with a plotting crate: the chart is a few dozen
//! elements, and writing them directly keeps the output small, deterministic and
//! readable in a text diff.

use super::axis::{Scale, short_number};
use std::fmt::Write;

/// One line of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The line's label.
    pub label: String,
    /// `(x, y)` points, x ascending.
    pub points: Vec<(f64, f64)>,
    /// A peer: drawn grey and dashed, so that synclab's own lines stand out.
    pub dashed: bool,
}

/// synclab's lines: the Okabe–Ito palette without its yellow, which vanishes on white.
const COLOURS: [&str; 7] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
];
/// The peers' lines: greys, told apart by their dashes and markers.
const GREYS: [&str; 3] = ["#555555", "#8a8a8a", "#b0b0b0"];
const DASHES: [&str; 3] = ["7 4", "2 3", "9 3 2 3"];
/// Marker shapes, cycled after the colours: circle, square, triangle, diamond.
const SHAPES: usize = 4;

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 380.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 200.0; // room for the labels at the lines' ends
const TOP: f64 = 44.0;
const BOTTOM: f64 = 50.0;
/// The least vertical distance between two end labels.
const LABEL_GAP: f64 = 13.0;

/// Renders a line chart with a log2 x axis (thread counts) and a y axis from [`Scale`].
pub fn line_chart(title: &str, x_label: &str, y_label: &str, series: &[Series]) -> String {
    let xs: Vec<f64> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    let ys: Vec<f64> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .collect();
    let scale = Scale::fit(&ys);
    let (x_min, x_max) = xs
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    let (x_min, x_max) = if xs.is_empty() {
        (1.0, 2.0)
    } else {
        (x_min, x_max.max(x_min * 2.0))
    };
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let px = |x: f64| LEFT + (x.log2() - x_min.log2()) / (x_max.log2() - x_min.log2()) * plot_w;
    let py = |y: f64| TOP + plot_h - scale.fraction(y) * plot_h;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" font-family="system-ui, sans-serif" font-size="12"><rect width="100%" height="100%" fill="white"/>"#
    );
    let _ = write!(
        svg,
        r##"<text x="{LEFT}" y="20" font-size="15" font-weight="600">{}</text><text x="{LEFT}" y="36" fill="#555">synclab solid, in colour; peers dashed, in grey</text>"##,
        escape(title)
    );
    for tick in scale.ticks() {
        let (right, y, label) = (LEFT + plot_w, py(tick), short_number(tick));
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" x2="{right:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#e3e3e3"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#444">{label}</text>"##,
            LEFT - 6.0,
            y + 4.0,
        );
    }
    let mut ticks = xs.clone();
    ticks.sort_by(f64::total_cmp);
    ticks.dedup();
    for &x in &ticks {
        let _ = write!(
            svg,
            r##"<line x1="{0:.1}" x2="{0:.1}" y1="{1:.1}" y2="{2:.1}" stroke="#999"/><text x="{0:.1}" y="{3:.1}" text-anchor="middle" fill="#444">{4}</text>"##,
            px(x),
            TOP + plot_h,
            TOP + plot_h + 5.0,
            TOP + plot_h + 18.0,
            x
        );
    }
    let bottom = TOP + plot_h;
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom:.1}" stroke="#999"/><line x1="{LEFT}" x2="{:.1}" y1="{bottom:.1}" y2="{bottom:.1}" stroke="#999"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#222">{}</text><text transform="translate(16 {:.1}) rotate(-90)" text-anchor="middle" fill="#222">{}{}</text>"##,
        LEFT + plot_w,
        LEFT + plot_w / 2.0,
        HEIGHT - 12.0,
        escape(x_label),
        TOP + plot_h / 2.0,
        escape(y_label),
        if scale.is_log() { " (log scale)" } else { "" }
    );

    let styles = styles(series);
    // Peers first, so that synclab's lines are drawn over them.
    let mut order: Vec<usize> = (0..series.len()).collect();
    order.sort_by_key(|&i| !series[i].dashed);
    for &i in &order {
        let (s, style) = (&series[i], &styles[i]);
        let points: Vec<String> = s
            .points
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
            .collect();
        let dash = style
            .dash
            .map_or(String::new(), |d| format!(r#" stroke-dasharray="{d}""#));
        let _ = write!(
            svg,
            r#"<polyline fill="none" stroke="{}" stroke-width="{}"{dash} points="{}"/>"#,
            style.colour,
            if s.dashed { 1.6 } else { 2.2 },
            points.join(" ")
        );
        for &(x, y) in &s.points {
            svg += &marker(style.shape, px(x), py(y), style.colour);
        }
    }

    // Each line's label at its right end, in its colour, pushed apart where they meet.
    let ends: Vec<(usize, f64, f64)> = series
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.points.last().map(|&(x, y)| (i, px(x), py(y))))
        .collect();
    let placed = spread_labels(&ends.iter().map(|e| e.2).collect::<Vec<_>>(), TOP, bottom);
    for (&(i, x, y), label_y) in ends.iter().zip(placed) {
        let style = &styles[i];
        let lx = x + 24.0;
        if (label_y - y).abs() > 2.0 {
            // A leader: out level with the point, then across to the moved label.
            let _ = write!(
                svg,
                r#"<path fill="none" d="M{:.1} {y:.1}H{:.1}L{:.1} {label_y:.1}" stroke="{}" stroke-width="0.8"/>"#,
                x + 5.0,
                x + 10.0,
                lx - 3.0,
                style.colour
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{lx:.1}" y="{:.1}" fill="{}"{}>{}</text>"#,
            label_y + 4.0,
            style.colour,
            if series[i].dashed {
                r#" font-style="italic""#
            } else {
                r#" font-weight="600""#
            },
            escape(&series[i].label)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// How one series is drawn.
struct Style {
    colour: &'static str,
    dash: Option<&'static str>,
    shape: usize,
}

/// synclab's series take the colours in turn (then the shapes, once the colours run out);
/// the peers take the greys and dashes.
fn styles(series: &[Series]) -> Vec<Style> {
    let (mut ours, mut peers) = (0, 0);
    series
        .iter()
        .map(|s| {
            if s.dashed {
                let n = peers;
                peers += 1;
                Style {
                    colour: GREYS[n % GREYS.len()],
                    dash: Some(DASHES[n % DASHES.len()]),
                    shape: n % SHAPES,
                }
            } else {
                let n = ours;
                ours += 1;
                Style {
                    colour: COLOURS[n % COLOURS.len()],
                    dash: None,
                    shape: (n / COLOURS.len()) % SHAPES,
                }
            }
        })
        .collect()
}

/// A point's marker: circle, square, triangle or diamond.
fn marker(shape: usize, x: f64, y: f64, colour: &str) -> String {
    match shape % SHAPES {
        0 => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.2" fill="{colour}"/>"#),
        1 => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="6" height="6" fill="{colour}"/>"#,
            x - 3.0,
            y - 3.0
        ),
        2 => format!(
            r#"<path d="M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z" fill="{colour}"/>"#,
            y - 4.0,
            x + 3.6,
            y + 2.6,
            x - 3.6,
            y + 2.6
        ),
        _ => format!(
            r#"<path d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z" fill="{colour}"/>"#,
            y - 4.2,
            x + 4.2,
            y + 4.2,
            x - 4.2
        ),
    }
}

/// Label positions as near the wanted `ys` as they can be, at least [`LABEL_GAP`] apart
/// and inside `top..=bottom` (as far as the room allows), in the order given.
fn spread_labels(ys: &[f64], top: f64, bottom: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by(|&a, &b| ys[a].total_cmp(&ys[b]));
    let mut placed = vec![0.0; ys.len()];
    // Downwards from the top, each label below the one above it...
    let mut floor = top;
    for &i in &order {
        placed[i] = ys[i].max(floor);
        floor = placed[i] + LABEL_GAP;
    }
    // ...then upwards from the bottom, for those pushed past it.
    let mut ceiling = bottom;
    for &i in order.iter().rev() {
        placed[i] = placed[i].min(ceiling);
        ceiling = placed[i] - LABEL_GAP;
    }
    placed
}

/// Escapes text for XML and HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_labels_keep_their_distance_and_stay_inside() {
        let placed = spread_labels(&[100.0, 101.0, 102.0, 300.0, 330.0], 40.0, 330.0);
        let mut sorted = placed.clone();
        sorted.sort_by(f64::total_cmp);
        assert!(
            sorted.windows(2).all(|w| w[1] - w[0] >= LABEL_GAP - 1e-9),
            "{placed:?}"
        );
        assert!(
            placed.iter().all(|&y| (40.0..=330.0).contains(&y)),
            "{placed:?}"
        );
        assert_eq!(placed[0], 100.0);
        assert_eq!(placed[3], 300.0);
    }

    #[test]
    fn chart_has_a_line_and_an_end_label_per_series() {
        let series = vec![
            Series {
                label: "a<b".into(),
                points: vec![(1.0, 1.0), (2.0, 2.0)],
                dashed: false,
            },
            Series {
                label: "peer".into(),
                points: vec![(1.0, 3.0), (2.0, 1.0)],
                dashed: true,
            },
        ];
        let svg = line_chart("t", "threads", "ops/s", &series);
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains(">a&lt;b</text>"));
        assert!(svg.contains("stroke-dasharray"));
        assert!(svg.contains(COLOURS[0]) && svg.contains(GREYS[0]));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
    }
}
