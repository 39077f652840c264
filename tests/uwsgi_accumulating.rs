//! Options whose setter adds to what it holds: uWSGI shifts the mode `chmod-socket` (alias
//! `chmod`) and `logfile-chmod` hold by three octal digits and adds each line's digits, so a
//! second line, even across a `print` (a line that keeps its place) or in an `if-*` block,
//! makes a mode with setuid or setgid bits. The crate refuses such a second line; these tests
//! show, on the real uWSGI, what the refused text would have done.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use uwsgiconf::{ProblemKind, Section};

/// A section with a unix socket and a log file in `dir`; each mode option is added by the
/// caller.
fn socket_and_log(dir: &Path) -> Section {
    let path = |name: &str| {
        dir.join(name)
            .to_str()
            .expect("UTF-8 temp path")
            .to_string()
    };
    let mut section = Section::new();
    section
        .set_option("socket", path("s.sock"))
        .set_option("logto", path("u.log"));
    section
}

/// The mode uWSGI's chmod setters end with after reading `modes` (three octal digits each)
/// in turn: `mode = (mode << 3) + digit` per digit, of which `chmod()` keeps twelve bits.
fn accumulated(modes: &[u32]) -> u32 {
    modes.iter().fold(0, |mode, next| (mode << 9) + next) & 0o7777
}

/// Starts uWSGI on `ini` in `dir`, waits until its worker is spawned (its socket bound and
/// chmodded, its log file opened and chmodded before that), and returns the modes of the
/// socket and the log file; the process group is stopped before returning.
fn modes_after_start(uwsgi: &support::Uwsgi, dir: &Path, ini: &str) -> (u32, u32) {
    let file = dir.join("modes.ini");
    std::fs::write(&file, ini).expect("write the ini file");
    let log = dir.join("u.log");
    let mut running = uwsgi.start(
        dir,
        &["--ini".as_ref(), file.as_os_str()],
        support::TIME_LIMIT,
    );
    let spawned = running.wait_until(|| {
        std::fs::read_to_string(&log).is_ok_and(|text| text.contains("spawned uWSGI worker"))
    });
    let mode = |name: &str| {
        std::fs::metadata(dir.join(name))
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let modes = spawned.then(|| (mode("s.sock"), mode("u.log")));
    let run = running.stop();
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    modes.unwrap_or_else(|| panic!("no worker spawned:\n{ini}\n{}\n{log_text}", run.describe()))
}

#[test]
fn a_second_mode_line_is_refused_where_uwsgi_would_add_its_digits() {
    let dir = support::temp_dir();

    // The crate refuses a second line of each, across a `print` or in a block, under either
    // name, and says what mode uWSGI would make.
    let mut refused = socket_and_log(dir.path());
    refused
        .add_option("chmod-socket", "666")
        .add_option("print", "between")
        .add_option("chmod", "600")
        .add_option("logfile-chmod", "644")
        .add_option("if-exists", dir.path().to_str().expect("UTF-8 temp path"))
        .add_option("logfile-chmod", "600")
        .add_option("endif", "");
    let problems = refused.to_ini().unwrap_err().into_problems();
    let blamed: Vec<(ProblemKind, Option<&str>, Option<&str>)> = problems
        .iter()
        .map(|p| (p.kind(), p.blame().option(), p.value()))
        .collect();
    assert_eq!(
        blamed,
        [
            (ProblemKind::Conflict, Some("chmod"), Some("600")),
            (ProblemKind::Conflict, Some("logfile-chmod"), Some("600")),
        ]
    );

    // Set once, each mode is the one given (each run in a directory of its own: a log file
    // left by an earlier run would look ready at once).
    let once_dir = support::temp_dir();
    let mut once = socket_and_log(once_dir.path());
    once.add_option("chmod-socket", "600")
        .add_option("logfile-chmod", "600");
    let text = once.to_ini().unwrap_or_else(|e| panic!("{e}"));
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    assert_eq!(
        modes_after_start(uwsgi, once_dir.path(), &text),
        (0o600, 0o600),
        "{text}"
    );

    // The refused lines, written by hand: the crate's text for the section, then the
    // second line of each mode.
    let mut first_lines = socket_and_log(dir.path());
    first_lines
        .add_option("chmod-socket", "666")
        .add_option("logfile-chmod", "644");
    let text = format!(
        "{}print = between\nchmod = 600\nif-exists = {}\nlogfile-chmod = 600\nendif =\n",
        first_lines.to_ini().unwrap_or_else(|e| panic!("{e}")),
        dir.path().display()
    );
    let (socket, log) = modes_after_start(uwsgi, dir.path(), &text);
    // 6600 and 4600: the setuid and setgid bits come from the first line's last digit.
    assert_eq!(
        (socket, log),
        (accumulated(&[0o666, 0o600]), accumulated(&[0o644, 0o600])),
        "{text}"
    );
    assert_ne!(socket & 0o6000, 0, "{socket:o}");
    // The crate's message names the mode uWSGI made.
    for (problem, mode) in problems.iter().zip([socket, log]) {
        let shown = format!("gives {mode:04o}");
        assert!(problem.message().contains(&shown), "{problem} ({shown})");
    }
}

#[test]
fn a_mode_set_in_a_section_read_earlier_adds_up_too() {
    let dir = support::temp_dir();
    // [uwsgi] sets a mode and includes [app], which sets it again: refused.
    let mut first = socket_and_log(dir.path());
    first.add_option("chmod-socket", "666");
    let mut app = Section::named("app");
    app.add_option("chmod-socket", "600");
    let mut config = uwsgiconf::Config::new();
    config.add_section(first.clone()).add_section(app);
    config.autoinclude(true);
    let problems = config.to_ini().unwrap_err().into_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind(), ProblemKind::Conflict);
    assert_eq!(problems[0].blame().option(), Some("chmod-socket"));

    // The same two sections written by hand: uWSGI reads [app] after [uwsgi]'s lines and
    // adds its digits.
    let text = format!(
        "{}ini = :app\n\n[app]\nchmod-socket = 600\n",
        first.to_ini().unwrap_or_else(|e| panic!("{e}"))
    );
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let (socket, _) = modes_after_start(uwsgi, dir.path(), &text);
    assert_eq!(socket, accumulated(&[0o666, 0o600]), "{text}");
}
