"""A lock so that two runs of a periodic job never overlap (Redis when present)."""
import threading
import uuid
from contextlib import contextmanager

from flask import current_app

_local_locks = {}
_guard = threading.Lock()


@contextmanager
def periodic_lock(name, timeout=300):
    url = current_app.config.get("REDIS_URL")
    if url:
        import redis
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        token = uuid.uuid4().hex
        key = f"helpline:lock:{name}"
        try:
            acquired = bool(client.set(key, token, nx=True, ex=timeout))
        except redis.RedisError:
            acquired = False
        try:
            yield acquired
        finally:
            if acquired:
                # Release only our own lock (compare-and-delete).
                client.eval("if redis.call('get', KEYS[1]) == ARGV[1] then "
                            "return redis.call('del', KEYS[1]) else return 0 end", 1, key, token)
        return
    with _guard:
        lock = _local_locks.setdefault(name, threading.Lock())
    acquired = lock.acquire(blocking=False)
    try:
        yield acquired
    finally:
        if acquired:
            lock.release()
