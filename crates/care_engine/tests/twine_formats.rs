//! Importing Twine stories in each story format (Harlowe, SugarCube, Chapbook, Snowman), with the
//! odd corners real stories have: a missing start, duplicates, broken metadata, CRLF and a BOM,
//! setters, macros, special passages, inserts, code and embedded JavaScript.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod twine_support;

use care_engine::Channel;
use care_engine::model::Outcome;
use care_engine::twine::{SkipReason, Warning, import};
use twine_support::{assert_sound, fixture, imported, narration, pairs, responses, skipped};

#[test]
fn harlowe_story_with_a_missing_start_duplicates_and_broken_metadata() {
    let i = imported("harlowe-bakery.twee");
    assert_sound(&i);
    let (raw, r) = (&i.scenario, &i.report);
    assert_eq!(r.format.as_deref(), Some("Harlowe 3.3.8"));
    assert_eq!((r.beats, r.endings, r.links), (3, 3, 10));
    assert_eq!(
        raw.start, "start",
        "StoryData names `1`, so `Start` is used"
    );
    assert_eq!(
        responses(raw, "start"),
        pairs(&[
            ("Apologise", "sorry"),
            ("Offer her money back", "refund"),
            ("Ask what happened", "what-happened"),
            ("Offer a fresh box", "crème-brûlée"),
        ])
    );
    assert_eq!(
        responses(raw, "sorry"),
        pairs(&[
            ("Offer her money back", "refund"),
            ("Offer a fresh box", "crème-brûlée")
        ]),
        "the last `Sorry` wins"
    );
    assert_eq!(
        narration(raw, "start"),
        "A customer slams a box of éclairs on the counter. \"These were stale by lunchtime!\"\n\n[code: (set:)]\n[code: (if:)]She taps her foot."
    );
    assert_eq!(r.added_endings, ["weather", "counter"]);
    assert_eq!(
        r.warnings,
        [
            Warning::BadMetadata {
                passage: "Sorry".into(),
                line: 51,
                error: "EOF while parsing an object at line 1 column 21".into()
            },
            Warning::DuplicatePassage {
                name: "Sorry".into(),
                first_line: 47,
                line: 51
            },
            Warning::StartMissing {
                named: Some("1".into()),
                used: "Start".into()
            },
            Warning::MissingTarget {
                passage: "What happened".into(),
                target: "weather".into(),
                suggestion: None,
                ending: "weather".into()
            },
            Warning::MissingTarget {
                passage: "What happened".into(),
                target: "counter".into(),
                suggestion: Some("Counter".into()),
                ending: "counter".into()
            },
        ]
    );
    assert_eq!(
        skipped(r),
        [
            (
                "StoryTitle",
                "story settings, read for the title and start".into()
            ),
            (
                "StoryData",
                "story settings, read for the title and start".into()
            ),
            (
                "Header",
                "tagged `header`: shown around every passage, not a scene".into()
            ),
            ("Startup", "tagged `startup`: code, not a scene".into()),
            (
                "Style",
                "tagged `stylesheet`: a style sheet, not a scene".into()
            ),
            (
                "Notes to self",
                "tagged `Twine.private`: private to Twine, not a scene".into()
            ),
            (
                "Counter",
                "no link leads to it from the start passage".into()
            ),
            (
                "Old draft",
                "no link leads to it from the start passage".into()
            ),
        ]
    );
    let manager = raw.endings.iter().find(|e| e.id == "manager").unwrap();
    assert_eq!(manager.outcome, Outcome::Escalated, "reached by (go-to:)");
    let text = r.to_string();
    assert!(
        text.contains("`counter`, which does not exist (did you mean `Counter`?)"),
        "{text}"
    );
}

#[test]
fn sugarcube_story_with_crlf_a_bom_setters_macros_and_special_passages() {
    let text = fixture("sugarcube-hotel.twee");
    assert!(text.starts_with('\u{feff}') && text.contains("\r\n"));
    let i = import(&text, "imported", Channel::InStore).unwrap();
    assert_sound(&i);
    let (raw, r) = (&i.scenario, &i.report);
    assert_eq!(raw.title, "Night shift at the Grand");
    assert_eq!((r.beats, r.endings, r.links, r.more_beats), (4, 10, 19, 1));
    assert_eq!(raw.start, "front-desk");
    assert_eq!(
        responses(raw, "front-desk"),
        pairs(&[
            ("Take the key card", "key-check"),
            ("Ring the night manager", "night-manager"),
            ("Offer a free upgrade", "suite"),
            ("Directory", "directory"),
        ]),
        "a setter link, links in <<link>> both ways; $return and a web address left out"
    );
    assert_eq!(
        responses(raw, "key-check"),
        pairs(&[
            ("Re-encode it", "room-12"),
            ("Apologise and walk him up", "room-12"),
            ("Night manager", "night-manager"),
        ]),
        "escaped brackets in a name; links inside <<if>> and <<button>>"
    );
    assert_eq!(responses(raw, "suite"), pairs(&[("Room [12]", "room-12")]));
    assert_eq!(
        narration(raw, "key-check"),
        "[code: script]\nYou swipe the card through the reader. The light blinks red: error {{E4}}.\n[code: <<if>>]"
    );
    let directory = responses(raw, "directory");
    assert_eq!(directory.len(), 9);
    assert_eq!(
        directory[8],
        ("More choices".into(), "directory-more".into())
    );
    assert_eq!(responses(raw, "directory-more").len(), 3);
    assert_eq!(r.added_endings, ["spa", "pool"]);
    let skipped: Vec<&str> = r.skipped.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        skipped,
        [
            "StoryTitle",
            "StoryData",
            "StoryInit",
            "StoryMenu",
            "StoryCaption",
            "PassageHeader",
            "Widgets",
            "Analytics",
            "Theme",
            "Spa"
        ]
    );
    assert_eq!(r.skipped[6].reason, SkipReason::Tagged("widget".into()));
    let text = r.to_string();
    for expected in [
        "passage `Front desk` links to `$return`, which is not a passage name",
        "passage `Front desk` links to `https://example.org/grand`",
        "passage `Directory` links to `spa`, which does not exist (did you mean `Spa`?); it became the ending `spa` to fill in",
        "passage `Directory` links to `Pool`, which does not exist; it became the ending `pool`",
        "passage `Directory` has 11 links but a beat offers at most 9",
        "SugarCube 2.36.1 story: 14 passages → 4 beats and 10 endings; 19 links → 20 responses",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    for never in [
        "Inventory",
        "Help",
        "Bell",
        "Nope",
        "Cut scene",
        "Not a link",
        "`Room 12`",
    ] {
        assert!(
            !text.contains(never),
            "{never} is in code or a special passage: {text}"
        );
    }
    assert_eq!(r.warnings.len(), 5, "{text}");
}

#[test]
fn chapbook_story_with_inserts_code_sections_and_latex() {
    let i = imported("chapbook-library.twee");
    assert_sound(&i);
    let (raw, r) = (&i.scenario, &i.report);
    assert_eq!((r.beats, r.endings, r.links), (3, 3, 8));
    assert_eq!(raw.start, "entrance");
    assert_eq!(
        responses(raw, "entrance"),
        pairs(&[
            ("Look up her account", "check-the-record"),
            ("Waive it", "waived"),
            ("Explain the fine", "explain"),
        ])
    );
    assert_eq!(
        narration(raw, "entrance"),
        "[code: vars section]\nA student drops three books on the returns desk. \"The machine says I owe [insert: fines] pounds. That's not right.\"\n\n[insert: embed passage]\n\n[code: JavaScript section]\n[continue]\n\n[insert: back link]"
    );
    assert!(
        narration(raw, "check-the-record").contains(r"$f = \frac{{d}}{{2}}$"),
        "{}",
        narration(raw, "check-the-record")
    );
    assert_eq!(
        responses(raw, "explain")[2],
        (
            "Send her to the lending desk".into(),
            "貸出カウンター".into()
        )
    );
    assert_eq!(r.added_endings, ["explain-2"], "`explain` is taken");
    assert_eq!(
        r.warnings,
        [Warning::MissingTarget {
            passage: "Check the record".into(),
            target: "explain".into(),
            suggestion: Some("Explain".into()),
            ending: "explain-2".into()
        }]
    );
    let skipped: Vec<&str> = r.skipped.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        skipped,
        ["StoryTitle", "StoryData", "Library theme", "Sidebar"]
    );
}

#[test]
fn snowman_story_with_embedded_javascript_and_no_start() {
    let i = imported("snowman-outage.twee");
    assert_sound(&i);
    let (raw, r) = (&i.scenario, &i.report);
    assert_eq!((r.beats, r.endings, r.links), (2, 4, 6));
    assert_eq!(raw.start, "phone-rings");
    assert_eq!(
        responses(raw, "phone-rings"),
        pairs(&[
            ("Offer a refund", "refund"),
            ("Escalate", "supervisor"),
            ("Run a line test", "line-test"),
            ("Blame the weather", "blame-the-weather"),
        ])
    );
    assert_eq!(
        narration(raw, "phone-rings"),
        "[code]\nThe line crackles. \"My internet has been down for [code] days. I work from home!\"\n[code]She is shouting.[code]She sounds tired.[code]\n[code: script]"
    );
    assert_eq!(
        r.warnings,
        [
            Warning::EmptyName { line: 45 },
            Warning::StartMissing {
                named: None,
                used: "Phone rings".into()
            }
        ]
    );
    assert!(r.added_endings.is_empty());
}
