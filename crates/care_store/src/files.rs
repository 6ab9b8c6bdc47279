//! Writing files that people take away (reports, exports, certificates): readable by their
//! owner only, written whole or not at all, never over another file, under a harmless name.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Longest file name [`safe_file_name`] makes, in bytes (well under every file system's limit,
/// with room for a numeric suffix).
pub const MAX_FILE_NAME_BYTES: usize = 120;

/// How many numbered names are tried beside a taken one before giving up.
const MAX_SUFFIX: u32 = 999;

/// Longest ending kept as an extension when a long name is shortened (`.json`, `.csv`, …).
const MAX_EXTENSION_BYTES: usize = 10;

/// Characters that show nothing or reorder text: a name with them can look like another.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}')
}

/// Names Windows keeps for devices, whatever the extension.
fn reserved_on_windows(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.as_bytes()[3].is_ascii_digit())
}

/// `name` split before its extension (`("report", ".csv")`), when it has a short one.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot)
            if dot > 0
                && name.len() - dot <= MAX_EXTENSION_BYTES
                && name[dot + 1..].chars().all(|c| c.is_ascii_alphanumeric())
                && dot + 1 < name.len() =>
        {
            name.split_at(dot)
        }
        _ => (name, ""),
    }
}

/// The longest start of `text` of at most `bytes` bytes that ends on a character boundary.
fn cut(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `name` made into a harmless file name: letters and digits of any script are kept, as are
/// `-`, `_` and `.`; path separators, other punctuation, spaces, control and invisible
/// characters become `-`; no leading dot or dash; at most [`MAX_FILE_NAME_BYTES`] bytes (the
/// extension kept); never a Windows device name; never empty. Applying it twice changes
/// nothing more.
pub fn safe_file_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let keep = if c.is_ascii() {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
        } else {
            !(c.is_control() || c.is_whitespace() || invisible(c))
        };
        let c = if keep { c } else { '-' };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let trim = |s: &str| {
        s.trim_start_matches(['.', '-'])
            .trim_end_matches(['.', '-'])
            .to_string()
    };
    let mut name = trim(&out);
    if name.len() > MAX_FILE_NAME_BYTES {
        let (stem, extension) = split_extension(&name);
        let stem = cut(stem, MAX_FILE_NAME_BYTES - extension.len());
        name = trim(&format!("{}{extension}", stem.trim_end_matches(['.', '-'])));
    }
    let stem = name.split('.').next().unwrap_or_default();
    if reserved_on_windows(stem) {
        name.insert(0, '_');
    }
    if name.is_empty() || name.starts_with('.') {
        name = format!("file{name}");
    }
    name
}

/// Writes `bytes` to a new file called [`safe_file_name`]`(file_name)` in `dir` (created when
/// missing), owner-only and whole: see [`write_private_with`]. Returns the file written.
pub fn write_private(dir: &Path, file_name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    write_private_with(dir, file_name, |file| file.write_all(bytes)).map(|(path, ())| path)
}

/// Writes a new file in `dir` with `write`, so that nobody but its owner can ever read it and
/// no reader ever sees half of it: a temporary file in `dir` is made readable and writable by
/// its owner only (0600 on Unix) before anything is written to it, filled, flushed to disk, then
/// renamed to [`safe_file_name`]`(file_name)`, never over an existing file: when that name is
/// taken, `name-2.ext`, `name-3.ext`, … Returns the file written and what `write` returned.
/// When `write` fails, nothing is left behind.
pub fn write_private_with<T, E: From<io::Error>>(
    dir: &Path,
    file_name: &str,
    write: impl FnOnce(&mut File) -> Result<T, E>,
) -> Result<(PathBuf, T), E> {
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".care-").suffix(".part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    let value = write(tmp.as_file_mut())?;
    tmp.as_file_mut().flush()?;
    tmp.as_file().sync_all()?;
    let name = safe_file_name(file_name);
    let (stem, extension) = split_extension(&name);
    let mut n = 1;
    loop {
        let target = if n == 1 {
            dir.join(&name)
        } else {
            dir.join(format!("{stem}-{n}{extension}"))
        };
        match tmp.persist_noclobber(&target) {
            Ok(_) => {
                sync_folder(dir);
                return Ok((target, value));
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists && n < MAX_SUFFIX => {
                tmp = e.file;
                n += 1;
            }
            Err(e) => return Err(e.error.into()),
        }
    }
}

/// Flushes the folder's entry for a renamed file to disk, where the system allows it (a crash
/// right after then still finds the file under its name).
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_what_could_escape_or_deceive() {
        assert_eq!(safe_file_name("../../etc/x"), "etc-x");
        assert_eq!(safe_file_name("=cmd|' /C calc'!A0"), "cmd-C-calc-A0");
        assert_eq!(safe_file_name("..\\..\\boot.ini"), "boot.ini");
        assert_eq!(safe_file_name(".bashrc"), "bashrc");
        assert_eq!(safe_file_name("a\u{202E}fdp.exe"), "a-fdp.exe");
        assert_eq!(safe_file_name("line\nbreak\ttab"), "line-break-tab");
        assert_eq!(safe_file_name("CON.csv"), "_CON.csv");
        assert_eq!(safe_file_name("com1"), "_com1");
        assert_eq!(safe_file_name(""), "file");
        assert_eq!(safe_file_name("///"), "file");
        assert_eq!(safe_file_name("...."), "file");
    }

    #[test]
    fn names_keep_letters_of_every_script() {
        assert_eq!(
            safe_file_name("care-Zoë Ångström-王小明-हिन्दी.json"),
            "care-Zoë-Ångström-王小明-हिन्दी.json"
        );
    }

    #[test]
    fn long_names_are_cut_on_a_character_and_keep_their_extension() {
        let name = safe_file_name(&format!("{}.json", "é".repeat(200)));
        assert!(name.len() <= MAX_FILE_NAME_BYTES, "{}", name.len());
        assert!(name.ends_with("é.json"), "{name}");
        let plain = safe_file_name(&"x".repeat(500));
        assert_eq!(plain.len(), MAX_FILE_NAME_BYTES);
    }

    #[test]
    fn a_safe_name_stays_as_it_is() {
        for name in [
            "../../etc/x",
            "=cmd|' /C calc'!A0",
            "care-report-2026-10-01.csv",
            " -.- ",
            "NUL",
            &"ab.".repeat(100),
            &format!("{}.csv", "ü-".repeat(100)),
        ] {
            let once = safe_file_name(name);
            assert_eq!(safe_file_name(&once), once, "{name:?}");
        }
    }
}
