//! Finding and reading files in scenario folders safely: links that lead out of a folder are
//! not followed, sizes are checked before reading, and the ids that name new files are checked.

use std::path::{Path as FsPath, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::load::MAX_FILE_BYTES;

/// Whether `path`, with every link in it followed, is inside the folder `root` (given with its
/// links followed already).
pub(crate) fn stays_inside(root: &FsPath, path: &FsPath) -> bool {
    std::fs::canonicalize(path).is_ok_and(|real| real.starts_with(root))
}

/// The warning for a link in a searched folder that leads out of it.
fn link_out(link: &FsPath, folder: &FsPath) -> Diagnostic {
    let target = std::fs::canonicalize(link)
        .map_or_else(|_| "nowhere".to_owned(), |t| t.display().to_string());
    let mut d = Diagnostic::whole_file(
        &link.display().to_string(),
        Code::Io,
        format!(
            "this link leads out of {} (to {target}), so it is skipped",
            folder.display()
        ),
        "copy the file into the folder, or give its path to the command by itself",
    );
    d.severity = Severity::Warning;
    d
}

/// Files below `dir` whose names end in `suffix`, sorted. Links are followed only while they
/// stay inside `dir`; the others are skipped, and (with `warn`) reported when they lead to a
/// folder or a `.ron` file.
pub(crate) fn walk(dir: &FsPath, suffix: &str, warn: bool) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut skipped = Vec::new();
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            let inside = e.depth() == 0 || !e.path_is_symlink() || stays_inside(&root, e.path());
            let matters =
                e.file_type().is_dir() || e.file_name().to_string_lossy().ends_with(".ron");
            if !inside && warn && matters {
                skipped.push(link_out(e.path(), dir));
            }
            inside
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(suffix))
        .map(walkdir::DirEntry::into_path)
        .collect();
    found.sort();
    (found, skipped)
}

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum Unread {
    Io(std::io::Error),
    NotAFile,
    /// Larger than [`MAX_FILE_BYTES`]: this many bytes (or more).
    TooLarge(u64),
}

impl std::fmt::Display for Unread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unread::Io(e) => write!(f, "cannot read the file: {e}"),
            Unread::NotAFile => f.write_str("not a regular file, so it is not read"),
            Unread::TooLarge(bytes) => write!(
                f,
                "the file is {} KiB; files in a scenarios folder may be at most {} KiB, so it is not read",
                bytes.div_ceil(1024),
                MAX_FILE_BYTES / 1024
            ),
        }
    }
}

/// A file's bytes, its size checked before it is read: a file larger than [`MAX_FILE_BYTES`]
/// (or that grows past it while read) is not read.
pub(crate) fn read_capped(path: &FsPath) -> Result<Vec<u8>, Unread> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path).map_err(Unread::Io)?;
    if !meta.is_file() {
        return Err(Unread::NotAFile);
    }
    let cap = MAX_FILE_BYTES as u64;
    if meta.len() > cap {
        return Err(Unread::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(cap + 1).read_to_end(&mut bytes))
        .map_err(Unread::Io)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Unread::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The diagnostic for a file of `bytes` bytes, over the limit, that was not read.
pub(crate) fn too_large(file: &str, bytes: u64) -> Diagnostic {
    Diagnostic::whole_file(
        file,
        Code::TooLarge,
        Unread::TooLarge(bytes).to_string(),
        "split it into smaller files; a scenario this large is hard to play and to review",
    )
}

/// A file's text, read as [`read_capped`] does; the error names the file.
pub(crate) fn read_text_capped(path: &FsPath) -> Result<String, String> {
    let bytes = read_capped(path).map_err(|e| format!("{}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|_| format!("{}: the file is not UTF-8 text", path.display()))
}

/// Longest scenario id that can name its file.
pub const MAX_FILE_ID_CHARS: usize = 100;

/// Checks that `id` can name a new file in a scenarios folder (`ID.scenario.ron`): ASCII
/// letters, digits, `-` and `_`, at most [`MAX_FILE_ID_CHARS`] of them. So no folder
/// separators, no `..`, no hidden file. The error says what to type instead.
pub fn check_file_id(id: &str) -> Result<(), String> {
    let valid = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(format!(
            "`{id}` cannot be a file name; use letters, digits and dashes, e.g. late-delivery"
        ));
    }
    if id.chars().count() > MAX_FILE_ID_CHARS {
        return Err(format!(
            "`{id}` is longer than {MAX_FILE_ID_CHARS} characters; use a shorter name"
        ));
    }
    Ok(())
}
