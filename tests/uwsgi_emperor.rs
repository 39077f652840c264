//! The Emperor against the real uWSGI (issue 10): an emperor on a directory written by
//! `deploy::emperor::VassalDir` starts its vassals (an INI one and a JSON one, each writing a
//! file from a hook), reloads the one whose file changed, stops the one whose file was
//! removed, and is stopped cleanly with its vassals. The emperor's section comes from the
//! macro (`empire.emperor(..)`). Run as root, the emperor drops to
//! `nobody`/`nogroup` and its vassals run as that user; every process lives in the test's
//! process group, which is checked empty at the end.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use uwsgiconf::deploy::emperor::{VassalDir, VassalFormat};
use uwsgiconf::empire::EmperorParams;
use uwsgiconf::{uwsgi_config, Action, OwnerParams, Phase, PidFileParams, Section};

/// A vassal that stays up (a master, a worker, a socket) and writes `generation` to
/// `<out>/<name>.txt` from a hook each time it starts.
fn vassal(out: &Path, name: &str, generation: u32) -> Section {
    let mut section = Section::new();
    section.set_strict(true);
    section
        .main_process()
        .set_pid_file(out.join(format!("{name}.pid")), PidFileParams::new())
        .set_hook(
            Phase::ASAP,
            Action::file_write(
                out.join(format!("{name}.txt")),
                format!("generation {generation}"),
            ),
        );
    section
        .set_option("master", true)
        .set_option("socket", out.join(format!("{name}.sock")));
    section
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

fn pid(path: &Path) -> Option<u32> {
    read(path).trim().parse().ok()
}

fn alive(pid: u32) -> bool {
    // A zombie has been stopped; only a live process counts.
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

#[test]
fn an_emperor_runs_reloads_and_stops_the_vassals_written() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let temp = support::temp_dir();
    let dir = temp.path();
    let vassals_dir = dir.join("vassals");
    let out = dir.join("out");
    fs::create_dir(&out).unwrap();
    // The emperor and its vassals may run as nobody: they read the vassals and write `out`.
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o777)).unwrap();

    let mut vassals = VassalDir::new(&vassals_dir);
    vassals
        .add("app", VassalFormat::Ini, vassal(&out, "app", 1))
        .add("api", VassalFormat::Json, vassal(&out, "api", 1));
    let written = vassals.write().unwrap();
    assert_eq!(written.written, ["app.ini", "api.json"]);

    // The emperor's section from the macro, the same as from the methods.
    let home = vassals.path().to_str().unwrap();
    let pid_file = out.join("emperor.pid");
    let pid_file = pid_file.to_str().unwrap();
    let mut emperor =
        uwsgi_config!(empire.emperor(vassals_home = home, scan_interval = 1, pid_file = pid_file));
    let mut by_methods = Section::new();
    by_methods.empire().set_emperor_params(
        EmperorParams::new()
            .vassals_home(vassals.path())
            .scan_interval(1)
            .pid_file(out.join("emperor.pid")),
    );
    assert_eq!(emperor.to_ini().unwrap(), by_methods.to_ini().unwrap());
    emperor.set_strict(true);
    if support::is_root() {
        emperor
            .main_process()
            .set_owner_params(OwnerParams::new().uid("nobody").gid("nogroup"));
    }
    let emperor_ini = dir.join("emperor.ini");
    fs::write(&emperor_ini, emperor.to_ini().unwrap()).unwrap();
    let mut running = uwsgi.start(
        dir,
        &["--ini", emperor_ini.to_str().unwrap()],
        Duration::from_secs(60),
    );
    let group = running.id();

    // Both vassals start.
    let started = running.wait_until(|| {
        read(&out.join("app.txt")) == "generation 1" && read(&out.join("api.txt")) == "generation 1"
    });
    assert!(
        started,
        "the vassals did not start:\n{}",
        running.stop().log()
    );
    let api_pid = pid(&out.join("api.pid")).expect("api's pidfile");

    // A changed vassal is rewritten and reloaded; the other is left alone.
    let mut vassals = VassalDir::new(&vassals_dir);
    vassals
        .add("app", VassalFormat::Ini, vassal(&out, "app", 2))
        .add("api", VassalFormat::Json, vassal(&out, "api", 1));
    let written = vassals.write().unwrap();
    assert_eq!(
        (written.written, written.unchanged),
        (vec!["app.ini".to_string()], vec!["api.json".to_string()])
    );
    let reloaded = running.wait_until(|| read(&out.join("app.txt")) == "generation 2");
    assert!(reloaded, "app was not reloaded:\n{}", running.stop().log());

    // A vassal no longer listed is removed when asked, and the emperor stops it.
    let mut vassals = VassalDir::new(&vassals_dir);
    vassals
        .add("app", VassalFormat::Ini, vassal(&out, "app", 2))
        .remove_unlisted(true);
    assert_eq!(vassals.write().unwrap().removed, ["api.json"]);
    let stopped = running.wait_until(|| !alive(api_pid));
    assert!(stopped, "api was not stopped:\n{}", running.stop().log());
    assert!(running.is_running());

    // SIGINT stops the emperor and its vassals.
    let app_pid = pid(&out.join("app.pid")).expect("app's pidfile");
    let emperor_pid = pid(&out.join("emperor.pid")).expect("the emperor's pidfile");
    assert!(support::signal(emperor_pid, "INT"));
    let output = running.wait();
    assert!(!output.timed_out, "{}", output.log());
    assert_eq!(output.code, Some(0), "{}", output.log());
    let log = output.log();
    assert!(log.contains("The Emperor is buried"), "{log}");
    assert!(log.contains("removed uwsgi instance app.ini"), "{log}");
    assert!(!alive(app_pid));
    assert!(support::group_gone(group));
}
