//! A split build (`--features split`, made by scripts/build-release) links the console with
//! its relocations kept: wasm-split-cli needs them to cut the wasm into the shell's module
//! and one module per page (see `src/lazy_pages.rs`). Other builds link as usual.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
