"""Deployment settings: environment variables prefixed CLERKBOT_, or a .env file."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLERKBOT_", env_file=".env", extra="ignore")

    #: The council this deployment serves (a policy slug such as "watton").
    council: str = "watton"
    #: Where state lives (the SQLite file, from the workflows issue on).
    data_dir: Path = Path("data")
    #: A folder of policy files to use instead of the bundled ones.
    policies_dir: Path | None = None
    #: The shared database for several replicas (PostgreSQL); default: SQLite in data_dir.
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "CLERKBOT_DATABASE_URL")
    )
    #: PostgreSQL only: the schema to use (its search_path), so one database can hold
    #: several isolated councils or test runs. Default: the server's default (public).
    database_schema: str | None = None
    #: The roles file: the council's people, their roles and platform ids (default: demo).
    people_file: Path | None = None
    #: Untouched drafts are thrown away after this many hours.
    draft_ttl_hours: float = Field(default=72, gt=0)
    #: An unacknowledged virus report reminds the Clerk after this many minutes...
    virus_remind_minutes: float = Field(default=30, gt=0)
    #: ...and escalates to the deputy this many minutes after the reminder.
    virus_escalate_minutes: float = Field(default=30, gt=0)
    #: Rank by meaning and the question bank too (the bundled model); off: words only.
    semantic: bool = True
    #: Where clause and bank vectors are kept between runs (default: the user's cache).
    cache_dir: Path | None = None
    #: Where `clerkbot audit anchor` appends the heads it prints and `audit verify` reads
    #: them back (default: audit-anchors.txt in data_dir). Outside the database on purpose.
    audit_anchors_file: Path | None = None

    def database(self) -> str:
        # The store accepts postgres://, postgresql:// and sqlite:/// and picks async drivers.
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir.resolve() / 'clerkbot.db'}"

    def anchors_file(self) -> Path:
        return self.audit_anchors_file or self.data_dir / "audit-anchors.txt"
