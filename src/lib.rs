//! CARE's game: Bevy plugins that adapt the rules in `care_engine` to a window. No rules live here.

pub mod game;
pub mod screens;

use std::process::ExitCode;

use bevy::prelude::*;

/// Opens the game window and runs until it closes.
pub fn run_game(args: &care_cli::GameArgs) -> ExitCode {
    match game_app(args).run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}

/// The whole game as an App, ready to run (benchmarks add their probes to it).
pub fn game_app(args: &care_cli::GameArgs) -> App {
    let mut app = App::new();
    app.add_plugins(game::window_plugins())
        .add_plugins(bevy_egui::EguiPlugin::default())
        .insert_resource(game::library::ScenarioFolder(args.scenarios.clone()))
        .insert_resource(game::progress::StoreConfig(args.store_location()))
        .insert_resource(game::learning_records::LearningRecordsConfig::load())
        .add_plugins((game::plugin, screens::plugin, screens::ui_plugin));
    if let Some(scenario) = &args.autoplay {
        app.insert_resource(game::autoplay::Autoplay {
            scenario: scenario.clone(),
            screenshots: args.screenshots.clone(),
        })
        .add_plugins(game::autoplay::plugin);
    }
    app
}
