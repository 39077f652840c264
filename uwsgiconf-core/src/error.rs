//! Errors: every problem a configuration has, found in one pass.

use std::fmt;

/// What kind of mistake a [`Problem`] reports; stable, for matching in code and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The option name is not in uWSGI's option catalogue.
    UnknownOption,
    /// The option exists, but not in the configured [`Target`](crate::Target).
    UnavailableOption,
    /// A switch (flag) was given a value, or an option that needs a value was given a bool.
    WrongValueType,
    /// A single-valued option was set twice with different values, under one name or under
    /// two of its aliases (names uWSGI gives one setting: `processes` and `workers`; see
    /// [`OptionSpec::aliases`](crate::options::OptionSpec::aliases)), or an option whose setter
    /// adds to what it holds set twice anywhere.
    ///
    /// uWSGI keeps the value it reads last, under whichever name, and says nothing. Measured
    /// on uWSGI 2.0.21 in strict mode: `processes = 2` then `workers = 4` spawns 4 workers,
    /// the other order 2, and `--show-config` lists both lines; `stats` then `stats-server`
    /// serves stats on the second address only. Equal values are no conflict and are written
    /// once (`processes = 2` with `workers = 2` spawns 2 workers). A value in an `if-*` or
    /// `for` block may replace one set outside it (`processes = 2`, then `workers = 3` in a
    /// block whose condition holds, spawns 3).
    ///
    /// Where the setter adds to what it holds ([`OptionSpec::accumulates`]), no line replaces
    /// another, so a second line is refused wherever it is: `chmod-socket = 666`, `print`,
    /// then `chmod = 600` makes the socket mode 6600 (setuid and setgid), and a mode inside a
    /// `for` block is added once per item.
    ///
    /// `set_option` replaces an earlier value under any of the names, so the conflict comes
    /// from values added (`add_option`, the typed methods):
    ///
    /// ```
    /// use uwsgiconf_core::{ProblemKind, Section};
    ///
    /// let mut section = Section::new();
    /// section.add_option("processes", 2).add_option("workers", 4);
    /// let problems = section.to_ini().unwrap_err().into_problems();
    /// assert_eq!(problems[0].kind(), ProblemKind::Conflict);
    /// assert_eq!(problems[0].fix(), Some("set one of `processes` and `workers`, once"));
    ///
    /// section.set_option("workers", 2);
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nworkers = 2\n");
    /// ```
    ///
    /// [`OptionSpec::accumulates`]: crate::options::OptionSpec::accumulates
    Conflict,
    /// The phase exists, but not in the configured [`Target`](crate::Target).
    UnavailablePhase,
    /// `exec-<phase>` does not exist for that phase.
    NoExecForm,
    /// The phase or action name is unknown.
    UnknownName,
    /// `uid` without `gid`: uWSGI would keep the root group.
    UidWithoutGid,
    /// `add-gid` without `gid`: uWSGI ignores it.
    AddGidWithoutGid,
    /// Running as root (`uid`, `gid` or `add-gid` root) without `allow_root`, an id uWSGI
    /// cannot take, an id the crate cannot check (a variable, without `allow_variable_ids`),
    /// or an owner uWSGI may skip (inside an `if-*`/`for*` block, or in a section a plain
    /// `uwsgi --ini file` does not read).
    RunsAsRoot,
    /// A value where uWSGI splits at the first space contains a space.
    SpaceInPath,
    /// `mount` with a file system but no source.
    MountWithoutSource,
    /// A mount or unmount flag uWSGI does not know (it would exit).
    UnknownMountFlag,
    /// A `chmod` mode that is not three octal digits.
    BadMode,
    /// Not a C symbol where uWSGI calls `dlsym()`.
    NotASymbol,
    /// A value that cannot be written in the output format (newline, NUL, trailing blank...).
    Unrepresentable,
    /// A `$(..)`, `@(..)` or `%(..)` variable that uWSGI cannot expand there.
    MisplacedVariable,
    /// An empty value where uWSGI would fail (`chdir =`, `pidfile =`...).
    EmptyValue,
    /// A value of the wrong shape (a number expected, a bad name...).
    InvalidValue,
    /// The installed uWSGI refused the configuration (see
    /// `uwsgiconf::deploy::check`), for a reason no other kind names.
    RejectedByUwsgi,
    /// An option that acts while uWSGI reads the configuration (signals another instance,
    /// runs a program, builds or extracts files), which a check will not run.
    ActsWhileRead,
    /// An option from a uWSGI plugin that no earlier line loads (and that the section does
    /// not declare embedded): uWSGI would refuse or ignore it. Also a plugin an installed
    /// uWSGI has neither embedded nor as a file
    /// (`uwsgiconf::deploy::plugins::Installed::check`).
    MissingPlugin,
}

/// One thing wrong with a configuration: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    kind: ProblemKind,
    origin: String,
    value: Option<String>,
    message: String,
    fix: Option<String>,
    call: Option<usize>,
    location: Option<String>,
    blame: Blame,
}

/// Which piece of a call a [`Problem`] is about, recorded where the problem is found, so that
/// a tool (the `uwsgi_config!` macro) can point at it without reading the message.
///
/// Parameter names are uwsgiconf's, the same in the methods and in the macro.
///
/// ```
/// use uwsgiconf_core::{OwnerParams, Section};
///
/// let mut section = Section::new();
/// section
///     .main_process()
///     .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data").add_gids(["adm", "root"]));
/// let error = section.to_ini().unwrap_err();
/// let blame = error.problems()[0].blame();
/// assert_eq!(blame.option(), Some("add-gid"));
/// assert_eq!(blame.entry(), Some(1)); // the second `add-gid` line the call wrote
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Blame {
    option: Option<&'static str>,
    entry: Option<usize>,
    param: Option<&'static str>,
    action: Option<usize>,
}

impl Blame {
    /// About the `entry`-th line of directive `option` that the call wrote (0 for the first).
    pub(crate) fn line(option: &'static str, entry: usize) -> Blame {
        Blame {
            option: Some(option),
            entry: Some(entry),
            ..Blame::default()
        }
    }

    /// About directive `option`, without saying which of its lines.
    pub(crate) fn of_option(option: &'static str) -> Blame {
        Blame {
            option: Some(option),
            ..Blame::default()
        }
    }

    /// About parameter `param` of the method (or of the action, with [`Blame::action`]).
    pub(crate) fn param(param: &'static str) -> Blame {
        Blame {
            param: Some(param),
            ..Blame::default()
        }
    }

    /// The directive the problem is about (`uid`).
    pub fn option(&self) -> Option<&'static str> {
        self.option
    }

    /// Which of the call's lines of that directive (0 for the first), or which entry of the
    /// parameter's list.
    pub fn entry(&self) -> Option<usize> {
        self.entry
    }

    /// The parameter the problem is about (`uid`; `mode` for a `chmod` action).
    pub fn parameter(&self) -> Option<&'static str> {
        self.param
    }

    /// For a problem of a hook action, which action of the call's list (0 for the first).
    pub fn action(&self) -> Option<usize> {
        self.action
    }

    /// The same blame, naming the parameter too (for a caller that has one by that name).
    pub(crate) fn with_param(self, param: &'static str) -> Blame {
        Blame {
            param: Some(param),
            ..self
        }
    }

    /// The same blame, about the `index`-th entry of the parameter's list.
    pub(crate) fn at_entry(self, index: usize) -> Blame {
        Blame {
            entry: Some(index),
            ..self
        }
    }

    /// The same blame, about the `index`-th action of a list.
    pub(crate) fn in_action(self, index: usize) -> Blame {
        Blame {
            action: Some(index),
            ..self
        }
    }
}

impl Problem {
    /// A problem of `kind` found in `origin` (a method or a directive), described by `message`.
    pub fn new(kind: ProblemKind, origin: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            kind,
            origin: origin.into(),
            value: None,
            message: message.into(),
            fix: None,
            call: None,
            location: None,
            blame: Blame::default(),
        }
    }

    /// Records which piece of the call it is about (see [`Blame`]).
    pub(crate) fn with_blame(mut self, blame: Blame) -> Self {
        self.blame = blame;
        self
    }

    /// Which piece of the call it is about.
    pub fn blame(&self) -> &Blame {
        &self.blame
    }

    /// Names the offending value.
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// Says how to fix it.
    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        let fix = fix.into();
        self.fix = (!fix.is_empty()).then_some(fix);
        self
    }

    /// Records which call on the [`Section`](crate::Section) produced it (see [`Problem::call`]).
    pub fn with_call(mut self, call: Option<usize>) -> Self {
        self.call = call;
        self
    }

    /// Names the `uwsgi_config!` item that made the call (`owner`), where it is written
    /// (`file:line:col`), and the fix in the macro's words.
    pub(crate) fn at_item(mut self, item: &str, location: &str, fix: Option<String>) -> Self {
        self.origin = item.to_string();
        self.location = Some(location.to_string());
        self.fix = fix;
        self
    }

    /// What kind of mistake this is.
    pub fn kind(&self) -> ProblemKind {
        self.kind
    }

    /// The method (`set_owner_params`) or directive (`uid`) where it was found; for a section
    /// built by `uwsgi_config!`, the item as written (`owner`).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The offending value, as the user gave it.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where the `uwsgi_config!` item that caused it is written (`src/main.rs:4:5`), for
    /// problems found when rendering a section the macro built from run-time values.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// How to fix it, when there is something to say.
    pub fn fix(&self) -> Option<&str> {
        self.fix.as_deref()
    }

    /// The index of the call on the section (0 for its first method call) whose directive
    /// has the problem. The `uwsgi_config!` macro uses it to point at the offending item.
    pub fn call(&self) -> Option<usize> {
        self.call
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(f, "{}: ", self.origin)?;
        if let Some(value) = &self.value {
            write!(f, "{value:?}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(fix) = &self.fix {
            write!(f, "; {fix}")?;
        }
        Ok(())
    }
}

/// Everything wrong with a configuration, returned by the renderers.
///
/// It always holds at least one [`Problem`]; its `Display` shows one per line.
///
/// ```
/// use uwsgiconf_core::{ProblemKind, Section};
///
/// let mut section = Section::new();
/// section.set_option("never_swap", true).set_option("pidfil", "/run/app.pid");
/// let error = section.to_ini().unwrap_err();
/// assert_eq!(error.problems().len(), 2);
/// assert!(error.problems().iter().all(|p| p.kind() == ProblemKind::UnknownOption));
/// assert!(error.to_string().contains("did you mean `never-swap`?"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    /// Wraps a non-empty list of problems.
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        debug_assert!(!problems.is_empty());
        Error { problems }
    }

    /// Every problem found, in the order of the section's directives.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Takes the problems out.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "invalid uWSGI configuration: {one}"),
            many => {
                write!(f, "invalid uWSGI configuration ({} problems):", many.len())?;
                for problem in many {
                    write!(f, "\n  - {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}
