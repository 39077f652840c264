// (::uwsgiconf) change_dir(env!("APP_DIR"), after_app_loading = late),
        option("master", true), option("processes", workers()), target("2.1"),
        hook(Phase::ASAP, actions.iter().map(|a| Action::printout(a)))

fn expansion() {
    let _ = {
        let mut __uwsgiconf_section = ::uwsgiconf::Section::new();
        #[allow(unused_braces)]
        __uwsgiconf_section
            .main_process()
            .change_dir(
                env!("APP_DIR"),
                ::uwsgiconf::ChangeDirParams::new().after_app_loading(late),
            );
        #[allow(unused_braces)] __uwsgiconf_section.add_option("master", true);
        #[allow(unused_braces)] __uwsgiconf_section.add_option("processes", workers());
        #[allow(unused_braces)]
        __uwsgiconf_section.set_target(::uwsgiconf::Target::V2_1);
        #[allow(unused_braces)]
        __uwsgiconf_section
            .main_process()
            .set_hook(
                Phase::ASAP,
                {
                    #[allow(unused_imports)]
                    use ::uwsgiconf::__private::{ViaIntoActions as _, ViaIterator as _};
                    (&::uwsgiconf::__private::Runtime::new(
                        actions.iter().map(|a| Action::printout(a)),
                    ))
                        .take_actions()
                },
            );
        ::uwsgiconf::__private::label_calls(
            &mut __uwsgiconf_section,
            &[
                (
                    "change_dir",
                    ::core::concat!(
                        ::core::file!(), ":", ::core::line!(), ":", ::core::column!()
                    ),
                ),
                (
                    "option",
                    ::core::concat!(
                        ::core::file!(), ":", ::core::line!(), ":", ::core::column!()
                    ),
                ),
                (
                    "option",
                    ::core::concat!(
                        ::core::file!(), ":", ::core::line!(), ":", ::core::column!()
                    ),
                ),
                (
                    "target",
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
            ],
        );
        __uwsgiconf_section
    };
}
