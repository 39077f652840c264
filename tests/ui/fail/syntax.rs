use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        owner,
        ,
        pid_file("/run/app.pid") change_dir("/srv/app"),
        basic(vacuum = ),
        hook(asap, [printout("a"),, printout("b")]),
    );
}
