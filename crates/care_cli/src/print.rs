//! Plain-text rendering of events, transcripts and score cards for the terminal.

use std::fmt::Write as _;

use care_engine::model::Dimension;
use care_engine::run::{Answered, Event, Transcript};
use care_engine::scoring::ScoreCard;
use care_engine::texts;

/// One event as a terminal line, or `None` for events that only matter to a UI.
pub fn event_line(e: &Event) -> Option<String> {
    Some(match e {
        Event::BeatStarted { .. } | Event::ReplyScored { .. } => return None,
        Event::Narration { text } => format!("  {text}"),
        Event::CustomerSaid { name, text } => format!("{name}: \u{201c}{text}\u{201d}"),
        Event::AudienceReacted { who, text } => format!("    {who}: {text}"),
        Event::AwaitingAnswer {
            choices,
            typed_prompt,
            target_secs,
            wait_secs,
            ..
        } => {
            let mut s = String::new();
            for (i, c) in choices.iter().enumerate() {
                let _ = writeln!(s, "  [{}] {c}", i + 1);
            }
            if let Some(p) = typed_prompt {
                let _ = writeln!(s, "  [type] {p}");
            }
            let _ = write!(
                s,
                "  (answer within {target_secs} s; the customer acts after {wait_secs} s)"
            );
            s
        }
        Event::Answered {
            answer, after_ms, ..
        } => {
            let secs = *after_ms as f64 / 1000.0;
            match answer {
                Answered::Choice { index, text, .. } => {
                    format!("You ({secs:.1} s) [{}]: {text}", index + 1)
                }
                Answered::Typed { text } => format!("You ({secs:.1} s): {text}"),
                Answered::Timeout => format!("You said nothing ({secs:.0} s)."),
            }
        }
        Event::TooLate { wait_secs, .. } => {
            format!("  Too late: the customer stopped waiting after {wait_secs} s.")
        }
        Event::MoodChanged { mood, delta } => {
            format!("  (mood {delta:+} → {})", texts::mood(*mood))
        }
        Event::AudienceChanged { sentiment, delta } => {
            format!("  (audience {delta:+} → {})", texts::sentiment(*sentiment))
        }
        Event::ClockAdvanced { to, minutes } => format!("  ({minutes} min pass: now {to})"),
        Event::PromiseMade { text, .. } => format!("  (promise made: {text})"),
        Event::PromiseKept { text, .. } => format!("  (promise kept: {text})"),
        Event::PromiseBroken { text, overdue, .. } => {
            format!(
                "  (promise broken{}: {text})",
                if *overdue { ", past its deadline" } else { "" }
            )
        }
        Event::PromiseLeftOpen { text, .. } => format!("  (promise still open: {text})"),
        Event::Ended { outcome, text, .. } => format!("== {} ==\n{text}", texts::outcome(*outcome)),
    })
}

/// The whole transcript with times.
pub fn transcript(t: &Transcript) -> String {
    let mut s = String::new();
    for (i, m) in t.moments.iter().enumerate() {
        if let Some(line) = event_line(&m.event) {
            let _ = writeln!(
                s,
                "#{i:<3} {} +{:>5.1}s  {line}",
                m.clock,
                m.at_ms as f64 / 1000.0
            );
        }
        if let Event::Answered { feedback, .. } = &m.event
            && !feedback.is_empty()
        {
            let _ = writeln!(s, "{:>22}→ {feedback}", "");
        }
    }
    s
}

/// The score card with every reason.
pub fn score_card(c: &ScoreCard) -> String {
    let mut s = String::new();
    let verdict = if c.passed { "PASSED" } else { "NOT PASSED" };
    let _ = writeln!(
        s,
        "Overall {} / 100 (pass mark {}): {verdict}",
        c.overall, c.pass_overall
    );
    for d in Dimension::ALL {
        let ds = c.get(d);
        let mark = if ds.passed { "ok" } else { "below pass mark" };
        let _ = writeln!(
            s,
            "\n{:<15} {:>3} / 100  (pass {}; {mark})",
            texts::dimension(d),
            ds.score,
            ds.pass_mark
        );
        let _ = writeln!(s, "    {}", texts::baseline(d, ds.baseline));
        for r in &ds.reasons {
            let _ = writeln!(s, "    {:+4}  #{:<3} {}", r.points, r.moment, r.text);
            if let Some(a) = &r.advice {
                let _ = writeln!(s, "              → {a}");
            }
        }
        if ds.capped {
            let _ = writeln!(s, "    {}", texts::clamped(d, ds.score));
        }
    }
    s
}
