"""The terminal surface: plain text in, plain text out."""
