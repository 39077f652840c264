//! The README's code blocks, for the tests that check it shows what the code does.

/// The first code block opened with `fence` (such as "```ini") after the README's heading
/// `heading`.
pub fn readme_block(heading: &str, fence: &str) -> &'static str {
    let readme = include_str!("../../README.md");
    let start = readme
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README: no {heading:?}"));
    let open = start
        + readme[start..]
            .find(&format!("\n{fence}\n"))
            .unwrap_or_else(|| panic!("README: no {fence} block under {heading:?}"))
        + fence.len()
        + 2;
    let close = open
        + readme[open..]
            .find("\n```\n")
            .unwrap_or_else(|| panic!("README: a block under {heading:?} is not closed"));
    &readme[open..=close]
}
