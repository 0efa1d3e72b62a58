"""Analytics: figures for dashboards and reports, read from rollups the writes keep current."""

from internhub.analytics import rollups as rollups  # registers the flush listener that keeps rollups current
