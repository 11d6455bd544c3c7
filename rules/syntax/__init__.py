"""syntax rules."""
