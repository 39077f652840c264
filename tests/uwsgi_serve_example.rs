//! The `serve` example, run as a function: uWSGI serves the page, and stops cleanly.

mod support;

#[allow(dead_code)] // its `main` is the example's
#[path = "../examples/serve.rs"]
mod serve;

#[test]
fn the_serve_example_fetches_its_page_and_stops_uwsgi() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let served = serve::serve_once(uwsgi.located()).unwrap();
    assert_eq!(served.page, serve::PAGE);
    assert_eq!(served.stopped.status.code(), Some(0));
    assert!(!served.stopped.killed);
}
