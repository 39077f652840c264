use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(option("ienv", "A=1"));
}
