//! Checking a configuration with the installed uWSGI, in strict mode, without running it.
//!
//! [`check`] renders a [`Section`] (or [`check_config`] a [`Config`]) to INI, writes it in a
//! private temporary directory, and runs `uwsgi --hook-asap "callint:_exit 42" --strict --ini
//! <file>` there, without the caller's `UWSGI_*` variables, at most a few seconds. uWSGI reads
//! the whole configuration first (strict mode refuses any directive it does not know), then
//! runs the asap hooks in order, and the first one ends it with `_exit(42)`: before any hook
//! of the configuration, before it drops privileges, daemonizes, binds a socket or writes a
//! pidfile, and without the `atexit` handlers (`vacuum`, `fallback-config`). Exit status 42
//! means accepted.
//!
//! uWSGI stops at the first directive it refuses, so the check runs it again without that
//! directive until it accepts the rest, and returns every refusal as a [`Problem`] blamed on
//! its option ([`Blame::option`](uwsgiconf_core::Blame::option)): unknown directives (an option of a
//! plugin that is not loaded says which plugin), values uWSGI refuses (`harakiri = -5`), and
//! plugins it cannot load.
//!
//! What uWSGI does before the asap hooks, measured with uWSGI 2.0.21 (`pidfile`, `pidfile2`,
//! `safe-pidfile`, `logto`, `daemonize`, `socket`, `http-socket`, `stats`, `master-fifo`,
//! `chdir` to a missing directory, `touch-reload`, `vacuum`, `master`: no file created, no
//! directory changed, status 42): it only reads. The exceptions are the options it applies
//! while reading, and the check refuses to run a section that has one of these
//! ([`ProblemKind::ActsWhileRead`]):
//!
//! - `stop`, `reload`, `pause`, `suspend`, `resume` (signal the instance a pidfile names:
//!   measured, `stop = <file>` sent SIGINT to the pid in the file), `signal`;
//! - `fallback-config` (uWSGI execs it when it exits with status 1, as a refusal does);
//! - `build-plugin`, `extract`, `connect-and-read`, and the options that run application
//!   code while reading (`early-python`, `early-psgi`, `early-php`, `config-py`, `ini-paste`...);
//! - `@(exec://...)` values and `exec://` configuration files (measured:
//!   `env = X=@(exec://touch <file>)` created the file during a check).
//!
//! The rest runs: `immediate-uid`/`immediate-gid` drop privileges (harmless), `umask`,
//! `flock` (released when uWSGI exits), `plugin`/`need-plugin` load the plugins' shared
//! objects, and files the configuration includes are read (they are not inspected). As root,
//! uWSGI reads and loads these as root, and does nothing else as root.
//!
//! The run's directory is a private temporary one, removed afterwards: relative paths the
//! configuration reads while it is read (`ini = other.ini`) resolve there.
//!
//! ```
//! use uwsgiconf_deploy::{binary::Uwsgi, check};
//! use uwsgiconf_core::Section;
//!
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let mut section = Section::new();
//!     // Declared built in, as a uWSGI compiled with Python has it: the crate lets the option
//!     // through, and the check finds that this uWSGI does not know it.
//!     section.set_embedded_plugins(["python"]);
//!     section.set_option("master", true).set_option("wsgi-file", "app.py");
//! #     if Uwsgi::locate().is_err() && std::env::var("UWSGICONF_REQUIRE_UWSGI").as_deref() != Ok("1") {
//! #         eprintln!("NOTICE: no uWSGI, the example is not run");
//! #         return Ok(());
//! #     }
//!     let uwsgi = Uwsgi::locate()?; // UWSGICONF_UWSGI_BIN, else `uwsgi`, else `uwsgi-core` on PATH
//!     let error = check::check(&uwsgi, &section).unwrap_err();
//!     for problem in error.problems() {
//!         println!("{problem}");
//!     }
//! #     assert_eq!(error.problems()[0].blame().option(), Some("wsgi-file"));
//!     Ok(())
//! }
//! ```

use std::fmt;
use std::io;
use std::time::Duration;

use super::binary::{Finished, Uwsgi};
use super::scratch::ScratchDir;
use uwsgiconf_core::__private::{blame_option, directives, error as new_error, ValueRef};
use uwsgiconf_core::options;
use uwsgiconf_core::Part;
use uwsgiconf_core::{Config, Section};
use uwsgiconf_core::{Error, Problem, ProblemKind};

/// The first asap hook of a check: `_exit(42)` from libc, before anything else runs.
pub const STOP: &str = "callint:_exit 42";

/// The exit status of [`STOP`]: uWSGI read and accepted the configuration.
pub const ACCEPTED: i32 = 42;

/// How long one run of uWSGI may take.
const RUN_LIMIT: Duration = Duration::from_secs(10);

/// At most this many runs per check (each refusal found costs one).
const MAX_RUNS: usize = 32;

/// Options uWSGI applies while reading the configuration, with what they would do.
const ACTING_OPTIONS: &[(&str, &str)] = &[
    ("stop", "sends SIGINT to the pid its file names"),
    ("reload", "sends SIGHUP to the pid its file names"),
    ("pause", "sends SIGTSTP to the pid its file names"),
    ("suspend", "sends SIGTSTP to the pid its file names"),
    ("resume", "sends SIGTSTP to the pid its file names"),
    ("signal", "sends a uWSGI signal to a running instance"),
    (
        "fallback-config",
        "is started by uWSGI when it exits with status 1, as a refusal does",
    ),
    ("build-plugin", "compiles a plugin"),
    ("extract", "writes a file"),
    ("connect-and-read", "connects to an address"),
    ("config-py", "runs Python code"),
    ("early-python", "runs Python code"),
    ("early-pyimport", "runs Python code"),
    ("early-python-import", "runs Python code"),
    ("early-psgi", "runs Perl code"),
    ("early-perl", "runs Perl code"),
    ("early-perl-exec", "runs Perl code"),
    ("early-php", "runs PHP code"),
    ("ini-paste", "runs Python code"),
    ("ini-paste-logged", "runs Python code"),
    ("pypy-ini-paste", "runs Python code"),
];

/// Options whose value is a configuration file uWSGI reads while reading this one.
const CONFIG_LOADERS: &[&str] = &[
    "ini",
    "include",
    "config",
    "json",
    "js",
    "yaml",
    "yml",
    "xml",
    "xmlconfig",
    "inherit",
];

/// Why a check did not say "accepted".
#[derive(Debug)]
#[non_exhaustive]
pub enum CheckError {
    /// The crate refused to render the configuration (to INI): uWSGI never saw it.
    Invalid(Error),
    /// The configuration has options that act while uWSGI reads it
    /// ([`ProblemKind::ActsWhileRead`]): it was not run.
    NotRun(Error),
    /// uWSGI refused these directives (or refused the configuration for a reason the
    /// problem's message gives, [`ProblemKind::RejectedByUwsgi`]).
    Rejected(Error),
    /// uWSGI could not be run, or its directory could not be made.
    Io(io::Error),
}

impl CheckError {
    /// The problems, when there are any (every variant but `Io`).
    pub fn problems(&self) -> &[Problem] {
        match self {
            CheckError::Invalid(e) | CheckError::NotRun(e) | CheckError::Rejected(e) => {
                e.problems()
            }
            CheckError::Io(_) => &[],
        }
    }
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckError::Invalid(e) => write!(f, "{e}"),
            CheckError::NotRun(e) => write!(f, "not checked with uWSGI: {e}"),
            CheckError::Rejected(e) => write!(f, "uWSGI refused it: {e}"),
            CheckError::Io(e) => write!(f, "cannot run uWSGI: {e}"),
        }
    }
}

impl std::error::Error for CheckError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CheckError::Invalid(e) | CheckError::NotRun(e) | CheckError::Rejected(e) => Some(e),
            CheckError::Io(e) => Some(e),
        }
    }
}

impl From<io::Error> for CheckError {
    fn from(e: io::Error) -> Self {
        CheckError::Io(e)
    }
}

/// Checks `section` with `uwsgi` in strict mode, without running it (see the
/// [module](self)).
pub fn check(uwsgi: &Uwsgi, section: &Section) -> Result<(), CheckError> {
    let ini = section.to_ini().map_err(CheckError::Invalid)?;
    refuse_acting(std::slice::from_ref(section))?;
    let run = Checker::new(uwsgi, ini, std::slice::from_ref(section))?;
    run.finish(&[section_arg(section)])
}

/// Checks every section of `config` (the first one, which includes the others, when it
/// autoincludes them; else each one as `--ini file:name`).
pub fn check_config(uwsgi: &Uwsgi, config: &Config) -> Result<(), CheckError> {
    let ini = config.to_ini().map_err(CheckError::Invalid)?;
    refuse_acting(config.sections())?;
    let targets: Vec<Option<String>> = match config.sections() {
        [] => return Ok(()),
        [first, ..] if config.is_autoinclude() => vec![section_arg(first)],
        all => all.iter().map(section_arg).collect(),
    };
    Checker::new(uwsgi, ini, config.sections())?.finish(&targets)
}

/// The section part of `--ini file:name` (none for `[uwsgi]`).
fn section_arg(section: &Section) -> Option<String> {
    (section.name() != "uwsgi").then(|| section.name().to_string())
}

fn refuse_acting(sections: &[Section]) -> Result<(), CheckError> {
    let mut problems = Vec::new();
    for section in sections {
        for directive in directives(section) {
            let name = directive.spec.name();
            let acting = ACTING_OPTIONS.iter().find(|(option, _)| *option == name);
            let value = directive.value.map(ValueRef::to_value);
            let reads_exec = value.as_deref().is_some_and(|value| {
                value.parts().iter().any(|part| match part {
                    Part::File(source) => source.starts_with("exec://"),
                    Part::Literal(text) => {
                        CONFIG_LOADERS.contains(&name) && text.starts_with("exec://")
                    }
                    _ => false,
                })
            });
            let what = match (acting, reads_exec) {
                (Some((_, what)), _) => what.to_string(),
                (None, true) => "runs a program (`exec://`)".to_string(),
                (None, false) => continue,
            };
            let mut problem = directive
                .problem(
                    ProblemKind::ActsWhileRead,
                    format!("`{name}` {what} while uWSGI reads the configuration"),
                )
                .with_fix("check the section without it");
            if let Some(value) = value {
                problem = problem.with_value(value.literals().collect::<String>());
            }
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CheckError::NotRun(new_error(problems)))
    }
}

/// The runs of one check: the INI shrinks by the directives uWSGI refused.
struct Checker<'a> {
    uwsgi: &'a Uwsgi,
    ini: String,
    sections: &'a [Section],
    dir: ScratchDir,
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    fn new(uwsgi: &'a Uwsgi, ini: String, sections: &'a [Section]) -> io::Result<Checker<'a>> {
        Ok(Checker {
            uwsgi,
            ini,
            sections,
            dir: ScratchDir::new("uwsgiconf-check-")?,
            problems: Vec::new(),
        })
    }

    fn finish(mut self, targets: &[Option<String>]) -> Result<(), CheckError> {
        for target in targets {
            self.check_target(target.as_deref())?;
        }
        if self.problems.is_empty() {
            Ok(())
        } else {
            // In the order of the section's calls, not of uWSGI's passes.
            self.problems
                .sort_by_key(|problem| problem.call().unwrap_or(usize::MAX));
            Err(CheckError::Rejected(new_error(self.problems)))
        }
    }

    fn check_target(&mut self, target: Option<&str>) -> Result<(), CheckError> {
        for _ in 0..MAX_RUNS {
            let run = self.run(target)?;
            let before = self.ini.len();
            let found = self.read_refusals(&run);
            if accepted(&run) {
                return Ok(());
            }
            if found && self.ini.len() == before {
                // Refused for a directive that is not in the file (from an included file):
                // running again would say the same.
                return Ok(());
            }
            if !found {
                let last = run
                    .stderr
                    .lines()
                    .rev()
                    .find(|line| !line.trim().is_empty())
                    .unwrap_or("")
                    .to_string();
                self.problems.push(
                    Problem::new(
                        ProblemKind::RejectedByUwsgi,
                        "uwsgi",
                        format!(
                            "uWSGI {} stopped ({})",
                            self.uwsgi.version(),
                            run.describe()
                        ),
                    )
                    .with_value(last),
                );
                return Ok(());
            }
        }
        Ok(())
    }

    fn run(&self, target: Option<&str>) -> io::Result<Finished> {
        let file = self.dir.path().join("check.ini");
        std::fs::write(&file, &self.ini)?;
        let mut ini = file.into_os_string();
        if let Some(name) = target {
            ini.push(":");
            ini.push(name);
        }
        let mut command = self.uwsgi.command();
        command
            .args(["--hook-asap", STOP, "--strict", "--ini"])
            .arg(ini)
            .current_dir(self.dir.path());
        self.uwsgi.run_command(&mut command, RUN_LIMIT)
    }

    /// Reads the refusals of one run into problems, and takes their directives out of the
    /// INI; returns whether the run's fatal refusal (if it was refused) was understood.
    fn read_refusals(&mut self, run: &Finished) -> bool {
        let mut fatal_understood = false;
        for line in run.stderr.lines() {
            if let Some(name) = line.strip_prefix("[strict-mode] unknown config directive: ") {
                let problem = self.unknown(name.trim());
                self.add(problem);
                self.ini = without_lines(&self.ini, name.trim(), |_| true);
                fatal_understood = true;
            } else if let Some(rest) = line.strip_prefix("invalid value for option \"") {
                if let Some((name, why)) = rest.split_once("\": ") {
                    let problem = self.refused_value(name, why);
                    self.add(problem);
                    self.ini = without_lines(&self.ini, name, |_| true);
                    fatal_understood = true;
                }
            } else if let Some(rest) = line.strip_prefix("!!! UNABLE to load uWSGI plugin: ") {
                let rest = rest.trim_end_matches(" !!!");
                let (path, why) = rest.split_once(".so: ").map_or((rest, ""), |(p, w)| (p, w));
                let plugin = path.rsplit('/').next().unwrap_or(path);
                let plugin = plugin.strip_suffix("_plugin").unwrap_or(plugin);
                if let Some(option) = self.plugin_option(plugin) {
                    let problem = self.missing_plugin(option, plugin, why);
                    self.add(problem);
                    self.ini =
                        without_lines(&self.ini, option, |value| names_plugin(value, plugin));
                    // `plugin` goes on; `need-plugin` stops with the next line.
                    fatal_understood = true;
                }
            }
        }
        fatal_understood
    }

    fn add(&mut self, problem: Problem) {
        if !self.problems.contains(&problem) {
            self.problems.push(problem);
        }
    }

    /// The option of the line that loads `plugin`, if the INI has one.
    fn plugin_option(&self, plugin: &str) -> Option<&'static str> {
        ini_lines(&self.ini).find_map(|(key, value)| {
            let spec = options::lookup(key)?;
            let loads = matches!(
                spec.name(),
                "plugin" | "plugins" | "need-plugin" | "need-plugins"
            );
            (loads && names_plugin(value, plugin)).then_some(spec.name())
        })
    }

    /// The problem for a directive uWSGI does not know.
    fn unknown(&self, name: &str) -> Problem {
        let version = self.uwsgi.version();
        let (message, fix) = match options::lookup(name) {
            Some(spec) if !spec.is_core() => (
                format!(
                    "uWSGI {version} does not know `{name}`: it comes from the `{}` plugin, \
                     which is not loaded",
                    spec.provider()
                ),
                format!(
                    "load the plugin first (`need-plugin = {}`, by the name of the installed \
                     plugin file)",
                    spec.provider()
                ),
            ),
            Some(_) => (
                format!("uWSGI {version} does not have `{name}`"),
                "set the section's target to the installed uWSGI, or use a uWSGI that has it"
                    .into(),
            ),
            None => (
                format!("uWSGI {version} does not know `{name}`"),
                String::new(),
            ),
        };
        self.blamed(ProblemKind::UnknownOption, name, message)
            .with_fix(fix)
    }

    fn refused_value(&self, name: &str, why: &str) -> Problem {
        let message = format!("uWSGI {} refuses the value: {why}", self.uwsgi.version());
        self.blamed(ProblemKind::InvalidValue, name, message)
    }

    fn missing_plugin(&self, option: &'static str, plugin: &str, why: &str) -> Problem {
        let message = format!(
            "uWSGI {} cannot load plugin `{plugin}`: {why}",
            self.uwsgi.version()
        );
        self.blamed(ProblemKind::RejectedByUwsgi, option, message)
            .with_fix("install the plugin, or name one the installed uWSGI has (`uwsgi --plugin-list`, and the `*_plugin.so` files of its plugin directory)")
    }

    /// A problem about option `name`, from the section's directive of that option when there
    /// is one (method, call, value, line).
    fn blamed(&self, kind: ProblemKind, name: &str, message: String) -> Problem {
        let spec = options::lookup(name);
        let directive = self
            .sections
            .iter()
            .flat_map(directives)
            .find(|d| spec.is_some_and(|spec| std::ptr::eq(d.spec, spec)));
        let value = ini_lines(&self.ini)
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string());
        let mut problem = match directive {
            Some(d) => d.problem(kind, message),
            None => {
                let problem = Problem::new(kind, name, message);
                match spec {
                    Some(spec) => blame_option(problem, spec.name()),
                    None => problem,
                }
            }
        };
        if let Some(value) = value {
            problem = problem.with_value(value);
        }
        problem
    }
}

/// Whether a run read and accepted the configuration: [`STOP`] ran and exited [`ACCEPTED`].
fn accepted(run: &Finished) -> bool {
    run.status.code() == Some(ACCEPTED)
        && run.stderr.contains(&format!("running \"{STOP}\" (asap)"))
}

/// `ini` without the lines of option `name` whose value passes `which`.
fn without_lines(ini: &str, name: &str, which: impl Fn(&str) -> bool) -> String {
    ini.split_inclusive('\n')
        .filter(|line| {
            !parse_line(line.trim_end_matches('\n'))
                .is_some_and(|(key, value)| key == name && which(value))
        })
        .collect()
}

/// The `key = value` lines of an INI text.
fn ini_lines(ini: &str) -> impl Iterator<Item = (&str, &str)> {
    ini.lines().filter_map(parse_line)
}

fn parse_line(line: &str) -> Option<(&str, &str)> {
    if line.starts_with('[') || line.starts_with(';') || line.starts_with('#') {
        return None;
    }
    let (key, value) = line.split_once('=')?;
    Some((key.trim(), value.trim()))
}

/// Whether a `plugin`-like value (a comma-separated list of names or paths) loads `plugin`.
fn names_plugin(value: &str, plugin: &str) -> bool {
    value.split(',').map(str::trim).any(|item| {
        item == plugin
            || item
                .rsplit('/')
                .next()
                .is_some_and(|file| file == format!("{plugin}_plugin.so") || file == plugin)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plugin_values_are_matched_by_name_and_path() {
        assert!(names_plugin("python3", "python3"));
        assert!(names_plugin("cgi, python3", "python3"));
        assert!(names_plugin(
            "/usr/lib/uwsgi/plugins/python3_plugin.so",
            "python3"
        ));
        assert!(!names_plugin("python", "python3"));
    }

    #[test]
    fn acting_options_are_refused_before_uwsgi_runs() {
        let mut section = Section::new();
        section
            .set_option("stop", "/run/app.pid")
            .set_option("processes", 2)
            .add_option(
                "env",
                uwsgiconf_core::Value::literal("X=").then(uwsgiconf_core::Value::file("exec://id")),
            );
        let Err(CheckError::NotRun(error)) = refuse_acting(std::slice::from_ref(&section)) else {
            panic!("not refused");
        };
        let options: Vec<_> = error
            .problems()
            .iter()
            .map(|p| p.blame().option())
            .collect();
        assert_eq!(options, [Some("stop"), Some("env")]);
        assert!(error
            .problems()
            .iter()
            .all(|p| p.kind() == ProblemKind::ActsWhileRead));
    }

    #[test]
    fn lines_are_removed_by_key_and_value() {
        let ini = "[uwsgi]\nplugin = a\nplugin = b\nprocesses = 2\n";
        let ini = without_lines(ini, "plugin", |v| names_plugin(v, "b"));
        assert_eq!(ini, "[uwsgi]\nplugin = a\nprocesses = 2\n");
        assert_eq!(
            without_lines(&ini, "processes", |_| true),
            "[uwsgi]\nplugin = a\n"
        );
    }
}
