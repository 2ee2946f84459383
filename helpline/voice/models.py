"""Models of the voice domain."""
