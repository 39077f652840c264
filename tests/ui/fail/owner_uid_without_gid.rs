use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(owner(uid = "www-data"), pid_file("/run/app.pid"),);
}
