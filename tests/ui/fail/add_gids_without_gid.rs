use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(owner(add_gids = ["docker", 1001]));
}
