//! Declarations: every model parameter, declared once.
//!
//! Each group of parameters ([`Stress`], [`Support`], …) is declared once in
//! `params/groups.rs` with its default, range, meaning and source;
//! [`ModelParams`] gathers the groups. The model reads its parameters from
//! here and the scenario layer writes them from a file: the model depends on
//! the parameters, not on how they were written down. The loadings of the
//! collaboration components (section `[components]`) are declared beside each
//! component and gathered here as [`ComponentParams`]. Above the foundation
//! ([`crate::problem`]) and the component declarations this layer knows
//! nothing.

mod groups;

use serde::{Deserialize, Serialize};

use crate::components::ComponentParams;
use crate::problem::{Message, Problem};

pub use groups::{
    Academic, Adults, Detection, Economics, Exosystem, Learning, Macrosystem, Mechanisms, ParamDoc,
    Stress, Support, SwitchDoc, SwitchFactors, Trust,
};

/// The range the four support weights must sum into: perceived support is
/// their weighted mean, so a sum far from 1 moves it off its 0–1 scale.
pub const SUPPORT_WEIGHT_SUM: (f32, f32) = (0.5, 1.5);

/// The model's parameters, one group per mechanism or ecological layer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ModelParams {
    /// Mechanism 1.
    pub stress: Stress,
    /// Mechanisms 2 and 8.
    pub support: Support,
    /// Mechanisms 3, 5 and 6.
    pub learning: Learning,
    /// The academic pathway.
    pub academic: Academic,
    /// Mechanism 4.
    pub detection: Detection,
    /// Mechanism 7.
    pub trust: Trust,
    /// Mechanism 9.
    pub adults: Adults,
    /// School and community resources.
    pub exosystem: Exosystem,
    /// Policy and culture.
    pub macrosystem: Macrosystem,
    /// How outcomes and costs are valued (`decision.csv`).
    pub economics: Economics,
    /// Loadings of the collaboration components (declared with each component).
    pub components: ComponentParams,
    /// One switch per mechanism (structural sensitivity).
    pub mechanisms: Mechanisms,
}

impl ModelParams {
    /// Every parameter's documentation, section by section.
    pub fn docs() -> Vec<ParamDoc> {
        [
            Stress::DOCS,
            Support::DOCS,
            Learning::DOCS,
            Academic::DOCS,
            Detection::DOCS,
            Trust::DOCS,
            Adults::DOCS,
            Exosystem::DOCS,
            Macrosystem::DOCS,
            Economics::DOCS,
        ]
        .concat()
        .into_iter()
        .chain(ComponentParams::docs().map(|p| ParamDoc {
            section: "components",
            name: p.key,
            default: p.default,
            lo: p.lo,
            hi: p.hi,
            meaning: p.meaning,
            source: p.source,
        }))
        .collect()
    }

    pub(crate) fn validate(&self, out: &mut Vec<Problem>) {
        self.stress.validate("stress", out);
        self.support.validate("support", out);
        self.learning.validate("learning", out);
        self.academic.validate("academic", out);
        self.detection.validate("detection", out);
        self.trust.validate("trust", out);
        self.adults.validate("adults", out);
        self.exosystem.validate("exosystem", out);
        self.macrosystem.validate("macrosystem", out);
        self.economics.validate("economics", out);
        self.components.validate("components", out);
        let st = &self.stress;
        if st.challenge_level >= st.overwhelm_level {
            out.push(Problem::new(
                "stress.challenge_level",
                Message::new("problem-challenge-not-below")
                    .arg("value", st.challenge_level)
                    .arg("overwhelm", st.overwhelm_level),
                Message::new("valid-challenge-below"),
            ));
        }
        let su = &self.support;
        let sum = su.weight_family + su.weight_teacher + su.weight_peer + su.weight_community;
        if !(SUPPORT_WEIGHT_SUM.0..=SUPPORT_WEIGHT_SUM.1).contains(&sum) {
            out.push(Problem::new(
                "support.weight_family",
                Message::new("problem-support-weights").arg("sum", sum),
                Message::new("valid-support-weights")
                    .arg("lo", SUPPORT_WEIGHT_SUM.0)
                    .arg("hi", SUPPORT_WEIGHT_SUM.1),
            ));
        }
    }

    /// Mutable access to a parameter by `section.key`, for sweeps and calibration.
    pub fn get_mut(&mut self, section: &str, key: &str) -> Option<&mut f32> {
        match section {
            "stress" => self.stress.get_mut(key),
            "support" => self.support.get_mut(key),
            "learning" => self.learning.get_mut(key),
            "academic" => self.academic.get_mut(key),
            "detection" => self.detection.get_mut(key),
            "trust" => self.trust.get_mut(key),
            "adults" => self.adults.get_mut(key),
            "exosystem" => self.exosystem.get_mut(key),
            "macrosystem" => self.macrosystem.get_mut(key),
            "economics" => self.economics.get_mut(key),
            "components" => self.components.get_mut(key),
            _ => None,
        }
    }
}
