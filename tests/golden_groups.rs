//! Every case of uwsgiconf 2.4.0's golden matrix for its `MasterProcess` and `Workers` option
//! groups (the reference file `uwsgiconf-groups-golden.txt`, sections `master_process`, 118
//! cases, and `workers`, 115 cases, numbered here from 1 in each section in the order of their
//! `>>>` lines), ported to this crate.
//!
//! How a case is checked ([`Expect`]):
//! - `Same`: uwsgiconf is right, and our directive lines are its lines, verbatim. Its raw
//!   output starts with a blank line and has no final newline; ours is `[uwsgi]\n` then one
//!   `key = value\n` per directive, and an empty section is just `[uwsgi]\n` where uwsgiconf
//!   prints nothing at all. Only that framing differs.
//! - `AfterAccess`: the same, except for uwsgiconf's first line `workers = %k`, which its
//!   `s.workers` attribute access writes before the case runs (every workers case starts with
//!   it). Asking for the group writes nothing here ([`Section::workers`]), so our lines are
//!   uwsgiconf's without that one.
//! - `Fixed`: uwsgiconf writes something uWSGI 2.0.21 refuses or reads differently; we write
//!   what uWSGI reads as meant. `why` says what uwsgiconf gets wrong.
//! - `Refused`: no output can mean what the call asks (or only a later uWSGI has it); we
//!   refuse with these problem kinds, in order, the error names the mistake (`says`) and
//!   every problem says how to fix it.
//! - `Custom`: anything else.
//!
//! Python-only features, mapped to their closest Rust equivalent:
//! - `ms(...)` / `w(...)` (`__call__`) and `Section(params_master_process=...)` /
//!   `Section(params_workers=...)` are `set_basic_params` on a new section.
//! - `Path(...)` arguments use `PathBuf`.
//! - uwsgiconf's `{project_runtime_dir}`, `{runtime_dir}` and `{project_name}` placeholders
//!   (Section attributes this crate does not have) are written out as the paths uwsgiconf
//!   resolved them to.
//! - Truthy non-bools for switches (`enable=1`, `enable='no'`) are `true`.
//! - A string where uwsgiconf documents an integer (`count='4'`) does not type-check; the
//!   untyped `Section::set_option` is the string form.
//! - `w.mule_farm(...)` is `MuleFarm::new(...)`; a digit string count (`'2'`) is the count.
//! - `None` for an optional parameter is leaving it unset.
//!
//! Unported (see [`UNPORTED`]): calls that Rust's types make impossible to write, each with
//! the reason.

use std::path::PathBuf;

use uwsgiconf::master_process as mp;
use uwsgiconf::workers as wk;
use uwsgiconf::{ProblemKind, Section, Target};

mod rendered;
use rendered::*;

/// How many cases each section of the golden file has.
const MASTER_PROCESS_CASES: usize = 118;
const WORKERS_CASES: usize = 115;

/// Cases that cannot be written in Rust at all: group, number, the Python call, the reason.
const UNPORTED: &[(&str, usize, &str, &str)] = &[
    (
        "workers",
        68,
        "w.set_mules_params(farms=[w.mule_farm('a', 'x')])",
        "mule numbers are numbers: uwsgiconf writes `farm = a:x`, on which uWSGI exits at start \
         (\"invalid mule id\": atoi gives mule 0)",
    ),
    (
        "workers",
        115,
        "w.set_thread_params(count='2 ')",
        "a string does not type-check as a thread count; uwsgiconf passes it through and its \
         INI writer strips the blank",
    ),
    (
        "master_process",
        117,
        "ms.add_cron_task()",
        "TypeError in Python (missing `command`); a Rust call without the argument does not \
         compile",
    ),
    (
        "master_process",
        68,
        "ms.add_cron_task('/bin/true', minute='13-18')",
        "a range does not type-check: uWSGI 2.0.21 reads each cron2 field with atoi(), so \
         uwsgiconf's `minute=13-18` runs at minute 13 only, and no cron2 line says 13 to 18",
    ),
    (
        "master_process",
        77,
        "ms.add_cron_task('echo a,b', minute='1,2')",
        "a list does not type-check: uWSGI 2.0.21 reads `minute=1,2` as minute 1 (atoi) and \
         an item `2` without `=` (ignored); minutes 1 and 2 take two tasks",
    ),
    (
        "master_process",
        106,
        "ms.attach_process('memcached', uid='www')",
        "`uid` takes a number: uWSGI reads the daemon's uid with atoi(), so uwsgiconf's \
         `uid=www` is 0, no privilege drop at all (the daemon keeps the master's user)",
    ),
    (
        "master_process",
        108,
        "ms.attach_process('memcached', gid='grp')",
        "`gid` takes a number: uWSGI reads the daemon's gid with atoi(), so uwsgiconf's \
         `gid=grp` is 0, no group change at all",
    ),
    (
        "master_process",
        118,
        "ms.attach_process_classic('x')",
        "TypeError in Python (missing keyword-only `background`); `background` is a parameter \
         of the Rust method, so a call without it does not compile",
    ),
];

struct Case {
    /// The case's number: its rank among the `>>>` lines of its section.
    n: usize,
    /// The Python call, as the golden file writes it.
    golden: &'static str,
    /// The Rust equivalent, applied to `Section::new()`.
    build: fn(&mut Section),
    expect: Expect,
}

enum Expect {
    /// uwsgiconf's directive lines, verbatim.
    Same(&'static [&'static str]),
    /// uwsgiconf's directive lines, verbatim, whose first one (`workers = %k`) came from the
    /// attribute access alone: ours are the others.
    AfterAccess(&'static [&'static str]),
    /// Our directive lines, where uwsgiconf's are wrong.
    Fixed {
        lines: &'static [&'static str],
        why: &'static str,
    },
    /// The INI renderer refuses with these problem kinds, in this order.
    Refused {
        kinds: &'static [ProblemKind],
        says: &'static [&'static str],
        why: &'static str,
    },
    /// A check of its own, given the label and the built section.
    Custom(fn(&str, &Section)),
}

/// Checks every case, then fails with the labels of all that failed.
fn run(group: &str, cases: &[Case]) {
    let mut failed = Vec::new();
    for case in cases {
        let label = format!("{group} golden case #{} `{}`", case.n, case.golden);
        let checked = std::panic::catch_unwind(|| check(&label, case));
        if checked.is_err() {
            failed.push(label);
        }
    }
    assert!(
        failed.is_empty(),
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

fn check(label: &str, case: &Case) {
    let label = label.to_string();
    let mut section = Section::new();
    (case.build)(&mut section);
    {
        match &case.expect {
            Expect::Same(lines) => assert_lines(&label, &section, lines),
            Expect::AfterAccess(lines) => {
                assert_eq!(
                    lines.first(),
                    Some(&"workers = %k"),
                    "{label}: uwsgiconf's first line is the access's"
                );
                assert_lines(&label, &section, &lines[1..]);
            }
            Expect::Fixed { lines, why } => {
                assert!(why.len() > 20, "{label}: say why it differs");
                assert_lines(&label, &section, lines);
            }
            Expect::Refused { kinds, says, why } => {
                assert!(why.len() > 20, "{label}: say why it is refused");
                assert_refused(&label, &section, kinds, says);
            }
            Expect::Custom(check) => check(&label, &section),
        }
    }
}

/// The same section with the 2.1 target: for options only uWSGI 2.1 has.
fn for_2_1(label: &str, section: &Section, lines: &[&str]) {
    let mut section = section.clone();
    section.set_target(Target::V2_1);
    assert_lines(label, &section, lines);
}

// ==== master_process ====

const MASTER_PROCESS: &[Case] = &[
    Case {
        n: 1,
        golden: "s.master_process",
        // note: attribute access alone emits nothing
        build: |s| {
            s.master_process();
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 2,
        golden: "ms.set_basic_params()",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new());
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 3,
        golden: "ms.set_basic_params(enable=True)",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().enable(true));
        },
        expect: Expect::Same(&["master = true"]),
    },
    Case {
        n: 4,
        golden: "ms.set_basic_params(enable=False)",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().enable(false));
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 5,
        golden: "ms.set_basic_params(enable=None)",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new());
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 6,
        golden: "ms.set_basic_params(enable=1)",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().enable(true));
        },
        expect: Expect::Same(&["master = true"]),
    },
    Case {
        n: 7,
        golden: "ms.set_basic_params(enable='no')",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().enable(true));
        },
        expect: Expect::Same(&["master = true"]),
    },
    Case {
        n: 8,
        golden: "ms.set_basic_params(name='mymaster')",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().name("mymaster"));
        },
        expect: Expect::Same(&["procname-master = mymaster"]),
    },
    Case {
        n: 9,
        golden: "ms.set_basic_params(name='')",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().name(""));
        },
        expect: Expect::Fixed {
            lines: &["procname-master ="],
            why: "formatting only: uwsgiconf writes `procname-master = ` with a trailing space, \
                  we write no trailing blank; uWSGI trims both to the same empty value",
        },
    },
    Case {
        n: 10,
        golden: "ms.set_basic_params(name='with spaces')",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().name("with spaces"));
        },
        expect: Expect::Same(&["procname-master = with spaces"]),
    },
    Case {
        n: 11,
        golden: "ms.set_basic_params(name='100%')",
        // uwsgi 2.0.21 parsed: procname-master = '100' (written '100%')
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().name("100%"));
        },
        expect: Expect::Fixed {
            lines: &["procname-master = 100%%"],
            why: "uWSGI expands `%` in files: it reads uwsgiconf's `100%` as `100`; `%%` is a `%`",
        },
    },
    Case {
        n: 12,
        golden: "ms.set_basic_params(name='a\\nb')",
        // uwsgi 2.0.21: rejected: b (unknown option: a value fragment after a newline written into the value) -> then accepted
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().name("a\nb"));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::Unrepresentable],
            says: &["contains a line break"],
            why: "uwsgiconf writes the line break: `b` becomes a directive of its own, which \
                  uWSGI refuses in strict mode (unknown `b`) and ignores otherwise",
        },
    },
    Case {
        n: 13,
        golden: "ms.set_basic_params(no_orphans=True)",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().no_orphans(true));
        },
        expect: Expect::Fixed {
            lines: &["no-orphans = true"],
            why: "uwsgiconf writes Python's `True` (no bool cast); its args formatter then \
                  writes `--no-orphans True`, which uWSGI takes for a config file to load",
        },
    },
    Case {
        n: 14,
        golden: "ms.set_basic_params(no_orphans=False)",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().no_orphans(false));
        },
        expect: Expect::Fixed {
            lines: &[],
            why: "uwsgiconf writes `no-orphans = False`: INI reads it as off, but the args \
                  formatter writes `--no-orphans False` (a config file to load); false writes \
                  nothing",
        },
    },
    Case {
        n: 15,
        golden: "ms.set_basic_params(as_root=True)",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().as_root(true));
        },
        expect: Expect::Custom(|label, section| {
            // `master-as-root` keeps the master running as root: like a root `uid`, it needs
            // the opt-in.
            assert_refused(
                label,
                section,
                &[ProblemKind::RunsAsRoot],
                &["`master-as-root` keeps the master running as root"],
            );
            let mut allowed = section.clone();
            allowed
                .master_process()
                .set_basic_params(mp::BasicParams::new().allow_root(true));
            assert_lines(label, &allowed, &["master-as-root = true"]);
        }),
    },
    Case {
        n: 16,
        golden: "ms.set_basic_params(as_root=False)",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().as_root(false));
        },
        expect: Expect::Fixed {
            lines: &[],
            why: "uwsgiconf writes `master-as-root = False` (no bool cast, so `--master-as-root \
                  False` as args); false writes nothing",
        },
    },
    Case {
        n: 17,
        golden: "ms.set_basic_params(subproc_check_interval=0)",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().subproc_check_interval(0));
        },
        expect: Expect::Same(&["check-interval = 0"]),
    },
    Case {
        n: 18,
        golden: "ms.set_basic_params(subproc_check_interval=5)",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().subproc_check_interval(5));
        },
        expect: Expect::Same(&["check-interval = 5"]),
    },
    Case {
        n: 19,
        golden: "ms.set_basic_params(fifo_file='/here/fifo')",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().fifo_file("/here/fifo"));
        },
        expect: Expect::Same(&["master-fifo = /here/fifo"]),
    },
    Case {
        n: 20,
        golden: "ms.set_basic_params(fifo_file=['/here/f0', '/here/f1'])",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().fifo_file(["/here/f0", "/here/f1"]));
        },
        expect: Expect::Same(&["master-fifo = /here/f0", "master-fifo = /here/f1"]),
    },
    Case {
        n: 21,
        golden: "ms.set_basic_params(fifo_file=Path('/here/p'))",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().fifo_file(PathBuf::from("/here/p")));
        },
        expect: Expect::Same(&["master-fifo = /here/p"]),
    },
    Case {
        n: 22,
        golden: "ms.set_basic_params(fifo_file='{project_runtime_dir}/fifo')",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().fifo_file("/run/fifo"));
        },
        expect: Expect::Same(&["master-fifo = /run/fifo"]),
    },
    Case {
        n: 23,
        golden: "ms.set_basic_params(fifo_file='{runtime_dir}/fifo')",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().fifo_file("/run/fifo"));
        },
        expect: Expect::Same(&["master-fifo = /run/fifo"]),
    },
    Case {
        n: 24,
        golden: "ms.set_basic_params(fifo_file=[])",
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().fifo_file(Vec::<&str>::new()));
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 25,
        golden: "s.project_name = 'proj'; s.set_runtime_dir('/rt'); ms.set_basic_params(fifo_file='{project_runtime_dir}/m.fifo')",
        // note: placeholders replaced at call time
        build: |s| {
            s.master_process()
                .set_basic_params(mp::BasicParams::new().fifo_file("/rt/proj/m.fifo"));
        },
        expect: Expect::Same(&["master-fifo = /rt/proj/m.fifo"]),
    },
    Case {
        n: 26,
        golden: "s.project_name = 'proj'; ms.set_basic_params(fifo_file=['{project_name}.fifo', '{runtime_dir}/x'])",
        build: |s| {
            s.master_process().set_basic_params(
                mp::BasicParams::new().fifo_file(["proj.fifo", "/run/x"]),
            );
        },
        expect: Expect::Same(&["master-fifo = proj.fifo", "master-fifo = /run/x"]),
    },
    Case {
        n: 27,
        golden: "ms.set_basic_params(enable=True, name='m', no_orphans=True, as_root=True, subproc_check_interval=2, fifo_file='/f')",
        // note: all params
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().enable(true).name("m").no_orphans(true).as_root(true).subproc_check_interval(2).fifo_file("/f"));
        },
        expect: Expect::Custom(|label, section| {
            assert_refused(label, section, &[ProblemKind::RunsAsRoot], &["master-as-root"]);
            // With the opt-in: uwsgiconf's lines, switches written `true`.
            let mut allowed = section.clone();
            allowed
                .master_process()
                .set_basic_params(mp::BasicParams::new().allow_root(true));
            assert_lines(
                label,
                &allowed,
                &[
                    "master = true",
                    "procname-master = m",
                    "no-orphans = true",
                    "master-as-root = true",
                    "check-interval = 2",
                    "master-fifo = /f",
                ],
            );
        }),
    },
    Case {
        n: 28,
        golden: "ms(enable=True)",
        // note: __call__ == set_basic_params
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().enable(true));
        },
        expect: Expect::Same(&["master = true"]),
    },
    Case {
        n: 29,
        golden: "s = Section(params_master_process=dict(enable=True, name='pm'))",
        build: |s| {
            s.master_process()
                .set_basic_params(mp::BasicParams::new().enable(true).name("pm"));
        },
        expect: Expect::Same(&["master = true", "procname-master = pm"]),
    },
    Case {
        n: 30,
        golden: "ms.set_basic_params(enable=True); ms.set_basic_params(enable=False)",
        // note: bool False removes an earlier true
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().enable(true));
            s.master_process().set_basic_params(mp::BasicParams::new().enable(false));
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 31,
        golden: "ms.set_basic_params(fifo_file='/a'); ms.set_basic_params(fifo_file='/b')",
        // note: multi: appended
        build: |s| {
            s.master_process().set_basic_params(mp::BasicParams::new().fifo_file("/a"));
            s.master_process().set_basic_params(mp::BasicParams::new().fifo_file("/b"));
        },
        expect: Expect::Same(&["master-fifo = /a", "master-fifo = /b"]),
    },
    Case {
        n: 32,
        golden: "ms.set_exit_events()",
        build: |s| {
            s.master_process().set_exit_events(mp::ExitEventsParams::new());
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 33,
        golden: "ms.set_exit_events(no_workers=True)",
        // uwsgi 2.0.21: rejected: die-on-no-workers (not in uWSGI 2.0.21; in 2.0.31: no, in master: yes; provider core) -> then accepted
        build: |s| {
            s.master_process().set_exit_events(mp::ExitEventsParams::new().no_workers(true));
        },
        expect: Expect::Custom(|label, section| {
            // uWSGI 2.0.21 (and 2.0.31) refuse `die-on-no-workers`; 2.1 has it.
            assert_refused(
                label,
                section,
                &[ProblemKind::UnavailableOption],
                &["`die-on-no-workers` exists only in uWSGI 2.1"],
            );
            for_2_1(label, section, &["die-on-no-workers = true"]);
        }),
    },
    Case {
        n: 34,
        golden: "ms.set_exit_events(no_workers=False)",
        build: |s| {
            s.master_process().set_exit_events(mp::ExitEventsParams::new().no_workers(false));
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 35,
        golden: "ms.set_exit_events(idle=True)",
        build: |s| {
            s.master_process().set_exit_events(mp::ExitEventsParams::new().idle(true));
        },
        expect: Expect::Same(&["die-on-idle = true"]),
    },
    Case {
        n: 36,
        golden: "ms.set_exit_events(idle=False)",
        build: |s| {
            s.master_process().set_exit_events(mp::ExitEventsParams::new().idle(false));
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 37,
        golden: "ms.set_exit_events(reload=True)",
        build: |s| {
            s.master_process().set_exit_events(mp::ExitEventsParams::new().reload(true));
        },
        expect: Expect::Same(&["exit-on-reload = true"]),
    },
    Case {
        n: 38,
        golden: "ms.set_exit_events(reload=False)",
        build: |s| {
            s.master_process().set_exit_events(mp::ExitEventsParams::new().reload(false));
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 39,
        golden: "ms.set_exit_events(sig_term=True)",
        build: |s| {
            s.master_process().set_exit_events(mp::ExitEventsParams::new().sig_term(true));
        },
        expect: Expect::Same(&["die-on-term = true"]),
    },
    Case {
        n: 40,
        golden: "ms.set_exit_events(sig_term=False)",
        build: |s| {
            s.master_process().set_exit_events(mp::ExitEventsParams::new().sig_term(false));
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 41,
        golden: "ms.set_exit_events(sig_term=None)",
        build: |s| {
            s.master_process().set_exit_events(mp::ExitEventsParams::new());
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 42,
        golden: "ms.set_exit_events(no_workers=True, idle=True, reload=True, sig_term=True)",
        // note: all; order
        // uwsgi 2.0.21: rejected: die-on-no-workers (not in uWSGI 2.0.21; in 2.0.31: no, in master: yes; provider core) -> then accepted
        build: |s| {
            s.master_process().set_exit_events(mp::ExitEventsParams::new().no_workers(true).idle(true).reload(true).sig_term(true));
        },
        expect: Expect::Custom(|label, section| {
            assert_refused(
                label,
                section,
                &[ProblemKind::UnavailableOption],
                &["`die-on-no-workers` exists only in uWSGI 2.1"],
            );
            for_2_1(
                label,
                section,
                &[
                    "die-on-no-workers = true",
                    "exit-on-reload = true",
                    "die-on-term = true",
                    "die-on-idle = true",
                ],
            );
        }),
    },
    Case {
        n: 43,
        golden: "ms.set_exception_handling_params()",
        build: |s| {
            s.master_process().set_exception_handling_params(mp::ExceptionHandlingParams::new());
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 44,
        golden: "ms.set_exception_handling_params(handler='myhandler')",
        build: |s| {
            s.master_process().set_exception_handling_params(mp::ExceptionHandlingParams::new().handler("myhandler"));
        },
        expect: Expect::Same(&["exception-handler = myhandler"]),
    },
    Case {
        n: 45,
        golden: "ms.set_exception_handling_params(handler=['h1', 'h2'])",
        build: |s| {
            s.master_process().set_exception_handling_params(mp::ExceptionHandlingParams::new().handler(["h1", "h2"]));
        },
        expect: Expect::Same(&["exception-handler = h1", "exception-handler = h2"]),
    },
    Case {
        n: 46,
        golden: "ms.set_exception_handling_params(handler='')",
        build: |s| {
            s.master_process().set_exception_handling_params(mp::ExceptionHandlingParams::new().handler(""));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::EmptyValue],
            says: &["`handler` is empty"],
            why: "uWSGI looks exception handlers up by name when it starts and exits on one it \
                  does not find (\"unable to find exception handler: \")",
        },
    },
    Case {
        n: 47,
        golden: "ms.set_exception_handling_params(catch=True)",
        build: |s| {
            s.master_process().set_exception_handling_params(mp::ExceptionHandlingParams::new().catch(true));
        },
        expect: Expect::Same(&["catch-exceptions = true"]),
    },
    Case {
        n: 48,
        golden: "ms.set_exception_handling_params(catch=False)",
        build: |s| {
            s.master_process().set_exception_handling_params(mp::ExceptionHandlingParams::new().catch(false));
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 49,
        golden: "ms.set_exception_handling_params(no_write_exception=True)",
        build: |s| {
            s.master_process().set_exception_handling_params(mp::ExceptionHandlingParams::new().no_write_exception(true));
        },
        expect: Expect::Same(&["disable-write-exception = true"]),
    },
    Case {
        n: 50,
        golden: "ms.set_exception_handling_params(no_write_exception=False)",
        build: |s| {
            s.master_process().set_exception_handling_params(mp::ExceptionHandlingParams::new().no_write_exception(false));
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 51,
        golden: "ms.set_exception_handling_params(handler=['h1', 'h2'], catch=True, no_write_exception=True)",
        build: |s| {
            s.master_process().set_exception_handling_params(mp::ExceptionHandlingParams::new().handler(["h1", "h2"]).catch(true).no_write_exception(true));
        },
        expect: Expect::Same(&["exception-handler = h1", "exception-handler = h2", "catch-exceptions = true", "disable-write-exception = true"]),
    },
    Case {
        n: 52,
        golden: "ms.set_idle_params()",
        build: |s| {
            s.master_process().set_idle_params(mp::IdleParams::new());
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 53,
        golden: "ms.set_idle_params(timeout=0)",
        build: |s| {
            s.master_process().set_idle_params(mp::IdleParams::new().timeout(0));
        },
        expect: Expect::Same(&["idle = 0"]),
    },
    Case {
        n: 54,
        golden: "ms.set_idle_params(timeout=30)",
        build: |s| {
            s.master_process().set_idle_params(mp::IdleParams::new().timeout(30));
        },
        expect: Expect::Same(&["idle = 30"]),
    },
    Case {
        n: 55,
        golden: "ms.set_idle_params(exit=True)",
        build: |s| {
            s.master_process().set_idle_params(mp::IdleParams::new().exit(true));
        },
        expect: Expect::Same(&["die-on-idle = true"]),
    },
    Case {
        n: 56,
        golden: "ms.set_idle_params(exit=False)",
        build: |s| {
            s.master_process().set_idle_params(mp::IdleParams::new().exit(false));
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 57,
        golden: "ms.set_idle_params(timeout=30, exit=True)",
        build: |s| {
            s.master_process().set_idle_params(mp::IdleParams::new().timeout(30).exit(true));
        },
        expect: Expect::Same(&["idle = 30", "die-on-idle = true"]),
    },
    Case {
        n: 58,
        golden: "ms.set_reload_params()",
        build: |s| {
            s.master_process().set_reload_params(mp::ReloadParams::new());
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 59,
        golden: "ms.set_reload_params(mercy=0)",
        build: |s| {
            s.master_process().set_reload_params(mp::ReloadParams::new().mercy(0));
        },
        expect: Expect::Same(&["reload-mercy = 0"]),
    },
    Case {
        n: 60,
        golden: "ms.set_reload_params(mercy=10)",
        build: |s| {
            s.master_process().set_reload_params(mp::ReloadParams::new().mercy(10));
        },
        expect: Expect::Same(&["reload-mercy = 10"]),
    },
    Case {
        n: 61,
        golden: "ms.set_reload_params(exit=True)",
        build: |s| {
            s.master_process().set_reload_params(mp::ReloadParams::new().exit(true));
        },
        expect: Expect::Same(&["exit-on-reload = true"]),
    },
    Case {
        n: 62,
        golden: "ms.set_reload_params(exit=False)",
        build: |s| {
            s.master_process().set_reload_params(mp::ReloadParams::new().exit(false));
        },
        expect: Expect::Same(&[]),
    },
    Case {
        n: 63,
        golden: "ms.set_reload_params(mercy=10, exit=True)",
        build: |s| {
            s.master_process().set_reload_params(mp::ReloadParams::new().mercy(10).exit(true));
        },
        expect: Expect::Same(&["reload-mercy = 10", "exit-on-reload = true"]),
    },
    Case {
        n: 64,
        golden: "ms.add_cron_task('/bin/true')",
        build: |s| {
            s.master_process().add_cron_task("/bin/true", mp::CronTaskParams::new());
        },
        expect: Expect::Same(&["cron2 = /bin/true"]),
    },
    Case {
        n: 65,
        golden: "ms.add_cron_task('/bin/true', weekday=0)",
        // note: 0 is emitted (week=0)
        build: |s| {
            s.master_process().add_cron_task("/bin/true", mp::CronTaskParams::new().weekday(0));
        },
        expect: Expect::Same(&["cron2 = week=0 /bin/true"]),
    },
    Case {
        n: 66,
        golden: "ms.add_cron_task('/bin/true', weekday=6, month=12, day=31, hour=23, minute=59)",
        build: |s| {
            s.master_process().add_cron_task("/bin/true", mp::CronTaskParams::new().weekday(6).month(12).day(31).hour(23).minute(59));
        },
        expect: Expect::Same(&["cron2 = week=6,month=12,day=31,hour=23,minute=59 /bin/true"]),
    },
    Case {
        n: 67,
        golden: "ms.add_cron_task('/bin/true', hour=-3)",
        build: |s| {
            s.master_process().add_cron_task("/bin/true", mp::CronTaskParams::new().hour(-3));
        },
        expect: Expect::Same(&["cron2 = hour=-3 /bin/true"]),
    },
    Case {
        n: 69,
        golden: "ms.add_cron_task('/bin/true', legion='mylegion')",
        build: |s| {
            s.master_process().add_cron_task("/bin/true", mp::CronTaskParams::new().legion("mylegion"));
        },
        expect: Expect::Same(&["cron2 = legion=mylegion /bin/true"]),
    },
    Case {
        n: 70,
        golden: "ms.add_cron_task('/bin/true', unique=True)",
        build: |s| {
            s.master_process().add_cron_task("/bin/true", mp::CronTaskParams::new().unique(true));
        },
        expect: Expect::Same(&["cron2 = unique=1 /bin/true"]),
    },
    Case {
        n: 71,
        golden: "ms.add_cron_task('/bin/true', unique=False)",
        // note: bool key: any non-None value gives unique=1
        build: |s| {
            s.master_process().add_cron_task("/bin/true", mp::CronTaskParams::new().unique(false));
        },
        expect: Expect::Fixed {
            lines: &["cron2 = /bin/true"],
            why: "uwsgiconf writes `unique=1` for any value of `unique`, False included; uWSGI \
                  reads unique=1 as unique",
        },
    },
    Case {
        n: 72,
        golden: "ms.add_cron_task('/bin/true', harakiri=30)",
        build: |s| {
            s.master_process().add_cron_task("/bin/true", mp::CronTaskParams::new().harakiri(30));
        },
        expect: Expect::Same(&["cron2 = harakiri=30 /bin/true"]),
    },
    Case {
        n: 73,
        golden: "ms.add_cron_task('/bin/true', weekday=1, month=2, day=3, hour=4, minute=5, legion='lg', unique=True, harakiri=6)",
        // note: all params: key order week, month, day, hour, minute, harakiri, legion, unique
        build: |s| {
            s.master_process().add_cron_task("/bin/true", mp::CronTaskParams::new().weekday(1).month(2).day(3).hour(4).minute(5).legion("lg").unique(true).harakiri(6));
        },
        expect: Expect::Same(&["cron2 = week=1,month=2,day=3,hour=4,minute=5,harakiri=6,legion=lg,unique=1 /bin/true"]),
    },
    Case {
        n: 74,
        golden: "ms.add_cron_task('')",
        // note: empty command, no schedule
        build: |s| {
            s.master_process().add_cron_task("", mp::CronTaskParams::new());
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::EmptyValue],
            says: &["`command` is empty"],
            why: "`cron2 = ` is a task that runs an empty command every minute",
        },
    },
    Case {
        n: 75,
        golden: "ms.add_cron_task('echo 100% done', minute=1)",
        build: |s| {
            s.master_process().add_cron_task("echo 100% done", mp::CronTaskParams::new().minute(1));
        },
        expect: Expect::Fixed {
            lines: &["cron2 = minute=1 echo 100%% done"],
            why: "uWSGI expands `%` in files and deletes `% `: uwsgiconf's task would run \
                  `echo 100done`",
        },
    },
    Case {
        n: 76,
        golden: "ms.add_cron_task('/a', minute=1); ms.add_cron_task('/b', hour=2)",
        // note: multi
        build: |s| {
            s.master_process().add_cron_task("/a", mp::CronTaskParams::new().minute(1));
            s.master_process().add_cron_task("/b", mp::CronTaskParams::new().hour(2));
        },
        expect: Expect::Same(&["cron2 = minute=1 /a", "cron2 = hour=2 /b"]),
    },
    Case {
        n: 78,
        golden: "ms.attach_process_classic('/here/app.pid', background=True)",
        // uwsgi 2.0.21: rejected: (exit 1: invalid smart-attach-daemon syntax: /here/app.pid)
        build: |s| {
            s.master_process().attach_process_classic("/here/app.pid", true, mp::AttachProcessClassicParams::new());
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::InvalidValue],
            says: &["a pid-governed daemon is written `<pidfile> <command>`"],
            why: "uwsgiconf writes `smart-attach-daemon = /here/app.pid`: uWSGI exits on a pidfile \
                  without a command (\"invalid smart-attach-daemon syntax\")",
        },
    },
    Case {
        n: 79,
        golden: "ms.attach_process_classic('/here/app.pid', background=False)",
        // uwsgi 2.0.21: rejected: (exit 1: invalid smart-attach-daemon syntax: /here/app.pid)
        build: |s| {
            s.master_process().attach_process_classic("/here/app.pid", false, mp::AttachProcessClassicParams::new());
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::InvalidValue],
            says: &["a pid-governed daemon is written `<pidfile> <command>`"],
            why: "uwsgiconf writes `smart-attach-daemon2 = /here/app.pid`: uWSGI exits on a pidfile \
                  without a command (\"invalid smart-attach-daemon syntax\")",
        },
    },
    Case {
        n: 80,
        golden: "ms.attach_process_classic('/here/app.pid', background=True, for_legion=True)",
        // uwsgi 2.0.21: rejected: (exit 1: invalid legion daemon syntax: /here/app.pid)
        build: |s| {
            s.master_process().attach_process_classic("/here/app.pid", true, mp::AttachProcessClassicParams::new().for_legion("mylegion"));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::InvalidValue],
            says: &["a pid-governed daemon is written `<pidfile> <command>`"],
            why: "uwsgiconf writes the pidfile alone, and no legion name: uWSGI exits \
                  (\"invalid legion daemon syntax\"); for_legion takes the legion's name here",
        },
    },
    Case {
        n: 81,
        golden: "ms.attach_process_classic('/here/app.pid', background=False, for_legion=True)",
        // uwsgi 2.0.21: rejected: (exit 1: invalid legion daemon syntax: /here/app.pid)
        build: |s| {
            s.master_process().attach_process_classic("/here/app.pid", false, mp::AttachProcessClassicParams::new().for_legion("mylegion"));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::InvalidValue],
            says: &["a pid-governed daemon is written `<pidfile> <command>`"],
            why: "uwsgiconf writes the pidfile alone, and no legion name: uWSGI exits \
                  (\"invalid legion daemon syntax\"); for_legion takes the legion's name here",
        },
    },
    Case {
        n: 82,
        golden: "ms.attach_process_classic('memcached -p 11311', background=False)",
        build: |s| {
            s.master_process().attach_process_classic("memcached -p 11311", false, mp::AttachProcessClassicParams::new());
        },
        expect: Expect::Same(&["attach-daemon = memcached -p 11311"]),
    },
    Case {
        n: 83,
        golden: "ms.attach_process_classic('memcached -p 11311', background=False, for_legion=True)",
        build: |s| {
            s.master_process().attach_process_classic("memcached -p 11311", false, mp::AttachProcessClassicParams::new().for_legion("mylegion"));
        },
        expect: Expect::Fixed {
            lines: &["legion-attach-daemon = mylegion memcached -p 11311"],
            why: "uWSGI reads a legion daemon as `<legion> <command>`: uwsgiconf's line (its \
                  for_legion is a bool) means legion `memcached` running `-p 11311`; for_legion \
                  takes the legion's name here",
        },
    },
    Case {
        n: 84,
        golden: "ms.attach_process_classic('memcached -p 11311', background=False, control=True)",
        build: |s| {
            s.master_process().attach_process_classic("memcached -p 11311", false, mp::AttachProcessClassicParams::new().control(true));
        },
        expect: Expect::Same(&["attach-control-daemon = memcached -p 11311"]),
    },
    Case {
        n: 85,
        golden: "ms.attach_process_classic('memcached -p 11311', background=False, control=True, for_legion=True)",
        // note: control wins over for_legion
        build: |s| {
            s.master_process().attach_process_classic("memcached -p 11311", false, mp::AttachProcessClassicParams::new().control(true).for_legion("mylegion"));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::Conflict],
            says: &["uWSGI has no legion form of a control daemon"],
            why: "uwsgiconf drops for_legion silently: the control daemon would run on every \
                  node, not only the legion's lord",
        },
    },
    Case {
        n: 86,
        golden: "ms.attach_process_classic('memcached', background=True)",
        build: |s| {
            s.master_process().attach_process_classic("memcached", true, mp::AttachProcessClassicParams::new());
        },
        // uwsgiconf raises ConfigurationError.
        expect: Expect::Refused {
            kinds: &[ProblemKind::InvalidValue],
            says: &["`background` is only for pid-governed daemons"],
            why: "uWSGI watches a daemon without a pidfile as a foreground process: there is no \
                  background form of it (uwsgiconf raises ConfigurationError)",
        },
    },
    Case {
        n: 87,
        golden: "ms.attach_process_classic('/here/app.pid', background=True, control=True)",
        // note: control ignored for pid-governed
        // uwsgi 2.0.21: rejected: (exit 1: invalid smart-attach-daemon syntax: /here/app.pid)
        build: |s| {
            s.master_process().attach_process_classic("/here/app.pid", true, mp::AttachProcessClassicParams::new().control(true));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::InvalidValue, ProblemKind::Conflict],
            says: &[
                "a pid-governed daemon is written `<pidfile> <command>`",
                "uWSGI has no control form of a pid-governed daemon",
            ],
            why: "uwsgiconf writes the pidfile alone (uWSGI exits) and drops control silently",
        },
    },
    Case {
        n: 88,
        golden: "ms.attach_process_classic('run.pidfile.sh', background=False)",
        // note: '.pid' substring anywhere selects smart mode
        // uwsgi 2.0.21: rejected: (exit 1: invalid smart-attach-daemon syntax: run.pidfile.sh)
        build: |s| {
            s.master_process().attach_process_classic("run.pidfile.sh", false, mp::AttachProcessClassicParams::new());
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::InvalidValue],
            says: &["a pid-governed daemon is written `<pidfile> <command>`", "attach_process"],
            why: "uwsgiconf writes `smart-attach-daemon2 = run.pidfile.sh` (`.pid` anywhere \
                  makes it pid-governed): uWSGI exits (\"invalid smart-attach-daemon syntax\")",
        },
    },
    Case {
        n: 89,
        golden: "ms.attach_process_classic('/here/app.pid memcached -d -P /here/app.pid', background=True)",
        // note: uWSGI smart-attach-daemon value is "<pidfile> <command>": passing both in the one string
        build: |s| {
            s.master_process().attach_process_classic("/here/app.pid memcached -d -P /here/app.pid", true, mp::AttachProcessClassicParams::new());
        },
        expect: Expect::Same(&["smart-attach-daemon = /here/app.pid memcached -d -P /here/app.pid"]),
    },
    Case {
        n: 90,
        golden: "ms.attach_process_classic('/here/app.pid /usr/bin/memcached -P /here/app.pid', background=False)",
        build: |s| {
            s.master_process().attach_process_classic("/here/app.pid /usr/bin/memcached -P /here/app.pid", false, mp::AttachProcessClassicParams::new());
        },
        expect: Expect::Same(&["smart-attach-daemon2 = /here/app.pid /usr/bin/memcached -P /here/app.pid"]),
    },
    Case {
        n: 91,
        golden: "ms.attach_process('memcached -p 11311')",
        build: |s| {
            s.master_process().attach_process("memcached -p 11311", mp::AttachProcessParams::new());
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached -p 11311"]),
    },
    Case {
        n: 92,
        golden: "ms.attach_process('memcached', for_legion=True)",
        // uwsgi 2.0.21: rejected: legion-attach-daemon2 (unknown option) -> then accepted
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().for_legion("mylegion"));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::UnknownOption],
            says: &["uWSGI has no `legion-attach-daemon2`"],
            why: "no uWSGI has `legion-attach-daemon2`, and `attach-daemon2` takes no legion key \
                  (core/daemons.c): uWSGI refuses uwsgiconf's line in strict mode and ignores \
                  it otherwise",
        },
    },
    Case {
        n: 93,
        golden: "ms.attach_process('memcached', broken_counter=0)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().broken_counter(0));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,freq=0"]),
    },
    Case {
        n: 94,
        golden: "ms.attach_process('memcached', broken_counter=3)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().broken_counter(3));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,freq=3"]),
    },
    Case {
        n: 95,
        golden: "ms.attach_process('memcached', pidfile='/here/m.pid')",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().pidfile("/here/m.pid"));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,pidfile=/here/m.pid"]),
    },
    Case {
        n: 96,
        golden: "ms.attach_process('memcached', control=True)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().control(true));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,control=1"]),
    },
    Case {
        n: 97,
        golden: "ms.attach_process('memcached', control=False)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().control(false));
        },
        expect: Expect::Fixed {
            lines: &["attach-daemon2 = cmd=memcached"],
            why: "uwsgiconf writes `control=1` for control=False too, and uWSGI turns it on for \
                  any value",
        },
    },
    Case {
        n: 98,
        golden: "ms.attach_process('memcached', daemonize=True)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().daemonize(true));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,daemonize=1"]),
    },
    Case {
        n: 99,
        golden: "ms.attach_process('memcached', daemonize=False)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().daemonize(false));
        },
        expect: Expect::Fixed {
            lines: &["attach-daemon2 = cmd=memcached"],
            why: "uwsgiconf writes `daemonize=1` for daemonize=False too, and uWSGI turns it on for \
                  any value",
        },
    },
    Case {
        n: 100,
        golden: "ms.attach_process('memcached', touch_reload='/here/t')",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().touch_reload("/here/t"));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,touch=/here/t"]),
    },
    Case {
        n: 101,
        golden: "ms.attach_process('memcached', touch_reload=['/here/t1', '/here/t2'])",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().touch_reload(["/here/t1", "/here/t2"]));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,touch=/here/t1;/here/t2"]),
    },
    Case {
        n: 102,
        golden: "ms.attach_process('memcached', signal_stop=15)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().signal_stop(15));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,stopsignal=15"]),
    },
    Case {
        n: 103,
        golden: "ms.attach_process('memcached', signal_reload=1)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().signal_reload(1));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,reloadsignal=1"]),
    },
    Case {
        n: 104,
        golden: "ms.attach_process('memcached', honour_stdin=True)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().honour_stdin(true));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,stdin=1"]),
    },
    Case {
        n: 105,
        golden: "ms.attach_process('memcached', honour_stdin=False)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().honour_stdin(false));
        },
        expect: Expect::Fixed {
            lines: &["attach-daemon2 = cmd=memcached"],
            why: "uwsgiconf writes `stdin=1` for honour_stdin=False too, and uWSGI turns it on for \
                  any value",
        },
    },
    Case {
        n: 107,
        golden: "ms.attach_process('memcached', uid=1000)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().uid(1000));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::UidWithoutGid],
            says: &["uid without gid"],
            why: "uWSGI would setuid() the daemon but keep the master's group (root's when the \
                  master is root), the main process's uid rule",
        },
    },
    Case {
        n: 109,
        golden: "ms.attach_process('memcached', gid=0)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().gid(0));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::RunsAsRoot],
            says: &["uWSGI skips a daemon gid of 0"],
            why: "uWSGI skips setgid() for 0: the line does nothing, and the daemon keeps the \
                  master's group, root's when the master is root",
        },
    },
    Case {
        n: 110,
        golden: "ms.attach_process('memcached', new_pid_ns=True)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().new_pid_ns(true));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,ns_pid=True"]),
    },
    Case {
        n: 111,
        golden: "ms.attach_process('memcached', new_pid_ns=False)",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().new_pid_ns(false));
        },
        expect: Expect::Fixed {
            lines: &["attach-daemon2 = cmd=memcached"],
            why: "uwsgiconf writes `ns_pid=False`, and uWSGI turns the new pid namespace on for \
                  any value",
        },
    },
    Case {
        n: 112,
        golden: "ms.attach_process('memcached', change_dir='/here')",
        build: |s| {
            s.master_process().attach_process("memcached", mp::AttachProcessParams::new().change_dir("/here"));
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=memcached,chdir=/here"]),
    },
    Case {
        n: 113,
        golden: "ms.attach_process('memcached -p 1', broken_counter=3, pidfile='/p.pid', control=True, daemonize=True, touch_reload=['/t1', '/t2'], signal_stop=15, signal_reload=1, honour_stdin=True, uid='u', gid='g', new_pid_ns=True, change_dir='/d')",
        // note: all params: key order
        build: |s| {
            s.master_process().attach_process("memcached -p 1", mp::AttachProcessParams::new().broken_counter(3).pidfile("/p.pid").control(true).daemonize(true).touch_reload(["/t1", "/t2"]).signal_stop(15).signal_reload(1).honour_stdin(true).uid(1001).gid(1002).new_pid_ns(true).change_dir("/d"));
        },
        expect: Expect::Fixed {
            lines: &["attach-daemon2 = cmd=memcached -p 1,freq=3,pidfile=/p.pid,control=1,\
                      daemonize=1,touch=/t1;/t2,stopsignal=15,reloadsignal=1,stdin=1,uid=1001,\
                      gid=1002,ns_pid=True,chdir=/d"],
            why: "uwsgiconf's uid='u', gid='g' are names, which uWSGI reads with atoi() as 0 (no \
                  privilege drop); ids are numbers here (1001, 1002), the rest is uwsgiconf's",
        },
    },
    Case {
        n: 114,
        golden: "ms.attach_process('echo a,b')",
        // note: comma inside cmd is not escaped
        build: |s| {
            s.master_process().attach_process("echo a,b", mp::AttachProcessParams::new());
        },
        expect: Expect::Fixed {
            lines: &["attach-daemon2 = cmd=echo a\\,b"],
            why: "uWSGI splits attach-daemon2 at unescaped commas: uwsgiconf's line runs \
                  `echo a` (and an item `b` is ignored); a backslash keeps the comma",
        },
    },
    Case {
        n: 115,
        golden: "ms.attach_process('')",
        build: |s| {
            s.master_process().attach_process("", mp::AttachProcessParams::new());
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::EmptyValue],
            says: &["`command` is empty"],
            why: "`cmd=` is a daemon with an empty command, which the master would start over and \
                  over",
        },
    },
    Case {
        n: 116,
        golden: "ms.attach_process('a'); ms.attach_process('b')",
        // note: multi
        build: |s| {
            s.master_process().attach_process("a", mp::AttachProcessParams::new());
            s.master_process().attach_process("b", mp::AttachProcessParams::new());
        },
        expect: Expect::Same(&["attach-daemon2 = cmd=a", "attach-daemon2 = cmd=b"]),
    },
];

// ==== workers ====

const WORKERS: &[Case] = &[
    Case {
        n: 1,
        golden: "pass",
        // note: context only: s.workers access emits workers = %k
        build: |s| {
            s.workers();
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 2,
        golden: "w.set_basic_params()",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new());
        },
        expect: Expect::Same(&["workers = %k"]),
    },
    Case {
        n: 3,
        golden: "w.set_basic_params(count=0)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().count(0));
        },
        expect: Expect::Same(&["workers = %k"]),
    },
    Case {
        n: 4,
        golden: "w.set_basic_params(count=1)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().count(1));
        },
        expect: Expect::Same(&["workers = 1"]),
    },
    Case {
        n: 5,
        golden: "w.set_basic_params(count=4)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().count(4));
        },
        expect: Expect::Same(&["workers = 4"]),
    },
    Case {
        n: 6,
        golden: "w.set_basic_params(count='4')",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().count(4));
        },
        expect: Expect::Same(&["workers = 4"]),
    },
    Case {
        n: 7,
        golden: "w.set_basic_params(count=None)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new());
        },
        expect: Expect::Same(&["workers = %k"]),
    },
    Case {
        n: 8,
        golden: "w.set_basic_params(touch_reload='/here/t')",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().touch_reload("/here/t"));
        },
        expect: Expect::Same(&["workers = %k", "touch-workers-reload = /here/t"]),
    },
    Case {
        n: 9,
        golden: "w.set_basic_params(touch_reload=['/here/t1', '/here/t2'])",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().touch_reload(["/here/t1", "/here/t2"]));
        },
        expect: Expect::Same(&["workers = %k", "touch-workers-reload = /here/t1", "touch-workers-reload = /here/t2"]),
    },
    Case {
        n: 10,
        golden: "w.set_basic_params(touch_reload=[])",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().touch_reload(Vec::<&str>::new()));
        },
        expect: Expect::Same(&["workers = %k"]),
    },
    Case {
        n: 11,
        golden: "w.set_basic_params(touch_chain_reload='/here/c')",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().touch_chain_reload("/here/c"));
        },
        expect: Expect::Same(&["workers = %k", "touch-chain-reload = /here/c"]),
    },
    Case {
        n: 12,
        golden: "w.set_basic_params(touch_chain_reload=['/here/c1', '/here/c2'])",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().touch_chain_reload(["/here/c1", "/here/c2"]));
        },
        expect: Expect::Same(&["workers = %k", "touch-chain-reload = /here/c1", "touch-chain-reload = /here/c2"]),
    },
    Case {
        n: 13,
        golden: "w.set_basic_params(zombie_reaper=True)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().zombie_reaper(true));
        },
        expect: Expect::Same(&["workers = %k", "reaper = true"]),
    },
    Case {
        n: 14,
        golden: "w.set_basic_params(zombie_reaper=False)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().zombie_reaper(false));
        },
        expect: Expect::Same(&["workers = %k"]),
    },
    Case {
        n: 15,
        golden: "w.set_basic_params(limit_addr_space=0)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().limit_addr_space(0));
        },
        expect: Expect::Same(&["workers = %k", "limit-as = 0"]),
    },
    Case {
        n: 16,
        golden: "w.set_basic_params(limit_addr_space=512)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().limit_addr_space(512));
        },
        expect: Expect::Same(&["workers = %k", "limit-as = 512"]),
    },
    Case {
        n: 17,
        golden: "w.set_basic_params(limit_count=0)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().limit_count(0));
        },
        expect: Expect::Same(&["workers = %k", "limit-nproc = 0"]),
    },
    Case {
        n: 18,
        golden: "w.set_basic_params(limit_count=100)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().limit_count(100));
        },
        expect: Expect::Same(&["workers = %k", "limit-nproc = 100"]),
    },
    Case {
        n: 19,
        golden: "w.set_basic_params(cpu_affinity=0)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().cpu_affinity(0));
        },
        expect: Expect::Same(&["workers = %k", "cpu-affinity = 0"]),
    },
    Case {
        n: 20,
        golden: "w.set_basic_params(cpu_affinity=2)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().cpu_affinity(2));
        },
        expect: Expect::Same(&["workers = %k", "cpu-affinity = 2"]),
    },
    Case {
        n: 21,
        golden: "w.set_basic_params(count=3, touch_reload='/t', touch_chain_reload='/c', zombie_reaper=True, limit_addr_space=256, limit_count=10, cpu_affinity=1)",
        // note: all params: order
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().count(3).touch_reload("/t").touch_chain_reload("/c").zombie_reaper(true).limit_addr_space(256).limit_count(10).cpu_affinity(1));
        },
        expect: Expect::Same(&["workers = 3", "touch-workers-reload = /t", "touch-chain-reload = /c", "reaper = true", "limit-as = 256", "limit-nproc = 10", "cpu-affinity = 1"]),
    },
    Case {
        n: 22,
        golden: "w(count=2)",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().count(2));
        },
        expect: Expect::Same(&["workers = 2"]),
    },
    Case {
        n: 23,
        golden: "s = Section(params_workers=dict(count=5)); w = s.workers",
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().count(5));
        },
        expect: Expect::Same(&["workers = 5"]),
    },
    Case {
        n: 24,
        golden: "w.set_basic_params(count=2); w.set_basic_params(count=3)",
        // note: scalar overwritten in place
        build: |s| {
            s.workers().set_basic_params(wk::BasicParams::new().count(2));
            s.workers().set_basic_params(wk::BasicParams::new().count(3));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::Conflict],
            says: &["`workers` takes one value but was set to \"2\" and \"3\""],
            why: "uwsgiconf overwrites the count silently; two typed calls giving two counts are \
                  ambiguous (as for the main process's priority), and set_option replaces on \
                  purpose",
        },
    },
    Case {
        n: 25,
        golden: "w.run_command_as_worker('/bin/worker.sh')",
        build: |s| {
            s.workers().run_command_as_worker("/bin/worker.sh", wk::RunAsWorkerParams::new());
        },
        expect: Expect::AfterAccess(&["workers = %k", "worker-exec = /bin/worker.sh"]),
    },
    Case {
        n: 26,
        golden: "w.run_command_as_worker('/bin/worker.sh', after_post_fork_hook=True)",
        build: |s| {
            s.workers().run_command_as_worker("/bin/worker.sh", wk::RunAsWorkerParams::new().after_post_fork_hook(true));
        },
        expect: Expect::AfterAccess(&["workers = %k", "worker-exec2 = /bin/worker.sh"]),
    },
    Case {
        n: 27,
        golden: "w.run_command_as_worker('a'); w.run_command_as_worker('b')",
        // note: multi
        build: |s| {
            s.workers().run_command_as_worker("a", wk::RunAsWorkerParams::new());
            s.workers().run_command_as_worker("b", wk::RunAsWorkerParams::new());
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::Conflict],
            says: &["`worker-exec` takes one value but was set to \"a\" and \"b\""],
            why: "uwsgiconf writes two lines, but `worker-exec` is a string option: uWSGI keeps \
                  the last one only and runs `b`",
        },
    },
    Case {
        n: 28,
        golden: "w.run_command_as_worker('')",
        build: |s| {
            s.workers().run_command_as_worker("", wk::RunAsWorkerParams::new());
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::EmptyValue],
            says: &["`command` is empty"],
            why: "uWSGI would execvp(\"\") in every worker, which fails, and the worker exits",
        },
    },
    Case {
        n: 29,
        golden: "w.run_command_as_worker('echo 100%')",
        // uwsgi 2.0.21 parsed: worker-exec = 'echo 100' (written 'echo 100%')
        build: |s| {
            s.workers().run_command_as_worker("echo 100%", wk::RunAsWorkerParams::new());
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::InvalidValue],
            says: &["uWSGI runs this value as one program, without arguments or a shell"],
            why: "uWSGI execvp()s the value as one program path with no arguments: uwsgiconf's \
                  line looks for a program named `echo 100` (the `%` is eaten too)",
        },
    },
    Case {
        n: 30,
        golden: "w.set_count_auto()",
        build: |s| {
            s.workers().set_count_auto(None);
        },
        expect: Expect::Same(&["workers = %k"]),
    },
    Case {
        n: 31,
        golden: "w.set_count_auto(8)",
        build: |s| {
            s.workers().set_count_auto(8);
        },
        expect: Expect::Same(&["workers = 8"]),
    },
    Case {
        n: 32,
        golden: "w.set_count_auto(0)",
        // note: 0 is falsy -> %k
        build: |s| {
            s.workers().set_count_auto(0);
        },
        expect: Expect::Same(&["workers = %k"]),
    },
    Case {
        n: 33,
        golden: "w.set_thread_params()",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new());
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 34,
        golden: "w.set_thread_params(enable=True)",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().enable(true));
        },
        expect: Expect::AfterAccess(&["workers = %k", "enable-threads = true"]),
    },
    Case {
        n: 35,
        golden: "w.set_thread_params(enable=False)",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().enable(false));
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 36,
        golden: "w.set_thread_params(count=0)",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().count(0));
        },
        expect: Expect::AfterAccess(&["workers = %k", "threads = 0"]),
    },
    Case {
        n: 37,
        golden: "w.set_thread_params(count=1)",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().count(1));
        },
        expect: Expect::AfterAccess(&["workers = %k", "threads = 1", "print = >   Threads per worker: 1"]),
    },
    Case {
        n: 38,
        golden: "w.set_thread_params(count=4)",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().count(4));
        },
        expect: Expect::AfterAccess(&["workers = %k", "threads = 4", "print = >   Threads per worker: 4"]),
    },
    Case {
        n: 39,
        golden: "w.set_thread_params(count_offload=0)",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().count_offload(0));
        },
        expect: Expect::AfterAccess(&["workers = %k", "offload-threads = 0"]),
    },
    Case {
        n: 40,
        golden: "w.set_thread_params(count_offload=2)",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().count_offload(2));
        },
        expect: Expect::AfterAccess(&["workers = %k", "offload-threads = 2"]),
    },
    Case {
        n: 41,
        golden: "w.set_thread_params(stack_size=0)",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().stack_size(0));
        },
        expect: Expect::AfterAccess(&["workers = %k", "threads-stacksize = 0"]),
    },
    Case {
        n: 42,
        golden: "w.set_thread_params(stack_size=512)",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().stack_size(512));
        },
        expect: Expect::AfterAccess(&["workers = %k", "threads-stacksize = 512"]),
    },
    Case {
        n: 43,
        golden: "w.set_thread_params(no_wait=True)",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().no_wait(true));
        },
        expect: Expect::AfterAccess(&["workers = %k", "no-threads-wait = true"]),
    },
    Case {
        n: 44,
        golden: "w.set_thread_params(no_wait=False)",
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().no_wait(false));
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 45,
        golden: "w.set_thread_params(enable=True, count=4, count_offload=2, stack_size=512, no_wait=True)",
        // note: all params; a "print" line is added when count is truthy, before threads-stacksize
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().enable(true).count(4).count_offload(2).stack_size(512).no_wait(true));
        },
        expect: Expect::AfterAccess(&["workers = %k", "enable-threads = true", "no-threads-wait = true", "threads = 4", "offload-threads = 2", "print = >   Threads per worker: 4", "threads-stacksize = 512"]),
    },
    Case {
        n: 46,
        golden: "w.set_thread_params(count=2); w.set_thread_params(count=3)",
        // note: print lines accumulate
        build: |s| {
            s.workers().set_thread_params(wk::ThreadParams::new().count(2));
            s.workers().set_thread_params(wk::ThreadParams::new().count(3));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::Conflict],
            says: &["`threads` takes one value but was set to \"2\" and \"3\""],
            why: "uwsgiconf overwrites the thread count and keeps both banners, the first of \
                  them now wrong; two counts are refused as any repeated typed value",
        },
    },
    Case {
        n: 47,
        golden: "w.set_mules_params()",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new());
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 48,
        golden: "w.set_mules_params(mules=0)",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().mules(0));
        },
        expect: Expect::AfterAccess(&["workers = %k", "mules = 0"]),
    },
    Case {
        n: 49,
        golden: "w.set_mules_params(mules=2)",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().mules(2));
        },
        expect: Expect::AfterAccess(&["workers = %k", "mules = 2"]),
    },
    Case {
        n: 50,
        golden: "w.set_mules_params(mules=['/here/m1.py', '/here/m2.py'])",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().mules(["/here/m1.py", "/here/m2.py"]));
        },
        expect: Expect::AfterAccess(&["workers = %k", "mule = /here/m1.py", "mule = /here/m2.py"]),
    },
    Case {
        n: 51,
        golden: "w.set_mules_params(mules='mule.py')",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().mules("mule.py"));
        },
        expect: Expect::Fixed {
            lines: &["mule = mule.py"],
            why: "uwsgiconf writes nothing for a single script (neither an int nor a list): the \
                  mule is lost silently; one script is one mule",
        },
    },
    Case {
        n: 52,
        golden: "w.set_mules_params(mules=[])",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().mules(Vec::<&str>::new()));
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 53,
        golden: "w.set_mules_params(touch_reload='/here/t')",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().touch_reload("/here/t"));
        },
        expect: Expect::AfterAccess(&["workers = %k", "touch-mules-reload = /here/t"]),
    },
    Case {
        n: 54,
        golden: "w.set_mules_params(touch_reload=['/t1', '/t2'])",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().touch_reload(["/t1", "/t2"]));
        },
        expect: Expect::AfterAccess(&["workers = %k", "touch-mules-reload = /t1", "touch-mules-reload = /t2"]),
    },
    Case {
        n: 55,
        golden: "w.set_mules_params(harakiri_timeout=0)",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().harakiri_timeout(0));
        },
        expect: Expect::AfterAccess(&["workers = %k", "mule-harakiri = 0"]),
    },
    Case {
        n: 56,
        golden: "w.set_mules_params(harakiri_timeout=30)",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().harakiri_timeout(30));
        },
        expect: Expect::AfterAccess(&["workers = %k", "mule-harakiri = 30"]),
    },
    Case {
        n: 57,
        golden: "w.set_mules_params(reload_mercy=0)",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().reload_mercy(0));
        },
        expect: Expect::AfterAccess(&["workers = %k", "mule-reload-mercy = 0"]),
    },
    Case {
        n: 58,
        golden: "w.set_mules_params(reload_mercy=10)",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().reload_mercy(10));
        },
        expect: Expect::AfterAccess(&["workers = %k", "mule-reload-mercy = 10"]),
    },
    Case {
        n: 59,
        golden: "w.set_mules_params(msg_buffer=0)",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().msg_buffer(0));
        },
        expect: Expect::AfterAccess(&["workers = %k", "mule-msg-size = 0"]),
    },
    Case {
        n: 60,
        golden: "w.set_mules_params(msg_buffer=65536)",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().msg_buffer(65536));
        },
        expect: Expect::AfterAccess(&["workers = %k", "mule-msg-size = 65536"]),
    },
    Case {
        n: 61,
        golden: "w.set_mules_params(msg_buffer_recv=0)",
        // uwsgi 2.0.21: rejected: mule-msg-recv-size (not in uWSGI 2.0.21; in 2.0.31: no, in master: yes; provider core) -> then accepted
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().msg_buffer_recv(0));
        },
        expect: Expect::Custom(|label, section| {
            // Not in uWSGI 2.0.21: refused for the 2.0 target, uwsgiconf's lines for 2.1.
            assert_refused(label, section, &[ProblemKind::UnavailableOption], &["`mule-msg-recv-size`"]);
            for_2_1(
                label,
                section,
                &[
                    "mule-msg-recv-size = 0",
                ],
            );
        }),
    },
    Case {
        n: 62,
        golden: "w.set_mules_params(msg_buffer_recv=65536)",
        // uwsgi 2.0.21: rejected: mule-msg-recv-size (not in uWSGI 2.0.21; in 2.0.31: no, in master: yes; provider core) -> then accepted
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().msg_buffer_recv(65536));
        },
        expect: Expect::Custom(|label, section| {
            // Not in uWSGI 2.0.21: refused for the 2.0 target, uwsgiconf's lines for 2.1.
            assert_refused(label, section, &[ProblemKind::UnavailableOption], &["`mule-msg-recv-size`"]);
            for_2_1(
                label,
                section,
                &[
                    "mule-msg-recv-size = 65536",
                ],
            );
        }),
    },
    Case {
        n: 63,
        golden: "w.set_mules_params(2)",
        // note: positional mules
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().mules(2));
        },
        expect: Expect::AfterAccess(&["workers = %k", "mules = 2"]),
    },
    Case {
        n: 64,
        golden: "w.set_mules_params(farms=[w.mule_farm('first', 2), w.mule_farm('second', 3)])",
        // note: int counts -> consecutive mule numbers; mules count = total
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().farms([wk::MuleFarm::new("first", 2), wk::MuleFarm::new("second", 3)]));
        },
        expect: Expect::AfterAccess(&["workers = %k", "farm = first:1,2", "farm = second:3,4,5", "mules = 5"]),
    },
    Case {
        n: 65,
        golden: "w.set_mules_params(farms=[w.mule_farm('a', [1, 3]), w.mule_farm('b', '2')])",
        // note: list kept as is; digit string -> count continuing after next_mule_number (not after the max listed)
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().farms([wk::MuleFarm::new("a", [1, 3]), wk::MuleFarm::new("b", 2)]));
        },
        expect: Expect::AfterAccess(&["workers = %k", "farm = a:1,3", "farm = b:1,2", "mules = 4"]),
    },
    Case {
        n: 66,
        golden: "w.set_mules_params(mules=5, farms=[w.mule_farm('a', 2)])",
        // note: explicit mules wins over farm total
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().mules(5).farms([wk::MuleFarm::new("a", 2)]));
        },
        expect: Expect::AfterAccess(&["workers = %k", "farm = a:1,2", "mules = 5"]),
    },
    Case {
        n: 67,
        golden: "w.set_mules_params(mules=['x.py'], farms=[w.mule_farm('a', 1)])",
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().mules(["x.py"]).farms([wk::MuleFarm::new("a", 1)]));
        },
        expect: Expect::AfterAccess(&["workers = %k", "farm = a:1", "mule = x.py"]),
    },
    Case {
        n: 69,
        golden: "_out = str(w.mule_farm('n', [1, 2, 3]))",
        // note: MuleFarm.__str__
        build: |_| {},
        expect: Expect::Custom(|label, _| {
            assert_eq!(
                wk::MuleFarm::new("n", [1, 2, 3]).to_string(),
                "n:1,2,3",
                "{label}"
            );
        }),
    },
    Case {
        n: 70,
        golden: "w.set_mules_params(mules=2, touch_reload='/t', harakiri_timeout=5, reload_mercy=6, msg_buffer=7, msg_buffer_recv=8)",
        // note: all params
        // uwsgi 2.0.21: rejected: mule-msg-recv-size (not in uWSGI 2.0.21; in 2.0.31: no, in master: yes; provider core) -> then accepted
        build: |s| {
            s.workers().set_mules_params(wk::MulesParams::new().mules(2).touch_reload("/t").harakiri_timeout(5).reload_mercy(6).msg_buffer(7).msg_buffer_recv(8));
        },
        expect: Expect::Custom(|label, section| {
            // Not in uWSGI 2.0.21: refused for the 2.0 target, uwsgiconf's lines for 2.1.
            assert_refused(label, section, &[ProblemKind::UnavailableOption], &["`mule-msg-recv-size`"]);
            for_2_1(
                label,
                section,
                &[
                    "mules = 2",
                    "touch-mules-reload = /t",
                    "mule-harakiri = 5",
                    "mule-reload-mercy = 6",
                    "mule-msg-size = 7",
                    "mule-msg-recv-size = 8",
                ],
            );
        }),
    },
    Case {
        n: 71,
        golden: "w.set_reload_params()",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new());
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 72,
        golden: "w.set_reload_params(min_lifetime=0)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().min_lifetime(0));
        },
        expect: Expect::AfterAccess(&["workers = %k", "min-worker-lifetime = 0"]),
    },
    Case {
        n: 73,
        golden: "w.set_reload_params(min_lifetime=60)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().min_lifetime(60));
        },
        expect: Expect::AfterAccess(&["workers = %k", "min-worker-lifetime = 60"]),
    },
    Case {
        n: 74,
        golden: "w.set_reload_params(max_lifetime=3600)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().max_lifetime(3600));
        },
        expect: Expect::AfterAccess(&["workers = %k", "max-worker-lifetime = 3600"]),
    },
    Case {
        n: 75,
        golden: "w.set_reload_params(max_requests=0)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().max_requests(0));
        },
        expect: Expect::AfterAccess(&["workers = %k", "max-requests = 0"]),
    },
    Case {
        n: 76,
        golden: "w.set_reload_params(max_requests=1000)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().max_requests(1000));
        },
        expect: Expect::AfterAccess(&["workers = %k", "max-requests = 1000"]),
    },
    Case {
        n: 77,
        golden: "w.set_reload_params(max_requests_delta=10)",
        // uwsgi 2.0.21: rejected: max-requests-delta (not in uWSGI 2.0.21; in 2.0.31: yes, in master: yes; provider core) -> then accepted
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().max_requests_delta(10));
        },
        expect: Expect::Custom(|label, section| {
            // Not in uWSGI 2.0.21: refused for the 2.0 target, uwsgiconf's lines for 2.1.
            assert_refused(label, section, &[ProblemKind::UnavailableOption], &["`max-requests-delta`"]);
            for_2_1(
                label,
                section,
                &[
                    "max-requests-delta = 10",
                ],
            );
        }),
    },
    Case {
        n: 78,
        golden: "w.set_reload_params(max_addr_space=512)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().max_addr_space(512));
        },
        expect: Expect::AfterAccess(&["workers = %k", "reload-on-as = 512"]),
    },
    Case {
        n: 79,
        golden: "w.set_reload_params(max_rss=256)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().max_rss(256));
        },
        expect: Expect::AfterAccess(&["workers = %k", "reload-on-rss = 256"]),
    },
    Case {
        n: 80,
        golden: "w.set_reload_params(max_uss=128)",
        // uwsgi 2.0.21: rejected: reload-on-uss (not in uWSGI 2.0.21; in 2.0.31: no, in master: yes; provider core) -> then accepted
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().max_uss(128));
        },
        expect: Expect::Custom(|label, section| {
            // Not in uWSGI 2.0.21: refused for the 2.0 target, uwsgiconf's lines for 2.1.
            assert_refused(label, section, &[ProblemKind::UnavailableOption], &["`reload-on-uss`"]);
            for_2_1(
                label,
                section,
                &[
                    "reload-on-uss = 128",
                ],
            );
        }),
    },
    Case {
        n: 81,
        golden: "w.set_reload_params(max_pss=64)",
        // uwsgi 2.0.21: rejected: reload-on-pss (not in uWSGI 2.0.21; in 2.0.31: no, in master: yes; provider core) -> then accepted
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().max_pss(64));
        },
        expect: Expect::Custom(|label, section| {
            // Not in uWSGI 2.0.21: refused for the 2.0 target, uwsgiconf's lines for 2.1.
            assert_refused(label, section, &[ProblemKind::UnavailableOption], &["`reload-on-pss`"]);
            for_2_1(
                label,
                section,
                &[
                    "reload-on-pss = 64",
                ],
            );
        }),
    },
    Case {
        n: 82,
        golden: "w.set_reload_params(max_addr_space_forced=1024)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().max_addr_space_forced(1024));
        },
        expect: Expect::AfterAccess(&["workers = %k", "evil-reload-on-as = 1024"]),
    },
    Case {
        n: 83,
        golden: "w.set_reload_params(max_rss_forced=512)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().max_rss_forced(512));
        },
        expect: Expect::AfterAccess(&["workers = %k", "evil-reload-on-rss = 512"]),
    },
    Case {
        n: 84,
        golden: "w.set_reload_params(watch_interval_forced=3)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().watch_interval_forced(3));
        },
        expect: Expect::AfterAccess(&["workers = %k", "mem-collector-freq = 3"]),
    },
    Case {
        n: 85,
        golden: "w.set_reload_params(mercy=0)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().mercy(0));
        },
        expect: Expect::AfterAccess(&["workers = %k", "worker-reload-mercy = 0"]),
    },
    Case {
        n: 86,
        golden: "w.set_reload_params(mercy=60)",
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().mercy(60));
        },
        expect: Expect::AfterAccess(&["workers = %k", "worker-reload-mercy = 60"]),
    },
    Case {
        n: 87,
        golden: "w.set_reload_params(min_lifetime=1, max_lifetime=2, max_requests=3, max_requests_delta=4, max_addr_space=5, max_rss=6, max_uss=7, max_pss=8, max_addr_space_forced=9, max_rss_forced=10, watch_interval_forced=11, mercy=12)",
        // note: all params: order
        // uwsgi 2.0.21: rejected: max-requests-delta (not in uWSGI 2.0.21; in 2.0.31: yes, in master: yes; provider core); reload-on-uss (not in uWSGI 2.0.21; in 2.0.31: no, in master: yes; provider core); reload-on-pss (not in uWSGI 2.0.21; in 2.0.31: no, in master: yes; provider core) -> then accepted
        build: |s| {
            s.workers().set_reload_params(wk::ReloadParams::new().min_lifetime(1).max_lifetime(2).max_requests(3).max_requests_delta(4).max_addr_space(5).max_rss(6).max_uss(7).max_pss(8).max_addr_space_forced(9).max_rss_forced(10).watch_interval_forced(11).mercy(12));
        },
        expect: Expect::Custom(|label, section| {
            // Not in uWSGI 2.0.21: refused for the 2.0 target, uwsgiconf's lines for 2.1.
            assert_refused(label, section, &[ProblemKind::UnavailableOption, ProblemKind::UnavailableOption, ProblemKind::UnavailableOption], &["`max-requests-delta`", "`reload-on-uss`", "`reload-on-pss`"]);
            for_2_1(
                label,
                section,
                &[
                    "max-requests = 3",
                    "max-requests-delta = 4",
                    "min-worker-lifetime = 1",
                    "max-worker-lifetime = 2",
                    "reload-on-as = 5",
                    "reload-on-rss = 6",
                    "reload-on-uss = 7",
                    "reload-on-pss = 8",
                    "evil-reload-on-as = 9",
                    "evil-reload-on-rss = 10",
                    "mem-collector-freq = 11",
                    "worker-reload-mercy = 12",
                ],
            );
        }),
    },
    Case {
        n: 88,
        golden: "w.set_reload_on_exception_params()",
        build: |s| {
            s.workers().set_reload_on_exception_params(wk::ReloadOnExceptionParams::new());
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 89,
        golden: "w.set_reload_on_exception_params(do_reload=True)",
        build: |s| {
            s.workers().set_reload_on_exception_params(wk::ReloadOnExceptionParams::new().do_reload(true));
        },
        expect: Expect::AfterAccess(&["workers = %k", "reload-on-exception = true"]),
    },
    Case {
        n: 90,
        golden: "w.set_reload_on_exception_params(do_reload=False)",
        build: |s| {
            s.workers().set_reload_on_exception_params(wk::ReloadOnExceptionParams::new().do_reload(false));
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 91,
        golden: "w.set_reload_on_exception_params(etype='RuntimeError')",
        build: |s| {
            s.workers().set_reload_on_exception_params(wk::ReloadOnExceptionParams::new().etype("RuntimeError"));
        },
        expect: Expect::AfterAccess(&["workers = %k", "reload-on-exception-type = RuntimeError"]),
    },
    Case {
        n: 92,
        golden: "w.set_reload_on_exception_params(etype='')",
        build: |s| {
            s.workers().set_reload_on_exception_params(wk::ReloadOnExceptionParams::new().etype(""));
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::EmptyValue],
            says: &["`etype` is empty"],
            why: "an empty exception type matches no exception: the line does nothing",
        },
    },
    Case {
        n: 93,
        golden: "w.set_reload_on_exception_params(evalue='Oops')",
        build: |s| {
            s.workers().set_reload_on_exception_params(wk::ReloadOnExceptionParams::new().evalue("Oops"));
        },
        expect: Expect::AfterAccess(&["workers = %k", "reload-on-exception-value = Oops"]),
    },
    Case {
        n: 94,
        golden: "w.set_reload_on_exception_params(evalue='with spaces')",
        build: |s| {
            s.workers().set_reload_on_exception_params(wk::ReloadOnExceptionParams::new().evalue("with spaces"));
        },
        expect: Expect::AfterAccess(&["workers = %k", "reload-on-exception-value = with spaces"]),
    },
    Case {
        n: 95,
        golden: "w.set_reload_on_exception_params(erepr='RuntimeError: Oops')",
        build: |s| {
            s.workers().set_reload_on_exception_params(wk::ReloadOnExceptionParams::new().erepr("RuntimeError: Oops"));
        },
        expect: Expect::AfterAccess(&["workers = %k", "reload-on-exception-repr = RuntimeError: Oops"]),
    },
    Case {
        n: 96,
        golden: "w.set_reload_on_exception_params(do_reload=True, etype='T', evalue='V', erepr='R')",
        build: |s| {
            s.workers().set_reload_on_exception_params(wk::ReloadOnExceptionParams::new().do_reload(true).etype("T").evalue("V").erepr("R"));
        },
        expect: Expect::AfterAccess(&["workers = %k", "reload-on-exception = true", "reload-on-exception-type = T", "reload-on-exception-value = V", "reload-on-exception-repr = R"]),
    },
    Case {
        n: 97,
        golden: "w.set_harakiri_params()",
        build: |s| {
            s.workers().set_harakiri_params(wk::HarakiriParams::new());
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 98,
        golden: "w.set_harakiri_params(timeout=0)",
        build: |s| {
            s.workers().set_harakiri_params(wk::HarakiriParams::new().timeout(0));
        },
        expect: Expect::AfterAccess(&["workers = %k", "harakiri = 0"]),
    },
    Case {
        n: 99,
        golden: "w.set_harakiri_params(timeout=30)",
        build: |s| {
            s.workers().set_harakiri_params(wk::HarakiriParams::new().timeout(30));
        },
        expect: Expect::AfterAccess(&["workers = %k", "harakiri = 30"]),
    },
    Case {
        n: 100,
        golden: "w.set_harakiri_params(verbose=True)",
        build: |s| {
            s.workers().set_harakiri_params(wk::HarakiriParams::new().verbose(true));
        },
        expect: Expect::AfterAccess(&["workers = %k", "harakiri-verbose = true"]),
    },
    Case {
        n: 101,
        golden: "w.set_harakiri_params(verbose=False)",
        build: |s| {
            s.workers().set_harakiri_params(wk::HarakiriParams::new().verbose(false));
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 102,
        golden: "w.set_harakiri_params(disable_for_arh=True)",
        build: |s| {
            s.workers().set_harakiri_params(wk::HarakiriParams::new().disable_for_arh(true));
        },
        expect: Expect::AfterAccess(&["workers = %k", "harakiri-no-arh = true"]),
    },
    Case {
        n: 103,
        golden: "w.set_harakiri_params(disable_for_arh=False)",
        build: |s| {
            s.workers().set_harakiri_params(wk::HarakiriParams::new().disable_for_arh(false));
        },
        expect: Expect::AfterAccess(&["workers = %k"]),
    },
    Case {
        n: 104,
        golden: "w.set_harakiri_params(timeout=30, verbose=True, disable_for_arh=True)",
        build: |s| {
            s.workers().set_harakiri_params(wk::HarakiriParams::new().timeout(30).verbose(true).disable_for_arh(true));
        },
        expect: Expect::AfterAccess(&["workers = %k", "harakiri = 30", "harakiri-verbose = true", "harakiri-no-arh = true"]),
    },
    Case {
        n: 105,
        golden: "w.set_zerg_server_params('/here/zerg.sock')",
        build: |s| {
            s.workers().set_zerg_server_params("/here/zerg.sock", wk::ZergServerParams::new());
        },
        expect: Expect::AfterAccess(&["workers = %k", "zerg-server = /here/zerg.sock"]),
    },
    Case {
        n: 106,
        golden: "w.set_zerg_server_params('/here/zerg.sock', clients_socket_pool='127.0.0.1:3031')",
        // uwsgi 2.0.21: rejected: zergpool (plugin needed: zergpool; the file has no plugin line for it; re-checked with --plugin zergpool) -> then accepted
        build: |s| {
            s.workers().set_zerg_server_params("/here/zerg.sock", wk::ZergServerParams::new().clients_socket_pool("127.0.0.1:3031"));
        },
        expect: Expect::Fixed {
            lines: &["plugin = zergpool", "zergpool = /here/zerg.sock:127.0.0.1:3031"],
            why: "`zergpool` comes from the zergpool plugin: uWSGI refuses uwsgiconf's line \
                  (strict) or ignores it until the plugin is loaded",
        },
    },
    Case {
        n: 107,
        golden: "w.set_zerg_server_params('/here/zerg.sock', clients_socket_pool=['127.0.0.1:3031', '127.0.0.1:3032'])",
        // uwsgi 2.0.21: rejected: zergpool (plugin needed: zergpool; the file has no plugin line for it; re-checked with --plugin zergpool) -> then accepted
        build: |s| {
            s.workers().set_zerg_server_params("/here/zerg.sock", wk::ZergServerParams::new().clients_socket_pool(["127.0.0.1:3031", "127.0.0.1:3032"]));
        },
        expect: Expect::Fixed {
            lines: &[
                "plugin = zergpool",
                "zergpool = /here/zerg.sock:127.0.0.1:3031,127.0.0.1:3032",
            ],
            why: "`zergpool` comes from the zergpool plugin: uWSGI refuses uwsgiconf's line \
                  (strict) or ignores it until the plugin is loaded",
        },
    },
    Case {
        n: 108,
        golden: "w.set_zerg_server_params('/here/zerg.sock', clients_socket_pool=[])",
        // note: empty pool -> zerg-server
        build: |s| {
            s.workers().set_zerg_server_params("/here/zerg.sock", wk::ZergServerParams::new().clients_socket_pool(Vec::<&str>::new()));
        },
        expect: Expect::AfterAccess(&["workers = %k", "zerg-server = /here/zerg.sock"]),
    },
    Case {
        n: 109,
        golden: "w.set_zerg_server_params('/z1'); w.set_zerg_server_params('/z2')",
        // note: zerg-server scalar
        build: |s| {
            s.workers().set_zerg_server_params("/z1", wk::ZergServerParams::new());
            s.workers().set_zerg_server_params("/z2", wk::ZergServerParams::new());
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::Conflict],
            says: &["`zerg-server` takes one value but was set to \"/z1\" and \"/z2\""],
            why: "uwsgiconf overwrites the zerg server silently; two typed calls giving two \
                  servers are ambiguous",
        },
    },
    Case {
        n: 110,
        golden: "w.set_zerg_client_params('/here/zerg.sock')",
        build: |s| {
            s.workers().set_zerg_client_params("/here/zerg.sock", wk::ZergClientParams::new());
        },
        expect: Expect::AfterAccess(&["workers = %k", "zerg = /here/zerg.sock"]),
    },
    Case {
        n: 111,
        golden: "w.set_zerg_client_params(['/z1', '/z2'])",
        build: |s| {
            s.workers().set_zerg_client_params(["/z1", "/z2"], wk::ZergClientParams::new());
        },
        expect: Expect::AfterAccess(&["workers = %k", "zerg = /z1", "zerg = /z2"]),
    },
    Case {
        n: 112,
        golden: "w.set_zerg_client_params('/here/zerg.sock', use_fallback_socket=True)",
        // note: fallback: also registers each server socket as a "socket" line
        build: |s| {
            s.workers().set_zerg_client_params("/here/zerg.sock", wk::ZergClientParams::new().use_fallback_socket(true));
        },
        expect: Expect::Fixed {
            lines: &["zerg = /here/zerg.sock", "zerg-fallback = true"],
            why: "uwsgiconf adds `socket = /here/zerg.sock`: uWSGI then deletes the zerg \
                  server's socket file and binds its own there (measured: the next zerg client \
                  gets \"invalid data received from zerg-server\"); the fallback is the \
                  instance's own sockets",
        },
    },
    Case {
        n: 113,
        golden: "w.set_zerg_client_params(['/z1', '/z2'], use_fallback_socket=False)",
        // note: False (not None): zerg-fallback deleted/absent but sockets still registered
        build: |s| {
            s.workers().set_zerg_client_params(["/z1", "/z2"], wk::ZergClientParams::new().use_fallback_socket(false));
        },
        expect: Expect::Fixed {
            lines: &["zerg = /z1", "zerg = /z2"],
            why: "uwsgiconf adds `socket = /z1` and `socket = /z2` even without the fallback: \
                  uWSGI binds its own sockets over the zerg servers' socket files",
        },
    },
    Case {
        n: 114,
        golden: "w.set_basic_params(count='abc')",
        // note: no validation
        build: |s| {
            s.set_option("workers", "abc");
        },
        expect: Expect::Refused {
            kinds: &[ProblemKind::InvalidValue],
            says: &["`workers` takes an integer"],
            why: "uWSGI reads `workers = abc` with atoi() as 0 workers",
        },
    },
];

#[test]
fn every_golden_case_is_accounted_for() {
    for (group, cases, total) in [
        ("master_process", MASTER_PROCESS, MASTER_PROCESS_CASES),
        ("workers", WORKERS, WORKERS_CASES),
    ] {
        let mut numbers: Vec<usize> = cases.iter().map(|c| c.n).collect();
        numbers.extend(UNPORTED.iter().filter(|u| u.0 == group).map(|u| u.1));
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=total).collect::<Vec<_>>(), "{group}");
    }
    for (group, n, golden, reason) in UNPORTED {
        assert!(
            !golden.is_empty() && reason.len() > 20,
            "unported {group} case #{n} needs a reason"
        );
    }
}

#[test]
fn golden_master_process() {
    run("master_process", MASTER_PROCESS);
}

#[test]
fn golden_workers() {
    run("workers", WORKERS);
}
