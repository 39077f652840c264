//! A model of how uWSGI 2.0.21 reads configuration (`core/ini.c`, `core/config.c`,
//! `core/utils.c`, `core/uwsgi.c`, read at tag 2.0.21 and measured on the Debian binary):
//!
//! - files: the magic pass on the raw text first (`%%` is `%`, `%(` stays, `%<code>` of a
//!   magic variable becomes `[magic code]` (`%[` its fixed value, the escape character), any other `%x` vanishes with its byte, a `%` at
//!   the end of a line eats the line break), then lines split on `\n`, trimmed of blanks,
//!   `[name]` headers (the name is the rest minus its last byte), `;`/`#` comments, `key =
//!   value` split at the first `=`; only the section asked for (`uwsgi` by default);
//! - the command line: `--key value`, `--key=value`, switches without a value (NULL, shown
//!   as `true`; taken inside a config-logic block a NULL value crashes uWSGI 2.0.21,
//!   measured: the logic functions call `uwsgi_substitute` on it);
//! - the environment (`parse_sys_envs`, read before the command line, in the environment's
//!   order): `UWSGI_<NAME>=value` is option `<name>` lower-cased with `_` as `-`, the value as
//!   it is; the eight names uWSGI passes to itself are skipped ([`read_env`]);
//! - every directive goes through `add_exported_option`: config logic is one level deep
//!   (`if-*`/`for*` open a block, `end`/`endif`/`endfor`/`end-if`/`end-for` close it; inside
//!   a block each directive is exported only if the condition holds, once per item for
//!   `for`, with `%(_)` replaced; a block opened inside a taken block is fatal), immediate
//!   options run at once and are never expanded, `set key=value` exports option `key`,
//!   `set-placeholder name=value` exports placeholder `name` (fatal for an option's name),
//!   `ini = :name` reads section `name` of the same file at that point;
//! - strict mode: an exported key that is neither an option nor a placeholder is fatal (the
//!   corpus runs uWSGI with `--strict`, and the issue asks for `set` keys to be checked);
//! - then the `$(..)`, `@(..)` and `%(..)` passes over every directive not yet configured,
//!   in order, each rescanning from index 1 after a replacement; `%(name)` is the first
//!   directive named `name` (first definition wins, across every file loaded together);
//! - the environment and files are hostile: `$(UWSGICONF_A)` is `(env.UWSGICONF_A)%s`, so a
//!   variable right after a literal `@`, `$` or `%` forms a new reference, and printf text
//!   holding a variable shows a conversion; `$(USER)` is `root`; any other name resolves to
//!   `EXPANDED` (the real runs set these up), so literal text that reaches a pass changes;
//! - an `int` option (`uwsgi_opt_set_int`) read as negative (atoi() wraps what does not
//!   fit) is fatal;
//! - the privilege drop (`uwsgi_as_root`, started as root): uid/gid setters (`uid = 0` is a
//!   name), names resolved at drop time, `setgid` only for a non-zero gid, groups from
//!   initgroups or replaced by `add-gid`, immediate ids applied while reading (fatal when
//!   they do not resolve to a non-zero id, or for a gid after an immediate uid).

use std::collections::HashMap;

use uwsgiconf_core::options::{self, ArgKind};

use super::plan::{ENV_NAMES, FILE_NAMES};

/// What a wrongly expanded reference turns into.
pub const EXPANDED: &str = "EXPANDED";

/// The value of an environment variable when uWSGI runs.
pub fn env_value(name: &str) -> String {
    match name {
        "USER" => "root".to_string(),
        n if ENV_NAMES.contains(&n) => format!("(env.{n})%s"),
        _ => EXPANDED.to_string(),
    }
}

/// The content of a file read with `@(..)` (its last line break stripped).
pub fn file_value(path: &str) -> String {
    if FILE_NAMES.contains(&path) {
        format!("(file.{path})%s")
    } else {
        EXPANDED.to_string()
    }
}

/// Placeholders the environment may name: a hostile value chooses an existing name.
pub fn hostile_placeholder(name: &str) -> Option<String> {
    (name.starts_with("env.") || name.starts_with("file.")).then(|| EXPANDED.to_string())
}

/// Keys that close a config-logic block in uWSGI 2.0.21.
pub const CLOSE_KEYS: [&str; 5] = ["end", "endif", "endfor", "end-if", "end-for"];

/// Whether `key` is one of the config-logic options (`if-*`, `for*`, the closing keys).
pub fn is_logic(key: &str) -> bool {
    CLOSE_KEYS.contains(&key) || opens_block(key)
}

fn opens_block(key: &str) -> bool {
    options::lookup(key).is_some_and(|spec| spec.setter() == "uwsgi_opt_logic")
}

/// Options a config may repeat with each occurrence counting: uWSGI's lists, plus `print`,
/// `iprint`, `ini` and `include` (run once per occurrence), plus anything not an option
/// (placeholders).
pub fn is_list_like(key: &str) -> bool {
    match options::lookup(key) {
        Some(spec) => spec.is_list() || matches!(key, "print" | "iprint" | "ini" | "include"),
        None => true,
    }
}

/// Which way the conditions of `if-*` blocks go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum World {
    /// Every block taken.
    AllTrue,
    /// No `if-*` block taken.
    AllFalse,
    /// As on the test machine: `/` exists, `PATH` is set, nothing else is.
    Real,
}

impl World {
    /// Every world the oracle checks.
    pub const ALL: [World; 3] = [World::Real, World::AllTrue, World::AllFalse];

    fn taken(self, key: &str, arg: &str) -> bool {
        match self {
            World::AllTrue => true,
            World::AllFalse => false,
            World::Real => match key {
                "if-exists" | "ifexists" => arg == "/",
                "if-not-exists" => arg != "/",
                "if-env" | "ifenv" => arg == "PATH",
                "if-not-env" => arg != "PATH",
                _ => false,
            },
        }
    }
}

/// One directive uWSGI exported, in order.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    pub key: String,
    pub value: T,
    /// Applied at parse time (immediate) or a placeholder: no expansion pass touches it.
    pub configured: bool,
    /// Defined by `set-placeholder`/`set-ph`.
    pub placeholder: bool,
    /// Defined by `set key=value`.
    pub via_set: bool,
}

/// A value the walker carries: raw text on the rendered side, intended values on the
/// expected side.
pub trait Walkable: Clone {
    /// `name=rest` at the first `=`.
    fn split_assignment(&self) -> Option<(String, Self)>;
    /// Replaces `%(_)` (in a block body).
    fn substitute(&self, data: &str) -> Self;
    /// The text, for a block's argument or an include.
    fn text(&self) -> String;
    /// No value at all: a switch on the command line (uWSGI stores NULL).
    fn is_null(&self) -> bool {
        false
    }
}

/// How the reader passes a command-line switch's missing value (a NUL cannot come from a
/// command line); shown as `true`, like uWSGI's `--show-config`.
const NULL: &[u8] = b"\0null";

impl Walkable for Vec<u8> {
    fn split_assignment(&self) -> Option<(String, Self)> {
        let at = self.iter().position(|b| *b == b'=')?;
        Some((
            String::from_utf8_lossy(&self[..at]).into_owned(),
            self[at + 1..].to_vec(),
        ))
    }

    fn substitute(&self, data: &str) -> Self {
        let pattern = b"%(_)";
        let mut out = Vec::with_capacity(self.len());
        let mut i = 0;
        while i < self.len() {
            if self[i..].starts_with(pattern) {
                out.extend_from_slice(data.as_bytes());
                i += pattern.len();
            } else {
                out.push(self[i]);
                i += 1;
            }
        }
        out
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(self).into_owned()
    }

    fn is_null(&self) -> bool {
        self == NULL
    }
}

enum Logic {
    Cond { key: String, arg: String },
    For { items: Vec<String> },
}

/// `add_exported_option` and the immediate options that shape the exported list.
pub struct Walker<T> {
    world: World,
    logic: Option<Logic>,
    pub entries: Vec<Entry<T>>,
    pub fatal: Option<String>,
}

impl<T: Walkable> Walker<T> {
    pub fn new(world: World) -> Walker<T> {
        Walker {
            world,
            logic: None,
            entries: Vec::new(),
            fatal: None,
        }
    }

    /// A directive read from a source; returns the includes (`ini` values) it ran.
    pub fn feed(&mut self, key: &str, value: T) -> Vec<String> {
        let mut includes = Vec::new();
        self.add(key.to_string(), value, false, false, &mut includes);
        includes
    }

    fn fail(&mut self, why: String) {
        self.fatal.get_or_insert(why);
    }

    fn add(
        &mut self,
        key: String,
        value: T,
        placeholder_only: bool,
        running: bool,
        includes: &mut Vec<String>,
    ) {
        self.add_from(key, value, placeholder_only, false, running, includes);
    }

    fn add_from(
        &mut self,
        key: String,
        value: T,
        placeholder_only: bool,
        via_set: bool,
        running: bool,
        includes: &mut Vec<String>,
    ) {
        if self.fatal.is_some() {
            return;
        }
        if !running {
            if CLOSE_KEYS.contains(&key.as_str()) {
                self.logic = None;
            }
            // Each logic function calls uwsgi_substitute(value, "%(_)", ...) on a directive it
            // takes, which crashes on a switch's NULL value.
            let crash = |key: &str| {
                format!(
                    "segmentation fault: the switch `--{key}` taken inside a config-logic block"
                )
            };
            match &self.logic {
                Some(Logic::Cond { key: cond, arg }) => {
                    if self.world.taken(cond, arg) {
                        if value.is_null() {
                            self.fail(crash(&key));
                            return;
                        }
                        let data = arg.clone();
                        self.add(key, value.substitute(&data), false, true, includes);
                    }
                    return;
                }
                Some(Logic::For { items }) => {
                    for item in items.clone() {
                        if value.is_null() {
                            self.fail(crash(&key));
                            return;
                        }
                        self.add(key.clone(), value.substitute(&item), false, true, includes);
                    }
                    return;
                }
                None => {}
            }
        }
        let index = self.entries.len();
        self.entries.push(Entry {
            key: key.clone(),
            value: value.clone(),
            configured: false,
            placeholder: false,
            via_set,
        });
        if placeholder_only {
            if options::lookup(&key).is_some() {
                self.fail(format!(
                    "you cannot use {key} as a placeholder, it is already available as an option"
                ));
            }
            self.entries[index].configured = true;
            self.entries[index].placeholder = true;
            return;
        }
        let Some(spec) = options::lookup(&key) else {
            self.fail(format!("[strict-mode] unknown config directive: {key}"));
            return;
        };
        if !spec.immediate {
            return;
        }
        self.entries[index].configured = true;
        if spec.setter() == "uwsgi_opt_logic" {
            if self.logic.is_some() {
                self.fail(format!(
                    "recursive logic in options is not supported (option = {key})"
                ));
                return;
            }
            let arg = value.text();
            self.logic = Some(if key.starts_with("for") {
                Logic::For {
                    items: arg
                        .split(' ')
                        .filter(|i| !i.is_empty())
                        .map(String::from)
                        .collect(),
                }
            } else {
                Logic::Cond {
                    key: key.clone(),
                    arg,
                }
            });
            return;
        }
        match key.as_str() {
            "set" | "set-placeholder" | "set-ph" => match value.split_assignment() {
                Some((name, rest)) => {
                    self.add_from(name, rest, key != "set", key == "set", running, includes)
                }
                None => self.fail("invalid placeholder/--set value".into()),
            },
            "ini" => includes.push(value.text()),
            "include" | "json" | "yaml" | "xml" | "config" => {
                self.fail(format!("the model does not read `{key}` includes"))
            }
            _ => {}
        }
    }
}

/// A config loaded by uWSGI, in command-line order.
#[derive(Debug, Clone)]
pub enum Load {
    /// `--ini <file>` or `--ini <file>:<section>`.
    Ini {
        file: String,
        text: String,
        section: String,
    },
    /// Arguments on the command line.
    Args(Vec<String>),
}

/// What magic variable `code` holds in the model: `%[` its fixed value (the escape character,
/// which renderers may write as such), any other `[magic code]` (no markup: an XML file
/// cannot hold a variable whose value has some, see `xml_model.rs`).
pub fn magic_value(code: char) -> String {
    match code {
        '[' => "\u{1b}".to_string(),
        _ => format!("[magic {code}]"),
    }
}

/// The magic pass of a file (bytes: uWSGI replaces `%` and the byte after it).
pub fn magic_pass(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let byte = text[i];
        if byte != b'%' || i + 1 == text.len() {
            out.push(byte);
            i += 1;
            continue;
        }
        let code = text[i + 1];
        match code {
            b'%' => out.push(b'%'),
            b'(' => out.extend_from_slice(b"%("),
            _ if code.is_ascii() && uwsgiconf_core::MagicVar::from_code(code as char).is_some() => {
                out.extend_from_slice(magic_value(code as char).as_bytes())
            }
            // Any other byte, a line break included, vanishes with the `%`.
            _ => {}
        }
        i += 2;
    }
    out
}

fn trim(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t' | b'\r', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\r'] = bytes {
        bytes = rest;
    }
    bytes
}

struct Reader<'a> {
    files: HashMap<&'a str, &'a str>,
    walker: Walker<Vec<u8>>,
    depth: usize,
}

impl Reader<'_> {
    fn include(&mut self, current: &str, value: &str) {
        // `file:section` at the last `:`; an empty file is the current one.
        let (file, section) = match value.rsplit_once(':') {
            Some((file, section)) => (file, section),
            None => (value, "uwsgi"),
        };
        let file = if file.is_empty() { current } else { file };
        let Some(text) = self.files.get(file).copied() else {
            self.walker.fail(format!("realpath() of {file} failed"));
            return;
        };
        if self.depth > 8 {
            self.walker.fail("include loop".into());
            return;
        }
        self.depth += 1;
        let text = magic_pass(text.as_bytes());
        let mut current_section: &[u8] = b"";
        for line in text.split(|b| *b == b'\n') {
            let line = trim(line);
            if line.is_empty() {
                continue;
            }
            if line[0] == b'[' {
                current_section = &line[1..line.len().max(2) - 1];
                continue;
            }
            if line[0] == b';' || line[0] == b'#' || current_section != section.as_bytes() {
                continue;
            }
            let (key, value) = match line.iter().position(|b| *b == b'=') {
                Some(at) => (trim(&line[..at]), trim(&line[at + 1..])),
                None => (line, &b""[..]),
            };
            let key = String::from_utf8_lossy(key).into_owned();
            for next in self.walker.feed(&key, value.to_vec()) {
                self.include(file, &next);
            }
        }
        self.depth -= 1;
    }

    fn args(&mut self, args: &[String]) {
        let mut words = args.iter();
        while let Some(word) = words.next() {
            let Some(flag) = word.strip_prefix("--") else {
                self.walker
                    .fail(format!("unable to load configuration from {word}"));
                return;
            };
            let (key, inline) = match flag.split_once('=') {
                Some((key, value)) => (key, Some(value)),
                None => (flag, None),
            };
            let Some(spec) = options::lookup(key) else {
                self.walker.fail(format!("unrecognized option '--{key}'"));
                return;
            };
            // A switch has no value: uWSGI shows it as `true`.
            let value = match (spec.arg, inline) {
                (ArgKind::None, Some(_)) => {
                    self.walker
                        .fail(format!("option '--{key}' doesn't allow an argument"));
                    return;
                }
                (ArgKind::None, None) | (ArgKind::Optional, None) => NULL.to_vec(),
                (_, Some(value)) => value.as_bytes().to_vec(),
                (ArgKind::Required, None) => match words.next() {
                    Some(value) => value.as_bytes().to_vec(),
                    None => {
                        self.walker
                            .fail(format!("option '--{key}' requires an argument"));
                        return;
                    }
                },
            };
            for next in self.walker.feed(key, value) {
                self.include("", &next);
            }
        }
    }
}

/// The exported directives, raw (before the expansion passes), or why uWSGI exits.
pub fn export(loads: &[Load], world: World) -> Result<Vec<Entry<Vec<u8>>>, String> {
    let files = loads
        .iter()
        .filter_map(|l| match l {
            Load::Ini { file, text, .. } => Some((file.as_str(), text.as_str())),
            Load::Args(_) => None,
        })
        .collect();
    let mut reader = Reader {
        files,
        walker: Walker::new(world),
        depth: 0,
    };
    for load in loads {
        match load {
            Load::Args(args) => reader.args(args),
            Load::Ini { file, section, .. } => {
                let value = if section == "uwsgi" {
                    file.clone()
                } else {
                    format!("{file}:{section}")
                };
                for next in reader.walker.feed("ini", value.into_bytes()) {
                    reader.include(file, &next);
                }
            }
        }
    }
    match reader.walker.fatal {
        Some(why) => Err(why),
        None => Ok(reader.walker.entries),
    }
}

/// What a pass replaces a reference with (`None`: it stays), given the directives.
type Lookup = dyn Fn(&[Entry<Vec<u8>>], &str) -> Option<String>;

/// One expansion pass over every directive not configured, index for index as uWSGI's
/// `uwsgi_apply_config_pass` scans (a replacement restarts the scan at index 1).
fn pass(entries: &mut [Entry<Vec<u8>>], symbol: u8, hook: &Lookup) {
    for index in 0..entries.len() {
        if entries[index].configured || entries[index].value.is_null() {
            continue;
        }
        let mut value = entries[index].value.clone();
        let mut has_symbol = 0usize;
        let mut depth = 0usize;
        let mut key_start = 0usize;
        let mut j = 0usize;
        let mut replacements = 0;
        while j < value.len() {
            let c = value[j];
            if c == symbol {
                has_symbol = 1;
            } else if c == b'(' && has_symbol == 1 {
                has_symbol = 2;
                depth = 0;
                key_start = j + 1;
            } else if has_symbol > 1 {
                if c == b'(' {
                    has_symbol += 1;
                    depth += 1;
                } else if c == b')' {
                    if depth > 0 {
                        has_symbol += 1;
                        depth -= 1;
                        j += 1;
                        continue;
                    }
                    if has_symbol <= 2 {
                        has_symbol = 0;
                        j += 1;
                        continue;
                    }
                    let name =
                        String::from_utf8_lossy(&value[key_start..key_start + has_symbol - 2])
                            .into_owned();
                    match hook(entries, &name) {
                        None => has_symbol = 0,
                        Some(replacement) => {
                            replacements += 1;
                            if replacements > 64 {
                                // A reference that keeps producing references: uWSGI would
                                // loop; the value is lost either way.
                                value = b"<runaway expansion>".to_vec();
                                break;
                            }
                            let mut next = value[..key_start - 2].to_vec();
                            next.extend_from_slice(replacement.as_bytes());
                            next.extend_from_slice(&value[key_start + has_symbol - 1..]);
                            value = next;
                            has_symbol = 0;
                            j = 1;
                            continue;
                        }
                    }
                } else {
                    has_symbol += 1;
                }
            } else {
                has_symbol = 0;
            }
            j += 1;
        }
        entries[index].value = value;
    }
}

/// The `UWSGI_` names `parse_sys_envs` skips (uWSGI passes them to itself).
pub const ENV_SKIPPED: [&str; 8] = [
    "UWSGI_RELOADS",
    "UWSGI_VASSALS_DIR",
    "UWSGI_EMPEROR_FD",
    "UWSGI_BROODLORD_NUM",
    "UWSGI_EMPEROR_FD_CONFIG",
    "UWSGI_EMPEROR_PROXY",
    "UWSGI_JAIL_PID",
    "UWSGI_ORIGINAL_PROC_NAME",
];

/// The option `parse_sys_envs` reads from environment variable `name`, if any.
pub fn env_option(name: &str) -> Option<String> {
    let rest = name.strip_prefix("UWSGI_")?;
    if ENV_SKIPPED.contains(&name) {
        return None;
    }
    Some(
        rest.bytes()
            .map(|b| match b.to_ascii_lowercase() {
                b'_' => '-',
                b => char::from(b),
            })
            .collect(),
    )
}

/// What uWSGI reads from its environment `vars`, in that order (and nothing else): every
/// exported directive after the expansion passes, or why it exits.
pub fn read_env(vars: &[(String, String)], world: World) -> Result<Vec<Entry<String>>, String> {
    let mut walker = Walker::new(world);
    for (name, value) in vars {
        let Some(key) = env_option(name) else {
            continue;
        };
        if !walker.feed(&key, value.as_bytes().to_vec()).is_empty() {
            walker.fail("the model does not read includes from the environment".into());
        }
    }
    match walker.fatal {
        Some(why) => Err(why),
        None => expand(walker.entries),
    }
}

/// What uWSGI reads from the directives a JSON, YAML or XML reader exported, in order, with
/// their includes (`json`, `yaml`, `xml`) already followed in place by that reader: every
/// directive after the expansion passes, or why it exits.
pub fn read_pairs(pairs: &[(String, String)], world: World) -> Result<Vec<Entry<String>>, String> {
    let mut walker = Walker::new(world);
    for (key, value) in pairs {
        if matches!(key.as_str(), "json" | "yaml" | "xml") {
            continue;
        }
        if !walker.feed(key, value.as_bytes().to_vec()).is_empty() {
            walker.fail("the model does not read `ini` includes from another format".into());
        }
    }
    match walker.fatal {
        Some(why) => Err(why),
        None => expand(walker.entries),
    }
}

/// What uWSGI reads from `loads`: every exported directive after the expansion passes, or
/// why it exits.
pub fn read(loads: &[Load], world: World) -> Result<Vec<Entry<String>>, String> {
    expand(export(loads, world)?)
}

/// The expansion passes over the exported `entries`, then the checks uWSGI makes on the
/// values.
fn expand(mut entries: Vec<Entry<Vec<u8>>>) -> Result<Vec<Entry<String>>, String> {
    pass(&mut entries, b'$', &|_, name| Some(env_value(name)));
    pass(&mut entries, b'@', &|_, name| Some(file_value(name)));
    pass(&mut entries, b'%', &|entries, name| {
        if name.contains(' ') {
            // An expression; the renderer never writes one.
            return Some(String::new());
        }
        hostile_placeholder(name).or_else(|| {
            entries
                .iter()
                .find(|e| e.key == name)
                .map(|e| String::from_utf8_lossy(&e.value).into_owned())
        })
    });
    // `uwsgi_opt_set_int` exits on a negative value (atoi() wraps what does not fit).
    for entry in entries.iter().filter(|e| !e.placeholder) {
        let negative = options::lookup(&entry.key).is_some_and(|spec| {
            spec.setter() == "uwsgi_opt_set_int" && atoi(&String::from_utf8_lossy(&entry.value)) < 0
        });
        if negative {
            return Err(format!(
                "invalid value for option \"{}\": must be > 0",
                entry.key
            ));
        }
    }
    let entries: Vec<Entry<String>> = entries
        .into_iter()
        .map(|e| Entry {
            key: e.key,
            value: if e.value.is_null() {
                "true".to_string()
            } else {
                String::from_utf8_lossy(&e.value).into_owned()
            },
            configured: e.configured,
            placeholder: e.placeholder,
            via_set: e.via_set,
        })
        .collect();
    immediate_ids(&entries)?;
    Ok(entries)
}

/// printf with no arguments: the text printed, or the first conversion.
pub fn printf(format: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some(other) => return Err(format!("%{other}")),
            None => return Err("%".into()),
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// The privilege drop

/// Who uWSGI runs as after dropping privileges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub uid: u32,
    pub gid: u32,
    /// Supplementary groups (`id -G` shows the gid too).
    pub groups: Vec<u32>,
}

fn user(name: &str) -> Option<u32> {
    match name {
        "root" => Some(0),
        "daemon" => Some(1),
        "www-data" => Some(33),
        "nobody" => Some(65534),
        _ => None,
    }
}

fn group(name: &str) -> Option<u32> {
    match name {
        "root" => Some(0),
        "daemon" => Some(1),
        "www-data" => Some(33),
        "users" => Some(100),
        "nogroup" => Some(65534),
        _ => None,
    }
}

fn is_a_number(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// C's atoi() on glibc: strtol() cast to int.
pub fn atoi(text: &str) -> i32 {
    let text = text.trim_start_matches([' ', '\t', '\n']);
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let mut value: i128 = 0;
    for b in digits.bytes().take_while(u8::is_ascii_digit) {
        value = (value * 10 + i128::from(b - b'0')).min(i128::from(i64::MAX) + 1);
    }
    let value = if negative { -value } else { value };
    let clamped = value.clamp(i128::from(i64::MIN), i128::from(i64::MAX));
    clamped as i64 as i32
}

/// The identity after the immediate ids (applied while reading, so fatal before anything
/// else), for a process started as root.
fn immediate_ids(entries: &[Entry<String>]) -> Result<Identity, String> {
    let mut id = Identity {
        uid: 0,
        gid: 0,
        groups: vec![0],
    };
    let mut running_uid = 0u32;
    // Immediate ids apply while reading, in order.
    for entry in entries.iter().filter(|e| !e.placeholder) {
        let value = entry.value.as_str();
        match entry.key.as_str() {
            "immediate-gid" => {
                let mut gid = if is_a_number(value) {
                    atoi(value) as u32
                } else {
                    0
                };
                if gid == 0 {
                    gid = group(value).unwrap_or(0);
                }
                if gid == 0 {
                    return Err(format!("invalid immediate-gid value {value:?}"));
                }
                if running_uid != 0 {
                    return Err(
                        "setgid(): Operation not permitted (immediate-gid after immediate-uid)"
                            .into(),
                    );
                }
                id.gid = gid;
                id.groups.clear();
            }
            "immediate-uid" => {
                let mut uid = if is_a_number(value) {
                    atoi(value) as u32
                } else {
                    0
                };
                if uid == 0 {
                    uid = user(value).unwrap_or(0);
                }
                if uid == 0 {
                    return Err(format!("invalid immediate-uid value {value:?}"));
                }
                running_uid = uid;
                id.uid = uid;
            }
            _ => {}
        }
    }
    Ok(id)
}

/// The identity after `uwsgi_as_root`, for a process started as root, or why uWSGI exits.
pub fn identity(entries: &[Entry<String>]) -> Result<Identity, String> {
    let mut id = immediate_ids(entries)?;
    if id.uid != 0 {
        // uwsgi_as_root() does nothing for a non-root process.
        return Ok(id);
    }
    let (mut uid, mut gid) = (0u32, 0u32);
    let (mut uidname, mut gidname): (Option<&str>, Option<&str>) = (None, None);
    let mut add_gids = Vec::new();
    for entry in entries.iter().filter(|e| !e.configured) {
        let value = entry.value.as_str();
        match entry.key.as_str() {
            "uid" => {
                if is_a_number(value) {
                    uid = atoi(value) as u32;
                }
                if uid == 0 {
                    uidname = Some(value);
                }
            }
            "gid" => {
                if is_a_number(value) {
                    gid = atoi(value) as u32;
                }
                if gid == 0 {
                    gidname = Some(value);
                }
            }
            "add-gid" => add_gids.push(value),
            _ => {}
        }
    }
    if let Some(name) = gidname {
        gid = group(name).ok_or_else(|| format!("group {name} not found."))?;
    }
    if let Some(name) = uidname {
        uid = user(name).ok_or_else(|| format!("user {name} not found."))?;
    }
    if gid != 0 {
        id.gid = gid;
        // initgroups(): nobody, www-data and root belong to no other group here.
        id.groups = if uid == 0 { Vec::new() } else { vec![gid] };
        if !add_gids.is_empty() {
            id.groups = add_gids
                .iter()
                .map(|name| match atoi(name) {
                    0 => group(name).ok_or_else(|| format!("unable to find group {name}")),
                    n => Ok(n as u32),
                })
                .collect::<Result<_, _>>()?;
        }
    }
    if uid != 0 {
        id.uid = uid;
    }
    Ok(id)
}
