//! `import-twine` from the command line: the scenario it writes checks, and it reports what became
//! of each passage and link.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod commands_support;

use care_cli::EXIT_OK;
use commands_support::care;

#[test]
fn import_twine_writes_a_scenario_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = care(&[
        "import-twine",
        "../../tests/fixtures/twine/returns-desk.twee",
        "--channel",
        "in-store",
        "--dir",
        d,
    ]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("(2 beats, 3 endings)"), "{out}");
    let (code, out, err) = care(&["check", "--no-lint", d]);
    assert_eq!(code, EXIT_OK, "{out}{err}");
}

#[test]
fn import_twine_reports_what_became_of_each_passage_and_link() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = care(&[
        "import-twine",
        "../../tests/fixtures/twine/sugarcube-hotel.twee",
        "--channel",
        "in-store",
        "--dir",
        d,
    ]);
    assert_eq!(code, EXIT_OK, "{err}");
    for expected in [
        "sugarcube-hotel.scenario.ron (5 beats, 13 endings)\n",
        "\nSugarCube 2.36.1 story: 14 passages → 4 beats and 10 endings; 19 links → 20 responses\n",
        "\nadded 1 beat for the links of passages with more than a beat offers\n",
        "\nadded 2 endings for missing passages, to write: `spa`, `pool`\n",
        "\nskipped 10 passages:\n  StoryTitle: story settings, read for the title and start\n",
        "\n  StoryMenu: shown around every passage (menu, caption, header), not a scene\n",
        "\n  Widgets: tagged `widget`: macro definitions, not a scene\n",
        "\n  Analytics: tagged `script`: code, not a scene\n",
        "\n  Spa: no link leads to it from the start passage\n",
        "\n5 warnings:\n",
        "\n  passage `Directory` links to `spa`, which does not exist (did you mean `Spa`?); it became the ending `spa` to fill in\n",
        "\nnext: add scores and feedback",
    ] {
        assert!(out.contains(expected), "{expected}\n---\n{out}");
    }
    for (file, summary) in [
        (
            "harlowe-bakery.twee",
            "Harlowe 3.3.8 story: 6 passages → 3 beats and 3 endings; 10 links → 10 responses",
        ),
        (
            "chapbook-library.twee",
            "Chapbook 2.2.0 story: 6 passages → 3 beats and 3 endings; 8 links → 8 responses",
        ),
        (
            "snowman-outage.twee",
            "Snowman 2.0.2 story: 6 passages → 2 beats and 4 endings; 6 links → 6 responses",
        ),
    ] {
        let path = format!("../../tests/fixtures/twine/{file}");
        let (code, out, err) = care(&["import-twine", &path, "--channel", "phone", "--dir", d]);
        assert_eq!(code, EXIT_OK, "{err}");
        assert!(out.contains(summary), "{out}");
    }
    let (code, out, err) = care(&["check", d]);
    assert_eq!(code, EXIT_OK, "{out}{err}");
    assert!(err.contains("4 scenarios ready, 0 errors"), "{err}");
}
