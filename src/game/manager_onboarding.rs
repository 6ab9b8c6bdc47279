//! The manager's onboarding figures: sessions, overdue work and the live view of one session,
//! read on the persistence worker every few seconds while the tab is open.

use std::sync::Arc;
use std::time::{Duration, Instant};

use care_engine::curriculum::Curriculum;
use care_store::{ManagerAccess, Overdue, SessionView, Timestamp, TrainingSession};
use uuid::Uuid;

/// How often the facilitator's figures are read again.
pub const LIVE: Duration = Duration::from_secs(5);

/// The onboarding tab's figures, as last read.
#[derive(Debug, Default)]
pub struct OnboardingTab {
    pub sessions: Vec<TrainingSession>,
    /// The session followed live.
    pub selected: Option<Uuid>,
    pub view: Option<SessionView>,
    pub overdue: Vec<Overdue>,
    /// When the figures were last asked for.
    pub(in crate::game) asked: Option<Instant>,
    /// What went wrong reading them.
    pub problem: Option<String>,
}

/// Sessions, overdue work and the live view of the selected session.
type Figures = (Vec<TrainingSession>, Vec<Overdue>, Option<SessionView>);

/// What one reading found.
#[derive(Debug)]
pub struct OnboardingRead {
    read: Result<Figures, String>,
}

impl OnboardingTab {
    /// Whether the figures should be read again now.
    pub(in crate::game) fn due(&self) -> bool {
        self.asked.is_none_or(|t| t.elapsed() >= LIVE)
    }

    /// Follows `session` live from the next reading.
    pub fn select(&mut self, session: Uuid) {
        self.selected = Some(session);
        self.view = None;
        self.asked = None;
    }

    /// The session followed live, if it is still listed.
    pub fn selected_session(&self) -> Option<&TrainingSession> {
        let id = self.selected?;
        self.sessions.iter().find(|s| s.id == id)
    }

    pub(in crate::game) fn show(&mut self, read: &OnboardingRead) {
        match &read.read {
            Ok((sessions, overdue, view)) => {
                self.sessions = sessions.clone();
                self.overdue = overdue.clone();
                self.view = view.clone();
                self.problem = None;
            }
            Err(e) => self.problem = Some(e.clone()),
        }
    }
}

/// Reads the sessions, overdue work and the live view of `selected` (on the worker).
pub(in crate::game) fn read_onboarding(
    access: &ManagerAccess,
    curricula: &[Arc<Curriculum>],
    selected: Option<Uuid>,
) -> OnboardingRead {
    let now = Timestamp::now();
    let read = (|| {
        let sessions = access.sessions()?;
        let overdue = access.overdue(now)?;
        let view = selected
            .and_then(|id| sessions.iter().find(|s| s.id == id))
            .and_then(|s| {
                let c = curricula.iter().find(|c| c.id == s.curriculum_id)?;
                Some(access.session_view(s, c, now))
            })
            .transpose()?;
        Ok::<_, care_store::StoreError>((sessions, overdue, view))
    })()
    .map_err(|e| e.to_string());
    OnboardingRead { read }
}
