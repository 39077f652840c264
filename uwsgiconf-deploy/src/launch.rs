//! Starting uWSGI with a section, and controlling it: a small handle that waits until it is
//! ready, reloads it and stops it, and stops it when dropped.
//!
//! [`Launch::start`] renders the section to INI, writes it in a runtime directory (a private
//! temporary one unless [`Launch::runtime_dir`] names one) and runs `uwsgi --ini <file>`: from
//! a file, because a reload re-executes uWSGI with the same arguments and reads the
//! configuration again (measured with uWSGI 2.0.21: started with `--ini fd://0` from a pipe,
//! the reload read the drained pipe, came up without master and socket, and exited with
//! status 1). uWSGI runs without the caller's `UWSGI_*` variables, with stdin from
//! `/dev/null`, as the leader of its own process group.
//!
//! The handle talks to uWSGI through its master FIFO (see [`fifo`]): when the
//! section has no `master-fifo`, the launch adds one in the runtime directory, and `master`
//! when the section has none. It is ready when the FIFO appears (the master loop runs, its
//! sockets are bound and its workers forked), or when [`Ready`] says otherwise.
//!
//! Stopping writes `q` (graceful stop; uWSGI 2.0.21 exits with status 0), then after the stop
//! timeout kills the whole process group. A SIGTERM would not do: without `die-on-term`,
//! uWSGI 2.0 reloads on SIGTERM.
//!
//! As root, a launch refuses a section that keeps root (no `uid`, nor `immediate-uid`) unless
//! the caller said so with [`Launch::allow_root`]; with a `uid`, the private runtime
//! directory is given to that user and group, since the master creates its FIFO after it
//! dropped privileges.
//!
//! ```
//! use uwsgiconf_deploy::{binary::running_as_root, binary::Uwsgi, launch::Launch};
//! use uwsgiconf_deploy::fifo::MasterFifoCommand;
//! use uwsgiconf_core::{OwnerParams, Section};
//!
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let mut section = Section::new();
//!     section
//!         .set_strict(true)
//!         .set_option("processes", 2)
//!         .set_option("http-socket", "127.0.0.1:0"); // a port the kernel picks
//!     if running_as_root() {
//!         // Never as root, unless the section drops privileges or `allow_root(true)` says so.
//!         section.main_process().set_owner_params(OwnerParams::new().uid("nobody").gid("nogroup"));
//!     }
//! #     if Uwsgi::locate().is_err() && std::env::var("UWSGICONF_REQUIRE_UWSGI").as_deref() != Ok("1") {
//! #         eprintln!("NOTICE: no uWSGI, the example is not run");
//! #         return Ok(());
//! #     }
//!     let uwsgi = Uwsgi::locate()?;
//!     let mut instance = Launch::new(&section).start(&uwsgi)?; // ready: its master FIFO exists
//!     instance.reload()?; // `r`: new workers, the same master
//!     instance.send(MasterFifoCommand::ChainReload)?; // `c`: one worker at a time, waited for
//!     let stopped = instance.stop()?; // `q`; SIGKILL to the process group after 10 s
//!     assert!(stopped.status.success());
//!     Ok(())
//! }
//! ```

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::binary::{describe, running_as_root, signal_process, Group, Uwsgi};
use super::fifo::{self, MasterFifoCommand};
use super::scratch::ScratchDir;
use uwsgiconf_core::__private::{blame_option, directives, error as new_error};
use uwsgiconf_core::options::key;
use uwsgiconf_core::Section;
use uwsgiconf_core::Value;
use uwsgiconf_core::{Error, Problem, ProblemKind};

/// How much of uWSGI's output a handle keeps (the end of it).
const LOG_KEPT: usize = 1 << 20;

/// When a started uWSGI counts as ready: always once its master FIFO exists (the handle
/// controls uWSGI through it), and then when this holds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ready {
    /// Nothing more (the default): the master loop runs, after the sockets were bound and
    /// the workers forked.
    MasterFifo,
    /// A TCP connection to this address succeeds.
    Connect(SocketAddr),
    /// A connection to this Unix socket succeeds.
    UnixSocket(PathBuf),
    /// This file exists (a pidfile, a file a hook writes).
    File(PathBuf),
}

/// Why a launch, or a stop, failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum LaunchError {
    /// The section cannot be launched: the crate's problems with it, or what the handle
    /// cannot supervise (`daemonize`, a `master-fifo` given by variables).
    Invalid(Error),
    /// This process is root and the section keeps root: set `uid`/`gid`, or
    /// [`Launch::allow_root`].
    RunsAsRoot,
    /// uWSGI exited before it was ready.
    Exited {
        /// How it ended.
        status: ExitStatus,
        /// What it logged (the end of it).
        log: String,
    },
    /// uWSGI was not ready in time; it was stopped.
    NotReady {
        /// What it logged (the end of it).
        log: String,
    },
    /// A file, a directory or the process could not be made, or the FIFO written.
    Io(io::Error),
}

impl fmt::Display for LaunchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LaunchError::Invalid(e) => write!(f, "{e}"),
            LaunchError::RunsAsRoot => f.write_str(
                "this process is root and the section keeps root: set uid and gid (or \
                 immediate-uid), or allow it with Launch::allow_root(true)",
            ),
            LaunchError::Exited { status, log } => write!(
                f,
                "uWSGI exited before it was ready ({}):\n{log}",
                describe(status, false)
            ),
            LaunchError::NotReady { log } => {
                write!(f, "uWSGI was not ready in time and was stopped:\n{log}")
            }
            LaunchError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LaunchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LaunchError::Invalid(e) => Some(e),
            LaunchError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for LaunchError {
    fn from(e: io::Error) -> Self {
        LaunchError::Io(e)
    }
}

/// How to start uWSGI with a section (see the [module](self)).
#[derive(Debug, Clone)]
pub struct Launch {
    section: Section,
    runtime_dir: Option<PathBuf>,
    allow_root: bool,
    ready: Ready,
    ready_timeout: Duration,
    stop_timeout: Duration,
    capture: bool,
}

impl Launch {
    /// A launch of `section`: ready on the master FIFO within 10 s, stopped within 10 s,
    /// output captured.
    pub fn new(section: &Section) -> Launch {
        Launch {
            section: section.clone(),
            runtime_dir: None,
            allow_root: false,
            ready: Ready::MasterFifo,
            ready_timeout: Duration::from_secs(10),
            stop_timeout: Duration::from_secs(10),
            capture: true,
        }
    }

    /// Where the configuration file (and the master FIFO, when the section names none) go:
    /// an existing directory, which the launch leaves in place. By default, a new private
    /// directory, removed when the handle is dropped.
    pub fn runtime_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.runtime_dir = Some(dir.into());
        self
    }

    /// Lets a root process start a section that keeps root.
    pub fn allow_root(&mut self, allow: bool) -> &mut Self {
        self.allow_root = allow;
        self
    }

    /// When uWSGI counts as ready ([`Ready::MasterFifo`] by default).
    pub fn ready_when(&mut self, ready: Ready) -> &mut Self {
        self.ready = ready;
        self
    }

    /// How long [`Launch::start`] waits for readiness (10 s by default).
    pub fn ready_timeout(&mut self, timeout: Duration) -> &mut Self {
        self.ready_timeout = timeout;
        self
    }

    /// How long a stop waits for uWSGI to exit before it kills the process group (10 s by
    /// default).
    pub fn stop_timeout(&mut self, timeout: Duration) -> &mut Self {
        self.stop_timeout = timeout;
        self
    }

    /// Whether uWSGI's output is captured ([`Instance::log`], the default), or goes to this
    /// process's stdout and stderr.
    pub fn capture_output(&mut self, capture: bool) -> &mut Self {
        self.capture = capture;
        self
    }

    /// Starts uWSGI and waits until it is ready.
    pub fn start(&self, uwsgi: &Uwsgi) -> Result<Instance, LaunchError> {
        let owner = owner(&self.section)?;
        if running_as_root() && owner.is_none() && !self.allow_root {
            return Err(LaunchError::RunsAsRoot);
        }
        refuse_unsupervised(&self.section)?;

        let (dir, scratch) = match &self.runtime_dir {
            Some(dir) => (dir.clone(), None),
            None => {
                let scratch = ScratchDir::new("uwsgiconf-run-")?;
                (scratch.path().to_path_buf(), Some(scratch))
            }
        };
        if let (Some(scratch), Some((uid, gid)), true) = (&scratch, owner, running_as_root()) {
            // The master makes its FIFO after it dropped privileges.
            std::os::unix::fs::chown(scratch.path(), Some(uid), gid)?;
        }

        let mut section = self.section.clone();
        let fifo = match literal_value(&section, key::MASTER_FIFO)? {
            Some(path) => PathBuf::from(path),
            None => {
                let path = dir.join("master.fifo");
                section.add_option(key::MASTER_FIFO, path.as_path());
                path
            }
        };
        if !directives(&section).any(|d| std::ptr::eq(d.spec, key::MASTER.spec())) {
            section.set_option(key::MASTER, true);
        }
        let ini = section.to_ini().map_err(LaunchError::Invalid)?;
        let file = dir.join("uwsgi.ini");
        std::fs::write(&file, ini)?;
        // A FIFO left by an earlier run would look ready; uWSGI replaces it anyway.
        if std::fs::symlink_metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo()) {
            std::fs::remove_file(&fifo)?;
        }

        let mut ini_arg = file.into_os_string();
        if section.name() != "uwsgi" {
            ini_arg.push(":");
            ini_arg.push(section.name());
        }
        let mut command = uwsgi.command();
        command.arg("--ini").arg(ini_arg);
        let log = Arc::new(Mutex::new(LogTail::default()));
        if self.capture {
            command.stdout(Stdio::piped()).stderr(Stdio::piped());
        }
        let mut group = Group::spawn(&mut command)?;
        if let Some(child) = group.child_mut() {
            for pipe in [
                child
                    .stdout
                    .take()
                    .map(|p| Box::new(p) as Box<dyn Read + Send>),
                child
                    .stderr
                    .take()
                    .map(|p| Box::new(p) as Box<dyn Read + Send>),
            ]
            .into_iter()
            .flatten()
            {
                keep_tail(pipe, Arc::clone(&log));
            }
        }
        let mut instance = Instance {
            group,
            fifo,
            log,
            writer: None,
            capture: self.capture,
            ready_timeout: self.ready_timeout,
            stop_timeout: self.stop_timeout,
            _scratch: scratch,
        };
        instance.wait_ready(&self.ready, self.ready_timeout)?;
        Ok(instance)
    }
}

/// The section's owner as numeric ids, when it drops privileges (`uid`, or `immediate-uid`;
/// the group when it names one).
fn owner(section: &Section) -> Result<Option<(u32, Option<u32>)>, LaunchError> {
    let uid = literal_value(section, key::UID)?.or(literal_value(section, key::IMMEDIATE_UID)?);
    let Some(uid) = uid else { return Ok(None) };
    let gid = literal_value(section, key::GID)?.or(literal_value(section, key::IMMEDIATE_GID)?);
    let unknown = |what: &str, name: &str, option: &'static str| {
        let problem = Problem::new(
            ProblemKind::InvalidValue,
            option,
            format!("{what} `{name}` is not on this machine"),
        )
        .with_value(name)
        .with_fix(format!("name a {what} of this machine"));
        LaunchError::Invalid(new_error(vec![blame_option(problem, option)]))
    };
    let user = id_of(&uid, "/etc/passwd").ok_or_else(|| unknown("user", &uid, "uid"))?;
    let group = match gid {
        Some(gid) => Some(id_of(&gid, "/etc/group").ok_or_else(|| unknown("group", &gid, "gid"))?),
        None => None,
    };
    Ok(Some((user, group)))
}

/// A number, or the id of a name in an `/etc/passwd`-like file.
fn id_of(name: &str, file: &str) -> Option<u32> {
    if let Ok(id) = name.parse() {
        return Some(id);
    }
    let text = std::fs::read_to_string(file).ok()?;
    text.lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .find(|fields| fields.first() == Some(&name))
        .and_then(|fields| fields.get(2)?.parse().ok())
}

/// The first value of option `key` as literal text; a value with variables is refused (the
/// launch must know the path or id uWSGI will use).
fn literal_value(
    section: &Section,
    key: uwsgiconf_core::options::Key,
) -> Result<Option<String>, LaunchError> {
    let first = directives(section).find_map(|d| match d.value {
        Some(value) if std::ptr::eq(d.spec, key.spec()) => Some(value),
        _ => None,
    });
    let Some(value) = first else {
        return Ok(None);
    };
    match value.as_literal() {
        Some(text) => Ok(Some(text.to_string())),
        None => {
            let problem = Problem::new(
                ProblemKind::MisplacedVariable,
                key.name(),
                format!(
                    "the launch must know `{}`, but it holds variables",
                    key.name()
                ),
            )
            .with_value(variables_text(&value.to_value()))
            .with_fix("give it as literal text");
            Err(LaunchError::Invalid(new_error(vec![blame_option(
                problem,
                key.name(),
            )])))
        }
    }
}

fn variables_text(value: &Value) -> String {
    value.literals().collect()
}

/// Refuses what would take uWSGI out of the handle's reach.
fn refuse_unsupervised(section: &Section) -> Result<(), LaunchError> {
    let problems: Vec<Problem> = directives(section)
        .filter(|d| matches!(d.spec.name(), "daemonize" | "daemonize2"))
        .map(|d| {
            d.problem(
                ProblemKind::InvalidValue,
                format!(
                    "`{}` detaches uWSGI from the launch handle, which could no longer stop it",
                    d.spec.name()
                ),
            )
            .with_fix("launch it without daemonize (log with `logto` instead)")
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(LaunchError::Invalid(new_error(problems)))
    }
}

/// The end of uWSGI's output, and how much was dropped before it.
#[derive(Debug, Default)]
struct LogTail {
    bytes: Vec<u8>,
    dropped: usize,
}

impl LogTail {
    /// Where the output ends now (counting what was dropped).
    fn mark(&self) -> usize {
        self.dropped + self.bytes.len()
    }

    /// The output since `mark` (what is kept of it).
    fn since(&self, mark: usize) -> &[u8] {
        &self.bytes[mark.saturating_sub(self.dropped).min(self.bytes.len())..]
    }
}

/// Reads a pipe into the shared log, keeping its last [`LOG_KEPT`] bytes.
fn keep_tail(mut pipe: Box<dyn Read + Send>, log: Arc<Mutex<LogTail>>) {
    thread::spawn(move || {
        let mut buffer = [0u8; 8192];
        while let Ok(n) = pipe.read(&mut buffer) {
            if n == 0 {
                break;
            }
            let Ok(mut log) = log.lock() else { break };
            log.bytes.extend_from_slice(&buffer[..n]);
            if log.bytes.len() > LOG_KEPT {
                let excess = log.bytes.len() - LOG_KEPT;
                log.bytes.drain(..excess);
                log.dropped += excess;
            }
        }
    });
}

/// How a stopped uWSGI ended.
#[derive(Debug, Clone)]
pub struct Stopped {
    /// The master's exit status.
    pub status: ExitStatus,
    /// Whether the stop timeout ran out and the process group was killed.
    pub killed: bool,
}

/// A running uWSGI started by [`Launch::start`]; dropping it stops uWSGI (gracefully, then
/// by killing its process group after the stop timeout).
#[derive(Debug)]
pub struct Instance {
    group: Group,
    fifo: PathBuf,
    log: Arc<Mutex<LogTail>>,
    /// Held open between commands: when its last writer closes the FIFO, the master makes a
    /// new one, and a command written meanwhile would be lost.
    writer: Option<File>,
    capture: bool,
    ready_timeout: Duration,
    stop_timeout: Duration,
    _scratch: Option<ScratchDir>,
}

impl Instance {
    /// The master's pid (also its process group).
    pub fn pid(&self) -> u32 {
        self.group.id()
    }

    /// The master FIFO.
    pub fn fifo(&self) -> &Path {
        &self.fifo
    }

    /// What uWSGI wrote so far (the last MiB), when its output is captured.
    pub fn log(&self) -> String {
        self.log_since(0)
    }

    fn log_since(&self, mark: usize) -> String {
        match self.log.lock() {
            Ok(log) => String::from_utf8_lossy(log.since(mark)).into_owned(),
            Err(_) => String::new(),
        }
    }

    fn log_mark(&self) -> usize {
        self.log.lock().map_or(0, |log| log.mark())
    }

    /// Whether the master still runs.
    pub fn is_running(&mut self) -> bool {
        self.group.poll().is_none()
    }

    /// Writes `command` to the master FIFO. [`MasterFifoCommand::ReforkMaster`] is refused:
    /// the new master would leave the process group, out of the handle's reach.
    ///
    /// For a reload of the master ([`GracefulReload`](MasterFifoCommand::GracefulReload),
    /// [`BrutalReload`](MasterFifoCommand::BrutalReload)) with the output captured (the
    /// default), it returns once the re-executed master reads its FIFO again (at most the
    /// ready timeout; a graceful reload first waits for the workers' requests): until then a
    /// command would reach the old master, or no master at all. It knows from uWSGI's log
    /// line `binary reloading uWSGI...`, which the old master writes before it closes its
    /// files and re-executes itself.
    ///
    /// For a [`ChainReload`](MasterFifoCommand::ChainReload) with the output captured, it
    /// returns once uWSGI logs `chain reloading complete` (and fails when uWSGI logs nothing
    /// for the ready timeout): uWSGI 2.0.21 left running by a graceful stop (`q`) written
    /// while a chain reload went on (measured: the stop ran into the stop timeout and the
    /// process group was killed).
    pub fn send(&mut self, command: MasterFifoCommand) -> io::Result<()> {
        if command == MasterFifoCommand::ReforkMaster {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "a re-forked master leaves the process group: the launch handle could not stop it",
            ));
        }
        let reloads = matches!(
            command,
            MasterFifoCommand::GracefulReload | MasterFifoCommand::BrutalReload
        );
        let mark = self.log_mark();
        if command == MasterFifoCommand::ChainReload {
            self.write(command)?;
            return self.wait_for_chain(mark);
        }
        // The FIFO the command goes to: the re-executed master makes a new one in its place.
        let old_fifo = fifo_identity(&self.fifo);
        self.write(command)?;
        if !reloads {
            return Ok(());
        }
        // Held open until the new FIFO is there: the old one's inode stays taken, so a FIFO
        // with another identity is the new master's. Opened before that, a writer could
        // reach the old FIFO, still open in the old master until it re-executes, and every
        // later command would be lost (seen under load: a `q` after a reload never arrived).
        let _old_writer = self.writer.take();
        if !self.capture {
            return Ok(());
        }
        let deadline = Instant::now() + self.ready_timeout;
        let mut reloading = false;
        loop {
            if self.group.poll().is_some() {
                return Err(io::Error::other("uWSGI exited during the reload"));
            }
            reloading = reloading || self.log_since(mark).contains("binary reloading uWSGI");
            if reloading && fifo_identity(&self.fifo).is_some_and(|new| Some(new) != old_fifo) {
                if let Ok(writer) = fifo::open_for_writing(&self.fifo) {
                    self.writer = Some(writer);
                    return Ok(());
                }
            }
            if Instant::now() >= deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "uWSGI did not come back from the reload within the ready timeout",
                ));
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the chain reload started after `mark` is complete, as long as uWSGI logs
    /// something at least once per ready timeout (each worker takes its own time to go).
    fn wait_for_chain(&mut self, mark: usize) -> io::Result<()> {
        if !self.capture {
            return Ok(());
        }
        let mut seen = 0;
        let mut deadline = Instant::now() + self.ready_timeout;
        loop {
            if self.group.poll().is_some() {
                return Err(io::Error::other("uWSGI exited during the chain reload"));
            }
            let log = self.log_since(mark);
            if log.contains("chain reloading complete") {
                return Ok(());
            }
            if log.len() > seen {
                seen = log.len();
                deadline = Instant::now() + self.ready_timeout;
            }
            if Instant::now() >= deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the chain reload made no progress within the ready timeout",
                ));
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Writes one command through the held writer, opening it (again) when needed: a writer
    /// of a FIFO its master left gets `EPIPE`.
    fn write(&mut self, command: MasterFifoCommand) -> io::Result<()> {
        let mut reopened = false;
        loop {
            let writer = match self.writer.take() {
                Some(writer) => writer,
                None => fifo::open_writer(&self.fifo, self.ready_timeout)?,
            };
            match (&writer).write_all(&[command.letter()]) {
                Ok(()) => {
                    self.writer = Some(writer);
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe && !reopened => reopened = true,
                Err(e) => return Err(e),
            }
        }
    }

    /// A graceful reload (`r`): new workers, same master pid, the configuration file read
    /// again. Returns once the reloaded master runs (see [`Instance::send`]).
    pub fn reload(&mut self) -> io::Result<()> {
        self.send(MasterFifoCommand::GracefulReload)
    }

    /// Waits until uWSGI exits on its own, at most `limit`; `None` when it still runs.
    pub fn wait_timeout(&mut self, limit: Duration) -> Option<ExitStatus> {
        self.group.wait_until(Instant::now() + limit)
    }

    /// Stops uWSGI: a graceful stop (`q`; SIGINT when the FIFO cannot be written), then,
    /// after the stop timeout, SIGKILL to the whole process group. Every process of the
    /// group is gone when it returns.
    pub fn stop(mut self) -> io::Result<Stopped> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> io::Result<Stopped> {
        if self.group.poll().is_none() && self.write(MasterFifoCommand::GracefulStop).is_err() {
            // uWSGI 2.0 stops on SIGINT (SIGTERM reloads it without die-on-term).
            signal_process(self.group.id(), "INT");
        }
        let ended = self.group.wait_until(Instant::now() + self.stop_timeout);
        let status = self
            .group
            .kill()
            .ok_or_else(|| io::Error::other("uWSGI's status could not be read"))?;
        Ok(Stopped {
            status,
            killed: ended.is_none(),
        })
    }

    fn wait_ready(&mut self, ready: &Ready, limit: Duration) -> Result<(), LaunchError> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.group.poll() {
                self.group.kill();
                thread::sleep(Duration::from_millis(50)); // the pipes' last bytes
                return Err(LaunchError::Exited {
                    status,
                    log: self.log(),
                });
            }
            if is_ready(ready, &self.fifo) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                let _ = self.shutdown();
                return Err(LaunchError::NotReady { log: self.log() });
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Whether uWSGI is ready: its master FIFO exists (the handle needs it), and `ready` holds.
fn is_ready(ready: &Ready, fifo: &Path) -> bool {
    let fifo_exists = std::fs::metadata(fifo).is_ok_and(|m| m.file_type().is_fifo());
    fifo_exists
        && match ready {
            Ready::MasterFifo => true,
            Ready::Connect(addr) => {
                TcpStream::connect_timeout(addr, Duration::from_millis(200)).is_ok()
            }
            Ready::UnixSocket(path) => UnixStream::connect(path).is_ok(),
            Ready::File(path) => path.exists(),
        }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

/// The device and inode of the FIFO at `path`, if a FIFO is there.
fn fifo_identity(path: &Path) -> Option<(u64, u64)> {
    let metadata = std::fs::symlink_metadata(path).ok()?;
    metadata
        .file_type()
        .is_fifo()
        .then(|| (metadata.dev(), metadata.ino()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daemonize_is_refused() {
        let mut section = Section::new();
        section.set_option("daemonize", "/var/log/app.log");
        let Err(LaunchError::Invalid(error)) = refuse_unsupervised(&section) else {
            panic!("accepted");
        };
        assert_eq!(error.problems()[0].blame().option(), Some("daemonize"));
    }

    #[test]
    fn the_owner_is_read_as_numbers() {
        let mut section = Section::new();
        section.set_option("uid", "1000").set_option("gid", "1001");
        assert_eq!(owner(&section).unwrap(), Some((1000, Some(1001))));
        assert_eq!(owner(&Section::new()).unwrap(), None);
        let mut section = Section::new();
        section
            .set_option("uid", "uwsgiconf-no-such-user")
            .set_option("gid", "uwsgiconf-no-such-group");
        assert!(matches!(owner(&section), Err(LaunchError::Invalid(_))));
    }

    #[test]
    fn a_master_fifo_given_by_a_variable_is_refused() {
        let mut section = Section::new();
        section.set_option("master-fifo", Value::env("FIFO"));
        let error = literal_value(&section, key::MASTER_FIFO).unwrap_err();
        assert!(matches!(error, LaunchError::Invalid(_)), "{error}");
    }
}
