//! Loading scenario files and folders: one bad file never stops the others, every problem is reported.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::diagnostic::{Code, Diagnostic, Problem, Severity};
pub use crate::load_files::{MAX_FILE_ID_CHARS, check_file_id};
use crate::load_files::{Unread, read_capped, too_large, walk};
use crate::model::Scenario;
use crate::raw::RawScenario;
use crate::source_map::SourceMap;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Deepest nesting a scenario file may have.
pub const MAX_DEPTH: usize = 64;
/// File name ending of scenario files in a folder.
pub const SCENARIO_SUFFIX: &str = ".scenario.ron";

/// What to check beyond the structure.
#[derive(Clone, Default)]
pub struct LoadOptions {
    /// Explore score ranges and warn about scenarios that cannot teach or can be passed
    /// without the skill (slower).
    pub lint: bool,
    /// The judge that answer patterns' typed replies are judged by when linting; the keyword
    /// judge when absent.
    pub judge: Option<std::sync::Arc<dyn crate::judge::Judge>>,
}

impl LoadOptions {
    /// Structure and the warnings (score ranges, answer patterns), patterns judged by keywords.
    pub fn linted() -> LoadOptions {
        LoadOptions {
            lint: true,
            judge: None,
        }
    }
}

impl std::fmt::Debug for LoadOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadOptions")
            .field("lint", &self.lint)
            .field("judge", &self.judge.as_ref().map(|_| "custom"))
            .finish()
    }
}

/// One file's outcome.
#[derive(Debug)]
pub struct FileOutcome<T = Scenario> {
    pub scenario: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
    /// The text, for rendering diagnostics: absent when too large or empty; when the file is not
    /// UTF-8, with each bad byte sequence shown as U+FFFD.
    pub text: Option<String>,
}

/// The RON options scenario files are read with.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_DEPTH)
}

/// Hex SHA-256 of a file's bytes.
pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Reads a RON file into `T`: size, encoding, emptiness and syntax checked, each problem as a
/// located diagnostic. On success, the value and the text (without a byte-order mark).
fn read_ron<T: serde::de::DeserializeOwned, U>(
    file: &str,
    bytes: &[u8],
    what: &str,
) -> Result<(T, String), FileOutcome<U>> {
    let fail = |code, msg: String, hint: &str| FileOutcome {
        scenario: None,
        diagnostics: vec![Diagnostic::whole_file(file, code, msg, hint)],
        text: None,
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(
            Code::TooLarge,
            format!(
                "the file is {} KiB; {what} files may be at most {} KiB",
                bytes.len().div_ceil(1024),
                MAX_FILE_BYTES / 1024
            ),
            &format!(
                "split the {what} into smaller ones; a {what} this large is hard to play and to review"
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(not_utf8(file, bytes, e.valid_up_to())),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(fail(
            Code::EmptyFile,
            "the file is empty".into(),
            EMPTY_HINT,
        ));
    }
    match ron_options().from_str(text) {
        Ok(r) => Ok((r, text.to_owned())),
        Err(_)
            if SourceMap::parse(text)
                .value_span(&crate::path::Path::root())
                .is_none() =>
        {
            Err(fail(
                Code::EmptyFile,
                format!("the file has only comments, no {what}"),
                EMPTY_HINT,
            ))
        }
        Err(e) => Err(FileOutcome {
            scenario: None,
            diagnostics: vec![crate::ron_error::diagnostic(file, text, &e)],
            text: Some(text.to_owned()),
        }),
    }
}

/// Reads a RON file of `what` into its raw type `R` and resolves it with `resolve` (given the
/// content hash), locating every problem in the file. The value is kept unless a problem is an
/// error.
pub(crate) fn load_resolved<R: serde::de::DeserializeOwned, T>(
    file: &str,
    bytes: &[u8],
    what: &str,
    resolve: impl FnOnce(&R, String) -> (Option<T>, Vec<Problem>),
) -> FileOutcome<T> {
    let (raw, text): (R, String) = match read_ron(file, bytes, what) {
        Ok(read) => read,
        Err(failed) => return failed,
    };
    let (value, problems) = resolve(&raw, content_hash(bytes));
    let diagnostics = locate(file, &text, problems);
    let ok = !diagnostics.iter().any(|d| d.severity == Severity::Error);
    FileOutcome {
        scenario: value.filter(|_| ok),
        diagnostics,
        text: Some(text),
    }
}

/// Loads one scenario from bytes; `file` names it in diagnostics.
pub fn load_bytes(file: &str, bytes: &[u8], opts: LoadOptions) -> FileOutcome {
    load_resolved(
        file,
        bytes,
        "scenario",
        |raw: &RawScenario, hash| match crate::resolve::resolve(raw, hash) {
            Ok(scenario) => {
                let warnings = if opts.lint {
                    let judge = opts.judge.as_deref().unwrap_or(&crate::judge::KeywordJudge);
                    crate::lint::lint_with(&scenario, judge)
                } else {
                    Vec::new()
                };
                (Some(scenario), warnings)
            }
            Err(problems) => (None, problems),
        },
    )
}

const EMPTY_HINT: &str =
    "start from `care new NAME --channel CHANNEL`, or copy a scenario from the starter pack";

/// The diagnostic for a file that is not UTF-8, pointing at its first bad byte (`at`). The text
/// returned for rendering has each bad sequence replaced by U+FFFD.
fn not_utf8<T>(file: &str, bytes: &[u8], at: usize) -> FileOutcome<T> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let mut d = Diagnostic::whole_file(
        file,
        Code::NotUtf8,
        "the file is not UTF-8 text",
        "save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8); such a byte is \
         usually an accented letter or a curly quote saved in another encoding",
    );
    (d.line, d.column) = crate::source_map::line_col(&text, at);
    d.label = format!("byte 0x{:02X} is not UTF-8", bytes[at]);
    d.span = Some(at..at + '\u{fffd}'.len_utf8());
    FileOutcome {
        scenario: None,
        diagnostics: vec![d],
        text: Some(text),
    }
}

fn locate(file: &str, text: &str, problems: Vec<Problem>) -> Vec<Diagnostic> {
    if problems.is_empty() {
        return Vec::new();
    }
    let map = SourceMap::parse(text);
    let mut ds: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| Diagnostic::locate(file, text, &map, p))
        .collect();
    ds.sort_by_key(|d| (d.line, d.column));
    ds
}

/// A scenario loaded from a file.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub file: String,
    pub scenario: Arc<Scenario>,
}

/// Everything loaded from a set of paths.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub scenarios: Vec<Loaded>,
    pub diagnostics: Vec<Diagnostic>,
    /// File texts by display name, for rendering diagnostics.
    pub sources: HashMap<String, String>,
    pub files: usize,
}

impl LoadReport {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

/// Files under `paths` whose names end in `suffix`: files as given, folders searched (sorted).
/// Links leading out of a searched folder are skipped (the scenario search of the same folder,
/// [`discover`], reports them).
pub fn discover_suffix(paths: &[PathBuf], suffix: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            files.extend(walk(p, suffix, false).0);
        } else if p.to_string_lossy().ends_with(suffix) {
            files.push(p.clone());
        }
    }
    files
}

/// Scenario files under `paths`: files as given, folders searched for `*.scenario.ron`.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.is_dir() {
            let (found, skipped) = walk(p, SCENARIO_SUFFIX, true);
            files.extend(found);
            problems.extend(skipped);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            problems.push(Diagnostic::whole_file(
                &p.display().to_string(),
                Code::Io,
                "no such file or folder",
                "check the path; give a scenario file or a folder of *.scenario.ron files",
            ));
        }
    }
    (files, problems)
}

/// Reads and loads each of `files` with `one`, adding their problems to `diagnostics` and their
/// texts to `sources`; returns what loaded, with its file's name.
pub(crate) fn load_each<T>(
    files: &[PathBuf],
    mut one: impl FnMut(&str, &[u8]) -> FileOutcome<T>,
    diagnostics: &mut Vec<Diagnostic>,
    sources: &mut HashMap<String, String>,
) -> Vec<(String, T)> {
    let mut out = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let bytes = match read_capped(path) {
            Ok(b) => b,
            Err(Unread::Io(e)) => {
                diagnostics.push(Diagnostic::whole_file(
                    &name,
                    Code::Io,
                    format!("cannot read the file: {e}"),
                    "check that the file exists and you may read it",
                ));
                continue;
            }
            Err(Unread::NotAFile) => {
                diagnostics.push(Diagnostic::whole_file(
                    &name,
                    Code::Io,
                    "this is not a regular file, so it is not read",
                    "give the path of a scenario file or of a folder",
                ));
                continue;
            }
            Err(Unread::TooLarge(bytes)) => {
                diagnostics.push(too_large(&name, bytes));
                continue;
            }
        };
        let loaded = one(&name, &bytes);
        diagnostics.extend(loaded.diagnostics);
        if let Some(text) = loaded.text {
            sources.insert(name.clone(), text);
        }
        if let Some(value) = loaded.scenario {
            out.push((name, value));
        }
    }
    out
}

/// Loads every scenario under `paths`, then checks ids are unique across files.
pub fn load_paths(paths: &[PathBuf], opts: LoadOptions) -> LoadReport {
    let (files, diagnostics) = discover(paths);
    let mut report = LoadReport {
        diagnostics,
        files: files.len(),
        ..Default::default()
    };
    let loaded = load_each(
        &files,
        |name, bytes| load_bytes(name, bytes, opts.clone()),
        &mut report.diagnostics,
        &mut report.sources,
    );
    report.scenarios = loaded
        .into_iter()
        .map(|(file, s)| Loaded {
            file,
            scenario: Arc::new(s),
        })
        .collect();
    check_unique_ids(&mut report);
    report
}

fn check_unique_ids(report: &mut LoadReport) {
    let mut first: HashMap<crate::names::ScenarioId, String> = HashMap::new();
    let mut dupes = Vec::new();
    for (i, l) in report.scenarios.iter().enumerate() {
        match first.get(&l.scenario.id) {
            Some(other) => dupes.push((i, other.clone())),
            None => {
                first.insert(l.scenario.id.clone(), l.file.clone());
            }
        }
    }
    for (i, other) in dupes.iter().rev() {
        let l = report.scenarios.remove(*i);
        let text = report.sources.get(&l.file).map_or("", String::as_str);
        let p = Problem::new(
            Code::DuplicateId,
            crate::path::Path::root().field("id"),
            format!("scenario id `{}` is already used by {other}", l.scenario.id),
        )
        .label("duplicate scenario id")
        .hint("every scenario needs its own id: progress is stored under it");
        report.diagnostics.push(Diagnostic::locate(
            &l.file,
            text,
            &SourceMap::parse(text),
            p,
        ));
    }
}
