use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(option("never_swap", true), option("pidfil", "/run/app.pid"),);
}
