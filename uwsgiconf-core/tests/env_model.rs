//! Property tests of the environment format: what `to_env` renders, read back by the model
//! of uWSGI 2.0.21 (`mixed/model.rs`: `parse_sys_envs` for the names, `add_exported_option`,
//! `set-placeholder`, strict mode and the `$(..)`, `@(..)`, `%(..)` passes, in a hostile
//! world where any wrongly expanded reference shows), in the rendered order or another one:
//! every value comes back exactly as given, or the renderer refused it for a reason the
//! environment really has. The real binary checks the same ground in the root package's
//! `uwsgi_format_env` test; the model lets thousands of cases run in a second.

mod mixed;

use mixed::model::{env_option, read_env, Entry, World};
use proptest::prelude::*;
use uwsgiconf_core::{options, ProblemKind, Section};

/// Text rich in everything uWSGI treats specially, and what only some formats carry.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("%".to_string()),
        Just("$(".to_string()),
        Just("@(".to_string()),
        Just("%(".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("$".to_string()),
        Just("@".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\0".to_string()),
        Just("=".to_string()),
        Just(";".to_string()),
        Just("\"".to_string()),
        Just("é".to_string()),
        Just("HOME".to_string()),
        Just("UWSGICONF_A".to_string()),
        Just("procname".to_string()),
        "[a-z]{1,3}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// `%(` then `)`: uWSGI expands it everywhere, with no escape.
fn closes_placeholder(text: &str) -> bool {
    text.find("%(").is_some_and(|at| text[at..].contains(')'))
}

/// Literal `$(` or `@(` goes through a `set-placeholder`, of which an environment holds one.
fn needs_placeholder(text: &str) -> bool {
    text.contains("$(") || text.contains("@(")
}

/// Reorders `items` by `seed` (xorshift): uWSGI reads the environment in whatever order the
/// launcher gives.
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut state = seed | 1;
    let mut out = items.to_vec();
    for i in (1..out.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.swap(i, (state % (i as u64 + 1)) as usize);
    }
    out
}

fn value_of<'a>(entries: &'a [Entry<String>], key: &str) -> Vec<&'a str> {
    entries
        .iter()
        .filter(|e| e.key == key)
        .map(|e| e.value.as_str())
        .collect()
}

/// The options a section writes with free text, each at most once.
const VERBATIM: [&str; 5] = [
    "procname",
    "procname-append",
    "procname-prefix",
    "procname-master",
    "print",
];

/// Switches a section may turn on.
const SWITCHES: [&str; 3] = ["vacuum", "never-swap", "strict"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn env_values_read_back_exactly(text in tricky_text(), seed in any::<u64>()) {
        let mut section = Section::new();
        section.set_option("procname", text.as_str());
        match section.to_env() {
            Ok(vars) => {
                let order = shuffled(&vars, seed);
                let entries = read_env(&order, World::Real)
                    .map_err(|why| TestCaseError::fail(format!("{why}: {order:?}")))?;
                prop_assert_eq!(value_of(&entries, "procname"), [text.as_str()], "{:?}", order);
            }
            Err(error) => {
                let justified = text.contains('\0') || closes_placeholder(&text);
                prop_assert!(justified, "refused {:?}: {}", text, error);
                prop_assert!(error.problems().iter().all(|p| p.kind() == ProblemKind::Unrepresentable), "{}", error);
            }
        }
    }

    #[test]
    fn sections_read_back_in_any_order(
        texts in proptest::collection::vec(proptest::option::of(tricky_text()), VERBATIM.len()),
        switches in proptest::collection::vec(any::<bool>(), SWITCHES.len()),
        seed in any::<u64>(),
    ) {
        let mut section = Section::new();
        for (key, text) in VERBATIM.iter().zip(&texts) {
            if let Some(text) = text {
                section.add_option(*key, text.as_str());
            }
        }
        for (key, on) in SWITCHES.iter().zip(&switches) {
            section.set_option(*key, *on);
        }
        let given: Vec<&str> = texts.iter().flatten().map(String::as_str).collect();
        let mut protected: Vec<&str> = given.iter().copied().filter(|t| needs_placeholder(t)).collect();
        protected.sort();
        protected.dedup();
        let justified = given.iter().any(|t| t.contains('\0') || closes_placeholder(t)) || protected.len() > 1;
        match section.to_env() {
            Ok(vars) => {
                prop_assert!(!justified, "rendered {:?}", vars);
                let order = shuffled(&vars, seed);
                let entries = read_env(&order, World::Real)
                    .map_err(|why| TestCaseError::fail(format!("{why}: {order:?}")))?;
                for (key, text) in VERBATIM.iter().zip(&texts) {
                    let want: Vec<&str> = text.iter().map(String::as_str).collect();
                    prop_assert_eq!(value_of(&entries, key), want, "{}: {:?}", key, order);
                }
                for (key, on) in SWITCHES.iter().zip(&switches) {
                    let want: &[&str] = if *on { &["1"] } else { &[] };
                    prop_assert_eq!(value_of(&entries, key), want, "{}", key);
                }
            }
            Err(error) => {
                prop_assert!(justified, "refused {:?}: {}", given, error);
                prop_assert!(error.problems().iter().all(|p| p.kind() == ProblemKind::Unrepresentable), "{}", error);
            }
        }
    }
}

/// Every option of the catalogue is written under a variable uWSGI reads back as that option,
/// or refused for a reason the environment has: a name uWSGI would read as another, or an
/// option whose place among the others counts.
#[test]
fn every_option_is_named_so_uwsgi_reads_it_back() {
    let reasons = [
        "cannot be named in the environment",
        "which uWSGI does not read as an option",
        "and uWSGI reads the environment in whatever order it holds",
    ];
    let (mut named, mut refused) = (0, Vec::new());
    let mut seen = [false; 3];
    for spec in options::all() {
        let Some(target) = spec.first_target() else {
            continue;
        };
        let mut section = Section::new();
        section.set_target(target);
        // Only the name is at stake here: a plugin's option needs its plugin (plugins.rs).
        if !spec.is_core() {
            section.set_embedded_plugins([spec.provider()]);
        }
        if spec.takes_bool() {
            section.set_option(spec.name(), true);
        } else {
            section.set_option(spec.name(), "1");
        }
        // What the command line refuses too is no matter of the format.
        if section.to_args().is_err() {
            continue;
        }
        match section.to_env() {
            Ok(vars) => {
                // Group rules may add lines (`master` with `hook-touch`): each comes back too.
                let keys: Vec<Option<String>> =
                    vars.iter().map(|(name, _)| env_option(name)).collect();
                assert!(
                    keys.contains(&Some(spec.name().to_string()))
                        && keys
                            .iter()
                            .all(|key| key.as_deref().and_then(options::lookup).is_some()),
                    "{}: {vars:?}",
                    spec.name()
                );
                named += 1;
            }
            Err(error) => {
                for problem in error.problems() {
                    let reason = reasons.iter().position(|r| problem.message().contains(r));
                    assert!(
                        problem.kind() == ProblemKind::Unrepresentable && reason.is_some(),
                        "{}: {problem}",
                        spec.name()
                    );
                    seen[reason.unwrap_or(0)] = true;
                }
                refused.push(spec.name());
            }
        }
    }
    // Every name uWSGI would read as another is among the refused.
    for spec in options::all() {
        let plain = spec
            .name()
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !plain {
            assert!(refused.contains(&spec.name()), "{}", spec.name());
        }
    }
    // No option of the catalogue takes a name uWSGI skips; the other two reasons occur.
    assert_eq!(seen, [true, false, true], "{refused:?}");
    assert!(named > 0);
    println!(
        "{named} options named, {} refused: {}",
        refused.len(),
        refused.join(" ")
    );
}
