use uwsgiconf::{uwsgi_config, DropAfter, Phase};

fn main() {
    // Where a lone name is read as a phase (or init/apps), a variable needs braces.
    let ph = Phase::ASAP;
    let when = DropAfter::Init;
    let _section = uwsgi_config!(
        hook(ph, exit()),
        owner(uid = "www-data", gid = "www-data", drop_after = when),
    );
}
