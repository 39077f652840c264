//! Aliases: names uWSGI gives one setting (`processes` and `workers` have one setter and one
//! field). The real uWSGI takes the value it reads last, under either name, and says
//! nothing, in strict mode too; the crate refuses two different values (Conflict) and writes
//! an equal value once.

mod support;

use std::path::Path;

use support::Output;
use uwsgiconf::{Action, Phase, ProblemKind, Section};

/// A strict section with a master on a socket in `dir` that ends (status 42) when the
/// master starts its loop, by which time it has spawned its workers.
fn spawning(dir: &Path) -> Section {
    let mut section = Section::new();
    section
        .set_strict(true)
        .set_option("master", true)
        .set_option(
            "socket",
            dir.join("s.sock").to_str().expect("UTF-8 temp path"),
        );
    section
        .main_process()
        .set_hook(Phase::MASTER_START, Action::call("_exit 42").arg_int(true));
    section
}

fn ini(section: &Section) -> String {
    section.to_ini().unwrap_or_else(|e| panic!("{e}"))
}

fn spawned(run: &Output) -> usize {
    run.stderr.matches("spawned uWSGI worker ").count()
}

#[test]
fn aliases_set_to_two_values_are_refused_where_uwsgi_takes_the_last() {
    let dir = support::temp_dir();
    for (first, second) in [("processes", "workers"), ("workers", "processes")] {
        // set_option replaces the value under any name, where it stood.
        let mut section = spawning(dir.path());
        section.set_option(first, 2).set_option(second, 4);
        let text = ini(&section);
        assert!(text.contains(&format!("\n{second} = 4\n")), "{text}");
        assert!(!text.contains(&format!("\n{first} = ")), "{text}");

        // add_option keeps both: refused.
        let mut section = spawning(dir.path());
        section.add_option(first, 2).add_option(second, 4);
        let problems = section.to_ini().unwrap_err().into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind(), ProblemKind::Conflict);
        assert_eq!(problems[0].blame().option(), Some(second));
        assert!(section.to_args().is_err());

        // What uWSGI makes of both lines: the section with the first, the second appended.
        let mut with_first = spawning(dir.path());
        with_first.set_option(first, 2);
        let text = format!("{}{second} = 4\n", ini(&with_first));
        let Some(uwsgi) = support::uwsgi() else {
            return;
        };
        let run = uwsgi.run_ini(dir.path(), "aliases.ini", &text, &["--show-config"]);
        let context = format!("{text}\n{}\n{}", run.describe(), run.log());
        // Strict mode read both lines without a word, and the master started.
        assert_eq!(run.code, Some(42), "{context}");
        assert!(!run.stderr.contains("[strict-mode]"), "{context}");
        let shown = support::ini_pairs(run.shown_config().expect("--show-config output"));
        for (name, value) in [(first, "2"), (second, "4")] {
            let pair = (name.to_string(), value.to_string());
            assert!(
                shown.contains(&pair),
                "{name} = {value} not shown: {context}"
            );
        }
        // The value read last, whichever name it came under.
        assert_eq!(spawned(&run), 4, "{context}");
    }
}

#[test]
fn aliases_set_to_one_value_are_written_once() {
    let dir = support::temp_dir();
    let mut section = spawning(dir.path());
    section.add_option("processes", 3).add_option("workers", 3);
    let text = ini(&section);
    assert_eq!(text.matches("processes = 3\n").count(), 1, "{text}");
    assert!(!text.contains("workers"), "{text}");

    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let run = uwsgi.run_ini(dir.path(), "aliases.ini", &text, &[] as &[&str]);
    assert_eq!(run.code, Some(42), "{text}\n{}", run.log());
    assert_eq!(spawned(&run), 3, "{text}\n{}", run.log());
}
