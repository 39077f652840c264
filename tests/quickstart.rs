//! The quickstart example: it renders, the README shows its output, the real uWSGI accepts it
//! in strict mode, and it serves files over HTTP, started twice as a restart would.
//!
//! uWSGI is found through `UWSGICONF_UWSGI_BIN`, else `uwsgi` on `PATH`, and run safely, by
//! `support`. Without it the uWSGI checks are skipped with a notice, unless
//! `UWSGICONF_REQUIRE_UWSGI=1`, which makes a missing binary a failure.
//!
//! The configuration turns strict mode on itself (`strict = true`, `--strict`), so the strict
//! probes put only `--hook-asap "callint:_exit 42"` before it: it is the first asap hook.
//! uWSGI reads the whole config first (strict mode refuses unknown directives while reading),
//! then runs the asap hooks in order: `_exit(42)` ends the process before any hook of the
//! config runs, before privileges drop, and without atexit handlers (so `vacuum` removes
//! nothing). Exit status 42 therefore proves the config was accepted; each probe's negative
//! control (one unknown directive more) must be refused.
//!
//! The served run uses the configuration as printed, with its absolute paths (`/srv/myapp`,
//! `/run/myapp`): uWSGI runs as root in a private mount namespace where temp dirs are
//! bind-mounted over `/srv` and `/run`, and the test, outside, reads the effects through the
//! temp dirs and fetches pages with plain HTTP/1.0 requests over TCP. Only the address
//! differs: a free port on 127.0.0.1 (`web_app`'s parameter, the example's `--http`).

#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart;
mod support;

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::time::Duration;

use support::{notice, required, Prepend, ACCEPTED};
use uwsgiconf::Section;

/// The example's section, with its default address.
fn web_app(daemonize: bool) -> Section {
    quickstart::web_app(daemonize, quickstart::HTTP_ADDRESS)
}

#[test]
fn renders_in_both_modes() {
    for daemonize in [false, true] {
        let section = web_app(daemonize);
        let ini = section
            .to_ini()
            .unwrap_or_else(|e| panic!("daemonize={daemonize}: {e}"));
        let lines: Vec<&str> = ini.lines().collect();
        assert_eq!(lines[..2], ["[uwsgi]", "strict = true"]);
        for expected in [
            "uid = www-data",
            "gid = www-data",
            "pidfile2 = /run/myapp/uwsgi.pid",
            "chdir = /srv/myapp",
            "touch-reload = /srv/myapp/reload",
            "vacuum = true",
            "procname-prefix-spaced = myapp",
            "hook-asap = chown:/run/myapp www-data www-data",
            // A literal `%` in print text: printf format, then the file's magic pass.
            "hook-asap = print:myapp: config read, 100%%%% strict",
            "hook-as-user = writen:/run/myapp/state running as www-data",
            "hook-post-app = writen:/run/myapp/state ready",
            "need-plugin = notfound",
            "check-static = /srv/myapp/public",
            "static-index = index.html",
            "master = true",
            "processes = 4",
            "http-socket = 127.0.0.1:8000",
            "die-on-term = true",
        ] {
            assert!(lines.contains(&expected), "missing {expected:?} in\n{ini}");
        }
        assert_eq!(
            lines.contains(&"daemonize = /var/log/myapp/uwsgi.log"),
            daemonize,
            "{ini}"
        );

        let args = section
            .to_args()
            .unwrap_or_else(|e| panic!("daemonize={daemonize}: {e}"));
        assert_eq!(args[0], "--strict");
        // On the command line there is no magic pass: only printf's doubling remains.
        assert!(args.contains(&"print:myapp: config read, 100%% strict".to_string()));
    }
}

#[test]
fn uwsgi_accepts_the_ini_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    for daemonize in [false, true] {
        let ini = web_app(daemonize).to_ini().expect("renders");
        let what = format!("quickstart INI (daemonize={daemonize})");
        uwsgi.assert_strict_accepts_ini(&what, Prepend::Stop, &ini);
    }
}

#[test]
fn uwsgi_accepts_the_args_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    for daemonize in [false, true] {
        let args = web_app(daemonize).to_args().expect("renders");
        let what = format!("quickstart arguments (daemonize={daemonize})");
        uwsgi.assert_strict_accepts_args(&what, Prepend::Stop, &args);
    }
}

/// A likely typo (`never_swap` for `never-swap`) is caught: the INI's own `strict = true`
/// makes uWSGI stop at it.
#[test]
fn the_check_catches_an_unknown_directive() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let mut ini = web_app(false).to_ini().expect("renders");
    ini.push_str("never_swap = true\n");
    let run = uwsgi.run_probe_ini(dir.path(), "broken.ini", Prepend::Stop, &ini);
    assert_ne!(run.code, Some(ACCEPTED), "{}", run.log());
    assert!(
        run.log()
            .contains("[strict-mode] unknown config directive: never_swap"),
        "{}",
        run.log()
    );
}

/// The README shows what `cargo run --example quickstart` prints: the ```ini block under
/// "## Try it".
#[test]
fn the_readme_shows_the_quickstart_output() {
    let readme = include_str!("../README.md");
    let section = readme
        .find("\n## Try it\n")
        .expect("README: no \"## Try it\" section");
    let rest = &readme[section..];
    let open = rest
        .find("\n```ini\n")
        .expect("README: no ```ini block under Try it")
        + "\n```ini\n".len();
    let close = rest[open..]
        .find("\n```\n")
        .expect("README: the ```ini block is not closed");
    assert_eq!(
        &rest[open..=open + close],
        web_app(false).to_ini().expect("renders"),
        "the README's quickstart output differs from what the example prints"
    );
}

// ---------------------------------------------------------------------------------------------
// Serving, as root in a private mount namespace.

/// A port on 127.0.0.1 that was free a moment ago (the kernel's choice for port 0).
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// A response: the status code and the body.
#[derive(Debug)]
struct Response {
    status: u16,
    head: String,
    body: Vec<u8>,
}

/// `GET <path>` over a plain TCP connection, as HTTP/1.0 (the server closes the connection
/// after the response). An empty reply is an error.
fn http_get(address: &str, path: &str) -> Result<Response, String> {
    let socket_address = address.parse().map_err(|e| format!("{address}: {e}"))?;
    let mut stream = TcpStream::connect_timeout(&socket_address, Duration::from_secs(5))
        .map_err(|e| format!("connect to {address}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .and_then(|()| stream.set_write_timeout(Some(Duration::from_secs(5))))
        .map_err(|e| e.to_string())?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n")
        .map_err(|e| format!("send the request: {e}"))?;
    let mut reply = Vec::new();
    stream
        .read_to_end(&mut reply)
        .map_err(|e| format!("read the reply: {e}"))?;
    if reply.is_empty() {
        return Err("empty reply: the connection was closed without an answer".into());
    }
    let end = reply
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("no complete HTTP head in the reply {reply:?}"))?;
    let head = String::from_utf8_lossy(&reply[..end]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("no status code in {head:?}"))?;
    Ok(Response {
        status,
        head,
        body: reply[end + 4..].to_vec(),
    })
}

/// The example's uWSGI processes (its names start with `myapp uWSGI`, from
/// `procname-prefix-spaced`): the wrappers (`timeout`) are left out.
fn uwsgi_processes(group: u32) -> Vec<support::Process> {
    support::group_processes(group)
        .into_iter()
        .filter(|p| p.name.starts_with("myapp uWSGI"))
        .collect()
}

fn make_dir(path: &Path) {
    fs::create_dir_all(path).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// The quickstart, as printed (but on a free port), started twice in the same directories as
/// a restart would: each time it drops to www-data, runs four workers, serves the file under
/// public/ (also as the index of `/`) and answers 404 for a missing one, writes and removes
/// its pid file, and stops on SIGTERM. The second start finds the runtime directory the first
/// made.
#[test]
fn the_quickstart_serves_files_over_http_and_survives_a_restart() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let etc_group = fs::read_to_string("/etc/group").unwrap_or_default();
    let www_data = support::passwd_uid("www-data").zip(support::group_id(&etc_group, "www-data"));
    let why = support::private_mounts_unusable(&["/run", "/srv"]).or_else(|| {
        www_data
            .is_none()
            .then(|| "no user or group www-data in /etc/passwd and /etc/group".to_string())
    });
    if let Some(why) = why {
        assert!(
            !required(),
            "UWSGICONF_REQUIRE_UWSGI=1, but the quickstart cannot be served: {why}"
        );
        notice(&format!(
            "NOTICE: the quickstart was NOT served by uWSGI: {why}. \
             Set UWSGICONF_REQUIRE_UWSGI=1 to make this a failure."
        ));
        return;
    }
    let (uid, gid) = www_data.unwrap();

    let dir = support::temp_dir();
    let at = |name: &str| dir.path().join(name);
    for name in ["run", "srv", "srv/myapp", "srv/myapp/public"] {
        make_dir(&at(name));
    }
    // The page names its temp dir, so that only this run's file can match.
    let page = format!("<h1>myapp</h1><p>{}</p>\n", dir.path().display());
    fs::write(at("srv/myapp/public/index.html"), &page).unwrap();
    let prefix = support::private_mounts("", &[(&at("run"), "/run"), (&at("srv"), "/srv")]);
    let prefix: Vec<&str> = prefix.iter().map(String::as_str).collect();
    let pid_file = at("run/myapp/uwsgi.pid");
    let workers = |group: u32| {
        uwsgi_processes(group)
            .iter()
            .filter(|p| p.name.starts_with("myapp uWSGI worker"))
            .count()
    };

    let mut served = Vec::new();
    for start in ["first start", "second start"] {
        // Another process may take the free port before uWSGI binds it: then try another.
        let (address, ini, mut running) = (0..3)
            .find_map(|_| {
                let address = format!("127.0.0.1:{}", free_port());
                let ini = quickstart::web_app(false, &address)
                    .to_ini()
                    .expect("renders");
                fs::write(at("quickstart.ini"), &ini).unwrap();
                let mut running = uwsgi.start_with(
                    Path::new("/"),
                    &prefix,
                    &["--ini", at("quickstart.ini").to_str().unwrap()],
                    support::TIME_LIMIT,
                );
                let group = running.id();
                running.wait_until(|| workers(group) == 4);
                if !running.is_running() {
                    let run = running.stop();
                    if run.log().contains("Address already in use") {
                        return None;
                    }
                    panic!(
                        "{start}: uWSGI stopped ({})\n{ini}\n--- uWSGI said:\n{}",
                        run.describe(),
                        run.log()
                    );
                }
                Some((address, ini, running))
            })
            .expect("three free ports were taken before uWSGI could bind them");
        let group = running.id();

        // Up with four workers, all (and the master) as www-data.
        let processes = uwsgi_processes(group);
        let names: BTreeSet<&str> = processes.iter().map(|p| p.name.as_str()).collect();
        let expected: BTreeSet<String> = std::iter::once("myapp uWSGI master".to_string())
            .chain((1..=4).map(|n| format!("myapp uWSGI worker {n}")))
            .collect();
        assert_eq!(
            names,
            expected.iter().map(String::as_str).collect(),
            "{start}: {processes:?}"
        );
        for process in &processes {
            assert_eq!(
                process.uid,
                Some(uid),
                "{start}: {process:?} runs as www-data"
            );
        }

        // The page, by name and as the index of `/`; a missing file is 404.
        for path in ["/", "/index.html"] {
            let response = http_get(&address, path).unwrap_or_else(|e| {
                panic!("{start}: GET {path}: {e}\n{ini}");
            });
            assert_eq!(response.status, 200, "{start}: GET {path}: {response:?}");
            assert!(
                response.head.contains("\r\nContent-Type: text/html"),
                "{start}: GET {path}: {response:?}"
            );
            assert_eq!(response.body, page.as_bytes(), "{start}: GET {path}");
        }
        let response = http_get(&address, "/missing.html").unwrap_or_else(|e| {
            panic!("{start}: GET /missing.html: {e}\n{ini}");
        });
        assert_eq!(response.status, 404, "{start}: {response:?}");

        // The runtime directory, the pid file of the master and the state the hooks wrote.
        let meta = fs::metadata(at("run/myapp")).expect("hook-asap exec:mkdir -p /run/myapp");
        assert_eq!((meta.uid(), meta.gid()), (uid, gid), "{start}: chown");
        let master = processes
            .iter()
            .find(|p| p.name == "myapp uWSGI master")
            .unwrap();
        assert_eq!(
            fs::read_to_string(&pid_file)
                .ok()
                .map(|p| p.trim().to_string()),
            Some(master.pid.to_string()),
            "{start}: pidfile2"
        );
        assert_eq!(
            fs::read_to_string(at("run/myapp/state")).ok().as_deref(),
            Some("ready\n"),
            "{start}: the post-app hook"
        );

        // SIGTERM: with die-on-term the master stops the workers and exits, and vacuum
        // removes the pid file.
        assert!(support::signal(master.pid, "TERM"), "{start}: kill -TERM");
        running.wait_until(|| uwsgi_processes(group).is_empty());
        let left_behind = uwsgi_processes(group);
        let run = running.wait();
        let log = run.log();
        assert!(
            left_behind.is_empty() && !run.timed_out && run.code == Some(0),
            "{start}: uWSGI should stop on SIGTERM with status 0 ({}, left {left_behind:?})\n\
             --- uWSGI said:\n{log}",
            run.describe()
        );
        assert!(!log.contains("[strict-mode]"), "{start}: {log}");
        assert!(
            !pid_file.exists(),
            "{start}: vacuum removes pidfile2\n{log}"
        );
        let mut from = 0;
        for line in [
            "running \"exec:mkdir -p /run/myapp\" (asap)",
            "running \"chown:/run/myapp www-data www-data\" (asap)",
            "\nmyapp: config read, 100% strict\n",
            &format!("setuid() to {uid}\n"),
            "running \"writen:/run/myapp/state running as www-data\" (as user)",
            "\nmyapp: loading apps\n",
            "running \"writen:/run/myapp/state ready\" (post app)",
            "spawned uWSGI worker 4",
            "goodbye to uWSGI.",
            "VACUUM: pidfile2 removed.",
        ] {
            match log[from..].find(line) {
                Some(found) => from += found + line.len(),
                None => panic!("{start}: missing {line:?} (in this order) in the log:\n{log}"),
            }
        }
        served.push(address);
    }

    notice(&format!(
        "quickstart ({}), started twice as root in a private mount namespace: served \
         index.html for / and /index.html and 404 for a missing file, as www-data with four \
         workers, on {}; stopped by SIGTERM each time",
        uwsgi.version(),
        served.join(", then ")
    ));
}
