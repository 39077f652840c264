//! The master-process and workers groups against the real uWSGI.
//!
//! - Strict acceptance: every directive the two groups can emit for uWSGI 2.0, with every
//!   parameter variant, is accepted by uWSGI in strict mode, as an INI file and as
//!   command-line arguments (the technique of `uwsgi_strict.rs`: strict mode and a first asap
//!   hook `callint:_exit 42`, each probe with its negative control, through `support`).
//! - The options only later releases have are refused by the crate for 2.0 and unknown to
//!   this uWSGI; lines uwsgiconf writes that the crate refuses are refused by uWSGI too.
//! - Behaviour the crate's escaping and fixes rely on, in real runs: a daemon's command with
//!   a comma runs whole; a zerg client leaves its zerg server's socket alone, where
//!   uwsgiconf's extra `socket` line takes it over.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use support::probes::{group_probes, strict_section, GROUP_DIRECTIVES};
use support::{notice, Prepend, Uwsgi, STOP};
use uwsgiconf::master_process::{
    self as mp, AttachProcessClassicParams, AttachProcessParams, ExitEventsParams,
};
use uwsgiconf::workers::{self as wk, MulesParams, ZergClientParams, ZergServerParams};
use uwsgiconf::{ProblemKind, Section, Target};

fn s(path: &Path) -> String {
    path.to_str().expect("UTF-8 temp dir").to_string()
}

/// Asserts that uWSGI accepts the section in strict mode as INI, and as arguments unless
/// `ini_only`; returns the INI.
fn assert_accepted(uwsgi: &Uwsgi, name: &str, section: &Section, ini_only: bool) -> String {
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
    if !ini_only {
        let args = section
            .to_args()
            .unwrap_or_else(|e| panic!("{name}: the crate refused it as args: {e}"));
        assert_eq!(args[..3], ["--strict", "--hook-asap", STOP], "{name}");
        uwsgi.assert_strict_accepts_args(name, Prepend::Nothing, &args);
    }
    ini
}

#[test]
fn every_directive_of_the_groups_is_accepted_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let probes = group_probes(base.path());
    let inis = support::parallel_map(&probes, |(name, section, ini_only)| {
        assert_accepted(uwsgi, name, section, *ini_only)
    });
    let mut keys = BTreeSet::new();
    for ini in &inis {
        keys.extend(support::ini_keys(ini));
    }
    let missing: Vec<&&str> = GROUP_DIRECTIVES
        .iter()
        .filter(|key| !keys.contains(**key))
        .collect();
    assert!(missing.is_empty(), "never rendered: {missing:?}");
    // Nothing else either: the list above is every directive the probes wrote.
    let extra: Vec<&String> = keys
        .iter()
        .filter(|key| !GROUP_DIRECTIVES.contains(&key.as_str()))
        .filter(|key| !["strict", "hook-asap"].contains(&key.as_str()))
        .collect();
    assert!(extra.is_empty(), "not listed: {extra:?}");
    notice(&format!(
        "strict mode ({}): {} master_process/workers probes, {} distinct directives accepted \
         (INI, and args but for `workers = %k`): {}",
        uwsgi.version(),
        probes.len(),
        GROUP_DIRECTIVES.len(),
        GROUP_DIRECTIVES.join(" ")
    ));
}

/// Options the groups write only for later releases: (name, a section writing it).
fn later_options() -> Vec<(&'static str, Section)> {
    let mut out = Vec::new();
    let mut add = |option: &'static str, build: &dyn Fn(&mut Section)| {
        let mut section = strict_section();
        build(&mut section);
        out.push((option, section));
    };
    add("die-on-no-workers", &|s| {
        s.master_process()
            .set_exit_events(ExitEventsParams::new().no_workers(true));
    });
    add("mule-msg-recv-size", &|s| {
        s.workers()
            .set_mules_params(MulesParams::new().msg_buffer_recv(65536));
    });
    add("max-requests-delta", &|s| {
        s.workers()
            .set_reload_params(wk::ReloadParams::new().max_requests_delta(10));
    });
    add("reload-on-uss", &|s| {
        s.workers()
            .set_reload_params(wk::ReloadParams::new().max_uss(128));
    });
    add("reload-on-pss", &|s| {
        s.workers()
            .set_reload_params(wk::ReloadParams::new().max_pss(64));
    });
    out
}

#[test]
fn options_of_later_releases_are_refused_for_2_0_and_unknown_to_it() {
    let later = later_options();
    for (option, section) in &later {
        for problems in [
            section.to_ini().unwrap_err().into_problems(),
            section.to_args().unwrap_err().into_problems(),
        ] {
            assert_eq!(problems.len(), 1, "{option}: {problems:?}");
            assert_eq!(problems[0].kind(), ProblemKind::UnavailableOption);
            assert_eq!(problems[0].value(), Some(*option));
        }
    }

    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    assert!(
        uwsgi.is_2_0(),
        "checks for uWSGI 2.0.x, not {}",
        uwsgi.version()
    );
    // Rendered for 2.1, this uWSGI indeed refuses each one: the crate is right for 2.0.
    let dir = support::temp_dir();
    let none: [&str; 0] = [];
    for (option, section) in &later {
        let mut section = section.clone();
        section.set_target(Target::V2_1);
        let ini = section.to_ini().expect("renders for 2.1");
        let run = uwsgi.run_ini(dir.path(), "later.ini", &ini, &none);
        assert!(
            run.code == Some(1)
                && run
                    .stderr
                    .contains(&format!("[strict-mode] unknown config directive: {option}")),
            "{option}: uWSGI {} should not know it ({}):\n{}",
            uwsgi.version(),
            run.describe(),
            run.log()
        );
        let args = section.to_args().expect("renders for 2.1");
        let run = uwsgi.run(dir.path(), &args);
        assert!(
            run.code == Some(1)
                && run
                    .stderr
                    .contains(&format!("unrecognized option '--{option}'")),
            "{option}: {}\n{}",
            run.describe(),
            run.log()
        );
    }
    notice(&format!(
        "master_process/workers options refused for the 2.0 target and unknown to uWSGI {}: {}",
        uwsgi.version(),
        later
            .iter()
            .map(|(option, _)| *option)
            .collect::<Vec<_>>()
            .join(" ")
    ));
}

#[test]
fn lines_uwsgiconf_writes_and_the_crate_refuses_are_refused_by_uwsgi() {
    // The crate refuses these calls...
    let mut legion2 = Section::new();
    legion2.master_process().attach_process(
        "sleep 1000",
        AttachProcessParams::new().for_legion("cluster"),
    );
    assert_eq!(
        legion2.to_ini().unwrap_err().problems()[0].kind(),
        ProblemKind::UnknownOption
    );
    let mut pid_alone = Section::new();
    pid_alone.master_process().attach_process_classic(
        "/run/app.pid",
        true,
        AttachProcessClassicParams::new(),
    );
    assert_eq!(
        pid_alone.to_ini().unwrap_err().problems()[0].kind(),
        ProblemKind::InvalidValue
    );

    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    // ...and uWSGI refuses what uwsgiconf writes for them.
    let dir = support::temp_dir();
    let base = strict_section().to_ini().expect("renders");
    let none: [&str; 0] = [];
    for (line, says) in [
        (
            "legion-attach-daemon2 = cmd=sleep 1000",
            "[strict-mode] unknown config directive: legion-attach-daemon2",
        ),
        (
            "smart-attach-daemon = /run/app.pid",
            "invalid smart-attach-daemon syntax: /run/app.pid",
        ),
        (
            "legion-smart-attach-daemon = /run/app.pid",
            "invalid legion daemon syntax: /run/app.pid",
        ),
    ] {
        let run = uwsgi.run_ini(
            dir.path(),
            "uwsgiconf.ini",
            &format!("{base}{line}\n"),
            &none,
        );
        assert!(
            run.code == Some(1) && run.stderr.contains(says),
            "{line}: {}\n{}",
            run.describe(),
            run.log()
        );
    }
}

/// The INI of `section` in `dir/name`, as arguments that load it.
fn ini_args(dir: &Path, name: &str, section: &Section) -> Vec<String> {
    let file = dir.join(name);
    fs::write(&file, section.to_ini().expect("renders")).expect("write the ini");
    vec!["--ini".into(), s(&file)]
}

#[test]
fn a_daemon_command_with_a_comma_runs_whole() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    for form in ["INI", "args"] {
        let dir = support::temp_dir();
        let out = dir.path().join("out.txt");
        let mut section = Section::new();
        section
            .master_process()
            .set_basic_params(mp::BasicParams::new().enable(true))
            .attach_process(
                // uWSGI runs it with /bin/sh -c, in a session of its own, killed with the master
                // (exec keeps that for the sleep).
                format!(
                    "printf '%s\\n' 'a,b\\c 100%' > {}; exec sleep 1000",
                    s(&out)
                ),
                AttachProcessParams::new(),
            );
        let args = if form == "INI" {
            ini_args(dir.path(), "daemon.ini", &section)
        } else {
            section.to_args().expect("renders")
        };
        let mut running = uwsgi.start(dir.path(), &args, support::TIME_LIMIT);
        let written =
            running.wait_until(|| fs::read_to_string(&out).is_ok_and(|text| text.ends_with('\n')));
        let output = running.stop();
        assert!(written, "{form}: the daemon did not run:\n{}", output.log());
        // uwsgiconf's unescaped line would run `sh -c 'echo a` (and ignore `b...`).
        assert_eq!(
            fs::read_to_string(&out).unwrap(),
            "a,b\\c 100%\n",
            "{form}:\n{}",
            output.log()
        );
    }
}

#[test]
fn a_zerg_client_leaves_the_zerg_server_socket_alone() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let zerg = dir.path().join("zerg.sock");
    let log = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap_or_default();
    let inode = || fs::metadata(&zerg).map(|m| m.ino()).ok();

    let mut server = Section::new();
    server
        .set_option("logto", s(&dir.path().join("server.log")))
        .add_option("socket", s(&dir.path().join("app.sock")));
    server
        .workers()
        .set_zerg_server_params(s(&zerg), ZergServerParams::new());
    let mut server = uwsgi.start(
        dir.path(),
        &ini_args(dir.path(), "server.ini", &server),
        support::TIME_LIMIT,
    );
    assert!(
        server.wait_until(|| inode().is_some()),
        "no zerg server:\n{}",
        log("server.log")
    );
    let served = inode();

    // A zerg client as the crate writes it, then another one: both attach, the server's
    // socket file is untouched.
    let client = |name: &str, uwsgiconf_socket: bool| {
        let mut section = Section::new();
        section.set_option("logto", s(&dir.path().join(format!("{name}.log"))));
        section
            .workers()
            .set_zerg_client_params(s(&zerg), ZergClientParams::new().use_fallback_socket(true));
        if uwsgiconf_socket {
            // What uwsgiconf adds for the fallback.
            section.add_option("socket", s(&zerg));
        }
        uwsgi.start(
            dir.path(),
            &ini_args(dir.path(), &format!("{name}.ini"), &section),
            support::TIME_LIMIT,
        )
    };
    let attached = |name: &str| log(&format!("{name}.log")).contains("zerg sockets attached");
    let mut first = client("first", false);
    assert!(
        first.wait_until(|| attached("first")),
        "{}",
        log("first.log")
    );
    let mut second = client("second", false);
    assert!(
        second.wait_until(|| attached("second")),
        "{}",
        log("second.log")
    );
    assert_eq!(inode(), served, "the zerg server's socket was replaced");
    drop((first, second));

    // Negative control, uwsgiconf's lines: the client binds its own socket over the zerg
    // server's, and the next client cannot attach.
    let mut taker = client("taker", true);
    let taken = format!("bound to UNIX address {}", s(&zerg));
    assert!(
        taker.wait_until(|| log("taker.log").contains(&taken)),
        "{}",
        log("taker.log")
    );
    assert_ne!(inode(), served, "uwsgiconf's socket line should replace it");
    let mut refused = client("refused", false);
    assert!(
        refused
            .wait_until(|| log("refused.log").contains("invalid data received from zerg-server")),
        "{}",
        log("refused.log")
    );
    drop((taker, refused));
    server.stop();
    notice("zerg: clients as the crate writes them keep the zerg server usable; uwsgiconf's extra socket line takes its socket over");
}
