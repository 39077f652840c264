use uwsgiconf::uwsgi_config;

fn main() {
    // Values the core refuses, found while compiling and put on the token that holds them.
    let _section = uwsgi_config!(
        // 2.1-only options under the default 2.0 target.
        master_process.exit_events(sig_term = true, no_workers = true),
        workers.reload(max_requests = 1000, max_uss = 128),
        // master-as-root without allow_root.
        master_process.basic(enable = true, as_root = true),
        // A cron minute and weekday that never match.
        master_process.add_cron_task("/bin/true", hour = 3, minute = 60),
        master_process.add_cron_task("/bin/true", weekday = 8),
        // A daemon uid without a gid, and a program with arguments as a worker.
        master_process.attach_process("memcached", uid = 1000),
        workers.run_command_as_worker("echo 100%"),
    );
}
