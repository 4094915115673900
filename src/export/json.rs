//! The whole store as one `vitae-export/1` file: the bundle of every source,
//! ordered by source key, pretty-printed with a final newline. Importing the
//! file into a fresh database and exporting again gives the same bytes.

use crate::import::bundle::{Bundle, Export, EXPORT_FORMAT};
use crate::store::{source, Store};
use crate::{Error, Result};

/// The export text.
pub fn export(store: &Store) -> Result<String> {
    let bundles = store.read(|conn| {
        source::bundles(conn)?
            .iter()
            .map(|text| serde_json::from_str::<Bundle>(text).map_err(Error::internal))
            .collect::<Result<Vec<_>>>()
    })?;
    let export = Export {
        format: EXPORT_FORMAT.to_string(),
        bundles,
    };
    let mut text = serde_json::to_string_pretty(&export).map_err(Error::internal)?;
    text.push('\n');
    Ok(text)
}
