//! Problems found in scenario files: what, where (file:line:column), and how to fix it.

use std::ops::Range;

use serde::Serialize;

use crate::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// The kind of problem; stable, for editors and CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Io,
    NotUtf8,
    EmptyFile,
    TooLarge,
    TooDeep,
    Syntax,
    UnknownField,
    MissingField,
    UnknownVariant,
    WrongType,
    DuplicateId,
    UnknownBeat,
    UnknownReference,
    UnknownPlaceholder,
    UnknownLanguage,
    Unreachable,
    NoEndingReachable,
    EndlessCycle,
    NoEnding,
    EmptyText,
    OutOfRange,
    BadTime,
    BadDelay,
    RubricNeverMatches,
    MissingTimeout,
    DeadEnd,
    ConflictingSteps,
    AudienceOnPrivateChannel,
    BestBelowPass,
    WorstPasses,
    UnusedDimension,
    PatternPasses,
    BestIsLongest,
    UnknownPronouns,
    ShiftRepeatsScenario,
    ShiftClockMismatch,
}

impl Code {
    /// The code as shown to users, e.g. `care::unknown-beat`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "care::io",
            Code::NotUtf8 => "care::not-utf8",
            Code::EmptyFile => "care::empty-file",
            Code::TooLarge => "care::too-large",
            Code::TooDeep => "care::too-deep",
            Code::Syntax => "care::syntax",
            Code::UnknownField => "care::unknown-field",
            Code::MissingField => "care::missing-field",
            Code::UnknownVariant => "care::unknown-variant",
            Code::WrongType => "care::wrong-type",
            Code::DuplicateId => "care::duplicate-id",
            Code::UnknownBeat => "care::unknown-beat",
            Code::UnknownReference => "care::unknown-reference",
            Code::UnknownPlaceholder => "care::unknown-placeholder",
            Code::UnknownLanguage => "care::unknown-language",
            Code::Unreachable => "care::unreachable",
            Code::NoEndingReachable => "care::no-ending-reachable",
            Code::EndlessCycle => "care::endless-cycle",
            Code::NoEnding => "care::no-ending",
            Code::EmptyText => "care::empty-text",
            Code::OutOfRange => "care::out-of-range",
            Code::BadTime => "care::bad-time",
            Code::BadDelay => "care::bad-delay",
            Code::RubricNeverMatches => "care::rubric-never-matches",
            Code::MissingTimeout => "care::missing-timeout",
            Code::DeadEnd => "care::dead-end",
            Code::ConflictingSteps => "care::conflicting-steps",
            Code::AudienceOnPrivateChannel => "care::audience-on-private-channel",
            Code::BestBelowPass => "care::best-below-pass",
            Code::WorstPasses => "care::worst-passes",
            Code::UnusedDimension => "care::unused-dimension",
            Code::PatternPasses => "care::pattern-passes",
            Code::BestIsLongest => "care::best-is-longest",
            Code::UnknownPronouns => "care::unknown-pronouns",
            Code::ShiftRepeatsScenario => "care::shift-repeats-scenario",
            Code::ShiftClockMismatch => "care::shift-clock-mismatch",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Code::BestBelowPass
            | Code::WorstPasses
            | Code::UnusedDimension
            | Code::PatternPasses
            | Code::BestIsLongest
            | Code::ShiftRepeatsScenario
            | Code::ShiftClockMismatch => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A problem found while resolving a file, located by its path in the value tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub code: Code,
    pub path: Path,
    /// Point at the field's name rather than its value.
    pub at_key: bool,
    /// Byte offset inside the located string value, when the problem is within a text.
    pub inner: Option<Range<usize>>,
    pub message: String,
    pub label: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(code: Code, path: Path, message: impl Into<String>) -> Problem {
        Problem {
            code,
            path,
            at_key: false,
            inner: None,
            message: message.into(),
            label: String::new(),
            hint: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Problem {
        self.label = label.into();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    pub fn hint_opt(mut self, hint: Option<String>) -> Problem {
        self.hint = hint;
        self
    }

    pub fn at_key(mut self) -> Problem {
        self.at_key = true;
        self
    }
}

/// A located problem in a file, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
    #[serde(skip)]
    pub label: String,
    /// Byte range in the file's text.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    /// A diagnostic about a whole file (unreadable, empty, too large).
    pub fn whole_file(file: &str, code: Code, message: impl Into<String>, hint: &str) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: 1,
            column: 1,
            severity: code.severity(),
            code,
            message: message.into(),
            hint: Some(hint.to_owned()),
            label: String::new(),
            span: None,
        }
    }

    /// Places `problem` in `src` using `map` to find the value its path names.
    pub fn locate(
        file: &str,
        src: &str,
        map: &crate::source_map::SourceMap,
        problem: Problem,
    ) -> Diagnostic {
        let found = if problem.at_key {
            map.key_span(&problem.path)
        } else {
            map.value_span(&problem.path)
        };
        let exact = map.contains(&problem.path);
        let span = found.map(|s| match &problem.inner {
            // The value is not written (e.g. a defaulted `scoring`): point at the first line of
            // the enclosing value, such as `Scenario(`, rather than underlining all of it.
            _ if !exact => {
                let line_end = src[s.clone()].find('\n').map_or(s.end, |i| s.start + i);
                s.start..src[s.start..line_end].trim_end().len() + s.start
            }
            // +1 skips the opening quote of a plain string literal.
            Some(inner) if src[s.clone()].starts_with('"') => {
                let start = (s.start + 1 + inner.start).min(s.end);
                let end = (s.start + 1 + inner.end).min(s.end);
                start..end.max(start)
            }
            _ => s,
        });
        let (line, column) = span
            .as_ref()
            .map_or((1, 1), |s| crate::source_map::line_col(src, s.start));
        Diagnostic {
            file: file.to_owned(),
            line,
            column,
            severity: problem.code.severity(),
            code: problem.code,
            message: problem.message,
            hint: problem.hint,
            label: problem.label,
            span,
        }
    }
}
