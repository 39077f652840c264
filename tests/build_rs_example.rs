//! The `examples/build_rs` crate: its build script renders `app.ini` into `OUT_DIR` with
//! `deploy::build_script`, its binary embeds and prints it.
//!
//! Cargo builds it here, offline and with the workspace's lock, in its own target directory
//! (under Cargo's temporary directory for tests, kept between runs so that only the first
//! run pays for a clean build), with `APP_PROCESSES`, the one environment variable the build
//! script declares, set by each step:
//!
//! 1. `APP_PROCESSES=3`: whatever the directory held, `app.ini` says `workers = 3`.
//! 2. unset: the variable changed, so the build script runs again and writes `workers = 4`.
//! 3. unset again: nothing changed, Cargo reports the package `Fresh` and runs nothing, and
//!    `app.ini` keeps its inode and modification time.
//! 4. `APP_PROCESSES=04`: the variable changed, the build script runs again, renders the
//!    same text, and leaves `app.ini` alone (same inode and modification time).
//!
//! Then the binary's output is `app.ini`, which uWSGI accepts in strict mode.

mod readme;
mod support;

use readme::readme_block;
use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use support::Prepend;

const PACKAGE: &str = "uwsgiconf-example-build-rs";

/// What one `cargo build` of the example said and left.
struct Build {
    /// Cargo's status lines (`-v`: `Fresh`, `Dirty`, `Compiling`, `Running`).
    stderr: String,
    /// The build script's `OUT_DIR`.
    out_dir: PathBuf,
}

impl Build {
    fn ran_build_script(&self) -> bool {
        self.stderr.lines().any(|line| {
            line.trim_start().starts_with("Running") && line.contains("build-script-build")
        })
    }

    fn fresh(&self) -> bool {
        self.stderr
            .lines()
            .any(|line| line.trim_start().starts_with(&format!("Fresh {PACKAGE} ")))
    }

    fn compiled(&self) -> bool {
        self.stderr.lines().any(|line| {
            line.trim_start()
                .starts_with(&format!("Compiling {PACKAGE} "))
        })
    }

    fn app_ini(&self) -> PathBuf {
        self.out_dir.join("app.ini")
    }
}

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("build_rs_example")
}

fn cargo_build(processes: Option<&str>) -> Build {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut command = Command::new(cargo);
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["build", "--offline", "--locked", "-v", "--color", "never"])
        .args(["--message-format", "json", "-p", PACKAGE])
        .env("CARGO_TARGET_DIR", target_dir())
        .stdin(Stdio::null());
    match processes {
        Some(value) => command.env("APP_PROCESSES", value),
        None => command.env_remove("APP_PROCESSES"),
    };
    let output = command.output().expect("run cargo");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "cargo build -p {PACKAGE} failed ({}):\n{stderr}",
        output.status
    );
    Build {
        out_dir: out_dir(&stdout)
            .unwrap_or_else(|| panic!("no build-script-executed message for {PACKAGE}:\n{stdout}")),
        stderr,
    }
}

/// The `out_dir` of the example's `build-script-executed` message (Cargo's JSON lines; the
/// path is plain text here, without quotes or escapes).
fn out_dir(json_lines: &str) -> Option<PathBuf> {
    let line = json_lines.lines().find(|line| {
        line.contains(r#""reason":"build-script-executed""#)
            && line.contains(&format!("{PACKAGE}@"))
    })?;
    let start = line.find(r#""out_dir":""#)? + r#""out_dir":""#.len();
    let path = &line[start..start + line[start..].find('"')?];
    assert!(!path.contains('\\'), "an escaped path: {path}");
    Some(PathBuf::from(path))
}

#[test]
fn the_readme_shows_the_build_script() {
    assert_eq!(
        readme_block("### From build.rs", "```rust,no_run"),
        include_str!("../examples/build_rs/build.rs")
    );
}

/// The inode and modification time of a file.
fn identity(path: &Path) -> (u64, SystemTime) {
    let metadata = fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (metadata.ino(), metadata.modified().unwrap())
}

#[test]
fn build_script_writes_only_changes_and_the_binary_embeds_a_config_uwsgi_accepts() {
    let first = cargo_build(Some("3"));
    let ini = fs::read_to_string(first.app_ini()).unwrap();
    assert!(ini.contains("\nworkers = 3\n"), "{ini}");

    // A changed input: the build script runs and writes.
    let changed = cargo_build(None);
    assert!(changed.ran_build_script(), "{}", changed.stderr);
    assert_eq!(changed.out_dir, first.out_dir);
    let ini = fs::read_to_string(changed.app_ini()).unwrap();
    assert!(ini.contains("\nworkers = 4\n"), "{ini}");
    let written = identity(&changed.app_ini());
    // A rewrite within the file system's clock granularity would not show in the time.
    std::thread::sleep(Duration::from_millis(20));

    // Nothing changed: no rebuild, nothing run, nothing written.
    let again = cargo_build(None);
    assert!(
        again.fresh() && !again.compiled() && !again.ran_build_script(),
        "the second build was not Fresh:\n{}",
        again.stderr
    );
    assert_eq!(identity(&again.app_ini()), written, "app.ini was rewritten");

    // A changed input that renders the same text: the script runs, the file stays.
    let same = cargo_build(Some("04"));
    assert!(same.ran_build_script(), "{}", same.stderr);
    assert_eq!(identity(&same.app_ini()), written, "app.ini was rewritten");

    // The binary prints what it embedded: the file as written.
    let binary = target_dir().join("debug").join(PACKAGE);
    let printed = Command::new(&binary)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", binary.display()));
    assert!(printed.status.success());
    assert_eq!(String::from_utf8(printed.stdout).unwrap(), ini);

    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    // The config turns strict mode on itself.
    assert!(ini.starts_with("[uwsgi]\nstrict = true\n"), "{ini}");
    uwsgi.assert_strict_accepts_ini("examples/build_rs app.ini", Prepend::Stop, &ini);
}
