//! Rendering: validate a section once, then write it in a format (INI file or command line).
//!
//! Validation (this module) turns a section's recorded directives into the lines to write,
//! with every problem found; encoding ([`encode`]) makes each value reach uWSGI exactly as
//! given in the chosen format; [`ini`] and [`args`] lay the lines out.

pub(crate) mod args;
pub(crate) mod encode;
pub(crate) mod ini;

use crate::error::{Problem, ProblemKind};
use crate::options::{self, OptionKind, OptionSpec};
use crate::section::{Content, Directive, Section};
use crate::value::Value;
use crate::{Phase, Target};

/// Names for the `set-placeholder` entries that carry literal text past uWSGI's expansion
/// passes; unique across every section of one render.
#[derive(Debug, Default)]
pub(crate) struct Placeholders {
    used: usize,
}

impl Placeholders {
    pub(crate) fn next_name(&mut self) -> String {
        self.used += 1;
        format!("uwsgiconf-literal-{}", self.used)
    }
}

/// One line to write.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    pub(crate) spec: &'static OptionSpec,
    pub(crate) content: LineContent<'a>,
    pub(crate) origin: &'static str,
    pub(crate) call: Option<usize>,
}

#[derive(Debug, Clone)]
pub(crate) enum LineContent<'a> {
    On,
    Value(&'a Value),
}

impl<'a> Line<'a> {
    fn from_directive(directive: &'a Directive) -> Line<'a> {
        Line {
            spec: directive.spec,
            content: match &directive.content {
                Content::On => LineContent::On,
                Content::Value(value) => LineContent::Value(value),
            },
            origin: directive.origin,
            call: Some(directive.call),
        }
    }

    fn implied(key: &str) -> Line<'a> {
        Line {
            spec: options::known(key),
            content: LineContent::On,
            origin: "implied",
            call: None,
        }
    }

    fn value(&self) -> Option<&'a Value> {
        match self.content {
            LineContent::Value(value) => Some(value),
            LineContent::On => None,
        }
    }
}

/// The validated lines of a section, in writing order, and every problem found.
pub(crate) fn lines(section: &Section) -> (Vec<Line<'_>>, Vec<Problem>) {
    let mut problems: Vec<Problem> = section.recorded_problems().to_vec();
    check_section_name(section.name(), &mut problems);

    // Group by option, in order of first appearance (as uwsgiconf does); repeated
    // single-valued options collapse when equal and conflict otherwise.
    let mut groups: Vec<Vec<Line<'_>>> = Vec::new();
    for directive in section.directives() {
        let line = Line::from_directive(directive);
        match groups
            .iter_mut()
            .find(|g| g[0].spec.name == directive.spec.name)
        {
            Some(group) if directive.spec.is_list() => group.push(line),
            Some(group) => {
                let same = group.iter().any(|l| same_content(l, &line));
                if !same {
                    group.push(line);
                }
            }
            None => groups.push(vec![line]),
        }
    }
    for group in &mut groups {
        let spec = group[0].spec;
        if !spec.is_list() && group.len() > 1 {
            let values: Vec<String> = group.iter().map(shown).collect();
            problems.push(
                Problem::new(
                    ProblemKind::Conflict,
                    group[1].origin,
                    format!(
                        "`{}` takes one value but was set to {}",
                        spec.name,
                        values.join(" and ")
                    ),
                )
                .with_value(raw(&group[1]))
                .with_fix("set it once (set_option replaces an earlier value)")
                .with_call(group[1].call),
            );
            group.truncate(1);
        }
        check_available(section.target(), &group[0], &mut problems);
        if spec.kind == OptionKind::Int {
            group
                .iter()
                .for_each(|line| check_integer(line, &mut problems));
        }
        if spec.name == "hook-as-emperor-setns" && spec.available_in(section.target()) {
            group
                .iter()
                .for_each(|line| check_setns_hook(line, &mut problems));
        }
    }

    check_owner(section, &groups, &mut problems);
    // Each option group's rules across directives.
    crate::master_process::check(section, &groups, &mut problems);
    crate::workers::check(&groups, &mut problems);

    // immediate-uid gives up root, after which immediate-gid cannot work.
    let position =
        |groups: &[Vec<Line<'_>>], key: &str| groups.iter().position(|g| g[0].spec.name == key);
    if let (Some(uid), Some(gid)) = (
        position(&groups, "immediate-uid"),
        position(&groups, "immediate-gid"),
    ) {
        if uid < gid {
            let gid_group = groups.remove(gid);
            groups.insert(uid, gid_group);
        }
    }

    let mut out: Vec<Line<'_>> = Vec::with_capacity(section.directives().len() + 2);
    if section.is_strict() {
        // Written first; a `strict` set as an option as well would be a second line.
        groups.retain(|g| g[0].spec.name != "strict");
        out.push(Line::implied("strict"));
    }
    let has = |key: &str| groups.iter().any(|g| g[0].spec.name == key);
    let needs_master = has("hook-touch") && !has("master");
    out.extend(groups.into_iter().flatten());
    if needs_master {
        // hook-touch never fires without the master, and does not turn it on itself.
        out.push(Line::implied("master"));
    }

    problems.sort_by_key(|p| p.call().unwrap_or(usize::MAX));
    (out, problems)
}

fn same_content(a: &Line<'_>, b: &Line<'_>) -> bool {
    match (&a.content, &b.content) {
        (LineContent::On, LineContent::On) => true,
        (LineContent::Value(x), LineContent::Value(y)) => x == y,
        _ => false,
    }
}

/// The value as the user gave it, for [`Problem::with_value`].
fn raw(line: &Line<'_>) -> String {
    match line.content {
        LineContent::On => "true".into(),
        LineContent::Value(value) => value.to_string(),
    }
}

fn shown(line: &Line<'_>) -> String {
    match line.content {
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

/// uWSGI reads integer options with atoi()/strtoll(): `abc` or `5k` silently become 0 or 5.
fn check_integer(line: &Line<'_>, problems: &mut Vec<Problem>) {
    let Some(text) = line.value().and_then(Value::as_literal) else {
        return;
    };
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        problems.push(
            Problem::new(
                ProblemKind::InvalidValue,
                line.origin,
                format!(
                    "`{}` takes an integer, and uWSGI would read this as another number",
                    line.spec.name
                ),
            )
            .with_value(text)
            .with_fix("give a whole number, such as 4")
            .with_call(line.call),
        );
    }
}

/// How to raise the target, in the API and in the macro.
fn target_fix(target: Target) -> String {
    format!("target uWSGI {target} (Section::set_target, or target(\"{target}\") in uwsgi_config!)")
}

fn check_available(target: Target, line: &Line<'_>, problems: &mut Vec<Problem>) {
    let spec = line.spec;
    if spec.available_in(target) {
        return;
    }
    let phase = spec.name.strip_prefix("hook-").and_then(Phase::from_name);
    let problem = match (phase, spec.first_target()) {
        (Some(phase), _) => Problem::new(
            ProblemKind::UnavailablePhase,
            line.origin,
            format!(
                "hook phase `{phase}` exists only in uWSGI {}",
                phase.first_target()
            ),
        )
        .with_value(phase.const_name())
        .with_fix(target_fix(phase.first_target())),
        (None, Some(first)) if first > target => Problem::new(
            ProblemKind::UnavailableOption,
            line.origin,
            if spec.in_2_0_31 {
                // Target 2.0 needs the option in 2.0.21 as well as in 2.0.31.
                format!(
                    "`{}` is missing from uWSGI 2.0.21 (it came in 2.0.31), and target 2.0 \
                     covers 2.0.21 to 2.0.31",
                    spec.name
                )
            } else {
                format!("`{}` exists only in uWSGI {first}", spec.name)
            },
        )
        .with_value(spec.name)
        .with_fix(format!("drop it, or {}", target_fix(first))),
        _ => Problem::new(
            ProblemKind::UnavailableOption,
            line.origin,
            format!("`{}` does not exist in uWSGI {target}", spec.name),
        )
        .with_value(spec.name)
        .with_fix("drop it"),
    };
    problems.push(problem.with_call(line.call));
}

/// uWSGI 2.1 reads `hook-as-emperor-setns = <ns>[,<ns>...] <action>:<args>` (hooks.c,
/// `uwsgi_hooks_setns_run`): the namespaces come first, and the action cannot be private. An
/// action alone (what `set_hook` writes) is taken for the namespace list and the hook fails.
fn check_setns_hook(line: &Line<'_>, problems: &mut Vec<Problem>) {
    let Some(text) = line.value().and_then(Value::as_literal) else {
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
                line.origin,
                "`hook-as-emperor-setns` takes the namespaces to enter, a space, then a \
                 (non-private) action: uWSGI would fail on this line",
            )
            .with_value(text)
            .with_fix(
                "write the line whole: add_option(\"hook-as-emperor-setns\", \
                 \"net,mnt exec:ip link\")",
            )
            .with_call(line.call),
        );
    }
}

/// uid/gid rules measured on uWSGI 2.0.21 (see the crate docs): a numeric 0 is read as a
/// *name* and fails, `uid` without `gid` keeps the root group, `add-gid` needs `gid`.
fn check_owner(section: &Section, groups: &[Vec<Line<'_>>], problems: &mut Vec<Problem>) {
    let find = |key: &str| groups.iter().find(|g| g[0].spec.name == key).map(|g| &g[0]);
    let uid = find("uid");
    let gid = find("gid");
    let immediate_uid = find("immediate-uid");
    let immediate_gid = find("immediate-gid");

    let mut push = |line: &Line<'_>, kind, message: &str, fix: &str| {
        problems.push(
            Problem::new(kind, line.origin, message)
                .with_value(line.value().map(Value::to_string).unwrap_or_default())
                .with_fix(fix)
                .with_call(line.call),
        );
    };

    // An immediate gid also drops the root group (setgid + setgroups(0) while parsing).
    if let (Some(uid), None) = (uid, gid.or(immediate_gid)) {
        push(
            uid,
            ProblemKind::UidWithoutGid,
            "uid without gid: uWSGI would keep the root group",
            "set gid too",
        );
    }
    if let (Some(uid), None) = (immediate_uid, immediate_gid) {
        push(
            uid,
            ProblemKind::UidWithoutGid,
            "immediate uid without immediate gid: uWSGI would keep the root group",
            "set gid too (with set_asap, both are immediate)",
        );
    }
    for (late, immediate, what) in [(uid, immediate_uid, "uid"), (gid, immediate_gid, "gid")] {
        if let (Some(late), Some(_)) = (late, immediate) {
            push(
                late,
                ProblemKind::Conflict,
                &format!("{what} is set both immediately and at privilege drop"),
                "set the owner once, with or without set_asap",
            );
        }
    }
    if let (Some(add), None) = (find("add-gid"), gid) {
        push(
            add,
            ProblemKind::AddGidWithoutGid,
            "add-gid without gid: uWSGI ignores it (an immediate gid does not count)",
            "set gid too, without set_asap",
        );
    }

    for (line, what, immediate) in [
        (uid, "user", false),
        (immediate_uid, "user", true),
        (gid, "group", false),
        (immediate_gid, "group", true),
    ] {
        let Some(line) = line else { continue };
        let Some(text) = line.value().and_then(Value::as_literal) else {
            continue;
        };
        if !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit())
            && text.bytes().all(|b| b == b'0')
        {
            push(
                line,
                ProblemKind::RunsAsRoot,
                &format!(
                    "uWSGI reads a {what} id of 0 as a name and fails (\"{what} 0 not found\")"
                ),
                "use an unprivileged id; to stay root write the name `root` with allow_root",
            );
        } else if text == "root" && immediate {
            push(
                line,
                ProblemKind::RunsAsRoot,
                &format!(
                    "uWSGI refuses root as an immediate {what} (\"invalid {} 0\")",
                    if what == "user" { "uid" } else { "gid" }
                ),
                "use an unprivileged id, or drop set_asap",
            );
        } else if text == "root" && !section.root_allowed() {
            push(
                line,
                ProblemKind::RunsAsRoot,
                &format!("running uWSGI with root as its {what} is unsafe"),
                "use an unprivileged id, or say allow_root = true",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{ProblemKind, Section};

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
}
