"""/api/v1/households (check-ins)."""
