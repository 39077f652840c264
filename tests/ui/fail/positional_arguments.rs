use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        pid_file(safe = true, "/run/app.pid"),
        change_dir("/srv/app", "/srv/other"),
    );
}
