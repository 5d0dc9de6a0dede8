"""The Slack adapter: pure parse/render over payloads, thin Bolt listeners, the outbox channel."""
