use uwsgiconf::uwsgi_config;

fn main() {
    // Every mistake of one invocation is reported, and nothing follows from them: the
    // macro still evaluates to a Section.
    let section = uwsgi_config!(
        owner(uid = "www-data"),
        hook(JAIL_PER, execute("echo jail")),
        basic(vacuum = "yes"),
        option("never_swap", true),
        hook(asap, chmod("/run/app", "75")),
    );
    let _ini: Result<String, uwsgiconf::Error> = section.to_ini();
}
