"""Errors of case actions: a stable code (pages translate it) and an English reason (API)."""


class CaseActionError(ValueError):
    def __init__(self, code, reason, **params):
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.params = params
