//! Scores over time as an SVG line chart drawn on the server: readable in print (a solid line
//! with marked points on a light grid), a tooltip per point, and a text summary for screen
//! readers.

use care_store::Timestamp;
use maud::{Markup, html};

const W: f64 = 420.0;
const H: f64 = 200.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;
const DAY_MS: i64 = 86_400_000;

fn date(t: Timestamp) -> String {
    t.short().chars().take(10).collect()
}

/// A chart of `points` (time, score 0–100), oldest first, titled `title`.
pub(crate) fn scores_over_time(title: &str, points: &[(Timestamp, i32)]) -> Markup {
    let (first, last) = match (points.first(), points.last()) {
        (Some(a), Some(b)) => (a.0.0, b.0.0),
        _ => (0, 0),
    };
    // A single day (or a single point) still gets some width.
    let (from, to) = if last - first < DAY_MS {
        (first - DAY_MS / 2, last + DAY_MS / 2)
    } else {
        (first, last)
    };
    let span = (to - from).max(1) as f64;
    let x = |t: Timestamp| LEFT + (t.0 - from) as f64 / span * (W - LEFT - RIGHT);
    let y = |v: i32| TOP + (1.0 - f64::from(v.clamp(0, 100)) / 100.0) * (H - TOP - BOTTOM);
    let line: String = points
        .iter()
        .map(|(t, v)| format!("{:.1},{:.1}", x(*t), y(*v)))
        .collect::<Vec<_>>()
        .join(" ");
    let summary = match (points.first(), points.last()) {
        (Some(a), Some(b)) => format!(
            "{title}: {} attempts from {} to {}, first {} and latest {}",
            points.len(),
            date(a.0),
            date(b.0),
            a.1,
            b.1
        ),
        _ => format!("{title}: no finished attempts yet"),
    };
    html! {
        figure.card {
            h3 { (title) }
            svg.chart viewBox={ "0 0 " (W) " " (H) } role="img" aria-label=(summary) {
                title { (summary) }
                @for v in [0, 25, 50, 75, 100] {
                    line x1=(LEFT) x2=(W - RIGHT) y1=(y(v)) y2=(y(v)) stroke="#d6dbe6" stroke-width="1" {}
                    text x=(LEFT - 6.0) y=(y(v) + 4.0) text-anchor="end" { (v) }
                }
                @if let (Some(a), Some(b)) = (points.first(), points.last()) {
                    text x=(LEFT) y=(H - 8.0) { (date(a.0)) }
                    @if points.len() > 1 {
                        text x=(W - RIGHT) y=(H - 8.0) text-anchor="end" { (date(b.0)) }
                    }
                    polyline points=(line) fill="none" stroke="#2459b3" stroke-width="2" stroke-linejoin="round" {}
                    @for (t, v) in points {
                        circle cx=(format!("{:.1}", x(*t))) cy=(format!("{:.1}", y(*v))) r="3" fill="#2459b3" {
                            title { (t.short()) ": " (v) }
                        }
                    }
                } @else {
                    text x=(W / 2.0) y=(H / 2.0) text-anchor="middle" { "no finished attempts yet" }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_has_a_point_per_attempt_and_escapes_its_title() {
        let pts = [
            (Timestamp(1_800_000_000_000), 40),
            (Timestamp(1_800_500_000_000), 90),
        ];
        let svg = scores_over_time("<speed>", &pts).into_string();
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("&lt;speed&gt;"));
        assert!(!svg.contains("<speed>"));
        let empty = scores_over_time("speed", &[]).into_string();
        assert!(empty.contains("no finished attempts yet"));
    }
}
