//! systemd units for a section: a service (`Type=notify`) and, for socket activation, a
//! socket unit, checked against what the section makes uWSGI do.
//!
//! ```
//! use uwsgiconf_deploy::systemd::ServiceUnit;
//! use uwsgiconf_core::Section;
//!
//! let mut section = Section::new();
//! section
//!     .set_strict(true)
//!     .set_option("master", true)
//!     .set_option("pidfile", "/run/myapp/uwsgi.pid")
//!     .set_option("http-socket", "127.0.0.1:8000")
//!     .set_option("need-plugin", "notfound");
//! let units = ServiceUnit::new("myapp", "/usr/bin/uwsgi", "/etc/myapp/uwsgi.ini")
//!     .dynamic_user(true)
//!     .render(&section)
//!     .unwrap();
//! assert_eq!(units.service_name(), "myapp.service");
//! assert_eq!(
//!     units.service(),
//!     "[Unit]\n\
//!      Description=uWSGI myapp\n\
//!      After=network.target\n\
//!      \n\
//!      [Service]\n\
//!      Type=notify\n\
//!      NotifyAccess=main\n\
//!      ExecStart=/usr/bin/uwsgi --ini /etc/myapp/uwsgi.ini\n\
//!      ExecReload=/bin/kill -HUP $MAINPID\n\
//!      KillSignal=SIGINT\n\
//!      KillMode=mixed\n\
//!      RuntimeDirectory=myapp\n\
//!      DynamicUser=yes\n\
//!      Restart=on-failure\n\
//!      \n\
//!      [Install]\n\
//!      WantedBy=multi-user.target\n"
//! );
//! ```
//!
//! # What is checked, and why
//!
//! Measured on uWSGI 2.0.21 (the tests repeat each measurement):
//!
//! | the section has | SIGINT | SIGTERM | SIGQUIT |
//! |---|---|---|---|
//! | `master` | stops (status 0) | **reloads** | stops (status 0) |
//! | `master` and `die-on-term` | stops (status 0) | stops (status 0) | **reloads** |
//! | no master | stops (status 30) | stops (status 30) | ignored |
//!
//! uWSGI 2.1 stops on SIGTERM and reloads on SIGQUIT, `die-on-term` or not (from its source).
//!
//! - **`KillSignal=`**: SIGTERM when it stops uWSGI, otherwise SIGINT; a signal given with
//!   [`ServiceUnit::kill_signal`] that reloads or is ignored is refused. A reload is a
//!   `systemctl stop` that restarts the service, until `TimeoutStopSec=` ends in SIGKILL.
//!   `KillMode=mixed` sends it to uWSGI's main process only, which stops its workers itself
//!   (systemd kills what is left once it exits); without a master the exit status is 30, so
//!   `SuccessExitStatus=30` is added.
//! - **`Type=notify`**: uWSGI sends `READY=1` to `NOTIFY_SOCKET` from its main process once
//!   its sockets are bound, before it forks the workers (`NotifyAccess=main`).
//!   `daemonize` is refused: the main process would exit and another would be ready. After a
//!   reload (`systemctl reload` sends SIGHUP: every worker is reloaded gracefully) uWSGI
//!   2.0.21 reports `STATUS=initializing uWSGI` but its `READY=1` fails ("sendmsg():
//!   Transport endpoint is already connected"), which `Type=notify` does not need: systemd
//!   waits for it only at start. uWSGI ignores SIGTERM and SIGHUP from its start until its
//!   master loop runs, a moment after `READY=1`: a `systemctl stop` with SIGTERM in that
//!   moment waits for `TimeoutStopSec=`.
//! - **`RuntimeDirectory=`**: the directories under `/run` of the pidfiles, the master FIFO,
//!   the stats socket and the UNIX sockets the section names, which systemd creates (owned by
//!   the service's user) before starting uWSGI and removes after it stops. A file right in
//!   `/run` is refused when the service does not start as root.
//! - **`DynamicUser=yes`** or **`User=`**: uWSGI starts without root, and then ignores `uid`
//!   and `gid` without a word (measured: it runs on as the user systemd chose), so they are
//!   refused, with `immediate-uid`, `immediate-gid` and `add-gid`.
//! - **Socket activation** ([`ServiceUnit::socket`]): systemd binds the socket and passes it
//!   as file descriptor 3 (`LISTEN_FDS`, `LISTEN_PID`); uWSGI 2.0.21 takes every passed
//!   descriptor as a socket of the *default protocol* (`uwsgi`, or the section's `protocol`:
//!   `protocol = http` serves HTTP on it). A socket the section binds itself (`socket`,
//!   `http-socket`, `shared-socket`, a router's `http = ..`...) is refused, and so is a
//!   socket file inside the service's runtime directory (removed when the service stops).
//!
//! Python uwsgiconf's `sysinit systemd` (2.4.0) writes `KillSignal=SIGTERM` for every
//! section: on uWSGI 2.0 without `die-on-term` (its default), `systemctl stop` reloads
//! uWSGI instead of stopping it. It also writes `StandardError=syslog`, which systemd 252
//! reports as obsolete, and `NotifyAccess=all`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Component, Path};

use uwsgiconf_core::__private::{directives, error as new_error, ValueRef};
use uwsgiconf_core::options::OptionSpec;
use uwsgiconf_core::Section;
use uwsgiconf_core::Target;
use uwsgiconf_core::{Error, Problem, ProblemKind};
use uwsgiconf_core::{Part, Value};

/// How uWSGI loads the config file: the option before its path on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Loader {
    /// `--ini`.
    Ini,
    /// `--json`.
    Json,
    /// `--yaml`.
    Yaml,
    /// `--xml`.
    Xml,
}

impl Loader {
    /// The loader of a file, by its extension: `.ini`, `.json`/`.js`, `.yaml`/`.yml`,
    /// `.xml`.
    ///
    /// ```
    /// use uwsgiconf_deploy::systemd::Loader;
    ///
    /// assert_eq!(Loader::from_path("/etc/app/uwsgi.yml"), Some(Loader::Yaml));
    /// assert_eq!(Loader::from_path("/etc/app/uwsgi.conf"), None);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Option<Loader> {
        match path.as_ref().extension()?.to_str()? {
            "ini" => Some(Loader::Ini),
            "json" | "js" => Some(Loader::Json),
            "yaml" | "yml" => Some(Loader::Yaml),
            "xml" => Some(Loader::Xml),
            _ => None,
        }
    }

    /// The command-line option (`--ini`).
    pub fn flag(self) -> &'static str {
        match self {
            Loader::Ini => "--ini",
            Loader::Json => "--json",
            Loader::Yaml => "--yaml",
            Loader::Xml => "--xml",
        }
    }
}

/// The signal `systemctl stop` sends (`KillSignal=`); see the [module documentation](self)
/// for what each does to uWSGI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KillSignal {
    /// `SIGINT`: stops uWSGI in every mode.
    Int,
    /// `SIGTERM`: stops uWSGI without a master, with `die-on-term`, or on uWSGI 2.1;
    /// otherwise reloads it.
    Term,
    /// `SIGQUIT`: stops a uWSGI 2.0 master without `die-on-term`; otherwise reloads it, or
    /// is ignored (without a master).
    Quit,
}

impl KillSignal {
    /// The name systemd reads (`SIGINT`).
    pub fn name(self) -> &'static str {
        match self {
            KillSignal::Int => "SIGINT",
            KillSignal::Term => "SIGTERM",
            KillSignal::Quit => "SIGQUIT",
        }
    }
}

/// Who the service runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RunAs {
    /// root (systemd's default): the section may drop privileges itself (`uid`/`gid`).
    Root,
    /// `DynamicUser=yes`.
    Dynamic,
    /// `User=` and `Group=`.
    User { user: String, group: String },
}

/// A systemd service that runs uWSGI with a config file, rendered for one section by
/// [`ServiceUnit::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceUnit {
    name: String,
    description: Option<String>,
    binary: String,
    config: String,
    loader: Option<Loader>,
    run_as: RunAs,
    kill_signal: Option<KillSignal>,
    listen: Vec<String>,
    wanted_by: String,
}

/// The units [`ServiceUnit::render`] wrote: the service, and the socket unit with socket
/// activation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Units {
    name: String,
    service: String,
    socket: Option<String>,
}

impl Units {
    /// The service unit's text.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// Its file name (`myapp.service`).
    pub fn service_name(&self) -> String {
        format!("{}.service", self.name)
    }

    /// The socket unit's text, with socket activation.
    pub fn socket(&self) -> Option<&str> {
        self.socket.as_deref()
    }

    /// Its file name (`myapp.socket`): systemd starts the service of the same name.
    pub fn socket_name(&self) -> String {
        format!("{}.socket", self.name)
    }
}

/// Where the problems of the unit's own parameters come from.
const ORIGIN: &str = "ServiceUnit";

impl ServiceUnit {
    /// A service `name` (`name.service`) that runs `binary` (an absolute path) with the
    /// config file at `config` (an absolute path: systemd starts services in `/`), loaded by
    /// its extension (see [`Loader::from_path`], or give it with [`ServiceUnit::loader`]).
    pub fn new(
        name: impl Into<String>,
        binary: impl AsRef<Path>,
        config: impl AsRef<Path>,
    ) -> Self {
        ServiceUnit {
            name: name.into(),
            description: None,
            binary: binary.as_ref().to_string_lossy().into_owned(),
            config: config.as_ref().to_string_lossy().into_owned(),
            loader: Loader::from_path(config.as_ref()),
            run_as: RunAs::Root,
            kill_signal: None,
            listen: Vec::new(),
            wanted_by: "multi-user.target".into(),
        }
    }

    /// `Description=` (`uWSGI <name>` by default).
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// How uWSGI loads the config file, when its extension does not say.
    pub fn loader(mut self, loader: Loader) -> Self {
        self.loader = Some(loader);
        self
    }

    /// `DynamicUser=yes`: systemd runs the service as a user of its own, made for it.
    pub fn dynamic_user(mut self, on: bool) -> Self {
        self.run_as = if on { RunAs::Dynamic } else { RunAs::Root };
        self
    }

    /// `User=` and `Group=`: the service starts as this user, not as root.
    pub fn user(mut self, user: impl Into<String>, group: impl Into<String>) -> Self {
        self.run_as = RunAs::User {
            user: user.into(),
            group: group.into(),
        };
        self
    }

    /// The signal `systemctl stop` sends, instead of the one chosen from the section;
    /// refused when it would reload uWSGI or leave it running.
    pub fn kill_signal(mut self, signal: KillSignal) -> Self {
        self.kill_signal = Some(signal);
        self
    }

    /// Socket activation: a socket unit listening on `address` (`ListenStream=`: `host:port`,
    /// a port, or the absolute path of a UNIX socket), whose descriptor uWSGI inherits.
    /// Call it again for more sockets.
    pub fn socket(mut self, address: impl Into<String>) -> Self {
        self.listen.push(address.into());
        self
    }

    /// `WantedBy=` of the service (`multi-user.target` by default).
    pub fn wanted_by(mut self, target: impl Into<String>) -> Self {
        self.wanted_by = target.into();
        self
    }

    /// The units for `section`, or every problem found: in the unit's parameters, and in the
    /// section where it does not fit the unit (see the [module documentation](self)).
    /// The section itself is checked when you render its config file.
    pub fn render(&self, section: &Section) -> Result<Units, Error> {
        let mut problems = Vec::new();
        let facts = Facts::of(section);

        let name_ok = !self.name.is_empty()
            && self.name.len() <= 250
            && self
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '.' | '-' | '@'));
        if !name_ok {
            problems.push(
                Problem::new(ProblemKind::InvalidValue, ORIGIN, "not a systemd unit name")
                    .with_value(&self.name)
                    .with_fix("use ASCII letters, digits and `:_.-@` (at most 250)"),
            );
        }
        for (what, path) in [("binary", &self.binary), ("config", &self.config)] {
            if !path.starts_with('/') {
                problems.push(
                    Problem::new(
                        ProblemKind::InvalidValue,
                        ORIGIN,
                        format!("the {what} path is relative, and systemd starts services in /"),
                    )
                    .with_value(path.as_str())
                    .with_fix("give an absolute path"),
                );
            }
        }
        if self.loader.is_none() {
            problems.push(
                Problem::new(
                    ProblemKind::InvalidValue,
                    ORIGIN,
                    "the config file's extension does not say how uWSGI loads it",
                )
                .with_value(self.config.as_str())
                .with_fix("name it .ini, .json, .yaml, .yml or .xml, or call loader(..)"),
            );
        }
        let mut exec_start = String::new();
        let config_arg = if section.name() == "uwsgi" {
            self.config.clone()
        } else {
            // `--ini file:name` reads that section of the file.
            format!("{}:{}", self.config, section.name())
        };
        for (index, word) in [
            self.binary.as_str(),
            self.loader.map_or("--ini", Loader::flag),
            &config_arg,
        ]
        .into_iter()
        .enumerate()
        {
            if index > 0 {
                exec_start.push(' ');
            }
            match exec_word(word, index == 0) {
                Some(text) => exec_start.push_str(&text),
                None => problems.push(unrepresentable(word, "ExecStart=")),
            }
        }
        let description = self
            .description
            .clone()
            .unwrap_or_else(|| format!("uWSGI {}", self.name));
        if !plain_value(&description) {
            problems.push(unrepresentable(&description, "Description="));
        }
        if !plain_value(&self.wanted_by) || self.wanted_by.contains(char::is_whitespace) {
            problems.push(unrepresentable(&self.wanted_by, "WantedBy="));
        }
        if let RunAs::User { user, group } = &self.run_as {
            for id in [user, group] {
                if id.is_empty() || !plain_value(id) || id.contains(char::is_whitespace) {
                    problems.push(unrepresentable(id, "User=/Group="));
                }
            }
        }

        // The stop signal.
        let kill_signal = match self.kill_signal {
            Some(signal) => {
                if let Some(why) = facts.does_not_stop(signal) {
                    problems.push(
                        Problem::new(
                            ProblemKind::Conflict,
                            "ServiceUnit::kill_signal",
                            format!(
                                "{} {why}, so `systemctl stop` would not stop it",
                                signal.name()
                            ),
                        )
                        .with_value(signal.name())
                        .with_fix(format!("use {}", facts.stop_signal().name())),
                    );
                }
                signal
            }
            None => facts.stop_signal(),
        };

        // Type=notify needs the main process to stay the one that reports.
        for directive in &facts.daemonize {
            problems.push(
                Problem::new(
                    ProblemKind::Conflict,
                    directive.name(),
                    "uWSGI daemonizes: systemd's main process would exit and another would report \
                     ready (Type=notify)",
                )
                .with_fix("leave daemonize out: systemd keeps uWSGI in the background and its log in the journal"),
            );
        }

        // Ids: without root, uWSGI cannot change them.
        if self.run_as != RunAs::Root {
            let how = if self.run_as == RunAs::Dynamic {
                "DynamicUser=yes"
            } else {
                "User="
            };
            for spec in &facts.ids {
                problems.push(
                    Problem::new(
                        ProblemKind::Conflict,
                        spec.name(),
                        format!(
                            "under {how} uWSGI starts without root, and then ignores the ids \
                             of the section: it runs as the user systemd chose"
                        ),
                    )
                    .with_fix(format!(
                        "leave `{}` out of the section: systemd chooses the user",
                        spec.name()
                    )),
                );
            }
        }

        // The runtime directories.
        let mut runtime_dirs = BTreeSet::new();
        for (spec, value) in &facts.paths {
            match run_path(&value.to_value()) {
                RunPath::Elsewhere => {}
                RunPath::Unknown => problems.push(
                    Problem::new(
                        ProblemKind::InvalidValue,
                        spec.name(),
                        "a variable hides whether the path is under /run, so RuntimeDirectory= \
                         cannot be set for it",
                    )
                    .with_value(value.to_string())
                    .with_fix("write the directory literally (/run/<name>/...)"),
                ),
                RunPath::InRun if self.run_as != RunAs::Root => problems.push(
                    Problem::new(
                        ProblemKind::Conflict,
                        spec.name(),
                        "a file right in /run, where only root may write",
                    )
                    .with_value(value.to_string())
                    .with_fix(
                        "put it in a directory of its own, /run/<name>/, which systemd creates",
                    ),
                ),
                RunPath::InRun => {}
                RunPath::Under(dir) if !plain_value(&dir) || dir.contains(char::is_whitespace) => {
                    problems.push(unrepresentable(&dir, "RuntimeDirectory="))
                }
                RunPath::Under(dir) => {
                    runtime_dirs.insert(dir);
                }
            }
        }

        // Socket activation.
        if !self.listen.is_empty() {
            for (spec, value) in &facts.sockets {
                problems.push(
                    Problem::new(
                        ProblemKind::Conflict,
                        spec.name(),
                        "with socket activation systemd binds the socket and uWSGI takes it \
                         (LISTEN_FDS); a socket the section binds itself is one more",
                    )
                    .with_value(value.to_string())
                    .with_fix(format!(
                        "leave `{}` out of the section; `protocol = http` serves HTTP on the \
                         inherited socket",
                        spec.name()
                    )),
                );
            }
            for address in &self.listen {
                if address.is_empty()
                    || !plain_value(address)
                    || address.contains(char::is_whitespace)
                {
                    problems.push(unrepresentable(address, "ListenStream="));
                    continue;
                }
                if let RunPath::Under(dir) = run_path(&Value::literal(address.as_str())) {
                    if runtime_dirs
                        .iter()
                        .any(|d| dir == *d || dir.starts_with(&format!("{d}/")))
                    {
                        problems.push(
                            Problem::new(
                                ProblemKind::Conflict,
                                "ServiceUnit::socket",
                                "the socket file is in the service's RuntimeDirectory, which \
                                 systemd removes when the service stops, while the socket unit \
                                 still listens",
                            )
                            .with_value(address.as_str())
                            .with_fix("put the socket in another directory than the pidfiles'"),
                        );
                    }
                }
            }
        }

        if !problems.is_empty() {
            return Err(new_error(problems));
        }

        let mut service = String::new();
        let _ = write!(
            service,
            "[Unit]\nDescription={description}\nAfter=network.target\n"
        );
        if !self.listen.is_empty() {
            let _ = writeln!(service, "Requires={}.socket", self.name);
        }
        let _ = write!(
            service,
            "\n[Service]\nType=notify\nNotifyAccess=main\nExecStart={exec_start}\n"
        );
        if facts.master {
            // SIGHUP: a graceful reload of every worker (measured on 2.0.21).
            service.push_str("ExecReload=/bin/kill -HUP $MAINPID\n");
        }
        let _ = writeln!(service, "KillSignal={}", kill_signal.name());
        service.push_str("KillMode=mixed\n");
        if !facts.master {
            service.push_str("SuccessExitStatus=30\n");
        }
        if !runtime_dirs.is_empty() {
            let dirs: Vec<&str> = runtime_dirs.iter().map(String::as_str).collect();
            let _ = writeln!(service, "RuntimeDirectory={}", dirs.join(" "));
        }
        match &self.run_as {
            RunAs::Root => {}
            RunAs::Dynamic => service.push_str("DynamicUser=yes\n"),
            RunAs::User { user, group } => {
                let _ = write!(service, "User={user}\nGroup={group}\n");
            }
        }
        let _ = write!(
            service,
            "Restart=on-failure\n\n[Install]\nWantedBy={}\n",
            self.wanted_by
        );

        let socket = (!self.listen.is_empty()).then(|| {
            let mut socket = String::new();
            let _ = write!(
                socket,
                "[Unit]\nDescription={description} (socket)\n\n[Socket]\n"
            );
            for address in &self.listen {
                let _ = writeln!(socket, "ListenStream={address}");
            }
            socket.push_str("\n[Install]\nWantedBy=sockets.target\n");
            socket
        });
        Ok(Units {
            name: self.name.clone(),
            service,
            socket,
        })
    }
}

fn unrepresentable(value: &str, setting: &str) -> Problem {
    let fix = if setting == "ExecStart=" {
        "use a path without control characters, quotes or `\\`"
    } else {
        "use text without control characters, `%` or `\\` (nor blanks in names, addresses and \
         directories)"
    };
    Problem::new(
        ProblemKind::Unrepresentable,
        ORIGIN,
        format!("{setting} cannot hold this text"),
    )
    .with_value(value)
    .with_fix(fix)
}

/// Text a unit file can hold as the value of a setting: no control characters (a line
/// break would end it); `%` is a specifier in most settings, so it is refused too.
fn plain_value(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() || c == '%' || c == '\\')
}

/// One word of a command line in a unit (systemd.service(5), "Command lines"), or `None`
/// when systemd cannot take it: a control character, a quote or a backslash (systemd 252
/// refuses them in the executable's name, "Executable name contains special characters";
/// they are refused in the arguments too). `%` is a specifier (`%%`); in the arguments `$`
/// starts a variable (`$$`), in the executable it is literal (measured: `$$` stays two); a
/// word with blanks is double-quoted.
fn exec_word(word: &str, executable: bool) -> Option<String> {
    if word.is_empty()
        || word
            .chars()
            .any(|c| c.is_control() || matches!(c, '"' | '\'' | '\\'))
    {
        return None;
    }
    let quote = word.contains(char::is_whitespace) || word == ";";
    let mut out = String::with_capacity(word.len() + 2);
    if quote {
        out.push('"');
    }
    for c in word.chars() {
        match c {
            '%' => out.push_str("%%"),
            '$' if !executable => out.push_str("$$"),
            _ => out.push(c),
        }
    }
    if quote {
        out.push('"');
    }
    Some(out)
}

/// Where a path points, for `RuntimeDirectory=`.
#[derive(Debug, PartialEq, Eq)]
enum RunPath {
    /// Not under `/run` (or not a path: an address).
    Elsewhere,
    /// A file right in `/run`.
    InRun,
    /// In `/run/<dir>`: the directory, relative to `/run`.
    Under(String),
    /// A variable decides.
    Unknown,
}

fn run_path(value: &Value) -> RunPath {
    // The literal text before the first variable.
    let mut prefix = String::new();
    let mut whole = true;
    for part in value.parts() {
        match part {
            Part::Literal(text) => prefix.push_str(text),
            _ => {
                whole = false;
                break;
            }
        }
    }
    // A UNIX socket's options follow a comma (`/run/app.sock,cert,key` for TLS sockets).
    let path = match prefix.find(',') {
        Some(end) => {
            whole = true;
            &prefix[..end]
        }
        None => prefix.as_str(),
    };
    let rest = match path
        .strip_prefix("/run/")
        .or_else(|| path.strip_prefix("/var/run/"))
    {
        Some(rest) => rest,
        None if !whole && ("/run/".starts_with(path) || "/var/run/".starts_with(path)) => {
            return RunPath::Unknown
        }
        None => return RunPath::Elsewhere,
    };
    if !whole && !rest.contains('/') {
        return RunPath::Unknown;
    }
    let dir = match rest.rfind('/') {
        Some(end) => &rest[..end],
        None => return RunPath::InRun,
    };
    let clean = Path::new(dir)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !clean || dir.is_empty() {
        return RunPath::Unknown;
    }
    RunPath::Under(dir.to_string())
}

/// What the section says that matters to the units.
struct Facts<'a> {
    master: bool,
    die_on_term: bool,
    target: Target,
    daemonize: Vec<&'static OptionSpec>,
    ids: Vec<&'static OptionSpec>,
    /// Files whose directory must exist: pidfiles, the master FIFO, stats and UNIX sockets.
    paths: Vec<(&'static OptionSpec, ValueRef<'a>)>,
    /// Sockets the section binds itself.
    sockets: Vec<(&'static OptionSpec, ValueRef<'a>)>,
}

/// Setters of options that bind a socket of their own (core sockets, routers, lazy sockets).
const BINDING_SETTERS: &[&str] = &[
    "uwsgi_opt_add_socket",
    "uwsgi_opt_add_socket_no_defer",
    "uwsgi_opt_add_ssl_socket",
    "uwsgi_opt_add_shared_socket",
    "uwsgi_opt_add_lazy_socket",
    "uwsgi_opt_corerouter",
    "uwsgi_opt_undeferred_corerouter",
    "uwsgi_opt_https",
    "uwsgi_opt_https2",
    "uwsgi_opt_sslrouter",
    "uwsgi_opt_sslrouter2",
    "uwsgi_opt_forkpty_urouter",
];

/// Options naming a file uWSGI creates, besides sockets.
const FILE_OPTIONS: &[&str] = &[
    "pidfile",
    "pidfile2",
    "safe-pidfile",
    "safe-pidfile2",
    "master-fifo",
    "stats",
    "stats-server",
];

/// Options that change ids, which needs root.
const ID_OPTIONS: &[&str] = &["uid", "gid", "immediate-uid", "immediate-gid", "add-gid"];

impl<'a> Facts<'a> {
    fn of(section: &'a Section) -> Facts<'a> {
        let mut facts = Facts {
            master: false,
            die_on_term: false,
            target: section.target(),
            daemonize: Vec::new(),
            ids: Vec::new(),
            paths: Vec::new(),
            sockets: Vec::new(),
        };
        for directive in directives(section) {
            let spec = directive.spec;
            let value = directive.value;
            facts.master |= spec.name() == "master" || spec.enables_master;
            facts.die_on_term |= spec.name() == "die-on-term";
            if spec.name().starts_with("daemonize")
                && !facts.daemonize.iter().any(|s| std::ptr::eq(*s, spec))
            {
                facts.daemonize.push(spec);
            }
            if ID_OPTIONS.contains(&spec.name())
                && !facts.ids.iter().any(|s| std::ptr::eq(*s, spec))
            {
                facts.ids.push(spec);
            }
            let Some(value) = value else { continue };
            if BINDING_SETTERS.contains(&spec.setter()) {
                facts.sockets.push((spec, value));
                facts.paths.push((spec, value));
            } else if FILE_OPTIONS.contains(&spec.name()) {
                facts.paths.push((spec, value));
            }
        }
        facts
    }

    /// Why `signal` does not stop uWSGI, if it does not.
    fn does_not_stop(&self, signal: KillSignal) -> Option<&'static str> {
        let term_stops = !self.master || self.die_on_term || self.target == Target::V2_1;
        match signal {
            KillSignal::Int => None,
            KillSignal::Term if term_stops => None,
            KillSignal::Term => Some(
                "makes uWSGI 2.0's master reload (a \"brutal reload\"; `die-on-term` makes it stop)",
            ),
            KillSignal::Quit if !self.master => Some("is ignored by uWSGI without a master"),
            KillSignal::Quit if term_stops => {
                Some("makes uWSGI's master reload (with `die-on-term`, and on uWSGI 2.1)")
            }
            KillSignal::Quit => None,
        }
    }

    /// SIGTERM when it stops uWSGI, else SIGINT.
    fn stop_signal(&self) -> KillSignal {
        if self.does_not_stop(KillSignal::Term).is_none() {
            KillSignal::Term
        } else {
            KillSignal::Int
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(options: &[(&str, Option<&str>)]) -> Section {
        let mut section = Section::new();
        for (key, value) in options {
            match value {
                Some(value) => section.add_option(*key, *value),
                None => section.set_option(*key, true),
            };
        }
        section
    }

    fn unit() -> ServiceUnit {
        ServiceUnit::new("app", "/usr/bin/uwsgi", "/etc/app/app.ini")
    }

    fn refusals(unit: &ServiceUnit, section: &Section) -> Vec<Problem> {
        unit.render(section).unwrap_err().into_problems()
    }

    fn line<'a>(text: &'a str, key: &str) -> Option<&'a str> {
        text.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|l| l.strip_prefix('=')))
    }

    #[test]
    fn the_stop_signal_follows_master_die_on_term_and_target() {
        let master = section(&[("master", None)]);
        let service = unit().render(&master).unwrap();
        assert_eq!(line(service.service(), "KillSignal"), Some("SIGINT"));
        assert_eq!(line(service.service(), "SuccessExitStatus"), None);
        assert!(service
            .service()
            .contains("ExecReload=/bin/kill -HUP $MAINPID\n"));

        let die = section(&[("master", None), ("die-on-term", None)]);
        assert_eq!(
            line(unit().render(&die).unwrap().service(), "KillSignal"),
            Some("SIGTERM")
        );

        let mut v21 = section(&[("master", None)]);
        v21.set_target(Target::V2_1);
        assert_eq!(
            line(unit().render(&v21).unwrap().service(), "KillSignal"),
            Some("SIGTERM")
        );

        // An option that turns the master on counts as `master`.
        let fifo = section(&[("master-fifo", Some("/run/app/fifo"))]);
        assert_eq!(
            line(unit().render(&fifo).unwrap().service(), "KillSignal"),
            Some("SIGINT")
        );

        let single = section(&[("processes", Some("2"))]);
        let service = unit().render(&single).unwrap();
        assert_eq!(line(service.service(), "KillSignal"), Some("SIGTERM"));
        assert_eq!(line(service.service(), "SuccessExitStatus"), Some("30"));
        assert!(!service.service().contains("ExecReload"));
    }

    #[test]
    fn a_kill_signal_that_reloads_or_is_ignored_is_refused() {
        let cases = [
            (section(&[("master", None)]), KillSignal::Term, false),
            (section(&[("master", None)]), KillSignal::Quit, true),
            (section(&[("master", None)]), KillSignal::Int, true),
            (
                section(&[("master", None), ("die-on-term", None)]),
                KillSignal::Quit,
                false,
            ),
            (
                section(&[("master", None), ("die-on-term", None)]),
                KillSignal::Term,
                true,
            ),
            (section(&[]), KillSignal::Quit, false),
            (section(&[]), KillSignal::Term, true),
            (section(&[]), KillSignal::Int, true),
        ];
        for (section, signal, accepted) in cases {
            let result = unit().kill_signal(signal).render(&section);
            assert_eq!(
                result.is_ok(),
                accepted,
                "{signal:?} {:?}",
                section.to_ini()
            );
            if let Ok(units) = result {
                assert_eq!(line(units.service(), "KillSignal"), Some(signal.name()));
            } else {
                let problem = &result.unwrap_err().into_problems()[0];
                assert_eq!(problem.kind(), ProblemKind::Conflict);
                assert!(problem.fix().unwrap().starts_with("use SIG"), "{problem}");
            }
        }
    }

    #[test]
    fn runtime_directories_follow_the_paths_under_run() {
        let s = section(&[
            ("master", None),
            ("pidfile", Some("/run/app/uwsgi.pid")),
            ("safe-pidfile2", Some("/var/run/app/w.pid")),
            ("socket", Some("/run/app/sockets/app.sock")),
            ("https-socket", Some("/run/tls/app.sock,cert.pem,key.pem")),
            ("http-socket", Some("127.0.0.1:8000")),
            ("stats", Some("/run/stats/s.sock")),
            ("touch-reload", Some("/run/ignored/reload")),
        ]);
        let units = unit().render(&s).unwrap();
        assert_eq!(
            line(units.service(), "RuntimeDirectory"),
            Some("app app/sockets stats tls")
        );
        let none = section(&[("master", None), ("pidfile", Some("/tmp/app.pid"))]);
        assert_eq!(
            line(unit().render(&none).unwrap().service(), "RuntimeDirectory"),
            None
        );
    }

    #[test]
    fn a_file_right_in_run_needs_root_and_variables_must_not_hide_the_directory() {
        let s = section(&[("pidfile", Some("/run/app.pid"))]);
        assert!(unit().render(&s).is_ok());
        let problems = refusals(&unit().dynamic_user(true), &s);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].origin(), "pidfile");
        assert!(problems[0].fix().unwrap().contains("/run/<name>/"));

        let mut hidden = Section::new();
        hidden.set_option(
            "pidfile",
            Value::literal("/run/") + Value::env("APP") + "/x.pid",
        );
        assert_eq!(
            refusals(&unit(), &hidden)[0].kind(),
            ProblemKind::InvalidValue
        );
        let mut known = Section::new();
        known.set_option("pidfile", Value::literal("/run/app/") + Value::env("APP"));
        assert_eq!(
            line(unit().render(&known).unwrap().service(), "RuntimeDirectory"),
            Some("app")
        );
        let mut elsewhere = Section::new();
        elsewhere.set_option("pidfile", Value::literal("/srv/") + Value::env("APP"));
        assert!(unit().render(&elsewhere).is_ok());
        let mut blank = Section::new();
        blank.set_option("pidfile", "/run/my app/x.pid");
        let problem = &refusals(&unit(), &blank)[0];
        assert_eq!(problem.kind(), ProblemKind::Unrepresentable);
        assert_eq!(problem.value(), Some("my app"));
        let mut dots = Section::new();
        dots.set_option("pidfile", "/run/../etc/x.pid");
        assert!(unit().render(&dots).is_err());
    }

    #[test]
    fn ids_are_refused_without_root_and_kept_with_it() {
        let s = section(&[
            ("uid", Some("www-data")),
            ("gid", Some("www-data")),
            ("add-gid", Some("adm")),
        ]);
        assert!(unit().render(&s).is_ok());
        for unit in [
            unit().dynamic_user(true),
            unit().user("www-data", "www-data"),
        ] {
            let problems = refusals(&unit, &s);
            let origins: Vec<&str> = problems.iter().map(|p| p.origin()).collect();
            assert_eq!(origins, ["uid", "gid", "add-gid"]);
            assert!(problems.iter().all(|p| p.kind() == ProblemKind::Conflict));
        }
        let units = unit()
            .user("www-data", "www-data")
            .render(&Section::new())
            .unwrap();
        assert!(units
            .service()
            .contains("\nUser=www-data\nGroup=www-data\n"));
    }

    #[test]
    fn daemonize_is_refused() {
        let s = section(&[("master", None), ("daemonize", Some("/var/log/app.log"))]);
        let problems = refusals(&unit(), &s);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].origin(), "daemonize");
        assert!(problems[0].message().contains("Type=notify"));
    }

    #[test]
    fn socket_activation_refuses_the_sections_own_sockets() {
        let s = section(&[
            ("master", None),
            ("http-socket", Some("127.0.0.1:8000")),
            ("socket", Some("/run/app/app.sock")),
            ("http", Some(":8080")),
            ("shared-socket", Some(":9000")),
            ("protocol", Some("http")),
        ]);
        let problems = refusals(&unit().socket("127.0.0.1:8000"), &s);
        let origins: Vec<&str> = problems.iter().map(|p| p.origin()).collect();
        assert_eq!(origins, ["http-socket", "socket", "http", "shared-socket"]);
        assert!(problems[0].fix().unwrap().contains("protocol = http"));
        // Without activation they are the section's business.
        assert!(unit().render(&s).is_ok());

        let ok = section(&[
            ("master", None),
            ("protocol", Some("http")),
            ("pidfile", Some("/run/app/pid")),
        ]);
        let units = unit()
            .socket("127.0.0.1:8000")
            .socket("/run/app-sock/app.sock")
            .render(&ok)
            .unwrap();
        assert_eq!(units.socket_name(), "app.socket");
        assert_eq!(
            units.socket().unwrap(),
            "[Unit]\nDescription=uWSGI app (socket)\n\n[Socket]\nListenStream=127.0.0.1:8000\n\
             ListenStream=/run/app-sock/app.sock\n\n[Install]\nWantedBy=sockets.target\n"
        );
        assert!(units.service().contains("\nRequires=app.socket\n"));

        // A socket file in the directory systemd removes at stop.
        let problems = refusals(&unit().socket("/run/app/app.sock"), &ok);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].origin(), "ServiceUnit::socket");
    }

    #[test]
    fn exec_start_quotes_and_escapes_words() {
        assert_eq!(exec_word("/usr/bin/uwsgi", true).unwrap(), "/usr/bin/uwsgi");
        assert_eq!(
            exec_word("/srv/my app/a.ini", false).unwrap(),
            "\"/srv/my app/a.ini\""
        );
        assert_eq!(
            exec_word("/srv/100%/$HOME", false).unwrap(),
            "/srv/100%%/$$HOME"
        );
        assert_eq!(
            exec_word("/srv/100%/$HOME", true).unwrap(),
            "/srv/100%%/$HOME"
        );
        for bad in ["/a\"b", "/a'b", "/a\\b", "/a\nb", ""] {
            assert_eq!(exec_word(bad, true), None, "{bad:?}");
            assert_eq!(exec_word(bad, false), None, "{bad:?}");
        }

        let mut named = Section::named("prod");
        named.set_option("master", true);
        let units = ServiceUnit::new("app", "/usr/bin/uwsgi", "/etc/app/all.yml")
            .render(&named)
            .unwrap();
        assert_eq!(
            line(units.service(), "ExecStart"),
            Some("/usr/bin/uwsgi --yaml /etc/app/all.yml:prod")
        );
    }

    #[test]
    fn the_units_own_parameters_are_checked() {
        let bad = ServiceUnit::new("my app", "uwsgi", "app.conf")
            .description("line\nbreak")
            .wanted_by("multi user");
        let problems = refusals(&bad, &Section::new());
        let messages: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 6, "{messages:#?}");
        assert!(messages[0].contains("not a systemd unit name"));
        assert!(messages[1].contains("binary path is relative"));
        assert!(messages[2].contains("config path is relative"));
        assert!(messages[3].contains("extension"));
        assert!(messages[4].contains("Description="));
        assert!(messages[5].contains("WantedBy="));
        let loaded =
            ServiceUnit::new("app", "/usr/bin/uwsgi", "/etc/app/app.conf").loader(Loader::Ini);
        assert!(loaded.render(&Section::new()).is_ok());
    }
}
