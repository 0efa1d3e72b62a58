"""Realistic demo and benchmark data: ``generate`` fills a workspace, ``DemoSummary`` says what it made."""

from internhub.demo.generator import DemoSummary, generate

__all__ = ["DemoSummary", "generate"]
