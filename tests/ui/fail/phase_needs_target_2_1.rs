use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        hook(as_vassal_before_drop, printout("vassal")),
        hook(VASSAL_START_PRE, printout("vassal")),
    );
}
