//! `care analyze --replies`: how the judge reads each reply at a typed moment, criterion by
//! criterion, so a trainer can tune a rubric without playing; with labelled replies, how far
//! the judge agrees with the labels.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use care_engine::Scenario;
use care_engine::labelled::{Branch, Judged, LabelledReplies, REPLIES_SUFFIX, agreement, judge_at};
use care_engine::texts;
use care_judge::LoadedJudge;
use serde::Serialize;

use crate::analyze_cmd::AnalyzeArgs;
use crate::{CliError, EXIT_OK, EXIT_PROBLEMS, Format, Io};

/// The least share of (good, poor) pairs the judge must rank the right way.
pub const MIN_AGREEMENT: f64 = 0.95;

/// How close an uncounted part must come to an example to be shown as a near miss.
const NEAR: f32 = 0.4;

/// The seed replies are judged with (it draws the customer's name).
const SEED: u64 = 1;

/// A reply, and the trainer's label when it has one.
struct Labelled {
    reply: String,
    good: Option<bool>,
}

#[derive(Serialize)]
struct MomentReport {
    beat: String,
    judged_by: String,
    agreement: Option<f64>,
    replies: Vec<ReplyReport>,
}

#[derive(Serialize)]
struct ReplyReport {
    reply: String,
    good: Option<bool>,
    points: i32,
    branch: &'static str,
    criteria: Vec<String>,
    problem: Option<String>,
}

pub fn run(
    a: &AnalyzeArgs,
    file: &Path,
    folder: &Path,
    loaded: &LoadedJudge,
    io: &mut Io<'_>,
) -> Result<i32, CliError> {
    let [name] = a.scenarios.as_slice() else {
        return Err(CliError::Usage(
            "--replies takes exactly one scenario".into(),
        ));
    };
    let scenario = crate::find::scenario(name, folder)?;
    let text = std::fs::read_to_string(file)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
    let moments = moments(&scenario, file, &text, a.beat.as_deref())?;
    let mut reports = Vec::new();
    for (beat, replies) in moments {
        reports.push(moment(&scenario, &beat, &replies, loaded)?);
    }
    let failed = reports.iter().any(|m| {
        m.agreement.is_some_and(|x| x < MIN_AGREEMENT)
            || m.replies.iter().any(|r| r.problem.is_some())
    });
    match a.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&reports)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(io.out, "{json}")?;
        }
        Format::Text | Format::Markdown => {
            for m in &reports {
                write!(io.out, "{}", moment_text(scenario.id.as_str(), m))?;
            }
        }
    }
    Ok(if failed { EXIT_PROBLEMS } else { EXIT_OK })
}

/// The typed moments and their replies, from a labelled file or one reply per line.
fn moments(
    scenario: &Scenario,
    file: &Path,
    text: &str,
    beat: Option<&str>,
) -> Result<Vec<(String, Vec<Labelled>)>, CliError> {
    if file.to_string_lossy().ends_with(REPLIES_SUFFIX) {
        let labelled = LabelledReplies::parse(text)
            .map_err(|e| CliError::Usage(format!("{}:{e}", file.display())))?;
        return Ok(labelled
            .moments
            .into_iter()
            .map(|m| {
                let good = m.good.into_iter().map(|reply| Labelled {
                    reply,
                    good: Some(true),
                });
                let poor = m.poor.into_iter().map(|reply| Labelled {
                    reply,
                    good: Some(false),
                });
                (m.beat, good.chain(poor).collect())
            })
            .collect());
    }
    let typed: Vec<&str> = scenario
        .beats
        .iter()
        .filter(|b| b.typed.is_some())
        .map(|b| b.key.as_str())
        .collect();
    let beat = match (beat, typed.as_slice()) {
        (Some(b), _) => b.to_owned(),
        (None, [only]) => (*only).to_owned(),
        (None, []) => {
            return Err(CliError::Usage(format!(
                "{} has no typed moment",
                scenario.id
            )));
        }
        (None, many) => {
            return Err(CliError::Usage(format!(
                "{} has several typed moments; name one with --beat ({})",
                scenario.id,
                many.join(", ")
            )));
        }
    };
    let replies = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Labelled {
            reply: l.to_owned(),
            good: None,
        })
        .collect();
    Ok(vec![(beat, replies)])
}

fn moment(
    scenario: &Arc<Scenario>,
    beat: &str,
    replies: &[Labelled],
    loaded: &LoadedJudge,
) -> Result<MomentReport, CliError> {
    let mut out = Vec::new();
    let (mut good, mut poor) = (Vec::new(), Vec::new());
    for r in replies {
        let judged = judge_at(scenario, beat, SEED, &r.reply, loaded.judge.as_ref())
            .map_err(CliError::Usage)?;
        let points = judged.verdict.total();
        match r.good {
            Some(true) => good.push(points),
            Some(false) => poor.push(points),
            None => {}
        }
        let problem = match (r.good, judged.branch) {
            (Some(false), Branch::Best) => Some("a poor reply reaches the best branch".to_owned()),
            (Some(true), Branch::Worst) => Some("a good reply reaches the worst branch".to_owned()),
            _ => None,
        };
        out.push(ReplyReport {
            criteria: criteria(scenario, &judged, loaded),
            reply: judged.reply,
            good: r.good,
            points,
            branch: branch_name(judged.branch),
            problem,
        });
    }
    let labelled = replies.iter().any(|r| r.good.is_some());
    Ok(MomentReport {
        beat: beat.to_owned(),
        judged_by: loaded.status.to_string(),
        agreement: labelled.then(|| agreement(&good, &poor)),
        replies: out,
    })
}

fn branch_name(b: Branch) -> &'static str {
    match b {
        Branch::Best => "best branch",
        Branch::Middle => "middle branch",
        Branch::Worst => "worst branch",
        Branch::Only => "no branches",
    }
}

/// One line per criterion: met (with its evidence), missed, and near misses by meaning.
fn criteria(scenario: &Scenario, judged: &Judged, loaded: &LoadedJudge) -> Vec<String> {
    let Some(typed_rubric) = scenario
        .beats
        .iter()
        .find_map(|b| b.typed.as_ref().map(|t| t.rubric))
    else {
        return Vec::new();
    };
    let rubric = scenario.rubric(typed_rubric);
    let mut lines = Vec::new();
    for h in &judged.verdict.hits {
        let Some(e) = rubric.entries.get(h.entry) else {
            continue;
        };
        let how = match (&h.closest, h.closeness) {
            (Some(example), Some(c)) => texts::rubric_meant(&e.label, &h.evidence, example, c),
            _ => texts::rubric_hit(&e.label, &h.evidence),
        };
        lines.push(format!(
            "{:+} {}: {how}",
            e.points,
            texts::dimension(e.dimension)
        ));
    }
    for &i in &judged.verdict.missed {
        if let Some(e) = rubric.entries.get(i) {
            lines.push(format!("  0 {}", texts::rubric_missed(&e.label)));
        }
    }
    if let Some(meaning) = &loaded.meaning
        && let Ok(compared) = meaning.compare(&judged.request, &judged.reply)
    {
        // Near misses worth a trainer's look: parts that came close to an example.
        for c in compared
            .iter()
            .filter(|c| !c.counted && c.similarity >= NEAR)
        {
            let Some(e) = rubric.entries.get(c.entry) else {
                continue;
            };
            let why = if c.negation_differs {
                "one says \"not\", the other does not".to_owned()
            } else if let Some((u, sim)) = c
                .unlike
                .as_ref()
                .filter(|(_, u)| *u + care_judge::MARGIN > c.similarity)
            {
                format!("closer to the look-alike \u{201c}{u}\u{201d} ({sim:.2})")
            } else {
                format!("below {:.2}", care_judge::MIN_SIMILARITY)
            };
            lines.push(format!(
                "    near miss, {}: \u{201c}{}\u{201d} ~ \u{201c}{}\u{201d} {:.2}, {why}",
                e.label, c.clause, c.example, c.similarity
            ));
        }
    }
    lines
}

fn moment_text(id: &str, m: &MomentReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{id} / {}: {} replies; {}",
        m.beat,
        m.replies.len(),
        m.judged_by
    );
    for r in &m.replies {
        let label = match r.good {
            Some(true) => "good",
            Some(false) => "poor",
            None => "    ",
        };
        let _ = writeln!(
            s,
            "\n[{label}] {:+} points → {}{}\n  \u{201c}{}\u{201d}",
            r.points,
            r.branch,
            r.problem
                .as_deref()
                .map_or(String::new(), |p| format!("  ✖ {p}")),
            r.reply
        );
        for c in &r.criteria {
            let _ = writeln!(s, "  {c}");
        }
    }
    if let Some(x) = m.agreement {
        let _ = writeln!(
            s,
            "\nagreement with the labels: {:.1}% of (good, poor) pairs ranked right (at least {:.0}% needed)",
            x * 100.0,
            MIN_AGREEMENT * 100.0
        );
    }
    s.push('\n');
    s
}
