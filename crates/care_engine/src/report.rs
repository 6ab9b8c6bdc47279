//! Renders diagnostics rustc-style (file:line:column, the snippet underlined, a hint) or as JSON.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::diagnostic::{Diagnostic, Severity};

/// Adapts one diagnostic and its file text to miette.
struct Pretty<'a> {
    d: &'a Diagnostic,
    src: NamedSource<String>,
}

impl fmt::Debug for Pretty<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Pretty<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Pretty<'_> {}

impl miette::Diagnostic for Pretty<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d
            .hint
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.d
            .span
            .as_ref()
            .map(|_| &self.src as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.d.span.clone()?;
        let label = (!self.d.label.is_empty()).then(|| self.d.label.clone());
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            label,
            SourceSpan::from(span),
        ))))
    }
}

/// How to draw diagnostics for a person.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// One diagnostic drawn with its snippet. `text` is the file's text, when readable.
pub fn render(d: &Diagnostic, text: Option<&str>, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let pretty = Pretty {
        d,
        src: NamedSource::new(&d.file, text.unwrap_or_default().to_owned()),
    };
    let mut out = String::new();
    if handler.render_report(&mut out, &pretty).is_err() {
        out = format!("{}:{}:{}: {}\n", d.file, d.line, d.column, d.message);
    }
    if d.span.is_none() {
        // No snippet to show: still say where.
        out = format!("{}:{}:{}\n{out}", d.file, d.line, d.column);
    }
    out
}

/// One JSON object per line, for editors and CI.
pub fn json_lines(ds: &[Diagnostic]) -> String {
    ds.iter()
        .filter_map(|d| serde_json::to_string(d).ok())
        .map(|l| l + "\n")
        .collect()
}
