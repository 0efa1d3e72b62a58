"""Analytics: figures for dashboards and reports, read from rollups the writes keep current.

The rollups are counted by a flush listener registered in ``internhub.listeners``."""
