use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        hook(asap, call("not-a-symbol arg")),
        hook(asap, call("my_init three", arg_int = true)),
        hook(asap, putenv("A=B", "c")),
        hook(asap, unix_signal(10, "my-handler")),
        hook(asap, exit(300)),
    );
}
