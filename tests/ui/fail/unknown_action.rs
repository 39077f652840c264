use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        hook(asap, dir_craete("/run/app")),
        hook(asap, [printout("ok"), mkdir("/run/app")]),
    );
}
