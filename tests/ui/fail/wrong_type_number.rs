use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        basic(priority = "5"),
        memory(ksm_interval = -1),
        basic(priority = 1.5),
    );
}
