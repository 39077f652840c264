use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(owner(uid = 0, gid = 0, allow_root = true));
}
