//! The story around the passages: its title, its format and start passage from StoryData, and
//! the passages that are scenes once special ones are set aside.

use super::report::{ImportReport, Skipped, Warning};
use super::scan::Format;
use super::special::skip_reason;
use super::twee::Passage;

/// A story's settings and its scenes.
#[derive(Debug)]
pub struct Story {
    pub title: Option<String>,
    pub format: Format,
    /// The start passage StoryData names, if it names one.
    pub start: Option<String>,
    /// The passages that are scenes, in file order.
    pub passages: Vec<Passage>,
}

/// Sorts `all` into settings, scenes and skipped passages; skips and warnings go to `report`.
pub fn read(all: Vec<Passage>, report: &mut ImportReport) -> Story {
    let mut story = Story {
        title: None,
        format: Format::Other,
        start: None,
        passages: Vec::new(),
    };
    let named = all.iter().any(|p| p.name == "StoryData");
    for p in all {
        match p.name.as_str() {
            "StoryTitle" => {
                story.title = p
                    .text
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .map(str::to_owned);
            }
            "StoryData" => story_data(&p.text, &mut story, report),
            _ => {}
        }
        match skip_reason(&p.name, &p.tags) {
            Some(reason) => report.skipped.push(Skipped {
                name: p.name,
                reason,
            }),
            None => story.passages.push(p),
        }
    }
    if story.format == Format::Other
        && report.format.is_none()
        && let Some(guess) = guess_format(&story.passages)
    {
        story.format = guess;
        report.format = Some(format!(
            "{} (guessed{})",
            guess.name(),
            if named { "" } else { ", no StoryData" }
        ));
    }
    story
}

/// The format whose markup the passages use, for a story that does not name its format:
/// Harlowe's `(set:)`, Chapbook's `{embed passage:}` and modifiers, SugarCube's `<<set>>`,
/// Snowman's `<% %>`.
fn guess_format(passages: &[Passage]) -> Option<Format> {
    const SIGNS: [(Format, &[&str]); 4] = [
        (
            Format::Harlowe,
            &[
                "(set:",
                "(if:",
                "(link:",
                "(link-goto:",
                "(go-to:",
                "(display:",
                "(print:",
                "(else:)",
                "(unless:",
            ],
        ),
        (
            Format::Chapbook,
            &[
                "{embed passage",
                "{link to",
                "{back link}",
                "{restart link}",
                "[JavaScript]",
                "[continue]",
                "[cont'd]",
                "[else]",
                "\n--\n",
            ],
        ),
        (
            Format::SugarCube,
            &[
                "<<set ",
                "<<if ",
                "<<link ",
                "<<goto ",
                "<<include ",
                "<<print ",
            ],
        ),
        (Format::Snowman, &["<%", "data-passage="]),
    ];
    let count = |signs: &[&str]| -> usize {
        passages
            .iter()
            .map(|p| {
                signs
                    .iter()
                    .map(|s| p.text.matches(s).count())
                    .sum::<usize>()
            })
            .sum()
    };
    SIGNS
        .iter()
        .map(|(f, signs)| (*f, count(signs)))
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map(|(f, _)| f)
}

fn story_data(text: &str, story: &mut Story, report: &mut ImportReport) {
    let data = match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text) {
        Ok(d) => d,
        Err(e) => {
            report.warnings.push(Warning::BadStoryData {
                error: e.to_string(),
            });
            return;
        }
    };
    let field = |k: &str| data.get(k).and_then(|v| v.as_str()).map(str::trim);
    story.start = field("start").filter(|s| !s.is_empty()).map(str::to_owned);
    if let Some(name) = field("format").filter(|s| !s.is_empty()) {
        story.format = Format::from_name(name);
        report.format = Some(match field("format-version").filter(|s| !s.is_empty()) {
            Some(v) => format!("{name} {v}"),
            None => name.to_owned(),
        });
    }
}
