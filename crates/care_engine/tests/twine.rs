//! Importing Twine stories: the skeleton keeps the story's shape, loads without errors whatever
//! the story format, and the report says what became of every passage and link.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod twine_support;

use care_engine::Channel;
use care_engine::model::Outcome;
use care_engine::twine::{NO_ANSWER_ENDING, TwineError, Warning, import};
use twine_support::{assert_sound, errors, fixture, pairs, responses};

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
