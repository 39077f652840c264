// (::uwsgiconf) pid_file("/run/app.pid"), hook(asap, execute("echo 100%"))

fn expansion() {
    let _ = "[uwsgi]\npidfile = /run/app.pid\nhook-asap = exec:echo 100%%\n";
}
