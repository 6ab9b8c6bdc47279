//! `/onboarding`: training sessions with each member's step and who is stuck (the facilitator's
//! view), and the assignments past due, as the game's onboarding tab shows them.

use axum::extract::State;
use care_store::{Assignee, Assignment, Overdue, SessionView, Timestamp, TrainingSession};
use maud::{Markup, html};

use super::count;
use crate::auth::Manager;
use crate::blocking::blocking;
use crate::error::WebError;
use crate::layout;
use crate::server::AppState;

/// One session with what its facilitator sees (None when its curriculum file is missing here).
struct SessionRead {
    session: TrainingSession,
    curriculum: Option<(String, Vec<String>)>,
    view: Option<SessionView>,
}

fn session(s: &SessionRead) -> Markup {
    let total = s.curriculum.as_ref().map_or(0, |(_, steps)| steps.len());
    html! {
        article.card {
            h3 { (s.session.title) }
            p.muted {
                @match &s.curriculum { Some((title, _)) => (title), None => code { (s.session.curriculum_id) } }
                " · started " (s.session.started.short()) " UTC · " (count(s.session.members.len() as i64, "member", "members"))
            }
            @match (&s.view, &s.curriculum) {
                (Some(view), Some((_, steps))) => {
                    p { (view.finished) " finished · "
                        (count(view.members.iter().filter(|m| m.stuck.is_some()).count() as i64, "looks stuck", "look stuck")) }
                    div.scroll {
                        table {
                            thead { tr { th scope="col" { "Member" } th scope="col" { "On step" } th.n scope="col" { "Passed" } th scope="col" { "Stuck?" } } }
                            tbody {
                                @for m in &view.members {
                                    tr class=(if m.stuck.is_some() { "stuck" } else { "" }) {
                                        td { a href={ "/employee/" (m.employee.id) } { (m.employee.display_name) } }
                                        td { @match m.current { Some(k) => (steps.get(k.0).map_or("", String::as_str)), None => "done" } }
                                        td.n { (m.passed) " / " (total) }
                                        td { @if let Some(why) = &m.stuck { span.problem { (why) } } }
                                    }
                                }
                            }
                        }
                    }
                }
                _ => p.problem { "The curriculum " code { (s.session.curriculum_id) } " is not in this server's scenarios folder (--scenarios), so its steps cannot be shown." }
            }
        }
    }
}

fn to(a: &Assignment, names: &[(care_store::EmployeeId, String)]) -> String {
    match &a.to {
        Assignee::Team(t) => format!("team {t}"),
        Assignee::Employee(id) => names
            .iter()
            .find(|(e, _)| e == id)
            .map_or_else(|| id.to_string(), |(_, n)| n.clone()),
    }
}

/// `GET /onboarding`.
pub(crate) async fn page(
    Manager(access): Manager,
    State(state): State<AppState>,
) -> Result<Markup, WebError> {
    let library = state.clone();
    let (sessions, overdue, assignments, names) = blocking(move || {
        let now = Timestamp::now();
        let mut read = Vec::new();
        for s in access.sessions()? {
            let c = library.library.curriculum(&s.curriculum_id).cloned();
            let view = match &c {
                Some(c) => Some(access.session_view(&s, c, now)?),
                None => None,
            };
            read.push(SessionRead {
                curriculum: c.map(|c| {
                    (
                        c.title.clone(),
                        c.steps
                            .iter()
                            .map(|st| st.activity.title().to_string())
                            .collect(),
                    )
                }),
                session: s,
                view,
            });
        }
        let overdue: Vec<Overdue> = access.overdue(now)?;
        let assignments = access.assignments()?;
        let names: Vec<_> = access
            .store()
            .employees()?
            .into_iter()
            .map(|e| (e.id, e.display_name))
            .collect();
        Ok::<_, care_store::StoreError>((read, overdue, assignments, names))
    })
    .await?;
    let title_of = |id: &care_engine::CurriculumId| {
        state
            .library
            .curriculum(id)
            .map_or_else(|| id.to_string(), |c| c.title.clone())
    };
    Ok(layout::page(
        "Onboarding",
        true,
        html! {
            h1 { "Onboarding" }
            h2 { "Overdue" }
            @if overdue.is_empty() {
                p { "Nothing is overdue." }
            } @else {
                div.scroll { table {
                    thead { tr { th scope="col" { "Who" } th scope="col" { "Curriculum" } th scope="col" { "Was due" } } }
                    tbody {
                        @for o in &overdue {
                            tr.stuck {
                                td { a href={ "/employee/" (o.employee) } { (o.name) } }
                                td { (title_of(&o.curriculum_id)) }
                                td { (o.due.date_words()) }
                            }
                        }
                    }
                } }
            }
            h2 { "Training sessions" }
            @if sessions.is_empty() {
                p { "No sessions yet: a facilitator starts one in the game's manager area." }
            }
            div.cards { @for s in &sessions { (session(s)) } }
            h2 { "Assignments" }
            @if assignments.is_empty() {
                p { "Nothing is assigned." }
            } @else {
                div.scroll { table {
                    thead { tr { th scope="col" { "Curriculum" } th scope="col" { "For" } th scope="col" { "Due" } } }
                    tbody {
                        @for a in &assignments {
                            tr { td { (title_of(&a.curriculum_id)) } td { (to(a, &names)) } td { (a.due.date_words()) } }
                        }
                    }
                } }
            }
        },
    ))
}
