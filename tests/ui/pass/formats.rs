use uwsgiconf::{uwsgi_config, uwsgi_ini, uwsgi_render};

// Rendered while compiling, in each file format.
const INI: &str = uwsgi_ini!(option("procname", "app"));
const JSON: &str = uwsgi_render!(json; option("procname", "two\nlines"));
const YAML: &str = uwsgi_render!(yaml; option("procname", "  lead"));
const XML: &str = uwsgi_render!(xml; option("procname", "a & b"));

fn main() {
    let section = uwsgi_config!(option("procname", "app"));
    assert_eq!(INI, section.to_ini().unwrap());
    // A section for JSON may hold a line break, which INI cannot carry.
    let json = uwsgi_config!(for json; option("procname", "two\nlines"));
    assert_eq!(JSON, json.to_json().unwrap());
    let yaml = uwsgi_config!(for yaml; option("procname", "  lead"));
    assert_eq!(YAML, yaml.to_yaml().unwrap());
    let xml = uwsgi_config!(for xml, ini; option("procname", "a & b"));
    assert_eq!(XML, xml.to_xml().unwrap());
    env();
}

// Environment variables, as (name, value) pairs.
const ENV: &[(&str, &str)] = uwsgi_render!(env; option("procname", "two\nlines"), option("vacuum", true));

fn env() {
    let section = uwsgi_config!(for env; option("procname", "two\nlines"), option("vacuum", true));
    let pairs: Vec<(String, String)> = section.to_env().unwrap();
    let expected: Vec<(String, String)> = ENV
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    assert_eq!(pairs, expected);
}
