//! uWSGI's options, group by group as uwsgiconf groups them: one module per group, each with
//! its methods, their params structs, and the rules it checks across directives.
//!
//! A group declares itself with a [`Group`] constant in its own module; [`GROUPS`] lists them,
//! and the renderer runs every group's [`Rule`]s as named passes after the per-line checks.
//! Adding a group is its module plus one line here.

pub mod main_process;
pub mod master_process;
pub(crate) mod params;
pub mod workers;

use crate::error::Problem;
use crate::section::Section;
use crate::validate::Line;

/// A check across the directives of a section: the lines to write, grouped by option in
/// writing order, with the section they come from.
pub(crate) type Check = fn(&Section, &[Vec<Line<'_>>], &mut Vec<Problem>);

/// A named check a group runs on every section it could have written to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// What it checks, for reading and debugging (`owner ids`).
    #[allow(dead_code)]
    pub(crate) name: &'static str,
    /// The check.
    pub(crate) check: Check,
}

/// An option group: its name as uwsgiconf's `Section` attribute, and its rules.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group {
    /// The accessor's name (`main_process`).
    #[allow(dead_code)]
    pub(crate) name: &'static str,
    /// The checks across directives that belong to the group.
    pub(crate) rules: &'static [Rule],
}

/// Every group, in uwsgiconf's order.
pub(crate) const GROUPS: &[Group] = &[main_process::GROUP, master_process::GROUP, workers::GROUP];

/// Every rule of every group, in order.
pub(crate) fn rules() -> impl Iterator<Item = &'static Rule> {
    GROUPS.iter().flat_map(|group| group.rules)
}
