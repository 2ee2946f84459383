"""Where recordings live once fetched from the provider: a small interface, local by default.

Another backend (object storage) is a class with the same three methods, chosen by
RECORDINGS_STORAGE. Keys are made by us, never taken from a request.
"""
import os
import re
from pathlib import Path

from flask import current_app

KEY_PATTERN = re.compile(r"^[0-9]{4}/[0-9]{2}/[A-Za-z0-9]{10,64}\.(mp3|wav)$")


class StorageError(Exception):
    pass


class LocalRecordingStorage:
    name = "local"

    def __init__(self, root):
        self.root = Path(root).resolve()

    def _path(self, key):
        if not KEY_PATTERN.match(key or ""):
            raise StorageError("not a recording key")
        path = (self.root / key).resolve()
        if self.root not in path.parents:
            raise StorageError("recording key escapes the storage directory")
        return path

    def save(self, key, data):
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".part")
        # Written to a temporary name first so a reader never sees half a file.
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        tmp.replace(path)
        return key

    def local_path(self, key):
        """A filesystem path to serve, or None when the file is gone."""
        path = self._path(key)
        return path if path.is_file() else None

    def delete(self, key):
        path = self._path(key)
        if path.is_file():
            path.unlink()


def recording_key(recording_sid, created_at, extension="mp3"):
    return f"{created_at:%Y}/{created_at:%m}/{recording_sid}.{extension}"


def get_storage():
    kind = current_app.config.get("RECORDINGS_STORAGE", "local")
    if kind != "local":
        raise StorageError(f"unknown RECORDINGS_STORAGE {kind!r}")
    return LocalRecordingStorage(current_app.config["RECORDINGS_DIR"])
