use uwsgiconf::{uwsgi_config, uwsgi_render};

fn main() {
    // A line break: fine for JSON, refused as soon as the section is also for INI.
    let _ = uwsgi_config!(for json, ini; option("procname", "two\nlines"));
    // A format that does not exist, with its did-you-mean.
    let _ = uwsgi_config!(for jsno; option("procname", "app"));
    // uwsgi_render! needs its format.
    const _TEXT: &str = uwsgi_render!(option("procname", "app"));
    // XML cannot hold most control characters.
    const _XML: &str = uwsgi_render!(xml; option("procname", "bell\u{7}"));
}
