//! Fuzzes the scenario loader: any bytes must give a scenario or diagnostics, never a panic, and a
//! loaded scenario must play to an end and score within range.
#![no_main]

use std::sync::Arc;

use care_engine::load::{LoadOptions, load_bytes};
use care_engine::run::{Input, ScenarioRun};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let out = load_bytes("fuzz.scenario.ron", data, LoadOptions { lint: true });
    for d in &out.diagnostics {
        let _ = care_engine::report::render(d, out.text.as_deref(), Default::default());
    }
    if let Some(s) = out.scenario {
        let s = Arc::new(s);
        let (mut run, _) = ScenarioRun::start(Arc::clone(&s), 0);
        for i in 0..64 {
            if run.is_finished() {
                break;
            }
            let input = if run.choices_offered() > 0 { Input::Choice(i % run.choices_offered()) } else { Input::Timeout };
            let _ = run.answer(input, 1000);
        }
        let card = care_engine::scoring::score(&s.scoring, run.transcript());
        assert!((0..=100).contains(&card.overall));
    }
});
