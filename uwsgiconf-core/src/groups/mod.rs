//! uWSGI's options, group by group as uwsgiconf groups them: one module per group, each with
//! its methods, their params structs, and the rules it checks across directives.
//!
//! A group declares itself with a [`Group`] constant in its own module; [`GROUPS`] lists them,
//! and the renderer runs every group's [`Rule`]s as named passes after the per-line checks.
//! Adding a group is its module plus one line here.

pub mod empire;
pub mod main_process;
pub mod master_process;
pub(crate) mod params;
pub mod workers;

use crate::dsl::{ItemSpec, Kind, Param, Receiver, Shape};
use crate::error::Problem;
use crate::options::Key;
use crate::section::{Config, Section, Setting};
use crate::validate::Groups;
use crate::{options, Target};

/// A check across the directives of a section: the lines to write, grouped by option in
/// writing order, with the section they come from and the sections uWSGI reads before it in
/// the same document (with autoinclude, those before it in the config).
pub(crate) type Check = fn(&Section, &[Section], &Groups<'_>, &mut Vec<Problem>);

/// A named check a group runs on every section it could have written to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// What it checks, for reading and debugging (`owner ids`).
    #[allow(dead_code)]
    pub(crate) name: &'static str,
    /// The options it reads: it runs only on sections that hold one of them, which most
    /// sections do not (empty: it runs on every section).
    pub(crate) watches: &'static [Key],
    /// The check.
    pub(crate) check: Check,
}

/// A check across the sections of a document a format writes with named sections (an INI
/// file): `origin` is the rendering method (`Config::to_ini`), `load` the option that loads
/// the file (`ini`).
pub(crate) type ConfigCheck = fn(&Config, &str, &str) -> Vec<Problem>;

/// A named check a group runs on every document of several sections.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConfigRule {
    /// What it checks (`owner in a section uWSGI reads`).
    #[allow(dead_code)]
    pub(crate) name: &'static str,
    /// The check.
    pub(crate) check: ConfigCheck,
}

/// An option group: its name as uwsgiconf's `Section` attribute, its items in the macro
/// language, and its rules.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group {
    /// The accessor's name (`main_process`), also the group's name in the macro
    /// (`workers.basic(..)`).
    pub(crate) name: &'static str,
    /// Its items in the macro language, each calling one of its methods.
    pub(crate) items: &'static [ItemSpec],
    /// The checks across directives that belong to the group.
    pub(crate) rules: &'static [Rule],
    /// The checks across the sections of a document.
    pub(crate) config_rules: &'static [ConfigRule],
}

/// Every group, in uwsgiconf's order.
pub(crate) const GROUPS: &[Group] = &[
    main_process::GROUP,
    master_process::GROUP,
    workers::GROUP,
    empire::GROUP,
];

/// Every rule of every group, in order.
pub(crate) fn rules() -> impl Iterator<Item = &'static Rule> {
    GROUPS
        .iter()
        .flat_map(|group| group.rules)
        .chain(crate::plugins::RULES)
}

/// Every document-level rule of every group, in order.
pub(crate) fn config_rules() -> impl Iterator<Item = &'static ConfigRule> {
    GROUPS.iter().flat_map(|group| group.config_rules)
}

/// The section's own items in the macro language, written without a group name.
pub(crate) const SECTION_ITEMS: &[ItemSpec] = &[
    ItemSpec {
        name: "option",
        receiver: Receiver::Section,
        method: "add_option",
        params_type: None,
        params: &[
            Param::arg("key", Kind::OptionName, &[]),
            Param::arg("value", Kind::Setting, &["<key>"]),
        ],
        doc: "any other uWSGI option, checked against the option catalogue",
        apply: |section, args| {
            let key = match args.val("key") {
                Some(Shape::Str(key)) => Some(key),
                _ => None,
            };
            let spec = key.and_then(options::lookup);
            let value = match args.get::<bool>("value") {
                Some(on) => Setting::Flag(on),
                None => match args.val("value") {
                    Some(Shape::Str(_) | Shape::Int(_)) => Setting::Value(args.text("value")),
                    // A run-time value: whatever the option takes.
                    _ if spec.is_some_and(|s| s.takes_bool()) => Setting::Flag(true),
                    _ => Setting::Value(args.stand_in()),
                },
            };
            match key {
                Some(key) => section.add_option(key, value),
                // A run-time key: still one call, which changes nothing.
                None => section.set_strict(section.is_strict()),
            };
        },
    },
    ItemSpec {
        name: "target",
        receiver: Receiver::Section,
        method: "set_target",
        params_type: None,
        params: &[Param::arg("version", Kind::Target, &[])],
        doc: "the uWSGI release checks are made against (2.0 by default)",
        apply: |section, args| {
            let target = match args.val("version") {
                Some(Shape::Str(text)) => text.parse::<Target>().unwrap_or_default(),
                _ => section.target(),
            };
            section.set_target(target);
        },
    },
];
