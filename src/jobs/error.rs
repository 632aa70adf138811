//! [`JobError`]: why a job failed, and its class, which front ends map to
//! their own conventions (an exit code, an HTTP status, a Python exception).

use crate::calibration::CalibrationError;
use crate::output::{OutputError, SetError};
use crate::problem::{Message, Problem};
use crate::report::ReportError;
use crate::scenario::ScenarioError;
use crate::sensitivity::SensitivityError;
use crate::shard::ShardError;
use crate::validation::TargetsError;

/// What kind of failure a [`JobError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// The input is wrong (a scenario file, an option, an output directory
    /// that holds other files): the user can fix it. `resim` exits with 2.
    BadInput,
    /// Stopped by cancellation before the end. `resim` exits with 130.
    Interrupted,
    /// A bug or a failing disk. `resim` exits with 1.
    Internal,
    /// A strict validation found a target outside its band or not
    /// measurable. `resim` exits with 3.
    ValidationFailed,
}

impl ErrorClass {
    /// The process exit code `resim` ends with: 2 bad input, 130
    /// interrupted, 1 internal error, 3 validation failed.
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorClass::BadInput => 2,
            ErrorClass::Interrupted => 130,
            ErrorClass::Internal => 1,
            ErrorClass::ValidationFailed => 3,
        }
    }

    /// The word `resim` puts before the message on stderr (`error: …`).
    pub fn prefix(self) -> &'static str {
        match self {
            ErrorClass::BadInput => "error",
            ErrorClass::Interrupted => "interrupted",
            ErrorClass::Internal => "internal error",
            ErrorClass::ValidationFailed => "validation failed",
        }
    }
}

/// Why a job failed. Its [`Display`](std::fmt::Display) is the message
/// without a prefix; [`JobError::class`] says what kind of failure it is.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// A scenario file with problems, each naming the key, line and what is valid.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// Other bad input: an option out of range, an unknown name, a refused,
    /// unwritable or locked output directory, a damaged shard or journal, a
    /// result set that is not whole. A catalogue message (its `Display` is
    /// the English the CLI prints; a front end words it in its language).
    #[error("{0}")]
    Input(Message),
    /// A setting given to a what-if (`--set COMPONENT.KEY=VALUE`) that is
    /// refused: written wrong, naming no component or setting, or a value
    /// the component refuses.
    #[error("{}", .0.message)]
    Setting(Box<Refused>),
    /// The output directory (or a shard) is locked by another job: "DIR is
    /// in use by process N on HOST". Bad input: wait, or choose another
    /// directory. A catalogue message, worded in a page's language.
    #[error("{0}")]
    Busy(Message),
    /// Stopped by cancellation.
    #[error("{message}")]
    Interrupted {
        /// What was kept, and how to continue: a catalogue message (its
        /// `Display` is the English the CLI prints).
        message: Message,
        /// Whether finished work was saved, so the job can be resumed.
        resumable: bool,
    },
    /// A bug or an I/O failure. A catalogue message for what resim says;
    /// the system's own error text is shown as written
    /// ([`Message::verbatim`], e.g. through [`JobError::internal`]).
    #[error("{0}")]
    Internal(Message),
    /// A strict validation failed: targets outside their band or not
    /// measured. A catalogue message, worded in a page's language.
    #[error("{0}")]
    ValidationFailed(Message),
}

/// A refused what-if setting ([`JobError::Setting`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// The setting it is about, `COMPONENT.KEY` (what was written, when it
    /// names no setting): a form shows the message beside that field.
    pub key: String,
    /// The component's problem with the value, when the value is what is
    /// refused (keyed `COMPONENT.KEY`, in the loader's typed words).
    pub problem: Option<Problem>,
    /// The whole refusal, `--set …` (what the CLI prints, in English).
    pub message: Message,
}

impl Refused {
    /// A value the component refuses: its problem, keyed `COMPONENT.KEY`.
    pub fn value(p: Problem) -> Refused {
        Refused {
            key: p.key.clone(),
            message: Message::new("problem-set-refused")
                .arg("key", &p.key)
                .with("message", p.message.clone())
                .with("valid", p.valid.clone()),
            problem: Some(p),
        }
    }

    /// A setting written wrong or naming nothing that can be set.
    pub fn written(key: impl Into<String>, message: Message) -> Refused {
        Refused {
            key: key.into(),
            problem: None,
            message,
        }
    }
}

impl JobError {
    /// Bad input told in a [`Message`] (a text from elsewhere is shown as
    /// it is in every language: [`Message::verbatim`]).
    pub fn input(message: impl Into<Message>) -> JobError {
        JobError::Input(message.into())
    }

    /// An internal error: a catalogue message, or the system's own error
    /// text (a `String`, shown as written in every language).
    pub fn internal(message: impl Into<Message>) -> JobError {
        JobError::Internal(message.into())
    }

    /// A flag whose value is outside `lo..=hi` ("--threads 0 is out of
    /// range …"): bad input, worded in a page's language.
    pub(crate) fn flag_range(
        flag: &'static str,
        value: impl std::fmt::Display,
        lo: impl std::fmt::Display,
        hi: impl std::fmt::Display,
    ) -> JobError {
        JobError::Input(
            Message::new("problem-job-flag-range")
                .arg("flag", flag)
                .arg("value", value)
                .arg("lo", lo)
                .arg("hi", hi),
        )
    }

    /// A refused what-if setting.
    pub fn setting(refused: Refused) -> JobError {
        JobError::Setting(Box::new(refused))
    }

    /// What went wrong as a message: the typed message of bad input, of a
    /// busy output directory, of a refused setting, of an interruption (what
    /// was kept and how to continue), of a failed validation and of an
    /// internal error (the system's own error text inside it shown as
    /// written); the English text of a scenario's problems (which a page
    /// words with [`ScenarioError::in_lang`]).
    pub fn message(&self) -> Message {
        match self {
            JobError::Input(m)
            | JobError::Busy(m)
            | JobError::ValidationFailed(m)
            | JobError::Internal(m) => m.clone(),
            JobError::Interrupted { message, .. } => message.clone(),
            JobError::Setting(r) => r.message.clone(),
            JobError::Scenario(_) => Message::verbatim(self.to_string()),
        }
    }

    /// A shard job's options that do not read back.
    pub(crate) fn shard_options(e: impl std::fmt::Display) -> JobError {
        JobError::Input(
            Message::new("problem-job-shard-options")
                .with("message", Message::verbatim(e.to_string())),
        )
    }

    /// Stopped with nothing written or changed.
    pub fn interrupted() -> JobError {
        JobError::Interrupted {
            message: Message::new("problem-stopped-nothing-changed"),
            resumable: false,
        }
    }

    /// Stopped with the work so far saved; `message` says where and how to continue.
    pub fn resumable(message: Message) -> JobError {
        JobError::Interrupted {
            message,
            resumable: true,
        }
    }

    /// The class of the failure.
    pub fn class(&self) -> ErrorClass {
        match self {
            JobError::Scenario(_)
            | JobError::Input(_)
            | JobError::Setting(_)
            | JobError::Busy(_) => ErrorClass::BadInput,
            JobError::Interrupted { .. } => ErrorClass::Interrupted,
            JobError::Internal(_) => ErrorClass::Internal,
            JobError::ValidationFailed(_) => ErrorClass::ValidationFailed,
        }
    }

    /// Whether the job stopped with finished work saved (resume it).
    pub fn is_resumable(&self) -> bool {
        matches!(
            self,
            JobError::Interrupted {
                resumable: true,
                ..
            }
        )
    }

    /// Bad input, with `context` (e.g. the scenario file) before the message.
    pub(crate) fn input_in(context: impl std::fmt::Display, e: impl std::fmt::Display) -> JobError {
        JobError::Input(
            Message::new("problem-in-context")
                .arg("context", context)
                .arg("message", e),
        )
    }
}

impl From<OutputError> for JobError {
    /// A refused output directory is bad input; a failed write is internal.
    fn from(e: OutputError) -> Self {
        if let OutputError::InUse {
            dir,
            pid,
            host,
            lock,
        } = &e
        {
            JobError::Busy(
                Message::new("problem-busy")
                    .arg("dir", dir.display())
                    .arg("pid", pid)
                    .arg("host", host)
                    .arg("lock", lock.display()),
            )
        } else if e.is_bad_input() {
            JobError::Input(e.message())
        } else {
            JobError::Internal(e.message())
        }
    }
}

impl From<crate::output::ReadError> for JobError {
    /// A result file that does not read back is bad input, naming file,
    /// line and column (a catalogue message, worded in a page's language).
    fn from(e: crate::output::ReadError) -> Self {
        JobError::Input(e.message())
    }
}

impl From<SetError> for JobError {
    /// A saved result set that is missing, not whole or unreadable is bad
    /// input: the directory given does not hold one job's whole results.
    fn from(e: SetError) -> Self {
        JobError::Input(e.message())
    }
}

impl From<ReportError> for JobError {
    fn from(e: ReportError) -> Self {
        match e {
            ReportError::Input(m) => JobError::input(m),
            ReportError::Output(o) => o.into(),
            ReportError::Internal(m) => JobError::Internal(m),
        }
    }
}

impl From<ShardError> for JobError {
    /// Every shard problem is bad input: a wrong `--shard`, or shard files
    /// that are missing, damaged or of another job.
    fn from(e: ShardError) -> Self {
        JobError::Input(e.message())
    }
}

impl From<SensitivityError> for JobError {
    /// Typed: a front end words it in its language.
    fn from(e: SensitivityError) -> Self {
        JobError::Input(e.message())
    }
}

impl From<CalibrationError> for JobError {
    /// Typed: a front end words it in its language.
    fn from(e: CalibrationError) -> Self {
        JobError::Input(e.message())
    }
}

impl From<TargetsError> for JobError {
    /// Typed: a front end words it in its language.
    fn from(e: TargetsError) -> Self {
        JobError::Input(e.to_message())
    }
}

#[cfg(test)]
mod busy_tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_busy_output_directory_reads_as_the_cli_prints_it_and_in_chinese_on_chinese_pages() {
        let e = OutputError::InUse {
            dir: "results/q".into(),
            pid: 42,
            host: "node7".into(),
            lock: "results/q/.resim.lock".into(),
        };
        let english = e.to_string();
        let job = JobError::from(e);
        assert_eq!(job.class(), ErrorClass::BadInput);
        assert_eq!(job.to_string(), english);
        let zh = job.message().render(Lang::ZhCn);
        assert!(zh.contains("正被 node7 上的进程 42 使用"), "{zh}");
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use crate::i18n::Lang;

    /// Every interruption's hint and a failed validation's summary read as
    /// the CLI has always printed them, and in Chinese on Chinese pages.
    #[test]
    fn interruptions_and_failed_validations_read_as_the_cli_prints_them_and_in_chinese() {
        let all = [
            (
                JobError::interrupted(),
                "stopped cleanly; no result file was written or changed",
            ),
            (
                JobError::Interrupted {
                    message: Message::new("problem-stopped-nothing-written"),
                    resumable: false,
                },
                "stopped cleanly, no result files were written",
            ),
            (
                JobError::resumable(
                    Message::new("problem-stopped-points-saved")
                        .arg("saved", 3)
                        .arg("total", 27)
                        .arg("dir", "results/s/journal"),
                ),
                "stopped cleanly; 3 of 27 points are saved in results/s/journal; continue with --resume",
            ),
            (
                JobError::resumable(
                    Message::new("problem-stopped-merge-saved").arg("file", "o/search.json"),
                ),
                "stopped; the search so far is in o/search.json — merge again to continue",
            ),
            (
                JobError::resumable(
                    Message::new("problem-stopped-search-saved").arg("file", "o/search.json"),
                ),
                "stopped; the search so far is in o/search.json — continue with --resume",
            ),
            (
                JobError::resumable(
                    Message::new("problem-stopped-calibration-saved")
                        .arg("evaluations", 40)
                        .arg("iteration", 2)
                        .arg("file", "c/state.json"),
                ),
                "stopped after 40 simulations; the search state of iteration 2 is in c/state.json — continue with --resume",
            ),
            (
                JobError::ValidationFailed(
                    Message::new("problem-validation-failed-one")
                        .arg("count", 1)
                        .arg("ids", "a"),
                ),
                "1 target outside the band or not measured: a",
            ),
            (
                JobError::ValidationFailed(
                    Message::new("problem-validation-failed-many")
                        .arg("count", 2)
                        .arg("ids", "a, b"),
                ),
                "2 targets outside the band or not measured: a, b",
            ),
        ];
        for (e, english) in all {
            let m = e.message();
            assert_eq!(e.to_string(), english);
            crate::problem::assert_worded(&m, english);
        }
        // A targets file's problem is carried typed.
        let t =
            crate::validation::targets::parse("id,value,low,high\nx,2,0,1\n", "t.csv").unwrap_err();
        let english = t.to_string();
        let e = JobError::from(t);
        assert_eq!(e.to_string(), english);
        assert_eq!(e.message().id, "problem-targets-at-line");
        assert!(e.message().render(Lang::ZhCn).contains("区间必须包含该值"));
    }
}

#[cfg(test)]
mod internal_tests {
    use super::*;
    use crate::i18n::Lang;

    /// Every internal error resim words itself reads as the CLI has always
    /// printed it (`internal error: …`), and in Chinese on Chinese pages;
    /// the system's own error text inside it stays as written.
    #[test]
    fn internal_errors_read_as_the_cli_prints_them_and_in_chinese_with_the_system_text_as_written()
    {
        let io = "No such file or directory (os error 2)";
        let all = [
            (
                Message::new("problem-internal-whatif-refused"),
                "the what-if scenario was refused".to_string(),
            ),
            (
                Message::new("problem-internal-whatif-lost"),
                "the what-if strategy was lost".to_string(),
            ),
            (
                Message::new("problem-internal-whatif-read-back")
                    .with("message", Message::verbatim("bad key")),
                "the what-if scenario does not read back: bad key".to_string(),
            ),
            (
                Message::new("problem-internal-merged-run-written"),
                "the merged run is already written".to_string(),
            ),
            (
                Message::new("problem-internal-merged-search-written"),
                "the merged search is already written".to_string(),
            ),
            (
                Message::new("problem-internal-merged-search-differs"),
                "the merged search differs from the shards' options".to_string(),
            ),
            (
                Message::new("problem-internal-shard-written"),
                "the shard is already written".to_string(),
            ),
            (
                Message::new("problem-internal-cannot-write")
                    .arg("file", "s/indices.csv")
                    .arg("message", io),
                format!("cannot write s/indices.csv: {io}"),
            ),
            (
                Message::new("problem-internal-encode")
                    .arg("file", "manifest.json")
                    .arg("message", "key must be a string"),
                "cannot encode manifest.json: key must be a string".to_string(),
            ),
            (
                Message::new("problem-internal-fitted-refused").with(
                    "message",
                    Message::new("problem-words-key")
                        .arg("key", "family.warmth")
                        .with("message", Message::verbatim("must be at most 1")),
                ),
                "fitted values refused: family.warmth: must be at most 1".to_string(),
            ),
            (
                Message::new("problem-internal-threads")
                    .arg("threads", 4)
                    .arg("message", "out of resources"),
                "cannot start 4 threads: out of resources".to_string(),
            ),
            (
                Message::new("problem-internal-server-start").arg("message", io),
                format!("cannot start the server: {io}"),
            ),
            (
                Message::new("problem-internal-server-stopped").arg("message", io),
                format!("the server stopped: {io}"),
            ),
        ];
        for (m, english) in all {
            let e = JobError::Internal(m.clone());
            assert_eq!(e.class(), ErrorClass::Internal);
            assert_eq!(e.to_string(), english);
            assert_eq!(e.message(), m);
            let zh = e.message().render(Lang::ZhCn);
            assert_ne!(zh, english, "{}", m.id);
            for kept in [
                "s/indices.csv",
                io,
                "family.warmth",
                "out of resources",
                "bad key",
            ] {
                if english.contains(kept) {
                    assert!(zh.contains(kept), "{zh}");
                }
            }
        }
        // The system's own error text is shown as written in every language.
        let e = JobError::internal(io.to_string());
        assert_eq!(e.to_string(), io);
        assert_eq!(e.message().render(Lang::ZhCn), io);
    }

    /// A chart that cannot be drawn and an output directory that cannot be
    /// written are carried typed into an internal error.
    #[test]
    fn a_failed_chart_and_a_failed_write_are_internal_errors_worded_in_chinese() {
        let chart = ReportError::Internal(
            Message::new("problem-internal-chart")
                .arg("name", "frontier")
                .with("message", Message::verbatim("backend error")),
        );
        assert_eq!(
            chart.to_string(),
            "cannot draw chart frontier: backend error"
        );
        let e = JobError::from(chart);
        assert_eq!(e.class(), ErrorClass::Internal);
        assert_eq!(e.to_string(), "cannot draw chart frontier: backend error");
        assert!(
            e.message()
                .render(Lang::ZhCn)
                .starts_with("无法绘制图表 frontier")
        );
    }
}
