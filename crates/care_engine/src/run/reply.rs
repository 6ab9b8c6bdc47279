//! A typed reply's verdict in the run: its rubric marks, the criteria it met, and the note when
//! it was judged by keywords instead of by meaning.

use std::sync::Arc;

use super::{Event, MarkKind, ReplyRequest, ScenarioRun, Verdicts};

impl ScenarioRun {
    pub(super) fn score_reply(
        &mut self,
        moment: usize,
        rubric_id: crate::ids::RubricId,
        text: &str,
        verdicts: Verdicts<'_>,
    ) {
        let scenario = Arc::clone(&self.scenario);
        let rubric = scenario.rubric(rubric_id);
        let verdict = match verdicts {
            Verdicts::Given(v) => v,
            Verdicts::From(judge) => {
                let request = ReplyRequest {
                    scenario: Arc::clone(&scenario),
                    rubric: rubric_id,
                    persona: self.persona().clone(),
                };
                judge.judge(&request, text)
            }
        };
        if let Some(a) = self.transcript.answers.last_mut() {
            a.verdict = Some(verdict.clone());
        }
        self.last_reply_points = verdict.total();
        self.last_met = verdict
            .hits
            .iter()
            .filter_map(|h| rubric.entries.get(h.entry))
            .map(|e| e.key.clone())
            .collect();
        for hit in &verdict.hits {
            let Some(e) = rubric.entries.get(hit.entry) else {
                continue;
            };
            self.mark(
                moment,
                MarkKind::Rubric {
                    dimension: e.dimension,
                    points: e.points,
                    label: e.label.clone(),
                    evidence: Some(hit.evidence.clone()),
                    advice: e.advice.clone(),
                    closest: hit.closest.clone().zip(hit.closeness),
                },
            );
        }
        for &i in &verdict.missed {
            let Some(e) = rubric.entries.get(i) else {
                continue;
            };
            self.mark(
                moment,
                MarkKind::Rubric {
                    dimension: e.dimension,
                    points: 0,
                    label: e.label.clone(),
                    evidence: None,
                    advice: e.advice.clone(),
                    closest: None,
                },
            );
        }
        if let crate::rubric::JudgedBy::KeywordsInstead { reason } = &verdict.judged_by {
            self.mark(
                moment,
                MarkKind::JudgedByKeywords {
                    reason: reason.clone(),
                },
            );
        }
        self.emit(Event::ReplyScored { verdict });
    }
}
