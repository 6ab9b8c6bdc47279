//! The judge a program uses: the meaning judge with the model built into the program (or the
//! one in the folder `CARE_MODEL_DIR` names), or, when that cannot load, the keyword judge with
//! the reason, so every verdict and debrief says how it was judged.

use std::path::PathBuf;
use std::sync::Arc;

use care_engine::judge::{Judge, ReplyRequest};
use care_engine::rubric::Verdict;

use crate::meaning::{MeaningJudge, keywords_instead};
use crate::{ModelError, SentenceModel};

/// The environment variable naming a folder with `model.onnx` and `tokenizer.json` to use
/// instead of the built-in model.
pub const MODEL_DIR_VAR: &str = "CARE_MODEL_DIR";

/// How typed replies are being judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JudgeStatus {
    /// By meaning, with the sentence model.
    Meaning,
    /// By keywords, because the model could not load; the reason says why and how to fix it.
    KeywordsInstead(String),
}

impl std::fmt::Display for JudgeStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JudgeStatus::Meaning => f.write_str(
                "typed replies are judged by meaning (all-MiniLM-L6-v2, on this computer)",
            ),
            JudgeStatus::KeywordsInstead(why) => {
                write!(f, "typed replies are judged by keywords: {why}")
            }
        }
    }
}

/// A judge and how it judges.
#[derive(Clone)]
pub struct LoadedJudge {
    pub judge: Arc<dyn Judge>,
    pub status: JudgeStatus,
    /// The meaning judge itself, for explaining near misses (`None` when judging by keywords).
    pub meaning: Option<Arc<MeaningJudge>>,
}

impl std::fmt::Debug for LoadedJudge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedJudge")
            .field("status", &self.status)
            .finish()
    }
}

/// The keyword judge standing in for the meaning judge, marking each verdict with why.
#[derive(Debug, Clone)]
pub struct KeywordsInstead {
    pub reason: String,
}

impl Judge for KeywordsInstead {
    fn judge(&self, request: &ReplyRequest, reply: &str) -> Verdict {
        keywords_instead(request, reply, &self.reason)
    }
}

/// Loads the best judge available: the model in `CARE_MODEL_DIR` when set, else the built-in
/// one; the keyword judge (saying why) when the model cannot load.
pub fn load_judge() -> LoadedJudge {
    let model = match std::env::var_os(MODEL_DIR_VAR) {
        Some(dir) => SentenceModel::load_dir(&PathBuf::from(dir)),
        None => SentenceModel::load_embedded(),
    };
    from_model(model)
}

/// The meaning judge over `model`, or the keyword judge saying why there is none.
pub fn from_model(model: Result<SentenceModel, ModelError>) -> LoadedJudge {
    match model {
        Ok(model) => {
            let meaning = Arc::new(MeaningJudge::new(model));
            LoadedJudge {
                judge: Arc::clone(&meaning) as Arc<dyn Judge>,
                status: JudgeStatus::Meaning,
                meaning: Some(meaning),
            }
        }
        Err(e) => {
            let reason = e.to_string();
            LoadedJudge {
                judge: Arc::new(KeywordsInstead {
                    reason: reason.clone(),
                }),
                status: JudgeStatus::KeywordsInstead(reason),
                meaning: None,
            }
        }
    }
}
