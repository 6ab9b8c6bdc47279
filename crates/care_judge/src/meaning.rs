//! The meaning judge: each part of a reply is compared with what every criterion means (its
//! example phrasings) and with what it does not (its look-alikes), by a sentence model; the
//! customer's name, a time or day, and capitals are still checked exactly.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use care_engine::judge::{Judge, ReplyRequest};
use care_engine::model::{Rubric, RubricEntry};
use care_engine::rubric::{JudgedBy, RubricHit, Verdict, exact_match, negates as negated, words};

use crate::clauses::{Clause, clauses};
use crate::{Embedding, ModelError, SentenceModel};

/// How close (cosine) a part of a reply must come to an example to count by meaning alone.
pub const MIN_SIMILARITY: f32 = 0.5;
/// How close a part must come to a penalty's example to count by meaning alone: higher, since
/// a penalty wrongly given costs a good reply more than a reward wrongly missed.
pub const MIN_PENALTY_SIMILARITY: f32 = 0.6;
/// How close a part holding one of the entry's phrases must come to an example for the phrase
/// to count in a rewarding entry ("so sorry" in a real apology, not in a stock line).
pub const MIN_WITH_WORDS: f32 = 0.3;
/// How close a part must come to a look-alike for it to take the part from the examples.
pub const MIN_LOOK_ALIKE: f32 = 0.4;
/// How much closer to an example than to every look-alike a part must be.
pub const MARGIN: f32 = 0.02;
/// Most tokens of a reply's parts compared by meaning; the parts after are left out. Judging
/// time grows with length, and this bounds it for a pasted page. 5,000 characters (the longest
/// reply a scenario may allow) of replies like the labelled ones come to at most 1,700 tokens.
pub const MAX_REPLY_TOKENS: usize = 2048;

/// One criterion compared with a reply: the best part, its closest example, and the closest
/// look-alike, whether it counted or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Index into the rubric's entries.
    pub entry: usize,
    pub clause: String,
    pub start: usize,
    pub example: String,
    pub similarity: f32,
    pub unlike: Option<(String, f32)>,
    /// The part and the example disagree on negation ("not your fault" / "your fault").
    pub negation_differs: bool,
    /// The entry's own words in the part, when it has them ("sorry", "our policy").
    pub words: Option<String>,
    pub counted: bool,
}

/// Judges typed replies by meaning with an embedded sentence model.
pub struct MeaningJudge {
    model: SentenceModel,
    /// Embeddings of example phrasings, computed once each.
    examples: Mutex<HashMap<String, Arc<Embedding>>>,
}

impl std::fmt::Debug for MeaningJudge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MeaningJudge")
    }
}

impl MeaningJudge {
    pub fn new(model: SentenceModel) -> MeaningJudge {
        MeaningJudge {
            model,
            examples: Mutex::new(HashMap::new()),
        }
    }

    /// The judge with the model built into the program.
    pub fn embedded() -> Result<MeaningJudge, ModelError> {
        SentenceModel::load_embedded().map(MeaningJudge::new)
    }

    /// Embeds every example of `rubric` now, so the first reply is judged as fast as the rest.
    pub fn prepare(&self, rubric: &Rubric) -> Result<(), ModelError> {
        let texts: Vec<&str> = rubric
            .entries
            .iter()
            .flat_map(|e| e.examples.iter().chain(&e.unlike))
            .map(String::as_str)
            .collect();
        self.embed_examples(&texts)
    }

    /// Embeds those of `texts` not embedded yet, all in one call.
    fn embed_examples(&self, texts: &[&str]) -> Result<(), ModelError> {
        let mut missing: Vec<&str> = {
            let cache = self.lock();
            texts
                .iter()
                .copied()
                .filter(|t| !cache.contains_key(*t))
                .collect()
        };
        missing.sort_unstable();
        missing.dedup();
        if missing.is_empty() {
            return Ok(());
        }
        let embedded = self.model.embed_many(&missing)?;
        let mut cache = self.lock();
        for (text, e) in missing.into_iter().zip(embedded) {
            cache.insert(text.to_owned(), Arc::new(e));
        }
        Ok(())
    }

    fn example(&self, text: &str) -> Result<Arc<Embedding>, ModelError> {
        if let Some(e) = self.lock().get(text) {
            return Ok(Arc::clone(e));
        }
        let e = Arc::new(self.model.embed(text)?);
        self.lock().insert(text.to_owned(), Arc::clone(&e));
        Ok(e)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Embedding>>> {
        self.examples.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every criterion with examples compared with `reply`, counted or not: what `care analyze
    /// --replies` shows a trainer tuning a rubric.
    pub fn compare(
        &self,
        request: &ReplyRequest,
        reply: &str,
    ) -> Result<Vec<Comparison>, ModelError> {
        let rubric = request.rubric();
        self.prepare(rubric)?;
        let parts = self.within_budget(clauses(reply))?;
        let texts: Vec<&str> = parts.iter().map(|c| c.text.as_str()).collect();
        let embedded = if texts.is_empty() {
            Vec::new()
        } else {
            self.model.embed_many(&texts)?
        };
        let mut out = Vec::new();
        for (i, entry) in rubric.entries.iter().enumerate() {
            if entry.examples.is_empty() {
                continue;
            }
            if let Some(c) = self.compare_entry(request, i, entry, &parts, &embedded)? {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// The first of `parts` that fit in [`MAX_REPLY_TOKENS`] together.
    fn within_budget(&self, mut parts: Vec<Clause>) -> Result<Vec<Clause>, ModelError> {
        let mut tokens = 0;
        for (i, part) in parts.iter().enumerate() {
            tokens += self.model.token_count(&part.text)?;
            if tokens > MAX_REPLY_TOKENS {
                parts.truncate(i);
                break;
            }
        }
        Ok(parts)
    }

    fn compare_entry(
        &self,
        request: &ReplyRequest,
        index: usize,
        entry: &RubricEntry,
        parts: &[Clause],
        embedded: &[Embedding],
    ) -> Result<Option<Comparison>, ModelError> {
        let examples: Vec<(&String, Arc<Embedding>)> = entry
            .examples
            .iter()
            .map(|t| self.example(t).map(|e| (t, e)))
            .collect::<Result<_, _>>()?;
        let unlike: Vec<(&String, Arc<Embedding>)> = entry
            .unlike
            .iter()
            .map(|t| self.example(t).map(|e| (t, e)))
            .collect::<Result<_, _>>()?;
        let closest = |v: &Embedding, of: &[(&String, Arc<Embedding>)]| {
            of.iter()
                .map(|(t, e)| ((*t).clone(), v.cosine(e)))
                .max_by(|a, b| a.1.total_cmp(&b.1))
        };
        let mut best: Option<Comparison> = None;
        for (part, v) in parts.iter().zip(embedded) {
            let Some((example, similarity)) = closest(v, &examples) else {
                continue;
            };
            let unlike = closest(v, &unlike);
            let negation_differs = negated(&part.text) != negated(&example);
            // A look-alike wins only where it is really alike.
            let beaten = unlike
                .as_ref()
                .is_some_and(|(_, u)| *u >= MIN_LOOK_ALIKE && *u + MARGIN > similarity);
            // The exact check keywords do well: the entry's phrases, not right after a "not".
            let stemmer = request.scenario.language.stemmer;
            let found = words(&part.text, stemmer);
            let words = exact_match(
                &entry.matcher,
                &found,
                &part.text,
                &request.persona,
                stemmer,
            )
            .map(|span| part.text[span].to_owned());
            let needed = if entry.points < 0 {
                MIN_PENALTY_SIMILARITY
            } else {
                MIN_SIMILARITY
            };
            let by_meaning = similarity >= needed && !negation_differs;
            // A penalty's phrase always counts (a policy quoted is a policy quoted); a reward's
            // only where the part means something like the entry.
            let by_words = words.is_some() && (entry.points < 0 || similarity >= MIN_WITH_WORDS);
            // A penalty's own words ("as stated", "our policy") yield only to a look-alike as
            // close as a penalty's example must be ("forget the policy, this is a fault").
            let words_beaten = if entry.points < 0 {
                unlike
                    .as_ref()
                    .is_some_and(|(_, u)| *u >= MIN_PENALTY_SIMILARITY && *u + MARGIN > similarity)
            } else {
                beaten
            };
            let counted = (by_meaning && !beaten) || (by_words && !words_beaten);
            let c = Comparison {
                entry: index,
                clause: part.text.clone(),
                start: part.start,
                example,
                similarity,
                unlike,
                negation_differs,
                words,
                counted,
            };
            let better = match &best {
                None => true,
                Some(b) => (c.counted, c.similarity) > (b.counted, b.similarity),
            };
            if better {
                best = Some(c);
            }
        }
        Ok(best)
    }

    fn try_judge(&self, request: &ReplyRequest, reply: &str) -> Result<Verdict, ModelError> {
        let rubric = request.rubric();
        let stemmer = request.scenario.language.stemmer;
        let found = words(reply, stemmer);
        let mut hits: Vec<RubricHit> = rubric
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.examples.is_empty())
            .filter_map(|(i, e)| {
                exact_match(&e.matcher, &found, reply, &request.persona, stemmer)
                    .map(|span| RubricHit::exact(i, reply[span].to_owned()))
            })
            .collect();
        for c in self.compare(request, reply)? {
            if c.counted {
                hits.push(RubricHit {
                    entry: c.entry,
                    evidence: c.words.unwrap_or(c.clause),
                    closest: Some(c.example),
                    closeness: Some(thousandths(c.similarity)),
                });
            }
        }
        Ok(Verdict::from_hits(rubric, hits, JudgedBy::Meaning))
    }
}

impl Judge for MeaningJudge {
    fn judge(&self, request: &ReplyRequest, reply: &str) -> Verdict {
        match self.try_judge(request, reply) {
            Ok(v) => v,
            Err(e) => keywords_instead(request, reply, &e.to_string()),
        }
    }
}

/// The keyword judge's verdict, marked with why the meaning judge was not used.
pub fn keywords_instead(request: &ReplyRequest, reply: &str, reason: &str) -> Verdict {
    let mut v = care_engine::judge::KeywordJudge.judge(request, reply);
    v.judged_by = JudgedBy::KeywordsInstead {
        reason: reason.to_owned(),
    };
    v
}

fn thousandths(similarity: f32) -> u16 {
    let scaled = (similarity.clamp(0.0, 1.0) * 1000.0).round();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 0..=1000 just above"
    )]
    let out = scaled as u16;
    out
}
