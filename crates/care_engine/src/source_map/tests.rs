//! Tests of the source map: exact spans, fallbacks, and no panic on broken text.
use proptest::prelude::*;

use super::*;

const SCENARIO: &str = r####"#![enable(implicit_some)]
// Comment with "quotes" and stray brackets ]) that must be ignored.
(
    id: "late-parcel",
    title: r#"The "late" parcel (again)"#,
    /* block /* nested ) */ comment ] */
    summary: "Margaret's parcel is \"late\"; she is (rightly) upset.",
    customer: (
        name: ["Margaret", "Amélie 🌸"],
        mood: Annoyed,
        patience_secs: 45,
    ),
    audience: Some((name: "followers of @Bright", size: 3, sentiment: -10)),
    clock: (day: Monday, time: "09:30"),
    vars: [(id: "gift", values: ['a', '\'', b"bytes"])],
    beats: [
        (
            id: "start",
            says: "Where is my parcel?", // trailing comment
            responses: [
                (text: "Sorry!", next: "calm", effects: [Flag("greeted"), Mood(+1)]),
                (text: r##"a "#" b"##, next: "angry",),
            ],
        ),
        (id: "calm", wait_secs: 0x1F, weight: 1.5e-3, next: Some("end")),
    ],
    scoring: { "speed": 2, "em\"pathy": (weight: 3), "speed": 9 },
    r#type: Special,
    id: "duplicate",
)
"####;

/// `"beats[0].next"` → the path.
fn path(text: &str) -> Path {
    let mut p = Path::root();
    for part in text.split('.').filter(|s| !s.is_empty()) {
        let mut bits = part.split('[');
        if let Some(name) = bits.next().filter(|n| !n.is_empty()) {
            p = p.field(name);
        }
        for i in bits {
            p = p.index(i.trim_end_matches(']').parse().expect("index"));
        }
    }
    p
}

fn value<'a>(src: &'a str, map: &SourceMap, at: &str) -> &'a str {
    let span = map.value_span(&path(at)).expect("a span");
    src.get(span).expect("a span on char boundaries")
}

fn key<'a>(src: &'a str, map: &SourceMap, at: &str) -> &'a str {
    let span = map.key_span(&path(at)).expect("a span");
    src.get(span).expect("a span on char boundaries")
}

#[test]
fn finds_values_keys_and_falls_back_to_the_deepest_found() {
    let map = SourceMap::parse(SCENARIO);
    let v = |at: &str| value(SCENARIO, &map, at);
    let k = |at: &str| key(SCENARIO, &map, at);
    let cases = [
        ("id", r#""late-parcel""#),
        ("title", r##"r#"The "late" parcel (again)"#"##),
        (
            "summary",
            r#""Margaret's parcel is \"late\"; she is (rightly) upset.""#,
        ),
        ("customer.name[1]", r#""Amélie 🌸""#),
        ("customer.patience_secs", "45"),
        (
            "audience",
            r#"Some((name: "followers of @Bright", size: 3, sentiment: -10))"#,
        ),
        ("audience.size", "3"),
        ("audience.sentiment", "-10"),
        ("clock.day", "Monday"),
        ("vars[0].values[1]", r"'\''"),
        ("vars[0].values[2]", r#"b"bytes""#),
        ("beats[0].responses[0].effects[0]", r#"Flag("greeted")"#),
        ("beats[0].responses[0].effects[0][0]", r#""greeted""#),
        ("beats[0].responses[0].effects[1]", "Mood(+1)"),
        ("beats[0].responses[1].text", r###"r##"a "#" b"##"###),
        ("beats[0].responses[1].next", r#""angry""#),
        ("beats[1].wait_secs", "0x1F"),
        ("beats[1].weight", "1.5e-3"),
        ("beats[1].next", r#"Some("end")"#),
        ("scoring.speed", "2"),
        ("scoring.em\"pathy.weight", "3"),
        ("type", "Special"),
        // Fallbacks: the deepest value found along the path.
        ("audience.size.deeper", "3"),
        ("beats[0].responses[0].missing", v("beats[0].responses[0]")),
        ("beats[7].id", v("beats")),
        ("nope.x", v("")),
    ];
    for (at, want) in cases {
        assert_eq!(v(at), want, "value at {at}");
    }
    assert!(v("").starts_with("(\n    id:") && v("").ends_with("\"duplicate\",\n)"));
    assert!(v("beats[0]").starts_with("(\n            id: \"start\""));
    assert_eq!(k("customer.mood"), "mood");
    assert_eq!(k("audience.size"), "size");
    assert_eq!(k("type"), "r#type");
    assert_eq!(k("scoring.speed"), r#""speed""#);
    assert_eq!(k("beats[1]"), v("beats[1]"));
    assert_eq!(k("beats[0].nope"), v("beats[0]"));
    for empty in ["", "  // just a comment\n", "#![enable(unwrap_newtypes)]"] {
        assert_eq!(SourceMap::parse(empty).value_span(&Path::root()), None);
    }
}

#[test]
fn truncated_text_keeps_what_was_parsed() {
    let cut = SCENARIO.find("beats: [").expect("beats");
    let src = &SCENARIO[..cut + 30];
    let map = SourceMap::parse(src);
    assert_eq!(value(src, &map, "customer.mood"), "Annoyed");
    assert!(value(src, &map, "beats[0].says").starts_with("(\n"));
    let src = "(a: Some((b: [1, 2)), c: 3)";
    let map = SourceMap::parse(src);
    assert_eq!(
        [value(src, &map, "a.b"), value(src, &map, "c")],
        ["[1, 2", "3"]
    );
}

#[test]
fn line_col_counts_chars() {
    let src = "aé🌸\nxyz";
    let at = |b| line_col(src, b);
    assert_eq!(
        [at(0), at(1), at(3), at(7), at(8)],
        [(1, 1), (1, 2), (1, 3), (1, 4), (2, 1)]
    );
    assert_eq!([at(2), at(5), at(999)], [(1, 2), (1, 3), (2, 4)]);
    assert_eq!(line_col("", 5), (1, 1));
    let map = SourceMap::parse(SCENARIO);
    let span = map.value_span(&path("customer.name[1]")).expect("span");
    assert_eq!(line_col(SCENARIO, span.start), (9, 28));
}

fn probe(src: &str) {
    let map = SourceMap::parse(src);
    for at in [
        "",
        "a",
        "beats[0].responses[1].next",
        "audience.size",
        "vars[0].values[9]",
    ] {
        let _ = map.entries(&path(at));
        for span in [map.value_span(&path(at)), map.key_span(&path(at))]
            .into_iter()
            .flatten()
        {
            assert!(src.get(span).is_some(), "bad span for {at} in {src:?}");
        }
    }
}

#[test]
fn never_panics_on_broken_or_deep_text() {
    for (i, _) in SCENARIO.char_indices() {
        probe(&SCENARIO[..i]);
    }
    let garbage = r#""unterminated|r###"raw|/* /* */|(a: [1, 2), b: 3)|}{)(][|(a:|#![|'|b'|br#|r#|\|Some((((|:::,,,|0x+e-|(r#: 1)|(a: 1, a: 2, : 3, 4: , b:)|{"k": , : 1}|("a\|'\|//"#;
    for g in garbage.split('|').chain(["\u{2028}é🌸("]) {
        probe(g);
    }
    for deep in [
        "[", "(a:", "Some(", "{\"k\":", "/*", "]", "r#\"", "(", "([{",
    ] {
        probe(&deep.repeat(100_000));
    }
    let deep = SourceMap::parse(&"[".repeat(100_000));
    let mut p = Path::root();
    for _ in 0..300 {
        p = p.index(0);
    }
    assert!(deep.value_span(&p).is_some());
}

#[test]
fn entries_are_listed_in_the_written_order_through_some() {
    let map = SourceMap::parse(SCENARIO);
    let at = |r: &Range<usize>| &SCENARIO[r.clone()];
    let customer = map.entries(&Path::root().field("customer")).unwrap();
    let keys: Vec<&str> = customer
        .items
        .iter()
        .map(|e| at(e.key.as_ref().unwrap()))
        .collect();
    assert_eq!(keys, ["name", "mood", "patience_secs"]);
    assert_eq!(at(&customer.items[1].value), "Annoyed");
    assert!(at(&customer.span).starts_with('(') && at(&customer.span).ends_with(')'));
    let audience = map.entries(&Path::root().field("audience")).unwrap();
    assert_eq!(audience.items.len(), 3);
    assert!(
        at(&audience.span).starts_with("(name:"),
        "looks through Some(…)"
    );
    let names = map
        .entries(&Path::root().field("customer").field("name"))
        .unwrap();
    assert!(names.items.iter().all(|e| e.key.is_none()));
    assert_eq!(names.items[1].start(), names.items[1].value.start);
    assert_eq!(
        map.entries(&Path::root().field("customer").field("mood")),
        None
    );
    assert_eq!(map.entries(&Path::root().field("nope")), None);
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(
        any_text in any::<String>(),
        ronish in "[()\\[\\]{}:,\"'#!/*\\\\ a-z0-9_.\n+-]{0,80}",
    ) {
        probe(&any_text);
        probe(&ronish);
    }
}
