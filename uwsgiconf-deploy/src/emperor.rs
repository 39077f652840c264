//! The Emperor: a directory of vassal files ([`VassalDir`]), written so that the emperor
//! never reads half a file. The emperor's own options are an option group like the others:
//! [`Section::empire`](uwsgiconf_core::Section::empire) (uwsgiconf's `Section.empire`).
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

use uwsgiconf_core::__private::error as new_error;
use uwsgiconf_core::{Config, Section};
use uwsgiconf_core::{Problem, ProblemKind};

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

    fn render(self, config: &Config) -> Result<String, uwsgiconf_core::Error> {
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
/// use uwsgiconf_deploy::emperor::{VassalDir, VassalFormat};
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
    Config(uwsgiconf_core::Error),
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
    /// ([`EmperorParams::vassals_home`](uwsgiconf_core::empire::EmperorParams::vassals_home)).
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
    fn render(&self) -> Result<Vec<(String, String)>, uwsgiconf_core::Error> {
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
            Err(new_error(problems))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::process;
    use std::time::{SystemTime, UNIX_EPOCH};
    use uwsgiconf_core::ProblemKind;

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
}
