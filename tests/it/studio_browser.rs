//! The studio in real browsers: Debian's `chromium` driven through
//! `chromedriver` (package `chromium-driver`), and Debian's `firefox-esr`
//! through `geckodriver` (built from crates.io), by the `fantoccini`
//! WebDriver client. A teacher describes a class with the keyboard, asks,
//! waits for the answer and reads it and its picture; a bad class size
//! shows the loader's message beside the field; the Chinese page reads in
//! Chinese and its report downloads in Chinese; a planner edits a scenario field into an invalid value and
//! reads the loader's message beside it; a run's page shows its progress
//! and the finished results, whose table sorts by mouse and keyboard.
//!
//! Each browser is skipped, saying so, when its driver is not installed
//! (`.ci/run` installs both). With `RESIM_STUDIO_SCREENSHOTS=DIR` the test saves a
//! screenshot of each page in DIR (`scripts/regenerate_docs.sh` keeps
//! `docs/studio*.png` current that way).

use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{ClientBuilder, Locator};
use resilience_sim::studio::Config;

use super::common::tempdir;

/// The geckodriver for Firefox, if any: on the PATH, or where `.ci/run`
/// builds it (`cargo install geckodriver --root target/geckodriver`).
fn geckodriver() -> Option<PathBuf> {
    let mut places: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("geckodriver"))
                .collect()
        })
        .unwrap_or_default();
    places.push(PathBuf::from("target/geckodriver/bin/geckodriver"));
    places.into_iter().find(|p| p.is_file())
}

/// The chromedriver on this machine, if any.
fn chromedriver() -> Option<PathBuf> {
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The driver process, stopped when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn save_screenshot(c: &fantoccini::Client, name: &str) {
    if let Some(dir) = std::env::var_os("RESIM_STUDIO_SCREENSHOTS") {
        let png = c.screenshot().await.expect("a screenshot");
        std::fs::write(Path::new(&dir).join(name), png).expect("the screenshot is written");
    }
}

/// A browser: which driver, and its capabilities.
enum Browser {
    Chromium,
    Firefox,
}

/// Starts the studio on a free port of the loopback and a WebDriver
/// session of `browser`, runs `drive`, and stops both.
async fn with_browser(browser: Browser, driver_bin: PathBuf) {
    let dir = tempdir();
    // The studio on a free port of the loopback, as `resim serve` starts it.
    let studio = super::studio::start(Config {
        results: dir.path().join("results"),
        scenarios: None,
        threads: Some(2),
        ..Config::default()
    })
    .expect("the studio starts");
    // The driver.
    let port = free_port();
    let _driver = Driver(
        Command::new(driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the WebDriver starts"),
    );
    let mut caps = serde_json::Map::new();
    let shots = match browser {
        Browser::Chromium => {
            let mut chrome = serde_json::json!({
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1500", "--lang=en"]
            });
            if Path::new("/usr/bin/chromium").is_file() {
                chrome["binary"] = "/usr/bin/chromium".into();
            }
            caps.insert("goog:chromeOptions".into(), chrome);
            true
        }
        Browser::Firefox => {
            caps.insert(
                "moz:firefoxOptions".into(),
                serde_json::json!({
                    "args": ["-headless", "--width=1200", "--height=1500"],
                    "prefs": { "intl.accept_languages": "en" }
                }),
            );
            false
        }
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let mut client = None;
    for _ in 0..150 {
        match ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    let c = client.expect("a WebDriver session");
    drive(&c, &studio.origin(), shots).await;
    c.close().await.unwrap();
    studio.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_teacher_and_a_planner_in_chromium() {
    let Some(driver_bin) = chromedriver() else {
        eprintln!(
            "SKIPPED studio_browser: no chromedriver (apt-get install chromium chromium-driver; .ci/run installs them)"
        );
        return;
    };
    with_browser(Browser::Chromium, driver_bin).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_teacher_and_a_planner_in_firefox() {
    let Some(driver_bin) = geckodriver() else {
        eprintln!(
            "SKIPPED studio_browser firefox: no geckodriver (apt-get install firefox-esr; cargo install geckodriver --locked --root target/geckodriver; .ci/run does both)"
        );
        return;
    };
    if !Path::new("/usr/bin/firefox").exists() && !Path::new("/usr/bin/firefox-esr").exists() {
        eprintln!("SKIPPED studio_browser firefox: no firefox (apt-get install firefox-esr)");
        return;
    }
    with_browser(Browser::Firefox, driver_bin).await;
}

/// What a teacher and a planner do, in any browser: the class question by
/// keyboard, its answer and picture, the Chinese page, a bad class size, a
/// scenario field made invalid, a run followed to its results, a table
/// sorted. Screenshots when `shots` (one browser makes them).
async fn drive(c: &fantoccini::Client, base: &str, shots: bool) {
    let save_screenshot = |c: &fantoccini::Client, name: &'static str| {
        let c = c.clone();
        async move {
            if shots {
                save_screenshot(&c, name).await;
            }
        }
    };
    // The form, filled in and sent with the keyboard.
    c.goto(&format!("{base}/class")).await.unwrap();
    save_screenshot(c, "studio-class.png").await;
    let size = c.find(Locator::Id("class_size")).await.unwrap();
    size.clear().await.unwrap();
    size.send_keys("30").await.unwrap();
    c.find(Locator::Id("try-digital_channel"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let ask = c.find(Locator::Id("ask")).await.unwrap();
    // Enter on the focused button submits, as a keyboard user would.
    c.execute("document.getElementById('ask').focus();", vec![])
        .await
        .unwrap();
    ask.send_keys("\u{E007}").await.unwrap();
    let answer = c
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Id("answer"))
        .await
        .expect("the answer appears");
    let words = answer.text().await.unwrap();
    assert!(
        words.contains("What would change for your class of 30?"),
        "{words}"
    );
    assert!(words.contains("95 % interval"), "{words}");
    assert!(words.contains("Teacher time:"), "{words}");
    assert!(words.contains("Digital channel"), "{words}");
    let figures = c
        .find_all(Locator::Css("#figure-before svg g"))
        .await
        .unwrap();
    assert_eq!(figures.len(), 30, "one figure per student");
    let marked = c
        .find_all(Locator::Css("#figure-after svg g.marked"))
        .await
        .unwrap()
        .len();
    let caption = c
        .find(Locator::Css("#figure-after figcaption"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(caption.contains(&format!("{marked} of 30")), "{caption}");
    save_screenshot(c, "studio.png").await;

    // The same answer in Chinese.
    c.find(Locator::Css("a[hreflang='zh-CN']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let zh = c
        .wait()
        .for_element(Locator::Id("answer"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(zh.contains("95% 区间"), "{zh}");
    save_screenshot(c, "studio-zh.png").await;
    // Its report, downloaded from the Chinese page, is the Chinese report.
    let href = c
        .find(Locator::Css("a[download='report.html']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .expect("the answer links its report");
    c.goto(&format!("{base}{href}")).await.unwrap();
    let report = c.source().await.unwrap();
    assert!(report.contains("lang=\"zh-CN\""), "the report in zh-CN");
    for words in ["各项策略的效果", "设置与复现"] {
        assert!(report.contains(words), "{words} in the report");
    }
    assert!(!report.contains("What each strategy did"));

    // A class size the loader refuses: its message beside the field.
    c.goto(&format!("{base}/class?lang=en")).await.unwrap();
    let size = c.find(Locator::Id("class_size")).await.unwrap();
    size.clear().await.unwrap();
    size.send_keys("600").await.unwrap();
    c.find(Locator::Id("ask"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let err = c
        .wait()
        .for_element(Locator::Id("error-class_size"))
        .await
        .expect("the message beside the class size")
        .text()
        .await
        .unwrap();
    assert!(err.starts_with("population.class_size"), "{err}");

    // A planner edits a scenario field into an invalid value: the loader's
    // message appears beside the field, the field keeps what was typed.
    c.goto(&format!("{base}/scenarios/quickstart?lang=en"))
        .await
        .unwrap();
    save_screenshot(c, "studio-scenarios.png").await;
    c.find(Locator::Css("#section-population summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let share = c
        .find(Locator::Css("[name='v.population.rural_share']"))
        .await
        .unwrap();
    share.clear().await.unwrap();
    share.send_keys("1.7").await.unwrap();
    c.find(Locator::Id("check"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let err = c
        .wait()
        .for_element(Locator::Css("[id='error-population.rural_share']"))
        .await
        .expect("the message beside the rural share")
        .text()
        .await
        .unwrap();
    assert_eq!(
        err,
        "population.rural_share: 1.7 is out of range; valid: a number from 0 to 1"
    );
    let kept = c
        .find(Locator::Css("[name='v.population.rural_share']"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("1.7"));

    // A run: its page follows progress until done, then links the results.
    c.goto(&format!("{base}/runs")).await.unwrap();
    c.find(Locator::Id("replicates"))
        .await
        .unwrap()
        .send_keys("4")
        .await
        .unwrap();
    save_screenshot(c, "studio-runs.png").await;
    c.find(Locator::Id("start"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(300))
        .for_element(Locator::Id("see-results"))
        .await
        .expect("the run finishes and the page reloads")
        .click()
        .await
        .unwrap();
    let files = c
        .wait()
        .for_element(Locator::Id("files"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        files.contains("effects.csv") && files.contains("report.html"),
        "{files}"
    );
    save_screenshot(c, "studio-results.png").await;

    // The table of results sorts by a column, by mouse and by keyboard.
    let gains = || async {
        let mut v = Vec::new();
        for cell in c
            .find_all(Locator::Css("#results-table tbody tr td:nth-child(3)"))
            .await
            .unwrap()
        {
            // NA (the baseline's) is not a number: it sorts last.
            if let Ok(x) = cell.text().await.unwrap().parse::<f64>() {
                v.push(x);
            }
        }
        v
    };
    let head = c
        .find(Locator::Css(
            "#results-table thead th:nth-child(3) button.sort",
        ))
        .await
        .expect("the column heading is a button");
    head.click().await.unwrap();
    let up = gains().await;
    assert!(up.windows(2).all(|w| w[0] <= w[1]), "ascending: {up:?}");
    head.send_keys("\u{E007}").await.unwrap();
    let down = gains().await;
    assert!(
        down.windows(2).all(|w| w[0] >= w[1]),
        "descending: {down:?}"
    );
    assert_eq!(
        c.find(Locator::Css("#results-table thead th:nth-child(3)"))
            .await
            .unwrap()
            .attr("aria-sort")
            .await
            .unwrap()
            .as_deref(),
        Some("descending")
    );
}
