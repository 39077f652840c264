//! Compile-time behaviour of `uwsgi_config!` and `uwsgi_ini!`: cases that must compile and
//! run (tests/ui/pass) and cases that must fail with the reviewed messages in their `.stderr`
//! files (tests/ui/fail).
//!
//! The messages depend on the compiler version: the snapshots are reviewed against the
//! toolchain pinned in rust-toolchain.toml. Refresh them with `TRYBUILD=overwrite cargo test
//! --test macro_ui`, then read every changed `.stderr`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
