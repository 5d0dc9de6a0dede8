"""The Teams adapter's settings: the Azure Bot registration and the Clerk's channel.

The Bot Framework names (MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId,
MicrosoftAppType) are read as they are, so an Azure Bot's usual configuration works unchanged.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

AppType = Literal["MultiTenant", "SingleTenant", "UserAssignedMSI"]


class TeamsSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    #: The Azure Bot's app id. Empty: anonymous mode (no JWT checks), for a laptop only.
    app_id: str = Field(default="", validation_alias=AliasChoices("MicrosoftAppId", "app_id"))
    app_password: SecretStr = Field(
        default=SecretStr(""), validation_alias=AliasChoices("MicrosoftAppPassword", "app_password")
    )
    tenant_id: str = Field(
        default="", validation_alias=AliasChoices("MicrosoftAppTenantId", "tenant_id")
    )
    app_type: AppType = Field(
        default="MultiTenant", validation_alias=AliasChoices("MicrosoftAppType", "app_type")
    )
    #: The Teams channel where the Clerk's cards go: its conversation id ("19:...@thread.tacv2").
    #: Empty: they go to the Clerk's and deputy's personal chats with the bot instead.
    clerk_channel: str = Field(
        default="", validation_alias=AliasChoices("CLERKBOT_TEAMS_CLERK_CHANNEL", "clerk_channel")
    )

    @property
    def anonymous(self) -> bool:
        return not self.app_id

    def problems(self, host: str) -> list[str]:
        """Why the bot must not start with these settings on this address (empty: fine)."""
        if self.anonymous:
            if is_loopback(host):
                return []
            return [
                f"no MicrosoftAppId is set, and anonymous mode (no sign-in checks on "
                f"incoming activities) is only allowed on a loopback address, not {host!r}. "
                "Set MicrosoftAppId and MicrosoftAppPassword, or bind to 127.0.0.1."
            ]
        needs = {"MicrosoftAppPassword": self.app_type != "UserAssignedMSI"}
        needs["MicrosoftAppTenantId"] = self.app_type != "MultiTenant"
        have = {
            "MicrosoftAppPassword": bool(self.app_password.get_secret_value()),
            "MicrosoftAppTenantId": bool(self.tenant_id),
        }
        return [
            f"MicrosoftAppType {self.app_type} needs {name}"
            for name, needed in needs.items()
            if needed and not have[name]
        ]

    def botbuilder(self) -> BotConfig:
        """The configuration object botbuilder's ConfigurationBotFrameworkAuthentication reads."""
        return BotConfig(
            APP_ID=self.app_id or None,
            APP_PASSWORD=self.app_password.get_secret_value() or None,
            APP_TYPE=self.app_type,
            APP_TENANTID=self.tenant_id or None,
        )


@dataclass(frozen=True, slots=True)
class BotConfig:
    """The attribute names botbuilder looks up on its configuration object."""

    APP_ID: str | None
    APP_PASSWORD: str | None
    APP_TYPE: str
    APP_TENANTID: str | None


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
