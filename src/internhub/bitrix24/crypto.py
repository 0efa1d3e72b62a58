"""Portal secrets (tokens, webhook URLs) are stored encrypted with a key derived from the app's secret."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken


class SecretBox:
    def __init__(self, secret_key: str) -> None:
        digest = hashlib.sha256(b"internhub-bitrix24:" + secret_key.encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))

    def seal(self, value: str | None) -> str | None:
        return None if value is None else self._fernet.encrypt(value.encode()).decode()

    def open(self, sealed: str | None) -> str | None:
        if sealed is None:
            return None
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken as exc:
            raise ValueError("stored Bitrix24 secret cannot be decrypted: was INTERNHUB_SECRET_KEY changed?") from exc
