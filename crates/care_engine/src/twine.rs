//! Import from Twine (Twee 3 text): passages become beats, links become responses, and passages
//! without links become endings. The result is a valid skeleton for a trainer to add scoring to.

use std::collections::HashMap;

use thiserror::Error;

use crate::model::{Channel, Outcome};
use crate::raw::{RawBeat, RawCustomer, RawEnding, RawResponse, RawScenario, RawScoring, RawStep};

/// Why a Twee file could not be imported.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TwineError {
    #[error("no passages found: a Twee file has passages that start with `:: Name`")]
    NoPassages,
    #[error("the start passage `{0}` does not exist")]
    NoStart(String),
    #[error("passage `{passage}` links to `{target}`, which does not exist")]
    BrokenLink { passage: String, target: String },
    /// The scenario id cannot name a file ([`crate::load::check_file_id`] says why).
    #[error("{0}")]
    BadId(String),
}

struct Passage {
    name: String,
    tags: Vec<String>,
    text: String,
    links: Vec<(String, String)>,
}

/// `[[text->target]]`, `[[target<-text]]`, `[[text|target]]` or `[[target]]`: (text, target).
fn parse_link(inner: &str) -> (String, String) {
    let (text, target) = if let Some((t, g)) = inner.split_once("->") {
        (t, g)
    } else if let Some((g, t)) = inner.split_once("<-") {
        (t, g)
    } else if let Some((t, g)) = inner.split_once('|') {
        (t, g)
    } else {
        (inner, inner)
    };
    (text.trim().to_owned(), target.trim().to_owned())
}

/// Splits passage text into its prose and its links.
fn split_links(body: &str) -> (String, Vec<(String, String)>) {
    let mut prose = String::new();
    let mut links = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find("[[") {
        prose.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        match after.find("]]") {
            Some(close) => {
                links.push(parse_link(&after[..close]));
                rest = &after[close + 2..];
            }
            None => {
                prose.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    prose.push_str(rest);
    let prose = prose.split_whitespace().collect::<Vec<_>>().join(" ");
    (prose, links)
}

fn passages(twee: &str) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    let mut body = String::new();
    let mut header: Option<(String, Vec<String>)> = None;
    let flush =
        |header: &mut Option<(String, Vec<String>)>, body: &mut String, out: &mut Vec<Passage>| {
            if let Some((name, tags)) = header.take() {
                let (text, links) = split_links(body);
                out.push(Passage {
                    name,
                    tags,
                    text,
                    links,
                });
            }
            body.clear();
        };
    for line in twee.lines() {
        if let Some(h) = line.strip_prefix("::") {
            flush(&mut header, &mut body, &mut out);
            // `:: Name [tag tag] {"position":"…"}`: drop the metadata, keep the tags.
            let h = h.split_once('{').map_or(h, |(a, _)| a).trim();
            let (name, tags) = match h.split_once('[') {
                Some((n, t)) => (
                    n.trim(),
                    t.trim_end_matches(']')
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect(),
                ),
                None => (h, Vec::new()),
            };
            header = Some((name.to_owned(), tags));
        } else {
            body.push_str(line);
            body.push('\n');
        }
    }
    flush(&mut header, &mut body, &mut out);
    out
}

/// A Twine passage name as a scenario id: lower case, dashes for anything else.
fn id(name: &str) -> String {
    let s: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "passage".to_owned()
    } else {
        s
    }
}

fn outcome(tags: &[String]) -> Outcome {
    let has = |t: &str| tags.iter().any(|x| x.eq_ignore_ascii_case(t));
    if has("won-back") || has("wonback") {
        Outcome::WonBack
    } else if has("lost") {
        Outcome::Lost
    } else if has("escalated") {
        Outcome::Escalated
    } else if has("viral") || has("gone-viral") {
        Outcome::GoneViral
    } else {
        Outcome::Resolved
    }
}

/// A scenario id made from a Twee file's name: lower-case ASCII letters and digits, dashes for
/// anything else, so it can always name the new file (`imported` when nothing is left).
pub fn file_id(file_stem: &str) -> String {
    let dashed: String = file_stem
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let mut id = dashed
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    id.truncate(crate::load::MAX_FILE_ID_CHARS);
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "imported".to_owned()
    } else {
        id.to_owned()
    }
}

/// The id of the ending added for customers nobody answers.
pub const NO_ANSWER_ENDING: &str = "no-answer";

/// Converts a Twee 3 story into a scenario skeleton with id `scenario_id`.
pub fn import(twee: &str, scenario_id: &str, channel: Channel) -> Result<RawScenario, TwineError> {
    crate::load::check_file_id(scenario_id).map_err(TwineError::BadId)?;
    let all = passages(twee);
    let title = all
        .iter()
        .find(|p| p.name == "StoryTitle")
        .map(|p| p.text.clone());
    let start_name = all
        .iter()
        .find(|p| p.name == "StoryData")
        .and_then(|p| serde_json::from_str::<serde_json::Value>(&p.text).ok())
        .and_then(|v| v.get("start").and_then(|s| s.as_str()).map(str::to_owned));
    let story: Vec<&Passage> = all
        .iter()
        .filter(|p| {
            !matches!(p.name.as_str(), "StoryTitle" | "StoryData")
                && !p.tags.iter().any(|t| t == "script" || t == "stylesheet")
        })
        .collect();
    let first = story.first().ok_or(TwineError::NoPassages)?;
    let start_name = start_name.unwrap_or_else(|| first.name.clone());
    let ids: HashMap<&str, String> = story
        .iter()
        .map(|p| (p.name.as_str(), id(&p.name)))
        .collect();
    let start = ids
        .get(start_name.as_str())
        .cloned()
        .ok_or(TwineError::NoStart(start_name))?;
    let mut beats = Vec::new();
    let mut endings = Vec::new();
    for p in &story {
        let text = if p.text.is_empty() {
            p.name.clone()
        } else {
            p.text.clone()
        };
        if p.links.is_empty() && p.name != first.name {
            endings.push(RawEnding {
                id: ids[p.name.as_str()].clone(),
                outcome: outcome(&p.tags),
                text,
                effects: None,
            });
            continue;
        }
        let mut responses = Vec::new();
        for (label, target) in &p.links {
            let next = ids
                .get(target.as_str())
                .cloned()
                .ok_or_else(|| TwineError::BrokenLink {
                    passage: p.name.clone(),
                    target: target.clone(),
                })?;
            responses.push(RawResponse {
                text: label.clone(),
                pin: None,
                when: None,
                effects: Default::default(),
                delay: None,
                makes: Vec::new(),
                keeps: Vec::new(),
                breaks: Vec::new(),
                set: Vec::new(),
                clear: Vec::new(),
                feedback: String::new(),
                next,
                branches: Vec::new(),
            });
        }
        let on_timeout = (!responses.is_empty()).then(|| RawStep {
            narration: "Nobody answers, and the customer gives up.".into(),
            effects: Default::default(),
            delay: None,
            keeps: Vec::new(),
            breaks: Vec::new(),
            set: Vec::new(),
            clear: Vec::new(),
            feedback: String::new(),
            next: NO_ANSWER_ENDING.into(),
            branches: Vec::new(),
        });
        beats.push(RawBeat {
            id: ids[p.name.as_str()].clone(),
            narration: text,
            says: String::new(),
            audience: Vec::new(),
            keeps: Vec::new(),
            breaks: Vec::new(),
            target_secs: None,
            wait_secs: None,
            responses,
            typed: None,
            on_timeout,
            then: None,
        });
    }
    endings.push(RawEnding {
        id: NO_ANSWER_ENDING.into(),
        outcome: Outcome::Lost,
        text: "Nobody answered, so the customer gave up. Write what the lesson is here.".into(),
        effects: None,
    });
    Ok(RawScenario {
        id: scenario_id.to_owned(),
        title: title.unwrap_or_else(|| scenario_id.to_owned()),
        summary: "Imported from Twine: write a one-sentence summary.".into(),
        version: 1,
        channel,
        difficulty: Default::default(),
        language: "en".into(),
        lesson: String::new(),
        objectives: Vec::new(),
        minutes: 5,
        tags: vec!["imported".into()],
        customer: RawCustomer {
            name: vec!["Alex".into()],
            details: String::new(),
            traits: Vec::new(),
            mood: Default::default(),
            patience_secs: 45,
        },
        audience: None,
        clock: None,
        vars: Vec::new(),
        promises: Vec::new(),
        rubrics: Vec::new(),
        start,
        beats,
        endings,
        scoring: RawScoring::default(),
    })
}
