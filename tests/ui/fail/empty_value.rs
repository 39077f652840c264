use uwsgiconf::uwsgi_config;

fn main() {
    let _section = uwsgi_config!(change_dir(""), pid_file(""),);
}
