// (::uwsgiconf) hook(asap, [dir_create("/run/app"), printout("booting"), "mkdir:/tmp/x", more]),
        hook(PRIV_DROP_POST, file_write("/run/app/ready", "1", newline = true, private = true)),
        hook_touch("/srv/app/stop", exit()),
        hook(pre_app, mount("/proc", fs = "proc", src = "none", flags = ["ro"], private = quiet)),
        run_command_on_event("echo started", phase = pre_app)

fn expansion() {
    let _ = {
        let mut __uwsgiconf_section = ::uwsgiconf::Section::new();
        #[allow(unused_braces)]
        __uwsgiconf_section
            .main_process()
            .set_hook(
                ::uwsgiconf::Phase::ASAP,
                ::uwsgiconf::dsl::ActionList::new()
                    .action(::uwsgiconf::Action::dir_create("/run/app"))
                    .action(::uwsgiconf::Action::printout("booting"))
                    .action("mkdir:/tmp/x")
                    .actions({
                        #[allow(unused_imports)]
                        use ::uwsgiconf::dsl::{ViaIntoActions as _, ViaIterator as _};
                        (&::uwsgiconf::dsl::Runtime::new(more)).take_actions()
                    }),
            );
        #[allow(unused_braces)]
        __uwsgiconf_section
            .main_process()
            .set_hook(
                ::uwsgiconf::Phase::PRIV_DROP_POST,
                ::uwsgiconf::Action::file_write("/run/app/ready", "1")
                    .newline(true)
                    .private(),
            );
        #[allow(unused_braces)]
        __uwsgiconf_section
            .main_process()
            .set_hook_touch(
                "/srv/app/stop",
                ::uwsgiconf::Action::exit(::core::option::Option::<u8>::None),
            );
        #[allow(unused_braces)]
        __uwsgiconf_section
            .main_process()
            .set_hook(
                ::uwsgiconf::Phase::APP_LOAD_PRE,
                ::uwsgiconf::dsl::private(
                    ::uwsgiconf::Action::mount("/proc")
                        .fs("proc")
                        .src("none")
                        .flags([::uwsgiconf::Value::from("ro")]),
                    quiet,
                ),
            );
        #[allow(unused_braces)]
        __uwsgiconf_section
            .main_process()
            .run_command_on_event(
                "echo started",
                ::uwsgiconf::RunOnEventParams::new()
                    .phase(::uwsgiconf::Phase::APP_LOAD_PRE),
            );
        __uwsgiconf_section
    };
}
