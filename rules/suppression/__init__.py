"""suppression rules."""
