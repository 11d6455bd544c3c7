"""event collector rules."""
