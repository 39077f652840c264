use uwsgiconf::uwsgi_config;

fn main() {
    // Parameters of the master_process and workers items: an unknown name (found through the
    // directive it means), a string where uWSGI reads a number, a negative count, a missing
    // required argument, a boolean as text.
    let _section = uwsgi_config!(
        workers.basic(workers = 4),
        workers.harakiri(timout = 30),
        master_process.attach_process("memcached", uid = "www-data", gid = 1000),
        workers.thread(count = -1),
        master_process.attach_process_classic("memcached -p 11311"),
        master_process.basic(enable = "yes"),
    );
}
