//! `care graph`: a scenario's branch graph as Graphviz DOT or Mermaid.

use care_engine::graph_export::{dot, mermaid};
use clap::{Args, ValueEnum};

use crate::{CliError, EXIT_OK, Io};

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz: pipe into `dot -Tsvg`.
    #[default]
    Dot,
    /// Mermaid flowchart, for Markdown viewers.
    Mermaid,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// A scenario file, or the id of a scenario in the scenarios folder.
    pub scenario: String,
    #[arg(long, value_enum, default_value_t)]
    pub format: GraphFormat,
}

pub fn run(a: &GraphArgs, folder: &std::path::Path, io: &mut Io<'_>) -> Result<i32, CliError> {
    let s = crate::find::scenario(&a.scenario, folder)?;
    let text = match a.format {
        GraphFormat::Dot => dot(&s),
        GraphFormat::Mermaid => mermaid(&s),
    };
    write!(io.out, "{text}")?;
    Ok(EXIT_OK)
}
