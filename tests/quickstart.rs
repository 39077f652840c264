//! The quickstart example's configuration: it renders, and the real uWSGI accepts it in
//! strict mode.
//!
//! uWSGI is found through `UWSGI_BIN`, else `uwsgi` on `PATH`. Without it the uWSGI checks
//! are skipped, unless `UWSGICONF_REQUIRE_UWSGI=1`, which makes a missing binary a failure.
//!
//! How uWSGI is run safely: `--hook-asap "callint:_exit 42"` comes before the config, so it
//! is the first asap hook. uWSGI reads the whole config first (strict mode refuses unknown
//! directives while reading), then runs the asap hooks in order: `_exit(42)` ends the process
//! before any hook of the config runs, before privileges drop, and without atexit handlers
//! (so `vacuum` removes nothing). Exit status 42 therefore proves the config was accepted.
//! uWSGI runs without the `UWSGI_*` environment variables, which it would read as options.

#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The status uWSGI exits with when it reached the asap phase.
const ACCEPTED: i32 = 42;
const STOP_AT_ASAP: &str = "callint:_exit 42";
const TIME_LIMIT: Duration = Duration::from_secs(20);

#[test]
fn renders_in_both_modes() {
    for daemonize in [false, true] {
        let section = quickstart::web_app(daemonize);
        let ini = section
            .to_ini()
            .unwrap_or_else(|e| panic!("daemonize={daemonize}: {e}"));
        let lines: Vec<&str> = ini.lines().collect();
        assert_eq!(lines[..2], ["[uwsgi]", "strict = true"]);
        for expected in [
            "uid = www-data",
            "gid = www-data",
            "pidfile2 = /run/myapp/uwsgi.pid",
            "chdir = /srv/myapp",
            "touch-reload = /srv/myapp/reload",
            "vacuum = true",
            "procname-prefix-spaced = myapp",
            "hook-asap = chown:/run/myapp www-data www-data",
            // A literal `%` in print text: printf format, then the file's magic pass.
            "hook-asap = print:myapp: config read, 100%%%% strict",
            "hook-as-user = writen:/run/myapp/state running as www-data",
            "master = true",
            "http-socket = 127.0.0.1:8000",
        ] {
            assert!(lines.contains(&expected), "missing {expected:?} in\n{ini}");
        }
        assert_eq!(
            lines.contains(&"daemonize = /var/log/myapp/uwsgi.log"),
            daemonize,
            "{ini}"
        );

        let args = section
            .to_args()
            .unwrap_or_else(|e| panic!("daemonize={daemonize}: {e}"));
        assert_eq!(args[0], "--strict");
        // On the command line there is no magic pass: only printf's doubling remains.
        assert!(args.contains(&"print:myapp: config read, 100%% strict".to_string()));
    }
}

#[test]
fn uwsgi_accepts_the_ini_in_strict_mode() {
    let Some(uwsgi) = uwsgi_binary() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    for daemonize in [false, true] {
        let ini = quickstart::web_app(daemonize).to_ini().expect("renders");
        let file = dir.path().join(format!("quickstart-{daemonize}.ini"));
        std::fs::write(&file, &ini).expect("write the config");
        let run = run_uwsgi(&uwsgi, dir.path(), &ini_args(&file));
        assert_eq!(
            run.status.code(),
            Some(ACCEPTED),
            "uWSGI refused the config ({}):\n{ini}\n--- uWSGI said:\n{}",
            run.status,
            run.output
        );
    }
}

#[test]
fn uwsgi_accepts_the_args_in_strict_mode() {
    let Some(uwsgi) = uwsgi_binary() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    for daemonize in [false, true] {
        let mut args = vec!["--hook-asap".to_string(), STOP_AT_ASAP.to_string()];
        args.extend(quickstart::web_app(daemonize).to_args().expect("renders"));
        let run = run_uwsgi(&uwsgi, dir.path(), &args);
        assert_eq!(
            run.status.code(),
            Some(ACCEPTED),
            "uWSGI refused the arguments ({}): {args:?}\n--- uWSGI said:\n{}",
            run.status,
            run.output
        );
    }
}

/// The check above would pass vacuously if strict mode did not stop uWSGI: make sure it does.
#[test]
fn the_check_catches_an_unknown_directive() {
    let Some(uwsgi) = uwsgi_binary() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ini = quickstart::web_app(false).to_ini().expect("renders");
    ini.push_str("never_swap = true\n");
    let file = dir.path().join("broken.ini");
    std::fs::write(&file, &ini).expect("write the config");
    let run = run_uwsgi(&uwsgi, dir.path(), &ini_args(&file));
    assert_ne!(run.status.code(), Some(ACCEPTED), "{}", run.output);
    assert!(
        run.output
            .contains("[strict-mode] unknown config directive: never_swap"),
        "{}",
        run.output
    );
}

fn ini_args(file: &Path) -> Vec<String> {
    vec![
        "--hook-asap".into(),
        STOP_AT_ASAP.into(),
        "--ini".into(),
        file.display().to_string(),
    ]
}

/// uWSGI from `UWSGI_BIN` or `PATH`; `None` (the test is skipped) when there is none and
/// `UWSGICONF_REQUIRE_UWSGI=1` is not set.
fn uwsgi_binary() -> Option<PathBuf> {
    if let Some(bin) = std::env::var_os("UWSGI_BIN").filter(|v| !v.is_empty()) {
        let bin = PathBuf::from(bin);
        assert!(bin.is_file(), "UWSGI_BIN={} is not a file", bin.display());
        return Some(bin);
    }
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join("uwsgi"))
            .find(|candidate| is_executable(candidate))
    });
    if found.is_none() {
        let required = std::env::var("UWSGICONF_REQUIRE_UWSGI").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "UWSGICONF_REQUIRE_UWSGI=1 but uWSGI was not found: set UWSGI_BIN or put `uwsgi` on PATH"
        );
        eprintln!("skipped: uWSGI not found (set UWSGI_BIN or put `uwsgi` on PATH)");
    }
    found
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

struct Run {
    status: ExitStatus,
    /// stdout then stderr.
    output: String,
}

/// Kills and reaps the child if it is still running when dropped (a timeout or a panic).
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Runs uWSGI in `dir` with no stdin, output into files there, under [`TIME_LIMIT`].
fn run_uwsgi(uwsgi: &Path, dir: &Path, args: &[String]) -> Run {
    let out_path = dir.join("uwsgi.stdout");
    let err_path = dir.join("uwsgi.stderr");
    let stdout = std::fs::File::create(&out_path).expect("stdout file");
    let stderr = std::fs::File::create(&err_path).expect("stderr file");
    let mut command = Command::new(uwsgi);
    // uWSGI reads every `UWSGI_<NAME>` variable as option `<name>`: `UWSGI_BIN` would be
    // the unknown option `bin`, fatal in strict mode.
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("UWSGI_") {
            command.env_remove(name);
        }
    }
    let child = command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", uwsgi.display()));
    let mut child = Reaped(child);
    let started = Instant::now();
    let status = loop {
        match child.0.try_wait().expect("wait for uWSGI") {
            Some(status) => break status,
            None if started.elapsed() > TIME_LIMIT => {
                let _ = child.0.kill();
                let _ = child.0.wait();
                panic!(
                    "uWSGI did not stop within {TIME_LIMIT:?}; output so far:\n{}{}",
                    read(&out_path),
                    read(&err_path)
                );
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    Run {
        status,
        output: format!("{}{}", read(&out_path), read(&err_path)),
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
