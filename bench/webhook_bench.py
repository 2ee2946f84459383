"""Signed SMS webhooks posted concurrently to the app under gunicorn on PostgreSQL,
measured against a bare Flask endpoint doing one INSERT in the same run.

    .venv/bin/python bench/webhook_bench.py [--requests 3000] [--concurrency 32]

Prints requests/s and latency percentiles for both, and the ratio.
"""
import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import aiohttp
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from helpline.channels.signature import sign  # noqa: E402

DB = "helpline_webhook_bench"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_URL = f"postgresql://postgres@127.0.0.1:5432/{DB}"
TOKEN = "bench-auth-token"
PUBLIC = "https://helpline.bench"
LOG = open(os.environ.get("BENCH_LOG", "/tmp/helpline-webhook-bench.log"), "w")
BODIES = ["there is no water in our village since we came back",
          "لا توجد كهرباء في بيتنا منذ رجوعنا",
          "ئاو و کارەبا لە گوندەکەمان نییە",
          "li gundê me av û elektrîk tune ne"]


def prepare_database():
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    env = dict(os.environ, DATABASE_URL=DB_URL, HELPLINE_ENV="development")
    subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT,
                   env=env, check=True, capture_output=True)
    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("CREATE TABLE bench_bare (id bigserial primary key, sid varchar(64) unique, body text)")


def start_server(app_spec, port, workers, extra_env):
    env = dict(os.environ, **extra_env)
    proc = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), app_spec, "-b", f"127.0.0.1:{port}", "-w", str(workers),
         "-k", "gthread", "--threads", "4", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=LOG)
    deadline = time.time() + 30
    import urllib.request
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return proc
        except Exception as exc:  # not up yet (404 for the bare app counts as up)
            if getattr(exc, "code", None) == 404:
                return proc
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"server on port {port} did not start; see {LOG.name}")


def signed_requests(n, path):
    url = PUBLIC + path
    out = []
    for i in range(n):
        params = {"MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": "ACbench",
                  "From": f"+964770{1000000 + i % 5000:07d}", "To": "+9647800000000",
                  "Body": BODIES[i % len(BODIES)], "NumMedia": "0"}
        out.append((params, sign(url, params, TOKEN)))
    return out


async def fire(port, path, requests, concurrency):
    latencies, failures = [], 0
    queue = asyncio.Queue()
    for item in requests:
        queue.put_nowait(item)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        async def worker():
            nonlocal failures
            while not queue.empty():
                params, signature = queue.get_nowait()
                start = time.perf_counter()
                async with session.post(f"http://127.0.0.1:{port}{path}", data=params,
                                        headers={"X-Twilio-Signature": signature}) as resp:
                    await resp.read()
                    if resp.status != 200:
                        failures += 1
                latencies.append((time.perf_counter() - start) * 1000)
        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return len(requests) / elapsed, latencies, failures


async def fire_at_rate(port, path, requests, rate):
    """Open loop: one request every 1/rate s whatever the answers do (latency under a load
    the server can sustain, rather than queueing at saturation)."""
    latencies, failures = [], 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256)) as session:
        async def one(params, signature):
            nonlocal failures
            start = time.perf_counter()
            async with session.post(f"http://127.0.0.1:{port}{path}", data=params,
                                    headers={"X-Twilio-Signature": signature}) as resp:
                await resp.read()
                failures += resp.status != 200
            latencies.append((time.perf_counter() - start) * 1000)
        began = time.perf_counter()
        tasks = []
        for n, (params, signature) in enumerate(requests):
            delay = began + n / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(params, signature)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - began
    return len(requests) / elapsed, latencies, failures


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def report(name, rps, lat, failures):
    print(f"{name:<28} {rps:8.1f} req/s   p50 {pct(lat, .5):6.1f} ms   p95 {pct(lat, .95):6.1f} ms   "
          f"p99 {pct(lat, .99):6.1f} ms   max {max(lat):6.1f} ms   errors {failures}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rates", default="50,80,100",
                        help="open-loop request rates (req/s) for the webhook latency runs")
    args = parser.parse_args()
    prepare_database()
    common = {"DATABASE_URL": DB_URL, "PYTHONPATH": str(ROOT)}
    app_env = dict(common, HELPLINE_ENV="production", SECRET_KEY="bench", TWILIO_AUTH_TOKEN=TOKEN,
                   PUBLIC_BASE_URL=PUBLIC, REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"))
    servers = [start_server("wsgi:app", 8741, args.workers, app_env),
               start_server("bench.bare_app:app", 8742, args.workers, common)]
    try:
        warm = signed_requests(200, "/twilio/sms")
        asyncio.run(fire(8741, "/twilio/sms", warm, 8))
        asyncio.run(fire(8742, "/bare", warm, 8))
        app_rps, app_lat, app_fail = asyncio.run(
            fire(8741, "/twilio/sms", signed_requests(args.requests, "/twilio/sms"), args.concurrency))
        bare_rps, bare_lat, bare_fail = asyncio.run(
            fire(8742, "/bare", signed_requests(args.requests, "/bare"), args.concurrency))
        paced = []
        for rate in [float(r) for r in args.rates.split(",") if r]:
            n = int(rate * 10)  # ten seconds at each rate
            paced.append((rate, asyncio.run(
                fire_at_rate(8741, "/twilio/sms", signed_requests(n, "/twilio/sms"), rate))))
    finally:
        for s in servers:
            s.send_signal(signal.SIGTERM)
            s.wait(10)
    print(f"{args.requests} requests, concurrency {args.concurrency}, gunicorn {args.workers} workers x 4 threads, "
          f"PostgreSQL, {os.cpu_count()} cores (load generator on the same machine)")
    report("signed SMS webhook", app_rps, app_lat, app_fail)
    report("bare Flask INSERT", bare_rps, bare_lat, bare_fail)
    print(f"webhook throughput = {100 * app_rps / bare_rps:.0f} % of the bare endpoint")
    for rate, (rps, lat, failures) in paced:
        report(f"webhook at {rate:.0f} req/s offered", rps, lat, failures)


if __name__ == "__main__":
    main()
