//! The data of a `mount` hook (the fifth word, the file system's own options) reaches
//! `mount(2)` in the real uWSGI: a tmpfs mounted with `size=1m` has 1 MiB, as a later hook
//! reads from `/proc/self/mountinfo` and `statfs` (`stat -f`). Typed, raw and macro forms, in
//! INI and on the command line, inside a private mount namespace (`unshare`, which needs
//! root).

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;

use support::notice;
use uwsgiconf::{uwsgi_config, Action, Phase, Section};

fn s(path: &Path) -> String {
    path.to_str().expect("UTF-8 temp dir").to_string()
}

/// Mounts a tmpfs on `mnt` with the given action, records what the kernel made of it in
/// `<tag>.mountinfo` and `<tag>.statfs`, and unmounts it.
fn mount_and_record(mnt: &str, out: &Path, tag: &str, mount: Action) -> Vec<Action> {
    let file = |ext: &str| s(&out.join(format!("{tag}.{ext}")));
    vec![
        mount,
        Action::execute(format!(
            "grep ' {mnt} ' /proc/self/mountinfo > {}",
            file("mountinfo")
        )),
        // Total blocks times block size: the file system's size.
        Action::execute(format!("stat -f -c '%b %S' {mnt} > {}", file("statfs"))),
        Action::mount(mnt).into(),
    ]
}

#[test]
fn mount_data_reaches_the_kernel() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let unshare = ["unshare", "--mount", "--propagation", "private"];
    let usable = support::is_root()
        && support::on_path("unshare").is_some_and(|bin| {
            Command::new(bin)
                .args(&unshare[1..])
                .arg("true")
                .status()
                .is_ok_and(|s| s.success())
        });
    if !usable {
        notice("NOTICE: not root or no usable `unshare`: mount data was not checked on uWSGI");
        return;
    }
    let dir = support::temp_dir();
    let mnt = s(&dir.path().join("mnt"));
    fs::create_dir(&mnt).unwrap();
    let tmpfs = || Action::mount(&mnt).fs("tmpfs").src("none");

    // (tag, action, expected size in KiB, expected mount flags)
    let cases: Vec<(&str, Action, u64, &str)> = vec![
        (
            "typed",
            tmpfs().flags(["nodev", "nosuid"]).data("size=1m").into(),
            1024,
            "rw,nosuid,nodev",
        ),
        (
            "no_flags",
            tmpfs().data("size=2m,mode=711").into(),
            2048,
            "rw,",
        ),
        (
            "raw",
            Action::parse(&format!("mount:tmpfs none {mnt} nodev size=3m")),
            3072,
            "rw,nodev",
        ),
    ];
    let from_macro = uwsgi_config!(hook(
        asap,
        mount(
            mnt.as_str(),
            fs = "tmpfs",
            src = "none",
            flags = "nosuid",
            data = "size=4m"
        )
    ));
    let macro_action = match from_macro.to_ini() {
        Ok(ini) => {
            let line = ini.lines().nth(1).expect("one hook");
            let expected = format!("hook-asap = mount:tmpfs none {mnt} nosuid size=4m");
            assert_eq!(line, expected, "{ini}");
            Action::parse(line.trim_start_matches("hook-asap = "))
        }
        Err(error) => panic!("{error}"),
    };

    let mut hooks = Vec::new();
    let mut expected = Vec::new();
    for (tag, action, kib, flags) in
        cases
            .into_iter()
            .chain([("macro", macro_action, 4096, "rw,nosuid")])
    {
        hooks.extend(mount_and_record(&mnt, dir.path(), tag, action));
        expected.push((tag, kib, flags));
    }
    hooks.push(Action::exit(7));
    let mut section = Section::new();
    section.set_strict(true);
    section.main_process().set_hook(Phase::ASAP, hooks);

    for form in ["INI", "args"] {
        let args = if form == "INI" {
            let file = dir.path().join("mount.ini");
            fs::write(&file, section.to_ini().expect("renders")).unwrap();
            vec!["--ini".to_string(), s(&file)]
        } else {
            section.to_args().expect("renders")
        };
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
        for (tag, kib, flags) in &expected {
            let read = |ext: &str| {
                let path = dir.path().join(format!("{tag}.{ext}"));
                let text = fs::read_to_string(&path).unwrap_or_default();
                let _ = fs::remove_file(&path);
                text
            };
            let mountinfo = read("mountinfo");
            assert!(
                mountinfo.contains(&format!(" {mnt} {flags}"))
                    && mountinfo.contains(&format!(" - tmpfs none rw,size={kib}k")),
                "{form} {tag}: {mountinfo:?}"
            );
            let statfs = read("statfs");
            let numbers: Vec<u64> = statfs
                .split_whitespace()
                .map(|n| n.parse().expect("a number"))
                .collect();
            assert_eq!(
                numbers.iter().product::<u64>(),
                kib * 1024,
                "{form} {tag}: {statfs:?}"
            );
        }
    }
}
