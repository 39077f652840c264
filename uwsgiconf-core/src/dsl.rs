//! The grammar of uwsgiconf's declarative macros, `uwsgi_config!` and `uwsgi_ini!`, and the
//! machinery they check it with.
//!
//! This module is the single source of truth of the macro language:
//!
//! * [`ITEMS`]: every item (`owner(..)`, `hook(..)`...), the [`Section`] or
//!   [`MainProcess`](crate::MainProcess) method it calls, and its parameters with their
//!   [`Kind`], how each reaches the method ([`Pass`]) and which uWSGI directives it writes;
//! * [`ACTIONS`]: every hook action constructor of [`Action`], its arguments and its flags;
//! * [`bind_item`] / [`bind_action`]: matching written arguments to parameters (unknown,
//!   duplicated, missing or ill-typed arguments become [`Diagnostic`]s);
//! * [`apply`]: calls the same typed method a generated program calls, from literal values,
//!   so that validation and rendering are this crate's, at compile time;
//! * [`check`]: the whole compile-time pass over a macro invocation: bind, apply, render to
//!   INI, and map every [`Problem`] back to the piece of the invocation that caused it.
//!
//! The macro crate parses Rust tokens into [`Item`]s (numbering every piece with a [`Loc`] it
//! can map back to a span), calls [`check`], and generates code from the same tables. The
//! tables can also be read to document the language, as the `uwsgiconf` crate does. What the
//! generated code needs at run time is not here: it is in a hidden support module.
//!
//! Every function here is total: whatever it is given (hand-made specs and values of any
//! shape included), it reports problems and never panics.
//!
//! ```
//! use uwsgiconf_core::dsl::{self, Arg, Item, Val, ValKind};
//!
//! // pid_file("/run/app.pid", safe = true), as the macro hands it over:
//! let item = Item {
//!     name: "pid_file".into(),
//!     at: 0,
//!     args: vec![
//!         Arg::positional(Val::new(ValKind::Str("/run/app.pid".into()), 1)),
//!         Arg::named("safe", 2, Val::new(ValKind::Bool(true), 3)),
//!     ],
//! };
//! let report = dsl::check(&[item]);
//! assert!(report.diagnostics.is_empty());
//! assert_eq!(report.ini.as_deref(), Some("[uwsgi]\nsafe-pidfile = /run/app.pid\n"));
//! ```

use std::fmt;

use crate::actions::Action;
use crate::error::{Problem, ProblemKind};
use crate::value::Value;
use crate::{
    options, BasicParams, ChangeDirParams, DaemonizeParams, MemoryParams, NamingParams,
    OnExitParams, Phase, PidFileParams, RunOnEventParams, Section, Setting, Target,
};
use crate::{DropAfter, Id, OwnerParams};

// ---------------------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------------------

/// What a parameter accepts, written literally (checked at compile time) or as any Rust
/// expression of the matching type (checked when the section is rendered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// One text value: a string literal, or an `impl Into<Value>` expression.
    Text,
    /// One or more values: a string or integer literal, an array of them, or an
    /// `impl IntoValues` expression.
    Values,
    /// A user or group: a name (string) or a number (`u32`), or an `impl Into<Id>`
    /// expression.
    Id,
    /// Users or groups: a name or number, an array of them, or an `impl IntoValues`
    /// expression.
    Ids,
    /// An integer between `min` and `max`, of Rust type `rust`.
    Int {
        /// The smallest value accepted.
        min: i64,
        /// The largest value accepted.
        max: i64,
        /// The Rust type the method takes (`i32`, `u32`, `u8`).
        rust: &'static str,
    },
    /// `true` or `false`, or a `bool` expression.
    Bool,
    /// A hook phase: a bare name (`asap`, `pre_app`, `JAIL_PRE`), or a [`Phase`] expression
    /// (any expression that is not a lone name, such as `Phase::ASAP` or `{ phase }`).
    Phase,
    /// Hook actions: an action constructor call (`dir_create("/run/app")`), a raw
    /// `"name:args"` string, an array of those, or an expression giving an
    /// [`IntoActions`](crate::IntoActions) value or an iterator of actions.
    Actions,
    /// When privileges drop: `init` or `apps`, or a [`DropAfter`] expression.
    DropAfter,
    /// A uWSGI target: `"2.0"` or `"2.1"`, or a [`Target`] expression.
    Target,
    /// The name of a uWSGI option (a string), checked against the option catalogue.
    OptionName,
    /// An option's value: `true`/`false` for switches, a string or an integer otherwise, or
    /// an `impl Into<Setting>` expression.
    Setting,
    /// A file mode: `"755"` or `0o755`, or an `impl Into<Mode>` expression.
    Mode,
    /// An exit code from 0 to 255; when left out, uWSGI exits with status 0.
    ExitCode,
}

impl Kind {
    /// What the kind accepts, for error messages and documentation.
    pub fn expected(self) -> String {
        match self {
            Kind::Text => "a string".into(),
            Kind::Values => "a string, an integer or a list of them".into(),
            Kind::Id => "a name or a number".into(),
            Kind::Ids => "names or numbers (one, or a list)".into(),
            Kind::Int { rust, .. } => format!("an integer ({rust})"),
            Kind::Bool => "true or false".into(),
            Kind::Phase => "a hook phase name such as asap, pre_app or PRIV_DROP_POST".into(),
            Kind::Actions => "hook actions (an action, a \"name:args\" string or a list)".into(),
            Kind::DropAfter => "`init` or `apps`".into(),
            Kind::Target => "\"2.0\" or \"2.1\"".into(),
            Kind::OptionName => "the name of a uWSGI option, as a string".into(),
            Kind::Setting => "true, false, a string or an integer".into(),
            Kind::Mode => "a mode such as \"755\" or 0o755".into(),
            Kind::ExitCode => "an exit code from 0 to 255".into(),
        }
    }
}

/// How a parameter reaches the method the item calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pass {
    /// As an argument of the method (or of the action constructor), in table order.
    Arg,
    /// Through the setter of the same name on the item's params struct (`OwnerParams::uid`),
    /// or the builder method of the same name on an action builder (`FileWrite::newline`).
    Setter,
    /// As a switch with no argument, applied when true (`private`).
    Switch,
}

/// One parameter of an item or an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// Its name, as uwsgiconf names it.
    pub name: &'static str,
    /// What it accepts.
    pub kind: Kind,
    /// Whether it can be given without its name, in order (`change_dir("/srv")`).
    /// Positional parameters can be named too (`change_dir(to = "/srv")`).
    pub positional: bool,
    /// Whether it must be given.
    pub required: bool,
    /// How it reaches the method.
    pub pass: Pass,
    /// The uWSGI directives it writes (for documentation and suggestions; `<phase>` stands
    /// for the phase's name).
    pub directives: &'static [&'static str],
}

impl Param {
    const fn new(
        name: &'static str,
        kind: Kind,
        pass: Pass,
        directives: &'static [&'static str],
    ) -> Param {
        Param {
            name,
            kind,
            positional: false,
            required: false,
            pass,
            directives,
        }
    }

    /// A required argument that can be given by position.
    const fn arg(name: &'static str, kind: Kind, directives: &'static [&'static str]) -> Param {
        Param {
            positional: true,
            required: true,
            ..Param::new(name, kind, Pass::Arg, directives)
        }
    }

    /// An optional setter, given by name.
    const fn setter(name: &'static str, kind: Kind, directives: &'static [&'static str]) -> Param {
        Param::new(name, kind, Pass::Setter, directives)
    }
}

/// What an item's method is called on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Receiver {
    /// The section itself ([`Section::add_option`], [`Section::set_target`]).
    Section,
    /// Its main-process options ([`Section::main_process`]).
    MainProcess,
}

/// One item of the macro language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemSpec {
    /// The item's name in the macro (`owner`).
    pub name: &'static str,
    /// What the method is called on.
    pub receiver: Receiver,
    /// The method it calls (`set_owner_params`).
    pub method: &'static str,
    /// The params struct passed as the method's last argument, if any (`OwnerParams`).
    pub params_type: Option<&'static str>,
    /// Its parameters, positional ones first.
    pub params: &'static [Param],
    /// What it does, in a line.
    pub doc: &'static str,
}

impl ItemSpec {
    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// How the item is written: `hook(phase, actions)`, `pid_file(fpath, before_priv_drop = ..,
    /// safe = ..)`.
    pub fn usage(&self) -> String {
        usage(self.name, self.params)
    }

    /// Every uWSGI directive the item can write.
    pub fn directives(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for param in self.params {
            for directive in param.directives {
                if !out.contains(directive) {
                    out.push(directive);
                }
            }
        }
        out
    }
}

/// One hook action constructor of [`Action`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionSpec {
    /// The constructor's name, also the action's name in the macro (`file_write`).
    pub name: &'static str,
    /// The uWSGI actions it writes (`write`, `writen`, `append`, `appendn`).
    pub uwsgi: &'static [&'static str],
    /// Its arguments (passed to the constructor) and flags (builder methods), plus `private`.
    pub params: &'static [Param],
}

impl ActionSpec {
    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// How the action is written: `file_write(target, text, append = .., newline = ..)`.
    pub fn usage(&self) -> String {
        usage(self.name, self.params)
    }
}

fn usage(name: &str, params: &[Param]) -> String {
    let args: Vec<String> = params
        .iter()
        .filter(|p| p.name != "private")
        .map(|p| {
            if p.positional && p.required {
                p.name.to_string()
            } else if p.positional {
                format!("[{}]", p.name)
            } else {
                format!("{} = ..", p.name)
            }
        })
        .collect();
    format!("{name}({})", args.join(", "))
}

const U32: Kind = Kind::Int {
    min: 0,
    max: u32::MAX as i64,
    rust: "u32",
};
const I32: Kind = Kind::Int {
    min: i32::MIN as i64,
    max: i32::MAX as i64,
    rust: "i32",
};
const U8: Kind = Kind::Int {
    min: 0,
    max: u8::MAX as i64,
    rust: "u8",
};

/// Every item of the macro language, in the order the documentation lists them.
pub const ITEMS: &[ItemSpec] = &[
    ItemSpec {
        name: "basic",
        receiver: Receiver::MainProcess,
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
    },
    ItemSpec {
        name: "memory",
        receiver: Receiver::MainProcess,
        method: "set_memory_params",
        params_type: Some("MemoryParams"),
        params: &[
            Param::setter("ksm_interval", U32, &["ksm"]),
            Param::setter("no_swap", Kind::Bool, &["never-swap"]),
        ],
        doc: "Linux KSM and swap",
    },
    ItemSpec {
        name: "daemonize",
        receiver: Receiver::MainProcess,
        method: "daemonize",
        params_type: Some("DaemonizeParams"),
        params: &[
            Param::arg("log_into", Kind::Text, &["daemonize"]),
            Param::setter("after_app_loading", Kind::Bool, &["daemonize2"]),
        ],
        doc: "detach, logging into a file or UDP address",
    },
    ItemSpec {
        name: "change_dir",
        receiver: Receiver::MainProcess,
        method: "change_dir",
        params_type: Some("ChangeDirParams"),
        params: &[
            Param::arg("to", Kind::Text, &["chdir"]),
            Param::setter("after_app_loading", Kind::Bool, &["chdir2"]),
        ],
        doc: "the working directory",
    },
    ItemSpec {
        name: "owner",
        receiver: Receiver::MainProcess,
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
    },
    ItemSpec {
        name: "hook",
        receiver: Receiver::MainProcess,
        method: "set_hook",
        params_type: None,
        params: &[
            Param::arg("phase", Kind::Phase, &["hook-<phase>"]),
            Param::arg("actions", Kind::Actions, &[]),
        ],
        doc: "actions run in a phase",
    },
    ItemSpec {
        name: "hook_touch",
        receiver: Receiver::MainProcess,
        method: "set_hook_touch",
        params_type: None,
        params: &[
            Param::arg("fpath", Kind::Text, &["hook-touch", "master"]),
            Param::arg("actions", Kind::Actions, &[]),
        ],
        doc: "actions run when a file is touched",
    },
    ItemSpec {
        name: "hook_after_request",
        receiver: Receiver::MainProcess,
        method: "set_hook_after_request",
        params_type: None,
        params: &[Param::arg("func", Kind::Values, &["after-request-hook"])],
        doc: "C functions called after every request",
    },
    ItemSpec {
        name: "on_exit",
        receiver: Receiver::MainProcess,
        method: "set_on_exit_params",
        params_type: Some("OnExitParams"),
        params: &[
            Param::setter("skip_hooks", Kind::Bool, &["skip-atexit"]),
            Param::setter("skip_teardown", Kind::Bool, &["skip-atexit-teardown"]),
        ],
        doc: "what exiting processes skip",
    },
    ItemSpec {
        name: "run_command_on_event",
        receiver: Receiver::MainProcess,
        method: "run_command_on_event",
        params_type: Some("RunOnEventParams"),
        params: &[
            Param::arg("command", Kind::Values, &["exec-<phase>"]),
            Param::setter("phase", Kind::Phase, &[]),
        ],
        doc: "shell commands run in a phase (asap by default)",
    },
    ItemSpec {
        name: "run_command_on_touch",
        receiver: Receiver::MainProcess,
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
    },
    ItemSpec {
        name: "pid_file",
        receiver: Receiver::MainProcess,
        method: "set_pid_file",
        params_type: Some("PidFileParams"),
        params: &[
            Param::arg("fpath", Kind::Text, &["pidfile"]),
            Param::setter("before_priv_drop", Kind::Bool, &["pidfile2"]),
            Param::setter("safe", Kind::Bool, &["safe-pidfile", "safe-pidfile2"]),
        ],
        doc: "the pid file, written before or after privileges drop",
    },
    ItemSpec {
        name: "naming",
        receiver: Receiver::MainProcess,
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
    },
    ItemSpec {
        name: "option",
        receiver: Receiver::Section,
        method: "add_option",
        params_type: None,
        params: &[
            Param::arg("key", Kind::OptionName, &["<key>"]),
            Param::arg("value", Kind::Setting, &[]),
        ],
        doc: "any other uWSGI option, checked against the option catalogue",
    },
    ItemSpec {
        name: "target",
        receiver: Receiver::Section,
        method: "set_target",
        params_type: None,
        params: &[Param::arg("version", Kind::Target, &[])],
        doc: "the uWSGI release checks are made against (2.0 by default)",
    },
];

/// The flag every action takes: `private = true` hides the hook's command from the log
/// (`!exec:...`).
pub const PRIVATE: Param = Param::new("private", Kind::Bool, Pass::Switch, &[]);

macro_rules! action {
    ($name:literal, [$($uwsgi:literal),*], [$($param:expr),* $(,)?]) => {
        ActionSpec {
            name: $name,
            uwsgi: &[$($uwsgi),*],
            params: &[$($param,)* PRIVATE],
        }
    };
}

const fn text_arg(name: &'static str) -> Param {
    Param::arg(name, Kind::Text, &[])
}

const fn flag_arg(name: &'static str) -> Param {
    Param::setter(name, Kind::Bool, &[])
}

/// Every hook action constructor, by name (uwsgiconf's names, plus the actions uWSGI has
/// and uwsgiconf lacks).
pub const ACTIONS: &[ActionSpec] = &[
    action!("alarm", ["alarm"], [text_arg("alarm"), text_arg("message")]),
    action!(
        "call",
        ["call", "callret", "callint", "callintret"],
        [
            text_arg("target"),
            flag_arg("honour_exit_status"),
            flag_arg("arg_int")
        ]
    ),
    action!("dir_change", ["cd", "chdir"], [text_arg("dir")]),
    action!("dir_create", ["mkdir"], [text_arg("dir")]),
    action!("execute", ["exec"], [text_arg("command")]),
    action!(
        "exit",
        ["exit"],
        [Param {
            required: false,
            ..Param::arg("status_code", Kind::ExitCode, &[])
        }]
    ),
    action!(
        "fifo_write",
        ["writefifo", "spinningfifo"],
        [text_arg("target"), text_arg("text"), flag_arg("wait")]
    ),
    action!("file_create", ["create", "creat"], [text_arg("path")]),
    action!(
        "file_write",
        ["write", "writen", "append", "appendn"],
        [
            text_arg("target"),
            text_arg("text"),
            flag_arg("append"),
            flag_arg("newline")
        ]
    ),
    action!(
        "mount",
        ["mount", "umount"],
        [
            text_arg("mountpoint"),
            Param::setter("fs", Kind::Text, &[]),
            Param::setter("src", Kind::Text, &[]),
            Param::setter("flags", Kind::Values, &[]),
            Param::setter("data", Kind::Text, &[]),
        ]
    ),
    action!("printout", ["print", "log"], [text_arg("text")]),
    action!("set_host_name", ["hostname"], [text_arg("name")]),
    action!("unlink", ["unlink"], [text_arg("path")]),
    action!("putenv", ["putenv"], [text_arg("name"), text_arg("value")]),
    action!(
        "chmod",
        ["chmod"],
        [text_arg("path"), Param::arg("mode", Kind::Mode, &[])]
    ),
    action!("sticky", ["sticky"], [text_arg("path")]),
    action!(
        "chown",
        ["chown"],
        [text_arg("path"), text_arg("user"), text_arg("group")]
    ),
    action!(
        "chown2",
        ["chown2"],
        [
            text_arg("path"),
            Param::arg("uid", U32, &[]),
            Param::arg("gid", U32, &[])
        ]
    ),
    action!("safe_execute", ["safeexec"], [text_arg("command")]),
    action!("rpc", ["rpc"], [text_arg("call")]),
    action!("retry_rpc", ["retryrpc"], [text_arg("call")]),
    action!("wait_for_fs", ["wait_for_fs"], [text_arg("path")]),
    action!("wait_for_file", ["wait_for_file"], [text_arg("path")]),
    action!("wait_for_dir", ["wait_for_dir"], [text_arg("path")]),
    action!(
        "wait_for_socket",
        ["wait_for_socket"],
        [text_arg("address")]
    ),
    action!(
        "unix_signal",
        ["unix_signal"],
        [Param::arg("signum", U8, &[]), text_arg("symbol")]
    ),
];

/// The item called `name`.
///
/// ```
/// let owner = uwsgiconf_core::dsl::item("owner").unwrap();
/// assert_eq!(owner.method, "set_owner_params");
/// assert!(owner.directives().contains(&"add-gid"));
/// ```
pub fn item(name: &str) -> Option<&'static ItemSpec> {
    ITEMS.iter().find(|spec| spec.name == name)
}

/// The action constructor called `name`.
pub fn action(name: &str) -> Option<&'static ActionSpec> {
    ACTIONS.iter().find(|spec| spec.name == name)
}

/// How to fix an unknown item name: the closest items (also found through uwsgiconf's
/// method names, so `set_owner_params` suggests `owner`), or the way to write a uWSGI
/// option of that name.
///
/// ```
/// use uwsgiconf_core::dsl::suggest_item;
///
/// assert_eq!(suggest_item("set_owner_params").unwrap(), "did you mean `owner`?");
/// assert_eq!(suggest_item("onwer").unwrap(), "did you mean `owner`?");
/// assert!(suggest_item("never_swap").unwrap().contains("memory(no_swap = ..)"));
/// assert!(suggest_item("processes").unwrap().contains("option(\"processes\", ..)"));
/// ```
pub fn suggest_item(name: &str) -> Option<String> {
    if let Some(spec) = ITEMS.iter().find(|spec| spec.method == name) {
        return Some(format!("did you mean `{}`?", spec.name));
    }
    let mut names = crate::suggest::closest(name, ITEMS.iter().map(|s| s.name));
    if names.is_empty() {
        let by_method = crate::suggest::closest(name, ITEMS.iter().map(|s| s.method));
        names = by_method
            .iter()
            .filter_map(|m| ITEMS.iter().find(|s| s.method == *m))
            .map(|s| s.name)
            .collect();
    }
    if !names.is_empty() {
        return Some(crate::suggest::did_you_mean(&names));
    }
    let directive = name.replace('_', "-");
    for spec in ITEMS {
        for param in spec.params {
            if param.directives.contains(&directive.as_str()) {
                let usage = if param.positional {
                    format!("{}(..)", spec.name)
                } else {
                    format!("{}({} = ..)", spec.name, param.name)
                };
                return Some(format!("`{directive}` is written with {usage}"));
            }
        }
    }
    let options = options::suggest(name);
    match options.first() {
        Some(option) if options.len() == 1 => Some(format!(
            "to set the uWSGI option `{option}`, write option(\"{option}\", ..)"
        )),
        Some(_) => Some(format!(
            "to set a uWSGI option, write option(\"name\", ..): {}",
            crate::suggest::did_you_mean(&options)
        )),
        None => Some(format!(
            "the items are {}, option(\"name\", value) and target(\"2.1\")",
            names_list(
                ITEMS
                    .iter()
                    .map(|s| s.name)
                    .filter(|n| *n != "option" && *n != "target")
            )
        )),
    }
}

/// How to fix an unknown action name: the closest constructors, also found through uWSGI's
/// own action names (`mkdir` suggests `dir_create`).
///
/// ```
/// use uwsgiconf_core::dsl::suggest_action;
///
/// assert_eq!(suggest_action("dir_craete"), "did you mean `dir_create`?");
/// assert!(suggest_action("mkdir").starts_with("did you mean `dir_create`?"));
/// ```
pub fn suggest_action(name: &str) -> String {
    let by_uwsgi: Vec<&str> = ACTIONS
        .iter()
        .filter(|spec| spec.uwsgi.contains(&name))
        .map(|spec| spec.name)
        .collect();
    if !by_uwsgi.is_empty() {
        return format!(
            "{} (`{name}` is uWSGI's name for it)",
            crate::suggest::did_you_mean(&by_uwsgi)
        );
    }
    let close = crate::suggest::closest(name, ACTIONS.iter().map(|s| s.name));
    if !close.is_empty() {
        return crate::suggest::did_you_mean(&close);
    }
    format!(
        "the actions are {}",
        names_list(ACTIONS.iter().map(|s| s.name))
    )
}

fn names_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(", ")
}

// ---------------------------------------------------------------------------------------
// What the macro hands over
// ---------------------------------------------------------------------------------------

/// Where a piece of an invocation is: a number the caller gives each piece (an index into
/// its own table of spans), reported back in [`Diagnostic`]s.
pub type Loc = usize;

/// One item of an invocation: `name(args)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The item's name as written.
    pub name: String,
    /// Where the name is.
    pub at: Loc,
    /// Its arguments, in order.
    pub args: Vec<Arg>,
}

/// One argument: a value, possibly named (`uid = "www-data"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// The name and where it is, when the argument is named.
    pub key: Option<(String, Loc)>,
    /// The value.
    pub value: Val,
}

impl Arg {
    /// A positional argument.
    pub fn positional(value: Val) -> Arg {
        Arg { key: None, value }
    }

    /// A named argument.
    pub fn named(name: impl Into<String>, at: Loc, value: Val) -> Arg {
        Arg {
            key: Some((name.into(), at)),
            value,
        }
    }
}

/// A value as written, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Val {
    /// What was written.
    pub kind: ValKind,
    /// Where.
    pub at: Loc,
}

impl Val {
    /// A value at `at`.
    pub fn new(kind: ValKind, at: Loc) -> Val {
        Val { kind, at }
    }

    /// The pieces of this value, given for a parameter of `kind`, that are Rust expressions
    /// evaluated at run time: any expression that is not a literal, a lone name where a
    /// name is not expected (a variable), a call where an action is not expected.
    pub fn runtime_parts(&self, kind: Kind) -> Vec<Loc> {
        let mut out = Vec::new();
        self.collect_runtime(kind, &mut out);
        out
    }

    fn collect_runtime(&self, kind: Kind, out: &mut Vec<Loc>) {
        match (&self.kind, kind) {
            (ValKind::Runtime, _) => out.push(self.at),
            (ValKind::Name(_), Kind::Phase | Kind::DropAfter) => {}
            (ValKind::Name(_), _) => out.push(self.at),
            (ValKind::Action(call), Kind::Actions) => {
                if let Ok(bound) = bind_action(call) {
                    for (param, value) in &bound.args {
                        value.collect_runtime(param.kind, out);
                    }
                }
            }
            (ValKind::Action(_), _) => out.push(self.at),
            (ValKind::List(items), _) => {
                for item in items {
                    item.collect_runtime(kind, out);
                }
            }
            _ => {}
        }
    }
}

/// The shapes a value can take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValKind {
    /// A string literal (its value).
    Str(String),
    /// An integer literal; `text` is as written (`0o755`), for pointing at it.
    Int {
        /// Its value.
        value: i128,
        /// As written, without a type suffix.
        text: String,
    },
    /// `true` or `false`.
    Bool(bool),
    /// A lone name: a phase or `drop_after` name where one is expected, otherwise a
    /// variable (a run-time value).
    Name(String),
    /// `[a, b, ...]`.
    List(Vec<Val>),
    /// `name(args)`: an action constructor call where actions are expected, a function call
    /// (a run-time value) elsewhere.
    Action(ActionCall),
    /// A literal of a type no parameter takes (a float, a char...), described (`a float`).
    Other(String),
    /// Any other expression: evaluated at run time.
    Runtime,
}

impl ValKind {
    fn what(&self) -> &str {
        match self {
            ValKind::Str(_) => "a string",
            ValKind::Int { .. } => "an integer",
            ValKind::Bool(_) => "a boolean",
            ValKind::Name(_) => "a name",
            ValKind::List(_) => "a list",
            ValKind::Action(_) => "an action",
            ValKind::Other(what) => what,
            ValKind::Runtime => "an expression",
        }
    }
}

/// `name(args)` in an action position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionCall {
    /// The constructor's name as written.
    pub name: String,
    /// Where the name is.
    pub at: Loc,
    /// Its arguments.
    pub args: Vec<Arg>,
}

/// Something wrong with an invocation, at one of its pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where; `None` for the invocation as a whole.
    pub at: Option<Loc>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: Option<String>,
}

impl Diagnostic {
    fn new(at: Loc, message: impl Into<String>, fix: impl Into<String>) -> Diagnostic {
        let fix = fix.into();
        Diagnostic {
            at: Some(at),
            message: message.into(),
            fix: (!fix.is_empty()).then_some(fix),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(fix) = &self.fix {
            write!(f, "; {fix}")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Binding arguments to parameters
// ---------------------------------------------------------------------------------------

/// An item whose arguments matched its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundItem<'a> {
    /// The item.
    pub spec: &'static ItemSpec,
    /// The given parameters and their values, in table order.
    pub args: Vec<(&'static Param, &'a Val)>,
}

impl<'a> BoundItem<'a> {
    /// The value given for `name`.
    pub fn get(&self, name: &str) -> Option<&'a Val> {
        get(&self.args, name)
    }

    /// Where the item's run-time values are (see [`Val::runtime_parts`]).
    pub fn runtime_parts(&self) -> Vec<Loc> {
        let mut out = Vec::new();
        for (param, value) in &self.args {
            out.extend(value.runtime_parts(param.kind));
        }
        out
    }
}

/// An action call whose arguments matched the constructor's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundAction<'a> {
    /// The constructor.
    pub spec: &'static ActionSpec,
    /// The given parameters and their values, in table order.
    pub args: Vec<(&'static Param, &'a Val)>,
}

impl<'a> BoundAction<'a> {
    /// The value given for `name`.
    pub fn get(&self, name: &str) -> Option<&'a Val> {
        get(&self.args, name)
    }
}

fn get<'a>(args: &[(&'static Param, &'a Val)], name: &str) -> Option<&'a Val> {
    args.iter().find(|(p, _)| p.name == name).map(|(_, v)| *v)
}

/// Matches an item's arguments to its parameters and checks every literal value's type,
/// recursively (actions included). Every problem is reported.
///
/// ```
/// use uwsgiconf_core::dsl::{bind_item, Arg, Item, Val, ValKind};
///
/// let item = Item { name: "memory".into(), at: 0, args: vec![
///     Arg::named("never_swap", 1, Val::new(ValKind::Bool(true), 2)),
/// ]};
/// let errors = bind_item(&item).unwrap_err();
/// assert_eq!(errors[0].message, "`memory` has no parameter `never_swap`");
/// assert_eq!(errors[0].fix.as_deref(), Some("did you mean `no_swap`? (it writes `never-swap`)"));
/// assert_eq!(errors[0].at, Some(1));
/// ```
pub fn bind_item(item: &Item) -> Result<BoundItem<'_>, Vec<Diagnostic>> {
    let Some(spec) = self::item(&item.name) else {
        return Err(vec![Diagnostic::new(
            item.at,
            format!("unknown item `{}`", item.name),
            suggest_item(&item.name).unwrap_or_default(),
        )]);
    };
    let mut diagnostics = Vec::new();
    let args = bind_args(
        &format!("`{}`", spec.name),
        &spec.usage(),
        spec.params,
        &item.args,
        item.at,
        &mut diagnostics,
    );
    for (param, value) in &args {
        check_value(param, value, &mut diagnostics);
    }
    if diagnostics.is_empty() {
        Ok(BoundItem { spec, args })
    } else {
        Err(diagnostics)
    }
}

/// Matches an action call's arguments to its constructor's parameters and checks them.
pub fn bind_action(call: &ActionCall) -> Result<BoundAction<'_>, Vec<Diagnostic>> {
    let Some(spec) = action(&call.name) else {
        return Err(vec![Diagnostic::new(
            call.at,
            format!("unknown hook action `{}`", call.name),
            format!(
                "{}\n= help: to call a Rust function here, wrap it in braces: {{ {}(..) }}",
                suggest_action(&call.name),
                call.name
            ),
        )]);
    };
    let mut diagnostics = Vec::new();
    let args = bind_args(
        &format!("action `{}`", spec.name),
        &spec.usage(),
        spec.params,
        &call.args,
        call.at,
        &mut diagnostics,
    );
    for (param, value) in &args {
        check_value(param, value, &mut diagnostics);
    }
    if diagnostics.is_empty() {
        Ok(BoundAction { spec, args })
    } else {
        Err(diagnostics)
    }
}

fn bind_args<'a>(
    owner: &str,
    usage: &str,
    params: &'static [Param],
    args: &'a [Arg],
    at: Loc,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(&'static Param, &'a Val)> {
    let mut given: Vec<Option<&'a Val>> = vec![None; params.len()];
    let mut positional = params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.positional)
        .map(|(i, _)| i);
    let mut named_seen = false;
    for arg in args {
        match &arg.key {
            None if named_seen => diagnostics.push(Diagnostic::new(
                arg.value.at,
                format!("a positional argument of {owner} comes after a named one"),
                format!("put positional arguments first: {usage}"),
            )),
            None => match positional.next() {
                Some(index) => given[index] = Some(&arg.value),
                None => diagnostics.push(Diagnostic::new(
                    arg.value.at,
                    if params.iter().any(|p| p.positional) {
                        format!("{owner} takes no more positional arguments")
                    } else {
                        format!("{owner} takes no positional arguments")
                    },
                    format!("name the argument: {usage}"),
                )),
            },
            Some((name, key_at)) => {
                named_seen = true;
                match params.iter().position(|p| p.name == name) {
                    Some(index) if given[index].is_some() => {
                        diagnostics.push(Diagnostic::new(
                            *key_at,
                            format!("`{name}` is given twice"),
                            "remove one of them",
                        ));
                    }
                    Some(index) => given[index] = Some(&arg.value),
                    None => diagnostics.push(Diagnostic::new(
                        *key_at,
                        format!("{owner} has no parameter `{name}`"),
                        suggest_param(name, params, usage),
                    )),
                }
            }
        }
    }
    for (param, value) in params.iter().zip(&given) {
        if param.required && value.is_none() {
            diagnostics.push(Diagnostic::new(
                at,
                format!("{owner} needs `{}`", param.name),
                format!("write {usage}"),
            ));
        }
    }
    params
        .iter()
        .zip(given)
        .filter_map(|(param, value)| value.map(|v| (param, v)))
        .collect()
}

fn suggest_param(name: &str, params: &[Param], usage: &str) -> String {
    let close = crate::suggest::closest(name, params.iter().map(|p| p.name));
    if !close.is_empty() {
        return crate::suggest::did_you_mean(&close);
    }
    let directive = name.replace('_', "-");
    if let Some(param) = params
        .iter()
        .find(|p| p.directives.contains(&directive.as_str()))
    {
        return format!("did you mean `{}`? (it writes `{directive}`)", param.name);
    }
    format!("write {usage}")
}

fn check_value(param: &Param, value: &Val, diagnostics: &mut Vec<Diagnostic>) {
    let wrong = |diagnostics: &mut Vec<Diagnostic>, value: &Val| {
        diagnostics.push(Diagnostic::new(
            value.at,
            format!(
                "`{}` takes {}, not {}",
                param.name,
                param.kind.expected(),
                value.kind.what()
            ),
            "",
        ));
    };
    let int_in = |diagnostics: &mut Vec<Diagnostic>, value: &Val, v: i128, min: i64, max: i64| {
        if v < i128::from(min) || v > i128::from(max) {
            diagnostics.push(Diagnostic::new(
                value.at,
                format!("`{}` must be from {min} to {max}, not {v}", param.name),
                "",
            ));
        }
    };
    match (param.kind, &value.kind) {
        (_, ValKind::Runtime) => {}
        (Kind::Phase, ValKind::Name(name)) => {
            if Phase::from_name(name).is_none() {
                diagnostics.push(Diagnostic::new(
                    value.at,
                    format!("unknown hook phase `{name}`"),
                    with_braces_hint(phase_hint(name), name),
                ));
            }
        }
        (Kind::Phase, ValKind::Str(name)) => diagnostics.push(Diagnostic::new(
            value.at,
            format!("`{}` takes a phase name, not a string", param.name),
            match Phase::from_name(name) {
                Some(_) => format!("write it without quotes: {}", name.replace('-', "_")),
                None => phase_hint(name),
            },
        )),
        (Kind::DropAfter, ValKind::Name(name)) => {
            if !matches!(name.as_str(), "init" | "apps") {
                diagnostics.push(Diagnostic::new(
                    value.at,
                    format!("unknown `drop_after` value `{name}`"),
                    with_braces_hint(
                        "write init (after the plugins start) or apps (after the apps load)".into(),
                        name,
                    ),
                ));
            }
        }
        (_, ValKind::Name(_)) => {} // a variable
        (Kind::Text, ValKind::Str(_)) => {}
        (Kind::Values, ValKind::Str(_) | ValKind::Int { .. }) => {}
        (Kind::Ids | Kind::Id, ValKind::Str(_)) => {}
        (Kind::Ids | Kind::Id, ValKind::Int { value: v, .. }) => {
            int_in(diagnostics, value, *v, 0, u32::MAX.into())
        }
        (Kind::Values | Kind::Ids, ValKind::List(items)) => {
            for item in items {
                match &item.kind {
                    ValKind::List(_) => wrong(diagnostics, item),
                    _ => check_value(param, item, diagnostics),
                }
            }
        }
        (Kind::Int { min, max, .. }, ValKind::Int { value: v, .. }) => {
            int_in(diagnostics, value, *v, min, max)
        }
        (Kind::ExitCode, ValKind::Int { value: v, .. }) => int_in(diagnostics, value, *v, 0, 255),
        (Kind::Mode, ValKind::Str(_)) => {}
        (Kind::Mode, ValKind::Int { value: v, .. }) => {
            int_in(diagnostics, value, *v, 0, u32::MAX.into())
        }
        (Kind::Bool, ValKind::Bool(_)) => {}
        (Kind::Actions, ValKind::Str(_)) => {}
        (Kind::Actions, ValKind::Action(call)) => {
            if let Err(mut errors) = bind_action(call) {
                diagnostics.append(&mut errors);
            }
        }
        (Kind::Actions, ValKind::List(items)) => {
            for item in items {
                match &item.kind {
                    ValKind::List(_) => wrong(diagnostics, item),
                    _ => check_value(param, item, diagnostics),
                }
            }
        }
        (Kind::Target, ValKind::Str(text)) => {
            if let Err(error) = text.parse::<Target>() {
                diagnostics.push(Diagnostic::new(value.at, error.to_string(), ""));
            }
        }
        (Kind::OptionName, ValKind::Str(_)) => {}
        (Kind::Setting, ValKind::Str(_) | ValKind::Int { .. } | ValKind::Bool(_)) => {}
        (Kind::Setting, ValKind::List(_)) => diagnostics.push(Diagnostic::new(
            value.at,
            "option(..) takes one value, not a list",
            "repeat option(..) once for each value",
        )),
        (Kind::Text, ValKind::List(_)) => diagnostics.push(Diagnostic::new(
            value.at,
            format!("`{}` takes one value, not a list", param.name),
            "",
        )),
        (Kind::Actions, ValKind::Int { .. } | ValKind::Bool(_)) => wrong(diagnostics, value),
        (_, ValKind::Action(_)) => {} // a function call, evaluated at run time
        _ => wrong(diagnostics, value),
    }
}

/// Where a lone name is read as a phase (or `init`/`apps`), a Rust variable is written in
/// braces.
fn with_braces_hint(fix: String, name: &str) -> String {
    let braces = format!("to use a Rust value here, wrap it in braces: {{ {name} }}");
    if fix.is_empty() {
        braces
    } else {
        format!("{fix}\n= help: {braces}")
    }
}

fn phase_hint(name: &str) -> String {
    let lower = !name.chars().any(|c| c.is_ascii_uppercase());
    let names: Vec<String> = Phase::suggest(name)
        .into_iter()
        .map(|n| if lower { n.replace('-', "_") } else { n.into() })
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::suggest::did_you_mean(&names)
}

// ---------------------------------------------------------------------------------------
// Applying literal values through the typed methods
// ---------------------------------------------------------------------------------------

/// The text that stands in for a run-time value at compile time. It is plain text that every
/// check accepts (a word, a C symbol, not root), so that the literal values around it are
/// still checked.
///
/// A problem is about a run-time value when it changes with that value: [`check`] applies
/// every item twice, with two different stand-ins, and keeps the problems both runs find.
/// Nothing is recognised by its text, so no literal can pass for a run-time value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StandIn(&'static str);

const STAND_IN: StandIn = StandIn("uwsgiconf_runtime_value");
const OTHER_STAND_IN: StandIn = StandIn("uwsgiconf_other_runtime_value");

impl StandIn {
    fn value(self) -> Value {
        Value::literal(self.0)
    }

    fn text(self, val: Option<&Val>) -> Value {
        match val.map(|v| &v.kind) {
            Some(ValKind::Str(text)) => Value::literal(text.as_str()),
            Some(ValKind::Int { value, .. }) => Value::literal(value.to_string()),
            None => Value::default(),
            Some(_) => self.value(),
        }
    }

    fn values(self, val: Option<&Val>) -> Vec<Value> {
        match val.map(|v| &v.kind) {
            None => Vec::new(),
            Some(ValKind::List(items)) => items.iter().map(|v| self.text(Some(v))).collect(),
            Some(_) => vec![self.text(val)],
        }
    }

    fn id(self, val: &Val) -> Id {
        match &val.kind {
            ValKind::Int { value, .. } => match u32::try_from(*value) {
                Ok(number) => Id::Number(number),
                Err(_) => Id::Name(self.value()),
            },
            _ => Id::Name(self.text(Some(val))),
        }
    }
}

fn int<T: TryFrom<i128>>(val: Option<&Val>) -> Option<T> {
    match val.map(|v| &v.kind) {
        Some(ValKind::Int { value, .. }) => T::try_from(*value).ok(),
        _ => None,
    }
}

fn boolean(val: Option<&Val>) -> Option<bool> {
    match val.map(|v| &v.kind) {
        Some(ValKind::Bool(on)) => Some(*on),
        _ => None,
    }
}

fn phase(val: Option<&Val>) -> Option<Phase> {
    match val.map(|v| &v.kind) {
        Some(ValKind::Name(name)) => Phase::from_name(name),
        _ => None,
    }
}

fn actions(val: Option<&Val>, stand_in: StandIn, out: &mut Vec<Action>) {
    match val.map(|v| &v.kind) {
        Some(ValKind::Str(raw)) => out.push(Action::parse(raw)),
        Some(ValKind::Action(call)) => {
            if let Ok(bound) = bind_action(call) {
                out.push(build(&bound, stand_in));
            }
        }
        Some(ValKind::List(items)) => {
            for item in items {
                actions(Some(item), stand_in, out);
            }
        }
        _ => {}
    }
}

/// Makes the action a bound call describes, with the typed constructor and builder methods;
/// a run-time argument is replaced by a stand-in. A constructor the tables do not have makes
/// an action whose problem says so when it is rendered.
///
/// ```
/// use uwsgiconf_core::dsl::{bind_action, build_action, ActionCall, Arg, Val, ValKind};
///
/// let call = ActionCall { name: "dir_create".into(), at: 0, args: vec![
///     Arg::positional(Val::new(ValKind::Str("/run/app".into()), 1)),
/// ]};
/// assert_eq!(build_action(&bind_action(&call).unwrap()).to_string(), "mkdir:/run/app");
/// ```
pub fn build_action(call: &BoundAction<'_>) -> Action {
    build(call, STAND_IN)
}

fn build(call: &BoundAction<'_>, stand_in: StandIn) -> Action {
    let t = |name: &str| stand_in.text(call.get(name));
    let on = |name: &str| boolean(call.get(name)).unwrap_or(false);
    let action: Action = match call.spec.name {
        "alarm" => Action::alarm(t("alarm"), t("message")),
        "call" => Action::call(t("target"))
            .honour_exit_status(on("honour_exit_status"))
            .arg_int(on("arg_int"))
            .into(),
        "dir_change" => Action::dir_change(t("dir")),
        "dir_create" => Action::dir_create(t("dir")),
        "execute" => Action::execute(t("command")),
        "exit" => Action::exit(int::<u8>(call.get("status_code"))),
        "fifo_write" => Action::fifo_write(t("target"), t("text"))
            .wait(on("wait"))
            .into(),
        "file_create" => Action::file_create(t("path")),
        "file_write" => Action::file_write(t("target"), t("text"))
            .append(on("append"))
            .newline(on("newline"))
            .into(),
        "mount" => {
            let mut mount = Action::mount(t("mountpoint"));
            if call.get("fs").is_some() {
                mount = mount.fs(t("fs"));
            }
            if call.get("src").is_some() {
                mount = mount.src(t("src"));
            }
            if call.get("flags").is_some() {
                mount = mount.flags(stand_in.values(call.get("flags")));
            }
            if call.get("data").is_some() {
                mount = mount.data(t("data"));
            }
            mount.into()
        }
        "printout" => Action::printout(t("text")),
        "set_host_name" => Action::set_host_name(t("name")),
        "unlink" => Action::unlink(t("path")),
        "putenv" => Action::putenv(t("name"), t("value")),
        "chmod" => match call.get("mode").map(|v| &v.kind) {
            Some(ValKind::Int { value, .. }) => {
                Action::chmod(t("path"), u32::try_from(*value).unwrap_or(0o755))
            }
            Some(ValKind::Str(mode)) => Action::chmod(t("path"), mode.as_str()),
            _ => Action::chmod(t("path"), "755"),
        },
        "sticky" => Action::sticky(t("path")),
        "chown" => Action::chown(t("path"), t("user"), t("group")),
        "chown2" => Action::chown2(
            t("path"),
            int(call.get("uid")).unwrap_or(1),
            int(call.get("gid")).unwrap_or(1),
        ),
        "safe_execute" => Action::safe_execute(t("command")),
        "rpc" => Action::rpc(t("call")),
        "retry_rpc" => Action::retry_rpc(t("call")),
        "wait_for_fs" => Action::wait_for_fs(t("path")),
        "wait_for_file" => Action::wait_for_file(t("path")),
        "wait_for_dir" => Action::wait_for_dir(t("path")),
        "wait_for_socket" => Action::wait_for_socket(t("address")),
        "unix_signal" => Action::unix_signal(int(call.get("signum")).unwrap_or(1), t("symbol")),
        // Not in the tables (a hand-made spec): an action that reports itself unknown.
        other => crate::actions::parse::unknown(
            other,
            other,
            format!("unknown hook action `{other}`"),
            suggest_action(other),
        ),
    };
    if on("private") {
        action.private()
    } else {
        action
    }
}

/// Calls the item's method on `section` with the bound values: exactly one counted call
/// (see [`Problem::call`]), the same typed method a program generated by the macro calls.
///
/// Values known only at run time are replaced by harmless stand-ins (plain text for text,
/// nothing for actions, the default for flags and numbers), so the literal values around them
/// are still checked. An item the tables do not have (a hand-made spec) makes one call that
/// records an "unknown item" problem.
///
/// ```
/// use uwsgiconf_core::dsl::{apply, bind_item, Arg, Item, Val, ValKind};
/// use uwsgiconf_core::Section;
///
/// let item = Item { name: "change_dir".into(), at: 0, args: vec![
///     Arg::positional(Val::new(ValKind::Str("/srv/app".into()), 1)),
/// ]};
/// let mut section = Section::new();
/// apply(&mut section, &bind_item(&item).unwrap());
/// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nchdir = /srv/app\n");
/// ```
pub fn apply(section: &mut Section, item: &BoundItem<'_>) {
    apply_with(section, item, STAND_IN);
}

fn apply_with(section: &mut Section, item: &BoundItem<'_>, stand_in: StandIn) {
    let text = |val: Option<&Val>| stand_in.text(val);
    let values = |val: Option<&Val>| stand_in.values(val);
    let get = |name: &str| item.get(name);
    let on = |name: &str| boolean(get(name));
    match item.spec.name {
        "basic" => {
            let mut params = BasicParams::new();
            if get("touch_reload").is_some() {
                params = params.touch_reload(values(get("touch_reload")));
            }
            if let Some(priority) = int(get("priority")) {
                params = params.priority(priority);
            }
            if let Some(on) = on("vacuum") {
                params = params.vacuum(on);
            }
            if get("binary_path").is_some() {
                params = params.binary_path(text(get("binary_path")));
            }
            if let Some(on) = on("honour_stdin") {
                params = params.honour_stdin(on);
            }
            section.main_process().set_basic_params(params);
        }
        "memory" => {
            let mut params = MemoryParams::new();
            if let Some(interval) = int(get("ksm_interval")) {
                params = params.ksm_interval(interval);
            }
            if let Some(on) = on("no_swap") {
                params = params.no_swap(on);
            }
            section.main_process().set_memory_params(params);
        }
        "daemonize" => {
            let mut params = DaemonizeParams::new();
            if let Some(on) = on("after_app_loading") {
                params = params.after_app_loading(on);
            }
            section
                .main_process()
                .daemonize(text(get("log_into")), params);
        }
        "change_dir" => {
            let mut params = ChangeDirParams::new();
            if let Some(on) = on("after_app_loading") {
                params = params.after_app_loading(on);
            }
            section.main_process().change_dir(text(get("to")), params);
        }
        "owner" => {
            let mut params = OwnerParams::new();
            if let Some(uid) = get("uid") {
                params = params.uid(stand_in.id(uid));
            }
            if let Some(gid) = get("gid") {
                params = params.gid(stand_in.id(gid));
            }
            if get("add_gids").is_some() {
                params = params.add_gids(values(get("add_gids")));
            }
            if let Some(on) = on("set_asap") {
                params = params.set_asap(on);
            }
            match get("drop_after").map(|v| &v.kind) {
                Some(ValKind::Name(name)) if name == "init" => {
                    params = params.drop_after(DropAfter::Init)
                }
                Some(ValKind::Name(name)) if name == "apps" => {
                    params = params.drop_after(DropAfter::Apps)
                }
                _ => {}
            }
            if let Some(on) = on("allow_root") {
                params = params.allow_root(on);
            }
            if let Some(on) = on("allow_variable_ids") {
                params = params.allow_variable_ids(on);
            }
            section.main_process().set_owner_params(params);
        }
        "hook" => {
            let mut list = Vec::new();
            actions(get("actions"), stand_in, &mut list);
            let phase = phase(get("phase")).unwrap_or(Phase::Asap);
            section.main_process().set_hook(phase, list);
        }
        "hook_touch" => {
            let mut list = Vec::new();
            actions(get("actions"), stand_in, &mut list);
            section
                .main_process()
                .set_hook_touch(text(get("fpath")), list);
        }
        "hook_after_request" => {
            section
                .main_process()
                .set_hook_after_request(values(get("func")));
        }
        "on_exit" => {
            let mut params = OnExitParams::new();
            if let Some(on) = on("skip_hooks") {
                params = params.skip_hooks(on);
            }
            if let Some(on) = on("skip_teardown") {
                params = params.skip_teardown(on);
            }
            section.main_process().set_on_exit_params(params);
        }
        "run_command_on_event" => {
            let mut params = RunOnEventParams::new();
            if let Some(phase) = phase(get("phase")) {
                params = params.phase(phase);
            }
            section
                .main_process()
                .run_command_on_event(values(get("command")), params);
        }
        "run_command_on_touch" => {
            section
                .main_process()
                .run_command_on_touch(values(get("command")), text(get("target")));
        }
        "pid_file" => {
            let mut params = PidFileParams::new();
            if let Some(on) = on("before_priv_drop") {
                params = params.before_priv_drop(on);
            }
            if let Some(on) = on("safe") {
                params = params.safe(on);
            }
            section
                .main_process()
                .set_pid_file(text(get("fpath")), params);
        }
        "naming" => {
            let mut params = NamingParams::new();
            if let Some(on) = on("autonaming") {
                params = params.autonaming(on);
            }
            if get("prefix").is_some() {
                params = params.prefix(text(get("prefix")));
            }
            if get("suffix").is_some() {
                params = params.suffix(text(get("suffix")));
            }
            if get("name").is_some() {
                params = params.name(text(get("name")));
            }
            section.main_process().set_naming_params(params);
        }
        "option" => {
            let key = match get("key").map(|v| &v.kind) {
                Some(ValKind::Str(key)) => Some(key.as_str()),
                _ => None,
            };
            let spec = key.and_then(options::lookup);
            let value = match get("value").map(|v| &v.kind) {
                Some(ValKind::Bool(on)) => Setting::Flag(*on),
                Some(ValKind::Str(_) | ValKind::Int { .. }) => Setting::Value(text(get("value"))),
                // A run-time value: whatever the option takes.
                _ if spec.is_some_and(|s| s.takes_bool()) => Setting::Flag(true),
                _ => Setting::Value(stand_in.value()),
            };
            match key {
                Some(key) => section.add_option(key, value),
                // A run-time key: still one call, which changes nothing.
                None => section.set_strict(section.is_strict()),
            };
        }
        "target" => {
            let target = match get("version").map(|v| &v.kind) {
                Some(ValKind::Str(text)) => text.parse().unwrap_or_default(),
                _ => section.target(),
            };
            section.set_target(target);
        }
        // Not in the tables (a hand-made spec): still one call, which records the problem.
        other => {
            let call = section.next_call();
            section.problem(
                Problem::new(
                    ProblemKind::UnknownName,
                    "dsl::apply",
                    format!("unknown item `{other}`"),
                )
                .with_value(other)
                .with_fix(suggest_item(other).unwrap_or_default()),
                call,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// The compile-time pass
// ---------------------------------------------------------------------------------------

/// What [`check`] found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// The section rendered as INI, when nothing is wrong and every value is a literal.
    pub ini: Option<String>,
    /// Everything wrong, in the order of the items.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks a whole invocation: binds every item, applies the valid ones to a [`Section`] (one
/// counted call each, in order), renders it to INI, and points every problem the renderer
/// reports at the piece of the invocation that caused it. Problems that come from values
/// known only at run time are left for the renderer to report then.
///
/// A problem comes from a run-time value when it changes with that value: when the
/// invocation has any, the items are applied a second time with other stand-ins for them, and
/// only the problems both renders find are reported.
pub fn check(items: &[Item]) -> Report {
    let mut report = Report::default();
    let mut section = Section::new();
    // calls[n] is the item whose application was call n on the section.
    let mut calls: Vec<usize> = Vec::new();
    let mut bound_items: Vec<Option<BoundItem<'_>>> = Vec::new();
    let mut runtime = false;
    let mut runtime_target = false;
    for (index, item) in items.iter().enumerate() {
        match bind_item(item) {
            Ok(bound) => {
                let runtime_parts = bound.runtime_parts();
                runtime |= !runtime_parts.is_empty();
                runtime_target |= bound.spec.name == "target" && !runtime_parts.is_empty();
                apply_with(&mut section, &bound, STAND_IN);
                calls.push(index);
                bound_items.push(Some(bound));
            }
            Err(mut errors) => {
                report.diagnostics.append(&mut errors);
                bound_items.push(None);
            }
        }
    }
    // The same section with other stand-ins, when there are run-time values.
    let mut with_other_values: Vec<Problem> = Vec::new();
    if runtime {
        let mut other = Section::new();
        for bound in bound_items.iter().flatten() {
            apply_with(&mut other, bound, OTHER_STAND_IN);
        }
        if let Err(error) = other.to_ini() {
            with_other_values = error.into_problems();
        }
    }
    let bind_failed = !report.diagnostics.is_empty();
    let mut located: Vec<(usize, Diagnostic)> = Vec::new();
    // Pieces already blamed: a second problem with the same value goes to the next piece
    // with that value (`uid = "root", gid = "root"`).
    let mut used: Vec<Loc> = Vec::new();
    match section.to_ini() {
        Ok(ini) if !bind_failed && !runtime => report.ini = Some(ini),
        Ok(_) => {}
        Err(error) => {
            for problem in error.problems() {
                let about_runtime = runtime && {
                    match with_other_values.iter().position(|p| p == problem) {
                        Some(same) => {
                            with_other_values.swap_remove(same);
                            false
                        }
                        None => true,
                    }
                };
                let about_target = matches!(
                    problem.kind(),
                    ProblemKind::UnavailableOption | ProblemKind::UnavailablePhase
                );
                if about_runtime || (runtime_target && about_target) {
                    continue;
                }
                let item = problem.call().and_then(|call| calls.get(call).copied());
                let at = item.and_then(|index| {
                    let bound = bound_items.get(index)?.as_ref()?;
                    Some(locate(problem, items.get(index)?, bound, &used))
                });
                used.extend(at);
                located.push((
                    item.unwrap_or(usize::MAX),
                    Diagnostic {
                        at,
                        message: problem.message().to_string(),
                        fix: macro_fix(problem),
                    },
                ));
            }
        }
    }
    located.sort_by_key(|(item, _)| *item);
    report
        .diagnostics
        .extend(located.into_iter().map(|(_, d)| d));
    if !report.diagnostics.is_empty() {
        report.ini = None;
    }
    report
}

/// The fix of a problem, as said in the macro language.
pub(crate) fn macro_fix(problem: &Problem) -> Option<String> {
    match problem.kind() {
        ProblemKind::NoExecForm => {
            let phase = problem.value().unwrap_or("asap").replace('-', "_");
            Some(format!(
                "use hook({phase}, execute(..)) instead: only asap, pre_jail, in_jail, \
                 post_jail, as_root, as_user, as_user_atexit, pre_app, post_app, as_vassal and \
                 as_emperor have an exec- form"
            ))
        }
        ProblemKind::Conflict if problem.fix().is_some_and(|f| f.contains("set_option")) => {
            Some("set it once".into())
        }
        // The macro checks for INI: rendering to arguments is not its way out.
        ProblemKind::Unrepresentable => problem
            .fix()
            .map(|fix| fix.replace(", or render to command-line arguments", "")),
        // The core's method names, as the macro writes them.
        _ => problem.fix().map(|fix| {
            fix.replace("add_option(", "option(")
                .replace("set_option(", "option(")
        }),
    }
}

/// Every value of an item (recursively), with the name of the parameter it was given for
/// and the action call it belongs to.
fn walk<'a>(
    args: &[(&'static Param, &'a Val)],
    action: Option<&'a ActionCall>,
    out: &mut Vec<(&'static str, &'a Val, Option<&'a ActionCall>)>,
) {
    for (param, value) in args {
        push_value(param.name, value, action, out);
    }
}

fn push_value<'a>(
    param: &'static str,
    value: &'a Val,
    action: Option<&'a ActionCall>,
    out: &mut Vec<(&'static str, &'a Val, Option<&'a ActionCall>)>,
) {
    out.push((param, value, action));
    match &value.kind {
        ValKind::List(items) => {
            for item in items {
                push_value(param, item, action, out);
            }
        }
        ValKind::Action(call) => {
            if let Ok(bound) = bind_action(call) {
                walk(&bound.args, Some(call), out);
            }
        }
        _ => {}
    }
}

/// The texts a value can appear as in a problem.
fn texts(value: &Val) -> Vec<String> {
    match &value.kind {
        // `print` text reaches the hook line with `%` doubled (a printf format).
        ValKind::Str(text) if text.contains('%') => vec![text.clone(), text.replace('%', "%%")],
        ValKind::Str(text) => vec![text.clone()],
        ValKind::Int { value, text } => {
            vec![text.clone(), value.to_string(), format!("0o{value:o}")]
        }
        ValKind::Bool(on) => vec![on.to_string()],
        ValKind::Name(name) => vec![name.clone()],
        _ => Vec::new(),
    }
}

/// The most precise piece of `item` a problem is about: the value it names, else the
/// parameter its message names, else the action or the item.
fn locate(problem: &Problem, item: &Item, bound: &BoundItem<'_>, used: &[Loc]) -> Loc {
    let mut all = Vec::new();
    walk(&bound.args, None, &mut all);
    // Problems raised by an action name it in their origin: look there first.
    let action_name = problem
        .origin()
        .split("action `")
        .nth(1)
        .and_then(|rest| rest.split('`').next());
    let in_scope = |call: Option<&ActionCall>| match (action_name, call) {
        (Some(uwsgi), Some(call)) => {
            action(&call.name).is_some_and(|spec| spec.uwsgi.contains(&uwsgi))
        }
        (Some(_), None) => false,
        (None, _) => true,
    };
    let scoped: Vec<_> = all.iter().filter(|(_, _, call)| in_scope(*call)).collect();

    if let Some(wanted) = problem.value() {
        let same_phase = |value: &Val| match &value.kind {
            ValKind::Name(name) => {
                Phase::from_name(name).is_some()
                    && Phase::from_name(name) == Phase::from_name(wanted)
            }
            _ => false,
        };
        for candidates in [&scoped, &all.iter().collect()] {
            let matching: Vec<Loc> = candidates
                .iter()
                .filter(|(_, value, _)| {
                    texts(value).iter().any(|t| t == wanted) || same_phase(value)
                })
                .map(|(_, value, _)| value.at)
                .collect();
            let fresh = matching.iter().find(|at| !used.contains(at));
            if let Some(at) = fresh.or(matching.first()) {
                return *at;
            }
        }
        // A value inside a longer one (a hook line `print:...`, `path command`).
        let inside = all
            .iter()
            .filter(|(_, value, _)| matches!(value.kind, ValKind::Str(_)))
            .flat_map(|(_, value, _)| texts(value).into_iter().map(|t| (t, value.at)))
            .filter(|(text, _)| !text.is_empty() && wanted.contains(text.as_str()))
            .map(|(text, at)| (text.len(), at))
            .max_by_key(|(len, _)| *len);
        if let Some((_, at)) = inside {
            return at;
        }
    }
    // A parameter named in the message.
    for name in problem.message().split('`').skip(1).step_by(2) {
        if let Some((_, value, _)) = scoped.iter().find(|(param, _, _)| *param == name) {
            return value.at;
        }
    }
    if action_name.is_some() {
        if let Some((_, _, Some(call))) = scoped.first() {
            return call.at;
        }
    }
    item.at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str, at: Loc) -> Val {
        Val::new(ValKind::Str(text.into()), at)
    }

    fn i(value: i128, at: Loc) -> Val {
        Val::new(
            ValKind::Int {
                value,
                text: value.to_string(),
            },
            at,
        )
    }

    fn b(on: bool, at: Loc) -> Val {
        Val::new(ValKind::Bool(on), at)
    }

    fn n(name: &str, at: Loc) -> Val {
        Val::new(ValKind::Name(name.into()), at)
    }

    fn act(name: &str, at: Loc, args: Vec<Arg>) -> Val {
        Val::new(
            ValKind::Action(ActionCall {
                name: name.into(),
                at,
                args,
            }),
            at + 1000,
        )
    }

    fn item(name: &str, args: Vec<Arg>) -> Item {
        Item {
            name: name.into(),
            at: 0,
            args,
        }
    }

    #[test]
    fn every_item_is_applied_with_one_call() {
        // Each item with no (or minimal) arguments makes exactly one call.
        for spec in ITEMS {
            let args: Vec<Arg> = spec
                .params
                .iter()
                .filter(|p| p.required)
                .map(|p| {
                    let value = match p.kind {
                        Kind::Phase => n("asap", 1),
                        Kind::Actions => s("print:x", 1),
                        Kind::OptionName => s("master", 1),
                        Kind::Setting => b(true, 1),
                        Kind::Target => s("2.1", 1),
                        _ => s("x", 1),
                    };
                    Arg::named(p.name, 2, value)
                })
                .collect();
            let it = item(spec.name, args);
            let bound = bind_item(&it).unwrap_or_else(|e| panic!("{}: {e:?}", spec.name));
            let mut section = Section::new();
            apply(&mut section, &bound);
            section.set_option("master", true);
            // The next call is call 1 exactly when the item made one call.
            section.set_option("nope", true);
            let problems = section.to_ini().unwrap_err().into_problems();
            assert_eq!(problems.last().unwrap().call(), Some(2), "{}", spec.name);
        }
    }

    #[test]
    fn every_action_is_built() {
        for spec in ACTIONS {
            let args: Vec<Arg> = spec
                .params
                .iter()
                .filter(|p| p.required)
                .map(|p| match p.kind {
                    Kind::Int { .. } => Arg::positional(i(1, 1)),
                    Kind::Mode => Arg::positional(s("644", 1)),
                    _ => Arg::positional(s("x", 1)),
                })
                .collect();
            let call = ActionCall {
                name: spec.name.into(),
                at: 0,
                args,
            };
            let bound = bind_action(&call).unwrap();
            let action = build_action(&bound);
            assert!(spec.uwsgi.contains(&action.name()), "{}", spec.name);
        }
    }

    #[test]
    fn tables_use_core_names() {
        for spec in ITEMS {
            for param in spec.params {
                for directive in param.directives {
                    assert!(
                        directive.contains('<') || options::lookup(directive).is_some(),
                        "{directive}"
                    );
                }
            }
        }
        for spec in ACTIONS {
            for name in spec.uwsgi {
                assert!(crate::actions::UWSGI_ACTIONS.contains(name), "{name}");
            }
        }
    }

    #[test]
    fn binding_reports_everything() {
        let it = item(
            "owner",
            vec![
                Arg::named("uid", 1, s("www", 2)),
                Arg::named("uid", 3, s("www", 4)),
                Arg::named("user", 5, s("www", 6)),
                Arg::named("gid", 7, b(true, 8)),
                Arg::positional(s("x", 9)),
            ],
        );
        let errors = bind_item(&it).unwrap_err();
        let at: Vec<_> = errors.iter().map(|e| e.at).collect();
        assert_eq!(at, [Some(3), Some(5), Some(9), Some(8)]);
        assert_eq!(
            errors[3].message,
            "`gid` takes a name or a number, not a boolean"
        );
    }

    #[test]
    fn unknown_names_are_suggested() {
        let errors = bind_item(&item(
            "hook",
            vec![
                Arg::positional(n("JAIL_PER", 1)),
                Arg::positional(act("dir_craete", 2, vec![Arg::positional(s("/x", 3))])),
            ],
        ))
        .unwrap_err();
        assert_eq!(errors[0].message, "unknown hook phase `JAIL_PER`");
        assert!(errors[0]
            .fix
            .as_deref()
            .unwrap()
            .starts_with("did you mean `JAIL_PRE`?\n= help: "));
        assert_eq!(errors[1].message, "unknown hook action `dir_craete`");
        assert!(errors[1]
            .fix
            .as_deref()
            .unwrap()
            .starts_with("did you mean `dir_create`?"));
        let errors = bind_item(&item(
            "hook",
            vec![
                Arg::positional(n("pre_jial", 1)),
                Arg::positional(s("print:x", 2)),
            ],
        ))
        .unwrap_err();
        assert!(errors[0]
            .fix
            .as_deref()
            .unwrap()
            .starts_with("did you mean `pre_jail`?"));
        let errors = bind_item(&item("set_owner_params", vec![])).unwrap_err();
        assert_eq!(errors[0].fix.as_deref(), Some("did you mean `owner`?"));
    }

    #[test]
    fn a_variable_where_a_name_is_read_gets_the_braces_hint() {
        let errors = bind_item(&item(
            "hook",
            vec![
                Arg::positional(n("ph", 1)),
                Arg::positional(s("print:x", 2)),
            ],
        ))
        .unwrap_err();
        assert_eq!(errors[0].message, "unknown hook phase `ph`");
        assert_eq!(
            errors[0].fix.as_deref(),
            Some("to use a Rust value here, wrap it in braces: { ph }")
        );
        let errors = bind_item(&item(
            "owner",
            vec![Arg::named("drop_after", 1, n("when", 2))],
        ))
        .unwrap_err();
        assert!(errors[0]
            .fix
            .as_deref()
            .unwrap()
            .ends_with("\n= help: to use a Rust value here, wrap it in braces: { when }"));
    }

    #[test]
    fn positional_arguments_where_none_are_taken() {
        let errors = bind_item(&item("owner", vec![Arg::positional(s("a", 1))])).unwrap_err();
        assert_eq!(errors[0].message, "`owner` takes no positional arguments");
        let errors = bind_item(&item(
            "change_dir",
            vec![Arg::positional(s("/a", 1)), Arg::positional(s("/b", 2))],
        ))
        .unwrap_err();
        assert_eq!(
            errors[0].message,
            "`change_dir` takes no more positional arguments"
        );
    }

    /// Item 11 of issue 7: a literal holding the text of the old run-time stand-in was taken
    /// for a run-time value, its problems dropped, and `uwsgi_ini!` expanded to "".
    #[test]
    fn no_literal_passes_for_a_runtime_value() {
        for text in [
            "uwsgiconf-runtime-value",
            "%(uwsgiconf-runtime-value)",
            STAND_IN.0,
            OTHER_STAND_IN.0,
        ] {
            let items = [item(
                "pid_file",
                vec![Arg::positional(s(
                    &format!("/run/{text}\nvacuum = true"),
                    1,
                ))],
            )];
            let report = check(&items);
            assert_eq!(report.ini, None, "{text}");
            assert!(
                report.diagnostics[0].message.contains("line break"),
                "{text}: {:#?}",
                report.diagnostics
            );
            assert_eq!(report.diagnostics[0].at, Some(1));
            let items = [item(
                "owner",
                vec![
                    Arg::named("uid", 1, s(text, 2)),
                    Arg::named("allow_root", 3, b(true, 4)),
                ],
            )];
            let report = check(&items);
            assert!(
                report.diagnostics[0].message.starts_with("uid without gid"),
                "{text}: {:#?}",
                report.diagnostics
            );
        }
        // Next to a run-time value, the literal problem is still found, the run-time one
        // left to the renderer.
        let rt = |at| Val::new(ValKind::Runtime, at);
        let items = [
            item("change_dir", vec![Arg::positional(rt(1))]),
            item(
                "pid_file",
                vec![Arg::positional(s("/run/uwsgiconf_runtime_value\n", 2))],
            ),
            item("owner", vec![Arg::named("uid", 3, rt(4))]),
        ];
        let report = check(&items);
        let at: Vec<_> = report.diagnostics.iter().map(|d| d.at).collect();
        assert_eq!(at, [Some(2)], "{:#?}", report.diagnostics);
    }

    /// Item 12 of issue 7: a spec that is not in the tables made `apply` and `build_action`
    /// panic.
    #[test]
    fn hand_made_specs_do_not_panic() {
        static ITEM: ItemSpec = ItemSpec {
            name: "bogus",
            receiver: Receiver::Section,
            method: "bogus",
            params_type: None,
            params: &[],
            doc: "",
        };
        let mut section = Section::new();
        apply(
            &mut section,
            &BoundItem {
                spec: &ITEM,
                args: Vec::new(),
            },
        );
        section.set_option("master", true);
        let problems = section.to_ini().unwrap_err().into_problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind(), ProblemKind::UnknownName);
        assert_eq!(problems[0].message(), "unknown item `bogus`");
        // Still one counted call: the next call is call 1.
        assert_eq!(problems[0].call(), Some(0));

        static ACTION: ActionSpec = ActionSpec {
            name: "mkdir",
            uwsgi: &["mkdir"],
            params: &[],
        };
        let action = build_action(&BoundAction {
            spec: &ACTION,
            args: Vec::new(),
        });
        assert_eq!(action.problems()[0].kind(), ProblemKind::UnknownName);
        assert!(action.problems()[0]
            .fix()
            .unwrap()
            .starts_with("did you mean `dir_create`?"));

        // A spec of the tables with values of the wrong shape: stand-ins, no panic.
        let list = Val::new(ValKind::List(vec![s("x", 1)]), 2);
        let owner = super::item("owner").unwrap();
        let mut section = Section::new();
        apply(
            &mut section,
            &BoundItem {
                spec: owner,
                args: vec![
                    (owner.param("uid").unwrap(), &list),
                    (owner.param("gid").unwrap(), &list),
                ],
            },
        );
        assert!(section.to_ini().is_ok());
        let call = BoundAction {
            spec: action_spec("chmod"),
            args: vec![(action_spec("chmod").param("mode").unwrap(), &list)],
        };
        let _ = build_action(&call);
    }

    fn action_spec(name: &str) -> &'static ActionSpec {
        action(name).unwrap()
    }

    /// Item 13 of issue 7: "did you mean" on a megabyte name took 33 s of CPU.
    #[test]
    fn megabyte_names_get_no_suggestion() {
        let huge = "x".repeat(1 << 20);
        let errors = bind_item(&item(&huge, vec![])).unwrap_err();
        assert_eq!(errors[0].message, format!("unknown item `{huge}`"));
        assert!(errors[0]
            .fix
            .as_deref()
            .unwrap()
            .starts_with("the items are "));
        let errors = bind_item(&item(
            "memory",
            vec![Arg::named(huge.as_str(), 1, b(true, 2))],
        ))
        .unwrap_err();
        assert_eq!(
            errors[0].fix.as_deref(),
            Some("write memory(ksm_interval = .., no_swap = ..)")
        );
        let errors = bind_item(&item(
            "hook",
            vec![
                Arg::positional(n(&huge, 1)),
                Arg::positional(act(&huge, 2, vec![])),
            ],
        ))
        .unwrap_err();
        assert_eq!(
            errors[0].fix.as_deref(),
            Some(format!("to use a Rust value here, wrap it in braces: {{ {huge} }}").as_str())
        );
        assert!(errors[1]
            .fix
            .as_deref()
            .unwrap()
            .starts_with("the actions are "));
        assert!(options::suggest(&huge).is_empty());
        assert!(suggest_item(&huge).unwrap().starts_with("the items are "));
        let mut section = Section::new();
        section.add_option(&huge, true);
        let problems = section.to_ini().unwrap_err().into_problems();
        assert_eq!(problems[0].kind(), ProblemKind::UnknownOption);
        assert_eq!(problems[0].fix(), None);
        let problems = Action::parse(&format!("{huge}:x")).problems().to_vec();
        assert_eq!(problems[0].kind(), ProblemKind::UnknownName);
        assert_eq!(problems[0].fix(), None);
        let problems = Action::from(Action::mount("/x").flags(huge.as_str()))
            .problems()
            .to_vec();
        assert_eq!(problems[0].kind(), ProblemKind::UnknownMountFlag);
        assert_eq!(problems[0].fix(), None);
        assert!(Phase::suggest(&huge).is_empty());
    }

    #[test]
    fn problems_point_at_values() {
        let items = [
            item(
                "owner",
                vec![
                    Arg::named("uid", 1, s("root", 2)),
                    Arg::named("gid", 3, s("root", 4)),
                ],
            ),
            item(
                "hook",
                vec![
                    Arg::positional(n("asap", 5)),
                    Arg::positional(Val::new(
                        ValKind::List(vec![
                            act("printout", 6, vec![Arg::positional(s("ok", 7))]),
                            act(
                                "chmod",
                                8,
                                vec![Arg::positional(s("/x", 9)), Arg::positional(s("75", 10))],
                            ),
                        ]),
                        11,
                    )),
                ],
            ),
            item(
                "run_command_on_event",
                vec![
                    Arg::positional(s("date", 12)),
                    Arg::named("phase", 13, n("post_fork", 14)),
                ],
            ),
            item(
                "option",
                vec![
                    Arg::positional(s("never_swap", 15)),
                    Arg::positional(b(true, 16)),
                ],
            ),
            item(
                "hook",
                vec![
                    Arg::positional(n("as_vassal_before_drop", 17)),
                    Arg::positional(s("print:x", 18)),
                ],
            ),
        ];
        let report = check(&items);
        assert_eq!(report.ini, None);
        let at: Vec<_> = report.diagnostics.iter().map(|d| d.at).collect();
        // root uid and root gid, bad mode, exec on post-fork, unknown option, 2.1 phase
        assert_eq!(
            at,
            [Some(2), Some(4), Some(10), Some(14), Some(15), Some(17)],
            "{:#?}",
            report.diagnostics
        );
        assert!(report.diagnostics[3]
            .fix
            .as_deref()
            .unwrap()
            .starts_with("use hook(post_fork, execute(..))"));
        assert_eq!(
            report.diagnostics[4].fix.as_deref(),
            Some("did you mean `never-swap`?")
        );
    }

    #[test]
    fn call_indices_map_to_items() {
        // An item that does not bind makes no call; a run-time option key makes one that
        // changes nothing: the problems of later items still land on them.
        let rt = |at| Val::new(ValKind::Runtime, at);
        let items = [
            item("bogus", vec![]),
            item(
                "option",
                vec![Arg::positional(rt(1)), Arg::positional(b(true, 2))],
            ),
            item("memory", vec![Arg::named("nope", 3, b(true, 4))]),
            item("owner", vec![Arg::named("uid", 5, s("www", 6))]),
            item("pid_file", vec![Arg::positional(s("", 7))]),
        ];
        let report = check(&items);
        let at: Vec<_> = report.diagnostics.iter().map(|d| d.at).collect();
        assert_eq!(at, [Some(0), Some(3), Some(6), Some(7)]);
    }

    #[test]
    fn runtime_values_are_left_to_the_renderer() {
        let rt = |at| Val::new(ValKind::Runtime, at);
        let items = [
            item(
                "owner",
                vec![
                    Arg::named("uid", 1, s("www", 2)),
                    Arg::named("gid", 3, rt(4)),
                ],
            ),
            item(
                "owner",
                vec![
                    Arg::named("uid", 5, rt(6)),
                    Arg::named("gid", 7, s("www", 8)),
                    Arg::named("set_asap", 9, rt(10)),
                ],
            ),
            item(
                "hook",
                vec![Arg::positional(rt(11)), Arg::positional(rt(12))],
            ),
            item(
                "option",
                vec![Arg::positional(rt(13)), Arg::positional(rt(14))],
            ),
            item(
                "option",
                vec![Arg::positional(s("processes", 15)), Arg::positional(rt(16))],
            ),
            item(
                "option",
                vec![
                    Arg::positional(s("processes", 17)),
                    Arg::positional(s("4", 18)),
                ],
            ),
        ];
        let report = check(&items);
        assert_eq!(report.ini, None);
        assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    }
}
