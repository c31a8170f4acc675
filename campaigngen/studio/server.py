"""Serving the studio: a socket bound first (so port 0 can pick a free port and the address
printed is the real one), then uvicorn on it."""

from __future__ import annotations

import socket
import threading
import time


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def address(sock: socket.socket, scheme: str = "http") -> str:
    host, port = sock.getsockname()[:2]
    return f"{scheme}://{f'[{host}]' if ':' in host else host}:{port}/"


def server(app, sock: socket.socket, tls=None):
    """uvicorn for app on sock; with tls (studio/tls.py Tls) the socket speaks HTTPS only."""
    import uvicorn

    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
        ssl_certfile=str(tls.certfile) if tls is not None else None,
        ssl_keyfile=str(tls.keyfile) if tls is not None else None,
    )
    return uvicorn.Server(config)


def serve_in_thread(app, host: str = "127.0.0.1", port: int = 0, tls=None):
    """(base address, stop function): the studio serving from a thread, for tests and scripts."""
    sock = bind(host, port)
    instance = server(app, sock, tls=tls) if tls is not None else server(app, sock)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the studio did not start")
        time.sleep(0.02)

    def stop() -> None:
        instance.should_exit = True
        thread.join(15)
        sock.close()

    return address(sock, "https" if tls is not None else "http"), stop
