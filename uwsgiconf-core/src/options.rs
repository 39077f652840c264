//! The catalogue of every uWSGI option (core and plugins), generated at build time from
//! `data/uwsgi-options.tsv`, which was extracted from uWSGI's own option tables.

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    /// The option's name, as written in a config file (`touch-reload`).
    pub name: &'static str,
    /// How the command line takes its argument.
    pub arg: ArgKind,
    /// The C setter uWSGI calls (`uwsgi_opt_set_str`, ...).
    pub setter: &'static str,
    /// What the setter does with the value.
    pub kind: OptionKind,
    /// Applied while the config is being read, before `$(..)`, `@(..)` and `%(..)` expansion.
    pub immediate: bool,
    /// Setting it turns uWSGI's master process on.
    pub enables_master: bool,
    /// `core`, or the plugin that provides it (`python`, `http`...).
    pub provider: &'static str,
    /// Present in uWSGI 2.0.21.
    pub in_2_0_21: bool,
    /// Present in uWSGI 2.0.31.
    pub in_2_0_31: bool,
    /// Present in uWSGI's development branch (2.1).
    pub in_master: bool,
    /// The one-letter command-line alias, if any.
    pub short: Option<char>,
}

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

impl OptionSpec {
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

    /// Whether the option comes with uWSGI's core rather than a plugin.
    pub fn is_core(&self) -> bool {
        self.provider == "core"
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
    CATALOGUE
        .binary_search_by(|spec| spec.name.cmp(name))
        .ok()
        .map(|index| &CATALOGUE[index])
}

/// What [`known`] gives for a name the catalogue lacks: an option of no uWSGI release, so that
/// rendering refuses it with a problem instead of writing it.
static MISSING: OptionSpec = OptionSpec {
    name: "uwsgiconf-option-missing-from-the-catalogue",
    arg: ArgKind::Required,
    setter: "",
    kind: OptionKind::Other,
    immediate: false,
    enables_master: false,
    provider: "core",
    in_2_0_21: false,
    in_2_0_31: false,
    in_master: false,
    short: None,
};

/// Finds an option the crate's own typed methods write. Every such name is in the catalogue
/// (the tests render each method); were one missing, rendering would report it, not panic.
pub(crate) fn known(name: &str) -> &'static OptionSpec {
    lookup(name).unwrap_or(&MISSING)
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
        return vec![spec.name];
    }
    crate::suggest::closest(&hyphenated, CATALOGUE.iter().map(|spec| spec.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_missing_from_the_catalogue_is_never_written() {
        let spec = known("uwsgiconf-no-such-option");
        assert!(Target::ALL.iter().all(|target| !spec.available_in(*target)));
        assert_eq!(known("uid").name, "uid");
    }

    #[test]
    fn long_names_are_suggested_nothing() {
        assert!(suggest(&"never_swap".repeat(100_000)).is_empty());
        assert_eq!(suggest("never_swap"), ["never-swap"]);
    }
}
