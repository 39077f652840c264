//! The oracle: what the issue demands of every generated scenario.
//!
//! Each config is rendered in its format. A refusal must be one the issue allows for that
//! input (`plan::Reason`): every problem's kind must match a reason recorded for its call
//! (or for the config, for a problem without a call); plainly valid input has none. What
//! renders is loaded together, in order, and read with the model in three worlds (every
//! `if-*` taken, none taken, as on the test machine); the read-back must be exactly what the
//! user recorded, read the ideal way (literal text literal, variables resolved once, each
//! directive where it was written):
//! - the control-flow directives, in order, with their values;
//! - between two of them, per option: repeatable options (uWSGI's lists, `print`, `ini`,
//!   `include`, placeholders) the same values in the same order (in any order when some
//!   come from `set key=value`: grouping by option may keep `set` lines apart),
//!   single-valued options the same set of values; no directive more, none less, no value
//!   changed. Two tolerances, for what the issue leaves open: a value `set_option` replaced
//!   from another segment may be gone or kept (not moved), and a repetition of a
//!   single-valued option that changes nothing (a copy inside a block of one outside any
//!   block, or a later copy outside any block) may be collapsed;
//! - the renderer's own placeholders (any `set-placeholder` whose name the user did not
//!   define) are left out; a user's placeholder defined twice counts twice;
//! - uWSGI does not exit on it (strict mode, recursive logic, a switch in a taken block on
//!   the command line...), unless the user's own value makes it exit loudly (a negative
//!   `int`, an immediate id that is no user or group);
//! - integers within the range of the C type their setter stores;
//! - printf text (typed `print` actions) printing exactly the text given;
//! - no uid, gid or add-gid taken from a variable without `allow_root` (item 3);
//! - after the privilege drop (started as root): when the user set a uid, neither the uid,
//!   the gid nor a supplementary group is 0; when they set a gid, the gid is not 0; when
//!   they set add-gid, no group is 0; unless `allow_root` was set. Sections a plain
//!   `--ini <file>` does not read and `if-*` blocks not taken do not apply.
//!
//! Sections of an INI config that a plain `--ini <file>` does not read are also loaded alone
//! (`--ini <file>:<name>`) and must read back exactly.

use std::collections::HashSet;

use uwsgiconf_core::options::{self, OptionKind};
use uwsgiconf_core::{Error, ProblemKind};

use super::model::{self, is_list_like, is_logic, Entry, Load, Walkable, Walker, World};
use super::plan::{
    self, int_range, is_owner_key, BuiltConfig, BuiltSection, Exp, Format, Scenario, LEGACY_KINDS,
    NEW, P, V,
};

/// An expected value on its way through the walker.
#[derive(Debug, Clone)]
pub struct ExpVal {
    pub v: V,
    pub optional: bool,
    pub printf: Option<V>,
}

impl Walkable for ExpVal {
    fn split_assignment(&self) -> Option<(String, Self)> {
        let (key, rest) = self.v.split_assignment()?;
        Some((
            key,
            ExpVal {
                v: rest,
                optional: self.optional,
                printf: None,
            },
        ))
    }

    fn substitute(&self, _data: &str) -> Self {
        // The scenarios never write `%(_)`.
        self.clone()
    }

    fn text(&self) -> String {
        self.v
            .literal_text()
            .unwrap_or_else(|| format!("{:?}", self.v))
    }
}

/// A directive read back, ready to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Norm {
    /// A config-logic directive.
    Boundary(String, String),
    /// Any other directive. On the expected side only: `optional` (may be missing) and
    /// `via_set` (defined by `set key=value`: its order among the option's other values in
    /// the same segment is free, since grouping by option may keep `set` lines apart).
    Dir {
        key: String,
        value: String,
        optional: bool,
        via_set: bool,
    },
}

/// Walks the user's directives as uWSGI would in `world` (blocks, `set`, placeholders).
pub fn walk_expected(exps: &[&Exp], world: World) -> Vec<Entry<ExpVal>> {
    let mut walker: Walker<ExpVal> = Walker::new(world);
    for exp in exps {
        walker.feed(
            &exp.key,
            ExpVal {
                v: exp.value.clone(),
                optional: exp.optional,
                printf: exp.printf.clone(),
            },
        );
    }
    // The expected side is what the user meant: unknown keys and the like are the crate's
    // to refuse, so a fatal reading here is ignored (the rendered side reports it).
    walker.entries
}

/// A value read the ideal way: literal text as is, each variable resolved once.
pub fn resolve(v: &V, entries: &[Entry<ExpVal>], depth: usize) -> String {
    let mut out = String::new();
    for part in &v.0 {
        match part {
            P::Lit(t) => out.push_str(t),
            P::Env(n) => out.push_str(&model::env_value(n)),
            P::File(n) => out.push_str(&model::file_value(n)),
            P::Magic(c) => out.push_str(&model::magic_value(*c)),
            P::Ph(name) => match entries.iter().find(|e| e.key == *name) {
                Some(entry) if depth < 8 => {
                    out.push_str(&resolve(&entry.value.v, entries, depth + 1))
                }
                _ => out.push_str(&format!("%({name})")),
            },
        }
    }
    out
}

/// Keys left out of the comparison: the assignments themselves (what they define is
/// compared), includes, and what the probes add.
fn skipped(key: &str) -> bool {
    matches!(
        key,
        "set" | "set-ph" | "set-placeholder" | "ini" | "include" | "strict" | "show-config"
    )
}

/// Read-back directives in comparable form; placeholders not defined by the user are the
/// renderer's and are left out.
/// One directive read back: key, value, defined by `set-placeholder`, optional, via `set`.
pub type ReadItem<'a> = (&'a str, String, bool, bool, bool);

pub fn normalize<'a>(
    items: impl IntoIterator<Item = ReadItem<'a>>,
    user_placeholders: &HashSet<String>,
) -> Vec<Norm> {
    items
        .into_iter()
        .filter(|(key, _, placeholder, _, _)| {
            !skipped(key) && (!placeholder || user_placeholders.contains(*key))
        })
        .map(|(key, value, _, optional, via_set)| {
            if is_logic(key) {
                Norm::Boundary(key.to_string(), value)
            } else {
                Norm::Dir {
                    key: key.to_string(),
                    value,
                    optional,
                    via_set,
                }
            }
        })
        .collect()
}

/// The user's directives in `world`, normalized.
pub fn expected_norm(exps: &[&Exp], world: World) -> Vec<Norm> {
    let entries = walk_expected(exps, world);
    let user = user_placeholders(exps);
    let resolved: Vec<ReadItem<'_>> = entries
        .iter()
        .map(|e| {
            (
                e.key.as_str(),
                resolve(&e.value.v, &entries, 0),
                e.placeholder,
                e.value.optional,
                e.via_set,
            )
        })
        .collect();
    normalize(resolved, &user)
}

/// The names the user defines with `set-placeholder`.
pub fn user_placeholders(exps: &[&Exp]) -> HashSet<String> {
    exps.iter()
        .filter(|e| matches!(e.key.as_str(), "set-placeholder" | "set-ph"))
        .filter_map(|e| e.value.split_assignment().map(|(name, _)| name))
        .collect()
}

/// What uWSGI read, normalized.
pub fn actual_norm(entries: &[Entry<String>], user: &HashSet<String>) -> Vec<Norm> {
    normalize(
        entries
            .iter()
            .map(|e| (e.key.as_str(), e.value.clone(), e.placeholder, false, false)),
        user,
    )
}

/// Between two control-flow directives: (key, value, optional, via `set`).
type Segment = Vec<(String, String, bool, bool)>;

fn split(items: &[Norm]) -> (Vec<(String, String)>, Vec<Segment>) {
    let mut boundaries = Vec::new();
    let mut segments = vec![Vec::new()];
    for item in items {
        match item {
            Norm::Boundary(key, value) => {
                boundaries.push((key.clone(), value.clone()));
                segments.push(Vec::new());
            }
            Norm::Dir {
                key,
                value,
                optional,
                via_set,
            } => segments.last_mut().expect("a segment").push((
                key.clone(),
                value.clone(),
                *optional,
                *via_set,
            )),
        }
    }
    (boundaries, segments)
}

/// Compares what the user asked for with what was read: `(property, key, message)` per
/// difference.
pub fn compare(expected: &[Norm], actual: &[Norm]) -> Vec<(&'static str, String, String)> {
    let (want_bounds, want_segments) = split(expected);
    let (got_bounds, got_segments) = split(actual);
    let (want, got) = (&want_segments, &got_segments);
    if want_bounds != got_bounds {
        return vec![(
            "control-flow",
            String::new(),
            format!("control flow differs: asked {want_bounds:?}, read {got_bounds:?}"),
        )];
    }
    // Whether an option's values are all there, only elsewhere: moved across control flow.
    let all = |segments: &[Segment], key: &str, required: bool| {
        let mut values: Vec<String> = segments
            .iter()
            .flatten()
            .filter(|(k, _, optional, _)| k == key && !(required && *optional))
            .map(|(_, v, _, _)| v.clone())
            .collect();
        values.sort();
        if !is_list_like(key) {
            values.dedup();
        }
        values
    };
    let mut out = Vec::new();
    for (index, (want, got)) in want.iter().zip(got).enumerate() {
        let mut keys: Vec<&str> = want
            .iter()
            .chain(got)
            .map(|(k, _, _, _)| k.as_str())
            .collect();
        keys.dedup();
        let mut seen = HashSet::new();
        for key in keys {
            if !seen.insert(key) {
                continue;
            }
            let asked: Vec<(&str, bool)> = want
                .iter()
                .filter(|(k, _, _, _)| k == key)
                .map(|(_, v, o, _)| (v.as_str(), *o))
                .collect();
            let read: Vec<&str> = got
                .iter()
                .filter(|(k, _, _, _)| k == key)
                .map(|(_, v, _, _)| v.as_str())
                .collect();
            let mixed_origins = want.iter().any(|(k, _, _, via_set)| k == key && *via_set);
            let fine = if is_list_like(key) && mixed_origins {
                // The same values, in any order (optional ones may be missing).
                let mut left: Vec<&str> = read.clone();
                let mut ok = true;
                for (value, optional) in &asked {
                    match left.iter().position(|r| r == value) {
                        Some(at) => {
                            left.remove(at);
                        }
                        None if *optional => {}
                        None => ok = false,
                    }
                }
                ok && left.is_empty()
            } else if is_list_like(key) {
                // In order; an optional value may be missing.
                let mut read_iter = read.iter().peekable();
                let mut ok = true;
                for (value, optional) in &asked {
                    match read_iter.peek() {
                        Some(r) if *r == value => {
                            read_iter.next();
                        }
                        _ if *optional => {}
                        _ => {
                            ok = false;
                            break;
                        }
                    }
                }
                ok && read_iter.next().is_none()
            } else {
                let required: HashSet<&str> =
                    asked.iter().filter(|(_, o)| !o).map(|(v, _)| *v).collect();
                let allowed: HashSet<&str> = asked.iter().map(|(v, _)| *v).collect();
                let read_set: HashSet<&str> = read.iter().copied().collect();
                required.is_subset(&read_set) && read_set.is_subset(&allowed)
            };
            if !fine {
                let where_ = if index == 0 {
                    "before any control flow".to_string()
                } else {
                    format!("after {:?}", want_bounds[index - 1])
                };
                let marker = |text: &str| text.matches(model::EXPANDED).count();
                let how = if all(&want_segments, key, true) == all(&got_segments, key, false) {
                    "moved"
                } else if read.iter().map(|r| marker(r)).sum::<usize>()
                    > asked.iter().map(|(a, _)| marker(a)).sum::<usize>()
                {
                    // A reference uWSGI expanded that the user did not write as one.
                    "expanded"
                } else if read.iter().all(|r| asked.iter().any(|(a, _)| a == r)) {
                    "dropped"
                } else {
                    "changed"
                };
                out.push((
                    "directives",
                    format!("{key} ({how})"),
                    format!("`{key}` {where_}: asked {asked:?}, read {read:?}"),
                ));
            }
        }
    }
    out
}

/// The `Debug` name of a problem kind, or [`NEW`] for a kind added after today.
pub fn kind_name(kind: ProblemKind) -> &'static str {
    let name = format!("{kind:?}");
    LEGACY_KINDS
        .iter()
        .copied()
        .find(|k| *k == name)
        .unwrap_or(NEW)
}

/// Problems not justified by the input: `(kind and option, message)`.
pub fn unjustified(config: &BuiltConfig, error: &Error) -> Vec<(String, String)> {
    error
        .problems()
        .iter()
        .filter(|p| {
            let kind = kind_name(p.kind());
            !config
                .reasons
                .iter()
                .any(|r| (p.call().is_none() || r.call == p.call()) && r.kinds.contains(&kind))
        })
        .map(|p| {
            // The option the message names, for the survey.
            let option = p.message().split('`').nth(1).unwrap_or_default();
            (
                format!("{:?} {option}", p.kind()),
                format!(
                    "refused plainly valid input: {p} (kind {:?}, call {:?})",
                    p.kind(),
                    p.call()
                ),
            )
        })
        .collect()
}

/// Renders a config in its format, as uWSGI will load it.
pub fn render(config: &BuiltConfig, index: usize) -> Result<Load, Error> {
    match config.format {
        Format::Ini => config.config.to_ini().map(|text| Load::Ini {
            file: format!("c{index}.ini"),
            text,
            section: "uwsgi".into(),
        }),
        Format::Args => config.config.to_args().map(Load::Args),
    }
}

/// What the user set about the owner, in every section of the loaded configs (read or not,
/// taken or not).
#[derive(Debug, Clone, Copy, Default)]
pub struct Intent {
    pub uid: bool,
    pub gid: bool,
    pub add_gid: bool,
    pub allow_root: bool,
}

fn defined_key(exp: &Exp) -> Option<(String, V)> {
    match exp.key.as_str() {
        "set" => exp.value.split_assignment(),
        "set-placeholder" | "set-ph" => None,
        _ => Some((exp.key.clone(), exp.value.clone())),
    }
}

/// The owner intent of some configs.
pub fn intent(configs: &[&BuiltConfig]) -> Intent {
    let mut intent = Intent::default();
    for section in configs.iter().flat_map(|c| &c.sections) {
        intent.allow_root |= section.allow_root;
        for (key, _) in section.exps.iter().filter_map(defined_key) {
            match key.as_str() {
                "uid" | "immediate-uid" => intent.uid = true,
                "gid" | "immediate-gid" => intent.gid = true,
                "add-gid" => intent.add_gid = true,
                _ => {}
            }
        }
    }
    intent
}

/// Whether an identity is root where the intent says it must not be; the reason if so.
pub fn root_left(intent: Intent, id: &model::Identity) -> Option<String> {
    if intent.allow_root {
        return None;
    }
    let root_group = id.gid == 0 || id.groups.contains(&0);
    if intent.uid && (id.uid == 0 || root_group) {
        Some(format!("a uid was set, yet uWSGI runs as {id:?}"))
    } else if intent.gid && id.gid == 0 {
        Some(format!("a gid was set, yet uWSGI keeps gid 0: {id:?}"))
    } else if intent.add_gid && id.groups.contains(&0) {
        Some(format!("add-gid was set, yet uWSGI keeps group 0: {id:?}"))
    } else {
        None
    }
}

/// Something the issue forbids, found in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Which property: `refusal`, `control-flow`, `directives`, `exits`, `root`, `printf`,
    /// `integer`, `owner-variable`.
    pub property: &'static str,
    /// The option concerned, when one is.
    pub key: String,
    /// What happened.
    pub text: String,
}

/// The result of checking one scenario.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Everything the issue forbids that happened; empty when all is well.
    pub violations: Vec<Violation>,
    /// Each config as rendered (or refused), for the failure message.
    pub renders: Vec<String>,
}

impl Outcome {
    fn violation(&mut self, property: &'static str, key: &str, text: String) {
        let violation = Violation {
            property,
            key: key.to_string(),
            text,
        };
        if !self.violations.contains(&violation) {
            self.violations.push(violation);
        }
    }

    /// The violations, one per line.
    pub fn describe(&self) -> String {
        self.violations
            .iter()
            .map(|v| format!("[{}] {}", v.property, v.text))
            .collect::<Vec<_>>()
            .join("\n  - ")
    }
}

/// What the owner settings of some configs have that may leave root (a survey key).
pub fn owner_features(configs: &[&BuiltConfig]) -> String {
    let mut features = Vec::new();
    for config in configs {
        let unread: Vec<&str> = config.unread_sections().iter().map(|s| s.name).collect();
        for section in &config.sections {
            for exp in &section.exps {
                let Some((key, v)) = defined_key(exp) else {
                    continue;
                };
                if !is_owner_key(&key) {
                    continue;
                }
                let text = v.literal_text().unwrap_or_default();
                let rootish =
                    text == "root" || (!text.is_empty() && text.bytes().all(|b| b == b'0'));
                for (present, feature) in [
                    (exp.key == "set", "via set"),
                    (exp.block.is_some(), "in a block"),
                    (unread.contains(&section.name), "unread section"),
                    (v.has_expanded_vars(), "variable"),
                    (rootish && key == "add-gid", "add-gid root"),
                    (rootish && key != "add-gid", "root id"),
                ] {
                    if present && !features.contains(&feature) {
                        features.push(feature);
                    }
                }
            }
        }
    }
    features.sort_unstable();
    features.join(", ")
}

/// Checks what the model reads from `loads` against what `sections` asked for.
fn check_reading(
    outcome: &mut Outcome,
    what: &str,
    sections: &[&BuiltSection],
    loads: &[Load],
    intent: Option<(Intent, String)>,
) {
    let exps: Vec<&Exp> = sections.iter().flat_map(|s| &s.exps).collect();
    let user = user_placeholders(&exps);
    for world in World::ALL {
        match model::read(loads, world) {
            Err(why) => {
                if !excused(&why, &exps, world) {
                    let class = why.split([':', '(']).next().unwrap_or_default().trim();
                    outcome.violation(
                        "exits",
                        class,
                        format!("{what}: uWSGI would exit ({world:?}): {why}"),
                    );
                }
                return;
            }
            Ok(entries) => {
                let want = expected_norm(&exps, world);
                let got = actual_norm(&entries, &user);
                for (property, key, difference) in compare(&want, &got) {
                    outcome.violation(property, &key, format!("{what} ({world:?}): {difference}"));
                }
                check_integers(outcome, &entries);
                if let Some((intent, features)) = &intent {
                    if let Ok(id) = model::identity(&entries) {
                        if let Some(why) = root_left(*intent, &id) {
                            outcome.violation(
                                "root",
                                features,
                                format!("{what} ({world:?}): runs as root: {why}"),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Whether uWSGI exiting is the user's own doing, which the renderer may write as given
/// (uWSGI then fails loudly): an `int` option set to a negative number (in range of the C
/// type), an immediate id that is not a user or group, immediate ids in the wrong order.
pub fn excused(why: &str, exps: &[&Exp], world: World) -> bool {
    let entries = walk_expected(exps, world);
    let values = |key: &str| -> Vec<String> {
        entries
            .iter()
            .filter(|e| e.key == key && !e.placeholder)
            .map(|e| resolve(&e.value.v, &entries, 0))
            .collect()
    };
    if let Some(key) = why
        .strip_prefix("invalid value for option \"")
        .and_then(|rest| rest.split('"').next())
    {
        return values(key).iter().any(|v| {
            v.parse::<i64>()
                .is_ok_and(|n| (i64::from(i32::MIN)..0).contains(&n))
        });
    }
    for key in ["immediate-uid", "immediate-gid"] {
        if let Some(value) = why.strip_prefix(&format!("invalid {key} value ")) {
            return values(key).iter().any(|v| format!("{v:?}") == value);
        }
    }
    if why.ends_with("(immediate-gid after immediate-uid)") {
        let position = |key: &str| entries.iter().position(|e| e.key == key);
        return matches!(
            (position("immediate-uid"), position("immediate-gid")),
            (Some(uid), Some(gid)) if uid < gid
        );
    }
    false
}

/// Integers uWSGI reads must fit the C type their setter stores.
fn check_integers(outcome: &mut Outcome, entries: &[Entry<String>]) {
    for entry in entries.iter().filter(|e| !e.placeholder) {
        let Some(spec) = options::lookup(&entry.key) else {
            continue;
        };
        if spec.kind != OptionKind::Int {
            continue;
        }
        let Some((low, high)) = int_range(spec.setter()) else {
            continue;
        };
        if let Ok(n) = entry.value.parse::<i128>() {
            if n < low || n > high {
                outcome.violation(
                    "integer",
                    &entry.key,
                    format!(
                        "uWSGI reads `{} = {n}`, outside {low}..={high}, the range of `{}`",
                        entry.key,
                        spec.setter()
                    ),
                );
            }
        }
    }
}

/// Checks the values the user recorded that were rendered: printf text and owner ids from
/// variables.
fn check_values(outcome: &mut Outcome, sections: &[&BuiltSection], allow_root: bool) {
    let exps: Vec<&Exp> = sections.iter().flat_map(|s| &s.exps).collect();
    let entries = walk_expected(&exps, World::AllTrue);
    for entry in &entries {
        if let Some(text) = &entry.value.printf {
            let hook = resolve(&entry.value.v, &entries, 0);
            let printed = resolve(text, &entries, 0);
            let format = hook.strip_prefix("print:").unwrap_or(&hook);
            match model::printf(format) {
                Err(conversion) => outcome.violation(
                    "printf",
                    &entry.key,
                    format!("printf text {format:?} holds the conversion {conversion}"),
                ),
                Ok(out) if out != printed => outcome.violation(
                    "printf",
                    &entry.key,
                    format!("printf text {format:?} prints {out:?}, not {printed:?}"),
                ),
                Ok(_) => {}
            }
        }
    }
    if !allow_root {
        for exp in &exps {
            if let Some((key, v)) = defined_key(exp) {
                if is_owner_key(&key) && v.has_expanded_vars() {
                    outcome.violation(
                        "owner-variable",
                        &key,
                        format!(
                            "`{key}` = {v:?} rendered: an id from a variable cannot be checked"
                        ),
                    );
                }
            }
        }
    }
}

/// Checks one scenario against everything the issue demands.
pub fn check(scenario: &Scenario) -> Outcome {
    let built = plan::build(scenario);
    let mut outcome = Outcome::default();
    let mut loads = Vec::new();
    let mut loaded: Vec<&BuiltConfig> = Vec::new();
    for (index, config) in built.iter().enumerate() {
        match render(config, index) {
            Ok(load) => {
                outcome.renders.push(format!("config {index}: {load:?}"));
                loads.push(load);
                loaded.push(config);
            }
            Err(error) => {
                outcome
                    .renders
                    .push(format!("config {index}: refused: {error}"));
                for (key, text) in unjustified(config, &error) {
                    outcome.violation("refusal", &key, format!("config {index}: {text}"));
                }
            }
        }
    }
    let read: Vec<&BuiltSection> = loaded.iter().flat_map(|c| c.read_sections()).collect();
    let intent = intent(&loaded);
    let features = owner_features(&loaded);
    check_reading(
        &mut outcome,
        "loaded together",
        &read,
        &loads,
        Some((intent, features)),
    );
    check_values(&mut outcome, &read, intent.allow_root);
    // Sections a plain `--ini <file>` does not read, loaded alone.
    for (config, load) in loaded.iter().zip(&loads) {
        for section in config.unread_sections() {
            if let Load::Ini { file, text, .. } = load {
                let alone = [Load::Ini {
                    file: file.clone(),
                    text: text.clone(),
                    section: section.name.to_string(),
                }];
                check_reading(
                    &mut outcome,
                    &format!("{file}:{}", section.name),
                    &[section],
                    &alone,
                    None,
                );
                check_values(&mut outcome, &[section], intent.allow_root);
            }
        }
    }
    outcome
}
