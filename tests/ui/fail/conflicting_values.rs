use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        option("processes", 4),
        option("processes", 8),
        change_dir("/srv/a"),
        option("chdir", "/srv/b"),
    );
}
