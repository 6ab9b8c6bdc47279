//! The scenarios and curricula `care serve` reads at start: the customer's words at a beat, and
//! the steps a training session's members work through.

use std::path::Path;
use std::sync::Arc;

use care_engine::curriculum::{Curriculum, load_curriculum_paths};
use care_engine::persona::Persona;
use care_engine::shift::load_shift_paths;
use care_engine::{LoadOptions, Scenario, load_paths};

/// Scenarios and curricula found in a folder.
#[derive(Default)]
pub struct Library {
    scenarios: Vec<Arc<Scenario>>,
    curricula: Vec<Arc<Curriculum>>,
}

impl Library {
    /// Everything under `dir` (problems in the files are left to `care check`: a file that does
    /// not load is simply not there).
    pub fn load(dir: &Path) -> Library {
        let roots = [dir.to_path_buf()];
        let scenarios: Vec<Arc<Scenario>> = load_paths(&roots, LoadOptions::default())
            .scenarios
            .into_iter()
            .map(|l| l.scenario)
            .collect();
        let shifts: Vec<_> = load_shift_paths(&roots, &scenarios)
            .shifts
            .into_iter()
            .map(|l| l.shift)
            .collect();
        let curricula = load_curriculum_paths(&roots, &scenarios, &shifts).curricula;
        Library {
            scenarios,
            curricula,
        }
    }

    pub fn scenarios(&self) -> usize {
        self.scenarios.len()
    }

    pub fn curricula(&self) -> usize {
        self.curricula.len()
    }

    pub(crate) fn curriculum(&self, id: &care_engine::CurriculumId) -> Option<&Arc<Curriculum>> {
        self.curricula.iter().find(|c| c.id == *id)
    }

    /// What the customer says (or the narration) at `beat_key` of a scenario, as the game's
    /// scenario page shows it.
    pub(crate) fn beat_line(
        &self,
        scenario_id: &care_engine::ScenarioId,
        beat_key: &str,
    ) -> Option<String> {
        let scenario = self.scenarios.iter().find(|s| s.id == *scenario_id)?;
        let beat = scenario.beat_by_key(beat_key)?;
        let persona = Persona::draw(scenario, 1);
        Some(if beat.says.is_empty() {
            beat.narration.render(&persona)
        } else {
            beat.says.render(&persona)
        })
    }
}
