//! `--format parquet|both` (issue 16 item 2): the big tables as Parquet,
//! read back with the `parquet` crate itself — same columns, declared
//! types, the CSV's values; the same bytes whatever the threads or shards;
//! the same write guarantees as CSV; `report`, `merge` and saved results
//! read either format.

use std::fs::File;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, UInt8Type, UInt32Type, UInt64Type};
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::file::reader::{FileReader, SerializedFileReader};
use resilience_sim::output::columnar::{Kind, columns_of, created_by};
use resilience_sim::output::{StudentRow, TrajectoryRow, num};

use crate::common::*;

/// A tiny scenario with a sweep, run in a second or two.
const TINY: &str = r#"name = "tiny_parquet"
[run]
replicates = 3
seed = 16
[population]
schools = 2
classes_per_school = 2
class_size = 15
[calendar]
burn_in_weeks = 2
[strategies.usual_practice]
components = []
[strategies.book]
components = ["contact_book"]

[sweep]
"stress.academic_load" = [0.06, 0.1]
"strategies.book.contact_book.coverage" = { from = 0.3, to = 0.9, steps = 2 }
population.class_size = [12, 15]
"#;

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A Parquet file's column names, Arrow types and every cell as the CSV
/// writes it (`NA` for null, numbers rounded to six decimals, flags 0/1).
struct Table {
    names: Vec<String>,
    types: Vec<DataType>,
    cells: Vec<Vec<String>>,
}

fn cell(a: &ArrayRef, i: usize) -> String {
    if a.is_null(i) {
        return "NA".into();
    }
    match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>().value(i).to_string(),
        DataType::Boolean => if a.as_boolean().value(i) { "1" } else { "0" }.into(),
        DataType::UInt8 => a.as_primitive::<UInt8Type>().value(i).to_string(),
        DataType::UInt32 => a.as_primitive::<UInt32Type>().value(i).to_string(),
        DataType::UInt64 => a.as_primitive::<UInt64Type>().value(i).to_string(),
        DataType::Float64 => num(a.as_primitive::<Float64Type>().value(i)),
        t => panic!("unexpected column type {t}"),
    }
}

fn read_parquet(file: &Path) -> Table {
    let f = File::open(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let b = ParquetRecordBatchReaderBuilder::try_new(f).unwrap();
    let schema = b.schema().clone();
    let mut cells = Vec::new();
    for batch in b.build().unwrap() {
        let batch = batch.unwrap();
        for i in 0..batch.num_rows() {
            cells.push(batch.columns().iter().map(|c| cell(c, i)).collect());
        }
    }
    Table {
        names: schema.fields().iter().map(|f| f.name().clone()).collect(),
        types: schema
            .fields()
            .iter()
            .map(|f| f.data_type().clone())
            .collect(),
        cells,
    }
}

fn read_csv(file: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(file).unwrap();
    let h = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (h, rows)
}

/// Every value of `stem.parquet` equals `stem.csv`'s, to its printed precision.
fn assert_same_table(dir: &Path, stem: &str) -> Table {
    let pq = read_parquet(&dir.join(format!("{stem}.parquet")));
    let (header, rows) = read_csv(&dir.join(format!("{stem}.csv")));
    assert_eq!(pq.names, header, "{stem}: column names");
    assert_eq!(pq.cells.len(), rows.len(), "{stem}: rows");
    assert!(!rows.is_empty(), "{stem}: no rows");
    for (n, (p, c)) in pq.cells.iter().zip(&rows).enumerate() {
        assert_eq!(p, c, "{stem}: row {}", n + 2);
    }
    pq
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{}/{name}: {e}", dir.display()))
}

fn manifest_files(dir: &Path) -> Vec<String> {
    let m: serde_json::Value = serde_json::from_slice(&read(dir, "manifest.json")).unwrap();
    let mut names: Vec<String> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn parquet_round_trips_every_csv_value_with_the_declared_columns_and_types() {
    let tmp = tempdir();
    let sc = write(tmp.path(), "tiny.toml", TINY);
    let out = tmp.path().join("run");
    run_ok(&[
        "run",
        &s(&sc),
        "--out",
        &s(&out),
        "--quiet",
        "--students",
        "--format",
        "both",
    ]);
    // --format both writes both, and the manifest lists them all.
    let listed = manifest_files(&out);
    for f in [
        "students.csv",
        "students.parquet",
        "trajectories.csv",
        "trajectories.parquet",
        "effects.csv",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
        assert!(listed.contains(&f.to_string()), "{f} not in the manifest");
    }

    let students = assert_same_table(&out, "students");
    let declared = columns_of::<StudentRow>();
    for (i, c) in declared.iter().enumerate() {
        assert_eq!(students.names[i], c.name);
        assert_eq!(students.types[i], c.kind.data_type(), "{}", c.name);
    }
    let ty =
        |name: &str| students.types[students.names.iter().position(|n| n == name).unwrap()].clone();
    assert_eq!(ty("student"), DataType::UInt32);
    assert_eq!(ty("strategy"), DataType::Utf8);
    assert_eq!(ty("rural"), DataType::Boolean);
    assert_eq!(ty("grade"), DataType::UInt8);
    assert_eq!(ty("resilience"), DataType::Float64);
    assert_eq!(ty("depressive"), DataType::Float64);

    let traj = assert_same_table(&out, "trajectories");
    let declared = columns_of::<TrajectoryRow>();
    assert_eq!(traj.names.len(), declared.len());
    for (i, c) in declared.iter().enumerate() {
        assert_eq!(traj.types[i], c.kind.data_type(), "{}", c.name);
    }
    assert_eq!(
        declared.iter().find(|c| c.name == "p10").unwrap().kind,
        Kind::F64
    );
    // NA in the CSV (percentiles of a 0/1 outcome) is null in Parquet.
    assert!(traj.cells.iter().any(|r| r[5] == "NA"));

    // The footer names the program and version: no time, no host.
    let r = SerializedFileReader::new(File::open(out.join("students.parquet")).unwrap()).unwrap();
    assert_eq!(
        r.metadata().file_metadata().created_by(),
        Some(created_by().as_str())
    );

    // A sweep's table too: swept values as the CSV writes them.
    let sw = tmp.path().join("sweep");
    run_ok(&[
        "sweep",
        &s(&sc),
        "--out",
        &s(&sw),
        "--quiet",
        "--format",
        "both",
    ]);
    let t = assert_same_table(&sw, "sweep");
    assert_eq!(t.types[0], DataType::UInt64);
    assert_eq!(t.types[1], DataType::Float64);
    assert_eq!(
        manifest_files(&sw),
        ["sweep.csv", "sweep.parquet"].map(String::from)
    );
}

#[test]
fn parquet_bytes_are_the_same_whatever_the_threads_or_shards() {
    let tmp = tempdir();
    let sc = write(tmp.path(), "tiny.toml", TINY);
    let dirs: Vec<_> = ["1", "2"]
        .iter()
        .map(|t| {
            let out = tmp.path().join(format!("t{t}"));
            run_ok(&[
                "run",
                &s(&sc),
                "--out",
                &s(&out),
                "--quiet",
                "--students",
                "--format",
                "parquet",
                "--threads",
                t,
            ]);
            out
        })
        .collect();
    for f in ["students.parquet", "trajectories.parquet"] {
        assert!(
            read(&dirs[0], f) == read(&dirs[1], f),
            "{f} differs by threads"
        );
    }
    // Parquet only: no CSV copy of the big tables.
    assert!(!dirs[0].join("students.csv").exists());
    assert!(!dirs[0].join("trajectories.csv").exists());
    assert!(dirs[0].join("effects.csv").is_file());

    // Shards merged as Parquet give the bytes of one machine.
    let sharded = tmp.path().join("sharded");
    for i in 0..2 {
        run_ok(&[
            "run",
            &s(&sc),
            "--out",
            &s(&sharded),
            "--quiet",
            "--shard",
            &format!("{i}/2"),
        ]);
    }
    run_ok(&["merge", &s(&sharded), "--format", "parquet"]);
    assert!(
        read(&dirs[0], "trajectories.parquet") == read(&sharded, "trajectories.parquet"),
        "trajectories.parquet differs after merging shards"
    );
    assert!(read(&dirs[0], "effects.csv") == read(&sharded, "effects.csv"));

    // A sweep: one machine with 1 thread, and 3 shards on 2 threads merged.
    let one = tmp.path().join("sweep1");
    run_ok(&[
        "sweep",
        &s(&sc),
        "--out",
        &s(&one),
        "--quiet",
        "--format",
        "parquet",
        "--threads",
        "1",
    ]);
    let sh = tmp.path().join("sweep-sharded");
    for i in 0..3 {
        run_ok(&[
            "sweep",
            &s(&sc),
            "--out",
            &s(&sh),
            "--quiet",
            "--threads",
            "2",
            "--shard",
            &format!("{i}/3"),
        ]);
    }
    run_ok(&["merge", &s(&sh), "--format", "parquet"]);
    assert!(
        read(&one, "sweep.parquet") == read(&sh, "sweep.parquet"),
        "sweep.parquet differs after merging shards"
    );
    assert!(!sh.join("sweep.csv").exists());

    // --format on a shard is refused: shards hold no tables.
    let o = resim(&[
        "run",
        &s(&sc),
        "--out",
        &s(&tmp.path().join("x")),
        "--quiet",
        "--shard",
        "0/2",
        "--format",
        "parquet",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("resim merge"), "{}", stderr(&o));
}

#[test]
fn parquet_results_are_never_overwritten_without_force_nor_written_through_links() {
    let tmp = tempdir();
    let sc = write(tmp.path(), "tiny.toml", TINY);
    let out = tmp.path().join("run");
    let args = |extra: &[&str]| {
        let mut a = vec!["run", "--quiet", "--students", "--format", "parquet"];
        a.extend_from_slice(extra);
        a.iter().map(|x| x.to_string()).collect::<Vec<_>>()
    };
    let run = |extra: &[&str]| {
        let mut a = args(extra);
        a.insert(1, s(&sc));
        a.push("--out".into());
        a.push(s(&out));
        resim(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    assert!(run(&[]).status.success());
    let before = read(&out, "students.parquet");
    let o = run(&["--seed", "99"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(read(&out, "students.parquet"), before);

    // A link planted at a result's name is replaced, never followed.
    #[cfg(unix)]
    {
        let victim = tmp.path().join("victim.txt");
        std::fs::write(&victim, "VICTIM").unwrap();
        std::fs::remove_file(out.join("students.parquet")).unwrap();
        std::os::unix::fs::symlink(&victim, out.join("students.parquet")).unwrap();
        std::os::unix::fs::symlink(&victim, out.join(".students.parquet.partial")).unwrap();
        let o = run(&["--seed", "99", "--force"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(std::fs::read(&victim).unwrap(), b"VICTIM");
        assert!(
            !out.join("students.parquet")
                .symlink_metadata()
                .unwrap()
                .is_symlink()
        );
        assert_ne!(read(&out, "students.parquet"), before);
    }
}

#[test]
fn report_and_saved_results_read_a_parquet_only_folder() {
    let tmp = tempdir();
    let sc = write(tmp.path(), "tiny.toml", TINY);
    let pq = tmp.path().join("pq");
    let csv = tmp.path().join("csv");
    run_ok(&[
        "run",
        &s(&sc),
        "--out",
        &s(&pq),
        "--quiet",
        "--students",
        "--format",
        "parquet",
    ]);
    run_ok(&["run", &s(&sc), "--out", &s(&csv), "--quiet", "--students"]);
    run_ok(&["report", &s(&pq)]);
    run_ok(&["report", &s(&csv)]);
    let html = String::from_utf8(read(&pq, "report.html")).unwrap();
    assert!(html.contains("Resilience over the weeks"));
    // The report and its charts are those of the CSV folder, byte for byte.
    assert!(
        html.as_bytes() == read(&csv, "report.html"),
        "report.html differs"
    );
    let plots = |d: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(d.join("plots"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert!(plots(&pq).contains(&"resilience_all.svg".to_string()));
    assert_eq!(plots(&pq), plots(&csv));
    for f in plots(&pq) {
        let f = format!("plots/{f}");
        assert!(read(&pq, &f) == read(&csv, &f), "{f} differs");
    }

    // The library reads the students back from either format: the same
    // students, values equal to the CSV's printed precision.
    let a = resilience_sim::jobs::saved::open(&pq).unwrap();
    let b = resilience_sim::jobs::saved::open(&csv).unwrap();
    let (sa, sb) = (a.students().unwrap(), b.students().unwrap());
    assert_eq!(sa.len(), sb.len());
    for (x, y) in sa.iter().zip(&sb) {
        assert_eq!(x.student, y.student);
        let xs: Vec<String> = x.outcomes.iter().map(|v| num(*v)).collect();
        let ys: Vec<String> = y.outcomes.iter().map(|v| num(*v)).collect();
        assert_eq!(xs, ys);
    }
    match (&a.kind, &b.kind) {
        (resilience_sim::jobs::SavedKind::Run(x), resilience_sim::jobs::SavedKind::Run(y)) => {
            assert!(x.has_students);
            assert_eq!(x.trajectories.len(), y.trajectories.len());
            for (p, q) in x.trajectories.iter().zip(&y.trajectories) {
                assert_eq!((num(p.mean), num(p.p50)), (num(q.mean), num(q.p50)));
            }
        }
        _ => panic!("not runs"),
    }

    // A sweep written as Parquet only reads back like its CSV.
    let sw = tmp.path().join("sw");
    run_ok(&[
        "sweep",
        &s(&sc),
        "--out",
        &s(&sw),
        "--quiet",
        "--format",
        "parquet",
    ]);
    match resilience_sim::jobs::saved::open(&sw).unwrap().kind {
        resilience_sim::jobs::SavedKind::Sweep(t) => {
            assert_eq!(t.parameters.len(), 3);
            let points: std::collections::BTreeSet<u64> = t.rows.iter().map(|r| r.point).collect();
            assert_eq!(points.len(), 8);
            assert!(t.rows.iter().any(|r| r.values[2] == 12.0));
        }
        _ => panic!("not a sweep"),
    }
}

#[test]
fn a_bad_format_exits_2_naming_the_valid_ones() {
    for cmd in [
        vec!["run", "quickstart"],
        vec!["sweep", "quickstart_sweep"],
        vec!["whatif", "--add", "contact_book"],
        vec!["merge", "nowhere"],
    ] {
        let mut a = cmd.clone();
        a.extend(["--format", "xlsx"]);
        let o = resim(&a);
        assert_eq!(o.status.code(), Some(2), "{cmd:?}: {}", stderr(&o));
        let e = stderr(&o);
        assert!(
            e.contains("xlsx") && e.contains("csv, parquet, both"),
            "{cmd:?}: {e}"
        );
    }
}
