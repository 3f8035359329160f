//! Disputes: written once the configurable reasons land.
