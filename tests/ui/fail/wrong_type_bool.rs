use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(basic(vacuum = "yes"), pid_file("/run/app.pid", safe = 1),);
}
