//! Which parameter paths a scenario file sets itself: those keep their
//! values when the others are drawn from a posterior.

/// The paths of `paths` (dotted, e.g. `stress.academic_load`) that the
/// scenario text `text` gives a value; none when the text is not TOML.
pub fn given_in<'a>(text: &str, paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    paths
        .into_iter()
        .filter(|p| {
            let mut at = Some(&table);
            let mut parts = p.split('.').peekable();
            while let Some(k) = parts.next() {
                let Some(t) = at else { return false };
                match t.get(k) {
                    Some(toml::Value::Table(inner)) if parts.peek().is_some() => at = Some(inner),
                    Some(_) if parts.peek().is_none() => return true,
                    _ => return false,
                }
            }
            false
        })
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_values_the_file_writes_are_given() {
        let text = "name = \"x\"\n[stress]\nacademic_load = 0.06\n[learning]\n";
        let given = given_in(
            text,
            [
                "stress.academic_load",
                "stress.chronic_sd",
                "learning.volunteer_gain",
                "name.x",
            ],
        );
        assert_eq!(given, vec!["stress.academic_load".to_string()]);
        let dotted = given_in("stress.chronic_sd = 0.2\n", ["stress.chronic_sd"]);
        assert_eq!(dotted, vec!["stress.chronic_sd".to_string()]);
    }
}
