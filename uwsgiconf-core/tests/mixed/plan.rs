//! The generator: random scenarios (several configs, several sections each) mixing typed
//! `MainProcess` calls, raw options, control flow and variables; and the builder, which makes
//! the real `Section`s and `Config`s from a scenario while recording what the user asked for
//! (every directive, in which control-flow segment, with which call) and which refusals the
//! issue allows for each call.

use std::fmt;

use uwsgiconf_core::options::{self, OptionKind};
use uwsgiconf_core::{
    Action, BasicParams, Config, Id, MagicVar, MemoryParams, NamingParams, OwnerParams, Phase,
    RunOnEventParams, Section, Setting, Value,
};

use super::model::{is_list_like, is_logic, CLOSE_KEYS};

// ---------------------------------------------------------------------------------------
// Choices

/// Where the generator's choices come from: a list of numbers below [`Source::RANGE`]
/// (proptest generates and shrinks it) or a seeded sequence (the uWSGI corpus). A choice
/// among `n` scales the number (`raw * n / RANGE`), so a smaller number never picks a later
/// alternative and a number shrunk to 0 picks the first, simplest one; past the end of the
/// list every choice is 0.
#[derive(Debug, Clone)]
pub struct Source {
    choices: Vec<u32>,
    next: usize,
}

impl Source {
    /// Choices are numbers below this.
    pub const RANGE: u32 = 1 << 16;

    /// Choices from a list (proptest's input).
    pub fn new(choices: Vec<u32>) -> Source {
        Source { choices, next: 0 }
    }

    /// `len` choices from a fixed seed (xorshift64): the same scenario on every run.
    pub fn seeded(seed: u64, len: usize) -> Source {
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let choices = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 48) as u32
            })
            .collect();
        Source::new(choices)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        let raw = self.choices.get(self.next).copied().unwrap_or(0) % Self::RANGE;
        self.next += 1;
        (u64::from(raw) * n.max(1) as u64 / u64::from(Self::RANGE)) as usize
    }

    /// One of `items`, the first being the simplest.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// True with `percent` % probability; false when shrunk.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) >= 100 - percent
    }
}

/// What the generated scenarios may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// Restricted to what the real uWSGI can run safely in a `--show-config` run: no line
    /// breaks in values (the shown config is split into lines), no magic variables, no
    /// negative `int` (fatal), and hooks that act (exec, mkdir, write...) only in a phase
    /// that never runs there.
    pub real: bool,
    /// Immediate ids (`set_asap`, `immediate-uid`/`-gid`): only where uWSGI runs as root,
    /// since they drop privileges while reading.
    pub immediate_ids: bool,
}

impl Profile {
    /// Everything, for the in-process model.
    pub const MODEL: Profile = Profile {
        real: false,
        immediate_ids: true,
    };

    /// What the real uWSGI runs in the corpus, started as root or not.
    pub fn uwsgi(root: bool) -> Profile {
        Profile {
            real: true,
            immediate_ids: root,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Values

/// The environment variables values may use; their values, in the model and in the real
/// runs, are hostile (see `model::env_value`).
pub const ENV_NAMES: [&str; 3] = ["UWSGICONF_A", "UWSGICONF_B", "USER"];
/// The files `@(..)` may read (created by the real runs, hostile content).
pub const FILE_NAMES: [&str; 1] = ["uwsgiconf-f"];
/// Placeholder names values may reference: user-defined ones, an undefined one, and one in
/// the renderer's own namespace. Not options: `%(option)` reads the option's value as it
/// stands when the pass reaches the reference (not yet expanded when the option comes
/// later), which is uWSGI's business, not the renderer's.
pub const PLACEHOLDER_REFS: [&str; 4] = ["ph", "undefined-ph", "uwsgiconf-literal-1", "ph2"];
/// Names the user defines with `set-placeholder` (two of them in the renderer's namespace).
pub const PLACEHOLDER_DEFS: [&str; 4] = ["ph", "ph2", "uwsgiconf-literal-1", "uwsgiconf-literal-2"];
/// Placeholder names the renderer reserves today (`uwsgiconf-literal-N`): the user may not
/// use them.
pub const RESERVED_PREFIX: &str = "uwsgiconf-";

/// One part of a generated value.
#[derive(Clone, PartialEq, Eq)]
pub enum P {
    /// Literal text.
    Lit(String),
    /// `Value::env`.
    Env(&'static str),
    /// `Value::file`.
    File(&'static str),
    /// `Value::placeholder`.
    Ph(&'static str),
    /// A magic variable (`%d`...), by code.
    Magic(char),
}

/// A generated value: what the user passes, and what they mean.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct V(pub Vec<P>);

impl V {
    /// Literal text.
    pub fn lit(text: impl Into<String>) -> V {
        V::from_parts([P::Lit(text.into())])
    }

    /// A value of these parts, adjacent literal text merged (as `Value` does) and empty
    /// literal parts dropped.
    pub fn from_parts(parts: impl IntoIterator<Item = P>) -> V {
        let mut out: Vec<P> = Vec::new();
        for part in parts {
            match (out.last_mut(), part) {
                (_, P::Lit(t)) if t.is_empty() => {}
                (Some(P::Lit(tail)), P::Lit(t)) => tail.push_str(&t),
                (_, part) => out.push(part),
            }
        }
        V(out)
    }

    /// This value followed by `other`.
    pub fn then(self, other: V) -> V {
        V::from_parts(self.0.into_iter().chain(other.0))
    }

    /// The value as the crate's API takes it.
    pub fn to_value(&self) -> Value {
        self.0.iter().fold(Value::default(), |value, part| {
            value
                + match part {
                    P::Lit(text) => Value::literal(text.as_str()),
                    P::Env(name) => Value::env(*name),
                    P::File(path) => Value::file(*path),
                    P::Ph(name) => Value::placeholder(*name),
                    P::Magic(code) => Value::magic(MagicVar::from_code(*code).expect("a code")),
                }
        })
    }

    /// Whether a part is a uWSGI variable (magic variables included).
    pub fn has_vars(&self) -> bool {
        self.0.iter().any(|p| !matches!(p, P::Lit(_)))
    }

    /// Whether a part is `$(..)`, `@(..)` or `%(..)`.
    pub fn has_expanded_vars(&self) -> bool {
        self.0
            .iter()
            .any(|p| matches!(p, P::Env(_) | P::File(_) | P::Ph(_)))
    }

    /// The text, when only literal.
    pub fn literal_text(&self) -> Option<String> {
        let mut text = String::new();
        for part in &self.0 {
            match part {
                P::Lit(t) => text.push_str(t),
                _ => return None,
            }
        }
        Some(text)
    }

    /// Whether the value is the empty string.
    pub fn is_empty(&self) -> bool {
        self.literal_text().is_some_and(|t| t.is_empty())
    }

    /// Literal parts with `%` doubled, as printf text is written.
    fn printf_escaped(&self) -> V {
        V::from_parts(self.0.iter().map(|p| match p {
            P::Lit(t) => P::Lit(t.replace('%', "%%")),
            other => other.clone(),
        }))
    }

    /// Without one trailing space, when the last part is literal text ending with one.
    fn strip_one_trailing_space(&self) -> Option<V> {
        let (last, rest) = self.0.split_last()?;
        let P::Lit(text) = last else { return None };
        let stripped = text.strip_suffix(' ')?;
        let mut parts = rest.to_vec();
        parts.push(P::Lit(stripped.to_string()));
        Some(V::from_parts(parts))
    }

    /// `key=rest` split at the first `=` of the leading literal text (for `set`).
    pub fn split_assignment(&self) -> Option<(String, V)> {
        let (first, rest) = self.0.split_first()?;
        let P::Lit(text) = first else { return None };
        let (key, value) = text.split_once('=')?;
        let mut parts = vec![P::Lit(value.to_string())];
        parts.extend(rest.iter().cloned());
        Some((key.to_string(), V::from_parts(parts)))
    }

    /// The literal text right before each `$(..)`, `@(..)` and `%(..)` part.
    fn text_before_variables(&self) -> Vec<String> {
        let mut before = Vec::new();
        let mut text = String::new();
        for part in &self.0 {
            match part {
                P::Lit(t) => text.push_str(t),
                P::Env(_) | P::File(_) | P::Ph(_) => before.push(std::mem::take(&mut text)),
                P::Magic(_) => text.clear(),
            }
        }
        before
    }
}

impl fmt::Debug for V {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("\"\"");
        }
        for (index, part) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(" + ")?;
            }
            match part {
                P::Lit(t) => write!(f, "{t:?}")?,
                P::Env(n) => write!(f, "env({n})")?,
                P::File(n) => write!(f, "file({n})")?,
                P::Ph(n) => write!(f, "placeholder({n})")?,
                P::Magic(c) => write!(f, "magic(%{c})")?,
            }
        }
        Ok(())
    }
}

/// Pieces of literal text, simplest first: everything uWSGI treats specially.
const PIECES: &[&str] = &[
    "a",
    "bc",
    " ",
    "%",
    "$",
    "@",
    "(",
    ")",
    "$(",
    "@(",
    "%(",
    "=",
    ";",
    "#",
    "\t",
    "é",
    "x y",
    "$(HOME)",
    "@(exec://echo PWNED)",
    "%(procname)",
    "%%",
    "[uwsgi]",
    "$(UWSGICONF_A)",
    "\n",
    "\r",
];

/// Pieces the real runs skip: a line break would split a line of the shown config.
const LINE_BREAKS: [&str; 2] = ["\n", "\r"];

fn text(src: &mut Source, profile: Profile, max_pieces: usize) -> String {
    let count = src.below(max_pieces + 1);
    let mut text = String::new();
    for _ in 0..count {
        let piece = src.pick(PIECES);
        if profile.real && LINE_BREAKS.contains(&piece) {
            continue;
        }
        text.push_str(piece);
    }
    text
}

/// A value of 1 to 3 parts; `vars` allows variables.
fn value(src: &mut Source, profile: Profile, vars: bool) -> V {
    let parts = 1 + src.below(3);
    let mut out = Vec::new();
    for _ in 0..parts {
        let part = match src.below(10) {
            6 if vars => P::Env(src.pick(&ENV_NAMES)),
            7 if vars => P::File(src.pick(&FILE_NAMES)),
            8 if vars => P::Ph(src.pick(&PLACEHOLDER_REFS)),
            9 if vars && !profile.real => P::Magic(src.pick(&['d', 'n'])),
            _ => P::Lit(text(src, profile, 3)),
        };
        out.push(part);
    }
    V::from_parts(out)
}

/// A non-empty value.
fn nonempty_value(src: &mut Source, profile: Profile, vars: bool) -> V {
    let v = value(src, profile, vars);
    if v.is_empty() {
        V::lit("a")
    } else {
        v
    }
}

/// The value of a user placeholder: no `%(` and no final `%` (uWSGI rescans a placeholder's
/// inserted text, so such a value is itself a reference; the crate cannot escape it).
fn placeholder_value(src: &mut Source, profile: Profile) -> V {
    let vars = src.chance(10);
    let mut v = value(src, profile, vars);
    for part in &mut v.0 {
        if let P::Lit(t) = part {
            *t = t.replace('%', "");
        }
    }
    v
}

// ---------------------------------------------------------------------------------------
// Scenarios

/// A user or group id given to `OwnerParams`.
#[derive(Debug, Clone)]
pub enum IdPlan {
    /// `Id::Name` (text or variables).
    Name(V),
    /// `Id::Number`.
    Num(u32),
}

impl IdPlan {
    fn to_id(&self) -> Id {
        match self {
            IdPlan::Name(v) => Id::Name(v.to_value()),
            IdPlan::Num(n) => Id::Number(*n),
        }
    }

    fn text(&self) -> V {
        match self {
            IdPlan::Name(v) => v.clone(),
            IdPlan::Num(n) => V::lit(n.to_string()),
        }
    }
}

/// `set_owner_params`.
#[derive(Debug, Clone)]
pub struct OwnerPlan {
    pub uid: Option<IdPlan>,
    pub gid: Option<IdPlan>,
    pub add_gids: Vec<IdPlan>,
    pub set_asap: bool,
    pub allow_root: bool,
}

/// A hook action.
#[derive(Debug, Clone)]
pub enum ActionPlan {
    /// `Action::printout`.
    Print(V),
    /// `Action::dir_create`.
    Mkdir(V),
    /// `Action::execute`.
    Exec(V),
    /// `Action::exit`.
    Exit(u8),
    /// `Action::file_write(path, text)`.
    Write(V, V),
}

/// The value of a raw option.
#[derive(Debug, Clone)]
pub enum RawValue {
    /// A value.
    V(V),
    /// `true` (a switch).
    On,
}

/// A control-flow block, written with `add_option` (opening option, body, closing option).
#[derive(Debug, Clone, Copy)]
pub enum BlockKind {
    IfExists(&'static str),
    IfNotExists(&'static str),
    IfEnv(&'static str),
    IfNotEnv(&'static str),
    For(&'static str),
}

impl BlockKind {
    fn open(self) -> (&'static str, &'static str) {
        match self {
            BlockKind::IfExists(a) => ("if-exists", a),
            BlockKind::IfNotExists(a) => ("if-not-exists", a),
            BlockKind::IfEnv(a) => ("if-env", a),
            BlockKind::IfNotEnv(a) => ("if-not-env", a),
            BlockKind::For(a) => ("for", a),
        }
    }

    fn close(self) -> &'static str {
        match self {
            BlockKind::For(_) => "endfor",
            _ => "endif",
        }
    }
}

/// One call on a section (a block is several).
#[derive(Debug, Clone)]
pub enum Op {
    Owner(OwnerPlan),
    Hook(Phase, Vec<ActionPlan>),
    Naming {
        name: Option<V>,
        prefix: Option<V>,
        suffix: Option<V>,
    },
    Basic {
        touch_reload: Vec<V>,
        priority: Option<i32>,
        vacuum: bool,
    },
    Memory {
        ksm: u32,
    },
    RunCommand(Phase, Vec<V>),
    /// `add_option` (or `set_option` when `replace`).
    Raw {
        replace: bool,
        key: String,
        value: RawValue,
    },
    Block(BlockKind, Vec<Op>),
}

/// A section: its name, strict mode and calls.
#[derive(Debug, Clone)]
pub struct SectionPlan {
    pub name: &'static str,
    pub strict: bool,
    pub ops: Vec<Op>,
}

/// How a config is rendered and loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `to_ini`, loaded with `--ini <file>`.
    Ini,
    /// `to_args`, on the command line.
    Args,
}

/// A `Config`.
#[derive(Debug, Clone)]
pub struct ConfigPlan {
    pub format: Format,
    pub autoinclude: bool,
    pub sections: Vec<SectionPlan>,
}

/// Several configs, rendered separately and loaded together in order.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub configs: Vec<ConfigPlan>,
}

/// Integers at the edges of the C types uWSGI's setters store.
pub const INT_EDGES: &[&str] = &[
    "4",
    "0",
    "-1",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967298",
    "65535",
    "65536",
    "17592186044415",
    "17592186044416",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
];

/// Integer options, one per setter: int, int (immediate), int (optional argument), raw int,
/// 64-bit, 16-bit, megabytes.
const INT_KEYS: &[&str] = &[
    "processes",
    "listen",
    "ksm",
    "prio",
    "max-requests",
    "buffer-size",
    "reload-on-rss",
    "limit-as",
];

/// Keys `set key=value` defines in the scenarios.
const SET_KEYS: &[&str] = &[
    "procname",
    "env",
    "uid",
    "gid",
    "processes",
    "procname-append",
    "add-gid",
    "ksm",
    "vacuum",
    "myvar",
    "never_swap",
    "listen",
];

fn uid_plan(src: &mut Source, profile: Profile) -> IdPlan {
    match src.below(9) {
        0 => IdPlan::Name(V::lit("nobody")),
        1 => IdPlan::Name(V::lit("www-data")),
        2 => IdPlan::Num(65534),
        3 => IdPlan::Name(V::lit("root")),
        4 => IdPlan::Num(0),
        5 => IdPlan::Name(V::from_parts([P::Env("USER")])),
        6 => IdPlan::Name(V::from_parts([P::Lit("u".into()), P::Env("UWSGICONF_A")])),
        7 => IdPlan::Num(33),
        _ => IdPlan::Name(value(src, profile, false)),
    }
}

fn gid_plan(src: &mut Source) -> IdPlan {
    match src.below(7) {
        0 => IdPlan::Name(V::lit("nogroup")),
        1 => IdPlan::Name(V::lit("www-data")),
        2 => IdPlan::Num(65534),
        3 => IdPlan::Name(V::lit("root")),
        4 => IdPlan::Num(0),
        5 => IdPlan::Name(V::from_parts([P::Env("USER")])),
        _ => IdPlan::Num(33),
    }
}

fn add_gid_plan(src: &mut Source) -> IdPlan {
    match src.below(6) {
        0 => IdPlan::Name(V::lit("users")),
        1 => IdPlan::Num(4),
        2 => IdPlan::Name(V::lit("root")),
        3 => IdPlan::Num(0),
        4 => IdPlan::Name(V::from_parts([P::Env("UWSGICONF_B")])),
        _ => IdPlan::Name(V::lit("nogroup")),
    }
}

/// A user or group as text, for raw owner options and `set`.
fn id_text(src: &mut Source, key: &str) -> V {
    let names: &[&str] = match key {
        "uid" | "immediate-uid" => &["nobody", "65534", "root", "0", "www-data"],
        "gid" | "immediate-gid" => &["nogroup", "65534", "root", "0", "www-data"],
        _ => &["users", "4", "root", "0"],
    };
    if src.chance(10) {
        V::from_parts([P::Env("USER")])
    } else {
        V::lit(src.pick(names))
    }
}

fn name_or_number(src: &mut Source, name: &str, number: u32) -> IdPlan {
    if src.chance(50) {
        IdPlan::Num(number)
    } else {
        IdPlan::Name(V::lit(name))
    }
}

fn phase(src: &mut Source, profile: Profile, acts: bool) -> Phase {
    // Actions that act never run in a real `--show-config` run when in post-app.
    if profile.real && acts {
        Phase::PostApp
    } else if profile.real {
        src.pick(&[Phase::PostApp, Phase::Asap])
    } else {
        src.pick(&[Phase::PostApp, Phase::Asap, Phase::AsUser, Phase::PreApp])
    }
}

fn action(src: &mut Source, profile: Profile) -> ActionPlan {
    match src.below(5) {
        0 => ActionPlan::Print(value(src, profile, true)),
        1 => ActionPlan::Mkdir(nonempty_value(src, profile, true)),
        2 => ActionPlan::Exec(nonempty_value(src, profile, true)),
        3 => ActionPlan::Exit(src.pick(&[0, 5, 42])),
        _ => ActionPlan::Write(
            V::lit(src.pick(&["/tmp/uwsgiconf-w", "/tmp/with space"])),
            value(src, profile, true),
        ),
    }
}

fn owner(src: &mut Source, profile: Profile) -> OwnerPlan {
    // The real runs mostly get owners uWSGI drops to, so most of them are not refused.
    let valid = profile.real && !src.chance(40);
    let uid = (!src.chance(10)).then(|| {
        if valid {
            name_or_number(src, "nobody", 33)
        } else {
            uid_plan(src, profile)
        }
    });
    let gid = if valid {
        Some(name_or_number(src, "nogroup", 65534))
    } else {
        (!src.chance(20)).then(|| gid_plan(src))
    };
    let add_gids = (0..src.below(3))
        .map(|_| {
            if valid {
                name_or_number(src, "users", 4)
            } else {
                add_gid_plan(src)
            }
        })
        .collect();
    let set_asap = src.chance(15) && profile.immediate_ids;
    OwnerPlan {
        uid,
        gid,
        add_gids,
        set_asap,
        allow_root: src.chance(10),
    }
}

fn raw(src: &mut Source, profile: Profile) -> Op {
    let replace = src.chance(25);
    let (key, value): (String, RawValue) = match src.below(13) {
        0 => {
            let name = src.pick(&["A", "B"]);
            let v = V::lit(format!("{name}=")).then(value(src, profile, true));
            ("env".into(), RawValue::V(v))
        }
        1 => ("procname".into(), RawValue::V(value(src, profile, true))),
        2 => (
            "procname-append".into(),
            RawValue::V(value(src, profile, true)),
        ),
        3 | 4 => {
            let key = src.pick(SET_KEYS);
            let rest = match key {
                "uid" | "gid" | "add-gid" => id_text(src, key),
                "processes" | "ksm" | "listen" => V::lit(src.pick(INT_EDGES)),
                "vacuum" => V::lit("true"),
                "env" => V::lit("S=").then(value(src, profile, true)),
                _ => value(src, profile, true),
            };
            (
                "set".into(),
                RawValue::V(V::lit(format!("{key}=")).then(rest)),
            )
        }
        5 => {
            let name = src.pick(&PLACEHOLDER_DEFS);
            let v = V::lit(format!("{name}=")).then(placeholder_value(src, profile));
            ("set-placeholder".into(), RawValue::V(v))
        }
        6 => ("print".into(), RawValue::V(value(src, profile, true))),
        7 => {
            let keys = if profile.real {
                &INT_KEYS[..INT_KEYS.len() - 1]
            } else {
                INT_KEYS
            };
            let key = src.pick(keys);
            let v = if src.chance(10) {
                V::from_parts([P::Env("UWSGICONF_A")])
            } else if profile.real && !src.chance(30) {
                // Mostly values every integer option holds, so most real runs are not refused.
                V::lit(src.pick(&["4", "0", "65535"]))
            } else {
                // A negative `int` makes uWSGI exit, which would hide the rest of a real run.
                let edge = src.pick(INT_EDGES);
                V::lit(if edge == "-1" && profile.real {
                    "4"
                } else {
                    edge
                })
            };
            (key.into(), RawValue::V(v))
        }
        8 => (src.pick(&["vacuum", "master"]).into(), RawValue::On),
        9 => {
            let key = if profile.real {
                "hook-post-app"
            } else {
                src.pick(&["hook-post-app", "hook-asap"])
            };
            let action = src.pick(&["print:", "exec:"]);
            let v = V::lit(action).then(value(src, profile, true));
            (key.into(), RawValue::V(v))
        }
        10 => (
            "touch-reload".into(),
            RawValue::V(nonempty_value(src, profile, true)),
        ),
        11 => {
            let keys: &[&str] = if profile.immediate_ids {
                &["uid", "gid", "add-gid", "immediate-uid", "immediate-gid"]
            } else {
                &["uid", "gid", "add-gid"]
            };
            let key = src.pick(keys);
            (key.into(), RawValue::V(id_text(src, key)))
        }
        _ => ("never_swap".into(), RawValue::On),
    };
    Op::Raw {
        replace,
        key,
        value,
    }
}

fn op(src: &mut Source, profile: Profile, depth: usize) -> Op {
    match src.below(20) {
        8 | 9 => Op::Owner(owner(src, profile)),
        10 | 11 => {
            let actions: Vec<ActionPlan> = (0..1 + src.below(2))
                .map(|_| action(src, profile))
                .collect();
            let acts = actions.iter().any(|a| !matches!(a, ActionPlan::Print(_)));
            Op::Hook(phase(src, profile, acts), actions)
        }
        12 => Op::Naming {
            name: src.chance(60).then(|| value(src, profile, true)),
            prefix: src.chance(50).then(|| value(src, profile, true)),
            suffix: src.chance(50).then(|| value(src, profile, true)),
        },
        13 => Op::Basic {
            touch_reload: (0..src.below(3))
                .map(|_| nonempty_value(src, profile, true))
                .collect(),
            priority: src
                .chance(50)
                .then(|| src.pick(&[0, -1, 5, i32::MAX, i32::MIN])),
            vacuum: src.chance(50),
        },
        14 => Op::Memory {
            ksm: if profile.real && !src.chance(30) {
                src.pick(&[10, 0, i32::MAX as u32])
            } else {
                src.pick(&[10, 0, i32::MAX as u32, i32::MAX as u32 + 1, u32::MAX])
            },
        },
        15 => Op::RunCommand(
            if profile.real {
                Phase::PostApp
            } else {
                src.pick(&[Phase::PostApp, Phase::Asap])
            },
            (0..1 + src.below(2))
                .map(|_| nonempty_value(src, profile, true))
                .collect(),
        ),
        16..=18 if depth == 0 => {
            let kind = match src.below(5) {
                0 => BlockKind::IfExists(src.pick(&["/", "/uwsgiconf-missing"])),
                1 => BlockKind::IfNotExists(src.pick(&["/", "/uwsgiconf-missing"])),
                2 => BlockKind::IfEnv(src.pick(&["PATH", "UWSGICONF_UNSET"])),
                3 => BlockKind::IfNotEnv(src.pick(&["PATH", "UWSGICONF_UNSET"])),
                _ => BlockKind::For(src.pick(&["a b", "x"])),
            };
            let body = (0..src.below(4))
                .map(|_| op(src, profile, depth + 1))
                .collect();
            Op::Block(kind, body)
        }
        _ => raw(src, profile),
    }
}

/// A random scenario.
pub fn scenario(src: &mut Source, profile: Profile) -> Scenario {
    let configs = 1 + src.below(4).saturating_sub(1);
    let configs = (0..configs)
        .map(|_| {
            let extra = if src.chance(25) { 1 + src.below(2) } else { 0 };
            let names = ["uwsgi", "second", "third"];
            let sections = (0..=extra)
                .map(|index| SectionPlan {
                    // Now and then a duplicate name, which uWSGI would merge.
                    name: if index > 0 && src.chance(5) {
                        "uwsgi"
                    } else {
                        names[index]
                    },
                    strict: src.chance(10),
                    ops: (0..src.below(7)).map(|_| op(src, profile, 0)).collect(),
                })
                .collect();
            ConfigPlan {
                format: if src.chance(40) {
                    Format::Args
                } else {
                    Format::Ini
                },
                autoinclude: src.chance(50),
                sections,
            }
        })
        .collect();
    Scenario { configs }
}

// ---------------------------------------------------------------------------------------
// Building: the sections, and what the user asked for

/// A directive the user asked for, as they meant it.
#[derive(Debug, Clone)]
pub struct Exp {
    pub key: String,
    pub value: V,
    /// The call on the section that wrote it.
    pub call: usize,
    /// Which part of the section between two control-flow directives it is in.
    pub segment: usize,
    /// The block it is in, if any.
    pub block: Option<usize>,
    /// May be missing: an earlier value `set_option` replaced from another segment.
    pub optional: bool,
    /// For a typed `print` action: the text as the user wants it printed.
    pub printf: Option<V>,
    /// Written by `set_option`.
    pub replacing: bool,
}

/// A refusal the issue allows: for a call (or the config as a whole), these problem kinds.
#[derive(Debug, Clone)]
pub struct Reason {
    pub call: Option<usize>,
    pub kinds: &'static [&'static str],
    pub why: &'static str,
}

/// Problem kinds that exist today, by their `Debug` name; any other kind counts as [`NEW`].
pub const LEGACY_KINDS: [&str; 19] = [
    "UnknownOption",
    "UnavailableOption",
    "WrongValueType",
    "Conflict",
    "UnavailablePhase",
    "NoExecForm",
    "UnknownName",
    "UidWithoutGid",
    "AddGidWithoutGid",
    "RunsAsRoot",
    "SpaceInPath",
    "MountWithoutSource",
    "UnknownMountFlag",
    "BadMode",
    "NotASymbol",
    "Unrepresentable",
    "MisplacedVariable",
    "EmptyValue",
    "InvalidValue",
];
/// A problem kind added after today (the fixes may add some for new refusals).
pub const NEW: &str = "<new kind>";

/// Refusing a value uWSGI would change or re-read (items 5, 6, 9).
pub const SAFETY: &[&str] = &["Unrepresentable", "MisplacedVariable", "InvalidValue", NEW];
/// Refusing an owner setting (the owner rules, and items 1 to 4).
pub const OWNER: &[&str] = &[
    "RunsAsRoot",
    "UidWithoutGid",
    "AddGidWithoutGid",
    "Conflict",
    "InvalidValue",
    "MisplacedVariable",
    NEW,
];
/// Refusing `set key=value` for a key the typed API owns (item 1).
const SET_OWNED: &[&str] = &[
    "InvalidValue",
    "Conflict",
    "UnknownOption",
    "MisplacedVariable",
    "Unrepresentable",
    "WrongValueType",
    NEW,
];
/// Refusing to drop or move directives silently (items 7, 10).
const KEEP: &[&str] = &["Conflict", "InvalidValue", NEW];

/// The keys the typed `MainProcess` API writes.
pub fn typed_owned(key: &str) -> bool {
    matches!(
        key,
        "uid"
            | "gid"
            | "add-gid"
            | "immediate-uid"
            | "immediate-gid"
            | "drop-after-init"
            | "drop-after-apps"
            | "touch-reload"
            | "prio"
            | "vacuum"
            | "binary-path"
            | "honour-stdin"
            | "ksm"
            | "never-swap"
            | "daemonize"
            | "daemonize2"
            | "chdir"
            | "chdir2"
            | "touch-exec"
            | "pidfile"
            | "pidfile2"
            | "safe-pidfile"
            | "safe-pidfile2"
            | "auto-procname"
            | "procname-prefix"
            | "procname-prefix-spaced"
            | "procname-append"
            | "procname"
            | "after-request-hook"
            | "skip-atexit"
            | "skip-atexit-teardown"
    ) || key.starts_with("hook-")
        || key.starts_with("exec-")
}

/// The owner options.
pub fn is_owner_key(key: &str) -> bool {
    matches!(
        key,
        "uid" | "gid" | "add-gid" | "immediate-uid" | "immediate-gid"
    )
}

/// A section as built.
#[derive(Debug, Clone)]
pub struct BuiltSection {
    pub name: &'static str,
    pub allow_root: bool,
    pub exps: Vec<Exp>,
}

/// A config as built: the `Config`, what each section asked for, and the allowed refusals.
#[derive(Debug, Clone)]
pub struct BuiltConfig {
    pub config: Config,
    pub format: Format,
    pub autoinclude: bool,
    pub sections: Vec<BuiltSection>,
    pub reasons: Vec<Reason>,
}

impl BuiltConfig {
    /// The sections uWSGI reads when this config is loaded as rendered: with `--ini <file>`
    /// the `[uwsgi]` section and, with autoinclude, the others after it; on the command
    /// line every section (one, or all with autoinclude).
    pub fn read_sections(&self) -> Vec<&BuiltSection> {
        match self.format {
            Format::Args => self.sections.iter().collect(),
            Format::Ini => {
                let mut read: Vec<&BuiltSection> =
                    self.sections.iter().filter(|s| s.name == "uwsgi").collect();
                if self.autoinclude {
                    read.extend(self.sections.iter().skip(1).filter(|s| s.name != "uwsgi"));
                }
                read
            }
        }
    }

    /// The sections a plain `--ini <file>` does not read.
    pub fn unread_sections(&self) -> Vec<&BuiltSection> {
        match self.format {
            Format::Ini if !self.autoinclude => {
                self.sections.iter().filter(|s| s.name != "uwsgi").collect()
            }
            _ => Vec::new(),
        }
    }
}

struct Builder {
    section: Section,
    exps: Vec<Exp>,
    calls: usize,
    segment: usize,
    block: Option<usize>,
    blocks: usize,
    /// (open call, close call) of each block.
    block_calls: Vec<(usize, usize)>,
    allow_root: bool,
    format: Format,
    reasons: Vec<Reason>,
}

impl Builder {
    fn call(&mut self) -> usize {
        self.calls += 1;
        self.calls - 1
    }

    fn reason(&mut self, call: usize, kinds: &'static [&'static str], why: &'static str) {
        self.reasons.push(Reason {
            call: Some(call),
            kinds,
            why,
        });
    }

    fn push(&mut self, key: &str, value: V, call: usize, printf: Option<V>) {
        self.exps.push(Exp {
            key: key.to_string(),
            value,
            call,
            segment: self.segment,
            block: self.block,
            optional: false,
            printf,
            replacing: false,
        });
    }

    /// `set_option`: replaces earlier values of the option the call defines (for `set`, the
    /// option named before `=`).
    fn replace(&mut self, key: &str, value: V, call: usize) {
        let target = defined_key(key, &value);
        let defines = |e: &Exp| defined_key(&e.key, &e.value) == target;
        let earlier: Vec<usize> = (0..self.exps.len())
            .filter(|&i| defines(&self.exps[i]))
            .collect();
        if is_list_like(&target) {
            // Item 10: the earlier entries must stay, or the call must be refused; a value an
            // earlier `set_option` wrote may be replaced (that is what set_option says).
            if !earlier.is_empty() {
                self.reason(
                    call,
                    KEEP,
                    "set_option on a repeatable option with earlier values",
                );
            }
            for exp in self.exps.iter_mut().filter(|e| defines(e) && e.replacing) {
                exp.optional = true;
            }
        } else {
            let mut keep = Vec::new();
            for exp in &mut self.exps {
                if !defines(exp) {
                    keep.push(true);
                } else if exp.segment == self.segment {
                    keep.push(false);
                } else {
                    // Replaced from another control-flow segment: gone or kept, either is
                    // honest; moved across the control flow is not.
                    exp.optional = true;
                    keep.push(true);
                }
            }
            let cross: Vec<usize> = self
                .exps
                .iter()
                .filter(|e| defines(e) && e.optional)
                .map(|e| e.call)
                .collect();
            if !cross.is_empty() {
                self.reason(call, KEEP, "set_option replacing across control flow");
                for c in cross {
                    self.reason(c, KEEP, "set_option replacing across control flow");
                }
            }
            let mut keep = keep.into_iter();
            self.exps.retain(|_| keep.next().unwrap_or(true));
        }
        self.push(key, value, call, None);
        if let Some(last) = self.exps.last_mut() {
            last.replacing = true;
        }
    }

    fn apply(&mut self, op: &Op) {
        match op {
            Op::Owner(plan) => {
                let call = self.call();
                let mut params = OwnerParams::new()
                    .set_asap(plan.set_asap)
                    .allow_root(plan.allow_root);
                if let Some(uid) = &plan.uid {
                    params = params.uid(uid.to_id());
                }
                if let Some(gid) = &plan.gid {
                    params = params.gid(gid.to_id());
                }
                let add: Vec<Value> = plan.add_gids.iter().map(|g| g.text().to_value()).collect();
                params = params.add_gids(add);
                self.section.main_process().set_owner_params(params);
                if plan.allow_root {
                    self.allow_root = true;
                }
                let (uid_key, gid_key) = if plan.set_asap {
                    ("immediate-uid", "immediate-gid")
                } else {
                    ("uid", "gid")
                };
                let mut ids = Vec::new();
                if let Some(uid) = &plan.uid {
                    ids.push((uid_key, uid.text()));
                }
                if let Some(gid) = &plan.gid {
                    ids.push((gid_key, gid.text()));
                }
                if plan.set_asap {
                    ids.reverse();
                }
                for (key, value) in ids {
                    self.push(key, value, call, None);
                }
                for gid in &plan.add_gids {
                    self.push("add-gid", gid.text(), call, None);
                }
            }
            Op::Hook(phase, actions) => {
                let call = self.call();
                let built: Vec<Action> = actions.iter().map(action_of).collect();
                self.section.main_process().set_hook(*phase, built);
                for plan in actions {
                    let (value, printf) = hook_value(plan);
                    self.action_reasons(plan, call);
                    self.push(phase.hook_option(), value, call, printf);
                }
            }
            Op::Naming {
                name,
                prefix,
                suffix,
            } => {
                let call = self.call();
                let mut params = NamingParams::new();
                if let Some(v) = name {
                    params = params.name(v.to_value());
                }
                if let Some(v) = prefix {
                    params = params.prefix(v.to_value());
                }
                if let Some(v) = suffix {
                    params = params.suffix(v.to_value());
                }
                self.section.main_process().set_naming_params(params);
                if let Some(v) = prefix {
                    match v.strip_one_trailing_space() {
                        Some(stripped) => self.push("procname-prefix-spaced", stripped, call, None),
                        None => self.push("procname-prefix", v.clone(), call, None),
                    }
                }
                if let Some(v) = suffix {
                    self.push("procname-append", v.clone(), call, None);
                }
                if let Some(v) = name {
                    self.push("procname", v.clone(), call, None);
                }
            }
            Op::Basic {
                touch_reload,
                priority,
                vacuum,
            } => {
                let call = self.call();
                let mut params = BasicParams::new()
                    .touch_reload(touch_reload.iter().map(V::to_value).collect::<Vec<_>>());
                if let Some(p) = priority {
                    params = params.priority(*p);
                }
                if *vacuum {
                    params = params.vacuum(true);
                }
                self.section.main_process().set_basic_params(params);
                for v in touch_reload {
                    self.push("touch-reload", v.clone(), call, None);
                }
                if let Some(p) = priority {
                    self.push("prio", V::lit(p.to_string()), call, None);
                }
                if *vacuum {
                    self.push("vacuum", V::lit("true"), call, None);
                    self.switch_reason("vacuum", call);
                }
            }
            Op::Memory { ksm } => {
                let call = self.call();
                self.section
                    .main_process()
                    .set_memory_params(MemoryParams::new().ksm_interval(*ksm));
                self.push("ksm", V::lit(ksm.to_string()), call, None);
            }
            Op::RunCommand(phase, commands) => {
                let call = self.call();
                self.section.main_process().run_command_on_event(
                    commands.iter().map(V::to_value).collect::<Vec<_>>(),
                    RunOnEventParams::new().phase(*phase),
                );
                let key = phase.exec_option().expect("a phase with an exec- form");
                for v in commands {
                    self.push(key, v.clone(), call, None);
                }
            }
            Op::Raw {
                replace,
                key,
                value,
            } => {
                let call = self.call();
                let (setting, v) = match value {
                    RawValue::On => (Setting::Flag(true), V::lit("true")),
                    RawValue::V(v) => (Setting::Value(v.to_value()), v.clone()),
                };
                if *replace {
                    self.section.set_option(key, setting);
                } else {
                    self.section.add_option(key, setting);
                }
                if options::lookup(key).is_none() {
                    self.reason(call, &["UnknownOption"], "not a uWSGI option");
                    return;
                }
                if matches!(value, RawValue::On) {
                    self.switch_reason(key, call);
                }
                if *replace {
                    self.replace(key, v, call);
                } else {
                    self.push(key, v, call, None);
                }
            }
            Op::Block(kind, body) => {
                let (open, arg) = kind.open();
                let open_call = self.call();
                self.section.add_option(open, arg);
                self.push(open, V::lit(arg), open_call, None);
                self.segment += 1;
                let outer = self.block;
                let id = self.blocks;
                self.blocks += 1;
                self.block_calls.push((open_call, usize::MAX));
                self.block = Some(id);
                for op in body {
                    self.apply(op);
                }
                self.block = outer;
                let close_call = self.call();
                self.section.add_option(kind.close(), "");
                self.push(kind.close(), V::lit(""), close_call, None);
                self.segment += 1;
                self.block_calls[id].1 = close_call;
            }
        }
    }

    /// A switch inside a block, on the command line, crashes uWSGI: refusing it is honest.
    fn switch_reason(&mut self, key: &str, call: usize) {
        let switch = options::lookup(key)
            .is_some_and(|s| s.arg != uwsgiconf_core::options::ArgKind::Required);
        if self.block.is_some() && self.format == Format::Args && switch {
            self.reason(
                call,
                &["Unrepresentable", NEW],
                "a switch inside a block on the command line",
            );
        }
    }

    fn action_reasons(&mut self, plan: &ActionPlan, call: usize) {
        match plan {
            ActionPlan::Print(v) if v.has_vars() => {
                self.reason(call, SAFETY, "a variable in printf text (item 9)")
            }
            ActionPlan::Mkdir(v) | ActionPlan::Exec(v) if v.is_empty() => {
                self.reason(call, &["EmptyValue"], "an empty required argument")
            }
            ActionPlan::Write(path, _) if path.literal_text().is_some_and(|t| t.contains(' ')) => {
                self.reason(call, &["SpaceInPath"], "a space in a word argument")
            }
            _ => {}
        }
    }
}

fn action_of(plan: &ActionPlan) -> Action {
    match plan {
        ActionPlan::Print(v) => Action::printout(v.to_value()),
        ActionPlan::Mkdir(v) => Action::dir_create(v.to_value()),
        ActionPlan::Exec(v) => Action::execute(v.to_value()),
        ActionPlan::Exit(code) => Action::exit(*code),
        ActionPlan::Write(path, text) => {
            Action::file_write(path.to_value(), text.to_value()).into()
        }
    }
}

/// The hook value an action stands for (`print:` text is printf text: `%` doubled), and for
/// `print` the text the user wants printed.
fn hook_value(plan: &ActionPlan) -> (V, Option<V>) {
    match plan {
        ActionPlan::Print(v) => (V::lit("print:").then(v.printf_escaped()), Some(v.clone())),
        ActionPlan::Mkdir(v) => (V::lit("mkdir:").then(v.clone()), None),
        ActionPlan::Exec(v) => (V::lit("exec:").then(v.clone()), None),
        ActionPlan::Exit(code) => {
            let code = match code {
                1..=9 => format!("0{code}"),
                code => code.to_string(),
            };
            (V::lit(format!("exit:{code}")), None)
        }
        ActionPlan::Write(path, text) => (
            V::lit("write:")
                .then(path.clone())
                .then(V::lit(" "))
                .then(text.clone()),
            None,
        ),
    }
}

/// The range of values a setter stores without changing them, by the catalogue's setter.
pub fn int_range(setter: &str) -> Option<(i128, i128)> {
    match setter {
        // `int`, read with atoi().
        "uwsgi_opt_set_int" | "uwsgi_opt_set_rawint" => Some((i32::MIN as i128, i32::MAX as i128)),
        // uint64_t, read with strtoul().
        "uwsgi_opt_set_64bit" => Some((0, u64::MAX as i128)),
        // strtoul(), clamped to 65535.
        "uwsgi_opt_set_16bit" => Some((0, 65535)),
        // strtoul() megabytes, times 2^20 in a uint64_t.
        "uwsgi_opt_set_megabytes" => Some((0, (1i128 << 44) - 1)),
        _ => None,
    }
}

/// The option a call defines: `set` defines the option named before `=` (uWSGI reads
/// `set = k=v` as `k = v`); any other key defines itself.
fn defined_key(key: &str, value: &V) -> String {
    match (key, value.split_assignment()) {
        ("set", Some((name, _))) => name,
        _ => key.to_string(),
    }
}

/// The refusals a directive's value allows, whatever its origin.
fn value_reasons(
    key: &str,
    v: &V,
    format: Format,
    out: &mut Vec<(&'static [&'static str], &'static str)>,
) {
    let blank = |c: char| matches!(c, ' ' | '\t' | '\r');
    let lits: Vec<&str> =
        v.0.iter()
            .filter_map(|p| match p {
                P::Lit(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
    let unrepresentable = lits.iter().any(|t| {
        t.contains(['\n', '\r', '\0'])
            || t.contains("%(")
            || t.starts_with(blank)
            || t.ends_with(blank)
    }) || v.is_empty();
    if unrepresentable {
        out.push((
            &["Unrepresentable", "EmptyValue"],
            "text a format cannot carry",
        ));
    }
    let spec = options::lookup(key);
    let immediate = match spec {
        Some(spec) => spec.immediate,
        None => true,
    };
    if v.has_vars() && immediate {
        out.push((
            &["MisplacedVariable"],
            "a variable uWSGI cannot expand there",
        ));
    }
    if v.0.iter().any(|p| matches!(p, P::Magic(_))) && format == Format::Args {
        out.push((
            &["MisplacedVariable"],
            "a magic variable on the command line",
        ));
    }
    if v.text_before_variables()
        .iter()
        .any(|t| t.ends_with(['@', '$', '%']))
    {
        out.push((SAFETY, "a variable right after a literal sigil (item 9)"));
    }
    // The mirror of item 9: a variable's value joins what stands next to it, so a variable
    // before literal `(` (measured: `$(XX)(HOME)` with `XX=a$` reads `a/root`), two
    // variables side by side, or a sigil before a magic variable (a file name may start with
    // `(`), may form a new reference.
    let joins = v.0.windows(2).any(|pair| match (&pair[0], &pair[1]) {
        (P::Lit(t), P::Magic(_)) => t.ends_with(['@', '$', '%']),
        (P::Lit(_), _) => false,
        (_, P::Lit(t)) => t.starts_with('('),
        _ => true,
    });
    if joins {
        out.push((SAFETY, "a variable joined to `(` or to another variable"));
    }
    if v.0
        .iter()
        .any(|p| matches!(p, P::Ph(n) if n.starts_with(RESERVED_PREFIX)))
    {
        out.push((
            SAFETY,
            "a reference to a reserved placeholder name (item 6)",
        ));
    }
    if let Some(spec) = spec {
        if spec.kind == OptionKind::Int {
            if let Some(text) = v.literal_text() {
                let bad = match text.parse::<i128>() {
                    Err(_) => true,
                    Ok(n) => {
                        let (low, high) =
                            int_range(spec.setter()).unwrap_or((i128::MIN, i128::MAX));
                        // uWSGI exits on a negative `int` (not a silent change, but refusable).
                        n < low || n > high || (n < 0 && spec.setter() == "uwsgi_opt_set_int")
                    }
                };
                if bad {
                    out.push((
                        &["InvalidValue", NEW],
                        "an integer uWSGI would read otherwise (item 8)",
                    ));
                }
            }
        }
        if spec.takes_bool() && v.literal_text().as_deref() != Some("true") {
            out.push((
                &["WrongValueType", "InvalidValue"],
                "a switch set to a value",
            ));
        }
    }
}

/// Builds one section, returning what it recorded and the refusals it allows.
fn build_section(
    plan: &SectionPlan,
    format: Format,
) -> (Section, BuiltSection, Vec<Reason>, Vec<(usize, usize)>) {
    let mut builder = Builder {
        section: if plan.name == "uwsgi" {
            Section::new()
        } else {
            Section::named(plan.name)
        },
        exps: Vec::new(),
        calls: 0,
        segment: 0,
        block: None,
        blocks: 0,
        block_calls: Vec::new(),
        allow_root: false,
        format,
        reasons: Vec::new(),
    };
    if plan.strict {
        builder.call();
        builder.section.set_strict(true);
    }
    for op in &plan.ops {
        builder.apply(op);
    }

    // A repeated single-valued option whose values are all the same: a repetition that
    // changes nothing may be collapsed (the renderer has always done so), that is a copy
    // inside a block of one outside any block, or a later copy outside any block.
    let exps = &mut builder.exps;
    for i in 0..exps.len() {
        let key = exps[i].key.clone();
        if is_list_like(&key) || is_logic(&key) || exps[i].optional {
            continue;
        }
        let same_values = exps
            .iter()
            .filter(|e| e.key == key && !e.optional)
            .all(|e| e.value == exps[i].value);
        let covered = exps.iter().enumerate().any(|(j, e)| {
            j != i
                && e.key == key
                && e.block.is_none()
                && !e.optional
                && (exps[i].block.is_some() || j < i)
        });
        if same_values && covered {
            exps[i].optional = true;
        }
    }

    // Value-level refusals.
    let exps = builder.exps.clone();
    for exp in &exps {
        let mut found = Vec::new();
        let (key, value) = match exp.key.as_str() {
            "set" | "set-placeholder" | "set-ph" => {
                let (name, rest) = exp.value.split_assignment().unwrap_or_default();
                if exp.key == "set" {
                    match options::lookup(&name) {
                        None => found.push((
                            &["UnknownOption", "InvalidValue", NEW][..],
                            "set of an unknown option (item 1)",
                        )),
                        Some(_) if typed_owned(&name) => {
                            found.push((SET_OWNED, "set of a key the typed API owns (item 1)"))
                        }
                        Some(_) => {}
                    }
                    if rest.has_vars() {
                        found.push((
                            &["MisplacedVariable"][..],
                            "a variable in an immediate option",
                        ));
                    }
                } else {
                    if name.starts_with(RESERVED_PREFIX) {
                        found.push((
                            &[
                                "Unrepresentable",
                                "MisplacedVariable",
                                "InvalidValue",
                                "Conflict",
                                NEW,
                            ][..],
                            "a reserved placeholder name (item 6)",
                        ));
                    }
                    if rest.has_vars() {
                        found.push((
                            &["MisplacedVariable"][..],
                            "a variable in an immediate option",
                        ));
                    }
                }
                let key = if exp.key == "set" {
                    name
                } else {
                    String::from("set-placeholder")
                };
                (key, rest)
            }
            _ => (exp.key.clone(), exp.value.clone()),
        };
        value_reasons(&key, &value, format, &mut found);
        for (kinds, why) in found {
            builder.reason(exp.call, kinds, why);
        }
    }

    // Single-valued options set to different values.
    let defined = |exp: &Exp| -> Option<(String, V)> {
        match exp.key.as_str() {
            "set" => exp.value.split_assignment(),
            "set-placeholder" | "set-ph" => None,
            _ => Some((exp.key.clone(), exp.value.clone())),
        }
    };
    let mut scalars: Vec<(String, Vec<(V, usize)>)> = Vec::new();
    for exp in exps.iter().filter(|e| !e.optional) {
        let Some((key, value)) = defined(exp) else {
            continue;
        };
        if is_list_like(&key) || is_logic(&key) {
            continue;
        }
        match scalars.iter_mut().find(|(k, _)| *k == key) {
            Some((_, values)) => values.push((value, exp.call)),
            None => scalars.push((key, vec![(value, exp.call)])),
        }
    }
    for (_, values) in &scalars {
        let first = &values[0].0;
        if values.iter().any(|(v, _)| v != first) {
            for (_, call) in values {
                builder.reason(*call, &["Conflict"], "a single-valued option set twice");
            }
        }
    }

    // Owner rules, and items 1 to 4: any irregular owner setting allows an owner refusal on
    // every owner call of the section (the fixes may attach it to any of them).
    let owners: Vec<(String, V, &Exp)> = exps
        .iter()
        .filter_map(|e| defined(e).map(|(k, v)| (k, v, e)))
        .filter(|(k, _, _)| is_owner_key(k))
        .collect();
    let has = |key: &str| owners.iter().any(|(k, _, _)| k == key);
    let rootish = |v: &V| {
        v.literal_text()
            .is_some_and(|t| t == "root" || (!t.is_empty() && t.bytes().all(|b| b == b'0')))
    };
    let irregular = owners.iter().any(|(k, v, e)| {
        v.has_vars()
            || e.key == "set"
            || e.block.is_some()
            || rootish(v)
                && (!builder.allow_root
                    || k.starts_with("immediate-")
                    || v.literal_text().is_some_and(|t| t != "root"))
    }) || (has("uid") && !has("gid") && !has("immediate-gid"))
        || (has("immediate-uid") && !has("immediate-gid"))
        || (has("add-gid") && !has("gid"))
        || (has("uid") && has("immediate-uid"))
        || (has("gid") && has("immediate-gid"));
    if irregular {
        let mut calls: Vec<usize> = owners.iter().map(|(_, _, e)| e.call).collect();
        for (_, _, exp) in &owners {
            if let Some(block) = exp.block {
                let (open, close) = builder.block_calls[block];
                calls.extend([open, close]);
            }
        }
        for call in calls {
            builder.reason(
                call,
                OWNER,
                "an owner setting that may leave root (items 1-4)",
            );
        }
    }

    let built = BuiltSection {
        name: plan.name,
        allow_root: builder.allow_root,
        exps: builder.exps,
    };
    (builder.section, built, builder.reasons, builder.block_calls)
}

/// Builds every config of a scenario.
pub fn build(scenario: &Scenario) -> Vec<BuiltConfig> {
    scenario
        .configs
        .iter()
        .map(|plan| {
            let mut config = Config::new();
            config.autoinclude(plan.autoinclude);
            let mut sections = Vec::new();
            let mut reasons = Vec::new();
            for (index, section_plan) in plan.sections.iter().enumerate() {
                let (section, built, mut found, block_calls) =
                    build_section(section_plan, plan.format);
                config.add_section(section);
                let unread = plan.format == Format::Ini && !plan.autoinclude && index > 0;
                if unread {
                    // Item 4: owner settings uWSGI does not read with a plain `--ini <file>`.
                    for exp in &built.exps {
                        let key = match exp.key.as_str() {
                            "set" => exp
                                .value
                                .split_assignment()
                                .map(|(k, _)| k)
                                .unwrap_or_default(),
                            key => key.to_string(),
                        };
                        if is_owner_key(&key) {
                            found.push(Reason {
                                call: Some(exp.call),
                                kinds: OWNER,
                                why: "an owner setting in a section uWSGI does not read (item 4)",
                            });
                            found.push(Reason {
                                call: None,
                                kinds: OWNER,
                                why: "an owner setting in a section uWSGI does not read (item 4)",
                            });
                            if let Some(block) = exp.block {
                                let (open, close) = block_calls[block];
                                for call in [open, close] {
                                    found.push(Reason {
                                        call: Some(call),
                                        kinds: OWNER,
                                        why: "item 4",
                                    });
                                }
                            }
                        }
                    }
                }
                if plan.sections[..index]
                    .iter()
                    .any(|s| s.name == section_plan.name)
                {
                    found.push(Reason {
                        call: None,
                        kinds: &["Conflict"],
                        why: "two sections with the same name",
                    });
                }
                sections.push(built);
                reasons.extend(found);
            }
            if plan.format == Format::Args && plan.sections.len() > 1 && !plan.autoinclude {
                reasons.push(Reason {
                    call: None,
                    kinds: &["Unrepresentable"],
                    why: "several sections on the command line without autoinclude",
                });
            }
            BuiltConfig {
                config,
                format: plan.format,
                autoinclude: plan.autoinclude,
                sections,
                reasons,
            }
        })
        .collect()
}

/// Whether a closing key (for the model's segment splitting).
pub fn is_close(key: &str) -> bool {
    CLOSE_KEYS.contains(&key)
}

// ---------------------------------------------------------------------------------------
// The issue's own examples

fn section(name: &'static str, ops: Vec<Op>) -> SectionPlan {
    SectionPlan {
        name,
        strict: false,
        ops,
    }
}

fn one_config(format: Format, ops: Vec<Op>) -> Scenario {
    Scenario {
        configs: vec![ConfigPlan {
            format,
            autoinclude: false,
            sections: vec![section("uwsgi", ops)],
        }],
    }
}

fn add(key: &str, value: V) -> Op {
    Op::Raw {
        replace: false,
        key: key.into(),
        value: RawValue::V(value),
    }
}

fn owner_op(uid: Option<IdPlan>, gid: Option<IdPlan>, add_gids: Vec<IdPlan>) -> Op {
    Op::Owner(OwnerPlan {
        uid,
        gid,
        add_gids,
        set_asap: false,
        allow_root: false,
    })
}

fn name(text: &str) -> IdPlan {
    IdPlan::Name(V::lit(text))
}

fn nobody() -> Op {
    owner_op(Some(name("nobody")), Some(name("nogroup")), Vec::new())
}

/// The examples of issue 7 (item, what), as scenarios: inputs only, the oracle judges them.
/// With them, two valid owner settings the oracle must accept as they are.
pub fn issue_cases() -> Vec<(u8, &'static str, Scenario)> {
    let env = |name: &'static str| V::from_parts([P::Env(name)]);
    let mut cases = vec![
        (
            0,
            "uid and gid by name",
            one_config(Format::Ini, vec![nobody()]),
        ),
        (
            0,
            "numeric uid, add-gid",
            one_config(
                Format::Args,
                vec![owner_op(
                    Some(IdPlan::Num(65534)),
                    Some(name("nogroup")),
                    vec![name("users"), IdPlan::Num(4)],
                )],
            ),
        ),
        (
            1,
            "set uid=root, set gid=root",
            one_config(
                Format::Ini,
                vec![
                    add("set", V::lit("uid=root")),
                    add("set", V::lit("gid=root")),
                ],
            ),
        ),
        (
            1,
            "owner nobody/nogroup, then set uid=root",
            one_config(Format::Args, vec![nobody(), add("set", V::lit("uid=root"))]),
        ),
        (
            1,
            "set uid=nobody alone",
            one_config(Format::Ini, vec![add("set", V::lit("uid=nobody"))]),
        ),
        (
            2,
            "add_gids([root])",
            one_config(
                Format::Ini,
                vec![owner_op(
                    Some(name("nobody")),
                    Some(name("nogroup")),
                    vec![name("root")],
                )],
            ),
        ),
        (
            3,
            "uid from $(USER)",
            one_config(
                Format::Ini,
                vec![owner_op(
                    Some(IdPlan::Name(env("USER"))),
                    Some(name("nogroup")),
                    Vec::new(),
                )],
            ),
        ),
        (
            4,
            "owner inside an if-exists block whose condition is false",
            one_config(
                Format::Ini,
                vec![Op::Block(
                    BlockKind::IfExists("/uwsgiconf-missing"),
                    vec![nobody()],
                )],
            ),
        ),
        (
            4,
            "owner only in a section a plain --ini does not read",
            Scenario {
                configs: vec![ConfigPlan {
                    format: Format::Ini,
                    autoinclude: false,
                    sections: vec![
                        section("uwsgi", Vec::new()),
                        section("second", vec![nobody()]),
                    ],
                }],
            },
        ),
        (
            5,
            "set procname=@(exec://echo PWNED)",
            one_config(
                Format::Ini,
                vec![add("set", V::lit("procname=@(exec://echo PWNED)"))],
            ),
        ),
        (
            5,
            "set procname=$(HOME)",
            one_config(Format::Args, vec![add("set", V::lit("procname=$(HOME)"))]),
        ),
        (
            6,
            "two configs with protected literals, loaded together",
            Scenario {
                configs: vec![
                    ConfigPlan {
                        format: Format::Ini,
                        autoinclude: false,
                        sections: vec![section(
                            "uwsgi",
                            vec![add("procname", V::lit("$(HOME) first"))],
                        )],
                    },
                    ConfigPlan {
                        format: Format::Ini,
                        autoinclude: false,
                        sections: vec![section(
                            "uwsgi",
                            vec![add("procname-append", V::lit("@(uwsgiconf-f) second"))],
                        )],
                    },
                ],
            },
        ),
        (
            6,
            "command line and file with protected literals, loaded together",
            Scenario {
                configs: vec![
                    ConfigPlan {
                        format: Format::Args,
                        autoinclude: false,
                        sections: vec![section(
                            "uwsgi",
                            vec![add("procname", V::lit("$(HOME) first"))],
                        )],
                    },
                    ConfigPlan {
                        format: Format::Ini,
                        autoinclude: false,
                        sections: vec![section(
                            "uwsgi",
                            vec![add("procname-append", V::lit("@(uwsgiconf-f) second"))],
                        )],
                    },
                ],
            },
        ),
        (
            6,
            "a user set-placeholder with the renderer's name",
            one_config(
                Format::Ini,
                vec![
                    add("set-placeholder", V::lit("uwsgiconf-literal-1=EVIL")),
                    add("procname", V::lit("$(HOME) mine")),
                ],
            ),
        ),
        (
            7,
            "if-exists, env A=1, endif, env B=2",
            one_config(
                Format::Ini,
                vec![
                    Op::Block(
                        BlockKind::IfExists("/uwsgiconf-missing"),
                        vec![add("env", V::lit("A=1"))],
                    ),
                    add("env", V::lit("B=2")),
                ],
            ),
        ),
        (
            7,
            "two prints",
            one_config(
                Format::Ini,
                vec![add("print", V::lit("one")), add("print", V::lit("two"))],
            ),
        ),
        (
            7,
            "two identical if-exists blocks",
            one_config(
                Format::Args,
                vec![
                    Op::Block(BlockKind::IfExists("/"), vec![add("env", V::lit("A=1"))]),
                    Op::Block(BlockKind::IfExists("/"), vec![add("env", V::lit("A=1"))]),
                ],
            ),
        ),
        (
            8,
            "processes = 4294967298",
            one_config(Format::Ini, vec![add("processes", V::lit("4294967298"))]),
        ),
        (
            8,
            "listen = 4294967306",
            one_config(Format::Ini, vec![add("listen", V::lit("4294967306"))]),
        ),
        (
            8,
            "ksm = 4294967295",
            one_config(Format::Args, vec![Op::Memory { ksm: u32::MAX }]),
        ),
        (
            9,
            "printout(Value::env(X))",
            one_config(
                Format::Ini,
                vec![Op::Hook(
                    Phase::Asap,
                    vec![ActionPlan::Print(env("UWSGICONF_A"))],
                )],
            ),
        ),
        (
            9,
            "\"user@\" + Value::env(X)",
            one_config(
                Format::Ini,
                vec![add("procname", V::lit("user@").then(env("UWSGICONF_A")))],
            ),
        ),
        (
            10,
            "set_hook(asap, printout(x)), then set_option(hook-asap, print:y)",
            one_config(
                Format::Ini,
                vec![
                    Op::Hook(Phase::Asap, vec![ActionPlan::Print(V::lit("x"))]),
                    Op::Raw {
                        replace: true,
                        key: "hook-asap".into(),
                        value: RawValue::V(V::lit("print:y")),
                    },
                ],
            ),
        ),
    ];
    for (_, _, scenario) in &mut cases {
        for config in &mut scenario.configs {
            for section in &mut config.sections {
                section.strict = true;
            }
        }
    }
    cases
}
