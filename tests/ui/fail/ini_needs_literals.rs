use uwsgiconf::uwsgi_ini;

const DIR: &str = "/srv/app";

fn main_dir() -> &'static str {
    DIR
}

const INI: &str = uwsgi_ini!(
    change_dir(DIR),
    pid_file(env!("CARGO_PKG_NAME")),
    hook(asap, [printout("ok"), { vec![] }]),
    basic(priority = main_dir().len() as i32),
);

fn main() {
    let _ = INI;
}
