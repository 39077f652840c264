//! The macros work in a crate that depends on uwsgiconf under another name, inside
//! `#![no_implicit_prelude]` modules: a small program (tests/macro_fixtures/renamed.rs) is
//! built and run with `cargo run --offline`, in a package of its own under `target/`.

use std::path::Path;
use std::process::Command;

#[test]
fn works_with_the_crate_renamed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Under the workspace's target directory, so the pinned toolchain applies.
    let package = root.join("target").join("macro-fixture-renamed");
    std::fs::create_dir_all(package.join("src")).unwrap();
    let manifest = format!(
        "[package]\n\
         name = \"macro-fixture-renamed\"\n\
         version = \"0.0.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\n\
         [dependencies]\n\
         config = {{ package = \"uwsgiconf\", path = {:?} }}\n\n\
         [workspace]\n",
        root.display().to_string()
    );
    std::fs::write(package.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(
        package.join("src").join("main.rs"),
        include_str!("macro_fixtures/renamed.rs"),
    )
    .unwrap();
    // The workspace's versions, so nothing new has to be fetched.
    if !package.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), package.join("Cargo.lock")).unwrap();
    }

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["run", "--offline", "--quiet", "--manifest-path"])
        .arg(package.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", package.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the fixture failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "[uwsgi]\nuid = www-data\ngid = www-data\nhook-asap = mkdir:/run/app\nhook-asap = exit:\n\
         chdir = /srv/app\nhook-post-app = print:up\n"
    );
}
