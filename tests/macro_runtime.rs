//! What `uwsgi_config!` leaves to run time: problems that only show when a section built from
//! run-time values is rendered name the item as written and where it is (`file:line:col`),
//! in the order of the items; and the support the expansion uses at run time is hidden and
//! never panics.

use uwsgiconf::dsl::{self, ActionSpec, BoundAction, BoundItem, ItemSpec, Receiver};
use uwsgiconf::{uwsgi_config, Action, Config, ProblemKind, Section};

/// `file:line:col` of the first occurrence of `needle` in this file (ASCII only, so a column
/// counts bytes and characters alike).
fn place(needle: &str) -> String {
    let source = include_str!("macro_runtime.rs");
    let offset = source.find(needle).expect("the needle is in this file");
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let column = offset - before.rfind('\n').map_or(0, |newline| newline + 1) + 1;
    format!("{}:{line}:{column}", file!())
}

#[test]
fn runtime_problems_name_the_item_and_where_it_is_in_order() {
    let runtime_dir = String::from("/srv/app\nvacuum = true");
    let runtime_user = String::from("www-data");
    let (first_name, second_name) = (String::from("app-a"), String::from("app-b"));
    let section = uwsgi_config!(
        change_dir(runtime_dir.as_str()),
        owner(uid = runtime_user.as_str()),
        option("procname", first_name.as_str()),
        option("procname", second_name.as_str()),
    );
    // The needles are split so that they are not found here, before the invocation.
    let change_dir = place(concat!("change_dir", "(runtime_dir"));
    let owner = place(concat!("owner", "(uid = runtime_user"));
    let second_option = place(concat!("option", "(\"procname\", second_name"));

    let error = section.to_ini().unwrap_err();
    let found: Vec<(ProblemKind, &str, Option<&str>)> = error
        .problems()
        .iter()
        .map(|p| (p.kind(), p.origin(), p.location()))
        .collect();
    assert_eq!(
        found,
        [
            (
                ProblemKind::Unrepresentable,
                "change_dir",
                Some(change_dir.as_str())
            ),
            (ProblemKind::UidWithoutGid, "owner", Some(owner.as_str())),
            (
                ProblemKind::Conflict,
                "option",
                Some(second_option.as_str())
            ),
        ],
        "{error}"
    );
    // Fixes are said in the macro's words.
    assert_eq!(error.problems()[2].fix(), Some("set it once"));
    assert!(
        error.to_string().contains(&format!(
            "\n  - {owner}: owner: \"www-data\": uid without gid: uWSGI would keep the root group"
        )),
        "{error}"
    );

    // The command line carries the line break; the other problems are the same.
    let error = section.to_args().unwrap_err();
    let origins: Vec<&str> = error.problems().iter().map(|p| p.origin()).collect();
    assert_eq!(origins, ["owner", "option"]);
    assert_eq!(error.problems()[0].location(), Some(owner.as_str()));

    // In a configuration too.
    let error = Config::from(section).to_ini().unwrap_err();
    assert_eq!(error.problems()[0].location(), Some(change_dir.as_str()));
}

/// A section of literal values is built from data recorded while compiling (no typed calls
/// at run time), and still names the items and where they are: here a problem that only
/// shows once the section is changed by hand after the macro.
#[test]
fn literal_sections_name_the_item_and_where_it_is() {
    let mut literal = uwsgi_config!(
        target("2.1"),
        option("procname", "a"),
        master_process.exit_events(no_workers = true),
    );
    let procname = String::from("a");
    let mut runtime = uwsgi_config!(
        target("2.1"),
        option("procname", procname.as_str()),
        master_process.exit_events(no_workers = true),
    );
    assert_eq!(literal, runtime);
    let literal_place = place(concat!(
        "exit_events",
        "(no_workers = true),\n    );\n    let procname"
    ));
    let runtime_place = place(concat!(
        "exit_events",
        "(no_workers = true),\n    );\n    assert_eq"
    ));
    for (section, place) in [(&mut literal, literal_place), (&mut runtime, runtime_place)] {
        section.set_target(uwsgiconf::Target::V2_0);
        let error = section.to_ini().unwrap_err();
        let problem = &error.problems()[0];
        assert_eq!(problem.kind(), ProblemKind::UnavailableOption, "{error}");
        assert_eq!(problem.origin(), "master_process.exit_events");
        assert_eq!(problem.location(), Some(place.as_str()));
    }
}

#[test]
fn labels_leave_the_configuration_as_it_is() {
    let user = "www-data";
    let from_macro = uwsgi_config!(owner(uid = user, gid = user), option("master", true));
    let mut by_hand = Section::new();
    by_hand
        .main_process()
        .set_owner_params(uwsgiconf::OwnerParams::new().uid(user).gid(user));
    by_hand.add_option("master", true);
    assert_eq!(from_macro, by_hand);
    assert_eq!(from_macro.to_ini().unwrap(), by_hand.to_ini().unwrap());
    // Calls made by hand after the macro's keep the core's names.
    let mut more = from_macro.clone();
    more.set_option("never_swap", true);
    let error = more.to_ini().unwrap_err();
    assert_eq!(error.problems()[0].origin(), "set_option");
    assert_eq!(error.problems()[0].location(), None);
}

/// Item 12 of issue 7: the run-time support of the expansion was public (`uwsgiconf::dsl`),
/// and taking a `Runtime` twice panicked.
#[test]
#[allow(clippy::needless_borrow)] // `(&held)` is the form the expansion uses
fn runtime_support_is_hidden_and_never_panics() {
    use uwsgiconf::__private::{Runtime, ViaIntoActions as _, ViaIterator as _};

    let held = Runtime::new(vec![Action::exit(0)]);
    assert_eq!((&held).take_actions(), [Action::exit(0)]);
    assert!((&held).take_actions().is_empty());
    let iterator = Runtime::new(["a", "b"].into_iter().map(Action::printout));
    assert_eq!((&iterator).take_actions().len(), 2);
    assert!((&iterator).take_actions().is_empty());
}

/// Item 12 of issue 7: `dsl::apply` and `dsl::build_action` with a hand-made spec panicked
/// (they dispatched on the name). A row now carries the call it makes, so a hand-made row
/// runs its own.
#[test]
fn the_public_grammar_api_never_panics() {
    static ITEM: ItemSpec = ItemSpec {
        name: "set_owner_params",
        receiver: Receiver::Group("main_process"),
        method: "set_owner_params",
        params_type: None,
        params: &[],
        doc: "",
        apply: |section, _| {
            section.set_option("vacuum", true);
        },
    };
    static ACTION: ActionSpec = ActionSpec {
        name: "mkdri",
        uwsgi: &[],
        params: &[],
        build: |_| Action::dir_create("/run/app"),
    };
    let item = dsl::Item {
        group: None,
        name: "set_owner_params".into(),
        at: 0,
        args: Vec::new(),
    };
    let mut section = Section::new();
    dsl::apply(
        &mut section,
        &BoundItem {
            item: &item,
            spec: &ITEM,
            args: Vec::new(),
            actions: Vec::new(),
        },
    );
    assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nvacuum = true\n");

    let written = dsl::ActionCall {
        name: "mkdri".into(),
        at: 0,
        args: Vec::new(),
    };
    let action = dsl::build_action(&BoundAction {
        call: &written,
        spec: &ACTION,
        args: Vec::new(),
    });
    assert_eq!(action.to_string(), "mkdir:/run/app");

    // The tables that document the language are still public.
    assert!(dsl::item(None, "owner").is_some());
    assert!(dsl::action("mount").is_some_and(|spec| spec.param("data").is_some()));
}
