//! What each edit does to the scenario's raw form and its labelled replies: pure functions of
//! the values, refused only when what they address does not exist or an id would be taken twice.

use super::address::{beat, describe, ending, no_exit, no_response, node_key, step, text_mut, way};
use super::ops::{Edit, EditError, Exit, FileKind, Notice};
use crate::ids::{BeatId, EndingId, NodeId};
use crate::labelled::{LabelledMoment, LabelledReplies};
use crate::path::Path;
use crate::raw::{RawBranch, RawScenario};

/// What an edit did besides changing the values: its label (for an undo menu) and notices.
#[derive(Debug, Default)]
pub(crate) struct Done {
    pub label: String,
    pub notices: Vec<Notice>,
}

/// Applies `edit` (anything but [`Edit::ReplaceText`]) to `raw` and to the labelled replies
/// (`None` when there are none; typed moments with examples create them).
pub(crate) fn apply(
    edit: &Edit,
    raw: &mut RawScenario,
    replies: &mut Option<LabelledReplies>,
) -> Result<Done, EditError> {
    let mut done = Done::default();
    done.label = match edit {
        Edit::AddBeat { beat, at } => {
            check_free(raw, &beat.id, None)?;
            let at = position(*at, raw.beats.len())?;
            raw.beats.insert(at, (**beat).clone());
            format!("add beat `{}`", beat.id)
        }
        Edit::RenameBeat { beat: b, to } => {
            let old = beat(raw, *b)?.id.clone();
            check_free(raw, to, Some(NodeId::Beat(*b)))?;
            beat(raw, *b)?.id.clone_from(to);
            if raw.start == old {
                raw.start.clone_from(to);
            }
            for_each_next(raw, |_, next| rename(next, &old, to));
            for m in replies.iter_mut().flat_map(|r| r.moments.iter_mut()) {
                rename(&mut m.beat, &old, to);
            }
            format!("rename beat `{old}` to `{to}`")
        }
        Edit::RemoveBeat { beat: b } => {
            let id = beat(raw, *b)?.id.clone();
            raw.beats.remove(b.index());
            dangling(raw, &id, true, &mut done.notices);
            labelled_left(replies, &id, &mut done.notices);
            format!("remove beat `{id}`")
        }
        Edit::AddEnding { ending: e, at } => {
            check_free(raw, &e.id, None)?;
            let at = position(*at, raw.endings.len())?;
            raw.endings.insert(at, (**e).clone());
            format!("add ending `{}`", e.id)
        }
        Edit::RenameEnding { ending: e, to } => {
            let old = ending(raw, *e)?.id.clone();
            check_free(raw, to, Some(NodeId::Ending(*e)))?;
            ending(raw, *e)?.id.clone_from(to);
            for_each_next(raw, |_, next| rename(next, &old, to));
            format!("rename ending `{old}` to `{to}`")
        }
        Edit::RemoveEnding { ending: e } => {
            let id = ending(raw, *e)?.id.clone();
            raw.endings.remove(e.index());
            dangling(raw, &id, false, &mut done.notices);
            format!("remove ending `{id}`")
        }
        Edit::SetStart { beat: b } => {
            raw.start = beat(raw, *b)?.id.clone();
            format!("start at `{}`", raw.start)
        }
        Edit::SetText { at, text } => {
            *text_mut(raw, *at)?.0 = text.clone();
            format!("edit {}", text_mut(raw, *at)?.1)
        }
        Edit::SetEffects { exit, effects } => {
            *way(raw, *exit)?.effects() = *effects;
            format!("set the effects of {}", describe(raw, *exit))
        }
        Edit::SetEndingEffects { ending: e, effects } => {
            let e = ending(raw, *e)?;
            e.effects = *effects;
            format!("set the effects of ending `{}`", e.id)
        }
        Edit::SetOutcome { ending: e, outcome } => {
            let e = ending(raw, *e)?;
            e.outcome = *outcome;
            format!("set the outcome of ending `{}`", e.id)
        }
        Edit::SetTargetSecs { beat: b, secs } => {
            let b = beat(raw, *b)?;
            b.target_secs = *secs;
            format!("set the target time of `{}`", b.id)
        }
        Edit::SetWaitSecs { beat: b, secs } => {
            let b = beat(raw, *b)?;
            b.wait_secs = *secs;
            format!("set how long the customer waits in `{}`", b.id)
        }
        Edit::SetPatience { secs } => {
            raw.customer.patience_secs = *secs;
            "set the customer's patience".into()
        }
        Edit::Connect { exit, to } => {
            let target = node_key(raw, *to)?;
            let b = beat(raw, exit.beat())?;
            let new_step = || Some(step(target.clone()));
            match exit {
                Exit::Timeout(_) if b.on_timeout.is_none() => b.on_timeout = new_step(),
                Exit::Then(_) if b.then.is_none() => b.then = new_step(),
                _ => way(raw, *exit)?.next().clone_from(&target),
            }
            format!("connect {} to `{target}`", describe(raw, *exit))
        }
        Edit::AddResponse {
            beat: b,
            response,
            at,
        } => {
            let b = beat(raw, *b)?;
            let at = position(*at, b.responses.len())?;
            b.responses.insert(at, (**response).clone());
            format!("add a response to `{}`", b.id)
        }
        Edit::RemoveResponse { beat: b, response } => {
            let b = beat(raw, *b)?;
            if *response >= b.responses.len() {
                return Err(no_response(b, *response));
            }
            b.responses.remove(*response);
            format!("remove response {} of `{}`", response + 1, b.id)
        }
        Edit::AddTypedMoment(m) => {
            let mut typed = m.typed.clone();
            if let Some(rubric) = &m.criteria {
                typed.rubric = Some(rubric.id.clone());
                match raw.rubrics.iter_mut().find(|r| r.id == rubric.id) {
                    Some(r) => *r = rubric.clone(),
                    None => raw.rubrics.push(rubric.clone()),
                }
            }
            let b = beat(raw, m.beat)?;
            b.typed = Some(typed);
            let id = b.id.clone();
            if let Some(ex) = &m.examples {
                let file = replies.get_or_insert_with(|| LabelledReplies {
                    scenario: raw.id.clone(),
                    moments: Vec::new(),
                });
                let moment = LabelledMoment {
                    beat: id.clone(),
                    good: ex.good.clone(),
                    poor: ex.poor.clone(),
                };
                match file.moments.iter_mut().find(|x| x.beat == id) {
                    Some(x) => *x = moment,
                    None => file.moments.push(moment),
                }
            }
            format!("add a typed reply to `{id}`")
        }
        Edit::RemoveTypedMoment { beat: b } => {
            let b = beat(raw, *b)?;
            if b.typed.take().is_none() {
                return Err(no_exit(&b.id, "typed reply"));
            }
            let id = b.id.clone();
            labelled_left(replies, &id, &mut done.notices);
            format!("remove the typed reply of `{id}`")
        }
        Edit::SetPersona(p) => {
            raw.customer.name.clone_from(&p.names);
            raw.customer.details.clone_from(&p.details);
            raw.customer.traits.clone_from(&p.traits);
            "set the customer's persona".into()
        }
        Edit::SetVar { id, values } => {
            let at = raw.vars.iter().position(|v| v.id == *id);
            match (at, values) {
                (Some(i), Some(values)) => raw.vars[i].values.clone_from(values),
                (None, Some(values)) => raw.vars.push(crate::raw::RawVar {
                    id: id.clone(),
                    values: values.clone(),
                }),
                (Some(i), None) => drop(raw.vars.remove(i)),
                (None, None) => {}
            }
            format!("set the persona pool `{id}`")
        }
        Edit::ReplaceText { .. } => "edit the text".into(),
    };
    Ok(done)
}

fn rename(s: &mut String, old: &str, new: &str) {
    if s == old {
        *s = new.to_owned();
    }
}

/// A position to insert at among `len` elements (`None`: the end).
fn position(at: Option<usize>, len: usize) -> Result<usize, EditError> {
    match at {
        Some(at) if at > len => Err(EditError::BadPosition { at, len }),
        Some(at) => Ok(at),
        None => Ok(len),
    }
}

/// Refuses an empty id, or one another beat or ending (than `own`) has.
fn check_free(raw: &RawScenario, id: &str, own: Option<NodeId>) -> Result<(), EditError> {
    if id.is_empty() {
        return Err(EditError::EmptyId);
    }
    let beats = raw
        .beats
        .iter()
        .enumerate()
        .map(|(i, b)| (NodeId::Beat(BeatId::from_index(i)), &b.id));
    let endings = raw
        .endings
        .iter()
        .enumerate()
        .map(|(i, e)| (NodeId::Ending(EndingId::from_index(i)), &e.id));
    if beats
        .chain(endings)
        .any(|(n, key)| key == id && Some(n) != own)
    {
        return Err(EditError::IdTaken(id.to_owned()));
    }
    Ok(())
}

/// Calls `f` with every `next` of the scenario (of responses, typed replies, timeouts,
/// `then` and their branches) and its path.
pub(crate) fn for_each_next(raw: &mut RawScenario, mut f: impl FnMut(Path, &mut String)) {
    let mut step = |at: Path, next: &mut String, branches: &mut [RawBranch]| {
        f(at.field("next"), next);
        for (k, b) in branches.iter_mut().enumerate() {
            f(at.field("branches").index(k).field("next"), &mut b.next);
        }
    };
    for (i, b) in raw.beats.iter_mut().enumerate() {
        let at = Path::root().field("beats").index(i);
        for (j, r) in b.responses.iter_mut().enumerate() {
            step(at.field("responses").index(j), &mut r.next, &mut r.branches);
        }
        if let Some(t) = &mut b.typed {
            step(at.field("typed"), &mut t.next, &mut t.branches);
        }
        if let Some(s) = &mut b.on_timeout {
            step(at.field("on_timeout"), &mut s.next, &mut s.branches);
        }
        if let Some(s) = &mut b.then {
            step(at.field("then"), &mut s.next, &mut s.branches);
        }
    }
}

/// Reports the references (and `start`, for a beat) still naming `id`.
fn dangling(raw: &mut RawScenario, id: &str, beat: bool, notices: &mut Vec<Notice>) {
    let mut references = Vec::new();
    if beat && raw.start == id {
        references.push(Path::root().field("start"));
    }
    for_each_next(raw, |path, next| {
        if next == id {
            references.push(path);
        }
    });
    if !references.is_empty() {
        notices.push(Notice::Dangling {
            id: id.to_owned(),
            references,
        });
    }
}

/// Reports labelled replies left for the typed moment of beat `id`.
fn labelled_left(replies: &Option<LabelledReplies>, id: &str, notices: &mut Vec<Notice>) {
    let n = replies
        .iter()
        .flat_map(|r| &r.moments)
        .filter(|m| m.beat == id)
        .count();
    if n > 0 {
        notices.push(Notice::Companion {
            file: FileKind::Replies,
            message: format!(
                "the labelled replies for `{id}` are kept; remove them there if the typed reply is gone for good"
            ),
        });
    }
}
