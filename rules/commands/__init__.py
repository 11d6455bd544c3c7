"""commands rules."""
