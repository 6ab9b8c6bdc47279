//! Rebuilds the crate when a scenario or a sprite changes, so the embedded copy is never stale.

fn main() {
    println!("cargo:rerun-if-changed=../../scenarios");
    println!("cargo:rerun-if-changed=../../assets");
}
