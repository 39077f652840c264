//! The installed uWSGI: where it is, which version it is, and how to run it safely.
//!
//! [`Uwsgi::locate`] finds the binary the way the crate's own tests do: the
//! `UWSGICONF_UWSGI_BIN` environment variable ([`BIN_VARIABLE`]), else `uwsgi` on `PATH`, else
//! `uwsgi-core` on `PATH` (Debian's binary, which `uwsgi` points to through alternatives).
//!
//! Every [`Command`] made here runs uWSGI without the caller's `UWSGI_*` variables (uWSGI
//! reads each one as an option: `UWSGI_BIN` would be the unknown option `bin`, fatal in strict
//! mode) and without systemd's `NOTIFY_SOCKET` and `LISTEN_*` (uWSGI would report to, or take
//! the sockets of, the caller's service), with stdin from `/dev/null`. [`Uwsgi::run`] bounds a
//! run in time: uWSGI gets its own process group, and the whole group is killed when the
//! deadline passes, with the `kill` program (std signals one process only, and the crate has
//! no `unsafe`).
//!
//! ```no_run
//! use std::time::Duration;
//! use uwsgiconf_deploy::binary::Uwsgi;
//!
//! let uwsgi = Uwsgi::locate()?;
//! println!("{} is uWSGI {}", uwsgi.path().display(), uwsgi.version());
//! let run = uwsgi.run(&["--plugin-list"], Duration::from_secs(5))?;
//! println!("{}", run.stderr);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::env;
use std::ffi::OsStr;
use std::fmt;
use std::io::{self, Read};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The environment variable that names the uWSGI binary. Not `UWSGI_BIN`: uWSGI reads every
/// `UWSGI_<NAME>` variable as option `<name>`.
pub const BIN_VARIABLE: &str = "UWSGICONF_UWSGI_BIN";

/// Variables of the caller's environment that never reach uWSGI besides `UWSGI_*`: systemd's
/// readiness socket and socket activation, which belong to the caller's own service.
const FOREIGN_VARIABLES: [&str; 4] = [
    "NOTIFY_SOCKET",
    "LISTEN_FDS",
    "LISTEN_PID",
    "LISTEN_FDNAMES",
];

/// How long `--version` may take.
const VERSION_LIMIT: Duration = Duration::from_secs(5);

/// Why no usable uWSGI was found.
#[derive(Debug)]
#[non_exhaustive]
pub enum LocateError {
    /// `UWSGICONF_UWSGI_BIN` is unset, and neither `uwsgi` nor `uwsgi-core` is on `PATH`.
    NotFound,
    /// The path given (by `UWSGICONF_UWSGI_BIN` or [`Uwsgi::at`]) is not an executable file.
    NotExecutable(PathBuf),
    /// The program could not be run.
    Io(PathBuf, io::Error),
    /// The program ran but did not answer `--version` with a uWSGI 2.x version.
    NotUwsgi {
        /// The program.
        path: PathBuf,
        /// What it printed (stdout then stderr) and how it ended.
        answer: String,
    },
}

impl fmt::Display for LocateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LocateError::NotFound => write!(
                f,
                "no uWSGI found: {BIN_VARIABLE} is not set and neither `uwsgi` nor `uwsgi-core` \
                 is on PATH; install it (Debian: apt-get install uwsgi-core) or set \
                 {BIN_VARIABLE} to the binary"
            ),
            LocateError::NotExecutable(path) => {
                write!(f, "{} is not an executable file", path.display())
            }
            LocateError::Io(path, e) => write!(f, "cannot run {}: {e}", path.display()),
            LocateError::NotUwsgi { path, answer } => write!(
                f,
                "{} did not answer `--version` with a uWSGI 2.x version: {answer}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LocateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LocateError::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

/// A uWSGI binary that answered `--version`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uwsgi {
    path: PathBuf,
    version: String,
}

impl Uwsgi {
    /// Finds the installed uWSGI: [`BIN_VARIABLE`] when set (and not empty), else `uwsgi`, else
    /// `uwsgi-core` on `PATH`; then asks it for its version.
    pub fn locate() -> Result<Uwsgi, LocateError> {
        match env::var_os(BIN_VARIABLE) {
            Some(path) if !path.is_empty() => Uwsgi::at(path),
            _ => {
                let path = ["uwsgi", "uwsgi-core"]
                    .iter()
                    .find_map(|name| on_path(name))
                    .ok_or(LocateError::NotFound)?;
                Uwsgi::at(path)
            }
        }
    }

    /// The uWSGI binary at `path`, once it answered `--version`.
    pub fn at(path: impl Into<PathBuf>) -> Result<Uwsgi, LocateError> {
        let path = path.into();
        if !is_executable(&path) {
            return Err(LocateError::NotExecutable(path));
        }
        let mut command = Command::new(&path);
        command.arg("--version");
        let run = Bounded::run(prepare(&mut command), VERSION_LIMIT)
            .map_err(|e| LocateError::Io(path.clone(), e))?;
        let version = run.stdout.trim();
        if run.status.code() != Some(0) || !version.starts_with("2.") {
            let answer = format!("{} ({})", run.log().trim(), run.describe());
            return Err(LocateError::NotUwsgi { path, answer });
        }
        let version = version.to_string();
        Ok(Uwsgi { path, version })
    }

    /// The binary.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The version it reports (`2.0.21-debian`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Whether it is a 2.0.x release.
    pub fn is_2_0(&self) -> bool {
        self.version.starts_with("2.0.")
    }

    /// A command for this uWSGI: no `UWSGI_*` variables (nor `NOTIFY_SOCKET`, `LISTEN_*`),
    /// stdin from `/dev/null`; add arguments, a directory, output handling.
    ///
    /// It is not bounded in time: [`Uwsgi::run`] is, and so is the
    /// [launch handle](crate::launch).
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.path);
        prepare(&mut command);
        command
    }

    /// Runs uWSGI with `args` until it exits, at most `limit`: then its whole process group is
    /// killed. Output is captured.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S], limit: Duration) -> io::Result<Finished> {
        let mut command = self.command();
        command.args(args);
        Bounded::run(&mut command, limit)
    }

    /// Runs `command` (made by [`Uwsgi::command`], with its arguments and directory) until it
    /// exits, at most `limit`: then its whole process group is killed. Output is captured.
    pub fn run_command(&self, command: &mut Command, limit: Duration) -> io::Result<Finished> {
        Bounded::run(command, limit)
    }
}

/// Strips the caller's `UWSGI_*`, `NOTIFY_SOCKET` and `LISTEN_*` variables, and reads stdin
/// from `/dev/null`.
fn prepare(command: &mut Command) -> &mut Command {
    for (name, _) in env::vars_os() {
        let text = name.to_string_lossy();
        if text.starts_with("UWSGI_") || FOREIGN_VARIABLES.contains(&&*text) {
            command.env_remove(&name);
        }
    }
    command.stdin(Stdio::null())
}

/// What a bounded run left.
#[derive(Debug, Clone)]
pub struct Finished {
    /// How it ended.
    pub status: ExitStatus,
    /// Whether the deadline passed (the process group was then killed).
    pub timed_out: bool,
    /// What it wrote to stdout.
    pub stdout: String,
    /// What it wrote to stderr (uWSGI logs there).
    pub stderr: String,
}

impl Finished {
    /// stdout then stderr.
    pub fn log(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// How it ended, in words (`exit status 1`, `killed after the time limit`).
    pub fn describe(&self) -> String {
        describe(&self.status, self.timed_out)
    }
}

/// How a process ended, in words.
pub(crate) fn describe(status: &ExitStatus, timed_out: bool) -> String {
    match (timed_out, status.code(), status.signal()) {
        (true, _, _) => "killed after the time limit".into(),
        (_, Some(code), _) => format!("exit status {code}"),
        (_, None, Some(signal)) => format!("killed by signal {signal}"),
        _ => "unknown status".into(),
    }
}

/// A child in its own process group, whose group is killed when it is dropped.
#[derive(Debug)]
pub(crate) struct Group {
    child: Option<Child>,
    id: u32,
    status: Option<ExitStatus>,
}

impl Group {
    /// Spawns `command` as the leader of a new process group.
    pub(crate) fn spawn(command: &mut Command) -> io::Result<Group> {
        let child = command.process_group(0).spawn()?;
        let id = child.id();
        Ok(Group {
            child: Some(child),
            id,
            status: None,
        })
    }

    /// The leader's pid, which is also the group's id.
    pub(crate) fn id(&self) -> u32 {
        self.id
    }

    pub(crate) fn child_mut(&mut self) -> Option<&mut Child> {
        self.child.as_mut()
    }

    /// The leader's status, once it ended.
    pub(crate) fn poll(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                self.status = Some(status);
            }
        }
        self.status
    }

    /// Waits until the leader ends or `deadline` passes.
    pub(crate) fn wait_until(&mut self, deadline: Instant) -> Option<ExitStatus> {
        loop {
            if let Some(status) = self.poll() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Kills every process of the group (SIGKILL), then reaps the leader; returns its status.
    ///
    /// The group is killed once, while its id is still reserved: a group id stays taken while
    /// the leader is unreaped, so the signal cannot reach a stranger.
    pub(crate) fn kill(&mut self) -> Option<ExitStatus> {
        if let Some(mut child) = self.child.take() {
            signal_group(self.id, "KILL");
            if self.status.is_none() {
                let _ = child.kill();
            }
            if let Ok(status) = child.wait() {
                self.status.get_or_insert(status);
            }
        }
        self.status
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Bounded runs with captured output.
struct Bounded;

impl Bounded {
    fn run(command: &mut Command, limit: Duration) -> io::Result<Finished> {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let deadline = Instant::now() + limit;
        let mut group = Group::spawn(command)?;
        let (stdout, stderr) = match group.child_mut() {
            Some(child) => (
                child.stdout.take().map(reader),
                child.stderr.take().map(reader),
            ),
            None => (None, None),
        };
        let ended = group.wait_until(deadline);
        // Whatever happened, nothing of the group outlives the run.
        let status = group
            .kill()
            .ok_or_else(|| io::Error::other("the process's status could not be read"))?;
        Ok(Finished {
            status,
            timed_out: ended.is_none(),
            stdout: collect(stdout),
            stderr: collect(stderr),
        })
    }
}

fn reader(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buffer = Vec::new();
        let _ = pipe.read_to_end(&mut buffer);
        buffer
    })
}

/// The output of a reader; a process that left the killed group (`setsid`) and keeps the
/// pipe open is not waited for beyond a second.
fn collect(handle: Option<JoinHandle<Vec<u8>>>) -> String {
    let Some(handle) = handle else {
        return String::new();
    };
    let deadline = Instant::now() + Duration::from_secs(1);
    while !handle.is_finished() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(2));
    }
    if !handle.is_finished() {
        return String::new();
    }
    String::from_utf8_lossy(&handle.join().unwrap_or_default()).into_owned()
}

/// Sends `signal` (a name: `TERM`, `KILL`...) to every process of group `group` with the `kill`
/// program; returns whether it succeeded.
pub(crate) fn signal_group(group: u32, signal: &str) -> bool {
    kill(&[format!("-{signal}"), "--".into(), format!("-{group}")])
}

/// Sends `signal` (a name) to process `pid` with the `kill` program.
pub(crate) fn signal_process(pid: u32, signal: &str) -> bool {
    kill(&[format!("-{signal}"), pid.to_string()])
}

fn kill(args: &[String]) -> bool {
    let Some(program) = ["kill"].iter().find_map(|name| on_path(name)) else {
        return false;
    };
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn is_executable(path: &Path) -> bool {
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// A program on `PATH`.
pub(crate) fn on_path(name: &str) -> Option<PathBuf> {
    let paths = env::var_os("PATH")?;
    env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

/// Whether this process runs as root (the owner of `/proc/self`, which is the effective uid).
pub fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_executable_is_refused() {
        let path = env::temp_dir().join(format!("uwsgiconf-not-exec-{}", std::process::id()));
        std::fs::write(&path, "").unwrap();
        let error = Uwsgi::at(&path).unwrap_err();
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(error, LocateError::NotExecutable(_)), "{error}");
    }

    #[test]
    fn a_program_that_is_not_uwsgi_is_refused() {
        let Some(false_program) = on_path("false") else {
            return;
        };
        let error = Uwsgi::at(false_program).unwrap_err();
        assert!(matches!(error, LocateError::NotUwsgi { .. }), "{error}");
    }

    #[test]
    fn a_bounded_run_kills_the_whole_group_at_the_deadline() {
        let Some(sh) = on_path("sh") else { return };
        let mut command = Command::new(sh);
        // A child that would outlive its parent unless the whole group is killed.
        command.args(["-c", "sleep 30 & echo $!; wait"]);
        let started = Instant::now();
        let run = Bounded::run(&mut command, Duration::from_millis(300)).unwrap();
        assert!(run.timed_out);
        assert!(started.elapsed() < Duration::from_secs(20));
        let sleeper: u32 = run.stdout.trim().parse().unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        // The sleeper is reaped by init once killed; its /proc entry goes (or turns zombie).
        while alive(sleeper) {
            assert!(Instant::now() < deadline, "the group's child survived");
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn alive(pid: u32) -> bool {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
            !stat
                .rsplit_once(") ")
                .is_some_and(|(_, r)| r.starts_with('Z'))
        })
    }
}
