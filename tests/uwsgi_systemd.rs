//! `deploy::systemd` against the real tools: `systemd-analyze verify` accepts the units, and
//! uWSGI does what the units rely on.
//!
//! - `Type=notify`: uWSGI started with `NOTIFY_SOCKET` sends `READY=1` there.
//! - `DynamicUser=`/`User=`: uWSGI started as another user than root ignores `uid` and `gid`
//!   (the control: started as root, it takes them).
//! - `KillSignal=`: the signal the unit picks, sent to uWSGI's main process (as
//!   `KillMode=mixed` does), stops it with a status the unit counts as success; the signal it
//!   refuses instead makes the master reload (the same process reports
//!   `STATUS=initializing uWSGI` again).
//! - Socket activation: under `systemd-socket-activate` (systemd's own tool, which passes
//!   the socket as `LISTEN_FDS`), a section the unit accepts serves HTTP on the inherited
//!   socket with `protocol = http`, and without it speaks uwsgi's protocol (an HTTP client
//!   gets an empty reply).
//!
//! The systemd tools come from `PATH`; CI installs the `systemd` package for them. Without
//! them the tests are skipped with a notice, unless `UWSGICONF_REQUIRE_UWSGI=1`, which makes
//! a missing tool a failure (as for uWSGI).

mod readme;
mod support;

use readme::readme_block;
use std::ffi::OsStr;
use std::fs;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::net::{UnixDatagram, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{notice, on_path, required, Running, Uwsgi};
use uwsgiconf::deploy::systemd::{KillSignal, ServiceUnit};
use uwsgiconf::Section;

/// A systemd tool from `PATH`, or `None` after a notice (a failure when required).
fn systemd_tool(name: &str) -> Option<PathBuf> {
    match on_path(name) {
        Some(path) => Some(path),
        None if required() => panic!(
            "UWSGICONF_REQUIRE_UWSGI=1, but `{name}` is not on PATH: install systemd \
             (Debian: apt-get install -y systemd)"
        ),
        None => {
            notice(&format!(
                "NOTICE: systemd unit checks are NOT run: `{name}` is not on PATH. \
                 Set UWSGICONF_REQUIRE_UWSGI=1 to make this a failure."
            ));
            None
        }
    }
}

/// The value of `key=` in a unit.
fn setting<'a>(unit: &'a str, key: &str) -> Option<&'a str> {
    unit.lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
}

/// `systemd-analyze verify` on unit files: its status and everything it printed.
fn verify(tool: &Path, files: &[PathBuf]) -> (bool, String) {
    let output = Command::new(tool)
        .arg("verify")
        .args(files)
        .stdin(Stdio::null())
        .output()
        .expect("run systemd-analyze");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Writes the units into `dir` and returns their paths.
fn write_units(dir: &Path, units: &uwsgiconf::deploy::systemd::Units) -> Vec<PathBuf> {
    let mut files = vec![dir.join(units.service_name())];
    fs::write(&files[0], units.service()).unwrap();
    if let Some(socket) = units.socket() {
        let path = dir.join(units.socket_name());
        fs::write(&path, socket).unwrap();
        files.push(path);
    }
    files
}

fn section(options: &[(&str, &str)]) -> Section {
    let mut section = Section::new();
    section.set_strict(true);
    for (key, value) in options {
        match *value {
            "true" => section.set_option(*key, true),
            value => section.add_option(*key, value),
        };
    }
    section
}

#[test]
fn systemd_analyze_verify_accepts_the_units() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let Some(analyze) = systemd_tool("systemd-analyze") else {
        return;
    };
    let dir = support::temp_dir();
    let bin = uwsgi.bin();
    // systemd must find the binary through the quoting of ExecStart=.
    let odd_dir = dir.path().join("odd dir 100% $HOME");
    fs::create_dir(&odd_dir).unwrap();
    let odd_bin = odd_dir.join("uwsgi");
    std::os::unix::fs::symlink(bin, &odd_bin).unwrap();

    let web = section(&[
        ("master", "true"),
        ("pidfile", "/run/web/uwsgi.pid"),
        ("http-socket", "127.0.0.1:8000"),
        ("need-plugin", "notfound"),
    ]);
    let dynamic = section(&[
        ("master", "true"),
        ("die-on-term", "true"),
        ("socket", "/run/dynamic/app.sock"),
        ("need-plugin", "notfound"),
    ]);
    let single = section(&[("http-socket", ":8000"), ("need-plugin", "notfound")]);
    let activated = section(&[
        ("master", "true"),
        ("protocol", "http"),
        ("pidfile2", "/run/activated/uwsgi.pid"),
        ("need-plugin", "notfound"),
    ]);
    let mut named = Section::named("prod");
    named.set_option("master", true);

    let cases = [
        (
            "web",
            ServiceUnit::new("web", bin, "/etc/web/uwsgi.ini"),
            &web,
        ),
        (
            "dynamic",
            ServiceUnit::new("dynamic", bin, "/etc/dynamic/uwsgi.json").dynamic_user(true),
            &dynamic,
        ),
        (
            "single",
            ServiceUnit::new("single", bin, "/etc/single/uwsgi.yml")
                .user("www-data", "www-data")
                .kill_signal(KillSignal::Int),
            &single,
        ),
        (
            "activated",
            ServiceUnit::new("activated", bin, "/etc/activated/uwsgi.ini")
                .socket("127.0.0.1:8000")
                .socket("/run/activated-socket/app.sock"),
            &activated,
        ),
        (
            "odd",
            ServiceUnit::new("odd@x", &odd_bin, "/etc/odd dir/100% $HOME.ini")
                .description("uWSGI, odd paths"),
            &named,
        ),
    ];
    for (what, unit, section) in cases {
        let units = unit
            .render(section)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let case_dir = dir.path().join(what);
        fs::create_dir(&case_dir).unwrap();
        let files = write_units(&case_dir, &units);
        let (ok, said) = verify(&analyze, &files);
        assert!(
            ok && said.is_empty(),
            "{what}: systemd-analyze verify refused or warned:\n{said}\n--- {}\n{}\n--- {}\n{}",
            units.service_name(),
            units.service(),
            units.socket_name(),
            units.socket().unwrap_or("(none)")
        );
    }

    // Negative controls: verify does check the binary, and reports what it corrects.
    let control = dir.path().join("control");
    fs::create_dir(&control).unwrap();
    let missing = ServiceUnit::new("missing", dir.path().join("no-uwsgi"), "/etc/a.ini")
        .render(&web)
        .unwrap();
    let (ok, said) = verify(&analyze, &write_units(&control, &missing));
    assert!(!ok && said.contains("no-uwsgi"), "{said}");
    // What Python uwsgiconf's sysinit writes.
    let python = control.join("python.service");
    fs::write(
        &python,
        format!(
            "[Service]\nType=notify\nExecStart={} --ini /etc/a.ini\nKillSignal=SIGTERM\n\
             StandardError=syslog\nNotifyAccess=all\n",
            bin.display()
        ),
    )
    .unwrap();
    let (ok, said) = verify(&analyze, &[python]);
    assert!(ok && said.contains("syslog is obsolete"), "{said}");
}

/// What uWSGI sends to `NOTIFY_SOCKET` when it is ready, and when it starts (again).
const READY: &str = "READY=1";
const INITIALIZING: &str = "STATUS=initializing uWSGI";

/// The README's units: the same code, then `systemd-analyze verify` (with the binary found
/// here in ExecStart=, when it is not `/usr/bin/uwsgi`).
#[test]
fn the_readme_shows_the_units_the_code_renders() {
    let mut section = Section::new();
    section
        .set_strict(true)
        .set_option("master", true)
        .set_option("pidfile", "/run/myapp/uwsgi.pid")
        .set_option("protocol", "http")
        .set_option("need-plugin", "notfound");
    let unit = |bin: &Path| {
        ServiceUnit::new("myapp", bin, "/etc/myapp/uwsgi.ini")
            .dynamic_user(true)
            .socket("127.0.0.1:8000")
            .render(&section)
            .unwrap()
    };
    let units = unit(Path::new("/usr/bin/uwsgi"));
    assert_eq!(
        readme_block("### systemd", "```ini"),
        format!("{}\n{}", units.service(), units.socket().unwrap())
    );

    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let Some(analyze) = systemd_tool("systemd-analyze") else {
        return;
    };
    let dir = support::temp_dir();
    let files = write_units(dir.path(), &unit(uwsgi.bin()));
    let (ok, said) = verify(&analyze, &files);
    assert!(ok && said.is_empty(), "{said}");
}

/// A datagram socket standing in for systemd's `NOTIFY_SOCKET`.
struct Notify {
    socket: UnixDatagram,
    path: PathBuf,
}

impl Notify {
    fn bind(dir: &Path) -> Notify {
        let path = dir.join("notify");
        let socket = UnixDatagram::bind(&path).expect("bind the notify socket");
        socket
            .set_read_timeout(Some(Duration::from_millis(50)))
            .unwrap();
        Notify { socket, path }
    }

    /// Waits (while uWSGI runs, at most 10 s) for a message with the line `line`; returns
    /// the messages read, the last one holding it if one came.
    fn wait_for(&self, running: &mut Running, line: &str) -> Vec<String> {
        let mut messages = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut buffer = [0u8; 4096];
        while Instant::now() < deadline && running.is_running() {
            match self.socket.recv(&mut buffer) {
                Ok(n) => {
                    let message = String::from_utf8_lossy(&buffer[..n]).into_owned();
                    let found = message.lines().any(|l| l == line);
                    messages.push(message);
                    if found {
                        break;
                    }
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => panic!("notify socket: {e}"),
            }
        }
        messages
    }
}

/// Whether the last message has the line `line`.
fn last_has(messages: &[String], line: &str) -> bool {
    messages
        .last()
        .is_some_and(|m| m.lines().any(|l| l == line))
}

/// uWSGI started like the unit starts it (`<binary> --ini <file>`), with `NOTIFY_SOCKET`.
fn start(uwsgi: &Uwsgi, dir: &Path, ini: &str, notify: &Notify) -> Running {
    let file = dir.join("app.ini");
    fs::write(&file, ini).unwrap();
    let variable = format!("NOTIFY_SOCKET={}", notify.path.display());
    uwsgi.start_with(
        dir,
        &["env", &variable],
        &[OsStr::new("--ini"), file.as_os_str()],
        // A deadline, not a timing: the whole start, reload and stop, on a machine running
        // every other test at once. (One full run failed the stop's check with 20 s, its
        // cause not kept; a deadline that load cannot reach rules that one out.)
        Duration::from_secs(60),
    )
}

/// Waits until uWSGI handles the stop and reload signals. It ignores SIGTERM and SIGHUP from
/// its start until its master loop runs (uWSGI 2.0.21's source), which comes after READY=1
/// and after the workers are forked; the master loop creates the master FIFO after setting
/// its signal handlers, and a worker answers requests once it has set its own.
fn wait_until_serving(mut running: Running, dir: &Path, master: bool, what: &str) -> Running {
    let answered = running.wait_until(|| {
        let Ok(mut stream) = UnixStream::connect(dir.join("http.sock")) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let _ = stream.write_all(b"GET / HTTP/1.0\r\n\r\n");
        let mut reply = Vec::new();
        let _ = stream.read_to_end(&mut reply);
        reply.starts_with(b"HTTP/1.")
    });
    let fifo = dir.join("fifo");
    let looping = !master || running.wait_until(|| fifo.exists());
    if !answered || !looping {
        let out = running.stop();
        panic!(
            "{what}: uWSGI does not answer requests, or its master loop did not start ({}):\n{}",
            out.describe(),
            out.log()
        );
    }
    running
}

fn main_pid(dir: &Path) -> u32 {
    let text = fs::read_to_string(dir.join("uwsgi.pid")).expect("the pidfile");
    text.trim().parse().expect("a pid")
}

#[test]
fn uwsgi_reports_ready_and_stops_on_the_units_kill_signal() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    // (master, die-on-term, the signal that reloads instead)
    let modes = [
        (true, false, Some("TERM")),
        (true, true, Some("QUIT")),
        (false, false, None),
    ];
    for (master, die_on_term, reloads_on) in modes {
        let what = format!("master={master} die-on-term={die_on_term}");
        let dir = support::temp_dir();
        let mut options = vec![
            ("pidfile", format!("{}/uwsgi.pid", dir.path().display())),
            ("http-socket", format!("{}/http.sock", dir.path().display())),
            ("need-plugin", "notfound".to_string()),
        ];
        if master {
            options.push(("master", "true".into()));
            options.push(("master-fifo", format!("{}/fifo", dir.path().display())));
        }
        if die_on_term {
            options.push(("die-on-term", "true".into()));
        }
        let options: Vec<(&str, &str)> = options.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let section = section(&options);
        let ini = section.to_ini().unwrap();
        let units = ServiceUnit::new("app", uwsgi.bin(), dir.path().join("app.ini"))
            .render(&section)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let service = units.service();
        assert_eq!(setting(service, "Type"), Some("notify"));
        let kill = setting(service, "KillSignal").unwrap();
        let mut success = vec![0];
        if let Some(statuses) = setting(service, "SuccessExitStatus") {
            success.extend(statuses.split(' ').map(|s| s.parse::<i32>().unwrap()));
        }

        let notify = Notify::bind(dir.path());
        if let Some(signal) = reloads_on {
            // The signal the unit avoids: uWSGI reloads (execs itself again: same process),
            // and the new image reports that it is initializing. (Its READY=1 then fails on
            // 2.0.21, "sendmsg(): Transport endpoint is already connected": systemd waits
            // for READY=1 only at start.)
            let mut running = start(uwsgi, dir.path(), &ini, &notify);
            let messages = notify.wait_for(&mut running, READY);
            assert!(
                last_has(&messages, READY),
                "{what}: no READY=1: {messages:?}"
            );
            running = wait_until_serving(running, dir.path(), master, &what);
            let pid = main_pid(dir.path());
            assert!(support::signal(pid, signal));
            let again = notify.wait_for(&mut running, INITIALIZING);
            assert!(
                last_has(&again, INITIALIZING) && running.is_running(),
                "{what}: SIG{signal} did not reload uWSGI: {again:?}\n{}",
                running.stop().log()
            );
            assert_eq!(
                main_pid(dir.path()),
                pid,
                "{what}: the reload kept the process"
            );
            let out = running.stop();
            assert!(
                out.stderr.contains("binary reloading uWSGI"),
                "{}",
                out.log()
            );
        }

        let mut running = start(uwsgi, dir.path(), &ini, &notify);
        let messages = notify.wait_for(&mut running, READY);
        assert!(
            last_has(&messages, READY),
            "{what}: uWSGI sent no READY=1 to NOTIFY_SOCKET: {messages:?}"
        );
        running = wait_until_serving(running, dir.path(), master, &what);
        let pid = main_pid(dir.path());
        assert!(support::signal(pid, kill.trim_start_matches("SIG")));
        let out = running.wait();
        assert!(
            !out.timed_out && out.code.is_some_and(|code| success.contains(&code)),
            "{what}: {kill} did not stop uWSGI with a status in {success:?} ({}):\n{}",
            out.describe(),
            out.log()
        );
    }
}

/// A free TCP port on 127.0.0.1 (free when this returns).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `GET /` over HTTP/1.0, retried until the listener answers (at most 10 s); the reply, or
/// an empty string when the connection closes without one.
fn http_get(address: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match TcpStream::connect(address) {
            Ok(mut stream) => {
                stream
                    .set_read_timeout(Some(Duration::from_secs(10)))
                    .unwrap();
                stream
                    .write_all(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    .unwrap();
                let mut reply = Vec::new();
                let _ = stream.read_to_end(&mut reply);
                return String::from_utf8_lossy(&reply).into_owned();
            }
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => panic!("cannot connect to {address}: {e}"),
        }
    }
}

#[test]
fn socket_activation_serves_on_the_inherited_socket() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let Some(activate) = systemd_tool("systemd-socket-activate") else {
        return;
    };
    for protocol in [Some("http"), None] {
        let dir = support::temp_dir();
        let pidfile = format!("{}/uwsgi.pid", dir.path().display());
        let mut options = vec![
            ("master", "true"),
            ("pidfile", pidfile.as_str()),
            ("need-plugin", "notfound"),
        ];
        if let Some(protocol) = protocol {
            options.push(("protocol", protocol));
        }
        let section = section(&options);
        let address = format!("127.0.0.1:{}", free_port());
        let units = ServiceUnit::new("app", uwsgi.bin(), dir.path().join("app.ini"))
            .socket(address.as_str())
            .render(&section)
            .unwrap();
        assert_eq!(
            setting(units.socket().unwrap(), "ListenStream"),
            Some(address.as_str())
        );
        let file = dir.path().join("app.ini");
        fs::write(&file, section.to_ini().unwrap()).unwrap();
        let activate = activate.to_str().unwrap();
        let running = uwsgi.start_with(
            dir.path(),
            &[activate, "--listen", &address],
            &[OsStr::new("--ini"), file.as_os_str()],
            Duration::from_secs(20),
        );
        let reply = http_get(&address);
        let out = running.stop();
        assert!(
            out.stderr
                .contains("- SystemD socket activation detected -")
                && out.stderr.contains(&format!(
                    "uwsgi socket 0 attached to INET address {address} fd 3"
                )),
            "uWSGI did not take the inherited socket:\n{}",
            out.log()
        );
        match protocol {
            Some(_) => assert!(
                reply.starts_with("HTTP/1.0 404 Not Found\r\n"),
                "protocol = http: {reply:?}\n{}",
                out.log()
            ),
            None => assert_eq!(
                reply,
                "",
                "the uwsgi protocol answered HTTP:\n{}",
                out.log()
            ),
        }
    }
}

/// Why the unit refuses `uid`/`gid` under `DynamicUser=yes` or `User=`: uWSGI started
/// without root (here as `nobody`, 65534, with `setpriv`) ignores them, and runs on as the
/// user it was started as.
#[test]
fn uwsgi_started_without_root_ignores_uid_and_gid() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let why = if !support::is_root() {
        Some("not running as root".to_string())
    } else if on_path("setpriv").is_none() {
        Some("`setpriv` is not on PATH".to_string())
    } else if support::passwd_uid("www-data").is_none() {
        Some("no user www-data".to_string())
    } else {
        None
    };
    if let Some(why) = why {
        assert!(
            !required(),
            "UWSGICONF_REQUIRE_UWSGI=1, but uWSGI cannot be started as another user: {why}"
        );
        notice(&format!("NOTICE: uWSGI is NOT run without root: {why}"));
        return;
    }
    let refused = ServiceUnit::new("app", uwsgi.bin(), "/etc/app.ini").dynamic_user(true);
    let dir = support::temp_dir();
    // nobody creates the socket and the pidfile here.
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let section = section(&[
        ("uid", "www-data"),
        ("gid", "www-data"),
        ("pidfile", &format!("{}/uwsgi.pid", dir.path().display())),
        (
            "http-socket",
            &format!("{}/http.sock", dir.path().display()),
        ),
        ("need-plugin", "notfound"),
    ]);
    let origins: Vec<String> = refused
        .render(&section)
        .unwrap_err()
        .problems()
        .iter()
        .map(|p| p.origin().to_string())
        .collect();
    assert_eq!(origins, ["uid", "gid"]);

    let file = dir.path().join("app.ini");
    fs::write(&file, section.to_ini().unwrap()).unwrap();
    let nobody: &[&str] = &[
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
    ];
    // Started as root (the control), uWSGI takes www-data; started as nobody, it stays nobody.
    for (prefix, expected) in [
        (&[][..], support::passwd_uid("www-data")),
        (nobody, Some(65534)),
    ] {
        let mut running = uwsgi.start_with(
            dir.path(),
            prefix,
            &[OsStr::new("--ini"), file.as_os_str()],
            Duration::from_secs(20),
        );
        running = wait_until_serving(running, dir.path(), false, "uid check");
        let pid = main_pid(dir.path());
        let uids: Vec<Option<u32>> = support::group_processes(running.id())
            .iter()
            .filter(|p| p.pid == pid)
            .map(|p| p.uid)
            .collect();
        let out = running.stop();
        assert_eq!(uids, [expected], "{prefix:?}:\n{}", out.log());
        // The next run, as another user, makes them again.
        for file in ["http.sock", "uwsgi.pid"] {
            let _ = fs::remove_file(dir.path().join(file));
        }
    }
}
