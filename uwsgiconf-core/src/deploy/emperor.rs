//! The Emperor: a directory of vassal files ([`VassalDir`]), written so that the emperor
//! never reads half a file, and the emperor's own options ([`Section::empire`], uwsgiconf's
//! `Section.empire` group).
//!
//! What uWSGI 2.0.21's emperor does with a directory (`core/emperor.c`, and measured by this
//! crate's tests):
//!
//! * it scans the directory every `emperor-freq` seconds (3 by default) and takes the regular
//!   files ending in `.ini`, `.xml`, `.yml`, `.yaml`, `.js` or `.json` (names shorter than
//!   255 bytes); each is a vassal, started as `uwsgi --ini <file>` (or `--json`...), which
//!   reads its `[uwsgi]` section;
//! * a vassal whose file's modification time (in whole seconds) grew is reloaded, one whose
//!   file is gone is stopped;
//! * SIGINT, SIGTERM and SIGQUIT stop the emperor and its vassals.
//!
//! So [`VassalDir::write`] writes each file under a temporary name the emperor ignores, then
//! renames it into place; leaves a file whose content is unchanged alone (no reload); and
//! gives a rewritten file a modification time past the old one's whole second, which a
//! rewrite within the same second would not get, and the emperor would miss. Vassal names
//! must be unique across extensions (`app.ini` and `app.json` are both vassal `app` for `%n`,
//! and for Debian's per-app runtime directories): a collision is refused.

use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::replace::{replace_if_changed, Mtime};

use crate::dsl::{ItemSpec, Kind, Param, Receiver, U32};
use crate::error::{Problem, ProblemKind};
use crate::groups::params::params;
use crate::groups::Group;
use crate::options::{key, Key};
use crate::section::{Config, Section};
use crate::value::{IntoValues, Value};

/// The extensions uWSGI 2.0's emperor takes a file of a directory for a vassal by.
pub const VASSAL_EXTENSIONS: [&str; 6] = ["ini", "xml", "yml", "yaml", "js", "json"];

/// A file format a vassal can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VassalFormat {
    /// INI (`.ini`), [`Config::to_ini`].
    Ini,
    /// JSON (`.json`), [`Config::to_json`].
    Json,
    /// YAML (`.yaml`), [`Config::to_yaml`].
    Yaml,
    /// XML (`.xml`), [`Config::to_xml`].
    Xml,
}

impl VassalFormat {
    /// The file extension the emperor recognises the format by.
    pub const fn extension(self) -> &'static str {
        match self {
            VassalFormat::Ini => "ini",
            VassalFormat::Json => "json",
            VassalFormat::Yaml => "yaml",
            VassalFormat::Xml => "xml",
        }
    }

    fn render(self, config: &Config) -> Result<String, crate::Error> {
        match self {
            VassalFormat::Ini => config.to_ini(),
            VassalFormat::Json => config.to_json(),
            VassalFormat::Yaml => config.to_yaml(),
            VassalFormat::Xml => config.to_xml(),
        }
    }
}

/// One vassal: its name (the file name without extension), format and configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vassal {
    name: String,
    format: VassalFormat,
    config: Config,
}

impl Vassal {
    /// A vassal called `name` (written as `<name>.<extension>`), in `format`. The emperor
    /// starts it with the `[uwsgi]` section of its file, which must therefore come first.
    pub fn new(name: impl Into<String>, format: VassalFormat, config: impl Into<Config>) -> Self {
        Vassal {
            name: name.into(),
            format,
            config: config.into(),
        }
    }

    /// The vassal's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its file name: `<name>.<extension>`.
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.name, self.format.extension())
    }
}

/// A directory of vassal files for uWSGI's emperor (`emperor = <dir>`).
///
/// ```
/// use uwsgiconf_core::deploy::emperor::{VassalDir, VassalFormat};
/// use uwsgiconf_core::{Action, Phase, Section};
///
/// let dir = std::env::temp_dir().join(format!("vassals-doc-{}", std::process::id()));
/// let mut app = Section::new();
/// app.main_process()
///     .set_hook(Phase::ASAP, Action::printout("app starting"));
///
/// let mut vassals = VassalDir::new(&dir);
/// vassals.add("app", VassalFormat::Ini, app.clone());
/// let written = vassals.write().unwrap();
/// assert_eq!(written.written, ["app.ini"]);
/// // Unchanged: not rewritten, so the emperor does not reload the vassal.
/// assert_eq!(vassals.write().unwrap().unchanged, ["app.ini"]);
///
/// // Two files for one vassal name are refused, and nothing is written.
/// vassals.add("app", VassalFormat::Json, app);
/// assert!(vassals.write().is_err());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VassalDir {
    path: PathBuf,
    vassals: Vec<Vassal>,
    remove_unlisted: bool,
}

/// What [`VassalDir::write`] did, by file name, in the vassals' order (removed files sorted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Written {
    /// Files written (new, or changed: the emperor starts or reloads their vassals).
    pub written: Vec<String>,
    /// Files already holding what would be written, left alone.
    pub unchanged: Vec<String>,
    /// Vassal files no longer listed, removed (the emperor stops their vassals); only with
    /// [`VassalDir::remove_unlisted`].
    pub removed: Vec<String>,
}

/// Why [`VassalDir::write`] failed.
#[derive(Debug)]
pub enum VassalDirError {
    /// A vassal's name or configuration is wrong: nothing was written.
    Config(crate::Error),
    /// The file system refused an operation on `path`.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

impl fmt::Display for VassalDirError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VassalDirError::Config(error) => write!(f, "{error}"),
            VassalDirError::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for VassalDirError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            VassalDirError::Config(error) => Some(error),
            VassalDirError::Io { source, .. } => Some(source),
        }
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> VassalDirError + '_ {
    move |source| VassalDirError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl VassalDir {
    /// The vassal directory at `path` (created by [`VassalDir::write`] if missing).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        VassalDir {
            path: path.into(),
            vassals: Vec::new(),
            remove_unlisted: false,
        }
    }

    /// The directory: what the emperor's `emperor` option names
    /// ([`EmperorParams::vassals_home`]).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Adds a vassal (see [`Vassal::new`]).
    pub fn add(
        &mut self,
        name: impl Into<String>,
        format: VassalFormat,
        config: impl Into<Config>,
    ) -> &mut Self {
        self.vassals.push(Vassal::new(name, format, config));
        self
    }

    /// Adds a vassal made beforehand.
    pub fn add_vassal(&mut self, vassal: Vassal) -> &mut Self {
        self.vassals.push(vassal);
        self
    }

    /// The vassals, in order.
    pub fn vassals(&self) -> &[Vassal] {
        &self.vassals
    }

    /// Whether [`VassalDir::write`] removes the vassal files of the directory that are not
    /// listed (the emperor then stops their vassals). Off by default: other files of the
    /// directory, vassals or not, are left alone.
    pub fn remove_unlisted(&mut self, on: bool) -> &mut Self {
        self.remove_unlisted = on;
        self
    }

    /// Renders every vassal, then writes the files that changed, each atomically (a
    /// temporary file the emperor ignores, renamed into place), and removes unlisted vassal
    /// files when asked. A wrong name or configuration fails before anything is written,
    /// with every problem found.
    pub fn write(&self) -> Result<Written, VassalDirError> {
        let files = self.render().map_err(VassalDirError::Config)?;
        fs::create_dir_all(&self.path).map_err(io_error(&self.path))?;
        let mut written = Written::default();
        for (file, text) in &files {
            let path = self.path.join(file);
            if write_file(&path, text.as_bytes())? {
                written.written.push(file.clone());
            } else {
                written.unchanged.push(file.clone());
            }
        }
        if self.remove_unlisted {
            written.removed = self.remove_others(&files)?;
        }
        Ok(written)
    }

    /// Every vassal's file name and text, or every problem.
    fn render(&self) -> Result<Vec<(String, String)>, crate::Error> {
        let mut problems = Vec::new();
        let mut files = Vec::new();
        for (index, vassal) in self.vassals.iter().enumerate() {
            let origin = "VassalDir::write";
            if let Some(message) = name_problem(&vassal.name) {
                problems.push(
                    Problem::new(ProblemKind::InvalidValue, origin, message)
                        .with_value(vassal.name.as_str())
                        .with_fix("name it with letters, digits, `_`, `-`, `.` or `@`"),
                );
                continue;
            }
            if let Some(earlier) = self.vassals[..index]
                .iter()
                .find(|other| other.name == vassal.name)
            {
                problems.push(
                    Problem::new(
                        ProblemKind::Conflict,
                        origin,
                        format!(
                            "`{}` and `{}` are one vassal name: the emperor would run two \
                             vassals with the same `%n`, and Debian's emperor refuses names \
                             that differ only by extension",
                            earlier.file_name(),
                            vassal.file_name()
                        ),
                    )
                    .with_value(vassal.name.as_str())
                    .with_fix("give each vassal its own name"),
                );
                continue;
            }
            let first = vassal.config.sections().first().map(Section::name);
            if first.is_some_and(|name| name != "uwsgi") {
                problems.push(
                    Problem::new(
                        ProblemKind::InvalidValue,
                        origin,
                        format!(
                            "vassal `{}` starts with section `{}`: the emperor starts a vassal \
                             with its file's `uwsgi` section",
                            vassal.name,
                            first.unwrap_or_default()
                        ),
                    )
                    .with_value(first.unwrap_or_default())
                    .with_fix("put a section named `uwsgi` (Section::new()) first"),
                );
                continue;
            }
            match vassal.format.render(&vassal.config) {
                Ok(text) => files.push((vassal.file_name(), text)),
                Err(error) => problems.extend(error.into_problems()),
            }
        }
        if problems.is_empty() {
            Ok(files)
        } else {
            Err(crate::Error::new(problems))
        }
    }

    fn remove_others(&self, files: &[(String, String)]) -> Result<Vec<String>, VassalDirError> {
        let mut removed = Vec::new();
        for entry in fs::read_dir(&self.path).map_err(io_error(&self.path))? {
            let entry = entry.map_err(io_error(&self.path))?;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            let is_vassal = Path::new(&name)
                .extension()
                .and_then(OsStr::to_str)
                .is_some_and(|ext| VASSAL_EXTENSIONS.contains(&ext));
            let listed = files.iter().any(|(file, _)| *file == name);
            let is_file = entry
                .file_type()
                .is_ok_and(|t| t.is_file() || t.is_symlink());
            if is_vassal && is_file && !listed {
                let path = entry.path();
                fs::remove_file(&path).map_err(io_error(&path))?;
                removed.push(name);
            }
        }
        removed.sort_unstable();
        Ok(removed)
    }
}

/// Why a vassal name cannot be used, if it cannot.
fn name_problem(name: &str) -> Option<String> {
    let plain = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'@'));
    if name.is_empty() || !plain {
        Some("a vassal name must be non-empty letters, digits, `_`, `-`, `.` or `@`".into())
    } else if name.starts_with('.') {
        // Temporary files start with a dot.
        Some("a vassal name cannot start with `.`".into())
    } else if name.len() + ".yaml".len() >= 0xff {
        Some("uWSGI's emperor ignores file names of 255 bytes or more".into())
    } else {
        None
    }
}

/// Writes `bytes` to `path` (see [`replace_if_changed`]) with a modification time the
/// emperor sees as newer; returns whether it wrote.
fn write_file(path: &Path, bytes: &[u8]) -> Result<bool, VassalDirError> {
    replace_if_changed(path, bytes, Mtime::PastOldSecond).map_err(|e| VassalDirError::Io {
        path: e.path,
        source: e.source,
    })
}

params! {
    /// Parameters of [`Empire::set_emperor_params`].
    pub struct EmperorParams {
        /// Where the vassals are: a directory, a glob (`/etc/vassals/*.ini`) or another
        /// imperial monitor (`emperor`); one line each.
        vassals_home: Values,
        /// The emperor's process name (`emperor-procname`).
        name: Text,
        /// Seconds between two scans of the vassals (`emperor-freq`; 3 by default).
        scan_interval: Option<u32>,
        /// The emperor's pidfile (`emperor-pidfile`).
        pid_file: Text,
        /// Start the emperor before the apps are loaded (`early-emperor`).
        spawn_asap: bool,
        /// The address of the emperor's stats server (`emperor-stats-server`).
        stats_address: Text,
        /// The emperor's trigger socket (`emperor-trigger-socket`; uWSGI 2.1).
        trigger_socket: Text,
        /// Do not follow symbolic links when checking modification times
        /// (`emperor-nofollow`).
        links_no_follow: bool,
    }
}

params! {
    /// Parameters of [`Empire::set_emperor_command_params`] (uWSGI 2.1).
    pub struct EmperorCommandParams {
        /// The emperor's command socket (`emperor-command-socket`).
        command_socket: Text,
        /// Start vassals only when a command says so (`emperor-wait-for-command`).
        wait_for_command: bool,
        /// Vassals started without a command (`emperor-wait-for-command-ignore`).
        wait_for_command_exclude: Values,
    }
}

params! {
    /// Parameters of [`Empire::set_vassals_wrapper_params`].
    pub struct VassalsWrapperParams {
        /// The binary vassals run with instead of the emperor's (`emperor-wrapper`).
        wrapper: Text,
        /// Binaries tried before the wrapper (`emperor-wrapper-override`).
        overrides: Values,
        /// Binaries tried when the wrapper fails (`emperor-wrapper-fallback`).
        fallbacks: Values,
    }
}

params! {
    /// Parameters of [`Empire::set_throttle_params`].
    pub struct ThrottleParams {
        /// Milliseconds the emperor waits between spawns after a failure
        /// (`emperor-throttle`).
        level: Option<u32>,
        /// The most it waits (`emperor-max-throttle`).
        level_max: Option<u32>,
    }
}

params! {
    /// Parameters of [`Empire::set_tolerance_params`].
    pub struct ToleranceParams {
        /// Seconds a vassal may go without a heartbeat (`emperor-required-heartbeat`).
        for_heartbeat: Option<u32>,
        /// Seconds a cursed vassal is given to die (`emperor-curse-tolerance`).
        for_cursed_vassals: Option<u32>,
    }
}

params! {
    /// Parameters of [`Empire::set_mode_tyrant_params`].
    pub struct TyrantParams {
        /// Run each vassal as the owner of its file (`emperor-tyrant`).
        enable: bool,
        /// Take the owner of a link, not of its target (`emperor-tyrant-nofollow`).
        links_no_follow: bool,
        /// Give each vassal its owner's groups (`emperor-tyrant-initgroups`; uWSGI 2.1).
        use_initgroups: bool,
    }
}

params! {
    /// Parameters of [`Empire::set_mode_broodlord_params`].
    pub struct BroodlordParams {
        /// Zergs the emperor may spawn (`emperor-broodlord`).
        zerg_count: Option<u32>,
        /// Seconds of a vassal's overload before it asks for reinforcements (`vassal-sos`).
        vassal_overload_sos_interval: Option<u32>,
        /// Queued requests that make a vassal ask for reinforcements
        /// (`vassal-sos-backlog`).
        vassal_queue_items_sos: Option<u32>,
    }
}

/// The emperor's options of a section (uwsgiconf's `Section.empire`), from
/// [`Section::empire`].
///
/// ```
/// use uwsgiconf_core::deploy::emperor::{EmperorParams, ThrottleParams};
/// use uwsgiconf_core::Section;
///
/// let mut emperor = Section::new();
/// emperor
///     .empire()
///     .set_emperor_params(EmperorParams::new().vassals_home("/etc/vassals").scan_interval(1))
///     .set_throttle_params(ThrottleParams::new().level(1000));
/// assert_eq!(
///     emperor.to_ini().unwrap(),
///     "[uwsgi]\nemperor = /etc/vassals\nemperor-freq = 1\nemperor-throttle = 1000\n"
/// );
/// ```
#[derive(Debug)]
pub struct Empire<'a> {
    section: &'a mut Section,
}

impl Section {
    /// The emperor's options: the vassals it watches and how it runs them.
    pub fn empire(&mut self) -> Empire<'_> {
        Empire { section: self }
    }
}

impl Empire<'_> {
    fn value(&mut self, key: Key, value: Option<Value>, origin: &'static str, call: usize) {
        if let Some(value) = value {
            self.section.put_value(key, value, origin, call);
        }
    }

    fn values(&mut self, key: Key, values: Vec<Value>, origin: &'static str, call: usize) {
        for value in values {
            self.section.put_value(key, value, origin, call);
        }
    }

    fn number(&mut self, key: Key, number: Option<u32>, origin: &'static str, call: usize) {
        self.value(key, number.map(Value::from), origin, call);
    }

    fn switch(&mut self, key: Key, on: bool, origin: &'static str, call: usize) {
        if on {
            self.section.put_flag(key, true, origin, call);
        }
    }

    /// uwsgiconf's `set_emperor_params`: where the vassals are, and how the emperor runs.
    pub fn set_emperor_params(&mut self, params: EmperorParams) -> &mut Self {
        const ORIGIN: &str = "set_emperor_params";
        let call = self.section.next_call();
        self.values(key::EMPEROR, params.vassals_home, ORIGIN, call);
        self.value(key::EMPEROR_PROCNAME, params.name, ORIGIN, call);
        self.number(key::EMPEROR_FREQ, params.scan_interval, ORIGIN, call);
        self.value(key::EMPEROR_PIDFILE, params.pid_file, ORIGIN, call);
        self.switch(key::EARLY_EMPEROR, params.spawn_asap, ORIGIN, call);
        self.value(
            key::EMPEROR_STATS_SERVER,
            params.stats_address,
            ORIGIN,
            call,
        );
        self.value(
            key::EMPEROR_TRIGGER_SOCKET,
            params.trigger_socket,
            ORIGIN,
            call,
        );
        self.switch(key::EMPEROR_NOFOLLOW, params.links_no_follow, ORIGIN, call);
        self
    }

    /// uwsgiconf's `print_monitors`: uWSGI lists its imperial monitors when it starts
    /// (`imperial-monitor-list`).
    pub fn print_monitors(&mut self) -> &mut Self {
        let call = self.section.next_call();
        self.switch(key::IMPERIAL_MONITOR_LIST, true, "print_monitors", call);
        self
    }

    /// uwsgiconf's `set_emperor_command_params`: the emperor's command socket (uWSGI 2.1).
    pub fn set_emperor_command_params(&mut self, params: EmperorCommandParams) -> &mut Self {
        const ORIGIN: &str = "set_emperor_command_params";
        let call = self.section.next_call();
        self.value(
            key::EMPEROR_COMMAND_SOCKET,
            params.command_socket,
            ORIGIN,
            call,
        );
        self.switch(
            key::EMPEROR_WAIT_FOR_COMMAND,
            params.wait_for_command,
            ORIGIN,
            call,
        );
        let exclude = params.wait_for_command_exclude;
        self.values(key::EMPEROR_WAIT_FOR_COMMAND_IGNORE, exclude, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_vassals_wrapper_params`: the binary vassals run with.
    pub fn set_vassals_wrapper_params(&mut self, params: VassalsWrapperParams) -> &mut Self {
        const ORIGIN: &str = "set_vassals_wrapper_params";
        let call = self.section.next_call();
        self.value(key::EMPEROR_WRAPPER, params.wrapper, ORIGIN, call);
        self.values(
            key::EMPEROR_WRAPPER_OVERRIDE,
            params.overrides,
            ORIGIN,
            call,
        );
        self.values(
            key::EMPEROR_WRAPPER_FALLBACK,
            params.fallbacks,
            ORIGIN,
            call,
        );
        self
    }

    /// uwsgiconf's `set_throttle_params`: how the emperor slows down spawning after failures.
    pub fn set_throttle_params(&mut self, params: ThrottleParams) -> &mut Self {
        const ORIGIN: &str = "set_throttle_params";
        let call = self.section.next_call();
        self.number(key::EMPEROR_THROTTLE, params.level, ORIGIN, call);
        self.number(key::EMPEROR_MAX_THROTTLE, params.level_max, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_tolerance_params`: how long the emperor bears silent or cursed
    /// vassals.
    pub fn set_tolerance_params(&mut self, params: ToleranceParams) -> &mut Self {
        const ORIGIN: &str = "set_tolerance_params";
        let call = self.section.next_call();
        let heartbeat = params.for_heartbeat;
        self.number(key::EMPEROR_REQUIRED_HEARTBEAT, heartbeat, ORIGIN, call);
        let cursed = params.for_cursed_vassals;
        self.number(key::EMPEROR_CURSE_TOLERANCE, cursed, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_mode_tyrant_params`: each vassal runs as the owner of its file.
    pub fn set_mode_tyrant_params(&mut self, params: TyrantParams) -> &mut Self {
        const ORIGIN: &str = "set_mode_tyrant_params";
        let call = self.section.next_call();
        self.switch(key::EMPEROR_TYRANT, params.enable, ORIGIN, call);
        let nofollow = params.links_no_follow;
        self.switch(key::EMPEROR_TYRANT_NOFOLLOW, nofollow, ORIGIN, call);
        let initgroups = params.use_initgroups;
        self.switch(key::EMPEROR_TYRANT_INITGROUPS, initgroups, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_mode_broodlord_params`: zergs spawned for overloaded vassals.
    pub fn set_mode_broodlord_params(&mut self, params: BroodlordParams) -> &mut Self {
        const ORIGIN: &str = "set_mode_broodlord_params";
        let call = self.section.next_call();
        self.number(key::EMPEROR_BROODLORD, params.zerg_count, ORIGIN, call);
        let interval = params.vassal_overload_sos_interval;
        self.number(key::VASSAL_SOS, interval, ORIGIN, call);
        let backlog = params.vassal_queue_items_sos;
        self.number(key::VASSAL_SOS_BACKLOG, backlog, ORIGIN, call);
        self
    }
}

/// The group's entry in [`crate::groups::GROUPS`]: uwsgiconf's `Section.empire`, written
/// `empire.emperor(..)` in the macros.
pub(crate) const GROUP: Group = Group {
    name: "empire",
    items: ITEMS,
    rules: &[],
    config_rules: &[],
};

const EMPIRE: Receiver = Receiver::Group("empire");

/// The group's items in the macro language (`print_monitors` is
/// `option("imperial-monitor-list", true)` there).
const ITEMS: &[ItemSpec] = &[
    ItemSpec {
        name: "emperor",
        receiver: EMPIRE,
        method: "set_emperor_params",
        params_type: Some("deploy::emperor::EmperorParams"),
        params: &[
            Param::setter("vassals_home", Kind::Values, &["emperor"]),
            Param::setter("name", Kind::Text, &["emperor-procname"]),
            Param::setter("scan_interval", U32, &["emperor-freq"]),
            Param::setter("pid_file", Kind::Text, &["emperor-pidfile"]),
            Param::setter("spawn_asap", Kind::Bool, &["early-emperor"]),
            Param::setter("stats_address", Kind::Text, &["emperor-stats-server"]),
            Param::setter("trigger_socket", Kind::Text, &["emperor-trigger-socket"]),
            Param::setter("links_no_follow", Kind::Bool, &["emperor-nofollow"]),
        ],
        doc: "the vassals, the scan interval, the emperor's pidfile and stats",
        apply: |s, a| {
            s.empire().set_emperor_params(EmperorParams::from_args(a));
        },
    },
    ItemSpec {
        name: "emperor_command",
        receiver: EMPIRE,
        method: "set_emperor_command_params",
        params_type: Some("deploy::emperor::EmperorCommandParams"),
        params: &[
            Param::setter("command_socket", Kind::Text, &["emperor-command-socket"]),
            Param::setter(
                "wait_for_command",
                Kind::Bool,
                &["emperor-wait-for-command"],
            ),
            Param::setter(
                "wait_for_command_exclude",
                Kind::Values,
                &["emperor-wait-for-command-ignore"],
            ),
        ],
        doc: "the emperor's command socket (uWSGI 2.1)",
        apply: |s, a| {
            s.empire()
                .set_emperor_command_params(EmperorCommandParams::from_args(a));
        },
    },
    ItemSpec {
        name: "vassals_wrapper",
        receiver: EMPIRE,
        method: "set_vassals_wrapper_params",
        params_type: Some("deploy::emperor::VassalsWrapperParams"),
        params: &[
            Param::setter("wrapper", Kind::Text, &["emperor-wrapper"]),
            Param::setter("overrides", Kind::Values, &["emperor-wrapper-override"]),
            Param::setter("fallbacks", Kind::Values, &["emperor-wrapper-fallback"]),
        ],
        doc: "the binary vassals run with",
        apply: |s, a| {
            s.empire()
                .set_vassals_wrapper_params(VassalsWrapperParams::from_args(a));
        },
    },
    ItemSpec {
        name: "throttle",
        receiver: EMPIRE,
        method: "set_throttle_params",
        params_type: Some("deploy::emperor::ThrottleParams"),
        params: &[
            Param::setter("level", U32, &["emperor-throttle"]),
            Param::setter("level_max", U32, &["emperor-max-throttle"]),
        ],
        doc: "the delay between spawns after failures",
        apply: |s, a| {
            s.empire().set_throttle_params(ThrottleParams::from_args(a));
        },
    },
    ItemSpec {
        name: "tolerance",
        receiver: EMPIRE,
        method: "set_tolerance_params",
        params_type: Some("deploy::emperor::ToleranceParams"),
        params: &[
            Param::setter("for_heartbeat", U32, &["emperor-required-heartbeat"]),
            Param::setter("for_cursed_vassals", U32, &["emperor-curse-tolerance"]),
        ],
        doc: "how long silent or cursed vassals are borne",
        apply: |s, a| {
            s.empire()
                .set_tolerance_params(ToleranceParams::from_args(a));
        },
    },
    ItemSpec {
        name: "mode_tyrant",
        receiver: EMPIRE,
        method: "set_mode_tyrant_params",
        params_type: Some("deploy::emperor::TyrantParams"),
        params: &[
            Param::setter("enable", Kind::Bool, &["emperor-tyrant"]),
            Param::setter("links_no_follow", Kind::Bool, &["emperor-tyrant-nofollow"]),
            Param::setter("use_initgroups", Kind::Bool, &["emperor-tyrant-initgroups"]),
        ],
        doc: "vassals run as the owners of their files",
        apply: |s, a| {
            s.empire()
                .set_mode_tyrant_params(TyrantParams::from_args(a));
        },
    },
    ItemSpec {
        name: "mode_broodlord",
        receiver: EMPIRE,
        method: "set_mode_broodlord_params",
        params_type: Some("deploy::emperor::BroodlordParams"),
        params: &[
            Param::setter("zerg_count", U32, &["emperor-broodlord"]),
            Param::setter("vassal_overload_sos_interval", U32, &["vassal-sos"]),
            Param::setter("vassal_queue_items_sos", U32, &["vassal-sos-backlog"]),
        ],
        doc: "zergs for overloaded vassals",
        apply: |s, a| {
            s.empire()
                .set_mode_broodlord_params(BroodlordParams::from_args(a));
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProblemKind;
    use std::process;
    use std::time::{SystemTime, UNIX_EPOCH};

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "uwsgiconf-emperor-{name}-{}-{:?}",
            process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn vassal(text: &str) -> Section {
        let mut section = Section::new();
        section.set_option("procname", text);
        section
    }

    #[test]
    fn writes_rewrites_and_removes() {
        let dir = temp_dir("write");
        let mut vassals = VassalDir::new(&dir);
        vassals.add("one", VassalFormat::Ini, vassal("a")).add(
            "two",
            VassalFormat::Json,
            vassal("b"),
        );
        let written = vassals.write().unwrap();
        assert_eq!(written.written, ["one.ini", "two.json"]);
        assert_eq!(
            fs::read_to_string(dir.join("one.ini")).unwrap(),
            "[uwsgi]\nprocname = a\n"
        );
        let first = fs::metadata(dir.join("one.ini"))
            .unwrap()
            .modified()
            .unwrap();

        // A change within the same second still moves the time past that second.
        let mut vassals = VassalDir::new(&dir);
        vassals.add("one", VassalFormat::Ini, vassal("c")).add(
            "two",
            VassalFormat::Json,
            vassal("b"),
        );
        let written = vassals.write().unwrap();
        assert_eq!(written.written, ["one.ini"]);
        assert_eq!(written.unchanged, ["two.json"]);
        let second = fs::metadata(dir.join("one.ini"))
            .unwrap()
            .modified()
            .unwrap();
        let secs = |t: SystemTime| t.duration_since(UNIX_EPOCH).unwrap().as_secs();
        assert!(secs(second) > secs(first));

        // Unlisted vassal files go only when asked; other files stay.
        fs::write(dir.join("notes.txt"), "kept").unwrap();
        let mut vassals = VassalDir::new(&dir);
        vassals.add("one", VassalFormat::Ini, vassal("c"));
        assert!(vassals.write().unwrap().removed.is_empty());
        assert!(dir.join("two.json").exists());
        let written = vassals.remove_unlisted(true).write().unwrap();
        assert_eq!(written.removed, ["two.json"]);
        assert!(!dir.join("two.json").exists());
        assert!(dir.join("notes.txt").exists());
        // No temporary file is left behind.
        let mut names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["notes.txt", "one.ini"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn names_and_sections_are_checked_before_writing() {
        let dir = temp_dir("refuse");
        let mut vassals = VassalDir::new(&dir);
        vassals
            .add("app", VassalFormat::Ini, vassal("a"))
            .add("app", VassalFormat::Yaml, vassal("a"))
            .add("../up", VassalFormat::Ini, vassal("a"))
            .add(".hidden", VassalFormat::Ini, vassal("a"))
            .add("named", VassalFormat::Ini, Section::named("other"));
        let VassalDirError::Config(error) = vassals.write().unwrap_err() else {
            panic!("not a configuration error");
        };
        let kinds: Vec<ProblemKind> = error.problems().iter().map(|p| p.kind()).collect();
        assert_eq!(
            kinds,
            [
                ProblemKind::Conflict,
                ProblemKind::InvalidValue,
                ProblemKind::InvalidValue,
                ProblemKind::InvalidValue
            ]
        );
        assert!(error.problems()[0]
            .message()
            .contains("`app.ini` and `app.yaml`"));
        assert!(!dir.exists(), "nothing is written");

        // A configuration's own problems come through.
        let mut vassals = VassalDir::new(&dir);
        vassals.add("app", VassalFormat::Ini, vassal(""));
        vassals.vassals[0].config.sections_mut()[0].set_option("never_swap", true);
        assert!(matches!(vassals.write(), Err(VassalDirError::Config(_))));
        assert!(!dir.exists());
    }

    #[test]
    fn empire_as_uwsgiconf_writes_it() {
        let mut section = Section::new();
        section
            .empire()
            .set_emperor_params(
                EmperorParams::new()
                    .vassals_home(["/a", "/b"])
                    .name("e")
                    .scan_interval(0)
                    .pid_file("/p")
                    .spawn_asap(true)
                    .stats_address("a:1")
                    .links_no_follow(true),
            )
            .print_monitors()
            .set_vassals_wrapper_params(
                VassalsWrapperParams::new()
                    .wrapper("/w")
                    .overrides("/o")
                    .fallbacks(["/f1", "/f2"]),
            )
            .set_tolerance_params(ToleranceParams::new().for_heartbeat(30))
            .set_mode_tyrant_params(TyrantParams::new().enable(true).links_no_follow(true))
            .set_mode_broodlord_params(
                BroodlordParams::new()
                    .zerg_count(3)
                    .vassal_overload_sos_interval(1)
                    .vassal_queue_items_sos(2),
            );
        assert_eq!(
            section.to_ini().unwrap(),
            "[uwsgi]\nemperor = /a\nemperor = /b\nemperor-procname = e\nemperor-freq = 0\n\
             emperor-pidfile = /p\nearly-emperor = true\nemperor-stats-server = a:1\n\
             emperor-nofollow = true\nimperial-monitor-list = true\nemperor-wrapper = /w\n\
             emperor-wrapper-override = /o\nemperor-wrapper-fallback = /f1\n\
             emperor-wrapper-fallback = /f2\nemperor-required-heartbeat = 30\n\
             emperor-tyrant = true\nemperor-tyrant-nofollow = true\nemperor-broodlord = 3\n\
             vassal-sos = 1\nvassal-sos-backlog = 2\n"
        );

        // What uWSGI 2.0 lacks is refused for target 2.0, as everywhere.
        let mut section = Section::new();
        section.empire().set_emperor_command_params(
            EmperorCommandParams::new()
                .command_socket("/c")
                .wait_for_command(true),
        );
        let problems = section.to_ini().unwrap_err().into_problems();
        assert!(problems
            .iter()
            .all(|p| p.kind() == ProblemKind::UnavailableOption));
        section.set_target(crate::Target::V2_1);
        assert_eq!(
            section.to_ini().unwrap(),
            "[uwsgi]\nemperor-command-socket = /c\nemperor-wait-for-command = true\n"
        );
    }
}
