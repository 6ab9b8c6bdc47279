//! What an import did: passages to beats, links to responses, what was skipped and why, and
//! every problem found in the story, none of which stops the import.

use std::fmt;

use thiserror::Error;

/// Why a passage did not become a beat or an ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// `StoryTitle` or `StoryData`: read for the title and the start passage.
    StoryData,
    /// `StoryIncludes`, `StorySettings`: settings for building the story.
    Build,
    /// `StoryInit`, `PassageReady`, `PassageDone`: code the story format runs.
    Code,
    /// `StoryMenu`, `StoryCaption`, `PassageHeader`…: shown around every passage.
    PageParts,
    /// A tag that makes the passage code, style, media or page furniture.
    Tagged(String),
    /// No link leads to it from the start passage, so a trainee could never see it.
    Unreachable,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::StoryData => write!(f, "story settings, read for the title and start"),
            SkipReason::Build => write!(f, "a build setting, not a scene"),
            SkipReason::Code => write!(f, "code the story format runs, not a scene"),
            SkipReason::PageParts => {
                write!(
                    f,
                    "shown around every passage (menu, caption, header), not a scene"
                )
            }
            SkipReason::Tagged(tag) => write!(f, "tagged `{tag}`: {}", tag_meaning(tag)),
            SkipReason::Unreachable => write!(f, "no link leads to it from the start passage"),
        }
    }
}

fn tag_meaning(tag: &str) -> &'static str {
    match tag {
        "script" | "init" | "startup" | "debug-startup" => "code, not a scene",
        "stylesheet" => "a style sheet, not a scene",
        "widget" => "macro definitions, not a scene",
        "Twine.private" => "private to Twine, not a scene",
        "header" | "footer" | "debug-header" | "debug-footer" => {
            "shown around every passage, not a scene"
        }
        _ => "media, not a scene",
    }
}

/// A passage left out of the skeleton.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub name: String,
    pub reason: SkipReason,
}

/// A problem in the story that the import worked around.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Warning {
    #[error(
        "passage `{name}` is defined twice (lines {first_line} and {line}); the last one is used"
    )]
    DuplicatePassage {
        name: String,
        first_line: usize,
        line: usize,
    },
    #[error(
        "the metadata of passage `{passage}` (line {line}) is not valid JSON ({error}); it was dropped"
    )]
    BadMetadata {
        passage: String,
        line: usize,
        error: String,
    },
    #[error("the passage header on line {line} has no name; it was skipped")]
    EmptyName { line: usize },
    #[error("StoryData is not valid JSON ({error}); it was ignored")]
    BadStoryData { error: String },
    #[error("{}; the story starts at `{used}`", missing_start(.named))]
    StartMissing { named: Option<String>, used: String },
    #[error("passage `{passage}` links to `{target}`, which does not exist{}; it became the ending `{ending}` to fill in", did_you_mean(.suggestion))]
    MissingTarget {
        passage: String,
        target: String,
        suggestion: Option<String>,
        ending: String,
    },
    #[error(
        "passage `{passage}` links to `{target}`, which is not a passage name (a web address or worked out while playing); left out"
    )]
    NotAPassage { passage: String, target: String },
    #[error("passage `{passage}` has {links} links but a beat offers at most {max}; the rest follow a \"More choices\" response", max = crate::resolve_steps::MAX_RESPONSES)]
    TooManyLinks { passage: String, links: usize },
}

fn missing_start(named: &Option<String>) -> String {
    match named {
        Some(n) => format!("the start passage `{n}` named in StoryData does not exist"),
        None => "no start passage is named and none is called `Start`".into(),
    }
}

fn did_you_mean(s: &Option<String>) -> String {
    s.as_ref()
        .map_or_else(String::new, |s| format!(" (did you mean `{s}`?)"))
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The story format named in StoryData, with its version ("Harlowe 3.3.8").
    pub format: Option<String>,
    /// Passages that became beats.
    pub beats: usize,
    /// Passages that became endings (they have no links).
    pub endings: usize,
    /// Distinct links (text and target) in the imported passages, each now a response.
    pub links: usize,
    /// Beats added to hold the responses of a passage with more links than a beat can offer.
    pub more_beats: usize,
    /// Endings added for link targets that do not exist, by id: each is there to be written.
    pub added_endings: Vec<String>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<Warning>,
}

impl ImportReport {
    /// Passages that became beats or endings.
    pub fn passages(&self) -> usize {
        self.beats + self.endings
    }

    /// Responses in the skeleton: one per link, and a "More choices" one per added beat.
    pub fn responses(&self) -> usize {
        self.links + self.more_beats
    }
}

/// "1 beat", "3 beats".
fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(format) = &self.format {
            write!(f, "{format} story: ")?;
        }
        writeln!(
            f,
            "{} → {} and {}; {} → {}",
            count(self.passages(), "passage"),
            count(self.beats, "beat"),
            count(self.endings, "ending"),
            count(self.links, "link"),
            count(self.responses(), "response"),
        )?;
        if self.more_beats > 0 {
            writeln!(
                f,
                "added {} for the links of passages with more than a beat offers",
                count(self.more_beats, "beat"),
            )?;
        }
        if !self.added_endings.is_empty() {
            let ids: Vec<String> = self
                .added_endings
                .iter()
                .map(|e| format!("`{e}`"))
                .collect();
            writeln!(
                f,
                "added {} for missing passages, to write: {}",
                count(ids.len(), "ending"),
                ids.join(", ")
            )?;
        }
        if !self.skipped.is_empty() {
            writeln!(f, "skipped {}:", count(self.skipped.len(), "passage"))?;
            for s in &self.skipped {
                writeln!(f, "  {}: {}", s.name, s.reason)?;
            }
        }
        if !self.warnings.is_empty() {
            writeln!(f, "{}:", count(self.warnings.len(), "warning"))?;
            for w in &self.warnings {
                writeln!(f, "  {w}")?;
            }
        }
        Ok(())
    }
}
