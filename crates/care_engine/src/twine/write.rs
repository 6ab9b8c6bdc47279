//! The imported skeleton written as a scenario file: `Scenario(` … in RON, one field per line,
//! as `care check` and the game read it.

use crate::raw::RawScenario;

/// `raw` as the text of a `.scenario.ron` file that loads back into an equal scenario.
pub fn scenario_ron(raw: &RawScenario) -> Result<String, ron::Error> {
    let text = ron::ser::to_string_pretty(raw, ron::ser::PrettyConfig::default())?;
    Ok(match text.strip_prefix('(') {
        Some(rest) => format!("Scenario({rest}"),
        None => text,
    })
}
