//! Strict acceptance against the real uWSGI: every directive the main-process methods can
//! emit, with every parameter variant, and every hook phase with every action, is accepted by
//! uWSGI in strict mode, rendered as an INI file and as command-line arguments.
//!
//! Technique: `Section::set_strict(true)` writes `strict = true` first, and the first call on
//! every probed section is `set_hook(Phase::Asap, Action::call("_exit 42").arg_int(true))`, so
//! the first asap hook is `callint:_exit 42`. uWSGI reads the whole configuration (strict mode
//! exits on an unknown directive while reading), applies it, then runs the asap hooks in
//! order: `_exit(42)` ends it before any other hook runs, before privileges drop, before it
//! daemonizes and without atexit handlers (`exit:0` would run the `as-user-atexit` hooks).
//! Exit status 42 means accepted; status 1 with `[strict-mode] unknown config directive`
//! (INI) or `unrecognized option` (command line) means refused. Every probe also runs a
//! negative control, the same configuration plus one unknown directive, which must be
//! refused: the technique is shown to detect a refusal every time it is used.
//!
//! uWSGI is found through `UWSGICONF_UWSGI_BIN`, else `uwsgi` on `PATH`, and the probes with
//! their negative controls are run by `Uwsgi::assert_strict_accepts_ini` and `_args` (see
//! `support`).

mod probes;
mod support;

use std::collections::BTreeSet;
use std::path::Path;

use probes::main_process::{
    catalogue_section, every_action, main_process_directives, main_process_probes, phase_probes,
    strict_section, BUILD_CONDITIONAL,
};
use support::{notice, Prepend, Uwsgi, ACCEPTED, STOP};
use uwsgiconf::options::{self, OptionSpec};
use uwsgiconf::{Action, OwnerParams, Phase, ProblemKind, RunOnEventParams, Section, Target};

/// Renders `section` both ways, checks that strict mode and the stop come first in each, and
/// asserts that uWSGI accepts each in strict mode and refuses each with one unknown directive
/// added (`support`'s strict probes, with nothing prepended: the section brings both).
/// Returns the INI.
fn assert_accepted(uwsgi: &Uwsgi, name: &str, section: &Section) -> String {
    let ini = section
        .to_ini()
        .unwrap_or_else(|e| panic!("{name}: the crate refused it: {e}"));
    let lines: Vec<&str> = ini.lines().collect();
    assert_eq!(
        lines[..3],
        ["[uwsgi]", "strict = true", &format!("hook-asap = {STOP}")],
        "{name}: strict mode and the stop must come first\n{ini}"
    );
    uwsgi.assert_strict_accepts_ini(name, Prepend::Nothing, &ini);

    let args = section
        .to_args()
        .unwrap_or_else(|e| panic!("{name}: the crate refused it as args: {e}"));
    assert_eq!(
        args[..3],
        ["--strict", "--hook-asap", STOP],
        "{name}: strict mode and the stop must come first"
    );
    uwsgi.assert_strict_accepts_args(name, Prepend::Nothing, &args);
    ini
}

#[test]
fn every_main_process_method_is_accepted_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let probes = main_process_probes(base.path());
    let inis = support::parallel_map(&probes, |(name, section)| {
        assert_accepted(uwsgi, name, section)
    });
    let mut keys = BTreeSet::new();
    for ini in &inis {
        keys.extend(support::ini_keys(ini));
    }
    // The directives the methods above are documented to write; each must have been
    // rendered (so accepted) at least once.
    let expected = main_process_directives();
    let missing: Vec<_> = expected.difference(&keys).collect();
    assert!(missing.is_empty(), "never rendered: {missing:?}");

    // The immediate owner directives need root (uWSGI calls setgid() while reading them).
    let mut immediate = strict_section();
    immediate.main_process().set_owner_params(
        OwnerParams::new()
            .uid("nobody")
            .gid("nogroup")
            .set_asap(true),
    );
    let ini = immediate.to_ini().expect("renders");
    assert!(
        ini.find("immediate-gid = nogroup").unwrap() < ini.find("immediate-uid = nobody").unwrap(),
        "immediate-gid must come first:\n{ini}"
    );
    if support::is_root() {
        let ini = assert_accepted(uwsgi, "set_owner_params (set_asap)", &immediate);
        keys.extend(support::ini_keys(&ini));
    } else {
        notice("NOTICE: not root: immediate-uid/immediate-gid are not run (uWSGI needs root for setgid())");
    }

    notice(&format!(
        "strict mode ({}): {} main-process probes, {} distinct directives accepted as INI and as args: {}",
        uwsgi.version(),
        probes.len() + usize::from(support::is_root()),
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
    let inis = support::parallel_map(&probes, |(name, section)| {
        assert_accepted(uwsgi, name, section)
    });
    // Each action rendered once per phase, after the stop.
    for (ini, phase) in inis.iter().zip(&phases) {
        let key = format!("{} = ", phase.hook_option());
        let count = ini.lines().filter(|line| line.starts_with(&key)).count();
        let stop = usize::from(*phase == Phase::Asap);
        assert_eq!(count, actions.len() + stop, "{phase}:\n{ini}");
    }
    let names: BTreeSet<String> = actions
        .iter()
        .map(|a| format!("{}{}", if a.is_private() { "!" } else { "" }, a.name()))
        .collect();
    notice(&format!(
        "strict mode ({}): {} phases x {} actions = {} phase x action pairs accepted as INI and as args ({} action names: {})",
        uwsgi.version(),
        phases.len(),
        actions.len(),
        phases.len() * actions.len(),
        names.len(),
        names.into_iter().collect::<Vec<_>>().join(" ")
    ));
}

#[test]
fn phases_of_uwsgi_2_1_are_refused_for_2_0_and_unknown_to_it() {
    let only_2_1: Vec<Phase> = Phase::ALL
        .into_iter()
        .filter(|phase| phase.first_target() == Target::V2_1)
        .collect();
    assert!(!only_2_1.is_empty());
    for &phase in &only_2_1 {
        let mut section = Section::new();
        section
            .main_process()
            .set_hook(phase, Action::printout("x"));
        for problems in [
            section.to_ini().unwrap_err().into_problems(),
            section.to_args().unwrap_err().into_problems(),
        ] {
            assert_eq!(problems.len(), 1, "{phase}: {problems:?}");
            assert_eq!(problems[0].kind(), ProblemKind::UnavailablePhase);
        }
    }

    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    assert!(
        uwsgi.is_2_0(),
        "these checks are for uWSGI 2.0.x, not {}",
        uwsgi.version()
    );
    // With the 2.1 target the crate renders them, and this uWSGI indeed does not know them:
    // the crate's refusal for 2.0 is right.
    let dir = support::temp_dir();
    let none: [&str; 0] = [];
    for &phase in &only_2_1 {
        let mut section = strict_section();
        section.set_target(Target::V2_1);
        if phase == Phase::AsEmperorSetns {
            // Its lines name namespaces first: `<ns>[,<ns>...] <action>`.
            section.add_option(phase.hook_option(), "net,mnt exec:true");
        } else {
            section
                .main_process()
                .set_hook(phase, Action::printout("x"));
        }
        let ini = section
            .to_ini()
            .unwrap_or_else(|e| panic!("{phase} renders for 2.1: {e}"));
        let run = uwsgi.run_ini(dir.path(), "v21.ini", &ini, &none);
        let refusal = format!(
            "[strict-mode] unknown config directive: {}",
            phase.hook_option()
        );
        assert!(
            run.code == Some(1) && run.stderr.contains(&refusal),
            "{phase}: uWSGI {} should not know it ({}):\n{}",
            uwsgi.version(),
            run.describe(),
            run.log()
        );
        let args = section
            .to_args()
            .unwrap_or_else(|e| panic!("{phase} renders for 2.1: {e}"));
        let run = uwsgi.run(dir.path(), &args);
        assert!(
            run.code == Some(1)
                && run
                    .stderr
                    .contains(&format!("unrecognized option '--{}'", phase.hook_option())),
            "{phase}: {}\n{}",
            run.describe(),
            run.log()
        );
    }
    notice(&format!(
        "2.1-only phases refused under the 2.0 target and unknown to uWSGI {}: {}",
        uwsgi.version(),
        only_2_1
            .iter()
            .map(|p| p.uwsgi_name())
            .collect::<Vec<_>>()
            .join(" ")
    ));
}

#[test]
fn exec_forms_exist_exactly_where_the_crate_writes_them() {
    let without: Vec<Phase> = Phase::ALL
        .into_iter()
        .filter(|phase| phase.exec_option().is_none())
        .collect();
    for &phase in &without {
        let mut section = Section::new();
        section
            .main_process()
            .run_command_on_event("true", RunOnEventParams::new().phase(phase));
        let problems = section.to_ini().unwrap_err().into_problems();
        assert_eq!(problems.len(), 1, "{phase}: {problems:?}");
        assert_eq!(problems[0].kind(), ProblemKind::NoExecForm);
    }

    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    assert!(uwsgi.is_2_0(), "checks for uWSGI 2.0.x");
    // Written by hand (the crate will not): uWSGI refuses each of them in strict mode, so
    // the crate is right not to write them. The accepted eleven are probed above.
    let dir = support::temp_dir();
    let none: [&str; 0] = [];
    let base = strict_section().to_ini().expect("renders");
    let results = support::parallel_map(&without, |phase| {
        let key = format!("exec-{}", phase.uwsgi_name());
        let ini = format!("{base}{key} = true\n");
        let name = format!("exec-{}.ini", phase.uwsgi_name());
        (key, uwsgi.run_ini(dir.path(), &name, &ini, &none))
    });
    for (key, run) in &results {
        assert!(
            run.code == Some(1)
                && run
                    .stderr
                    .contains(&format!("[strict-mode] unknown config directive: {key}")),
            "{key}: {}\n{}",
            run.describe(),
            run.log()
        );
    }
    notice(&format!(
        "exec- forms: {} phases have one (accepted), {} have none (refused by the crate and unknown to uWSGI {})",
        Phase::ALL.len() - without.len(),
        without.len(),
        uwsgi.version()
    ));
}

/// The option names `uwsgi --help` lists.
fn help_options(uwsgi: &Uwsgi, dir: &Path) -> BTreeSet<String> {
    let run = uwsgi.run(dir, &["--help"]);
    assert_eq!(run.code, Some(0), "uwsgi --help: {}", run.describe());
    let names: BTreeSet<String> = run
        .log()
        .lines()
        .filter_map(|line| line.strip_prefix("    "))
        .filter_map(|line| {
            let line = line.split_once("|--").map_or(line, |(_, long)| long);
            let name = line.strip_prefix("--").unwrap_or(line);
            let name = name.split_whitespace().next()?;
            (line.starts_with("--") || line != name).then(|| name.to_string())
        })
        .collect();
    assert!(
        names.len() > 500,
        "could not read uwsgi --help:\n{}",
        run.log()
    );
    names
}

/// Runs the catalogue section until uWSGI accepts it, collecting the options it refuses.
fn refused_options(
    uwsgi: &Uwsgi,
    dir: &Path,
    specs: &[&OptionSpec],
    as_args: bool,
) -> BTreeSet<String> {
    let mut refused = BTreeSet::new();
    let none: [&str; 0] = [];
    loop {
        let section = catalogue_section(specs, &refused);
        let (run, marker) = if as_args {
            let args = section.to_args().unwrap_or_else(|e| panic!("{e}"));
            (uwsgi.run(dir, &args), ("unrecognized option '--", "'"))
        } else {
            let ini = section.to_ini().unwrap_or_else(|e| panic!("{e}"));
            let run = uwsgi.run_ini(dir, "catalogue.ini", &ini, &none);
            (run, ("[strict-mode] unknown config directive: ", "\n"))
        };
        if run.code == Some(ACCEPTED) {
            return refused;
        }
        let name = run
            .stderr
            .split_once(marker.0)
            .and_then(|(_, rest)| rest.split_once(marker.1))
            // `--opt=value` for options taking an optional argument.
            .map(|(name, _)| name.split('=').next().unwrap_or(name).to_string())
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
fn every_core_option_of_the_2_0_catalogue_is_known_to_uwsgi() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    assert!(uwsgi.is_2_0(), "checks for uWSGI 2.0.x");
    let dir = support::temp_dir();
    let core_2_0: Vec<&OptionSpec> = options::all()
        .iter()
        .filter(|spec| spec.is_core() && spec.available_in(Target::V2_0))
        .collect();
    // Immediate options act while the config is read (include files, change ids, exit...),
    // so only the others are set; all are compared with `uwsgi --help`.
    let settable: Vec<&OptionSpec> = core_2_0
        .iter()
        .copied()
        .filter(|spec| !spec.immediate && spec.name() != "strict")
        .collect();
    let expected: BTreeSet<String> = BUILD_CONDITIONAL
        .iter()
        .filter(|name| settable.iter().any(|s| s.name() == **name))
        .map(|name| name.to_string())
        .collect();
    let help = help_options(uwsgi, dir.path());
    let refused_ini = refused_options(uwsgi, dir.path(), &settable, false);
    assert_eq!(
        refused_ini,
        expected,
        "options of the 2.0 catalogue uWSGI {} refuses in strict mode (INI)",
        uwsgi.version()
    );
    // getopt_long takes an unambiguous prefix of a long option for that option, so on the
    // command line a missing option that prefixes exactly one known option (`--jail` for
    // `--jailed`) is silently read as that one.
    let abbreviations: BTreeSet<String> = expected
        .iter()
        .filter(|name| help.iter().filter(|h| h.starts_with(name.as_str())).count() == 1)
        .cloned()
        .collect();
    let refused_args = refused_options(uwsgi, dir.path(), &settable, true);
    assert_eq!(
        refused_args,
        expected.difference(&abbreviations).cloned().collect(),
        "options of the 2.0 catalogue uWSGI {} refuses on the command line",
        uwsgi.version()
    );

    let missing: BTreeSet<&str> = core_2_0
        .iter()
        .map(|spec| spec.name())
        .filter(|name| !help.contains(*name))
        .collect();
    assert_eq!(
        missing,
        BUILD_CONDITIONAL.into_iter().collect(),
        "core options of the 2.0 catalogue missing from uwsgi --help"
    );
    let not_in_2_0_21: Vec<&str> = options::all()
        .iter()
        .filter(|spec| spec.is_core() && !spec.in_2_0_21 && help.contains(spec.name()))
        .map(|spec| spec.name())
        .collect();
    assert!(
        not_in_2_0_21.is_empty(),
        "the catalogue says 2.0.21 lacks these, but uwsgi --help lists them: {not_in_2_0_21:?}"
    );
    notice(&format!(
        "catalogue: {} core options of the 2.0 target, {} set at once and accepted in strict mode \
         (INI and args) by uWSGI {}, all listed by --help, except {} build-conditional ones: {}",
        core_2_0.len(),
        settable.len() - expected.len(),
        uwsgi.version(),
        BUILD_CONDITIONAL.len(),
        BUILD_CONDITIONAL.join(" ")
    ));
    if !abbreviations.is_empty() {
        notice(&format!(
            "catalogue: on the command line getopt silently reads these as abbreviations of other options: {}",
            abbreviations.into_iter().collect::<Vec<_>>().join(" ")
        ));
    }
}
