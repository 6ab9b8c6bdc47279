//! Rush hour: the shipped shifts load, name their customers stably for checkpoints, teach triage
//! (answering only the loudest customer fails, answering by urgency and wait passes), and any
//! shift with any inputs ends in range.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::sync::Arc;

use care_engine::Code;
use care_engine::load::{LoadOptions, load_paths};
use care_engine::model::Scenario;
use care_engine::run::Input;
use care_engine::script::{Playthroughs, ScriptedAnswer};
use care_engine::shift::model::{Arrival, ShiftCustomer};
use care_engine::shift::script::{ShiftStep, StepAnswer, play_shift};
use care_engine::shift::{
    CustomerId, Priority, Shift, ShiftRun, Waiting, load_shift_bytes, load_shift_paths, result,
};
use proptest::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

fn scenarios() -> Vec<Arc<Scenario>> {
    let report = load_paths(&[root()], LoadOptions::default());
    assert_eq!(report.errors(), 0);
    report.scenarios.into_iter().map(|l| l.scenario).collect()
}

fn shipped() -> Vec<Arc<Shift>> {
    let report = load_shift_paths(&[root()], &scenarios());
    assert!(
        report.diagnostics.is_empty(),
        "the shipped shifts load cleanly: {:#?}",
        report.diagnostics
    );
    report.shifts.into_iter().map(|l| l.shift).collect()
}

/// The exemplary answers of each scenario.
fn exemplary(s: &Scenario) -> Vec<ScriptedAnswer> {
    let (_, plays) = Playthroughs::find(&root(), s.id.as_str()).expect("playthroughs");
    plays.cases[0].answers.clone()
}

/// How long a trainee takes to read and answer, in the simulations.
const ANSWER_MS: u64 = 12_000;

/// Plays a shift where, every few seconds, `pick` chooses whom to answer (with their scenario's
/// exemplary answers, in order), until everyone is done.
fn simulate(
    shift: &Arc<Shift>,
    mut pick: impl FnMut(&ShiftRun, &[Waiting]) -> Option<CustomerId>,
) -> ShiftRun {
    let (mut run, _) = ShiftRun::start(Arc::clone(shift), shift.seed);
    let answers: Vec<Vec<ScriptedAnswer>> = shift
        .customers
        .iter()
        .map(|c| exemplary(&c.scenario))
        .collect();
    let mut given = vec![0usize; shift.customers.len()];
    while !run.is_finished() {
        let next = run.now_ms() + ANSWER_MS;
        run.advance_to(next);
        let waiting = run.waiting();
        let Some(c) = pick(&run, &waiting) else {
            continue;
        };
        let input = answers[c.0]
            .get(given[c.0])
            .and_then(|a| a.to_input(run.run(c)?).ok())
            .map_or(Input::Choice(0), |(input, _)| input);
        given[c.0] += 1;
        if run.answer(c, input).is_err() {
            // Off the exemplary path (the customer acted alone): the first choice, or a short
            // reply where a typed one is asked for.
            let fallback = if run.run(c).is_some_and(|r| r.choices_offered() > 0) {
                Input::Choice(0)
            } else {
                Input::Typed("Sorry for the wait, I'm on it now.".into())
            };
            run.answer(c, fallback)
                .expect("a choice or a typed reply is always possible");
        }
    }
    run
}

/// The loudest customer: the angriest of those waiting, and once chosen, kept until done.
fn loudest_only() -> impl FnMut(&ShiftRun, &[Waiting]) -> Option<CustomerId> {
    let mut chosen: Option<CustomerId> = None;
    move |run, waiting| {
        if let Some(c) = chosen.filter(|c| waiting.iter().any(|w| w.customer == *c)) {
            return Some(c);
        }
        if chosen.is_some_and(|c| run.run(c).is_some_and(|r| !r.is_finished())) {
            return None;
        }
        chosen = waiting
            .iter()
            .min_by_key(|w| run.run(w.customer).map_or(0, |r| r.mood()))
            .map(|w| w.customer);
        chosen
    }
}

/// By urgency, then by who has waited longest.
fn by_urgency_and_wait(_: &ShiftRun, waiting: &[Waiting]) -> Option<CustomerId> {
    waiting
        .iter()
        .max_by_key(|w| (w.priority, w.waited_ms))
        .map(|w| w.customer)
}

#[test]
fn there_are_three_shifts_each_with_several_customers() {
    let shifts = shipped();
    assert!(shifts.len() >= 3);
    for s in &shifts {
        assert!(s.customers.len() >= 3, "{}", s.id);
        assert!(
            s.customers.iter().any(|c| c.priority > Priority::Routine),
            "{}: something urgent or public to triage",
            s.id
        );
    }
}

#[test]
fn answering_only_the_loudest_customer_fails_triage() {
    for shift in shipped() {
        let run = simulate(&shift, loudest_only());
        let r = result(&run);
        assert!(
            !r.triage.passed,
            "{}: loudest-only scored {} (pass {}): {:#?}",
            shift.id, r.triage.score, r.triage.pass_mark, r.triage.reasons
        );
        assert!(
            r.customers.iter().any(|c| c.acted_alone > 0),
            "{}: someone was left to act alone",
            shift.id
        );
    }
}

#[test]
fn answering_by_urgency_and_wait_passes_triage() {
    for shift in shipped() {
        let run = simulate(&shift, by_urgency_and_wait);
        let r = result(&run);
        assert!(
            r.triage.passed,
            "{}: triage scored {} (pass {}): {:#?}",
            shift.id, r.triage.score, r.triage.pass_mark, r.triage.reasons
        );
        let loud = result(&simulate(&shift, loudest_only()));
        assert!(r.triage.score > loud.triage.score, "{}", shift.id);
        let alone = |res: &care_engine::shift::ShiftResult| {
            res.customers.iter().map(|c| c.acted_alone).sum::<u32>()
        };
        assert!(
            alone(&r) < alone(&loud),
            "{}: fewer customers give up and act alone with triage",
            shift.id
        );
        assert!(
            r.customers
                .iter()
                .filter(|c| c.priority == Priority::Urgent)
                .all(|c| c.acted_alone == 0),
            "{}: no urgent customer is left to act alone",
            shift.id
        );
    }
}

#[test]
fn the_same_seed_and_answers_replay_the_same_shift() {
    let shift = &shipped()[0];
    let steps = vec![
        ShiftStep {
            at: 3.0,
            customer: 1,
            answer: StepAnswer::Choose(1),
        },
        ShiftStep {
            at: 40.0,
            customer: 2,
            answer: StepAnswer::Choose(2),
        },
    ];
    let a = play_shift(shift, 5, &steps).expect("plays");
    let b = play_shift(shift, 5, &steps).expect("plays");
    assert_eq!(a.log(), b.log());
    assert!(a.is_finished());
    let bad = vec![ShiftStep {
        at: 0.0,
        customer: 9,
        answer: StepAnswer::Choose(1),
    }];
    let e = play_shift(shift, 5, &bad).err().expect("no customer 9");
    assert!(e.contains("no customer 9"), "{e}");
}

#[test]
fn customers_are_named_by_their_scenario_in_checkpoints() {
    let shifts = shipped();
    for shift in &shifts {
        let keys: Vec<String> = shift.ids().map(|c| shift.customer_key(c)).collect();
        for c in shift.ids() {
            assert_eq!(shift.customer_by_key(&keys[c.0]), Some(c));
            assert!(keys[c.0].starts_with(shift.customer(c).scenario.id.as_str()));
        }
    }
    let saturday = shifts
        .iter()
        .find(|s| s.id == "saturday-shop-floor")
        .expect("shipped");
    let keys: Vec<String> = saturday.ids().map(|c| saturday.customer_key(c)).collect();
    assert!(keys.contains(&"nobody-said-hello".to_owned()), "{keys:?}");
    assert!(
        keys.iter().all(|k| !k.contains('#')),
        "no shipped shift plays a script twice: {keys:?}"
    );
}

#[test]
fn a_second_customer_on_the_same_script_is_named_apart_and_warned_about() {
    let text = r#"Shift(
    id: "twice",
    title: "Twice",
    summary: "",
    lesson: "Triage.",
    starts: (day: Saturday, time: "11:00"),
    customers: [
        (scenario: "nobody-said-hello", arrives: At(0)),
        (scenario: "the-bad-day", arrives: At(5)),
        (scenario: "nobody-said-hello", arrives: At(30)),
    ],
)"#;
    let out = load_shift_bytes("twice.shift.ron", text.as_bytes(), &scenarios());
    let codes: Vec<Code> = out.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [Code::ShiftRepeatsScenario],
        "{:#?}",
        out.diagnostics
    );
    assert_eq!(out.diagnostics[0].line, 10);
    let shift = out.scenario.expect("a warning still loads");
    let keys: Vec<String> = shift.ids().map(|c| shift.customer_key(c)).collect();
    assert_eq!(keys[2], "nobody-said-hello#2");
}

#[test]
fn a_customer_whose_scenario_is_set_on_another_day_is_warned_about() {
    let text = r#"Shift(
    id: "monday",
    title: "Monday",
    summary: "",
    lesson: "Triage.",
    starts: (day: Monday, time: "09:00"),
    customers: [
        (scenario: "praise-and-a-grumble", arrives: At(0)),
        (scenario: "the-bad-day", arrives: At(5)),
    ],
)"#;
    let out = load_shift_bytes("monday.shift.ron", text.as_bytes(), &scenarios());
    let codes: Vec<Code> = out.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::ShiftClockMismatch], "{:#?}", out.diagnostics);
    assert_eq!(out.diagnostics[0].line, 9);
    assert!(
        out.diagnostics[0].message.contains("11:05"),
        "{}",
        out.diagnostics[0].message
    );
}

#[test]
fn a_shift_sets_its_own_triage_costs() {
    let text = r#"Shift(
    id: "costly",
    title: "Costly",
    summary: "",
    lesson: "Triage.",
    starts: (day: Saturday, time: "11:00"),
    triage: (routine_alone: 30, notice_secs: 5),
    customers: [
        (scenario: "the-bad-day", arrives: At(0)),
        (scenario: "nobody-said-hello", arrives: At(5)),
    ],
)"#;
    let out = load_shift_bytes("costly.shift.ron", text.as_bytes(), &scenarios());
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    let shift = Arc::new(out.scenario.expect("loads"));
    assert_eq!(shift.triage.routine_alone, 30);
    assert_eq!(shift.triage.notice_ms, 5_000);
    assert_eq!(
        shift.triage.public_alone, 12,
        "the rest keep their usual values"
    );
    let (mut run, _) = ShiftRun::start(Arc::clone(&shift), 1);
    run.advance_to(10 * 60 * 1000);
    let r = care_engine::shift::result(&run);
    assert!(
        r.triage.reasons.iter().any(|t| t.points == -30),
        "{:#?}",
        r.triage.reasons
    );

    let bad = text.replace("routine_alone: 30", "routine_alone: 300");
    let out = load_shift_bytes("costly.shift.ron", bad.as_bytes(), &scenarios());
    assert_eq!(out.diagnostics.len(), 1, "{:#?}", out.diagnostics);
    assert_eq!(out.diagnostics[0].code, Code::OutOfRange);
}

#[test]
fn a_broken_shift_points_at_each_mistake() {
    let text = r#"Shift(
    id: "broken",
    title: "Broken",
    summary: "",
    lesson: "Triage.",
    starts: (day: Friday, time: "25:00"),
    customers: [
        (scenario: "nobody-said-helo", arrives: At(0)),
        (scenario: "the-bad-day", arrives: Between(60, 10)),
    ],
)"#;
    let out = load_shift_bytes("broken.shift.ron", text.as_bytes(), &scenarios());
    assert!(out.scenario.is_none());
    let found: Vec<(usize, String)> = out
        .diagnostics
        .iter()
        .map(|d| (d.line, d.message.clone()))
        .collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].0, 6, "the time: {found:?}");
    assert_eq!(found[1].0, 8, "the unknown scenario: {found:?}");
    assert_eq!(
        out.diagnostics[1].hint.as_deref(),
        Some("did you mean `nobody-said-hello`?")
    );
    assert_eq!(found[2].0, 9, "the window: {found:?}");
}

fn random_shift(pool: &[Arc<Scenario>], picks: &[(usize, u32, u32, u8)]) -> Arc<Shift> {
    let customers = picks
        .iter()
        .map(|&(s, a, span, p)| ShiftCustomer {
            scenario: Arc::clone(&pool[s % pool.len()]),
            arrives: if span == 0 {
                Arrival::At(u64::from(a) * 1000)
            } else {
                Arrival::Between(u64::from(a) * 1000, u64::from(a + span) * 1000)
            },
            label: format!("customer {s}"),
            priority: [Priority::Routine, Priority::Public, Priority::Urgent][usize::from(p % 3)],
        })
        .collect();
    Arc::new(Shift {
        id: "random".into(),
        title: "Random".into(),
        summary: String::new(),
        lesson: String::new(),
        starts: care_engine::clock::SimTime(0),
        seed: 1,
        customers,
        pass_mark: 60,
        triage: Default::default(),
        content_hash: String::new(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_shift_with_any_inputs_ends_in_range(
        picks in prop::collection::vec((0usize..64, 0u32..300, 0u32..60, 0u8..3), 1..8),
        inputs in prop::collection::vec((0u64..20_000, 0usize..8, 0usize..6, any::<bool>()), 0..60),
        seed in any::<u64>(),
    ) {
        let shift = random_shift(&scenarios(), &picks);
        let (mut run, _) = ShiftRun::start(Arc::clone(&shift), seed);
        for (wait, who, choice, typed) in inputs {
            let t = run.now_ms() + wait;
            run.advance_to(t);
            let input = if typed {
                Input::Typed("I'm sorry, I'll sort this out for you right now.".into())
            } else {
                Input::Choice(choice)
            };
            // Refusals (not waiting, no such choice) are fine; panics are not.
            let _ = run.answer(CustomerId(who % shift.customers.len()), input);
        }
        run.finish();
        prop_assert!(run.is_finished());
        let r = result(&run);
        prop_assert!((0..=100).contains(&r.triage.score));
        for c in &r.customers {
            for d in care_engine::Dimension::ALL {
                prop_assert!((0..=100).contains(&c.card.get(d).score));
            }
            prop_assert!(c.outcome.is_some());
        }
    }
}
