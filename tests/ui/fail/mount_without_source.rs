use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        hook(pre_jail, mount("/proc", fs = "proc")),
        hook(
            pre_jail,
            mount(
                "/tmp",
                fs = "tmpfs",
                src = "none",
                flags = ["nodev", "lazy"]
            )
        ),
    );
}
