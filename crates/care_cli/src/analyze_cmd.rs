//! `care analyze`: every path's score range, and the best and worst per dimension.

use std::fmt::Write as _;

use care_engine::analyze::{Analysis, analyze};
use care_engine::model::{Dimension, PerDimension};
use care_engine::texts;
use clap::Args;

use crate::{CliError, EXIT_OK, Format, Io};

/// Paths explored per scenario.
pub const PATH_LIMIT: usize = 5000;

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Scenario files or ids.
    #[arg(required = true)]
    pub scenarios: Vec<String>,
    /// `text`, `markdown` or `json`.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: &AnalyzeArgs, folder: &std::path::Path, io: &mut Io<'_>) -> Result<i32, CliError> {
    let mut all = Vec::new();
    for name in &a.scenarios {
        let s = crate::find::scenario(name, folder)?;
        all.push(analyze(&s, PATH_LIMIT));
    }
    match a.format {
        Format::Json => {
            let json =
                serde_json::to_string_pretty(&all).map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(io.out, "{json}")?;
        }
        Format::Text => all.iter().try_for_each(|x| write!(io.out, "{}", text(x)))?,
        Format::Markdown => all
            .iter()
            .try_for_each(|x| write!(io.out, "{}", markdown(x)))?,
    }
    Ok(EXIT_OK)
}

fn triple(p: &PerDimension<i32>) -> String {
    format!("{:>3} {:>3} {:>3}", p.speed, p.empathy, p.follow_through)
}

fn path_label(x: &Analysis, i: usize) -> String {
    x.paths[i]
        .steps
        .iter()
        .map(|s| format!("{}: {}", s.beat, s.answer))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// A plain-text report.
pub fn text(x: &Analysis) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}: {} path{}{}",
        x.scenario,
        x.paths.len(),
        if x.paths.len() == 1 { "" } else { "s" },
        if x.truncated {
            " (more exist; not all explored)"
        } else {
            ""
        }
    );
    for d in Dimension::ALL {
        let (b, w) = (x.best.get_ref(d), x.worst.get_ref(d));
        let _ = writeln!(
            s,
            "  {:<15} best {:>3} (path {}), worst {:>3} (path {})",
            texts::dimension(d),
            b.score,
            b.path + 1,
            w.score,
            w.path + 1
        );
    }
    let _ = writeln!(
        s,
        "  {:<15} best {:>3} (path {}), worst {:>3} (path {})",
        "overall",
        x.best_overall.score,
        x.best_overall.path + 1,
        x.worst_overall.score,
        x.worst_overall.path + 1
    );
    let _ = writeln!(
        s,
        "\n  path  on-target: spd emp fol  all | last-second: spd emp fol  all | ending"
    );
    for (i, p) in x.paths.iter().enumerate() {
        let _ = writeln!(
            s,
            "  {:>4}             {} {:>4}{} |              {} {:>4}{} | {}",
            i + 1,
            triple(&p.fast),
            p.fast_overall,
            if p.fast_passed { "✓" } else { " " },
            triple(&p.slow),
            p.slow_overall,
            if p.slow_passed { "✓" } else { " " },
            p.ending
        );
        let _ = writeln!(s, "        {}", path_label(x, i));
    }
    s.push('\n');
    s
}

/// A Markdown report.
pub fn markdown(x: &Analysis) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## {}\n", x.scenario);
    let _ = writeln!(
        s,
        "{} paths{}.\n",
        x.paths.len(),
        if x.truncated { " (truncated)" } else { "" }
    );
    let _ = writeln!(
        s,
        "| dimension | best | path | worst | path |\n|---|---|---|---|---|"
    );
    for d in Dimension::ALL {
        let (b, w) = (x.best.get_ref(d), x.worst.get_ref(d));
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            texts::dimension(d),
            b.score,
            b.path + 1,
            w.score,
            w.path + 1
        );
    }
    let _ = writeln!(
        s,
        "\n| path | answers | ending | on target (S/E/F, overall) | last second (S/E/F, overall) |\n|---|---|---|---|---|"
    );
    for (i, p) in x.paths.iter().enumerate() {
        let f = |v: &PerDimension<i32>, o: i32, ok: bool| {
            format!(
                "{}/{}/{}, {o}{}",
                v.speed,
                v.empathy,
                v.follow_through,
                if ok { " ✓" } else { "" }
            )
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            i + 1,
            path_label(x, i),
            p.ending,
            f(&p.fast, p.fast_overall, p.fast_passed),
            f(&p.slow, p.slow_overall, p.slow_passed)
        );
    }
    s.push('\n');
    s
}
