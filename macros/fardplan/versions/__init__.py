"""Editions, releases and what changed between them; open data; the published branch."""
