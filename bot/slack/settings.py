"""Slack's settings, from the environment (or .env), under the names Slack's docs use."""

from __future__ import annotations

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class SlackSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    #: xoxb-...: OAuth & Permissions -> Bot User OAuth Token.
    bot_token: SecretStr = Field(validation_alias="SLACK_BOT_TOKEN")
    #: Basic Information -> App Credentials -> Signing Secret (HTTP mode).
    signing_secret: SecretStr | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")
    #: xapp-...: Basic Information -> App-Level Tokens, scope connections:write (Socket Mode).
    app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    #: The Web API's base URL; tests point it at a local fake.
    api_url: str = Field(default="https://slack.com/api/", validation_alias="SLACK_API_URL")
    #: Where the Clerk's decision cards go: a private channel's id (C0123...), or empty to
    #: send them to each Clerk and deputy by DM.
    clerk_channel: str | None = Field(
        default=None,
        validation_alias=AliasChoices("CLERKBOT_SLACK_CLERK_CHANNEL", "SLACK_CLERK_CHANNEL"),
    )
    #: How many times the Web API client retries a 429 (honouring Retry-After) or a 5xx.
    api_retries: int = Field(default=3, ge=0, le=10, validation_alias="SLACK_API_RETRIES")
    #: Seconds one Web API call may take (connecting, then the whole call). A call that
    #: times out is not retried in place: its reply waits in the outbox.
    api_timeout: float = Field(default=10.0, gt=0, le=120, validation_alias="SLACK_API_TIMEOUT")
