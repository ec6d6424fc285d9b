"""Quality use cases: plain functions taking a command or event and a unit of work."""
