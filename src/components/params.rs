//! The `[components]` section: the value of every named loading of every
//! component, in registry order, with defaults, range checks and access by
//! key — read from the declarations in [`super::REGISTRY`], so a loading is
//! declared once, beside its component.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{LoadingParam, REGISTRY, Weight};
use crate::problem::{Problem, check_range};

/// Values of every component's loading parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentParams {
    values: Vec<f32>,
}

impl Default for ComponentParams {
    fn default() -> Self {
        ComponentParams {
            values: Self::docs().map(|p| p.default).collect(),
        }
    }
}

impl ComponentParams {
    /// Every loading parameter, in registry order.
    pub fn docs() -> impl Iterator<Item = &'static LoadingParam> {
        REGISTRY
            .iter()
            .flat_map(|c| c.loadings.iter())
            .filter_map(|l| match &l.weight {
                Weight::Param(p) => Some(p),
                Weight::Unit => None,
            })
    }

    /// Every key, for error messages.
    pub fn keys() -> &'static [&'static str] {
        static KEYS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
        KEYS.get_or_init(|| Self::docs().map(|p| p.key).collect())
    }

    fn position(key: &str) -> Option<usize> {
        Self::docs().position(|p| p.key == key)
    }

    /// The value of loading `key`.
    pub fn get(&self, key: &str) -> Option<f32> {
        Self::position(key).map(|i| self.values[i])
    }

    /// Mutable access by key, for sweeps and calibration.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut f32> {
        Self::position(key).map(|i| &mut self.values[i])
    }

    /// Range-checks every value; `prefix` is the section's key path.
    pub fn validate(&self, prefix: &str, out: &mut Vec<Problem>) {
        for (p, v) in Self::docs().zip(&self.values) {
            check_range(out, format!("{prefix}.{}", p.key), *v, p.lo, p.hi);
        }
    }
}

impl Serialize for ComponentParams {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.values.len()))?;
        for (p, v) in Self::docs().zip(&self.values) {
            m.serialize_entry(p.key, v)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for ComponentParams {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ComponentParams;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of component loadings, e.g. `contact_book_info_two_way = 0.5`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ComponentParams, A::Error> {
                let mut out = ComponentParams::default();
                while let Some(key) = map.next_key::<String>()? {
                    let Some(slot) = out.get_mut(&key) else {
                        return Err(de::Error::unknown_field(&key, ComponentParams::keys()));
                    };
                    *slot = map.next_value()?;
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip_through_toml_and_unknown_keys_are_refused() {
        let p = ComponentParams::default();
        let text = toml::to_string(&p).unwrap();
        assert!(text.contains("contact_book_info_two_way = 0.5"));
        let back: ComponentParams = toml::from_str(&text).unwrap();
        assert_eq!(back, p);
        let mut changed: ComponentParams =
            toml::from_str("contact_book_info_two_way = 0.25").unwrap();
        assert_eq!(changed.get("contact_book_info_two_way"), Some(0.25));
        assert_eq!(changed.get_mut("digital_channel_info").copied(), Some(0.35));
        let err = toml::from_str::<ComponentParams>("contact_book_inf_two_way = 1").unwrap_err();
        assert!(
            err.to_string().contains("contact_book_info_two_way"),
            "{err}"
        );
    }

    #[test]
    fn out_of_range_values_are_named() {
        let mut p = ComponentParams::default();
        *p.get_mut("contact_book_info_two_way").unwrap() = -1.0;
        let mut out = Vec::new();
        p.validate("components", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].key, "components.contact_book_info_two_way");
    }
}
