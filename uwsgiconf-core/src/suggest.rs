//! "Did you mean" candidates, shared by option, phase, action and (in the macro) item names.

/// The names of `candidates` closest to `wanted`, best first, at most three.
///
/// Closeness is Damerau-Levenshtein distance on lower-cased names, accepted up to a third of
/// the longer name (at least 1), so that short names only match near misses; only the
/// candidates at the smallest distance are kept.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = wanted.to_ascii_lowercase();
    let mut scored: Vec<(usize, &'a str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let distance = strsim::damerau_levenshtein(&wanted, &candidate.to_ascii_lowercase());
            let limit = (wanted.len().max(candidate.len()) / 3).max(1);
            (distance <= limit).then_some((distance, candidate))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    // Only the nearest candidates: a farther one is noise next to them.
    let best = scored.first().map_or(0, |s| s.0);
    scored.retain(|s| s.0 == best);
    scored.into_iter().take(3).map(|(_, name)| name).collect()
}

/// `" (did you mean `a` or `b`?)"`, or nothing when there is no candidate.
pub fn did_you_mean(candidates: &[&str]) -> String {
    match candidates {
        [] => String::new(),
        [one] => format!("did you mean `{one}`?"),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(|c| format!("`{c}`")).collect();
            format!("did you mean {} or `{last}`?", rest.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_misses_only() {
        assert_eq!(
            closest("JAIL_PER", ["JAIL_PRE", "JAIL_POST", "ASAP"]),
            ["JAIL_PRE"]
        );
        assert!(closest("zzz", ["asap", "exit"]).is_empty());
    }

    #[test]
    fn phrases_suggestions() {
        assert_eq!(did_you_mean(&[]), "");
        assert_eq!(did_you_mean(&["a"]), "did you mean `a`?");
        assert_eq!(
            did_you_mean(&["a", "b", "c"]),
            "did you mean `a`, `b` or `c`?"
        );
    }
}
