//! Tests of the schema layer as its users see it.

mod validation;
