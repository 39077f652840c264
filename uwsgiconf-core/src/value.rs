//! Values: literal text, always written so that uWSGI reads it exactly as given, plus uWSGI's
//! own variables (magic `%x`, `%(placeholder)`, `$(ENV)`, `@(file)`) as typed parts used on
//! purpose.

use std::borrow::Cow;
use std::fmt;
use std::ops::Add;
use std::path::{Path, PathBuf};

use crate::few::Few;

/// A magic variable: `%x`, replaced by uWSGI while it reads a config *file* (never on the
/// command line).
///
/// ```
/// use uwsgiconf_core::{MagicVar, Value};
///
/// let log = Value::from(MagicVar::ConfigDir) + "app.log";
/// assert_eq!(log.to_string(), "%dapp.log");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MagicVar {
    /// `%o`: the config file's path as given.
    ConfigPathAsGiven,
    /// `%p`: the config file's absolute path.
    ConfigPath,
    /// `%s`: the config file's name.
    ConfigFileName,
    /// `%d`: the config file's absolute directory, with a trailing slash.
    ConfigDir,
    /// `%e`: the config file's extension.
    ConfigExtension,
    /// `%n`: the config file's name without extension.
    ConfigName,
    /// `%c`: the last component of the config file's directory.
    ConfigDirName,
    /// `%0` to `%9`: a component of the config file's directory.
    ConfigDirComponent(u8),
    /// `%x`: the section being read.
    Section,
    /// `%j`: a hash of the config file's absolute path.
    ConfigPathHash,
    /// `%i`: the config file's inode.
    ConfigInode,
    /// `%v`: the working directory at start.
    StartDir,
    /// `%h`: the host name.
    HostName,
    /// `%k`: the number of CPU cores.
    CpuCores,
    /// `%V`: uWSGI's version.
    Version,
    /// `%u`: the user id.
    UserId,
    /// `%U`: the user name.
    UserName,
    /// `%g`: the group id.
    GroupId,
    /// `%G`: the group name.
    GroupName,
    /// `%b`: the uWSGI binary's path.
    BinaryPath,
    /// `%t`: start time, unix seconds.
    StartTime,
    /// `%T`: start time, unix microseconds.
    StartTimeMicros,
    /// `%O`, `%D`, `%S`, `%P`, `%C`, `%E`, `%N`, `%X`, `%I`, `%J`: the same values for the
    /// top-level config file; holds the lower-case variable it mirrors.
    TopLevel(TopLevelVar),
    /// `%[`: the ESC character.
    Escape,
}

/// The file-related variables that also exist for the top-level config file (`%D`...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TopLevelVar {
    /// `%O`.
    ConfigPathAsGiven,
    /// `%D`.
    ConfigDir,
    /// `%S`.
    ConfigFileName,
    /// `%P`.
    ConfigPath,
    /// `%C`.
    ConfigDirName,
    /// `%E`.
    ConfigExtension,
    /// `%N`.
    ConfigName,
    /// `%X`.
    Section,
    /// `%I`.
    ConfigInode,
    /// `%J`.
    ConfigPathHash,
}

impl MagicVar {
    /// The character after `%`.
    pub const fn code(self) -> char {
        match self {
            MagicVar::ConfigPathAsGiven => 'o',
            MagicVar::ConfigPath => 'p',
            MagicVar::ConfigFileName => 's',
            MagicVar::ConfigDir => 'd',
            MagicVar::ConfigExtension => 'e',
            MagicVar::ConfigName => 'n',
            MagicVar::ConfigDirName => 'c',
            MagicVar::ConfigDirComponent(n) => match n {
                0 => '0',
                1 => '1',
                2 => '2',
                3 => '3',
                4 => '4',
                5 => '5',
                6 => '6',
                7 => '7',
                8 => '8',
                _ => '9',
            },
            MagicVar::Section => 'x',
            MagicVar::ConfigPathHash => 'j',
            MagicVar::ConfigInode => 'i',
            MagicVar::StartDir => 'v',
            MagicVar::HostName => 'h',
            MagicVar::CpuCores => 'k',
            MagicVar::Version => 'V',
            MagicVar::UserId => 'u',
            MagicVar::UserName => 'U',
            MagicVar::GroupId => 'g',
            MagicVar::GroupName => 'G',
            MagicVar::BinaryPath => 'b',
            MagicVar::StartTime => 't',
            MagicVar::StartTimeMicros => 'T',
            MagicVar::Escape => '[',
            MagicVar::TopLevel(var) => match var {
                TopLevelVar::ConfigPathAsGiven => 'O',
                TopLevelVar::ConfigDir => 'D',
                TopLevelVar::ConfigFileName => 'S',
                TopLevelVar::ConfigPath => 'P',
                TopLevelVar::ConfigDirName => 'C',
                TopLevelVar::ConfigExtension => 'E',
                TopLevelVar::ConfigName => 'N',
                TopLevelVar::Section => 'X',
                TopLevelVar::ConfigInode => 'I',
                TopLevelVar::ConfigPathHash => 'J',
            },
        }
    }

    /// Whether uWSGI's value for it has a fixed form that holds none of `$`, `@`, `%`, `(`:
    /// a number (ids, times, CPU cores, inode), a hexadecimal hash, the version, ESC.
    pub fn has_fixed_form(self) -> bool {
        matches!(
            self,
            MagicVar::CpuCores
                | MagicVar::Version
                | MagicVar::UserId
                | MagicVar::GroupId
                | MagicVar::StartTime
                | MagicVar::StartTimeMicros
                | MagicVar::ConfigInode
                | MagicVar::ConfigPathHash
                | MagicVar::Escape
                | MagicVar::TopLevel(TopLevelVar::ConfigInode | TopLevelVar::ConfigPathHash)
        )
    }

    /// Whether its value may begin with `(`: not for [fixed forms](MagicVar::has_fixed_form),
    /// nor for the absolute paths (`%d`, `%p`, `%v` and the top-level `%D`, `%P`).
    pub fn may_start_with_paren(self) -> bool {
        !self.has_fixed_form()
            && !matches!(
                self,
                MagicVar::ConfigDir
                    | MagicVar::ConfigPath
                    | MagicVar::StartDir
                    | MagicVar::TopLevel(TopLevelVar::ConfigDir | TopLevelVar::ConfigPath)
            )
    }

    /// Whether its value may end with `$`, `@` or `%`: not for [fixed
    /// forms](MagicVar::has_fixed_form), nor for the directories `%d` and `%D` (they end with
    /// `/`).
    pub fn may_end_with_sigil(self) -> bool {
        !self.has_fixed_form()
            && !matches!(
                self,
                MagicVar::ConfigDir | MagicVar::TopLevel(TopLevelVar::ConfigDir)
            )
    }

    /// The variable written as `%<code>`, if `code` names one.
    ///
    /// ```
    /// use uwsgiconf_core::MagicVar;
    /// assert_eq!(MagicVar::from_code('d'), Some(MagicVar::ConfigDir));
    /// assert_eq!(MagicVar::from_code('z'), None);
    /// ```
    pub fn from_code(code: char) -> Option<MagicVar> {
        MAGIC_VARS.iter().copied().find(|var| var.code() == code)
    }
}

/// Every magic variable.
pub const MAGIC_VARS: [MagicVar; 42] = [
    MagicVar::ConfigPathAsGiven,
    MagicVar::ConfigPath,
    MagicVar::ConfigFileName,
    MagicVar::ConfigDir,
    MagicVar::ConfigExtension,
    MagicVar::ConfigName,
    MagicVar::ConfigDirName,
    MagicVar::ConfigDirComponent(0),
    MagicVar::ConfigDirComponent(1),
    MagicVar::ConfigDirComponent(2),
    MagicVar::ConfigDirComponent(3),
    MagicVar::ConfigDirComponent(4),
    MagicVar::ConfigDirComponent(5),
    MagicVar::ConfigDirComponent(6),
    MagicVar::ConfigDirComponent(7),
    MagicVar::ConfigDirComponent(8),
    MagicVar::ConfigDirComponent(9),
    MagicVar::Section,
    MagicVar::ConfigPathHash,
    MagicVar::ConfigInode,
    MagicVar::StartDir,
    MagicVar::HostName,
    MagicVar::CpuCores,
    MagicVar::Version,
    MagicVar::UserId,
    MagicVar::UserName,
    MagicVar::GroupId,
    MagicVar::GroupName,
    MagicVar::BinaryPath,
    MagicVar::StartTime,
    MagicVar::StartTimeMicros,
    MagicVar::Escape,
    MagicVar::TopLevel(TopLevelVar::ConfigPathAsGiven),
    MagicVar::TopLevel(TopLevelVar::ConfigDir),
    MagicVar::TopLevel(TopLevelVar::ConfigFileName),
    MagicVar::TopLevel(TopLevelVar::ConfigPath),
    MagicVar::TopLevel(TopLevelVar::ConfigDirName),
    MagicVar::TopLevel(TopLevelVar::ConfigExtension),
    MagicVar::TopLevel(TopLevelVar::ConfigName),
    MagicVar::TopLevel(TopLevelVar::Section),
    MagicVar::TopLevel(TopLevelVar::ConfigInode),
    MagicVar::TopLevel(TopLevelVar::ConfigPathHash),
];

/// One piece of a [`Value`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Part {
    /// Text that must reach uWSGI exactly as written.
    Literal(String),
    /// `%x`, expanded by uWSGI while reading a file.
    Magic(MagicVar),
    /// `%(name)`: another option's value, or a placeholder set with `set-placeholder`.
    Placeholder(String),
    /// `$(NAME)`: an environment variable of the uWSGI process.
    Env(String),
    /// `@(path)`: the content of a file (or `exec://`, `http://`... source).
    File(String),
}

/// A directive's value: literal text and uWSGI variables, in order.
///
/// Literal text is always literal: renderers escape `%`, protect `$(`/`@(` and refuse what
/// the format cannot carry. Variables are made on purpose with [`Value::env`],
/// [`Value::placeholder`], [`Value::file`] or a [`MagicVar`], and joined with `+`.
///
/// # Where variables are refused
///
/// uWSGI replaces `$(..)` everywhere, then `@(..)`, then `%(..)`, and reads what a variable
/// brings again in the passes that follow. The renderers refuse a variable where that would
/// change the text around it:
/// - **next to a sigil**: literal text ending with `$`, `@` or `%` right before a variable,
///   a variable right before literal text starting with `(`, or two variables side by side:
///   the two could form a new `$(`, `@(` or `%(` (`"user@" + Value::env("X")` with X set to
///   `(exec://cmd)` runs `cmd`). Put another character between them. A literal `$` before a
///   file or a placeholder, or `@` before a placeholder, is fine: that pass is over when
///   the variable is replaced. Magic variables count when their value may begin with `(`
///   (or end with a sigil): not the numbers, the version or the absolute paths
///   ([`MagicVar::may_start_with_paren`]);
/// - **in printf text** ([`Action::printout`](crate::Action::printout)): uWSGI uses it as a
///   format, and a `%` in a variable's value reads arguments that do not exist (it crashed
///   uWSGI);
/// - in options uWSGI applies while reading the config, which no pass reaches (`ini`,
///   `immediate-uid`...), and `%(..)` names reserved for the crate (`uwsgiconf-literal-...`).
///
/// Out of scope: a variable's own value at run time. uWSGI expands what an environment
/// variable or a file holds (a value holding `@(exec://cmd)` runs `cmd`), and the crate
/// cannot see it: use variables whose content you control.
///
/// ```
/// use uwsgiconf_core::Value;
///
/// let path = Value::env("HOME") + "/app/" + Value::placeholder("name");
/// assert_eq!(path.to_string(), "$(HOME)/app/%(name)");
/// assert_eq!(Value::from("100%").to_string(), "100%"); // shown as given; escaped on render
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Value {
    parts: Few<Part>,
    /// Set when built from a path that is not valid UTF-8: such text cannot be written out.
    lossy: bool,
}

impl Value {
    /// Literal text.
    pub fn literal(text: impl Into<String>) -> Value {
        let text = text.into();
        Value {
            parts: if text.is_empty() {
                Few::None
            } else {
                Few::One(Part::Literal(text))
            },
            lossy: false,
        }
    }

    /// `$(NAME)`: the value of an environment variable when uWSGI starts.
    pub fn env(name: impl Into<String>) -> Value {
        Value::from_part(Part::Env(name.into()))
    }

    /// `%(name)`: the value of another option or placeholder.
    pub fn placeholder(name: impl Into<String>) -> Value {
        Value::from_part(Part::Placeholder(name.into()))
    }

    /// `@(path)`: the content of a file, read when uWSGI starts (a missing file is fatal).
    pub fn file(path: impl Into<String>) -> Value {
        Value::from_part(Part::File(path.into()))
    }

    /// A magic variable, `%x`.
    pub fn magic(var: MagicVar) -> Value {
        Value::from_part(Part::Magic(var))
    }

    pub(crate) fn from_part(part: Part) -> Value {
        Value {
            parts: Few::One(part),
            lossy: false,
        }
    }

    /// Appends another value (literal text merges with literal text).
    pub fn push(&mut self, other: impl Into<Value>) {
        let other = other.into();
        self.lossy |= other.lossy;
        other.parts.for_each(|part| self.push_part(part));
    }

    /// Appends one part (literal text merges with literal text).
    fn push_part(&mut self, part: Part) {
        match (self.parts.last_mut(), part) {
            (Some(Part::Literal(tail)), Part::Literal(more)) => tail.push_str(&more),
            (_, part) => self.parts.push(part),
        }
    }

    /// Appends literal text, into the literal text at the end if there is some: unlike
    /// [`Value::push`] of a `&str`, no value is made for it.
    pub(crate) fn push_str(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.parts.last_mut() {
            Some(Part::Literal(tail)) => tail.push_str(text),
            _ => self.parts.push(Part::Literal(text.to_owned())),
        }
    }

    /// Appends `other`'s parts, copied straight from it (literal text merges as with
    /// [`Value::push`]), with no intermediate value.
    pub(crate) fn push_ref(&mut self, other: &Value) {
        self.push_mapped(other, |text, out| out.push_str(text));
    }

    /// Appends `other` with each literal part written by `write` (an escaping layer such as
    /// printf's) into the literal text at the end, with no intermediate value or string.
    pub(crate) fn push_mapped(&mut self, other: &Value, write: impl Fn(&str, &mut String)) {
        self.lossy |= other.lossy;
        for part in other.parts.as_slice() {
            match (self.parts.last_mut(), part) {
                (Some(Part::Literal(tail)), Part::Literal(text)) => write(text, tail),
                (_, Part::Literal(text)) => {
                    let mut mapped = String::with_capacity(text.len());
                    write(text, &mut mapped);
                    self.parts.push(Part::Literal(mapped));
                }
                (_, variable) => self.parts.push(variable.clone()),
            }
        }
    }

    /// This value followed by `other`.
    pub fn then(mut self, other: impl Into<Value>) -> Value {
        self.push(other);
        self
    }

    /// The text, when the value is only literal text (and not a lossy path); the value
    /// itself otherwise.
    pub(crate) fn into_literal(self) -> Result<String, Value> {
        match self.parts {
            Few::None if !self.lossy => Ok(String::new()),
            Few::One(Part::Literal(text)) if !self.lossy => Ok(text),
            parts => Err(Value {
                parts,
                lossy: self.lossy,
            }),
        }
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[Part] {
        self.parts.as_slice()
    }

    /// Whether the value is the empty string.
    pub fn is_empty(&self) -> bool {
        self.parts.as_slice().is_empty()
    }

    /// The text, when the value is only literal text.
    pub fn as_literal(&self) -> Option<&str> {
        // The common cases first, without making a slice (the renderer asks for every line).
        match &self.parts {
            Few::None => Some(""),
            Few::One(Part::Literal(text)) => Some(text),
            Few::One(_) => None,
            Few::Many(parts) => match parts.as_slice() {
                [] => Some(""),
                [Part::Literal(text)] => Some(text),
                _ => None,
            },
        }
    }

    /// The length of the value as written in uWSGI's syntax ([`Value`]'s `Display`: `$(NAME)`,
    /// `%d`...), before any escaping: what renderers size their output by.
    pub(crate) fn written_len(&self) -> usize {
        match &self.parts {
            Few::None => 0,
            Few::One(Part::Literal(text)) => text.len(),
            parts => (parts.as_slice().iter())
                .map(|part| match part {
                    Part::Literal(text) => text.len(),
                    Part::Magic(_) => 2,
                    Part::Placeholder(name) | Part::Env(name) | Part::File(name) => 3 + name.len(),
                })
                .sum(),
        }
    }

    /// Whether any part is a uWSGI variable.
    pub fn has_variables(&self) -> bool {
        self.parts().iter().any(|p| !matches!(p, Part::Literal(_)))
    }

    /// Whether it was built from a path that is not valid UTF-8.
    pub fn is_lossy(&self) -> bool {
        self.lossy
    }

    /// The literal text parts.
    pub fn literals(&self) -> impl Iterator<Item = &str> {
        self.parts().iter().filter_map(|p| match p {
            Part::Literal(text) => Some(text.as_str()),
            _ => None,
        })
    }

    /// Splits at the first `sep` of the value's leading literal text: the text before it,
    /// and the rest of the value (variables included). `None` when the value does not start
    /// with literal text holding `sep`.
    pub(crate) fn split_leading_literal(&self, sep: char) -> Option<(&str, Value)> {
        let Some(Part::Literal(first)) = self.parts().first() else {
            return None;
        };
        let (head, tail) = first.split_once(sep)?;
        let mut rest = Value::literal(tail);
        rest.lossy = self.lossy;
        for part in &self.parts()[1..] {
            rest.parts.push(part.clone());
        }
        Some((head, rest))
    }

    /// Splits at whitespace-free words: the value as one word is fine when its literal text
    /// has no space.
    pub(crate) fn literal_contains(&self, needle: char) -> bool {
        self.literals().any(|text| text.contains(needle))
    }
}

/// A recorded value, read from its section: plain literal text kept in the section's text,
/// or a [`Value`] with variables (or text that needs encoding). The two read alike.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum ValueRef<'a> {
    /// Literal text only.
    Text(&'a str),
    /// Any other value.
    Value(&'a Value),
}

impl<'a> ValueRef<'a> {
    /// The text, when the value is only literal text.
    pub fn as_literal(self) -> Option<&'a str> {
        match self {
            ValueRef::Text(text) => Some(text),
            ValueRef::Value(value) => value.as_literal(),
        }
    }

    /// The literal text the value starts with, if it starts with some.
    pub fn leading_literal(self) -> Option<&'a str> {
        match self {
            ValueRef::Text(text) => Some(text).filter(|text| !text.is_empty()),
            ValueRef::Value(value) => match value.parts().first() {
                Some(Part::Literal(text)) => Some(text),
                _ => None,
            },
        }
    }

    /// The value as a [`Value`]: borrowed when it is one, made when it is text.
    pub fn to_value(self) -> Cow<'a, Value> {
        match self {
            ValueRef::Text(text) => Cow::Owned(Value::literal(text)),
            ValueRef::Value(value) => Cow::Borrowed(value),
        }
    }

    /// Whether any part is a uWSGI variable.
    pub fn has_variables(self) -> bool {
        match self {
            ValueRef::Text(_) => false,
            ValueRef::Value(value) => value.has_variables(),
        }
    }
}

/// Equal when they are the same value, however each is held.
impl PartialEq for ValueRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (*self, *other) {
            (ValueRef::Text(a), ValueRef::Text(b)) => a == b,
            (ValueRef::Value(a), ValueRef::Value(b)) => a == b,
            (ValueRef::Text(text), ValueRef::Value(value))
            | (ValueRef::Value(value), ValueRef::Text(text)) => {
                !value.is_lossy() && value.as_literal() == Some(text)
            }
        }
    }
}

impl PartialEq<Value> for ValueRef<'_> {
    fn eq(&self, other: &Value) -> bool {
        *self == ValueRef::Value(other)
    }
}

impl fmt::Display for ValueRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueRef::Text(text) => f.write_str(text),
            ValueRef::Value(value) => value.fmt(f),
        }
    }
}

/// Shows the value as uWSGI syntax, unescaped: literal text as is, variables as `$(..)` etc.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in self.parts() {
            match part {
                Part::Literal(text) => f.write_str(text)?,
                Part::Magic(var) => write!(f, "%{}", var.code())?,
                Part::Placeholder(name) => write!(f, "%({name})")?,
                Part::Env(name) => write!(f, "$({name})")?,
                Part::File(path) => write!(f, "@({path})")?,
            }
        }
        Ok(())
    }
}

impl<T: Into<Value>> Add<T> for Value {
    type Output = Value;

    fn add(self, rhs: T) -> Value {
        self.then(rhs)
    }
}

impl Add<&str> for MagicVar {
    type Output = Value;

    fn add(self, rhs: &str) -> Value {
        Value::magic(self).then(rhs)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::literal(text)
    }
}

impl From<&&str> for Value {
    fn from(text: &&str) -> Value {
        Value::literal(*text)
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::literal(text)
    }
}

impl From<&String> for Value {
    fn from(text: &String) -> Value {
        Value::literal(text.as_str())
    }
}

impl From<Cow<'_, str>> for Value {
    fn from(text: Cow<'_, str>) -> Value {
        Value::literal(text.into_owned())
    }
}

impl From<&Value> for Value {
    fn from(value: &Value) -> Value {
        value.clone()
    }
}

impl From<MagicVar> for Value {
    fn from(var: MagicVar) -> Value {
        Value::magic(var)
    }
}

impl From<&Path> for Value {
    fn from(path: &Path) -> Value {
        match path.to_str() {
            Some(text) => Value::literal(text),
            None => Value {
                lossy: true,
                ..Value::literal(path.to_string_lossy().into_owned())
            },
        }
    }
}

impl From<PathBuf> for Value {
    fn from(path: PathBuf) -> Value {
        Value::from(path.as_path())
    }
}

impl From<&PathBuf> for Value {
    fn from(path: &PathBuf) -> Value {
        Value::from(path.as_path())
    }
}

macro_rules! value_from_integer {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Value {
            fn from(number: $ty) -> Value {
                Value::literal(number.to_string())
            }
        }
    )*};
}

value_from_integer!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// Anything that gives zero or more values: one value, or an array, `Vec`, slice or iterator
/// of them. Used by parameters uWSGI repeats (`touch_reload`, `add_gids`...).
///
/// ```
/// use uwsgiconf_core::{IntoValues, Value};
///
/// assert_eq!("/a".into_values(), vec![Value::from("/a")]);
/// assert_eq!(["/a", "/b"].into_values().len(), 2);
/// assert_eq!(Vec::<String>::new().into_values().len(), 0);
/// ```
pub trait IntoValues {
    /// The values, in order.
    fn into_values(self) -> Vec<Value>;

    /// Gives each value to `f`, in order: a single value without the vector of
    /// [`IntoValues::into_values`].
    #[doc(hidden)]
    fn for_each_value(self, f: &mut dyn FnMut(Value))
    where
        Self: Sized,
    {
        self.into_values().into_iter().for_each(f);
    }
}

macro_rules! single_value {
    ($($ty:ty),*) => {$(
        impl IntoValues for $ty {
            fn into_values(self) -> Vec<Value> {
                vec![Value::from(self)]
            }

            fn for_each_value(self, f: &mut dyn FnMut(Value)) {
                f(Value::from(self));
            }
        }
    )*};
}

single_value!(
    &str, String, &String, Value, &Value, MagicVar, &Path, PathBuf, &PathBuf, u8, u16, u32, u64,
    usize, i8, i16, i32, i64, isize
);

impl<T: Into<Value>> IntoValues for Vec<T> {
    fn into_values(self) -> Vec<Value> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<T: Into<Value>, const N: usize> IntoValues for [T; N] {
    fn into_values(self) -> Vec<Value> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<T> IntoValues for &[T]
where
    for<'a> &'a T: Into<Value>,
{
    fn into_values(self) -> Vec<Value> {
        self.iter().map(Into::into).collect()
    }
}

impl<T: Into<Value>> IntoValues for Option<T> {
    fn into_values(self) -> Vec<Value> {
        self.into_iter().map(Into::into).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_parts_merge() {
        let value = Value::from("a") + "b" + Value::env("X") + "c" + "d";
        assert_eq!(
            value.parts(),
            [
                Part::Literal("ab".into()),
                Part::Env("X".into()),
                Part::Literal("cd".into())
            ]
        );
        assert!(value.has_variables());
        assert_eq!(value.as_literal(), None);
        assert_eq!(Value::from("ab").as_literal(), Some("ab"));
    }

    #[test]
    fn magic_codes_round_trip() {
        for var in MAGIC_VARS {
            assert_eq!(MagicVar::from_code(var.code()), Some(var), "{var:?}");
        }
        let mut codes: Vec<char> = MAGIC_VARS.iter().map(|v| v.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), MAGIC_VARS.len());
    }

    #[test]
    fn appending_in_place_is_appending_a_value() {
        let other = Value::from("b%") + Value::env("X") + "c";
        let mut pushed = Value::from("a");
        pushed.push(other.clone());
        pushed.push(" ");
        let mut in_place = Value::from("a");
        in_place.push_ref(&other);
        in_place.push_str(" ");
        in_place.push_str("");
        assert_eq!(in_place, pushed);

        let mut escaped = Value::env("Y");
        escaped.push_mapped(&other, |text, out| out.push_str(&text.replace('%', "%%")));
        assert_eq!(escaped.to_string(), "$(Y)b%%$(X)c");
        assert_eq!(escaped.parts().len(), 4);
    }

    #[test]
    fn empty_literal_is_empty() {
        assert!(Value::from("").is_empty());
        assert!((Value::from("") + "").is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_paths_are_marked() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let value = Value::from(Path::new(OsStr::from_bytes(b"/tmp/\xff")));
        assert!(value.is_lossy());
    }

    #[test]
    fn written_len_is_the_length_shown() {
        for value in [
            Value::default(),
            Value::from("plain"),
            Value::from("é%") + Value::env("HOME") + "/x",
            Value::placeholder("p") + Value::file("/f") + MagicVar::ConfigDir,
            Value::from(MagicVar::HostName),
        ] {
            assert_eq!(value.written_len(), value.to_string().len(), "{value}");
        }
    }
}
