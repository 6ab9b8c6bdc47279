//! Writes a sample certificate, to look at the layout: `cargo run -p care_certificate --example
//! sample -- OUT.pdf`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "certificate.pdf".into());
    let c = care_certificate::Certificate {
        name: "Nikolai García".into(),
        team: "Downtown store".into(),
        curriculum: "First day on the floor".into(),
        completed: "23 November 2026".into(),
        steps: vec![
            ("Your first shift".into(), "passed with 88".into()),
            ("Nobody said hello".into(), "passed with 92".into()),
            ("The bad day".into(), "passed with 85".into()),
            ("Transferred again".into(), "passed with 90".into()),
            ("Saturday on the shop floor".into(), "triage 80".into()),
        ],
    };
    match care_certificate::certificate_pdf(&c).map(|b| std::fs::write(&out, b)) {
        Ok(Ok(())) => println!("wrote {out}"),
        Ok(Err(e)) => eprintln!("cannot write {out}: {e}"),
        Err(e) => eprintln!("{e}"),
    }
}
