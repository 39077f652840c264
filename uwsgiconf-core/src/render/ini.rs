//! The INI renderer: `[section]` then `key = value` lines, as uWSGI's `--ini` reads them.

use super::encode::{encode, escape, Format};
use super::{lines, LineContent, Placeholders};
use crate::error::{Error, Problem, ProblemKind};
use crate::section::{Config, Section};

/// Writes a section's lines into `out`, collecting problems.
fn write_section(
    section: &Section,
    placeholders: &mut Placeholders,
    includes: &[&str],
    out: &mut String,
    problems: &mut Vec<Problem>,
) {
    let (lines, mut found) = lines(section);
    out.push('[');
    out.push_str(section.name());
    out.push_str("]\n");
    for line in &lines {
        let key = line.spec.name;
        match line.content {
            LineContent::On => {
                out.push_str(key);
                out.push_str(" = true\n");
            }
            LineContent::Value(value) => {
                let encoded = encode(
                    value,
                    line.spec,
                    Format::Ini,
                    placeholders,
                    line.origin,
                    line.call,
                    &mut found,
                );
                for (name, stored) in &encoded.placeholders {
                    out.push_str("set-placeholder = ");
                    out.push_str(name);
                    out.push('=');
                    out.push_str(stored);
                    out.push('\n');
                }
                out.push_str(key);
                if encoded.text.is_empty() {
                    out.push_str(" =\n");
                } else {
                    out.push_str(" = ");
                    out.push_str(&encoded.text);
                    out.push('\n');
                }
            }
        }
    }
    for name in includes {
        out.push_str("ini = :");
        escape(name, Format::Ini, out);
        out.push('\n');
    }
    section.label_problems(&mut found);
    problems.append(&mut found);
}

pub(crate) fn section(section: &Section, placeholders: &mut Placeholders) -> Result<String, Error> {
    let mut out = String::with_capacity(64 + section.directives().len() * 32);
    let mut problems = Vec::new();
    write_section(section, placeholders, &[], &mut out, &mut problems);
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::new(problems))
    }
}

pub(crate) fn config(config: &Config) -> Result<String, Error> {
    let mut out = String::new();
    let mut problems = Vec::new();
    let mut placeholders = Placeholders::default();
    let sections = config.sections();
    check_unique_names(sections, &mut problems);
    problems.extend(crate::groups::main_process::owner::check_config(config));
    for (index, section) in sections.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let includes: Vec<&str> = if index == 0 && config.is_autoinclude() {
            sections[1..].iter().map(Section::name).collect()
        } else {
            Vec::new()
        };
        write_section(
            section,
            &mut placeholders,
            &includes,
            &mut out,
            &mut problems,
        );
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::new(problems))
    }
}

/// uWSGI merges sections of the same name, which is never what two `Section`s mean.
fn check_unique_names(sections: &[Section], problems: &mut Vec<Problem>) {
    for (index, section) in sections.iter().enumerate() {
        if sections[..index].iter().any(|s| s.name() == section.name()) {
            problems.push(
                Problem::new(
                    ProblemKind::Conflict,
                    "Config::add_section",
                    "two sections have the same name, and uWSGI would merge them",
                )
                .with_value(section.name())
                .with_fix("give each section its own name"),
            );
        }
    }
}
