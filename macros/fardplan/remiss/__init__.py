"""The remiss: its period and links, the answers read from GitHub issues and their compilation."""
