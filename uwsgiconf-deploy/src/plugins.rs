//! What an installed uWSGI has: the plugins its binary embeds and the plugin files it can
//! load, read from the binary itself ([`probe`]), and the check of a section against them
//! ([`Installed::check`]).
//!
//! The binary ([`Uwsgi`], found by [`Uwsgi::locate`]) is run twice, the way
//! [`Uwsgi::run`] runs it (no `UWSGI_*` variable, stdin from `/dev/null`, its process group
//! killed if it takes longer than [`PROBE_TIMEOUT`]):
//!
//! * `uwsgi --cflags` prints the flags it was built with and exits at once: its version and
//!   plugin directory (`-DUWSGI_PLUGIN_DIR`);
//! * `uwsgi --plugins-list --hook-pre-jail "callint:_exit 42"` lists the plugins loaded at
//!   startup (with no `plugin` line: the embedded ones), then stops at its first hook,
//!   before it jails, drops privileges or binds anything (measured on 2.0.21: the list comes
//!   before the `pre-jail` hooks, after the `asap` ones).

use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::time::Duration;
use std::{fmt, fs, io};

use super::binary::Uwsgi;
use uwsgiconf_core::__private::{directives, error as new_error, ValueRef};
use uwsgiconf_core::options::key;
use uwsgiconf_core::plugins::provider_of;
use uwsgiconf_core::Section;
use uwsgiconf_core::{Problem, ProblemKind};

/// How long one run of the binary may take before it is killed.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(10);

/// What [`probe`] found in an installed uWSGI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// The version it reports (`2.0.21-debian`).
    pub version: String,
    /// Where it loads plugins named without a path from (`/usr/lib/uwsgi/plugins`), if its
    /// build says.
    pub plugin_dir: Option<PathBuf>,
    /// The plugins its binary embeds, by the names uWSGI gives them (`http`, `python`).
    pub embedded: Vec<String>,
    /// The plugins it can load from [`Installed::plugin_dir`]: the `*_plugin.so` files there,
    /// by the name a `plugin` line gives (`http` for `http_plugin.so`), sorted.
    pub loadable: Vec<String>,
}

/// Why [`probe`] could not read an installed uWSGI.
#[derive(Debug)]
pub enum ProbeError {
    /// The binary could not be run, or its output read.
    Run(io::Error),
    /// It ran longer than [`PROBE_TIMEOUT`] and was killed.
    Timeout,
    /// It did not answer as uWSGI does: what it printed is kept.
    Unexpected {
        /// Its exit status.
        status: ExitStatus,
        /// What it printed on stdout and stderr.
        output: String,
    },
}

impl fmt::Display for ProbeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProbeError::Run(error) => write!(f, "could not run uWSGI: {error}"),
            ProbeError::Timeout => write!(
                f,
                "uWSGI did not answer within {} s and was killed",
                PROBE_TIMEOUT.as_secs()
            ),
            ProbeError::Unexpected { status, output } => {
                write!(f, "uWSGI did not answer as expected ({status}): {output}")
            }
        }
    }
}

impl std::error::Error for ProbeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ProbeError::Run(error) => Some(error),
            _ => None,
        }
    }
}

/// Reads what the uWSGI binary `uwsgi` has: its version, plugin directory, embedded plugins
/// and loadable plugin files (see the [module](self) for how).
///
/// ```no_run
/// use uwsgiconf_deploy::{binary::Uwsgi, plugins::probe};
/// use uwsgiconf_core::{PluginsParams, Section};
///
/// let installed = probe(&Uwsgi::locate().unwrap()).unwrap();
/// let mut section = Section::new();
/// section
///     .set_embedded_plugins(installed.embedded.clone())
///     .set_plugins_params(PluginsParams::new().plugins("http"))
///     .set_option("http", "127.0.0.1:8080");
/// installed.check(&section).unwrap();
/// ```
pub fn probe(uwsgi: &Uwsgi) -> Result<Installed, ProbeError> {
    let (status, cflags) = run(uwsgi, &["--cflags"])?;
    let version = flag(&cflags, "UWSGI_VERSION");
    let Some(version) = version.filter(|_| status.success()) else {
        return Err(ProbeError::Unexpected {
            status,
            output: cflags,
        });
    };
    let plugin_dir = flag(&cflags, "UWSGI_PLUGIN_DIR").map(PathBuf::from);

    let (status, listing) = run(
        uwsgi,
        &["--plugins-list", "--hook-pre-jail", "callint:_exit 42"],
    )?;
    let embedded = match (status.code(), plugins_listed(&listing)) {
        (Some(42), Some(embedded)) => embedded,
        _ => {
            return Err(ProbeError::Unexpected {
                status,
                output: listing,
            })
        }
    };
    let loadable = match &plugin_dir {
        Some(dir) => plugin_files(dir).map_err(ProbeError::Run)?,
        None => Vec::new(),
    };
    Ok(Installed {
        version,
        plugin_dir,
        embedded,
        loadable,
    })
}

impl Installed {
    /// Whether `plugin`, as a `plugin` line names it (`http`, `python3`, or a path), is
    /// embedded or has its file in the plugin directory.
    pub fn has(&self, plugin: &str) -> bool {
        if plugin.contains('/') {
            return Path::new(plugin).is_file();
        }
        self.loadable.iter().any(|name| name == plugin)
            || self.embedded.iter().any(|name| name == plugin)
    }

    /// Checks a section against this install: every plugin its lines load must be embedded
    /// or loadable here (a `plugin` line for a missing file only logs, and the plugin's
    /// options are then refused), and every option from a plugin must be loaded or embedded
    /// (the section is rendered with this install's embedded plugins).
    ///
    /// Plugin names given by variables are not checked.
    pub fn check(&self, section: &Section) -> Result<(), uwsgiconf_core::Error> {
        let mut section = section.clone();
        let mut embedded: Vec<String> = section.embedded_plugins().to_vec();
        embedded.extend(self.embedded.iter().cloned());
        section.set_embedded_plugins(embedded);
        let mut problems = match section.to_ini() {
            Ok(_) => Vec::new(),
            Err(error) => error.into_problems(),
        };
        let loaders = [
            key::PLUGIN,
            key::PLUGINS,
            key::NEED_PLUGIN,
            key::NEED_PLUGINS,
        ];
        for directive in directives(&section) {
            if !loaders
                .iter()
                .any(|loader| std::ptr::eq(loader.spec(), directive.spec))
            {
                continue;
            }
            let Some(value) = directive.value else {
                continue;
            };
            let Some(text) = value.as_literal() else {
                continue;
            };
            for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                if !self.has(name) {
                    problems.push(self.not_installed(name, directive.origin, value));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(new_error(problems))
        }
    }

    fn not_installed(&self, name: &str, origin: &str, value: ValueRef<'_>) -> Problem {
        let provider = provider_of(name);
        let same_plugin: Vec<&str> = self
            .loadable
            .iter()
            .map(String::as_str)
            .filter(|other| provider_of(other) == provider)
            .collect();
        let dir = self.plugin_dir.as_deref().map_or_else(
            || "its plugin directory".to_string(),
            |d| d.display().to_string(),
        );
        let fix = if same_plugin.is_empty() {
            format!(
                "install the plugin (Debian: the uwsgi-plugin-* package that ships \
                 {name}_plugin.so), or give its directory with search_dirs"
            )
        } else {
            format!(
                "this install has it as {}: load that name",
                same_plugin.join(" or ")
            )
        };
        Problem::new(
            ProblemKind::MissingPlugin,
            origin,
            format!(
                "plugin `{name}` is neither embedded in uWSGI {} nor a file of {dir}: uWSGI \
                 would log that it cannot load it, and refuse or ignore its options",
                self.version
            ),
        )
        .with_value(value.to_string())
        .with_fix(fix)
    }
}

/// Runs `uwsgi args` as the module says, returning its status and everything it printed.
fn run(uwsgi: &Uwsgi, args: &[&str]) -> Result<(ExitStatus, String), ProbeError> {
    let finished = uwsgi.run(args, PROBE_TIMEOUT).map_err(ProbeError::Run)?;
    if finished.timed_out {
        return Err(ProbeError::Timeout);
    }
    Ok((finished.status, finished.log()))
}

/// The value of `-DNAME="\"value\""` in `uwsgi --cflags`.
fn flag(cflags: &str, name: &str) -> Option<String> {
    let prefix = format!("-D{name}=");
    cflags.split_whitespace().find_map(|word| {
        let value = word.strip_prefix(&prefix)?;
        let value = value.trim_matches('"').trim_matches('\\').trim_matches('"');
        Some(value.to_string())
    })
}

/// The plugins between `*** uWSGI loaded generic plugins ***` and `--- end of plugins list
/// ---`: generic ones by name, request ones as `modifier: name`.
fn plugins_listed(output: &str) -> Option<Vec<String>> {
    let start = output.find("*** uWSGI loaded generic plugins ***")?;
    let rest = &output[start..];
    let end = rest.find("--- end of plugins list ---")?;
    Some(
        rest[..end]
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("***"))
            .map(|line| match line.split_once(": ") {
                Some((modifier, name)) if modifier.bytes().all(|b| b.is_ascii_digit()) => {
                    name.trim()
                }
                _ => line,
            })
            .map(str::to_string)
            .collect(),
    )
}

/// The `<name>_plugin.so` files of `dir`, by name, sorted; none if it does not exist.
fn plugin_files(dir: &Path) -> io::Result<Vec<String>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut names = Vec::new();
    for entry in entries {
        let file = entry?.file_name();
        if let Some(name) = file
            .to_str()
            .and_then(|f| f.strip_suffix("_plugin.so"))
            .filter(|n| !n.is_empty())
        {
            names.push(name.to_string());
        }
    }
    names.sort_unstable();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cflags_and_the_plugin_list() {
        let cflags = "-O2 -DUWSGI_VERSION=\"\\\"2.0.21-debian\\\"\" \
                      -DUWSGI_PLUGIN_DIR=\"\\\"/usr/lib/uwsgi/plugins\\\"\" -DUWSGI_SSL";
        assert_eq!(flag(cflags, "UWSGI_VERSION").unwrap(), "2.0.21-debian");
        assert_eq!(
            flag(cflags, "UWSGI_PLUGIN_DIR").unwrap(),
            "/usr/lib/uwsgi/plugins"
        );
        assert_eq!(flag(cflags, "UWSGI_NOPE"), None);

        let listing = "\n*** uWSGI loaded generic plugins ***\ncorerouter\nhttp\n\n\
                       *** uWSGI loaded request plugins ***\n100: ping\n111: cache\n\
                       --- end of plugins list ---\n\n*** Starting uWSGI";
        assert_eq!(
            plugins_listed(listing).unwrap(),
            ["corerouter", "http", "ping", "cache"]
        );
        let none = "*** uWSGI loaded generic plugins ***\n\n*** uWSGI loaded request plugins \
                    ***\n--- end of plugins list ---";
        assert!(plugins_listed(none).unwrap().is_empty());
        assert_eq!(plugins_listed("no list"), None);
    }
}
