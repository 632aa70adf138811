//! The studio's Scenarios page over HTTP: the bundled scenarios and the
//! user's folder listed; a scenario's form carrying every parameter with
//! its registry entry; the form sent back as a browser sends it, through
//! the CLI's loader, with each of its messages beside the field it names
//! (status 400); a saved file byte-identical to what `resim check` prints;
//! a file resim did not write replaced only when the user confirms; names
//! in requests checked against the folder; duplicate and download.

use std::path::Path;

use axum::http::StatusCode;
use resilience_sim::components::{ComponentSettings, REGISTRY};
use resilience_sim::scenario::ModelParams;
use resilience_sim::studio::{self, Config};

use super::common::{resim_in, tempdir};
use super::studio::{app, config, get, post, start, text};

/// `&amp;` and the other entities minijinja writes, back to text.
fn unescape(s: &str) -> String {
    s.replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of attribute `name` of a tag's text.
fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[at..].find('"')? + at;
    Some(unescape(&tag[at..end]))
}

/// What a browser sends for the form `form_id` of `html` when no button
/// is named: every text input and hidden field, ticked checkboxes, each
/// select's chosen option, textareas.
fn form_fields(html: &str, form_id: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("id=\"{form_id}\""))
        .expect("the form is on the page");
    let end = html[start..]
        .find("</form>")
        .map_or(html.len(), |e| start + e);
    let form = &html[start..end];
    let mut out = Vec::new();
    let mut rest = form;
    let mut select: Option<(String, Option<String>)> = None;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        let gt = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..gt];
        if tag.starts_with("<input") {
            let checkable = matches!(attr(tag, "type").as_deref(), Some("checkbox" | "radio"));
            if let Some(n) = attr(tag, "name")
                && (!checkable || tag.contains(" checked"))
            {
                out.push((n, attr(tag, "value").unwrap_or_default()));
            }
        } else if tag.starts_with("<select") {
            select = attr(tag, "name").map(|n| (n, None));
        } else if tag.starts_with("<option") {
            if let Some((_, chosen)) = &mut select
                && (chosen.is_none() || tag.contains(" selected"))
            {
                *chosen = attr(tag, "value");
            }
        } else if tag.starts_with("</select") {
            if let Some((n, v)) = select.take() {
                out.push((n, v.unwrap_or_default()));
            }
        } else if tag.starts_with("<textarea") {
            let body = &rest[gt + 1..];
            let close = body.find("</textarea>").unwrap_or(0);
            if let Some(n) = attr(tag, "name") {
                out.push((n, unescape(&body[..close])));
            }
        }
        rest = &rest[gt.min(rest.len())..];
        if rest.len() > 1 {
            rest = &rest[1..];
        } else {
            break;
        }
    }
    out
}

/// Sends the form of page `uri` back as a browser would, with `set`
/// typed in (or added) and the fields in `drop` left out (an unticked box).
async fn send_form(
    app: &super::studio::Live,
    uri: &str,
    set: &[(&str, &str)],
    drop: &[&str],
) -> super::studio::Page {
    let page = get(app, uri).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let mut fields = form_fields(&page.body, "scenario-form");
    fields.retain(|(n, _)| !drop.contains(&n.as_str()));
    for (k, v) in set {
        match fields.iter_mut().find(|(n, _)| n == k) {
            Some(f) => f.1 = v.to_string(),
            None => fields.push((k.to_string(), v.to_string())),
        }
    }
    let body = serde_urlencoded::to_string(&fields).unwrap();
    post(app, uri, &body).await
}

/// The message shown beside field `path`.
fn message_beside(body: &str, path: &str) -> String {
    let id = format!("id=\"error-{path}\">");
    let at = body
        .find(&id)
        .unwrap_or_else(|| panic!("no message beside {path}:\n{}", text(body)))
        + id.len();
    let end = body[at..].find('<').unwrap() + at;
    unescape(&body[at..end])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_has_the_bundled_scenarios_and_the_users_own() {
    let dir = tempdir();
    let app = app(dir.path());
    let folder = dir.path().join("scenarios");
    std::fs::copy("scenarios/quickstart.toml", folder.join("mine.toml")).unwrap();
    std::fs::write(
        folder.join("broken.toml"),
        "name = \"broken\"\n[stress]\nacademic_lod = 1\n",
    )
    .unwrap();
    std::fs::write(folder.join("notes.txt"), "not a scenario").unwrap();
    let p = get(&app, "/scenarios").await;
    assert_eq!(p.status, StatusCode::OK);
    let words = text(&p.body);
    for name in [
        "quickstart",
        "rural_left_behind",
        "mine.toml",
        "broken.toml",
    ] {
        assert!(words.contains(name), "{name} listed:\n{words}");
    }
    assert!(
        !words.contains("notes.txt"),
        "only TOML files are scenarios"
    );
    // A file the loader refuses is listed with the loader's message.
    assert!(words.contains("key `stress.academic_lod`"), "{words}");
    assert!(words.contains("did you mean `academic_load`?"), "{words}");
    // The nav bar leads here from every page.
    assert!(
        get(&app, "/class")
            .await
            .body
            .contains("href=\"/scenarios\"")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_has_every_parameter_with_its_default_range_meaning_and_source() {
    let dir = tempdir();
    let app = app(dir.path());
    let p = get(&app, "/scenarios/quickstart").await;
    assert_eq!(p.status, StatusCode::OK);
    let fields = form_fields(&p.body, "scenario-form");
    let words = unescape(&text(&p.body));
    let mut last_section = 0;
    for d in ModelParams::docs() {
        let name = format!("v.{}.{}", d.section, d.name);
        assert!(
            fields.iter().any(|(n, _)| *n == name),
            "{name} is a field of the form"
        );
        assert!(words.contains(d.meaning.trim()), "{name}'s meaning shown");
        assert!(
            words.contains(&format!("range [{}, {}]", d.lo, d.hi)),
            "{name}'s range shown"
        );
        assert!(words.contains(d.source), "{name}'s source shown");
        // Sections in `resim list`'s order.
        let at = p
            .body
            .find(&format!("id=\"section-{}\"", d.section))
            .unwrap();
        assert!(at >= last_section, "{} in resim list's order", d.section);
        last_section = at;
    }
    // Each strategy can take every component, with every setting.
    for s in ["usual_practice", "contact_book", "full_programme"] {
        for c in REGISTRY {
            let tick = format!("on-{s}-{}", c.name);
            assert!(p.body.contains(&format!("id=\"{tick}\"")), "{tick}");
            for setting in ComponentSettings::SETTINGS {
                let f = format!("name=\"v.strategies.{s}.{}.{}\"", c.name, setting.name);
                assert!(p.body.contains(&f), "{f}");
            }
        }
    }
    // Ticked: the components the scenario has.
    let ticked = |s: &str, c: &str| fields.iter().any(|(n, _)| *n == format!("on.{s}.{c}"));
    assert!(ticked("contact_book", "contact_book"));
    assert!(ticked("full_programme", "parent_modelling"));
    assert!(!ticked("usual_practice", "contact_book"));
    // Every control has a label.
    for (name, _) in &fields {
        if let Some(path) = name.strip_prefix("v.") {
            let id = format!("f-{path}");
            assert!(
                p.body.contains(&format!("<label for=\"{id}\">")),
                "{id} labelled"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_scenario_is_byte_identical_to_what_resim_check_prints() {
    let dir = tempdir();
    let app = app(dir.path());
    let p = send_form(
        &app,
        "/scenarios/quickstart",
        &[
            ("action", "save"),
            ("file", "my_plan"),
            ("v.name", "my_plan"),
            ("v.stress.academic_load", "0.06"),
            ("v.strategies.contact_book.contact_book.frequency", "daily"),
            ("on.contact_book.digital_channel", "1"),
            ("v.strategies.contact_book.digital_channel.coverage", "0.5"),
        ],
        &["on.full_programme.joint_goal_setting"],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    assert_eq!(p.location, "/scenarios/my_plan.toml?saved=1");
    let saved = dir.path().join("scenarios/my_plan.toml");
    let bytes = std::fs::read_to_string(&saved).unwrap();
    let check = resim_in(dir.path(), &["check", "scenarios/my_plan.toml"]);
    assert!(check.status.success());
    assert_eq!(String::from_utf8(check.stdout).unwrap(), bytes);
    assert!(bytes.contains("academic_load = 0.06\n"), "{bytes}");
    assert!(bytes.contains("[strategies.contact_book.digital_channel]\ncoverage = 0.5\n"));
    assert!(
        bytes.contains("[strategies.contact_book.contact_book]\ncoverage = 1.0\nintensity = 1.0\nfrequency = 5.0\n"),
        "daily is 5 a week: {bytes}"
    );
    assert!(!bytes.contains("[strategies.full_programme.joint_goal_setting]"));
    // The saved page says so, and lists it among the user's scenarios.
    let page = get(&app, &p.location).await;
    assert!(text(&page.body).contains("Saved: the file is exactly what resim check prints"));
    assert!(text(&get(&app, "/scenarios").await.body).contains("my_plan.toml"));
    // Saved again under its own name: it is resim's file, replaced without asking.
    let again = send_form(
        &app,
        "/scenarios/my_plan.toml",
        &[("action", "save"), ("v.run.replicates", "8")],
        &[],
    )
    .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", text(&again.body));
    assert!(
        std::fs::read_to_string(&saved)
            .unwrap()
            .contains("replicates = 8\n")
    );
    // Download: the same bytes as `resim check`.
    let d = get(&app, "/scenarios/quickstart/download").await;
    let check = resim_in(dir.path(), &["check", "quickstart"]);
    assert_eq!(d.body, String::from_utf8(check.stdout).unwrap());
}

/// A bad form: what is typed, the fields left out, the field whose
/// message it is, and what the message says.
type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], &'a str, &'a str);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_error_shows_the_loaders_message_beside_its_field() {
    let dir = tempdir();
    let app = app(dir.path());
    let uri = "/scenarios/quickstart_sweep";
    let cases: &[Case] = &[
        (
            &[("v.population.rural_share", "2")],
            &[],
            "population.rural_share",
            "population.rural_share: 2 is out of range; valid: a number from 0 to 1",
        ),
        (
            &[("v.run.replicates", "many")],
            &[],
            "run.replicates",
            "run.replicates: wrong type: string \"many\"; valid: a whole number",
        ),
        (
            &[("v.stress.challenge_level", "0.5")],
            &[],
            "stress.challenge_level",
            "is not below overwhelm_level",
        ),
        (
            &[("v.traits.hope.sd", "-1")],
            &[],
            "traits.hope.sd",
            "traits.hope.sd",
        ),
        (
            &[("v.population.grades", "[7, 13]")],
            &[],
            "population.grades",
            "population.grades",
        ),
        (
            &[("v.mechanisms.chronic_strain", "maybe")],
            &[],
            "mechanisms.chronic_strain",
            "mechanisms.chronic_strain",
        ),
        (
            &[("v.baseline", "nobody")],
            &[],
            "baseline",
            "baseline: no strategy is named `nobody`",
        ),
        (
            &[("v.name", "my plan")],
            &[],
            "name",
            "name: `my plan` cannot name a scenario",
        ),
        (
            &[("v.strategies.contact_book.contact_book.coverage", "1.5")],
            &[],
            "strategies.contact_book.contact_book.coverage",
            "strategies.contact_book.contact_book.coverage: 1.5 is out of range",
        ),
        (
            &[("v.strategies.contact_book.contact_book.frequency", "hourly")],
            &[],
            "strategies.contact_book.contact_book.frequency",
            "hourly",
        ),
        (
            &[],
            &["on.contact_book.contact_book"],
            "strategies.contact_book",
            "has no components; only the baseline may be empty",
        ),
        (
            &[(
                "sweep",
                "[sweep]\nmethod = \"grid\"\n[sweep.\"stress.academic_lod\"]\nfrom = 0\nto = 1\nsteps = 2\n",
            )],
            &[],
            "sweep",
            "stress.academic_lod",
        ),
        (
            &[("action", "save"), ("file", "../escape")],
            &[],
            "file",
            "file name `../escape`: not a valid name",
        ),
    ];
    for (set, drop, field, says) in cases {
        let p = send_form(&app, uri, set, drop).await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{set:?} {drop:?}");
        let m = message_beside(&p.body, field);
        assert!(m.contains(says), "{set:?}: beside {field}: {m}");
        assert!(text(&p.body).contains("problem"), "{set:?}");
        // The form comes back as typed, so the user can mend it.
        for (k, v) in *set {
            if k.starts_with("v.") {
                let fields = form_fields(&p.body, "scenario-form");
                assert!(
                    fields.iter().any(|(n, x)| n == k && x == v),
                    "{k} keeps `{v}`"
                );
            }
        }
    }
    // Nothing was written.
    assert!(studio::names::list(&dir.path().join("scenarios"), true).is_empty());
    // A valid form is said to be valid.
    let ok = send_form(&app, uri, &[("action", "check")], &[]).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(text(&ok.body).contains("The scenario is valid."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chinese_form_words_the_loaders_messages_and_the_registry_in_chinese() {
    let dir = tempdir();
    let app = app(dir.path());
    let uri = "/scenarios/quickstart_sweep?lang=zh-CN";
    let cases: &[Case] = &[
        (
            &[("v.population.rural_share", "2")],
            &[],
            "population.rural_share",
            "population.rural_share：2 超出范围；有效值：0 到 1 之间的数",
        ),
        (
            &[("v.run.replicates", "many")],
            &[],
            "run.replicates",
            "run.replicates：类型错误：string \"many\"；有效值：1 到 1000000 之间的整数",
        ),
        (
            &[("v.stress.challenge_level", "0.5")],
            &[],
            "stress.challenge_level",
            "stress.challenge_level：0.5 不低于 overwhelm_level = 0.15；有效值：低于压垮水平的挑战水平",
        ),
        (
            &[("v.baseline", "nobody")],
            &[],
            "baseline",
            "baseline：没有名为 `nobody` 的策略；有效值：",
        ),
        (
            &[("v.strategies.contact_book.contact_book.coverage", "1.5")],
            &[],
            "strategies.contact_book.contact_book.coverage",
            "strategies.contact_book.contact_book.coverage：1.5 超出范围；有效值：0 到 1 之间的数",
        ),
        (
            &[("action", "save"), ("file", "../escape")],
            &[],
            "file",
            "文件名 `../escape` 无效；有效的文件名：1–64 个字母、数字、`_` 或 `-`",
        ),
    ];
    for (set, drop, field, says) in cases {
        let p = send_form(&app, uri, set, drop).await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{set:?}");
        assert!(p.body.contains("<html lang=\"zh-CN\">"));
        let m = message_beside(&p.body, field);
        assert!(m.starts_with(says), "{set:?}: beside {field}: {m}");
    }
    // The same form in English: the CLI's words, unchanged.
    let p = send_form(
        &app,
        "/scenarios/quickstart_sweep?lang=en",
        &[("v.population.rural_share", "2")],
        &[],
    )
    .await;
    assert_eq!(
        message_beside(&p.body, "population.rural_share"),
        "population.rural_share: 2 is out of range; valid: a number from 0 to 1"
    );
    // The registry's meanings and the bundled scenarios' descriptions are
    // Chinese; sources are references and stay as written.
    let page = text(&get(&app, uri).await.body);
    assert!(
        page.contains("学期开始时每个上课周进入的学业压力"),
        "a parameter's meaning"
    );
    assert!(page.contains("目标群体中"), "a setting's meaning");
    assert!(page.contains("Tang et al. (2020)"), "a source");
    assert!(!page.contains("Academic stress entering per school week"));
    let list = text(&get(&app, "/scenarios?lang=zh-CN").await.body);
    assert!(
        list.contains("家校联系本和完整的家校项目与常规做法的比较"),
        "{list}"
    );
    assert!(!list.contains("Contact book and full family-school programme vs usual practice"));
    let list = text(&get(&app, "/scenarios?lang=en").await.body);
    assert!(list.contains("Contact book and full family-school programme vs usual practice"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_resim_did_not_write_is_replaced_only_when_the_user_confirms() {
    let dir = tempdir();
    let app = app(dir.path());
    let theirs = dir.path().join("scenarios/plan.toml");
    std::fs::write(&theirs, "# my own notes\nname = \"plan\"\n").unwrap();
    let p = send_form(
        &app,
        "/scenarios/quickstart",
        &[("action", "save"), ("file", "plan")],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    assert!(
        message_beside(&p.body, "file")
            .contains("plan.toml is already in the scenarios folder and was not written by resim")
    );
    assert!(p.body.contains("id=\"overwrite\""), "asks to confirm");
    assert_eq!(
        std::fs::read_to_string(&theirs).unwrap(),
        "# my own notes\nname = \"plan\"\n"
    );
    // Edited by hand after resim wrote it: theirs again.
    let p = send_form(
        &app,
        "/scenarios/quickstart",
        &[("action", "save"), ("file", "plan"), ("overwrite", "yes")],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    assert!(
        std::fs::read_to_string(&theirs)
            .unwrap()
            .starts_with("schema_version = 1\n")
    );
    let mut edited = std::fs::read_to_string(&theirs).unwrap();
    edited.push_str("# a note\n");
    std::fs::write(&theirs, edited).unwrap();
    let p = send_form(
        &app,
        "/scenarios/quickstart",
        &[("action", "save"), ("file", "plan")],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    // A link in the folder is never written through.
    #[cfg(unix)]
    {
        let outside = dir.path().join("outside.toml");
        std::fs::write(&outside, "outside").unwrap();
        std::os::unix::fs::symlink(&outside, dir.path().join("scenarios/linked.toml")).unwrap();
        let p = send_form(
            &app,
            "/scenarios/quickstart",
            &[("action", "save"), ("file", "linked"), ("overwrite", "yes")],
            &[],
        )
        .await;
        assert_ne!(p.status, StatusCode::SEE_OTHER);
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "outside");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strategies_are_added_from_components_and_removed() {
    let dir = tempdir();
    let app = app(dir.path());
    let p = send_form(
        &app,
        "/scenarios/quickstart",
        &[
            ("action", "add_strategy"),
            ("new_strategy", "books_and_calls"),
        ],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("id=\"strategy-books_and_calls\""));
    // The new strategy's form, sent with two components ticked and one
    // strategy removed, is saved as the loader reads it.
    let mut fields = form_fields(&p.body, "scenario-form");
    fields.retain(|(n, _)| n != "file");
    for (k, v) in [
        ("on.books_and_calls.contact_book", "1"),
        ("on.books_and_calls.digital_channel", "1"),
        ("remove.full_programme", "1"),
        ("action", "save"),
        ("file", "two_plans"),
    ] {
        fields.push((k.into(), v.into()));
    }
    let body = serde_urlencoded::to_string(&fields).unwrap();
    let p = post(&app, "/scenarios/quickstart", &body).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    let saved = std::fs::read_to_string(dir.path().join("scenarios/two_plans.toml")).unwrap();
    assert!(saved.contains("[strategies.books_and_calls.contact_book]"));
    assert!(saved.contains("[strategies.books_and_calls.digital_channel]"));
    assert!(!saved.contains("full_programme"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scenario_names_in_requests_are_checked_and_duplicates_land_in_the_folder() {
    let dir = tempdir();
    let app = app(dir.path());
    std::fs::write(dir.path().join("secret.toml"), "name = \"secret\"").unwrap();
    for (uri, status) in [
        ("/scenarios/..%2Fsecret.toml", StatusCode::BAD_REQUEST),
        (
            "/scenarios/.resim-studio-written.json",
            StatusCode::BAD_REQUEST,
        ),
        ("/scenarios/nothing.toml", StatusCode::NOT_FOUND),
        ("/scenarios/nothing", StatusCode::NOT_FOUND),
        (
            "/scenarios/..%2Fsecret.toml/download",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        assert_eq!(get(&app, uri).await.status, status, "{uri}");
    }
    let p = post(&app, "/scenarios/..%2Fsecret.toml", "action=save&file=x").await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    // Duplicate: a copy under a free name, named after its file.
    let p = post(&app, "/scenarios/rural_left_behind/duplicate", "").await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(p.location, "/scenarios/rural_left_behind-copy.toml?saved=1");
    let p = post(&app, "/scenarios/rural_left_behind/duplicate", "").await;
    assert_eq!(
        p.location,
        "/scenarios/rural_left_behind-copy-2.toml?saved=1"
    );
    let copy = dir.path().join("scenarios/rural_left_behind-copy-2.toml");
    let text_of_copy = std::fs::read_to_string(&copy).unwrap();
    assert!(text_of_copy.contains("name = \"rural_left_behind-copy-2\"\n"));
    let check = resim_in(
        dir.path(),
        &["check", "scenarios/rural_left_behind-copy-2.toml"],
    );
    assert_eq!(String::from_utf8(check.stdout).unwrap(), text_of_copy);
    // A studio without a scenarios folder cannot duplicate: it says so in
    // the page's language.
    let bare = tempdir();
    let no_folder = start(Config {
        scenarios: None,
        ..config(bare.path())
    })
    .unwrap();
    for (lang, says, not) in [
        ("en", "the studio has no scenarios folder", "情景文件夹"),
        ("zh-CN", "工作室没有情景文件夹", "has no scenarios folder"),
    ] {
        let uri = format!("/scenarios/quickstart/duplicate?lang={lang}");
        let p = post(&no_folder, &uri, "").await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{lang}");
        let words = unescape(&text(&p.body));
        assert!(
            words.contains(says) && !words.contains(not),
            "{lang}: {words}"
        );
    }
    // A form over the cap is refused.
    let big = format!(
        "file=x&pad={}",
        "x".repeat(studio::MAX_SCENARIO_FORM_BYTES + 10)
    );
    assert_eq!(
        post(&app, "/scenarios/quickstart", &big).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    assert!(!Path::new(&dir.path().join("scenarios/x.toml")).exists());
}

/// The controls of `html` (inputs, selects, text areas; not hidden fields
/// or buttons) that have no label: no `aria-label`, no `<label for=ID>`,
/// and not inside a `<label>`.
fn unlabelled(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for open in ["<input", "<select", "<textarea"] {
        for (at, _) in html.match_indices(open) {
            let tag = &html[at..at + html[at..].find('>').unwrap()];
            if attr(tag, "type").as_deref() == Some("hidden") || tag.contains(" aria-label=\"") {
                continue;
            }
            let before = &html[..at];
            let inside_label =
                before.matches("<label").count() > before.matches("</label>").count();
            let labelled_by_id =
                attr(tag, "id").is_some_and(|id| html.contains(&format!("<label for=\"{id}\"")));
            if !inside_label && !labelled_by_id {
                out.push(tag.to_string());
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_control_of_every_page_has_a_label() {
    let dir = tempdir();
    let app = app(dir.path());
    let answer = super::studio::ask(&app, super::studio::CLASS_FORM).await;
    let name = answer.rsplit('/').next().unwrap().to_string();
    let compare = format!("/class/compare?a={name}");
    let viewer = format!("/results/{name}");
    let pages = [
        "/class",
        "/scenarios",
        "/scenarios/quickstart_sweep",
        "/runs",
        "/results",
        "/class?lang=zh-CN",
        "/scenarios/quickstart?lang=zh-CN",
        answer.as_str(),
        compare.as_str(),
        viewer.as_str(),
    ];
    for page in pages {
        let p = get(&app, page).await;
        assert_eq!(p.status, StatusCode::OK, "{page}");
        assert_eq!(unlabelled(&p.body), Vec::<String>::new(), "{page}");
        // Nothing takes the keyboard away: no positive tabindex, no
        // control reachable only by mouse.
        assert!(!p.body.contains("tabindex=\"1"), "{page}");
        assert!(!p.body.contains("onclick="), "{page}");
    }
}

/// A planner's own county: the scenarios folder holds `county.toml`
/// (the bundled `county_district` example) and its district files under
/// `districts/`, plus a district file outside the folder and a link to it.
fn county_folder(dir: &Path) -> std::path::PathBuf {
    let folder = dir.join("scenarios");
    std::fs::create_dir_all(folder.join("districts")).unwrap();
    std::fs::copy("scenarios/county_district.toml", folder.join("county.toml")).unwrap();
    std::fs::copy(
        "scenarios/districts/example_county.csv",
        folder.join("districts/example_county.csv"),
    )
    .unwrap();
    let header = "school,setting,classes,class_size,left_behind_one_parent,left_behind_both_parents,minority_share,low_income_share,counsellor\n";
    std::fs::write(
        folder.join("districts/two.csv"),
        format!("{header}Hilltop School,rural,2,30,0.3,0.2,0,0.4,no\nRiverside School,urban,3,45,0.1,0,0.1,0.1,yes\n"),
    )
    .unwrap();
    std::fs::write(
        folder.join("districts/bad.csv"),
        format!("{header}Hilltop School,rural,2,30,0.3,0.2,0,0.4,no\nRiverside School,urban,3,big,0.1,0,0.1,0.1,yes\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("secret.csv"),
        format!("{header}Secret School,rural,1,20,0,0,0,0.2,no\n"),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("secret.csv"), folder.join("districts/link.csv")).unwrap();
    folder
}

/// `resim check FILE`'s output, run in `dir`.
fn checked(dir: &Path, file: &str) -> String {
    let out = resim_in(dir, &["check", file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_district_scenario_is_saved_duplicated_and_downloaded_as_resim_check_prints_it() {
    let dir = tempdir();
    let folder = county_folder(dir.path());
    let app = app(dir.path());
    let page = get(&app, "/scenarios/county.toml").await;
    assert_eq!(page.status, StatusCode::OK, "{}", text(&page.body));
    let fields = form_fields(&page.body, "scenario-form");
    let value = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    assert_eq!(
        value("v.population.district").as_deref(),
        Some("districts/example_county.csv")
    );
    // The schools are shown, read-only: they come from the file.
    assert!(
        value("v.population.district_schools")
            .unwrap()
            .contains("Dongshan Township School")
    );
    assert!(
        page.body
            .contains(" readonly id=\"f-population.district_schools\"")
    );
    assert_eq!(unlabelled(&page.body), Vec::<String>::new());
    // Saved in the folder: resim check of the saved file prints it back,
    // and its district path still names the same CSV from there.
    let p = send_form(
        &app,
        "/scenarios/county.toml",
        &[
            ("action", "save"),
            ("file", "county_plan"),
            ("v.run.replicates", "4"),
        ],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    let saved = std::fs::read_to_string(folder.join("county_plan.toml")).unwrap();
    assert_eq!(checked(dir.path(), "scenarios/county_plan.toml"), saved);
    assert!(
        saved.contains("district = \"districts/example_county.csv\"\n"),
        "{saved}"
    );
    assert_eq!(saved.matches("[[population.district_schools]]").count(), 6);
    assert!(saved.contains("replicates = 4\n"));
    // Duplicated: the same.
    let p = post(&app, "/scenarios/county.toml/duplicate", "").await;
    assert_eq!(p.location, "/scenarios/county_district-copy.toml?saved=1");
    let copy = std::fs::read_to_string(folder.join("county_district-copy.toml")).unwrap();
    assert_eq!(
        checked(dir.path(), "scenarios/county_district-copy.toml"),
        copy
    );
    assert!(copy.contains("district = \"districts/example_county.csv\"\n"));
    // Downloaded (as loaded, and as edited): put anywhere, it names the
    // same CSV by its absolute path and checks to the same bytes.
    let csv = folder
        .join("districts/example_county.csv")
        .canonicalize()
        .unwrap();
    let elsewhere = dir.path().join("downloads");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let edited = send_form(
        &app,
        "/scenarios/county.toml",
        &[("action", "download"), ("v.run.replicates", "4")],
        &[],
    )
    .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", text(&edited.body));
    for (name, body) in [
        (
            "as_loaded.toml",
            get(&app, "/scenarios/county.toml/download").await.body,
        ),
        ("as_edited.toml", edited.body),
    ] {
        std::fs::write(elsewhere.join(name), &body).unwrap();
        assert_eq!(checked(&elsewhere, name), body);
        let line = format!("district = \"{}\"\n", csv.display());
        assert!(body.contains(&line), "{name}: {body}");
        assert_eq!(body.matches("[[population.district_schools]]").count(), 6);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_the_district_reads_that_csvs_schools_and_only_from_the_scenarios_folder() {
    let dir = tempdir();
    let folder = county_folder(dir.path());
    let app = app(dir.path());
    let uri = "/scenarios/county.toml";
    // Another CSV of the folder: its schools, and only its.
    let p = send_form(
        &app,
        uri,
        &[
            ("action", "save"),
            ("file", "two"),
            ("v.population.district", "districts/two.csv"),
        ],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    let saved = std::fs::read_to_string(folder.join("two.toml")).unwrap();
    assert_eq!(checked(dir.path(), "scenarios/two.toml"), saved);
    assert!(
        saved.contains("district = \"districts/two.csv\"\n"),
        "{saved}"
    );
    assert_eq!(saved.matches("[[population.district_schools]]").count(), 2);
    assert!(saved.contains("school = \"Riverside School\"\n"));
    assert!(!saved.contains("Dongshan"), "the old schools are gone");
    // Checked: the form shows the new file's schools.
    let p = send_form(
        &app,
        uri,
        &[
            ("action", "check"),
            ("v.population.district", "districts/two.csv"),
        ],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::OK, "{}", text(&p.body));
    let rows = form_fields(&p.body, "scenario-form")
        .into_iter()
        .find(|(n, _)| n == "v.population.district_schools")
        .unwrap()
        .1;
    assert!(
        rows.contains("Hilltop School") && !rows.contains("Dongshan"),
        "{rows}"
    );
    // A bad CSV: the loader's message beside the field.
    let p = send_form(
        &app,
        uri,
        &[
            ("action", "save"),
            ("file", "bad"),
            ("v.population.district", "districts/bad.csv"),
        ],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    let m = message_beside(&p.body, "population.district");
    assert!(
        m.contains("districts/bad.csv line 3, column `class_size`"),
        "{m}"
    );
    // Paths out of the folder, through a link, missing or not CSV: refused
    // without reading them (the file outside is a valid district).
    let outside = dir.path().join("secret.csv").display().to_string();
    for given in [
        "../secret.csv",
        outside.as_str(),
        "districts/../../secret.csv",
        "districts/link.csv",
        "districts/missing.csv",
        "county.toml",
        "districts",
    ] {
        let p = send_form(
            &app,
            uri,
            &[
                ("action", "save"),
                ("file", "escape"),
                ("v.population.district", given),
            ],
            &[],
        )
        .await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{given}");
        let m = message_beside(&p.body, "population.district");
        assert!(
            m.contains("is not a `.csv` file of the scenarios folder"),
            "{given}: {m}"
        );
        assert!(
            m.contains("`districts/example_county.csv`"),
            "valid ones listed: {m}"
        );
        assert!(!p.body.contains("Secret School"), "{given}");
        // The form comes back as typed.
        assert!(
            form_fields(&p.body, "scenario-form")
                .iter()
                .any(|(n, v)| n == "v.population.district" && v == given)
        );
    }
    assert!(!folder.join("escape.toml").exists());
    assert!(!folder.join("bad.toml").exists());
    // A file of the folder whose own district lies outside is not opened.
    std::fs::write(
        folder.join("escape.toml"),
        "name = \"escape\"\n[population]\ndistrict = \"../secret.csv\"\n[strategies.usual_practice]\ncomponents = []\n",
    )
    .unwrap();
    let p = get(&app, "/scenarios/escape.toml").await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(
        text(&p.body).contains("is not a `.csv` file of the scenarios folder"),
        "{}",
        text(&p.body)
    );
    assert!(!p.body.contains("Secret School"));
    // Emptied, the rows stay as shown, now written in the scenario and
    // editable; the saved file checks to the same bytes.
    let p = send_form(
        &app,
        uri,
        &[("action", "check"), ("v.population.district", "")],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::OK, "{}", text(&p.body));
    assert!(
        !p.body
            .contains(" readonly id=\"f-population.district_schools\"")
    );
    let p = send_form(
        &app,
        uri,
        &[
            ("action", "save"),
            ("file", "inline"),
            ("v.population.district", ""),
        ],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", text(&p.body));
    let saved = std::fs::read_to_string(folder.join("inline.toml")).unwrap();
    assert_eq!(checked(dir.path(), "scenarios/inline.toml"), saved);
    assert!(!saved.contains("district ="), "{saved}");
    assert_eq!(saved.matches("[[population.district_schools]]").count(), 6);
}
