use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        hook(asap, chmod("/run/app", "75")),
        hook(asap, chmod("/run/app", 0o4755)),
        hook(asap, chmod("/run/app", "0o755")),
    );
}
