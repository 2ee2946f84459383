"""/api/v1/openapi.json: the API described."""
