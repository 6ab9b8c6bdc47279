//! Importing Twine stories: the skeleton keeps the story's shape, loads without errors whatever
//! the story format, and the report says what became of every passage and link.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use care_engine::load::{LoadOptions, load_bytes};
use care_engine::model::Outcome;
use care_engine::raw::RawScenario;
use care_engine::twine::{
    Import, ImportReport, NO_ANSWER_ENDING, SkipReason, TwineError, Warning, import,
};
use care_engine::{Channel, Severity};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/twine/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn imported(name: &str) -> Import {
    import(&fixture(name), "imported", Channel::Phone).unwrap()
}

/// Loads the skeleton as `care check` does and returns its error diagnostics.
fn errors(raw: &RawScenario) -> Vec<String> {
    let text = care_engine::twine::scenario_ron(raw).expect("written as RON");
    let out = load_bytes(
        "imported.scenario.ron",
        text.as_bytes(),
        LoadOptions::linted(),
    );
    let errors: Vec<String> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {} ({:?})", d.code.as_str(), d.message, d.hint))
        .collect();
    assert_eq!(errors.is_empty(), out.scenario.is_some(), "{errors:#?}");
    errors
}

/// The skeleton loads, and its beats and responses are the report's passages and links.
fn assert_sound(i: &Import) {
    assert_eq!(errors(&i.scenario), Vec::<String>::new());
    let r = &i.report;
    assert_eq!(i.scenario.beats.len(), r.beats + r.more_beats);
    let responses: usize = i.scenario.beats.iter().map(|b| b.responses.len()).sum();
    assert_eq!(responses, r.responses());
    // Plus one: `no-answer` when anything waits for an answer, else where the start moves on to.
    assert_eq!(
        i.scenario.endings.len(),
        r.endings + r.added_endings.len() + 1
    );
}

fn skipped(r: &ImportReport) -> Vec<(&str, String)> {
    r.skipped
        .iter()
        .map(|s| (s.name.as_str(), s.reason.to_string()))
        .collect()
}

fn responses(raw: &RawScenario, beat: &str) -> Vec<(String, String)> {
    raw.beats
        .iter()
        .find(|b| b.id == beat)
        .unwrap_or_else(|| panic!("no beat {beat}"))
        .responses
        .iter()
        .map(|r| (r.text.clone(), r.next.clone()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

fn narration<'a>(raw: &'a RawScenario, beat: &str) -> &'a str {
    &raw.beats.iter().find(|b| b.id == beat).unwrap().narration
}

#[test]
fn passages_become_beats_and_links_become_responses() {
    let i = import(
        &fixture("returns-desk.twee"),
        "returns-desk",
        Channel::InStore,
    )
    .unwrap();
    assert_sound(&i);
    let raw = &i.scenario;
    assert_eq!(raw.title, "The returns desk");
    assert_eq!(raw.start, "counter");
    let ids: Vec<&str> = raw.beats.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["counter", "receipt"]);
    assert!(
        raw.beats[0]
            .narration
            .starts_with("A customer puts a cracked kettle")
    );
    assert_eq!(
        responses(raw, "counter"),
        pairs(&[
            ("Apologise and offer a swap", "swap"),
            ("Ask for the receipt first", "receipt"),
            ("Policy says no returns on used items", "refused"),
        ])
    );
    assert_eq!(
        raw.beats[1].responses[1].next, "counter",
        "a bare [[Counter]] link"
    );
    let endings: Vec<(&str, Outcome)> = raw
        .endings
        .iter()
        .map(|e| (e.id.as_str(), e.outcome))
        .collect();
    assert_eq!(
        endings,
        [
            ("swap", Outcome::WonBack),
            ("refused", Outcome::Lost),
            (NO_ANSWER_ENDING, Outcome::Lost)
        ]
    );
    assert!(i.report.warnings.is_empty(), "{:?}", i.report.warnings);
}

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

#[test]
fn a_story_without_story_data_starts_at_start_quietly() {
    let twee =
        ":: Intro <10,10>\nNot the start.\n\n:: Start <100,100>\nHello. [[Bye]]\n\n:: Bye\nBye.\n";
    let i = import(twee, "x", Channel::Phone).unwrap();
    assert_sound(&i);
    assert_eq!(i.scenario.start, "start");
    assert!(i.report.warnings.is_empty(), "{:?}", i.report.warnings);
    assert_eq!(i.report.skipped[0].name, "Intro");
}

#[test]
fn broken_story_data_and_a_single_passage_still_import() {
    let twee = ":: StoryData\n{\"start\": \"Only\",}\n\n:: Only\nJust one scene, with {braces}.\n";
    let i = import(twee, "x", Channel::Phone).unwrap();
    assert_sound(&i);
    assert!(matches!(i.report.warnings[0], Warning::BadStoryData { .. }));
    assert_eq!(i.scenario.beats.len(), 1);
    assert_eq!(
        i.scenario.beats[0].narration,
        "Just one scene, with {{braces}}."
    );
    assert!(i.scenario.beats[0].then.is_some(), "moves on to an ending");
}

#[test]
fn every_missing_target_is_listed_and_becomes_an_ending() {
    let twee = ":: Start\n[[A]] [[b]] [[C->Gone]]\n\n:: B\n[[Also gone]] [[Start]]\n";
    let i = import(twee, "x", Channel::Phone).unwrap();
    assert_sound(&i);
    let missing: Vec<&str> = i
        .report
        .warnings
        .iter()
        .filter_map(|w| match w {
            Warning::MissingTarget { target, .. } => Some(target.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(missing, ["A", "b", "Gone"]);
    assert_eq!(i.report.added_endings, ["a", "b", "gone"]);
}

#[test]
fn only_special_passages_or_a_bad_id_are_refused() {
    let twee = ":: StoryTitle\nT\n\n:: StoryInit\n<<set $x to 1>>\n\n:: Code [script]\nx = 1;\n";
    assert_eq!(
        import(twee, "x", Channel::Phone).unwrap_err(),
        TwineError::NoPassages
    );
    assert_eq!(
        import("no passages here", "x", Channel::Phone).unwrap_err(),
        TwineError::NoPassages
    );
}

/// Real stories kept outside the repository: `CARE_TWINE_STORIES=folder cargo test -p care_engine
/// --test twine -- --ignored` imports every `.twee` file in the folder and checks its skeleton.
#[test]
#[ignore = "needs a folder of Twee files in CARE_TWINE_STORIES"]
fn stories_in_a_folder_import_into_skeletons_that_load() {
    let dir = std::env::var("CARE_TWINE_STORIES").expect("CARE_TWINE_STORIES names a folder");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "twee" || e == "tw"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .twee files in {dir}");
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let i = import(&String::from_utf8_lossy(&bytes), "story", Channel::LiveChat)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        println!("== {}\n{}", file.display(), i.report);
        assert_sound(&i);
    }
}

mod any_story {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of Twee that real stories are made of, in any order.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            ":: Start\n",
            ":: A [tag]\n",
            ":: B {\"position\":\"1,1\"}\n",
            ":: StoryInit\n",
            ":: a\n",
            ":: Ü \\[1\\]\n",
            ":: S [script]\n",
            ":: StoryData\n{\"start\":\"B\"}\n",
            "Text ",
            "{x} ",
            "{{ ",
            "}} ",
            "[[A]] ",
            "[[b->B]] ",
            "[[Ü [1]]] ",
            "[[x|Missing]] ",
            "[[Go|A][$k to 1]] ",
            "<<link \"L\" \"B\">><</link>> ",
            "<<set $x to {a: 1}>> ",
            "(go-to: \"a\") ",
            "{link to: 'A'} ",
            "/* [[C]] */ ",
            "{{{ [[D]] ",
            "}}} ",
            "\r\n",
            "\n",
            "<<script>>",
            "<</script>>",
            "[[",
            "]]",
            "<a data-passage=\"A\">A</a>",
            "[JavaScript]\n",
            "[continue]\n",
            "--\n",
            "[[1]] [[2]] [[3]] [[4]] [[5]] ",
            "[[6]] [[7]] [[8]] [[9]] [[10]] ",
        ])
    }

    fn format() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "Harlowe",
            "SugarCube",
            "Chapbook",
            "Snowman",
            "Paloma",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn imports_into_a_skeleton_that_loads(format in format(), pieces in prop::collection::vec(piece(), 0..40)) {
            let twee = format!(
                ":: StoryData\n{{\"format\": \"{format}\", \"start\": \"Start\"}}\n\n:: Start\n{}",
                pieces.concat()
            );
            let i = import(&twee, "x", Channel::LiveChat).expect("a story with a Start passage imports");
            prop_assert_eq!(errors(&i.scenario), Vec::<String>::new(), "{}", twee);
        }
    }
}
