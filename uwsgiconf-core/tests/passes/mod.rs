//! What the model tests share: uWSGI's `$(..)`, `@(..)` and `%(..)` expansion pass, as its
//! C scanner runs it (`uwsgi_apply_config_pass`), on options in read order.

/// `(key, value, set by set-placeholder)` in read order; placeholder values are never
/// expanded.
pub type Options = Vec<(String, String, bool)>;

/// One expansion pass, as uWSGI's scanner does it (index-for-index).
pub fn pass(options: &mut Options, symbol: u8, hook: &dyn Fn(&Options, &str) -> Option<String>) {
    for index in 0..options.len() {
        if options[index].2 {
            continue;
        }
        let mut value = options[index].1.clone().into_bytes();
        let mut has_symbol = 0usize;
        let mut depth = 0usize;
        let mut key_start = 0usize;
        let mut j = 0usize;
        while j < value.len() {
            let c = value[j];
            if c == symbol {
                has_symbol = 1;
            } else if c == b'(' && has_symbol == 1 {
                has_symbol = 2;
                depth = 0;
                key_start = j + 1;
            } else if has_symbol > 1 {
                if c == b'(' {
                    has_symbol += 1;
                    depth += 1;
                } else if c == b')' {
                    if depth > 0 {
                        has_symbol += 1;
                        depth -= 1;
                        j += 1;
                        continue;
                    }
                    if has_symbol <= 2 {
                        has_symbol = 0;
                        j += 1;
                        continue;
                    }
                    let name =
                        String::from_utf8_lossy(&value[key_start..key_start + has_symbol - 2])
                            .into_owned();
                    match hook(options, &name) {
                        None => has_symbol = 0,
                        Some(replacement) => {
                            let mut next = value[..key_start - 2].to_vec();
                            next.extend_from_slice(replacement.as_bytes());
                            next.extend_from_slice(&value[key_start + has_symbol - 1..]);
                            value = next;
                            has_symbol = 0;
                            // uWSGI sets j = 0 and its loop increments it: rescan from 1.
                            j = 1;
                            continue;
                        }
                    }
                } else {
                    has_symbol += 1;
                }
            } else {
                has_symbol = 0;
            }
            j += 1;
        }
        options[index].1 = String::from_utf8(value).expect("utf-8 kept");
    }
}
