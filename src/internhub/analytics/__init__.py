"""Analytics: figures for dashboards and reports, read from rollups the writes keep current."""

from internhub.analytics import rollup_listener as rollup_listener  # registers the flush listener that counts writes
