// A literal that holds the text the macros once used to stand in for run-time values is an
// ordinary literal: its problems are compile errors, and uwsgi_ini! never expands to "".
use uwsgiconf::{uwsgi_config, uwsgi_ini};

const INI: &str = uwsgi_ini!(pid_file("/run/uwsgiconf-runtime-value\nvacuum = true"));

fn main() {
    let _ = INI;
    let app_dir = String::from("/srv/app");
    let _section = uwsgi_config!(
        change_dir(app_dir.as_str()),
        owner(uid = "uwsgiconf-runtime-value"),
    );
}
