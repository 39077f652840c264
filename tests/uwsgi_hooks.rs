//! Hooks really run in the real uWSGI, with the syntax the crate writes: files get exactly
//! the text asked for (with `%`, a literal `$(HOME)`, spaces...), directories appear, exit
//! codes are the ones asked, `print` logs its text verbatim; every core action that can run
//! without changing the host runs once, in INI and in command-line form; later phases run
//! with a loopback socket; the owner rules the crate enforces are those of uWSGI.
//!
//! uWSGI without a socket stops after its early phases ("The -s/--socket option is
//! missing"), so most hooks run in `asap`; the phases after app loading get an
//! `http-socket = 127.0.0.1:0` instance that is killed once its hooks have run.

mod probes;
mod support;

use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use probes::hooks::{asap_chain, check_asap_chain, mkfifo, read, s, FifoReader, ARGS_TEXT, TEXT};
use support::{notice, Output};
use uwsgiconf::{
    Action, BasicParams, ChangeDirParams, MemoryParams, NamingParams, OwnerParams, Phase,
    PidFileParams, ProblemKind, RunOnEventParams, Section,
};

#[test]
fn every_core_action_runs_as_written() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let root = support::is_root();
    let listener = TcpListener::bind("127.0.0.1:0").expect("loopback listener");
    let port = listener.local_addr().unwrap().port();

    // INI.
    let dir = support::temp_dir();
    mkfifo(&dir.path().join("fifo-no-reader"));
    let reader = FifoReader::start(&dir.path().join("fifo"));
    let ini = asap_chain(dir.path(), TEXT, port, root)
        .to_ini()
        .expect("renders");
    let none: [&str; 0] = [];
    let run = uwsgi.run_ini(dir.path(), "chain.ini", &ini, &none);
    let fifo = reader.finish();
    check_asap_chain("INI", dir.path(), TEXT, &run, fifo, root);

    // Command line, with a text INI cannot hold.
    let dir = support::temp_dir();
    mkfifo(&dir.path().join("fifo-no-reader"));
    let reader = FifoReader::start(&dir.path().join("fifo"));
    let args = asap_chain(dir.path(), ARGS_TEXT, port, root)
        .to_args()
        .expect("renders");
    let run = uwsgi.run(dir.path(), &args);
    let fifo = reader.finish();
    check_asap_chain("args", dir.path(), ARGS_TEXT, &run, fifo, root);

    let section = asap_chain(dir.path(), TEXT, port, root);
    let ini = section.to_ini().unwrap();
    let hooks = ini.lines().filter(|l| l.starts_with("hook-")).count();
    let execs = ini.lines().filter(|l| l.starts_with("exec-")).count();
    if !root {
        notice("NOTICE: not root: the chown and chown2 actions were not run");
    }
    notice(&format!(
        "hooks ({}): {hooks} hook lines and {execs} exec lines ran and were checked, as INI and as args",
        uwsgi.version()
    ));
}

#[test]
fn exit_codes_are_the_ones_asked() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let none: [&str; 0] = [];
    let mut cases: Vec<(Action, i32)> = [1u8, 5, 9, 10, 42, 255]
        .into_iter()
        .map(|code| (Action::exit(code), i32::from(code)))
        .collect();
    cases.push((Action::exit(0), 0));
    cases.push((Action::exit(None), 0));
    // A raw string is fixed the same way.
    cases.push((Action::parse("exit:5"), 5));
    let runs = support::parallel_map(&cases, |(action, code)| {
        let mut section = Section::new();
        section.main_process().set_hook(Phase::Asap, action);
        let ini = section.to_ini().expect("renders");
        let name = format!("exit-{code}-{}.ini", action.to_string().len());
        let by_ini = uwsgi.run_ini(dir.path(), &name, &ini, &none);
        let by_args = uwsgi.run(dir.path(), &section.to_args().expect("renders"));
        (action.to_string(), *code, by_ini, by_args)
    });
    for (action, code, by_ini, by_args) in &runs {
        for (form, run) in [("INI", by_ini), ("args", by_args)] {
            assert_eq!(
                run.code,
                Some(*code),
                "{action} ({form}): {}\n{}",
                run.describe(),
                run.log()
            );
        }
    }
    // Why the crate writes `exit:05`: uWSGI reads a one-character code as no code.
    let run = uwsgi.run(dir.path(), &["--hook-asap", "exit:5"]);
    assert_eq!(
        run.code,
        Some(0),
        "uWSGI {} no longer exits 0 on `exit:5`: the crate's `exit:0N` is still right, \
         but its comment is stale",
        uwsgi.version()
    );
}

#[test]
fn print_logs_the_text_as_given() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let texts = [
        "100% done",
        "%d %s %n %x %p",
        "%%",
        "%",
        "50%(",
        "$(HOME) and @(uwsgiconf-missing) and $$(PATH)",
        "  leading spaces",
        "tab\tinside",
        "é 🦀 日本",
        "; # = \" ' \\",
    ];
    let section = |texts: &[&str]| {
        let mut section = Section::new();
        for text in texts {
            section
                .main_process()
                .set_hook(Phase::Asap, Action::printout(*text));
        }
        section
            .main_process()
            .set_hook(Phase::Asap, Action::exit(0));
        section
    };
    // What the log must hold: each text on its own, right after its hook's line.
    let expected = |texts: &[&str]| {
        let mut log = String::new();
        for text in texts {
            log.push_str(&format!(
                "running \"print:{}\" (asap)...\n{text}\n",
                text.replace('%', "%%")
            ));
        }
        log.push_str("running \"exit:0\" (asap)...\n");
        log
    };
    let none: [&str; 0] = [];
    let ini = section(&texts).to_ini().expect("renders");
    let run = uwsgi.run_ini(dir.path(), "print.ini", &ini, &none);
    assert_eq!(run.code, Some(0), "{}", run.log());
    assert!(
        run.stderr.contains(&expected(&texts)),
        "INI:\n{ini}\n--- uWSGI said:\n{}",
        run.log()
    );
    let mut args_texts = texts.to_vec();
    args_texts.extend(["trailing blanks \t ", "two\nlines", "\n"]);
    let args = section(&args_texts).to_args().expect("renders");
    let run = uwsgi.run(dir.path(), &args);
    assert_eq!(run.code, Some(0), "{}", run.log());
    assert!(
        run.stderr.contains(&expected(&args_texts)),
        "args: {args:?}\n--- uWSGI said:\n{}",
        run.log()
    );
}

/// `mount`, `umount` and `hostname` change the host: they run inside private mount and UTS
/// namespaces (`unshare`), which need root.
#[test]
fn mount_umount_and_hostname_run_in_private_namespaces() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let unshare = ["unshare", "--mount", "--uts", "--propagation", "private"];
    let usable = support::is_root()
        && support::on_path("unshare").is_some_and(|bin| {
            Command::new(bin)
                .args(&unshare[1..])
                .arg("true")
                .status()
                .is_ok_and(|s| s.success())
        });
    if !usable {
        notice("NOTICE: not root or no usable `unshare`: mount, umount and hostname hooks were not run");
        return;
    }
    let before = fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let dir = support::temp_dir();
    let mnt = s(&dir.path().join("mnt"));
    let out = |name: &str| s(&dir.path().join(name));
    let mut section = Section::new();
    section.set_strict(true);
    section.main_process().set_hook(
        Phase::Asap,
        vec![
            Action::dir_create(&mnt),
            Action::mount(&mnt)
                .fs("tmpfs")
                .src("none")
                .flags(["nodev", "nosuid"])
                .into(),
            Action::execute(format!(
                "grep ' {mnt} tmpfs ' /proc/self/mounts > {}",
                out("mounted.txt")
            )),
            Action::file_write(format!("{mnt}/inside"), "on tmpfs").into(),
            Action::mount(&mnt).flags("detach").into(),
            Action::execute(format!(
                "grep -c ' {mnt} ' /proc/self/mounts > {}; true",
                out("after.txt")
            )),
            Action::mount(&mnt).fs("tmpfs").src("none").into(),
            Action::mount(&mnt).into(),
            Action::set_host_name("uwsgiconf-test-host"),
            Action::execute(format!(
                "cat /proc/sys/kernel/hostname > {}",
                out("hostname.txt")
            )),
            Action::exit(7),
        ],
    );
    for form in ["INI", "args"] {
        let mut args = vec![];
        if form == "INI" {
            let file = dir.path().join("ns.ini");
            fs::write(&file, section.to_ini().expect("renders")).unwrap();
            args.extend(["--ini".to_string(), s(&file)]);
        } else {
            args.extend(section.to_args().expect("renders"));
        }
        let run = uwsgi
            .start_with(dir.path(), &unshare, &args, support::TIME_LIMIT)
            .wait();
        assert_eq!(
            run.code,
            Some(7),
            "{form}: {}\n{}",
            run.describe(),
            run.log()
        );
        let mounted = fs::read_to_string(out("mounted.txt")).unwrap();
        assert!(
            mounted.starts_with(&format!("none {mnt} tmpfs rw,nosuid,nodev")),
            "{form}: {mounted:?}"
        );
        assert_eq!(
            fs::read_to_string(out("after.txt")).unwrap(),
            "0\n",
            "{form}: umount"
        );
        assert!(
            !Path::new(&mnt).join("inside").exists(),
            "{form}: the file was written on the tmpfs"
        );
        assert_eq!(
            fs::read_to_string(out("hostname.txt")).unwrap(),
            "uwsgiconf-test-host\n",
            "{form}: hostname"
        );
        fs::remove_dir(&mnt).unwrap();
    }
    assert_eq!(
        fs::read_to_string("/proc/sys/kernel/hostname").unwrap(),
        before,
        "the host name outside the namespace changed"
    );
}

/// Phases after app loading, touch hooks and alarms, with a loopback HTTP socket; and the
/// main-process options whose effect shows on a running server (process names, priority,
/// pid files, working directories, memory locking, after-request hooks).
#[test]
fn a_server_runs_later_phases_and_applies_main_process_options() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let root = support::is_root();
    for form in ["INI", "args"] {
        let dir = support::temp_dir();
        let out = |name: &str| s(&dir.path().join(name));
        let mut phases = vec![
            Phase::PreJail,
            Phase::InJail,
            Phase::PreApp,
            Phase::PostApp,
            Phase::PostFork,
            Phase::Accepting,
            Phase::Accepting1,
            Phase::AcceptingOnce,
            Phase::Accepting1Once,
            Phase::MasterStart,
            Phase::AsMule,
        ];
        if root {
            phases.extend([Phase::AsRoot, Phase::AsUser]);
        }
        let mut section = Section::new();
        section.set_strict(true);
        section
            .set_option("http-socket", "127.0.0.1:0")
            .set_option("processes", 1)
            .set_option("mules", 1)
            .add_option(
                "alarm",
                format!("uwsgiconf-alarm cmd:cat > {}", out("alarm.txt")),
            );
        let mut expected: Vec<(String, String)> = Vec::new();
        for &phase in &phases {
            let file = format!("hook-{phase}.txt");
            section.main_process().set_hook(
                phase,
                Action::file_write(out(&file), format!("{phase} 100% $(HOME)")),
            );
            expected.push((file, format!("{phase} 100% $(HOME)")));
            if phase.exec_option().is_some() {
                let file = format!("exec-{phase}.txt");
                section.main_process().run_command_on_event(
                    format!("printf '%s' '{phase} ran' > {}", out(&file)),
                    RunOnEventParams::new().phase(phase),
                );
                expected.push((file, format!("{phase} ran")));
            }
        }
        section.main_process().set_hook(
            Phase::Accepting1Once,
            Action::alarm("uwsgiconf-alarm", "alarm: 100% $(HOME)"),
        );
        expected.push(("alarm.txt".into(), "alarm: 100% $(HOME)".into()));
        // A prefix ending with a space, and a suffix starting with one.
        section.main_process().set_naming_params(
            NamingParams::new()
                .autonaming(true)
                .prefix("uwsgiconf ")
                .suffix(" 100%"),
        );
        section
            .main_process()
            .set_basic_params(BasicParams::new().priority(5))
            .set_hook_after_request("srand")
            .set_pid_file(out("a.pid"), PidFileParams::new())
            .set_pid_file(
                out("b.pid"),
                PidFileParams::new().safe(true).before_priv_drop(false),
            )
            .change_dir(out("wd1"), ChangeDirParams::new())
            .change_dir(out("wd2"), ChangeDirParams::new().after_app_loading(true))
            .set_hook(
                Phase::PreApp,
                Action::execute(format!("pwd > {}", out("pwd-pre-app.txt"))),
            )
            .set_hook(
                Phase::AcceptingOnce,
                Action::execute(format!("pwd > {}", out("pwd-accepting.txt"))),
            );
        fs::create_dir(dir.path().join("wd1")).unwrap();
        fs::create_dir(dir.path().join("wd2")).unwrap();
        // `pwd` in a shell prints the physical path.
        let real = dir.path().canonicalize().unwrap();
        expected.push((
            "pwd-pre-app.txt".into(),
            format!("{}\n", real.join("wd1").display()),
        ));
        expected.push((
            "pwd-accepting.txt".into(),
            format!("{}\n", real.join("wd2").display()),
        ));
        if root {
            // mlockall() needs a large enough RLIMIT_MEMLOCK: root has it.
            section
                .main_process()
                .set_memory_params(MemoryParams::new().no_swap(true));
        }
        // hook-touch needs the master, which the crate adds (`master = true`).
        section.main_process().set_hook_touch(
            out("trigger"),
            Action::file_write(out("touched.txt"), "touched 100%"),
        );
        section.main_process().run_command_on_touch(
            format!("printf '%s' 'touch-exec ran' > {}", out("touch-exec.txt")),
            out("trigger2"),
        );

        let args = if form == "INI" {
            let ini = section.to_ini().expect("renders");
            assert!(ini.ends_with("master = true\n"), "{ini}");
            let file = dir.path().join("server.ini");
            fs::write(&file, ini).unwrap();
            vec!["--ini".to_string(), s(&file)]
        } else {
            section.to_args().expect("renders")
        };
        let mut server = uwsgi.start(dir.path(), &args, support::TIME_LIMIT);
        let group = server.id();
        let all_there = |names: &[&str]| names.iter().all(|name| dir.path().join(name).exists());
        let files: Vec<&str> = expected.iter().map(|(f, _)| f.as_str()).collect();
        let started = server.wait_until(|| all_there(&files));
        if started {
            // A missing touch file fires when it is created.
            fs::write(dir.path().join("trigger"), "").unwrap();
            fs::write(dir.path().join("trigger2"), "").unwrap();
        }
        let touched =
            started && server.wait_until(|| all_there(&["touched.txt", "touch-exec.txt"]));
        // While it runs: names, priority, pid files, locked memory.
        let processes = support::group_processes(group);
        let master = processes
            .iter()
            .find(|p| p.name == "uwsgiconf uWSGI master 100%")
            .cloned();
        let worker = processes
            .iter()
            .any(|p| p.name == "uwsgiconf uWSGI worker 1 100%");
        let pid_files = [out("a.pid"), out("b.pid")].map(|f| fs::read_to_string(f).ok());
        let locked = master.as_ref().and_then(|m| {
            let status = fs::read_to_string(format!("/proc/{}/status", m.pid)).ok()?;
            let line = status.lines().find(|l| l.starts_with("VmLck:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        });
        let run = server.stop();
        assert!(
            started && touched,
            "{form}: not every hook ran ({}); files: {:?}\n--- uWSGI said:\n{}",
            run.describe(),
            fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect::<Vec<_>>(),
            run.log()
        );
        for (file, text) in &expected {
            assert_eq!(&read(dir.path(), file), text, "{form}: {file}");
        }
        assert_eq!(read(dir.path(), "touched.txt"), "touched 100%", "{form}");
        assert_eq!(
            read(dir.path(), "touch-exec.txt"),
            "touch-exec ran",
            "{form}"
        );
        let master =
            master.unwrap_or_else(|| panic!("{form}: no master named as asked in {processes:?}"));
        assert!(worker, "{form}: no worker named as asked in {processes:?}");
        assert_eq!(master.nice, 5, "{form}: priority");
        for file in &pid_files {
            assert_eq!(
                file.as_deref().map(str::trim),
                Some(master.pid.to_string().as_str()),
                "{form}: pid files"
            );
        }
        if root {
            assert!(
                locked.unwrap_or(0) > 0,
                "{form}: never-swap locks memory ({locked:?})"
            );
        }
        assert!(
            run.stderr
                .contains("added \"srand(struct wsgi_request *)\" to the after-request chain"),
            "{form}: after-request hook\n{}",
            run.log()
        );
        assert!(
            support::group_gone(group),
            "{form}: processes were left behind"
        );
        if form == "INI" {
            notice(&format!(
                "hooks ({}): with a loopback socket, {} phases ran ({}), plus {} exec- phases, an alarm, hook-touch, touch-exec; \
                 process names, prio, pidfile, safe-pidfile2, chdir, chdir2, after-request-hook{} took effect",
                uwsgi.version(),
                phases.len(),
                phases.iter().map(|p| p.uwsgi_name()).collect::<Vec<_>>().join(" "),
                phases.iter().filter(|p| p.exec_option().is_some()).count(),
                if root { ", never-swap" } else { "" },
            ));
        }
    }
}

/// The owner rules the crate enforces, checked against what uWSGI does (needs root).
#[test]
fn owner_rules_match_uwsgi() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    if !support::is_root() {
        notice("NOTICE: not root: the owner rules (uid/gid drop, immediate ids) were not run");
        return;
    }
    let dir = support::temp_dir();
    let none: [&str; 0] = [];
    // Ids as `id` sees them after the drop; as-user runs right after it.
    let ids = |phase: Phase, section: &mut Section| {
        section.main_process().set_hook(
            phase,
            [
                Action::execute("echo \"ids: $(id -u) $(id -g) $(id -G)\""),
                Action::exit(0),
            ],
        );
    };
    let shown_ids = |run: &Output| -> Vec<String> {
        let line = run
            .stdout
            .lines()
            .find_map(|l| l.strip_prefix("ids: "))
            .unwrap_or_else(|| panic!("no ids ({}):\n{}", run.describe(), run.log()));
        let mut words: Vec<String> = line.split(' ').map(String::from).collect();
        words[2..].sort();
        words
    };
    let run_section = |name: &str, section: &Section| {
        let ini = section.to_ini().unwrap_or_else(|e| panic!("{name}: {e}"));
        let by_ini = uwsgi.run_ini(dir.path(), &format!("{name}.ini"), &ini, &none);
        let by_args = uwsgi.run(dir.path(), &section.to_args().unwrap());
        assert_eq!(shown_ids(&by_ini), shown_ids(&by_args), "{name}");
        by_ini
    };

    // uid + gid by name: both dropped, groups from initgroups.
    let mut section = Section::new();
    section.set_strict(true);
    section
        .main_process()
        .set_owner_params(OwnerParams::new().uid("nobody").gid("nogroup"));
    ids(Phase::AsUser, &mut section);
    let run = run_section("names", &section);
    assert_eq!(shown_ids(&run), ["65534", "65534", "65534"]);

    // add-gid replaces the supplementary groups.
    let mut section = Section::new();
    section.set_strict(true);
    section.main_process().set_owner_params(
        OwnerParams::new()
            .uid(65534)
            .gid("nogroup")
            .add_gids(["users", "4"]),
    );
    ids(Phase::AsUser, &mut section);
    let run = run_section("add-gid", &section);
    assert_eq!(shown_ids(&run), ["65534", "65534", "100", "4", "65534"]);

    // Immediate ids: the crate writes immediate-gid first, which works while reading.
    let mut section = Section::new();
    section.set_strict(true);
    section.main_process().set_owner_params(
        OwnerParams::new()
            .uid("nobody")
            .gid("nogroup")
            .set_asap(true),
    );
    ids(Phase::Asap, &mut section);
    let run = run_section("immediate", &section);
    assert_eq!(shown_ids(&run), ["65534", "65534", "65534"]);

    // What the crate refuses to write, written by hand: uWSGI gets each wrong.
    let refused = |params: OwnerParams, kind: ProblemKind| {
        let mut section = Section::new();
        section.main_process().set_owner_params(params);
        let problems = section.to_ini().unwrap_err().into_problems();
        assert!(problems.iter().any(|p| p.kind() == kind), "{problems:?}");
    };
    let by_hand = |name: &str, lines: &str| {
        let ini = format!(
            "[uwsgi]\n{lines}\nhook-asap = exec:echo \"ids: $(id -u) $(id -g) $(id -G)\"\nhook-as-user = exec:echo \"ids: $(id -u) $(id -g) $(id -G)\"\nhook-as-user = exit:0\n"
        );
        uwsgi.run_ini(dir.path(), &format!("{name}.ini"), &ini, &none)
    };
    refused(OwnerParams::new().uid("nobody"), ProblemKind::UidWithoutGid);
    let run = by_hand("uid-only", "uid = nobody");
    let last = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("ids: "))
        .next_back();
    assert_eq!(
        last,
        Some("65534 0 0"),
        "uid without gid keeps root's group\n{}",
        run.log()
    );

    refused(
        OwnerParams::new().uid("nobody").add_gids("users"),
        ProblemKind::AddGidWithoutGid,
    );
    let run = by_hand("add-gid-only", "uid = nobody\nadd-gid = users");
    let last = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("ids: "))
        .next_back();
    assert_eq!(
        last,
        Some("65534 0 0"),
        "add-gid without gid is ignored\n{}",
        run.log()
    );

    refused(OwnerParams::new().uid(0).gid(0), ProblemKind::RunsAsRoot);
    let run = by_hand("uid-0", "uid = 0\ngid = nogroup");
    assert!(
        run.code == Some(1) && run.stderr.contains("user 0 not found"),
        "uid = 0 is read as a name\n{}",
        run.log()
    );

    let run = by_hand(
        "immediate-uid-first",
        "immediate-uid = nobody\nimmediate-gid = nogroup",
    );
    assert!(
        run.code == Some(1) && run.stderr.contains("setgid()"),
        "immediate-uid before immediate-gid cannot work\n{}",
        run.log()
    );
    notice(&format!(
        "owner ({}): uid/gid names, add-gid, immediate gid-then-uid work; uid without gid, add-gid without gid, uid 0 and uid-before-gid fail as the crate says",
        uwsgi.version()
    ));
}

/// The guard kills uWSGI's whole process group when the deadline passes, and when a test
/// panics while uWSGI runs.
#[test]
fn no_process_outlives_its_deadline_or_a_failing_test() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let server = [
        "--http-socket",
        "127.0.0.1:0",
        "--master",
        "--processes",
        "2",
    ];
    let workers_up = |group: u32| support::group_processes(group).len() >= 3;

    // A server never exits by itself: the deadline ends it.
    let mut running = uwsgi.start(dir.path(), &server, Duration::from_secs(1));
    let group = running.id();
    assert!(
        running.wait_until(|| workers_up(group)),
        "the server did not start"
    );
    let run = running.wait();
    assert!(run.timed_out, "{}", run.describe());
    assert!(
        support::group_gone(group),
        "processes outlived the deadline"
    );

    // A panic while it runs: unwinding drops the guard.
    let group = std::sync::Mutex::new(None);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut running = uwsgi.start(dir.path(), &server, support::TIME_LIMIT);
        let id = running.id();
        *group.lock().unwrap() = Some(id);
        assert!(running.wait_until(|| workers_up(id)));
        panic!("a failing assertion while uWSGI runs");
    }));
    assert!(result.is_err());
    let group = group.lock().unwrap().expect("started");
    assert!(
        support::group_gone(group),
        "processes outlived a failing test"
    );
}
