//! Jobs and pages the studio accepts but a lower layer refuses — an output
//! folder that holds files resim did not write, a results folder whose files
//! no longer match their manifest — say why in the page's language: the
//! typed message of the output layer, worded in Chinese on a zh-CN page and
//! as the CLI prints it on an English one, and kept typed in the job's
//! record. A result file whose cell does not read names file, line, column
//! and why in the page's language too. (A run over the resource guard's limit:
//! `studio_restart::a_failed_job_says_why_in_the_pages_language`.)

use std::path::{Path, PathBuf};

use axum::http::StatusCode;

use super::common::tempdir;
use super::studio::{Live, config, get, start};
use super::studio_restart::{ONE_CLASS, fails_when_it_runs, plain};

/// Checks that the failed job `id` reads `english` on an English page and
/// `chinese` (never the English) on the job's and the list's Chinese pages.
async fn worded(app: &Live, id: &str, english: &str, chinese: &str) {
    let en = plain(&get(app, &format!("/runs/{id}?lang=en")).await.body);
    assert!(en.contains("The job was refused: "), "{en}");
    assert!(en.contains(english), "{en}");
    for uri in [format!("/runs/{id}?lang=zh-CN"), "/runs?lang=zh-CN".into()] {
        let zh = plain(&get(app, &uri).await.body);
        assert!(zh.contains("作业被拒绝："), "{uri}: {zh}");
        assert!(zh.contains(chinese), "{uri}: {zh}");
        assert!(!zh.contains(english), "{uri}: no English: {zh}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_output_folder_holding_foreign_files_is_refused_in_the_pages_language() {
    let dir = tempdir();
    let app = start(config(dir.path())).expect("the studio starts");
    // While the job waits, someone puts a file of their own where it will write.
    let out = dir.path().join("results/cal");
    let kept = fails_when_it_runs(
        &app,
        dir.path(),
        ONE_CLASS,
        || {
            std::fs::create_dir_all(&out).unwrap();
            std::fs::write(out.join("notes.txt"), "mine\n").unwrap();
        },
        "kind=run&scenario=cal.toml",
        "cal",
    )
    .await;
    assert!(kept.contains("problem-output-not-empty"), "{kept}");
    worded(
        &app,
        "cal",
        &format!(
            "output directory {} is not empty; choose another --out or pass --force to replace its files",
            out.display()
        ),
        &format!(
            "输出文件夹 {} 不是空的；请换一个 --out，或加上 --force 以替换其中的文件",
            out.display()
        ),
    )
    .await;
    // Nothing of the user's was touched.
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine\n"
    );
}

/// The results of `resim run quickstart --replicates 2 --report` (its
/// report in English) in the studio's results folder under `dir`, as
/// `results/NAME`.
fn quickstart_results(dir: &Path, name: &str) -> PathBuf {
    let out = dir.join("results").join(name);
    let run = super::common::resim_in(
        dir,
        &[
            "run",
            "quickstart",
            "--replicates",
            "2",
            "--out",
            out.to_str().unwrap(),
            "--report",
            "-q",
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// A results folder whose files no longer match its manifest (one missing,
/// then one changed) is refused by the viewer saying why in the page's
/// language: "missing" and "checksum …, … listed" as the CLI prints them on
/// an English page, in Chinese on a zh-CN one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_results_folder_not_whole_says_why_in_the_pages_language() {
    let dir = tempdir();
    let app = start(config(dir.path())).expect("the studio starts");
    let out = quickstart_results(dir.path(), "tampered");
    let effects = out.join("effects.csv");
    let original = std::fs::read(&effects).unwrap();
    std::fs::remove_file(&effects).unwrap();
    let mut changed = original.clone();
    let last = changed.len() - 2;
    changed[last] = if changed[last] == b'1' { b'2' } else { b'1' };
    for (tamper, english, chinese) in [
        (
            None,
            "does not match manifest.json (missing)",
            "（文件缺失）",
        ),
        (Some(changed), " listed)", "，清单所列为 "),
    ] {
        if let Some(bytes) = tamper {
            std::fs::write(&effects, bytes).unwrap();
        }
        let en = get(&app, "/results/tampered?lang=en").await;
        assert_eq!(en.status, StatusCode::BAD_REQUEST);
        let en = plain(&en.body);
        assert!(en.contains("effects.csv"), "{en}");
        assert!(en.contains(english), "{en}");
        let zh = plain(&get(&app, "/results/tampered?lang=zh-CN").await.body);
        assert!(zh.contains("无法读取这些结果。"), "{zh}");
        assert!(zh.contains("effects.csv"), "{zh}");
        assert!(zh.contains(chinese), "{zh}");
        assert!(!zh.contains("listed") && !zh.contains("missing"), "{zh}");
    }
    let en = plain(&get(&app, "/results/tampered?lang=en").await.body);
    assert!(en.contains("(checksum "), "{en}");
    let zh = plain(&get(&app, "/results/tampered?lang=zh-CN").await.body);
    assert!(zh.contains("（校验和 "), "{zh}");
}

/// A whole results folder whose summary holds a cell that is not a number
/// (`abc` where `strategies.csv` has a resilience gain; the manifest
/// updated to match, so the set is whole) is refused by the viewer naming
/// file, line, column and why: as the CLI prints it on an English page, in
/// Chinese on a zh-CN one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_result_file_with_a_bad_cell_says_why_in_the_pages_language() {
    let dir = tempdir();
    let app = start(config(dir.path())).expect("the studio starts");
    let out = quickstart_results(dir.path(), "damaged");
    // `abc` in the first strategy's resilience gain.
    let summary = out.join("strategies.csv");
    let mut reader = csv::Reader::from_path(&summary).unwrap();
    let header = reader.headers().unwrap().clone();
    let at = header.iter().position(|h| h == "resilience_gain").unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    for (i, row) in reader.records().enumerate() {
        let row = row.unwrap();
        let cells = row
            .iter()
            .enumerate()
            .map(|(c, cell)| if i == 0 && c == at { "abc" } else { cell });
        writer.write_record(cells).unwrap();
    }
    let damaged = writer.into_inner().unwrap();
    std::fs::write(&summary, &damaged).unwrap();
    // The manifest lists the damaged file as written: the set is whole.
    let manifest = out.join("manifest.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    let entry = json["files"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["name"] == "strategies.csv")
        .expect("the manifest lists strategies.csv");
    entry["bytes"] = damaged.len().into();
    entry["fnv1a"] = resilience_sim::output::fnv1a(&damaged).into();
    std::fs::write(&manifest, serde_json::to_vec_pretty(&json).unwrap()).unwrap();

    let en = get(&app, "/results/damaged?lang=en").await;
    assert_eq!(en.status, StatusCode::BAD_REQUEST);
    let en = plain(&en.body);
    let english = "strategies.csv:2: column `resilience_gain`: `abc` is not a number (or NA)";
    assert!(en.contains(english), "{en}");
    let zh = get(&app, "/results/damaged?lang=zh-CN").await;
    assert_eq!(zh.status, StatusCode::BAD_REQUEST);
    let zh = plain(&zh.body);
    assert!(zh.contains("无法读取这些结果。"), "{zh}");
    assert!(
        zh.contains("strategies.csv 第 2 行，列 `resilience_gain`：`abc` 不是数字（也不是 NA）"),
        "{zh}"
    );
    assert!(!zh.contains("is not a number"), "no English: {zh}");
    // Its English report drawn again in Chinese from those results: the
    // same reason, in Chinese.
    let report = get(&app, "/files/damaged/report.html?lang=zh-CN").await;
    assert_eq!(report.status, StatusCode::BAD_REQUEST);
    let report = plain(&report.body);
    assert!(report.contains("`abc` 不是数字（也不是 NA）"), "{report}");
    assert!(!report.contains("is not a number"), "no English: {report}");
}
