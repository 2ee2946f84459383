"""Models of the checkins domain."""
