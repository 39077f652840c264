// Every item of the master_process and workers groups, with every parameter the language
// takes, literal and at run time.
use uwsgiconf::{uwsgi_config, uwsgi_ini, ProblemKind};

const ALL: &str = uwsgi_ini!(
    master_process.basic(
        enable = true,
        name = "app master",
        no_orphans = true,
        as_root = true,
        subproc_check_interval = 2,
        fifo_file = ["/run/app/a.fifo", "/run/app/b.fifo"],
        allow_root = true,
    ),
    master_process.exit_events(idle = true, reload = true, sig_term = true),
    master_process.exception_handling(
        handler = ["log", "log:arg"],
        catch = true,
        no_write_exception = true,
    ),
    master_process.idle(timeout = 30, exit = true),
    master_process.reload(mercy = 10, exit = true),
    master_process.add_cron_task(
        "/srv/app/cleanup",
        weekday = 1,
        month = 2,
        day = 3,
        hour = -3,
        minute = 0,
        legion = "cluster",
        unique = true,
        harakiri = 60,
    ),
    master_process.attach_process_classic("memcached -p 11311", false, control = true),
    master_process.attach_process_classic(
        "/run/m.pid memcached -d -P /run/m.pid",
        true,
        for_legion = "cluster",
    ),
    master_process.attach_process(
        "memcached -U 0,1",
        broken_counter = 3,
        pidfile = "/run/m2.pid",
        control = true,
        daemonize = true,
        touch_reload = ["/srv/a", "/srv/b"],
        signal_stop = 15,
        signal_reload = 1,
        honour_stdin = true,
        uid = 1000,
        gid = 1000,
        new_pid_ns = true,
        change_dir = "/srv",
    ),
    workers.basic(
        count = 4,
        touch_reload = "/srv/app/workers",
        touch_chain_reload = ["/srv/app/chain"],
        zombie_reaper = true,
        limit_addr_space = 4096,
        limit_count = 100,
        cpu_affinity = 1,
    ),
    workers.run_command_as_worker("/srv/app/worker"),
    workers.thread(enable = true, count = 4, count_offload = 2, stack_size = 512, no_wait = true),
    workers.mules(
        mules = 2,
        touch_reload = "/srv/app/mules",
        harakiri_timeout = 30,
        reload_mercy = 10,
        msg_buffer = 65536,
    ),
    workers.reload(
        min_lifetime = 60,
        max_lifetime = 3600,
        max_requests = 1000,
        max_addr_space = 1024,
        max_rss = 256,
        max_addr_space_forced = 2048,
        max_rss_forced = 512,
        watch_interval_forced = 5,
        mercy = 30,
    ),
    workers.reload_on_exception(
        do_reload = true,
        etype = ["MemoryError", "OSError"],
        evalue = "boom",
        erepr = "OSError: boom",
    ),
    workers.harakiri(timeout = 30, verbose = true, disable_for_arh = true),
    workers.zerg_server("/run/zerg.sock"),
    workers.zerg_client(["/run/z1.sock", "/run/z2.sock"], use_fallback_socket = true),
);

fn main() {
    assert_eq!(
        ALL,
        "[uwsgi]\nmaster = true\nprocname-master = app master\nno-orphans = true\n\
         master-as-root = true\ncheck-interval = 2\nmaster-fifo = /run/app/a.fifo\n\
         master-fifo = /run/app/b.fifo\nexit-on-reload = true\ndie-on-term = true\n\
         die-on-idle = true\nexception-handler = log\nexception-handler = log:arg\n\
         catch-exceptions = true\ndisable-write-exception = true\nidle = 30\n\
         reload-mercy = 10\n\
         cron2 = week=1,month=2,day=3,hour=-3,minute=0,harakiri=60,legion=cluster,unique=1 /srv/app/cleanup\n\
         attach-control-daemon = memcached -p 11311\n\
         legion-smart-attach-daemon = cluster /run/m.pid memcached -d -P /run/m.pid\n\
         attach-daemon2 = cmd=memcached -U 0\\,1,freq=3,pidfile=/run/m2.pid,control=1,daemonize=1,\
         touch=/srv/a;/srv/b,stopsignal=15,reloadsignal=1,stdin=1,uid=1000,gid=1000,ns_pid=True,chdir=/srv\n\
         workers = 4\ntouch-workers-reload = /srv/app/workers\ntouch-chain-reload = /srv/app/chain\n\
         reaper = true\nlimit-as = 4096\nlimit-nproc = 100\ncpu-affinity = 1\n\
         worker-exec = /srv/app/worker\nenable-threads = true\nno-threads-wait = true\n\
         threads = 4\noffload-threads = 2\nprint = >   Threads per worker: 4\n\
         threads-stacksize = 512\nmules = 2\ntouch-mules-reload = /srv/app/mules\n\
         mule-harakiri = 30\nmule-reload-mercy = 10\nmule-msg-size = 65536\n\
         max-requests = 1000\nmin-worker-lifetime = 60\nmax-worker-lifetime = 3600\n\
         reload-on-as = 1024\nreload-on-rss = 256\nevil-reload-on-as = 2048\n\
         evil-reload-on-rss = 512\nmem-collector-freq = 5\nworker-reload-mercy = 30\n\
         reload-on-exception = true\nreload-on-exception-type = MemoryError\n\
         reload-on-exception-type = OSError\nreload-on-exception-value = boom\n\
         reload-on-exception-repr = OSError: boom\nharakiri = 30\nharakiri-verbose = true\n\
         harakiri-no-arh = true\nzerg-server = /run/zerg.sock\nzerg = /run/z1.sock\n\
         zerg = /run/z2.sock\nzerg-fallback = true\n"
    );

    // The other forms: counts, scripts, pools, the 2.1-only parameters.
    let other = uwsgi_config!(
        target("2.1"),
        master_process.exit_events(no_workers = true),
        workers.count_auto(0),
        workers.run_command_as_worker("/srv/app/worker", after_post_fork_hook = true),
        workers.mules(mules = ["/srv/a.py", "/srv/b.py"], msg_buffer_recv = 65536),
        workers.mules(mules = "/srv/c.py"),
        workers.reload(max_requests_delta = 10, max_uss = 128, max_pss = 64),
        workers.zerg_server("/run/pool.sock", clients_socket_pool = ["127.0.0.1:3031", "127.0.0.1:3032"]),
    );
    assert_eq!(
        other.to_ini().unwrap(),
        "[uwsgi]\ndie-on-no-workers = true\nworkers = %k\nworker-exec2 = /srv/app/worker\n\
         mule = /srv/a.py\nmule = /srv/b.py\nmule = /srv/c.py\nmule-msg-recv-size = 65536\n\
         max-requests-delta = 10\nreload-on-uss = 128\nreload-on-pss = 64\nplugin = zergpool\n\
         zergpool = /run/pool.sock:127.0.0.1:3031,127.0.0.1:3032\n"
    );

    // Run-time values, with the types the methods take, checked when rendering.
    let workers: u32 = 8;
    let minute: i32 = 75;
    let sockets = vec!["/run/z1.sock".to_string()];
    let section = uwsgi_config!(
        workers.count_auto(workers),
        workers.mules(mules = workers / 4),
        workers.zerg_client(sockets.clone(), use_fallback_socket = !sockets.is_empty()),
        master_process.add_cron_task(format!("/bin/echo {workers}"), minute = minute),
    );
    let problems = section.to_ini().unwrap_err().into_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind(), ProblemKind::InvalidValue);
    assert_eq!(problems[0].origin(), "master_process.add_cron_task");
    assert_eq!(problems[0].value(), Some("75"));
}
