//! Curricula for onboarding sessions: an ordered list of steps (scenarios and shifts) with pass
//! marks per dimension, prerequisites and estimated minutes. [`load`] checks a file against the
//! loaded scenarios and shifts with file:line:column diagnostics; [`progress`](mod@progress) works out, from a
//! trainee's results, which steps are passed, open or still locked.

pub mod load;
pub mod model;
pub mod progress;
pub mod raw;

pub use load::{CURRICULUM_SUFFIX, CurriculumReport, load_curriculum_bytes, load_curriculum_paths};
pub use model::{Activity, Curriculum, Step, StepId};
pub use progress::{
    Played, StepResult, StepStatus, completed_at, current, passes, progress, stuck,
};
