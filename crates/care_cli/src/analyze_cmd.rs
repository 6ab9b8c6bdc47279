//! `care analyze`: every path's score range, and the best and worst per dimension.

use std::fmt::Write as _;

use care_engine::analyze::{Analysis, analyze};
use care_engine::gaming::{PatternPlay, findings, play_all};
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
    /// Show how each reply in FILE is judged at a typed moment, criterion by criterion, instead
    /// of the paths: a `NAME.replies.ron` file of labelled replies (with the agreement between
    /// the judge and the labels), or a text file with one reply per line.
    #[arg(long, value_name = "FILE")]
    pub replies: Option<std::path::PathBuf>,
    /// With --replies and a text file: the typed moment (beat id) the replies answer; needed
    /// only when the scenario has more than one.
    #[arg(long, value_name = "BEAT", requires = "replies")]
    pub beat: Option<String>,
}

/// One scenario's paths and the answer patterns played on it.
#[derive(serde::Serialize)]
struct Report {
    #[serde(flatten)]
    analysis: Analysis,
    patterns: Vec<PatternPlay>,
}

pub fn run(a: &AnalyzeArgs, folder: &std::path::Path, io: &mut Io<'_>) -> Result<i32, CliError> {
    let loaded = crate::judging::load(io)?;
    if let Some(file) = &a.replies {
        return crate::analyze_replies::run(a, file, folder, &loaded, io);
    }
    let mut all = Vec::new();
    for name in &a.scenarios {
        let s = crate::find::scenario(name, folder)?;
        all.push(Report {
            analysis: analyze(&s, PATH_LIMIT),
            patterns: play_all(&s, loaded.judge.as_ref()),
        });
    }
    match a.format {
        Format::Json => {
            let json =
                serde_json::to_string_pretty(&all).map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(io.out, "{json}")?;
        }
        Format::Text => all.iter().try_for_each(|x| {
            write!(
                io.out,
                "{}{}",
                text(&x.analysis),
                patterns_text(&x.patterns)
            )
        })?,
        Format::Markdown => all.iter().try_for_each(|x| {
            write!(
                io.out,
                "{}{}",
                markdown(&x.analysis),
                patterns_text(&x.patterns)
            )
        })?,
    }
    Ok(EXIT_OK)
}

/// Each answer pattern with the seeds it passed on, and a warning for those that pass.
pub fn patterns_text(plays: &[PatternPlay]) -> String {
    let mut s = String::new();
    let seeds: Vec<String> = care_engine::gaming::SEEDS
        .iter()
        .map(u64::to_string)
        .collect();
    let _ = writeln!(s, "  answer patterns (seeds {}):", seeds.join(", "));
    for pattern in care_engine::gaming::Pattern::ALL {
        let mine: Vec<&PatternPlay> = plays.iter().filter(|p| p.pattern == pattern).collect();
        let passed = mine.iter().filter(|p| p.passed).count();
        let overall: Vec<String> = mine.iter().map(|p| p.overall.to_string()).collect();
        let _ = writeln!(
            s,
            "    {:<48} passed {passed} of {}  (overall {})",
            pattern.describe(),
            mine.len(),
            overall.join(", ")
        );
    }
    for f in findings(plays) {
        let _ = writeln!(
            s,
            "  ⚠ {} passes on {} of {} seeds: the score can be earned without the skill",
            f.pattern.describe(),
            f.passed_on,
            f.plays.len()
        );
    }
    s.push('\n');
    s
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
