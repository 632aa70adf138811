//! Reading a district file (`[population] district = "schools.csv"`): one
//! row per real school, each row a [`DistrictSchool`], every problem named by
//! file, line and column with what would be valid.

use std::path::{Path, PathBuf};

use crate::input::{self, InputError};
use crate::population::{
    DistrictSchool, MAX_CLASS_SIZE, MAX_CLASSES_PER_SCHOOL, PopulationSpec, Setting,
};
use crate::problem::{Message, Problem};

/// Largest district file accepted (2,000 schools are about 150 KiB).
pub const MAX_DISTRICT_BYTES: u64 = 1 << 20;

/// The key every district problem is reported at.
const KEY: &str = "population.district";

/// Keys of `[population]` that a district file replaces: a file giving
/// both is refused rather than one silently ignored.
pub const REPLACED_KEYS: [&str; 8] = [
    "schools",
    "classes_per_school",
    "class_size",
    "rural_share",
    "minority_share",
    "left_behind_one_parent",
    "left_behind_both_parents",
    "urban_left_behind_ratio",
];

/// Reads the district file a scenario's `[population]` names into its
/// `district_schools` (unless the scenario carries them already, as a
/// resolved scenario does), and refuses `[population]` keys the district
/// replaces. `written` are the keys the file's `[population]` table holds.
pub fn load_into(
    population: &mut PopulationSpec,
    scenario_file: &Path,
    written: &[&str],
    problems: &mut Vec<Problem>,
) {
    let Some(district) = population.district.clone() else {
        return;
    };
    for key in REPLACED_KEYS.iter().filter(|k| written.contains(k)) {
        problems.push(Problem::new(
            format!("population.{key}"),
            Message::new("problem-district-replaces").arg("district", &district),
            Message::new("valid-district-replaces")
                .arg("key", key)
                .arg("keys", REPLACED_KEYS.join(", ")),
        ));
    }
    if population.is_district() {
        return;
    }
    let path = resolve(scenario_file, &district);
    match read(&path, &path.display().to_string()) {
        Ok(schools) => population.district_schools = schools,
        Err(ps) => problems.extend(ps),
    }
}

/// The columns of a district file, in the order of [`DistrictSchool`], with
/// the id of the problems' catalogue message telling what each may hold.
pub const COLUMNS: [(&str, &str); 9] = [
    ("school", "valid-district-school"),
    ("setting", "valid-district-setting"),
    ("classes", "valid-district-classes"),
    ("class_size", "valid-district-class-size"),
    ("left_behind_one_parent", "valid-district-one-parent"),
    ("left_behind_both_parents", "valid-district-both-parents"),
    ("minority_share", "valid-district-share"),
    ("low_income_share", "valid-district-low-income"),
    ("counsellor", "valid-district-counsellor"),
];

/// What a column may hold, with the limits filled in.
fn valid_for(column: &str) -> Message {
    COLUMNS
        .iter()
        .find(|(c, _)| *c == column)
        .map(|(_, id)| match *id {
            "valid-district-classes" => Message::new(id).arg("max", MAX_CLASSES_PER_SCHOOL),
            "valid-district-class-size" => Message::new(id).arg("max", MAX_CLASS_SIZE),
            _ => Message::new(id),
        })
        .unwrap_or_else(Message::none)
}

/// The file a scenario's `district` names: relative paths are relative to
/// the scenario file's folder.
pub fn resolve(scenario_file: &Path, district: &str) -> PathBuf {
    let d = Path::new(district);
    if d.is_absolute() {
        return d.to_path_buf();
    }
    scenario_file
        .parent()
        .map(|p| p.join(d))
        .unwrap_or_else(|| d.to_path_buf())
}

/// A problem of the district file, reported at the scenario's
/// `population.district` key.
fn problem(
    file: &str,
    line: Option<u64>,
    column: Option<&str>,
    message: impl Into<Message>,
) -> Problem {
    let id = match (line, column) {
        (None, None) => "problem-district-file",
        (Some(_), None) => "problem-district-line",
        (None, Some(_)) => "problem-district-column",
        (Some(_), Some(_)) => "problem-district-line-column",
    };
    let mut what = Message::new(id).arg("file", file);
    if let Some(l) = line {
        what = what.arg("line", l);
    }
    if let Some(c) = column {
        what = what.arg("column", c);
    }
    let valid = match column {
        Some(c) => valid_for(c),
        None => Message::new("valid-district-csv").arg("header", COLUMNS.map(|(c, _)| c).join(",")),
    };
    Problem::new(KEY, what.with("message", message.into()), valid)
}

/// Reads the district file at `path` (named `shown` in messages).
pub fn read(path: &Path, shown: &str) -> Result<Vec<DistrictSchool>, Vec<Problem>> {
    let bytes = input::read_capped(path, MAX_DISTRICT_BYTES, "a district file").map_err(|e| {
        let message = match e {
            InputError::TooLarge { .. } => Message::new("problem-district-too-large")
                .arg("size", input::size(MAX_DISTRICT_BYTES)),
            InputError::Directory { .. } => Message::new("problem-district-directory"),
            InputError::Io { source, .. } => Message::new("problem-district-unreadable")
                .with("message", Message::verbatim(source.to_string())),
        };
        vec![problem(shown, None, None, message)]
    })?;
    parse(&bytes, shown)
}

/// Parses a district file's bytes (`file` names it in messages).
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<DistrictSchool>, Vec<Problem>> {
    let one = |line, column, message: Message| vec![problem(file, line, column, message)];
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| one(Some(1), None, Message::verbatim(e.to_string())))?
        .clone();
    let names: Vec<&str> = COLUMNS.iter().map(|(c, _)| *c).collect();
    if let Some(unknown) = headers.iter().find(|h| !names.contains(h)) {
        return Err(one(
            Some(1),
            None,
            Message::new("problem-district-unknown-column")
                .arg("given", unknown)
                .with("valid", crate::problem::valid_names(unknown, &names)),
        ));
    }
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|c| !headers.iter().any(|h| h == *c))
        .collect();
    if !missing.is_empty() {
        return Err(one(
            Some(1),
            None,
            Message::new("problem-district-missing-columns").arg("names", missing.join("`, `")),
        ));
    }
    let mut schools = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line());
                problems.push(problem(file, line, None, e.to_string()));
                break;
            }
        };
        let line = record.position().map(|p| p.line());
        let cells = Cells {
            headers: &headers,
            record: &record,
        };
        match cells.school() {
            Ok(school) => {
                let mut found = Vec::new();
                school.validate("", &mut found);
                for p in found {
                    let column = p.key.trim_start_matches('.').to_string();
                    problems.push(problem(file, line, Some(&column), p.message));
                }
                schools.push(school);
            }
            Err((column, message)) => problems.push(problem(file, line, Some(column), message)),
        }
        if problems.len() >= 20 {
            break;
        }
    }
    if schools.is_empty() && problems.is_empty() {
        problems.push(problem(
            file,
            None,
            None,
            Message::new("problem-district-no-schools"),
        ));
    }
    if problems.is_empty() {
        Ok(schools)
    } else {
        Err(problems)
    }
}

/// One row of a district file, read cell by cell so that a bad cell is
/// named by its column.
struct Cells<'a> {
    headers: &'a csv::StringRecord,
    record: &'a csv::StringRecord,
}

/// A cell that cannot be read: its column and what is wrong.
type CellError = (&'static str, Message);

impl Cells<'_> {
    /// The text of `column`.
    fn get(&self, column: &'static str) -> &str {
        self.headers
            .iter()
            .position(|h| h == column)
            .and_then(|i| self.record.get(i))
            .unwrap_or("")
    }

    /// `column` read by `parse`, or what is wrong with it.
    fn read<T>(
        &self,
        column: &'static str,
        parse: impl Fn(&str) -> Option<T>,
        what: &'static str,
    ) -> Result<T, CellError> {
        let cell = self.get(column);
        parse(cell).ok_or_else(|| {
            (
                column,
                Message::new("problem-district-cell")
                    .arg("cell", cell)
                    .with("what", Message::new(what)),
            )
        })
    }

    /// The row as a school.
    fn school(&self) -> Result<DistrictSchool, CellError> {
        let whole = |c| self.read(c, |t: &str| t.parse::<u32>().ok(), "valid-whole");
        let share = |c| {
            self.read(
                c,
                |t: &str| t.parse::<f32>().ok().filter(|v| v.is_finite()),
                "valid-number",
            )
        };
        Ok(DistrictSchool {
            school: self.get("school").to_string(),
            setting: self.read(
                "setting",
                |t| match t.to_ascii_lowercase().as_str() {
                    "rural" => Some(Setting::Rural),
                    "urban" => Some(Setting::Urban),
                    _ => None,
                },
                "valid-district-setting",
            )?,
            classes: whole("classes")?,
            class_size: whole("class_size")?,
            left_behind_one_parent: share("left_behind_one_parent")?,
            left_behind_both_parents: share("left_behind_both_parents")?,
            minority_share: share("minority_share")?,
            low_income_share: share("low_income_share")?,
            counsellor: self.read(
                "counsellor",
                |t| match t.to_ascii_lowercase().as_str() {
                    "yes" | "true" | "1" => Some(true),
                    "no" | "false" | "0" => Some(false),
                    _ => None,
                },
                "valid-district-yes-no",
            )?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "school,setting,classes,class_size,left_behind_one_parent,left_behind_both_parents,minority_share,low_income_share,counsellor\n";

    #[test]
    fn reads_a_district_with_spreadsheet_conventions() {
        let text = format!(
            "{HEADER}Xinhua Middle School, rural, 6, 45, 0.25, 0.20, 0.05, 0.35, no\n# a comment\nNo. 1 Middle School,urban,12,50,0.05,0.02,0.1,0.1,yes\n"
        );
        let schools = parse(text.as_bytes(), "d.csv").unwrap();
        assert_eq!(schools.len(), 2);
        assert_eq!(schools[0].school, "Xinhua Middle School");
        assert_eq!(schools[0].students(), 270);
        assert!(!schools[0].counsellor && schools[1].counsellor);
        assert_eq!(schools[1].setting, crate::population::Setting::Urban);
    }

    #[test]
    fn a_bad_cell_names_line_column_and_what_is_valid() {
        let text =
            format!("{HEADER}A,rural,6,forty,0.2,0.1,0,0.2,no\nB,rural,6,40,0.7,0.6,0,0.2,maybe\n");
        let ps = parse(text.as_bytes(), "d.csv").unwrap_err();
        assert_eq!(ps.len(), 2, "{ps:?}");
        assert_eq!(ps[0].key, "population.district");
        assert_eq!(
            ps[0].message,
            "d.csv line 2, column `class_size`: `forty` is not a whole number"
        );
        assert_eq!(
            ps[0].valid,
            "a whole number of students per class from 1 to 500"
        );
        assert_eq!(
            ps[1].message,
            "d.csv line 3, column `counsellor`: `maybe` is not `yes` or `no`"
        );
    }

    #[test]
    fn shares_out_of_range_are_refused() {
        let text = format!("{HEADER}A,rural,6,40,0.7,0.6,0,1.5,no\n");
        let ps = parse(text.as_bytes(), "d.csv").unwrap_err();
        let messages: Vec<&str> = ps.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "d.csv line 2, column `low_income_share`: 1.5 is out of range",
                "d.csv line 2, column `left_behind_both_parents`: left_behind_one_parent + left_behind_both_parents = 1.3, more than 1",
            ]
        );
    }

    #[test]
    fn a_misspelt_or_missing_column_is_named() {
        let text = HEADER.replace("class_size", "classsize");
        let ps = parse(text.as_bytes(), "d.csv").unwrap_err();
        assert!(
            ps[0].message.contains("unknown column `classsize`")
                && ps[0].message.contains("class_size"),
            "{}",
            ps[0].message
        );
        let text = HEADER.replace(",counsellor", "");
        let ps = parse(text.as_bytes(), "d.csv").unwrap_err();
        assert!(ps[0].message.ends_with("missing column(s) `counsellor`"));
        let ps = parse(HEADER.as_bytes(), "d.csv").unwrap_err();
        assert!(ps[0].message.ends_with("the file lists no schools"));
    }
}
