//! Unpacks a built-in folder into the cache once per version of its contents: into a private
//! folder first, then renamed into place, so a crash mid-way never leaves half a pack in use.

use std::path::{Path, PathBuf};

use include_dir::Dir;

use crate::Bundle;

/// Why a built-in folder could not be unpacked.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error(
        "cannot unpack the built-in {what} into {path}: {source}\n  hint: free some disk space, or give a folder with --scenarios (and put an `assets` folder beside the care binary)"
    )]
    Unpack {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The folder holding `bundle`'s built-in files under `cache`, unpacking it first when this
/// version is not there yet. Files a trainer changed in an unpacked copy are not looked at:
/// a new version of the contents goes to a new folder.
pub fn unpack_into(bundle: Bundle, cache: &Path) -> Result<PathBuf, PackError> {
    let dir = bundle.dir();
    let target = cache.join(format!("{}-{}", bundle.name(), bundle.fingerprint()));
    if target.is_dir() {
        return Ok(target);
    }
    let err = |path: &Path, source| PackError::Unpack {
        what: bundle.name(),
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(cache).map_err(|e| err(cache, e))?;
    let staging = tempfile_dir(cache, bundle).map_err(|e| err(cache, e))?;
    write_all(dir, &staging).map_err(|e| err(&staging, e))?;
    match std::fs::rename(&staging, &target) {
        Ok(()) => Ok(target),
        // Another CARE started at the same moment and got there first: its copy is the same.
        Err(_) if target.is_dir() => {
            let _ = std::fs::remove_dir_all(&staging);
            Ok(target)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(err(&target, e))
        }
    }
}

pub(crate) fn visit(dir: &Dir<'_>, f: &mut dyn FnMut(&Path, &[u8])) {
    let mut files: Vec<_> = dir.files().collect();
    files.sort_by_key(|file| file.path());
    for file in files {
        f(file.path(), file.contents());
    }
    let mut dirs: Vec<_> = dir.dirs().collect();
    dirs.sort_by_key(|d| d.path());
    for d in dirs {
        visit(d, f);
    }
}

fn tempfile_dir(cache: &Path, bundle: Bundle) -> std::io::Result<PathBuf> {
    for n in 0..1000u32 {
        let path = cache.join(format!(
            ".{}-unpacking-{}-{n}",
            bundle.name(),
            std::process::id()
        ));
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(
        "no free name for an unpacking folder",
    ))
}

fn write_all(dir: &Dir<'_>, root: &Path) -> std::io::Result<()> {
    let mut result = Ok(());
    visit(dir, &mut |path, bytes| {
        if result.is_err() {
            return;
        }
        let dest = root.join(path);
        result = dest
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&dest, bytes));
    });
    result
}
