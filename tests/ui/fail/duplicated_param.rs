use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        owner(uid = "www-data", gid = "www-data", uid = "nobody"),
        pid_file("/run/app.pid", fpath = "/run/other.pid"),
    );
}
