"""Helpers for tests and benchmarks: real servers started on loopback."""
