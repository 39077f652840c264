//! What the tests of every format run: the sections the strict probes render (every
//! main-process method with every parameter variant, every action), the chain of asap hooks
//! that really run, with the checks of their effects, and the corpus of tricky values that
//! must round-trip through `--show-config`. Each format's tests render them in its own
//! syntax (`uwsgi_strict`, `uwsgi_hooks` and `uwsgi_roundtrip` as INI and command-line
//! arguments, `uwsgi_json` as JSON).
#![allow(dead_code)] // each test file uses a part of this module

use std::fs;
use std::io::Read;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::{self, JoinHandle};

use crate::support::{self, Output};
use uwsgiconf::{
    Action, BasicParams, ChangeDirParams, DaemonizeParams, DropAfter, MemoryParams, NamingParams,
    OnExitParams, OwnerParams, Phase, PidFileParams, RunOnEventParams, Section, Target,
};

// ---- strict probes ----

/// The first asap hook of every probe: it renders as [`support::STOP`].
pub fn stop() -> Action {
    Action::call("_exit 42").arg_int(true).into()
}

/// A strict section whose first asap hook stops uWSGI.
pub fn strict_section() -> Section {
    let mut section = Section::new();
    section.set_strict(true);
    section.main_process().set_hook(Phase::Asap, stop());
    section
}

/// Every action constructor and flag variant, with arguments that are harmless should one
/// ever run (paths under `base`, the host's own name...). They never run: the stop comes
/// first.
pub fn every_action(base: &Path) -> Vec<Action> {
    let path = |name: &str| {
        base.join(name)
            .to_str()
            .expect("UTF-8 temp dir")
            .to_string()
    };
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty() && !h.contains(' '))
        .unwrap_or_else(|| "localhost".into());
    vec![
        Action::alarm("uwsgiconf-alarm", "alarm text"),
        Action::call("uwsgi_log").into(),
        Action::call("getpid").honour_exit_status(true).into(),
        Action::call("srand 3").arg_int(true).into(),
        Action::call("abs 0")
            .arg_int(true)
            .honour_exit_status(true)
            .into(),
        Action::call("uwsgi_log text").private(),
        Action::dir_change(path("cd")),
        Action::dir_create(path("mkdir")),
        Action::execute("true"),
        Action::execute("echo private").private(),
        Action::safe_execute("false"),
        Action::exit(None),
        Action::exit(0),
        Action::exit(5),
        Action::exit(42),
        Action::fifo_write(path("fifo"), "fifo text").into(),
        Action::fifo_write(path("fifo"), "fifo text")
            .wait(true)
            .into(),
        Action::fifo_write(path("fifo"), "fifo text").private(),
        Action::file_create(path("create")),
        Action::file_write(path("write"), "text").into(),
        Action::file_write(path("write"), "text")
            .newline(true)
            .into(),
        Action::file_write(path("write"), "text")
            .append(true)
            .into(),
        Action::file_write(path("write"), "text")
            .append(true)
            .newline(true)
            .into(),
        Action::file_write(path("write"), "secret").private(),
        Action::mount(path("no-such-mountpoint"))
            .fs("tmpfs")
            .src("none")
            .into(),
        Action::mount(path("no-such-mountpoint"))
            .fs("tmpfs")
            .src("none")
            .flags(["nodev", "nosuid", "ro"])
            .into(),
        Action::mount(path("no-such-mountpoint")).into(),
        Action::mount(path("no-such-mountpoint"))
            .flags(["detach", "force"])
            .into(),
        Action::mount(path("no-such-mountpoint")).private(),
        Action::printout("print text"),
        Action::set_host_name(host),
        Action::unlink(path("unlink")),
        Action::putenv("UWSGICONF_PROBE", "1"),
        Action::chmod(path("chmod"), "750"),
        Action::chmod(path("chmod"), 0o640),
        Action::sticky(path("sticky")),
        Action::chown(path("chown"), "nobody", "nogroup"),
        Action::chown2(path("chown2"), 65534, 65534),
        Action::rpc("uwsgiconf_rpc a b"),
        Action::retry_rpc("uwsgiconf_rpc"),
        Action::wait_for_fs(path("fs")),
        Action::wait_for_file(path("file")),
        Action::wait_for_dir(path("dir")),
        Action::wait_for_socket("127.0.0.1:9"),
        Action::unix_signal(10, "srand"),
        // Raw strings: aliases uWSGI has for some actions.
        Action::parse(&format!("chdir:{}", path("cd"))),
        Action::parse(&format!("creat:{}", path("creat"))),
        Action::parse("log:log text"),
        Action::parse("!exit:5"),
    ]
}

/// Sections exercising every main-process method and parameter variant.
pub fn main_process_probes(base: &Path) -> Vec<(String, Section)> {
    let path = |name: &str| {
        base.join(name)
            .to_str()
            .expect("UTF-8 temp dir")
            .to_string()
    };
    let mut probes = Vec::new();
    let mut add = |name: &str, build: &dyn Fn(&mut Section)| {
        let mut section = strict_section();
        build(&mut section);
        probes.push((name.to_string(), section));
    };

    add("set_basic_params", &|s| {
        s.main_process().set_basic_params(
            BasicParams::new()
                .touch_reload([path("reload-a"), path("reload-b")])
                .priority(5)
                .vacuum(true)
                .binary_path(path("uwsgi"))
                .honour_stdin(true),
        );
    });
    add("set_basic_params (negative priority, switches off)", &|s| {
        s.main_process().set_basic_params(
            BasicParams::new()
                .priority(-5)
                .vacuum(false)
                .honour_stdin(false),
        );
    });
    add("set_memory_params", &|s| {
        s.main_process()
            .set_memory_params(MemoryParams::new().ksm_interval(10).no_swap(true));
    });
    add("daemonize (both forms)", &|s| {
        s.main_process()
            .daemonize(path("daemon.log"), DaemonizeParams::new())
            .daemonize(
                path("daemon2.log"),
                DaemonizeParams::new().after_app_loading(true),
            );
    });
    add("daemonize (UDP address)", &|s| {
        s.main_process()
            .daemonize("127.0.0.1:9", DaemonizeParams::new());
    });
    add("change_dir (both forms)", &|s| {
        s.main_process()
            .change_dir(path("dir1"), ChangeDirParams::new())
            .change_dir(path("dir2"), ChangeDirParams::new().after_app_loading(true));
    });
    add(
        "set_owner_params (names, add_gids, drop after init)",
        &|s| {
            s.main_process().set_owner_params(
                OwnerParams::new()
                    .uid("nobody")
                    .gid("nogroup")
                    .add_gids(["users", "4"])
                    .drop_after(DropAfter::Init),
            );
        },
    );
    add("set_owner_params (numbers, drop after apps)", &|s| {
        s.main_process().set_owner_params(
            OwnerParams::new()
                .uid(65534)
                .gid(65534)
                .drop_after(DropAfter::Apps),
        );
    });
    add("set_owner_params (allow_root)", &|s| {
        s.main_process()
            .set_owner_params(OwnerParams::new().uid("root").gid("root").allow_root(true));
    });
    add("set_hook (one action in every phase of uWSGI 2.0)", &|s| {
        for phase in Phase::ALL {
            if phase.available_in(Target::V2_0) {
                s.main_process()
                    .set_hook(phase, Action::printout(format!("in {phase}")));
            }
        }
    });
    add("set_hook_touch", &|s| {
        s.main_process().set_hook_touch(
            path("touched"),
            [Action::printout("touched"), Action::exit(3)],
        );
    });
    add("set_hook_after_request", &|s| {
        s.main_process()
            .set_hook_after_request(["uwsgi_log", "my_after_request"]);
    });
    add("set_on_exit_params", &|s| {
        s.main_process()
            .set_on_exit_params(OnExitParams::new().skip_hooks(true).skip_teardown(true));
    });
    add(
        "run_command_on_event (every phase with an exec- form)",
        &|s| {
            for phase in Phase::ALL {
                if phase.exec_option().is_some() {
                    s.main_process().run_command_on_event(
                        [format!("echo {phase}"), "true".into()],
                        RunOnEventParams::new().phase(phase),
                    );
                }
            }
        },
    );
    add("run_command_on_event (default phase)", &|s| {
        s.main_process()
            .run_command_on_event("echo asap", RunOnEventParams::new());
    });
    add("run_command_on_touch", &|s| {
        s.main_process()
            .run_command_on_touch(["echo one", "echo two"], path("touch-exec"));
    });
    add("set_pid_file (four forms)", &|s| {
        s.main_process()
            .set_pid_file(path("a.pid"), PidFileParams::new())
            .set_pid_file(path("b.pid"), PidFileParams::new().before_priv_drop(false))
            .set_pid_file(path("c.pid"), PidFileParams::new().safe(true))
            .set_pid_file(
                path("d.pid"),
                PidFileParams::new().safe(true).before_priv_drop(false),
            );
    });
    add("set_naming_params (prefix with a trailing space)", &|s| {
        s.main_process().set_naming_params(
            NamingParams::new()
                .autonaming(true)
                .prefix("app ")
                .suffix("-suffix")
                .name("uwsgiconf-name"),
        );
    });
    add("set_naming_params (plain prefix)", &|s| {
        s.main_process()
            .set_naming_params(NamingParams::new().prefix("app-").autonaming(false));
    });
    probes
}

// ---- the asap hook chain ----

/// Text for files and the environment: `%`, uWSGI's variable syntaxes as literal text,
/// quotes, comment characters, non-ASCII, inner runs of spaces, a tab, leading spaces. No
/// trailing blank (an INI file cannot end a value with one).
pub const TEXT: &str = "  lead 100% $(HOME) @(uwsgiconf-missing) %d %% $$(PATH) @@(x) ; # = \" ' \\ é 日本 🦀 two  spaces\ttab 50%(";

/// The command line also carries trailing blanks and line breaks.
pub const ARGS_TEXT: &str = "  lead 100% $(HOME) @(x) %% ; #\nsecond line \t ";

pub fn s(path: &Path) -> String {
    path.to_str().expect("UTF-8 temp dir").to_string()
}

pub fn mkfifo(path: &Path) {
    let mkfifo = support::on_path("mkfifo").expect("mkfifo on PATH");
    let status = Command::new(mkfifo).arg(path).status().expect("mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Reads a fifo on a thread: opening it blocks until a writer comes.
pub struct FifoReader {
    path: PathBuf,
    thread: Option<JoinHandle<String>>,
}

impl FifoReader {
    pub fn start(path: &Path) -> FifoReader {
        mkfifo(path);
        let fifo = path.to_path_buf();
        let thread = thread::spawn(move || {
            let mut text = String::new();
            let _ = fs::File::open(&fifo).and_then(|mut f| f.read_to_string(&mut text));
            text
        });
        FifoReader {
            path: path.to_path_buf(),
            thread: Some(thread),
        }
    }

    /// What was written, once the writer has gone; unblocks the reader if none came.
    pub fn finish(mut self) -> String {
        let thread = self.thread.take().expect("running");
        if !thread.is_finished() {
            // No writer came (uWSGI failed earlier): be the writer so the reader returns.
            let _ = fs::OpenOptions::new().write(true).open(&self.path);
        }
        thread.join().expect("fifo reader")
    }
}

/// Every core action that runs without changing the host, in `asap`; then `exit:07` in
/// `pre-jail` (after the `exec-asap` commands, which run after the asap hooks).
pub fn asap_chain(dir: &Path, text: &str, port: u16, root: bool) -> Section {
    let d = |name: &str| s(&dir.join(name));
    let mut section = Section::new();
    section.set_strict(true);
    let mut main = section.main_process();
    main.set_hook(
        Phase::Asap,
        vec![
            Action::putenv("UWSGICONF_A", text),
            Action::execute(format!(
                "printf '%s' \"$UWSGICONF_A\" > {}",
                d("putenv.txt")
            )),
            Action::putenv("UWSGICONF_B", "1"),
            Action::call("unsetenv UWSGICONF_B").into(),
            Action::execute(format!(
                "printf '%s' \"${{UWSGICONF_B-unset}}\" > {}",
                d("call.txt")
            )),
            Action::call("unsetenv UWSGICONF_C")
                .honour_exit_status(true)
                .into(),
            Action::call("srand 3").arg_int(true).into(),
            Action::call("abs 0")
                .arg_int(true)
                .honour_exit_status(true)
                .into(),
            Action::dir_create(d("made")),
            Action::dir_change(d("made")),
            Action::execute("pwd > pwd.txt"),
            Action::parse(&format!("chdir:{}", s(dir))),
            Action::file_create(d("created")),
            Action::parse(&format!("creat:{}", d("creat2"))),
            Action::file_write(d("write.txt"), text).into(),
            Action::file_write(d("writen.txt"), text)
                .newline(true)
                .into(),
            Action::file_write(d("append.txt"), text)
                .append(true)
                .into(),
            Action::file_write(d("append.txt"), text)
                .append(true)
                .into(),
            Action::file_write(d("appendn.txt"), text)
                .append(true)
                .newline(true)
                .into(),
            Action::file_write(d("appendn.txt"), text)
                .append(true)
                .newline(true)
                .into(),
            Action::file_write(d("private.txt"), "uwsgiconf-private-text").private(),
            Action::chmod(d("created"), "640"),
            Action::chmod(d("made"), 0o750),
            Action::sticky(d("made")),
            Action::unlink(d("creat2")),
            Action::fifo_write(d("fifo-no-reader"), text).into(),
            Action::fifo_write(d("fifo"), text).wait(true).into(),
            Action::wait_for_fs(s(dir)),
            Action::wait_for_file(d("created")),
            Action::wait_for_dir(d("made")),
            Action::wait_for_socket(format!("127.0.0.1:{port}")),
            Action::unix_signal(10, "srand"),
            Action::safe_execute("exit 3"),
            Action::execute(format!(
                "printf '%s' '$(HOME) @(x) 100%' > {}",
                d("exec.txt")
            )),
            Action::execute("true uwsgiconf-private-command").private(),
            Action::printout("print: 100% $(HOME)"),
            Action::parse("log:log: 50% %d"),
        ],
    );
    if root {
        main.set_hook(
            Phase::Asap,
            [
                Action::chown(d("created"), "nobody", "nogroup"),
                Action::chown2(d("write.txt"), 65534, 65534),
            ],
        );
    }
    main.run_command_on_event(
        format!("printf '%s' 'exec-asap ran' > {}", d("exec-asap.txt")),
        RunOnEventParams::new(),
    );
    main.set_hook(Phase::PreJail, Action::exit(7));
    // exit() runs the atexit phase.
    main.set_hook(
        Phase::AsUserAtexit,
        Action::file_write(d("atexit.txt"), "atexit ran"),
    );
    main.run_command_on_event(
        format!("printf '%s' 'exec-atexit ran' > {}", d("exec-atexit.txt")),
        RunOnEventParams::new().phase(Phase::AsUserAtexit),
    );
    section
}

pub fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Checks every effect of [`asap_chain`]; returns how many hook and exec lines were checked.
pub fn check_asap_chain(
    form: &str,
    dir: &Path,
    text: &str,
    run: &Output,
    fifo: String,
    root: bool,
) {
    assert_eq!(
        run.code,
        Some(7),
        "{form}: every asap hook should pass and exit:07 end it ({})\n--- uWSGI said:\n{}",
        run.describe(),
        run.log()
    );
    let real = dir.canonicalize().unwrap();
    assert_eq!(read(dir, "putenv.txt"), text, "{form}: putenv");
    assert_eq!(read(dir, "call.txt"), "unset", "{form}: call unsetenv");
    assert_eq!(
        read(dir, "made/pwd.txt"),
        format!("{}\n", real.join("made").display()),
        "{form}: cd"
    );
    assert!(dir.join("created").is_file(), "{form}: create");
    assert!(!dir.join("creat2").exists(), "{form}: creat then unlink");
    assert_eq!(read(dir, "write.txt"), text, "{form}: write");
    assert_eq!(
        read(dir, "writen.txt"),
        format!("{text}\n"),
        "{form}: writen"
    );
    assert_eq!(
        read(dir, "append.txt"),
        format!("{text}{text}"),
        "{form}: append"
    );
    assert_eq!(
        read(dir, "appendn.txt"),
        format!("{text}\n{text}\n"),
        "{form}: appendn"
    );
    assert_eq!(read(dir, "private.txt"), "uwsgiconf-private-text");
    let mode = |name: &str| fs::metadata(dir.join(name)).unwrap().permissions().mode();
    assert_eq!(mode("created") & 0o7777, 0o640, "{form}: chmod 640");
    assert_eq!(mode("made") & 0o7777, 0o1750, "{form}: chmod 750 + sticky");
    assert_eq!(fifo, text, "{form}: spinningfifo");
    assert_eq!(read(dir, "exec.txt"), "$(HOME) @(x) 100%", "{form}: exec");
    assert_eq!(
        read(dir, "exec-asap.txt"),
        "exec-asap ran",
        "{form}: exec-asap"
    );
    assert_eq!(
        read(dir, "atexit.txt"),
        "atexit ran",
        "{form}: hook-as-user-atexit"
    );
    assert_eq!(
        read(dir, "exec-atexit.txt"),
        "exec-atexit ran",
        "{form}: exec-as-user-atexit"
    );
    if root {
        let meta = fs::metadata(dir.join("created")).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (65534, 65534), "{form}: chown");
        let meta = fs::metadata(dir.join("write.txt")).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (65534, 65534), "{form}: chown2");
    }
    let log = run.log();
    for line in ["\nprint: 100% $(HOME)\n", "\nlog: 50% %d\n"] {
        assert!(log.contains(line), "{form}: missing {line:?} in\n{log}");
    }
    assert!(
        log.matches("running --- PRIVATE HOOK --- (asap)").count() == 2
            && !log.contains("uwsgiconf-private"),
        "{form}: private hooks must not show their command\n{log}"
    );
}

// ---- the round-trip corpus ----

/// Placeholder names the renderer uses for literal text that holds `$(`, `@(` or a leading
/// blank.
pub const PLACEHOLDER_PREFIX: &str = "uwsgiconf-literal-";

/// One value written into every verbatim option, with what uWSGI must show for each.
pub fn probe(value: &str) -> (Section, Vec<(String, String)>) {
    let mut section = Section::new();
    let mut expected: Vec<(String, String)> = Vec::new();
    let mut expect = |key: &str, shown: String| expected.push((key.to_string(), shown));
    // Strict mode too: the placeholders the renderer adds must not upset it.
    section.set_strict(true);
    expect("strict", "true".into());
    let mut main = section.main_process();
    main.set_naming_params(NamingParams::new().name(value).suffix(value).prefix(value));
    expect("procname", value.into());
    expect("procname-append", value.into());
    // A prefix ending with a space is written without it to `procname-prefix-spaced`,
    // which adds it back.
    match value.strip_suffix(' ') {
        Some(stripped) => expect("procname-prefix-spaced", stripped.into()),
        None => expect("procname-prefix", value.into()),
    }
    // print text is a printf format for uWSGI: `%` must arrive doubled (the log shows it
    // single, checked separately).
    main.set_hook(Phase::Asap, Action::printout(value));
    expect("hook-asap", format!("print:{}", value.replace('%', "%%")));
    // Empty paths and commands are refused (uWSGI would fail on them).
    if !value.is_empty() {
        main.set_hook(Phase::PostApp, Action::execute(value));
        expect("hook-post-app", format!("exec:{value}"));
        main.set_basic_params(BasicParams::new().touch_reload(value));
        expect("touch-reload", value.into());
        main.run_command_on_event(value, RunOnEventParams::new().phase(Phase::PostApp));
        expect("exec-post-app", value.into());
    }
    section.add_option("env", format!("UWSGICONF_RT={value}"));
    expect("env", format!("UWSGICONF_RT={value}"));
    (section, expected)
}

/// `%(` then `)`: uWSGI expands it even from a placeholder, with no escape.
pub fn closes_placeholder(value: &str) -> bool {
    value.find("%(").is_some_and(|at| value[at..].contains(')'))
}

/// The `print` hook ran and logged exactly `value`, right before the shown config.
pub fn assert_printed(value: &str, form: &str, hook: &str, run: &Output) {
    let line = format!("running \"{hook}\" (asap)...\n{value}\n\n;uWSGI instance configuration\n");
    assert!(
        run.stderr.contains(&line),
        "{value:?} ({form}): the print hook did not log the text as given\n--- uWSGI said:\n{}",
        run.log()
    );
}

/// Values named in the issue, and their neighbours.
pub const CURATED: &[&str] = &[
    "",
    "plain",
    "%",
    "100%",
    "trailing %",
    "%%",
    "50%% off",
    "%%%",
    "%d %n %x %[ %V",
    "%0a",
    "$(HOME)",
    "$(HOME",
    "$( HOME)",
    "$()",
    "$$(HOME)",
    "x$(PATH)y$(HOME)z",
    "@(uwsgiconf-no-such-file)",
    "@@(uwsgiconf-no-such-file)",
    "user@(example) ok",
    "@(",
    "%(",
    "50%(",
    "%%(",
    "%(HOME)",
    "%(uwsgiconf-literal-1)",
    "a %(b) c",
    "$(HOME) %(x)",
    ";not a comment",
    "#not a comment",
    "a ; b # c",
    "key=value=more",
    "= leading equals",
    " = spaced equals = ",
    "\"double quoted\"",
    "'single quoted'",
    "back\\slash\\",
    "C:\\temp\\%TEMP%",
    "héllo wörld",
    "日本語のテキスト",
    "🦀 crab",
    "  two leading spaces",
    " one leading, one trailing ",
    "\tleading tab",
    "inner\ttab",
    "trailing tab\t",
    "trailing space ",
    "two trailing  ",
    " ",
    "\t",
    "line\nbreak",
    "trailing newline\n",
    "\nleading newline",
    "cr\rreturn",
    "crlf\r\n",
    "nul\0byte",
    "-dash",
    "--procname",
    "[uwsgi]",
    "[other] section",
    "vertical\x0btab\x0b",
    "form\x0cfeed\x0c",
    "bell\x07 and escape \x1b[31m",
    "exec:id",
    "!private",
    "%(unclosed $(HOME)",
    // Unicode blanks are not blanks to uWSGI's byte-wise trimming.
    "no-break space\u{a0}",
    "\u{3000}ideographic space\u{3000}",
    "\u{feff}byte order mark",
];

/// Pieces the generated values are made of.
pub const PIECES: &[&str] = &[
    "%",
    "%%",
    "$(",
    "@(",
    "%(",
    ")",
    "(",
    "$(HOME)",
    "$(PATH)",
    "@(uwsgiconf-no-such-file)",
    "$$(",
    "@@(",
    "%%(",
    "%d",
    "%n",
    "%x",
    ";",
    "#",
    "=",
    " = ",
    "\"",
    "'",
    "\\",
    "é",
    "ü",
    "日本",
    "🦀",
    " ",
    "  ",
    "\t",
    "x",
    "abc",
    "value",
    "[",
    "]",
    ":",
    "!",
    "-",
    "--",
    "exec:",
    "\x01",
    "\x7f",
    "\x0b",
    "\x0c",
    "\u{a0}",
    "\u{2028}",
    "\n",
    "\r",
    "\0",
    "{",
    "}",
    "*",
    "?",
    "~",
    "`",
    "|",
    "&",
    "<",
    ">",
];

/// How many values the sweep generates; each costs two short uWSGI runs.
pub const GENERATED: usize = 320;

/// A deterministic list of `count` tricky values (xorshift, fixed seed).
pub fn generated(count: usize) -> Vec<String> {
    let mut state: u64 = 0x5eed_cafe_f00d_1234;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let pieces = 1 + (next() % 6) as usize;
            (0..pieces)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect()
        })
        .collect()
}
