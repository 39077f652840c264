// (::uwsgiconf) owner(uid = "root"), bogus(1)

fn expansion() {
    let _ = {
        ::core::compile_error! {
            "uid without gid: uWSGI would keep the root group\n= help: set gid too"
        }
        ::core::compile_error! {
            "running uWSGI with root as its user is unsafe\n= help: use an unprivileged id, or say allow_root = true"
        }
        ::core::compile_error! {
            "unknown item `bogus`\n= help: the items are basic, memory, daemonize, change_dir, owner, hook, hook_touch, hook_after_request, on_exit, run_command_on_event, run_command_on_touch, pid_file, naming, option(\"name\", value) and target(\"2.1\")"
        }
        ::uwsgiconf::Section::new()
    };
}
