//! Who uWSGI runs as: uid, gid, supplementary groups and when privileges drop; and the owner
//! rules that need the directives in the order the user gave them (see also [`check_ids`]).

use crate::error::{Problem, ProblemKind};
use crate::options::{key, Key, OptionSpec};
use crate::section::{Config, Directive, Section};
use crate::validate::{Groups, Line};
use crate::value::{IntoValues, Value, ValueRef};

/// A user or group: a name (`www-data`) or a numeric id.
///
/// ```
/// use uwsgiconf_core::Id;
///
/// assert_eq!(Id::from(33).into_value().to_string(), "33");
/// assert_eq!(Id::from("www-data").into_value().to_string(), "www-data");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Id {
    /// A numeric id.
    Number(u32),
    /// A name, resolved by uWSGI when it drops privileges (or a variable such as `$(USER)`).
    Name(Value),
}

impl Id {
    /// The id as written in the config.
    pub fn into_value(self) -> Value {
        match self {
            Id::Number(number) => Value::from(number),
            Id::Name(name) => name,
        }
    }
}

impl From<u32> for Id {
    fn from(number: u32) -> Id {
        Id::Number(number)
    }
}

impl From<&str> for Id {
    fn from(name: &str) -> Id {
        Id::Name(Value::from(name))
    }
}

impl From<String> for Id {
    fn from(name: String) -> Id {
        Id::Name(Value::from(name))
    }
}

impl From<&String> for Id {
    fn from(name: &String) -> Id {
        Id::Name(Value::from(name))
    }
}

impl From<Value> for Id {
    fn from(name: Value) -> Id {
        Id::Name(name)
    }
}

/// When privileges drop, if not as soon as possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DropAfter {
    /// After the plugins are initialised (`drop-after-init`).
    Init,
    /// After the apps are loaded (`drop-after-apps`).
    Apps,
}

/// Parameters of [`MainProcess::set_owner_params`](crate::MainProcess::set_owner_params).
///
/// ```
/// use uwsgiconf_core::{DropAfter, OwnerParams};
///
/// let params = OwnerParams::new().uid("www-data").gid("www-data").add_gids(["docker", "1001"]).drop_after(DropAfter::Apps);
/// assert_eq!(params.add_gids.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OwnerParams {
    /// The user to run as (`uid`, or `immediate-uid` with `set_asap`).
    pub uid: Option<Id>,
    /// The group to run as (`gid`, or `immediate-gid` with `set_asap`).
    pub gid: Option<Id>,
    /// Supplementary groups (`add-gid`), replacing those of the user.
    pub add_gids: Vec<Id>,
    /// Drop privileges while the config is read (`immediate-uid`/`immediate-gid`).
    pub set_asap: bool,
    /// Drop privileges later than usual.
    pub drop_after: Option<DropAfter>,
    /// Accept `root` as the user or a group (`uid`, `gid`, `add-gid`; not a uwsgiconf
    /// parameter: running as root is refused unless asked for).
    pub allow_root: bool,
    /// Accept owner values that hold variables (`$(USER)`, `@(file)`, `%(name)`, `%x`),
    /// which uWSGI expands when it starts: the crate cannot check them, and with `USER=root`
    /// `uid = $(USER)` runs as root. Refused unless asked for (not a uwsgiconf parameter).
    pub allow_variable_ids: bool,
}

impl OwnerParams {
    /// Every parameter unset.
    pub fn new() -> Self {
        Self::default()
    }

    /// The user to run as.
    pub fn uid(mut self, uid: impl Into<Id>) -> Self {
        self.uid = Some(uid.into());
        self
    }

    /// The group to run as.
    pub fn gid(mut self, gid: impl Into<Id>) -> Self {
        self.gid = Some(gid.into());
        self
    }

    /// Supplementary groups: one, or an array or `Vec` of names and numbers as values.
    pub fn add_gids(mut self, gids: impl IntoValues) -> Self {
        self.add_gids
            .extend(gids.into_values().into_iter().map(Id::Name));
        self
    }

    /// Drop privileges while the config is read.
    pub fn set_asap(mut self, yes: bool) -> Self {
        self.set_asap = yes;
        self
    }

    /// Drop privileges after init or after the apps load.
    pub fn drop_after(mut self, when: DropAfter) -> Self {
        self.drop_after = Some(when);
        self
    }

    /// Accept running as root.
    pub fn allow_root(mut self, yes: bool) -> Self {
        self.allow_root = yes;
        self
    }

    /// Accept owner values that hold variables, which the crate cannot check (they may name
    /// root when uWSGI starts). For every owner value of the section, `add_option("uid",
    /// ..)` and `set` included.
    ///
    /// ```
    /// use uwsgiconf_core::{OwnerParams, ProblemKind, Section, Value};
    ///
    /// let owner = OwnerParams::new().uid(Value::env("APP_USER")).gid(Value::env("APP_GROUP"));
    /// let mut section = Section::new();
    /// section.main_process().set_owner_params(owner.clone());
    /// let problems = section.to_ini().unwrap_err().into_problems();
    /// assert!(problems.iter().all(|p| p.kind() == ProblemKind::RunsAsRoot));
    ///
    /// let mut section = Section::new();
    /// section.main_process().set_owner_params(owner.allow_variable_ids(true));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nuid = $(APP_USER)\ngid = $(APP_GROUP)\n");
    /// ```
    pub fn allow_variable_ids(mut self, yes: bool) -> Self {
        self.allow_variable_ids = yes;
        self
    }

    /// The params a macro `owner(..)` item gives.
    pub(crate) fn from_args(args: &crate::dsl::Args<'_>) -> Self {
        let mut params = OwnerParams::new();
        if let Some(uid) = args.get::<Id>("uid") {
            params = params.uid(uid);
        }
        if let Some(gid) = args.get::<Id>("gid") {
            params = params.gid(gid);
        }
        if let Some(gids) = args.get::<Vec<Value>>("add_gids") {
            params = params.add_gids(gids);
        }
        if let Some(yes) = args.get("set_asap") {
            params = params.set_asap(yes);
        }
        if let Some(when) = args.get("drop_after") {
            params = params.drop_after(when);
        }
        if let Some(yes) = args.get("allow_root") {
            params = params.allow_root(yes);
        }
        if let Some(yes) = args.get("allow_variable_ids") {
            params = params.allow_variable_ids(yes);
        }
        params
    }
}

/// The current process's user and group ids, where the platform tells them without `unsafe`
/// (Linux: the owner of `/proc/self`, i.e. the effective ids).
pub(crate) fn current_ids() -> (Option<u32>, Option<u32>) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = std::fs::metadata("/proc/self") {
            return (Some(meta.uid()), Some(meta.gid()));
        }
    }
    (None, None)
}

/// The options that decide who uWSGI runs as.
pub(crate) const OWNER_OPTIONS: [Key; 5] = [
    key::UID,
    key::GID,
    key::ADD_GID,
    key::IMMEDIATE_UID,
    key::IMMEDIATE_GID,
];

fn is_owner(spec: &'static OptionSpec) -> bool {
    OWNER_OPTIONS.iter().any(|key| key.is(spec))
}

fn value_text(section: &Section, directive: &Directive) -> String {
    match section.value_of(directive) {
        None => "true".into(),
        Some(value) => value.to_string(),
    }
}

/// The owner rules on a section's directives, in the order they were recorded (the order
/// uWSGI reads them in); measured on uWSGI 2.0.21:
/// - `add-gid = root` adds group 0 (`groups=65534(nogroup),0(root)`): it needs allow_root,
///   like `gid`; a numeric 0 is read as a name and fails ("unable to find group 0");
/// - a variable in an owner value is expanded when uWSGI starts (`uid = $(USER)` with
///   `USER=root` ran as root): refused without allow_variable_ids;
/// - an owner directive inside an `if-*`/`for*` block is skipped when the condition is false
///   (`if-exists = /nonexistent`, `uid`, `gid`, `endif` ran as root).
pub(crate) fn check_section(
    section: &Section,
    _: &[Section],
    _: &Groups<'_>,
    problems: &mut Vec<Problem>,
) {
    let mut block: Option<&'static str> = None;
    for directive in section.directives() {
        let spec = directive.spec();
        if spec.closes_block() {
            block = None;
            continue;
        }
        if spec.opens_block() {
            block = Some(spec.name());
            continue;
        }
        if !is_owner(spec) {
            continue;
        }
        let problem = |message: String, fix: &str| {
            Problem::new(
                ProblemKind::RunsAsRoot,
                section.origin_of(directive),
                message,
            )
            .with_value(value_text(section, directive))
            .with_fix(fix)
            .with_call(Some(directive.call()))
            .with_blame(crate::Blame::line(
                directive.spec().name(),
                directive.entry(),
            ))
        };
        if let Some(opener) = block {
            problems.push(problem(
                format!(
                    "`{}` is inside an `{opener}` block, which uWSGI skips when its condition \
                     is false (or its list is empty): uWSGI would then keep root's ids",
                    spec.name()
                ),
                "set the owner outside config-logic blocks (before the `if-*`/`for*` or after \
                 its `endif`/`endfor`)",
            ));
        }
        let Some(value) = section.value_of(directive) else {
            continue;
        };
        if value.has_variables() && !section.variable_ids_allowed() {
            problems.push(problem(
                format!(
                    "`{}` holds a variable, which uWSGI expands when it starts: the crate \
                     cannot check that it does not name root",
                    spec.name()
                ),
                "write the id out, or accept the variable with allow_variable_ids \
                 (OwnerParams::allow_variable_ids(true), or allow_variable_ids = true in \
                 owner(..))",
            ));
        }
        if !key::ADD_GID.is(spec) {
            // uid, gid and the immediate ids: see check_ids.
            continue;
        }
        match value.as_literal() {
            Some(text) if !text.is_empty() && text.bytes().all(|b| b == b'0') => {
                problems.push(problem(
                    "uWSGI reads an add-gid of 0 as a name and fails (\"unable to find group 0\")"
                        .into(),
                    "use an unprivileged group; to add root's group write the name `root` \
                     with allow_root",
                ));
            }
            Some("root") if !section.root_allowed() => problems.push(problem(
                "adding root's group (`add-gid = root`) gives uWSGI group 0".into(),
                "use an unprivileged group, or say allow_root = true",
            )),
            _ => {}
        }
    }
}

fn sets_owner(section: &Section) -> bool {
    section.directives().iter().any(|d| is_owner(d.spec()))
}

fn sets_user(section: &Section) -> bool {
    section
        .directives()
        .iter()
        .any(|d| key::UID.is(d.spec()) || key::IMMEDIATE_UID.is(d.spec()))
}

/// The owner rule across the sections of one file: `uwsgi --ini file` (`load` is the option,
/// `ini`) reads the section named `[uwsgi]` (and, with autoinclude, the sections it
/// includes), so an owner set only in another section never applies and uWSGI keeps root's
/// ids. `origin` is the renderer (`Config::to_ini`).
pub(crate) fn check_config(config: &Config, origin: &str, load: &str) -> Vec<Problem> {
    let sections = config.sections();
    let mut problems = Vec::new();
    let chained = config.is_autoinclude() && sections.first().is_some_and(|s| s.name() == "uwsgi");
    let read = |index: usize| sections[index].name() == "uwsgi" || (chained && index > 0);
    let read_sets_user = (0..sections.len())
        .filter(|&i| read(i))
        .any(|i| sets_user(&sections[i]) || sections[i].root_allowed());
    for (index, section) in sections.iter().enumerate() {
        if !read(index) && !read_sets_user && sets_owner(section) {
            problems.push(
                Problem::new(
                    ProblemKind::RunsAsRoot,
                    origin,
                    format!(
                        "the owner is set in section `{}`, which `uwsgi --{load} file` does \
                         not read (it reads `[uwsgi]`): uWSGI would run as root",
                        section.name()
                    ),
                )
                .with_value(section.name())
                .with_fix(
                    "set the owner in the `[uwsgi]` section, or make `[uwsgi]` the first \
                     section and include the others (Config::autoinclude)",
                ),
            );
        }
    }
    problems
}

/// uid/gid rules measured on uWSGI 2.0.21 (see the crate docs): a numeric 0 is read as a
/// *name* and fails, `uid` without `gid` keeps the root group, `add-gid` needs `gid`.
pub(crate) fn check_ids(
    section: &Section,
    _: &[Section],
    groups: &Groups<'_>,
    problems: &mut Vec<Problem>,
) {
    let find = |key: Key| groups.iter().find(|g| key.is(g[0].spec())).map(|g| &g[0]);
    let uid = find(key::UID);
    let gid = find(key::GID);
    let immediate_uid = find(key::IMMEDIATE_UID);
    let immediate_gid = find(key::IMMEDIATE_GID);

    let mut push = |line: &Line<'_>, kind, message: &str, fix: &str| {
        problems.push(
            Problem::new(kind, line.origin(), message)
                .with_value(line.value().map(|v| v.to_string()).unwrap_or_default())
                .with_fix(fix)
                .with_call(line.call())
                .with_blame(line.blame()),
        );
    };

    // An immediate gid also drops the root group (setgid + setgroups(0) while parsing).
    if let (Some(uid), None) = (uid, gid.or(immediate_gid)) {
        push(
            uid,
            ProblemKind::UidWithoutGid,
            "uid without gid: uWSGI would keep the root group",
            "set gid too",
        );
    }
    if let (Some(uid), None) = (immediate_uid, immediate_gid) {
        push(
            uid,
            ProblemKind::UidWithoutGid,
            "immediate uid without immediate gid: uWSGI would keep the root group",
            "set gid too (with set_asap, both are immediate)",
        );
    }
    for (late, immediate, what) in [(uid, immediate_uid, "uid"), (gid, immediate_gid, "gid")] {
        if let (Some(late), Some(_)) = (late, immediate) {
            push(
                late,
                ProblemKind::Conflict,
                &format!("{what} is set both immediately and at privilege drop"),
                "set the owner once, with or without set_asap",
            );
        }
    }
    if let (Some(add), None) = (find(key::ADD_GID), gid) {
        push(
            add,
            ProblemKind::AddGidWithoutGid,
            "add-gid without gid: uWSGI ignores it (an immediate gid does not count)",
            "set gid too, without set_asap",
        );
    }

    for (line, what, immediate) in [
        (uid, "user", false),
        (immediate_uid, "user", true),
        (gid, "group", false),
        (immediate_gid, "group", true),
    ] {
        let Some(line) = line else { continue };
        let Some(text) = line.value().and_then(ValueRef::as_literal) else {
            continue;
        };
        if !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit())
            && text.bytes().all(|b| b == b'0')
        {
            push(
                line,
                ProblemKind::RunsAsRoot,
                &format!(
                    "uWSGI reads a {what} id of 0 as a name and fails (\"{what} 0 not found\")"
                ),
                "use an unprivileged id; to stay root write the name `root` with allow_root",
            );
        } else if text == "root" && immediate {
            push(
                line,
                ProblemKind::RunsAsRoot,
                &format!(
                    "uWSGI refuses root as an immediate {what} (\"invalid {} 0\")",
                    if what == "user" { "uid" } else { "gid" }
                ),
                "use an unprivileged id, or drop set_asap",
            );
        } else if text == "root" && !section.root_allowed() {
            push(
                line,
                ProblemKind::RunsAsRoot,
                &format!("running uWSGI with root as its {what} is unsafe"),
                "use an unprivileged id, or say allow_root = true",
            );
        }
    }
}
