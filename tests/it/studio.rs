//! The studio (`resim serve`) over HTTP: every test starts a live server
//! on an ephemeral port of the loopback, through the library calls
//! `resim serve` makes ([`studio::app`] then [`studio::serve`] on a bound
//! listener, stopped gracefully when the test's [`Live`] handle drops), and
//! sends it real requests over TCP (hyper-util's client). They check what a
//! user sees on each page, that a result from the browser is the CLI's byte
//! for byte, bad input shown beside its field with status 400, refused
//! traversal, Host and Origin checks, the token, the body cap, cancel, a
//! restart (the first server stopped, a second started on the same
//! folder), resume, and both languages. tests/it/studio_restart.rs kills a
//! real `resim serve` process and stops servers with jobs running.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, Uri, header};
use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use resilience_sim::components::REGISTRY;
use resilience_sim::jobs::JobError;
use resilience_sim::studio::i18n::{self, Lang, SOURCES};
use resilience_sim::studio::runs::Queue;
use resilience_sim::studio::{self, Config};

use super::common::{resim_in, stderr, tempdir};

/// Replicates of a class question in these tests (the studio's default is
/// 200; the answer's form does not depend on it).
const REPLICATES: u32 = 20;

pub(super) fn config(dir: &Path) -> Config {
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    Config {
        results: dir.join("results"),
        scenarios: Some(dir.join("scenarios")),
        workers: 1,
        queue: 4,
        class_replicates: REPLICATES,
        threads: Some(2),
        ..Config::default()
    }
}

/// A studio served on a port of its own, and an HTTP client to it; the
/// server stops (gracefully: open requests finish) when this is dropped.
pub(super) struct Live {
    /// Where it listens (an ephemeral port).
    pub addr: SocketAddr,
    client: Client<HttpConnector, Body>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    /// The job queue of a server in this process.
    pub queue: Option<Arc<Queue>>,
}

impl Live {
    /// `http://ADDR`, the origin of its pages.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops the server and waits until it has stopped: no request is
    /// answered afterwards.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server
                .await
                .expect("the server task")
                .expect("the server stops cleanly");
        }
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Starts the studio of `config` as `resim serve` does, on an ephemeral
/// port of `config.addr`'s address (the loopback unless told otherwise),
/// in the test's runtime: the studio's own refusal (e.g. no token beyond
/// the loopback) is returned.
pub(super) fn start(mut config: Config) -> Result<Live, JobError> {
    let listener =
        std::net::TcpListener::bind(SocketAddr::new(config.addr.ip(), 0)).expect("a free port");
    listener.set_nonblocking(true).unwrap();
    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
    config.addr = listener.local_addr().unwrap();
    let addr = config.addr;
    let server = studio::app(config)?;
    let queue = Some(server.queue());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(studio::serve(server, listener, async {
        let _ = stopped.await;
    }));
    Ok(Live {
        addr,
        client: Client::builder(TokioExecutor::new()).build_http(),
        stop: Some(stop),
        server: Some(server),
        queue,
    })
}

/// A client of a studio already listening on `addr` (e.g. a `resim
/// serve` process of the test's).
pub(super) fn remote(addr: SocketAddr) -> Live {
    Live {
        addr,
        client: Client::builder(TokioExecutor::new()).build_http(),
        stop: None,
        server: None,
        queue: None,
    }
}

/// The studio over `dir`'s results and scenarios, live on the loopback.
pub(super) fn app(dir: &Path) -> Live {
    start(config(dir)).expect("the studio starts")
}

/// A response: status, `Location`, `Content-Type`, `Set-Cookie` and body.
pub(super) struct Page {
    pub status: StatusCode,
    pub location: String,
    pub content_type: String,
    pub cookies: Vec<String>,
    pub body: String,
}

/// Sends `req` (its path; its headers and body as they are) to the server
/// over TCP. A request without a Host header gets the server's own, as a
/// browser's would.
pub(super) async fn send(app: &Live, mut req: Request<Body>) -> Page {
    let path = req
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    *req.uri_mut() = Uri::try_from(format!("{}{path}", app.origin())).unwrap();
    let resp = app.client.request(req).await.expect("a response");
    let status = resp.status();
    let header_of = |name| {
        resp.headers()
            .get(name)
            .map(|v: &header::HeaderValue| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let location = header_of(header::LOCATION);
    let content_type = header_of(header::CONTENT_TYPE);
    let cookies = resp
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    Page {
        status,
        location,
        content_type,
        cookies,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub(super) async fn get(app: &Live, uri: &str) -> Page {
    let req = Request::get(uri).body(Body::empty()).unwrap();
    send(app, req).await
}

/// Posts `form` as the studio's own page would: from its origin.
pub(super) async fn post(app: &Live, uri: &str, form: &str) -> Page {
    let req = Request::post(uri)
        .header(header::ORIGIN, app.origin())
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form.to_string()))
        .unwrap();
    send(app, req).await
}

pub(super) const CLASS_FORM: &str = "class_size=45&grade=8&left_behind=35&area=rural&now=termly_conference&try=contact_book&set.contact_book.frequency=daily&set.contact_book.coverage=1";

/// Asks the class question `form` and returns the answer page's address.
pub(super) async fn ask(app: &Live, form: &str) -> String {
    let p = post(app, "/class", form).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    assert!(
        p.location.starts_with("/class/answers/whatif-my_class-"),
        "{}",
        p.location
    );
    p.location
}

/// The text of a page without its tags, style sheet and script.
pub(super) fn text(html: &str) -> String {
    let mut html = html.to_string();
    for (open, close) in [("<style", "</style>"), ("<script", "</script>")] {
        while let Some(a) = html.find(open) {
            let b = html[a..]
                .find(close)
                .map_or(html.len(), |b| a + b + close.len());
            html.replace_range(a..b, "");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Waits until job `id` is over (bounded: at most ~5 minutes) and returns
/// its page.
pub(super) async fn finished(app: &Live, id: &str) -> Page {
    for _ in 0..1200 {
        let p = get(app, &format!("/runs/{id}")).await;
        if !p.body.contains("data-state=\"queued\"") && !p.body.contains("data-state=\"running\"") {
            return p;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("job {id} did not finish");
}

pub(super) fn same_files(a: &Path, b: &Path, files: &[&str]) {
    for f in files {
        let x = std::fs::read(a.join(f)).unwrap_or_else(|e| panic!("{}: {e}", a.join(f).display()));
        let y = std::fs::read(b.join(f)).unwrap_or_else(|e| panic!("{}: {e}", b.join(f).display()));
        assert!(
            x == y,
            "{f} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

const RUN_FILES: &[&str] = &[
    "effects.csv",
    "trajectories.csv",
    "strategies.csv",
    "survey.csv",
    "equity.csv",
    "decision.csv",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_class_answer_has_intervals_a_picture_and_teacher_time() {
    let dir = tempdir();
    let app = app(dir.path());
    let form = get(&app, "/class").await;
    assert_eq!(form.status, StatusCode::OK);
    // Every component of the registry can be tried, and every control has a label.
    for c in REGISTRY {
        assert!(
            form.body.contains(&format!("value=\"{}\"", c.name)),
            "{}",
            c.name
        );
    }
    let inputs = form.body.matches("<input").count() + form.body.matches("<select").count();
    let labelled = form.body.matches("<label").count();
    assert!(
        labelled >= inputs - 2,
        "{labelled} labels for {inputs} controls"
    );
    assert!(form.body.contains(&format!("{REPLICATES} times")));

    let answer = ask(&app, CLASS_FORM).await;
    let page = get(&app, &answer).await;
    assert_eq!(page.status, StatusCode::OK);
    let words = text(&page.body);
    let dep = words
        .lines()
        .find(|l| l.contains("Students with depressive symptoms at the end of the year"))
        .expect("the depressive-symptoms line");
    // "9.4 → 7.0 of 45 (-2.4 students; 95 % interval -2.6 to -2.2)."
    let interval = dep.split("95 % interval ").nth(1).expect("an interval");
    let (lo, hi) = interval.trim_end_matches(").").split_once(" to ").unwrap();
    let (lo, hi): (f64, f64) = (lo.parse().unwrap(), hi.parse().unwrap());
    assert!(lo <= hi, "{dep}");
    assert!(dep.contains("of 45"), "{dep}");
    assert!(words.contains("Teacher time:"), "{words}");
    assert!(words.contains("hours per class per term"), "{words}");
    assert!(words.contains("contact_book.frequency=daily"), "{words}");
    // The picture: 45 figures before and after, the marked ones as the caption says.
    let before = page.body.split("id=\"figure-before\"").nth(1).unwrap();
    let before = before.split("</figure>").next().unwrap();
    assert_eq!(before.matches("<g transform").count(), 45);
    let marked = before.matches("class=\"marked\"").count();
    assert!(
        before.contains(&format!("Now: {marked} of 45 students")),
        "{before}"
    );
    // The report downloads.
    let name = answer.rsplit('/').next().unwrap();
    let report = get(&app, &format!("/files/{name}/report.html")).await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.body.contains("<html"));
    // Saved, listed and compared side by side with a second answer.
    let second = ask(
        &app,
        "class_size=45&grade=8&left_behind=35&area=rural&now=termly_conference&try=digital_channel",
    )
    .await;
    let class = get(&app, "/class").await;
    let other = second.rsplit('/').next().unwrap();
    assert!(class.body.contains(name) && class.body.contains(other));
    let compare = get(&app, &format!("/class/compare?a={name}&a={other}")).await;
    assert_eq!(compare.status, StatusCode::OK);
    assert_eq!(compare.body.matches("id=\"answer\"").count(), 2);
    assert!(text(&compare.body).contains("Digital channel"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_class_answer_is_byte_identical_to_resim_whatif_on_the_same_class() {
    let dir = tempdir();
    let app = app(dir.path());
    let answer = ask(&app, CLASS_FORM).await;
    let name = answer.rsplit('/').next().unwrap();
    let classes = dir.path().join("results/.studio/classes");
    let class: PathBuf = std::fs::read_dir(&classes)
        .unwrap()
        .next()
        .expect("the class's scenario file")
        .unwrap()
        .path();
    let cli = dir.path().join("cli");
    let out = resim_in(
        dir.path(),
        &[
            "whatif",
            class.to_str().unwrap(),
            "--add",
            "contact_book",
            "--set",
            "contact_book.frequency=daily",
            "--out",
            cli.to_str().unwrap(),
            "-q",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    same_files(&dir.path().join("results").join(name), &cli, RUN_FILES);
    same_files(
        &dir.path().join("results").join(name),
        &cli,
        &["scenario.toml"],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_class_input_is_worded_in_the_pages_language() {
    let dir = tempdir();
    let app = app(dir.path());
    let beside = |body: &str, field: &str| {
        body.split(&format!("id=\"error-{field}\">"))
            .nth(1)
            .and_then(|e| e.split('<').next())
            .unwrap_or_else(|| panic!("no error beside {field}: {body}"))
            .replace("&#96;", "`")
    };
    let p = post(
        &app,
        "/class?lang=zh-CN",
        "class_size=45&grade=8&left_behind=35&area=forest&try=contact_book",
    )
    .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.body.contains("<html lang=\"zh-CN\">"));
    assert_eq!(
        beside(&p.body, "area"),
        "population.rural_share：`forest`；有效值：`rural`, `urban`"
    );
    let p = post(
        &app,
        "/class?lang=en",
        "class_size=45&grade=8&left_behind=35&area=forest&try=contact_book",
    )
    .await;
    assert_eq!(
        beside(&p.body, "area"),
        "population.rural_share: `forest`; valid: `rural`, `urban`"
    );
    // The loader's own messages, with the key and what is valid.
    let p = post(
        &app,
        "/class?lang=zh-CN",
        "class_size=0&grade=8&left_behind=35&area=rural&try=contact_book",
    )
    .await;
    assert_eq!(
        beside(&p.body, "class_size"),
        "population.class_size：至少应为 1；有效值：1 或更大的整数"
    );
    let p = post(
        &app,
        "/class?lang=zh-CN",
        "class_size=45&grade=13&left_behind=35&area=rural&try=contact_book",
    )
    .await;
    assert_eq!(
        beside(&p.body, "grade"),
        "population.grades：不存在 13 年级；有效值：1 到 12 年级"
    );
    let p = post(
        &app,
        "/class?lang=zh-CN",
        "class_size=forty&grade=8&left_behind=35&area=rural&try=contact_book",
    )
    .await;
    assert_eq!(
        beside(&p.body, "class_size"),
        "population.class_size：`forty` 不是数字；有效值：学生人数（整数），例如 45"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_class_input_shows_the_loaders_message_beside_its_field() {
    let dir = tempdir();
    let app = app(dir.path());
    let p = post(
        &app,
        "/class",
        "class_size=0&grade=8&left_behind=35&area=rural&now=termly_conference&try=contact_book",
    )
    .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    let err = p
        .body
        .split("id=\"error-class_size\">")
        .nth(1)
        .expect("an error beside the class size");
    assert!(err.starts_with("population.class_size:"), "{err}");
    // The form keeps what was typed.
    assert!(p.body.contains("value=\"0\""));

    let p = post(
        &app,
        "/class",
        "class_size=45&grade=13&left_behind=35&area=rural&try=contact_book",
    )
    .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(
        p.body.contains("id=\"error-grade\">population.grades"),
        "{}",
        p.body
    );

    let p = post(
        &app,
        "/class",
        "class_size=45&grade=8&left_behind=120&area=rural&try=contact_book",
    )
    .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(
        p.body
            .contains("id=\"error-left_behind\">population.left_behind")
    );

    let p = post(
        &app,
        "/class",
        "class_size=forty&grade=8&left_behind=35&area=rural&try=contact_book",
    )
    .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.body.contains("`forty` is not a number"));

    // A setting out of range: the what-if job's message, beside the
    // setting, the component's own problem in the page's language.
    for (lang, expected) in [
        (
            "en",
            "contact_book.coverage: 7 is out of range; valid: a number from 0 to 1<",
        ),
        (
            "zh-CN",
            "contact_book.coverage：7 超出范围；有效值：0 到 1 之间的数<",
        ),
    ] {
        let p = post(
            &app,
            &format!("/class?lang={lang}"),
            "class_size=45&grade=8&left_behind=35&area=rural&try=contact_book&set.contact_book.coverage=7",
        )
        .await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{lang}");
        let err = p
            .body
            .split("id=\"error-set.contact_book.coverage\">")
            .nth(1)
            .unwrap_or_else(|| panic!("{lang}: an error beside the coverage"));
        assert!(err.starts_with(expected), "{lang}: {err}");
    }
    // Nothing changes: said, not run.
    let p = post(
        &app,
        "/class",
        "class_size=45&grade=8&left_behind=35&area=rural&now=termly_conference",
    )
    .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.body.contains("nothing changes"));
    // No results folder was made for any of them.
    assert!(studio::names::list(&dir.path().join("results"), false).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_in_requests_cannot_reach_outside_the_results_folder() {
    let dir = tempdir();
    std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    let app = app(dir.path());
    let answer = ask(&app, CLASS_FORM).await;
    let name = answer.rsplit('/').next().unwrap();
    // A link inside the results folder is not followed.
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("secret.txt"),
        dir.path().join("results").join(name).join("link.csv"),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), dir.path().join("results/outside")).unwrap();
    for uri in [
        "/files/..%2F..%2Fsecret.txt/x".to_string(),
        format!("/files/{name}/..%2F..%2F..%2Fsecret.txt"),
        format!("/files/{name}/%2E%2E"),
        "/results/..".to_string(),
        "/results/.studio".to_string(),
        "/class/answers/..%2Fsecret.txt".to_string(),
        "/class/compare?a=../secret.txt".to_string(),
        "/runs/..%2F..%2Fsecret.txt".to_string(),
    ] {
        let p = get(&app, &uri).await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(
            !p.body.contains("secret\n") && !p.body.contains(">secret<"),
            "{uri}"
        );
    }
    for uri in [
        format!("/files/{name}/link.csv"),
        "/files/outside/secret.txt".to_string(),
        "/results/outside".to_string(),
        format!("/files/{name}/no_such.csv"),
    ] {
        let p = get(&app, &uri).await;
        assert_eq!(p.status, StatusCode::NOT_FOUND, "{uri}");
    }
    let p = post(&app, "/runs", "kind=run&scenario=..%2Fsecret.txt").await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(
        p.body
            .contains("not a bundled scenario nor a file of the scenarios folder")
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("secret.txt")).unwrap(),
        "secret"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn foreign_hosts_other_sites_and_large_bodies_are_refused() {
    let dir = tempdir();
    let app = app(dir.path());
    // DNS rebinding: a page of another name that resolves here.
    let req = Request::get("/class")
        .header(header::HOST, "evil.example:8080")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, req).await.status, StatusCode::FORBIDDEN);
    // localhost is this server.
    let req = Request::get("/class")
        .header(header::HOST, format!("localhost:{}", app.addr.port()))
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, req).await.status, StatusCode::OK);
    // A form posted from another site, or with no origin at all (CSRF).
    for origin in [Some("http://evil.example"), None] {
        let mut req = Request::post("/runs")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        let p = send(
            &app,
            req.body(Body::from("kind=run&scenario=quickstart"))
                .unwrap(),
        )
        .await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{origin:?}");
    }
    assert!(studio::names::list(&dir.path().join("results"), false).is_empty());
    // A body over the cap.
    let big = format!(
        "class_size=45&pad={}",
        "x".repeat(studio::MAX_BODY_BYTES + 10)
    );
    let p = post(&app, "/class", &big).await;
    assert_eq!(p.status, StatusCode::PAYLOAD_TOO_LARGE);
}

/// An address of this machine beyond the loopback (the one it reaches
/// other machines from), if it has one.
fn outward_address() -> Option<IpAddr> {
    let probe = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    // Connecting a UDP socket sends nothing: it only picks the route.
    probe.connect("192.0.2.10:9").ok()?;
    let ip = probe.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn beyond_the_loopback_every_request_needs_the_token() {
    let dir = tempdir();
    let mut c = config(dir.path());
    c.addr = "0.0.0.0:0".parse().unwrap();
    let e = start(c.clone()).err().expect("refused without a token");
    assert!(e.to_string().contains("needs --token"), "{e}");
    let Some(ip) = outward_address() else {
        eprintln!("skipped the token checks: this machine has no address beyond the loopback");
        return;
    };
    c.addr = SocketAddr::new(ip, 0);
    c.token = Some("s3cret".into());
    let app = start(c).expect("the studio starts with a token");
    let req = |uri: &str, cookie: Option<&str>| {
        let mut r = Request::get(uri);
        if let Some(c) = cookie {
            r = r.header(header::COOKIE, c);
        }
        r.body(Body::empty()).unwrap()
    };
    assert_eq!(
        send(&app, req("/class", None)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&app, req("/class?token=wrong", None)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let ok = send(&app, req("/class?token=s3cret", None)).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(
        ok.cookies
            .iter()
            .any(|c| c.starts_with("resim_token=s3cret"))
    );
    let again = send(&app, req("/runs", Some("resim_token=s3cret"))).await;
    assert_eq!(again.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_from_the_browser_is_byte_identical_to_resim_run() {
    let dir = tempdir();
    let app = app(dir.path());
    let p = post(
        &app,
        "/runs",
        "kind=run&scenario=quickstart&replicates=3&seed=7",
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    assert_eq!(p.location, "/runs/quickstart");
    // Progress events end with the job done.
    let events = get(&app, "/runs/quickstart/events").await;
    assert!(events.body.contains("event: progress"), "{}", events.body);
    assert!(
        events.body.contains("\"state\":\"done\""),
        "{}",
        events.body
    );
    let page = finished(&app, "quickstart").await;
    assert!(page.body.contains("data-state=\"done\""), "{}", page.body);
    let cli = dir.path().join("cli");
    let out = resim_in(
        dir.path(),
        &[
            "run",
            "quickstart",
            "--replicates",
            "3",
            "--seed",
            "7",
            "--out",
            cli.to_str().unwrap(),
            "-q",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    same_files(&dir.path().join("results/quickstart"), &cli, RUN_FILES);
    // The viewer: the strategies table, the report and every file.
    let view = get(&app, "/results/quickstart").await;
    assert_eq!(view.status, StatusCode::OK);
    assert!(view.body.contains("full_programme"));
    for f in RUN_FILES.iter().chain(&["manifest.json", "report.html"]) {
        assert!(view.body.contains(&format!("/files/quickstart/{f}")), "{f}");
        let d = get(&app, &format!("/files/quickstart/{f}")).await;
        assert_eq!(d.status, StatusCode::OK, "{f}");
    }
    // A second run of the same scenario gets its own folder.
    let p = post(&app, "/runs", "kind=run&scenario=quickstart&replicates=2").await;
    assert_eq!(p.location, "/runs/quickstart-2");
    finished(&app, "quickstart-2").await;
    // Bad input: the loader's own message, 400.
    let p = post(&app, "/runs", "kind=sweep&scenario=quickstart").await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.body.contains("has no [sweep] section"));
    let p = post(&app, "/runs", "kind=run&scenario=quickstart&replicates=0").await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.body.contains("replicates"), "{}", p.body);
}

/// A run whose burn-in is too short warns in the browser as on the command
/// line: the job page, the results page and the run's report show the
/// steady-state warning word for word as `resim run` prints it, in Chinese
/// on a Chinese page; the job's record keeps it, so the warning is still
/// there after the studio restarts. A run that settled shows no warning,
/// and its report states the check as `resim check` prints it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runs_steady_state_warning_reaches_every_page_in_its_language() {
    let dir = tempdir();
    let app = app(dir.path());
    let scenario = dir.path().join("scenarios/short_burn_in.toml");
    std::fs::write(
        &scenario,
        "name = \"short_burn_in\"\n[calendar]\nburn_in_weeks = 60\n[population]\nschools = 1\nclasses_per_school = 1\nclass_size = 30\n[strategies.usual_practice]\ncomponents = []\n[strategies.contact_book]\ncomponents = [\"contact_book\"]\n",
    )
    .unwrap();
    let cli = dir.path().join("cli");
    let out = resim_in(
        dir.path(),
        &[
            "run",
            scenario.to_str().unwrap(),
            "--replicates",
            "2",
            "--out",
            cli.to_str().unwrap(),
            "-q",
        ],
    );
    assert!(out.status.success());
    let printed = stderr(&out);
    let warning = printed
        .lines()
        .find(|l| l.starts_with("warning: steady state: 60 burn-in weeks"))
        .unwrap_or_else(|| panic!("the CLI warns: {printed}"))
        .to_string();
    // A page's words, its entities read back.
    let words = |html: &str| {
        text(html)
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    };

    let p = post(
        &app,
        "/runs",
        "kind=run&scenario=short_burn_in.toml&replicates=2",
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let page = finished(&app, "short_burn_in").await;
    assert!(page.body.contains("data-state=\"done\""), "{}", page.body);
    assert!(words(&page.body).contains(&warning), "{}", page.body);
    let chinese = words(&get(&app, "/runs/short_burn_in?lang=zh-CN").await.body);
    assert!(
        chinese.contains("警告：稳态：预热期 60 周（1.15 年）；未测量漂移：预热期短于两年")
            && chinese.contains("请把 calendar.burn_in_weeks 设为 104 或更多（整年）")
            && !chinese.contains("warning: steady state"),
        "{chinese}"
    );
    // The progress events carry the notes too, for a page open while the
    // job runs.
    let events = get(&app, "/runs/short_burn_in/events?lang=zh-CN").await;
    assert!(
        events
            .body
            .contains("\"notes\":[\"警告：稳态：预热期 60 周"),
        "{}",
        events.body
    );
    // The results page and the run's report say it too, before any figure.
    let results = get(&app, "/results/short_burn_in").await;
    assert!(results.body.contains("id=\"steady-state\""));
    assert!(words(&results.body).contains(&warning), "{}", results.body);
    let results = words(&get(&app, "/results/short_burn_in?lang=zh-CN").await.body);
    assert!(results.contains("警告：稳态：预热期 60 周"), "{results}");
    let report = get(&app, "/files/short_burn_in/report.html").await.body;
    let at = report
        .find("id=\"steady-state\"")
        .expect("the report warns");
    assert!(at < report.find("id=\"findings\"").unwrap());
    assert!(words(&report).contains("Read with care: "));
    assert!(words(&report).contains(&warning), "{report}");

    // A run with nothing to say shows no notes and no warning; its report
    // states the check as `resim check` prints it.
    let p = post(&app, "/runs", "kind=run&scenario=quickstart&replicates=1").await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let quiet = finished(&app, "quickstart").await;
    assert!(
        quiet
            .body
            .contains("<section id=\"job-notes\" class=\"warning\" hidden>")
    );
    assert!(!words(&quiet.body).contains("steady state"));
    let results = get(&app, "/results/quickstart").await.body;
    assert!(!results.contains("id=\"steady-state\""));
    let report = get(&app, "/files/quickstart/report.html").await.body;
    assert!(!report.contains("id=\"steady-state\""));
    let check = stderr(&resim_in(dir.path(), &["check", "quickstart"]));
    let line = check
        .lines()
        .find(|l| l.starts_with("steady state: 156 burn-in weeks"))
        .unwrap_or_else(|| panic!("resim check states the check: {check}"));
    assert!(
        words(&report).contains(&format!("steady state of the burn-in (resim check){line}")),
        "{report}"
    );
    app.stop().await;

    let again = self::app(dir.path());
    let page = get(&again, "/runs/short_burn_in").await;
    assert!(words(&page.body).contains(&warning), "{}", page.body);
    again.stop().await;
}

/// A record of a job that said more than a record keeps lists the notes
/// it kept and how many more there were, in the page's language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_page_counts_the_notes_its_record_left_out() {
    let dir = tempdir();
    let jobs = dir.path().join("results/.studio/jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    std::fs::write(
        jobs.join("quickstart_sweep-sweep.json"),
        r#"{"id":"quickstart_sweep-sweep","kind":"sweep","scenario":"quickstart_sweep","replicates":2,"seed":null,"state":"done","message":null,
"notes":[{"id":"note-point-again","args":{"point":"3","why":{"id":"problem-verbatim","args":{"text":"bad entry"}}}}],"notes_left_out":480}"#,
    )
    .unwrap();
    let app = app(dir.path());
    let page = text(&get(&app, "/runs/quickstart_sweep-sweep").await.body);
    assert!(
        page.contains("bad entry; point 3 is computed again"),
        "{page}"
    );
    assert!(page.contains("… and 480 more, not kept"), "{page}");
    let page = text(
        &get(&app, "/runs/quickstart_sweep-sweep?lang=zh-CN")
            .await
            .body,
    );
    assert!(page.contains("bad entry；点 3 将重新计算"), "{page}");
    assert!(page.contains("……另有 480 条，未保存"), "{page}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_job_is_cancelled_and_leaves_no_results() {
    let dir = tempdir();
    let app = app(dir.path());
    let p = post(
        &app,
        "/runs",
        "kind=run&scenario=quickstart&replicates=5000",
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    // Wait until it runs, then stop it.
    for _ in 0..400 {
        if get(&app, "/runs/quickstart")
            .await
            .body
            .contains("data-state=\"running\"")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let c = post(&app, "/runs/quickstart/cancel", "").await;
    assert_eq!(c.status, StatusCode::SEE_OTHER);
    let page = finished(&app, "quickstart").await;
    assert!(
        page.body.contains("data-state=\"cancelled\""),
        "{}",
        page.body
    );
    assert!(!dir.path().join("results/quickstart/manifest.json").exists());
    // A run is not resumable: the page says to start it again.
    assert!(!page.body.contains("id=\"resume\""));
}

/// The CLI's resource guards apply to the studio's jobs: a run beyond the
/// work limit is refused with the guard's message, before any student is
/// made, and leaves no results.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_beyond_the_clis_resource_guards_is_refused() {
    let dir = tempdir();
    let app = app(dir.path());
    std::fs::write(
        dir.path().join("scenarios/county_wide.toml"),
        "name = \"county_wide\"\n[population]\nschools = 2000\nclasses_per_school = 100\nclass_size = 100\n[strategies.usual_practice]\ncomponents = []\n[strategies.contact_book]\ncomponents = [\"contact_book\"]\n",
    )
    .unwrap();
    let p = post(
        &app,
        "/runs",
        "kind=run&scenario=county_wide.toml&replicates=5000",
    )
    .await;
    let says = if p.status == StatusCode::SEE_OTHER {
        let page = finished(&app, "county_wide").await;
        assert!(
            page.body.contains("data-state=\"failed\""),
            "{}",
            text(&page.body)
        );
        text(&page.body)
    } else {
        assert_eq!(p.status, StatusCode::BAD_REQUEST);
        text(&p.body)
    };
    assert!(
        says.contains(
            "student-weeks, more than the limit of 10000000000000 student-weeks for one run"
        ),
        "{says}"
    );
    assert!(!dir.path().join("results/county_wide").exists());
}

/// Job records as an older studio wrote them (`"message": ""`), left
/// queued or running, with a sweep cut off by the CLI: a plain run is
/// listed as interrupted and not resumable, the sweep resumes to the CLI's
/// bytes and is drawn by the viewer, and records survive a graceful stop.
/// (tests/it/studio_restart.rs kills a real `resim serve` mid-sweep.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_restart_jobs_are_listed_and_an_interrupted_sweep_resumes() {
    let dir = tempdir();
    let results = dir.path().join("results");
    std::fs::create_dir_all(&results).unwrap();
    // A sweep cut off after 5 points, as a server stopped mid-job leaves it.
    let out = results.join("quickstart_sweep-sweep");
    let o = resim_in(
        dir.path(),
        &[
            "sweep",
            "quickstart_sweep",
            "--replicates",
            "2",
            "--out",
            out.to_str().unwrap(),
            "--stop-after-points",
            "5",
            "-q",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let jobs = results.join(".studio/jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    std::fs::write(
        jobs.join("quickstart_sweep-sweep.json"),
        r#"{"id":"quickstart_sweep-sweep","kind":"sweep","scenario":"quickstart_sweep","replicates":2,"seed":null,"state":"running","message":""}"#,
    )
    .unwrap();
    std::fs::write(
        jobs.join("quickstart.json"),
        r#"{"id":"quickstart","kind":"run","scenario":"quickstart","replicates":2,"seed":null,"state":"queued","message":""}"#,
    )
    .unwrap();
    let app = app(dir.path());
    let runs = get(&app, "/runs").await;
    assert_eq!(
        runs.body.matches("class=\"state-interrupted\"").count(),
        2,
        "{}",
        runs.body
    );
    let run = get(&app, "/runs/quickstart").await;
    assert!(run.body.contains("cannot be resumed"));
    let sweep = get(&app, "/runs/quickstart_sweep-sweep").await;
    assert!(sweep.body.contains("id=\"resume\""));
    let r = post(&app, "/runs/quickstart_sweep-sweep/resume", "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let done = finished(&app, "quickstart_sweep-sweep").await;
    assert!(done.body.contains("data-state=\"done\""), "{}", done.body);
    // The resumed sweep is the uninterrupted CLI sweep, byte for byte.
    let cli = dir.path().join("cli");
    let o = resim_in(
        dir.path(),
        &[
            "sweep",
            "quickstart_sweep",
            "--replicates",
            "2",
            "--out",
            cli.to_str().unwrap(),
            "-q",
        ],
    );
    assert!(o.status.success());
    same_files(&out, &cli, &["sweep.csv"]);
    // The viewer draws a chart per swept parameter.
    let view = get(&app, "/results/quickstart_sweep-sweep").await;
    for p in ["stress.academic_load", "population.rural_share"] {
        assert!(
            view.body
                .contains(&format!("Change in resilience against {p}")),
            "{p}"
        );
    }
    // A job record survives: the server stops, and a second one on the
    // same folder still lists it as done.
    let first = app.addr;
    app.stop().await;
    let client: Client<HttpConnector, Body> = Client::builder(TokioExecutor::new()).build_http();
    assert!(
        client
            .get(Uri::try_from(format!("http://{first}/runs")).unwrap())
            .await
            .is_err(),
        "the first server still answers"
    );
    let again = self::app(dir.path());
    let list = get(&again, "/runs").await;
    assert!(list.body.contains("class=\"state-done\""));
}

#[test]
fn both_catalogues_hold_the_same_messages_and_every_component() {
    let ids: Vec<Vec<String>> = SOURCES.iter().map(|(_, t)| i18n::ids(t)).collect();
    assert_eq!(
        ids[0], ids[1],
        "en and zh-CN list the same ids in the same order"
    );
    for (lang, text) in SOURCES {
        fluent_parses(text, lang);
        for c in REGISTRY {
            for id in [
                format!("component-{}", c.name),
                format!("component-{}-help", c.name),
            ] {
                assert!(i18n::has(lang, &id), "{id} missing in {}", lang.code());
            }
        }
    }
}

fn fluent_parses(text: &str, lang: Lang) {
    // Every id the text lists is a message the bundle holds.
    for id in i18n::ids(text) {
        assert!(
            i18n::has(lang, &id),
            "{id} in {} does not parse",
            lang.code()
        );
    }
}

/// Whether `text` holds `phrase` as words, not inside a name such as
/// `rural_schools` or `quickstart-2`.
fn has_words(text: &str, phrase: &str) -> bool {
    let name =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    text.match_indices(phrase).any(|(i, _)| {
        !name(text[..i].chars().next_back()) && !name(text[i + phrase.len()..].chars().next())
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chinese_pages_have_no_english_left_from_the_catalogue() {
    let dir = tempdir();
    let app = app(dir.path());
    let answer = ask(&app, CLASS_FORM).await;
    // English messages that are not the same in Chinese (names of languages are).
    let english: Vec<String> = i18n::ids(SOURCES[0].1)
        .into_iter()
        .map(|id| (i18n::tr(Lang::En, &id, &[]), i18n::tr(Lang::ZhCn, &id, &[])))
        .filter(|(en, zh)| en != zh && en.len() > 3 && !en.contains('{'))
        .map(|(en, _)| en)
        .collect();
    for uri in [
        "/class",
        answer.as_str(),
        "/class/compare",
        "/scenarios",
        "/scenarios/quickstart",
        "/runs",
        "/results",
    ] {
        let p = get(&app, &format!("{uri}?lang=zh-CN")).await;
        assert_eq!(p.status, StatusCode::OK, "{uri}");
        // Every page switches language.
        for lang in ["en", "zh-CN"] {
            assert!(
                p.body.contains(&format!("hreflang=\"{lang}\"")),
                "{uri}: {lang} link"
            );
        }
        assert!(p.body.contains("<html lang=\"zh-CN\">"));
        assert!(p.cookies.iter().any(|c| c.starts_with("resim_lang=zh-CN")));
        // The Scenarios pages show the scenarios' own descriptions and the
        // registry's meanings, which are English data, not catalogue text.
        if uri.starts_with("/scenarios") {
            continue;
        }
        let words = text(&p.body);
        for en in &english {
            assert!(!has_words(&words, en), "{uri}: English left: {en}");
        }
    }
    let p = get(&app, "/class?lang=zh-CN").await;
    assert!(text(&p.body).contains("问问我的班级"));
    let zh = text(&get(&app, &format!("{answer}?lang=zh-CN")).await.body);
    assert!(zh.contains("95% 区间") && zh.contains(" 至 "), "{zh}");
    // The choice is remembered: a cookie, then every page in Chinese.
    let req = Request::get("/runs")
        .header(header::COOKIE, "resim_lang=zh-CN")
        .body(Body::empty())
        .unwrap();
    assert!(send(&app, req).await.body.contains("<html lang=\"zh-CN\">"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_morris_analysis_is_shown_as_ranked_indices_with_intervals() {
    let dir = tempdir();
    let app = app(dir.path());
    let p = post(
        &app,
        "/runs",
        "kind=morris&scenario=quickstart_sweep&replicates=1",
    )
    .await;
    assert_eq!(p.location, "/runs/quickstart_sweep-morris", "{}", p.body);
    let done = finished(&app, "quickstart_sweep-morris").await;
    assert!(done.body.contains("data-state=\"done\""), "{}", done.body);
    let view = get(&app, "/results/quickstart_sweep-morris").await;
    assert_eq!(view.status, StatusCode::OK);
    let chart = view
        .body
        .split("aria-label=\"mu_star of each parameter, largest first")
        .nth(1)
        .expect("a chart of mu_star")
        .split("</svg>")
        .next()
        .unwrap();
    // Bars in decreasing order of the estimate, as sensitivity.csv has them.
    let rows = super::common::rows(
        &dir.path()
            .join("results/quickstart_sweep-morris/sensitivity.csv"),
    );
    let mut mu: Vec<(f64, String)> = rows
        .iter()
        .filter(|r| r["index"] == "mu_star" && r["estimate"] != "NA")
        .map(|r| (super::common::num(&r["estimate"]), r["parameter"].clone()))
        .collect();
    mu.sort_by(|a, b| b.0.total_cmp(&a.0));
    let shown: Vec<&str> = chart
        .split("text-anchor=\"end\">")
        .skip(1)
        .map(|t| t.split('<').next().unwrap())
        .collect();
    let expected: Vec<&str> = mu.iter().map(|(_, p)| p.as_str()).collect();
    assert_eq!(shown, expected);
    assert_eq!(
        chart.matches("<line").count(),
        expected.len(),
        "an interval per bar"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_downloads_in_the_pages_language() {
    let dir = tempdir();
    let app = app(dir.path());
    // Asked in English: the report on disk is English; the page in Chinese
    // downloads the same report drawn in Chinese, and English again in English.
    let answer = ask(&app, CLASS_FORM).await;
    let name = answer.rsplit('/').next().unwrap().to_string();
    let on_disk = dir.path().join("results").join(&name).join("report.html");
    let english = std::fs::read_to_string(&on_disk).unwrap();
    assert!(english.contains("<html lang=\"en\">"));
    let zh = get(&app, &format!("/files/{name}/report.html?lang=zh-CN")).await;
    assert_eq!(zh.status, StatusCode::OK);
    assert!(zh.body.contains("<html lang=\"zh-CN\">"));
    for words in ["各项策略的效果", "这一假设改变", "设置与复现"] {
        assert!(zh.body.contains(words), "{words}");
    }
    assert!(!zh.body.contains("What each strategy did"));
    assert_eq!(
        std::fs::read_to_string(&on_disk).unwrap(),
        english,
        "the file on disk is left alone"
    );
    let en = get(&app, &format!("/files/{name}/report.html?lang=en")).await;
    assert_eq!(en.body, english);
    // Asked in Chinese: the report is written in Chinese.
    let p = post(
        &app,
        "/class?lang=zh-CN",
        &CLASS_FORM.replace("class_size=45", "class_size=44"),
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let name = p.location.rsplit('/').next().unwrap().to_string();
    let written =
        std::fs::read_to_string(dir.path().join("results").join(&name).join("report.html"))
            .unwrap();
    assert!(written.contains("<html lang=\"zh-CN\">") && written.contains("各项策略的效果"));
    // The answer page's download link serves it in the page's language.
    let page = get(&app, &format!("{}?lang=zh-CN", p.location)).await;
    assert!(page.body.contains(&format!("/files/{name}/report.html")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_runs_form_exposes_sizes_and_objective_with_their_ranges_and_messages() {
    let dir = tempdir();
    let app = app(dir.path());
    let page = get(&app, "/runs").await;
    for (id, range) in [
        ("trajectories", "2 to 10000; empty is 10."),
        ("levels", "2 to 100; empty is 4."),
        ("samples", "2 to 1000000; empty is 64."),
        ("bootstrap", "0 to 100000; empty is 1000."),
    ] {
        assert!(page.body.contains(&format!("<label for=\"{id}\">")), "{id}");
        assert!(
            page.body.contains(&format!("name=\"{id}\" id=\"{id}\"")),
            "{id}"
        );
        assert!(text(&page.body).contains(range), "{id}: {range}");
    }
    for id in ["outcome", "subgroup", "max_cost", "max_hours"] {
        assert!(page.body.contains(&format!("<label for=\"{id}\">")), "{id}");
    }
    assert!(page.body.contains("<option value=\"depressive\">"));
    assert!(
        page.body
            .contains("<option value=\"left_behind\">left-behind students</option>")
    );
    // What each job does, in both languages.
    let words = text(&page.body);
    assert!(words.contains("variance among the [sweep] parameters: Sobol"));
    let zh = text(&get(&app, "/runs?lang=zh-CN").await.body);
    assert!(zh.contains("把结局的方差分解到 [sweep] 各参数上"));
    assert!(zh.contains("2 至 10000；留空为 10。"));
    // The job layer's own messages, beside the field they are about.
    std::fs::write(
        dir.path().join("scenarios/small_sweep.toml"),
        super::studio_jobs::SMALL_SWEEP,
    )
    .unwrap();
    for (form, field, message) in [
        (
            "kind=morris&scenario=small_sweep.toml&trajectories=1",
            "trajectories",
            "--trajectories 1: valid is 2 to 10000",
        ),
        (
            "kind=morris&scenario=small_sweep.toml&levels=5",
            "levels",
            "--levels 5: valid is an even number from 2 to 100",
        ),
        (
            "kind=sobol&scenario=small_sweep.toml&samples=1",
            "samples",
            "--samples 1: valid is 2 to 1000000",
        ),
        (
            "kind=sobol&scenario=small_sweep.toml&bootstrap=100001",
            "bootstrap",
            "--bootstrap 100001: valid is 0 to 100000",
        ),
        (
            "kind=morris&scenario=small_sweep.toml&trajectories=many",
            "trajectories",
            "--trajectories `many`: not a whole number",
        ),
        (
            "kind=optimise&scenario=quickstart&outcome=happiness",
            "outcome",
            "--outcome `happiness`: unknown outcome",
        ),
        (
            "kind=optimise&scenario=quickstart&subgroup=tall",
            "subgroup",
            "--subgroup `tall`: unknown subgroup",
        ),
        (
            "kind=optimise&scenario=quickstart&max_hours=-1",
            "max_hours",
            "--max-hours -1: valid is a number of 0 or more",
        ),
    ] {
        let p = post(&app, "/runs", form).await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{form}");
        let id = format!("id=\"error-{field}\">");
        let at = p
            .body
            .find(&id)
            .unwrap_or_else(|| panic!("{form}: no message beside {field}: {}", text(&p.body)));
        let shown = &p.body[at + id.len()..];
        let shown = &shown[..shown.find('<').unwrap()];
        assert!(
            shown
                .replace("&#96;", "`")
                .replace("&#x60;", "`")
                .contains(message),
            "{form}: {shown}"
        );
        assert!(
            p.body
                .contains(&format!("aria-describedby=\"error-{field}\"")),
            "{form}"
        );
    }
    // The sizes chosen are the job's: a Morris analysis of 3 trajectories
    // on 6 levels is the CLI's with the same flags.
    let p = post(
        &app,
        "/runs",
        "kind=morris&scenario=small_sweep.toml&replicates=1&trajectories=3&levels=6&bootstrap=50",
    )
    .await;
    assert_eq!(p.location, "/runs/small_sweep-morris", "{}", text(&p.body));
    let done = finished(&app, "small_sweep-morris").await;
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
            "morris",
            "--replicates",
            "1",
            "--trajectories",
            "3",
            "--levels",
            "6",
            "--bootstrap",
            "50",
            "--out",
            "cli-morris",
            "--quiet",
        ],
    );
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    for f in ["sensitivity.csv", "sensitivity_points.csv"] {
        assert_eq!(
            std::fs::read(dir.path().join("results/small_sweep-morris").join(f)).unwrap(),
            std::fs::read(dir.path().join("cli-morris").join(f)).unwrap(),
            "{f}"
        );
    }
}
