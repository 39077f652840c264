//! YAML against the real uWSGI (`uwsgi --yaml file[:section]`, libyaml in Debian's 2.0.21):
//!
//! - strict acceptance: every directive the crate can emit (the probes of the INI strict
//!   tests: every main-process, master-process and workers method with its parameter
//!   variants, every phase with every action, every settable core option of the catalogue)
//!   is accepted in strict mode from YAML, each probe with its negative control;
//! - hooks written in YAML run, with text INI cannot carry (line breaks, edge blanks);
//! - the tricky-value corpus of the INI round trip reads back exactly through
//!   `--show-config`, or is refused for the reasons every format has;
//! - a `Config` of several sections is read back section by section, and with autoinclude
//!   as a whole, from a directory whose name holds `"`, `'`, `#` and `: `;
//! - what the renderer relies on, measured: `key:` without a value is dropped, `%` is read
//!   by the magic pass, config logic keeps its place.

mod probes;
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use probes::groups::{probes as group_probes, s};
use probes::main_process::{
    catalogue_section, every_action, main_process_probes, phase_probes, strict_section,
    BUILD_CONDITIONAL,
};
use probes::values::{
    closes_placeholder, expected_block, generated, probe, Checked, CURATED, GENERATED,
};
use support::{notice, Output, Prepend, Uwsgi, ACCEPTED, BOGUS};
use uwsgiconf::options::{self, OptionSpec};
use uwsgiconf::{
    Action, Config, MagicVar, OwnerParams, Phase, ProblemKind, RunOnEventParams, Section, Target,
    Value,
};

/// Writes `yaml` to `dir/name` and runs `uwsgi <before> --yaml <file>[:section] <after>`.
fn run_yaml(
    uwsgi: &Uwsgi,
    dir: &Path,
    name: &str,
    yaml: &str,
    section: Option<&str>,
    (before, after): (&[&str], &[&str]),
) -> Output {
    let file = dir.join(name);
    fs::write(&file, yaml).expect("write the YAML file");
    let mut target = s(&file);
    if let Some(section) = section {
        target = format!("{target}:{section}");
    }
    let mut args: Vec<String> = before.iter().map(|a| a.to_string()).collect();
    args.extend(["--yaml".to_string(), target]);
    args.extend(after.iter().map(|a| a.to_string()));
    uwsgi.run(dir, &args)
}

/// The keys of a section as the crate writes it: the lines two columns in (block content
/// and sequence items are further in).
fn yaml_keys(yaml: &str) -> BTreeSet<String> {
    yaml.lines()
        .filter_map(|line| line.strip_prefix("  "))
        .filter(|line| !line.starts_with(' '))
        .map(|line| line.split(':').next().unwrap_or(line).to_string())
        .collect()
}

/// Asserts that uWSGI accepts `yaml` in strict mode, then, as a negative control, refuses it
/// with one unknown directive added at the end of its section (`yaml` is one section).
fn assert_strict_accepts_yaml(uwsgi: &Uwsgi, what: &str, prepend: Prepend, yaml: &str) {
    let dir = support::temp_dir();
    let run = run_yaml(
        uwsgi,
        dir.path(),
        "probe.yaml",
        yaml,
        None,
        (prepend.args(), &[]),
    );
    assert!(
        run.accepted(),
        "{what}: uWSGI refused the YAML in strict mode ({}):\n{yaml}\n--- uWSGI said:\n{}",
        run.describe(),
        run.log()
    );
    let control = format!("{yaml}  {BOGUS}: 1\n");
    let run = run_yaml(
        uwsgi,
        dir.path(),
        "control.yaml",
        &control,
        None,
        (prepend.args(), &[]),
    );
    assert!(
        !run.accepted()
            && run.code == Some(1)
            && run
                .stderr
                .contains(&format!("[strict-mode] unknown config directive: {BOGUS}")),
        "{what}: the negative control was not refused ({}):\n{control}\n--- uWSGI said:\n{}",
        run.describe(),
        run.log()
    );
}

/// Renders `section` as YAML, checks it writes the keys its INI writes, and asserts uWSGI
/// accepts it in strict mode (the section brings strict mode and the stop). Returns the keys.
fn assert_accepted(uwsgi: &Uwsgi, name: &str, section: &Section) -> BTreeSet<String> {
    let yaml = section
        .to_yaml()
        .unwrap_or_else(|e| panic!("{name}: the crate refused it as YAML: {e}"));
    assert!(
        yaml.starts_with("uwsgi:\n  strict: true\n  hook-asap:"),
        "{name}: strict mode and the stop must come first\n{yaml}"
    );
    let ini = section.to_ini().expect("renders as INI");
    let keys = yaml_keys(&yaml);
    assert_eq!(keys, support::ini_keys(&ini), "{name}:\n{yaml}\n{ini}");
    assert_strict_accepts_yaml(uwsgi, name, Prepend::Nothing, &yaml);
    keys
}

#[test]
fn every_method_of_the_groups_is_accepted_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let mut probes = main_process_probes(base.path());
    // YAML carries everything INI does: the probes that are for INI only too.
    probes.extend(
        group_probes(base.path())
            .into_iter()
            .map(|(name, section, _)| (name, section)),
    );
    let mut immediate = strict_section();
    immediate.main_process().set_owner_params(
        OwnerParams::new()
            .uid("nobody")
            .gid("nogroup")
            .set_asap(true),
    );
    if support::is_root() {
        probes.push(("set_owner_params (set_asap)".into(), immediate));
    } else {
        notice("NOTICE: not root: immediate-uid/immediate-gid are not run (uWSGI needs root for setgid())");
    }
    let keys: BTreeSet<String> = support::parallel_map(&probes, |(name, section)| {
        assert_accepted(uwsgi, name, section)
    })
    .into_iter()
    .flatten()
    .collect();
    notice(&format!(
        "YAML strict mode ({}): {} main-process, master-process and workers probes, {} distinct directives accepted: {}",
        uwsgi.version(),
        probes.len(),
        keys.len(),
        keys.iter().cloned().collect::<Vec<_>>().join(" ")
    ));
}

#[test]
fn every_phase_of_uwsgi_2_0_accepts_every_action() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let actions = every_action(base.path());
    let (phases, probes): (Vec<Phase>, Vec<(String, Section)>) = phase_probes(base.path())
        .into_iter()
        .map(|(phase, name, section)| (phase, (name, section)))
        .unzip();
    support::parallel_map(&probes, |(name, section)| {
        assert_accepted(uwsgi, name, section)
    });
    // The hooks of a phase are one run of one key: a sequence, one item per action.
    let yaml = probes[1].1.to_yaml().unwrap();
    let items = yaml
        .lines()
        .filter(|line| line.starts_with("    - "))
        .count();
    assert!(items >= actions.len(), "{yaml}");
    notice(&format!(
        "YAML strict mode ({}): {} phases x {} actions = {} phase x action pairs accepted",
        uwsgi.version(),
        phases.len(),
        actions.len(),
        phases.len() * actions.len(),
    ));
}

/// Runs the catalogue section as YAML until uWSGI accepts it; returns the options refused.
fn refused_options(uwsgi: &Uwsgi, dir: &Path, specs: &[&OptionSpec]) -> BTreeSet<String> {
    let marker = "[strict-mode] unknown config directive: ";
    let mut refused = BTreeSet::new();
    loop {
        let yaml = catalogue_section(specs, &refused)
            .to_yaml()
            .unwrap_or_else(|e| panic!("{e}"));
        let run = run_yaml(uwsgi, dir, "catalogue.yaml", &yaml, None, (&[], &[]));
        if run.code == Some(ACCEPTED) {
            return refused;
        }
        let name = run
            .stderr
            .split_once(marker)
            .and_then(|(_, rest)| rest.split_once('\n'))
            .map(|(name, _)| name.to_string())
            .filter(|name| specs.iter().any(|s| s.name() == name) && !refused.contains(name))
            .unwrap_or_else(|| {
                panic!(
                    "uWSGI stopped on something other than an unknown option ({}):\n{}",
                    run.describe(),
                    run.log()
                )
            });
        refused.insert(name);
    }
}

#[test]
fn every_core_option_of_the_2_0_catalogue_is_accepted() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    assert!(uwsgi.is_2_0(), "checks for uWSGI 2.0.x");
    let dir = support::temp_dir();
    // As in the INI test: the options not applied while the config is read.
    let settable: Vec<&OptionSpec> = options::all()
        .iter()
        .filter(|spec| {
            spec.is_core()
                && spec.available_in(Target::V2_0)
                && !spec.immediate
                && spec.name() != "strict"
        })
        .collect();
    let refused = refused_options(uwsgi, dir.path(), &settable);
    let expected: BTreeSet<String> = BUILD_CONDITIONAL
        .iter()
        .filter(|name| settable.iter().any(|s| s.name() == **name))
        .map(|name| name.to_string())
        .collect();
    assert_eq!(refused, expected, "options uWSGI refused from YAML");
    notice(&format!(
        "YAML catalogue ({}): {} settable core options of the 2.0 target, {} accepted at once in strict mode, refused only the build-conditional {}",
        uwsgi.version(),
        settable.len(),
        settable.len() - refused.len(),
        refused.into_iter().collect::<Vec<_>>().join(" ")
    ));
}

/// Text for files, the environment and the log, with what INI cannot carry: line breaks,
/// blanks at both ends, and everything YAML quotes (`: `, ` #`, quotes, `- `, `|`).
const TEXT: &str =
    "  lead: 100% $(HOME) @(x) %d %% # not a comment\n- \"q\" 'a' \\ é 🦀 |\n\n\ttab end \t ";

#[test]
fn hooks_written_in_yaml_run() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let d = |name: &str| s(&dir.path().join(name));
    let mut section = Section::new();
    section.set_strict(true);
    let mut main = section.main_process();
    main.set_hook(
        Phase::Asap,
        vec![
            Action::putenv("UWSGICONF_A", TEXT),
            Action::execute(format!(
                "printf '%s' \"$UWSGICONF_A\" > {}",
                d("putenv.txt")
            )),
            Action::dir_create(d("made")),
            Action::file_write(d("write.txt"), TEXT).into(),
            Action::file_write(d("appendn.txt"), TEXT)
                .append(true)
                .newline(true)
                .into(),
            Action::file_write(d("appendn.txt"), "second")
                .append(true)
                .newline(true)
                .into(),
            Action::chmod(d("made"), 0o750),
            Action::printout(TEXT),
        ],
    );
    main.run_command_on_event(
        format!("printf '%s' 'exec-asap ran' > {}", d("exec-asap.txt")),
        RunOnEventParams::new(),
    );
    main.set_hook(Phase::PreJail, Action::exit(7));
    let yaml = section.to_yaml().expect("renders");
    assert!(section.to_ini().is_err(), "INI cannot carry the text");
    let run = run_yaml(uwsgi, dir.path(), "hooks.yaml", &yaml, None, (&[], &[]));
    assert_eq!(
        run.code,
        Some(7),
        "every asap hook should pass and exit:07 end it ({})\n{yaml}\n--- uWSGI said:\n{}",
        run.describe(),
        run.log()
    );
    let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(read("putenv.txt"), TEXT, "putenv");
    assert_eq!(read("write.txt"), TEXT, "write");
    assert_eq!(read("appendn.txt"), format!("{TEXT}\nsecond\n"), "appendn");
    assert_eq!(read("exec-asap.txt"), "exec-asap ran", "exec-asap");
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(dir.path().join("made"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o7777, 0o750, "mkdir then chmod");
    assert!(
        run.stderr.contains(&format!("(asap)...\n{TEXT}\n")),
        "print\n--- uWSGI said:\n{}",
        run.log()
    );
    notice(&format!(
        "YAML hooks ({}): putenv, exec, mkdir, write, appendn, chmod, print, exec-asap and exit ran with text holding line breaks and edge blanks",
        uwsgi.version()
    ));
}

/// What no format carries: a NUL, and `%(..)`, which uWSGI expands with no escape. YAML
/// carries everything else (line breaks, edge blanks, `%`).
fn yaml_cannot_carry(value: &str) -> bool {
    value.contains('\0') || closes_placeholder(value)
}

/// Reads one corpus value back from YAML: the shown config must be the one the same
/// section's command line gives (itself checked against the values as given by the INI
/// round trip test), with the YAML file in front.
fn check_yaml(uwsgi: &Uwsgi, value: &str) -> Checked {
    let (section, expected) = probe(value);
    let yaml = match section.to_yaml() {
        Ok(yaml) => {
            assert!(
                !yaml_cannot_carry(value),
                "{value:?}: uWSGI cannot be given it, yet the crate rendered\n{yaml}"
            );
            yaml
        }
        Err(error) => {
            assert!(
                yaml_cannot_carry(value),
                "{value:?}: YAML can carry it, yet the crate refused: {error}"
            );
            for problem in error.problems() {
                assert_eq!(
                    problem.kind(),
                    ProblemKind::Unrepresentable,
                    "{value:?}: refused for an unexpected reason: {problem}"
                );
            }
            return Checked::Refused;
        }
    };
    let args = section.to_args().expect("the command line carries it too");
    let dir = support::temp_dir();
    let file = s(&dir.path().join("value.yaml"));
    let want = expected_block(value, &args, &expected).replacen(
        "[uwsgi]",
        &format!("[uwsgi]\nyaml = {file}"),
        1,
    );
    let run = run_yaml(
        uwsgi,
        dir.path(),
        "value.yaml",
        &yaml,
        None,
        (&[], &["--show-config"]),
    );
    let shown = run.shown_config().unwrap_or_else(|| {
        panic!(
            "{value:?}: no --show-config output ({}):\n{yaml}\n--- uWSGI said:\n{}",
            run.describe(),
            run.log()
        )
    });
    assert_eq!(shown, want, "{value:?}: uWSGI read something else\n{yaml}");
    let hook = &expected.iter().find(|(k, _)| k == "hook-asap").unwrap().1;
    let line = format!("running \"{hook}\" (asap)...\n{value}\n\n;uWSGI instance configuration\n");
    assert!(
        run.stderr.contains(&line),
        "{value:?}: the print hook did not log the text as given\n{yaml}\n--- uWSGI said:\n{}",
        run.log()
    );
    Checked::RoundTripped
}

#[test]
fn tricky_values_round_trip_exactly() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut values: Vec<String> = CURATED.iter().map(|v| v.to_string()).collect();
    values.extend(generated(GENERATED));
    // What YAML itself treats specially.
    values.extend(
        [
            "yes",
            "no",
            "~",
            "null",
            "-",
            "- item",
            "? key",
            ": value",
            "a: b",
            "a:b",
            "ends:",
            "a #b",
            "a#b",
            "|",
            ">",
            "|-\n  x",
            "&anchor",
            "*alias",
            "!tag",
            "%TAG",
            "@at",
            "`tick`",
            "[flow]",
            "{flow: map}",
            "a, b",
            "---",
            "...",
            "'",
            "\"",
            "\\n",
            "0x1F",
            "1e3",
            "\u{85}nel",
            "line\u{2028}sep",
            "para\u{2029}sep",
            "\u{fffe}",
            "\r",
            "  \n  ",
            "\n\n",
            "a\n\n",
            "\n \n",
            "\t\n",
            "%x",
            "%%x",
        ]
        .map(String::from),
    );
    values.sort();
    values.dedup();
    let results = support::parallel_map(&values, |value| check_yaml(uwsgi, value));
    let mut tally: BTreeMap<Checked, usize> = BTreeMap::new();
    for checked in &results {
        *tally.entry(*checked).or_default() += 1;
    }
    let count = |checked| tally.get(&checked).copied().unwrap_or(0);
    assert!(count(Checked::RoundTripped) > 300, "{tally:?}");
    assert!(count(Checked::Refused) > 0, "{tally:?}");
    let with = |pred: &dyn Fn(&str) -> bool| {
        values
            .iter()
            .zip(&results)
            .filter(|(v, c)| pred(v) && **c == Checked::RoundTripped)
            .count()
    };
    notice(&format!(
        "YAML round trip ({}): {} values tried ({} curated, {GENERATED} generated, YAML's own specials), each in 8 options + a print hook, strict mode on: \
         {} round-tripped ({} with line breaks, {} with edge blanks, {} with %), {} refused as documented (NUL, %(..))",
        uwsgi.version(),
        values.len(),
        CURATED.len(),
        count(Checked::RoundTripped),
        with(&|v| v.contains(['\n', '\r'])),
        with(&|v| v.starts_with([' ', '\t']) || v.ends_with([' ', '\t'])),
        with(&|v| v.contains('%')),
        count(Checked::Refused),
    ));
}

/// A directory whose name breaks every single-line YAML scalar but a double-quoted one
/// without `"` and `\`: magic variables holding it must still read back as is.
fn awkward_dir(base: &Path) -> PathBuf {
    let dir = base.join("we\"ird 'dir' #1: x\\y");
    fs::create_dir(&dir).expect("create the directory");
    dir
}

#[test]
fn config_sections_read_back_one_by_one_and_with_autoinclude() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let dir = awkward_dir(base.path());
    let real = dir.canonicalize().unwrap();
    let file = dir.join("config.yaml");
    let values = ["first: 100% $(HOME)", "second\nline ", " third # x"];
    let mut first = Section::new();
    first.set_strict(true);
    first.set_option("procname", values[0]);
    first.add_option("env", Value::from("DIR=") + MagicVar::ConfigDir);
    let mut second = Section::named("second");
    second.set_option("procname-append", values[1]);
    second.add_option("env", Value::from("SEC=") + MagicVar::Section);
    let mut third = Section::named("third.3");
    third.set_option("procname-prefix", values[2]);
    let mut config = Config::new();
    config
        .add_section(first)
        .add_section(second)
        .add_section(third);

    // Without autoinclude, each section alone. The file's directory holds `:`, so the
    // section is always named.
    let yaml = config.to_yaml().expect("renders");
    fs::write(&file, &yaml).unwrap();
    let show = |section: &str| {
        let run = uwsgi.run(
            base.path(),
            &[
                "--yaml".to_string(),
                format!("{}:{section}", s(&file)),
                "--show-config".to_string(),
            ],
        );
        run.shown_config()
            .unwrap_or_else(|| panic!("{section}: {}\n{yaml}\n{}", run.describe(), run.log()))
            .to_string()
    };
    let dir_text = format!("{}/", real.display());
    let shown = show("uwsgi");
    assert!(shown.contains("\nstrict = true\n"), "{shown}");
    assert!(
        shown.contains(&format!("\nenv = DIR={dir_text}\n")),
        "{shown}\n{yaml}"
    );
    assert!(!shown.contains("procname-append"), "{shown}");
    // `$(HOME)` went through a placeholder: the text as given.
    assert!(
        shown.contains(&format!("\nprocname = {}\n", values[0])),
        "{shown}\n{yaml}"
    );
    let shown = show("second");
    assert!(
        shown.contains(&format!("\nprocname-append = {}\n", values[1])),
        "{shown}\n{yaml}"
    );
    assert!(shown.contains("\nenv = SEC=second\n"), "{shown}\n{yaml}");
    assert!(!shown.contains("strict"), "{shown}");
    let shown = show("third.3");
    assert_eq!(
        shown,
        format!(
            "[uwsgi]\nyaml = {}:third.3\nprocname-prefix = {}\nshow-config = true",
            s(&file),
            values[2]
        )
    );

    // With autoinclude, the first section reads the others (`yaml = %p:name`), strict mode
    // on: a refused directive would stop uWSGI.
    config.autoinclude(true);
    let yaml = config.to_yaml().expect("renders");
    fs::write(&file, &yaml).unwrap();
    let shown = show("uwsgi");
    let path = real.join("config.yaml");
    for line in [
        format!("\nyaml = {}:second\n", path.display()),
        format!("\nyaml = {}:third.3\n", path.display()),
        format!("\nprocname-append = {}\n", values[1]),
        format!("\nprocname-prefix = {}\n", values[2]),
        format!("\nenv = DIR={dir_text}\n"),
        "\nenv = SEC=second\n".to_string(),
    ] {
        assert!(shown.contains(&line), "{line:?} missing:\n{shown}\n{yaml}");
    }
    notice(&format!(
        "YAML sections ({}): 3 sections read one by one and through autoinclude, from a directory named {:?}",
        uwsgi.version(),
        dir.file_name().unwrap()
    ));
}

#[test]
fn what_the_renderer_relies_on() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let none: (&[&str], &[&str]) = (&[], &["--show-config"]);
    // `key:` without a value is dropped: an `endif:` so written leaves its block open.
    let run = run_yaml(
        uwsgi,
        dir.path(),
        "bare.yaml",
        "uwsgi:\n  if-env: PATH\n  env: A=1\n  endif:\n  if-env: PATH\n  endif:\n",
        None,
        none,
    );
    assert!(
        run.code == Some(1)
            && run
                .log()
                .contains("recursive logic in options is not supported"),
        "{}\n{}",
        run.describe(),
        run.log()
    );
    // The crate writes `""`: config logic keeps its place, runs of one key are sequences.
    let mut section = Section::new();
    section
        .add_option("env", "A=1")
        .add_option("if-env", "PATH")
        .add_option("env", "B=2")
        .add_option("env", "C=3")
        .add_option("endif", "")
        .add_option("if-env", "UWSGICONF_UNSET_VARIABLE")
        .add_option("env", "D=4")
        .add_option("endif", "")
        .add_option("env", "E=5")
        .add_option("env", "F=6");
    let yaml = section.to_yaml().unwrap();
    assert!(
        yaml.contains("  endif: \"\"\n") && yaml.contains("    - E=5\n"),
        "{yaml}"
    );
    let run = run_yaml(uwsgi, dir.path(), "logic.yaml", &yaml, None, none);
    let shown = run
        .shown_config()
        .unwrap_or_else(|| panic!("{}", run.log()));
    let envs: Vec<(String, String)> = support::ini_pairs(shown)
        .into_iter()
        .filter(|(key, _)| key == "env")
        .collect();
    let want: Vec<(String, String)> = ["A=1", "B=2", "C=3", "E=5", "F=6"]
        .iter()
        .map(|v| ("env".to_string(), v.to_string()))
        .collect();
    assert_eq!(envs, want, "{yaml}\n{shown}");
    // The magic pass runs on YAML: `%` is doubled, `%x` is the section asked.
    let mut section = Section::named("magic");
    section
        .set_option("procname", "100%")
        .set_option("procname-append", Value::from(MagicVar::Section) + "%");
    let yaml = section.to_yaml().unwrap();
    let run = run_yaml(uwsgi, dir.path(), "magic.yaml", &yaml, Some("magic"), none);
    let shown = support::ini_pairs(
        run.shown_config()
            .unwrap_or_else(|| panic!("{}", run.log())),
    );
    assert!(
        shown.contains(&("procname".into(), "100%".into())),
        "{yaml}\n{shown:?}"
    );
    assert!(
        shown.contains(&("procname-append".into(), "magic%".into())),
        "{yaml}\n{shown:?}"
    );
    // `%[` is ESC, which libyaml refuses raw: the crate writes it `\e`.
    let mut section = Section::new();
    section.set_option("procname", Value::from(MagicVar::Escape) + "[1m");
    let yaml = section.to_yaml().unwrap();
    assert_eq!(yaml, "uwsgi:\n  procname: \"\\e[1m\"\n");
    let run = run_yaml(uwsgi, dir.path(), "esc.yaml", &yaml, None, none);
    let shown = support::ini_pairs(
        run.shown_config()
            .unwrap_or_else(|| panic!("{}", run.log())),
    );
    assert!(
        shown.contains(&("procname".into(), "\u{1b}[1m".into())),
        "{shown:?}"
    );
    let run = run_yaml(
        uwsgi,
        dir.path(),
        "raw-esc.yaml",
        "uwsgi:\n  procname: \"%[[1m\"\n",
        None,
        none,
    );
    assert!(
        run.code == Some(1) && run.log().contains("control characters are not allowed"),
        "{}",
        run.log()
    );
    // A double-quoted scalar ends at a `"` a magic variable brings, and uWSGI then stops
    // reading the section with only a log line: why the crate writes such values as
    // literal blocks.
    let awkward = awkward_dir(dir.path());
    let run = run_yaml(
        uwsgi,
        &awkward,
        "quoted.yaml",
        "uwsgi:\n  procname: \"%d\"\n  procname-append: after\n",
        // The directory's name holds `:`: the section is named.
        Some("uwsgi"),
        none,
    );
    let shown = run
        .shown_config()
        .unwrap_or_else(|| panic!("{}", run.log()));
    assert!(
        !shown.contains("procname-append") && run.log().contains("unsupported YAML token"),
        "{shown}\n{}",
        run.log()
    );
    let mut section = Section::new();
    section
        .set_option("procname", MagicVar::ConfigDir)
        .set_option("procname-append", "after");
    let yaml = section.to_yaml().unwrap();
    let run = run_yaml(uwsgi, &awkward, "block.yaml", &yaml, Some("uwsgi"), none);
    let shown = support::ini_pairs(
        run.shown_config()
            .unwrap_or_else(|| panic!("{}", run.log())),
    );
    let real = format!("{}/", awkward.canonicalize().unwrap().display());
    assert_eq!(
        shown[1..3],
        [
            ("procname".to_string(), real),
            ("procname-append".to_string(), "after".to_string())
        ],
        "{yaml}"
    );
}
