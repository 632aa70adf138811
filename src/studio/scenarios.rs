//! "Scenarios" (planners): the bundled scenarios and the user's own (the
//! files of the scenarios folder), each opened as a form built from the
//! resolved scenario — every value of `resim check`'s output is a field
//! named by its dotted key, the parameters carrying their registry entry
//! (default, range, meaning, source; [`ModelParams::docs`]), strategies
//! assembled from the component registry. A submitted form becomes TOML
//! and goes through the CLI's own loader ([`scenario::parse`]); each of
//! its problems is shown beside the field its key names. Saved files are
//! what `resim check` prints for the scenario, byte for byte, written into
//! the scenarios folder under a validated name; a file resim did not write
//! is replaced only when the user confirms it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::components::{ComponentSettings, REGISTRY, SettingKind};
use crate::i18n::{self, Lang};
use crate::jobs::{self, JobError, ScenarioFile};
use crate::output;
use crate::params::Mechanisms;
use crate::problem::{Message, Problem, in_words};
use crate::scenario::{self, ModelParams, Traits};

use super::names;

/// The record of the files the studio wrote into the scenarios folder:
/// file name → SHA-256 of the bytes written.
const WRITTEN: &str = ".resim-studio-written.json";

/// The name a scenario file may be saved under (without `.toml`): what
/// the loader accepts as a scenario name.
const NAME_RULE: &str = "1–64 letters, digits, `_` or `-`";

/// The key naming a district file, and the key of its schools' rows.
const DISTRICT: &str = "population.district";
const SCHOOLS: &str = "population.district_schools";

/// The most folders a district path may go down inside the scenarios folder.
const MAX_DISTRICT_DEPTH: usize = 4;

/// Keys whose values are always text, whatever they look like.
const TEXT_KEYS: &[&str] = &["name", "description", "baseline", "target", "district"];

/// A scenario the studio offers.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Its name in addresses: a bundled name, or a file of the folder.
    pub name: String,
    /// Whether it comes with resim.
    pub bundled: bool,
    /// Its description, when it loads.
    pub description: String,
    /// The loader's message, when it does not.
    pub error: String,
}

/// The names of every scenario: bundled ones, then the `.toml` files of
/// the scenarios folder.
pub fn names(dir: Option<&Path>) -> Vec<String> {
    let mut out: Vec<String> = jobs::BUNDLED.iter().map(|(n, _)| n.to_string()).collect();
    if let Some(dir) = dir {
        out.extend(
            names::list(dir, true)
                .into_iter()
                .filter(|n| n.ends_with(".toml")),
        );
    }
    out
}

/// Every scenario with its description (a bundled one's in `lang`) or the
/// loader's message.
pub fn list(dir: Option<&Path>, lang: Lang) -> Vec<Entry> {
    names(dir)
        .into_iter()
        .map(|name| {
            let bundled = !name.ends_with(".toml");
            let (description, error) = match load(dir, &name) {
                Ok(f) if bundled => (
                    i18n::localized(
                        lang,
                        &format!("description-{name}"),
                        &f.scenario.description,
                    ),
                    String::new(),
                ),
                Ok(f) => (f.scenario.description, String::new()),
                Err(e) => (String::new(), error_in(&e, lang)),
            };
            Entry {
                name,
                bundled,
                description,
                error,
            }
        })
        .collect()
}

/// A job's error in `lang`: a scenario file's problems, or any other
/// error's catalogue message, in the page's language.
pub fn error_in(e: &JobError, lang: Lang) -> String {
    match e {
        JobError::Scenario(s) => s.in_lang(lang),
        other => other.message().render(lang),
    }
}

/// The file a scenario name stands for: `scenarios/NAME.toml` for a
/// bundled one (as `resim check NAME` names it), else the folder's file.
fn file_of(dir: Option<&Path>, name: &str) -> Option<PathBuf> {
    if jobs::BUNDLED.iter().any(|(n, _)| *n == name) {
        return Some(PathBuf::from(format!("scenarios/{name}.toml")));
    }
    dir.and_then(|d| names::entry(d, name))
        .filter(|p| name.ends_with(".toml") && p.is_file())
}

/// Whether `name` is a scenario the studio offers.
pub fn exists(dir: Option<&Path>, name: &str) -> bool {
    names::plain(name) && file_of(dir, name).is_some()
}

/// Loads a scenario by the name a request gave: a bundled scenario, or a
/// file listed in the scenarios folder (never any other path).
pub fn load(dir: Option<&Path>, name: &str) -> Result<ScenarioFile, JobError> {
    if jobs::BUNDLED.iter().any(|(n, _)| *n == name) {
        return ScenarioFile::load_or_bundled(name);
    }
    match file_of(dir, name) {
        Some(path) => {
            let text = scenario::read_text(&path)?;
            if let Some(given) = district_to_read(&text) {
                district_file(dir, &given).map_err(|p| {
                    JobError::Input(
                        Message::new("problem-in-context")
                            .arg("context", path.display())
                            .with("message", crate::problem::words(&p)),
                    )
                })?;
            }
            ScenarioFile::parse(&text, &path.display().to_string())
        }
        None => Err(JobError::Input(
            Message::new("problem-studio-no-scenario")
                .arg("name", name)
                .arg("names", names(dir).join(", ")),
        )),
    }
}

/// The `district` of scenario text whose schools the loader would read
/// from that file (no rows written in the scenario), if any.
fn district_to_read(text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(text).ok()?;
    let population = table.get("population")?.as_table()?;
    if population.contains_key("district_schools") {
        return None;
    }
    population.get("district")?.as_str().map(str::to_string)
}

/// What a district path in the studio may be, with the CSV files the
/// scenarios folder `dir` holds (in it and its subfolders).
fn valid_districts(dir: Option<&Path>) -> Message {
    let Some(dir) = dir else {
        return Message::new("valid-district-no-folder");
    };
    let csv = |d: &Path, prefix: &str| -> Vec<String> {
        names::list(d, true)
            .into_iter()
            .filter(|n| n.ends_with(".csv"))
            .map(|n| format!("`{prefix}{n}`"))
            .collect()
    };
    let mut found = csv(dir, "");
    for sub in names::list(dir, false) {
        found.extend(csv(&dir.join(&sub), &format!("{sub}/")));
    }
    if found.is_empty() {
        Message::new("valid-district-none").arg("folder", dir.display())
    } else {
        Message::new("valid-district-files").arg("files", found.join(", "))
    }
}

/// The district file a scenario of the studio names: a path relative to
/// the scenarios folder `dir`, each part a plain name its folder lists
/// (never `..`, an absolute path or a symbolic link), ending in a `.csv`
/// file. Returns the file and the path as written back (parts joined by
/// `/`). Nothing outside the folder is ever opened.
pub fn district_file(dir: Option<&Path>, given: &str) -> Result<(PathBuf, String), Problem> {
    let refuse = |why: Message| Problem::new(DISTRICT, why, valid_districts(dir));
    let Some(dir) = dir else {
        return Err(refuse(
            Message::new("problem-district-no-folder").arg("given", given),
        ));
    };
    let absolute = given.starts_with(['/', '\\']) || given.contains(':');
    let parts: Vec<&str> = given
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let outside = || {
        refuse(
            Message::new("problem-district-outside")
                .arg("given", given)
                .arg("folder", dir.display()),
        )
    };
    if absolute || parts.is_empty() || parts.len() > MAX_DISTRICT_DEPTH {
        return Err(outside());
    }
    let mut at = dir.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match names::entry(&at, part) {
            Some(p) if (last && p.is_file() && part.ends_with(".csv")) || (!last && p.is_dir()) => {
                at = p
            }
            _ => return Err(outside()),
        }
    }
    Ok((at, parts.join("/")))
}

/// Reads the district file a submitted form's `district` names (in the
/// scenarios folder `dir`) into its `district_schools`: while `district`
/// names a file, the rows are that file's. A path the studio may not read
/// or a file the loader refuses is returned as problems at
/// `population.district`, and the form goes to the loader without a
/// district, so that the loader reads no file and reports the rest.
fn district_rows(dir: Option<&Path>, table: &mut toml::Table) -> Vec<Problem> {
    let Some(population) = table.get_mut("population").and_then(|p| p.as_table_mut()) else {
        return Vec::new();
    };
    let Some(given) = population
        .get("district")
        .and_then(|d| d.as_str())
        .map(str::to_string)
    else {
        return Vec::new();
    };
    population.remove("district_schools");
    let read = district_file(dir, &given)
        .map_err(|p| vec![p])
        .and_then(|(path, written)| {
            let schools = scenario::district::read(&path, &written)?;
            Ok((written, schools))
        });
    match read {
        Ok((written, schools)) => {
            population.insert("district".into(), toml::Value::String(written));
            if let Ok(rows) = toml::Value::try_from(&schools) {
                population.insert("district_schools".into(), rows);
            }
            Vec::new()
        }
        Err(problems) => {
            population.remove("district");
            problems
        }
    }
}

/// The scenario's text to download: what `resim check` prints, with a
/// relative `district` made absolute (it is relative to the scenarios
/// folder `dir`), so that it names the same CSV wherever the file is put.
pub fn downloaded(dir: Option<&Path>, sc: &scenario::Scenario) -> String {
    let mut sc = sc.clone();
    if let (Some(dir), Some(d)) = (dir, sc.population.district.as_mut())
        && Path::new(d.as_str()).is_relative()
    {
        let folder = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        *d = folder.join(d.as_str()).display().to_string();
    }
    sc.to_toml()
}

/// What the registry says of a value.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Doc {
    /// The default, as `resim list` prints it.
    pub default: String,
    /// The valid range (`[lo, hi]`), when there is one.
    pub range: String,
    /// What it means.
    pub meaning: String,
    /// Where the default comes from.
    pub source: String,
}

/// One field of the form.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The dotted key, which is also the input's name (after `v.`).
    pub path: String,
    /// The key inside its section, as its label.
    pub label: String,
    /// The value as the form shows it.
    pub value: String,
    /// `flag` (true/false), `choice` (with `choices`), `text`, `rows` (a
    /// list of tables, one a line) or `readonly` (rows shown and sent
    /// back, not editable).
    pub kind: &'static str,
    /// The names a choice may take.
    pub choices: Vec<String>,
    /// The registry's entry, if it has one.
    pub doc: Option<Doc>,
    /// The loader's message about this field.
    pub error: String,
    /// The id of a catalogue message that explains the field, if any.
    pub note: &'static str,
}

/// A group of fields: the scenario's own keys, then one per section of the
/// resolved scenario (the parameter groups in `resim list`'s order).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The section (`scenario` for the top-level keys).
    pub name: String,
    /// Its fields.
    pub fields: Vec<Field>,
    /// Whether a field has a message (the section is shown open).
    pub has_error: bool,
}

/// A component as a strategy's row: ticked or not, with its settings.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentRow {
    /// The component's name in the registry.
    pub name: String,
    /// Whether the strategy has it.
    pub on: bool,
    /// Its settings (the strategy's values, else the component's defaults).
    pub settings: Vec<Field>,
    /// The loader's message about the component as a whole.
    pub error: String,
    /// Whether a setting has a message.
    pub has_error: bool,
}

/// A strategy of the form.
#[derive(Debug, Clone, Serialize)]
pub struct Strategy {
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Every component of the registry.
    pub components: Vec<ComponentRow>,
    /// The loader's messages about the strategy as a whole.
    pub error: String,
}

/// The form of one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Editor {
    /// The scenario being edited (its name in addresses).
    pub source: String,
    /// The name to save it under (a file `NAME.toml` in the folder).
    pub file: String,
    /// Why it could not be saved under that name.
    pub file_error: String,
    /// The fields, by section.
    pub sections: Vec<Section>,
    /// The strategies.
    pub strategies: Vec<Strategy>,
    /// The `[sweep]` section as TOML (empty when there is none).
    pub sweep: String,
    /// The loader's message about `[sweep]`.
    pub sweep_error: String,
    /// Messages no field names.
    pub general: Vec<String>,
    /// Every message, for the summary at the top.
    pub count: usize,
    /// The file exists and resim did not write it: saving asks first.
    pub confirm: bool,
    /// The name of the message to show on success, if any.
    pub notice: String,
}

/// The registry's entry for a dotted key, if any, its meaning in `lang`.
fn doc_of(path: &str, lang: Lang) -> Option<Doc> {
    let (section, key) = path.split_once('.')?;
    if section == "mechanisms" {
        return Mechanisms::DOCS
            .iter()
            .find(|d| d.name == key)
            .map(|d| Doc {
                default: "true".into(),
                meaning: i18n::localized(
                    lang,
                    &format!("meaning-mechanism-{}", d.name),
                    d.meaning.trim(),
                ),
                ..Doc::default()
            });
    }
    if section == "traits" {
        let (name, part) = key.split_once('.').unwrap_or((key, ""));
        return Traits::DOCS
            .iter()
            .find(|d| d.0 == name)
            .map(|(_, mean, sd, meaning, source)| Doc {
                default: match part {
                    "sd" => format!("{sd}"),
                    _ => format!("{mean}"),
                },
                range: String::new(),
                meaning: i18n::localized(lang, &format!("meaning-trait-{name}"), meaning.trim()),
                source: source.to_string(),
            });
    }
    ModelParams::docs()
        .into_iter()
        .find(|d| d.section == section && d.name == key)
        .map(|d| Doc {
            default: format!("{}", d.default),
            range: format!("[{}, {}]", d.lo, d.hi),
            meaning: i18n::localized(
                lang,
                &format!("meaning-param-{}-{}", d.section, d.name),
                d.meaning.trim(),
            ),
            source: d.source.to_string(),
        })
}

/// A TOML value as a form shows it: strings bare, everything else as TOML.
fn shown(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(rows) if !rows.is_empty() && rows.iter().all(|r| r.is_table()) => {
            let mut text = "[\n".to_string();
            for r in rows {
                text.push_str(&format!("  {r},\n"));
            }
            text.push(']');
            text
        }
        other => other.to_string(),
    }
}

fn field(path: String, label: String, v: &toml::Value, lang: Lang) -> Field {
    let kind = if matches!(v, toml::Value::Boolean(_)) {
        "flag"
    } else {
        "text"
    };
    Field {
        doc: doc_of(&path, lang),
        path,
        label,
        value: shown(v),
        kind,
        choices: Vec::new(),
        error: String::new(),
        note: "",
    }
}

/// The leaves of `table` under `prefix` as fields (arrays are one field,
/// written as TOML).
fn leaves(prefix: &str, label: &str, table: &toml::Table, lang: Lang, out: &mut Vec<Field>) {
    for (k, v) in table {
        let path = format!("{prefix}.{k}");
        let lab = if label.is_empty() {
            k.clone()
        } else {
            format!("{label}.{k}")
        };
        match v {
            toml::Value::Table(t) => leaves(&path, &lab, t, lang, out),
            _ => out.push(field(path, lab, v, lang)),
        }
    }
}

/// The settings of a component as fields under `prefix`: the values of
/// `given`, else the component's defaults.
fn setting_fields(
    prefix: &str,
    info_name: &str,
    given: Option<&toml::Table>,
    lang: Lang,
) -> Vec<Field> {
    let defaults = REGISTRY
        .iter()
        .find(|c| c.name == info_name)
        .map(|c| c.default_settings())
        .and_then(|d| toml::Table::try_from(d).ok())
        .unwrap_or_default();
    ComponentSettings::SETTINGS
        .iter()
        .map(|s| {
            let v = given
                .and_then(|g| g.get(s.name))
                .or_else(|| defaults.get(s.name))
                .cloned()
                .unwrap_or(toml::Value::String(String::new()));
            let mut f = field(format!("{prefix}.{}", s.name), s.name.to_string(), &v, lang);
            if let SettingKind::Choice(names) = s.kind {
                f.kind = "choice";
                f.choices = names.iter().map(|n| n.to_string()).collect();
            }
            f.doc = Some(Doc {
                default: defaults.get(s.name).map(shown).unwrap_or_default(),
                meaning: i18n::localized(
                    lang,
                    &format!("meaning-setting-{}", s.name),
                    s.meaning.trim(),
                ),
                ..Doc::default()
            });
            f
        })
        .collect()
}

/// The form of a scenario given as a TOML table (the resolved scenario, or
/// what a submitted form made), its words in `lang`.
pub fn editor(source: &str, file: &str, table: &toml::Table, lang: Lang) -> Editor {
    let mut top = Section {
        name: "scenario".into(),
        fields: Vec::new(),
        has_error: false,
    };
    let mut sections = Vec::new();
    let mut strategies = Vec::new();
    let mut sweep = String::new();
    for (k, v) in table {
        match (k.as_str(), v) {
            ("strategies", toml::Value::Table(ss)) => {
                for (name, s) in ss {
                    let s = s.as_table().cloned().unwrap_or_default();
                    strategies.push(strategy(name, &s, lang));
                }
            }
            ("sweep", v) => {
                let mut t = toml::Table::new();
                t.insert("sweep".into(), v.clone());
                sweep = toml::to_string(&t).unwrap_or_default();
            }
            (_, toml::Value::Table(t)) => {
                let mut fields = Vec::new();
                leaves(k, "", t, lang, &mut fields);
                sections.push(Section {
                    name: k.clone(),
                    fields,
                    has_error: false,
                });
            }
            _ => top.fields.push(field(k.clone(), k.clone(), v, lang)),
        }
    }
    sections.insert(0, top);
    district_fields(&mut sections, lang);
    Editor {
        source: source.to_string(),
        file: file.to_string(),
        file_error: String::new(),
        sections,
        strategies,
        sweep,
        sweep_error: String::new(),
        general: Vec::new(),
        count: 0,
        confirm: false,
        notice: String::new(),
    }
}

/// The fields of a district's schools: `district` is always there (empty
/// when the rows are written in the scenario); the rows are read-only
/// while it names a file (they are read from it), else one school a line.
fn district_fields(sections: &mut [Section], lang: Lang) {
    let Some(population) = sections.iter_mut().find(|s| s.name == "population") else {
        return;
    };
    let has = |p: &str| population.fields.iter().any(|f| f.path == p);
    if !has(DISTRICT) && !has(SCHOOLS) {
        return;
    }
    if !has(DISTRICT) {
        let empty = toml::Value::String(String::new());
        population
            .fields
            .insert(0, field(DISTRICT.into(), "district".into(), &empty, lang));
    }
    let from_file = population
        .fields
        .iter()
        .any(|f| f.path == DISTRICT && !f.value.trim().is_empty());
    for f in &mut population.fields {
        if f.path == DISTRICT {
            f.note = "scenario-district-help";
        } else if f.path == SCHOOLS {
            (f.kind, f.note) = if from_file {
                ("readonly", "scenario-district-rows-from-file")
            } else {
                ("rows", "scenario-district-rows")
            };
        }
    }
}

fn strategy(name: &str, s: &toml::Table, lang: Lang) -> Strategy {
    let listed: Vec<String> = s
        .get("components")
        .and_then(|c| c.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Strategy {
        name: name.to_string(),
        description: s
            .get("description")
            .and_then(|d| d.as_str())
            .unwrap_or_default()
            .to_string(),
        components: REGISTRY
            .iter()
            .map(|c| {
                let given = s.get(c.name).and_then(|v| v.as_table());
                ComponentRow {
                    name: c.name.to_string(),
                    on: given.is_some() || listed.iter().any(|l| l == c.name),
                    settings: setting_fields(
                        &format!("strategies.{name}.{}", c.name),
                        c.name,
                        given,
                        lang,
                    ),
                    error: String::new(),
                    has_error: false,
                }
            })
            .collect(),
        error: String::new(),
    }
}

/// The form of a scenario as loaded: its resolved TOML (what `resim
/// check` prints), its words in `lang`.
pub fn editor_of(source: &str, sc: &scenario::Scenario, lang: Lang) -> Editor {
    let table: toml::Table = toml::from_str(&sc.to_toml()).unwrap_or_default();
    editor(source, &sc.name, &table, lang)
}

/// A value as typed into a field: text for the keys that are always
/// text; `true`/`false`; a whole number; a number; an array or table in
/// TOML; else text (which the loader names a wrong type where a number
/// belongs).
fn typed(key: &str, text: &str) -> toml::Value {
    let t = text.trim();
    if TEXT_KEYS.contains(&key) {
        return toml::Value::String(text.to_string());
    }
    if let Ok(b) = t.parse::<bool>() {
        return toml::Value::Boolean(b);
    }
    if let Ok(i) = t.parse::<i64>() {
        return toml::Value::Integer(i);
    }
    if let Ok(f) = t.parse::<f64>()
        && f.is_finite()
    {
        return toml::Value::Float(f);
    }
    if (t.starts_with('[') || t.starts_with('{'))
        && let Ok(mut doc) = toml::from_str::<toml::Table>(&format!("v = {t}"))
        && let Some(v) = doc.remove("v")
    {
        return v;
    }
    toml::Value::String(text.to_string())
}

/// Sets `value` at the dotted `path` of `table`, making tables on the way.
fn put(table: &mut toml::Table, path: &[&str], value: toml::Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut t = table;
    for p in parents {
        let entry = t
            .entry(p.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if !entry.is_table() {
            *entry = toml::Value::Table(toml::Table::new());
        }
        let toml::Value::Table(next) = entry else {
            return;
        };
        t = next;
    }
    t.insert(last.to_string(), value);
}

/// What a submitted form asks.
#[derive(Debug, Clone, Default)]
pub struct Submitted {
    /// The scenario as a TOML table (without `[sweep]`).
    pub table: toml::Table,
    /// The `[sweep]` text as typed.
    pub sweep: String,
    /// The name to save under.
    pub file: String,
    /// `check`, `save` or `add_strategy`.
    pub action: String,
    /// The user confirmed replacing a file resim did not write.
    pub overwrite: bool,
}

/// Reads a submitted form: `v.KEY` fields are values (an empty one is left
/// out, so the default applies), `on.S.C` ticks component C of strategy S
/// (its settings `v.strategies.S.C.*` count only then), `remove.S` drops
/// strategy S, `new_strategy` adds one.
pub fn submitted(fields: &[(String, String)]) -> Submitted {
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let ticked = |s: &str, c: &str| fields.iter().any(|(n, _)| *n == format!("on.{s}.{c}"));
    let removed = |s: &str| fields.iter().any(|(n, _)| *n == format!("remove.{s}"));
    let mut table = toml::Table::new();
    for (name, value) in fields {
        let Some(path) = name.strip_prefix("v.") else {
            continue;
        };
        let parts: Vec<&str> = path.split('.').collect();
        if parts.iter().any(|p| p.is_empty()) || value.trim().is_empty() {
            continue;
        }
        if parts[0] == "strategies" {
            if parts.len() < 3 || removed(parts[1]) {
                continue;
            }
            if parts.len() == 4 && !ticked(parts[1], parts[2]) {
                continue;
            }
        }
        let key = parts.last().copied().unwrap_or_default();
        put(&mut table, &parts, typed(key, value));
    }
    // A strategy whose every component was unticked keeps its name.
    for (name, _) in fields {
        if let Some(s) = name.strip_prefix("strategy.")
            && !s.is_empty()
            && !s.contains('.')
            && !removed(s)
        {
            let path = ["strategies", s, "components"];
            let has_components = table
                .get("strategies")
                .and_then(|t| t.get(s))
                .and_then(|t| t.as_table())
                .is_some_and(|t| t.keys().any(|k| k != "description"));
            if !has_components {
                put(&mut table, &path, toml::Value::Array(Vec::new()));
            }
        }
    }
    let action = get("action");
    let new = get("new_strategy");
    if action == "add_strategy" && !new.trim().is_empty() {
        put(
            &mut table,
            &["strategies", new.trim(), "components"],
            toml::Value::Array(Vec::new()),
        );
    }
    Submitted {
        table,
        sweep: get("sweep"),
        file: get("file").trim().to_string(),
        action,
        overwrite: get("overwrite") == "yes",
    }
}

/// The scenario's text as the form made it (its `[sweep]` text last).
pub fn text_of(s: &Submitted) -> String {
    let mut text = toml::to_string(&s.table).unwrap_or_default();
    if !s.sweep.trim().is_empty() {
        text.push('\n');
        text.push_str(&s.sweep);
        text.push('\n');
    }
    text
}

/// Puts each problem beside the field its key names: the field itself,
/// else the nearest field above it (a component, a strategy, `[sweep]`),
/// else at the top of the form; each in `lang`.
pub fn place(e: &mut Editor, problems: &[Problem], lang: Lang) {
    for p in problems {
        let msg = in_words(p, lang);
        e.count += 1;
        if place_one(e, &p.key, &msg) {
            continue;
        }
        e.general.push(msg);
    }
}

fn append(slot: &mut String, msg: &str) {
    if !slot.is_empty() {
        slot.push('\n');
    }
    slot.push_str(msg);
}

fn place_one(e: &mut Editor, key: &str, msg: &str) -> bool {
    if key == "sweep" || key.starts_with("sweep.") {
        append(&mut e.sweep_error, msg);
        return true;
    }
    let parts: Vec<&str> = key.split('.').collect();
    if parts.first() == Some(&"strategies") && parts.len() >= 2 {
        let Some(s) = e.strategies.iter_mut().find(|s| s.name == parts[1]) else {
            return false;
        };
        if parts.len() >= 3
            && let Some(c) = s.components.iter_mut().find(|c| c.name == parts[2])
        {
            if parts.len() >= 4
                && let Some(f) = c.settings.iter_mut().find(|f| f.label == parts[3])
            {
                append(&mut f.error, msg);
                c.has_error = true;
            } else {
                append(&mut c.error, msg);
            }
            return true;
        }
        append(&mut s.error, msg);
        return true;
    }
    // The field itself, else the nearest one above (`population.grades.1`
    // names `population.grades`).
    for n in (1..=parts.len()).rev() {
        let want = parts[..n].join(".");
        for sec in &mut e.sections {
            if let Some(f) = sec.fields.iter_mut().find(|f| f.path == want) {
                append(&mut f.error, msg);
                sec.has_error = true;
                return true;
            }
        }
    }
    false
}

/// The loader's verdict on a submitted form: the scenario, or the form
/// with every problem beside its field. A `district` is read from the
/// scenarios folder `dir` only ([`district_file`]). The form's words and
/// messages are in `lang`.
pub fn check(
    source: &str,
    file_for_messages: &Path,
    dir: Option<&Path>,
    s: &Submitted,
    lang: Lang,
) -> Result<scenario::Scenario, Box<Editor>> {
    let mut read = s.clone();
    let mut problems = district_rows(dir, &mut read.table);
    match scenario::parse(&text_of(&read), file_for_messages) {
        Ok(sc) if problems.is_empty() => return Ok(sc),
        Ok(_) => {}
        Err(err) => problems.extend(err.problems),
    }
    let mut e = editor(source, &s.file, &s.table, lang);
    e.sweep = s.sweep.clone();
    // Lines of the form's text mean nothing to the user: keys do.
    place(&mut e, &problems, lang);
    Err(Box::new(e))
}

/// Why a scenario was not saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The studio has no scenarios folder.
    #[error("the studio has no scenarios folder (resim serve --scenarios DIR)")]
    NoFolder,
    /// The name is not a valid file name.
    #[error("file name `{0}`: not a valid name; valid: {NAME_RULE}")]
    Name(String),
    /// The file is there and resim did not write it.
    #[error("{0} is already in the scenarios folder and was not written by resim")]
    Foreign(String),
    /// Writing failed.
    #[error(transparent)]
    Output(#[from] output::OutputError),
}

impl SaveError {
    /// Why, in `lang` (the studio's catalogue; a refused folder in the
    /// problems' catalogue, an error of the file system as the system words it).
    pub fn in_lang(&self, lang: Lang) -> String {
        match self {
            SaveError::NoFolder => i18n::text(lang, "scenario-save-no-folder", &[]),
            SaveError::Name(name) => i18n::text(
                lang,
                "scenario-save-bad-name",
                &[
                    ("name", name),
                    ("rule", &i18n::text(lang, "scenario-name-rule", &[])),
                ],
            ),
            SaveError::Foreign(file) => {
                i18n::text(lang, "scenario-save-foreign", &[("file", file)])
            }
            SaveError::Output(e) => e.message().render(lang),
        }
    }
}

/// Whether `name` may name a saved scenario (without `.toml`).
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn written(dir: &Path) -> BTreeMap<String, String> {
    crate::input::read_capped(&dir.join(WRITTEN), 1 << 20, "the studio's record")
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Whether the file `name` of `dir` is as resim wrote it (or is not there).
pub fn ours(dir: &Path, name: &str) -> bool {
    match names::entry(dir, name) {
        None => !dir.join(name).exists(),
        Some(path) => {
            let bytes =
                crate::input::read_capped(&path, scenario::MAX_FILE_BYTES as u64, "a scenario");
            match bytes {
                Ok(b) => written(dir).get(name) == Some(&sha256(&b)),
                Err(_) => false,
            }
        }
    }
}

/// Saves `text` as `NAME.toml` in the scenarios folder `dir` (made if
/// missing): refused for a bad name, and for a file resim did not write
/// unless `overwrite`. Returns the file's name.
pub fn save(
    dir: Option<&Path>,
    name: &str,
    text: &str,
    overwrite: bool,
) -> Result<String, SaveError> {
    let dir = dir.ok_or(SaveError::NoFolder)?;
    if !valid_name(name) {
        return Err(SaveError::Name(name.to_string()));
    }
    let file = format!("{name}.toml");
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(|source| output::OutputError::Unwritable {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    if !overwrite && !ours(dir, &file) {
        return Err(SaveError::Foreign(file));
    }
    if dir.join(&file).is_symlink() || dir.join(&file).is_dir() {
        return Err(SaveError::Foreign(file));
    }
    output::write_atomic(&dir.join(&file), text.as_bytes())?;
    let mut record = written(dir);
    record.insert(file.clone(), sha256(text.as_bytes()));
    if let Ok(json) = serde_json::to_vec_pretty(&record) {
        output::write_atomic(&dir.join(WRITTEN), &json)?;
    }
    Ok(file)
}

/// A free name for a copy of `name` in `dir`: `NAME-copy`, `NAME-copy-2`, …
pub fn copy_name(dir: &Path, name: &str) -> String {
    let stem: String = name.chars().take(50).collect();
    let first = format!("{stem}-copy");
    let taken = |n: &str| dir.join(format!("{n}.toml")).exists();
    if !taken(&first) {
        return first;
    }
    (2u32..)
        .map(|i| format!("{first}-{i}"))
        .find(|n| !taken(n))
        .unwrap_or(first)
}

/// Why a scenario was not duplicated.
#[derive(Debug)]
pub enum DuplicateError {
    /// The scenario to copy does not load.
    Load(JobError),
    /// The copy cannot be saved (no scenarios folder, or writing failed).
    Save(SaveError),
}

/// Duplicates scenario `source` into the folder as a copy under a free
/// name (the copy's `name` is the file's); returns the new file's name.
pub fn duplicate(dir: Option<&Path>, source: &str) -> Result<String, DuplicateError> {
    let folder = dir.ok_or(DuplicateError::Save(SaveError::NoFolder))?;
    let mut sc = load(dir, source).map_err(DuplicateError::Load)?.scenario;
    let name = copy_name(folder, &sc.name);
    sc.name = name.clone();
    save(dir, &name, &sc.to_toml(), false).map_err(DuplicateError::Save)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_follow_what_was_written() {
        assert_eq!(typed("coverage", "0.5"), toml::Value::Float(0.5));
        assert_eq!(typed("replicates", " 16 "), toml::Value::Integer(16));
        assert_eq!(typed("two_way", "false"), toml::Value::Boolean(false));
        assert_eq!(
            typed("frequency", "daily"),
            toml::Value::String("daily".into())
        );
        assert_eq!(typed("name", "123"), toml::Value::String("123".into()));
        assert_eq!(
            typed("grades", "[7, 8]"),
            toml::Value::Array(vec![toml::Value::Integer(7), toml::Value::Integer(8)])
        );
    }

    #[test]
    fn names_with_paths_or_dots_cannot_be_saved() {
        for bad in ["", "../x", "a/b", "a.b", ".hidden", "x y"] {
            assert!(!valid_name(bad), "{bad}");
        }
        assert!(valid_name("my_plan-2"));
    }
}
