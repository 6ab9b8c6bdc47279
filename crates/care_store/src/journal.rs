//! The journal of results not committed yet: a folder with one small file per pending save, each
//! written atomically and synced before the save is reported accepted, removed once the
//! database has it. A crash or a power cut before the commit loses nothing: the next start
//! commits what is left. A damaged file is set aside, never read again, never a panic.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::pending::{PendingSave, SaveId};

/// The format version written in every file.
const FORMAT: u32 = 1;
/// What a file in progress is called until it is complete and renamed.
const TEMP_PREFIX: &str = ".writing-";
/// Appended to a file that could not be read, which is then kept for a person to look at.
const SET_ASIDE_SUFFIX: &str = ".unreadable";

#[derive(Serialize)]
struct FileOut<'a> {
    format: u32,
    save: &'a PendingSave,
}

#[derive(Deserialize)]
struct FileFormat {
    format: u32,
}

#[derive(Deserialize)]
struct FileIn {
    save: PendingSave,
}

/// A journal file that could not be read, renamed so it is not tried again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// Where the file is now.
    pub path: PathBuf,
    pub reason: String,
}

/// What the journal held.
#[derive(Debug, Default)]
pub struct JournalContents {
    /// The saves to commit, oldest first.
    pub saves: Vec<PendingSave>,
    /// Files that could not be read (torn by a crash during a write, or damaged).
    pub set_aside: Vec<SetAside>,
}

/// A folder of pending saves.
#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
}

impl Journal {
    /// Opens (creating when missing) the journal folder, readable only by its owner.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Journal, StoreError> {
        let dir = dir.into();
        let fail = |source| StoreError::Journal {
            path: dir.clone(),
            source,
        };
        fs::create_dir_all(&dir).map_err(fail)?;
        owner_only(&dir, 0o700).map_err(fail)?;
        Ok(Journal { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that holds save `id`.
    pub fn path_of(&self, id: SaveId) -> PathBuf {
        self.dir.join(format!("{}-{}.json", id.kind(), id.uuid()))
    }

    /// Writes `save` so it survives a crash or power cut once this returns: a temporary file in
    /// the folder, synced, renamed over the save's file, and the folder synced. Writing the same
    /// save again replaces its file.
    pub fn write(&self, save: &PendingSave) -> Result<PathBuf, StoreError> {
        let path = self.path_of(save.id());
        let fail = |source| StoreError::Journal {
            path: path.clone(),
            source,
        };
        let bytes = serde_json::to_vec(&FileOut {
            format: FORMAT,
            save,
        })
        .map_err(StoreError::corrupt("pending save"))?;
        // The temporary file is created readable and writable by its owner only.
        let mut file = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(fail)?;
        file.write_all(&bytes).map_err(fail)?;
        // The data and its length; the rename is made durable by syncing the folder.
        file.as_file().sync_data().map_err(fail)?;
        file.persist(&path).map_err(|e| fail(e.error))?;
        sync_dir(&self.dir).map_err(fail)?;
        Ok(path)
    }

    /// Forgets a save the database now holds. A removal undone by a power cut only means the
    /// save is committed again at the next start, which stores nothing new.
    pub fn remove(&self, id: SaveId) -> Result<(), StoreError> {
        let path = self.path_of(id);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(StoreError::Journal { path, source }),
        }
    }

    /// Every pending save, oldest first. A file that cannot be read is renamed with
    /// `.unreadable` (and logged) so a person can look at it; a temporary file left by a crash
    /// during a write is taken if it is whole (it was never reported accepted) and removed if not.
    pub fn read(&self) -> Result<JournalContents, StoreError> {
        let fail = |source| StoreError::Journal {
            path: self.dir.clone(),
            source,
        };
        let mut out = JournalContents::default();
        let mut names: Vec<PathBuf> = fs::read_dir(&self.dir)
            .map_err(fail)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        names.sort();
        for path in names {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if name.starts_with(TEMP_PREFIX) {
                self.recover_temp(&path, &mut out);
                continue;
            }
            if !name.ends_with(".json") {
                continue;
            }
            match read_file(&path) {
                Ok(save) if self.path_of(save.id()) == path => out.saves.push(save),
                Ok(save) => self.set_aside(
                    &path,
                    format!("it holds {} under another name", save.id()),
                    &mut out,
                ),
                Err(reason) => self.set_aside(&path, reason, &mut out),
            }
        }
        // Ids are made in time order (UUID v7), so this replays the oldest first.
        out.saves.sort_by_key(|s| s.id().uuid());
        out.saves.dedup_by_key(|s| s.id());
        Ok(out)
    }

    fn recover_temp(&self, path: &Path, out: &mut JournalContents) {
        match read_file(path) {
            Ok(save) => {
                let target = self.path_of(save.id());
                if target.exists() || fs::rename(path, &target).is_err() {
                    let _ = fs::remove_file(path);
                }
                if !out.saves.iter().any(|s| s.id() == save.id()) {
                    out.saves.push(save);
                }
            }
            Err(_) => {
                let _ = fs::remove_file(path);
            }
        }
    }

    fn set_aside(&self, path: &Path, reason: String, out: &mut JournalContents) {
        let mut aside = path.as_os_str().to_owned();
        aside.push(SET_ASIDE_SUFFIX);
        let aside = PathBuf::from(aside);
        let kept = match fs::rename(path, &aside) {
            Ok(()) => aside,
            Err(_) => path.to_path_buf(),
        };
        tracing::warn!(
            file = %kept.display(),
            %reason,
            "a pending save could not be read and was set aside"
        );
        out.set_aside.push(SetAside { path: kept, reason });
    }
}

fn read_file(path: &Path) -> Result<PendingSave, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    let damaged = |e: serde_json::Error| format!("it is incomplete or damaged ({e})");
    let format: FileFormat = serde_json::from_slice(&bytes).map_err(damaged)?;
    if format.format != FORMAT {
        return Err(format!(
            "it is in format {}, which this program does not know (a newer CARE wrote it?)",
            format.format
        ));
    }
    let file: FileIn = serde_json::from_slice(&bytes).map_err(damaged)?;
    Ok(file.save)
}

#[cfg(unix)]
fn owner_only(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn owner_only(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

/// Makes a rename in `dir` durable (on Unix a directory is synced like a file).
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}
