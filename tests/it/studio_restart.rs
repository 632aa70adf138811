//! The studio stopping and starting again: a real `resim serve` process
//! killed (SIGKILL) in the middle of a sweep and a second one started on the
//! same results folder, which lists the sweep as interrupted and resumes it
//! as `resim sweep --resume` would (a studio started beside the first, on
//! the same folder, is refused while the first serves); an in-process server stopped gracefully
//! while a job runs, which stops and joins its job workers and records the
//! job as interrupted; class questions beyond the bounded waiting line told
//! at once that the studio is busy; a failing job's message in the page's
//! language.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use axum::http::StatusCode;
use resilience_sim::studio::{ASKS_AT_ONCE, Config};

use super::common::{resim_in, tempdir};
use super::studio::{Live, config, finished, get, post, remote, same_files, start, text};

/// Replicates of each point of the test's sweep: enough that the sweep runs
/// for several seconds (27 points), so the test sees it half done.
const SWEEP_REPLICATES: u64 = 8;

/// A `resim serve` process of the test's, killed when dropped.
struct Served {
    child: Child,
    addr: SocketAddr,
}

impl Served {
    /// Starts `resim serve --port 0` in `dir` (results in `dir/results`,
    /// scenarios in `dir/scenarios`) and reads the address it printed.
    fn start(dir: &Path) -> Served {
        std::fs::create_dir_all(dir.join("scenarios")).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_resim"))
            .args(["serve", "--port", "0", "--threads", "2", "--jobs", "1"])
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("resim serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        // "resim studio: http://127.0.0.1:PORT/class  (results in …)"
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Served { child, addr }
    }

    /// Kills the process at once (SIGKILL: no chance to clean up).
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
    /// Sends SIGINT, as Ctrl-C in its terminal does, and waits (bounded:
    /// ~2 minutes) for it to end; returns whether it ended successfully.
    fn interrupt(mut self) -> bool {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        for _ in 0..1200 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("resim serve did not stop on SIGINT");
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts another `resim serve` on `dir`'s results folder and waits (at
/// most a minute) for it to end: its exit code and what it printed on stderr.
fn refused_beside(dir: &Path) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_resim"))
        .args(["serve", "--port", "0"])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("resim serve starts");
    for _ in 0..600 {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            return (status.code(), err);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("a second resim serve on the same results folder kept serving");
}

/// The job page's progress bar: (done, total), if it shows one (total 0:
/// not counted yet).
fn progress(html: &str) -> Option<(u64, u64)> {
    let tag = html
        .split("<progress id=\"progress\"")
        .nth(1)?
        .split('>')
        .next()?;
    let attr = |name: &str| -> Option<u64> {
        tag.split(&format!("{name}=\""))
            .nth(1)?
            .split('"')
            .next()?
            .parse()
            .ok()
    };
    // `max` is at least 1 for the browser; `data-total` is 0 until the job
    // has counted its work.
    Some((attr("value")?, attr("data-total")?))
}

/// Waits (bounded: ~5 minutes) until job `id` runs and has done at least
/// `least` units; returns (done, total).
async fn running_past(app: &Live, id: &str, least: u64) -> (u64, u64) {
    for _ in 0..3000 {
        let p = get(app, &format!("/runs/{id}")).await;
        assert!(
            p.body.contains("data-state=\"running\"") || p.body.contains("data-state=\"queued\""),
            "job {id} ended before it could be stopped: {}",
            text(&p.body)
        );
        if let Some((done, total)) = progress(&p.body)
            && total > 0
            && done >= least
        {
            return (done, total);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("job {id} did not get going");
}

/// The journal's saved points of a sweep's results folder.
fn journalled(out: &Path) -> usize {
    std::fs::read_dir(out.join("journal"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with("point-"))
                .count()
        })
        .unwrap_or(0)
}

/// `manifest.json` without what differs between two runs of one job (its
/// wall time).
fn manifest_without_time(dir: &Path) -> serde_json::Value {
    let bytes = std::fs::read(dir.join("manifest.json")).unwrap();
    let mut m: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    m.as_object_mut().unwrap().remove("wall_seconds");
    m
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_leaves_an_interrupted_sweep_that_resumes_where_the_cli_would() {
    let dir = tempdir();
    let id = "quickstart_sweep-sweep";
    let out = dir.path().join("results").join(id);

    // A browser starts a sweep on a real `resim serve`, from its own page.
    let first = Served::start(dir.path());
    let app = remote(first.addr);
    let form = format!("kind=sweep&scenario=quickstart_sweep&replicates={SWEEP_REPLICATES}");
    let p = post(&app, "/runs", &form).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    assert_eq!(p.location, format!("/runs/{id}"));
    let (done, total) = running_past(&app, id, 3 * SWEEP_REPLICATES).await;
    assert!(done < total, "{done} of {total}");
    // While it serves, a second studio on the same results folder is refused
    // (it would record the running sweep as interrupted).
    let (code, err) = refused_beside(dir.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&format!("is in use by process {} on", first.child.id())),
        "{err}"
    );
    first.kill();

    let saved = journalled(&out);
    assert!(
        saved >= 1,
        "the journal keeps the points finished before the kill"
    );

    // A second server on the same folder lists it as interrupted.
    let second = Served::start(dir.path());
    let app = remote(second.addr);
    let runs = get(&app, "/runs").await;
    assert!(
        runs.body.contains("class=\"state-interrupted\""),
        "{}",
        text(&runs.body)
    );
    let page = get(&app, &format!("/runs/{id}?lang=en")).await;
    let words = text(&page.body);
    assert!(
        words.contains("interrupted (the server stopped)"),
        "{words}"
    );
    assert!(
        words.contains("the points finished so far are saved: resume to go on from them"),
        "{words}"
    );
    assert!(page.body.contains("id=\"resume\""));
    let zh = text(&get(&app, &format!("/runs/{id}?lang=zh-CN")).await.body);
    assert!(zh.contains("已中断（服务器停止了）"), "{zh}");
    assert!(zh.contains("已完成的参数点已保存"), "{zh}");
    assert!(zh.contains("从中断处继续"), "{zh}");

    // Resume: it goes on from the journal, never below what was saved.
    let r = post(&app, &format!("/runs/{id}/resume?lang=en"), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", text(&r.body));
    let mut seen = Vec::new();
    let page = loop {
        let p = get(&app, &format!("/runs/{id}")).await;
        if !p.body.contains("data-state=\"queued\"") && !p.body.contains("data-state=\"running\"") {
            break p;
        }
        if let Some((done, total)) = progress(&p.body)
            && total > 0
        {
            seen.push(done);
        }
        assert!(seen.len() < 20_000, "the resumed sweep did not finish");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(
        page.body.contains("data-state=\"done\""),
        "{}",
        text(&page.body)
    );
    assert!(!seen.is_empty(), "the resumed sweep was seen running");
    let from = saved as u64 * SWEEP_REPLICATES;
    assert!(
        seen.iter().all(|d| *d >= from),
        "the {saved} saved points were run again: progress {seen:?}"
    );
    assert!(
        !out.join("journal").exists(),
        "the journal is gone once done"
    );
    second.kill();

    // The same sweep uninterrupted from the CLI: the same files.
    let cli = dir.path().join("cli");
    let o = resim_in(
        dir.path(),
        &[
            "sweep",
            "quickstart_sweep",
            "--replicates",
            &SWEEP_REPLICATES.to_string(),
            "--threads",
            "2",
            "--out",
            cli.to_str().unwrap(),
            "-q",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    same_files(&out, &cli, &["sweep.csv"]);
    assert_eq!(manifest_without_time(&out), manifest_without_time(&cli));
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_stops_resim_serve_with_its_running_sweep_recorded_as_interrupted() {
    let dir = tempdir();
    let id = "quickstart_sweep-sweep";
    let served = Served::start(dir.path());
    let app = remote(served.addr);
    let form = format!("kind=sweep&scenario=quickstart_sweep&replicates={SWEEP_REPLICATES}");
    let p = post(&app, "/runs", &form).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    running_past(&app, id, SWEEP_REPLICATES).await;
    // The job page's progress stream is open, as in a browser.
    let events = tokio::spawn({
        let app = remote(served.addr);
        async move { get(&app, &format!("/runs/{id}/events")).await }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        served.interrupt(),
        "resim serve ends successfully on Ctrl-C"
    );
    let stream = events.await.unwrap();
    assert!(
        stream.body.contains("\"state\":\"interrupted\""),
        "the progress stream ends with the job: {}",
        stream.body
    );
    let record: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join(format!("results/.studio/jobs/{id}.json"))).unwrap(),
    )
    .unwrap();
    assert_eq!(record["state"], "interrupted", "{record}");
    assert_eq!(record["message"]["id"], "job-interrupted-saved", "{record}");
    let out = dir.path().join("results").join(id);
    assert!(journalled(&out) >= 1, "the finished points are saved");
    assert!(!out.join("sweep.csv").exists(), "no result set yet");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_server_joins_its_workers_and_its_running_job_is_interrupted() {
    let dir = tempdir();
    let id = "quickstart_sweep-sweep";
    let app = start(config(dir.path())).expect("the studio starts");
    let queue = app.queue.clone().expect("an in-process server");
    assert_eq!(queue.workers_running(), 1);
    let form = format!("kind=sweep&scenario=quickstart_sweep&replicates={SWEEP_REPLICATES}");
    let p = post(&app, "/runs", &form).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    running_past(&app, id, SWEEP_REPLICATES).await;
    // A second job waits its turn (one worker).
    let p = post(
        &app,
        "/runs",
        "kind=run&scenario=quickstart&replicates=5000",
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));

    // Stopped gracefully, as Ctrl-C stops `resim serve`.
    app.stop().await;
    assert_eq!(queue.workers_running(), 0, "every worker thread has ended");
    assert!(queue.shutdown(Duration::ZERO), "and was joined");
    let record: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join(format!("results/.studio/jobs/{id}.json"))).unwrap(),
    )
    .unwrap();
    assert_eq!(record["state"], "interrupted", "{record}");
    assert_eq!(record["message"]["id"], "job-interrupted-saved", "{record}");
    let run: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("results/.studio/jobs/quickstart.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(run["state"], "interrupted", "{run}");
    assert_eq!(run["message"]["id"], "job-interrupted", "{run}");
    assert!(
        !dir.path().join("results/quickstart/manifest.json").exists(),
        "the run stopped short wrote no result set"
    );

    // The next server resumes the sweep to its end.
    let again = start(config(dir.path())).expect("the studio starts again");
    let page = get(&again, &format!("/runs/{id}")).await;
    assert!(page.body.contains("id=\"resume\""), "{}", text(&page.body));
    let r = post(&again, &format!("/runs/{id}/resume"), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let done = finished(&again, id).await;
    assert!(
        done.body.contains("data-state=\"done\""),
        "{}",
        text(&done.body)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn class_questions_beyond_the_waiting_line_are_told_the_studio_is_busy() {
    let dir = tempdir();
    let waiting = 2;
    let app = std::sync::Arc::new(
        start(Config {
            asks_waiting: waiting,
            class_replicates: 400,
            ..config(dir.path())
        })
        .expect("the studio starts"),
    );
    // Two answered at once, two waiting, three more: told at once.
    let n = ASKS_AT_ONCE + waiting + 3;
    let asks: Vec<_> = (0..n)
        .map(|i| {
            let app = std::sync::Arc::clone(&app);
            tokio::spawn(async move {
                let size = 30 + i;
                let form = format!(
                    "class_size={size}&grade=8&left_behind=35&area=rural&now=termly_conference&try=contact_book"
                );
                (size, post(&app, "/class", &form).await)
            })
        })
        .collect();
    let mut answered = 0;
    let mut busy = 0;
    for a in asks {
        let (size, p) = a.await.unwrap();
        match p.status {
            StatusCode::SEE_OTHER => answered += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                busy += 1;
                assert!(
                    text(&p.body).contains("The studio is busy; try again in a moment."),
                    "{}",
                    text(&p.body)
                );
                // The form as the teacher filled it in.
                assert!(
                    p.body.contains(&format!(
                        "name=\"class_size\" id=\"class_size\" value=\"{size}\""
                    )),
                    "{}",
                    p.body
                );
            }
            s => panic!("{s}: {}", text(&p.body)),
        }
    }
    assert_eq!((answered, busy), (ASKS_AT_ONCE + waiting, 3));
    // Once the line is free, a question is answered again.
    let p = post(&app, "/class", super::studio::CLASS_FORM).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_job_says_why_in_the_pages_language() {
    let dir = tempdir();
    let app = start(config(dir.path())).expect("the studio starts");
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
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    let page = finished(&app, "county_wide").await;
    assert!(
        page.body.contains("data-state=\"failed\""),
        "{}",
        text(&page.body)
    );
    let guard = "more than the limit of 10000000000000 student-weeks for one run";
    let en = text(&get(&app, "/runs/county_wide?lang=en").await.body);
    assert!(en.contains("The job was refused: "), "{en}");
    assert!(en.contains(guard), "{en}");
    // The guard's refusal itself in Chinese, on the job's page and the list,
    // and kept typed in the job's record.
    let chinese =
        "学生周，超过了单次运行 10000000000000 学生周的上限；请减少重复次数、学生、周数或策略";
    let zh = text(&get(&app, "/runs/county_wide?lang=zh-CN").await.body);
    assert!(zh.contains("失败"), "the state in Chinese: {zh}");
    let list = text(&get(&app, "/runs?lang=zh-CN").await.body);
    for page in [&zh, &list] {
        assert!(page.contains("作业被拒绝："), "{page}");
        assert!(page.contains(chinese), "{page}");
        assert!(!page.contains("student-weeks"), "no English: {page}");
    }
    let kept = failed_record(dir.path(), "county_wide").await;
    assert!(kept.contains("problem-guard-work"), "{kept}");
    assert!(
        !kept.contains("student-weeks for one run"),
        "no English kept: {kept}"
    );

    // The queue's own refusals too.
    let p = post(&app, "/runs?lang=zh-CN", "kind=sweep&scenario=quickstart").await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(
        text(&p.body).contains("情景 `quickstart` 没有 [sweep] 部分"),
        "{}",
        text(&p.body)
    );
    let p = post(
        &app,
        "/runs?lang=zh-CN",
        "kind=run&scenario=quickstart&seed=x",
    )
    .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.body.contains("id=\"error-seed\""), "beside its field");
    assert!(
        text(&p.body).contains("--seed `x`：不是整数"),
        "{}",
        text(&p.body)
    );
}

/// The text of a page with its backticks and slashes unescaped.
pub(super) fn plain(html: &str) -> String {
    text(html)
        .replace("&#96;", "`")
        .replace("&#x60;", "`")
        .replace("&#x2f;", "/")
}

/// A small scenario of one class, named `cal`.
pub(super) const ONE_CLASS: &str = "name = \"cal\"\n[population]\nschools = 1\nclasses_per_school = 1\nclass_size = 20\n[strategies.usual_practice]\ncomponents = []\n[strategies.contact_book]\ncomponents = [\"contact_book\"]\n";

/// The same with a term beyond the year's 52 weeks.
fn bad_calendar() -> String {
    ONE_CLASS.replace(
        "[strategies.usual_practice]",
        "[calendar]\nterms = [[1, 60]]\n[strategies.usual_practice]",
    )
}

/// Queues the job of `form` (whose page is `/runs/ID`) behind a long run
/// on the studio's one worker while `scenarios/cal.toml` of the studio's
/// folder `dir` holds `valid` (so it is accepted), then calls `meanwhile`
/// (which breaks something the job needs) and cancels the long run: the
/// job fails when it runs. Returns its record.
pub(super) async fn fails_when_it_runs(
    app: &Live,
    dir: &Path,
    valid: &str,
    meanwhile: impl FnOnce(),
    form: &str,
    id: &str,
) -> String {
    let scenario = dir.join("scenarios/cal.toml");
    std::fs::write(&scenario, valid).unwrap();
    let p = post(app, "/runs", "kind=run&scenario=quickstart&replicates=5000").await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    for _ in 0..400 {
        if get(app, "/runs/quickstart")
            .await
            .body
            .contains("data-state=\"running\"")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let p = post(app, "/runs", form).await;
    assert_eq!(p.location, format!("/runs/{id}"), "{}", text(&p.body));
    meanwhile();
    assert_eq!(
        post(app, "/runs/quickstart/cancel", "").await.status,
        StatusCode::SEE_OTHER
    );
    let page = finished(app, id).await;
    assert!(
        page.body.contains("data-state=\"failed\""),
        "{}",
        text(&page.body)
    );
    failed_record(dir, id).await
}

/// The record of the failed job `id` in the studio's folder `dir`, once it
/// says so (a page can say "failed" a moment before the record on disk).
async fn failed_record(dir: &Path, id: &str) -> String {
    let file = dir.join(format!("results/.studio/jobs/{id}.json"));
    let mut record = String::new();
    for _ in 0..400 {
        record = std::fs::read_to_string(&file).unwrap_or_default();
        if record.contains("\"state\": \"failed\"") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    record
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scenario_problem_found_when_the_job_runs_is_worded_in_each_pages_language() {
    let dir = tempdir();
    let app = start(config(dir.path())).expect("the studio starts");
    // Refused when submitted: the loader's problem, in the page's language.
    std::fs::write(dir.path().join("scenarios/cal.toml"), bad_calendar()).unwrap();
    for (lang, heading, problem) in [
        (
            "en",
            "The scenario has problems: ",
            "term [1, 60] is not inside the year",
        ),
        ("zh-CN", "情景文件有问题：", "学期 [1, 60] 不在学年之内"),
    ] {
        let p = post(
            &app,
            &format!("/runs?lang={lang}"),
            "kind=run&scenario=cal.toml",
        )
        .await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{lang}");
        let words = text(&p.body);
        assert!(
            words.contains(heading) && words.contains(problem),
            "{lang}: {words}"
        );
    }
    // Valid when queued behind a long run (one worker), broken before it
    // runs: the job fails, and its record keeps the problem typed.
    let record = fails_when_it_runs(
        &app,
        dir.path(),
        ONE_CLASS,
        || std::fs::write(dir.path().join("scenarios/cal.toml"), bad_calendar()).unwrap(),
        "kind=run&scenario=cal.toml",
        "cal",
    )
    .await;
    assert!(record.contains("problem-calendar-term-outside"), "{record}");
    assert!(
        !record.contains("is not inside the year"),
        "no English kept: {record}"
    );
    let en = text(&get(&app, "/runs/cal?lang=en").await.body);
    assert!(
        en.contains("The scenario has problems: 1 problem in scenario"),
        "{en}"
    );
    assert!(en.contains("term [1, 60] is not inside the year"), "{en}");
    assert!(
        en.contains("[first, last] with 1 ≤ first ≤ last ≤ 52"),
        "{en}"
    );
    for uri in ["/runs/cal?lang=zh-CN", "/runs?lang=zh-CN"] {
        let zh = text(&get(&app, uri).await.body);
        assert!(zh.contains("情景文件有问题："), "{uri}: {zh}");
        assert!(zh.contains("学期 [1, 60] 不在学年之内"), "{uri}: {zh}");
        assert!(!zh.contains("is not inside the year"), "{uri}: {zh}");
    }
    assert!(
        text(&get(&app, "/runs/cal?lang=zh-CN").await.body)
            .contains("有效值：[first, last]，且 1 ≤ first ≤ last ≤ 52")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_set_is_kept_typed_and_older_english_records_still_list() {
    use resilience_sim::jobs::{WhatIf, WhatIfQuestion};
    use resilience_sim::studio::runs::{Design, JobRecord, Kind, Message, State};

    let dir = tempdir();
    let jobs = dir.path().join("results/.studio/jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    let record = |id: &str, message: Option<Message>| JobRecord {
        id: id.into(),
        kind: Kind::Run,
        scenario: "quickstart".into(),
        replicates: None,
        seed: None,
        max_cost: None,
        max_hours: None,
        design: Design::default(),
        lang: String::new(),
        state: State::Failed,
        message,
        notes: Vec::new(),
        notes_left_out: 0,
    };
    // What the job layer says of a --set that names no setting and of one
    // written wrong, kept as the queue keeps a failed job's message.
    for (id, set) in [
        ("not_a_setting", "contact_book.colour=red"),
        ("written_wrong", "contact_book"),
    ] {
        let e = WhatIf::ask(&WhatIfQuestion {
            scenario: Some("quickstart".into()),
            add: vec!["contact_book".into()],
            set: vec![set.into()],
            ..Default::default()
        })
        .expect_err(set);
        let r = record(id, Some(Message::of_error(&e)));
        std::fs::write(
            jobs.join(format!("{id}.json")),
            serde_json::to_vec(&r).unwrap(),
        )
        .unwrap();
    }
    // Records of older versions: the job layer's English as written.
    std::fs::write(
        jobs.join("older.json"),
        r#"{"id":"older","kind":"run","scenario":"quickstart","replicates":null,"seed":null,"state":"failed","message":{"id":"job-error-input","args":{"details":"--replicates 0: valid is 1 to 100000"}}}"#,
    )
    .unwrap();
    std::fs::write(
        jobs.join("oldest.json"),
        r#"{"id":"oldest","kind":"run","scenario":"quickstart","replicates":null,"seed":null,"state":"failed","message":"the old words of a failed job"}"#,
    )
    .unwrap();
    let app = start(config(dir.path())).expect("the studio starts");
    let en = plain(&get(&app, "/runs/not_a_setting?lang=en").await.body);
    assert!(
        en.contains("The job was refused: --set `contact_book.colour=red`: `colour` is not a setting; valid settings: `coverage`"),
        "{en}"
    );
    let zh = plain(&get(&app, "/runs/not_a_setting?lang=zh-CN").await.body);
    assert!(
        zh.contains("作业被拒绝：--set `contact_book.colour=red`：`colour` 不是可设置的项；有效的设置：`coverage`"),
        "{zh}"
    );
    let zh = plain(&get(&app, "/runs/written_wrong?lang=zh-CN").await.body);
    assert!(
        zh.contains("--set `contact_book`：请写成 COMPONENT.KEY=VALUE"),
        "{zh}"
    );
    let en = plain(&get(&app, "/runs/written_wrong?lang=en").await.body);
    assert!(
        en.contains("--set `contact_book`: write COMPONENT.KEY=VALUE, e.g. --set contact_book.frequency=daily; keys: `coverage`"),
        "{en}"
    );
    // The older records list, their English shown as written.
    let list = plain(&get(&app, "/runs?lang=zh-CN").await.body);
    for shown in [
        "作业被拒绝：--replicates 0: valid is 1 to 100000",
        "the old words of a failed job",
        "`colour` 不是可设置的项",
    ] {
        assert!(list.contains(shown), "{shown}: {list}");
    }
}

/// `ONE_CLASS` with a `[sweep]` whose entries are ranges (`good`) or a
/// list of values, which a sensitivity analysis refuses.
fn swept(good: bool) -> String {
    let values = if good {
        "{ from = 0.06, to = 0.12 }"
    } else {
        "[0.06, 0.12]"
    };
    format!("{ONE_CLASS}[sweep]\n\"stress.academic_load\" = {values}\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sensitivity_analysis_refused_by_its_own_layer_is_worded_in_each_pages_language() {
    let dir = tempdir();
    let app = start(config(dir.path())).expect("the studio starts");
    let english = "[sweep] `stress.academic_load` is a list of values; a sensitivity analysis needs a range `{ from = ..., to = ... }`";
    let chinese = "[sweep] `stress.academic_load` 是一组取值；敏感性分析需要一个范围";
    // Refused when submitted, in the page's language.
    std::fs::write(dir.path().join("scenarios/cal.toml"), swept(false)).unwrap();
    for (lang, want, not) in [("en", english, chinese), ("zh-CN", chinese, english)] {
        let p = post(
            &app,
            &format!("/runs?lang={lang}"),
            "kind=morris&scenario=cal.toml",
        )
        .await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{lang}");
        let words = plain(&p.body);
        assert!(words.contains(want), "{lang}: {words}");
        assert!(!words.contains(not), "{lang}: {words}");
    }
    // Valid when queued behind a long run (one worker), a list before it
    // runs: the job fails, and its record keeps the refusal typed.
    let record = fails_when_it_runs(
        &app,
        dir.path(),
        &swept(true),
        || std::fs::write(dir.path().join("scenarios/cal.toml"), swept(false)).unwrap(),
        "kind=morris&scenario=cal.toml",
        "cal-morris",
    )
    .await;
    assert!(
        record.contains("problem-sensitivity-not-a-range"),
        "{record}"
    );
    assert!(
        !record.contains("is a list of values"),
        "no English kept: {record}"
    );
    let en = plain(&get(&app, "/runs/cal-morris?lang=en").await.body);
    assert!(en.contains(english), "{en}");
    for uri in ["/runs/cal-morris?lang=zh-CN", "/runs?lang=zh-CN"] {
        let zh = plain(&get(&app, uri).await.body);
        assert!(zh.contains(chinese), "{uri}: {zh}");
        assert!(!zh.contains("is a list of values"), "{uri}: {zh}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_sweep_resumed_after_its_scenario_changed_says_what_differs_in_each_pages_language()
 {
    let dir = tempdir();
    let app = start(config(dir.path())).expect("the studio starts");
    let file = dir.path().join("scenarios/swept.toml");
    let bundled = std::fs::read_to_string("scenarios/quickstart_sweep.toml").unwrap();
    let original = bundled.replace("name = \"quickstart_sweep\"", "name = \"swept\"");
    assert_ne!(original, bundled);
    std::fs::write(&file, &original).unwrap();
    let form = format!("kind=sweep&scenario=swept.toml&replicates={SWEEP_REPLICATES}");
    let p = post(&app, "/runs", &form).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    let id = p.location.trim_start_matches("/runs/").to_string();
    running_past(&app, &id, 2 * SWEEP_REPLICATES).await;
    let c = post(&app, &format!("/runs/{id}/cancel"), "").await;
    assert_eq!(c.status, StatusCode::SEE_OTHER, "{}", text(&c.body));
    let page = finished(&app, &id).await;
    assert!(
        page.body.contains("id=\"resume\""),
        "the finished points are kept: {}",
        text(&page.body)
    );

    // The planner edits the scenario, then resumes: the journal's points
    // belong to the scenario as it was, so the sweep refuses to mix them,
    // saying what differs.
    std::fs::write(
        &file,
        original.replace("class_size = 40", "class_size = 36"),
    )
    .unwrap();
    let r = post(&app, &format!("/runs/{id}/resume"), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", text(&r.body));
    let page = finished(&app, &id).await;
    assert!(
        page.body.contains("data-state=\"failed\""),
        "{}",
        text(&page.body)
    );
    let record = failed_record(dir.path(), &id).await;
    for typed in ["problem-journal-other-job", "problem-journal-difference"] {
        assert!(record.contains(typed), "{typed}: {record}");
    }
    assert!(
        !record.contains("in the journal"),
        "no English kept: {record}"
    );
    let en = plain(&get(&app, &format!("/runs/{id}?lang=en")).await.body);
    assert!(en.contains("belongs to another job: "), "{en}");
    assert!(en.contains("scenario_hash is "), "{en}");
    assert!(en.contains(" in the journal, "), "{en}");
    for uri in [
        format!("/runs/{id}?lang=zh-CN"),
        "/runs?lang=zh-CN".to_string(),
    ] {
        let zh = plain(&get(&app, &uri).await.body);
        assert!(zh.contains("中的日志属于另一个作业："), "{uri}: {zh}");
        assert!(zh.contains("在日志中为"), "{uri}: {zh}");
        assert!(zh.contains("，现在为"), "{uri}: {zh}");
        assert!(!zh.contains("in the journal"), "{uri}: {zh}");
    }
}
