//! The grammar of uwsgiconf's declarative macros, `uwsgi_config!` and `uwsgi_ini!`, and the
//! machinery they check it with.
//!
//! This module is the single source of truth of the macro language:
//!
//! * [`items`]: every item (`owner(..)`, `workers.basic(..)`...), declared by its option
//!   group next to the [`Section`] or group method it calls, and its parameters with their
//!   [`Kind`], how each reaches the method ([`Pass`]) and which uWSGI directives it writes;
//! * [`ACTIONS`]: every hook action constructor of [`Action`], its arguments and its flags;
//! * [`bind_item`] / [`bind_action`]: matching written arguments to parameters (unknown,
//!   duplicated, missing or ill-typed arguments become [`Diagnostic`]s);
//! * [`apply`]: calls the same typed method a generated program calls, from literal values,
//!   so that validation and rendering are this crate's, at compile time;
//! * [`check`]: the whole compile-time pass over a macro invocation: bind, apply, render to
//!   INI, and map every [`Problem`] back to the piece of the invocation that caused it.
//!
//! The macro crate parses Rust tokens straight into [`Item`]s whose pieces hold their own
//! tokens (the tree is generic over where a piece is; the examples here number the pieces
//! with a [`Loc`]), binds each item once, checks the bound items ([`check_bound`]) and
//! generates code from them and the same tables. The tables can also be read to document the
//! language, as the `uwsgiconf` crate does. What the generated code needs at run time is not
//! here: it is in a hidden support module.
//!
//! Every function here is total: whatever it is given (hand-made specs and values of any
//! shape included), it reports problems and never panics.
//!
//! ```
//! use uwsgiconf_core::dsl::{self, Arg, Item, Val, ValKind};
//!
//! // pid_file("/run/app.pid", safe = true), as the macro hands it over:
//! let item = Item {
//!     group: None,
//!     name: "pid_file".into(),
//!     at: 0,
//!     args: vec![
//!         Arg::positional(Val::new(ValKind::Str("/run/app.pid".into()), 1)),
//!         Arg::named("safe", 2, Val::new(ValKind::Bool(true), 3)),
//!     ],
//! };
//! let report = dsl::check(&[item]);
//! assert!(report.diagnostics.is_empty());
//! let text = report.text.as_ref().and_then(dsl::Rendered::text);
//! assert_eq!(text, Some("[uwsgi]\nsafe-pidfile = /run/app.pid\n"));
//! ```

use std::fmt;

use crate::actions::Action;
use crate::error::{Problem, ProblemKind};
use crate::value::Value;
use crate::{options, DropAfter, Id, Phase, Section, Target};

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
    /// A parameter given by name.
    pub const fn new(
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
    pub const fn arg(name: &'static str, kind: Kind, directives: &'static [&'static str]) -> Param {
        Param {
            positional: true,
            required: true,
            ..Param::new(name, kind, Pass::Arg, directives)
        }
    }

    /// An optional setter, given by name.
    pub const fn setter(
        name: &'static str,
        kind: Kind,
        directives: &'static [&'static str],
    ) -> Param {
        Param::new(name, kind, Pass::Setter, directives)
    }
}

/// What an item's method is called on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Receiver {
    /// The section itself ([`Section::add_option`], [`Section::set_target`]).
    Section,
    /// One of its option groups, by accessor name (`main_process` for
    /// [`Section::main_process`]).
    Group(&'static str),
}

impl Receiver {
    /// The accessor's name, for a group.
    pub fn group(self) -> Option<&'static str> {
        match self {
            Receiver::Section => None,
            Receiver::Group(name) => Some(name),
        }
    }
}

/// Calls an item's method on a section with the bound values.
pub type Apply = fn(&mut Section, &Args<'_>);

/// Makes the action an action call describes.
pub type Build = fn(&Args<'_>) -> Action;

/// One item of the macro language, declared next to the method it calls (in its group's
/// module).
#[derive(Debug, Clone, Copy)]
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
    /// Calls the method with bound literal values (the compile-time check).
    pub apply: Apply,
}

impl ItemSpec {
    /// The name as written in the macro: `owner` for the main-process group and the section's
    /// own items, `workers.basic` for another group's.
    pub fn qualified_name(&self) -> String {
        match self.receiver.group() {
            Some(group) if group != DEFAULT_GROUP => format!("{group}.{}", self.name),
            _ => self.name.to_string(),
        }
    }

    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// How the item is written: `hook(phase, actions)`, `pid_file(fpath, before_priv_drop = ..,
    /// safe = ..)`.
    pub fn usage(&self) -> String {
        usage(&self.qualified_name(), self.params)
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
#[derive(Debug, Clone, Copy)]
pub struct ActionSpec {
    /// The constructor's name, also the action's name in the macro (`file_write`).
    pub name: &'static str,
    /// The uWSGI actions it writes (`write`, `writen`, `append`, `appendn`).
    pub uwsgi: &'static [&'static str],
    /// Its arguments (passed to the constructor) and flags (builder methods), plus `private`.
    pub params: &'static [Param],
    /// Calls the constructor and builder methods with bound literal values.
    pub build: Build,
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

/// An unsigned 32-bit integer parameter.
pub const U32: Kind = Kind::Int {
    min: 0,
    max: u32::MAX as i64,
    rust: "u32",
};
/// A signed 32-bit integer parameter.
pub const I32: Kind = Kind::Int {
    min: i32::MIN as i64,
    max: i32::MAX as i64,
    rust: "i32",
};
/// An unsigned 8-bit integer parameter.
pub const U8: Kind = Kind::Int {
    min: 0,
    max: u8::MAX as i64,
    rust: "u8",
};

/// An unsigned 64-bit integer parameter (limited to what the compile-time check reads).
pub const U64: Kind = Kind::Int {
    min: 0,
    max: i64::MAX,
    rust: "u64",
};

/// The group whose items are written without a group name (`owner(..)`).
pub const DEFAULT_GROUP: &str = "main_process";

/// Every item of the macro language: each group's, in the registry's order, then the
/// section's own.
pub fn items() -> impl Iterator<Item = &'static ItemSpec> {
    crate::groups::GROUPS
        .iter()
        .flat_map(|group| group.items)
        .chain(crate::groups::SECTION_ITEMS)
        .chain(crate::plugins::ITEMS)
}

/// The names of the option groups, as accessors and in the macro (`workers`).
pub fn groups() -> impl Iterator<Item = &'static str> {
    crate::groups::GROUPS.iter().map(|group| group.name)
}

/// The flag every action takes: `private = true` hides the hook's command from the log
/// (`!exec:...`).
pub const PRIVATE: Param = Param::new("private", Kind::Bool, Pass::Switch, &[]);

/// Every hook action constructor, by name: declared in [`crate::actions`], next to the
/// constructors.
pub use crate::actions::ACTIONS;
/// The file formats a macro can check and render for, each declared in its format module.
pub use crate::format::{file_format, FileFormat, Rendered, FILE_FORMATS};

/// The item called `name`: in `group` when one is given (`workers.basic`), else the
/// section's own items and the main-process group's (`owner`).
///
/// ```
/// let owner = uwsgiconf_core::dsl::item(None, "owner").unwrap();
/// assert_eq!(owner.method, "set_owner_params");
/// assert!(owner.directives().contains(&"add-gid"));
/// ```
pub fn item(group: Option<&str>, name: &str) -> Option<&'static ItemSpec> {
    items().find(|spec| spec.name == name && in_scope(spec, group))
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
/// assert_eq!(suggest_item(None, "set_owner_params").unwrap(), "did you mean `owner`?");
/// assert_eq!(suggest_item(None, "onwer").unwrap(), "did you mean `owner`?");
/// assert!(suggest_item(None, "never_swap").unwrap().contains("memory(no_swap = ..)"));
/// assert!(suggest_item(None, "processes").unwrap().contains("option(\"processes\", ..)"));
/// ```
pub fn suggest_item(group: Option<&str>, name: &str) -> Option<String> {
    let scope: Vec<&'static ItemSpec> = items().filter(|spec| in_scope(spec, group)).collect();
    if let Some(spec) = scope.iter().find(|spec| spec.method == name) {
        return Some(format!("did you mean `{}`?", spec.qualified_name()));
    }
    let qualified = |names: &[&str]| -> Vec<String> {
        names
            .iter()
            .filter_map(|n| scope.iter().find(|s| s.name == *n))
            .map(|s| s.qualified_name())
            .collect()
    };
    let mut names = qualified(&crate::suggest::closest(name, scope.iter().map(|s| s.name)));
    if names.is_empty() {
        let by_method = crate::suggest::closest(name, scope.iter().map(|s| s.method));
        names = by_method
            .iter()
            .filter_map(|m| scope.iter().find(|s| s.method == *m))
            .map(|s| s.qualified_name())
            .collect();
    }
    if names.is_empty() {
        // The same name in another group (`harakiri` is `workers.harakiri`).
        names = items()
            .filter(|spec| spec.name == name && !in_scope(spec, group))
            .map(ItemSpec::qualified_name)
            .collect();
    }
    if !names.is_empty() {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        return Some(crate::suggest::did_you_mean(&names));
    }
    let directive = name.replace('_', "-");
    for spec in items() {
        for param in spec.params {
            if param.directives.contains(&directive.as_str()) {
                let usage = if param.positional {
                    format!("{}(..)", spec.qualified_name())
                } else {
                    format!("{}({} = ..)", spec.qualified_name(), param.name)
                };
                return Some(format!("`{directive}` is written with {usage}"));
            }
        }
    }
    if let Some(group) = group.filter(|g| *g != DEFAULT_GROUP) {
        return Some(format!(
            "the items of `{group}` are {}",
            names_list(scope.iter().map(|s| s.name))
        ));
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
                scope
                    .iter()
                    .filter(|s| s.receiver != Receiver::Section)
                    .map(|s| s.name)
            )
        )),
    }
}

/// Whether an item is written with the group name `group` (none: the section's own items
/// and the main-process group's).
fn in_scope(spec: &ItemSpec, group: Option<&str>) -> bool {
    let group = group.unwrap_or(DEFAULT_GROUP);
    match spec.receiver {
        Receiver::Section => group == DEFAULT_GROUP,
        Receiver::Group(of) => of == group,
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

/// Where a piece of an invocation is, when nothing more is needed: a number. The tree is
/// generic over where its pieces are (`At`): the macro builds it with each piece's own tokens,
/// the tables' tests and examples number the pieces. A [`Diagnostic`] gives back the `At` of
/// the piece it is about.
pub type Loc = usize;

/// One item of an invocation: `name(args)`, or `group.name(args)` for an item of another
/// option group than the main process's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<At = Loc> {
    /// The group's name as written, and where it is, when the item is qualified.
    pub group: Option<(String, At)>,
    /// The item's name as written.
    pub name: String,
    /// Where the name is.
    pub at: At,
    /// Its arguments, in order.
    pub args: Vec<Arg<At>>,
}

/// One argument: a value, possibly named (`uid = "www-data"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg<At = Loc> {
    /// The name and where it is, when the argument is named.
    pub key: Option<(String, At)>,
    /// The value.
    pub value: Val<At>,
}

impl<At> Arg<At> {
    /// A positional argument.
    pub fn positional(value: Val<At>) -> Self {
        Arg { key: None, value }
    }

    /// A named argument.
    pub fn named(name: impl Into<String>, at: At, value: Val<At>) -> Self {
        Arg {
            key: Some((name.into(), at)),
            value,
        }
    }
}

/// A value as written, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Val<At = Loc> {
    /// What was written.
    pub kind: ValKind<At>,
    /// Where.
    pub at: At,
}

impl<At> Val<At> {
    /// A value at `at`.
    pub fn new(kind: ValKind<At>, at: At) -> Self {
        Val { kind, at }
    }

    /// The pieces of this value, given for a parameter of `kind`, that are Rust expressions
    /// evaluated at run time: any expression that is not a literal, a lone name where a
    /// name is not expected (a variable), a call where an action is not expected.
    /// `actions` are the bound action calls of the item the value belongs to.
    pub fn runtime_parts<'a>(&'a self, kind: Kind, actions: &[BoundAction<'a, At>]) -> Vec<&'a At> {
        let mut out = Vec::new();
        self.collect_runtime(kind, actions, &mut out);
        out
    }

    fn collect_runtime<'a>(
        &'a self,
        kind: Kind,
        actions: &[BoundAction<'a, At>],
        out: &mut Vec<&'a At>,
    ) {
        match (&self.kind, kind) {
            (ValKind::Runtime, _) => out.push(&self.at),
            (ValKind::Name(_), Kind::Phase | Kind::DropAfter) => {}
            (ValKind::Name(_), _) => out.push(&self.at),
            (ValKind::Action(call), Kind::Actions) => {
                if let Some(bound) = bound_call(actions, call) {
                    for (param, value) in &bound.args {
                        value.collect_runtime(param.kind, actions, out);
                    }
                }
            }
            (ValKind::Action(_), _) => out.push(&self.at),
            (ValKind::List(items), _) => {
                for item in items {
                    item.collect_runtime(kind, actions, out);
                }
            }
            _ => {}
        }
    }

    /// What the value is, as the tables' rows read it (see [`Shape`]).
    pub fn shape(&self) -> Shape<'_> {
        match &self.kind {
            ValKind::Str(text) => Shape::Str(text),
            ValKind::Int { value, .. } => Shape::Int(*value),
            ValKind::Bool(on) => Shape::Bool(*on),
            ValKind::Name(name) => Shape::Name(name),
            ValKind::List(items) => Shape::List(items.iter().map(Val::shape).collect()),
            ValKind::Action(_) => Shape::Action,
            ValKind::Other(_) => Shape::Other,
            ValKind::Runtime => Shape::Runtime,
        }
    }
}

/// The shapes a value can take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValKind<At = Loc> {
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
    List(Vec<Val<At>>),
    /// `name(args)`: an action constructor call where actions are expected, a function call
    /// (a run-time value) elsewhere.
    Action(ActionCall<At>),
    /// A literal of a type no parameter takes (a float, a char...), described (`a float`).
    Other(String),
    /// Any other expression: evaluated at run time.
    Runtime,
}

impl<At> ValKind<At> {
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
pub struct ActionCall<At = Loc> {
    /// The constructor's name as written.
    pub name: String,
    /// Where the name is.
    pub at: At,
    /// Its arguments.
    pub args: Vec<Arg<At>>,
}

/// Something wrong with an invocation, at one of its pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic<At = Loc> {
    /// Where; `None` for the invocation as a whole.
    pub at: Option<At>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: Option<String>,
}

impl<At: Clone> Diagnostic<At> {
    fn new(at: &At, message: impl Into<String>, fix: impl Into<String>) -> Self {
        let fix = fix.into();
        Diagnostic {
            at: Some(at.clone()),
            message: message.into(),
            fix: (!fix.is_empty()).then_some(fix),
        }
    }
}

impl<At> fmt::Display for Diagnostic<At> {
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

/// An item whose arguments matched its parameters, its action calls bound too: binding
/// happens once, and every later step (the check, the expansion) reads this.
#[derive(Debug, Clone)]
pub struct BoundItem<'a, At = Loc> {
    /// The item as written.
    pub item: &'a Item<At>,
    /// Its row.
    pub spec: &'static ItemSpec,
    /// The given parameters and their values, in table order.
    pub args: Vec<(&'static Param, &'a Val<At>)>,
    /// Every action call among the values, bound, in the order written.
    pub actions: Vec<BoundAction<'a, At>>,
}

impl<'a, At> BoundItem<'a, At> {
    /// The value given for `name`.
    pub fn get(&self, name: &str) -> Option<&'a Val<At>> {
        get(&self.args, name)
    }

    /// Where the item's run-time values are (see [`Val::runtime_parts`]).
    pub fn runtime_parts(&self) -> Vec<&'a At> {
        let mut out = Vec::new();
        for (param, value) in &self.args {
            out.extend(value.runtime_parts(param.kind, &self.actions));
        }
        out
    }

    /// The bound form of one of the item's action calls.
    pub fn action(&self, call: &ActionCall<At>) -> Option<&BoundAction<'a, At>> {
        bound_call(&self.actions, call)
    }
}

/// The bound form of `call`: the one binding it, by identity (the same call in the tree), so
/// no location needs comparing.
fn bound_call<'r, 'a, At>(
    actions: &'r [BoundAction<'a, At>],
    call: &ActionCall<At>,
) -> Option<&'r BoundAction<'a, At>> {
    actions.iter().find(|bound| std::ptr::eq(bound.call, call))
}

/// An action call whose arguments matched the constructor's parameters.
#[derive(Debug, Clone)]
pub struct BoundAction<'a, At = Loc> {
    /// The call as written.
    pub call: &'a ActionCall<At>,
    /// The constructor.
    pub spec: &'static ActionSpec,
    /// The given parameters and their values, in table order.
    pub args: Vec<(&'static Param, &'a Val<At>)>,
}

impl<'a, At> BoundAction<'a, At> {
    /// The value given for `name`.
    pub fn get(&self, name: &str) -> Option<&'a Val<At>> {
        get(&self.args, name)
    }
}

fn get<'a, At>(args: &[(&'static Param, &'a Val<At>)], name: &str) -> Option<&'a Val<At>> {
    args.iter().find(|(p, _)| p.name == name).map(|(_, v)| *v)
}

/// Matches an item's arguments to its parameters and checks every literal value's type,
/// recursively (actions included). Every problem is reported.
///
/// ```
/// use uwsgiconf_core::dsl::{bind_item, Arg, Item, Val, ValKind};
///
/// let item = Item { group: None, name: "memory".into(), at: 0, args: vec![
///     Arg::named("never_swap", 1, Val::new(ValKind::Bool(true), 2)),
/// ]};
/// let errors = bind_item(&item).unwrap_err();
/// assert_eq!(errors[0].message, "`memory` has no parameter `never_swap`");
/// assert_eq!(errors[0].fix.as_deref(), Some("did you mean `no_swap`? (it writes `never-swap`)"));
/// assert_eq!(errors[0].at, Some(1));
/// ```
pub fn bind_item<At: Clone>(item: &Item<At>) -> Result<BoundItem<'_, At>, Vec<Diagnostic<At>>> {
    let group = item.group.as_ref().map(|(name, _)| name.as_str());
    if let Some((name, at)) = &item.group {
        if !groups().any(|known| known == name) {
            let known: Vec<&str> = groups().collect();
            let close = crate::suggest::closest(name, known.iter().copied());
            return Err(vec![Diagnostic::new(
                at,
                format!("unknown option group `{name}`"),
                if close.is_empty() {
                    format!("the groups are {}", names_list(known.into_iter()))
                } else {
                    crate::suggest::did_you_mean(&close)
                },
            )]);
        }
    }
    let Some(spec) = self::item(group, &item.name) else {
        let written = match group {
            Some(group) => format!("{group}.{}", item.name),
            None => item.name.clone(),
        };
        return Err(vec![Diagnostic::new(
            &item.at,
            format!("unknown item `{written}`"),
            suggest_item(group, &item.name).unwrap_or_default(),
        )]);
    };
    let mut diagnostics = Vec::new();
    let args = bind_args(
        &format!("`{}`", spec.qualified_name()),
        || spec.usage(),
        spec.params,
        &item.args,
        &item.at,
        &mut diagnostics,
    );
    let mut actions = Vec::new();
    for (param, value) in &args {
        check_value(param, value, &mut diagnostics, &mut actions);
    }
    if diagnostics.is_empty() {
        Ok(BoundItem {
            item,
            spec,
            args,
            actions,
        })
    } else {
        Err(diagnostics)
    }
}

/// Matches an action call's arguments to its constructor's parameters and checks them.
pub fn bind_action<At: Clone>(
    call: &ActionCall<At>,
) -> Result<BoundAction<'_, At>, Vec<Diagnostic<At>>> {
    let Some(spec) = action(&call.name) else {
        return Err(vec![Diagnostic::new(
            &call.at,
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
        || spec.usage(),
        spec.params,
        &call.args,
        &call.at,
        &mut diagnostics,
    );
    // Actions take no actions: nothing nested to bind.
    let mut nested = Vec::new();
    for (param, value) in &args {
        check_value(param, value, &mut diagnostics, &mut nested);
    }
    if diagnostics.is_empty() {
        Ok(BoundAction { call, spec, args })
    } else {
        Err(diagnostics)
    }
}

/// `usage` is only called for a message: building it for every item showed in the macro's
/// time.
fn bind_args<'a, At: Clone>(
    owner: &str,
    usage: impl Fn() -> String,
    params: &'static [Param],
    args: &'a [Arg<At>],
    at: &At,
    diagnostics: &mut Vec<Diagnostic<At>>,
) -> Vec<(&'static Param, &'a Val<At>)> {
    let mut given: Vec<Option<&'a Val<At>>> = vec![None; params.len()];
    let mut positional = params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.positional)
        .map(|(i, _)| i);
    let mut named_seen = false;
    for arg in args {
        match &arg.key {
            None if named_seen => diagnostics.push(Diagnostic::new(
                &arg.value.at,
                format!("a positional argument of {owner} comes after a named one"),
                format!("put positional arguments first: {}", usage()),
            )),
            None => match positional.next() {
                Some(index) => given[index] = Some(&arg.value),
                None => diagnostics.push(Diagnostic::new(
                    &arg.value.at,
                    if params.iter().any(|p| p.positional) {
                        format!("{owner} takes no more positional arguments")
                    } else {
                        format!("{owner} takes no positional arguments")
                    },
                    format!("name the argument: {}", usage()),
                )),
            },
            Some((name, key_at)) => {
                named_seen = true;
                match params.iter().position(|p| p.name == name) {
                    Some(index) if given[index].is_some() => {
                        diagnostics.push(Diagnostic::new(
                            key_at,
                            format!("`{name}` is given twice"),
                            "remove one of them",
                        ));
                    }
                    Some(index) => given[index] = Some(&arg.value),
                    None => diagnostics.push(Diagnostic::new(
                        key_at,
                        format!("{owner} has no parameter `{name}`"),
                        suggest_param(name, params, &usage()),
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
                format!("write {}", usage()),
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

fn check_value<'a, At: Clone>(
    param: &Param,
    value: &'a Val<At>,
    diagnostics: &mut Vec<Diagnostic<At>>,
    actions: &mut Vec<BoundAction<'a, At>>,
) {
    let wrong = |diagnostics: &mut Vec<Diagnostic<At>>, value: &Val<At>| {
        diagnostics.push(Diagnostic::new(
            &value.at,
            format!(
                "`{}` takes {}, not {}",
                param.name,
                param.kind.expected(),
                value.kind.what()
            ),
            "",
        ));
    };
    let int_in =
        |diagnostics: &mut Vec<Diagnostic<At>>, value: &Val<At>, v: i128, min: i64, max: i64| {
            if v < i128::from(min) || v > i128::from(max) {
                diagnostics.push(Diagnostic::new(
                    &value.at,
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
                    &value.at,
                    format!("unknown hook phase `{name}`"),
                    with_braces_hint(phase_hint(name), name),
                ));
            }
        }
        (Kind::Phase, ValKind::Str(name)) => diagnostics.push(Diagnostic::new(
            &value.at,
            format!("`{}` takes a phase name, not a string", param.name),
            match Phase::from_name(name) {
                Some(_) => format!("write it without quotes: {}", name.replace('-', "_")),
                None => phase_hint(name),
            },
        )),
        (Kind::DropAfter, ValKind::Name(name)) => {
            if !matches!(name.as_str(), "init" | "apps") {
                diagnostics.push(Diagnostic::new(
                    &value.at,
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
                    _ => check_value(param, item, diagnostics, actions),
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
        (Kind::Actions, ValKind::Action(call)) => match bind_action(call) {
            Ok(bound) => actions.push(bound),
            Err(mut errors) => diagnostics.append(&mut errors),
        },
        (Kind::Actions, ValKind::List(items)) => {
            for item in items {
                match &item.kind {
                    ValKind::List(_) => wrong(diagnostics, item),
                    _ => check_value(param, item, diagnostics, actions),
                }
            }
        }
        (Kind::Target, ValKind::Str(text)) => {
            if let Err(error) = text.parse::<Target>() {
                diagnostics.push(Diagnostic::new(&value.at, error.to_string(), ""));
            }
        }
        (Kind::OptionName, ValKind::Str(_)) => {}
        (Kind::Setting, ValKind::Str(_) | ValKind::Int { .. } | ValKind::Bool(_)) => {}
        (Kind::Setting, ValKind::List(_)) => diagnostics.push(Diagnostic::new(
            &value.at,
            "option(..) takes one value, not a list",
            "repeat option(..) once for each value",
        )),
        (Kind::Text, ValKind::List(_)) => diagnostics.push(Diagnostic::new(
            &value.at,
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
}

/// A written value as the tables' rows read it: what it is, not where it is. The rows are
/// plain functions in constant tables, so they cannot be generic over where a piece is; they
/// read every tree through this view ([`Val::shape`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shape<'a> {
    /// A string literal.
    Str(&'a str),
    /// An integer literal.
    Int(i128),
    /// `true` or `false`.
    Bool(bool),
    /// A lone name.
    Name(&'a str),
    /// `[a, b, ...]`.
    List(Vec<Shape<'a>>),
    /// An action constructor call (built through [`Args::actions`]).
    Action,
    /// A literal of a type no parameter takes.
    Other,
    /// A Rust expression evaluated at run time.
    Runtime,
}

/// The values bound to an item's or an action's parameters, read as the typed methods take
/// them: what a row's [`Apply`] or [`Build`] calls the method with. A value known only at run
/// time reads as a stand-in (see [`check`]); one whose type cannot stand in reads as not
/// given.
#[derive(Clone, Copy)]
pub struct Args<'r> {
    bound: &'r dyn Bound,
    stand_in: StandIn,
}

/// A bound item or action call, whatever its pieces' locations: what [`Args`] reads.
trait Bound {
    /// The value given for `name`.
    fn shape(&self, name: &str) -> Option<Shape<'_>>;

    /// Builds the actions given for `name` into `out`.
    fn actions(&self, name: &str, stand_in: StandIn, out: &mut Vec<Action>);
}

impl<At> Bound for BoundItem<'_, At> {
    fn shape(&self, name: &str) -> Option<Shape<'_>> {
        self.get(name).map(Val::shape)
    }

    fn actions(&self, name: &str, stand_in: StandIn, out: &mut Vec<Action>) {
        collect_actions(self.get(name), &self.actions, stand_in, out);
    }
}

impl<At> Bound for BoundAction<'_, At> {
    fn shape(&self, name: &str) -> Option<Shape<'_>> {
        self.get(name).map(Val::shape)
    }

    fn actions(&self, name: &str, stand_in: StandIn, out: &mut Vec<Action>) {
        // Actions take no actions: raw strings at most.
        collect_actions(self.get(name), &[], stand_in, out);
    }
}

fn collect_actions<At>(
    val: Option<&Val<At>>,
    actions: &[BoundAction<'_, At>],
    stand_in: StandIn,
    out: &mut Vec<Action>,
) {
    match val.map(|v| &v.kind) {
        Some(ValKind::Str(raw)) => out.push(Action::parse(raw)),
        Some(ValKind::Action(call)) => {
            if let Some(bound) = bound_call(actions, call) {
                out.push(build(bound, stand_in));
            }
        }
        Some(ValKind::List(items)) => {
            for item in items {
                collect_actions(Some(item), actions, stand_in, out);
            }
        }
        _ => {}
    }
}

impl fmt::Debug for Args<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Args")
            .field("stand_in", &self.stand_in)
            .finish_non_exhaustive()
    }
}

impl<'r> Args<'r> {
    fn new(bound: &'r dyn Bound, stand_in: StandIn) -> Self {
        Args { bound, stand_in }
    }

    /// The value written for `name`, if any.
    pub fn val(&self, name: &str) -> Option<Shape<'r>> {
        self.bound.shape(name)
    }

    /// The value given for `name`, as type `T`; `None` when it was not given.
    pub fn get<T: FromArg>(&self, name: &str) -> Option<T> {
        self.val(name)
            .and_then(|val| T::from_arg(&val, &self.stand_in.value()))
    }

    /// The text given for `name`; empty when it was not given.
    pub fn text(&self, name: &str) -> Value {
        self.get(name).unwrap_or_default()
    }

    /// The values given for `name`; none when it was not given.
    pub fn values(&self, name: &str) -> Vec<Value> {
        self.get(name).unwrap_or_default()
    }

    /// The switch given for `name`; off when it was not given.
    pub fn flag(&self, name: &str) -> bool {
        self.get(name).unwrap_or(false)
    }

    /// The actions given for `name`, built with their constructors (raw strings parsed).
    pub fn actions(&self, name: &str) -> Vec<Action> {
        let mut out = Vec::new();
        self.bound.actions(name, self.stand_in, &mut out);
        out
    }

    /// The text that stands for a run-time value.
    pub fn stand_in(&self) -> Value {
        self.stand_in.value()
    }
}

/// A type a parameter's value is read as, for [`Args::get`].
pub trait FromArg: Sized {
    /// The value of `val`, or `None` when it cannot be one; `stand_in` is the text a run-time
    /// value reads as.
    fn from_arg(val: &Shape<'_>, stand_in: &Value) -> Option<Self>;
}

impl FromArg for Value {
    fn from_arg(val: &Shape<'_>, stand_in: &Value) -> Option<Self> {
        Some(match val {
            Shape::Str(text) => Value::literal(*text),
            Shape::Int(value) => Value::literal(value.to_string()),
            _ => stand_in.clone(),
        })
    }
}

impl FromArg for Vec<Value> {
    fn from_arg(val: &Shape<'_>, stand_in: &Value) -> Option<Self> {
        Some(match val {
            Shape::List(items) => items
                .iter()
                .filter_map(|item| Value::from_arg(item, stand_in))
                .collect(),
            _ => vec![Value::from_arg(val, stand_in)?],
        })
    }
}

impl FromArg for bool {
    fn from_arg(val: &Shape<'_>, _: &Value) -> Option<Self> {
        match val {
            Shape::Bool(on) => Some(*on),
            _ => None,
        }
    }
}

macro_rules! int_from_arg {
    ($($ty:ty),*) => {$(
        impl FromArg for $ty {
            fn from_arg(val: &Shape<'_>, _: &Value) -> Option<Self> {
                match val {
                    Shape::Int(value) => <$ty>::try_from(*value).ok(),
                    _ => None,
                }
            }
        }
    )*};
}

int_from_arg!(u8, u16, u32, u64, i32, i64);

impl FromArg for Id {
    fn from_arg(val: &Shape<'_>, stand_in: &Value) -> Option<Self> {
        Some(match val {
            Shape::Int(value) => match u32::try_from(*value) {
                Ok(number) => Id::Number(number),
                Err(_) => Id::Name(stand_in.clone()),
            },
            _ => Id::Name(Value::from_arg(val, stand_in)?),
        })
    }
}

impl FromArg for Phase {
    fn from_arg(val: &Shape<'_>, _: &Value) -> Option<Self> {
        match val {
            Shape::Name(name) => Phase::from_name(name),
            _ => None,
        }
    }
}

impl FromArg for DropAfter {
    fn from_arg(val: &Shape<'_>, _: &Value) -> Option<Self> {
        match *val {
            Shape::Name("init") => Some(DropAfter::Init),
            Shape::Name("apps") => Some(DropAfter::Apps),
            _ => None,
        }
    }
}

/// Makes the action a bound call describes, with the typed constructor and builder methods;
/// a run-time argument is replaced by a stand-in.
///
/// ```
/// use uwsgiconf_core::dsl::{bind_action, build_action, ActionCall, Arg, Val, ValKind};
///
/// let call = ActionCall { name: "dir_create".into(), at: 0, args: vec![
///     Arg::positional(Val::new(ValKind::Str("/run/app".into()), 1)),
/// ]};
/// assert_eq!(build_action(&bind_action(&call).unwrap()).to_string(), "mkdir:/run/app");
/// ```
pub fn build_action<At>(call: &BoundAction<'_, At>) -> Action {
    build(call, STAND_IN)
}

fn build<At>(call: &BoundAction<'_, At>, stand_in: StandIn) -> Action {
    let args = Args::new(call, stand_in);
    let action = (call.spec.build)(&args);
    if args.flag(PRIVATE.name) {
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
/// are still checked.
///
/// ```
/// use uwsgiconf_core::dsl::{apply, bind_item, Arg, Item, Val, ValKind};
/// use uwsgiconf_core::Section;
///
/// let item = Item { group: None, name: "change_dir".into(), at: 0, args: vec![
///     Arg::positional(Val::new(ValKind::Str("/srv/app".into()), 1)),
/// ]};
/// let mut section = Section::new();
/// apply(&mut section, &bind_item(&item).unwrap());
/// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nchdir = /srv/app\n");
/// ```
pub fn apply<At>(section: &mut Section, item: &BoundItem<'_, At>) {
    apply_with(section, item, STAND_IN);
}

fn apply_with<At>(section: &mut Section, item: &BoundItem<'_, At>, stand_in: StandIn) {
    (item.spec.apply)(section, &Args::new(item, stand_in));
}

// ---------------------------------------------------------------------------------------
// The compile-time pass
// ---------------------------------------------------------------------------------------

/// What [`check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report<At = Loc> {
    /// The section rendered in the first format checked (INI by default), when nothing is
    /// wrong and every value is a literal.
    pub text: Option<Rendered>,
    /// The checked section as data, when [`Report::text`] is there and every directive holds
    /// plain literal text: `uwsgi_config!` then expands to this data instead of the typed
    /// calls, which have nothing left to check.
    pub literal: Option<LiteralSection>,
    /// Everything wrong, in the order of the items.
    pub diagnostics: Vec<Diagnostic<At>>,
}

impl<At> Default for Report<At> {
    fn default() -> Self {
        Report {
            text: None,
            literal: None,
            diagnostics: Vec::new(),
        }
    }
}

/// A section of literal directives, as recorded by the typed calls, for the expansion of
/// `uwsgi_config!` (which rebuilds it with `__private::literal_section`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralSection {
    /// The uWSGI target.
    pub target: Target,
    /// `strict`, `allow_root` and `allow_variable_ids`, as the calls set them.
    pub flags: [bool; 3],
    /// How many calls the section counted.
    pub calls: usize,
    /// The directives in order: [`LiteralRow`]s.
    pub rows: Vec<LiteralRow>,
}

/// One recorded directive: the option's index in [`options::all`], its text (empty for a
/// switch), the method that wrote it, the call that wrote it, and how many lines of the
/// option that call wrote before it.
pub type LiteralRow = (u16, String, &'static str, usize, usize);

impl LiteralSection {
    /// The section and its call labels (item name, `file:line:col`) as one string, which
    /// `__private::literal_section` reads back: the expansion is then one string literal
    /// whatever the number of items, so the compiler has almost nothing to parse and check.
    ///
    /// Fields follow each other: a number is written in base 20992, one character per digit
    /// (CJK ideographs: from U+4E00 for the last digit, from U+20000 for the others), so that
    /// reading it back is a few instructions, not a parse of decimal text; a text is its
    /// length in bytes as a number, then its bytes. In order: the target (text), the number
    /// of calls, the flags (1 `strict`, 2 `allow_root`, 4 `allow_variable_ids`), the number
    /// of rows, each row (index, call, entry, origin, text), the number of labels, each label
    /// (name, location).
    ///
    /// ```
    /// use uwsgiconf_core::dsl::LiteralSection;
    /// use uwsgiconf_core::Target;
    ///
    /// let literal = LiteralSection {
    ///     target: Target::V2_0,
    ///     flags: [false, true, false],
    ///     calls: 1,
    ///     rows: vec![(7, "a b".into(), "set_x", 0, 0)],
    /// };
    /// let labels = [("x".to_string(), "src/main.rs:1:1".to_string())];
    /// // The target: its length (3, one digit), then "2.0"; the calls (1); the flags (2)...
    /// let data = literal.encode(&labels);
    /// assert!(data.starts_with("\u{4E03}2.0\u{4E01}\u{4E02}"));
    /// assert!(data.ends_with("\u{4E0F}src/main.rs:1:1"));
    /// ```
    pub fn encode(&self, labels: &[(String, String)]) -> String {
        use crate::__private::push_number as number;
        fn text(out: &mut String, text: &str) {
            number(out, text.len());
            out.push_str(text);
        }
        let mut out = String::new();
        text(&mut out, self.target.as_str());
        number(&mut out, self.calls);
        let [strict, allow_root, allow_variable_ids] = self.flags;
        number(
            &mut out,
            usize::from(strict)
                | usize::from(allow_root) << 1
                | usize::from(allow_variable_ids) << 2,
        );
        number(&mut out, self.rows.len());
        for (index, value, origin, call, entry) in &self.rows {
            number(&mut out, usize::from(*index));
            number(&mut out, *call);
            number(&mut out, *entry);
            text(&mut out, origin);
            text(&mut out, value);
        }
        number(&mut out, labels.len());
        for (name, location) in labels {
            text(&mut out, name);
            text(&mut out, location);
        }
        out
    }
}

/// Checks a whole invocation: binds every item, applies the valid ones to a [`Section`] (one
/// counted call each, in order), renders it to INI, and points every problem the renderer
/// reports at the piece of the invocation that caused it. Problems that come from values
/// known only at run time are left for the renderer to report then.
///
/// A problem comes from a run-time value when it changes with that value: when the
/// invocation has any, the items are applied a second time with other stand-ins for them, and
/// only the problems both renders find are reported.
pub fn check<At: Clone>(items: &[Item<At>]) -> Report<At> {
    let bound: Vec<_> = items.iter().map(bind_item).collect();
    check_bound(&bound)
}

/// [`check`] on items bound already (each the result of [`bind_item`], in the order
/// written), so that a caller binds each item once and reuses the result.
pub fn check_bound<At: Clone>(
    bound: &[Result<BoundItem<'_, At>, Vec<Diagnostic<At>>>],
) -> Report<At> {
    check_for(bound, &FILE_FORMATS[..1])
}

/// [`check_bound`] for the file formats the section is for: every problem any of them finds
/// (once), and the text in the first of them.
pub fn check_for<At: Clone>(
    bound: &[Result<BoundItem<'_, At>, Vec<Diagnostic<At>>>],
    formats: &[FileFormat],
) -> Report<At> {
    // Every problem of every format, once; the first format's text.
    let render = |section: &Section| -> (Option<Rendered>, Vec<Problem>) {
        let mut text = None;
        let mut problems: Vec<Problem> = Vec::new();
        for (index, format) in formats.iter().enumerate() {
            match (format.render)(section) {
                Ok(rendered) if index == 0 => text = Some(rendered),
                Ok(_) => {}
                Err(error) => {
                    for problem in error.into_problems() {
                        if !problems.contains(&problem) {
                            problems.push(problem);
                        }
                    }
                }
            }
        }
        (text, problems)
    };
    let mut report = Report::default();
    let mut section = Section::new();
    // calls[n] is the item whose application was call n on the section.
    let mut calls: Vec<usize> = Vec::new();
    let mut bound_items: Vec<Option<&BoundItem<'_, At>>> = Vec::new();
    let mut runtime = false;
    let mut runtime_target = false;
    for (index, result) in bound.iter().enumerate() {
        match result {
            Ok(bound) => {
                let runtime_parts = bound.runtime_parts();
                runtime |= !runtime_parts.is_empty();
                runtime_target |= bound.spec.name == "target" && !runtime_parts.is_empty();
                apply_with(&mut section, bound, STAND_IN);
                calls.push(index);
                bound_items.push(Some(bound));
            }
            Err(errors) => {
                report.diagnostics.extend(errors.iter().cloned());
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
        with_other_values = render(&other).1;
    }
    let bind_failed = !report.diagnostics.is_empty();
    let mut located: Vec<(usize, Diagnostic<At>)> = Vec::new();
    let (text, problems) = render(&section);
    if problems.is_empty() {
        if !bind_failed && !runtime {
            report.text = text;
        }
    } else {
        for problem in &problems {
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
                Some(locate(problem, bound).clone())
            });
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
    located.sort_by_key(|(item, _)| *item);
    report
        .diagnostics
        .extend(located.into_iter().map(|(_, d)| d));
    if !report.diagnostics.is_empty() {
        report.text = None;
    }
    if report.text.is_some() {
        report.literal = section.literal_form();
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
        ProblemKind::MissingPlugin => crate::plugins::macro_fix(problem),
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

/// The piece of a bound item a problem is about, read from the problem's
/// [`Blame`](crate::Blame) (set where the problem was found; nothing is read from its text):
/// an action of the item's list and its argument, else the parameter (the entry of its list),
/// else the parameter whose row writes the directive, else the item's name.
fn locate<'a, At>(problem: &Problem, bound: &BoundItem<'a, At>) -> &'a At {
    let blame = problem.blame();
    if let Some(index) = blame.action() {
        if let Some(action) = actions_given(bound).get(index) {
            return match (&action.kind, blame.parameter()) {
                (ValKind::Action(call), Some(param)) => bound
                    .action(call)
                    .and_then(|bound| bound.get(param))
                    .map_or(&call.at, |value| entry(value, blame.entry())),
                (ValKind::Action(call), None) => &call.at,
                _ => &action.at,
            };
        }
    }
    if let Some(value) = blame.parameter().and_then(|param| bound.get(param)) {
        return entry(value, blame.entry());
    }
    if let Some(option) = blame.option() {
        let writer = bound
            .args
            .iter()
            .find(|(param, _)| param.directives.iter().any(|d| writes(d, option)));
        if let Some((param, value)) = writer {
            if param.kind == Kind::Actions {
                let given = actions_given(bound);
                if let Some(action) = blame.entry().and_then(|i| given.get(i)) {
                    return &action.at;
                }
            }
            return entry(value, blame.entry());
        }
    }
    &bound.item.at
}

/// The `index`-th element of a list value, or the value itself.
fn entry<At>(value: &Val<At>, index: Option<usize>) -> &At {
    match (&value.kind, index) {
        (ValKind::List(items), Some(index)) => items.get(index).map_or(&value.at, |item| &item.at),
        _ => &value.at,
    }
}

/// The actions an item was given, flattened, in the order written (each an action call, a
/// raw string, or a run-time expression).
fn actions_given<'a, At>(bound: &BoundItem<'a, At>) -> Vec<&'a Val<At>> {
    fn flatten<'a, At>(value: &'a Val<At>, out: &mut Vec<&'a Val<At>>) {
        match &value.kind {
            ValKind::List(items) => items.iter().for_each(|item| flatten(item, out)),
            _ => out.push(value),
        }
    }
    let mut out = Vec::new();
    for (param, value) in &bound.args {
        if param.kind == Kind::Actions {
            flatten(value, &mut out);
        }
    }
    out
}

/// Whether a row's directive (`touch-reload`; `hook-<phase>` for any phase; `<key>` for the
/// option an item names) is `option`.
fn writes(directive: &str, option: &str) -> bool {
    match directive.split_once("<phase>") {
        Some((prefix, _)) => option
            .strip_prefix(prefix)
            .is_some_and(|phase| Phase::from_name(phase).is_some()),
        None => directive == option || directive == "<key>",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Problems are placed by their blame, never by their text: the same text in two
    /// parameters, and the entry of a list, each land on their own token.
    #[test]
    fn problems_land_on_the_piece_their_blame_names() {
        let list = Val::new(ValKind::List(vec![s("ok", 2), s("x\ny", 3)]), 1);
        let items = [
            item(
                "naming",
                vec![
                    Arg::named("prefix", 10, s("a\nb", 11)),
                    Arg::named("suffix", 12, s("a\nb", 13)),
                ],
            ),
            item("basic", vec![Arg::named("touch_reload", 0, list)]),
        ];
        let report = check(&items);
        let at: Vec<_> = report.diagnostics.iter().map(|d| d.at).collect();
        assert_eq!(
            at,
            [Some(11), Some(13), Some(3)],
            "{:#?}",
            report.diagnostics
        );
    }

    /// The tree asks nothing of where its pieces are: with no locations at all, each action
    /// call is still built from its own arguments (a bound call is found by identity, not by
    /// its place), and problems are still found.
    #[test]
    fn pieces_need_no_locations() {
        let dir = |path: &str| {
            Val::new(
                ValKind::Action(ActionCall {
                    name: "dir_create".into(),
                    at: (),
                    args: vec![Arg::positional(Val::new(ValKind::Str(path.into()), ()))],
                }),
                (),
            )
        };
        let hook = |actions| Item {
            group: None,
            name: "hook".into(),
            at: (),
            args: vec![
                Arg::positional(Val::new(ValKind::Name("asap".into()), ())),
                Arg::positional(Val::new(ValKind::List(actions), ())),
            ],
        };
        let report = check(&[hook(vec![dir("/a"), dir("/b")])]);
        assert_eq!(
            report.text.as_ref().and_then(Rendered::text),
            Some("[uwsgi]\nhook-asap = mkdir:/a\nhook-asap = mkdir:/b\n"),
            "{:#?}",
            report.diagnostics
        );
        let report = check(&[hook(vec![dir("/a"), dir("/b\nc")])]);
        assert_eq!(report.text, None);
        assert_eq!(report.diagnostics.len(), 1, "{:#?}", report.diagnostics);
        assert_eq!(report.diagnostics[0].at, Some(()));
    }

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
            group: None,
            name: name.into(),
            at: 0,
            args,
        }
    }

    #[test]
    fn every_item_is_applied_with_one_call() {
        // Each item with no (or minimal) arguments makes exactly one call.
        for spec in items() {
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
                        Kind::Int { .. } => i(0, 1),
                        Kind::Bool => b(false, 1),
                        _ => s("x", 1),
                    };
                    Arg::named(p.name, 2, value)
                })
                .collect();
            let it = Item {
                group: spec.receiver.group().map(|group| (group.to_string(), 3)),
                ..item(spec.name, args)
            };
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
        for spec in items() {
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
            assert_eq!(report.text, None, "{text}");
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
    /// panic; rows now carry their calls, and the tables' rows read any value shape.
    #[test]
    fn specs_read_any_value_shape_without_panic() {
        // A spec of the tables with values of the wrong shape: stand-ins, no panic.
        let list = Val::new(ValKind::List(vec![s("x", 1)]), 2);
        let owner = super::item(None, "owner").unwrap();
        let mut section = Section::new();
        apply(
            &mut section,
            &BoundItem {
                item: &item("owner", vec![]),
                spec: owner,
                args: vec![
                    (owner.param("uid").unwrap(), &list),
                    (owner.param("gid").unwrap(), &list),
                ],
                actions: Vec::new(),
            },
        );
        assert!(section.to_ini().is_ok());
        let written = ActionCall {
            name: "chmod".into(),
            at: 3,
            args: Vec::new(),
        };
        let call = BoundAction {
            call: &written,
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
        assert!(suggest_item(None, &huge)
            .unwrap()
            .starts_with("the items are "));
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
        assert_eq!(report.text, None);
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

    /// A problem about a directive lands on the parameter that writes it, not on the item
    /// name or on an earlier value with the same text.
    #[test]
    fn problems_about_a_directive_point_at_the_parameter_writing_it() {
        let master = |name: &str, args| Item {
            group: Some(("master_process".into(), 100)),
            ..item(name, args)
        };
        let items = [
            master(
                "exit_events",
                vec![
                    Arg::named("sig_term", 1, b(true, 2)),
                    Arg::named("no_workers", 3, b(true, 4)),
                ],
            ),
            master(
                "basic",
                vec![
                    Arg::named("enable", 5, b(true, 6)),
                    Arg::named("as_root", 7, b(true, 8)),
                ],
            ),
        ];
        let report = check(&items);
        let at: Vec<_> = report.diagnostics.iter().map(|d| d.at).collect();
        assert_eq!(at, [Some(4), Some(8)], "{:#?}", report.diagnostics);
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
        assert_eq!(report.text, None);
        assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    }
}
