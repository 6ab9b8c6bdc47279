//! Replies a trainer has labelled good or poor for a scenario's typed moments
//! (`NAME.replies.ron` beside the scenario), and how a judge's verdicts on them are measured:
//! the share of (good, poor) pairs ranked the right way, and where each reply leads.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::ids::NodeId;
use crate::judge::Judge;
use crate::model::Scenario;
use crate::rubric::Verdict;
use crate::run::{Event, Input, ScenarioRun, StartState};

/// File name ending of labelled reply files.
pub const REPLIES_SUFFIX: &str = ".replies.ron";

/// A scenario's labelled replies.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename = "LabelledReplies", deny_unknown_fields)]
pub struct LabelledReplies {
    pub scenario: String,
    pub moments: Vec<LabelledMoment>,
}

/// Replies to one typed moment. `{first}` in a reply stands for the customer's first name.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledMoment {
    /// The id of the beat that takes the typed reply.
    pub beat: String,
    pub good: Vec<String>,
    pub poor: Vec<String>,
}

impl LabelledReplies {
    /// Reads labelled replies from RON text.
    pub fn parse(text: &str) -> Result<LabelledReplies, String> {
        crate::load::ron_options()
            .from_str(text)
            .map_err(|e| e.to_string())
    }

    /// Finds and reads `ID.replies.ron` anywhere under `folder`.
    pub fn find(folder: &Path, id: &str) -> Result<(PathBuf, LabelledReplies), String> {
        let name = format!("{id}{REPLIES_SUFFIX}");
        let file = crate::script::find_file(folder, &name)
            .ok_or_else(|| format!("no {name} under {}", folder.display()))?;
        let text = crate::load_files::read_text_capped(&file)?;
        let replies =
            LabelledReplies::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        Ok((file, replies))
    }
}

/// Where a typed reply led, among the moment's branches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Branch {
    /// The first branch: what the best replies reach.
    Best,
    /// A branch between the first and the fallback.
    Middle,
    /// The fallback (`next`): what the poorest replies reach.
    Worst,
    /// The moment does not branch on the reply.
    Only,
}

/// One reply judged at its moment.
#[derive(Debug, Clone)]
pub struct Judged {
    /// What the judge was given besides the reply.
    pub request: crate::judge::ReplyRequest,
    pub reply: String,
    pub verdict: Verdict,
    pub branch: Branch,
    /// The beat or ending the reply leads to.
    pub reached: Option<NodeId>,
}

/// Judges `reply` at the typed beat `beat` of `scenario`, as a run with `seed` would reach it.
pub fn judge_at(
    scenario: &Arc<Scenario>,
    beat: &str,
    seed: u64,
    reply: &str,
    judge: &dyn Judge,
) -> Result<Judged, String> {
    let prepared = prepare_at(scenario, beat, seed, reply)?;
    let verdict = judge.judge(&prepared.request, &prepared.reply);
    prepared.judged(verdict)
}

/// A reply ready for a judge at its typed moment: what to ask the judge, and the run waiting
/// at the moment to learn where the verdict leads. For judges that answer later (on another
/// thread): ask with [`Prepared::request`] and [`Prepared::reply`], then [`Prepared::judged`].
#[derive(Debug, Clone)]
pub struct Prepared {
    pub request: crate::judge::ReplyRequest,
    /// The reply with `{first}` filled in.
    pub reply: String,
    run: ScenarioRun,
    beat: crate::ids::BeatId,
}

/// Prepares `reply` for judging at the typed beat `beat` of `scenario`, as a run with `seed`
/// would reach it.
pub fn prepare_at(
    scenario: &Arc<Scenario>,
    beat: &str,
    seed: u64,
    reply: &str,
) -> Result<Prepared, String> {
    let index = scenario
        .beats
        .iter()
        .position(|b| b.key == beat)
        .ok_or_else(|| format!("{} has no beat `{beat}`", scenario.id))?;
    let beat_id = crate::ids::BeatId(u32::try_from(index).map_err(|e| e.to_string())?);
    if scenario.beat(beat_id).typed.is_none() {
        return Err(format!(
            "beat `{beat}` of {} takes no typed reply",
            scenario.id
        ));
    }
    let (run, _) = ScenarioRun::start_at(
        Arc::clone(scenario),
        seed,
        beat_id,
        StartState::of(scenario),
    );
    let filled = reply.replace("{first}", run.persona().first_name());
    let request = run
        .reply_request()
        .ok_or_else(|| format!("beat `{beat}` does not wait for a reply"))?;
    Ok(Prepared {
        request,
        reply: filled,
        run,
        beat: beat_id,
    })
}

impl Prepared {
    /// The judged reply: its verdict and the branch it leads to.
    pub fn judged(self, verdict: Verdict) -> Result<Judged, String> {
        let scenario = Arc::clone(self.run.scenario());
        let typed = scenario
            .beat(self.beat)
            .typed
            .as_ref()
            .ok_or_else(|| "the beat takes no typed reply".to_owned())?;
        let mut after = self.run;
        let events = after
            .answer_judged(Input::Typed(self.reply.clone()), 1000, verdict.clone())
            .map_err(|e| e.to_string())?;
        let reached = events.iter().find_map(|e| match e {
            Event::BeatStarted { beat, .. } => Some(NodeId::Beat(*beat)),
            Event::Ended {
                ending: Some(end), ..
            } => Some(NodeId::Ending(*end)),
            _ => None,
        });
        let step = &typed.step;
        let branch = match (step.branches.first(), reached) {
            (None, _) => Branch::Only,
            (Some(first), Some(node)) if node == first.next => Branch::Best,
            (Some(_), Some(node)) if node == step.next => Branch::Worst,
            _ => Branch::Middle,
        };
        Ok(Judged {
            request: self.request,
            reply: self.reply,
            verdict,
            branch,
            reached,
        })
    }
}

/// The share of (good, poor) pairs in which the good reply scored higher (1.0 with no pairs).
pub fn agreement(good: &[i32], poor: &[i32]) -> f64 {
    let pairs = good.len() * poor.len();
    if pairs == 0 {
        return 1.0;
    }
    let right = good
        .iter()
        .flat_map(|g| poor.iter().map(move |p| g > p))
        .filter(|&ok| ok)
        .count();
    right as f64 / pairs as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_counts_pairs_ranked_right() {
        assert_eq!(agreement(&[30, 20], &[10, 25]), 0.75);
        assert_eq!(agreement(&[10], &[10]), 0.0);
        assert_eq!(agreement(&[], &[1]), 1.0);
    }

    #[test]
    fn a_prepared_reply_judged_later_is_judged_as_at_once() {
        use crate::edit::{Document, Edit};
        use crate::judge::KeywordJudge;
        let mut doc = Document::new_scenario("t", crate::model::Channel::Email);
        let moment = doc.new_typed_moment(crate::ids::BeatId(0)).unwrap();
        doc.apply(Edit::AddTypedMoment(Box::new(moment))).unwrap();
        let loaded = crate::load::load_bytes("t", doc.text().as_bytes(), Default::default());
        let s = Arc::new(loaded.scenario.expect("loads"));
        let reply = "{first}, I've sorted it for you now.";
        let now = judge_at(&s, "opening", 1, reply, &KeywordJudge).unwrap();
        let prepared = prepare_at(&s, "opening", 1, reply).unwrap();
        assert!(!prepared.reply.contains("{first}"));
        let verdict = KeywordJudge.judge(&prepared.request, &prepared.reply);
        let later = prepared.judged(verdict).unwrap();
        assert_eq!(later.verdict, now.verdict);
        assert_eq!(later.branch, Branch::Best);
        assert_eq!(later.reached, now.reached);
        assert!(prepare_at(&s, "nowhere", 1, reply).is_err());
    }

    #[test]
    fn the_file_format_reads() {
        let r = LabelledReplies::parse(
            r#"LabelledReplies(scenario: "x", moments: [(beat: "reply", good: ["Hi {first}"], poor: ["Dear customer"])])"#,
        )
        .unwrap();
        assert_eq!(r.moments[0].good, vec!["Hi {first}"]);
    }
}
