use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(
        hook_after_request("print:done"),
        hook_after_request(["ok_symbol", "2fast"]),
    );
}
