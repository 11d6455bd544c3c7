"""fetch incidents rules."""
