//! The command-line renderer: arguments for `uwsgi`, ready for `std::process::Command`.

use super::encode::{encode, Format};
use super::{lines, LineContent, Placeholders};
use crate::error::{Error, Problem, ProblemKind};
use crate::options::ArgKind;
use crate::section::{Config, Section};

fn write_section(
    section: &Section,
    placeholders: &mut Placeholders,
    out: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) {
    let (lines, mut found) = lines(section);
    let mut in_block = false;
    for line in &lines {
        let flag = format!("--{}", line.spec.name);
        if line.spec.closes_block() {
            in_block = false;
        } else if line.spec.opens_block() {
            in_block = true;
        }
        match line.content {
            // Config logic hands the value of each option in a taken block to a string
            // substitution: a switch written without one crashes uWSGI 2.0.21 (SIGSEGV,
            // measured with `--if-env PATH --vacuum --endif`).
            LineContent::On if in_block && line.spec.arg == ArgKind::None => {
                found.push(
                    Problem::new(
                        ProblemKind::Unrepresentable,
                        line.origin,
                        format!(
                            "`{}` is a switch inside a config-logic block: on the command line \
                             uWSGI crashes on a switch there, as it has no value",
                            line.spec.name
                        ),
                    )
                    .with_value("true")
                    .with_fix("set it outside the block, or render to INI")
                    .with_call(line.call),
                );
            }
            LineContent::On if in_block && line.spec.arg == ArgKind::Optional => {
                out.push(format!("{flag}=true"));
            }
            LineContent::On => {
                out.push(flag);
                // A few switches are declared with a required argument (`alarm-cheap`,
                // `log-ioerror`...): getopt then needs one, and `true` sets them.
                if line.spec.arg == ArgKind::Required {
                    out.push("true".into());
                }
            }
            LineContent::Value(value) => {
                let encoded = encode(
                    value,
                    line.spec,
                    Format::Args,
                    placeholders,
                    line.origin,
                    line.call,
                    &mut found,
                );
                for (name, stored) in encoded.placeholders {
                    out.push("--set-placeholder".into());
                    out.push(format!("{name}={stored}"));
                }
                if line.spec.arg == ArgKind::Optional {
                    // getopt does not take an optional argument from the next word.
                    out.push(format!("{flag}={}", encoded.text));
                } else {
                    out.push(flag);
                    out.push(encoded.text);
                }
            }
        }
    }
    section.label_problems(&mut found);
    problems.append(&mut found);
}

pub(crate) fn section(
    section: &Section,
    placeholders: &mut Placeholders,
) -> Result<Vec<String>, Error> {
    let mut out = Vec::with_capacity(section.directives().len() * 2);
    let mut problems = Vec::new();
    write_section(section, placeholders, &mut out, &mut problems);
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::new(problems))
    }
}

pub(crate) fn config(config: &Config) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut placeholders = Placeholders::default();
    if config.sections().len() > 1 && !config.is_autoinclude() {
        problems.push(
            Problem::new(
                ProblemKind::Unrepresentable,
                "Config::to_args",
                "the command line has no sections, and without autoinclude uWSGI would read only the first",
            )
            .with_fix("render one section, or turn autoinclude on to apply them all"),
        );
    }
    for section in config.sections() {
        write_section(section, &mut placeholders, &mut out, &mut problems);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::new(problems))
    }
}

#[cfg(test)]
mod tests {
    use crate::Section;

    #[test]
    fn a_switch_without_argument_is_refused_inside_a_block() {
        let mut section = Section::new();
        section
            .add_option("if-env", "PATH")
            .set_option("vacuum", true)
            .add_option("endif", "");
        let error = section.to_args().unwrap_err();
        assert_eq!(error.problems().len(), 1);
        assert_eq!(
            error.problems()[0].kind(),
            crate::ProblemKind::Unrepresentable
        );
        assert!(section.to_ini().is_ok());
        section.add_option("alarm-cheap", true);
        let mut outside = Section::new();
        outside
            .set_option("vacuum", true)
            .add_option("if-env", "PATH")
            .set_option("alarm-cheap", true)
            .add_option("endif", "");
        assert_eq!(
            outside.to_args().unwrap(),
            [
                "--vacuum",
                "--if-env",
                "PATH",
                "--alarm-cheap",
                "true",
                "--endif="
            ]
        );
    }

    #[test]
    fn switches_declared_with_an_argument_get_true() {
        let mut section = Section::new();
        section
            .set_option("alarm-cheap", true)
            .set_option("vacuum", true);
        assert_eq!(
            section.to_args().unwrap(),
            ["--alarm-cheap", "true", "--vacuum"]
        );
    }
}
