//! The pages' templates (minijinja, compiled into the program) and the
//! `t(id, name=value, …)` function through which every template looks up
//! its words in the request's language.

use minijinja::value::{Kwargs, ValueKind};
use minijinja::{Environment, Error, State, Value};

use super::i18n::{self, Arg, Lang};

/// The templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("class.html", include_str!("templates/class.html")),
    ("answer.html", include_str!("templates/answer.html")),
    ("compare.html", include_str!("templates/compare.html")),
    (
        "answer_body.html",
        include_str!("templates/answer_body.html"),
    ),
    ("figures.html", include_str!("templates/figures.html")),
    ("scenarios.html", include_str!("templates/scenarios.html")),
    ("scenario.html", include_str!("templates/scenario.html")),
    ("runs.html", include_str!("templates/runs.html")),
    ("job.html", include_str!("templates/job.html")),
    ("results.html", include_str!("templates/results.html")),
    ("error.html", include_str!("templates/error.html")),
];

/// The template environment: every page, and `t` for the catalogues.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    for (name, text) in TEMPLATES {
        env.add_template(name, text)
            .unwrap_or_else(|e| panic!("template {name}: {e}"));
    }
    env.add_function("t", translate);
    env
}

/// `t("id", name=value, …)`: the message `id` in the page's language
/// (the template variable `lang`).
fn translate(state: &State, id: &str, kwargs: Kwargs) -> Result<String, Error> {
    let lang = state
        .lookup("lang")
        .and_then(|l| l.as_str().and_then(Lang::parse))
        .unwrap_or_default();
    let mut args = Vec::new();
    for key in kwargs.args() {
        let v: Value = kwargs.get(key)?;
        let arg = match v.kind() {
            ValueKind::Number => Arg::Number(f64::try_from(v.clone()).unwrap_or(0.0)),
            _ => Arg::Text(v.to_string()),
        };
        args.push((key.to_string(), arg));
    }
    Ok(i18n::tr(lang, id, &args))
}
