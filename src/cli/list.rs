//! `resim list`: what a scenario can say.

use resilience_sim::components::{ComponentSettings, Frequency, REGISTRY, Target};
use resilience_sim::model::OUTCOMES;
use resilience_sim::params::Mechanisms;
use resilience_sim::population::SUBGROUPS;
use resilience_sim::scenario::{ModelParams, Traits};

use resilience_sim::jobs::JobError;

const TOPICS: &[&str] = &[
    "components",
    "parameters",
    "mechanisms",
    "traits",
    "outcomes",
    "subgroups",
    "targets",
];

pub fn list(topic: Option<&str>) -> Result<(), JobError> {
    if let Some(t) = topic
        && !TOPICS.contains(&t)
    {
        return Err(JobError::input(format!(
            "no list named `{t}`; valid: {}",
            TOPICS.join(", ")
        )));
    }
    let show = |name: &str| topic.is_none() || topic == Some(name);
    if show("components") {
        println!("COMPONENTS (use as [strategies.NAME.COMPONENT] or components = [\"COMPONENT\"])");
        for c in REGISTRY {
            let d = c.default_settings();
            println!("  {:<22} {}", c.name, c.summary);
            println!(
                "  {:<22} channel: {}; offered per {}; seed: {}",
                "",
                c.channel,
                c.unit.name(),
                c.seed
            );
            println!(
                "  {:<22} defaults: frequency {}/week, coverage {}, fidelity {}, target {}, cost {}/student/year, {} teacher h/student/year",
                "",
                d.frequency.0,
                d.coverage,
                d.fidelity,
                d.target.name(),
                d.cost_per_student,
                d.teacher_hours_per_student
            );
        }
        let settings: Vec<&str> = ComponentSettings::SETTINGS.iter().map(|d| d.name).collect();
        println!("  settings of every component: {}", settings.join(", "));
        println!();
    }
    if show("targets") {
        println!("TARGET GROUPS (target = \"...\")");
        println!("  {}", Target::NAMES.join(", "));
        println!("FREQUENCIES (frequency = number per week, or a name)");
        for (n, f) in Frequency::NAMED {
            println!("  {n:<14} {f}/week");
        }
        println!();
    }
    if show("parameters") {
        println!("PARAMETERS ([section] key = default   range   meaning   source)");
        let mut section = "";
        for p in ModelParams::docs() {
            if p.section != section {
                section = p.section;
                println!("  [{section}]");
            }
            println!(
                "    {:<28} = {:<8} [{}, {}]  {}  ({})",
                p.name,
                p.default,
                p.lo,
                p.hi,
                p.meaning.trim(),
                p.source
            );
        }
        println!();
    }
    if show("mechanisms") {
        println!("MECHANISMS ([mechanisms] name = true | false; all on by default)");
        for m in Mechanisms::DOCS {
            println!("    {:<22} {}", m.name, m.meaning.trim());
        }
        println!();
    }
    if show("traits") {
        println!("TRAITS ([traits] name = {{ mean, sd }} on 0-1, drawn as Beta)");
        for (name, mean, sd, meaning, source) in Traits::DOCS {
            println!(
                "    {name:<22} mean {mean:<5} sd {sd:<5} {}  ({source})",
                meaning.trim()
            );
        }
        println!(
            "    minority_trust_shift   -0.2   shift of minority families' trust (the trust gap)"
        );
        println!("    rural_ses_shift        -0.15  shift of rural families' SES");
        println!();
    }
    if show("outcomes") {
        println!("OUTCOMES");
        for o in OUTCOMES {
            println!(
                "  {:<20} {} ({})",
                o.name,
                o.meaning,
                if o.higher_is_better {
                    "higher is better"
                } else {
                    "lower is better"
                }
            );
        }
        println!();
    }
    if show("subgroups") {
        println!("SUBGROUPS");
        for s in SUBGROUPS {
            println!("  {:<16} {}", s.name, s.meaning);
        }
    }
    Ok(())
}
