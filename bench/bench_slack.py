"""Slack figures: a bare bolt AsyncApp that only acks vs ours answering /review in the ack, over HTTP on loopback."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.app.async_server import AsyncSlackAppServer
from slack_bolt.async_app import AsyncAck

from adapters.slack.server import build, web_client
from bench.common import ROOT, machine, percentiles
from bot.bootstrap import build_app
from bot.config import Settings

SECRET, TOKEN = "bench-secret", "xoxb-bench"
REQUESTS = 2000  # per row; the p99 is the 20th slowest


async def fake_api() -> tuple[web.AppRunner, str]:
    """A Web API that answers auth.test (all bolt needs before a command) on 127.0.0.1."""

    async def api(request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "team_id": "T1", "user_id": "UBOT", "bot_id": "B1"})

    app = web.Application()
    app.router.add_route("*", "/api/{method}", api)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}/api/"


def signed(text: str) -> tuple[bytes, dict[str, str]]:
    """A /review slash command body and its signature headers."""
    body = urlencode(
        {
            "command": "/review",
            "text": text,
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": "U1",
            "response_url": "http://127.0.0.1:9/none",
            "trigger_id": "t",
        }
    )
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    headers = {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    return body.encode(), headers


async def load(url: str, concurrency: int) -> tuple[list[float], float]:
    """Latencies of REQUESTS signed commands sent `concurrency` at a time, and requests per second."""
    body, headers = signed("anora")
    samples: list[float] = []
    async with aiohttp.ClientSession() as http:

        async def worker(count: int) -> None:
            for _ in range(count):
                start = time.perf_counter()
                async with http.post(url, data=body, headers=headers) as response:
                    await response.read()
                    assert response.status == 200, response.status
                samples.append(time.perf_counter() - start)

        await worker(20)  # warm-up: auth.test, analysis cache
        samples.clear()
        began = time.perf_counter()
        await asyncio.gather(*(worker(REQUESTS // concurrency) for _ in range(concurrency)))
        return samples, len(samples) / (time.perf_counter() - began)


async def client(url: str, concurrency: int) -> tuple[float, float, float]:
    """p50, p99 (ms) and req/s measured by a load process of its own, as Slack would be: the server keeps its core."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.bench_slack", "--load", url, str(concurrency), stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate()
    assert process.returncode == 0, process.returncode
    p50, p99, rate = json.loads(out)
    return p50, p99, rate


async def row(name: str, bolt: AsyncApp, concurrency: int) -> None:
    """Serve `bolt` with its own aiohttp handling on a free loopback port and print one figure line."""
    runner = web.AppRunner(AsyncSlackAppServer(0, "/slack/events", bolt, "127.0.0.1").web_app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    cpu = time.process_time()  # the server's CPU: this process serves, the load process sends
    try:
        p50, p99, rate = await client(f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events", concurrency)
    finally:
        await runner.cleanup()
    per_request = (time.process_time() - cpu) / (REQUESTS + 20) * 1e6
    print(f"{name:38} c={concurrency:<3} p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  {rate:7.0f} req/s", end="")
    print(f"  server CPU {per_request:4.0f} µs/request")


async def main() -> None:
    print(f"Slack adapter over HTTP on loopback ({machine()}), {REQUESTS} signed /review commands per row,")
    print("sent by a separate load process (aiohttp client); the server is one process, one event loop")
    api, api_url = await fake_api()
    with tempfile.TemporaryDirectory() as tmp:
        core = await build_app(Settings(database=Path(tmp) / "bench.db", seeds=ROOT / "seeds"))
        async with aiohttp.ClientSession() as session:
            bare = AsyncApp(client=web_client(TOKEN, api_url, session), signing_secret=SECRET)

            @bare.command("/review")
            async def ack_only(ack: AsyncAck) -> None:
                await ack()

            ours = build(core, web_client(TOKEN, api_url, session), signing_secret=SECRET)
            for name, app in (("bare AsyncApp, ack only", bare), ("filmclub, /review answer in the ack", ours.bolt)):
                for concurrency in (1, 16):
                    await row(name, app, concurrency)
            await ours.drain()
        await core.close()
    await api.cleanup()


async def load_process(url: str, concurrency: int) -> None:
    """The load process: print p50, p99 and req/s as JSON."""
    samples, rate = await load(url, concurrency)
    print(json.dumps([*percentiles(samples), rate]))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--load"]:
        asyncio.run(load_process(sys.argv[2], int(sys.argv[3])))
    else:
        asyncio.run(main())
