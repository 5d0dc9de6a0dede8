"""Test doubles shared by the tests and the benchmarks; not installed with clerkbot."""
