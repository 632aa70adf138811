//! The handlers of the Scenarios page ([`super::scenarios`]): the list, a
//! scenario's form, its check, save, download and duplicate.

use std::path::{Path, PathBuf};

use axum::Extension;
use axum::extract::{Form, Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;

use super::i18n::Lang;
use super::scenarios::{self, DuplicateError, Editor, SaveError};
use super::{Shared, Studio, error_page, render};
use crate::jobs::JobError;

fn folder(s: &Studio) -> Option<&Path> {
    s.config.scenarios.as_deref()
}

/// The file the loader names in its messages for scenario `name`.
fn file_for_messages(s: &Studio, name: &str) -> PathBuf {
    if name.ends_with(".toml")
        && let Some(d) = folder(s)
    {
        return d.join(name);
    }
    PathBuf::from(format!("scenarios/{name}.toml"))
}

fn editor_page(s: &Studio, lang: Lang, status: StatusCode, e: &Editor) -> Response {
    render(
        s,
        lang,
        &format!("/scenarios/{}", e.source),
        "scenario.html",
        status,
        context! { e => e, folder => folder(s).map(|d| d.display().to_string()) },
    )
}

/// The scenario `name` of a request, or the error page (400 for a name
/// that is not plain, 404 for one the studio does not offer).
fn known(s: &Studio, lang: Lang, name: &str) -> Result<(), Box<Response>> {
    super::lookup(s, lang, name, || {
        scenarios::exists(folder(s), name).then_some(())
    })
}

/// The page of a scenario the loader refused, with its message.
fn refused(s: &Studio, lang: Lang, e: &JobError) -> Response {
    error_page(
        s,
        lang,
        StatusCode::BAD_REQUEST,
        "error-scenario",
        &scenarios::error_in(e, lang),
    )
}

/// `/scenarios`: every scenario, bundled and the user's.
pub async fn list(State(s): State<Shared>, Extension(lang): Extension<Lang>) -> Response {
    render(
        &s,
        lang,
        "/scenarios",
        "scenarios.html",
        StatusCode::OK,
        context! {
            entries => scenarios::list(folder(&s), lang),
            folder => folder(&s).map(|d| d.display().to_string()),
        },
    )
}

/// `/scenarios/NAME`: the form of one scenario.
pub async fn edit(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath(name): UrlPath<String>,
    uri: Uri,
) -> Response {
    if let Err(r) = known(&s, lang, &name) {
        return *r;
    }
    match scenarios::load(folder(&s), &name) {
        Ok(f) => {
            let mut e = scenarios::editor_of(&name, &f.scenario, lang);
            if let Some(stem) = name.strip_suffix(".toml") {
                e.file = stem.to_string();
            }
            if uri.query().is_some_and(|q| q.contains("saved=1")) {
                e.notice = "scenario-saved".into();
            }
            editor_page(&s, lang, StatusCode::OK, &e)
        }
        Err(e) => refused(&s, lang, &e),
    }
}

/// The resolved scenario as a TOML file to download.
fn toml_file(name: &str, text: String) -> Response {
    let mut resp = text.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/toml; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.toml\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// `/scenarios/NAME/download`: what `resim check` prints for it.
pub async fn download(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath(name): UrlPath<String>,
) -> Response {
    if let Err(r) = known(&s, lang, &name) {
        return *r;
    }
    match scenarios::load(folder(&s), &name) {
        Ok(f) => toml_file(
            &f.scenario.name,
            scenarios::downloaded(folder(&s), &f.scenario),
        ),
        Err(e) => refused(&s, lang, &e),
    }
}

/// `POST /scenarios/NAME/duplicate`: a copy in the scenarios folder.
pub async fn duplicate(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath(name): UrlPath<String>,
) -> Response {
    if let Err(r) = known(&s, lang, &name) {
        return *r;
    }
    match scenarios::duplicate(folder(&s), &name) {
        Ok(file) => Redirect::to(&format!("/scenarios/{file}?saved=1")).into_response(),
        Err(DuplicateError::Load(e)) => refused(&s, lang, &e),
        Err(DuplicateError::Save(e)) => error_page(
            &s,
            lang,
            save_status(&e),
            "error-scenario-copy",
            &e.in_lang(lang),
        ),
    }
}

/// `POST /scenarios/NAME`: the form through the loader; then, as asked,
/// shown checked, saved, downloaded, or given a new strategy.
pub async fn submit(
    State(s): State<Shared>,
    Extension(lang): Extension<Lang>,
    UrlPath(name): UrlPath<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = known(&s, lang, &name) {
        return *r;
    }
    let sub = scenarios::submitted(&fields);
    if sub.action == "add_strategy" {
        let mut e = scenarios::editor(&name, &sub.file, &sub.table, lang);
        e.sweep = sub.sweep.clone();
        return editor_page(&s, lang, StatusCode::OK, &e);
    }
    let sc = match scenarios::check(&name, &file_for_messages(&s, &name), folder(&s), &sub, lang) {
        Ok(sc) => sc,
        Err(e) => return editor_page(&s, lang, StatusCode::BAD_REQUEST, &e),
    };
    match sub.action.as_str() {
        "download" => toml_file(&sc.name, scenarios::downloaded(folder(&s), &sc)),
        "save" => match scenarios::save(folder(&s), &sub.file, &sc.to_toml(), sub.overwrite) {
            Ok(file) => Redirect::to(&format!("/scenarios/{file}?saved=1")).into_response(),
            Err(err) => {
                let mut e = scenarios::editor(&name, &sub.file, &sub.table, lang);
                e.sweep = sub.sweep.clone();
                e.confirm = matches!(err, SaveError::Foreign(_));
                e.file_error = err.in_lang(lang);
                e.count = 1;
                editor_page(&s, lang, save_status(&err), &e)
            }
        },
        _ => {
            let mut e = scenarios::editor_of(&name, &sc, lang);
            e.file = sub.file.clone();
            e.notice = "scenario-ok".into();
            editor_page(&s, lang, StatusCode::OK, &e)
        }
    }
}

/// The HTTP status of a page that reports a refused save: a name already
/// taken by a file resim did not write is a conflict (the editor asks to
/// confirm), a write that failed is the server's error, the rest are the
/// request's.
fn save_status(e: &SaveError) -> StatusCode {
    match e {
        SaveError::Foreign(_) => StatusCode::CONFLICT,
        SaveError::Output(_) => StatusCode::INTERNAL_SERVER_ERROR,
        SaveError::NoFolder | SaveError::Name(_) => StatusCode::BAD_REQUEST,
    }
}
