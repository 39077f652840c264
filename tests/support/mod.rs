//! Shared helpers for the tests that run the real uWSGI (`tests/uwsgi_*.rs`).
//!
//! Finding the binary: the crate's locator, [`BIN_VARIABLE`] (`UWSGICONF_UWSGI_BIN`), else
//! `uwsgi`, else `uwsgi-core` on `PATH`. When
//! it is missing the tests print a notice and return early, unless
//! `UWSGICONF_REQUIRE_UWSGI=1`, which turns a missing binary into a failure (CI sets it, so
//! nothing passes there without running uWSGI).
//!
//! Running it safely:
//! - stdin is `/dev/null`, output is captured;
//! - its environment has no `UWSGI_*` variables, which uWSGI would read as options, but the
//!   ones a test renders ([`Uwsgi::run_env`] sets exactly those, in a chosen order);
//! - every process gets its own process group, and is run under `timeout` (when `timeout`
//!   is on `PATH`) as well as a deadline enforced from Rust;
//! - a guard kills the whole process group and reaps the process when it goes out of scope,
//!   so nothing is left behind even when an assertion fails halfway;
//! - files live in a temporary directory per test; a program a test writes to run is written
//!   with [`write_program`], which no other test's child can keep busy.
//!
//! Strict probes ([`Uwsgi::assert_strict_accepts_ini`], [`Uwsgi::assert_strict_accepts_args`],
//! [`Uwsgi::assert_strict_accepts_env`]):
//! uWSGI runs in strict mode with [`STOP`] as its first asap hook, so exit status [`ACCEPTED`]
//! means the configuration was accepted and nothing of it ran; each probe is followed by a
//! negative control, the same configuration plus one unknown directive ([`BOGUS`]), which
//! must be refused.
#![allow(dead_code)] // each test file uses a part of this module

use std::collections::BTreeSet;
use std::env;
use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long one uWSGI process may live, unless a test asks for less.
pub const TIME_LIMIT: Duration = Duration::from_secs(10);

/// The stop every strict-mode probe puts first in the asap phase: `_exit(42)` from libc.
///
/// uWSGI reads the whole configuration (strict mode refuses unknown directives while it
/// reads), applies it, then runs the asap hooks in order. `_exit` ends the process right
/// there: before any other hook runs, before privileges drop, before daemonizing and without
/// atexit handlers (`exit:0` would run the `as-user-atexit` hooks, `vacuum` would remove
/// files). Status [`ACCEPTED`] therefore proves the configuration was read and accepted.
pub const STOP: &str = "callint:_exit 42";

/// The exit status of [`STOP`]: uWSGI read and accepted the configuration.
pub const ACCEPTED: i32 = 42;

/// An option no uWSGI has, for the negative controls of the strict probes.
pub const BOGUS: &str = "uwsgiconf-bogus-directive";

/// The environment variable that names the uWSGI binary. Not `UWSGI_BIN`: uWSGI reads every
/// `UWSGI_<NAME>` variable as option `<name>`, and `bin` is no option (fatal in strict mode).
pub const BIN_VARIABLE: &str = uwsgiconf_deploy::binary::BIN_VARIABLE;

/// A uWSGI binary that answered `--version`: the crate's own [`uwsgiconf_deploy::binary::Uwsgi`],
/// with the ways the tests run it.
#[derive(Debug)]
pub struct Uwsgi {
    located: uwsgiconf_deploy::binary::Uwsgi,
}

static UWSGI: OnceLock<Option<Uwsgi>> = OnceLock::new();

/// The uWSGI binary, or `None` (after a notice) when it is missing and not required.
///
/// Panics when `UWSGICONF_REQUIRE_UWSGI=1` and no working binary is found.
pub fn uwsgi() -> Option<&'static Uwsgi> {
    UWSGI
        .get_or_init(|| match find_uwsgi() {
            Ok(uwsgi) => Some(uwsgi),
            Err(why) if required() => panic!(
                "UWSGICONF_REQUIRE_UWSGI=1, but uWSGI cannot be run: {why}. Install it \
                 (Debian: apt-get install -y uwsgi-core) or point {BIN_VARIABLE} at the binary."
            ),
            Err(why) => {
                notice(&format!(
                    "NOTICE: tests against the real uWSGI are NOT run: {why}. \
                     Set UWSGICONF_REQUIRE_UWSGI=1 to make this a failure."
                ));
                None
            }
        })
        .as_ref()
}

/// Whether `UWSGICONF_REQUIRE_UWSGI=1`: what the real uWSGI cannot check must then fail.
pub fn required() -> bool {
    env::var("UWSGICONF_REQUIRE_UWSGI").is_ok_and(|v| v.trim() == "1")
}

/// Writes a line to the real stderr, past the test harness's capture, so that notices and
/// figures show in a normal `cargo test` run.
pub fn notice(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{text}");
}

/// The crate's own locator ([`uwsgiconf_deploy::binary::Uwsgi::locate`]): one source of
/// truth for where uWSGI is and which version it is.
fn find_uwsgi() -> Result<Uwsgi, String> {
    let located = uwsgiconf_deploy::binary::Uwsgi::locate().map_err(|e| e.to_string())?;
    Ok(Uwsgi { located })
}

fn is_executable(path: &Path) -> bool {
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Writes `text` to `path` as a program (mode 0755), ready to run.
///
/// Running a file fails with ETXTBSY ("Text file busy") while any process holds it open for
/// writing. Written from this process, the descriptor would be copied into every child that
/// another test's thread forks meanwhile, and stay open there until that child runs its own
/// program: neither closing it first nor renaming a temporary file into place helps (the
/// child holds the same inode). So a `sh` child writes the file (the redirection is opened
/// by that shell, with `printf`, a builtin) and sets its mode: once it has exited, no process
/// can hold the file open for writing, and running it cannot fail that way.
pub fn write_program(path: &Path, text: &str) {
    let written = Command::new("sh")
        .args(["-c", r#"printf '%s' "$2" > "$1" && chmod 755 "$1""#, "sh"])
        .arg(path)
        .arg(text)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run sh to write {}: {e}", path.display()));
    assert!(
        written.status.success(),
        "sh could not write the program {}: {}",
        path.display(),
        String::from_utf8_lossy(&written.stderr)
    );
}

/// A program on `PATH` (the crate's own lookup is private to it).
pub fn on_path(name: &str) -> Option<PathBuf> {
    let paths = env::var_os("PATH")?;
    env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

/// Whether this process runs as root: the crate's own test.
pub use uwsgiconf_deploy::binary::running_as_root as is_root;

/// What a finished (or stopped) process left.
#[derive(Debug, Clone)]
pub struct Output {
    /// The exit code; `None` when a signal ended it.
    pub code: Option<i32>,
    /// The signal that ended it, if any.
    pub signal: Option<i32>,
    /// Whether the deadline ran out (the process group was then killed).
    pub timed_out: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// stdout then stderr.
    pub fn log(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Whether uWSGI accepted the configuration of a strict probe: it ran [`STOP`] in the asap
    /// phase and exited with [`ACCEPTED`], and strict mode complained of nothing.
    pub fn accepted(&self) -> bool {
        self.code == Some(ACCEPTED)
            && self.stderr.contains(&format!("running \"{STOP}\" (asap)"))
            && !self.stderr.contains("[strict-mode]")
    }

    /// The status, for messages.
    pub fn describe(&self) -> String {
        match (self.timed_out, self.code, self.signal) {
            (true, _, _) => "killed after the time limit".into(),
            (_, Some(code), _) => format!("exit status {code}"),
            (_, None, Some(signal)) => format!("killed by signal {signal}"),
            _ => "unknown status".into(),
        }
    }

    /// The configuration uWSGI printed for `--show-config`: the lines between
    /// `;uWSGI instance configuration` and `;end of configuration`, `[uwsgi]` included.
    pub fn shown_config(&self) -> Option<&str> {
        let text = self.stderr.as_str();
        let start = text.find("\n;uWSGI instance configuration\n")?
            + "\n;uWSGI instance configuration\n".len();
        let end = start + text[start..].find("\n;end of configuration\n")?;
        Some(&text[start..end])
    }
}

/// A uWSGI (or helper) process that is killed with its whole process group, and reaped,
/// when dropped.
///
/// Not the crate's runner: `uwsgiconf_deploy::binary` runs uWSGI to completion
/// (`Uwsgi::run`, `Uwsgi::run_command`) and `launch` starts it from a `Section`. The tests
/// also need a live handle on any command line (behind `timeout`, `env` or `unshare`), polled
/// for readiness and stopped at will; and they must fail, not go on with empty output, when a
/// process that left the killed group keeps the output open (the crate gives up on that
/// output after a second and returns none, as a deploy tool that must not hang should).
pub struct Running {
    child: Option<Child>,
    group: u32,
    deadline: Instant,
    stdout: Option<JoinHandle<Vec<u8>>>,
    stderr: Option<JoinHandle<Vec<u8>>>,
    status: Option<ExitStatus>,
    timed_out: bool,
}

impl Running {
    fn spawn(command: &mut Command, limit: Duration) -> std::io::Result<Running> {
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0);
        let mut child = command.spawn()?;
        let group = child.id();
        let stdout = child.stdout.take().map(reader);
        let stderr = child.stderr.take().map(reader);
        Ok(Running {
            child: Some(child),
            group,
            deadline: Instant::now() + limit,
            stdout,
            stderr,
            status: None,
            timed_out: false,
        })
    }

    /// The process id (also the process group id).
    pub fn id(&self) -> u32 {
        self.group
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.poll();
        self.status.is_none()
    }

    fn poll(&mut self) {
        if self.status.is_none() {
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    self.status = Some(status);
                }
            }
        }
    }

    /// Waits until the process ends (or its deadline passes, then it is killed).
    pub fn wait(mut self) -> Output {
        loop {
            self.poll();
            if self.status.is_some() {
                break;
            }
            if Instant::now() >= self.deadline {
                self.timed_out = true;
                break;
            }
            thread::sleep(Duration::from_millis(2));
        }
        self.finish()
    }

    /// Waits until `ready` holds (checked every 20 ms), the process ends, or the deadline
    /// passes; returns whether `ready` held.
    pub fn wait_until(&mut self, mut ready: impl FnMut() -> bool) -> bool {
        loop {
            if ready() {
                return true;
            }
            if !self.is_running() || Instant::now() >= self.deadline {
                return ready();
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Kills the process group now and collects the output.
    pub fn stop(self) -> Output {
        self.finish()
    }

    fn finish(mut self) -> Output {
        // Whatever happened, nothing of the group may outlive the test.
        self.kill();
        let stdout = collect(self.stdout.take());
        let stderr = collect(self.stderr.take());
        let status = self.status;
        Output {
            code: status.and_then(|s| s.code()),
            signal: status.and_then(|s| s.signal()),
            timed_out: self.timed_out,
            stdout,
            stderr,
        }
    }

    /// Kills every process of the group, then reaps the leader; once only, right after the
    /// leader ended (a group id stays reserved while any member lives; once none does, its
    /// reuse would take a wrap-around of the pid space in between).
    fn kill(&mut self) {
        if self.child.is_none() {
            return;
        }
        kill_group(self.group);
        if let Some(mut child) = self.child.take() {
            if self.status.is_none() {
                let _ = child.kill();
            }
            if let Ok(status) = child.wait() {
                self.status.get_or_insert(status);
            }
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Waits (up to 5 s) until no process of the group is left, killed ones being reaped by
/// their new parent; returns whether none is left.
pub fn group_gone(group: u32) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while group_alive(group) {
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(20));
    }
    true
}

/// A live process, as `/proc` shows it.
#[derive(Debug, Clone)]
pub struct Process {
    pub pid: u32,
    /// The first word of its command line (uWSGI rewrites it to the process name).
    pub name: String,
    /// The nice value.
    pub nice: i64,
    /// The real user id (`/proc/<pid>/status`).
    pub uid: Option<u32>,
}

/// The live (not zombie) processes of a process group, from `/proc/<pid>/stat`.
pub fn group_processes(group: u32) -> Vec<Process> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // `pid (comm) state ppid pgrp ...`: comm may hold spaces and parentheses.
            let (_, rest) = stat.rsplit_once(") ")?;
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let live = !matches!(*fields.first()?, "Z" | "X");
            if !live || fields.get(2)? != &group.to_string() {
                return None;
            }
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            let name = cmdline.split(|b| *b == 0).next().unwrap_or_default();
            let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
            let uid = status
                .lines()
                .find_map(|line| line.strip_prefix("Uid:"))
                .and_then(|ids| ids.split_whitespace().next()?.parse().ok());
            Some(Process {
                pid,
                name: String::from_utf8_lossy(name).into_owned(),
                nice: fields.get(16)?.parse().ok()?,
                uid,
            })
        })
        .collect()
}

/// Whether a live (not zombie) process of the group is left.
pub fn group_alive(group: u32) -> bool {
    !group_processes(group).is_empty()
}

/// uWSGI reads every `UWSGI_<NAME>` environment variable as option `<name>` (`UWSGI_BIN`
/// would be the unknown option `bin`, fatal in strict mode): none reaches it from the tests'
/// environment.
fn without_uwsgi_variables(command: &mut Command) {
    for (name, _) in env::vars_os() {
        if name.to_string_lossy().starts_with("UWSGI_") {
            command.env_remove(name);
        }
    }
}

/// Sends `signal` (a name: `TERM`, `HUP`...) to one process, with `kill`; returns whether
/// `kill` succeeded.
pub fn signal(pid: u32, signal: &str) -> bool {
    Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A user's uid, from /etc/passwd.
pub fn passwd_uid(user: &str) -> Option<u32> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    let line = passwd
        .lines()
        .find(|line| line.split(':').next() == Some(user))?;
    line.split(':').nth(2)?.parse().ok()
}

/// The gid of group `name` in an /etc/group text.
pub fn group_id(group: &str, name: &str) -> Option<u32> {
    let line = group
        .lines()
        .find(|line| line.split(':').next() == Some(name))?;
    line.split(':').nth(2)?.parse().ok()
}

/// Why uWSGI cannot run as root in a private mount namespace here, if it cannot: that needs
/// root, `unshare`, `mount` and `sh`, a working `unshare --mount`, and every directory
/// `targets` names (the mount points).
pub fn private_mounts_unusable(targets: &[&str]) -> Option<String> {
    if !is_root() {
        return Some("not running as root".into());
    }
    for tool in ["unshare", "mount", "sh"] {
        if on_path(tool).is_none() {
            return Some(format!("`{tool}` is not on PATH"));
        }
    }
    let works = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "true"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        return Some("`unshare --mount --propagation private true` fails".into());
    }
    for target in targets {
        if !Path::new(target).exists() {
            return Some(format!("{target} is missing (it is a mount point here)"));
        }
    }
    None
}

/// Binds each `(source, target)` pair in order, then runs the program that follows
/// (`exec "$@"`). `mount -n` writes no utab (under /run/mount).
const BIND_AND_EXEC: &str = r#"while [ "$1" != -- ]; do
  mount -n --bind "$1" "$2" || exit 125
  shift 2
done
shift
exec "$@""#;

/// The prefix for [`Uwsgi::start_with`] that runs uWSGI in a private mount namespace
/// (`unshare --mount --propagation private`) where each `source` is bind-mounted over its
/// `target`, so that a configuration with absolute host paths (`/run/app`) works in temp
/// dirs and leaves the host alone; the mounts end with the namespace. `setup` is shell code
/// run first, in the namespace (empty for none). See [`private_mounts_unusable`].
pub fn private_mounts(setup: &str, binds: &[(&Path, &str)]) -> Vec<String> {
    let mut prefix: Vec<String> = ["unshare", "--mount", "--propagation", "private", "sh", "-c"]
        .map(String::from)
        .to_vec();
    prefix.push(format!("{setup}\n{BIND_AND_EXEC}"));
    prefix.push("sh".into());
    for (source, target) in binds {
        prefix.push(source.to_str().expect("a UTF-8 temp dir").to_string());
        prefix.push(target.to_string());
    }
    prefix.push("--".into());
    prefix
}

/// `kill -KILL -- -<group>`: std can only signal one process, and this crate forbids unsafe.
fn kill_group(group: u32) {
    static KILL: OnceLock<Option<PathBuf>> = OnceLock::new();
    if let Some(kill) = KILL.get_or_init(|| on_path("kill")) {
        let _ = Command::new(kill)
            .args(["-KILL", "--", &format!("-{group}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

fn reader(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buffer = Vec::new();
        let _ = pipe.read_to_end(&mut buffer);
        buffer
    })
}

fn collect(handle: Option<JoinHandle<Vec<u8>>>) -> String {
    let Some(handle) = handle else {
        return String::new();
    };
    // The group is dead, so the pipes close; a process that left the group (setsid) and
    // kept them open is a failure of the test, not a reason to hang.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !handle.is_finished() {
        assert!(
            Instant::now() < deadline,
            "a process outside the killed process group keeps uWSGI's output open"
        );
        thread::sleep(Duration::from_millis(2));
    }
    let bytes = handle.join().expect("output reader");
    String::from_utf8_lossy(&bytes).into_owned()
}

fn run_with_limit(command: &mut Command, limit: Duration) -> std::io::Result<Output> {
    Ok(Running::spawn(command, limit)?.wait())
}

impl Uwsgi {
    /// The version uWSGI reports (`2.0.21-debian`).
    pub fn version(&self) -> &str {
        self.located.version()
    }

    /// Whether this is a 2.0.x release (the target the crate checks by default).
    pub fn is_2_0(&self) -> bool {
        self.located.is_2_0()
    }

    fn command(&self, prefix: &[&str], args: &[OsString], dir: &Path, limit: Duration) -> Command {
        static TIMEOUT: OnceLock<Option<PathBuf>> = OnceLock::new();
        let mut words: Vec<OsString> = prefix.iter().map(OsString::from).collect();
        words.push(self.bin().into());
        words.extend(args.iter().cloned());
        let mut command = match TIMEOUT.get_or_init(|| on_path("timeout")) {
            // A second line of defence: even if this test process dies, `timeout` kills
            // uWSGI's whole process group a second after the Rust deadline. SIGKILL, because
            // uWSGI's master reloads on SIGTERM.
            Some(timeout) => {
                let mut command = Command::new(timeout);
                command.args(["--signal=KILL", &format!("{}", limit.as_secs() + 1)]);
                command.args(&words);
                command
            }
            None => {
                let mut command = Command::new(&words[0]);
                command.args(&words[1..]);
                command
            }
        };
        command.current_dir(dir);
        without_uwsgi_variables(&mut command);
        command
    }

    /// The binary.
    pub fn bin(&self) -> &Path {
        self.located.path()
    }

    /// The same binary, as the crate's deploy functions take it.
    pub fn located(&self) -> &uwsgiconf_deploy::binary::Uwsgi {
        &self.located
    }

    /// Runs uWSGI with `args` in `dir` until it exits (at most [`TIME_LIMIT`]), with the
    /// variables `env` set in its environment (after the `UWSGI_*` ones were removed).
    pub fn run_with_env<S: AsRef<OsStr>>(
        &self,
        dir: &Path,
        args: &[S],
        env: &[(&str, &OsStr)],
    ) -> Output {
        let args: Vec<OsString> = args.iter().map(|a| a.as_ref().to_owned()).collect();
        let mut command = self.command(&[], &args, dir, TIME_LIMIT);
        command.envs(env.iter().copied());
        run_with_limit(&mut command, TIME_LIMIT)
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.bin().display()))
    }

    /// Starts uWSGI with `args` in `dir`, behind `prefix` (a wrapper such as `unshare ...`,
    /// or nothing); the process group is killed when the returned guard is dropped or
    /// `limit` passes.
    pub fn start_with<S: AsRef<OsStr>>(
        &self,
        dir: &Path,
        prefix: &[&str],
        args: &[S],
        limit: Duration,
    ) -> Running {
        let args: Vec<OsString> = args.iter().map(|a| a.as_ref().to_owned()).collect();
        Running::spawn(&mut self.command(prefix, &args, dir, limit), limit)
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.bin().display()))
    }

    /// Starts uWSGI with `args` in `dir`; the process group is killed when the returned
    /// guard is dropped or `limit` passes.
    pub fn start<S: AsRef<OsStr>>(&self, dir: &Path, args: &[S], limit: Duration) -> Running {
        self.start_with(dir, &[], args, limit)
    }

    /// Runs uWSGI with `args` in `dir` until it exits (at most [`TIME_LIMIT`]).
    pub fn run<S: AsRef<OsStr>>(&self, dir: &Path, args: &[S]) -> Output {
        self.start(dir, args, TIME_LIMIT).wait()
    }

    /// Writes `ini` to `dir/name` and runs `uwsgi --ini <file>` followed by `extra`.
    pub fn run_ini<S: AsRef<OsStr>>(
        &self,
        dir: &Path,
        name: &str,
        ini: &str,
        extra: &[S],
    ) -> Output {
        let file = dir.join(name);
        std::fs::write(&file, ini).expect("write the ini file");
        let mut args: Vec<OsString> = vec!["--ini".into(), file.into()];
        args.extend(extra.iter().map(|a| a.as_ref().to_owned()));
        self.run(dir, &args)
    }

    /// Writes `ini` to `dir/name` and runs `uwsgi <prepend> --ini <file>` in `dir`: the
    /// run of a strict probe (see [`Prepend`]).
    pub fn run_probe_ini(&self, dir: &Path, name: &str, prepend: Prepend, ini: &str) -> Output {
        let file = dir.join(name);
        std::fs::write(&file, ini).expect("write the ini file");
        let mut args: Vec<OsString> = prepend.args().iter().map(OsString::from).collect();
        args.extend(["--ini".into(), file.into_os_string()]);
        self.run(dir, &args)
    }

    /// Runs `uwsgi <prepend> <args>` in `dir`: the run of a strict probe (see [`Prepend`]).
    pub fn run_probe_args(&self, dir: &Path, prepend: Prepend, args: &[String]) -> Output {
        self.run(dir, &prepend.before(args))
    }

    /// Asserts that uWSGI accepts `ini` in strict mode ([`Output::accepted`]), then, as a
    /// negative control, that it refuses the same INI with `<BOGUS> = 1` appended (status 1
    /// and `[strict-mode] unknown config directive: <BOGUS>`): the probe is shown to detect
    /// a refusal every time it is used. `what` names the configuration in the failure
    /// messages, which also hold the INI and uWSGI's log. Runs in a temporary directory.
    pub fn assert_strict_accepts_ini(&self, what: &str, prepend: Prepend, ini: &str) {
        let dir = temp_dir();
        let run = self.run_probe_ini(dir.path(), "probe.ini", prepend, ini);
        assert!(
            run.accepted(),
            "{what}: uWSGI refused the INI in strict mode ({}, with {:?} before `--ini <file>`):\n\
             {ini}\n--- uWSGI said:\n{}",
            run.describe(),
            prepend.args(),
            run.log()
        );
        let newline = if ini.is_empty() || ini.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        let control = format!("{ini}{newline}{BOGUS} = 1\n");
        let run = self.run_probe_ini(dir.path(), "control.ini", prepend, &control);
        assert!(
            !run.accepted()
                && run.code == Some(1)
                && run
                    .stderr
                    .contains(&format!("[strict-mode] unknown config directive: {BOGUS}")),
            "{what}: the negative control was not refused ({}, with {:?} before `--ini <file>`):\n\
             {control}\n--- uWSGI said:\n{}",
            run.describe(),
            prepend.args(),
            run.log()
        );
    }

    /// Asserts that uWSGI accepts the command-line `args` in strict mode
    /// ([`Output::accepted`]), then, as a negative control, that it refuses them with
    /// `--<BOGUS> 1` appended (status 1 and `unrecognized option '--<BOGUS>'`). `what` names
    /// the configuration in the failure messages, which also hold the whole command line and
    /// uWSGI's log. Runs in a temporary directory.
    pub fn assert_strict_accepts_args(&self, what: &str, prepend: Prepend, args: &[String]) {
        let dir = temp_dir();
        let run = self.run_probe_args(dir.path(), prepend, args);
        assert!(
            run.accepted(),
            "{what}: uWSGI refused the arguments in strict mode ({}):\n{:?}\n--- uWSGI said:\n{}",
            run.describe(),
            prepend.before(args),
            run.log()
        );
        let mut control = args.to_vec();
        control.extend([format!("--{BOGUS}"), "1".into()]);
        let run = self.run_probe_args(dir.path(), prepend, &control);
        assert!(
            !run.accepted()
                && run.code == Some(1)
                && run
                    .stderr
                    .contains(&format!("unrecognized option '--{BOGUS}'")),
            "{what}: the negative control was not refused ({}):\n{:?}\n--- uWSGI said:\n{}",
            run.describe(),
            prepend.before(&control),
            run.log()
        );
    }
}

/// What a strict probe puts on the command line before the configuration, depending on what
/// the configuration brings itself. Each probe needs strict mode on and [`STOP`] as the first
/// asap hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prepend {
    /// `--hook-asap STOP --strict`: the configuration has neither.
    StopAndStrict,
    /// `--hook-asap STOP`: the configuration turns strict mode on itself (`strict = true`,
    /// `--strict`); the INI probe's negative control shows that it does.
    Stop,
    /// Nothing: the configuration turns strict mode on and has [`STOP`] as its first asap
    /// hook ([`Output::accepted`] checks that the stop ran).
    Nothing,
}

impl Prepend {
    /// The arguments put before the configuration.
    pub fn args(self) -> &'static [&'static str] {
        match self {
            Prepend::StopAndStrict => &["--hook-asap", STOP, "--strict"],
            Prepend::Stop => &["--hook-asap", STOP],
            Prepend::Nothing => &[],
        }
    }

    /// The whole command line of an argument probe: these arguments, then `args`.
    pub fn before(self, args: &[String]) -> Vec<String> {
        let mut all: Vec<String> = self.args().iter().map(|a| a.to_string()).collect();
        all.extend(args.iter().cloned());
        all
    }
}

/// Runs `f` on every item on a few threads (uWSGI runs are short and mostly waiting), and
/// returns the results in order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 4);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(index) else { break };
                let result = f(item);
                results.lock().unwrap()[index] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
}

/// The `key = value` pairs of an INI text (or of uWSGI's `--show-config` output), split at
/// the first ` = ` as uWSGI prints them; `[section]` lines and comments are skipped.
pub fn ini_pairs(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|line| !line.starts_with('[') && !line.starts_with(';') && !line.is_empty())
        .map(|line| match line.split_once(" = ") {
            Some((key, value)) => (key.to_string(), value.to_string()),
            None => (line.trim_end_matches(" =").to_string(), String::new()),
        })
        .collect()
}

/// The distinct keys of an INI text.
pub fn ini_keys(text: &str) -> BTreeSet<String> {
    ini_pairs(text).into_iter().map(|(key, _)| key).collect()
}

/// A fresh temporary directory, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("uwsgiconf-test-")
        .tempdir()
        .expect("temp dir")
}

/// The order in which [`Uwsgi::run_env`] puts the variables: uWSGI reads its environment in
/// order, and no launcher promises one, so nothing the crate renders may depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvOrder {
    AsRendered,
    Reversed,
}

/// [`BOGUS`] as an environment variable, for the negative control of the environment probes.
pub const BOGUS_VARIABLE: &str = "UWSGI_UWSGICONF_BOGUS_DIRECTIVE";

impl Uwsgi {
    /// Runs `uwsgi <args>` in `dir` with exactly the `UWSGI_*` variables `vars` (a rendered
    /// `to_env()`), in `order`: the tests' own `UWSGI_*` variables are removed, and `env
    /// NAME=VALUE... uwsgi` appends these after the rest of the environment, in the order
    /// given (a `Command` would sort them). Every name must start with `UWSGI_`.
    pub fn run_env<S: AsRef<OsStr>>(
        &self,
        dir: &Path,
        vars: &[(String, String)],
        order: EnvOrder,
        args: &[S],
    ) -> Output {
        let mut assignments: Vec<String> = vars
            .iter()
            .map(|(name, value)| {
                assert!(
                    name.starts_with("UWSGI_") && !name.contains('='),
                    "{name:?} is not a variable uWSGI reads as an option"
                );
                format!("{name}={value}")
            })
            .collect();
        if order == EnvOrder::Reversed {
            assignments.reverse();
        }
        let mut prefix = vec!["env"];
        prefix.extend(assignments.iter().map(String::as_str));
        self.start_with(dir, &prefix, args, TIME_LIMIT).wait()
    }

    /// Asserts that uWSGI accepts the environment `vars` in strict mode
    /// ([`Output::accepted`]) in both orders, then, as a negative control, that it refuses
    /// them with [`BOGUS_VARIABLE`]` = 1` added (status 1 and `[strict-mode] unknown config
    /// directive: <BOGUS>`). `prepend` goes on the command line, which uWSGI reads after the
    /// environment. Runs in a temporary directory.
    pub fn assert_strict_accepts_env(
        &self,
        what: &str,
        prepend: Prepend,
        vars: &[(String, String)],
    ) {
        let dir = temp_dir();
        for order in [EnvOrder::AsRendered, EnvOrder::Reversed] {
            let run = self.run_env(dir.path(), vars, order, prepend.args());
            assert!(
                run.accepted(),
                "{what}: uWSGI refused the environment in strict mode ({}, {order:?}, with {:?} \
                 on the command line):\n{vars:#?}\n--- uWSGI said:\n{}",
                run.describe(),
                prepend.args(),
                run.log()
            );
        }
        let mut control = vars.to_vec();
        control.push((BOGUS_VARIABLE.into(), "1".into()));
        let run = self.run_env(dir.path(), &control, EnvOrder::AsRendered, prepend.args());
        assert!(
            !run.accepted()
                && run.code == Some(1)
                && run
                    .stderr
                    .contains(&format!("[strict-mode] unknown config directive: {BOGUS}")),
            "{what}: the negative control was not refused ({}, with {:?} on the command line):\n\
             {control:#?}\n--- uWSGI said:\n{}",
            run.describe(),
            prepend.args(),
            run.log()
        );
    }
}
