//! Structural shrinking of a failing scenario: proptest shrinks the list of choices, which
//! shifts every later choice when one is removed; this removes configs, sections, calls,
//! actions and value parts directly, as long as the failure stays.

use super::plan::{ActionPlan, ConfigPlan, Format, IdPlan, Op, RawValue, Scenario, V};

/// The value without one of its parts (from `first` on: an assignment keeps its `key=`).
fn smaller_values_from(v: &V, first: usize) -> Vec<V> {
    (first..v.0.len())
        .filter(|_| v.0.len() > 1)
        .map(|i| {
            let mut parts = v.0.clone();
            parts.remove(i);
            V::from_parts(parts)
        })
        .collect()
}

fn smaller_values(v: &V) -> Vec<V> {
    smaller_values_from(v, 0)
}

fn smaller_actions(action: &ActionPlan) -> Vec<ActionPlan> {
    match action {
        ActionPlan::Print(v) => smaller_values(v)
            .into_iter()
            .map(ActionPlan::Print)
            .collect(),
        ActionPlan::Mkdir(v) => smaller_values(v)
            .into_iter()
            .map(ActionPlan::Mkdir)
            .collect(),
        ActionPlan::Exec(v) => smaller_values(v)
            .into_iter()
            .map(ActionPlan::Exec)
            .collect(),
        ActionPlan::Exit(_) => Vec::new(),
        ActionPlan::Write(path, text) => smaller_values(text)
            .into_iter()
            .map(|t| ActionPlan::Write(path.clone(), t))
            .collect(),
    }
}

/// Simpler forms of one call (never the call itself).
fn smaller_ops(op: &Op) -> Vec<Op> {
    let mut out = Vec::new();
    match op {
        Op::Owner(plan) => {
            if plan.uid.is_some() {
                let mut p = plan.clone();
                p.uid = None;
                out.push(Op::Owner(p));
            }
            if plan.gid.is_some() {
                let mut p = plan.clone();
                p.gid = None;
                out.push(Op::Owner(p));
            }
            for i in 0..plan.add_gids.len() {
                let mut p = plan.clone();
                p.add_gids.remove(i);
                out.push(Op::Owner(p));
            }
            if plan.set_asap {
                let mut p = plan.clone();
                p.set_asap = false;
                out.push(Op::Owner(p));
            }
            if plan.allow_root {
                let mut p = plan.clone();
                p.allow_root = false;
                out.push(Op::Owner(p));
            }
            if let Some(IdPlan::Name(v)) = &plan.uid {
                for smaller in smaller_values(v) {
                    let mut p = plan.clone();
                    p.uid = Some(IdPlan::Name(smaller));
                    out.push(Op::Owner(p));
                }
            }
        }
        Op::Hook(phase, actions) => {
            for i in 0..actions.len() {
                if actions.len() > 1 {
                    let mut a = actions.clone();
                    a.remove(i);
                    out.push(Op::Hook(*phase, a));
                }
                for smaller in smaller_actions(&actions[i]) {
                    let mut a = actions.clone();
                    a[i] = smaller;
                    out.push(Op::Hook(*phase, a));
                }
            }
        }
        Op::Naming {
            name,
            prefix,
            suffix,
        } => {
            let fields = [name, prefix, suffix];
            for i in 0..3 {
                if fields[i].is_some() {
                    let mut f = fields.map(Clone::clone);
                    f[i] = None;
                    let [name, prefix, suffix] = f;
                    out.push(Op::Naming {
                        name,
                        prefix,
                        suffix,
                    });
                }
                if let Some(v) = fields[i] {
                    for smaller in smaller_values(v) {
                        let mut f = fields.map(Clone::clone);
                        f[i] = Some(smaller);
                        let [name, prefix, suffix] = f;
                        out.push(Op::Naming {
                            name,
                            prefix,
                            suffix,
                        });
                    }
                }
            }
        }
        Op::Basic {
            touch_reload,
            priority,
            vacuum,
        } => {
            for i in 0..touch_reload.len() {
                let mut t = touch_reload.clone();
                t.remove(i);
                out.push(Op::Basic {
                    touch_reload: t,
                    priority: *priority,
                    vacuum: *vacuum,
                });
            }
            if priority.is_some() {
                out.push(Op::Basic {
                    touch_reload: touch_reload.clone(),
                    priority: None,
                    vacuum: *vacuum,
                });
            }
            if *vacuum {
                out.push(Op::Basic {
                    touch_reload: touch_reload.clone(),
                    priority: *priority,
                    vacuum: false,
                });
            }
        }
        Op::Memory { .. } => {}
        Op::RunCommand(phase, commands) => {
            for i in 0..commands.len() {
                if commands.len() > 1 {
                    let mut c = commands.clone();
                    c.remove(i);
                    out.push(Op::RunCommand(*phase, c));
                }
                for smaller in smaller_values(&commands[i]) {
                    let mut c = commands.clone();
                    c[i] = smaller;
                    out.push(Op::RunCommand(*phase, c));
                }
            }
        }
        Op::Raw {
            replace,
            key,
            value,
        } => {
            if *replace {
                out.push(Op::Raw {
                    replace: false,
                    key: key.clone(),
                    value: value.clone(),
                });
            }
            if let RawValue::V(v) = value {
                let first = usize::from(matches!(key.as_str(), "set" | "set-placeholder" | "env"));
                for smaller in smaller_values_from(v, first) {
                    out.push(Op::Raw {
                        replace: *replace,
                        key: key.clone(),
                        value: RawValue::V(smaller),
                    });
                }
            }
        }
        Op::Block(kind, body) => {
            for ops in smaller_op_lists(body) {
                out.push(Op::Block(*kind, ops));
            }
        }
    }
    out
}

/// Simpler lists of calls: one removed, a block replaced by its body, one call simpler.
fn smaller_op_lists(ops: &[Op]) -> Vec<Vec<Op>> {
    let mut out = Vec::new();
    for i in 0..ops.len() {
        let mut removed = ops.to_vec();
        removed.remove(i);
        out.push(removed);
        if let Op::Block(_, body) = &ops[i] {
            let mut unwrapped = ops[..i].to_vec();
            unwrapped.extend(body.iter().cloned());
            unwrapped.extend(ops[i + 1..].iter().cloned());
            out.push(unwrapped);
        }
        for smaller in smaller_ops(&ops[i]) {
            let mut changed = ops.to_vec();
            changed[i] = smaller;
            out.push(changed);
        }
    }
    out
}

fn smaller_configs(config: &ConfigPlan) -> Vec<ConfigPlan> {
    let mut out = Vec::new();
    for i in 1..config.sections.len() {
        let mut c = config.clone();
        c.sections.remove(i);
        out.push(c);
    }
    if config.format == Format::Args {
        let mut c = config.clone();
        c.format = Format::Ini;
        out.push(c);
    }
    if config.autoinclude {
        let mut c = config.clone();
        c.autoinclude = false;
        out.push(c);
    }
    for (i, section) in config.sections.iter().enumerate() {
        if section.strict {
            let mut c = config.clone();
            c.sections[i].strict = false;
            out.push(c);
        }
        for ops in smaller_op_lists(&section.ops) {
            let mut c = config.clone();
            c.sections[i].ops = ops;
            out.push(c);
        }
    }
    out
}

/// Simpler scenarios, most drastic first.
pub fn smaller(scenario: &Scenario) -> Vec<Scenario> {
    let mut out = Vec::new();
    if scenario.configs.len() > 1 {
        for i in 0..scenario.configs.len() {
            let mut s = scenario.clone();
            s.configs.remove(i);
            out.push(s);
        }
    }
    for (i, config) in scenario.configs.iter().enumerate() {
        for smaller in smaller_configs(config) {
            let mut s = scenario.clone();
            s.configs[i] = smaller;
            out.push(s);
        }
    }
    out
}

/// Shrinks `scenario` while `fails` holds (greedy, to a fixed point).
pub fn minimize(scenario: &Scenario, fails: impl Fn(&Scenario) -> bool) -> Scenario {
    let mut current = scenario.clone();
    'outer: loop {
        for candidate in smaller(&current) {
            if fails(&candidate) {
                current = candidate;
                continue 'outer;
            }
        }
        return current;
    }
}
