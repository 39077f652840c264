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
                ::uwsgiconf::__private::ActionList::new()
                    .action(::uwsgiconf::Action::dir_create("/run/app"))
                    .action(::uwsgiconf::Action::printout("booting"))
                    .action("mkdir:/tmp/x")
                    .actions({
                        #[allow(unused_imports)]
                        use ::uwsgiconf::__private::{
                            ViaIntoActions as _, ViaIterator as _,
                        };
                        (&::uwsgiconf::__private::Runtime::new(more)).take_actions()
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
                ::uwsgiconf::__private::private(
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
        ::uwsgiconf::__private::label_calls(
            &mut __uwsgiconf_section,
            &[
                (
                    "hook",
                    ::core::concat!(
                        ::core::file!(), ":", ::core::line!(), ":", ::core::column!()
                    ),
                ),
                (
                    "hook",
                    ::core::concat!(
                        ::core::file!(), ":", ::core::line!(), ":", ::core::column!()
                    ),
                ),
                (
                    "hook_touch",
                    ::core::concat!(
                        ::core::file!(), ":", ::core::line!(), ":", ::core::column!()
                    ),
                ),
                (
                    "hook",
                    ::core::concat!(
                        ::core::file!(), ":", ::core::line!(), ":", ::core::column!()
                    ),
                ),
                (
                    "run_command_on_event",
                    ::core::concat!(
                        ::core::file!(), ":", ::core::line!(), ":", ::core::column!()
                    ),
                ),
            ],
        );
        __uwsgiconf_section
    };
}
