//! The manager's exports written as files: the report as CSV and everything stored about one
//! employee as JSON, each private to whoever exports it and never over an earlier file.

use std::path::PathBuf;

use care_store::report::{CsvReport, ReportFilter};
use care_store::{ManagerAccess, StoreError, Timestamp};

fn file_stamp() -> String {
    Timestamp::now().short().replace([' ', ':'], "-")
}

/// Writes the report as CSV into `dir`: private to whoever exports it, written whole, never over
/// an earlier file. Says what was written.
pub(super) fn export_csv(access: &ManagerAccess, filter: &ReportFilter, dir: PathBuf) -> String {
    let name = format!("care-report-{}.csv", file_stamp());
    let written = care_store::files::write_private_with(&dir, &name, |file| {
        let mut csv = CsvReport::new(file);
        csv.header()?;
        let rows = access.report(filter, &mut |r| csv.write(r))?;
        csv.finish()?;
        Ok::<_, StoreError>(rows)
    });
    match written {
        Ok((path, rows)) => format!("Wrote {rows} attempts to {}", path.display()),
        Err(e) => format!("Problem: {e}"),
    }
}

/// Writes everything stored about `employee` as JSON into `dir`.
pub(super) fn export_employee(
    access: &ManagerAccess,
    employee: &care_store::Employee,
    dir: PathBuf,
) -> String {
    let name = format!("care-{}-{}.json", employee.display_name, file_stamp());
    let written = access.export_employee_json(employee.id).and_then(|json| {
        Ok(care_store::files::write_private(
            &dir,
            &name,
            json.as_bytes(),
        )?)
    });
    match written {
        Ok(path) => format!(
            "Wrote {}'s data to {}",
            employee.display_name,
            path.display()
        ),
        Err(e) => format!("Problem: {e}"),
    }
}
