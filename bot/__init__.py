"""Platform adapters, the command line and settings."""
