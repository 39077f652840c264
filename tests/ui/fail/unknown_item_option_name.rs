use uwsgiconf::uwsgi_config;

fn main() {
    // An item named like a uWSGI directive points at the item or option that writes it.
    let _section = uwsgi_config!(never_swap(true), processes(4),);
}
