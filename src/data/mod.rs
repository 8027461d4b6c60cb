//! Seeded tasks (in progress).
