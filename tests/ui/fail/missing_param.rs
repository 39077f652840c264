use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        hook(asap),
        run_command_on_touch("echo touched"),
        hook(asap, file_write("/run/app/ready")),
    );
}
