//! Sections (an ordered set of directives under a name) and configurations (several sections).

use crate::error::{Blame, Problem, ProblemKind};
use crate::format::ValueShape;
use crate::options::{self, key, Key, OptionName, OptionSpec};
use crate::set;
use crate::value::{MagicVar, Part, Value, ValueRef};
use crate::Target;

/// What a directive says: a switch turned on, or a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Setting {
    /// A flag: `true` writes it, `false` removes it.
    Flag(bool),
    /// A value.
    Value(Value),
}

impl From<bool> for Setting {
    fn from(on: bool) -> Setting {
        Setting::Flag(on)
    }
}

macro_rules! setting_from_value {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Setting {
            fn from(value: $ty) -> Setting {
                Setting::Value(Value::from(value))
            }
        }
    )*};
}

setting_from_value!(
    &str,
    &&str,
    String,
    &String,
    Value,
    &Value,
    MagicVar,
    &std::path::Path,
    std::path::PathBuf,
    u8,
    u16,
    u32,
    u64,
    usize,
    i8,
    i16,
    i32,
    i64,
    isize
);

/// A directive's content once set: a flag that is on, or a value. Plain literal text (most
/// values) is kept in the section's text, one buffer for all of them, so that a value costs
/// no allocation of its own; any other value in the section's list of values. Either way
/// the record stays small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Content {
    On,
    Text(Span),
    /// An index in [`Section::values`].
    Value(u32),
}

/// Where a value's text sits in its section's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    len: u32,
}

impl Span {
    /// The span of `len` bytes at `start`, when both ends fit in 32 bits.
    fn new(start: usize, len: usize) -> Option<Span> {
        let end = start.checked_add(len)?;
        u32::try_from(end).ok()?;
        Some(Span {
            start: start as u32,
            len: len as u32,
        })
    }

    /// Its text in `text`.
    fn of(self, text: &str) -> &str {
        let start = self.start as usize;
        &text[start..start + self.len as usize]
    }
}

/// One `key = value` line as recorded, before validation and rendering: a record of 28
/// bytes, whose value and origin are read through its section ([`Section::value_of`],
/// [`Section::origin_of`]). Not comparable on its own: its spans mean something only in
/// its section (see `impl PartialEq for Section`).
#[derive(Debug, Clone)]
pub(crate) struct Directive {
    content: Content,
    /// Which call on the section wrote it.
    call: u32,
    /// How many lines of the same option that call wrote before this one (see
    /// [`Blame::entry`](crate::Blame::entry)).
    entry: u32,
    /// The method that wrote it (`set_owner_params`, `set_option`...): an index in
    /// [`Section::origins`].
    origin: u32,
    option: Key,
    /// How its value needs encoding (see [`ValueShape`]), found once here rather than on every
    /// render.
    pub(crate) shape: ValueShape,
}

/// Held as 32 bits (a smaller record): a section of four billion calls, lines or values does
/// not fit in memory anyway.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The origin of the lines a renderer implies.
const IMPLIED: u32 = u32::MAX;

/// `strict = true`, which the renderers write first in a strict section.
pub(crate) static IMPLIED_STRICT: Directive = Directive::implied(key::STRICT);

/// `master = true`, which the renderers write last where `hook-touch` needs the master.
pub(crate) static IMPLIED_MASTER: Directive = Directive::implied(key::MASTER);

impl Directive {
    /// A line the renderers imply: a switch of `option`, written by no call.
    const fn implied(option: Key) -> Directive {
        Directive {
            content: Content::On,
            call: u32::MAX,
            entry: 0,
            origin: IMPLIED,
            option,
            shape: ValueShape::Other,
        }
    }

    /// Whether the renderers imply it (see [`IMPLIED_STRICT`]).
    pub(crate) fn is_implied(&self) -> bool {
        self.origin == IMPLIED
    }

    /// The option.
    pub(crate) fn spec(&self) -> &'static OptionSpec {
        self.option.spec()
    }

    /// Which call on the section wrote it.
    pub(crate) fn call(&self) -> usize {
        self.call as usize
    }

    /// How many lines of the same option that call wrote before this one.
    pub(crate) fn entry(&self) -> usize {
        self.entry as usize
    }
}

/// A section of uWSGI configuration: directives under a name (`[uwsgi]` by default).
///
/// Methods record directives and never fail; every problem is reported, all at once, by the
/// renderers [`Section::to_ini`] and [`Section::to_args`].
///
/// ```
/// use uwsgiconf_core::{Action, BasicParams, OwnerParams, Phase, Section};
///
/// let mut section = Section::new();
/// section
///     .main_process()
///     .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"))
///     .set_basic_params(BasicParams::new().vacuum(true).touch_reload("/srv/app/reload"))
///     .set_hook(Phase::ASAP, Action::dir_create("/run/app"));
/// section.set_option("master", true);
///
/// assert_eq!(
///     section.to_ini().unwrap(),
///     "[uwsgi]\nuid = www-data\ngid = www-data\ntouch-reload = /srv/app/reload\n\
///      vacuum = true\nhook-asap = mkdir:/run/app\nmaster = true\n"
/// );
/// assert_eq!(section.to_args().unwrap()[..4], ["--uid", "www-data", "--gid", "www-data"]);
/// ```
#[derive(Debug, Clone)]
pub struct Section {
    name: String,
    target: Target,
    strict: bool,
    allow_root: bool,
    allow_variable_ids: bool,
    /// The plugins the binary embeds (see `plugins.rs`).
    pub(crate) embedded_plugins: Vec<String>,
    directives: Vec<Directive>,
    /// The text of the plain values ([`Content::Text`]), one after the other; a value
    /// replaced or removed leaves its text behind.
    text: String,
    /// The other values ([`Content::Value`]); a value replaced or removed stays.
    values: Vec<Value>,
    /// What replaced values left behind in `text` (bytes) and `values` (entries), collected
    /// once it outweighs what is held (see [`Section::collect_garbage`]).
    garbage: (usize, usize),
    /// The methods that wrote directives, each once.
    origins: Vec<&'static str>,
    problems: Vec<Problem>,
    calls: usize,
    labels: CallLabels,
}

/// Sections are equal when they say the same, however their text is laid out.
impl PartialEq for Section {
    fn eq(&self, other: &Section) -> bool {
        // Every field: a new one must be compared (or said not to count) here.
        let Section {
            name,
            target,
            strict,
            allow_root,
            allow_variable_ids,
            embedded_plugins,
            directives,
            text: _,
            values: _,
            garbage: _,
            origins: _,
            problems,
            calls,
            labels,
        } = self;
        let same_directive = |(a, b): (&Directive, &Directive)| {
            a.option == b.option
                && a.shape == b.shape
                && a.call == b.call
                && a.entry == b.entry
                && self.origin_of(a) == other.origin_of(b)
                && self.value_of(a) == other.value_of(b)
        };
        *name == other.name
            && *target == other.target
            && *strict == other.strict
            && *allow_root == other.allow_root
            && *allow_variable_ids == other.allow_variable_ids
            && *embedded_plugins == other.embedded_plugins
            && directives.len() == other.directives.len()
            && directives.iter().zip(&other.directives).all(same_directive)
            && *problems == other.problems
            && *calls == other.calls
            && *labels == other.labels
    }
}

impl Eq for Section {}

/// Where each call was written, for sections built by `uwsgi_config!`: by call index, the
/// item's name and `file:line:col`. Labels only name places in problems, so they take no
/// part in equality.
#[derive(Debug, Clone, Default)]
struct CallLabels(Vec<(&'static str, &'static str)>);

impl PartialEq for CallLabels {
    fn eq(&self, _: &CallLabels) -> bool {
        true
    }
}

impl Eq for CallLabels {}

impl Default for Section {
    fn default() -> Self {
        Section::new()
    }
}

impl Section {
    /// The default section, `[uwsgi]`.
    pub fn new() -> Section {
        Section::named("uwsgi")
    }

    /// A section with another name, for use with `--ini file:name` or
    /// [`Config::autoinclude`].
    pub fn named(name: impl Into<String>) -> Section {
        Section {
            name: name.into(),
            target: Target::default(),
            strict: false,
            allow_root: false,
            allow_variable_ids: false,
            embedded_plugins: Vec::new(),
            directives: Vec::new(),
            text: String::new(),
            values: Vec::new(),
            garbage: (0, 0),
            origins: Vec::new(),
            problems: Vec::new(),
            calls: 0,
            labels: CallLabels::default(),
        }
    }

    /// The section's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The uWSGI target validation checks against.
    pub fn target(&self) -> Target {
        self.target
    }

    /// Sets the uWSGI target (2.0 by default).
    pub fn set_target(&mut self, target: Target) -> &mut Self {
        self.next_call();
        self.target = target;
        self
    }

    /// Writes `strict = true` first, so uWSGI refuses any directive it does not know.
    pub fn set_strict(&mut self, strict: bool) -> &mut Self {
        self.next_call();
        self.strict = strict;
        self
    }

    /// Whether `strict = true` is written.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// Sets any uWSGI option by name, replacing earlier values of the same option in place:
    /// under any of its names ([`OptionSpec::aliases`](crate::options::OptionSpec::aliases):
    /// `processes` replaces `workers`).
    ///
    /// The name is checked against uWSGI's option catalogue when the section is rendered, or
    /// when the program compiles if given as a constant of
    /// [`options::key`](crate::options::key) (`key::PROCESSES`); switches take
    /// `true`/`false` (`false` removes the option), other options a value.
    ///
    /// A list (an option uWSGI repeats, such as `env` or `hook-asap`) is replaced only when
    /// every earlier entry was written by `set_option`: entries written by another method
    /// (`add_option`, `set_hook`...) are never dropped, and the renderer reports a
    /// [`ProblemKind::Conflict`](crate::ProblemKind::Conflict) instead; use
    /// [`Section::add_option`] to add an entry.
    ///
    /// `set` with `key=value` sets option `key` (see [`Section::add_option`]).
    ///
    /// Replacing never reaches across config logic (`if-exists`, `for`, `endif`...): a value
    /// set after a block does not move into it, and `false` removes the switch only since the
    /// last such line.
    ///
    /// ```
    /// use uwsgiconf_core::{Action, Phase, ProblemKind, Section};
    ///
    /// let mut section = Section::new();
    /// section.set_option("processes", 4).set_option("processes", 8);
    /// section.set_option("master", true);
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nprocesses = 8\nmaster = true\n");
    ///
    /// let mut section = Section::new();
    /// section.main_process().set_hook(Phase::ASAP, Action::printout("x"));
    /// section.set_option("hook-asap", "print:y");
    /// let problem = section.to_ini().unwrap_err().into_problems().remove(0);
    /// assert_eq!(problem.kind(), ProblemKind::Conflict);
    /// assert!(problem.fix().unwrap().contains("add_option(\"hook-asap\""));
    /// ```
    pub fn set_option(&mut self, key: impl OptionName, value: impl Into<Setting>) -> &mut Self {
        let call = self.next_call();
        if let Some(spec) = self.checked_spec(key, "set_option", call) {
            self.record(spec, value.into(), "set_option", call, true);
        }
        self
    }

    /// Adds a value to any uWSGI option by name, keeping earlier values (for options uWSGI
    /// repeats, such as `env` or `touch-reload`). The option is named as for
    /// [`Section::set_option`]: by text, or by a constant of
    /// [`options::key`](crate::options::key).
    ///
    /// `set` with `key=value` is how uWSGI sets option `key` (`set = uid=nobody` is
    /// `uid = nobody`), so it is recorded and written as option `key`, with every rule of
    /// that option: the catalogue, the owner rules, integers and switches, conflicts, and the
    /// protection of its value from uWSGI's expansion. A key that is not an option is refused
    /// (uWSGI's strict mode refuses it too): define placeholders with `set-placeholder`. The
    /// key must be literal text; the value may hold variables where option `key` takes them.
    ///
    /// ```
    /// use uwsgiconf_core::{ProblemKind, Section};
    ///
    /// let mut section = Section::new();
    /// section.add_option("set", "procname=app");
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nprocname = app\n");
    /// assert_eq!(section.to_args().unwrap(), ["--procname", "app"]);
    ///
    /// let mut section = Section::new();
    /// section.add_option("set", "uid=root").add_option("set", "gid=root");
    /// let problems = section.to_ini().unwrap_err().into_problems();
    /// assert!(problems.iter().all(|p| p.kind() == ProblemKind::RunsAsRoot));
    /// ```
    ///
    /// ```
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.add_option("env", "A=1").add_option("env", "B=2");
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nenv = A=1\nenv = B=2\n");
    /// ```
    pub fn add_option(&mut self, key: impl OptionName, value: impl Into<Setting>) -> &mut Self {
        let call = self.next_call();
        if let Some(spec) = self.checked_spec(key, "add_option", call) {
            self.record(spec, value.into(), "add_option", call, false);
        }
        self
    }

    /// Records an option given by name: `set = key=value` becomes a directive of `key` (see
    /// the `set` module); placeholder names are checked.
    fn record(
        &mut self,
        spec: &'static OptionSpec,
        setting: Setting,
        origin: &'static str,
        call: usize,
        replace: bool,
    ) {
        let (spec, setting) = match setting {
            Setting::Value(value) if set::defines_option(spec) => {
                match set::resolve(value, origin) {
                    Ok(resolved) => resolved,
                    Err(problem) => {
                        return self.problem(problem.with_blame(Blame::param("value")), call)
                    }
                }
            }
            other => (spec, other),
        };
        if let Setting::Value(value) = &setting {
            if let Some(problem) = set::check_placeholder(spec, value, origin) {
                self.problem(problem.with_blame(Blame::param("value")), call);
            }
        }
        match Key::of(spec) {
            Some(option) => self.put(option, setting, origin, call, replace),
            // Every spec the crate hands out is a row of the catalogue.
            None => {
                let problem = Problem::new(
                    ProblemKind::UnknownOption,
                    origin,
                    format!("`{}` is not a row of the option catalogue", spec.name()),
                )
                .with_fix("name the option by its key or its name");
                self.problem(problem, call);
            }
        }
    }

    fn checked_spec(
        &mut self,
        key: impl OptionName,
        origin: &'static str,
        call: usize,
    ) -> Option<&'static OptionSpec> {
        match key.resolve() {
            Ok(spec) => Some(spec),
            Err(key) => {
                let hint = crate::suggest::did_you_mean(&options::suggest(key));
                self.problems.push(
                    Problem::new(
                        ProblemKind::UnknownOption,
                        origin,
                        format!("`{key}` is not a uWSGI option"),
                    )
                    .with_value(key)
                    .with_fix(hint)
                    .with_call(Some(call))
                    .with_blame(Blame::param("key")),
                );
                None
            }
        }
    }

    // ---- recording, for the option groups ----

    /// Starts a new call: every public method that changes the section counts one.
    pub(crate) fn next_call(&mut self) -> usize {
        self.calls += 1;
        self.calls - 1
    }

    pub(crate) fn problem(&mut self, problem: Problem, call: usize) {
        self.problems.push(problem.with_call(Some(call)));
    }

    pub(crate) fn allow_root(&mut self) {
        self.allow_root = true;
    }

    pub(crate) fn root_allowed(&self) -> bool {
        self.allow_root
    }

    pub(crate) fn allow_variable_ids(&mut self) {
        self.allow_variable_ids = true;
    }

    pub(crate) fn variable_ids_allowed(&self) -> bool {
        self.allow_variable_ids
    }

    /// Records `key = value`. `replace` drops earlier values of the option, the new one taking
    /// the place of the first of them. A `false` flag only removes.
    pub(crate) fn put(
        &mut self,
        option: Key,
        setting: Setting,
        origin: &'static str,
        call: usize,
        replace: bool,
    ) {
        let spec = option.spec();
        let content = match setting {
            Setting::Flag(on) if spec.takes_bool() => {
                if !on {
                    let start = self.stretch_start();
                    let tail = self.directives.split_off(start);
                    self.directives
                        .extend(tail.into_iter().filter(|d| !d.spec().same_setting(spec)));
                    return;
                }
                (Content::On, ValueShape::Other)
            }
            Setting::Flag(on) => {
                self.problem(
                    Problem::new(
                        ProblemKind::WrongValueType,
                        origin,
                        format!("`{}` takes a value, not a boolean", spec.name()),
                    )
                    .with_value(on.to_string())
                    .with_fix("give it a value")
                    .with_blame(Blame::param("value")),
                    call,
                );
                return;
            }
            Setting::Value(value) if spec.takes_bool() => {
                self.problem(
                    Problem::new(
                        ProblemKind::WrongValueType,
                        origin,
                        format!(
                            "`{}` is a switch: it takes true or false, not a value",
                            spec.name()
                        ),
                    )
                    .with_value(value.to_string())
                    .with_fix("pass true to turn it on, or false to leave it off")
                    .with_blame(Blame::param("value")),
                    call,
                );
                return;
            }
            Setting::Value(value) => self.keep(value),
        };
        // A call's directives are the last ones recorded: count back while they are its own.
        let entry = self
            .directives
            .iter()
            .rev()
            .take_while(|d| d.call() == call)
            .filter(|d| d.option == option)
            .count();
        let directive = self.directive(option, content, origin, call, entry);
        if replace && spec.is_repeatable() && self.drops_entries_of_others(&directive) {
            // Reported: keep every entry rather than lose one.
            self.directives.push(directive);
            return;
        }
        // Only a replacement needs the earlier position: appending stays O(1).
        let start = if replace { self.stretch_start() } else { 0 };
        let first = replace
            .then(|| {
                self.directives[start..]
                    .iter()
                    .position(|d| d.spec().same_setting(spec))
            })
            .flatten();
        match first {
            Some(offset) => {
                let tail = self.directives.split_off(start);
                for earlier in tail {
                    match earlier.content {
                        _ if !earlier.spec().same_setting(spec) => self.directives.push(earlier),
                        Content::Text(span) => self.garbage.0 += span.len as usize,
                        Content::Value(_) => self.garbage.1 += 1,
                        Content::On => {}
                    }
                }
                self.directives.insert(start + offset, directive);
                self.collect_garbage();
            }
            None => {
                if self.directives.capacity() == 0 {
                    // Room for a typical section at once, rather than growing 4, 8, 16.
                    self.directives.reserve(SECTION_ROOM);
                }
                self.directives.push(directive);
            }
        }
    }

    /// Where the directives a new one may replace or remove begin: after the last line that
    /// opens or ends a config-logic block. A value on the other side of one applies under
    /// another condition (inside the block, or whatever it decided), so it is another
    /// directive, never moved across.
    fn stretch_start(&self) -> usize {
        self.directives
            .iter()
            .rposition(|d| d.spec().opens_block() || d.spec().closes_block())
            .map_or(0, |index| index + 1)
    }

    /// Whether replacing the entries of list option `spec` would drop some that another
    /// method wrote (then reported as a conflict): `set_option` replaces only its own.
    fn drops_entries_of_others(&mut self, new: &Directive) -> bool {
        let (spec, origin) = (new.spec(), self.origin_of(new));
        let mut writers: Vec<&'static str> = Vec::new();
        let mut count = 0;
        let start = self.stretch_start();
        for directive in self.directives[start..]
            .iter()
            .filter(|d| d.option == new.option)
        {
            let written_by = self.origin_of(directive);
            if written_by != origin {
                count += 1;
                if !writers.contains(&written_by) {
                    writers.push(written_by);
                }
            }
        }
        if count == 0 {
            return false;
        }
        let name = spec.name();
        self.problem(
            Problem::new(
                ProblemKind::Conflict,
                origin,
                format!(
                    "`{name}` repeats (each line counts), and {origin} would drop the {} written by {}",
                    if count == 1 {
                        "entry".to_string()
                    } else {
                        format!("{count} entries")
                    },
                    writers.join(" and ")
                ),
            )
            .with_fix(format!(
                "add to the list with add_option(\"{name}\", ..), or write all its entries \
                 with one method"
            ))
            .with_value(match self.value_of(new) {
                None => "true".to_string(),
                Some(value) => value.to_string(),
            }),
            new.call(),
        );
        true
    }

    /// Keeps `value` for a directive: plain literal text in the section's text (the value's own
    /// allocation is freed at once, and the next one made can reuse it), anything else in the
    /// section's list of values.
    fn keep(&mut self, value: Value) -> (Content, ValueShape) {
        let shape = ValueShape::of(&value);
        if let (ValueShape::Plain { percent }, Some(text)) = (shape, value.as_literal()) {
            if self.text.capacity() == 0 {
                self.text.reserve(SECTION_ROOM * TEXT_ROOM);
            }
            if let Some(span) = push_text(&mut self.text, text, percent) {
                return (Content::Text(span), shape);
            }
        }
        if let Ok(index) = u32::try_from(self.values.len()) {
            self.values.push(value);
            return (Content::Value(index), shape);
        }
        // Four billion values do not fit in memory; this keeps the type total.
        (Content::On, ValueShape::Other)
    }

    /// A directive of `option` with `content` of `shape`, written by call `call` of `origin`,
    /// its `entry`-th line of the option.
    fn directive(
        &mut self,
        option: Key,
        (content, shape): (Content, ValueShape),
        origin: &'static str,
        call: usize,
        entry: usize,
    ) -> Directive {
        Directive {
            content,
            call: narrow(call),
            entry: narrow(entry),
            origin: self.intern(origin),
            option,
            shape,
        }
    }

    /// Rebuilds the text and the values from the directives that hold them, once what
    /// replaced values left behind is more than half of each and more than a few pages: a
    /// section whose value is set again and again stays the size of what it says.
    fn collect_garbage(&mut self) {
        let (text, values) = self.garbage;
        let text_heavy = text > GARBAGE_ROOM && text > self.text.len() / 2;
        let values_heavy = values > GARBAGE_ROOM / 64 && values > self.values.len() / 2;
        if text_heavy || values_heavy {
            self.compact();
        }
    }

    /// Rebuilds the text and the values from the directives that hold them, in their order.
    fn compact(&mut self) {
        let (text, values) = self.garbage;
        let old_text = std::mem::take(&mut self.text);
        let mut old_values = std::mem::take(&mut self.values);
        self.text.reserve(old_text.len().saturating_sub(text));
        self.values.reserve(old_values.len().saturating_sub(values));
        for directive in &mut self.directives {
            directive.content = match directive.content {
                Content::Text(span) => {
                    let percent = matches!(directive.shape, ValueShape::Plain { percent: true });
                    let text = span.of(&old_text);
                    match push_text(&mut self.text, text, percent) {
                        Some(kept) => Content::Text(kept),
                        // Past 32 bits of text (gigabytes in one section): kept as a value.
                        None => {
                            self.values.push(Value::literal(text));
                            Content::Value(narrow(self.values.len() - 1))
                        }
                    }
                }
                Content::Value(index) => {
                    let value = old_values.get_mut(index as usize).map(std::mem::take);
                    self.values.push(value.unwrap_or_default());
                    Content::Value(narrow(self.values.len() - 1))
                }
                Content::On => Content::On,
            };
        }
        self.garbage = (0, 0);
    }

    /// The index of `origin` in the section's origins, added if new. A section has few
    /// origins, and a method's directives come one after the other: the last ones are
    /// compared first, and by address (the same text at two addresses is two entries).
    fn intern(&mut self, origin: &'static str) -> u32 {
        let same = |known: &&str| {
            std::ptr::eq(known.as_ptr(), origin.as_ptr()) && known.len() == origin.len()
        };
        match self.origins.iter().rposition(same) {
            Some(index) => narrow(index),
            None => {
                self.origins.push(origin);
                narrow(self.origins.len() - 1)
            }
        }
    }

    /// The value of `directive`, one of this section's (`None` for a switch that is on).
    pub(crate) fn value_of<'a>(&'a self, directive: &Directive) -> Option<ValueRef<'a>> {
        match directive.content {
            Content::On => None,
            Content::Text(span) => Some(ValueRef::Text(span.of(&self.text))),
            Content::Value(index) => self.values.get(index as usize).map(ValueRef::Value),
        }
    }

    /// The method that wrote `directive`, one of this section's.
    pub(crate) fn origin_of(&self, directive: &Directive) -> &'static str {
        if directive.is_implied() {
            return "implied";
        }
        self.origins
            .get(directive.origin as usize)
            .copied()
            .unwrap_or("unknown")
    }

    /// The length of the value of `directive` as written, before escaping (see
    /// [`Value::written_len`]).
    pub(crate) fn written_len(&self, directive: &Directive) -> usize {
        match directive.content {
            Content::On => "true".len(),
            Content::Text(span) => span.len as usize,
            Content::Value(index) => self
                .values
                .get(index as usize)
                .map_or(0, Value::written_len),
        }
    }

    /// Records a value for one of the crate's own typed methods.
    pub(crate) fn put_value(&mut self, key: Key, value: Value, origin: &'static str, call: usize) {
        self.put(key, Setting::Value(value), origin, call, false);
    }

    /// Records a switch for one of the crate's own typed methods.
    pub(crate) fn put_flag(&mut self, key: Key, on: bool, origin: &'static str, call: usize) {
        self.put(key, Setting::Flag(on), origin, call, false);
    }

    pub(crate) fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// See [`crate::__private::label_calls`].
    pub(crate) fn label_calls(&mut self, labels: &[(&'static str, &'static str)]) {
        self.labels = CallLabels(labels.to_vec());
    }

    /// The section as data, when every directive holds plain literal text and nothing was
    /// reported (see [`crate::dsl::LiteralSection`]); [`Section::from_literal`] rebuilds it.
    pub(crate) fn literal_form(&self) -> Option<crate::dsl::LiteralSection> {
        // Every field: a new one must be carried (or refused) here.
        let Section {
            name,
            target,
            strict,
            allow_root,
            allow_variable_ids,
            directives,
            // Read through `value_of` and `origin_of`.
            text: _,
            values: _,
            garbage: _,
            origins: _,
            problems,
            calls,
            labels,
            embedded_plugins,
        } = self;
        // Declared plugins stay with the typed calls (the literal form has no place for them).
        if name != "uwsgi"
            || !problems.is_empty()
            || !labels.0.is_empty()
            || !embedded_plugins.is_empty()
        {
            return None;
        }
        let rows = directives
            .iter()
            .map(|d| {
                let takes_bool = d.spec().takes_bool();
                let text = match self.value_of(d) {
                    None if takes_bool => String::new(),
                    Some(ValueRef::Text(text)) if !takes_bool => text.to_string(),
                    Some(ValueRef::Value(value)) if !takes_bool && !value.is_lossy() => {
                        match value.parts() {
                            [] => String::new(),
                            [Part::Literal(text)] => text.clone(),
                            _ => return None,
                        }
                    }
                    _ => return None,
                };
                Some((d.option.row(), text, self.origin_of(d), d.call(), d.entry()))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(crate::dsl::LiteralSection {
            target: *target,
            flags: [*strict, *allow_root, *allow_variable_ids],
            calls: *calls,
            rows,
        })
    }

    /// The section [`Section::literal_form`] describes (see
    /// [`crate::__private::literal_section`]); rows naming no option are left out.
    pub(crate) fn from_literal(
        target: Target,
        [strict, allow_root, allow_variable_ids]: [bool; 3],
        calls: usize,
        rows: &[(u16, &str, &'static str, usize, usize)],
        labels: Vec<(&'static str, &'static str)>,
    ) -> Section {
        let catalogue = options::all();
        let mut section = Section {
            target,
            strict,
            allow_root,
            allow_variable_ids,
            calls,
            labels: CallLabels(labels),
            ..Section::new()
        };
        section.directives.reserve_exact(rows.len());
        for &(index, text, origin, call, entry) in rows {
            let Some(option) = catalogue.get(usize::from(index)).and_then(Key::of) else {
                continue;
            };
            let content = if option.spec().takes_bool() {
                (Content::On, ValueShape::Other)
            } else {
                section.keep(Value::literal(text))
            };
            let directive = section.directive(option, content, origin, call, entry);
            section.directives.push(directive);
        }
        section
    }

    /// Names the item and its location in the problems of labelled calls, in the words of the
    /// macro, and puts the problems in the order of the calls (the order of the items).
    pub(crate) fn label_problems(&self, problems: &mut [Problem]) {
        if self.labels.0.is_empty() {
            return;
        }
        for problem in problems.iter_mut() {
            let label = problem.call().and_then(|call| self.labels.0.get(call));
            if let Some((item, location)) = label {
                let fix = crate::dsl::macro_fix(problem);
                *problem = problem.clone().at_item(item, location, fix);
            }
        }
        problems.sort_by_key(|problem| problem.call().unwrap_or(usize::MAX));
    }

    pub(crate) fn recorded_problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The first value recorded for `key`, if any.
    pub(crate) fn first_value(&self, key: Key) -> Option<ValueRef<'_>> {
        self.directives
            .iter()
            .filter(|d| d.option == key)
            .find_map(|d| self.value_of(d))
    }
}

/// Appends `text` to a section's text and returns its span, `None` (and nothing appended) when
/// its end would not fit in 32 bits. Text with a `%` starts at a multiple of 8: the magic
/// pass finds each `%` with `memchr`, which walks byte by byte up to the first word-aligned
/// address (aligned, mixed 10,000 renders in 13 fewer instructions per line).
fn push_text(buffer: &mut String, text: &str, percent: bool) -> Option<Span> {
    let start = if percent {
        buffer.len().next_multiple_of(8)
    } else {
        buffer.len()
    };
    let span = Span::new(start, text.len())?;
    while buffer.len() < start {
        buffer.push('\0');
    }
    buffer.push_str(text);
    Some(span)
}

/// The directives a section has room for when it records its first: most sections hold
/// between ten and thirty.
const SECTION_ROOM: usize = 16;

/// The bytes of text a section has room for per directive when it records its first value.
const TEXT_ROOM: usize = 32;

/// The bytes of replaced text a section keeps before it collects them (and a 64th of it in
/// replaced values).
const GARBAGE_ROOM: usize = 16 * 1024;

/// Several sections in one INI file.
///
/// uWSGI reads one section of a file (`[uwsgi]` unless `--ini file:name` says otherwise).
/// With [`Config::autoinclude`], the first section includes the others (`ini = :name`), so
/// they all apply.
///
/// ```
/// use uwsgiconf_core::{Config, Section};
///
/// let mut main = Section::new();
/// main.set_option("vacuum", true);
/// let mut second = Section::named("second");
/// second.main_process().daemonize("/var/log/app.log", Default::default());
///
/// let mut config = Config::new();
/// config.add_section(main).add_section(second).autoinclude(true);
/// assert_eq!(
///     config.to_ini().unwrap(),
///     "[uwsgi]\nvacuum = true\nini = :second\n\n[second]\ndaemonize = /var/log/app.log\n"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    sections: Vec<Section>,
    autoinclude: bool,
}

impl Config {
    /// An empty configuration.
    pub fn new() -> Config {
        Config::default()
    }

    /// Appends a section.
    pub fn add_section(&mut self, section: Section) -> &mut Self {
        self.sections.push(section);
        self
    }

    /// Makes the first section include every other one (`ini = :name`).
    pub fn autoinclude(&mut self, on: bool) -> &mut Self {
        self.autoinclude = on;
        self
    }

    /// The sections, in order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Mutable access to the sections.
    pub fn sections_mut(&mut self) -> &mut [Section] {
        &mut self.sections
    }

    /// Whether the first section includes the others.
    pub fn is_autoinclude(&self) -> bool {
        self.autoinclude
    }
}

impl From<Section> for Config {
    fn from(section: Section) -> Config {
        Config {
            sections: vec![section],
            autoinclude: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Section, Span};
    use crate::value::{Value, ValueRef};

    #[test]
    fn sections_that_say_the_same_are_equal_whatever_text_they_left_behind() {
        // The first value of each is replaced: its text stays in the section's buffer.
        let mut a = Section::new();
        a.set_option("procname", "a-longer-name")
            .set_option("procname", "app");
        let mut b = Section::new();
        b.set_option("procname", "other")
            .set_option("procname", "app");
        assert_eq!(a, b);
        assert_eq!(a.to_ini().unwrap(), "[uwsgi]\nprocname = app\n");

        b.set_option("procname", "apq");
        a.set_option("procname", "app");
        assert_ne!(a, b);
    }

    #[test]
    fn plain_text_is_kept_in_the_section_and_reads_as_its_value() {
        let mut section = Section::new();
        section
            .add_option("env", "A=1")
            .add_option("env", Value::env("HOME") + "/x");
        let values: Vec<_> = section
            .directives()
            .iter()
            .map(|d| section.value_of(d).unwrap())
            .collect();
        assert!(matches!(values[0], ValueRef::Text("A=1")));
        assert!(matches!(values[1], ValueRef::Value(_)));
        assert_eq!(values[1].to_string(), "$(HOME)/x");
        // Cloned, the text goes along.
        let copy = section.clone();
        assert_eq!(copy, section);
        assert_eq!(copy.to_ini().unwrap(), section.to_ini().unwrap());
    }

    #[test]
    fn values_set_again_and_again_leave_no_pile_of_text_behind() {
        let mut section = Section::new();
        section.add_option("env", "KEPT=1");
        for i in 0..100_000 {
            section.set_option("procname", format!("app-{i}"));
            section.set_option("chdir", Value::env("HOME") + format!("/{i}").as_str());
        }
        assert!(section.text.len() < 64 * 1024, "{}", section.text.len());
        assert!(section.values.len() < 1024, "{}", section.values.len());
        // What comes after a collection lands where it should.
        section.add_option("env", "AFTER=2");
        section.set_option("chdir", Value::env("HOME"));
        assert_eq!(
            section.to_ini().unwrap(),
            "[uwsgi]\nenv = KEPT=1\nenv = AFTER=2\nprocname = app-99999\nchdir = $(HOME)\n"
        );
    }

    proptest::proptest! {
        /// Collecting what replaced values left behind changes nothing a section says,
        /// whatever it recorded.
        #[test]
        fn collecting_replaced_text_keeps_what_a_section_says(
            ops in proptest::collection::vec((0..8u8, 0..4u8, "[a-z%(]{0,6}"), 0..40),
        ) {
            let mut section = Section::new();
            for (op, option, text) in ops {
                let name = ["procname", "chdir", "env", "if-exists"][usize::from(option)];
                let value = match op % 3 {
                    0 => Value::literal(text),
                    1 => Value::env("HOME") + text.as_str(),
                    _ => Value::literal(format!("{text}x")),
                };
                match op {
                    0..=3 => section.set_option(name, value),
                    4..=5 => section.add_option(name, value),
                    6 => section.add_option("endif", ""),
                    _ => section.add_option("print", value),
                };
            }
            let before = section.clone();
            let rendered = (section.to_ini(), section.to_args());
            section.compact();
            proptest::prop_assert_eq!(&section, &before);
            proptest::prop_assert_eq!(rendered, (section.to_ini(), section.to_args()));
            proptest::prop_assert_eq!(section.garbage, (0, 0));
        }
    }

    #[test]
    fn text_with_a_percent_starts_word_aligned() {
        let mut text = String::new();
        let plain = super::push_text(&mut text, "abc", false).unwrap();
        let percent = super::push_text(&mut text, "1%", true).unwrap();
        assert_eq!((plain.start, percent.start), (0, 8));
        assert_eq!((plain.of(&text), percent.of(&text)), ("abc", "1%"));
    }

    #[test]
    fn a_directive_is_a_record_of_28_bytes() {
        assert_eq!(std::mem::size_of::<super::Directive>(), 28);
    }

    #[test]
    fn a_span_past_32_bits_is_refused_rather_than_cut() {
        assert!(Span::new(u32::MAX as usize - 3, 3).is_some());
        assert!(Span::new(u32::MAX as usize - 3, 4).is_none());
        assert!(Span::new(usize::MAX, 1).is_none());
    }
}
