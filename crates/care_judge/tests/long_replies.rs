//! A pasted page is judged by meaning only as far as [`MAX_REPLY_TOKENS`] reach, which bounds
//! the time it takes; replies the game accepts are judged whole.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::sync::Arc;

use care_engine::Scenario;
use care_engine::judge::{Judge, ReplyRequest};
use care_engine::labelled::judge_at;
use care_engine::{LoadOptions, load_paths};
use care_judge::{MAX_REPLY_TOKENS, MeaningJudge, SentenceModel, clauses};

const POLICY: &str = "Our policy only allows returns within 30 days.";

fn request() -> ReplyRequest {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let s: Arc<Scenario> = load_paths(&[folder], LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .find(|s| s.id == "the-refund-policy")
        .expect("shipped");
    let judged =
        judge_at(&s, "reply", 1, "Hello", &care_engine::judge::KeywordJudge).expect("judged");
    judged.request
}

/// Distinct plain sentences, `count` of them.
fn filler(count: usize) -> String {
    (1..=count)
        .map(|i| {
            format!("On day {i} the weather was mild, and by evening {i} walkers had passed. ")
        })
        .collect()
}

fn quotes_policy(judge: &MeaningJudge, request: &ReplyRequest, reply: &str) -> bool {
    judge.judge(request, reply).met(request.rubric(), "policy")
}

#[test]
fn a_page_is_judged_as_far_as_the_token_budget_reaches() {
    let model = SentenceModel::load_embedded().expect("loads");
    let page = filler(160);
    let tokens: usize = clauses(&page)
        .iter()
        .map(|c| model.token_count(&c.text).expect("tokenises"))
        .sum();
    assert!(tokens > MAX_REPLY_TOKENS, "{tokens} tokens");
    let judge = MeaningJudge::new(model);
    let request = request();

    assert!(quotes_policy(&judge, &request, POLICY));
    assert!(quotes_policy(&judge, &request, &format!("{POLICY} {page}")));
    assert!(
        !quotes_policy(&judge, &request, &format!("{page}{POLICY}")),
        "the quote comes after the budget"
    );
}

#[test]
fn the_longest_reply_a_scenario_allows_is_judged_whole() {
    let model = SentenceModel::load_embedded().expect("loads");
    // 5,000 characters (the most any scenario may allow), the policy quote last.
    let mut reply = filler(80);
    reply.truncate(5000 - POLICY.len() - 1);
    let reply = format!("{} {POLICY}", reply.trim_end());
    assert!(reply.len() <= 5000);
    let judge = MeaningJudge::new(model);
    assert!(quotes_policy(&judge, &request(), &reply));
}
