//! `resim report`, `resim run --report` and `resim whatif` as a user meets
//! them: the report's sections carry the run's numbers, the charts are real
//! SVG with data, the what-if answer is in plain words, and mistakes exit 2.

use std::path::Path;

use crate::common::*;

/// The report's number format: one decimal, two below 1 in size.
fn num(x: f64) -> String {
    let s = if x.abs() >= 1.0 || x == 0.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    };
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

/// A column of one row of a CSV file, as a number.
fn csv_value(file: &Path, key_col: &str, key: &str, col: &str) -> f64 {
    let mut r = csv::Reader::from_path(file).unwrap();
    let h = r.headers().unwrap().clone();
    let k = h.iter().position(|c| c == key_col).unwrap();
    let c = h.iter().position(|c| c == col).unwrap();
    let row = r
        .records()
        .map(|x| x.unwrap())
        .find(|x| &x[k] == key)
        .unwrap_or_else(|| panic!("no row {key} in {}", file.display()));
    row[c].parse().unwrap()
}

/// The paragraph of the report about one strategy.
fn finding(html: &str, strategy: &str) -> String {
    let tag = format!("<p class=\"finding\" data-strategy=\"{strategy}\">");
    let start = html
        .find(&tag)
        .unwrap_or_else(|| panic!("no finding for {strategy}"));
    let rest = &html[start + tag.len()..];
    rest[..rest.find("</p>").unwrap()].to_string()
}

fn quickstart_with_report(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("q");
    run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
        "--replicates",
        "3",
        "--report",
    ]);
    out
}

#[test]
fn report_of_a_small_run_has_every_section_with_the_runs_numbers() {
    let dir = tempdir();
    let out = quickstart_with_report(dir.path());
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html written");
    for section in [
        "id=\"findings\"",
        "id=\"trajectories\"",
        "id=\"depressive\"",
        "id=\"effects\"",
        "id=\"cost\"",
        "id=\"reproduce\"",
        "Resilience of all students, week by week",
        "Resilience of left-behind students, week by week",
        "Share of all students with depressive symptoms",
        "Effect on every outcome, all students",
        "Effect on resilience in every subgroup",
        "Cost against effect",
        "dominated",
    ] {
        assert!(html.contains(section), "report lacks {section}");
    }
    // Findings quote effects.csv (left-behind students by default) and strategies.csv.
    let effects = effects(&out);
    for s in ["contact_book", "full_programme"] {
        let p = finding(&html, s);
        let e = effect(&effects, s, "left_behind", "resilience");
        assert!(
            p.starts_with("For left-behind students,"),
            "finding for {s}: {p}"
        );
        assert!(
            p.contains(&format!("by {} points", num(e.diff.abs()))),
            "finding for {s} does not quote diff {}: {p}",
            e.diff
        );
        let hours = csv_value(
            &out.join("strategies.csv"),
            "strategy",
            s,
            "teacher_hours_per_class_term",
        );
        let cost = csv_value(
            &out.join("strategies.csv"),
            "strategy",
            s,
            "cost_per_student_year",
        );
        assert!(p.contains(&format!(
            "at {} hours of teacher time per class per term",
            num(hours)
        )));
        assert!(p.contains(&format!("a cost of {} per student per year", num(cost))));
        assert!(p.contains("with depressive symptoms at the end"));
    }
    assert!(
        !html.contains("data-strategy=\"usual_practice\""),
        "no finding for the baseline"
    );
    // Reproduction: seed, replicates, version, scenario file.
    assert!(html.contains("<th>seed</th><td>2019</td>"));
    assert!(html.contains(&format!(
        "<th>program version</th><td>{}</td>",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(html.contains("--seed 2019 --replicates 3"));
    assert!(html.contains("name = &quot;quickstart&quot;"));
    // Self-contained: nothing fetched.
    for bad in ["<script", "<link", " src=", "url(", "@import", "<img"] {
        assert!(!html.contains(bad), "report contains {bad}");
    }
    assert_eq!(
        html.matches("http").count(),
        html.matches("http://www.w3.org/2000/svg").count(),
        "the only URLs are SVG namespaces"
    );
    // Every chart is inline and in plots/.
    let plots: Vec<_> = std::fs::read_dir(out.join("plots"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(html.matches("<svg ").count(), plots.len());
    for p in &plots {
        assert!(html.contains(&format!("plots/{p}")), "{p} not referenced");
    }
}

#[test]
fn every_plot_is_xml_with_drawn_data() {
    let dir = tempdir();
    let out = quickstart_with_report(dir.path());
    let mut names = Vec::new();
    for entry in std::fs::read_dir(out.join("plots")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.ends_with(".svg"), "{name}");
        assert!(!name.starts_with('.'), "partial file left: {name}");
        let text = std::fs::read_to_string(&path).unwrap();
        let doc =
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name} is not XML: {e}"));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        let drawn = |tag: &str, attr: &str| {
            doc.descendants()
                .filter(|n| n.tag_name().name() == tag)
                .filter(|n| {
                    n.attribute(attr)
                        .is_some_and(|v| v.split_whitespace().count() >= 2)
                })
                .count()
        };
        let lines = drawn("polyline", "points") + drawn("path", "d") + drawn("polygon", "points");
        let circles = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "circle")
            .count();
        let texts = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "text")
            .count();
        assert!(texts >= 5, "{name}: axes are not labelled");
        if name.starts_with("resilience_") {
            // Three mean lines and three 10-90 % bands.
            assert!(drawn("polygon", "points") >= 3, "{name}: no bands");
            assert!(lines >= 6, "{name}: no lines");
        } else if name.starts_with("depressive_") {
            assert!(lines >= 3, "{name}: no lines");
        } else {
            // Forest plots and cost-effect: one marker per comparison or strategy.
            assert!(circles >= 2, "{name}: no markers");
        }
        names.push(name);
    }
    names.sort();
    assert_eq!(
        names,
        [
            "cost_effect.svg",
            "depressive_all.svg",
            "depressive_left_behind.svg",
            "forest_outcomes.svg",
            "forest_subgroups_resilience.svg",
            "resilience_all.svg",
            "resilience_left_behind.svg",
        ]
    );
}

#[test]
fn report_command_refuses_to_overwrite_and_honours_its_choices() {
    let dir = tempdir();
    let out = path(dir.path(), "q");
    run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &out,
        "--quiet",
        "--replicates",
        "2",
    ]);
    assert!(!Path::new(&out).join("report.html").exists());
    let o = run_ok(&["report", &out]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("report.html"));
    let again = resim(&["report", &out]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    run_ok(&[
        "report",
        &out,
        "--force",
        "--subgroup",
        "rural",
        "--outcome",
        "distress",
    ]);
    let html = std::fs::read_to_string(Path::new(&out).join("report.html")).unwrap();
    assert!(html.contains("Resilience of rural students"));
    assert!(html.contains("Effect on distress in every subgroup"));
    assert!(finding(&html, "full_programme").starts_with("For rural students,"));
    assert!(
        Path::new(&out)
            .join("plots/forest_subgroups_distress.svg")
            .is_file()
    );
}

#[test]
fn report_of_a_missing_or_bad_directory_exits_2() {
    let dir = tempdir();
    let missing = path(dir.path(), "nothing_here");
    let o = resim(&["report", &missing]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing_here"));

    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = resim(&["report", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("effects.csv"));

    let out = path(dir.path(), "q");
    run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &out,
        "--quiet",
        "--replicates",
        "2",
    ]);
    let o = resim(&["report", &out, "--subgroup", "pirates"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("left_behind"));
    let o = resim(&["report", &out, "--outcome", "happiness"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("resilience"));
    std::fs::write(Path::new(&out).join("effects.csv"), "strategy,oops\nx,1\n").unwrap();
    let o = resim(&["report", &out]);
    assert_eq!(o.status.code(), Some(2));
    // The file no longer matches the manifest's checksum.
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("effects.csv does not match manifest.json")
    );
    // With a manifest that lists no files (an older version's), the file
    // is read unchecked and its missing column named.
    let manifest = Path::new(&out).join("manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    m.as_object_mut().unwrap().remove("files");
    std::fs::write(&manifest, serde_json::to_vec(&m).unwrap()).unwrap();
    let o = resim(&["report", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing column"));
    assert!(!Path::new(&out).join("report.html").exists());

    // A bad choice fails before the run: nothing is written.
    let never = path(dir.path(), "never");
    let o = resim(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &never,
        "--report",
        "--subgroup",
        "pirates",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!Path::new(&never).exists());
}

#[test]
fn whatif_answers_an_educator_in_plain_words() {
    let dir = tempdir();
    let out = path(dir.path(), "w");
    let o = run_ok(&[
        "whatif",
        "--add",
        "contact_book",
        "--set",
        "contact_book.frequency=weekly",
        "--out",
        &out,
        "--quiet",
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    for words in [
        "What if your class added contact_book",
        "Students with depressive symptoms at the end of the year: ",
        " of 45 (",
        "Average resilience (0-100): ",
        "Teacher time: ",
        "hours per class per term",
        "In plain words: For all students, the what-if change",
        "report.html",
    ] {
        assert!(stdout.contains(words), "whatif lacks {words:?}:\n{stdout}");
    }
    let out = Path::new(&out);
    for f in [
        "effects.csv",
        "strategies.csv",
        "manifest.json",
        "scenario.toml",
        "report.html",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // The numbers printed are those of effects.csv.
    let rows = effects(out);
    let e = effect(&rows, "what_if", "all", "depressive");
    assert!(stdout.contains(&format!(
        "{} → {} of 45",
        num(e.baseline_mean * 45.0),
        num(e.mean * 45.0)
    )));
    // scenario.toml reproduces the answer with `resim run`.
    let again = path(dir.path(), "again");
    run_ok(&[
        "run",
        out.join("scenario.toml").to_str().unwrap(),
        "--out",
        &again,
        "--quiet",
    ]);
    assert_eq!(
        std::fs::read(out.join("effects.csv")).unwrap(),
        std::fs::read(Path::new(&again).join("effects.csv")).unwrap()
    );
    // A second what-if into the same directory is refused without --force.
    let o = resim(&[
        "whatif",
        "--add",
        "contact_book",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
}

#[test]
fn whatif_mistakes_exit_2_with_what_is_valid() {
    let dir = tempdir();
    let out = path(dir.path(), "w");
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["--add", "no_such_component"],
            &["no_such_component", "contact_book", "left_behind_support"],
        ),
        (&["--remove", "teleport"], &["teleport", "contact_book"]),
        (
            &[
                "--add",
                "contact_book",
                "--set",
                "contact_book.frequency=sometimes",
            ],
            &["sometimes", "daily", "weekly"],
        ),
        (
            &[
                "--add",
                "contact_book",
                "--set",
                "contact_book.coverage=1.5",
            ],
            &["coverage", "0 to 1"],
        ),
        (
            &["--add", "contact_book", "--set", "contact_book.colour=red"],
            &["colour", "frequency", "two_way"],
        ),
        (
            &["--set", "contact_book.frequency=daily"],
            &["--add contact_book"],
        ),
        (&["--remove", "contact_book"], &["termly_conference"]),
        (&[], &["nothing changes"]),
        (
            &["no_such_scenario", "--add", "contact_book"],
            &["quickstart"],
        ),
    ];
    for (args, expect) in cases {
        let mut all = vec!["whatif", "--out", &out, "--quiet"];
        all.extend_from_slice(args);
        let o = resim(&all);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
        for e in *expect {
            assert!(stderr.contains(e), "{args:?}: stderr lacks {e}:\n{stderr}");
        }
        assert!(!Path::new(&out).exists(), "{args:?} wrote output");
    }
}

/// An educator asks many questions: each gets its own folder under
/// `results/`, named from the question, and asking the same question again
/// keeps the earlier answer (issue 15, item 4).
#[test]
fn whatif_keeps_every_answer_in_its_own_folder() {
    let dir = tempdir();
    let ask = |args: &[&str]| {
        let mut all = vec!["whatif", "--quiet", "--replicates", "4"];
        all.extend_from_slice(args);
        let o = resim_in(dir.path(), &all);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let first = ask(&["--add", "contact_book"]);
    let results = dir.path().join("results");
    let daily = results.join("whatif-one_class_contact_book-add-contact_book");
    assert!(
        first.contains(&format!(
            "{}",
            Path::new("results")
                .join("whatif-one_class_contact_book-add-contact_book")
                .join("report.html")
                .display()
        )),
        "{first}"
    );
    let kept = std::fs::read(daily.join("effects.csv")).unwrap();
    // A second question goes to a folder of its own.
    ask(&[
        "--add",
        "contact_book",
        "--set",
        "contact_book.frequency=daily",
    ]);
    assert!(
        results
            .join("whatif-one_class_contact_book-add-contact_book-set-contact_book-frequency-daily")
            .join("effects.csv")
            .is_file()
    );
    // The same question again: a numbered folder, the first answer untouched.
    let again = ask(&["--add", "contact_book"]);
    assert!(
        again.contains("whatif-one_class_contact_book-add-contact_book-2"),
        "{again}"
    );
    assert_eq!(std::fs::read(daily.join("effects.csv")).unwrap(), kept);
    let mut folders: Vec<String> = std::fs::read_dir(&results)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert_eq!(
        folders,
        [
            "whatif-one_class_contact_book-add-contact_book",
            "whatif-one_class_contact_book-add-contact_book-2",
            "whatif-one_class_contact_book-add-contact_book-set-contact_book-frequency-daily",
        ]
    );
}

/// "What if we stopped doing X?" when X is all the class does: the answer
/// compares what is done now with doing nothing, in the question's
/// direction — teacher time and cost go down — and its numbers are those of
/// effects.csv, which holds what is done now against the empty baseline
/// (issue 15, item 5).
#[test]
fn whatif_answers_stopping_everything() {
    let dir = tempdir();
    let out = path(dir.path(), "stop");
    let o = run_ok(&[
        "whatif",
        "--remove",
        "termly_conference",
        "--replicates",
        "8",
        "--out",
        &out,
        "--quiet",
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("What if your class removed termly_conference, compared with what it does now: `what_i_do_now` (termly_conference)?"),
        "{stdout}"
    );
    let rows = effects(Path::new(&out));
    let now = effect(&rows, "what_i_do_now", "all", "resilience");
    assert!(
        stdout.contains(&format!(
            "Average resilience (0-100): {} → {} ({} points",
            num(now.mean),
            num(now.baseline_mean),
            resilience_sim::report::words::signed(-now.diff)
        )),
        "{stdout}"
    );
    let d = effect(&rows, "what_i_do_now", "all", "depressive");
    assert!(
        stdout.contains(&format!(
            "{} → {} of 45",
            num(d.mean * 45.0),
            num(d.baseline_mean * 45.0)
        )),
        "{stdout}"
    );
    // Stopping frees teacher time and money.
    let line = stdout
        .lines()
        .find(|l| l.contains("Teacher time:"))
        .unwrap();
    assert!(
        line.trim_end().ends_with(')') && line.contains("(-"),
        "{line}"
    );
    let cost = stdout.lines().find(|l| l.contains("Cost:")).unwrap();
    assert!(cost.contains("→ 0.0 per student per year (-"), "{cost}");
    assert!(
        stdout.contains("In plain words: without termly_conference"),
        "{stdout}"
    );
    // The saved scenario reproduces it: the empty what-if is its baseline.
    let toml = std::fs::read_to_string(Path::new(&out).join("scenario.toml")).unwrap();
    assert!(toml.contains("baseline = \"what_if\""), "{toml}");
    let again = path(dir.path(), "again");
    run_ok(&[
        "run",
        &format!("{out}/scenario.toml"),
        "--out",
        &again,
        "--quiet",
    ]);
    assert_eq!(
        std::fs::read(Path::new(&out).join("effects.csv")).unwrap(),
        std::fs::read(Path::new(&again).join("effects.csv")).unwrap()
    );
}
