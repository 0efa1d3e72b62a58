"""Bitrix24 integration: REST client, inbound events, sync and the sandbox portal."""
