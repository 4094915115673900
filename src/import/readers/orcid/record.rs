//! The parts of an ORCID v3.0 record Vitae reads, as serde types that both
//! forms of the record deserialize into: the JSON (`serde_json`), where a
//! value is often wrapped as `{"value": …}` and affiliations sit in
//! `summaries`, and the XML (`quick-xml`, which matches elements by local
//! name, so `common:title` is `title`), where values are element text and
//! affiliation summaries sit in their group directly. `Text` takes either
//! form of a value; every other difference is a field that one form leaves
//! empty. What Vitae has no place for (sources, put-codes, visibility,
//! peer reviews, memberships, qualifications, research resources) is not
//! read at all.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

/// A value: a plain string (JSON strings, XML element text) or an object
/// holding it (`{"value": "2020"}`, or an XML element with attributes).
#[derive(Debug, Clone, Default)]
pub struct Text(pub String);

impl Text {
    /// The trimmed value, `None` when blank.
    pub fn get(&self) -> Option<String> {
        let t = self.0.trim();
        (!t.is_empty()).then(|| t.to_string())
    }
}

/// The trimmed value of an optional `Text`.
pub fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref().and_then(Text::get)
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string or an object with a value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
        Ok(Text::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Text, E> {
        Ok(Text::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let mut out = Text::default();
        while let Some(key) = map.next_key::<String>()? {
            if key == "value" || key == "$text" || key == "$value" {
                out = map.next_value::<Text>()?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Record {
    pub orcid_identifier: Option<Identifier>,
    pub person: Option<Person>,
    pub activities_summary: Option<Activities>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Identifier {
    pub uri: Option<Text>,
    pub path: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Person {
    pub name: Option<Name>,
    pub other_names: Option<OtherNames>,
    pub biography: Option<Content>,
    pub researcher_urls: Option<ResearcherUrls>,
    pub emails: Option<Emails>,
    pub keywords: Option<Keywords>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Name {
    pub given_names: Option<Text>,
    pub family_name: Option<Text>,
    pub credit_name: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct OtherNames {
    pub other_name: Vec<Content>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Keywords {
    pub keyword: Vec<Content>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Content {
    pub content: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct ResearcherUrls {
    pub researcher_url: Vec<ResearcherUrl>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct ResearcherUrl {
    pub url_name: Option<Text>,
    pub url: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Emails {
    pub email: Vec<Email>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Email {
    pub email: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Activities {
    pub distinctions: Option<Affiliations>,
    pub educations: Option<Affiliations>,
    pub employments: Option<Affiliations>,
    pub invited_positions: Option<Affiliations>,
    pub services: Option<Affiliations>,
    pub fundings: Option<Fundings>,
    pub works: Option<Works>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Affiliations {
    pub affiliation_group: Vec<AffiliationGroup>,
}

/// A group of one affiliation: in JSON, its summaries each wrapped in an
/// object named for the kind; in XML, the summary elements themselves.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct AffiliationGroup {
    pub summaries: Vec<Summary>,
    pub distinction_summary: Vec<Affiliation>,
    pub education_summary: Vec<Affiliation>,
    pub employment_summary: Vec<Affiliation>,
    pub invited_position_summary: Vec<Affiliation>,
    pub service_summary: Vec<Affiliation>,
}

impl AffiliationGroup {
    /// Every affiliation of the group, whichever form holds it.
    pub fn into_items(self) -> Vec<Affiliation> {
        let mut out = Vec::new();
        for s in self.summaries {
            out.extend(
                [
                    s.distinction_summary,
                    s.education_summary,
                    s.employment_summary,
                    s.invited_position_summary,
                    s.service_summary,
                ]
                .into_iter()
                .flatten(),
            );
        }
        for list in [
            self.distinction_summary,
            self.education_summary,
            self.employment_summary,
            self.invited_position_summary,
            self.service_summary,
        ] {
            out.extend(list);
        }
        out
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Summary {
    pub distinction_summary: Option<Affiliation>,
    pub education_summary: Option<Affiliation>,
    pub employment_summary: Option<Affiliation>,
    pub invited_position_summary: Option<Affiliation>,
    pub service_summary: Option<Affiliation>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Affiliation {
    pub department_name: Option<Text>,
    pub role_title: Option<Text>,
    pub start_date: Option<FuzzyDate>,
    pub end_date: Option<FuzzyDate>,
    pub organization: Option<Organization>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FuzzyDate {
    pub year: Option<Text>,
    pub month: Option<Text>,
    pub day: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Organization {
    pub name: Option<Text>,
    pub address: Option<Address>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Address {
    pub city: Option<Text>,
    pub region: Option<Text>,
    pub country: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Fundings {
    pub group: Vec<FundingGroup>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct FundingGroup {
    pub funding_summary: Vec<Funding>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Funding {
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub title: Option<Title>,
    pub short_description: Option<Text>,
    pub amount: Option<Amount>,
    pub start_date: Option<FuzzyDate>,
    pub end_date: Option<FuzzyDate>,
    pub external_ids: Option<ExternalIds>,
    pub organization: Option<Organization>,
}

/// An amount: `{"value": "1000.0", "currency-code": "USD"}` in JSON,
/// `<amount currency-code="USD">1000.0</amount>` in XML.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Amount {
    #[serde(alias = "$text")]
    pub value: Option<Text>,
    #[serde(rename = "currency-code", alias = "@currency-code")]
    pub currency: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Title {
    pub title: Option<Text>,
    pub subtitle: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct ExternalIds {
    pub external_id: Vec<ExternalId>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct ExternalId {
    pub external_id_type: Option<Text>,
    pub external_id_value: Option<Text>,
    pub external_id_relationship: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Works {
    pub group: Vec<WorkGroup>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct WorkGroup {
    pub work_summary: Vec<Work>,
}

/// A work: a record's summary, or (as `vitae export --format orcid`
/// writes it) the whole work with its contributors.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Work {
    pub title: Option<Title>,
    pub journal_title: Option<Text>,
    pub short_description: Option<Text>,
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub publication_date: Option<FuzzyDate>,
    pub external_ids: Option<ExternalIds>,
    pub url: Option<Text>,
    pub contributors: Option<Contributors>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Contributors {
    pub contributor: Vec<Contributor>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Contributor {
    pub credit_name: Option<Text>,
    pub contributor_attributes: Option<ContributorAttributes>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct ContributorAttributes {
    pub contributor_sequence: Option<Text>,
    pub contributor_role: Option<Text>,
}
