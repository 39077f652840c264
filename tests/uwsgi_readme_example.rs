//! The README's macro example, run by the real uWSGI: its output is accepted in strict mode,
//! and its hooks run.
//!
//! - The items of the example are held once, in [`readme_example`]; a test checks that the
//!   README block (and its copies in src/lib.rs and tests/ui/pass/full_example.rs) holds
//!   exactly these items, so the example shown is the example run.
//! - Strict acceptance: `uwsgi --hook-asap "callint:_exit 42" --strict --ini <file>` (and the
//!   same with the arguments), by `support`'s strict probes. uWSGI reads the whole
//!   configuration (strict mode refuses unknown directives while reading), then runs the asap
//!   hooks in order: `_exit(42)` ends it before any hook of the example runs, so status 42
//!   means accepted and the host is not touched. A negative control (one unknown directive
//!   more) must be refused.
//! - Hooks: the example's paths are absolute host paths (`/run/app`, `/srv/app`,
//!   `/var/log/app.log`), and it needs the groups `www-data` and `docker`. It runs as root
//!   inside a private mount namespace (`unshare --mount --propagation private`) where temp
//!   dirs are bind-mounted over `/run`, `/srv` and `/var/log`, and a copy of `/etc/group`
//!   (with `docker` added when missing) over `/etc/group`; the effects are read from outside
//!   through the temp dirs. Without a socket uWSGI 2.0 stops after dropping privileges and
//!   before loading apps ("The -s/--socket option is missing"), so the `asap` and `as-user`
//!   (`PRIV_DROP_POST`) hooks run, and the later ones (pre-app, after-request, touch,
//!   daemonize2, safe-pidfile2) do not. Where the memory-lock limit cannot be raised, it
//!   stops a little earlier, still after the as-user hooks: `never-swap` locked all memory as
//!   root, and as www-data its next allocation exceeds the limit (see [`MEMLOCK_SETUP`]).
//! - Restart: the namespaced run starts uWSGI twice in the same directories; the second start
//!   finds the runtime directory the first made (`execute("mkdir -p /run/app")`, where uWSGI's
//!   own `mkdir` hook, `dir_create`, stops with "File exists").
//!
//! uWSGI is found through `UWSGICONF_UWSGI_BIN`, else `uwsgi` on `PATH` (see `support`). The
//! namespaced run needs root, `unshare`, `mount` and the user and group `www-data`; without
//! them it is skipped with a notice, unless `UWSGICONF_REQUIRE_UWSGI=1`, which makes that a
//! failure.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::Instant;

use support::{notice, required, Prepend};
use uwsgiconf::{uwsgi_config, uwsgi_ini, Section};

/// Builds a section from the items and keeps their text, so the items are written once.
macro_rules! readme_example {
    ($($items:tt)*) => {
        (uwsgi_config!($($items)*), stringify!($($items)*))
    };
}

/// Renders the items at compile time and keeps their text.
macro_rules! readme_ini {
    ($($items:tt)*) => {
        (uwsgi_ini!($($items)*), stringify!($($items)*))
    };
}

/// The README example's `uwsgi_config!` invocation: the section and the text of its items.
/// Laid out as in the README (hence no rustfmt); only whitespace may differ.
#[rustfmt::skip]
fn readme_example() -> (Section, &'static str) {
    readme_example!(
    owner(uid = "www-data", gid = "www-data", add_gids = ["docker", 1001]),
    pid_file("/run/app/app.pid", before_priv_drop = false, safe = true),
    change_dir("/srv/app"),
    daemonize("/var/log/app.log", after_app_loading = true),
    basic(touch_reload = ["/srv/app/reload"], priority = 5, vacuum = true),
    memory(ksm_interval = 10, no_swap = true),
    naming(autonaming = true, prefix = "app "),
    on_exit(skip_hooks = true, skip_teardown = true),
    hook(asap, [execute("mkdir -p /run/app"), chown("/run/app", "www-data", "www-data"), printout("booting")]),
    hook(PRIV_DROP_POST, file_write("/run/app/ready", "1", newline = true)),
    hook_touch("/srv/app/stop", exit(0)),
    hook_after_request("my_c_symbol"),
    run_command_on_event("echo started", phase = pre_app),
    run_command_on_touch("echo touched", target = "/srv/app/touch"),
    option("master", true),
    )
}

/// The README example's `uwsgi_ini!` line: the INI and the text of its items.
const README_INI: (&str, &str) =
    readme_ini!(pid_file("/run/app.pid"), hook(asap, execute("echo hi")));

// ---------------------------------------------------------------------------------------------
// The example shown is the example run.

/// The ```rust block under "### The macros" in the README.
fn readme_block() -> &'static str {
    let readme = include_str!("../README.md");
    let section = readme
        .find("\n### The macros\n")
        .expect("README: no \"### The macros\" section");
    let rest = &readme[section..];
    let open = rest
        .find("\n```rust\n")
        .expect("README: no ```rust block under The macros")
        + "\n```rust\n".len();
    let close = rest[open..]
        .find("\n```\n")
        .expect("README: the ```rust block is not closed");
    &rest[open..=open + close]
}

/// Each char of `text` with its byte offset and whether it lies inside a string literal
/// (the quotes themselves count as inside).
fn scan(text: &str) -> impl Iterator<Item = (usize, char, bool)> + '_ {
    let (mut in_string, mut escaped) = (false, false);
    text.char_indices().map(move |(i, c)| {
        let inside = in_string || c == '"';
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
        (i, c, inside)
    })
}

/// The text between `opening` (which ends with `(`) and the matching `)`, which must be
/// followed by `;`; and the text after that `;`. Parentheses in string literals are skipped.
fn call_items<'a>(text: &'a str, opening: &str) -> (&'a str, &'a str) {
    let start = text
        .find(opening)
        .unwrap_or_else(|| panic!("no {opening:?} in\n{text}"))
        + opening.len();
    let mut depth = 0usize;
    for (i, c, in_string) in scan(&text[start..]) {
        match c {
            _ if in_string => {}
            '(' | '[' | '{' => depth += 1,
            ')' if depth == 0 => {
                let end = start + i;
                let after = text[end..]
                    .strip_prefix(");")
                    .unwrap_or_else(|| panic!("{opening:?}: the call is not followed by `;`"));
                return (&text[start..end], after);
            }
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    panic!("{opening:?}: no matching `)` in\n{text}");
}

/// The text without whitespace, except inside string literals.
fn squeeze(text: &str) -> String {
    scan(text)
        .filter(|&(_, c, in_string)| in_string || !c.is_whitespace())
        .map(|(_, c, _)| c)
        .collect()
}

const CONFIG_CALL: &str = "let section: uwsgiconf::Section = uwsgi_config!(";
const INI_CALL: &str = "const INI: &str = uwsgi_ini!(";

/// Checks that `text` holds both invocations with exactly the items run here.
fn assert_same_items(place: &str, text: &str) {
    let (_, items) = readme_example();
    let (config_items, _) = call_items(text, CONFIG_CALL);
    assert_eq!(
        squeeze(config_items),
        squeeze(items),
        "{place}: the uwsgi_config! example differs from the one tests/uwsgi_readme_example.rs \
         runs; change both"
    );
    let (ini_items, _) = call_items(text, INI_CALL);
    assert_eq!(
        squeeze(ini_items),
        squeeze(README_INI.1),
        "{place}: the uwsgi_ini! example differs from the one tests/uwsgi_readme_example.rs \
         checks; change both"
    );
}

#[test]
fn the_readme_example_is_the_one_tested() {
    let block = readme_block();
    assert_same_items("README.md", block);
    // Nothing else in the block: the two invocations are all there is to run.
    let (config_items, after) = call_items(block, CONFIG_CALL);
    let (ini_items, tail) = call_items(after, INI_CALL);
    assert_eq!(
        block,
        format!(
            "use uwsgiconf::{{uwsgi_config, uwsgi_ini}};\n\n{CONFIG_CALL}{config_items});\n\
             {INI_CALL}{ini_items});\n"
        ),
        "the README block has more than the two invocations this test runs"
    );
    assert_eq!(tail, "\n");

    // The copies: the crate documentation (a doctest) and the trybuild case.
    let crate_doc: String = include_str!("../src/lib.rs")
        .lines()
        .filter_map(|line| line.strip_prefix("//!"))
        .map(|line| format!("{}\n", line.strip_prefix(' ').unwrap_or(line)))
        .collect();
    assert_same_items("src/lib.rs", &crate_doc);
    assert_same_items(
        "tests/ui/pass/full_example.rs",
        include_str!("ui/pass/full_example.rs"),
    );

    // The uwsgi_ini! line renders what the crate documentation says.
    assert_eq!(
        README_INI.0,
        "[uwsgi]\npidfile = /run/app.pid\nhook-asap = exec:echo hi\n"
    );
    assert_eq!(
        README_INI.0,
        uwsgi_config!(pid_file("/run/app.pid"), hook(asap, execute("echo hi")))
            .to_ini()
            .unwrap()
    );
}

/// The rendered INI holds the hooks the namespaced run checks, in this order.
#[test]
fn the_readme_example_renders_its_hooks() {
    let (section, _) = readme_example();
    let ini = section.to_ini().expect("the README example renders");
    let lines: Vec<&str> = ini.lines().collect();
    let hooks: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| line.starts_with("hook-"))
        .collect();
    assert_eq!(
        hooks,
        [
            "hook-asap = exec:mkdir -p /run/app",
            "hook-asap = chown:/run/app www-data www-data",
            "hook-asap = print:booting",
            "hook-as-user = writen:/run/app/ready 1",
            "hook-touch = /srv/app/stop exit:0",
        ],
        "{ini}"
    );
    for line in [
        "uid = www-data",
        "gid = www-data",
        "add-gid = docker",
        "add-gid = 1001",
        "safe-pidfile2 = /run/app/app.pid",
        "chdir = /srv/app",
        "daemonize2 = /var/log/app.log",
        "never-swap = true",
        "exec-pre-app = echo started",
        "after-request-hook = my_c_symbol",
    ] {
        assert!(lines.contains(&line), "missing {line:?} in\n{ini}");
    }
    assert!(section.to_args().is_ok());
}

// ---------------------------------------------------------------------------------------------
// Strict acceptance.

/// Neither example turns strict mode on or stops uWSGI: the probes prepend both.
#[test]
fn uwsgi_accepts_the_readme_example_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let (section, _) = readme_example();
    let ini = section.to_ini().expect("the README example renders");
    uwsgi.assert_strict_accepts_ini("uwsgi_config!", Prepend::StopAndStrict, &ini);
    uwsgi.assert_strict_accepts_ini("uwsgi_ini!", Prepend::StopAndStrict, README_INI.0);

    let args = section.to_args().expect("the README example renders");
    uwsgi.assert_strict_accepts_args("uwsgi_config! as arguments", Prepend::StopAndStrict, &args);
}

// ---------------------------------------------------------------------------------------------
// The hooks run, as root, in a private mount namespace, twice.

/// /etc/group with a `docker` group added when it has none; and docker's gid.
fn group_with_docker(group: &str) -> (String, u32) {
    if let Some(gid) = support::group_id(group, "docker") {
        return (group.to_string(), gid);
    }
    let used: BTreeSet<u32> = group
        .lines()
        .filter_map(|line| line.split(':').nth(2)?.parse().ok())
        .collect();
    let gid = (20000..).find(|gid| !used.contains(gid)).unwrap();
    let mut text = group.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!("docker:x:{gid}:\n"));
    (text, gid)
}

/// Run in the namespace before uWSGI: the memory-lock limit is raised when this may be done,
/// as a deployment would (`LimitMEMLOCK=infinity`): `never-swap` locks all memory as root,
/// and after the privilege drop the default limit (8 MiB) stops uWSGI at its next
/// allocation. The limit in force is reported first.
const MEMLOCK_SETUP: &str = r#"ulimit -l unlimited 2>/dev/null
echo "uwsgiconf-test: memlock $(ulimit -l)" >&2"#;

/// What a host path looks like: missing, a directory, or a file's contents.
fn host_state(path: &str) -> String {
    match fs::metadata(path) {
        Err(_) => "missing".into(),
        Ok(meta) if meta.is_dir() => "a directory".into(),
        Ok(_) => format!("{:?}", fs::read(path).unwrap_or_default()),
    }
}

/// The positions of `needles` in `log`, each searched after the previous one; `what` names
/// the run in the failure message.
fn assert_in_order(what: &str, log: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        match log[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("{what}: missing {needle:?} (in this order) in the log:\n{log}"),
        }
    }
}

/// The README example started twice in the same directories, as a restart would: the second
/// start finds `/run/app` and `/run/app/ready` from the first (uWSGI's own `mkdir` hook would
/// stop it there: "File exists").
#[test]
fn the_readme_example_runs_its_hooks_in_a_private_mount_namespace() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let etc_group = fs::read_to_string("/etc/group").unwrap_or_default();
    let www_data = support::passwd_uid("www-data").zip(support::group_id(&etc_group, "www-data"));
    let why = support::private_mounts_unusable(&["/run", "/srv", "/var/log", "/etc/group"])
        .or_else(|| {
            www_data
                .is_none()
                .then(|| "no user or group www-data in /etc/passwd and /etc/group".to_string())
        });
    if let Some(why) = why {
        assert!(
            !required(),
            "UWSGICONF_REQUIRE_UWSGI=1, but the README example's hooks cannot run: {why}"
        );
        notice(&format!(
            "NOTICE: the README example's hooks were NOT run in uWSGI: {why}. \
             Set UWSGICONF_REQUIRE_UWSGI=1 to make this a failure."
        ));
        return;
    }
    let (uid, gid) = www_data.unwrap();
    let started = Instant::now();

    let host = ["/run/app", "/srv/app", "/var/log/app.log", "/etc/group"];
    let host_before: Vec<String> = host.iter().map(|p| host_state(p)).collect();
    let (group, docker) = group_with_docker(&etc_group);

    let dir = support::temp_dir();
    let at = |name: &str| dir.path().join(name);
    for name in ["run", "srv/app", "log"] {
        fs::create_dir_all(at(name)).unwrap();
    }
    // As a deployment would: the log file exists and belongs to the user uWSGI runs as
    // (`daemonize2` opens it after the privilege drop).
    fs::write(at("log/app.log"), "").unwrap();
    std::os::unix::fs::chown(at("log/app.log"), Some(uid), Some(gid)).unwrap();
    fs::write(at("group"), &group).unwrap();
    let (section, _) = readme_example();
    let ini = section.to_ini().expect("the README example renders");
    fs::write(at("example.ini"), &ini).unwrap();
    let ini_file = at("example.ini")
        .to_str()
        .expect("UTF-8 temp dir")
        .to_string();
    let (run_dir, group_file) = (at("run"), at("group"));
    let prefix = support::private_mounts(
        MEMLOCK_SETUP,
        &[
            (&run_dir, "/run"),
            (&at("srv"), "/srv"),
            (&at("log"), "/var/log"),
            (&group_file, "/etc/group"),
        ],
    );
    let prefix: Vec<&str> = prefix.iter().map(String::as_str).collect();

    let mut ends = Vec::new();
    for start in ["first start", "second start"] {
        // The working directory is `/`: www-data can enter it (vacuum goes back to it at
        // exit).
        let mut running = uwsgi.start_with(
            Path::new("/"),
            &prefix,
            &["--strict", "--ini", &ini_file],
            support::TIME_LIMIT,
        );
        let process_group = running.id();
        running.wait_until(|| false);
        let left_behind = support::group_processes(process_group);
        let run = running.wait();
        let log = run.log();

        // It ended by itself, with nothing left.
        assert!(
            !run.timed_out && run.code == Some(1),
            "{start}: uWSGI should stop by itself with status 1 ({})\n{ini}\n--- uWSGI said:\n{log}",
            run.describe()
        );
        assert!(
            left_behind.is_empty(),
            "{start}: processes were left behind: {left_behind:?}\n{log}"
        );
        assert!(!log.contains("[strict-mode]"), "{start}: {log}");

        // The run, in order: asap hooks as root, the privilege drop (with docker's gid from
        // the namespace's /etc/group), the as-user hook, chdir and prio as www-data.
        let memlock_unlimited = log.contains("uwsgiconf-test: memlock unlimited\n");
        assert_in_order(
            start,
            &log,
            &[
                "uwsgiconf-test: memlock ",
                "running \"exec:mkdir -p /run/app\" (asap)",
                "running \"chown:/run/app www-data www-data\" (asap)",
                "running \"print:booting\" (asap)",
                "\nbooting\n",
                &format!("setgid() to {gid}\n"),
                "set additional group 1001\n",
                &format!("set additional group {docker} (docker)\n"),
                &format!("setuid() to {uid}\n"),
                "running \"writen:/run/app/ready 1\" (as user)",
                "chdir() to /srv/app\n",
                "scheduler priority set to 5\n",
            ],
        );
        // Then it stops before loading apps: at the missing socket, or, when the memory-lock
        // limit is too small for what `never-swap` locked as root, at its next allocation.
        const NO_SOCKET: &str = "The -s/--socket option is missing and stdin is not a socket.\n";
        const MEMLOCK: &str = "mmap(): Resource temporarily unavailable";
        ends.push(if log.contains(NO_SOCKET) {
            "at the missing socket"
        } else {
            assert!(
                !memlock_unlimited && log.contains(MEMLOCK),
                "{start}: uWSGI stopped for another reason than the missing socket\n{ini}\n\
                 --- uWSGI said:\n{log}"
            );
            "at the memory-lock limit after the privilege drop (never-swap)"
        });
        for later in [
            "(pre-app)",
            "echo started",
            "after-request chain",
            "my_c_symbol",
            "spawned uWSGI",
            "daemoniz",
            "VACUUM: safe pidfile2 removed",
        ] {
            assert!(
                !log.contains(later),
                "{start}: {later:?} should not be reached:\n{log}"
            );
        }

        // The effects, seen from outside through the temp dirs.
        let meta = fs::metadata(at("run/app")).expect("hook-asap exec:mkdir -p /run/app");
        assert!(meta.is_dir());
        assert_eq!(
            (meta.uid(), meta.gid()),
            (uid, gid),
            "{start}: hook-asap chown:/run/app www-data www-data"
        );
        assert_eq!(
            fs::read_to_string(at("run/app/ready")).ok().as_deref(),
            Some("1\n"),
            "{start}: hook-as-user writen:/run/app/ready 1\n{log}"
        );
        let meta = fs::metadata(at("run/app/ready")).unwrap();
        assert_eq!(
            (meta.uid(), meta.gid()),
            (uid, gid),
            "{start}: the ready file is written by www-data"
        );
        // safe-pidfile2 is written once the workers are spawned: not reached.
        assert!(!at("run/app/app.pid").exists(), "{start}: {log}");
        // daemonize2 comes after app loading: the log file is untouched and uWSGI's output
        // came here.
        assert_eq!(fs::read_to_string(at("log/app.log")).unwrap(), "");
        let names = |name: &str| -> BTreeSet<String> {
            fs::read_dir(at(name))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(names("run"), BTreeSet::from(["app".to_string()]));
        assert_eq!(names("run/app"), BTreeSet::from(["ready".to_string()]));
        assert!(names("srv/app").is_empty(), "touch files are not created");
        assert_eq!(fs::read_to_string(at("group")).unwrap(), group);
    }
    let elapsed = started.elapsed();

    // The host is untouched and the namespace's mounts are gone with it.
    let host_after: Vec<String> = host.iter().map(|p| host_state(p)).collect();
    assert_eq!(host_after, host_before, "host paths {host:?} changed");
    let mounts = fs::read_to_string("/proc/self/mountinfo").unwrap();
    let (run_dir, group_file) = (run_dir.to_str().unwrap(), group_file.to_str().unwrap());
    assert!(
        !mounts.contains(run_dir) && !mounts.contains(group_file),
        "a bind mount leaked to the host:\n{mounts}"
    );

    notice(&format!(
        "README example ({}), started twice as root in a private mount namespace: asap hooks \
         (exec mkdir -p, chown, print) and the as-user hook (writen /run/app/ready) ran both \
         times, with uid, gid, add-gid, never-swap, chdir and prio; it stopped {}, before \
         pre-app, so exec-pre-app, after-request-hook, daemonize2, safe-pidfile2 and the touch \
         options were not reached ({} ms)",
        uwsgi.version(),
        ends.join(", then "),
        elapsed.as_millis()
    ));
}
