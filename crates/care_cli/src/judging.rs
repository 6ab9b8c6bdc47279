//! The judge commands use for typed replies: the meaning judge, or the keyword judge with a
//! note on standard error saying why.

use care_judge::{JudgeStatus, LoadedJudge, load_judge};

use crate::{CliError, Io};

/// Loads the judge once per command; says so when replies will be judged by keywords.
pub fn load(io: &mut Io<'_>) -> Result<LoadedJudge, CliError> {
    let loaded = load_judge();
    if let JudgeStatus::KeywordsInstead(_) = &loaded.status {
        writeln!(io.err, "note: {}", loaded.status)?;
    }
    Ok(loaded)
}
