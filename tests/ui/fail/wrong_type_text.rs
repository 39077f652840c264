use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        change_dir(["/srv/a", "/srv/b"]),
        daemonize(true),
        owner(uid = true, gid = "www-data"),
    );
}
