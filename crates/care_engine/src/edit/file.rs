//! A document's files on disk: opening a scenario with its companions (`NAME.replies.ron`,
//! `NAME.playthroughs.ron` beside it), and saving atomically (a temporary file beside the
//! target, flushed to disk, then renamed over it). What was read is remembered by its hash, so
//! a save never overwrites a file changed on disk since: it returns a [`Conflict`] with both
//! versions, and the editor lets the trainer take the version on disk ([`Document::reload`]) or
//! keep their own ([`Document::save_overwriting`]).

use std::io::Write as _;
use std::path::{Path as FsPath, PathBuf};
use std::time::SystemTime;

use super::patch::{Patch, TextChange};
use super::source::Source;
use super::style::Style;
use super::tree::Tree;
use super::{Applied, Document, Edit, FileKind, RepliesChange, Step};
use crate::labelled::LabelledReplies;
use crate::load::content_hash;

/// What a file held when it was read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hex SHA-256 of the bytes.
    pub hash: String,
    /// When the file was last modified, where the system says.
    pub modified: Option<SystemTime>,
}

/// The files a document came from, and what they held then.
#[derive(Debug, Clone)]
pub(crate) struct OnDisk {
    scenario: PathBuf,
    /// `None`: no such file when read.
    scenario_seen: Option<Fingerprint>,
    replies: PathBuf,
    replies_seen: Option<Fingerprint>,
}

/// A file changed on disk since the document read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub file: FileKind,
    pub path: PathBuf,
    /// The document's text, not saved.
    pub ours: String,
    /// What the file holds now; `None` when it has been deleted.
    pub theirs: Option<String>,
}

/// Why a save did not happen. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{} changed on disk since it was opened", .0.path.display())]
    Conflict(Box<Conflict>),
    #[error("the document has no file yet; save it with a path")]
    NoPath,
    #[error("cannot save {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The files a save wrote (a file that already held the document's text is not written).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Saved {
    pub written: Vec<PathBuf>,
}

fn io(path: &FsPath) -> impl FnOnce(std::io::Error) -> SaveError + '_ {
    move |source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The file's text and fingerprint; `None` when there is no such file.
fn read(path: &FsPath) -> std::io::Result<Option<(String, Fingerprint)>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let print = Fingerprint {
        hash: content_hash(&bytes),
        modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
    };
    let text = String::from_utf8(bytes)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    Ok(Some((text, print)))
}

/// `NAME.replies.ron` (or another companion) beside `NAME.scenario.ron`.
fn companion(scenario: &FsPath, kind: FileKind) -> PathBuf {
    let name = scenario
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(FileKind::Scenario.suffix())
        .or_else(|| name.strip_suffix(".ron"))
        .unwrap_or(&name);
    scenario.with_file_name(format!("{stem}{}", kind.suffix()))
}

/// Writes `bytes` to `path` atomically: to a temporary file in the same folder, flushed to
/// disk, then renamed over `path` (a link is written through to its target), so a crash leaves
/// the old file or the new one, never half of one. An existing file's permissions are kept.
pub fn write_atomically(path: &FsPath, bytes: &[u8]) -> std::io::Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".care-save-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    if let Ok(meta) = std::fs::metadata(&target) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // The rename itself is made durable by flushing the folder (not possible everywhere).
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The text of a new labelled replies file.
pub(crate) fn new_replies_text(replies: &LabelledReplies, title: &str) -> String {
    let body = Style::default().write(&Tree::of(replies), "", 0, true);
    format!(
        "// Replies labelled for the typed moments of \"{title}\".\n// Good ones do what the moment teaches; poor ones miss it.\n{body}\n"
    )
}

impl Document {
    /// Opens a scenario file, with its labelled replies and playthroughs when they are beside it.
    /// A file that does not read as a scenario opens too (it can be edited as text).
    pub fn open(path: impl AsRef<FsPath>) -> std::io::Result<Document> {
        let path = path.as_ref();
        let (text, seen) = read(path)?.ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no file {}", path.display()),
            )
        })?;
        let replies_path = companion(path, FileKind::Replies);
        let replies = read(&replies_path)?;
        let playthroughs = read(&companion(path, FileKind::Playthroughs))?.map(|(t, _)| t);
        let replies_seen = replies.as_ref().map(|(_, f)| f.clone());
        let mut doc = Document::from_text(path.display().to_string(), text)
            .with_companions(replies.map(|(t, _)| t), playthroughs);
        doc.disk = Some(OnDisk {
            scenario: path.to_path_buf(),
            scenario_seen: Some(seen),
            replies: replies_path,
            replies_seen,
        });
        Ok(doc)
    }

    /// The scenario file's path, once opened or saved.
    pub fn path(&self) -> Option<&FsPath> {
        self.disk.as_ref().map(|d| d.scenario.as_path())
    }

    /// What the scenario file held when last read or written.
    pub fn fingerprint(&self) -> Option<&Fingerprint> {
        self.disk.as_ref()?.scenario_seen.as_ref()
    }

    /// Whether the texts differ from what was last read or written (always, for a document
    /// that has no file yet).
    pub fn is_modified(&self) -> bool {
        let Some(d) = &self.disk else { return true };
        let differs = |seen: &Option<Fingerprint>, text: Option<&str>| {
            seen.as_ref().map(|f| f.hash.as_str())
                != text.map(|t| content_hash(t.as_bytes())).as_deref()
        };
        differs(&d.scenario_seen, Some(self.text()))
            || (self.replies.is_some() && differs(&d.replies_seen, self.replies_text()))
    }

    /// Saves the scenario (and its labelled replies, when it has some) where it was opened,
    /// unless a file was changed on disk since: then nothing is written and the error carries
    /// both versions.
    pub fn save(&mut self) -> Result<Saved, SaveError> {
        self.save_checked(true)
    }

    /// Saves over whatever is on disk now: after the trainer chose to keep their version.
    pub fn save_overwriting(&mut self) -> Result<Saved, SaveError> {
        self.save_checked(false)
    }

    /// Saves to `path` (a new place: nothing there is checked for changes), which becomes the
    /// document's file; its companions go beside it.
    pub fn save_as(&mut self, path: impl AsRef<FsPath>) -> Result<Saved, SaveError> {
        let path = path.as_ref();
        self.name = path.display().to_string();
        self.disk = Some(OnDisk {
            scenario: path.to_path_buf(),
            scenario_seen: None,
            replies: companion(path, FileKind::Replies),
            replies_seen: None,
        });
        self.save_checked(false)
    }

    /// Replaces the document's texts (the scenario and its labelled replies) with the files as
    /// they are on disk now, after a [`Conflict`] when the trainer chose the version on disk.
    /// This is an edit like any other: undo brings the document's version back.
    pub fn reload(&mut self) -> Result<(), SaveError> {
        let disk = self.disk.clone().ok_or(SaveError::NoPath)?;
        let (theirs, seen) = read(&disk.scenario)
            .map_err(io(&disk.scenario))?
            .ok_or_else(|| {
                io(&disk.scenario)(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the file has been deleted",
                ))
            })?;
        let replies = read(&disk.replies).map_err(io(&disk.replies))?;
        let replies_seen = replies.as_ref().map(|(_, f)| f.clone());
        let theirs_replies = replies.map(|(t, _)| t);
        let ours_replies = self.replies_text().map(str::to_owned);
        let whole = Edit::ReplaceText {
            range: 0..self.text().len(),
            text: theirs.clone(),
        };
        let scenario = if theirs == self.text() {
            TextChange::default()
        } else {
            let all = 0..self.text().len();
            self.scenario.commit(vec![Patch::new(all, theirs)])
        };
        let replies = (theirs_replies != ours_replies).then(|| {
            self.replies = theirs_replies.clone().map(Source::new);
            RepliesChange::Replaced {
                before: ours_replies,
                after: theirs_replies,
            }
        });
        if !scenario.forward.is_empty() || replies.is_some() {
            self.push(Step {
                edit: whole,
                applied: Applied {
                    label: "take the version on disk".into(),
                    changed: vec![crate::path::Path::root()],
                    notices: Vec::new(),
                },
                scenario,
                replies,
            });
        }
        if let Some(d) = &mut self.disk {
            d.scenario_seen = Some(seen);
            d.replies_seen = replies_seen;
        }
        Ok(())
    }

    fn save_checked(&mut self, check: bool) -> Result<Saved, SaveError> {
        let disk = self.disk.clone().ok_or(SaveError::NoPath)?;
        let mut files = vec![(
            FileKind::Scenario,
            &disk.scenario,
            &disk.scenario_seen,
            self.text(),
        )];
        if let Some(r) = self.replies_text() {
            files.push((FileKind::Replies, &disk.replies, &disk.replies_seen, r));
        }
        if check {
            for (kind, path, seen, ours) in &files {
                let now = read(path).map_err(io(path))?;
                let hash = now.as_ref().map(|(_, f)| &f.hash);
                if hash != seen.as_ref().map(|f| &f.hash) {
                    return Err(SaveError::Conflict(Box::new(Conflict {
                        file: *kind,
                        path: path.to_path_buf(),
                        ours: (*ours).to_owned(),
                        theirs: now.map(|(t, _)| t),
                    })));
                }
            }
        }
        let mut saved = Saved::default();
        let mut seen = Vec::new();
        for (_, path, was, text) in &files {
            let hash = content_hash(text.as_bytes());
            // A checked file that holds this text already is left as it is.
            let same = check && was.as_ref().is_some_and(|f| f.hash == hash);
            if !same {
                write_atomically(path, text.as_bytes()).map_err(io(path))?;
                saved.written.push(path.to_path_buf());
            }
            seen.push(Fingerprint {
                hash,
                modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            });
        }
        if let Some(d) = &mut self.disk {
            let mut seen = seen.into_iter();
            d.scenario_seen = seen.next();
            if let Some(r) = seen.next() {
                d.replies_seen = Some(r);
            }
        }
        self.saved_steps = self.done.len();
        Ok(saved)
    }
}
