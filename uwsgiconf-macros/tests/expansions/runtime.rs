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
                    use ::uwsgiconf::dsl::{ViaIntoActions as _, ViaIterator as _};
                    (&::uwsgiconf::dsl::Runtime::new(
                        actions.iter().map(|a| Action::printout(a)),
                    ))
                        .take_actions()
                },
            );
        __uwsgiconf_section
    };
}
