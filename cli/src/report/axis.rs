//! The y axis of the charts: linear from 0, or logarithmic once the values span a decade
//! (see [`svg`](super::svg) for why), its gridlines and their labels.

/// The y axis: linear from 0, or logarithmic between two powers of ten.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Linear from 0 to `max`.
    Linear {
        /// The top of the axis.
        max: f64,
    },
    /// Logarithmic from `lo` to `hi`, both powers of ten.
    Log {
        /// The bottom of the axis.
        lo: f64,
        /// The top of the axis.
        hi: f64,
    },
}

impl Scale {
    /// Whether the axis is logarithmic.
    pub fn is_log(self) -> bool {
        matches!(self, Scale::Log { .. })
    }

    /// Log once the positive values span a factor of 10 or more, else linear from 0.
    pub fn fit(ys: &[f64]) -> Self {
        let positive = ys.iter().copied().filter(|y| *y > 0.0 && y.is_finite());
        let (lo, hi) = positive.fold((f64::MAX, 0.0f64), |(lo, hi), y| (lo.min(y), hi.max(y)));
        if hi > 0.0 && hi / lo >= 10.0 {
            Scale::Log {
                lo: power_of_ten_at_or_below(lo),
                hi: 10.0 * power_of_ten_at_or_below(hi / 1.000_001),
            }
        } else {
            Scale::Linear {
                max: nice_ceiling(hi),
            }
        }
    }

    /// Where `y` lies, from 0 (bottom) to 1 (top); a zero on a log axis sits at the
    /// bottom.
    pub fn fraction(self, y: f64) -> f64 {
        match self {
            Scale::Linear { max } => y / max,
            Scale::Log { lo, hi } => ((y.max(lo)).log10() - lo.log10()) / (hi.log10() - lo.log10()),
        }
    }

    /// The gridlines: quarters of a linear axis; 1, 2 and 5 in each decade of a log one
    /// (1 only, past three decades).
    pub fn ticks(self) -> Vec<f64> {
        match self {
            Scale::Linear { max } => (0..=4).map(|i| max * f64::from(i) / 4.0).collect(),
            Scale::Log { lo, hi } => {
                let decades = (hi / lo).log10().round() as i32;
                let steps: &[f64] = if decades > 3 {
                    &[1.0]
                } else {
                    &[1.0, 2.0, 5.0]
                };
                let mut ticks = Vec::new();
                let mut decade = lo;
                while decade < hi * 1.000_001 {
                    ticks.extend(
                        steps
                            .iter()
                            .map(|s| s * decade)
                            .filter(|t| *t <= hi * 1.000_001),
                    );
                    decade *= 10.0;
                }
                ticks
            }
        }
    }
}

/// The power of ten at or below `v` (`v` > 0), by exact multiplication.
fn power_of_ten_at_or_below(v: f64) -> f64 {
    let mut magnitude = 1.0;
    while magnitude * 10.0 <= v {
        magnitude *= 10.0;
    }
    while magnitude > v {
        magnitude /= 10.0;
    }
    magnitude
}

/// The smallest 1-2-5 step number at or above `v` (at least 1).
pub fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    // By exact multiplication: powf/log10 may be off by an ulp, which would turn 2e8
    // into 2.0000000000000003e8.
    let magnitude = power_of_ten_at_or_below(v);
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&c| c >= v)
        .unwrap_or(10.0 * magnitude)
}

/// `1.5k`, `20M`, `0.5`... for axis labels.
pub fn short_number(v: f64) -> String {
    let (div, unit) = match v {
        v if v >= 1e9 => (1e9, "G"),
        v if v >= 1e6 => (1e6, "M"),
        v if v >= 1e3 => (1e3, "k"),
        _ => (1.0, ""),
    };
    let n = v / div;
    if (n - n.round()).abs() < 1e-9 {
        format!("{n:.0}{unit}")
    } else {
        format!("{n:.1}{unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_helpers() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(180e6), 200e6);
        assert_eq!(short_number(200e6), "200M");
        assert_eq!(short_number(1500.0), "1.5k");
    }

    #[test]
    fn the_axis_is_logarithmic_once_values_span_a_decade() {
        assert_eq!(Scale::fit(&[20e6, 90e6]), Scale::Linear { max: 100e6 });
        let log = Scale::fit(&[0.04e6, 15e6, 800e6]);
        assert_eq!(log, Scale::Log { lo: 1e4, hi: 1e9 });
        assert_eq!(log.ticks(), [1e4, 1e5, 1e6, 1e7, 1e8, 1e9]);
        let two = Scale::fit(&[3e6, 40e6]);
        assert_eq!(two, Scale::Log { lo: 1e6, hi: 1e8 });
        assert_eq!(two.ticks()[..4], [1e6, 2e6, 5e6, 1e7]);
        assert!((two.fraction(1e7) - 0.5).abs() < 1e-12);
    }
}
