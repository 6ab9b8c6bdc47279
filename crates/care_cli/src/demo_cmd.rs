//! `care demo-data`: a store full of made-up employees who played the real scenarios.

use care_engine::load::{LoadOptions, load_paths};
use care_store::Store;
use care_store::demo::DemoPlan;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::{CliError, EXIT_OK, GameArgs, Io};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many employees to add.
    #[arg(long, default_value_t = 40)]
    pub employees: usize,
    /// Attempts per employee.
    #[arg(long, default_value_t = 30)]
    pub attempts: usize,
    /// Seed for the made-up names, skills and answers (the same seed gives the same people).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn run(a: &DemoArgs, game: &GameArgs, io: &mut Io<'_>) -> Result<i32, CliError> {
    let folder = game.scenario_folder()?;
    let report = load_paths(std::slice::from_ref(&folder), LoadOptions::default());
    let scenarios: Vec<_> = report.scenarios.into_iter().map(|l| l.scenario).collect();
    if scenarios.is_empty() {
        return Err(CliError::Usage(format!(
            "no scenarios in {}: point --scenarios at the scenarios folder",
            folder.display()
        )));
    }
    let location = game.store_location();
    let store = Store::open(&location)?;
    let total = (a.employees * a.attempts) as u64;
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {wide_bar} {pos}/{len} attempts ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let plan = DemoPlan {
        employees: a.employees,
        attempts_per_employee: a.attempts,
        seed: a.seed,
    };
    let saved = store.fill_demo(&scenarios, &plan, &mut |done, _| bar.set_position(done))?;
    bar.finish_and_clear();
    writeln!(
        io.out,
        "Added {} employees and {saved} attempts over {} scenarios to {location}.",
        a.employees,
        scenarios.len()
    )?;
    if store.manager_lock()? == care_store::ManagerLock::NotSet {
        writeln!(
            io.out,
            "Open the manager area in the game to look at them; the first visit sets its passphrase."
        )?;
    }
    Ok(EXIT_OK)
}
