//! `deploy::launch` and `deploy::fifo` against the real uWSGI: start, readiness, reloads
//! (new workers, same master), stops (exit status, nothing left), and the root guard.

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use uwsgiconf::deploy::fifo::MasterFifoCommand;
use uwsgiconf::deploy::launch::{Instance, Launch, LaunchError, Ready};
use uwsgiconf::Section;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A site of one page, readable by everyone (uWSGI may run as nobody).
fn site(dir: &Path) -> std::path::PathBuf {
    let site = dir.join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("index.html"), "hello from uWSGI\n").unwrap();
    for path in [dir, &site] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    site
}

/// uWSGI serving `site` on `port` with two workers, as nobody when this process is root.
fn static_section(site: &Path, port: u16) -> Section {
    let mut section = section_keeping_the_user(site, port);
    if support::is_root() {
        section
            .set_option("uid", "nobody")
            .set_option("gid", "nogroup");
    }
    section
}

/// uWSGI serving `site` on `port` with two workers, as the user of this process.
fn section_keeping_the_user(site: &Path, port: u16) -> Section {
    let mut section = Section::new();
    section
        .set_strict(true)
        .set_option("processes", 2)
        .set_option("http-socket", format!("127.0.0.1:{port}"))
        .set_option("check-static", site)
        .set_option("static-index", "index.html")
        // Without a request plugin, uWSGI answers nothing unless a route ends the request.
        .set_option("route-run", "last:");
    section
}

fn get(port: u16) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply
}

fn workers(instance: &Instance) -> Vec<u32> {
    let mut pids: Vec<u32> = support::group_processes(instance.pid())
        .into_iter()
        .map(|p| p.pid)
        .filter(|pid| *pid != instance.pid())
        .collect();
    pids.sort();
    pids
}

/// Waits until the workers are two new ones (none of `old`), or panics after 20 s.
fn wait_for_new_workers(instance: &Instance, old: &[u32]) -> Vec<u32> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = workers(instance);
        if now.len() == 2 && now.iter().all(|pid| !old.contains(pid)) {
            return now;
        }
        assert!(
            Instant::now() < deadline,
            "workers were not replaced: {old:?} then {now:?}\n{}",
            instance.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn start_serve_reload_and_stop() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let port = free_port();
    let section = static_section(&site(dir.path()), port);
    let mut instance = Launch::new(&section).start(uwsgi.located()).unwrap();
    let master = instance.pid();
    assert!(get(port).ends_with("hello from uWSGI\n"));
    let first = wait_for_new_workers(&instance, &[]);
    if support::is_root() {
        // The launch gave its private runtime directory to nobody, where the master made
        // its FIFO after the privilege drop.
        let nobody = support::passwd_uid("nobody");
        for process in support::group_processes(master) {
            assert_eq!(process.uid, nobody, "{process:?}");
        }
    }

    instance.reload().unwrap();
    let second = wait_for_new_workers(&instance, &first);
    assert_eq!(instance.pid(), master);
    assert!(instance.is_running());

    instance.send(MasterFifoCommand::ChainReload).unwrap();
    // `send` returns once the chain is done: a `q` written during it is left unanswered.
    assert!(
        instance.log().contains("chain reloading complete"),
        "{}",
        instance.log()
    );
    let third = wait_for_new_workers(&instance, &second);
    assert!(get(port).ends_with("hello from uWSGI\n"));

    instance.send(MasterFifoCommand::ReloadWorkers).unwrap();
    wait_for_new_workers(&instance, &third);
    assert_eq!(instance.pid(), master);

    let log = instance.log();
    let stopped = instance.stop().unwrap();
    assert!(stopped.status.success(), "{stopped:?}\n{log}");
    assert!(!stopped.killed);
    assert!(support::group_gone(master));
}

#[test]
fn a_brutal_stop_ends_uwsgi_and_the_handle_cleans_up() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let port = free_port();
    let section = static_section(&site(dir.path()), port);
    let mut instance = Launch::new(&section)
        .ready_when(Ready::Connect(([127, 0, 0, 1], port).into()))
        .start(uwsgi.located())
        .unwrap();
    let master = instance.pid();
    let fifo = instance.fifo().to_path_buf();
    instance.send(MasterFifoCommand::BrutalStop).unwrap();
    let status = instance.wait_timeout(Duration::from_secs(20));
    assert!(status.is_some(), "still running\n{}", instance.log());
    drop(instance);
    assert!(support::group_gone(master));
    // The private runtime directory (with the FIFO the launch added) is gone.
    assert!(!fifo.exists());
    assert!(!fifo.parent().unwrap().exists());
}

#[test]
fn dropping_the_handle_stops_uwsgi() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let port = free_port();
    let section = static_section(&site(dir.path()), port);
    let instance = Launch::new(&section).start(uwsgi.located()).unwrap();
    let master = instance.pid();
    drop(instance);
    assert!(support::group_gone(master));
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}

#[test]
fn a_section_uwsgi_refuses_fails_to_start_with_its_log() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut section = Section::new();
    // Declared built in: the crate lets the option through, this uWSGI refuses it.
    section
        .set_embedded_plugins(["python"])
        .set_strict(true)
        .set_option("wsgi-file", "app.py");
    if support::is_root() {
        section
            .set_option("uid", "nobody")
            .set_option("gid", "nogroup");
    }
    match Launch::new(&section).start(uwsgi.located()) {
        Err(LaunchError::Exited { status, log }) => {
            assert_eq!(status.code(), Some(1));
            assert!(log.contains("unknown config directive: wsgi-file"), "{log}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn root_needs_a_privilege_drop_or_a_yes() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    if !support::is_root() {
        support::notice("NOTICE: the root guard of launches is not tested: not root");
        return;
    }
    let dir = support::temp_dir();
    let port = free_port();
    let section = section_keeping_the_user(&site(dir.path()), port);
    assert!(matches!(
        Launch::new(&section).start(uwsgi.located()),
        Err(LaunchError::RunsAsRoot)
    ));
    let instance = Launch::new(&section)
        .allow_root(true)
        .start(uwsgi.located())
        .unwrap();
    let uids: Vec<Option<u32>> = support::group_processes(instance.pid())
        .iter()
        .map(|p| p.uid)
        .collect();
    assert!(uids.iter().all(|uid| *uid == Some(0)), "{uids:?}");
    assert!(instance.stop().unwrap().status.success());
}

#[test]
fn a_given_runtime_dir_holds_the_config_and_the_fifo_and_stays() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let run = dir.path().join("run");
    std::fs::create_dir(&run).unwrap();
    if support::is_root() {
        // uWSGI makes its FIFO as nobody.
        let nobody = support::passwd_uid("nobody").unwrap();
        std::os::unix::fs::chown(&run, Some(nobody), None).unwrap();
    }
    let port = free_port();
    let section = static_section(&site(dir.path()), port);
    let instance = Launch::new(&section)
        .runtime_dir(&run)
        .start(uwsgi.located())
        .unwrap();
    assert_eq!(instance.fifo(), run.join("master.fifo"));
    let ini = std::fs::read_to_string(run.join("uwsgi.ini")).unwrap();
    assert!(ini.contains(&format!(
        "master-fifo = {}",
        run.join("master.fifo").display()
    )));
    assert!(ini.contains("master = true"), "{ini}");
    assert!(instance.stop().unwrap().status.success());
    assert!(run.join("uwsgi.ini").exists());
}

#[test]
fn reload_returns_once_the_reloaded_master_runs() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let port = free_port();
    let section = static_section(&site(dir.path()), port);
    let mut instance = Launch::new(&section).start(uwsgi.located()).unwrap();
    instance.reload().unwrap();
    // The re-executed master logs this, then makes its FIFO again.
    assert!(
        instance
            .log()
            .contains("gracefully (RE)spawned uWSGI master process"),
        "{}",
        instance.log()
    );
    // A command now reaches the new master: a brutal reload, then a stop.
    instance.send(MasterFifoCommand::BrutalReload).unwrap();
    assert_eq!(
        instance
            .log()
            .matches("(RE)spawned uWSGI master process")
            .count(),
        2,
        "{}",
        instance.log()
    );
    assert!(instance.stop().unwrap().status.success());
}
