//! The edit model for scenarios: what an in-game editor changes, kept in the engine so every
//! editor edits the same way and files stay human.
//!
//! A [`Document`] holds a scenario file's text and the raw form it reads as (plus, when opened
//! from a folder, its labelled replies and playthroughs). [`Document::apply`] makes an [`Edit`]
//! on the raw form as a pure function, then changes the text by the smallest patches that read
//! back as the new raw form: the bytes of a changed value replaced, a new beat written beside
//! its siblings with their indentation, a removed one taken out with its comma and line. Every
//! other byte, comments included, stays as it was. Where a value cannot be found in the text,
//! the part holding it is written anew in the house style and a [`Notice::Rewrite`] says so.
//!
//! Each applied edit keeps its patches and their inverse, so [`Document::undo`] restores the
//! exact previous text and [`Document::redo`] the edited one. [`Document::diagnostics`] runs
//! the checks of `care check` on the current text at any time: a document may be invalid while
//! it is being edited. Files are opened and saved (atomically, refusing to overwrite a file
//! changed on disk since) by the functions in `file.rs`; new scenarios start from a channel
//! template (`template.rs`).

mod address;
mod apply;
mod diff;
mod file;
mod fresh;
mod graph;
mod lines;
mod ops;
mod patch;
mod places;
mod plan;
mod source;
mod style;
mod template;
mod tree;

use crate::diagnostic::Diagnostic;
use crate::ids::{BeatId, EndingId, NodeId};
use crate::labelled::LabelledReplies;
use crate::load::LoadOptions;
use crate::path::Path;
use crate::raw::RawScenario;

pub use file::{Conflict, Fingerprint, SaveError, Saved, write_atomically};
pub use fresh::{NEW_RESPONSE, NEW_SAYS};
pub use graph::{Graph, GraphLink, GraphNode, exits, graph, node_named, ways};
pub use ops::{
    Edit, EditError, Exit, FileKind, Notice, PersonaPool, ReplyExamples, TextAt, TypedMoment,
};
pub use patch::{Patch, TextChange};
pub use places::{Place, places};
pub use source::Rewrite;
pub use style::{WIDTH, quote};
pub use template::{template, template_text};

use source::Source;

/// What an applied edit changed and what the editor should tell the trainer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applied {
    /// A short description, e.g. "rename beat `a` to `b`" (for an undo menu).
    pub label: String,
    /// Where the scenario's value changed (paths into the raw form as it was before).
    pub changed: Vec<Path>,
    pub notices: Vec<Notice>,
}

impl Applied {
    /// Whether the edit changed nothing (it is then not in the history).
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.notices.is_empty()
    }
}

/// How an edit changed the labelled replies.
#[derive(Debug, Clone)]
enum RepliesChange {
    Patched(TextChange),
    /// The whole file replaced: created, taken from disk or gone (`None`: no file).
    Replaced {
        before: Option<String>,
        after: Option<String>,
    },
}

/// How an edit is to change the labelled replies.
enum RepliesPlan {
    Patch(Vec<Patch>),
    Create(String),
}

/// One applied edit with what undoes it.
#[derive(Debug, Clone)]
struct Step {
    edit: Edit,
    applied: Applied,
    scenario: TextChange,
    replies: Option<RepliesChange>,
}

/// A scenario being edited; see the module docs.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file's name in diagnostics.
    name: String,
    scenario: Source<RawScenario>,
    replies: Option<Source<LabelledReplies>>,
    playthroughs: Option<String>,
    done: Vec<Step>,
    undone: Vec<Step>,
    /// How many of `done` were saved (their notices are no longer pending).
    saved_steps: usize,
    disk: Option<file::OnDisk>,
}

impl Document {
    /// A document of `text`, named `name` in diagnostics, with no companion files.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            name: name.into(),
            scenario: Source::new(text.into()),
            replies: None,
            playthroughs: None,
            done: Vec::new(),
            undone: Vec::new(),
            saved_steps: 0,
            disk: None,
        }
    }

    /// The same document with the texts of its labelled replies and playthroughs files.
    pub fn with_companions(
        mut self,
        replies: Option<String>,
        playthroughs: Option<String>,
    ) -> Document {
        self.replies = replies.map(Source::new);
        self.playthroughs = playthroughs;
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The scenario file's current text.
    pub fn text(&self) -> &str {
        self.scenario.text()
    }

    /// The raw form of the current text; `None` while the text does not read (see
    /// [`Document::read_error`]).
    pub fn raw(&self) -> Option<&RawScenario> {
        self.scenario.value().ok()
    }

    /// Why the current text does not read as a scenario.
    pub fn read_error(&self) -> Option<&str> {
        self.scenario.value().err()
    }

    /// The labelled replies file's current text, if there is one.
    pub fn replies_text(&self) -> Option<&str> {
        self.replies.as_ref().map(Source::text)
    }

    /// The labelled replies, when there are some and they read.
    pub fn replies(&self) -> Option<&LabelledReplies> {
        self.replies.as_ref().and_then(|r| r.value().ok())
    }

    /// The playthroughs file's text, if there is one (read only: it is reported on, not edited).
    pub fn playthroughs_text(&self) -> Option<&str> {
        self.playthroughs.as_deref()
    }

    /// Every problem `care check` reports on the current text: errors, and the warnings about
    /// score ranges and answer patterns (typed replies judged by keywords).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics_with(LoadOptions::linted())
    }

    /// The problems found with `opts` (for example with the judge the editor uses).
    pub fn diagnostics_with(&self, opts: LoadOptions) -> Vec<Diagnostic> {
        crate::load::load_bytes(&self.name, self.text().as_bytes(), opts).diagnostics
    }

    /// The beat called `key`, by its typed id.
    pub fn beat_id(&self, key: &str) -> Option<BeatId> {
        let at = self.raw()?.beats.iter().position(|b| b.id == key)?;
        Some(BeatId::from_index(at))
    }

    /// The ending called `key`, by its typed id.
    pub fn ending_id(&self, key: &str) -> Option<EndingId> {
        let at = self.raw()?.endings.iter().position(|e| e.id == key)?;
        Some(EndingId::from_index(at))
    }

    /// The beat or ending called `key`.
    pub fn node_id(&self, key: &str) -> Option<NodeId> {
        self.beat_id(key)
            .map(NodeId::Beat)
            .or_else(|| self.ending_id(key).map(NodeId::Ending))
    }

    /// `base`, or `base-2`, `base-3` …: the first that no beat or ending is called.
    pub fn unique_id(&self, base: &str) -> String {
        let taken = |id: &str| self.node_id(id).is_some();
        if !taken(base) {
            return base.to_owned();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or_default()
    }

    /// Makes `edit`. On error nothing changes. An edit that changes nothing is not recorded.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, EditError> {
        if let Edit::ReplaceText { range, text } = &edit {
            return self.replace_text(&edit, range.clone(), text);
        }
        let raw = self
            .scenario
            .value()
            .map_err(|e| EditError::Unreadable(e.to_owned()))?;
        let mut new = raw.clone();
        let mut replies = self.replies().cloned();
        let done = apply::apply(&edit, &mut new, &mut replies)?;
        let planned = self.scenario.plan(&new).map_err(EditError::Unwritable)?;
        let mut applied = Applied {
            label: done.label,
            changed: planned.changed,
            notices: done.notices,
        };
        applied
            .notices
            .extend(planned.rewrites.into_iter().map(|rewrite| Notice::Rewrite {
                file: FileKind::Scenario,
                rewrite,
            }));
        let replies_plan = self.plan_replies(&edit, replies, &mut applied.notices)?;
        if self.playthroughs.is_some()
            && let Some(message) = playthrough_note(&edit, self.raw())
        {
            applied.notices.push(Notice::Companion {
                file: FileKind::Playthroughs,
                message,
            });
        }
        if replies_plan.is_some() {
            applied.notices.push(Notice::Companion {
                file: FileKind::Replies,
                message: "updated to match; it is saved with the scenario".into(),
            });
        }
        if planned.patches.is_empty() && replies_plan.is_none() {
            return Ok(Applied {
                changed: Vec::new(),
                ..applied
            });
        }
        let scenario = self.scenario.commit(planned.patches);
        let replies = replies_plan.map(|p| match p {
            RepliesPlan::Patch(patches) => RepliesChange::Patched(
                self.replies
                    .as_mut()
                    .map(|r| r.commit(patches))
                    .unwrap_or_default(),
            ),
            RepliesPlan::Create(text) => {
                self.replies = Some(Source::new(text.clone()));
                RepliesChange::Replaced {
                    before: None,
                    after: Some(text),
                }
            }
        });
        self.push(Step {
            edit,
            applied: applied.clone(),
            scenario,
            replies,
        });
        Ok(applied)
    }

    /// How the labelled replies change to `replies` (as [`apply::apply`] left them); notices
    /// for a file that does not read, and for rewrites, go to `notices`.
    fn plan_replies(
        &self,
        edit: &Edit,
        replies: Option<LabelledReplies>,
        notices: &mut Vec<Notice>,
    ) -> Result<Option<RepliesPlan>, EditError> {
        let unreadable = |what: &str| Notice::Companion {
            file: FileKind::Replies,
            message: format!("the file does not read, so {what}; fix it by hand"),
        };
        let readable = self.replies.as_ref().is_none_or(|r| r.value().is_ok());
        if !readable && matches!(edit, Edit::RenameBeat { .. }) {
            notices.push(unreadable("the beat is not renamed there"));
        }
        Ok(match (&self.replies, replies) {
            (_, None) => None,
            (Some(_), Some(_)) if !readable => {
                notices.push(unreadable("the new replies are not in it"));
                None
            }
            (Some(src), Some(new)) => {
                let p = src.plan(&new).map_err(EditError::Unwritable)?;
                notices.extend(p.rewrites.into_iter().map(|rewrite| Notice::Rewrite {
                    file: FileKind::Replies,
                    rewrite,
                }));
                (!p.patches.is_empty()).then_some(RepliesPlan::Patch(p.patches))
            }
            (None, Some(new)) => Some(RepliesPlan::Create(file::new_replies_text(
                &new,
                &self.title(),
            ))),
        })
    }

    fn replace_text(
        &mut self,
        edit: &Edit,
        range: std::ops::Range<usize>,
        text: &str,
    ) -> Result<Applied, EditError> {
        let t = self.text();
        if range.start > range.end
            || !t.is_char_boundary(range.start)
            || !t.is_char_boundary(range.end)
            || range.end > t.len()
        {
            return Err(EditError::BadRange(range));
        }
        let scenario = self.scenario.commit(vec![Patch::new(range, text)]);
        let applied = Applied {
            label: "edit the text".into(),
            changed: vec![Path::root()],
            notices: Vec::new(),
        };
        self.push(Step {
            edit: edit.clone(),
            applied: applied.clone(),
            scenario,
            replies: None,
        });
        Ok(applied)
    }

    fn push(&mut self, step: Step) {
        self.done.push(step);
        self.undone.clear();
    }

    fn title(&self) -> String {
        self.raw().map_or_else(String::new, |r| r.title.clone())
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// What [`Document::undo`] would undo, e.g. "rename beat `a` to `b`".
    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|s| s.applied.label.as_str())
    }

    /// What [`Document::redo`] would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|s| s.applied.label.as_str())
    }

    /// Undoes the last edit, restoring the exact text before it; the edit undone.
    pub fn undo(&mut self) -> Option<&Edit> {
        let step = self.done.pop()?;
        self.scenario.patch(&step.scenario.inverse);
        match &step.replies {
            Some(RepliesChange::Patched(c)) => {
                if let Some(r) = &mut self.replies {
                    r.patch(&c.inverse);
                }
            }
            Some(RepliesChange::Replaced { before, .. }) => {
                self.replies = before.clone().map(Source::new);
            }
            None => {}
        }
        self.saved_steps = self.saved_steps.min(self.done.len());
        self.undone.push(step);
        self.undone.last().map(|s| &s.edit)
    }

    /// Makes the last undone edit again, giving the exact text it gave; the edit redone.
    pub fn redo(&mut self) -> Option<&Edit> {
        let step = self.undone.pop()?;
        self.scenario.patch(&step.scenario.forward);
        match &step.replies {
            Some(RepliesChange::Patched(c)) => {
                if let Some(r) = &mut self.replies {
                    r.patch(&c.forward);
                }
            }
            Some(RepliesChange::Replaced { after, .. }) => {
                self.replies = after.clone().map(Source::new);
            }
            None => {}
        }
        self.done.push(step);
        self.done.last().map(|s| &s.edit)
    }

    /// The rewrite notices of the edits made since the document was last saved (or opened):
    /// what to show the trainer before saving.
    pub fn pending_rewrites(&self) -> Vec<&Notice> {
        self.done[self.saved_steps.min(self.done.len())..]
            .iter()
            .flat_map(|s| &s.applied.notices)
            .filter(|n| matches!(n, Notice::Rewrite { .. }))
            .collect()
    }
}

/// What to tell about the playthroughs when `edit` changes which response is which.
fn playthrough_note(edit: &Edit, raw: Option<&RawScenario>) -> Option<String> {
    let b = match edit {
        Edit::AddResponse {
            beat, at: Some(_), ..
        }
        | Edit::RemoveResponse { beat, .. } => *beat,
        Edit::RemoveBeat { beat } => *beat,
        _ => return None,
    };
    let id = raw?.beats.get(b.index())?.id.clone();
    Some(format!(
        "playthroughs name responses by their place (`Pick(n)`); check the cases that pass through `{id}`"
    ))
}
