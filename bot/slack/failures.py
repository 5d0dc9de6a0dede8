"""A failed Web API call in a few words, for the log."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError


def why(err: Exception) -> str:
    """A failed Web API call in a few words, for the log. Never raises: a SlackApiError's
    response may be a proxy's HTML page rather than Slack's JSON."""
    if isinstance(err, SlackApiError):
        data = getattr(err.response, "data", None)
        if isinstance(data, dict) and isinstance(data.get("error"), str):
            return str(data["error"])
        return f"HTTP {getattr(err.response, 'status_code', '?')}"
    return f"{type(err).__name__}: {err}"[:200]
