//! How answers sort: only the ids sent count as stored.

use super::*;

fn answer(status: u16, body: &str) -> Answer {
    Answer {
        status,
        body: body.to_string(),
        ..Answer::default()
    }
}

fn ids(n: u128) -> Vec<Uuid> {
    (1..=n).map(Uuid::from_u128).collect()
}

fn list(ids: &[Uuid]) -> String {
    serde_json::to_string(&ids.iter().map(Uuid::to_string).collect::<Vec<_>>()).expect("json")
}

#[test]
fn answers_sort_into_what_to_do_next() {
    let sent = ids(2);
    assert!(matches!(
        classify(&answer(401, ""), &sent),
        PostOutcome::Credentials { .. }
    ));
    assert!(matches!(
        classify(&answer(404, ""), &sent),
        PostOutcome::WrongEndpoint { status: 404 }
    ));
    assert!(matches!(
        classify(&answer(503, ""), &sent),
        PostOutcome::Unavailable { .. }
    ));
    assert!(matches!(
        classify(&answer(429, ""), &sent),
        PostOutcome::Unavailable { .. }
    ));
    assert!(matches!(
        classify(&answer(409, "{\"detail\":\"exists\"}"), &sent),
        PostOutcome::Conflict { .. }
    ));
    match classify(
        &answer(
            422,
            r#"{"detail":[{"msg":"Field required","loc":["body",0,"object"]}]}"#,
        ),
        &sent,
    ) {
        PostOutcome::Rejected { status, reason } => {
            assert_eq!(status, 422);
            assert_eq!(reason, "HTTP 422: object: Field required");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn only_exactly_the_ids_sent_count_as_stored() {
    let sent = ids(3);
    let mut reversed = sent.clone();
    reversed.reverse();
    assert_eq!(
        classify(&answer(200, &list(&reversed)), &sent),
        PostOutcome::Accepted
    );
    assert_eq!(
        classify(&answer(200, &list(&sent[..1])), &sent),
        PostOutcome::Partly {
            stored: sent[..1].to_vec()
        }
    );
    assert_eq!(
        classify(&answer(204, ""), &sent),
        PostOutcome::Partly { stored: Vec::new() }
    );
    let foreign = [sent[0], Uuid::from_u128(99)];
    assert!(matches!(
        classify(&answer(200, &list(&foreign)), &sent),
        PostOutcome::NotAcknowledged { .. }
    ));
    let twice = [sent[0], sent[0], sent[1]];
    assert!(matches!(
        classify(&answer(200, &list(&twice)), &sent),
        PostOutcome::NotAcknowledged { .. }
    ));
    assert!(matches!(
        classify(&answer(200, "[]"), &sent),
        PostOutcome::Partly { .. }
    ));
}

#[test]
fn a_page_or_a_redirect_is_never_stored() {
    let sent = ids(1);
    let page = Answer {
        status: 200,
        content_type: Some("text/html; charset=utf-8".into()),
        body: "<!doctype html><title>Sign in to Guest Wi-Fi</title>".into(),
        ..Answer::default()
    };
    match classify(&page, &sent) {
        PostOutcome::NotAcknowledged { detail } => {
            assert!(detail.contains("web page"), "{detail}");
            assert!(detail.contains("text/html"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    let moved = Answer {
        status: 302,
        location: Some("http://portal.example/login".into()),
        ..Answer::default()
    };
    assert_eq!(
        classify(&moved, &sent),
        PostOutcome::Redirected {
            status: 302,
            location: Some("http://portal.example/login".into())
        }
    );
    assert!(matches!(
        classify(&answer(201, ""), &sent),
        PostOutcome::NotAcknowledged { .. }
    ));
}

#[test]
fn lookups_read_the_statement_in_either_shape() {
    let id = Uuid::from_u128(5);
    let statement = serde_json::json!({"id": id.to_string(), "verb": {"id": "v"}});
    let single = answer(200, &statement.to_string());
    assert_eq!(
        classify_lookup(&single, id),
        Lookup::Held(statement.clone())
    );
    let wrapped = answer(
        200,
        &serde_json::json!({"statements": [statement]}).to_string(),
    );
    assert_eq!(classify_lookup(&wrapped, id), Lookup::Held(statement));
    let empty = answer(200, r#"{"statements": []}"#);
    assert_eq!(classify_lookup(&empty, id), Lookup::NotHeld);
    assert_eq!(classify_lookup(&answer(404, ""), id), Lookup::NotHeld);
    assert!(matches!(
        classify_lookup(&answer(200, "<html>"), id),
        Lookup::Failed(PostOutcome::NotAcknowledged { .. })
    ));
    assert!(matches!(
        classify_lookup(&answer(502, ""), id),
        Lookup::Failed(PostOutcome::Unavailable { .. })
    ));
}

#[test]
fn long_reasons_are_cut_to_one_line() {
    let body = format!("line one\n{}", "x".repeat(2000));
    let r = reason_of(&body, 400);
    assert!(!r.contains('\n'));
    assert!(r.chars().count() < REASON_CHARS + 20);
    assert!(r.ends_with('…'));
}
