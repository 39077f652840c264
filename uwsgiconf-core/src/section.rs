//! Sections (an ordered set of directives under a name) and configurations (several sections).

use crate::error::{Error, Problem, ProblemKind};
use crate::options::{self, OptionSpec};
use crate::render;
use crate::value::{MagicVar, Value};
use crate::{MainProcess, MasterProcess, Target, Workers};

/// What a directive says: a switch turned on, or a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Setting {
    /// A flag: `true` writes it, `false` removes it.
    Flag(bool),
    /// A value.
    Value(Value),
}

impl From<bool> for Setting {
    fn from(on: bool) -> Setting {
        Setting::Flag(on)
    }
}

macro_rules! setting_from_value {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Setting {
            fn from(value: $ty) -> Setting {
                Setting::Value(Value::from(value))
            }
        }
    )*};
}

setting_from_value!(
    &str,
    &&str,
    String,
    &String,
    Value,
    &Value,
    MagicVar,
    &std::path::Path,
    std::path::PathBuf,
    u8,
    u16,
    u32,
    u64,
    usize,
    i8,
    i16,
    i32,
    i64,
    isize
);

/// A directive's content once set: a flag that is on, or a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Content {
    On,
    Value(Value),
}

/// One `key = value` line as recorded, before validation and rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Directive {
    pub(crate) spec: &'static OptionSpec,
    pub(crate) content: Content,
    /// The method that wrote it (`set_owner_params`, `set_option`...).
    pub(crate) origin: &'static str,
    /// Which call on the section wrote it.
    pub(crate) call: usize,
}

/// A section of uWSGI configuration: directives under a name (`[uwsgi]` by default).
///
/// Methods record directives and never fail; every problem is reported, all at once, by the
/// renderers [`Section::to_ini`] and [`Section::to_args`].
///
/// ```
/// use uwsgiconf_core::{Action, BasicParams, OwnerParams, Phase, Section};
///
/// let mut section = Section::new();
/// section
///     .main_process()
///     .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"))
///     .set_basic_params(BasicParams::new().vacuum(true).touch_reload("/srv/app/reload"))
///     .set_hook(Phase::ASAP, Action::dir_create("/run/app"));
/// section.set_option("master", true);
///
/// assert_eq!(
///     section.to_ini().unwrap(),
///     "[uwsgi]\nuid = www-data\ngid = www-data\ntouch-reload = /srv/app/reload\n\
///      vacuum = true\nhook-asap = mkdir:/run/app\nmaster = true\n"
/// );
/// assert_eq!(section.to_args().unwrap()[..4], ["--uid", "www-data", "--gid", "www-data"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    name: String,
    target: Target,
    strict: bool,
    allow_root: bool,
    directives: Vec<Directive>,
    problems: Vec<Problem>,
    calls: usize,
}

impl Default for Section {
    fn default() -> Self {
        Section::new()
    }
}

impl Section {
    /// The default section, `[uwsgi]`.
    pub fn new() -> Section {
        Section::named("uwsgi")
    }

    /// A section with another name, for use with `--ini file:name` or
    /// [`Config::autoinclude`].
    pub fn named(name: impl Into<String>) -> Section {
        Section {
            name: name.into(),
            target: Target::default(),
            strict: false,
            allow_root: false,
            directives: Vec::new(),
            problems: Vec::new(),
            calls: 0,
        }
    }

    /// The section's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The uWSGI target validation checks against.
    pub fn target(&self) -> Target {
        self.target
    }

    /// Sets the uWSGI target (2.0 by default).
    pub fn set_target(&mut self, target: Target) -> &mut Self {
        self.next_call();
        self.target = target;
        self
    }

    /// Writes `strict = true` first, so uWSGI refuses any directive it does not know.
    pub fn set_strict(&mut self, strict: bool) -> &mut Self {
        self.next_call();
        self.strict = strict;
        self
    }

    /// Whether `strict = true` is written.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// The options group of uWSGI's main process (uwsgiconf's `MainProcess`).
    pub fn main_process(&mut self) -> MainProcess<'_> {
        MainProcess::new(self)
    }

    /// The options group of uWSGI's master process (uwsgiconf's `MasterProcess`).
    pub fn master_process(&mut self) -> MasterProcess<'_> {
        MasterProcess::new(self)
    }

    /// The options group of uWSGI's workers (uwsgiconf's `Workers`).
    pub fn workers(&mut self) -> Workers<'_> {
        Workers::new(self)
    }

    /// Sets any uWSGI option by name, replacing earlier values of the same option in place.
    ///
    /// The name is checked against uWSGI's option catalogue; switches take `true`/`false`
    /// (`false` removes the option), other options a value.
    ///
    /// ```
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.set_option("processes", 4).set_option("processes", 8);
    /// section.set_option("master", true);
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nprocesses = 8\nmaster = true\n");
    /// ```
    pub fn set_option(&mut self, key: &str, value: impl Into<Setting>) -> &mut Self {
        let call = self.next_call();
        if let Some(spec) = self.checked_spec(key, "set_option", call) {
            self.put(spec, value.into(), "set_option", call, true);
        }
        self
    }

    /// Adds a value to any uWSGI option by name, keeping earlier values (for options uWSGI
    /// repeats, such as `env` or `touch-reload`).
    ///
    /// ```
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.add_option("env", "A=1").add_option("env", "B=2");
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nenv = A=1\nenv = B=2\n");
    /// ```
    pub fn add_option(&mut self, key: &str, value: impl Into<Setting>) -> &mut Self {
        let call = self.next_call();
        if let Some(spec) = self.checked_spec(key, "add_option", call) {
            self.put(spec, value.into(), "add_option", call, false);
        }
        self
    }

    fn checked_spec(
        &mut self,
        key: &str,
        origin: &'static str,
        call: usize,
    ) -> Option<&'static OptionSpec> {
        let spec = options::lookup(key);
        if spec.is_none() {
            let hint = crate::suggest::did_you_mean(&options::suggest(key));
            self.problems.push(
                Problem::new(
                    ProblemKind::UnknownOption,
                    origin,
                    format!("`{key}` is not a uWSGI option"),
                )
                .with_value(key)
                .with_fix(hint)
                .with_call(Some(call)),
            );
        }
        spec
    }

    /// Renders the section as an INI file, or lists everything wrong with it.
    pub fn to_ini(&self) -> Result<String, Error> {
        render::ini::section(self, &mut render::Placeholders::default())
    }

    /// Renders the section as `uwsgi` command-line arguments (without the program name), or
    /// lists everything wrong with it.
    pub fn to_args(&self) -> Result<Vec<String>, Error> {
        render::args::section(self, &mut render::Placeholders::default())
    }

    // ---- recording, for the option groups ----

    /// Starts a new call: every public method that changes the section counts one.
    pub(crate) fn next_call(&mut self) -> usize {
        self.calls += 1;
        self.calls - 1
    }

    pub(crate) fn problem(&mut self, problem: Problem, call: usize) {
        self.problems.push(problem.with_call(Some(call)));
    }

    pub(crate) fn allow_root(&mut self) {
        self.allow_root = true;
    }

    pub(crate) fn root_allowed(&self) -> bool {
        self.allow_root
    }

    /// Records `key = value`. `replace` drops earlier values of the option, the new one taking
    /// the place of the first of them. A `false` flag only removes.
    pub(crate) fn put(
        &mut self,
        spec: &'static OptionSpec,
        setting: Setting,
        origin: &'static str,
        call: usize,
        replace: bool,
    ) {
        let content = match setting {
            Setting::Flag(on) if spec.takes_bool() => {
                if !on {
                    self.directives.retain(|d| d.spec.name != spec.name);
                    return;
                }
                Content::On
            }
            Setting::Flag(on) => {
                self.problem(
                    Problem::new(
                        ProblemKind::WrongValueType,
                        origin,
                        format!("`{}` takes a value, not a boolean", spec.name),
                    )
                    .with_value(on.to_string())
                    .with_fix("give it a value"),
                    call,
                );
                return;
            }
            Setting::Value(value) if spec.takes_bool() => {
                self.problem(
                    Problem::new(
                        ProblemKind::WrongValueType,
                        origin,
                        format!(
                            "`{}` is a switch: it takes true or false, not a value",
                            spec.name
                        ),
                    )
                    .with_value(value.to_string())
                    .with_fix("pass true to turn it on, or false to leave it off"),
                    call,
                );
                return;
            }
            Setting::Value(value) => Content::Value(value),
        };
        let directive = Directive {
            spec,
            content,
            origin,
            call,
        };
        // Only a replacement needs the earlier position: appending stays O(1).
        let first = replace
            .then(|| {
                self.directives
                    .iter()
                    .position(|d| d.spec.name == spec.name)
            })
            .flatten();
        match first {
            Some(index) => {
                self.directives.retain(|d| d.spec.name != spec.name);
                self.directives.insert(index, directive);
            }
            None => self.directives.push(directive),
        }
    }

    /// Records a value for one of the crate's own typed methods.
    pub(crate) fn put_value(&mut self, key: &str, value: Value, origin: &'static str, call: usize) {
        self.put(
            options::known(key),
            Setting::Value(value),
            origin,
            call,
            false,
        );
    }

    /// Records a switch for one of the crate's own typed methods.
    pub(crate) fn put_flag(&mut self, key: &str, on: bool, origin: &'static str, call: usize) {
        self.put(options::known(key), Setting::Flag(on), origin, call, false);
    }

    pub(crate) fn directives(&self) -> &[Directive] {
        &self.directives
    }

    pub(crate) fn recorded_problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The first value recorded for `key`, if any.
    pub(crate) fn first_value(&self, key: &str) -> Option<&Value> {
        self.directives.iter().find_map(|d| match &d.content {
            Content::Value(value) if d.spec.name == key => Some(value),
            _ => None,
        })
    }
}

/// Several sections in one INI file.
///
/// uWSGI reads one section of a file (`[uwsgi]` unless `--ini file:name` says otherwise).
/// With [`Config::autoinclude`], the first section includes the others (`ini = :name`), so
/// they all apply.
///
/// ```
/// use uwsgiconf_core::{Config, Section};
///
/// let mut main = Section::new();
/// main.set_option("vacuum", true);
/// let mut second = Section::named("second");
/// second.main_process().daemonize("/var/log/app.log", Default::default());
///
/// let mut config = Config::new();
/// config.add_section(main).add_section(second).autoinclude(true);
/// assert_eq!(
///     config.to_ini().unwrap(),
///     "[uwsgi]\nvacuum = true\nini = :second\n\n[second]\ndaemonize = /var/log/app.log\n"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    sections: Vec<Section>,
    autoinclude: bool,
}

impl Config {
    /// An empty configuration.
    pub fn new() -> Config {
        Config::default()
    }

    /// Appends a section.
    pub fn add_section(&mut self, section: Section) -> &mut Self {
        self.sections.push(section);
        self
    }

    /// Makes the first section include every other one (`ini = :name`).
    pub fn autoinclude(&mut self, on: bool) -> &mut Self {
        self.autoinclude = on;
        self
    }

    /// The sections, in order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Mutable access to the sections.
    pub fn sections_mut(&mut self) -> &mut [Section] {
        &mut self.sections
    }

    /// Whether the first section includes the others.
    pub fn is_autoinclude(&self) -> bool {
        self.autoinclude
    }

    /// Renders every section into one INI file, or lists everything wrong with them.
    pub fn to_ini(&self) -> Result<String, Error> {
        render::ini::config(self)
    }

    /// Renders the configuration as command-line arguments. The command line has no
    /// sections: it takes one section, or several with [`Config::autoinclude`] (they are
    /// then applied in order).
    pub fn to_args(&self) -> Result<Vec<String>, Error> {
        render::args::config(self)
    }
}

impl From<Section> for Config {
    fn from(section: Section) -> Config {
        Config {
            sections: vec![section],
            autoinclude: false,
        }
    }
}
