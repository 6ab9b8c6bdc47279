//! CARE's game: Bevy plugins that adapt the rules in `care_engine` to a window. No rules live here.

pub mod game;
pub mod screens;

use std::process::ExitCode;

use bevy::prelude::*;

/// Opens the game window and runs until it closes.
pub fn run_game(args: &care_cli::GameArgs) -> ExitCode {
    let app = match game_app(args) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    run(app)
}

fn run(mut app: App) -> ExitCode {
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}

/// The whole game as an App, ready to run (benchmarks add their probes to it).
pub fn game_app(args: &care_cli::GameArgs) -> Result<App, String> {
    // Everything that can refuse to start is decided before a window is asked for, so a
    // refusal is a plain message (and works where no display is available).
    #[cfg(feature = "dev")]
    if args.screenshots.is_some() && args.autoplay.is_none() && !args.author {
        return Err("--screenshots goes with --autoplay or --author".into());
    }
    #[cfg(feature = "dev")]
    let author = if args.author {
        Some(
            game::autoplay::prepare_store(args.data_dir.as_deref(), args.database.as_deref())
                .map_err(|e| e.to_string())?,
        )
    } else {
        None
    };
    #[cfg(feature = "dev")]
    let autoplay = match &args.autoplay {
        Some(scenario) => Some((
            care_engine::ScenarioId::new(scenario.as_str()),
            game::autoplay::prepare_store(args.data_dir.as_deref(), args.database.as_deref())
                .map_err(|e| e.to_string())?,
        )),
        None => None,
    };
    let scenarios = args.scenario_folder().map_err(|e| e.to_string())?;
    let assets = care_pack::asset_folder().map_err(|e| e.to_string())?;
    let preloading = game::library::Preloading::start(scenarios.clone());
    let mut app = App::new();
    app.add_plugins(game::window_plugins(
        &assets,
        args.window_size.unwrap_or((1280, 800)),
    ))
    .add_plugins(bevy_egui::EguiPlugin::default())
    .insert_resource(game::library::ScenarioFolder(scenarios));
    if let Some(preloading) = preloading {
        app.insert_resource(preloading);
    }
    #[cfg(feature = "dev")]
    if let Some((scenario, store)) = autoplay {
        app.insert_resource(game::progress::StoreConfig(store.location.clone()))
            // Autoplay never sends learning records, whatever this machine is set up for.
            .insert_resource(game::learning_records::LearningRecordsConfig::default())
            .insert_resource(game::autoplay::Autoplay {
                scenario,
                screenshots: args.screenshots.clone(),
                passphrase: store.passphrase.clone(),
                temp: store.temp.map(std::sync::Arc::new),
            })
            .add_plugins((game::plugin, screens::plugin, screens::ui_plugin))
            .add_plugins(game::autoplay::plugin);
        return Ok(app);
    }
    #[cfg(feature = "dev")]
    if let Some(store) = author {
        app.insert_resource(game::progress::StoreConfig(store.location.clone()))
            .insert_resource(game::learning_records::LearningRecordsConfig::default())
            .insert_resource(game::author_dev::AuthorDev {
                screenshots: args.screenshots.clone(),
                passphrase: store.passphrase.clone(),
                temp: store.temp.map(std::sync::Arc::new),
            })
            .add_plugins((game::plugin, screens::plugin, screens::ui_plugin))
            .add_plugins(game::author_dev::plugin);
        return Ok(app);
    }
    app.insert_resource(game::progress::StoreConfig(args.store_location()))
        .insert_resource(game::learning_records::LearningRecordsConfig::load())
        .add_plugins((game::plugin, screens::plugin, screens::ui_plugin));
    Ok(app)
}
