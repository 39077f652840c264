use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        owner(uid = "www-data", gid = "www-data", add_gid = ["docker"]),
        memory(never_swap = true),
        basic(reload = "/srv/app/reload"),
    );
}
