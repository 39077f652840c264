use uwsgiconf::uwsgi_config;

fn main() {
    // Items of the master_process and workers groups: a typo, uwsgiconf's method name, an
    // item of another group written without its group, and a name no group has.
    let _section = uwsgi_config!(
        workers.harakri(timeout = 30),
        master_process.set_basic_params(enable = true),
        workers.set_count_auto(4),
        harakiri(timeout = 30),
        master_process.threads(count = 4),
    );
}
