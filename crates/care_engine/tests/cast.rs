//! The shipped cast gives every customer in the pack a drawn look, every look has a portrait for
//! each mood band and a body, and a broken cast file is an error that says what is wrong.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::{Path, PathBuf};

use care_engine::cast::{Body, Cast, CastError, MOOD_BANDS, Role};
use care_engine::persona::Persona;
use care_engine::{LoadOptions, load_paths};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cast() -> Cast {
    let text = std::fs::read_to_string(root().join("assets/people/cast.ron")).unwrap();
    Cast::parse(&text).unwrap()
}

fn persona(name: &str) -> Persona {
    Persona {
        name: name.to_owned(),
        values: Vec::new(),
        pronouns: Default::default(),
    }
}

#[test]
fn every_customer_in_the_pack_has_a_look_of_their_own_with_every_picture() {
    let cast = cast();
    let report = load_paths(&[root().join("scenarios")], LoadOptions::default());
    assert!(report.scenarios.len() >= 28);
    for l in &report.scenarios {
        for name in &l.scenario.customer.names {
            let first = persona(name);
            assert!(
                cast.named(first.first_name()).is_some(),
                "{}: {name} has no look of their own in cast.ron (run scripts/make-people)",
                l.scenario.id
            );
        }
    }
    for look in &cast.looks {
        for band in MOOD_BANDS {
            let file = root()
                .join("assets")
                .join(format!("people/{}/{band}.png", look.folder));
            assert!(file.is_file(), "{} has no {band} portrait", look.folder);
        }
        assert!(
            root().join("assets").join(look.body_image()).is_file(),
            "{} has no body",
            look.folder
        );
        assert!(
            !look.alt.is_empty(),
            "{} is described for screen readers",
            look.folder
        );
    }
}

#[test]
fn the_shopper_nobody_greets_is_drawn_in_her_wheelchair_and_colleagues_wear_the_uniform() {
    let cast = cast();
    for name in ["Rosa", "Margaret", "Edith", "Agnes"] {
        let look = cast.look(cast.customer(&persona(name)));
        assert_eq!(look.body, Body::Wheelchair, "{name}");
    }
    let colleagues = cast.colleague_looks();
    assert!(colleagues.len() >= 3);
    for id in colleagues {
        assert_eq!(cast.look(id).role, Role::Colleague);
    }
}

#[test]
fn a_name_the_cast_does_not_know_always_gets_the_same_look_from_the_pool() {
    let cast = cast();
    let a = cast.customer(&persona("Zebulon Quist"));
    assert_eq!(a, cast.customer(&persona("Zebulon")));
    assert_eq!(cast.look(a).role, Role::Customer);
    let looks: std::collections::HashSet<_> = ["Xan", "Yusra", "Zed", "Quin", "Wren", "Vash"]
        .iter()
        .map(|n| cast.customer(&persona(n)))
        .collect();
    assert!(looks.len() > 1, "unknown names spread over the pool");
}

#[test]
fn a_portrait_follows_the_mood() {
    let cast = cast();
    let look = cast.look(cast.customer(&persona("Rosa")));
    assert_eq!(
        look.portrait(-100),
        format!("people/{}/furious.png", look.folder)
    );
    assert_eq!(
        look.portrait(100),
        format!("people/{}/delighted.png", look.folder)
    );
}

#[test]
fn a_cast_that_names_a_missing_look_says_which() {
    let text = r#"Cast(portrait_size: 256, head_anchor: (192, 256), faces: {},
        looks: [(id: "a", alt: "A", body: Standing, role: Customer)],
        names: {"Rosa": "b"}, colleagues: {}, pool: ["a"])"#;
    let err = Cast::parse(text).unwrap_err();
    assert!(matches!(err, CastError::UnknownLook { .. }));
    assert!(err.to_string().contains("`Rosa`"), "{err}");
    let empty = text
        .replace(r#"pool: ["a"]"#, "pool: []")
        .replace(r#""Rosa": "b""#, "");
    assert!(matches!(Cast::parse(&empty), Err(CastError::EmptyPool)));
}
