//! `care import-twine`: turns a Twine story (Twee 3 text) into a scenario skeleton.

use std::path::PathBuf;

use care_engine::Channel;
use care_engine::twine::import;
use clap::Args;

use crate::{CliError, EXIT_OK, Io};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Twee 3 file (in Twine: Build → Export as Twee).
    pub file: PathBuf,
    /// The new scenario's id and file name: letters, digits and dashes. Default: made from the
    /// Twee file's name.
    #[arg(long)]
    pub id: Option<String>,
    /// Where the conversation happens.
    #[arg(long, value_parser = crate::new::channel_parser(), default_value = "live-chat")]
    pub channel: Channel,
    /// Folder to write into [default: the scenarios folder; see --scenarios].
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

const HEADER: &str = "// Imported from Twine: passages became beats, links became responses, passages without\n// links became endings. `[code: …]` and `[insert: …]` mark the story's code, left out: rewrite\n// or delete them. Add `says`, effects, feedback and endings' outcomes, then `care check`.\n";

pub fn run(a: &ImportArgs, scenarios: &std::path::Path, io: &mut Io<'_>) -> Result<i32, CliError> {
    let bytes = std::fs::read(&a.file)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", a.file.display())))?;
    // A story saved in another encoding still imports, its odd characters shown as `�`.
    let twee = String::from_utf8_lossy(&bytes);
    let id = match &a.id {
        Some(id) => {
            crate::new::check_id("--id", id)?;
            id.clone()
        }
        None => care_engine::twine::file_id(
            &a.file
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
        ),
    };
    let imported = import(&twee, &id, a.channel)
        .map_err(|e| CliError::Failed(format!("{}: {e}", a.file.display())))?;
    let raw = &imported.scenario;
    let text = care_engine::twine::scenario_ron(raw).map_err(|e| {
        CliError::Failed(format!(
            "{}: the imported scenario could not be written as RON: {e}",
            a.file.display()
        ))
    })?;
    let dir = a.dir.clone().unwrap_or_else(|| scenarios.to_path_buf());
    let out =
        crate::new::write_new_scenario(&dir, &id, &format!("{HEADER}{text}"), "pass another --id")?;
    writeln!(
        io.out,
        "wrote {} ({} beats, {} endings)\n{}next: add scores and feedback, then `care check {}`",
        out.display(),
        raw.beats.len(),
        raw.endings.len(),
        imported.report,
        out.display()
    )?;
    Ok(EXIT_OK)
}
