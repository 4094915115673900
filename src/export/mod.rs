//! Writing the store out. `json` is the lossless format: every source's
//! bundle, which `vitae import` reads back into an identical store.

pub mod json;
