use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        hook(JAIL_PER, printout("jail")),
        hook(pre_jial, printout("jail")),
        run_command_on_event("date", phase = master_strat),
    );
}
