use uwsgiconf::{uwsgi_config, uwsgi_ini, Section};

const EMPTY: &str = uwsgi_ini!();

fn main() {
    assert_eq!(EMPTY, "[uwsgi]\n");
    let section: Section = uwsgi_config!();
    assert_eq!(section, Section::new());
}
