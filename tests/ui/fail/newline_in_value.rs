use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        change_dir("/srv\napp"),
        hook(asap, printout("two\nlines")),
        naming(name = "app\n"),
        hook(pre_app, [printout("ok"), printout("100%\ndone")]),
    );
}
