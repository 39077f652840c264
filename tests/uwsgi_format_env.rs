//! The environment format (`Section::to_env`, `Config::to_env`) against the real uWSGI.
//!
//! uWSGI runs through `support::Uwsgi::run_env`: the tests' own `UWSGI_*` variables are
//! removed and exactly the rendered ones are set, in a chosen order. uWSGI reads its
//! environment in order and no launcher promises one, so what the crate renders must not
//! depend on it: the strict probes run in the rendered order and reversed, the round trip in
//! both orders too.
//!
//! - Strict acceptance: every probe of `probes` (the main-process, master_process
//!   and workers methods with every parameter variant) is rendered to the environment and
//!   accepted in strict mode, with its negative control. A variable holds one value: a probe
//!   with a list of several entries is refused by the crate for that reason only, and its
//!   lines are then probed one entry at a time. Every action of `every_action` is accepted in
//!   every uWSGI 2.0 phase but `asap` (the environment's asap action would run before the
//!   stop; the asap option is probed with the stop itself).
//! - Hooks run: a sample of actions really runs from the environment, with text INI cannot
//!   carry (line breaks, trailing blanks).
//! - Round trip: the tricky-value corpus of `probes::values` through `--show-config`, each
//!   value exactly as given or refused for the documented reasons: in the corpus probe (nine
//!   options, where a value with `$(` or `@(` needs two `set-placeholder` variables and is
//!   refused) and alone in `procname` (one placeholder, read in the reversed order).
//! - A `Config` of several sections is one environment, with autoinclude.
//! - What the format relies on and refuses, measured: names, the names uWSGI skips, switch
//!   values, and the orders that change what uWSGI does.

mod probes;
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use probes::groups::{probes as group_probes, DIRECTIVES as GROUP_DIRECTIVES};
use probes::main_process::{
    every_action, main_process_directives, main_process_probes, strict_section,
};
use probes::values::{
    assert_printed, closes_placeholder, generated, probe, Checked, CURATED, GENERATED,
    PLACEHOLDER_PREFIX,
};
use support::{notice, EnvOrder, Output, Prepend, Uwsgi, BOGUS, STOP};
use uwsgiconf::options::{self, ArgKind};
use uwsgiconf::{
    Action, Config, MagicVar, OwnerParams, Phase, ProblemKind, RunOnEventParams, Section, Target,
    Value,
};

/// The option uWSGI reads from `variable`, as its `parse_sys_envs` spells it: the name after
/// `UWSGI_`, lower-cased, each `_` as `-`. Written here apart from the crate's mapping.
fn option_of(variable: &str) -> String {
    variable
        .strip_prefix("UWSGI_")
        .unwrap_or_else(|| panic!("{variable} does not start with UWSGI_"))
        .to_ascii_lowercase()
        .replace('_', "-")
}

/// The variable for `option`.
fn variable_of(option: &str) -> String {
    format!("UWSGI_{}", option.to_ascii_uppercase().replace('-', "_"))
}

/// The (option, value) lines of command-line arguments; a bare switch has no value.
fn arg_lines(args: &[String]) -> Vec<(String, Option<String>)> {
    let mut lines = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let flag = word
            .strip_prefix("--")
            .unwrap_or_else(|| panic!("{word:?} is not an option in {args:?}"));
        let line = match flag.split_once('=') {
            Some((key, value)) => (key.to_string(), Some(value.to_string())),
            None if options::lookup(flag).is_some_and(|spec| spec.arg == ArgKind::None) => {
                (flag.to_string(), None)
            }
            None => (
                flag.to_string(),
                Some(words.next().expect("a value").clone()),
            ),
        };
        lines.push(line);
    }
    lines
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

/// What a strict probe gave.
#[derive(Debug, Default)]
struct Probed {
    /// The options uWSGI accepted from the environment.
    accepted: BTreeSet<String>,
    /// The probes the crate refused only for lists of several entries, probed entry by entry.
    split: Vec<String>,
    /// The probes the crate refused for another reason, with the problems.
    refused: Vec<(String, Vec<String>)>,
    /// Asap actions other than the stop, which are not run from the environment.
    asap_skipped: usize,
}

const ONE_VALUE: &str = "would be written more than once, and the environment holds one value \
                         per option";

/// Probes `section` (strict, with the stop as its asap hook) from the environment.
fn probe_env(uwsgi: &Uwsgi, name: &str, section: &Section) -> Probed {
    let mut probed = Probed::default();
    let error = match section.to_env() {
        Ok(vars) => {
            for line in [("UWSGI_STRICT", "1"), ("UWSGI_HOOK_ASAP", STOP)] {
                assert!(
                    vars.contains(&(line.0.to_string(), line.1.to_string())),
                    "{name}: {line:?} missing from {vars:#?}"
                );
            }
            uwsgi.assert_strict_accepts_env(name, Prepend::Nothing, &vars);
            probed.accepted = vars.iter().map(|(v, _)| option_of(v)).collect();
            return probed;
        }
        Err(error) => error,
    };
    let messages: Vec<String> = error.problems().iter().map(|p| p.to_string()).collect();
    let repeats_only = error
        .problems()
        .iter()
        .all(|p| p.kind() == ProblemKind::Unrepresentable && p.message().ends_with(ONE_VALUE));
    if !repeats_only {
        probed.refused.push((name.to_string(), messages));
        return probed;
    }
    // Entry `k` of every option (its last one if it has fewer) makes one environment, so each
    // keeps what its rules need (a `gid` with each `add-gid`...). The stop stays the asap hook.
    let args = section
        .to_args()
        .unwrap_or_else(|e| panic!("{name}: renders as arguments: {e}"));
    let mut entries: BTreeMap<String, Vec<Option<String>>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (key, value) in arg_lines(&args) {
        assert_ne!(
            key, "set-placeholder",
            "{name}: no probe needs a placeholder"
        );
        if !entries.contains_key(&key) {
            order.push(key.clone());
        }
        entries.entry(key).or_default().push(value);
    }
    let asap = entries.get_mut("hook-asap").expect("the stop");
    assert_eq!(asap[0].as_deref(), Some(STOP), "{name}");
    probed.asap_skipped = asap.len() - 1;
    asap.truncate(1);
    let rounds = entries.values().map(Vec::len).max().unwrap_or(1);
    for round in 0..rounds {
        let vars: Vec<(String, String)> = order
            .iter()
            .map(|key| {
                let values = &entries[key];
                let value = values[round.min(values.len() - 1)].clone();
                (variable_of(key), value.unwrap_or_else(|| "1".into()))
            })
            .collect();
        uwsgi.assert_strict_accepts_env(
            &format!("{name} (entry {round})"),
            Prepend::Nothing,
            &vars,
        );
    }
    probed.accepted = order.into_iter().collect();
    probed.split.push(name.to_string());
    probed
}

#[test]
fn every_directive_is_accepted_in_strict_mode_from_the_environment() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let mut probes: Vec<(String, Section)> = main_process_probes(base.path());
    probes.extend(
        group_probes(base.path())
            .into_iter()
            .map(|(name, section, _)| (name, section)),
    );
    let results = support::parallel_map(&probes, |(name, section)| probe_env(uwsgi, name, section));
    let mut accepted = BTreeSet::new();
    let mut split = Vec::new();
    let mut refused = Vec::new();
    let mut asap_skipped = 0;
    for probed in results {
        accepted.extend(probed.accepted);
        split.extend(probed.split);
        refused.extend(probed.refused);
        asap_skipped += probed.asap_skipped;
    }
    // Refused otherwise: only what an environment cannot hold, magic variables (`%k`), and
    // a plugin line with its plugin's options under `strict` (their order would count:
    // tests/uwsgi_plugins.rs shows both orders, and the lines accepted with `--strict` on the
    // command line instead).
    const PLUGIN_ORDER: &str = "with `strict`, uWSGI refuses a plugin's option read before";
    for (name, messages) in &refused {
        assert!(
            messages.iter().all(|m| {
                m.contains("magic variables such as %k exist only in config files")
                    || m.contains(PLUGIN_ORDER)
                    || m.contains(ONE_VALUE)
            }) && !messages.iter().all(|m| m.contains(ONE_VALUE)),
            "{name}: refused for another reason: {messages:#?}"
        );
    }
    let plugin_ordered: Vec<&String> = refused
        .iter()
        .filter(|(_, messages)| messages.iter().any(|m| m.contains(PLUGIN_ORDER)))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(plugin_ordered, ["workers set_zerg_server_params (pools)"]);
    let mut expected = main_process_directives();
    expected.extend(GROUP_DIRECTIVES.iter().map(|d| d.to_string()));
    // Only that probe writes them.
    expected.retain(|directive| !matches!(directive.as_str(), "plugin" | "zergpool"));
    let missing: Vec<&String> = expected.difference(&accepted).collect();
    assert!(missing.is_empty(), "never accepted: {missing:?}");
    notice(&format!(
        "env strict mode ({}): {} probes, {} distinct directives accepted from the environment in \
         both orders; {} probes with lists probed entry by entry, {} refused (magic variables: {}); \
         asap actions of the probes not run (the stop is the asap hook): {}",
        uwsgi.version(),
        probes.len(),
        accepted.len(),
        split.len(),
        refused.len(),
        refused
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        asap_skipped
    ));
}

#[test]
fn every_action_is_accepted_in_every_phase_from_the_environment() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let phases: Vec<Phase> = Phase::ALL
        .into_iter()
        .filter(|phase| phase.available_in(Target::V2_0) && *phase != Phase::Asap)
        .collect();
    let actions = every_action(base.path());
    let probes: Vec<(String, Section)> = actions
        .iter()
        .map(|action| {
            let mut section = strict_section();
            for &phase in &phases {
                section.main_process().set_hook(phase, action);
            }
            (action.to_string(), section)
        })
        .collect();
    let results = support::parallel_map(&probes, |(name, section)| {
        let vars = section
            .to_env()
            .unwrap_or_else(|e| panic!("{name}: the crate refused it: {e}"));
        uwsgi.assert_strict_accepts_env(name, Prepend::Nothing, &vars);
        vars.len()
    });
    for ((name, _), count) in probes.iter().zip(&results) {
        // strict, the stop, and the action in each phase.
        assert_eq!(*count, phases.len() + 2, "{name}");
    }
    notice(&format!(
        "env strict mode ({}): {} actions x {} phases = {} pairs accepted from the environment \
         (asap: the stop only, as the environment's asap action would run before it)",
        uwsgi.version(),
        actions.len(),
        phases.len(),
        actions.len() * phases.len()
    ));
}

/// Text for files and the environment: line breaks, blanks at both ends, `%` (literal: no
/// magic pass), a magic variable's spelling, uWSGI's variable syntaxes as literal text,
/// quotes, comment characters, non-ASCII.
const TEXT: &str = "  lead 100% %d $(HOME) @(uwsgiconf-missing) %% $$(PATH) ; # = \" ' \\ é 日本 🦀\nsecond line\r\n\ttab 50%( \t ";

/// The same without `$(` and `@(`: a run holds one text that needs a placeholder.
const PLAIN: &str = "  lead 100% %d %% ; # = \" ' \\ é 日本\nsecond line \t ";

fn s(path: &Path) -> String {
    path.to_str().expect("UTF-8 temp dir").to_string()
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Runs `section` (strict, plus `exit:07` in pre-jail) from the environment in `dir`.
fn run_hooks(uwsgi: &Uwsgi, dir: &Path, what: &str, mut section: Section) -> Output {
    section.set_strict(true);
    section
        .main_process()
        .set_hook(Phase::PreJail, Action::exit(7));
    let vars = section
        .to_env()
        .unwrap_or_else(|e| panic!("{what}: the crate refused it: {e}"));
    let none: [&str; 0] = [];
    let run = uwsgi.run_env(dir, &vars, EnvOrder::AsRendered, &none);
    assert_eq!(
        run.code,
        Some(7),
        "{what}: the hooks should pass and exit:07 end the run ({})\n{vars:#?}\n--- uWSGI said:\n{}",
        run.describe(),
        run.log()
    );
    run
}

#[test]
fn hooks_run_from_the_environment() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut ran = 0;
    let mut asap =
        |what: &str, action: Action, exec: Option<String>, check: &dyn Fn(&Path, &Output)| {
            let dir = support::temp_dir();
            fs::write(dir.path().join("existing"), "pre").unwrap();
            fs::create_dir(dir.path().join("made")).unwrap();
            let mut section = Section::new();
            section.main_process().set_hook(Phase::Asap, action.clone());
            if let Some(command) = exec {
                // exec-asap runs after the asap hooks.
                section
                    .main_process()
                    .run_command_on_event(command, RunOnEventParams::new());
            }
            let run = run_hooks(uwsgi, dir.path(), what, section);
            check(dir.path(), &run);
            ran += 1;
        };

    asap(
        "write",
        Action::file_write("write.txt", TEXT).into(),
        None,
        &|dir, _| {
            assert_eq!(read(dir, "write.txt"), TEXT);
        },
    );
    asap(
        "writen",
        Action::file_write("writen.txt", PLAIN).newline(true).into(),
        None,
        &|dir, _| assert_eq!(read(dir, "writen.txt"), format!("{PLAIN}\n")),
    );
    asap(
        "append",
        Action::file_write("existing", TEXT).append(true).into(),
        None,
        &|dir, _| assert_eq!(read(dir, "existing"), format!("pre{TEXT}")),
    );
    asap(
        "appendn",
        Action::file_write("existing", PLAIN)
            .append(true)
            .newline(true)
            .into(),
        None,
        &|dir, _| assert_eq!(read(dir, "existing"), format!("pre{PLAIN}\n")),
    );
    asap(
        "putenv",
        Action::putenv("UWSGICONF_A", TEXT),
        Some("printf '%s' \"$UWSGICONF_A\" > putenv.txt".into()),
        &|dir, _| assert_eq!(read(dir, "putenv.txt"), TEXT),
    );
    asap(
        "exec",
        Action::execute("printf '%s' '$(HOME) @(x) 100% %d' > exec.txt"),
        None,
        &|dir, _| assert_eq!(read(dir, "exec.txt"), "$(HOME) @(x) 100% %d"),
    );
    asap(
        "create",
        Action::file_create("created"),
        Some("test -f created && printf ok > exec.txt".into()),
        &|dir, _| assert_eq!(read(dir, "exec.txt"), "ok"),
    );
    asap("mkdir", Action::dir_create("newdir"), None, &|dir, _| {
        assert!(dir.join("newdir").is_dir())
    });
    asap(
        "cd",
        Action::dir_change("made"),
        Some("pwd > pwd.txt".into()),
        &|dir, _| {
            let real = dir.canonicalize().unwrap().join("made");
            assert_eq!(read(dir, "made/pwd.txt"), format!("{}\n", real.display()));
        },
    );
    asap(
        "chmod",
        Action::chmod("existing", "640"),
        None,
        &|dir, _| {
            let mode = fs::metadata(dir.join("existing"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o7777, 0o640);
        },
    );
    asap("unlink", Action::unlink("existing"), None, &|dir, _| {
        assert!(!dir.join("existing").exists());
    });
    asap("print", Action::printout(TEXT), None, &|_, run| {
        assert!(
            run.stderr.contains(&format!("(asap)...\n{TEXT}\n")),
            "{}",
            run.log()
        );
    });
    asap("log", Action::parse("log:log: 50% %d"), None, &|_, run| {
        assert!(run.stderr.contains("\nlog: 50% %d\n"), "{}", run.log());
    });
    asap(
        "private write",
        Action::file_write("private.txt", "uwsgiconf-private-text").private(),
        None,
        &|dir, run| {
            assert_eq!(read(dir, "private.txt"), "uwsgiconf-private-text");
            let log = run.log();
            assert!(
                log.contains("running --- PRIVATE HOOK --- (asap)")
                    && !log.contains("uwsgiconf-private")
            );
        },
    );

    // Several phases in one run: each phase is its own variable; exit() runs the atexit phase.
    let dir = support::temp_dir();
    let mut section = Section::new();
    section
        .main_process()
        .set_hook(
            Phase::Asap,
            Action::dir_create(s(&dir.path().join("chain"))),
        )
        .set_hook(
            Phase::AsUserAtexit,
            Action::file_write(s(&dir.path().join("chain/atexit.txt")), PLAIN),
        )
        .run_command_on_event(
            "printf '%s' 'exec-atexit ran' > chain/exec-atexit.txt",
            RunOnEventParams::new().phase(Phase::AsUserAtexit),
        );
    run_hooks(uwsgi, dir.path(), "asap, pre-jail and atexit", section);
    assert_eq!(read(dir.path(), "chain/atexit.txt"), PLAIN);
    assert_eq!(read(dir.path(), "chain/exec-atexit.txt"), "exec-atexit ran");
    ran += 1;

    // An exit status of one digit is written `exit:05`.
    let dir = support::temp_dir();
    let mut section = Section::new();
    section
        .main_process()
        .set_hook(Phase::Asap, Action::exit(5));
    let vars = section.to_env().unwrap();
    let none: [&str; 0] = [];
    let run = uwsgi.run_env(dir.path(), &vars, EnvOrder::AsRendered, &none);
    assert_eq!(run.code, Some(5), "{}", run.log());
    ran += 1;

    notice(&format!(
        "env hooks ({}): {ran} runs, each action run from the environment and its effect checked \
         (write, writen, append, appendn, putenv, exec, create, mkdir, cd, chmod, unlink, print, \
         log, private write, atexit, exit)",
        uwsgi.version()
    ));
}

/// The `--show-config` block uWSGI must print for `vars` read in that order, followed by
/// `--show-config` on the command line: each option, a placeholder's own line after its
/// `set-placeholder`, and `expected`'s value for every other option.
fn expected_block(vars: &[(String, String)], expected: &[(String, String)]) -> String {
    let mut block = String::from("[uwsgi]");
    for (variable, value) in vars {
        let key = option_of(variable);
        if key == "set-placeholder" {
            let (name, stored) = value.split_once('=').expect("name=value");
            assert!(name.starts_with(PLACEHOLDER_PREFIX), "{value:?}");
            block.push_str(&format!("\nset-placeholder = {value}\n{name} = {stored}"));
        } else {
            let (_, shown) = expected
                .iter()
                .find(|(k, _)| *k == key)
                .unwrap_or_else(|| panic!("unexpected variable {variable} in {vars:?}"));
            block.push_str(&format!("\n{key} = {shown}"));
        }
    }
    block.push_str("\nshow-config = true");
    block
}

/// Runs `vars` (in `order`) with `--show-config` and compares the shown block whole, which
/// leaves no doubt about where a value with a line break ends.
fn show(
    uwsgi: &Uwsgi,
    value: &str,
    form: &str,
    vars: &[(String, String)],
    order: EnvOrder,
    expected: &[(String, String)],
) -> Output {
    let mut in_order = vars.to_vec();
    if order == EnvOrder::Reversed {
        in_order.reverse();
    }
    let want = expected_block(&in_order, expected);
    let dir = support::temp_dir();
    let run = uwsgi.run_env(dir.path(), vars, order, &["--show-config"]);
    let shown = run.shown_config().unwrap_or_else(|| {
        panic!(
            "{value:?} ({form}): no --show-config output ({}):\n{vars:#?}\n--- uWSGI said:\n{}",
            run.describe(),
            run.log()
        )
    });
    assert_eq!(
        shown, want,
        "{value:?} ({form}): uWSGI read something else\n{vars:#?}"
    );
    run
}

/// Text that needs a `set-placeholder`: literal `$(` or `@(`.
fn needs_placeholder(value: &str) -> bool {
    value.contains("$(") || value.contains("@(")
}

/// What the crate must refuse in the environment, for one text in one option.
fn env_cannot_carry(value: &str) -> bool {
    value.contains('\0') || closes_placeholder(value)
}

fn check_refusal(value: &str, form: &str, error: &uwsgiconf::Error, why: &str) -> Checked {
    for problem in error.problems() {
        assert_eq!(
            problem.kind(),
            ProblemKind::Unrepresentable,
            "{value:?} ({form}, {why}): refused for an unexpected reason: {problem}"
        );
    }
    Checked::Refused
}

/// A class of values for the round-trip table: its name and its members.
type ValueClass = (&'static str, fn(&str) -> bool);

/// The corpus probe: the value in nine options and a print hook, read in the rendered order.
fn check_probe(uwsgi: &Uwsgi, value: &str) -> Checked {
    let (section, mut expected) = probe(value);
    // The environment writes a switch `1`, which `--show-config` shows as given.
    for (key, shown) in &mut expected {
        if key == "strict" {
            *shown = "1".into();
        }
    }
    // The probe writes the value in several texts (`print:..`, `exec:..`...): each needs
    // its own placeholder, and a variable holds one.
    let refuse = env_cannot_carry(value) || needs_placeholder(value);
    let vars = match section.to_env() {
        Ok(vars) => {
            assert!(
                !refuse,
                "{value:?}: the environment cannot carry it, yet {vars:#?}"
            );
            vars
        }
        Err(error) => {
            assert!(
                refuse,
                "{value:?}: the environment can carry it, yet the crate refused: {error}"
            );
            if !env_cannot_carry(value) {
                assert!(
                    error.problems().iter().all(|p| p
                        .message()
                        .starts_with("`set-placeholder` would be written more than once")),
                    "{value:?}: {error}"
                );
            }
            return check_refusal(value, "env probe", &error, "probe");
        }
    };
    let run = show(
        uwsgi,
        value,
        "env probe",
        &vars,
        EnvOrder::AsRendered,
        &expected,
    );
    let hook = &expected.iter().find(|(k, _)| k == "hook-asap").unwrap().1;
    assert_printed(value, "env", hook, &run);
    Checked::RoundTripped
}

/// The value alone in `procname` (with strict mode), read in the reversed order: a
/// placeholder's definition then comes after its use.
fn check_alone(uwsgi: &Uwsgi, value: &str) -> Checked {
    let mut section = Section::new();
    section.set_strict(true).set_option("procname", value);
    let vars = match section.to_env() {
        Ok(vars) => {
            assert!(!env_cannot_carry(value), "{value:?}: rendered {vars:#?}");
            vars
        }
        Err(error) => {
            assert!(env_cannot_carry(value), "{value:?}: refused alone: {error}");
            return check_refusal(value, "env alone", &error, "alone");
        }
    };
    assert_eq!(
        vars.len(),
        2 + usize::from(needs_placeholder(value)),
        "{vars:#?}"
    );
    let expected = pairs(&[("strict", "1"), ("procname", value)]);
    show(
        uwsgi,
        value,
        "env alone",
        &vars,
        EnvOrder::Reversed,
        &expected,
    );
    Checked::RoundTripped
}

#[test]
fn tricky_values_round_trip_exactly_from_the_environment() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut values: Vec<String> = CURATED.iter().map(|v| v.to_string()).collect();
    values.extend(generated(GENERATED));
    values.sort();
    values.dedup();
    let results = support::parallel_map(&values, |value| {
        (check_probe(uwsgi, value), check_alone(uwsgi, value))
    });
    // Per class of value: how many round-tripped, in the probe and alone.
    let classes: [ValueClass; 10] = [
        ("line break", |v| v.contains(['\n', '\r'])),
        ("leading blank", |v| v.starts_with([' ', '\t'])),
        ("trailing blank", |v| v.ends_with([' ', '\t'])),
        ("%", |v| v.contains('%')),
        ("$(", |v| v.contains("$(")),
        ("@(", |v| v.contains("@(")),
        ("%( with )", closes_placeholder),
        ("%( without )", |v| {
            v.contains("%(") && !closes_placeholder(v)
        }),
        ("NUL", |v| v.contains('\0')),
        ("non-ASCII", |v| !v.is_ascii()),
    ];
    let mut table = Vec::new();
    for (class, member) in classes {
        let mut counts = BTreeMap::new();
        for (value, (in_probe, alone)) in values.iter().zip(&results) {
            if member(value) {
                *counts.entry(("probe", *in_probe)).or_insert(0) += 1;
                *counts.entry(("alone", *alone)).or_insert(0) += 1;
            }
        }
        let count = |form, checked| counts.get(&(form, checked)).copied().unwrap_or(0);
        table.push(format!(
            "{class}: probe {}/{} round-tripped, alone {}/{}",
            count("probe", Checked::RoundTripped),
            count("probe", Checked::RoundTripped) + count("probe", Checked::Refused),
            count("alone", Checked::RoundTripped),
            count("alone", Checked::RoundTripped) + count("alone", Checked::Refused),
        ));
    }
    let total = |pick: fn(&(Checked, Checked)) -> Checked, checked| {
        results.iter().filter(|r| pick(r) == checked).count()
    };
    let probe_ok = total(|r| r.0, Checked::RoundTripped);
    let alone_ok = total(|r| r.1, Checked::RoundTripped);
    // The sweep must exercise both outcomes, and line breaks and placeholders must carry.
    assert!(
        probe_ok > 100 && alone_ok > probe_ok,
        "{probe_ok} {alone_ok}"
    );
    assert!(total(|r| r.0, Checked::Refused) > 0 && total(|r| r.1, Checked::Refused) > 0);
    for needed in [
        |v: &str| v.contains('\n'),
        |v: &str| v.ends_with(' '),
        needs_placeholder,
    ] {
        assert!(values
            .iter()
            .zip(&results)
            .any(|(v, r)| needed(v) && r.1 == Checked::RoundTripped));
    }
    // Non-UTF-8 paths are refused, as everywhere.
    let mut section = Section::new();
    section.set_option(
        "chdir",
        std::path::PathBuf::from(
            <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(b"/srv/\xff"),
        ),
    );
    let problems = section.to_env().unwrap_err().into_problems();
    assert_eq!(problems[0].kind(), ProblemKind::Unrepresentable);
    notice(&format!(
        "env round trip ({}): {} values ({} curated, {GENERATED} generated, deduplicated); corpus \
         probe (8 options + a print hook, rendered order): {probe_ok} round-tripped, {} refused; \
         alone in procname (reversed order): {alone_ok} round-tripped, {} refused. By class: {}",
        uwsgi.version(),
        values.len(),
        CURATED.len(),
        values.len() - probe_ok,
        values.len() - alone_ok,
        table.join("; ")
    ));
}

#[test]
fn intentional_variables_expand_from_the_environment() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let home = std::env::var("HOME").unwrap_or_default();
    let mut section = Section::new();
    let mixed = Value::env("HOME") + " $(HOME) 100% %d @(x) " + Value::placeholder("procname");
    section.set_option("procname", "named");
    section.add_option("env", Value::from("UWSGICONF_MIX=") + mixed);
    let vars = section.to_env().expect("renders");
    let dir = support::temp_dir();
    let run = uwsgi.run_env(dir.path(), &vars, EnvOrder::Reversed, &["--show-config"]);
    let shown = support::ini_pairs(run.shown_config().expect("shown config"));
    let want = format!("UWSGICONF_MIX={home} $(HOME) 100% %d @(x) named");
    assert!(
        shown.contains(&("env".into(), want)),
        "{vars:#?}\n{shown:?}"
    );
    // Magic variables exist in files only.
    let mut section = Section::new();
    section.set_option("procname", Value::from(MagicVar::HostName));
    let problems = section.to_env().unwrap_err().into_problems();
    assert_eq!(problems[0].kind(), ProblemKind::MisplacedVariable);
}

#[test]
fn a_config_of_several_sections_is_one_environment() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut first = Section::new();
    first.set_strict(true);
    first.set_option("procname", "  first 100% $(HOME)");
    let mut second = Section::named("second");
    second.set_option("procname-append", " second\nline ");
    let mut third = Section::named("third");
    third
        .main_process()
        .set_hook(Phase::Asap, Action::printout("third"));
    let mut config = Config::new();
    config
        .add_section(first)
        .add_section(second)
        .add_section(third);
    let problems = config.to_env().unwrap_err().into_problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind(), ProblemKind::Unrepresentable);
    config.autoinclude(true);
    let vars = config.to_env().expect("renders");
    let expected = pairs(&[
        ("strict", "1"),
        ("procname", "  first 100% $(HOME)"),
        ("procname-append", " second\nline "),
        ("hook-asap", "print:third"),
    ]);
    for order in [EnvOrder::AsRendered, EnvOrder::Reversed] {
        let run = show(uwsgi, "config", "env config", &vars, order, &expected);
        assert!(run.stderr.contains("(asap)...\nthird\n"), "{}", run.log());
    }
    // An option two sections set is two values of one variable.
    config.add_section({
        let mut fourth = Section::named("fourth");
        fourth.set_option("procname", "fourth");
        fourth
    });
    let problems = config.to_env().unwrap_err().into_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message().ends_with(ONE_VALUE));
}

/// What the format relies on, measured: uWSGI's name mapping, the names it skips, the value
/// `1` for a switch, and placeholders whatever their place.
#[test]
fn uwsgi_reads_the_environment_as_the_format_writes_it() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let probe = Prepend::StopAndStrict.args();
    // `_` and `-` both come back as `-`: `pivot_root` cannot be named (the crate refuses it).
    let run = uwsgi.run_env(
        dir.path(),
        &pairs(&[("UWSGI_PIVOT_ROOT", "/x"), ("UWSGI_NEVER_SWAP", "1")]),
        EnvOrder::AsRendered,
        &["--show-config"],
    );
    let shown = support::ini_pairs(run.shown_config().expect("shown config"));
    assert_eq!(
        shown[..2],
        pairs(&[("pivot-root", "/x"), ("never-swap", "1")])
    );
    let mut section = Section::new();
    section.set_option("pivot_root", "/x");
    assert!(section.to_env().is_err());

    // The names uWSGI uses itself are not options (as options they would be unknown, fatal
    // in strict mode). `UWSGI_EMPEROR_PROXY` is left out: it makes uWSGI wait for an Emperor.
    for variable in [
        "UWSGI_RELOADS",
        "UWSGI_VASSALS_DIR",
        "UWSGI_EMPEROR_FD",
        "UWSGI_BROODLORD_NUM",
        "UWSGI_EMPEROR_FD_CONFIG",
        "UWSGI_JAIL_PID",
        "UWSGI_ORIGINAL_PROC_NAME",
    ] {
        let run = uwsgi.run_env(
            dir.path(),
            &pairs(&[(variable, "7")]),
            EnvOrder::AsRendered,
            probe,
        );
        assert!(
            run.accepted(),
            "{variable}: {}\n{}",
            run.describe(),
            run.log()
        );
        // The control: one letter more is an option, unknown.
        let other = format!("{variable}X");
        let run = uwsgi.run_env(
            dir.path(),
            &pairs(&[(&other, "7")]),
            EnvOrder::AsRendered,
            probe,
        );
        assert!(
            run.code == Some(1)
                && run.stderr.contains(&format!(
                    "[strict-mode] unknown config directive: {}",
                    option_of(&other)
                )),
            "{other}: {}\n{}",
            run.describe(),
            run.log()
        );
    }

    // A switch written `1` is on (strict mode refuses the unknown option), `0` is off.
    for (value, on) in [("1", true), ("0", false)] {
        let vars = pairs(&[("UWSGI_STRICT", value), (support::BOGUS_VARIABLE, "1")]);
        let run = uwsgi.run_env(
            dir.path(),
            &vars,
            EnvOrder::AsRendered,
            Prepend::Stop.args(),
        );
        let refused = run.code == Some(1)
            && run
                .stderr
                .contains(&format!("[strict-mode] unknown config directive: {BOGUS}"));
        assert_eq!(
            refused,
            on,
            "UWSGI_STRICT={value}: {}\n{}",
            run.describe(),
            run.log()
        );
        assert_eq!(run.accepted(), !on);
    }
    let mut section = Section::new();
    section.set_strict(true);
    assert_eq!(section.to_env().unwrap(), pairs(&[("UWSGI_STRICT", "1")]));

    // One line that acts where it stands: `print` logs its text while the environment is
    // read, line breaks included.
    let mut section = Section::new();
    section.add_option("print", PLAIN);
    let vars = section.to_env().unwrap();
    let run = uwsgi.run_env(dir.path(), &vars, EnvOrder::AsRendered, probe);
    assert!(
        run.accepted() && run.stdout.contains(&format!("{PLAIN}\n")),
        "{}",
        run.log()
    );
}

/// What the format refuses because the environment has no order, written by hand: the same
/// variables in two orders make uWSGI do different things.
#[test]
fn the_order_of_the_environment_changes_what_the_format_refuses() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let shown = |vars: &[(String, String)], order, extra: &[&str]| {
        let mut args = extra.to_vec();
        args.push("--show-config");
        let run = uwsgi.run_env(dir.path(), vars, order, &args);
        run.shown_config().map(support::ini_pairs)
    };

    // An include: whether the file's options or the other variables come last (and win).
    let ini = dir.path().join("included.ini");
    fs::write(&ini, "[uwsgi]\nprocname = from-file\n").unwrap();
    let vars = pairs(&[("UWSGI_INI", &s(&ini)), ("UWSGI_PROCNAME", "from-env")]);
    let last_procname = |order| {
        shown(&vars, order, &[])
            .expect("shown config")
            .into_iter()
            .rfind(|(k, _)| k == "procname")
            .unwrap()
            .1
    };
    assert_eq!(last_procname(EnvOrder::AsRendered), "from-env");
    assert_eq!(last_procname(EnvOrder::Reversed), "from-file");
    let mut section = Section::new();
    section
        .add_option("ini", s(&ini))
        .set_option("procname", "from-env");
    assert!(section.to_env().is_err());

    // Config logic: a block opened last takes in the command line (`--show-config` too).
    let vars = pairs(&[
        ("UWSGI_IF_ENV", "UWSGICONF_NO_SUCH_VARIABLE"),
        ("UWSGI_PROCNAME", "in-block"),
        ("UWSGI_ENDIF", ""),
    ]);
    let in_order = shown(&vars, EnvOrder::AsRendered, &[]).expect("shown config");
    assert!(
        !in_order.iter().any(|(k, _)| k == "procname"),
        "{in_order:?}"
    );
    assert_eq!(shown(&vars, EnvOrder::Reversed, &[]), None);

    // The immediate owner: the user first, and setgid() then fails.
    if support::is_root() {
        let vars = pairs(&[
            ("UWSGI_IMMEDIATE_GID", "nogroup"),
            ("UWSGI_IMMEDIATE_UID", "nobody"),
        ]);
        let probe = Prepend::StopAndStrict.args();
        let run = uwsgi.run_env(dir.path(), &vars, EnvOrder::AsRendered, probe);
        assert!(run.accepted(), "{}", run.log());
        let run = uwsgi.run_env(dir.path(), &vars, EnvOrder::Reversed, probe);
        assert!(
            run.code == Some(1) && run.stderr.contains("setgid(): Operation not permitted"),
            "{}\n{}",
            run.describe(),
            run.log()
        );
        let mut section = Section::new();
        section.main_process().set_owner_params(
            OwnerParams::new()
                .uid("nobody")
                .gid("nogroup")
                .set_asap(true),
        );
        assert!(section.to_env().is_err());
    } else {
        notice("NOTICE: not root: the order of immediate-gid and immediate-uid was not run");
    }
}
