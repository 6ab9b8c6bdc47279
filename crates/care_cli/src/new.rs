//! `care new`: writes a valid, commented starting scenario for a channel.

use std::io::Write as _;
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
    /// Folder to write into [default: the scenarios folder; see --scenarios].
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

/// Checks that `id` can name a new scenario file (see [`care_engine::load::check_file_id`]);
/// `what` names where it came from, e.g. `--id`.
pub(crate) fn check_id(what: &str, id: &str) -> Result<(), CliError> {
    care_engine::load::check_file_id(id).map_err(|e| CliError::Usage(format!("{what}: {e}")))
}

/// Writes `DIR/ID.scenario.ron` as a new file: never over an existing file, never through a
/// link planted under that name; `instead` says what to do if it exists.
pub(crate) fn write_new_scenario(
    dir: &std::path::Path,
    id: &str,
    text: &str,
    instead: &str,
) -> Result<PathBuf, CliError> {
    check_id("the scenario id", id)?;
    let file = dir.join(format!("{id}{}", care_engine::load::SCENARIO_SUFFIX));
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Failed(format!("cannot create {}: {e}", dir.display())))?;
    let cannot_write = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            CliError::Usage(format!("{} already exists; {instead}", file.display()))
        } else {
            CliError::Failed(format!("cannot write {}: {e}", file.display()))
        }
    };
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&file)
        .map_err(cannot_write)?;
    out.write_all(text.as_bytes())
        .and_then(|()| out.sync_all())
        .map_err(cannot_write)?;
    Ok(file)
}

pub fn run(a: &NewArgs, scenarios: &std::path::Path, io: &mut Io<'_>) -> Result<i32, CliError> {
    check_id("the name", &a.name)?;
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
