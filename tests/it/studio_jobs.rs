//! The studio's Runs page beyond plain runs: Sobol' analyses and portfolio
//! searches as queued jobs, byte-identical to `resim sensitivity --method
//! sobol` and `resim optimise`; every bad job form refused with what is
//! valid; the sortable tables' script served by the studio itself.

use axum::http::StatusCode;

use super::common::{resim_in, tempdir};
use super::studio::{app, finished, get, post, same_files, text};

/// One class with a two-parameter `[sweep]`: a Sobol' design small enough
/// for a test.
pub(super) const SMALL_SWEEP: &str = r#"name = "small_sweep"
baseline = "now"
[run]
replicates = 2
seed = 7
[population]
schools = 1
classes_per_school = 1
class_size = 30
[strategies.now]
components = []
[strategies.book]
components = ["contact_book"]
[sweep]
method = "grid"
[sweep."stress.academic_load"]
from = 0.04
to = 0.08
steps = 2
[sweep."strategies.book.contact_book.coverage"]
from = 0.2
to = 1.0
steps = 2
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sobol_and_optimise_jobs_are_the_clis_byte_for_byte() {
    let dir = tempdir();
    let app = app(dir.path());
    std::fs::write(dir.path().join("scenarios/small_sweep.toml"), SMALL_SWEEP).unwrap();
    let runs = get(&app, "/runs").await;
    for kind in ["run", "sweep", "morris", "sobol", "optimise"] {
        assert!(
            runs.body.contains(&format!("<option value=\"{kind}\">")),
            "{kind}"
        );
    }

    let p = post(
        &app,
        "/runs",
        "kind=sobol&scenario=small_sweep.toml&replicates=1",
    )
    .await;
    assert_eq!(p.location, "/runs/small_sweep-sobol", "{}", text(&p.body));
    let done = finished(&app, "small_sweep-sobol").await;
    assert!(
        done.body.contains("data-state=\"done\""),
        "{}",
        text(&done.body)
    );
    let cli = resim_in(
        dir.path(),
        &[
            "sensitivity",
            "scenarios/small_sweep.toml",
            "--method",
            "sobol",
            "--replicates",
            "1",
            "--out",
            "cli-sobol",
            "--quiet",
        ],
    );
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    same_files(
        &dir.path().join("results/small_sweep-sobol"),
        &dir.path().join("cli-sobol"),
        &["sensitivity.csv", "sensitivity_points.csv"],
    );
    let view = get(&app, "/results/small_sweep-sobol").await;
    assert!(
        view.body.contains("aria-label=\"ST of each parameter"),
        "a chart of ST"
    );

    let p = post(
        &app,
        "/runs",
        "kind=optimise&scenario=one_class_contact_book&replicates=4&max_cost=20&max_hours=",
    )
    .await;
    assert_eq!(
        p.location,
        "/runs/one_class_contact_book-optimise",
        "{}",
        text(&p.body)
    );
    let done = finished(&app, "one_class_contact_book-optimise").await;
    assert!(
        done.body.contains("data-state=\"done\""),
        "{}",
        text(&done.body)
    );
    let cli = resim_in(
        dir.path(),
        &[
            "optimise",
            "one_class_contact_book",
            "--max-cost",
            "20",
            "--replicates",
            "4",
            "--out",
            "cli-optimise",
            "--quiet",
        ],
    );
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    same_files(
        &dir.path().join("results/one_class_contact_book-optimise"),
        &dir.path().join("cli-optimise"),
        &[
            "portfolios.csv",
            "frontier.csv",
            "frontier.svg",
            "best.toml",
        ],
    );
    // Its results: the portfolios in a sortable table and the frontier.
    let view = get(&app, "/results/one_class_contact_book-optimise").await;
    assert_eq!(view.status, StatusCode::OK, "{}", text(&view.body));
    assert!(
        view.body
            .contains("<table id=\"results-table\" class=\"sortable\">")
    );
    assert!(
        view.body
            .contains("src=\"/files/one_class_contact_book-optimise/frontier.svg\"")
    );
    let portfolios = std::fs::read_to_string(
        dir.path()
            .join("results/one_class_contact_book-optimise/portfolios.csv"),
    )
    .unwrap();
    let rows = portfolios.lines().count() - 1;
    assert_eq!(
        view.body.matches("<tr>").count(),
        rows + 1,
        "every portfolio, and the header"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_job_form_says_what_is_valid() {
    let dir = tempdir();
    let app = app(dir.path());
    for (form, says) in [
        (
            "kind=anneal&scenario=quickstart",
            "kind `anneal`; valid: `run`, `sweep`, `morris`, `sobol`, `optimise`",
        ),
        (
            "kind=sobol&scenario=quickstart",
            "scenario `quickstart` has no [sweep] section",
        ),
        (
            "kind=optimise&scenario=quickstart&max_cost=-5",
            "--max-cost -5: valid is a number of 0 or more",
        ),
        (
            "kind=optimise&scenario=quickstart&max_hours=lots",
            "--max-hours `lots`: not a number",
        ),
        (
            "kind=run&scenario=quickstart&seed=x",
            "--seed `x`: not a whole number",
        ),
    ] {
        let p = post(&app, "/runs", form).await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{form}");
        assert!(text(&p.body).contains(says), "{form}: {}", text(&p.body));
    }
    assert!(resilience_sim::studio::names::list(&dir.path().join("results"), false).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sort_script_is_the_studios_own() {
    let dir = tempdir();
    let app = app(dir.path());
    let page = get(&app, "/runs").await;
    assert!(
        page.body
            .contains("<script src=\"/static/sort.js\" defer></script>")
    );
    assert!(
        !page.body.contains("src=\"http"),
        "no script from elsewhere"
    );
    let script = get(&app, "/static/sort.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(script.content_type, "text/javascript; charset=utf-8");
}
