//! The trainer's own copy of the starter pack, in their data folder: written on first use,
//! kept up to date with new versions of CARE for every file the trainer has not changed, and
//! never overwriting one they have (nor bringing back one they deleted).
//!
//! A manifest beside the copy remembers the hash of each built-in file as last written, so a
//! file is "untouched" when it still has that hash. Files are replaced atomically and the
//! manifest is written last: a crash at any point leaves each file either old or new, and the
//! next start finishes the work.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Bundle, PackError};

/// The folder name of the copy inside the data folder.
const FOLDER: &str = "scenarios";
/// The manifest's name, beside the copy (not in it, so checks and catalogs never see it).
const MANIFEST: &str = "scenarios.built-in";

/// What bringing the trainer's copy up to date did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnCopy {
    /// The folder holding the copy.
    pub folder: PathBuf,
    /// Built-in files written because they were missing (a first start: all of them).
    pub added: Vec<PathBuf>,
    /// Untouched files replaced by this version's built-in file.
    pub updated: Vec<PathBuf>,
    /// Files the trainer changed that differ from this version's built-in file: theirs is kept.
    pub kept: Vec<PathBuf>,
}

/// Brings `<data_dir>/scenarios` up to date with the built-in pack and returns what it did.
pub fn own_copy(data_dir: &Path) -> Result<OwnCopy, PackError> {
    let folder = data_dir.join(FOLDER);
    let manifest_path = data_dir.join(MANIFEST);
    let err = |path: &Path, source| PackError::Unpack {
        what: Bundle::Scenarios.name(),
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(&folder).map_err(|e| err(&folder, e))?;
    let mut manifest = read_manifest(&manifest_path);
    let mut report = OwnCopy {
        folder: folder.clone(),
        ..OwnCopy::default()
    };
    let mut changed = false;
    let mut failure = None;
    crate::unpack::visit(Bundle::Scenarios.dir(), &mut |rel, bytes| {
        if failure.is_some() {
            return;
        }
        let key = key_of(rel);
        let built_in = hash(bytes);
        let dest = folder.join(rel);
        let on_disk = std::fs::read(&dest).ok().map(|b| hash(&b));
        let last_written = manifest.get(&key).cloned();
        match (&on_disk, &last_written) {
            // Already this version's file.
            (Some(d), _) if *d == built_in => {
                if last_written.as_ref() != Some(&built_in) {
                    manifest.insert(key, built_in);
                    changed = true;
                }
                return;
            }
            // Deleted by the trainer after it was written: stays deleted.
            (None, Some(_)) => return,
            (None, None) => report.added.push(rel.to_path_buf()),
            // Untouched since it was written: this version's file replaces it.
            (Some(d), Some(w)) if d == w => report.updated.push(rel.to_path_buf()),
            // Changed by the trainer (or theirs from the start): theirs is kept.
            (Some(_), _) => {
                report.kept.push(rel.to_path_buf());
                return;
            }
        }
        match write_atomically(&dest, bytes) {
            Ok(()) => {
                manifest.insert(key, built_in);
                changed = true;
            }
            Err(e) => failure = Some(err(&dest, e)),
        }
    });
    // What was written is recorded even when a later file failed, so it counts as untouched.
    if changed {
        write_atomically(&manifest_path, render_manifest(&manifest).as_bytes())
            .map_err(|e| err(&manifest_path, e))?;
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(report),
    }
}

fn key_of(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Reads `<hash>  <path>` lines (the layout of `b3sum`); a missing or garbled manifest reads
/// as empty, which only means no file counts as untouched.
fn read_manifest(path: &Path) -> BTreeMap<String, String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter_map(|line| line.split_once("  "))
        .filter(|(h, p)| h.len() == 64 && !p.is_empty())
        .map(|(h, p)| (p.to_string(), h.to_string()))
        .collect()
}

fn render_manifest(manifest: &BTreeMap<String, String>) -> String {
    manifest
        .iter()
        .map(|(path, hash)| format!("{hash}  {path}\n"))
        .collect()
}

fn write_atomically(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}
