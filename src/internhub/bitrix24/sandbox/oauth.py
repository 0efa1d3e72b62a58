"""The OAuth 2.0 side of an installed application (``settings/oauth/index.md``).

Access tokens live ``token_lifetime_seconds``; refresh tokens rotate: each refresh issues a
new pair and the used refresh token stops working (``invalid_grant`` afterwards).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from .config import SandboxConfig
from .errors import RestError, expired_token, no_auth_found


@dataclass
class Grant:
    user_id: int
    expires_at: float


class OAuthServer:
    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.installed = False
        self._access: dict[str, Grant] = {}
        self._refresh: dict[str, Grant] = {}
        self._codes: dict[str, Grant] = {}

    def issue(self, user_id: int) -> dict[str, Any]:
        """A fresh token pair in the shape of the token endpoint's answer."""
        now = self.config.now()
        access, refresh = secrets.token_hex(16), secrets.token_hex(16)
        self._access[access] = Grant(user_id, now + self.config.token_lifetime_seconds)
        self._refresh[refresh] = Grant(user_id, now + self.config.refresh_token_lifetime_seconds)
        return {
            "access_token": access,
            "expires": int(now + self.config.token_lifetime_seconds),
            "expires_in": self.config.token_lifetime_seconds,
            "scope": self.config.scope,
            "domain": self.config.domain,
            "server_endpoint": self.config.server_endpoint,
            "status": "L",
            "client_endpoint": self.config.client_endpoint,
            "member_id": self.config.member_id,
            "user_id": user_id,
            "refresh_token": refresh,
        }

    def issue_code(self, user_id: int = 1) -> str:
        """An authorization code as the portal hands it to the app's redirect URI (valid 30 s)."""
        code = secrets.token_hex(16)
        self._codes[code] = Grant(user_id, self.config.now() + 30)
        return code

    def token_endpoint(self, params: dict[str, Any]) -> dict[str, Any]:
        """``/oauth/token/`` with the codes of settings/oauth/error-codes.md. The page gives neither HTTP statuses
        nor descriptions: the sandbox answers 400 (401 for the client) with short texts of its own."""
        grant_type = params.get("grant_type")
        credential = {"refresh_token": "refresh_token", "authorization_code": "code"}.get(str(grant_type))
        required = ("client_id", "client_secret", credential or "")
        if credential is None or any(not params.get(name) for name in required):
            # "An incorrectly formatted authorization request": an unknown grant_type or a required parameter
            # missing (auto-renewal.md and index.md mark grant_type, client_id, client_secret and the token or
            # code as required).
            raise RestError(400, "invalid_request", "Invalid request")
        if params["client_id"] != self.config.client_id or params["client_secret"] != self.config.client_secret:
            raise RestError(401, "invalid_client", "Invalid client credentials")
        if not self.installed:
            raise RestError(401, "invalid_client", "Application is not installed")  # "may not be installed"
        pool = self._refresh if credential == "refresh_token" else self._codes
        grant = pool.pop(str(params[credential]), None)
        if grant is None or grant.expires_at <= self.config.now():
            raise RestError(400, "invalid_grant", "Invalid grant")
        return self.issue(grant.user_id)

    def authenticate(self, access_token: str) -> int:
        grant = self._access.get(access_token)
        if grant is None or not self.installed:
            raise no_auth_found()  # system-errors.md: an invalid access token
        if grant.expires_at <= self.config.now():
            raise expired_token()
        return grant.user_id

    def revoke_all(self) -> None:
        self._access.clear()
        self._refresh.clear()
        self._codes.clear()
