use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        owner(uid = "www-data", gid = "www-data", drop_after = later),
        target("2.2"),
    );
}
