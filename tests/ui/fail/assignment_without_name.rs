use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(owner(= "www-data"), memory("x"));
}
