//! Expansion snapshots: what representative invocations expand to, pretty-printed.
//!
//! Refresh with `UPDATE_EXPECT=1 cargo test -p uwsgiconf-macros`, then read the diff.

use expect_test::{expect_file, ExpectFile};

use crate::validate::Mode;

fn pretty(input: &str, mode: Mode) -> String {
    let tokens: proc_macro2::TokenStream = input.parse().unwrap();
    let expanded = crate::run(tokens, mode);
    let file: syn3::File = syn3::parse_quote! {
        fn expansion() {
            let _ = #expanded;
        }
    };
    prettyplease::unparse(&file)
}

fn check(input: &str, mode: Mode, expected: ExpectFile) {
    expected.assert_eq(&format!("// {input}\n\n{}", pretty(input, mode)));
}

#[test]
fn owner_and_params_structs() {
    check(
        r#"(::uwsgiconf) owner(uid = "www-data", gid = "www-data", add_gids = ["docker", 1001]),
        pid_file("/run/app/app.pid", before_priv_drop = false, safe = true),
        basic(touch_reload = ["/srv/app/reload"], priority = -5, vacuum = true)"#,
        Mode::Config,
        expect_file!["../tests/expansions/owner_and_params.rs"],
    );
}

#[test]
fn hooks_and_actions() {
    check(
        r#"(::uwsgiconf) hook(asap, [dir_create("/run/app"), printout("booting"), "mkdir:/tmp/x", more]),
        hook(PRIV_DROP_POST, file_write("/run/app/ready", "1", newline = true, private = true)),
        hook_touch("/srv/app/stop", exit()),
        hook(pre_app, mount("/proc", fs = "proc", src = "none", flags = ["ro"], private = quiet)),
        run_command_on_event("echo started", phase = pre_app)"#,
        Mode::Config,
        expect_file!["../tests/expansions/hooks.rs"],
    );
}

#[test]
fn runtime_values_and_options() {
    check(
        r#"(::uwsgiconf) change_dir(env!("APP_DIR"), after_app_loading = late),
        option("master", true), option("processes", workers()), target("2.1"),
        hook(Phase::ASAP, actions.iter().map(|a| Action::printout(a)))"#,
        Mode::Config,
        expect_file!["../tests/expansions/runtime.rs"],
    );
}

#[test]
fn ini_is_a_literal() {
    check(
        r#"(::uwsgiconf) pid_file("/run/app.pid"), hook(asap, execute("echo 100%"))"#,
        Mode::Ini,
        expect_file!["../tests/expansions/ini.rs"],
    );
}

#[test]
fn errors_expand_to_a_value() {
    check(
        r#"(::uwsgiconf) owner(uid = "root"), bogus(1)"#,
        Mode::Config,
        expect_file!["../tests/expansions/errors.rs"],
    );
}

/// Odd and broken input is reported, never a panic.
#[test]
fn never_panics() {
    let inputs = [
        "",
        "()",
        "owner(uid = 1)",
        "(x)",
        "(x) ,",
        "(x) ,,",
        "(x) a",
        "(x) a()",
        "(x) 1(2)",
        "(x) hook()",
        "(x) hook(,)",
        "(x) hook(asap, [[]])",
        "(x) hook(asap, [exit(), [exit()]])",
        "(x) hook(asap, exit(1, 2))",
        "(x) hook(asap, exit(-1))",
        "(x) hook(asap, mount())",
        "(x) hook(asap, call = 1)",
        "(x) hook(asap, private = true)",
        "(x) hook(r#asap, exit())",
        "(x) hook(asap, chown2(\"/x\", -1, 99999999999999999999999999999999999999999))",
        "(x) hook(asap, unix_signal(300, \"h\"))",
        "(x) option()",
        "(x) option(1, 2, 3)",
        "(x) option(\"master\", [])",
        "(x) target(2.1)",
        "(x) target(\"\")",
        "(x) owner(uid = -1, gid = 99999999999999999999999999999999999999999)",
        "(x) owner(uid = b\"x\", gid = 'c', add_gids = [[1]])",
        "(x) basic(priority = -)",
        "(x) basic(priority = -\"5\")",
        "(x) basic(touch_reload = [])",
        "(x) naming(name = 1.5e3)",
        "(x) pid_file(fpath = \"/a\", fpath = \"/b\", \"/c\")",
        "(x) run_command_on_event(\"x\", phase = \"\")",
        "(x) hook(asap, \"\")",
        "(x) hook(asap, \"!\")",
        "(x) hook_touch(\"\", \"exit\")",
        "(x) change_dir(\"\\0\")",
    ];
    for input in inputs {
        let tokens: proc_macro2::TokenStream = input.parse().unwrap();
        for mode in [Mode::Config, Mode::Ini] {
            let _ = crate::run(tokens.clone(), mode);
        }
    }
}

/// The raw strings of the expansion hold the text exactly, whatever it holds.
#[test]
fn raw_strings_hold_the_text() {
    for text in [
        "",
        "plain",
        "a \"quoted\" word",
        "\"# \"## \"###",
        "back\\slash \\n",
        "line\nbreak ünï",
    ] {
        let raw = crate::expand::raw_string(text).unwrap();
        let parsed: syn::LitStr = syn::parse_str(&raw).unwrap();
        assert_eq!(parsed.value(), text, "{raw}");
    }
    assert_eq!(crate::expand::raw_string("carriage\rreturn"), None);
}
