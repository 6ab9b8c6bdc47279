//! The operations an editor can make on a scenario, and why one can be refused.
//!
//! Beats and endings are named by the crate's typed ids: `BeatId(i)` is the `i`-th beat as
//! written in the file, the same numbering [`crate::resolve`] gives them, and `EndingId(i)` the
//! `i`-th ending. An id names a place in the document as it is now, so an editor looks ids up
//! again after an edit that adds or removes beats ([`super::Document::beat_id`]).

use std::ops::Range;

use super::source::Rewrite;
use crate::ids::{BeatId, EndingId, NodeId};
use crate::model::Outcome;
use crate::path::Path;
use crate::raw::{RawBeat, RawEffects, RawEnding, RawResponse, RawRubric, RawTyped};

/// One of a beat's ways on: where a transition starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Exit {
    /// The beat's response number `.1` (from 0) as written.
    Response(BeatId, usize),
    /// The beat's typed reply (`typed`).
    Typed(BeatId),
    /// What the customer does when nobody answers in time (`on_timeout`).
    Timeout(BeatId),
    /// Where a beat with nothing to answer goes at once (`then`).
    Then(BeatId),
}

impl Exit {
    /// The beat the exit leaves from.
    pub fn beat(self) -> BeatId {
        match self {
            Exit::Response(b, _) | Exit::Typed(b) | Exit::Timeout(b) | Exit::Then(b) => b,
        }
    }
}

/// A text of the scenario, as an editor shows it in a text box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextAt {
    Title,
    Summary,
    Lesson,
    /// What the customer says or writes in a beat (`says`).
    Says(BeatId),
    /// What happens in a beat, in the third person (`narration`).
    Narration(BeatId),
    /// A response's text.
    Response(BeatId, usize),
    /// The prompt of a beat's typed reply.
    Prompt(BeatId),
    /// The debrief text of a response, typed reply, timeout or `then`.
    Feedback(Exit),
    /// What the customer does on a timeout or `then` (`narration` of the step).
    StepNarration(Exit),
    /// An ending's debrief text.
    Ending(EndingId),
}

/// Replies a trainer has labelled for a typed moment, kept in the scenario's
/// `NAME.replies.ron` (see [`crate::labelled`]). `{first}` stands for the customer's first name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReplyExamples {
    pub good: Vec<String>,
    pub poor: Vec<String>,
}

/// A typed (free text) moment: the reply's prompt and ways on, the criteria it is judged by,
/// and example replies.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedMoment {
    pub beat: BeatId,
    pub typed: RawTyped,
    /// The criteria: a rubric added to `rubrics` (replacing one with the same id) and named by
    /// the typed reply. Without it the typed reply keeps the rubric it names (the built-in one
    /// when none).
    pub criteria: Option<RawRubric>,
    /// Labelled replies for the companion replies file (created when there is none).
    pub examples: Option<ReplyExamples>,
}

/// The customer's persona pool: the names drawn from, who they are, what they are like.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonaPool {
    pub names: Vec<String>,
    pub details: String,
    pub traits: Vec<String>,
}

/// An operation on a scenario. Applying one never checks that the scenario stays valid (a
/// scenario is often invalid halfway through editing); [`super::Document::diagnostics`] says
/// what is wrong with it now.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A new beat before beat number `at` (at the end when `None`).
    AddBeat {
        beat: Box<RawBeat>,
        at: Option<usize>,
    },
    /// A beat's id changed, with every reference to it (`start`, `next` of responses, typed
    /// replies, timeouts, `then` and their branches, labelled replies).
    RenameBeat {
        beat: BeatId,
        to: String,
    },
    /// A beat taken out; references to it are left, and reported.
    RemoveBeat {
        beat: BeatId,
    },
    AddEnding {
        ending: Box<RawEnding>,
        at: Option<usize>,
    },
    /// An ending's id changed, with every reference to it.
    RenameEnding {
        ending: EndingId,
        to: String,
    },
    RemoveEnding {
        ending: EndingId,
    },
    SetStart {
        beat: BeatId,
    },
    SetText {
        at: TextAt,
        text: String,
    },
    /// The effects of a response, typed reply, timeout or `then`.
    SetEffects {
        exit: Exit,
        effects: RawEffects,
    },
    /// An ending's effects; `None` for the outcome's default.
    SetEndingEffects {
        ending: EndingId,
        effects: Option<RawEffects>,
    },
    SetOutcome {
        ending: EndingId,
        outcome: Outcome,
    },
    /// Seconds within which an answer earns full speed points; `None` for the scenario's.
    SetTargetSecs {
        beat: BeatId,
        secs: Option<u32>,
    },
    /// Seconds the customer waits; `None` for the customer's patience.
    SetWaitSecs {
        beat: BeatId,
        secs: Option<u32>,
    },
    /// Seconds the customer waits in a beat without a `wait_secs` of its own.
    SetPatience {
        secs: u32,
    },
    /// Where an exit leads. A timeout or `then` the beat does not have yet is added.
    Connect {
        exit: Exit,
        to: NodeId,
    },
    /// A new response before response number `at` (at the end when `None`).
    AddResponse {
        beat: BeatId,
        response: Box<RawResponse>,
        at: Option<usize>,
    },
    RemoveResponse {
        beat: BeatId,
        response: usize,
    },
    /// A typed moment set on its beat (replacing one there).
    AddTypedMoment(Box<TypedMoment>),
    /// A beat's typed reply taken out; its rubric and labelled replies stay (and are reported).
    RemoveTypedMoment {
        beat: BeatId,
    },
    SetPersona(PersonaPool),
    /// A persona pool drawn from per play (`vars`, used as `{id}` in texts); `None` removes it.
    SetVar {
        id: String,
        values: Option<Vec<String>>,
    },
    /// Bytes of the scenario's text replaced as typed: for fixing a file that does not read.
    ReplaceText {
        range: Range<usize>,
        text: String,
    },
}

/// Why an edit was refused. The document is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the file does not read as a scenario, so it can only be edited as text: {0}")]
    Unreadable(String),
    #[error("there is no beat number {}", .0.index() + 1)]
    NoBeat(BeatId),
    #[error("there is no ending number {}", .0.index() + 1)]
    NoEnding(EndingId),
    #[error("beat `{beat}` has no response number {}", .response + 1)]
    NoResponse { beat: String, response: usize },
    #[error("beat `{beat}` has no {what}")]
    NoExit { beat: String, what: &'static str },
    #[error("a beat or ending is already called `{0}`")]
    IdTaken(String),
    #[error("an id cannot be empty")]
    EmptyId,
    #[error("position {at} is past the end (there are {len})")]
    BadPosition { at: usize, len: usize },
    #[error("bytes {}..{} are not a range of the text on character boundaries", .0.start, .0.end)]
    BadRange(Range<usize>),
    #[error("the edit could not be written to the file: {0}")]
    Unwritable(String),
}

/// The files of a scenario the edit model knows about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `NAME.scenario.ron`.
    Scenario,
    /// `NAME.replies.ron`: labelled replies for the typed moments.
    Replies,
    /// `NAME.playthroughs.ron`: paths that must pass or fail.
    Playthroughs,
}

impl FileKind {
    /// The file name ending, e.g. `.replies.ron`.
    pub fn suffix(self) -> &'static str {
        match self {
            FileKind::Scenario => crate::load::SCENARIO_SUFFIX,
            FileKind::Replies => crate::labelled::REPLIES_SUFFIX,
            FileKind::Playthroughs => ".playthroughs.ron",
        }
    }
}

/// Something an editor should tell the trainer about an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A part of a file written anew in the standard layout (show it before saving).
    Rewrite { file: FileKind, rewrite: Rewrite },
    /// References left pointing at a beat or ending that is gone.
    Dangling { id: String, references: Vec<Path> },
    /// A companion file that depends on what changed.
    Companion { file: FileKind, message: String },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::Rewrite { file, rewrite } => {
                write!(f, "in the {} file, {rewrite}", name(*file))
            }
            Notice::Dangling { id, references } => {
                let at: Vec<String> = references.iter().map(Path::to_string).collect();
                write!(f, "`{id}` is gone but still named at {}", at.join(", "))
            }
            Notice::Companion { file, message } => write!(f, "{} file: {message}", name(*file)),
        }
    }
}

fn name(file: FileKind) -> &'static str {
    match file {
        FileKind::Scenario => "scenario",
        FileKind::Replies => "labelled replies",
        FileKind::Playthroughs => "playthroughs",
    }
}
