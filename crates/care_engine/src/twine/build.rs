//! From a story's scenes to a skeleton: the start passage, what it reaches, an ending for
//! each missing link target, and responses spread over extra beats when a passage has too many.

use std::collections::{HashMap, HashSet, VecDeque};

use super::TwineError;
use super::links::{Link, not_a_passage};
use super::names::{Ids, escape};
use super::report::{ImportReport, SkipReason, Skipped, Warning};
use super::scan::{Scanned, scan};
use super::skeleton::{NO_ANSWER_ENDING, beat, ending, no_answer_ending, response, scenario};
use super::story::Story;
use super::twee::Passage;
use crate::model::Channel;
use crate::raw::{RawBeat, RawEnding, RawResponse, RawScenario};
use crate::resolve_steps::MAX_RESPONSES;

/// A scene with its text read and its links sorted out.
struct Scene {
    passage: Passage,
    prose: String,
    /// Distinct links (text and target) to passage names, in order.
    links: Vec<Link>,
}

/// The skeleton of `story`; what was done goes to `report`.
pub fn skeleton(
    story: Story,
    id: &str,
    channel: Channel,
    report: &mut ImportReport,
) -> Result<RawScenario, TwineError> {
    let format = story.format;
    let scenes: Vec<Scene> = story
        .passages
        .into_iter()
        .map(|passage| {
            let Scanned { prose, links } = scan(&passage.text, format);
            let mut seen = HashSet::new();
            let links = links
                .into_iter()
                .filter(|l| seen.insert(l.clone()))
                .collect();
            Scene {
                passage,
                prose,
                links,
            }
        })
        .collect();
    let index: HashMap<&str, usize> = scenes
        .iter()
        .enumerate()
        .map(|(i, s)| (s.passage.name.as_str(), i))
        .collect();
    let start = start(&scenes, &index, story.start, report)?;
    let reached = reachable(&scenes, &index, start);
    let mut ids = Ids::default();
    ids.reserve(NO_ANSWER_ENDING);
    let mut node: HashMap<&str, String> = HashMap::new();
    for (i, s) in scenes.iter().enumerate() {
        if reached[i] {
            node.insert(&s.passage.name, ids.make(&s.passage.name));
        } else {
            report.skipped.push(Skipped {
                name: s.passage.name.clone(),
                reason: SkipReason::Unreachable,
            });
        }
    }
    let mut endings: Vec<RawEnding> = Vec::new();
    let mut missing: Vec<RawEnding> = Vec::new();
    let mut beats: Vec<RawBeat> = Vec::new();
    for (i, s) in scenes.iter().enumerate().filter(|(i, _)| reached[*i]) {
        let name = &s.passage.name;
        let mut responses = Vec::new();
        for l in &s.links {
            if not_a_passage(&l.target) && !index.contains_key(l.target.as_str()) {
                report.warnings.push(Warning::NotAPassage {
                    passage: name.clone(),
                    target: l.target.clone(),
                });
                continue;
            }
            if !node.contains_key(l.target.as_str()) {
                let ending_id = ids.make(&l.target);
                report.warnings.push(Warning::MissingTarget {
                    passage: name.clone(),
                    target: l.target.clone(),
                    suggestion: crate::suggest::closest(&l.target, index.keys().copied())
                        .map(str::to_owned),
                    ending: ending_id.clone(),
                });
                report.added_endings.push(ending_id.clone());
                missing.push(ending(
                    ending_id.clone(),
                    escape(&format!(
                        "The story links to \"{}\", which has no passage: write this ending.",
                        l.target
                    )),
                    &[],
                ));
                node.insert(&l.target, ending_id);
            }
            responses.push(response(escape(&l.text), node[l.target.as_str()].clone()));
        }
        let text = escape(if s.prose.is_empty() { name } else { &s.prose });
        let id = node[name.as_str()].clone();
        if responses.is_empty() && i != start {
            report.endings += 1;
            endings.push(ending(id, text, &s.passage.tags));
            continue;
        }
        report.beats += 1;
        report.links += responses.len();
        if responses.len() > MAX_RESPONSES {
            report.warnings.push(Warning::TooManyLinks {
                passage: name.clone(),
                links: responses.len(),
            });
        }
        let before = beats.len();
        spread(id, text, responses, name, &mut ids, &mut beats);
        report.more_beats += beats.len() - before - 1;
    }
    let needs_end = beats.iter().any(|b| b.responses.is_empty());
    if needs_end {
        // Only a start passage without links moves on by itself: to this ending.
        let end = beats
            .iter()
            .find_map(|b| b.then.as_ref())
            .map(|t| t.next.clone())
            .unwrap_or_default();
        endings.push(ending(
            end,
            "The story ends here: write what happened and what the lesson is.".into(),
            &[],
        ));
    }
    endings.extend(missing);
    if beats.iter().any(|b| !b.responses.is_empty()) {
        endings.push(no_answer_ending());
    }
    let start_id = node[scenes[start].passage.name.as_str()].clone();
    Ok(scenario(id, story.title, channel, start_id, beats, endings))
}

/// The start passage: the one StoryData names, else `Start`, else the first scene.
fn start(
    scenes: &[Scene],
    index: &HashMap<&str, usize>,
    named: Option<String>,
    report: &mut ImportReport,
) -> Result<usize, TwineError> {
    if let Some(i) = named.as_deref().and_then(|n| index.get(n)) {
        return Ok(*i);
    }
    let (used, i) = match index.get("Start") {
        Some(i) => ("Start", *i),
        None if scenes.is_empty() => return Err(TwineError::NoPassages),
        None => (scenes[0].passage.name.as_str(), 0),
    };
    if named.is_some() || used != "Start" {
        report.warnings.push(Warning::StartMissing {
            named,
            used: used.to_owned(),
        });
    }
    Ok(i)
}

/// Which scenes links lead to from `start`.
fn reachable(scenes: &[Scene], index: &HashMap<&str, usize>, start: usize) -> Vec<bool> {
    let mut seen = vec![false; scenes.len()];
    seen[start] = true;
    let mut queue = VecDeque::from([start]);
    while let Some(i) = queue.pop_front() {
        for l in &scenes[i].links {
            if let Some(&j) = index.get(l.target.as_str())
                && !seen[j]
            {
                seen[j] = true;
                queue.push_back(j);
            }
        }
    }
    seen
}

/// The beat `id` with `responses`: when there are more than a beat offers, the last place
/// goes to "More choices", which leads to a beat with the rest (and so on).
fn spread(
    id: String,
    narration: String,
    mut responses: Vec<RawResponse>,
    name: &str,
    ids: &mut Ids,
    beats: &mut Vec<RawBeat>,
) {
    let end = match responses.first() {
        Some(_) => String::new(),
        None => ids.make("end"),
    };
    let (mut id, mut narration) = (id, narration);
    while responses.len() > MAX_RESPONSES {
        let rest = responses.split_off(MAX_RESPONSES - 1);
        let more = ids.make(&format!("{name} more"));
        responses.push(response("More choices".into(), more.clone()));
        beats.push(beat(id, narration, responses, &end));
        responses = rest;
        id = more;
        narration = escape(&format!("More choices (\"{name}\")."));
    }
    beats.push(beat(id, narration, responses, &end));
}
