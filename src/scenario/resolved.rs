//! The resolved scenario written back as a file (`resim check`).

use serde::Serialize;

use super::{Calendar, ModelParams, PopulationSpec, RunSettings, Scenario, Traits};

/// The resolved scenario in the shape of a file, for `resim check`.
#[derive(Debug, Serialize)]
pub(crate) struct ResolvedFile<'a> {
    schema_version: i64,
    name: &'a str,
    description: &'a str,
    baseline: &'a str,
    run: &'a RunSettings,
    population: toml::Table,
    traits: &'a Traits,
    calendar: &'a Calendar,
    #[serde(flatten)]
    params: &'a ModelParams,
    strategies: toml::Table,
    #[serde(skip_serializing_if = "Option::is_none")]
    sweep: Option<toml::Table>,
}

impl<'a> From<&'a Scenario> for ResolvedFile<'a> {
    fn from(s: &'a Scenario) -> Self {
        let mut strategies = toml::Table::new();
        for st in &s.strategies {
            let mut t = toml::Table::new();
            if !st.description.is_empty() {
                t.insert("description".into(), st.description.clone().into());
            }
            if st.components.is_empty() {
                t.insert("components".into(), toml::Value::Array(vec![]));
            }
            for (c, settings) in &st.components {
                if let Ok(v) = toml::Value::try_from(settings) {
                    t.insert(c.to_string(), v);
                }
            }
            strategies.insert(st.name.clone(), toml::Value::Table(t));
        }
        ResolvedFile {
            schema_version: super::schema::SCHEMA_VERSION,
            name: &s.name,
            description: &s.description,
            baseline: &s.baseline,
            run: &s.run,
            population: population_table(&s.population),
            traits: &s.traits,
            calendar: &s.calendar,
            params: &s.params,
            strategies,
            sweep: s.sweep.as_ref().map(|w| w.to_toml()),
        }
    }
}

/// `[population]` as a table, without the keys a district file replaces
/// when the schools come from one.
fn population_table(p: &PopulationSpec) -> toml::Table {
    let mut t = toml::Table::try_from(p).unwrap_or_default();
    if p.is_district() {
        for key in super::district::REPLACED_KEYS {
            t.remove(key);
        }
    }
    t
}

/// The resolved scenario as TOML text. Every number of the scenario except
/// the `[sweep]` section's is stored in single precision; TOML writes doubles,
/// so each is written as the shortest decimal that reads back as the same
/// single-precision value (`0.8`, not `0.800000011920929`).
pub(crate) fn to_toml(s: &Scenario) -> Result<String, toml::ser::Error> {
    Ok(shortest_singles(&toml::to_string_pretty(
        &ResolvedFile::from(s),
    )?))
}

/// Rewrites the floats of TOML `text` that are single-precision values as
/// their shortest decimals, up to the `[sweep]` table (whose values are
/// doubles) and leaving alone every line that holds a string.
fn shortest_singles(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = false;
    for line in text.split_inclusive('\n') {
        let header = line.trim_start().starts_with('[') && !line.contains('=');
        let name = line.trim().trim_matches(|c| c == '[' || c == ']');
        if header && (name == "sweep" || name.starts_with("sweep.")) {
            rest = true;
        }
        if rest || line.contains(['"', '\'']) {
            out.push_str(line);
            continue;
        }
        // The value part: after `key = `, or the whole line of an array element.
        let at = line.find(" = ").map_or(0, |i| i + 3);
        out.push_str(&line[..at]);
        let mut token = String::new();
        for c in line[at..].chars() {
            if matches!(c, '[' | ']' | ',' | '{' | '}' | '=' | ' ' | '\n' | '\r') {
                out.push_str(&shortest_single(&token));
                token.clear();
                out.push(c);
            } else {
                token.push(c);
            }
        }
        out.push_str(&shortest_single(&token));
    }
    out
}

/// A float literal that is a single-precision value, as the shortest
/// decimal of that value; anything else unchanged.
fn shortest_single(token: &str) -> String {
    let float = token.contains(['.', 'e', 'E']) && !token.contains(['i', 'n']);
    if let Ok(x) = token.parse::<f64>()
        && float
        && x.is_finite()
    {
        let single = x as f32;
        if single as f64 == x
            && let Ok(d) = single.to_string().parse::<f64>()
        {
            return toml::Value::Float(d).to_string();
        }
    }
    token.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_precision_numbers_are_written_as_given() {
        let text = format!(
            "seed = 9223372036854775808\na = {}\nb = [\n    {},\n    2.0,\n    3,\n]\nc = {}\nd = \"{}\"\n\n[sweep]\ne = {}\n",
            0.8f32 as f64, 0.1f32 as f64, 0.1, 0.8f32 as f64, 0.8f32 as f64
        );
        assert_eq!(
            shortest_singles(&text),
            format!(
                "seed = 9223372036854775808\na = 0.8\nb = [\n    0.1,\n    2.0,\n    3,\n]\nc = 0.1\nd = \"{}\"\n\n[sweep]\ne = {}\n",
                0.8f32 as f64, 0.8f32 as f64
            )
        );
    }
}
