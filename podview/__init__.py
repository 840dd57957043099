"""podview: weekly goals, tactics, pacing and risk for an agency's pods, from Asana."""

__version__ = "0.1.0"
