//! The main-process options group: uwsgiconf's `MainProcess`, method for method.

use crate::actions::{is_c_symbol, IntoActions};
use crate::error::{Blame, Problem, ProblemKind};
use crate::options::{key, Key};
pub(crate) mod owner;

use self::owner::{DropAfter, OwnerParams};
use super::params::params;
use super::{ConfigRule, Group, Rule};
use crate::dsl::{ItemSpec, Kind, Param, Receiver, I32, U32};
use crate::value::{IntoValues, Value};
use crate::{Phase, Section};

impl Section {
    /// The options group of uWSGI's main process (uwsgiconf's `MainProcess`).
    pub fn main_process(&mut self) -> MainProcess<'_> {
        MainProcess::new(self)
    }
}

/// The main-process group: the owner rules are its own.
pub(crate) const GROUP: Group = Group {
    name: "main_process",
    items: ITEMS,
    rules: &[
        Rule {
            name: "owner ids",
            watches: &owner::OWNER_OPTIONS,
            check: owner::check_ids,
        },
        Rule {
            name: "owner in blocks and variables",
            watches: &owner::OWNER_OPTIONS,
            check: owner::check_section,
        },
    ],
    config_rules: &[ConfigRule {
        name: "owner in a section uWSGI reads",
        check: owner::check_config,
    }],
};

params! {
    /// Parameters of [`MainProcess::set_basic_params`].
    pub struct BasicParams {
        /// Reload uWSGI when one of these files is modified (`touch-reload`).
        touch_reload: Values,
        /// Process priority, `nice` style (`prio`).
        priority: Option<i32>,
        /// Remove generated files and sockets on exit (`vacuum`).
        vacuum: Option<bool>,
        /// The uWSGI binary to use on reload (`binary-path`).
        binary_path: Text,
        /// Keep stdin open instead of remapping it to /dev/null (`honour-stdin`).
        honour_stdin: Option<bool>,
    }
}

params! {
    /// Parameters of [`MainProcess::set_memory_params`].
    pub struct MemoryParams {
        /// Scan for identical pages every N master cycles with Linux KSM (`ksm`).
        ksm_interval: Option<u32>,
        /// Lock all memory so it never swaps (`never-swap`).
        no_swap: Option<bool>,
    }
}

params! {
    /// Parameters of [`MainProcess::daemonize`].
    pub struct DaemonizeParams {
        /// Daemonize after the apps are loaded (`daemonize2`).
        after_app_loading: bool,
    }
}

params! {
    /// Parameters of [`MainProcess::change_dir`].
    pub struct ChangeDirParams {
        /// Change directory after the apps are loaded (`chdir2`).
        after_app_loading: bool,
    }
}

params! {
    /// Parameters of [`MainProcess::set_on_exit_params`].
    pub struct OnExitParams {
        /// Make processes other than the master skip atexit hooks (`skip-atexit`).
        skip_hooks: Option<bool>,
        /// Skip the atexit teardown of plugins (`skip-atexit-teardown`).
        skip_teardown: Option<bool>,
    }
}

params! {
    /// Parameters of [`MainProcess::set_naming_params`].
    pub struct NamingParams {
        /// Name processes automatically (`auto-procname`).
        autonaming: Option<bool>,
        /// Prefix of process names (`procname-prefix`; `procname-prefix-spaced` when it ends
        /// with a space).
        prefix: Text,
        /// Suffix of process names (`procname-append`).
        suffix: Text,
        /// Process name (`procname`).
        name: Text,
    }
}

/// Parameters of [`MainProcess::run_command_on_event`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RunOnEventParams {
    /// When to run (`asap` by default). Only eleven phases have an `exec-` form.
    pub phase: Phase,
}

impl Default for RunOnEventParams {
    fn default() -> Self {
        RunOnEventParams { phase: Phase::Asap }
    }
}

impl RunOnEventParams {
    /// Runs at `asap`.
    pub fn new() -> Self {
        Self::default()
    }

    /// When to run.
    pub fn phase(mut self, phase: Phase) -> Self {
        self.phase = phase;
        self
    }
}

/// Parameters of [`MainProcess::set_pid_file`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PidFileParams {
    /// Write the file before privileges are dropped (`pidfile`); otherwise after
    /// (`pidfile2`). True by default.
    pub before_priv_drop: bool,
    /// Write to a temporary file and rename it (`safe-pidfile`, `safe-pidfile2`).
    pub safe: bool,
}

impl Default for PidFileParams {
    fn default() -> Self {
        PidFileParams {
            before_priv_drop: true,
            safe: false,
        }
    }
}

impl PidFileParams {
    /// Before privileges drop, not safe.
    pub fn new() -> Self {
        Self::default()
    }

    /// Write before (true) or after (false) privileges are dropped.
    pub fn before_priv_drop(mut self, yes: bool) -> Self {
        self.before_priv_drop = yes;
        self
    }

    /// Write through a temporary file.
    pub fn safe(mut self, yes: bool) -> Self {
        self.safe = yes;
        self
    }
}

/// The main-process options of a [`Section`], from [`Section::main_process`].
///
/// Methods are those of uwsgiconf's `MainProcess`, with the same parameter names. Each
/// records directives and returns `&mut Self` for chaining; problems surface when the section
/// is rendered.
///
/// ```
/// use uwsgiconf_core::{Action, Phase, PidFileParams, Section};
///
/// let mut section = Section::new();
/// section
///     .main_process()
///     .set_pid_file("/run/app.pid", PidFileParams::new().before_priv_drop(false))
///     .change_dir("/srv/app", Default::default())
///     .set_hook(Phase::PreApp, [Action::printout("loading"), Action::dir_create("/run/app")]);
/// assert_eq!(
///     section.to_ini().unwrap(),
///     "[uwsgi]\npidfile2 = /run/app.pid\nchdir = /srv/app\n\
///      hook-pre-app = print:loading\nhook-pre-app = mkdir:/run/app\n"
/// );
/// ```
#[derive(Debug)]
pub struct MainProcess<'s> {
    section: &'s mut Section,
}

impl<'s> MainProcess<'s> {
    pub(crate) fn new(section: &'s mut Section) -> Self {
        MainProcess { section }
    }

    /// The section the options are written to.
    pub fn section(&mut self) -> &mut Section {
        self.section
    }

    fn non_empty(
        &mut self,
        origin: &'static str,
        param: &'static str,
        value: &Value,
        call: usize,
    ) -> bool {
        if value.is_empty() {
            self.section.problem(
                Problem::new(
                    ProblemKind::EmptyValue,
                    origin,
                    format!("`{param}` is empty, and uWSGI fails on an empty value"),
                )
                .with_fix(format!("give `{param}` a value"))
                .with_blame(Blame::param(param)),
                call,
            );
            return false;
        }
        true
    }

    fn no_space(
        &mut self,
        origin: &'static str,
        param: &'static str,
        value: &Value,
        call: usize,
    ) -> bool {
        if value.literal_contains(' ') {
            self.section.problem(
                Problem::new(
                    ProblemKind::SpaceInPath,
                    origin,
                    format!("`{param}` contains a space, but uWSGI splits this directive at the first space"),
                )
                .with_value(value.to_string())
                .with_fix("use a path without spaces (a symlink can help)")
                .with_blame(Blame::param(param)),
                call,
            );
            return false;
        }
        self.non_empty(origin, param, value, call)
    }

    /// Hands the value of each action to `put`, in order, after recording the action's
    /// problems (no vector of actions or values is made).
    fn hook_actions(
        &mut self,
        origin: &'static str,
        actions: impl IntoActions,
        call: usize,
        mut put: impl FnMut(&mut Section, Value),
    ) {
        let section = &mut *self.section;
        let mut index = 0;
        actions.for_each_action(&mut |action| {
            let (value, problems) = action.into_value();
            for problem in problems {
                let origin = format!("{origin}: {}", problem.origin());
                let mut moved = Problem::new(problem.kind(), origin, problem.message())
                    .with_blame(problem.blame().in_action(index));
                if let Some(value) = problem.value() {
                    moved = moved.with_value(value);
                }
                if let Some(fix) = problem.fix() {
                    moved = moved.with_fix(fix);
                }
                section.problem(moved, call);
            }
            put(section, value);
            index += 1;
        });
    }

    /// uwsgiconf's `set_basic_params`: touch-reload files, priority, vacuum, binary path,
    /// stdin.
    ///
    /// ```
    /// use uwsgiconf_core::{BasicParams, Section};
    ///
    /// let mut section = Section::new();
    /// section.main_process().set_basic_params(BasicParams::new().touch_reload(["/a", "/b"]).priority(3));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\ntouch-reload = /a\ntouch-reload = /b\nprio = 3\n");
    /// ```
    pub fn set_basic_params(&mut self, params: BasicParams) -> &mut Self {
        const ORIGIN: &str = "set_basic_params";
        let call = self.section.next_call();
        for path in params.touch_reload {
            if self.non_empty(ORIGIN, "touch_reload", &path, call) {
                self.section
                    .put_value(key::TOUCH_RELOAD, path, ORIGIN, call);
            }
        }
        if let Some(priority) = params.priority {
            self.section
                .put_value(key::PRIO, priority.into(), ORIGIN, call);
        }
        if let Some(vacuum) = params.vacuum {
            self.section.put_flag(key::VACUUM, vacuum, ORIGIN, call);
        }
        if let Some(path) = params.binary_path {
            if self.non_empty(ORIGIN, "binary_path", &path, call) {
                self.section.put_value(key::BINARY_PATH, path, ORIGIN, call);
            }
        }
        if let Some(honour) = params.honour_stdin {
            self.section
                .put_flag(key::HONOUR_STDIN, honour, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `set_memory_params`: KSM and swap. Writes `never-swap` (uwsgiconf's
    /// `never_swap` is silently ignored by uWSGI).
    ///
    /// ```
    /// use uwsgiconf_core::{MemoryParams, Section};
    ///
    /// let mut section = Section::new();
    /// section.main_process().set_memory_params(MemoryParams::new().ksm_interval(10).no_swap(true));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nksm = 10\nnever-swap = true\n");
    /// assert_eq!(section.to_args().unwrap(), ["--ksm=10", "--never-swap"]);
    /// ```
    pub fn set_memory_params(&mut self, params: MemoryParams) -> &mut Self {
        const ORIGIN: &str = "set_memory_params";
        let call = self.section.next_call();
        if let Some(interval) = params.ksm_interval {
            self.section
                .put_value(key::KSM, interval.into(), ORIGIN, call);
        }
        if let Some(no_swap) = params.no_swap {
            self.section
                .put_flag(key::NEVER_SWAP, no_swap, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `daemonize`: detach and log into a file or UDP address (`daemonize`, or
    /// `daemonize2` after the apps load).
    pub fn daemonize(&mut self, log_into: impl Into<Value>, params: DaemonizeParams) -> &mut Self {
        const ORIGIN: &str = "daemonize";
        let call = self.section.next_call();
        let log_into = log_into.into();
        if self.non_empty(ORIGIN, "log_into", &log_into, call) {
            let key = if params.after_app_loading {
                key::DAEMONIZE2
            } else {
                key::DAEMONIZE
            };
            self.section.put_value(key, log_into, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `change_dir`: the working directory (`chdir`, or `chdir2` after the apps
    /// load).
    pub fn change_dir(&mut self, to: impl Into<Value>, params: ChangeDirParams) -> &mut Self {
        const ORIGIN: &str = "change_dir";
        let call = self.section.next_call();
        let to = to.into();
        if self.non_empty(ORIGIN, "to", &to, call) {
            let key = if params.after_app_loading {
                key::CHDIR2
            } else {
                key::CHDIR
            };
            self.section.put_value(key, to, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `set_owner_params`: the user and groups to run as.
    ///
    /// The renderer refuses what uWSGI would get wrong: `uid` without `gid` (the root group
    /// is kept), `add-gid` without `gid` (ignored), root as the user or a group unless
    /// [`OwnerParams::allow_root`], ids holding variables unless
    /// [`OwnerParams::allow_variable_ids`], and owner directives uWSGI may skip (inside an
    /// `if-*`/`for*` block). With `set_asap`, `immediate-gid` is written before
    /// `immediate-uid` (the other order cannot work).
    ///
    /// ```
    /// use uwsgiconf_core::{OwnerParams, Section};
    ///
    /// let mut section = Section::new();
    /// section.main_process().set_owner_params(OwnerParams::new().uid(1001).gid(1002).set_asap(true));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nimmediate-gid = 1002\nimmediate-uid = 1001\n");
    /// ```
    pub fn set_owner_params(&mut self, params: OwnerParams) -> &mut Self {
        const ORIGIN: &str = "set_owner_params";
        let call = self.section.next_call();
        if params.allow_root {
            self.section.allow_root();
        }
        if params.allow_variable_ids {
            self.section.allow_variable_ids();
        }
        let (uid_key, gid_key) = if params.set_asap {
            (key::IMMEDIATE_UID, key::IMMEDIATE_GID)
        } else {
            (key::UID, key::GID)
        };
        let mut ids = Vec::new();
        if let Some(uid) = params.uid {
            ids.push((uid_key, uid.into_value(), "uid"));
        }
        if let Some(gid) = params.gid {
            ids.push((gid_key, gid.into_value(), "gid"));
        }
        if params.set_asap {
            // uWSGI needs root to setgid(), so the gid must come first.
            ids.reverse();
        }
        for (key, value, param) in ids {
            if self.non_empty(ORIGIN, param, &value, call) {
                self.section.put_value(key, value, ORIGIN, call);
            }
        }
        for gid in params.add_gids {
            let value = gid.into_value();
            if self.non_empty(ORIGIN, "add_gids", &value, call) {
                self.section.put_value(key::ADD_GID, value, ORIGIN, call);
            }
        }
        match params.drop_after {
            Some(DropAfter::Init) => {
                self.section
                    .put_flag(key::DROP_AFTER_INIT, true, ORIGIN, call)
            }
            Some(DropAfter::Apps) => {
                self.section
                    .put_flag(key::DROP_AFTER_APPS, true, ORIGIN, call)
            }
            None => {}
        }
        self
    }

    /// uwsgiconf's `get_owner`: the uid and gid set so far (immediate or not). With
    /// `default`, a missing one is the current process's.
    ///
    /// ```
    /// use uwsgiconf_core::{OwnerParams, Section};
    ///
    /// let mut section = Section::new();
    /// section.main_process().set_owner_params(OwnerParams::new().uid("www").gid("grp"));
    /// assert_eq!(section.main_process().get_owner(false), (Some("www".into()), Some("grp".into())));
    /// assert_eq!(Section::new().main_process().get_owner(false), (None, None));
    /// ```
    pub fn get_owner(&self, default: bool) -> (Option<String>, Option<String>) {
        let find = |keys: [Key; 2]| {
            keys.into_iter()
                .find_map(|key| self.section.first_value(key))
                .map(|value| value.to_string())
        };
        let uid = find([key::UID, key::IMMEDIATE_UID]);
        let gid = find([key::GID, key::IMMEDIATE_GID]);
        if !default {
            return (uid, gid);
        }
        let (current_uid, current_gid) = owner::current_ids();
        (
            uid.or(current_uid.map(|id| id.to_string())),
            gid.or(current_gid.map(|id| id.to_string())),
        )
    }

    /// uwsgiconf's `set_hook`: actions to run in a phase (`hook-<phase>`).
    ///
    /// `Phase::AsEmperorSetns` lines must start with the namespaces to enter
    /// (`net,mnt exec:...`), which an action alone lacks: the renderer refuses them, so
    /// write such lines whole with `Section::add_option`.
    ///
    /// ```
    /// use uwsgiconf_core::{Action, Phase, Section};
    ///
    /// let mut section = Section::new();
    /// section.main_process().set_hook(Phase::ASAP, ["print:a", "mkdir:/tmp/x"]);
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nhook-asap = print:a\nhook-asap = mkdir:/tmp/x\n");
    /// ```
    pub fn set_hook(&mut self, phase: Phase, actions: impl IntoActions) -> &mut Self {
        const ORIGIN: &str = "set_hook";
        let call = self.section.next_call();
        let key = phase.hook_key();
        self.hook_actions(ORIGIN, actions, call, |section, value| {
            section.put_value(key, value, ORIGIN, call);
        });
        self
    }

    /// uwsgiconf's `set_hook_touch`: actions to run when a file is touched (`hook-touch`).
    /// Writes `master = true` too, which `hook-touch` needs and does not turn on itself.
    ///
    /// ```
    /// use uwsgiconf_core::{Action, Section};
    ///
    /// let mut section = Section::new();
    /// section.main_process().set_hook_touch("/srv/stop", Action::exit(0));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nhook-touch = /srv/stop exit:0\nmaster = true\n");
    /// ```
    pub fn set_hook_touch(
        &mut self,
        fpath: impl Into<Value>,
        actions: impl IntoActions,
    ) -> &mut Self {
        const ORIGIN: &str = "set_hook_touch";
        let call = self.section.next_call();
        let fpath = fpath.into();
        let path_ok = self.no_space(ORIGIN, "fpath", &fpath, call);
        self.hook_actions(ORIGIN, actions, call, |section, action| {
            if path_ok {
                let mut line = fpath.clone();
                line.push_str(" ");
                line.push(action);
                section.put_value(key::HOOK_TOUCH, line, ORIGIN, call);
            }
        });
        self
    }

    /// uwsgiconf's `set_hook_after_request`: C functions called after every request
    /// (`after-request-hook`).
    pub fn set_hook_after_request(&mut self, func: impl IntoValues) -> &mut Self {
        const ORIGIN: &str = "set_hook_after_request";
        let call = self.section.next_call();
        for (index, func) in func.into_values().into_iter().enumerate() {
            if let Some(text) = func.as_literal() {
                if !is_c_symbol(text) {
                    self.section.problem(
                        Problem::new(
                            ProblemKind::NotASymbol,
                            ORIGIN,
                            "uWSGI looks after-request hooks up with dlsym(): a C symbol, not an action",
                        )
                        .with_value(text)
                        .with_fix("give the name of a C function, such as `my_after_request`")
                        .with_blame(Blame::param("func").at_entry(index)),
                        call,
                    );
                    continue;
                }
            }
            self.section
                .put_value(key::AFTER_REQUEST_HOOK, func, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `set_on_exit_params` (`skip-atexit`, `skip-atexit-teardown`).
    pub fn set_on_exit_params(&mut self, params: OnExitParams) -> &mut Self {
        const ORIGIN: &str = "set_on_exit_params";
        let call = self.section.next_call();
        if let Some(skip) = params.skip_hooks {
            self.section.put_flag(key::SKIP_ATEXIT, skip, ORIGIN, call);
        }
        if let Some(skip) = params.skip_teardown {
            self.section
                .put_flag(key::SKIP_ATEXIT_TEARDOWN, skip, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `run_command_on_event`: shell commands run in a phase (`exec-<phase>`).
    /// Only eleven phases have an `exec-` form; for the others use
    /// `set_hook(phase, Action::execute(..))`.
    ///
    /// ```
    /// use uwsgiconf_core::{Phase, RunOnEventParams, Section};
    ///
    /// let mut section = Section::new();
    /// section.main_process().run_command_on_event(["date", "id"], RunOnEventParams::new().phase(Phase::PreApp));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nexec-pre-app = date\nexec-pre-app = id\n");
    /// ```
    pub fn run_command_on_event(
        &mut self,
        command: impl IntoValues,
        params: RunOnEventParams,
    ) -> &mut Self {
        const ORIGIN: &str = "run_command_on_event";
        let call = self.section.next_call();
        let phase = params.phase;
        let Some(key) = phase.exec_key() else {
            self.section.problem(
                Problem::new(
                    ProblemKind::NoExecForm,
                    ORIGIN,
                    format!(
                        "uWSGI has no `exec-{phase}`: only eleven phases run commands this way"
                    ),
                )
                .with_value(phase.uwsgi_name())
                .with_fix(format!(
                    "use set_hook(Phase::{}, Action::execute(..)) instead",
                    phase.const_name()
                ))
                .with_blame(Blame::param("phase")),
                call,
            );
            return self;
        };
        command.for_each_value(&mut |command| {
            if self.non_empty(ORIGIN, "command", &command, call) {
                self.section.put_value(key, command, ORIGIN, call);
            }
        });
        self
    }

    /// uwsgiconf's `run_command_on_touch`: shell commands run when a file is touched
    /// (`touch-exec`), one line per command.
    pub fn run_command_on_touch(
        &mut self,
        command: impl IntoValues,
        target: impl Into<Value>,
    ) -> &mut Self {
        const ORIGIN: &str = "run_command_on_touch";
        let call = self.section.next_call();
        let target = target.into();
        let target_ok = self.no_space(ORIGIN, "target", &target, call);
        for command in command.into_values() {
            if target_ok && self.non_empty(ORIGIN, "command", &command, call) {
                let mut line = target.clone();
                line.push_str(" ");
                line.push(command);
                self.section.put_value(key::TOUCH_EXEC, line, ORIGIN, call);
            }
        }
        self
    }

    /// uwsgiconf's `set_pid_file`: `pidfile`, `pidfile2` (after privileges drop),
    /// `safe-pidfile`, `safe-pidfile2`.
    pub fn set_pid_file(&mut self, fpath: impl Into<Value>, params: PidFileParams) -> &mut Self {
        const ORIGIN: &str = "set_pid_file";
        let call = self.section.next_call();
        let fpath = fpath.into();
        if self.non_empty(ORIGIN, "fpath", &fpath, call) {
            let key = match (params.safe, params.before_priv_drop) {
                (false, true) => key::PIDFILE,
                (false, false) => key::PIDFILE2,
                (true, true) => key::SAFE_PIDFILE,
                (true, false) => key::SAFE_PIDFILE2,
            };
            self.section.put_value(key, fpath, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `set_naming_params`: process names. A prefix ending with a space is
    /// written with `procname-prefix-spaced`, which adds that space back.
    ///
    /// ```
    /// use uwsgiconf_core::{NamingParams, Section};
    ///
    /// let mut section = Section::new();
    /// section.main_process().set_naming_params(NamingParams::new().autonaming(true).prefix("app "));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nauto-procname = true\nprocname-prefix-spaced = app\n");
    /// ```
    pub fn set_naming_params(&mut self, params: NamingParams) -> &mut Self {
        const ORIGIN: &str = "set_naming_params";
        let call = self.section.next_call();
        if let Some(on) = params.autonaming {
            self.section.put_flag(key::AUTO_PROCNAME, on, ORIGIN, call);
        }
        if let Some(prefix) = params.prefix {
            match strip_one_trailing_space(&prefix) {
                Some(stripped) => {
                    self.section
                        .put_value(key::PROCNAME_PREFIX_SPACED, stripped, ORIGIN, call)
                }
                None => self
                    .section
                    .put_value(key::PROCNAME_PREFIX, prefix, ORIGIN, call),
            }
        }
        if let Some(suffix) = params.suffix {
            self.section
                .put_value(key::PROCNAME_APPEND, suffix, ORIGIN, call);
        }
        if let Some(name) = params.name {
            self.section.put_value(key::PROCNAME, name, ORIGIN, call);
        }
        self
    }
}

/// The value without its final space, when it ends with literal text ending in a space.
fn strip_one_trailing_space(value: &Value) -> Option<Value> {
    use crate::value::Part;
    let (last, rest) = value.parts().split_last()?;
    let Part::Literal(text) = last else {
        return None;
    };
    let stripped = text.strip_suffix(' ')?;
    let mut out = Value::default();
    for part in rest {
        out.push(Value::from_part(part.clone()));
    }
    out.push(stripped);
    Some(out)
}

const MAIN_PROCESS: Receiver = Receiver::Group("main_process");

/// The group's items in the macro language (`owner(..)`, `hook(..)`...), written without a
/// group name; each calls the method it names.
const ITEMS: &[ItemSpec] = &[
    ItemSpec {
        name: "basic",
        receiver: MAIN_PROCESS,
        method: "set_basic_params",
        params_type: Some("BasicParams"),
        params: &[
            Param::setter("touch_reload", Kind::Values, &["touch-reload"]),
            Param::setter("priority", I32, &["prio"]),
            Param::setter("vacuum", Kind::Bool, &["vacuum"]),
            Param::setter("binary_path", Kind::Text, &["binary-path"]),
            Param::setter("honour_stdin", Kind::Bool, &["honour-stdin"]),
        ],
        doc: "reload on touch, priority, vacuum, binary path, stdin",
        apply: |s, a| {
            s.main_process().set_basic_params(BasicParams::from_args(a));
        },
    },
    ItemSpec {
        name: "memory",
        receiver: MAIN_PROCESS,
        method: "set_memory_params",
        params_type: Some("MemoryParams"),
        params: &[
            Param::setter("ksm_interval", U32, &["ksm"]),
            Param::setter("no_swap", Kind::Bool, &["never-swap"]),
        ],
        doc: "Linux KSM and swap",
        apply: |s, a| {
            s.main_process()
                .set_memory_params(MemoryParams::from_args(a));
        },
    },
    ItemSpec {
        name: "daemonize",
        receiver: MAIN_PROCESS,
        method: "daemonize",
        params_type: Some("DaemonizeParams"),
        params: &[
            Param::arg("log_into", Kind::Text, &["daemonize"]),
            Param::setter("after_app_loading", Kind::Bool, &["daemonize2"]),
        ],
        doc: "detach, logging into a file or UDP address",
        apply: |s, a| {
            s.main_process()
                .daemonize(a.text("log_into"), DaemonizeParams::from_args(a));
        },
    },
    ItemSpec {
        name: "change_dir",
        receiver: MAIN_PROCESS,
        method: "change_dir",
        params_type: Some("ChangeDirParams"),
        params: &[
            Param::arg("to", Kind::Text, &["chdir"]),
            Param::setter("after_app_loading", Kind::Bool, &["chdir2"]),
        ],
        doc: "the working directory",
        apply: |s, a| {
            s.main_process()
                .change_dir(a.text("to"), ChangeDirParams::from_args(a));
        },
    },
    ItemSpec {
        name: "owner",
        receiver: MAIN_PROCESS,
        method: "set_owner_params",
        params_type: Some("OwnerParams"),
        params: &[
            Param::setter("uid", Kind::Id, &["uid", "immediate-uid"]),
            Param::setter("gid", Kind::Id, &["gid", "immediate-gid"]),
            Param::setter("add_gids", Kind::Ids, &["add-gid"]),
            Param::setter("set_asap", Kind::Bool, &["immediate-uid", "immediate-gid"]),
            Param::setter(
                "drop_after",
                Kind::DropAfter,
                &["drop-after-init", "drop-after-apps"],
            ),
            Param::setter("allow_root", Kind::Bool, &[]),
            Param::setter("allow_variable_ids", Kind::Bool, &[]),
        ],
        doc: "the user and groups to run as",
        apply: |s, a| {
            s.main_process().set_owner_params(OwnerParams::from_args(a));
        },
    },
    ItemSpec {
        name: "hook",
        receiver: MAIN_PROCESS,
        method: "set_hook",
        params_type: None,
        params: &[
            Param::arg("phase", Kind::Phase, &[]),
            Param::arg("actions", Kind::Actions, &["hook-<phase>"]),
        ],
        doc: "actions run in a phase",
        apply: |s, a| {
            let phase = a.get("phase").unwrap_or(Phase::Asap);
            s.main_process().set_hook(phase, a.actions("actions"));
        },
    },
    ItemSpec {
        name: "hook_touch",
        receiver: MAIN_PROCESS,
        method: "set_hook_touch",
        params_type: None,
        params: &[
            Param::arg("fpath", Kind::Text, &["hook-touch", "master"]),
            Param::arg("actions", Kind::Actions, &[]),
        ],
        doc: "actions run when a file is touched",
        apply: |s, a| {
            s.main_process()
                .set_hook_touch(a.text("fpath"), a.actions("actions"));
        },
    },
    ItemSpec {
        name: "hook_after_request",
        receiver: MAIN_PROCESS,
        method: "set_hook_after_request",
        params_type: None,
        params: &[Param::arg("func", Kind::Values, &["after-request-hook"])],
        doc: "C functions called after every request",
        apply: |s, a| {
            s.main_process().set_hook_after_request(a.values("func"));
        },
    },
    ItemSpec {
        name: "on_exit",
        receiver: MAIN_PROCESS,
        method: "set_on_exit_params",
        params_type: Some("OnExitParams"),
        params: &[
            Param::setter("skip_hooks", Kind::Bool, &["skip-atexit"]),
            Param::setter("skip_teardown", Kind::Bool, &["skip-atexit-teardown"]),
        ],
        doc: "what exiting processes skip",
        apply: |s, a| {
            s.main_process()
                .set_on_exit_params(OnExitParams::from_args(a));
        },
    },
    ItemSpec {
        name: "run_command_on_event",
        receiver: MAIN_PROCESS,
        method: "run_command_on_event",
        params_type: Some("RunOnEventParams"),
        params: &[
            Param::arg("command", Kind::Values, &["exec-<phase>"]),
            Param::setter("phase", Kind::Phase, &[]),
        ],
        doc: "shell commands run in a phase (asap by default)",
        apply: |s, a| {
            let mut params = RunOnEventParams::new();
            if let Some(phase) = a.get("phase") {
                params = params.phase(phase);
            }
            s.main_process()
                .run_command_on_event(a.values("command"), params);
        },
    },
    ItemSpec {
        name: "run_command_on_touch",
        receiver: MAIN_PROCESS,
        method: "run_command_on_touch",
        params_type: None,
        params: &[
            Param::arg("command", Kind::Values, &["touch-exec"]),
            Param {
                positional: false,
                ..Param::arg("target", Kind::Text, &[])
            },
        ],
        doc: "shell commands run when a file is touched",
        apply: |s, a| {
            s.main_process()
                .run_command_on_touch(a.values("command"), a.text("target"));
        },
    },
    ItemSpec {
        name: "pid_file",
        receiver: MAIN_PROCESS,
        method: "set_pid_file",
        params_type: Some("PidFileParams"),
        params: &[
            Param::arg("fpath", Kind::Text, &["pidfile"]),
            Param::setter("before_priv_drop", Kind::Bool, &["pidfile2"]),
            Param::setter("safe", Kind::Bool, &["safe-pidfile", "safe-pidfile2"]),
        ],
        doc: "the pid file, written before or after privileges drop",
        apply: |s, a| {
            let mut params = PidFileParams::new();
            if let Some(yes) = a.get("before_priv_drop") {
                params = params.before_priv_drop(yes);
            }
            if let Some(yes) = a.get("safe") {
                params = params.safe(yes);
            }
            s.main_process().set_pid_file(a.text("fpath"), params);
        },
    },
    ItemSpec {
        name: "naming",
        receiver: MAIN_PROCESS,
        method: "set_naming_params",
        params_type: Some("NamingParams"),
        params: &[
            Param::setter("autonaming", Kind::Bool, &["auto-procname"]),
            Param::setter(
                "prefix",
                Kind::Text,
                &["procname-prefix", "procname-prefix-spaced"],
            ),
            Param::setter("suffix", Kind::Text, &["procname-append"]),
            Param::setter("name", Kind::Text, &["procname"]),
        ],
        doc: "process names",
        apply: |s, a| {
            s.main_process()
                .set_naming_params(NamingParams::from_args(a));
        },
    },
];
