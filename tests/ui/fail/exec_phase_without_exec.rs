use uwsgiconf::uwsgi_config;

fn main() {
    // Only eleven phases have an exec- form.
    let _section = uwsgi_config!(
        run_command_on_event("echo started", phase = master_start),
        run_command_on_event("echo forked", phase = POST_FORK),
    );
}
