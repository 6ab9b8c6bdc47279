//! `care new`: writes a valid, commented starting scenario for a channel.

use std::path::PathBuf;

use care_engine::Channel;
use clap::Args;
use clap::builder::TypedValueParser as _;

use crate::{CliError, EXIT_OK, Io};

/// Parses a channel by its command-line name, listing the names in `--help`.
pub(crate) fn channel_parser() -> impl clap::builder::TypedValueParser<Value = Channel> {
    clap::builder::PossibleValuesParser::new(Channel::ALL.map(Channel::slug))
        // The possible-values check has already refused any other name.
        .map(|s| Channel::from_slug(&s).unwrap_or(Channel::InStore))
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The scenario's id and file name, e.g. `late-delivery`.
    pub name: String,
    /// Where the conversation happens.
    #[arg(long, value_parser = channel_parser())]
    pub channel: Channel,
    /// Folder to write into. Default: the scenarios folder.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The text of a new scenario called `name` on `channel`.
pub fn template(name: &str, channel: Channel) -> String {
    let audience = if channel.is_public() {
        "\n    // Public channel: people watching react to what you do.\n    audience: (name: \"followers of our page\", size: 1200, sentiment: 0),\n"
    } else {
        ""
    };
    let onlookers = if channel.is_public() {
        "\n            audience: [(who: \"Sam\", says: \"Same problem here.\", when: AudienceBelow(5))],"
    } else {
        ""
    };
    format!(
        r#"// A new scenario. Change the texts, add beats, then run `care check` and `care analyze`.
// Every field is described in docs/scenario-format.md.
Scenario(
    id: "{name}",
    title: "A customer needs help",
    summary: "One sentence a trainee reads before starting.",
    lesson: "The one thing this scenario teaches.",
    channel: {channel:?},
    difficulty: Beginner,
    minutes: 3,
    objectives: ["Answer quickly and warmly"],
    customer: (
        name: ["Alex", "Maria", "Tomasz"],   // one is drawn per play
        mood: Upset,
        patience_secs: 45,
    ),{audience}
    start: "opening",
    beats: [
        (
            id: "opening",
            says: "Hello? I've been waiting for an answer.",{onlookers}
            target_secs: 15,
            responses: [
                (
                    text: "\"Hi {{name}}, I'm sorry about the wait. Let me sort this out now.\"",
                    effects: (empathy: 20, follow_through: 10, mood: 30, audience: 10),
                    feedback: "Name, apology and a next step, straight away.",
                    next: "thanks",
                ),
                (
                    text: "\"Thank you for your patience. Your enquiry is important to us and has been passed to the team, who will be in touch as soon as possible.\"",
                    effects: (empathy: -20, follow_through: -15, mood: -20, audience: -10),
                    feedback: "Polite, long and empty: a stock line that promises nothing. Write a poor choice this plausible, so only reading finds the good one.",
                    next: "gives_up",
                ),
                (
                    text: "\"Please hold.\"",
                    pin: Last,   // choices are shuffled for every run; a pinned one keeps its place
                    effects: (empathy: -20, mood: -20, audience: -10),
                    feedback: "A customer who already waited hears \"wait more\". Say what you will do.",
                    next: "gives_up",
                ),
            ],
            on_timeout: (
                narration: "Nobody answers. {{name}} gives up.",
                effects: (speed: -30, empathy: -10),
                feedback: "Saying nothing is an answer too.",
                next: "gives_up",
            ),
        ),
        (
            id: "thanks",
            says: "Thank you, that's all I needed.",
            then: (next: "resolved"),
        ),
    ],
    endings: [
        (id: "resolved", outcome: Resolved, text: "The customer got help quickly and felt heard."),
        (id: "gives_up", outcome: Lost, text: "The customer left without help. Answer fast, by name, with a next step."),
    ],
)
"#
    )
}

/// Writes `DIR/ID.scenario.ron`, refusing to overwrite; `instead` says what to do if it exists.
pub(crate) fn write_new_scenario(
    dir: &std::path::Path,
    id: &str,
    text: &str,
    instead: &str,
) -> Result<PathBuf, CliError> {
    let file = dir.join(format!("{id}{}", care_engine::load::SCENARIO_SUFFIX));
    if file.exists() {
        return Err(CliError::Usage(format!(
            "{} already exists; {instead}",
            file.display()
        )));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Failed(format!("cannot create {}: {e}", dir.display())))?;
    std::fs::write(&file, text)
        .map_err(|e| CliError::Failed(format!("cannot write {}: {e}", file.display())))?;
    Ok(file)
}

pub fn run(a: &NewArgs, scenarios: &std::path::Path, io: &mut Io<'_>) -> Result<i32, CliError> {
    let valid = !a.name.is_empty()
        && a.name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(CliError::Usage(format!(
            "`{}` cannot be a file name; use letters, digits and dashes, e.g. late-delivery",
            a.name
        )));
    }
    let dir = a.dir.clone().unwrap_or_else(|| scenarios.to_path_buf());
    let file = write_new_scenario(
        &dir,
        &a.name,
        &template(&a.name, a.channel),
        "pick another name",
    )?;
    writeln!(
        io.out,
        "wrote {}\nnext: edit it, then `care check {}`",
        file.display(),
        file.display()
    )?;
    Ok(EXIT_OK)
}
