//! The editor's file work, on the async compute pool so a frame never waits on the disk:
//! opening a scenario with its companions, starting a new one (refused when its file exists),
//! saving (atomically, by the engine; a file changed on disk since it was read becomes a
//! conflict for the trainer to resolve) and taking the version on disk. The job works on a copy
//! of the document; commands wait in the queue until it is back, so nothing is edited under it.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use care_engine::edit::{Document, SaveError};
use care_engine::load::SCENARIO_SUFFIX;

use super::author::{Command, ResolveConflict, ScenarioEditor, Status};
use super::library::ScenarioLibrary;

/// Why a file could not be opened or written, said so the trainer can act on it.
#[derive(Debug, thiserror::Error)]
pub enum FileProblem {
    #[error("Cannot open {path}: {source}. Check that the file is there and readable.")]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{id}` cannot be a scenario id: {why}.")]
    BadId { id: String, why: String },
    #[error(
        "A scenario called `{0}` is already in the library: pick another id, or open that one."
    )]
    IdTaken(String),
    #[error("{} already exists: pick another id, or open that file.", .0.display())]
    FileExists(PathBuf),
    #[error(
        "Nothing was written: {0}. Check that the scenarios folder can be written to, then save again."
    )]
    Save(SaveError),
}

/// What a job brings back.
pub(super) enum FileDone {
    Opened(Result<Document, FileProblem>),
    Created(Result<(Document, PathBuf), FileProblem>),
    /// `new_file`: the document was new and now has its file.
    Saved {
        doc: Document,
        result: Result<(), SaveError>,
        new_file: bool,
    },
    Reloaded {
        doc: Document,
        result: Result<(), SaveError>,
        /// Asked for by the trainer (after a conflict), rather than following the file.
        asked: bool,
    },
}

/// A job on its way.
pub(super) struct FileJob {
    doing: &'static str,
    task: Task<FileDone>,
}

impl FileJob {
    pub(super) fn doing(&self) -> &'static str {
        self.doing
    }
}

/// Starts the job for `command` (open, new, save or resolve).
pub(super) fn start(
    editor: &mut ScenarioEditor,
    command: Command,
    folder: &Path,
    library: &super::library::ScenarioLibrary,
) {
    let pool = AsyncComputeTaskPool::get();
    let (doing, task) = match command {
        Command::Open(path) => (
            "Opening…",
            pool.spawn(async move {
                FileDone::Opened(
                    Document::open(&path).map_err(|source| FileProblem::Open { path, source }),
                )
            }),
        ),
        Command::New(new) => {
            if let Err(why) = care_engine::load::check_file_id(&new.id) {
                let id = new.id;
                editor.status = Some(Status::Problem(FileProblem::BadId { id, why }.to_string()));
                return;
            }
            if library
                .get(&care_engine::ScenarioId::new(new.id.as_str()))
                .is_some()
            {
                let problem = FileProblem::IdTaken(new.id);
                editor.status = Some(Status::Problem(problem.to_string()));
                return;
            }
            let file = folder.join(format!("{}{SCENARIO_SUFFIX}", new.id));
            (
                "Starting…",
                pool.spawn(async move {
                    FileDone::Created(if file.exists() {
                        Err(FileProblem::FileExists(file))
                    } else {
                        Ok((Document::new_scenario(&new.id, new.channel), file))
                    })
                }),
            )
        }
        Command::Save | Command::Resolve(ResolveConflict::KeepMine) => {
            let Some(mut doc) = editor.doc.clone() else {
                return;
            };
            let overwrite = matches!(command, Command::Resolve(_));
            let new_file = editor.new_file.clone();
            (
                "Saving…",
                pool.spawn(async move {
                    let result = match &new_file {
                        Some(path) => save_new(&mut doc, path, overwrite),
                        None if overwrite => doc.save_overwriting().map(drop),
                        None => doc.save().map(drop),
                    };
                    FileDone::Saved {
                        doc,
                        result,
                        new_file: new_file.is_some(),
                    }
                }),
            )
        }
        Command::Resolve(ResolveConflict::TakeTheirs) | Command::Follow => {
            let Some(mut doc) = editor.doc.clone() else {
                return;
            };
            let asked = matches!(command, Command::Resolve(_));
            (
                "Reading the file…",
                pool.spawn(async move {
                    let result = doc.reload();
                    FileDone::Reloaded { doc, result, asked }
                }),
            )
        }
        Command::Edit(..) | Command::Add(_) | Command::Undo | Command::Redo | Command::Close => {
            return;
        }
    };
    editor.file_job = Some(FileJob { doing, task });
}

/// A new scenario's first save: never over a file that appeared meanwhile, unless the
/// trainer chose to overwrite it.
fn save_new(doc: &mut Document, path: &Path, overwrite: bool) -> Result<(), SaveError> {
    if !overwrite && path.exists() {
        let theirs = std::fs::read_to_string(path).ok();
        return Err(SaveError::Conflict(Box::new(care_engine::edit::Conflict {
            file: care_engine::edit::FileKind::Scenario,
            path: path.to_path_buf(),
            ours: doc.text().to_owned(),
            theirs,
        })));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| SaveError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    doc.save_as(path).map(drop)
}

/// A document with no edits follows its file when the library sees it change on disk.
pub(super) fn follow_the_file(library: Res<ScenarioLibrary>, mut editor: ResMut<ScenarioEditor>) {
    if library.is_changed()
        && !library.is_added()
        && editor.new_file.is_none()
        && editor.doc.is_some()
        && !editor.is_modified()
        && editor.conflict.is_none()
        && !editor.queue.iter().any(|c| matches!(c, Command::Follow))
    {
        editor.queue.push_back(Command::Follow);
    }
}

/// Takes a finished job's result.
pub(super) fn finish(mut editor: ResMut<ScenarioEditor>) {
    let Some(job) = editor.file_job.as_mut() else {
        return;
    };
    let Some(done) = block_on(poll_once(&mut job.task)) else {
        return;
    };
    editor.file_job = None;
    let editor = &mut *editor;
    match done {
        FileDone::Opened(Ok(doc)) => opened(editor, doc, None),
        FileDone::Created(Ok((doc, file))) => opened(editor, doc, Some(file)),
        FileDone::Opened(Err(p)) | FileDone::Created(Err(p)) => {
            editor.status = Some(Status::Problem(p.to_string()));
        }
        FileDone::Saved {
            doc,
            result,
            new_file,
        } => match result {
            Ok(()) => {
                let name = doc.name().to_owned();
                editor.doc = Some(doc);
                if new_file {
                    editor.new_file = None;
                }
                editor.conflict = None;
                editor.status = Some(Status::Info(format!("Saved {name}.")));
            }
            Err(SaveError::Conflict(c)) => {
                editor.status = Some(Status::Problem(format!(
                    "{} changed on disk since you opened it. Nothing was saved: choose which \
                     version to keep.",
                    c.path.display()
                )));
                editor.conflict = Some(c);
            }
            Err(e) => editor.status = Some(Status::Problem(FileProblem::Save(e).to_string())),
        },
        FileDone::Reloaded { doc, result, asked } => match result {
            Ok(()) => {
                let changed = doc.text() != editor.doc.as_ref().map_or("", Document::text);
                editor.conflict = None;
                if asked {
                    editor.status = Some(Status::Info(
                        "Took the version on disk. Undo brings your version back.".into(),
                    ));
                } else if changed {
                    editor.status = Some(Status::Info(
                        "The file changed on disk: shown as it is now.".into(),
                    ));
                }
                editor.doc = Some(doc);
                if changed {
                    editor.changed();
                }
            }
            Err(e) if asked => {
                editor.status = Some(Status::Problem(format!(
                    "Cannot read the version on disk: {e}. Keep yours, or check the file."
                )));
            }
            // Following the file: a file that went away is a conflict when saving.
            Err(_) => {}
        },
    }
}

/// A document opened or started: the editor starts afresh with it.
fn opened(editor: &mut ScenarioEditor, doc: Document, new_file: Option<PathBuf>) {
    editor.placed.clear();
    editor.notes.clear();
    editor.conflict = None;
    editor.status = Some(Status::Info(match &new_file {
        Some(p) => format!(
            "A new scenario: it is written to {} when you save it.",
            p.display()
        ),
        None => format!("Opened {}.", doc.name()),
    }));
    editor.new_file = new_file;
    editor.set_document(Some(doc));
}
