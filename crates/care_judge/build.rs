//! Fails the build with a clear fix when the model files that `include_bytes!` needs are absent.

use std::path::Path;

fn main() {
    for file in ["model/model.onnx", "model/tokenizer.json"] {
        println!("cargo::rerun-if-changed={file}");
        if !Path::new(file).is_file() {
            eprintln!(
                "care_judge: crates/care_judge/{file} is missing; run scripts/fetch-model \
                 from the repository root, then build again"
            );
            std::process::exit(1);
        }
    }
}
