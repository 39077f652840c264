use uwsgiconf::uwsgi_config;

fn main() {
    // uWSGI splits these at the first space.
    let _section = uwsgi_config!(
        hook_touch("/srv/my app/stop", exit(0)),
        run_command_on_touch("echo touched", target = "/srv/my app/touch"),
        hook(asap, chown("/srv/my app", "www-data", "www-data")),
    );
}
