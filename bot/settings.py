"""Deployment settings: environment variables prefixed CLERKBOT_, or a .env file."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLERKBOT_", env_file=".env", extra="ignore")

    #: The council this deployment serves (a policy slug such as "watton").
    council: str = "watton"
    #: Where state lives (the SQLite file, from the workflows issue on).
    data_dir: Path = Path("data")
    #: A folder of policy files to use instead of the bundled ones.
    policies_dir: Path | None = None
