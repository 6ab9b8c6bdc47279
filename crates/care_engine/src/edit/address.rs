//! Finding what an edit addresses in the raw form: beats and endings by typed id, a beat's
//! exits (response, typed reply, timeout, `then`) and texts, with errors that name them.

use super::ops::{EditError, Exit, TextAt};
use crate::ids::{BeatId, EndingId, NodeId};
use crate::raw::{RawBeat, RawEffects, RawEnding, RawResponse, RawScenario, RawStep, RawTyped};

pub(crate) fn beat(raw: &mut RawScenario, b: BeatId) -> Result<&mut RawBeat, EditError> {
    raw.beats.get_mut(b.index()).ok_or(EditError::NoBeat(b))
}

pub(crate) fn ending(raw: &mut RawScenario, e: EndingId) -> Result<&mut RawEnding, EditError> {
    raw.endings.get_mut(e.index()).ok_or(EditError::NoEnding(e))
}

pub(crate) fn node_key(raw: &mut RawScenario, n: NodeId) -> Result<String, EditError> {
    Ok(match n {
        NodeId::Beat(b) => beat(raw, b)?.id.clone(),
        NodeId::Ending(e) => ending(raw, e)?.id.clone(),
    })
}

pub(crate) fn step(next: String) -> RawStep {
    RawStep {
        narration: String::new(),
        effects: RawEffects::default(),
        delay: None,
        keeps: Vec::new(),
        breaks: Vec::new(),
        set: Vec::new(),
        clear: Vec::new(),
        feedback: String::new(),
        next,
        branches: Vec::new(),
    }
}

pub(crate) fn no_response(b: &RawBeat, response: usize) -> EditError {
    EditError::NoResponse {
        beat: b.id.clone(),
        response,
    }
}

/// `beat` is the beat's id.
pub(crate) fn no_exit(beat: &str, what: &'static str) -> EditError {
    EditError::NoExit {
        beat: beat.to_owned(),
        what,
    }
}

/// An exit's answer or step.
pub(crate) enum Way<'a> {
    Response(&'a mut RawResponse),
    Typed(&'a mut RawTyped),
    Step(&'a mut RawStep),
}

impl Way<'_> {
    pub(crate) fn effects(&mut self) -> &mut RawEffects {
        match self {
            Way::Response(r) => &mut r.effects,
            Way::Typed(t) => &mut t.effects,
            Way::Step(s) => &mut s.effects,
        }
    }

    pub(crate) fn next(&mut self) -> &mut String {
        match self {
            Way::Response(r) => &mut r.next,
            Way::Typed(t) => &mut t.next,
            Way::Step(s) => &mut s.next,
        }
    }
}

pub(crate) fn way(raw: &mut RawScenario, exit: Exit) -> Result<Way<'_>, EditError> {
    let b = beat(raw, exit.beat())?;
    match exit {
        Exit::Response(_, i) if i < b.responses.len() => Ok(Way::Response(&mut b.responses[i])),
        Exit::Response(_, i) => Err(no_response(b, i)),
        Exit::Typed(_) => match b.typed.as_mut() {
            Some(typed) => Ok(Way::Typed(typed)),
            None => Err(no_exit(&b.id, "typed reply")),
        },
        Exit::Timeout(_) => match b.on_timeout.as_mut() {
            Some(step) => Ok(Way::Step(step)),
            None => Err(no_exit(&b.id, "timeout (`on_timeout`)")),
        },
        Exit::Then(_) => match b.then.as_mut() {
            Some(step) => Ok(Way::Step(step)),
            None => Err(no_exit(&b.id, "`then`")),
        },
    }
}

/// "response 2 of `greet`", "the timeout of `greet`".
pub(crate) fn describe(raw: &RawScenario, exit: Exit) -> String {
    let id = raw
        .beats
        .get(exit.beat().index())
        .map_or("?", |b| b.id.as_str());
    match exit {
        Exit::Response(_, i) => format!("response {} of `{id}`", i + 1),
        Exit::Typed(_) => format!("the typed reply of `{id}`"),
        Exit::Timeout(_) => format!("the timeout of `{id}`"),
        Exit::Then(_) => format!("where `{id}` goes next"),
    }
}

/// The text at `at`, and how to name it.
pub(crate) fn text_mut(
    raw: &mut RawScenario,
    at: TextAt,
) -> Result<(&mut String, String), EditError> {
    Ok(match at {
        TextAt::Title => (&mut raw.title, "the title".into()),
        TextAt::Summary => (&mut raw.summary, "the summary".into()),
        TextAt::Lesson => (&mut raw.lesson, "the lesson".into()),
        TextAt::Says(b) => {
            let b = beat(raw, b)?;
            let name = format!("what the customer says in `{}`", b.id);
            (&mut b.says, name)
        }
        TextAt::Narration(b) => {
            let b = beat(raw, b)?;
            let name = format!("the narration of `{}`", b.id);
            (&mut b.narration, name)
        }
        TextAt::Response(b, i) => {
            let b = beat(raw, b)?;
            let name = format!("response {} of `{}`", i + 1, b.id);
            match b.responses.get(i) {
                Some(_) => (&mut b.responses[i].text, name),
                None => return Err(no_response(b, i)),
            }
        }
        TextAt::Prompt(b) => {
            let b = beat(raw, b)?;
            let name = format!("the typed prompt of `{}`", b.id);
            match b.typed.as_mut() {
                Some(typed) => (&mut typed.prompt, name),
                None => return Err(no_exit(&b.id, "typed reply")),
            }
        }
        TextAt::Feedback(exit) => exit_text(raw, exit, false)?,
        TextAt::StepNarration(exit) => exit_text(raw, exit, true)?,
        TextAt::Ending(e) => {
            let e = ending(raw, e)?;
            let name = format!("the text of ending `{}`", e.id);
            (&mut e.text, name)
        }
    })
}

/// The feedback (or, with `narration`, the step's narration) of `exit`, and how to name it.
fn exit_text(
    raw: &mut RawScenario,
    exit: Exit,
    narration: bool,
) -> Result<(&mut String, String), EditError> {
    let name = describe(raw, exit);
    if narration && matches!(exit, Exit::Response(..) | Exit::Typed(_)) {
        return Err(no_exit(&beat(raw, exit.beat())?.id, "narration of its own"));
    }
    let text = match way(raw, exit)? {
        Way::Step(s) if narration => &mut s.narration,
        Way::Response(r) => &mut r.feedback,
        Way::Typed(t) => &mut t.feedback,
        Way::Step(s) => &mut s.feedback,
    };
    let what = if narration { "narration" } else { "feedback" };
    Ok((text, format!("the {what} of {name}")))
}
