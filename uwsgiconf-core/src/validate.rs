//! Validation: a section's recorded directives become the lines to write, with every
//! problem found, whatever the format.
//!
//! Lines of one option are grouped, conflicts and blocks checked, each option checked against
//! the target, integers against their C range, and every option group's rules run as named
//! passes ([`crate::groups::rules`]). Writing the lines in a format is [`crate::format`]'s.

use std::ops::RangeInclusive;

use crate::error::{Blame, Problem, ProblemKind};
use crate::format::ValueShape;
use crate::options::{key, Accumulation, Key, OptionSpec};
use crate::placeholder::{reserved_name, PLACEHOLDER_PREFIX};
use crate::section::{Directive, Section, IMPLIED_MASTER, IMPLIED_STRICT};
use crate::value::ValueRef;
use crate::{Phase, Target};

/// One line to write: a recorded directive, or a line the renderer implies (`strict`,
/// `master`, records of their own). Two words, so that grouping a section's lines copies
/// little.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    directive: &'a Directive,
    /// The section, which holds the directive's value and origin.
    section: &'a Section,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum LineContent<'a> {
    On,
    Value(ValueRef<'a>),
}

impl<'a> Line<'a> {
    fn new(directive: &'a Directive, section: &'a Section) -> Line<'a> {
        Line { directive, section }
    }

    /// The option.
    pub(crate) fn spec(&self) -> &'static OptionSpec {
        self.directive.spec()
    }

    /// What the line says.
    pub(crate) fn content(&self) -> LineContent<'a> {
        match self.section.value_of(self.directive) {
            Some(value) => LineContent::Value(value),
            None => LineContent::On,
        }
    }

    /// How the value needs encoding.
    pub(crate) fn shape(&self) -> ValueShape {
        self.directive.shape
    }

    /// The method that wrote it (`implied` for an implied line).
    pub(crate) fn origin(&self) -> &'static str {
        self.section.origin_of(self.directive)
    }

    /// Which call on the section wrote it (none for an implied line).
    pub(crate) fn call(&self) -> Option<usize> {
        (!self.directive.is_implied()).then(|| self.directive.call())
    }

    /// Which of its call's lines of this option it is.
    pub(crate) fn entry(&self) -> usize {
        self.directive.entry()
    }

    /// The piece of its call the line stands for.
    pub(crate) fn blame(&self) -> Blame {
        Blame::line(self.spec().name(), self.entry())
    }

    pub(crate) fn value(&self) -> Option<ValueRef<'a>> {
        match self.content() {
            LineContent::Value(value) => Some(value),
            LineContent::On => None,
        }
    }
}

/// The validated lines of a section, in writing order, and every problem found.
///
/// Lines of the same option are grouped, in order of first appearance (as uwsgiconf does),
/// but never across a line that [acts where it stands](OptionSpec::acts_per_occurrence):
/// config logic (`if-*`, `for`, ... `endif`), `print`, the loading of another config. Those
/// keep their place, and so does everything on either side of them.
///
/// A single-valued option set twice with different values is a conflict when both lines
/// apply alike: both outside any block, or both in the same block. A value inside an
/// `if-*`/`for` block may replace one set outside it (measured on uWSGI 2.0.21: `processes =
/// 2`, then `processes = 3` in a block whose condition holds, spawns 3 workers): that is what
/// such blocks are for. Not for an option whose setter adds to what it holds
/// ([`OptionSpec::accumulates`]: `chmod-socket`, `unshare`...): every line of it applies, so
/// a second one is refused wherever it is, and a mode inside a `for` block too.
///
/// `earlier` are the sections uWSGI reads before this one in the same document, for the
/// rules whose outcome they change (a plugin an earlier section loads).
pub(crate) fn lines<'a>(section: &'a Section, earlier: &[Section]) -> (Lines<'a>, Vec<Problem>) {
    let mut problems: Vec<Problem> = section.recorded_problems().to_vec();
    check_section_name(section.name(), &mut problems);

    let mut groups = group(section);
    check_blocks(&groups, &mut problems);
    check_conflicts(&mut groups, &mut problems);
    if !earlier.is_empty() {
        check_accumulating_across(&groups, earlier, &mut problems);
    }

    // Catalogue entries, compared by address (one per option).
    let mut checked: Vec<*const OptionSpec> = Vec::with_capacity(groups.runs.len());
    for group in groups.iter() {
        let spec = group[0].spec();
        // Once per option, however many stretches it appears in.
        if !checked.contains(&std::ptr::from_ref(spec)) {
            checked.push(spec);
            check_available(section.target(), &group[0], &mut problems);
        }
        if let Some(range) = spec.int_range() {
            group
                .iter()
                .for_each(|line| check_integer(line, &range, &mut problems));
        }
        if spec.sets_placeholder() {
            group
                .iter()
                .for_each(|line| check_placeholder_definition(line, &mut problems));
        }
        if key::HOOK_AS_EMPEROR_SETNS.is(spec) && spec.available_in(section.target()) {
            group
                .iter()
                .for_each(|line| check_setns_hook(line, &mut problems));
        }
    }

    // Each option group's rules across directives, as named passes.
    // Every recorded option heads a group, so a rule whose options head none has nothing to
    // read.
    let reads = |rule: &crate::groups::Rule| {
        rule.watches.is_empty()
            || groups
                .runs
                .iter()
                .any(|run| rule.watches.iter().any(|key| key.is(run.spec)))
    };
    for rule in crate::groups::rules().filter(|rule| reads(rule)) {
        (rule.check)(section, earlier, &groups, &mut problems);
    }

    // immediate-uid gives up root, after which immediate-gid cannot work; the gid moves up,
    // but never across a line that keeps its place.
    if let (Some(uid), Some(gid)) = (
        groups.position(key::IMMEDIATE_UID),
        groups.position(key::IMMEDIATE_GID),
    ) {
        let moves = uid < gid
            && (groups.iter().skip(uid).take(gid - uid))
                .all(|g| !g[0].spec().acts_per_occurrence());
        if moves {
            let gid_run = groups.runs.remove(gid);
            groups.runs.insert(uid, gid_run);
        }
    }

    let mut first = None;
    if section.is_strict() {
        // Written first; a `strict` set as an option as well would be a second line.
        groups.runs.retain(|run| !key::STRICT.is(run.spec));
        first = Some(Line::new(&IMPLIED_STRICT, section));
    }
    let has = |key: Key| groups.iter().any(|g| key.is(g[0].spec()));
    // hook-touch never fires without the master, and does not turn it on itself.
    let last =
        (has(key::HOOK_TOUCH) && !has(key::MASTER)).then(|| Line::new(&IMPLIED_MASTER, section));

    problems.sort_by_key(|p| p.call().unwrap_or(usize::MAX));
    (
        Lines {
            first,
            groups,
            last,
        },
        problems,
    )
}

/// The lines of a section in writing order: an implied line first (`strict`), the groups,
/// an implied line last (`master`). Kept as the groups are, rather than copied into one list.
pub(crate) struct Lines<'a> {
    first: Option<Line<'a>>,
    groups: Groups<'a>,
    last: Option<Line<'a>>,
}

impl<'a> Lines<'a> {
    /// The number of lines, and the length of their names and values as written (before
    /// escaping), found while grouping them: what a format sizes its output by. Counts
    /// equal values that collapse into one line, so it may be a little over.
    pub(crate) fn size(&self) -> (usize, usize) {
        let implied = self.first.iter().chain(&self.last);
        let implied_len: usize = implied
            .clone()
            .map(|l| l.spec().name_len() + "true".len())
            .sum();
        (
            self.groups.lines.len() + implied.count(),
            self.groups.text_len + implied_len,
        )
    }

    /// The lines in runs (the implied first line, each group, the implied last line): a loop
    /// over each run's slice costs less per line than one over a chain of them.
    pub(crate) fn runs(&self) -> impl Iterator<Item = &[Line<'a>]> {
        std::iter::once(self.first.as_slice())
            .chain(self.groups.iter())
            .chain(std::iter::once(self.last.as_slice()))
    }
}

/// Groups the directives by option within each stretch between two lines that keep their
/// place (each of those is a group of its own). Equal values of a single-valued option
/// collapse within a stretch; different ones stay, for [`check_conflicts`].
fn group(section: &Section) -> Groups<'_> {
    let directives = section.directives();
    // A first pass finds each directive's group and sizes the groups (at most their
    // directives), so that the second places every line in one list, each group in its own
    // run of it, without searching again.
    // Room for the groups of a small section at once (a large one has few options).
    let mut runs: Vec<Run> = Vec::with_capacity(directives.len().min(32));
    let mut assigned: Vec<u32> = Vec::with_capacity(directives.len());
    let mut text_len = 0;
    let mut stretch = 0;
    // A stretch never holds the group of an option that acts per occurrence (each ends the
    // stretch before it), so an option found there needs no other test.
    for directive in directives {
        let spec = directive.spec();
        // Catalogue entries are unique per option: comparing them is comparing names.
        let found = runs[stretch..]
            .iter()
            .position(|run| std::ptr::eq(run.spec, spec));
        let index = match found {
            Some(offset) => stretch + offset,
            None => {
                runs.push(Run {
                    spec,
                    start: 0,
                    len: 0,
                });
                if spec.acts_per_occurrence() {
                    stretch = runs.len();
                }
                runs.len() - 1
            }
        };
        // Counts the group's directives for now (see below).
        runs[index].len += 1;
        text_len += spec.name_len() + section.written_len(directive);
        // Fewer groups than directives, and directives fit in memory.
        assigned.push(index as u32);
    }
    // Each group starts after the room of the groups before it, and counts the lines it
    // holds from now on.
    let mut next_start = 0;
    for run in &mut runs {
        run.start = next_start;
        next_start += std::mem::take(&mut run.len);
    }

    // Every slot is overwritten by a line of its group, or left unused where equal values
    // collapsed; the filler is never read.
    let filler = Line::new(&IMPLIED_STRICT, section);
    let mut lines = vec![filler; directives.len()];
    for (directive, &index) in directives.iter().zip(&assigned) {
        let line = Line::new(directive, section);
        let run = &mut runs[index as usize];
        let taken = &lines[run.start..run.start + run.len];
        // A single value set again, equal, is one line.
        if run.spec.is_list() || !taken.iter().any(|l| same_content(l, &line)) {
            lines[run.start + run.len] = line;
            run.len += 1;
        }
    }
    Groups {
        lines,
        runs,
        text_len,
    }
}

/// The lines of a section grouped by option, in writing order: one list, each group a run
/// of it (one allocation, however many options).
pub(crate) struct Groups<'a> {
    lines: Vec<Line<'a>>,
    /// The groups, in writing order (reordered, and shortened, in place).
    runs: Vec<Run>,
    /// The length of every directive's name and value as written (see [`Lines::size`]).
    text_len: usize,
}

/// A group's option and its place in [`Groups::lines`].
#[derive(Debug, Clone, Copy)]
struct Run {
    spec: &'static OptionSpec,
    start: usize,
    len: usize,
}

impl<'a> Groups<'a> {
    /// Each group's lines, in writing order; every group has at least one.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[Line<'a>]> + Clone {
        self.runs
            .iter()
            .map(|run| &self.lines[run.start..run.start + run.len])
    }

    /// The index of the first group of option `key`.
    fn position(&self, key: Key) -> Option<usize> {
        self.runs.iter().position(|run| key.is(run.spec))
    }
}

/// uWSGI has one block open at a time: a block opened inside another is fatal ("recursive
/// logic in options is not supported"), and a block left open runs on into whatever is read
/// next (the lines the renderers add, the next section, the next config file).
fn check_blocks(groups: &Groups<'_>, problems: &mut Vec<Problem>) {
    let mut open: Option<&Line<'_>> = None;
    for line in groups.iter().map(|g| &g[0]) {
        if line.spec().closes_block() {
            open = None;
        } else if line.spec().opens_block() {
            if let Some(outer) = open {
                problems.push(
                    Problem::new(
                        ProblemKind::Conflict,
                        line.origin(),
                        format!(
                            "`{}` opens a block inside the block of `{}`, and uWSGI cannot \
                             nest them (\"recursive logic in options is not supported\")",
                            line.spec().name(),
                            outer.spec().name()
                        ),
                    )
                    .with_value(raw(line))
                    .with_fix("end the first block (endif, endfor) before opening another")
                    .with_call(line.call())
                    .with_blame(line.blame()),
                );
            }
            open = Some(line);
        }
    }
    if let Some(line) = open {
        problems.push(
            Problem::new(
                ProblemKind::Conflict,
                line.origin(),
                format!(
                    "`{}` opens a block that the section never ends: uWSGI would apply it to \
                     everything read after the section as well",
                    line.spec().name()
                ),
            )
            .with_value(raw(line))
            .with_fix(if line.spec().name().starts_with("for") {
                "end it with add_option(\"endfor\", \"\")"
            } else {
                "end it with add_option(\"endif\", \"\")"
            })
            .with_call(line.call())
            .with_blame(line.blame()),
        );
    }
}

/// A single-valued option set to different values where both apply alike (see [`lines`]).
/// After a conflict only the first value is kept, so that it is reported once.
///
/// Aliases (names uWSGI gives one setting, [`OptionSpec::aliases`]) are one option here:
/// `processes = 2` then `workers = 4` is a conflict, and an equal value under another name
/// collapses into the first line as a repeated name does (within a stretch; across a line
/// that keeps its place both stay).
fn check_conflicts(groups: &mut Groups<'_>, problems: &mut Vec<Problem>) {
    // The first value of each option at the current level: outside blocks, or in the block,
    // with the stretch it is in (a line that keeps its place starts another).
    let Groups { lines, runs, .. } = groups;
    // At most one per group: no growing.
    let mut outside: Vec<(Line<'_>, usize)> = Vec::with_capacity(runs.len());
    let mut inside: Vec<(Line<'_>, usize)> = Vec::new();
    let mut in_block = false;
    let mut stretch = 0;
    // Whether an alias's equal value emptied its group.
    let mut collapsed = false;
    // The first line of each option whose setter accumulates, wherever it is, and whether a
    // second one was reported (see `check_accumulating`).
    let mut accumulated: Vec<(Line<'_>, bool)> = Vec::new();
    let mut in_for = false;
    for run in runs.iter_mut() {
        let group = &lines[run.start..run.start + run.len];
        let spec = group[0].spec();
        if spec.closes_block() {
            in_block = false;
            in_for = false;
            inside.clear();
        } else if spec.opens_block() {
            in_block = true;
            in_for = spec.name().starts_with("for");
            inside.clear();
        }
        if spec.is_repeatable() {
            stretch += usize::from(spec.acts_per_occurrence());
            continue;
        }
        let level = if in_block { &mut inside } else { &mut outside };
        let earlier = level
            .iter()
            .find(|(line, _)| line.spec().same_setting(spec));
        let first = match earlier {
            Some((line, _)) if !same_content(line, &group[0]) => Some(*line),
            Some((line, at)) => {
                // The same value under another name, with nothing between that keeps its
                // place: one line, as for a name set again.
                if !std::ptr::eq(line.spec(), spec) && *at == stretch && group.len() == 1 {
                    run.len = 0;
                    collapsed = true;
                }
                None
            }
            None => {
                level.push((group[0], stretch));
                None
            }
        };
        // Only for the few options whose setter accumulates: no work per line for others.
        if let Some(how) = spec.accumulation() {
            // An alias's equal value that collapsed is no line of its own.
            if run.len > 0 {
                let lines_left = check_accumulating(how, group, in_for, &mut accumulated, problems);
                run.len = lines_left;
            }
            continue;
        }
        if first.is_none() && group.len() == 1 {
            continue;
        }
        let values: Vec<&Line<'_>> = first.iter().chain(group).collect();
        let shown_values: Vec<String> = values.iter().map(|l| shown(l)).collect();
        let (message, fix) = match first {
            Some(line) if !std::ptr::eq(line.spec(), spec) => (
                format!(
                    "`{}` and `{}` are one uWSGI option (aliases), which takes one value, but \
                     were set to {}",
                    line.spec().name(),
                    spec.name(),
                    shown_values.join(" and ")
                ),
                format!(
                    "set one of `{}` and `{}`, once",
                    line.spec().name(),
                    spec.name()
                ),
            ),
            _ => (
                format!(
                    "`{}` takes one value but was set to {}",
                    spec.name(),
                    shown_values.join(" and ")
                ),
                "set it once (set_option replaces an earlier value)".to_string(),
            ),
        };
        problems.push(
            Problem::new(ProblemKind::Conflict, values[1].origin(), message)
                .with_value(raw(values[1]))
                .with_fix(fix)
                .with_call(values[1].call())
                .with_blame(values[1].blame()),
        );
        run.len = 1;
    }
    if collapsed {
        runs.retain(|run| run.len > 0);
    }
}

/// An option whose setter accumulates ([`OptionSpec::accumulates`]) set in a section uWSGI
/// reads before this one (autoinclude) as well: this section's line adds to that one's as a
/// second line in one section would. Reported on this section's first line of the option.
fn check_accumulating_across(
    groups: &Groups<'_>,
    earlier: &[Section],
    problems: &mut Vec<Problem>,
) {
    for group in groups.iter() {
        let line = &group[0];
        let spec = line.spec();
        if !spec.accumulates() {
            continue;
        }
        let sets_it =
            |section: &&Section| (section.directives().iter()).any(|d| d.spec().same_setting(spec));
        let Some(before) = earlier.iter().find(sets_it) else {
            continue;
        };
        problems.push(
            Problem::new(
                ProblemKind::Conflict,
                line.origin(),
                format!(
                    "`{}` is set in section `{}` too, which uWSGI reads before this one \
                     (autoinclude), and uWSGI adds each line of it to what the others made",
                    spec.name(),
                    before.name()
                ),
            )
            .with_value(raw(line))
            .with_fix(format!("set `{}` in one section only", spec.name()))
            .with_call(line.call())
            .with_blame(line.blame()),
        );
    }
}

/// A second line of an option whose setter combines each value with the one it holds
/// ([`OptionSpec::accumulates`]), wherever the first is: in a block or outside, across lines
/// that keep their place. uWSGI applies every line that it reads, so no line replaces another
/// as it does for other options. For a mode, a line in a `for` block is applied once per
/// item, which is a second line too. Reported once per option, on the second line; returns
/// how many of `group`'s lines to keep (the first, after a report).
fn check_accumulating<'a>(
    how: Accumulation,
    group: &[Line<'a>],
    in_for: bool,
    accumulated: &mut Vec<(Line<'a>, bool)>,
    problems: &mut Vec<Problem>,
) -> usize {
    let spec = group[0].spec();
    let (first, second) = match accumulated
        .iter_mut()
        .find(|(line, _)| line.spec().same_setting(spec))
    {
        Some((_, true)) => return group.len(),
        Some((first, reported)) => {
            *reported = true;
            (*first, group[0])
        }
        None => match group.get(1) {
            Some(second) => {
                accumulated.push((group[0], true));
                (group[0], *second)
            }
            None if in_for && how == Accumulation::OctalDigits => {
                accumulated.push((group[0], true));
                (group[0], group[0])
            }
            None => {
                accumulated.push((group[0], false));
                return 1;
            }
        },
    };
    let name = spec.name();
    let (message, fix) = match how {
        Accumulation::OctalDigits => {
            let (a, b) = (raw(&first), raw(&second));
            let example = match (octal_mode(&a), octal_mode(&b)) {
                (Some(x), Some(y)) => format!("{a} then {b} gives {}", described_mode(x, y)),
                _ => format!("666 then 600 gives {}", described_mode(0o666, 0o600)),
            };
            let message = if std::ptr::eq(first.directive, second.directive) {
                format!(
                    "`{name}` is inside a `for` block, so uWSGI applies it once per item, and \
                     it adds the digits of each `{name}` it applies to the mode it holds: \
                     {example}"
                )
            } else {
                let names = if std::ptr::eq(first.spec(), spec) {
                    format!("`{name}`")
                } else {
                    format!("`{}` and `{name}`", first.spec().name())
                };
                format!(
                    "uWSGI adds the digits of each {names} line to the mode it holds (a line \
                     never replaces another, in a block or not): {example}"
                )
            };
            let fix = if std::ptr::eq(first.directive, second.directive) {
                format!("set `{name}` once, outside the `for` block")
            } else if std::ptr::eq(first.spec(), spec) {
                format!("set `{name}` once, with the whole mode")
            } else {
                format!(
                    "set one of `{}` and `{name}`, once, with the whole mode",
                    first.spec().name()
                )
            };
            (message, fix)
        }
        Accumulation::Union => (
            format!(
                "uWSGI joins the namespaces of every `{}` line (a line never replaces another, \
                 in a block or not): {} then {} unshares both",
                first.spec().name(),
                raw(&first),
                raw(&second)
            ),
            format!(
                "list every namespace in one `{name}` line ({},{})",
                raw(&first),
                raw(&second)
            ),
        ),
    };
    problems.push(
        Problem::new(ProblemKind::Conflict, second.origin(), message)
            .with_value(raw(&second))
            .with_fix(fix)
            .with_call(second.call())
            .with_blame(second.blame()),
    );
    1
}

/// A mode as uWSGI's `chmod` setters read it: three octal digits.
fn octal_mode(text: &str) -> Option<u32> {
    (text.len() == 3 && text.bytes().all(|b| (b'0'..=b'7').contains(&b)))
        .then(|| u32::from_str_radix(text, 8).ok())
        .flatten()
}

/// The mode `chmod()` gets after `first` then `second` (the digits shifted in, cut to the
/// twelve bits of a mode), with the special bits it sets.
fn described_mode(first: u32, second: u32) -> String {
    let mode = ((first << 9) + second) & 0o7777;
    let special: Vec<&str> = [(0o4000, "setuid"), (0o2000, "setgid"), (0o1000, "sticky")]
        .into_iter()
        .filter(|(bit, _)| mode & bit != 0)
        .map(|(_, name)| name)
        .collect();
    if special.is_empty() {
        format!("{mode:04o}")
    } else {
        format!("{mode:04o}, with {}", special.join(" and "))
    }
}

fn same_content(a: &Line<'_>, b: &Line<'_>) -> bool {
    match (&a.content(), &b.content()) {
        (LineContent::On, LineContent::On) => true,
        (LineContent::Value(x), LineContent::Value(y)) => x == y,
        _ => false,
    }
}

/// The value as the user gave it, for [`Problem::with_value`].
pub(crate) fn raw(line: &Line<'_>) -> String {
    match line.content() {
        LineContent::On => "true".into(),
        LineContent::Value(value) => value.to_string(),
    }
}

fn shown(line: &Line<'_>) -> String {
    match line.content() {
        LineContent::On => "true".into(),
        LineContent::Value(value) => format!("{:?}", value.to_string()),
    }
}

/// Section names are written in `[name]` headers (where `%` is expanded) and in
/// `ini = :name` includes (split at `:`): keep them plain.
fn check_section_name(name: &str, problems: &mut Vec<Problem>) {
    let plain = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if !plain {
        problems.push(
            Problem::new(
                ProblemKind::InvalidValue,
                "Section::named",
                "a section name must be non-empty letters, digits, `_`, `-` or `.`",
            )
            .with_value(name)
            .with_fix("rename the section, e.g. `uwsgi` or `app-2`"),
        );
    }
}

/// uWSGI reads integer options with `atoi()`/`strtoul()` and never reports what it could not
/// read: `abc` or `5k` silently become 0 or 5, and a number out of the range of the C type
/// the setter stores wraps around (`processes = 4294967298` spawns 2 workers) or is cut
/// (see [`OptionSpec::int_range`]).
fn check_integer(line: &Line<'_>, range: &RangeInclusive<i128>, problems: &mut Vec<Problem>) {
    let Some(text) = line.value().and_then(ValueRef::as_literal) else {
        return;
    };
    let negative = text.starts_with('-');
    let digits = text.strip_prefix('-').unwrap_or(text);
    let name = line.spec().name();
    let (message, fix) = if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        (
            format!("`{name}` takes an integer, and uWSGI would read this as another number"),
            "give a whole number, such as 4".to_string(),
        )
    } else {
        let significant = digits.trim_start_matches('0');
        // Past 38 digits the number is out of every range anyway.
        let magnitude = match significant {
            "" => 0,
            _ => significant.parse::<i128>().unwrap_or(i128::MAX),
        };
        let number = if negative { -magnitude } else { magnitude };
        if range.contains(&number) {
            return;
        }
        (
            format!(
                "`{name}` takes an integer from {} to {}: uWSGI stores it in a fixed-size C \
                 integer, and would silently read another number (or refuse to start)",
                range.start(),
                range.end()
            ),
            format!("give a number from {} to {}", range.start(), range.end()),
        )
    };
    problems.push(
        Problem::new(ProblemKind::InvalidValue, line.origin(), message)
            .with_value(text)
            .with_fix(fix)
            .with_call(line.call())
            .with_blame(line.blame()),
    );
}

/// `set-placeholder`, `set-ph` and `set` define a name that `%(name)` reads; the crate's own
/// names ([`PLACEHOLDER_PREFIX`]) are reserved: uWSGI keeps the first definition of a name.
fn check_placeholder_definition(line: &Line<'_>, problems: &mut Vec<Problem>) {
    let Some(text) = line.value().and_then(ValueRef::leading_literal) else {
        return;
    };
    let name = text.split('=').next().unwrap_or_default();
    if name.starts_with(PLACEHOLDER_PREFIX) {
        problems.push(
            reserved_name(line.origin(), line.spec().name(), &raw(line))
                .with_call(line.call())
                .with_blame(line.blame()),
        );
    }
}

/// How to raise the target, in the API and in the macro.
fn target_fix(target: Target) -> String {
    format!("target uWSGI {target} (Section::set_target, or target(\"{target}\") in uwsgi_config!)")
}

fn check_available(target: Target, line: &Line<'_>, problems: &mut Vec<Problem>) {
    let spec = line.spec();
    if spec.available_in(target) {
        return;
    }
    let phase = spec.name().strip_prefix("hook-").and_then(Phase::from_name);
    let problem = match (phase, spec.first_target()) {
        (Some(phase), _) => Problem::new(
            ProblemKind::UnavailablePhase,
            line.origin(),
            format!(
                "hook phase `{phase}` exists only in uWSGI {}",
                phase.first_target()
            ),
        )
        .with_value(phase.const_name())
        .with_fix(target_fix(phase.first_target())),
        (None, Some(first)) if first > target => Problem::new(
            ProblemKind::UnavailableOption,
            line.origin(),
            if spec.in_2_0_31 {
                // Target 2.0 needs the option in 2.0.21 as well as in 2.0.31.
                format!(
                    "`{}` is missing from uWSGI 2.0.21 (it came in 2.0.31), and target 2.0 \
                     covers 2.0.21 to 2.0.31",
                    spec.name()
                )
            } else {
                format!("`{}` exists only in uWSGI {first}", spec.name())
            },
        )
        .with_value(spec.name())
        .with_fix(format!("drop it, or {}", target_fix(first))),
        _ => Problem::new(
            ProblemKind::UnavailableOption,
            line.origin(),
            format!("`{}` does not exist in uWSGI {target}", spec.name()),
        )
        .with_value(spec.name())
        .with_fix("drop it"),
    };
    // A phase the target lacks is the `phase` parameter's doing, not its actions'; an option
    // is named by `set_option`'s `key`.
    let blame = line
        .blame()
        .with_param(if phase.is_some() { "phase" } else { "key" });
    problems.push(problem.with_call(line.call()).with_blame(blame));
}

/// uWSGI 2.1 reads `hook-as-emperor-setns = <ns>[,<ns>...] <action>:<args>` (hooks.c,
/// `uwsgi_hooks_setns_run`): the namespaces come first, and the action cannot be private. An
/// action alone (what `set_hook` writes) is taken for the namespace list and the hook fails.
fn check_setns_hook(line: &Line<'_>, problems: &mut Vec<Problem>) {
    let Some(text) = line.value().and_then(ValueRef::as_literal) else {
        return;
    };
    let valid = match text.split_once(' ') {
        Some((namespaces, action)) => {
            !namespaces.is_empty()
                && !namespaces.contains(':')
                && action.contains(':')
                && !action.starts_with('!')
        }
        None => false,
    };
    if !valid {
        problems.push(
            Problem::new(
                ProblemKind::InvalidValue,
                line.origin(),
                "`hook-as-emperor-setns` takes the namespaces to enter, a space, then a \
                 (non-private) action: uWSGI would fail on this line",
            )
            .with_value(text)
            .with_fix(
                "write the line whole: add_option(\"hook-as-emperor-setns\", \
                 \"net,mnt exec:ip link\")",
            )
            .with_call(line.call())
            .with_blame(line.blame()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::placeholder::PLACEHOLDER_PREFIX;
    use crate::{options, Action, MagicVar, Phase, Problem, ProblemKind, Section, Value};

    fn problems(section: &Section) -> Vec<Problem> {
        match section.to_ini() {
            Ok(_) => Vec::new(),
            Err(error) => error.into_problems(),
        }
    }

    fn kinds(section: &Section) -> Vec<ProblemKind> {
        problems(section).iter().map(Problem::kind).collect()
    }

    fn with_option(key: &str, value: impl Into<Value>) -> Section {
        let mut section = Section::new();
        section.add_option(key, value.into());
        section
    }

    #[test]
    fn integer_options_take_integers() {
        let mut section = Section::new();
        section
            .set_option("processes", "4")
            .set_option("prio", -5)
            .set_option("harakiri", "30s");
        let error = section.to_ini().unwrap_err();
        assert_eq!(error.problems().len(), 1);
        assert_eq!(error.problems()[0].kind(), ProblemKind::InvalidValue);
        assert_eq!(error.problems()[0].value(), Some("30s"));
        // A variable is only known when uWSGI starts.
        let mut section = Section::new();
        section.set_option("processes", crate::Value::env("WORKERS"));
        assert!(section.to_ini().is_ok());
    }

    #[test]
    fn the_placeholder_prefix_is_reserved() {
        let reserved = format!("{PLACEHOLDER_PREFIX}1");
        // `set` defines an option, so such a name is not an option to begin with.
        let found = problems(&with_option("set", format!("{reserved}=mine")));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind(), ProblemKind::UnknownOption);
        for key in ["set-placeholder", "set-ph"] {
            let section = with_option(key, format!("{reserved}=mine"));
            let found = problems(&section);
            assert_eq!(found.len(), 1, "{key}: {found:?}");
            assert_eq!(found[0].kind(), ProblemKind::InvalidValue);
            assert!(found[0].message().contains("reserved"), "{}", found[0]);
        }
        let section = with_option("procname", Value::placeholder(&reserved));
        assert_eq!(kinds(&section), [ProblemKind::InvalidValue]);
        // Other names are the user's.
        assert!(problems(&with_option("set-placeholder", "uwsgiconf-lit=1")).is_empty());
        assert!(problems(&with_option("procname", Value::placeholder("literal-1"))).is_empty());
    }

    // ---- control flow (issue 7, item 7) ----

    fn ini_lines(section: &Section) -> Vec<String> {
        let ini = section.to_ini().unwrap_or_else(|e| panic!("{e}"));
        ini.lines().skip(1).map(str::to_string).collect()
    }

    #[test]
    fn no_line_crosses_control_flow() {
        let mut section = Section::new();
        section
            .add_option("if-exists", "/etc/app")
            .add_option("env", "A=1")
            .add_option("endif", "")
            .add_option("env", "B=2");
        assert_eq!(
            ini_lines(&section),
            ["if-exists = /etc/app", "env = A=1", "endif =", "env = B=2"]
        );

        // Grouping by option still applies between two control-flow lines.
        let mut section = Section::new();
        section
            .add_option("env", "A=1")
            .add_option("procname", "app")
            .add_option("env", "B=2")
            .add_option("for", "x y")
            .add_option("env", Value::from("C=") + Value::placeholder("_"))
            .add_option("touch-reload", "/r")
            .add_option("env", "D=1")
            .add_option("endfor", "")
            .add_option("env", "E=1");
        assert_eq!(
            ini_lines(&section),
            [
                "env = A=1",
                "env = B=2",
                "procname = app",
                "for = x y",
                "env = C=%(_)",
                "env = D=1",
                "touch-reload = /r",
                "endfor =",
                "env = E=1",
            ]
        );
    }

    #[test]
    fn options_acting_per_occurrence_repeat_in_place() {
        let mut section = Section::new();
        section
            .add_option("print", "one")
            .add_option("env", "A=1")
            .add_option("print", "one")
            .add_option("include", "/etc/a.ini")
            .add_option("env", "B=1")
            .add_option("include", "/etc/a.ini")
            .add_option("if-exists", "/x")
            .add_option("env", "C=1")
            .add_option("endif", "")
            .add_option("if-exists", "/x")
            .add_option("env", "C=1")
            .add_option("endif", "");
        assert_eq!(
            ini_lines(&section),
            [
                "print = one",
                "env = A=1",
                "print = one",
                "include = /etc/a.ini",
                "env = B=1",
                "include = /etc/a.ini",
                "if-exists = /x",
                "env = C=1",
                "endif =",
                "if-exists = /x",
                "env = C=1",
                "endif =",
            ]
        );
    }

    #[test]
    fn single_values_conflict_only_where_both_apply() {
        // A block may replace a value set outside it.
        let mut section = Section::new();
        section
            .add_option("processes", 2)
            .add_option("if-exists", "/x")
            .add_option("processes", 3)
            .add_option("endif", "")
            .add_option("if-not-exists", "/x")
            .add_option("processes", 5)
            .add_option("endif", "");
        assert_eq!(kinds(&section), []);
        // Outside blocks, both values apply: the first is lost.
        let mut section = Section::new();
        section
            .add_option("processes", 2)
            .add_option("if-exists", "/x")
            .add_option("env", "A=1")
            .add_option("endif", "")
            .add_option("processes", 4);
        assert_eq!(kinds(&section), [ProblemKind::Conflict]);
        // The same value again, outside, is not a conflict and keeps its place (a block in
        // between may have changed it).
        let mut section = Section::new();
        section
            .add_option("processes", 2)
            .add_option("if-exists", "/x")
            .add_option("processes", 3)
            .add_option("endif", "")
            .add_option("processes", 2);
        assert_eq!(
            ini_lines(&section),
            [
                "processes = 2",
                "if-exists = /x",
                "processes = 3",
                "endif =",
                "processes = 2"
            ]
        );
        // Within one block, as outside.
        let mut section = Section::new();
        section
            .add_option("if-exists", "/x")
            .add_option("processes", 3)
            .add_option("print", "between")
            .add_option("processes", 4)
            .add_option("endif", "");
        assert_eq!(kinds(&section), [ProblemKind::Conflict]);
    }

    #[test]
    fn an_accumulating_option_in_a_section_read_earlier_is_a_second_line() {
        let config = |autoinclude: bool| {
            let mut first = Section::new();
            first.set_option("chmod-socket", "660");
            let mut app = Section::named("app");
            app.set_option("chmod", "600");
            let mut config = crate::Config::new();
            config
                .add_section(first)
                .add_section(app)
                .autoinclude(autoinclude);
            config
        };
        let problems = config(true).to_ini().unwrap_err().into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind(), ProblemKind::Conflict);
        assert_eq!(problems[0].blame().option(), Some("chmod"));
        assert!(
            problems[0].message().contains("section `uwsgi`"),
            "{}",
            problems[0]
        );
        // Without autoinclude [app] is read alone (`--ini file:app`).
        assert!(config(false).to_ini().is_ok());
    }

    // ---- aliases: names uWSGI gives one setting ----

    #[test]
    fn aliases_set_to_different_values_conflict() {
        let mut section = Section::new();
        section
            .add_option("processes", 2)
            .add_option("env", "A=1")
            .add_option("workers", 4);
        let found = problems(&section);
        assert_eq!(found.len(), 1, "{found:?}");
        let conflict = &found[0];
        assert_eq!(conflict.kind(), ProblemKind::Conflict);
        // Blamed on the second spelling, naming both.
        assert_eq!(conflict.call(), Some(2));
        assert_eq!(conflict.blame().option(), Some("workers"));
        assert_eq!(conflict.value(), Some("4"));
        assert!(
            conflict
                .message()
                .contains("`processes` and `workers` are one uWSGI option"),
            "{conflict}"
        );
        assert!(conflict.message().contains(r#""2" and "4""#), "{conflict}");
        assert_eq!(
            conflict.fix(),
            Some("set one of `processes` and `workers`, once")
        );
        // Strings and switches too, in any order of the names.
        let mut section = Section::new();
        section
            .add_option("stats-server", "/run/b.sock")
            .add_option("stats", "/run/a.sock");
        assert_eq!(kinds(&section), [ProblemKind::Conflict]);
    }

    #[test]
    fn aliases_set_to_one_value_are_one_line() {
        let mut section = Section::new();
        section
            .add_option("processes", 2)
            .add_option("env", "A=1")
            .add_option("workers", 2);
        assert_eq!(ini_lines(&section), ["processes = 2", "env = A=1"]);
        // Across a line that keeps its place, both stay (as for a name set again).
        let mut section = Section::new();
        section
            .add_option("processes", 2)
            .add_option("print", "between")
            .add_option("workers", 2);
        assert_eq!(
            ini_lines(&section),
            ["processes = 2", "print = between", "workers = 2"]
        );
    }

    #[test]
    fn an_alias_in_a_block_may_replace_a_value_outside() {
        let mut section = Section::new();
        section
            .add_option("processes", 2)
            .add_option("if-exists", "/x")
            .add_option("workers", 3)
            .add_option("endif", "")
            .add_option("if-not-exists", "/x")
            .add_option("workers", 5)
            .add_option("endif", "");
        assert_eq!(kinds(&section), []);
        // Within one block, as outside.
        let mut section = Section::new();
        section
            .add_option("if-exists", "/x")
            .add_option("processes", 3)
            .add_option("workers", 4)
            .add_option("endif", "");
        assert_eq!(kinds(&section), [ProblemKind::Conflict]);
        // A block between two values outside does not separate them.
        let mut section = Section::new();
        section
            .add_option("workers", 2)
            .add_option("if-exists", "/x")
            .add_option("env", "A=1")
            .add_option("endif", "")
            .add_option("processes", 4);
        assert_eq!(kinds(&section), [ProblemKind::Conflict]);
    }

    // ---- setters that add to what they hold ----

    /// The problems of a section, with the option and value each is blamed on.
    fn blamed(section: &Section) -> Vec<(ProblemKind, Option<String>, Option<String>)> {
        problems(section)
            .iter()
            .map(|p| {
                (
                    p.kind(),
                    p.blame().option().map(str::to_string),
                    p.value().map(str::to_string),
                )
            })
            .collect()
    }

    fn conflict_on(
        option: &str,
        value: &str,
    ) -> Vec<(ProblemKind, Option<String>, Option<String>)> {
        vec![(
            ProblemKind::Conflict,
            Some(option.to_string()),
            Some(value.to_string()),
        )]
    }

    #[test]
    fn a_second_chmod_socket_line_is_refused_across_a_line_that_keeps_its_place() {
        for second in ["666", "600"] {
            let mut section = Section::new();
            section
                .add_option("chmod-socket", "666")
                .add_option("print", "between")
                .add_option("chmod-socket", second);
            assert_eq!(blamed(&section), conflict_on("chmod-socket", second));
        }
        let mut section = Section::new();
        section
            .add_option("chmod-socket", "666")
            .add_option("print", "between")
            .add_option("chmod-socket", "600");
        let found = problems(&section);
        assert_eq!(found[0].call(), Some(2));
        assert!(
            found[0]
                .message()
                .contains("uWSGI adds the digits of each `chmod-socket` line to the mode it holds"),
            "{}",
            found[0]
        );
        assert!(
            found[0]
                .message()
                .contains("666 then 600 gives 6600, with setuid and setgid"),
            "{}",
            found[0]
        );
        assert_eq!(
            found[0].fix(),
            Some("set `chmod-socket` once, with the whole mode")
        );
    }

    #[test]
    fn a_second_chmod_socket_line_is_refused_in_a_block_and_outside() {
        // A block's value does not replace the one outside: both are applied.
        let mut section = Section::new();
        section
            .add_option("chmod-socket", "664")
            .add_option("if-exists", "/x")
            .add_option("chmod-socket", "660")
            .add_option("endif", "");
        assert_eq!(blamed(&section), conflict_on("chmod-socket", "660"));
        assert!(problems(&section)[0]
            .message()
            .contains("664 then 660 gives 4660, with setuid"));
        // Inside first, then outside.
        let mut section = Section::new();
        section
            .add_option("if-exists", "/x")
            .add_option("chmod-socket", "660")
            .add_option("endif", "")
            .add_option("chmod-socket", "660");
        assert_eq!(blamed(&section), conflict_on("chmod-socket", "660"));
        // In two blocks.
        let mut section = Section::new();
        section
            .add_option("if-exists", "/x")
            .add_option("chmod-socket", "660")
            .add_option("endif", "")
            .add_option("if-not-exists", "/x")
            .add_option("chmod-socket", "600")
            .add_option("endif", "");
        assert_eq!(blamed(&section), conflict_on("chmod-socket", "600"));
    }

    #[test]
    fn a_second_chmod_line_is_refused_under_the_alias() {
        let mut section = Section::new();
        section
            .add_option("chmod-socket", "666")
            .add_option("print", "between")
            .add_option("chmod", "600");
        assert_eq!(blamed(&section), conflict_on("chmod", "600"));
        let found = problems(&section);
        assert!(
            found[0]
                .message()
                .contains("each `chmod-socket` and `chmod` line"),
            "{}",
            found[0]
        );
        assert_eq!(
            found[0].fix(),
            Some("set one of `chmod-socket` and `chmod`, once, with the whole mode")
        );
        // `set = chmod=600` defines `chmod` as a line of its own would.
        let mut section = Section::new();
        section
            .add_option("chmod-socket", "666")
            .add_option("if-exists", "/x")
            .add_option("set", "chmod=600")
            .add_option("endif", "");
        assert_eq!(blamed(&section), conflict_on("chmod", "600"));
        // Different values in one stretch: one problem, in the same words.
        let mut section = Section::new();
        section
            .add_option("chmod", "666")
            .add_option("chmod-socket", "600");
        assert_eq!(blamed(&section), conflict_on("chmod-socket", "600"));
        assert!(problems(&section)[0].message().contains("gives 6600"));
    }

    #[test]
    fn one_chmod_socket_line_is_fine_and_an_equal_one_in_its_stretch_collapses() {
        let mut section = Section::new();
        section
            .add_option("chmod-socket", "660")
            .add_option("if-exists", "/x")
            .add_option("env", "A=1")
            .add_option("endif", "");
        assert_eq!(kinds(&section), []);
        // The same value again, under either name, with nothing between: one line written.
        let mut section = Section::new();
        section
            .add_option("chmod-socket", "660")
            .add_option("env", "A=1")
            .add_option("chmod-socket", "660")
            .add_option("chmod", "660");
        assert_eq!(ini_lines(&section), ["chmod-socket = 660", "env = A=1"]);
    }

    #[test]
    fn a_chmod_socket_line_in_a_for_block_is_refused() {
        // Applied once per item: `for = a b` makes 664 into 4664.
        let mut section = Section::new();
        section
            .add_option("for", "a b")
            .add_option("chmod-socket", "664")
            .add_option("endfor", "");
        assert_eq!(blamed(&section), conflict_on("chmod-socket", "664"));
        let found = problems(&section);
        assert!(
            found[0].message().contains("664 then 664 gives 4664"),
            "{}",
            found[0]
        );
        assert_eq!(
            found[0].fix(),
            Some("set `chmod-socket` once, outside the `for` block")
        );
    }

    #[test]
    fn other_accumulating_setters_refuse_a_second_line() {
        let mut section = Section::new();
        section
            .add_option("logfile-chmod", "644")
            .add_option("print", "between")
            .add_option("logfile-chmod", "600");
        assert_eq!(blamed(&section), conflict_on("logfile-chmod", "600"));
        assert!(problems(&section)[0]
            .message()
            .contains("644 then 600 gives 4600, with setuid"));
        for option in ["unshare", "unshare2", "emperor-use-clone"] {
            let mut section = Section::new();
            section
                .add_option(option, "uts")
                .add_option("if-exists", "/x")
                .add_option(option, "ipc")
                .add_option("endif", "");
            assert_eq!(blamed(&section), conflict_on(option, "ipc"));
            assert_eq!(
                problems(&section)[0].fix(),
                Some(format!("list every namespace in one `{option}` line (uts,ipc)").as_str())
            );
        }
        // The same namespaces in each item of a `for` block are joined to themselves.
        let mut section = Section::new();
        section
            .add_option("for", "a b")
            .add_option("unshare", "uts")
            .add_option("endfor", "");
        assert_eq!(kinds(&section), []);
        // Setters that replace are unchanged: a block may replace a value outside.
        let mut section = Section::new();
        section
            .add_option("umask", "022")
            .add_option("if-exists", "/x")
            .add_option("umask", "077")
            .add_option("endif", "");
        assert_eq!(kinds(&section), []);
        assert!(options::lookup("chmod").unwrap().accumulates());
        assert!(!options::lookup("cap").unwrap().accumulates());
    }

    #[test]
    fn a_typed_method_and_another_name_for_its_option_conflict() {
        use crate::groups::workers::BasicParams;
        // `set_basic_params` writes `workers`; the user adds `processes`.
        let mut section = Section::new();
        section
            .workers()
            .set_basic_params(BasicParams::new().count(4));
        section.add_option("processes", 2);
        let found = problems(&section);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind(), ProblemKind::Conflict);
        assert_eq!(found[0].blame().option(), Some("processes"));
        // The same count under both names is one line, the method's.
        let mut section = Section::new();
        section
            .workers()
            .set_basic_params(BasicParams::new().count(4));
        section.add_option(options::key::PROCESSES, 4);
        assert_eq!(ini_lines(&section), ["workers = 4"]);
        // set_option replaces the value under any name, in its place.
        let mut section = Section::new();
        section
            .workers()
            .set_basic_params(BasicParams::new().count(4));
        section.set_option("env", "A=1").set_option("processes", 8);
        assert_eq!(ini_lines(&section), ["processes = 8", "env = A=1"]);
        // And false removes a switch under any name.
        let mut section = Section::new();
        section.set_option("stats-minified", true);
        section.set_option("stats-min", false);
        assert_eq!(ini_lines(&section), [] as [&str; 0]);
    }

    #[test]
    fn blocks_cannot_nest_or_stay_open() {
        let mut section = Section::new();
        section
            .add_option("if-exists", "/x")
            .add_option("if-env", "A")
            .add_option("endif", "");
        let found = problems(&section);
        assert_eq!(found.len(), 1);
        assert!(found[0].message().contains("nest"), "{}", found[0]);

        let mut section = Section::new();
        section
            .add_option("for", "a b")
            .add_option("env", Value::from("X=") + Value::placeholder("_"));
        let found = problems(&section);
        assert_eq!(found.len(), 1);
        assert!(found[0].message().contains("never ends"), "{}", found[0]);
        assert!(found[0].fix().unwrap().contains("endfor"));
    }

    // ---- integer ranges (issue 7, item 8) ----

    #[test]
    fn integers_out_of_the_setter_range_are_refused() {
        // The values measured on uWSGI 2.0.21 (issue 7): 2 workers, backlog 10, -1.
        for (key, value) in [
            ("processes", "4294967298"),
            ("listen", "4294967306"),
            ("ksm", "4294967295"),
            ("processes", "-1"),
            ("max-requests", "-1"),
            ("buffer-size", "65536"),
            ("limit-as", "17592186044416"),
            ("prio", "4294967295"),
            ("processes", "123456789012345678901234567890123456789012345"),
        ] {
            let found = problems(&with_option(key, value));
            assert_eq!(found.len(), 1, "{key} = {value}: {found:?}");
            assert_eq!(found[0].kind(), ProblemKind::InvalidValue);
            let range = options::lookup(key).unwrap().int_range().unwrap();
            let named = format!("from {} to {}", range.start(), range.end());
            assert!(found[0].message().contains(&named), "{}", found[0]);
        }
    }

    #[test]
    fn integers_at_the_edges_of_every_setter_range_are_accepted() {
        for spec in options::all().iter().filter(|s| !s.takes_bool()) {
            let Some(range) = spec.int_range() else {
                continue;
            };
            for edge in [*range.start(), *range.end()] {
                let found = problems(&with_option(spec.name(), edge.to_string()));
                let integer_problem = found.iter().any(|p| p.kind() == ProblemKind::InvalidValue);
                assert!(!integer_problem, "{} = {edge}: {found:?}", spec.name());
            }
            for outside in [range.start() - 1, range.end() + 1] {
                let found = problems(&with_option(spec.name(), outside.to_string()));
                let integer_problem = found.iter().any(|p| p.kind() == ProblemKind::InvalidValue);
                assert!(integer_problem, "{} = {outside}", spec.name());
            }
        }
        // Leading zeros and a negative zero read as the number they show.
        assert!(problems(&with_option("buffer-size", "0065535")).is_empty());
        assert!(problems(&with_option("processes", "-0")).is_empty());
    }

    // ---- variables where uWSGI re-reads them (issue 7, item 9) ----

    fn hook(action: Action) -> Section {
        let mut section = Section::new();
        section.main_process().set_hook(Phase::ASAP, action);
        section
    }

    #[test]
    fn printf_text_takes_no_variable() {
        for text in [
            Value::env("X"),
            Value::from("a ") + Value::file("/f"),
            Value::placeholder("p") + " b",
            Value::from("in ") + MagicVar::ConfigDir,
            Value::from(MagicVar::HostName),
        ] {
            let found = problems(&hook(Action::printout(text.clone())));
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].kind(), ProblemKind::MisplacedVariable);
            assert!(found[0].message().contains("printf"), "{}", found[0]);
        }
        assert!(problems(&hook(Action::parse("log:100% $(X)"))).is_empty());
        // Values of a fixed form hold no `%`.
        let fine = Value::from("cores: ") + MagicVar::CpuCores + " version " + MagicVar::Version;
        assert!(problems(&hook(Action::printout(fine))).is_empty());
    }

    #[test]
    fn a_variable_next_to_a_sigil_is_refused() {
        let refused = [
            Value::from("user@") + Value::env("X"),
            Value::from("user@") + Value::file("/f"),
            Value::from("a$") + Value::env("X"),
            Value::from("100%") + Value::env("X"),
            Value::from("100%") + Value::file("/f"),
            Value::from("100%") + Value::placeholder("p"),
            Value::from("@") + MagicVar::HostName,
            Value::env("X") + "(HOME)",
            Value::file("/f") + "(x)",
            Value::placeholder("p") + "(x)",
            Value::from(MagicVar::ConfigName) + "(x)",
            Value::env("A") + Value::env("B"),
            Value::placeholder("a") + Value::file("/b"),
        ];
        for value in refused {
            let found = kinds(&with_option("procname", value.clone()));
            assert_eq!(found, [ProblemKind::MisplacedVariable], "{value}");
        }
        let accepted = [
            // That pass is over when the variable is replaced.
            Value::from("a$") + Value::file("/f"),
            Value::from("a$") + Value::placeholder("p"),
            Value::from("user@") + Value::placeholder("p"),
            // Something else between them.
            Value::from("user@-") + Value::env("X"),
            Value::env("A") + "-" + Value::env("B"),
            Value::env("X") + " (x)",
            // Absolute paths and numbers never start with `(`.
            Value::from("@") + MagicVar::ConfigDir,
            Value::from("%") + MagicVar::CpuCores,
            Value::from(MagicVar::ConfigDir) + "(x)",
            Value::from(MagicVar::ConfigDir) + Value::env("X"),
        ];
        for value in accepted {
            assert_eq!(
                kinds(&with_option("procname", value.clone())),
                [],
                "{value}"
            );
        }
    }
}
