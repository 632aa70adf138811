//! The studio: `resim serve`, a local web application for educators and
//! planners over the library job layer ([`crate::jobs`]), so a result from
//! the browser is the CLI's, byte for byte, in the same results layout.
//!
//! | page | path | what it does |
//! |---|---|---|
//! | Ask about my class | `/class` | a class and components → the what-if job → the answer in words, a picture of the class, teacher time; saved answers compared side by side |
//! | Scenarios | `/scenarios` | the bundled scenarios and the user's, each as a form built from the parameter and component registries, checked by the CLI's loader (its messages beside their fields), saved as `resim check` prints it, duplicated, downloaded |
//! | Runs | `/runs` | runs, sweeps and Morris analyses of a bundled or user scenario in a bounded queue, with live progress (server-sent events), cancel and resume |
//! | Results | `/results` | every results folder: a run's report, a sweep's chart per swept parameter, a sensitivity analysis's ranked indices, every file to download |
//!
//! The stack: axum on tokio, pages rendered on the server from minijinja
//! templates (`src/studio/templates/`), words from the Fluent catalogues
//! ([`i18n`]: English and Simplified Chinese, switchable on every page with
//! `?lang=`), charts drawn as SVG on the server, no script from elsewhere
//! and no network use at run time (the only script is the page's own few
//! lines reading progress events).
//!
//! Safety: binds 127.0.0.1 unless told otherwise, and any other address
//! needs a token on every request; the Host header must name the server
//! (DNS rebinding); a state-changing request must come from the studio's
//! own pages (its Origin, else its Referer, names the server); request
//! bodies are capped; every name in a request is checked against the
//! folder's own listing ([`names`]); the studio writes only inside its
//! results folder, through the output layer (never through a link).
//!
//! Load: class questions are answered [`ASKS_AT_ONCE`] at a time, and at
//! most [`Config::asks_waiting`] wait their turn; a question beyond that is
//! answered at once with "busy" (503, `Retry-After`), the form as filled in.
//! Jobs wait in a bounded queue ([`runs`]).
//!
//! Stopping: when the server stops ([`serve`]'s shutdown, Ctrl-C or
//! SIGTERM for `resim serve`), the job queue stops first — running jobs
//! are asked to stop and recorded as interrupted (a sweep's finished points
//! saved, to be resumed), its worker threads joined — then open requests
//! end.

pub mod class;
pub mod i18n;
pub mod names;
pub mod results;
pub mod runs;
mod scenario_pages;
pub mod scenarios;
mod view;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Form, Path as UrlPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use minijinja::context;

use crate::jobs::JobError;
use crate::output;

use i18n::Lang;
use runs::{Kind, Message, Queue, QueueError, State as JobState};

/// How the studio is served.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on [default: 127.0.0.1:8080].
    pub addr: SocketAddr,
    /// The results folder: every answer and job lands here.
    pub results: PathBuf,
    /// The user's scenarios (TOML files), offered beside the bundled ones.
    pub scenarios: Option<PathBuf>,
    /// Jobs run at once.
    pub workers: usize,
    /// Jobs that may wait.
    pub queue: usize,
    /// Replicates of a class question (a second or two of work).
    pub class_replicates: u32,
    /// Worker threads of each job [default: every core].
    pub threads: Option<usize>,
    /// The token every request must carry (needed off the loopback).
    pub token: Option<String>,
    /// Class questions that may wait for their turn (beyond the
    /// [`ASKS_AT_ONCE`] being answered); more are told the studio is busy.
    pub asks_waiting: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            results: PathBuf::from("results"),
            scenarios: Some(PathBuf::from("scenarios")),
            workers: 1,
            queue: 8,
            class_replicates: CLASS_REPLICATES,
            threads: None,
            token: None,
            asks_waiting: ASKS_WAITING,
        }
    }
}

/// Replicates of a class question: 200 answer in a second or two on two
/// cores, with intervals a teacher can act on.
pub const CLASS_REPLICATES: u32 = 200;

/// Largest request body: a form is a few kilobytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Largest scenario form: every value of a scenario and every setting of
/// every component of each strategy (a few tens of kilobytes).
pub const MAX_SCENARIO_FORM_BYTES: usize = 1024 * 1024;

/// Class questions answered at once; more wait their turn.
pub const ASKS_AT_ONCE: usize = 2;

/// Class questions that may wait their turn by default
/// ([`Config::asks_waiting`]): 20 teachers asking at once are all answered.
pub const ASKS_WAITING: usize = 20;

/// The lock file a studio holds in its results folder while it serves
/// ([`output::Lock`]): a second studio on the same folder is refused, since
/// it would record the first one's running jobs as interrupted. A studio
/// that was killed leaves a stale lock, which the next one takes over.
pub const STUDIO_LOCK: &str = ".resim-studio.lock";

/// Seconds a browser is told to wait (`Retry-After`) when the studio is busy.
const RETRY_AFTER_SECONDS: &str = "5";

struct Studio {
    config: Config,
    env: minijinja::Environment<'static>,
    queue: Arc<Queue>,
    asks: tokio::sync::Semaphore,
    /// Class questions waiting for a turn now.
    asks_waiting: AtomicUsize,
}

type Shared = Arc<Studio>;

/// The studio ready to serve ([`app`]): its routes and its job queue,
/// which [`serve`] stops when the server stops.
pub struct Server {
    router: Router,
    queue: Arc<Queue>,
    /// This studio's claim on the results folder, released when the
    /// server is dropped (after [`serve`] returns).
    _lock: output::Lock,
}

impl Server {
    /// The job queue (e.g. to see that its workers stopped with the server).
    pub fn queue(&self) -> Arc<Queue> {
        Arc::clone(&self.queue)
    }
}

/// The studio over `config`: the results folder is made if missing and
/// claimed ([`STUDIO_LOCK`]; a folder another studio serves is refused), jobs
/// recorded there are listed (those cut off by a stop as interrupted) and
/// the job workers start; [`serve`] serves it.
pub fn app(config: Config) -> Result<Server, JobError> {
    if !config.addr.ip().is_loopback() && config.token.as_deref().is_none_or(str::is_empty) {
        return Err(JobError::input(format!(
            "--bind {}: serving beyond this machine needs --token (every request must carry it)",
            config.addr.ip()
        )));
    }
    let results = &config.results;
    if !results.is_dir() {
        std::fs::create_dir_all(results).map_err(|e| {
            JobError::input(format!(
                "cannot make the results folder {}: {e}",
                results.display()
            ))
        })?;
    }
    output::probe(results)?;
    let lock = output::Lock::acquire(&results.join(STUDIO_LOCK), results)?;
    let queue = Queue::start(
        results,
        config.scenarios.clone(),
        config.threads,
        config.workers,
        config.queue,
    );
    let studio = Arc::new(Studio {
        env: view::environment(),
        queue: Arc::clone(&queue),
        asks: tokio::sync::Semaphore::new(ASKS_AT_ONCE),
        asks_waiting: AtomicUsize::new(0),
        config,
    });
    let router = Router::new()
        .route("/", get(|| async { Redirect::to("/class") }))
        .route("/class", get(class_page).post(class_ask))
        .route("/class/answers/{name}", get(answer_page))
        .route("/class/compare", get(compare_page))
        .route("/scenarios", get(scenario_pages::list))
        .route(
            "/scenarios/{name}",
            get(scenario_pages::edit)
                .post(scenario_pages::submit)
                .layer(DefaultBodyLimit::max(MAX_SCENARIO_FORM_BYTES)),
        )
        .route("/scenarios/{name}/download", get(scenario_pages::download))
        .route(
            "/scenarios/{name}/duplicate",
            post(scenario_pages::duplicate),
        )
        .route("/runs", get(runs_page).post(runs_submit))
        .route("/runs/{id}", get(job_page))
        .route("/runs/{id}/events", get(job_events))
        .route("/runs/{id}/cancel", post(job_cancel))
        .route("/runs/{id}/resume", post(job_resume))
        .route("/results", get(results_list))
        .route("/results/{name}", get(results_page))
        .route("/files/{name}/{file}", get(download))
        .route("/files/{name}/plots/{file}", get(download_plot))
        .route("/static/sort.js", get(sort_script))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&studio),
            language,
        ))
        .layer(middleware::from_fn_with_state(Arc::clone(&studio), guard))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(studio);
    Ok(Server {
        router,
        queue,
        _lock: lock,
    })
}

/// Serves the studio `server` (from [`app`]) on `listener`, bound by the
/// caller (to port 0 for an ephemeral port), until `shutdown` finishes.
/// Then the job queue stops ([`Queue::shutdown`]: running jobs recorded as
/// interrupted, worker threads joined, waiting at most
/// [`runs::SHUTDOWN_WAIT`]) and open requests end (a job's progress stream
/// ends with its job) before it returns. [`run`] (`resim serve`) and the
/// HTTP tests start the studio this way, with [`app`] over a config whose
/// `addr` is the listener's.
pub async fn serve(
    server: Server,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let queue = server.queue();
    let stop_jobs =
        |q: Arc<Queue>| tokio::task::spawn_blocking(move || q.shutdown(runs::SHUTDOWN_WAIT));
    let first = Arc::clone(&queue);
    let served = axum::serve(listener, server.router)
        .with_graceful_shutdown(async move {
            shutdown.await;
            let _ = stop_jobs(first).await;
        })
        .await;
    // Also when the server failed: no worker outlives it.
    let _ = stop_jobs(queue).await;
    served
}

/// Ends when the process is asked to stop: Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// `resim serve`: binds, says where, opens a browser if asked, and serves
/// until Ctrl-C.
pub fn run(config: Config, open: bool) -> Result<(), JobError> {
    let server = app(config.clone())?;
    let queue = server.queue();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            JobError::Internal(
                crate::problem::Message::new("problem-internal-server-start").arg("message", e),
            )
        })?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| JobError::input(format!("cannot listen on {}: {e}", config.addr)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| JobError::internal(e.to_string()))?;
        let host = if addr.ip().is_loopback() {
            format!("127.0.0.1:{}", addr.port())
        } else {
            addr.to_string()
        };
        let url = match &config.token {
            Some(t) => format!("http://{host}/class?token={t}"),
            None => format!("http://{host}/class"),
        };
        println!(
            "resim studio: {url}  (results in {}; Ctrl-C stops)",
            config.results.display()
        );
        if open {
            let _ = std::process::Command::new("xdg-open")
                .arg(&url)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn();
        }
        let served = serve(server, listener, stop_signal()).await.map_err(|e| {
            JobError::Internal(
                crate::problem::Message::new("problem-internal-server-stopped").arg("message", e),
            )
        });
        if queue.workers_running() > 0 {
            eprintln!(
                "resim studio: a job did not stop within {} s; it is recorded as interrupted",
                runs::SHUTDOWN_WAIT.as_secs()
            );
        }
        served
    })
}

/// The host part of a Host or Origin value (`127.0.0.1:8080` → `127.0.0.1`).
fn host_of(value: &str) -> &str {
    let v = value
        .strip_prefix("http://")
        .or_else(|| value.strip_prefix("https://"))
        .unwrap_or(value);
    let v = v.split('/').next().unwrap_or(v);
    if let Some(rest) = v.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    v.rsplit_once(':').map_or(v, |(h, _)| h)
}

/// Whether `host` names this server: a loopback name when it listens on
/// the loopback, else its own address; listening on every address
/// (`0.0.0.0`, `::`), any address of the machine, written as an address
/// (a host name could be rebound; the token guards such a server too).
fn our_host(addr: &SocketAddr, host: &str) -> bool {
    match host.parse::<IpAddr>() {
        Ok(ip) => {
            ip == addr.ip()
                || (addr.ip().is_loopback() && ip.is_loopback())
                || (addr.ip().is_unspecified() && !ip.is_unspecified())
        }
        Err(_) => host.eq_ignore_ascii_case("localhost") && addr.ip().is_loopback(),
    }
}

/// The token of a request: `?token=` or the `resim_token` cookie.
fn given_token(uri: &Uri, headers: &HeaderMap) -> Option<String> {
    let from_query = uri.query().and_then(|q| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(q)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == "token")
            .map(|(_, v)| v)
    });
    from_query.or_else(|| cookie(headers, "resim_token"))
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Refuses a request that does not name this server in its Host header
/// (403), a state-changing request from another site (403), and, when
/// the studio has a token, a request without it (401).
async fn guard(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let lang = request_lang(req.uri(), req.headers());
    let deny = |status: StatusCode, id: &str| error_page(&s, lang, status, id, "");
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !our_host(&s.config.addr, host_of(host)) {
        return deny(StatusCode::FORBIDDEN, "error-host");
    }
    if req.method() != axum::http::Method::GET && req.method() != axum::http::Method::HEAD {
        let origin = req
            .headers()
            .get(header::ORIGIN)
            .or_else(|| req.headers().get(header::REFERER))
            .and_then(|h| h.to_str().ok());
        if !origin.is_some_and(|o| our_host(&s.config.addr, host_of(o))) {
            return deny(StatusCode::FORBIDDEN, "error-origin");
        }
    }
    let mut set_token = None;
    if let Some(token) = &s.config.token {
        let given = given_token(req.uri(), req.headers());
        if given.as_deref() != Some(token.as_str()) {
            return deny(StatusCode::UNAUTHORIZED, "error-token");
        }
        set_token = Some(token.clone());
    }
    let mut resp = next.run(req).await;
    if let Some(t) = set_token
        && let Ok(v) = HeaderValue::from_str(&format!(
            "resim_token={t}; Path=/; HttpOnly; SameSite=Strict"
        ))
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

/// The language of a request: `?lang=`, else the `resim_lang` cookie, else
/// the browser's first choice we have, else English.
fn request_lang(uri: &Uri, headers: &HeaderMap) -> Lang {
    query_lang(uri)
        .or_else(|| cookie(headers, "resim_lang").and_then(|c| Lang::parse(&c)))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|h| h.to_str().ok())
                .and_then(|h| {
                    h.split(',')
                        .filter_map(|p| Lang::parse(p.split(';').next().unwrap_or("")))
                        .next()
                })
        })
        .unwrap_or_default()
}

fn query_lang(uri: &Uri) -> Option<Lang> {
    uri.query().and_then(|q| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(q)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| Lang::parse(&v))
    })
}

/// Puts the request's language in its extensions; a `?lang=` choice is
/// remembered in a cookie.
async fn language(mut req: Request, next: Next) -> Response {
    let lang = request_lang(req.uri(), req.headers());
    let chosen = query_lang(req.uri());
    req.extensions_mut().insert(lang);
    let mut resp = next.run(req).await;
    if let Some(l) = chosen
        && let Ok(v) =
            HeaderValue::from_str(&format!("resim_lang={}; Path=/; SameSite=Strict", l.code()))
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

/// The language menu of a page at `path` (with its query): each
/// language's code and the page's address in it.
fn lang_links(path: &str) -> Vec<minijinja::Value> {
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let kept: Vec<(String, String)> = serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k != "lang")
        .collect();
    Lang::ALL
        .iter()
        .map(|l| {
            let mut q = kept.clone();
            q.push(("lang".into(), l.code().into()));
            let href = format!(
                "{base}?{}",
                serde_urlencoded::to_string(&q).unwrap_or_default()
            );
            context! { code => l.code(), href => href }
        })
        .collect()
}

/// Renders `template` with `ctx` and the page's common variables.
fn render(
    s: &Studio,
    lang: Lang,
    path: &str,
    template: &str,
    status: StatusCode,
    ctx: minijinja::Value,
) -> Response {
    let page = s.env.get_template(template).and_then(|t| {
        t.render(context! {
            lang => lang.code(),
            langs => lang_links(path),
            path => path,
            ..ctx
        })
    });
    match page {
        Ok(html) => (
            status,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            html,
        )
            .into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("template {template}: {e:#}"),
        )
            .into_response(),
    }
}

/// An error page: the catalogue's message `id` and a detail (a job's or
/// the loader's own message).
/// What a job-layer error says, in `lang`: a scenario's problems and the
/// job layer's typed messages worded in it (texts from elsewhere as written).
fn job_words(e: &JobError, lang: Lang) -> String {
    match e {
        JobError::Scenario(s) => s.in_lang(lang),
        e => e.message().render(lang),
    }
}

fn error_page(s: &Studio, lang: Lang, status: StatusCode, id: &str, detail: &str) -> Response {
    render(
        s,
        lang,
        "/",
        "error.html",
        status,
        context! { message_id => id, detail => detail, status => status.as_u16() },
    )
}

/// The one script of the studio's own: sortable tables.
async fn sort_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        include_str!("static/sort.js"),
    )
        .into_response()
}

async fn not_found(State(s): State<Shared>, Extension(lang): Extension<Lang>) -> Response {
    error_page(&s, lang, StatusCode::NOT_FOUND, "error-not-found", "")
}

fn class_context(
    s: &Studio,
    form: &class::ClassForm,
    errors: &[class::FieldError],
) -> minijinja::Value {
    context! {
        form => form,
        components => class::component_fields(form),
        targets => class::targets(),
        errors => errors,
        saved => class::saved(&s.config.results),
        replicates => s.config.class_replicates,
    }
}

async fn class_page(State(s): State<Shared>, Extension(lang): Extension<Lang>) -> Response {
    let form = class::ClassForm::default();
    let ctx = class_context(&s, &form, &[]);
    render(&s, lang, "/class", "class.html", StatusCode::OK, ctx)
}

async fn class_ask(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let form = class::ClassForm::from_fields(&fields);
    let _permit = match s.asks.try_acquire() {
        Ok(p) => p,
        Err(tokio::sync::TryAcquireError::NoPermits) => {
            // Wait in a bounded line; beyond it, "busy" at once.
            let Some(_turn) = WaitingTurn::take(&s.asks_waiting, s.config.asks_waiting) else {
                return class_busy(&s, lang, &form);
            };
            match s.asks.acquire().await {
                Ok(p) => p,
                Err(_) => return class_busy(&s, lang, &form),
            }
        }
        Err(tokio::sync::TryAcquireError::Closed) => return class_busy(&s, lang, &form),
    };
    let results = s.config.results.clone();
    let (replicates, threads) = (s.config.class_replicates, s.config.threads);
    let f = form.clone();
    let asked =
        tokio::task::spawn_blocking(move || class::ask(&results, &f, replicates, threads, lang))
            .await;
    match asked {
        Ok(Ok(name)) => Redirect::to(&format!("/class/answers/{name}")).into_response(),
        Ok(Err(errors)) => {
            let ctx = class_context(&s, &form, &errors);
            render(
                &s,
                lang,
                "/class",
                "class.html",
                StatusCode::BAD_REQUEST,
                ctx,
            )
        }
        Err(e) => error_page(
            &s,
            lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "error-internal",
            &e.to_string(),
        ),
    }
}

/// A place in the line of class questions waiting for a turn; the place
/// is given back when it is dropped (answered, or the browser went away).
struct WaitingTurn<'a>(&'a AtomicUsize);

impl<'a> WaitingTurn<'a> {
    /// A place in the line `waiting`, if fewer than `most` wait.
    fn take(waiting: &'a AtomicUsize, most: usize) -> Option<WaitingTurn<'a>> {
        waiting
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < most).then_some(n + 1)
            })
            .ok()
            .map(|_| WaitingTurn(waiting))
    }
}

impl Drop for WaitingTurn<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The class page, as filled in, saying the studio is busy: 503 with
/// `Retry-After`.
fn class_busy(s: &Studio, lang: Lang, form: &class::ClassForm) -> Response {
    let busy = [class::FieldError {
        field: String::new(),
        message: i18n::tr(lang, "error-busy", &[]),
    }];
    let ctx = class_context(s, form, &busy);
    let mut resp = render(
        s,
        lang,
        "/class",
        "class.html",
        StatusCode::SERVICE_UNAVAILABLE,
        ctx,
    );
    resp.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(RETRY_AFTER_SECONDS),
    );
    resp
}

/// The saved class answer `name`, or the error page: 400 for a name
/// that is not plain or results that do not read, 404 for no such answer.
fn answer_of(s: &Studio, lang: Lang, name: &str) -> Result<class::Answer, Box<Response>> {
    lookup(s, lang, name, || class::folder(&s.config.results, name))?;
    class::answer(&s.config.results, name).map_err(|e| {
        Box::new(error_page(
            s,
            lang,
            StatusCode::BAD_REQUEST,
            "error-results",
            &job_words(&e, lang),
        ))
    })
}

async fn answer_page(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath(name): UrlPath<String>,
) -> Response {
    match answer_of(&s, lang, &name) {
        Ok(a) => render(
            &s,
            lang,
            &format!("/class/answers/{name}"),
            "answer.html",
            StatusCode::OK,
            context! { a => a },
        ),
        Err(r) => *r,
    }
}

async fn compare_page(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    uri: Uri,
) -> Response {
    let asked: Vec<String> = uri
        .query()
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k == "a")
        .map(|(_, v)| v)
        .collect();
    let mut answers = Vec::new();
    for name in &asked {
        match answer_of(&s, lang, name) {
            Ok(a) => answers.push(a),
            Err(r) => return *r,
        }
    }
    let path = format!("/class/compare?{}", uri.query().unwrap_or(""));
    render(
        &s,
        lang,
        &path,
        "compare.html",
        StatusCode::OK,
        context! { answers => answers },
    )
}

/// A job as a page shows it.
#[derive(serde::Serialize)]
struct JobView {
    record: runs::JobRecord,
    live: runs::Live,
    finished: bool,
    resumable: bool,
    /// Why it failed, was cancelled or interrupted, in the page's language.
    message: String,
    /// What the job told the user (warnings), in the page's language.
    notes: Vec<String>,
    /// Notes beyond those kept, counted.
    notes_left_out: u64,
}

/// A state's name as records and pages write it (`running`, `interrupted`).
fn state_name(state: &JobState) -> String {
    serde_json::to_value(state)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn job_view(j: &runs::Job, lang: Lang) -> JobView {
    let record = j.record();
    JobView {
        finished: !matches!(record.state, JobState::Queued | JobState::Running),
        resumable: record.kind.resumable()
            && matches!(record.state, JobState::Interrupted | JobState::Cancelled),
        live: j.live(),
        message: record
            .message
            .as_ref()
            .map(|m| m.render(lang))
            .unwrap_or_default(),
        notes: record.notes.iter().map(|n| n.render(lang)).collect(),
        notes_left_out: record.notes_left_out,
        record,
    }
}

fn runs_render(s: &Studio, lang: Lang, status: StatusCode, error: Option<&Message>) -> Response {
    let jobs: Vec<JobView> = s.queue.jobs().iter().map(|j| job_view(j, lang)).collect();
    // A message about one field is shown beside it, any other above the form.
    let field = error.and_then(|m| job_field(&m.subject())).unwrap_or("");
    let error = error.map(|m| m.render(lang)).unwrap_or_default();
    let size = |(default, min, max): (u32, u32, u32)| context! { default, min, max };
    render(
        s,
        lang,
        "/runs",
        "runs.html",
        status,
        context! {
            jobs => jobs,
            scenarios => s.queue.scenarios(),
            kinds => runs::Kind::ALL.map(runs::Kind::name),
            error => error,
            error_field => field,
            sizes => context! {
                trajectories => size(runs::sizes::TRAJECTORIES),
                levels => size(runs::sizes::LEVELS),
                samples => size(runs::sizes::SAMPLES),
                bootstrap => size(runs::sizes::BOOTSTRAP),
            },
            outcomes => crate::model::OUTCOMES.iter().map(|o| o.name).collect::<Vec<_>>(),
            subgroups => crate::population::SUBGROUPS.iter().map(|g| g.name).collect::<Vec<_>>(),
            workers => s.config.workers,
            capacity => s.config.queue,
        },
    )
}

async fn runs_page(State(s): State<Shared>, Extension(lang): Extension<Lang>) -> Response {
    runs_render(&s, lang, StatusCode::OK, None)
}

/// The fields of the job form.
#[derive(serde::Deserialize)]
struct JobForm {
    kind: String,
    scenario: String,
    #[serde(default)]
    replicates: String,
    #[serde(default)]
    seed: String,
    #[serde(default)]
    max_cost: String,
    #[serde(default)]
    max_hours: String,
    #[serde(default)]
    trajectories: String,
    #[serde(default)]
    levels: String,
    #[serde(default)]
    samples: String,
    #[serde(default)]
    bootstrap: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    subgroup: String,
}

/// The fields of the job form, in page order, by name (also the flag of
/// `resim` a message names them by, with `_` for `-`).
const JOB_FIELDS: [&str; 11] = [
    "scenario",
    "kind",
    "replicates",
    "seed",
    "trajectories",
    "levels",
    "samples",
    "bootstrap",
    "outcome",
    "subgroup",
    "max_cost",
];

/// The form field a job's message is about: the flag it starts with
/// (`--trajectories 1: valid is 2 to 10000`), `max_hours` included.
fn job_field(message: &str) -> Option<&'static str> {
    let flag = message.strip_prefix("--")?;
    let flag = flag.split([' ', ':']).next()?.replace('-', "_");
    JOB_FIELDS
        .iter()
        .chain(&["max_hours"])
        .find(|f| **f == flag)
        .copied()
}

/// An optional number of a form: empty is none; `flag` names it in the
/// message as the CLI's flag would; `not` is the message's id (what the
/// text is not: `runs-error-not-whole`, `runs-error-not-number`).
fn optional<T: std::str::FromStr>(flag: &str, text: &str, not: &str) -> Result<Option<T>, Message> {
    match text.trim() {
        "" => Ok(None),
        t => t
            .parse::<T>()
            .map(Some)
            .map_err(|_| Message::new(not, &[("flag", flag), ("value", t)])),
    }
}

async fn runs_submit(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    Form(f): Form<JobForm>,
) -> Response {
    let bad = |m: Message| runs_render(&s, lang, StatusCode::BAD_REQUEST, Some(&m));
    let text = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
    let Some(kind) = Kind::parse(&f.kind) else {
        let valid: Vec<String> = Kind::ALL
            .iter()
            .map(|k| format!("`{}`", k.name()))
            .collect();
        return bad(Message::new(
            "runs-error-kind",
            &[("kind", &f.kind), ("valid", &valid.join(", "))],
        ));
    };
    const WHOLE: &str = "runs-error-not-whole";
    const NUMBER: &str = "runs-error-not-number";
    let parsed = (|| {
        Ok::<_, Message>((
            optional::<u32>("replicates", &f.replicates, WHOLE)?,
            optional::<u64>("seed", &f.seed, WHOLE)?,
            crate::optimise::Budget {
                cost_per_student_year: optional::<f64>("max-cost", &f.max_cost, NUMBER)?,
                teacher_hours_per_class_term: optional::<f64>("max-hours", &f.max_hours, NUMBER)?,
            },
            runs::Design {
                trajectories: optional("trajectories", &f.trajectories, WHOLE)?,
                levels: optional("levels", &f.levels, WHOLE)?,
                samples: optional("samples", &f.samples, WHOLE)?,
                bootstrap: optional("bootstrap", &f.bootstrap, WHOLE)?,
                outcome: text(&f.outcome),
                subgroup: text(&f.subgroup),
            },
        ))
    })();
    let (replicates, seed, budget, design) = match parsed {
        Ok(p) => p,
        Err(m) => return bad(m),
    };
    let choices = runs::Choices {
        replicates,
        seed,
        budget,
        design,
        lang,
    };
    let q = Arc::clone(&s.queue);
    let scenario = f.scenario.clone();
    let submitted = tokio::task::spawn_blocking(move || q.submit(kind, &scenario, &choices)).await;
    match submitted {
        Ok(Ok(id)) => Redirect::to(&format!("/runs/{id}")).into_response(),
        Ok(Err(e @ (QueueError::Full(_) | QueueError::Stopping))) => {
            let mut resp = runs_render(
                &s,
                lang,
                StatusCode::SERVICE_UNAVAILABLE,
                Some(&e.message()),
            );
            resp.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(RETRY_AFTER_SECONDS),
            );
            resp
        }
        Ok(Err(e)) => bad(e.message()),
        Err(e) => error_page(
            &s,
            lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "error-internal",
            &e.to_string(),
        ),
    }
}

/// What a plain `name` in a request finds, or the error page: 400 for a
/// name that is not plain (a path, a dot file), 404 when `find` finds nothing.
fn lookup<T>(
    s: &Studio,
    lang: Lang,
    name: &str,
    find: impl FnOnce() -> Option<T>,
) -> Result<T, Box<Response>> {
    let page = |status, id| Box::new(error_page(s, lang, status, id, name));
    if !names::plain(name) {
        return Err(page(StatusCode::BAD_REQUEST, "error-name"));
    }
    find().ok_or_else(|| page(StatusCode::NOT_FOUND, "error-not-found"))
}

/// The job named `id`, or the error page.
fn job_of(s: &Studio, lang: Lang, id: &str) -> Result<Arc<runs::Job>, Box<Response>> {
    lookup(s, lang, id, || s.queue.job(id))
}

async fn job_page(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    match job_of(&s, lang, &id) {
        Ok(j) => render(
            &s,
            lang,
            &format!("/runs/{id}"),
            "job.html",
            StatusCode::OK,
            context! { job => job_view(&j, lang) },
        ),
        Err(r) => *r,
    }
}

/// Progress events of a job: one `progress` event (JSON: state, done,
/// total, ETA) whenever it changes, until the job is over.
async fn job_events(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    let job = match job_of(&s, lang, &id) {
        Ok(j) => j,
        Err(r) => return *r,
    };
    let stream = futures_util::stream::unfold(
        (job, String::new(), false),
        move |(job, last, over)| async move {
            if over {
                return None;
            }
            let mut first = true;
            loop {
                if !first {
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                first = false;
                let v = job_view(&job, lang);
                let data = serde_json::json!({
                    "state": v.record.state,
                    "state_text": i18n::tr(lang, &format!("state-{}", state_name(&v.record.state)), &[]),
                    "done": v.live.done,
                    "total": v.live.total,
                    "what": if v.live.what.is_empty() {
                        String::new()
                    } else {
                        i18n::tr(lang, &format!("unit-{}", v.live.what), &[])
                    },
                    "eta_seconds": v.live.eta_seconds,
                    "status": v.live.status,
                    "notes": v.notes,
                })
                .to_string();
                if data != last {
                    let event = Event::default().event("progress").data(data.clone());
                    return Some((
                        Ok::<_, std::convert::Infallible>(event),
                        (job, data, v.finished),
                    ));
                }
            }
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

async fn job_cancel(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    match job_of(&s, lang, &id) {
        Ok(_) => {
            s.queue.cancel(&id);
            Redirect::to(&format!("/runs/{id}")).into_response()
        }
        Err(r) => *r,
    }
}

async fn job_resume(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    if let Err(r) = job_of(&s, lang, &id) {
        return *r;
    }
    match s.queue.resume(&id) {
        Ok(()) => Redirect::to(&format!("/runs/{id}")).into_response(),
        Err(e) => error_page(
            &s,
            lang,
            if matches!(e, QueueError::Stopping) {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::BAD_REQUEST
            },
            "error-resume",
            &e.message().render(lang),
        ),
    }
}

async fn results_list(State(s): State<Shared>, Extension(lang): Extension<Lang>) -> Response {
    let folders: Vec<String> = names::list(&s.config.results, false)
        .into_iter()
        .filter(|n| s.config.results.join(n).join(output::MANIFEST).is_file())
        .collect();
    render(
        &s,
        lang,
        "/results",
        "results.html",
        StatusCode::OK,
        context! { folders => folders, view => () },
    )
}

fn folder_of(s: &Studio, lang: Lang, name: &str) -> Result<PathBuf, Box<Response>> {
    lookup(s, lang, name, || {
        names::entry(&s.config.results, name).filter(|p| p.is_dir())
    })
}

async fn results_page(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath(name): UrlPath<String>,
) -> Response {
    let dir = match folder_of(&s, lang, &name) {
        Ok(d) => d,
        Err(r) => return *r,
    };
    match results::view(&dir, &name, lang) {
        Ok(v) => render(
            &s,
            lang,
            &format!("/results/{name}"),
            "results.html",
            StatusCode::OK,
            context! { folders => (), view => v },
        ),
        Err(e) => error_page(
            &s,
            lang,
            StatusCode::BAD_REQUEST,
            "error-results",
            &job_words(&e, lang),
        ),
    }
}

/// The content type of a results file.
fn content_type(file: &str) -> &'static str {
    match Path::new(file).extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("csv") => "text/csv; charset=utf-8",
        Some("json") => "application/json",
        Some("toml") | Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn send_file(s: &Studio, lang: Lang, dir: &Path, file: &str, download_name: &str) -> Response {
    if !names::plain(file) {
        return error_page(s, lang, StatusCode::BAD_REQUEST, "error-name", file);
    }
    let Some(path) = names::entry(dir, file).filter(|p| p.is_file()) else {
        return error_page(s, lang, StatusCode::NOT_FOUND, "error-not-found", file);
    };
    match crate::input::read_capped(&path, 512 * 1024 * 1024, "a results file") {
        Ok(bytes) => send_bytes(bytes, file, download_name),
        Err(e) => error_page(
            s,
            lang,
            StatusCode::BAD_REQUEST,
            "error-results",
            &e.message().render(lang),
        ),
    }
}

/// A results file's bytes as a response that shows them and runs nothing.
fn send_bytes(bytes: Vec<u8>, file: &str, download_name: &str) -> Response {
    let mut resp = Response::new(Body::from(bytes));
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(file)),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
        ),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{download_name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// The language a written report is in (its `<html lang>`).
fn report_lang(path: &Path) -> Option<Lang> {
    use std::io::Read;
    // The tag is in the first line after the doctype.
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(200)
        .read_to_end(&mut head)
        .ok()?;
    let head = String::from_utf8_lossy(&head).into_owned();
    let tag = head.split("<html lang=\"").nth(1)?.split('"').next()?;
    Lang::parse(tag)
}

/// A folder's `report.html` in the page's language: the file as written
/// when it is in that language, else the same report drawn again from the
/// folder's results in the page's language (nothing is written).
async fn send_report(s: &Shared, lang: Lang, dir: PathBuf) -> Response {
    const FILE: &str = "report.html";
    let written = names::entry(&dir, FILE).filter(|p| p.is_file());
    let Some(path) = written else {
        return error_page(s, lang, StatusCode::NOT_FOUND, "error-not-found", FILE);
    };
    if report_lang(&path) == Some(lang) {
        return send_file(s, lang, &dir, FILE, FILE);
    }
    let opts = crate::report::ReportOptions {
        lang,
        ..Default::default()
    };
    let drawn =
        tokio::task::spawn_blocking(move || crate::report::render_report(&dir, &opts)).await;
    match drawn {
        Ok(Ok(page)) => send_bytes(page.into_bytes(), FILE, FILE),
        Ok(Err(e)) => error_page(
            s,
            lang,
            StatusCode::BAD_REQUEST,
            "error-results",
            &e.message().render(lang),
        ),
        Err(e) => error_page(
            s,
            lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "error-internal",
            &e.to_string(),
        ),
    }
}

async fn download(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath((name, file)): UrlPath<(String, String)>,
) -> Response {
    match folder_of(&s, lang, &name) {
        Ok(dir) if file == "report.html" => send_report(&s, lang, dir).await,
        Ok(dir) => send_file(&s, lang, &dir, &file, &file),
        Err(r) => *r,
    }
}

async fn download_plot(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath((name, file)): UrlPath<(String, String)>,
) -> Response {
    let dir = match folder_of(&s, lang, &name) {
        Ok(d) => d,
        Err(r) => return *r,
    };
    match names::entry(&dir, "plots").filter(|p| p.is_dir()) {
        Some(plots) => send_file(&s, lang, &plots, &file, &file),
        None => error_page(&s, lang, StatusCode::NOT_FOUND, "error-not-found", &file),
    }
}

#[cfg(test)]
mod tests {
    use super::{host_of, our_host};

    /// A server on every address answers to the machine's addresses (how a
    /// browser on another machine reaches it), not to names; one on a given
    /// address only to that address; one on the loopback to loopback names.
    #[test]
    fn the_host_check_follows_the_bound_address() {
        let any = "0.0.0.0:8080".parse().unwrap();
        assert!(our_host(&any, host_of("192.168.1.5:8080")));
        assert!(our_host(&any, host_of("127.0.0.1:8080")));
        assert!(!our_host(&any, host_of("evil.example:8080")));
        let one = "192.168.1.5:8080".parse().unwrap();
        assert!(our_host(&one, host_of("192.168.1.5:8080")));
        assert!(!our_host(&one, host_of("10.0.0.7:8080")));
        let lo = "127.0.0.1:8080".parse().unwrap();
        assert!(our_host(&lo, host_of("localhost:8080")));
        assert!(!our_host(&lo, host_of("192.168.1.5:8080")));
    }
}
