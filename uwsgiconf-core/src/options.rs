//! The catalogue of every uWSGI option (core and plugins), generated at build time from
//! `data/uwsgi-options.tsv`, which was extracted from uWSGI's own option tables.
//!
//! An option is found by its name at run time ([`lookup`]), or named at compile time by a
//! constant of [`key`]: a [`Key`] is the option's place in the catalogue, so it costs no
//! search, and a misspelt constant does not compile.

use std::fmt;
use std::ops::RangeInclusive;

use crate::Target;

/// How an option takes its argument on the command line (`getopt_long`'s view).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArgKind {
    /// `--opt value`.
    Required,
    /// `--opt` or `--opt=value`; a value in the next argument is *not* taken.
    Optional,
    /// `--opt` alone.
    None,
}

/// What an option's setter does with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OptionKind {
    /// A boolean: `true` to set, omitted when false.
    Flag,
    /// Each occurrence appends one more item.
    List,
    /// An integer; the last occurrence wins.
    Int,
    /// A string; the last occurrence wins.
    Str,
    /// Anything else (actions, includes, ids, modes...); treated as single-valued.
    Other,
}

/// One row of the option catalogue.
///
/// Its text ([`name`](OptionSpec::name), [`setter`](OptionSpec::setter),
/// [`provider`](OptionSpec::provider)) is read through methods: the catalogue stores places
/// in one string rather than pointers, so a program that links it has no pointer of it to
/// patch when it starts (no dynamic relocations) and a smaller table.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    /// The first eight bytes of the name, for [`Key::find`] (see [`name_prefix`]).
    prefix: u64,
    name: Span,
    /// How the command line takes its argument.
    pub arg: ArgKind,
    setter: Span,
    /// What the setter does with the value.
    pub kind: OptionKind,
    /// Applied while the config is being read, before `$(..)`, `@(..)` and `%(..)` expansion.
    pub immediate: bool,
    /// Setting it turns uWSGI's master process on.
    pub enables_master: bool,
    provider: Span,
    /// Present in uWSGI 2.0.21.
    pub in_2_0_21: bool,
    /// Present in uWSGI 2.0.31.
    pub in_2_0_31: bool,
    /// Present in uWSGI's development branch (2.1).
    pub in_master: bool,
    /// The one-letter command-line alias, if any.
    pub short: Option<char>,
}

/// A piece of [`STRINGS`], the catalogue's text: every name, setter and provider once, so
/// that equal text has equal spans (the derived equality of [`OptionSpec`] relies on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u16,
    len: u8,
}

impl Span {
    /// Its text ([`STRINGS`] is a static: one copy, however many functions read it).
    #[inline]
    fn text(self) -> &'static str {
        let start = usize::from(self.start);
        // codegen/catalogue.rs made every span from STRINGS itself; an empty text is
        // unreachable.
        STRINGS
            .get(start..start + usize::from(self.len))
            .unwrap_or_default()
    }
}

include!("generated/catalogue.rs");

// The hash of the name index, shared with codegen/catalogue.rs, which lays the index out.
include!("name_index.rs");

/// The first eight bytes of `name` as a big-endian integer, zero-padded: integers order as
/// the names they come from do, where they differ. codegen/catalogue.rs writes the same for
/// each row.
#[inline]
fn name_prefix(name: &[u8]) -> u64 {
    let mut bytes = [0; 8];
    let len = name.len().min(8);
    bytes[..len].copy_from_slice(&name[..len]);
    u64::from_be_bytes(bytes)
}

impl OptionSpec {
    /// The option's name, as written in a config file (`touch-reload`).
    ///
    /// ```
    /// use uwsgiconf_core::options::key;
    ///
    /// assert_eq!(key::TOUCH_RELOAD.spec().name(), "touch-reload");
    /// ```
    #[inline]
    pub fn name(&self) -> &'static str {
        self.name.text()
    }

    /// The C setter uWSGI calls (`uwsgi_opt_set_str`, ...).
    ///
    /// ```
    /// use uwsgiconf_core::options::key;
    ///
    /// assert_eq!(key::PROCESSES.spec().setter(), "uwsgi_opt_set_int");
    /// ```
    #[inline]
    pub fn setter(&self) -> &'static str {
        self.setter.text()
    }

    /// `core`, or the plugin that provides the option (`python`, `http`...).
    ///
    /// ```
    /// use uwsgiconf_core::options::key;
    ///
    /// assert_eq!(key::PROCESSES.spec().provider(), "core");
    /// ```
    #[inline]
    pub fn provider(&self) -> &'static str {
        self.provider.text()
    }

    /// Whether every release of `target` has this option.
    ///
    /// ```
    /// use uwsgiconf_core::{options, Target};
    ///
    /// let ienv = options::lookup("ienv").unwrap();
    /// assert!(!ienv.available_in(Target::V2_0));
    /// assert!(ienv.available_in(Target::V2_1));
    /// ```
    pub const fn available_in(&self, target: Target) -> bool {
        match target {
            Target::V2_0 => self.in_2_0_21 && self.in_2_0_31,
            Target::V2_1 => self.in_master,
        }
    }

    /// The oldest target that has the option, if any does.
    pub fn first_target(&self) -> Option<Target> {
        Target::ALL.into_iter().find(|t| self.available_in(*t))
    }

    /// Whether the option accumulates values (each occurrence adds one).
    pub const fn is_list(&self) -> bool {
        matches!(self.kind, OptionKind::List)
    }

    /// Whether the option is a switch: set with `true`, never with a value.
    pub const fn takes_bool(&self) -> bool {
        matches!(self.kind, OptionKind::Flag) || matches!(self.arg, ArgKind::None)
    }

    /// Whether its setter is `uwsgi_opt_set_placeholder` (`set-placeholder`, `set-ph`,
    /// `set`): compared by span, without reading the text.
    #[inline]
    pub(crate) fn sets_placeholder(&self) -> bool {
        self.setter == setter::UWSGI_OPT_SET_PLACEHOLDER
    }

    /// Whether its setter is `uwsgi_opt_resolve` (`resolve`).
    #[inline]
    pub(crate) fn resolves(&self) -> bool {
        self.setter == setter::UWSGI_OPT_RESOLVE
    }

    /// Whether its setter is `uwsgi_opt_set_int`, which reads its value with `atoi()`.
    #[inline]
    pub(crate) fn sets_int(&self) -> bool {
        self.setter == setter::UWSGI_OPT_SET_INT
    }

    /// The length of [`OptionSpec::name`], without reading the text.
    #[inline]
    pub(crate) fn name_len(&self) -> usize {
        usize::from(self.name.len)
    }

    /// Whether the option comes with uWSGI's core rather than a plugin.
    #[inline]
    pub fn is_core(&self) -> bool {
        self.provider == CORE
    }

    /// Whether the option opens a block of config logic: `if-exists`, `for`, `else` and the
    /// other options uWSGI applies with `uwsgi_opt_logic`. The lines up to the next
    /// [end marker](OptionSpec::closes_block) apply only if the condition holds (or once per
    /// item, for `for`); blocks do not nest.
    ///
    /// ```
    /// use uwsgiconf_core::options;
    ///
    /// assert!(options::lookup("if-exists").unwrap().opens_block());
    /// assert!(!options::lookup("endif").unwrap().opens_block());
    /// ```
    #[inline]
    pub fn opens_block(&self) -> bool {
        self.setter == setter::UWSGI_OPT_LOGIC
    }

    /// Whether the option ends a block of config logic (`endif`, `end-if`, `endfor`,
    /// `end-for`: the options whose setter, `uwsgi_opt_noop`, does nothing; uWSGI acts on
    /// their name while reading). Any of them ends any block.
    ///
    /// ```
    /// use uwsgiconf_core::options;
    ///
    /// assert!(options::lookup("endfor").unwrap().closes_block());
    /// ```
    #[inline]
    pub fn closes_block(&self) -> bool {
        self.setter == setter::UWSGI_OPT_NOOP
    }

    /// Whether each occurrence of the option acts on its own, where it stands: config logic
    /// and its end markers, `print`, the options that load another config (`ini`,
    /// `include`, `json`...) and the file locks (`flock`). Such an option may repeat, and
    /// its lines keep their place: the renderers never move a line across one of them.
    ///
    /// ```
    /// use uwsgiconf_core::options;
    ///
    /// assert!(options::lookup("print").unwrap().acts_per_occurrence());
    /// assert!(options::lookup("include").unwrap().acts_per_occurrence());
    /// assert!(!options::lookup("procname").unwrap().acts_per_occurrence());
    /// ```
    #[inline]
    pub fn acts_per_occurrence(&self) -> bool {
        self.opens_block()
            || self.closes_block()
            || matches!(
                self.setter,
                // Each prints its value (`fprintf(stdout, "%s\n", value)`).
                setter::UWSGI_OPT_PRINT
                    // Each reads a config source and inserts it at that point.
                    | setter::UWSGI_OPT_LOAD
                    | setter::UWSGI_OPT_LOAD_INI
                    | setter::UWSGI_OPT_LOAD_JSON
                    | setter::UWSGI_OPT_LOAD_XML
                    | setter::UWSGI_OPT_LOAD_YML
                    | setter::UWSGI_OPT_LOAD_SQLITE3
                    | setter::UWSGI_OPT_LOAD_LDAP
                    | setter::UWSGI_OPT_LOAD_CONFIG
                    // Each locks (or waits for) one file.
                    | setter::UWSGI_OPT_FLOCK
                    | setter::UWSGI_OPT_FLOCK_WAIT
            )
    }

    /// Whether the option may be given several times, each occurrence counting: a
    /// [list](OptionSpec::is_list), or an option that [acts per
    /// occurrence](OptionSpec::acts_per_occurrence).
    #[inline]
    pub fn is_repeatable(&self) -> bool {
        self.is_list() || self.acts_per_occurrence()
    }

    /// The values uWSGI reads exactly, for an integer option: the range of the C type its
    /// setter stores, less what the setter refuses or mangles. `None` for options that do
    /// not take an integer.
    ///
    /// uWSGI reads integers with `atoi` or `strtoul` and never reports an overflow: out of
    /// range, a value silently becomes another one (`processes = 4294967298` spawns 2
    /// workers, `-1` stored as an unsigned 64-bit number is 18446744073709551615).
    ///
    /// | setter | C type | range |
    /// |---|---|---|
    /// | `uwsgi_opt_set_int` (and the loop engines that call it) | `int`, negative values refused | 0 to 2147483647 |
    /// | `uwsgi_opt_set_rawint` | `int` | -2147483648 to 2147483647 |
    /// | `uwsgi_opt_set_64bit` | `uint64_t` (`strtoul`) | 0 to 18446744073709551615 |
    /// | `uwsgi_opt_set_16bit` | `uint16_t`, larger values cut to 65535 | 0 to 65535 |
    /// | `uwsgi_opt_set_megabytes` | `uint64_t` bytes, the value times 1048576 | 0 to 17592186044415 |
    /// | `uwsgi_opt_max_vars` | `int`, then `4 * value + 5` as `int` | 0 to 536870910 |
    /// | `uwsgi_opt_corerouter_use_socket` | `int` socket index | 0 to 2147483647 |
    ///
    /// ```
    /// use uwsgiconf_core::options;
    ///
    /// assert_eq!(options::lookup("processes").unwrap().int_range(), Some(0..=2147483647));
    /// assert_eq!(options::lookup("prio").unwrap().int_range(), Some(-2147483648..=2147483647));
    /// assert_eq!(options::lookup("buffer-size").unwrap().int_range(), Some(0..=65535));
    /// assert_eq!(options::lookup("procname").unwrap().int_range(), None);
    /// ```
    pub fn int_range(&self) -> Option<RangeInclusive<i128>> {
        const INT_MAX: i128 = i32::MAX as i128;
        let range = match self.setter {
            setter::UWSGI_OPT_SET_INT
            | setter::UWSGI_OPT_SETUP_ASYNCIO
            | setter::UWSGI_OPT_SETUP_COROAE
            | setter::UWSGI_OPT_SETUP_GEVENT
            | setter::UWSGI_OPT_SETUP_GOROUTINES
            | setter::UWSGI_OPT_SETUP_TORNADO
            | setter::UWSGI_OPT_COREROUTER_USE_SOCKET => 0..=INT_MAX,
            setter::UWSGI_OPT_SET_RAWINT => i32::MIN as i128..=INT_MAX,
            setter::UWSGI_OPT_SET_64BIT => 0..=u64::MAX as i128,
            setter::UWSGI_OPT_SET_16BIT => 0..=u16::MAX as i128,
            setter::UWSGI_OPT_SET_MEGABYTES => 0..=(u64::MAX >> 20) as i128,
            setter::UWSGI_OPT_MAX_VARS => 0..=(INT_MAX - 5) / 4,
            _ => return None,
        };
        Some(range)
    }
}

/// Every option of the catalogue, sorted by name.
///
/// ```
/// assert!(uwsgiconf_core::options::all().len() > 1300);
/// ```
pub fn all() -> &'static [OptionSpec] {
    &CATALOGUE
}

/// Finds an option by its exact name.
///
/// ```
/// use uwsgiconf_core::options::{self, OptionKind};
///
/// assert_eq!(options::lookup("touch-reload").unwrap().kind, OptionKind::List);
/// assert!(options::lookup("never_swap").is_none());
/// ```
pub fn lookup(name: &str) -> Option<&'static OptionSpec> {
    Key::find(name).map(Key::spec)
}

/// An option of the catalogue, named by its place in it: the constants of [`key`] are keys,
/// checked when the program compiles, and [`Key::spec`] is an index, not a search.
///
/// ```
/// use uwsgiconf_core::options::{key, Key, OptionKind};
///
/// assert_eq!(key::TOUCH_RELOAD.name(), "touch-reload");
/// assert_eq!(key::TOUCH_RELOAD.spec().kind, OptionKind::List);
/// assert_eq!(Key::find("touch-reload"), Some(key::TOUCH_RELOAD));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(u16);

impl Key {
    /// The option's row of the catalogue.
    #[inline]
    pub fn spec(self) -> &'static OptionSpec {
        // Keys are made only by codegen/catalogue.rs, from the catalogue's own indices, and by
        // `find`.
        &CATALOGUE[usize::from(self.0)]
    }

    /// The option's name (`touch-reload`).
    #[inline]
    pub fn name(self) -> &'static str {
        self.spec().name()
    }

    /// The key of the option named `name`, if the catalogue has one (a hash lookup).
    pub fn find(name: &str) -> Option<Key> {
        let name = name.as_bytes();
        // Most rows are told apart by the first eight bytes of the names, compared as one
        // integer; only a row that shares them is compared whole.
        let prefix = name_prefix(name);
        let strings = STRINGS.as_bytes();
        let mut slot = name_hash(name);
        loop {
            let row = NAME_INDEX[slot & (NAME_SLOTS - 1)].checked_sub(1)?;
            let spec = &CATALOGUE[usize::from(row)];
            if spec.prefix == prefix && usize::from(spec.name.len) == name.len() {
                let start = usize::from(spec.name.start);
                if strings.get(start..start + name.len()) == Some(name) {
                    return Some(Key(row));
                }
            }
            slot += 1;
        }
    }

    /// Whether `spec` is this option's row of the catalogue. The crate's recorded directives
    /// all point into the catalogue, whose names are unique, so this compares addresses.
    pub(crate) fn is(self, spec: &'static OptionSpec) -> bool {
        std::ptr::eq(self.spec(), spec)
    }
}

impl fmt::Debug for OptionSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OptionSpec")
            .field("name", &self.name())
            .field("arg", &self.arg)
            .field("setter", &self.setter())
            .field("kind", &self.kind)
            .field("immediate", &self.immediate)
            .field("enables_master", &self.enables_master)
            .field("provider", &self.provider())
            .field("in_2_0_21", &self.in_2_0_21)
            .field("in_2_0_31", &self.in_2_0_31)
            .field("in_master", &self.in_master)
            .field("short", &self.short)
            .finish()
    }
}

impl fmt::Display for OptionSpec {
    /// The option's name.
    ///
    /// ```
    /// use uwsgiconf_core::options::key;
    ///
    /// assert_eq!(format!("`{}`", key::PROCESSES.spec()), "`processes`");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Key").field(&self.name()).finish()
    }
}

impl fmt::Display for Key {
    /// The option's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

pub mod key {
    //! One constant per option of the catalogue, named after the option: upper case, `-` as
    //! `_`, and `_` doubled (uWSGI has both `pivot-root`, [`PIVOT_ROOT`], and its alias
    //! `pivot_root`, [`PIVOT__ROOT`]).
    //!
    //! The crate's typed methods name their options with these, and so can users, where a
    //! name is taken ([`Section::set_option`](crate::Section::set_option),
    //! [`Section::add_option`](crate::Section::add_option)): a misspelt name is then a
    //! compile error instead of a problem at render time.
    //!
    //! ```
    //! use uwsgiconf_core::options::key;
    //! use uwsgiconf_core::Section;
    //!
    //! let mut section = Section::new();
    //! section.set_option(key::PROCESSES, 4).set_option(key::NEVER_SWAP, true);
    //! assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nprocesses = 4\nnever-swap = true\n");
    //! ```
    //!
    //! ```compile_fail,E0425
    //! // `never_swap` is not an option (uWSGI's is `never-swap`): no such constant.
    //! let _ = uwsgiconf_core::options::key::NEVER__SWAP;
    //! ```

    use super::Key;

    include!("generated/keys.rs");
}

/// How [`Section::set_option`](crate::Section::set_option) and
/// [`Section::add_option`](crate::Section::add_option) take the option: a name (`"processes"`,
/// a `&String`...), checked against the catalogue when the section is rendered, or a
/// [`key`] constant, checked when the program compiles.
///
/// Implemented for [`Key`] and for references to text; it cannot be implemented outside the
/// crate.
pub trait OptionName: sealed::Sealed {
    /// The option's row of the catalogue, or the name when the catalogue has no such option.
    #[doc(hidden)]
    fn resolve(&self) -> Result<&'static OptionSpec, &str>;
}

impl OptionName for Key {
    fn resolve(&self) -> Result<&'static OptionSpec, &str> {
        Ok(self.spec())
    }
}

impl<T: AsRef<str> + ?Sized> OptionName for &T {
    fn resolve(&self) -> Result<&'static OptionSpec, &str> {
        let name = (**self).as_ref();
        lookup(name).ok_or(name)
    }
}

mod sealed {
    /// Keeps [`OptionName`](super::OptionName) to the crate's implementations.
    pub trait Sealed {}

    impl Sealed for super::Key {}

    impl<T: AsRef<str> + ?Sized> Sealed for &T {}
}

/// The known names closest to `name`, best first: a name spelt with `_` for `-` first, then by
/// edit distance. Empty when nothing is close.
///
/// ```
/// assert_eq!(uwsgiconf_core::options::suggest("never_swap")[0], "never-swap");
/// assert_eq!(uwsgiconf_core::options::suggest("pidfil")[0], "pidfile");
/// ```
pub fn suggest(name: &str) -> Vec<&'static str> {
    let hyphenated = name.replace('_', "-").to_ascii_lowercase();
    if let Some(spec) = lookup(&hyphenated) {
        return vec![spec.name()];
    }
    crate::suggest::closest(&hyphenated, CATALOGUE.iter().map(OptionSpec::name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_integer_option_has_a_range() {
        for spec in all() {
            match spec.int_range() {
                Some(_) => assert!(
                    spec.kind == OptionKind::Int || spec.takes_bool(),
                    "{} has a range but is {:?}",
                    spec.name(),
                    spec.kind
                ),
                None => assert_ne!(spec.kind, OptionKind::Int, "{} has no range", spec.name()),
            }
            if let Some(range) = spec.int_range() {
                assert!(range.start() <= &0 && range.end() > &0, "{}", spec.name());
            }
        }
    }

    #[test]
    fn block_markers_are_the_names_uwsgi_ends_blocks_with() {
        // uWSGI ends a block when it reads one of these keys (`add_exported_option`).
        let mut closing: Vec<&str> = all()
            .iter()
            .filter(|s| s.closes_block())
            .map(|s| s.name())
            .collect();
        closing.sort_unstable();
        assert_eq!(closing, ["end-for", "end-if", "endfor", "endif"]);
        let opening = all().iter().filter(|s| s.opens_block()).count();
        assert_eq!(opening, 28);
        assert!(lookup("else").unwrap().opens_block());
        for spec in all().iter().filter(|s| s.acts_per_occurrence()) {
            assert!(!spec.is_list(), "{}", spec.name());
            assert!(spec.is_repeatable(), "{}", spec.name());
        }
    }

    include!("../codegen/key_names.rs");

    #[test]
    fn every_key_constant_names_its_option() {
        assert_eq!(key::EVERY_KEY.len(), all().len());
        for (const_name, key) in key::EVERY_KEY {
            let spec = lookup(key.name()).unwrap();
            assert!(key.is(spec), "{const_name} is not {}", key.name());
            // The rule, written again: `_` doubled, `-` as `_`, upper case.
            let expected = key.name().replace('_', "__").replace('-', "_");
            assert_eq!(const_name, expected.to_ascii_uppercase());
        }
        assert_eq!(key::TOUCH_RELOAD.name(), "touch-reload");
        assert_eq!(key::PIVOT_ROOT.name(), "pivot-root");
        assert_eq!(key::PIVOT__ROOT.name(), "pivot_root");
        assert_eq!(
            key::START__RESPONSE_NODELAY.name(),
            "start_response-nodelay"
        );
        assert_eq!(Key::find("pivot_root"), Some(key::PIVOT__ROOT));
        assert_eq!(Key::find("never_swap"), None);
        assert_eq!(format!("{:?}", key::PROCESSES), "Key(\"processes\")");
    }

    #[test]
    fn options_that_one_constant_would_name_are_reported() {
        // What codegen/catalogue.rs checks, and refuses to generate: with `_` written as `-`
        // is, uWSGI's alias `pivot_root` would take the constant of `pivot-root`.
        let plain = |name: &str| name.to_ascii_uppercase().replace(['-', '_'], "_");
        let names = || all().iter().map(|spec| spec.name());
        assert_eq!(
            collisions(names(), plain),
            [("PIVOT_ROOT".to_string(), vec!["pivot-root", "pivot_root"])]
        );
        let rule = |name: &str| const_name(name).unwrap();
        assert!(collisions(names(), rule).is_empty());
        assert_eq!(
            collisions(["a-_b", "a_-b", "c"], rule),
            [("A___B".to_string(), vec!["a-_b", "a_-b"])]
        );
        assert!(const_name("2fast").is_err());
        assert!(const_name("a.b").is_err());
    }

    #[test]
    fn equal_text_has_equal_spans() {
        // What the derived equality of rows and the setter constants rely on.
        let mut spans = std::collections::HashMap::new();
        let mut texts = std::collections::HashMap::new();
        for spec in all() {
            for span in [spec.name, spec.setter, spec.provider] {
                assert_eq!(*spans.entry(span.text()).or_insert(span), span);
                assert_eq!(
                    *texts.entry((span.start, span.len)).or_insert(span.text()),
                    span.text()
                );
            }
        }
        assert_eq!(setter::UWSGI_OPT_LOGIC.text(), "uwsgi_opt_logic");
        assert_eq!(CORE.text(), "core");
    }

    #[test]
    fn names_are_found_by_their_whole_bytes() {
        for spec in all() {
            assert_eq!(
                spec.prefix,
                name_prefix(spec.name().as_bytes()),
                "{}",
                spec.name()
            );
            assert!(std::ptr::eq(lookup(spec.name()).unwrap(), spec));
        }
        // Prefixes of names, names with more after them (a zero byte, which pads short
        // prefixes, included), and names of eight bytes or fewer.
        for missing in [
            "",
            "t",
            "touch-re",
            "touch-reloa",
            "touch-reload\0",
            "env\0",
            "envx",
        ] {
            assert_eq!(Key::find(missing), None, "{missing:?}");
        }
        assert_eq!(Key::find("env"), Some(key::ENV));
        assert_eq!(Key::find("touch-reload"), Some(key::TOUCH_RELOAD));
    }

    #[test]
    fn the_name_index_has_room_to_spare() {
        assert!(CATALOGUE.len() * 2 < NAME_SLOTS);
        let longest = all()
            .iter()
            .map(|spec| {
                let home = name_hash(spec.name().as_bytes()) & (NAME_SLOTS - 1);
                (0..NAME_SLOTS)
                    .position(|probe| {
                        let row = NAME_INDEX[(home + probe) & (NAME_SLOTS - 1)];
                        std::ptr::eq(&CATALOGUE[usize::from(row - 1)], spec)
                    })
                    .unwrap()
            })
            .max();
        // Probes past the first slot, for the unluckiest name.
        assert!(longest < Some(8), "{longest:?}");
    }

    #[test]
    fn long_names_are_suggested_nothing() {
        assert!(suggest(&"never_swap".repeat(100_000)).is_empty());
        assert_eq!(suggest("never_swap"), ["never-swap"]);
    }
}
