//! The chain of asap hooks that really runs, with the checks of its effects, rendered by each
//! format's hook tests.

use std::fs;
use std::io::Read;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::{self, JoinHandle};

use crate::support::{self, Output};
use uwsgiconf::{Action, Phase, RunOnEventParams, Section};

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
