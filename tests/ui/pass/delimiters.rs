// ( ), [ ] and { } delimit the invocation and the items; trailing commas are fine.
use uwsgiconf::{uwsgi_config, uwsgi_ini};

const PARENS: &str = uwsgi_ini!(pid_file("/run/app.pid"), change_dir("/srv/app"),);
const BRACKETS: &str = uwsgi_ini![pid_file["/run/app.pid"], change_dir["/srv/app"]];
const BRACES: &str = uwsgi_ini! {
    pid_file { "/run/app.pid" },
    change_dir { "/srv/app" }
};

fn main() {
    assert_eq!(
        PARENS,
        "[uwsgi]\npidfile = /run/app.pid\nchdir = /srv/app\n"
    );
    assert_eq!(PARENS, BRACKETS);
    assert_eq!(PARENS, BRACES);
    let section = uwsgi_config! {
        owner { uid = "www-data", gid = "www-data" },
        hook[asap, [printout("a"), printout("b"),],],
    };
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nuid = www-data\ngid = www-data\nhook-asap = print:a\nhook-asap = print:b\n"
    );
}
