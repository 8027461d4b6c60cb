//! Looking parameters up in [`PARAMETERS`], their words in a catalog, and writing them out
//! as docs.

use super::spec::{ChoiceOption, DefaultValue, ParamKind, ParamSpec, Scale};
use super::{Field, PARAMETERS};
use crate::i18n::{english, Catalog};

impl ParamSpec {
    /// The parameter's name (`param.<key>.label` in the catalog).
    pub fn label(&self, catalog: &'static Catalog) -> &'static str {
        catalog.text(&format!("param.{}.label", self.key))
    }

    /// The unit shown next to the value, "" when it has none (no `param.<key>.unit`).
    pub fn unit(&self, catalog: &'static Catalog) -> &'static str {
        catalog.text(&format!("param.{}.unit", self.key))
    }

    /// One line of help for tooltips and docs (`param.<key>.help`).
    pub fn help(&self, catalog: &'static Catalog) -> &'static str {
        catalog.text(&format!("param.{}.help", self.key))
    }
}

/// The row of `field`.
pub fn spec(field: Field) -> &'static ParamSpec {
    PARAMETERS
        .iter()
        .find(|spec| spec.field == field)
        .expect("the parameters! macro gives every Field its declaration")
}

/// The row whose URL key or field name is `name` (ASCII case-insensitive).
pub fn spec_by_name(name: &str) -> Option<&'static ParamSpec> {
    PARAMETERS.iter().find(|spec| {
        spec.key.eq_ignore_ascii_case(name) || spec.field.name().eq_ignore_ascii_case(name)
    })
}

/// The canonical option matching `raw` by value or alias (ASCII case-insensitive).
pub fn find_option(options: &'static [ChoiceOption], raw: &str) -> Option<&'static ChoiceOption> {
    let raw = raw.trim();
    options.iter().find(|option| {
        option.value.eq_ignore_ascii_case(raw)
            || option
                .aliases
                .iter()
                .any(|alias| alias.eq_ignore_ascii_case(raw))
    })
}

/// The parameter table as a Markdown table in English, for the README.
pub fn docs_markdown() -> String {
    let words = english();
    let mut out = String::from(
        "| key | parameter | allowed | forecast | adding | text | classify | help |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for spec in PARAMETERS {
        let allowed = match spec.kind {
            ParamKind::Int { min, max } => format!("{min} to {max}"),
            ParamKind::Float {
                min, max, scale, ..
            } => match scale {
                Scale::Linear => format!("{min} to {max}"),
                Scale::Log => format!("{min} to {max} (log)"),
                Scale::LogOrZero { .. } => format!("0 (off) or up to {max} (log)"),
            },
            ParamKind::Choice { options } => options
                .iter()
                .map(|o| o.value)
                .collect::<Vec<_>>()
                .join(", "),
            ParamKind::Text { max_chars } => format!("up to {max_chars} characters"),
        };
        let show = |value: DefaultValue| match value {
            DefaultValue::Int(v) => v.to_string(),
            DefaultValue::Float(v) => v.to_string(),
            DefaultValue::Choice(v) => v.to_string(),
            DefaultValue::Text("") => "(empty)".to_string(),
            DefaultValue::Text(v) => v.to_string(),
        };
        let unit = match spec.unit(words) {
            "" => String::new(),
            unit => format!(" ({unit})"),
        };
        out.push_str(&format!(
            "| `{}` | {}{} | {} | {} | {} | {} | {} | {} |\n",
            spec.key,
            spec.label(words),
            unit,
            allowed,
            show(spec.defaults.forecast),
            show(spec.defaults.adding),
            show(spec.defaults.text),
            show(spec.defaults.classify),
            spec.help(words)
        ));
    }
    out
}
