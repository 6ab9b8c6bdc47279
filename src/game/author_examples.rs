//! How the judge reads each labelled example reply of the scenario being edited, right now:
//! once the checks give a scenario that loads, every good and poor reply of every typed moment
//! goes to the judging worker (the same judge a trainee's reply meets), off the frame; the
//! verdict and the branch it leads to come back under its ticket. A new round starts only
//! when the last is done, so fast typing never piles replies up on the judge; until then the
//! last round's results are shown.

use std::collections::HashMap;
use std::sync::Arc;

use bevy::prelude::*;
use care_engine::Scenario;
use care_engine::labelled::{Branch, Prepared, prepare_at};

use super::author::ScenarioEditor;
use super::judging::JudgeWorker;

/// The customer drawn for the example replies (as `care analyze --replies` does).
const SEED: u64 = 1;

/// How one example reply was judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleResult {
    /// Rubric points in all.
    pub points: i32,
    /// The criteria it met, by label.
    pub met: Vec<String>,
    pub branch: Branch,
    /// The id of the beat or ending it leads to.
    pub leads_to: Option<String>,
}

/// The judged example replies, by beat id and reply as written.
#[derive(Debug, Default)]
pub struct Examples {
    results: HashMap<(String, String), Result<ExampleResult, String>>,
    /// The round being judged: its results so far and the replies still with the judge.
    incoming: HashMap<(String, String), Result<ExampleResult, String>>,
    pending: Vec<(u64, (String, String), Prepared)>,
    /// What the last round judged: the scenario's content hash and the replies.
    judged: Option<(String, Vec<(String, String)>)>,
    /// The round out is about a document that is gone: its verdicts are taken and dropped.
    dropped: bool,
}

impl Examples {
    /// How `reply` at beat `beat` was judged in the last finished round.
    pub fn result(&self, beat: &str, reply: &str) -> Option<&Result<ExampleResult, String>> {
        self.results.get(&(beat.to_owned(), reply.to_owned()))
    }

    /// Forgets everything about the document that was open (a round still out is dropped
    /// when it comes back).
    pub(super) fn forget(&mut self) {
        self.results.clear();
        self.incoming.clear();
        self.judged = None;
        self.dropped = !self.pending.is_empty();
    }

    /// Whether a round is with the judge.
    pub fn judging(&self) -> bool {
        !self.pending.is_empty()
    }
}

/// Every labelled reply of the document, by beat.
fn replies(editor: &ScenarioEditor) -> Vec<(String, String)> {
    let Some(labelled) = editor.document().and_then(|d| d.replies()) else {
        return Vec::new();
    };
    labelled
        .moments
        .iter()
        .flat_map(|m| {
            m.good
                .iter()
                .chain(&m.poor)
                .map(|r| (m.beat.clone(), r.clone()))
        })
        .collect()
}

fn result(
    prepared: Prepared,
    verdict: care_engine::rubric::Verdict,
) -> Result<ExampleResult, String> {
    let scenario: Arc<Scenario> = Arc::clone(&prepared.request.scenario);
    let rubric = prepared.request.rubric().clone();
    let judged = prepared.judged(verdict)?;
    Ok(ExampleResult {
        points: judged.verdict.total(),
        met: judged
            .verdict
            .hits
            .iter()
            .filter_map(|h| rubric.entries.get(h.entry))
            .map(|e| e.label.clone())
            .collect(),
        branch: judged.branch,
        leads_to: judged.reached.map(|n| scenario.node_key(n).to_owned()),
    })
}

/// Sends a new round to the judge when the scenario or its replies changed and none is out.
pub(super) fn submit(mut editor: ResMut<ScenarioEditor>, mut worker: ResMut<JudgeWorker>) {
    if editor.examples.judging() {
        return;
    }
    let Some(scenario) = editor.checked().and_then(|c| c.scenario.clone()) else {
        return;
    };
    let replies = replies(&editor);
    let round = (scenario.content_hash.clone(), replies);
    if editor.examples.judged.as_ref() == Some(&round) {
        return;
    }
    let examples = &mut editor.examples;
    examples.incoming.clear();
    for key in &round.1 {
        match prepare_at(&scenario, &key.0, SEED, &key.1) {
            Ok(prepared) => {
                let ticket = worker.submit(prepared.request.clone(), prepared.reply.clone());
                examples.pending.push((ticket, key.clone(), prepared));
            }
            Err(e) => {
                examples.incoming.insert(key.clone(), Err(e));
            }
        }
    }
    examples.judged = Some(round);
    if examples.pending.is_empty() {
        examples.results = std::mem::take(&mut examples.incoming);
    }
}

/// Takes the verdicts that came back; the round's results replace the last round's once all
/// are in.
pub(super) fn collect(mut editor: ResMut<ScenarioEditor>, mut worker: ResMut<JudgeWorker>) {
    let examples = &mut editor.examples;
    if examples.pending.is_empty() {
        return;
    }
    let mut still = Vec::new();
    for (ticket, key, prepared) in std::mem::take(&mut examples.pending) {
        match worker.take(ticket) {
            Some(verdict) => {
                examples.incoming.insert(key, result(prepared, verdict));
            }
            None => still.push((ticket, key, prepared)),
        }
    }
    examples.pending = still;
    if examples.pending.is_empty() {
        let round = std::mem::take(&mut examples.incoming);
        if !std::mem::take(&mut examples.dropped) {
            examples.results = round;
        }
    }
}
