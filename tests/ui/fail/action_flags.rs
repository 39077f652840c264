use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        hook(asap, file_write("/run/app/ready", "1", newlines = true)),
        hook(asap, execute("id", private = "yes")),
    );
}
