//! The manager's onboarding figures: sessions, overdue work and the live view of one session,
//! read on the persistence worker every few seconds while the tab is open.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use care_engine::curriculum::Curriculum;
use care_store::{
    Assignee, Employee, ManagerAccess, Overdue, SessionView, Timestamp, TrainingSession,
};
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

/// Whom a curriculum can be assigned to, with the label the picker shows: every team, then
/// every person. People who share a name are told apart by their team (and, within one team,
/// by the end of their id), so the assignment always reaches the person the manager picked.
pub fn assignee_choices<'a>(
    teams: &[String],
    people: impl IntoIterator<Item = &'a Employee>,
) -> Vec<(Assignee, String)> {
    let people: Vec<&Employee> = people.into_iter().collect();
    // Counted once, so a team of thousands costs one pass, not one per person.
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut names_in_team: HashMap<(&str, &str), usize> = HashMap::new();
    for e in &people {
        *names.entry(e.display_name.as_str()).or_default() += 1;
        *names_in_team
            .entry((e.display_name.as_str(), e.team.as_str()))
            .or_default() += 1;
    }
    let same_name = |e: &Employee| names.get(e.display_name.as_str()).copied().unwrap_or(0);
    let same_name_and_team = |e: &Employee| {
        names_in_team
            .get(&(e.display_name.as_str(), e.team.as_str()))
            .copied()
            .unwrap_or(0)
    };
    let mut choices: Vec<(Assignee, String)> = teams
        .iter()
        .map(|t| (Assignee::Team(t.clone()), format!("team: {t}")))
        .collect();
    for e in &people {
        let label = if same_name(e) == 1 {
            e.display_name.clone()
        } else if same_name_and_team(e) == 1 {
            format!("{} ({})", e.display_name, e.team)
        } else {
            // The end of the id: its start is a timestamp, shared by people added together.
            let id = e.id.to_string();
            let tail = &id[id.len().saturating_sub(6)..];
            format!("{} ({}, …{tail})", e.display_name, e.team)
        };
        choices.push((Assignee::Employee(e.id), label));
    }
    choices
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

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, team: &str) -> Employee {
        Employee {
            id: care_store::EmployeeId::new(),
            display_name: name.into(),
            team: team.into(),
            created: Timestamp::now(),
        }
    }

    #[test]
    fn two_people_with_one_name_are_two_choices_that_reach_each() {
        let people = [
            person("Alex", "Tills"),
            person("Alex", "Online"),
            person("Sam", "Tills"),
        ];
        let choices = assignee_choices(&["Tills".into()], &people);
        let labels: Vec<&str> = choices.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            ["team: Tills", "Alex (Tills)", "Alex (Online)", "Sam"]
        );
        assert_eq!(choices[2].0, Assignee::Employee(people[1].id));
    }

    #[test]
    fn namesakes_in_one_team_are_told_apart_by_id() {
        let people = [person("Alex", "Tills"), person("Alex", "Tills")];
        let choices = assignee_choices(&[], &people);
        assert_ne!(choices[0].1, choices[1].1, "{choices:?}");
        assert_eq!(choices[1].0, Assignee::Employee(people[1].id));
    }
}
