"""/api/v1/referrals."""
