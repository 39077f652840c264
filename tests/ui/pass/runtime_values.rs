// Values that are not literals are evaluated at run time, with the types the methods take,
// and checked when the section is rendered.
use uwsgiconf::{uwsgi_config, Action, DropAfter, Phase, ProblemKind, Target, Value};

fn user() -> String {
    "www-data".to_string()
}

fn main() {
    let dir = std::path::PathBuf::from("/srv/app");
    let phase = Phase::PostApp;
    let quiet = true;
    let workers = 4;
    let reloads = vec!["/srv/app/a", "/srv/app/b"];
    let extra = vec![Action::printout("extra")];
    let names = ["one", "two"];
    let section = uwsgi_config!(
        owner(uid = user(), gid = user(), drop_after = DropAfter::Apps),
        change_dir(&dir),
        basic(touch_reload = reloads.clone(), priority = workers - 10),
        naming(prefix = Value::env("NAME") + "-"),
        hook(
            { phase },
            [
                printout("literal"),
                extra,
                execute(format!("echo {workers}"))
            ]
        ),
        hook(
            Phase::ASAP,
            names.iter().map(|name| Action::printout(*name))
        ),
        hook(pre_app, execute("secret", private = quiet)),
        hook(as_vassal_before_drop, printout("2.1 only")),
        option("processes", workers),
        option("env", concat!("A", "=1")),
        target({ Target::V2_1 }),
    );
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nuid = www-data\ngid = www-data\ndrop-after-apps = true\nchdir = /srv/app\n\
         touch-reload = /srv/app/a\ntouch-reload = /srv/app/b\nprio = -6\n\
         procname-prefix = $(NAME)-\nhook-post-app = print:literal\nhook-post-app = print:extra\n\
         hook-post-app = exec:echo 4\nhook-asap = print:one\nhook-asap = print:two\n\
         hook-pre-app = !exec:secret\nhook-as-vassal-before-drop = print:2.1 only\n\
         processes = 4\nenv = A=1\n"
    );

    // Run-time values are checked when rendering.
    let root = "root";
    let section = uwsgi_config!(owner(uid = root, gid = "www-data"));
    let problems = section.to_ini().unwrap_err().into_problems();
    assert_eq!(problems[0].kind(), ProblemKind::RunsAsRoot);
    assert_eq!(problems[0].call(), Some(0));

    // A lone name is a phase name; a run-time phase is any other expression.
    let late = Phase::MasterStart;
    let section = uwsgi_config!(
        pid_file("/run/app.pid"),
        run_command_on_event("date", phase = { late })
    );
    let problems = section.to_ini().unwrap_err().into_problems();
    assert_eq!(problems[0].kind(), ProblemKind::NoExecForm);
    assert_eq!(problems[0].call(), Some(1));
}
