//! The parameter table and URL codec (in progress).
