use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(hook("asap", printout("quoted")));
}
