"""pack rules."""
