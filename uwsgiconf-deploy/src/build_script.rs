//! For build scripts (`build.rs`): write a rendered configuration into `OUT_DIR` only when its
//! content changed, and tell Cargo which inputs the script read.
//!
//! ```no_run
//! // build.rs, with uwsgiconf in [build-dependencies] (`uwsgiconf::deploy::build_script`)
//! use uwsgiconf_deploy::build_script::{self, Inputs};
//! use uwsgiconf_core::Section;
//!
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // Declares build.rs and APP_PROCESSES: from now on, Cargo reruns this script only when
//!     // one of the declared inputs changes.
//!     let mut inputs = Inputs::new()?;
//!     let processes = inputs.env("APP_PROCESSES")?.unwrap_or_else(|| "4".into());
//!
//!     let mut section = Section::new();
//!     section.set_strict(true).set_option("master", true).set_option("processes", processes);
//!     let written = build_script::write_to_out_dir("app.ini", section.to_ini()?)?;
//!     assert!(written.path().ends_with("app.ini"));
//!     Ok(())
//! }
//! ```
//!
//! and in the crate: `const INI: &str = include_str!(concat!(env!("OUT_DIR"), "/app.ini"));`.
//!
//! # Rerun lines
//!
//! A build script that prints no `cargo:rerun-if-changed=` or `cargo:rerun-if-env-changed=`
//! line is run again whenever any file of its package changes. As soon as it prints one,
//! Cargo runs it again only when one of the printed inputs changes (or when the script itself
//! is rebuilt): every other input it reads must then be printed too, or a change to it is
//! silently missed. So the writing functions here print nothing; only [`Inputs`] prints, when
//! you use it, and it declares the build script itself first. Declare every file and
//! environment variable the script reads through it (or print their lines yourself).
//!
//! # Writing
//!
//! [`write_if_changed`] compares the file with the new content and leaves it alone (same
//! inode, same modification time) when they are equal, so that what watches the file (a
//! `touch-reload`, a deploy step comparing times) sees no change. Cargo itself recompiles
//! the package after every run of its build script, written or not (measured with Cargo
//! 1.95); the rerun lines are what spare that run. Otherwise it writes a temporary file in the same directory and renames it
//! over the target: a reader sees the old content or the new one, never a partial file.
//! Only the standard library is used (the `tempfile` crate would add eight crates to the
//! core's clean build, and half again its CPU time).

use std::ffi::OsString;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::replace::{replace_if_changed, Mtime};

/// A file written (or left as it was) by [`write_if_changed`] or [`write_to_out_dir`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    path: PathBuf,
    changed: bool,
}

impl Written {
    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file was written: it was missing or had another content. `false` means
    /// it already held exactly this content and was not touched.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// The path, taken out.
    pub fn into_path(self) -> PathBuf {
        self.path
    }
}

/// Why a build-script helper failed: what went wrong, and how to fix it (in `Display`).
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildScriptError {
    /// `OUT_DIR` is not set: Cargo sets it only for build scripts (and the crates that have
    /// one, while they compile).
    NotInBuildScript,
    /// A name for [`write_to_out_dir`] that is not a plain file name (empty, `.`, `..`, or
    /// holding a `/`).
    BadFileName(String),
    /// A path or variable name that a `cargo:` line cannot carry (a line break, or not
    /// UTF-8), or an empty one.
    Unprintable(String),
    /// An environment variable declared with [`Inputs::env`] holds text that is not UTF-8.
    NotUnicode {
        /// The variable.
        name: String,
        /// Its value.
        value: OsString,
    },
    /// A file operation failed.
    Io {
        /// What was being done (`read`, `write`, `rename`...).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

impl fmt::Display for BuildScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildScriptError::NotInBuildScript => f.write_str(
                "OUT_DIR is not set: this runs outside a build script; call it from build.rs \
                 (Cargo sets OUT_DIR there), or write to a path of your own with \
                 write_if_changed",
            ),
            BuildScriptError::BadFileName(name) => write!(
                f,
                "{name:?} is not a file name: give a name without `/` (not empty, `.` or `..`), \
                 or write elsewhere with write_if_changed"
            ),
            BuildScriptError::Unprintable(what) => write!(
                f,
                "{what:?} cannot be declared to Cargo: a `cargo:` line needs non-empty UTF-8 \
                 text without a line break; rename it"
            ),
            BuildScriptError::NotUnicode { name, value } => write!(
                f,
                "environment variable {name} is not UTF-8 ({value:?}); set it to UTF-8 text"
            ),
            BuildScriptError::Io {
                action,
                path,
                source,
            } => write!(f, "cannot {action} {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for BuildScriptError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildScriptError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> BuildScriptError {
    let path = path.to_path_buf();
    move |source| BuildScriptError::Io {
        action,
        path,
        source,
    }
}

/// The directory Cargo gives a build script for its output (`OUT_DIR`), or
/// [`BuildScriptError::NotInBuildScript`] when it is not set.
pub fn out_dir() -> Result<PathBuf, BuildScriptError> {
    out_dir_from(std::env::var_os("OUT_DIR"))
}

fn out_dir_from(value: Option<OsString>) -> Result<PathBuf, BuildScriptError> {
    match value {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => Err(BuildScriptError::NotInBuildScript),
    }
}

/// Writes `contents` into `OUT_DIR/<file_name>` unless that file already holds exactly
/// `contents` (see [`write_if_changed`]). Prints nothing: declare inputs with [`Inputs`].
///
/// The crate then embeds it with `include_str!(concat!(env!("OUT_DIR"), "/<file_name>"))`.
pub fn write_to_out_dir(
    file_name: &str,
    contents: impl AsRef<[u8]>,
) -> Result<Written, BuildScriptError> {
    if file_name.is_empty() || file_name == "." || file_name == ".." || file_name.contains('/') {
        return Err(BuildScriptError::BadFileName(file_name.to_string()));
    }
    write_if_changed(out_dir()?.join(file_name), contents)
}

/// Writes `contents` to `path` unless it already holds exactly `contents`; returns the path
/// and whether it was written.
///
/// An unchanged file is not touched (same inode, same modification time). A changed or new
/// file is written to a temporary file in the same directory, flushed to disk, and renamed
/// over `path`, so that no reader sees it half-written; it keeps the permissions of the file
/// it replaces (a new file gets the default ones). The directory must exist. A symbolic link
/// at `path` is replaced by the file, not followed.
///
/// ```
/// use uwsgiconf_deploy::build_script::write_if_changed;
///
/// let dir = std::env::temp_dir().join(format!("uwsgiconf-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("app.ini");
/// assert!(write_if_changed(&path, "[uwsgi]\nmaster = true\n")?.changed());
/// assert!(!write_if_changed(&path, "[uwsgi]\nmaster = true\n")?.changed());
/// assert!(write_if_changed(&path, "[uwsgi]\nprocesses = 2\n")?.changed());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_if_changed(
    path: impl AsRef<Path>,
    contents: impl AsRef<[u8]>,
) -> Result<Written, BuildScriptError> {
    let path = path.as_ref();
    if path.file_name().is_none() {
        return Err(BuildScriptError::BadFileName(path.display().to_string()));
    }
    let changed = replace_if_changed(path, contents.as_ref(), Mtime::Now).map_err(|e| {
        BuildScriptError::Io {
            action: e.action,
            path: e.path,
            source: e.source,
        }
    })?;
    Ok(Written {
        path: path.to_path_buf(),
        changed,
    })
}

/// The inputs of a build script, each declared to Cargo with a `cargo:rerun-if-*` line as it
/// is declared (see the [module documentation](self) for what the first such line changes).
///
/// [`Inputs::new`] declares the build script itself (`build.rs`), so that a script that reads
/// nothing else still runs only when it changes. Then [`Inputs::env`] reads an environment
/// variable and [`Inputs::read_to_string`] a file, declaring each; [`Inputs::file`] declares
/// a path read another way.
///
/// ```
/// use uwsgiconf_deploy::build_script::Inputs;
///
/// let mut lines = Vec::new();
/// let mut inputs = Inputs::to_writer(&mut lines, "build.rs")?;
/// let _ = inputs.env("APP_PROCESSES")?;
/// inputs.file("site/")?;
/// inputs.into_inner();
/// assert_eq!(
///     String::from_utf8(lines).unwrap(),
///     "cargo:rerun-if-changed=build.rs\n\
///      cargo:rerun-if-env-changed=APP_PROCESSES\n\
///      cargo:rerun-if-changed=site/\n"
/// );
/// # Ok::<(), uwsgiconf_deploy::build_script::BuildScriptError>(())
/// ```
pub struct Inputs<W: Write = io::Stdout> {
    out: W,
}

impl Inputs<io::Stdout> {
    /// Declares `build.rs` (the default build script, relative to the package) on standard
    /// output, where Cargo reads it. A script named otherwise (`package.build` in
    /// `Cargo.toml`) uses [`Inputs::with_script`].
    pub fn new() -> Result<Inputs<io::Stdout>, BuildScriptError> {
        Inputs::with_script("build.rs")
    }

    /// Declares the build script at `script` (relative to the package) on standard output.
    pub fn with_script(script: impl AsRef<Path>) -> Result<Inputs<io::Stdout>, BuildScriptError> {
        Inputs::to_writer(io::stdout(), script)
    }
}

impl<W: Write> Inputs<W> {
    /// Declares the build script at `script` into `out` instead of standard output (for
    /// tests, or to collect the lines).
    pub fn to_writer(out: W, script: impl AsRef<Path>) -> Result<Inputs<W>, BuildScriptError> {
        let mut inputs = Inputs { out };
        inputs.file(script)?;
        Ok(inputs)
    }

    /// Declares a file or directory the script reads (`cargo:rerun-if-changed=<path>`;
    /// relative paths are relative to the package, which is also the script's working
    /// directory). For a directory Cargo looks at every file under it.
    pub fn file(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, BuildScriptError> {
        let path = path.as_ref();
        let text = printable(path.as_os_str().to_str(), || path.display().to_string())?;
        self.line("rerun-if-changed", text, path)?;
        Ok(self)
    }

    /// Declares environment variable `name` (`cargo:rerun-if-env-changed=<name>`) and returns
    /// its value: `None` when it is not set.
    pub fn env(&mut self, name: &str) -> Result<Option<String>, BuildScriptError> {
        let name = printable(Some(name).filter(|n| !n.contains('=')), || name.to_string())?;
        self.line("rerun-if-env-changed", name, Path::new(name))?;
        match std::env::var_os(name) {
            None => Ok(None),
            Some(value) => {
                value
                    .into_string()
                    .map(Some)
                    .map_err(|value| BuildScriptError::NotUnicode {
                        name: name.to_string(),
                        value,
                    })
            }
        }
    }

    /// Declares the file at `path` (see [`Inputs::file`]) and reads it.
    pub fn read_to_string(&mut self, path: impl AsRef<Path>) -> Result<String, BuildScriptError> {
        let path = path.as_ref();
        self.file(path)?;
        fs::read_to_string(path).map_err(io_error("read", path))
    }

    /// Where the lines went.
    pub fn into_inner(self) -> W {
        self.out
    }

    fn line(&mut self, key: &str, value: &str, path: &Path) -> Result<(), BuildScriptError> {
        writeln!(self.out, "cargo:{key}={value}").map_err(io_error("print the input", path))
    }
}

/// The text of a path or name, if a `cargo:` line can carry it.
fn printable(text: Option<&str>, shown: impl FnOnce() -> String) -> Result<&str, BuildScriptError> {
    match text {
        Some(text) if !text.is_empty() && !text.contains(['\n', '\r']) => Ok(text),
        _ => Err(BuildScriptError::Unprintable(shown())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::sync::atomic::{AtomicU32, Ordering};

    /// A fresh directory under the system's temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(tag: &str) -> TempDir {
            static N: AtomicU32 = AtomicU32::new(0);
            let dir = std::env::temp_dir().join(format!(
                "uwsgiconf-build-script-{tag}-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_a_new_file_then_leaves_it_alone() {
        let dir = TempDir::new("same");
        let path = dir.0.join("app.ini");
        let first = write_if_changed(&path, "[uwsgi]\nmaster = true\n").unwrap();
        assert!(first.changed());
        assert_eq!(first.path(), path);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "[uwsgi]\nmaster = true\n"
        );
        let before = fs::metadata(&path).unwrap();
        // Coarse file-system clocks would hide a rewrite: wait past their granularity.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = write_if_changed(&path, b"[uwsgi]\nmaster = true\n").unwrap();
        assert!(!second.changed());
        let after = fs::metadata(&path).unwrap();
        assert_eq!(before.ino(), after.ino());
        assert_eq!(before.modified().unwrap(), after.modified().unwrap());
        assert_eq!(entries(&dir.0), ["app.ini"], "no temporary file is left");
    }

    #[test]
    fn a_change_replaces_the_file_by_rename_keeping_its_mode() {
        let dir = TempDir::new("change");
        let path = dir.0.join("app.ini");
        write_if_changed(&path, "old\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let before = fs::metadata(&path).unwrap();
        let written = write_if_changed(&path, "new\n").unwrap();
        assert!(written.changed());
        let after = fs::metadata(&path).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        // A new inode: the content was renamed into place, not rewritten in the old file.
        assert_ne!(before.ino(), after.ino());
        assert_eq!(after.permissions().mode() & 0o777, 0o640);
        assert_eq!(entries(&dir.0), ["app.ini"]);
    }

    #[test]
    fn a_missing_directory_is_an_error_and_leaves_nothing() {
        let dir = TempDir::new("missing");
        let error = write_if_changed(dir.0.join("nope/app.ini"), "x").unwrap_err();
        match &error {
            BuildScriptError::Io { action, path, .. } => {
                assert_eq!(*action, "create");
                assert!(path.starts_with(dir.0.join("nope")), "{path:?}");
            }
            other => panic!("{other:?}"),
        }
        assert!(error.to_string().starts_with("cannot create "), "{error}");
        assert!(entries(&dir.0).is_empty());
    }

    #[test]
    fn a_directory_in_the_way_is_an_error() {
        let dir = TempDir::new("dir");
        fs::create_dir(dir.0.join("app.ini")).unwrap();
        let error = write_if_changed(dir.0.join("app.ini"), "x").unwrap_err();
        assert!(
            matches!(error, BuildScriptError::Io { action: "read", .. }),
            "{error:?}"
        );
        assert_eq!(entries(&dir.0), ["app.ini"], "no temporary file is left");
    }

    #[test]
    fn out_dir_names_the_build_script_and_checks_the_name() {
        // Cargo may set OUT_DIR for the tests of a package with a build script: the
        // variable's value is given here instead.
        for unset in [None, Some(OsString::new())] {
            let error = out_dir_from(unset).unwrap_err();
            assert!(matches!(error, BuildScriptError::NotInBuildScript));
            assert!(
                error.to_string().contains("outside a build script"),
                "{error}"
            );
        }
        assert_eq!(
            out_dir_from(Some("/x/out".into())).unwrap(),
            PathBuf::from("/x/out")
        );
        for bad in ["", ".", "..", "a/b", "/etc/app.ini"] {
            assert!(
                matches!(
                    write_to_out_dir(bad, "x"),
                    Err(BuildScriptError::BadFileName(name)) if name == bad
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn inputs_print_one_line_each_in_order() {
        let mut lines = Vec::new();
        let mut inputs = Inputs::to_writer(&mut lines, "build/main.rs").unwrap();
        assert_eq!(
            inputs.env("UWSGICONF_TEST_SURELY_UNSET_VARIABLE").unwrap(),
            None
        );
        let path_value = inputs.env("PATH").unwrap();
        assert_eq!(path_value, std::env::var("PATH").ok());
        inputs.file("site").unwrap().file("conf/a b.txt").unwrap();
        inputs.into_inner();
        assert_eq!(
            String::from_utf8(lines).unwrap(),
            "cargo:rerun-if-changed=build/main.rs\n\
             cargo:rerun-if-env-changed=UWSGICONF_TEST_SURELY_UNSET_VARIABLE\n\
             cargo:rerun-if-env-changed=PATH\n\
             cargo:rerun-if-changed=site\n\
             cargo:rerun-if-changed=conf/a b.txt\n"
        );
    }

    #[test]
    fn inputs_read_files_and_refuse_what_cargo_cannot_read() {
        let dir = TempDir::new("inputs");
        let file = dir.0.join("site.txt");
        fs::write(&file, "hello").unwrap();
        let mut lines = Vec::new();
        let mut inputs = Inputs::to_writer(&mut lines, "build.rs").unwrap();
        assert_eq!(inputs.read_to_string(&file).unwrap(), "hello");
        let missing = inputs
            .read_to_string(dir.0.join("missing.txt"))
            .unwrap_err();
        assert!(matches!(
            missing,
            BuildScriptError::Io { action: "read", .. }
        ));
        for bad in ["a\nb", "", "A=B"] {
            assert!(
                matches!(inputs.env(bad), Err(BuildScriptError::Unprintable(_))),
                "{bad:?}"
            );
        }
        assert!(matches!(
            inputs.file("a\nb"),
            Err(BuildScriptError::Unprintable(_))
        ));
        assert!(matches!(
            inputs.file(""),
            Err(BuildScriptError::Unprintable(_))
        ));
        inputs.into_inner();
        // The refused inputs printed nothing; a missing file is still declared (it may appear).
        let text = String::from_utf8(lines).unwrap();
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(text.ends_with("missing.txt\n"), "{text}");
    }
}
