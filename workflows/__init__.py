"""Requests to the Clerk: each workflow's data (spec), the form engine that fills it, the
desk that files and decides requests, and the store that keeps them (docs/architecture.md)."""
