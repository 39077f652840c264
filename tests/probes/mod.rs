//! The probes the uWSGI suites share, so that every output format is checked with the same
//! sections and values: the strict-mode probes of every main-process method, action and
//! phase ([`main_process`]), of the master-process and workers groups ([`groups`]), the asap
//! hook chain that really runs ([`hooks`]), and the tricky values of the round trip
//! ([`values`]).
#![allow(dead_code)] // each test file uses a part of this module

pub mod groups;
pub mod hooks;
pub mod main_process;
pub mod values;
