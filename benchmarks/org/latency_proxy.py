#!/usr/bin/env python3
"""A reverse proxy in front of moto that adds a fixed latency to every request.

Usage: latency_proxy.py UPSTREAM [--port PORT] [--latency-ms MS] [--replay] [--port-file FILE]

The tools under test use it as their AWS endpoint (AWS_ENDPOINT_URL=http://127.0.0.1:PORT).
Each request is held for MS milliseconds (default: $LATENCY_MS, else 40: about a round trip
to an AWS regional endpoint plus the service's own time) and then forwarded, unchanged
(method, path, query, headers including Host, body), to UPSTREAM (a loopback moto server);
moto's status, headers and body go back to the client. Delays overlap: with 32 requests in
flight, 32 sleep at once, so a client's throughput is bounded by its concurrency / latency,
as against AWS.

--replay: answers a request it has answered before from memory instead of asking moto again
(after the delay all the same). moto is one Python process that serves one request at a time
(a few milliseconds of CPU each: 100 to 200 a second here), where AWS serves every account in
parallel; replaying takes moto out of the measurement once a first collection has filled the
memory.
Safe only while moto's state does not change (a benchmark that only reads). The key is the
method, Host, path and query, body, operation and the caller's account: an access key issued
by `sts:AssumeRole` (always forwarded, never replayed) stands for the account of the role it
assumed, so the next run's new credentials find the same answers. Server errors (5xx) are not
kept, with one exception: moto answers the operations it lacks with a crash page (HTTP 500),
which the SDKs retry with backoff (8 attempts, about 6 s, for Palisade) where AWS answers at
once; once seen, such a request is answered 501 Not Implemented, which they do not retry, so
the operation costs one request and a gap, as a denied one would. Operations whose answer
changes with moto's state are never replayed either (NEVER): `iam:GenerateCredentialReport`
answers STARTED first and COMPLETE once the report exists, and a client polls it until
COMPLETE; replaying the first answer kept every account polling for its collector's 30-second
limit, and that, not the calls, set the wall time of every run.

- One thread per client connection (HTTP/1.1 keep-alive), each with its own keep-alive
  connection to UPSTREAM; a listen backlog large enough for hundreds of connections at once.
- Request bodies by Content-Length or chunked (re-sent with a Content-Length); response bodies
  read whole and returned with a Content-Length, headers and body in one write with
  TCP_NODELAY (in two writes, Nagle's algorithm and the client's delayed ACK added 40 ms).
- `GET /__count` answers the number of AWS requests received so far (the proxy's own paths are
  not counted); `GET /__stats` answers JSON: that total, the requests by operation (`service
  Action` from the signature's credential scope and X-Amz-Target, the RPC v2 path or the Query
  `Action`; `service METHOD` for REST APIs), replayed and forwarded counts, and the most
  requests in flight at once since the previous `/__stats`. `GET /__latency?ms=N` changes the
  delay. On SIGTERM or SIGINT the total is printed on stderr.

Binds 127.0.0.1 only, on PORT (default: a free port), and prints `listening on
127.0.0.1:PORT` on stdout (and PORT to --port-file, written once it accepts connections).
"""

import argparse
import collections
import http.client
import json
import os
import re
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote_to_bytes, urlparse

# Not forwarded either way (RFC 9110 7.6.1), plus the framing headers set here.
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
              "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "expect",
              "content-length"}
SCOPE = re.compile(r"Credential=([^/,\s]+)/[^/,]+/[^/,]+/([^/,]+)/")
ACTION = re.compile(rb"(?:^|&)Action=([A-Za-z0-9]+)")
RPC_V2 = re.compile(r"^/service/[^/]+/operation/([A-Za-z0-9]+)")
ROLE_ACCOUNT = re.compile(rb"RoleArn=arn:[^:]+:iam::(\d{12}):")
ACCESS_KEY = re.compile(rb"<AccessKeyId>([^<]+)</AccessKeyId>")

lock = threading.Lock()
stats = {"total": 0, "in_flight": 0, "peak_in_flight": 0, "replayed": 0, "forwarded": 0}
operations = collections.Counter()
answers = {}  # replay key -> (status, reason, headers, payload)
account_of = {}  # access key id issued by AssumeRole -> the role's account
# Always forwarded: new credentials each time, or an answer that changes with moto's state.
NEVER = {"sts AssumeRole", "iam GenerateCredentialReport"}
# The page moto's server (Werkzeug) answers with when an operation raises, which for the
# operations moto lacks is NotImplementedError; moto's own AWS errors are XML or JSON.
CRASH = b"<title>500 Internal Server Error</title>"


def describe(method, path, headers, body):
    """(`service Action` or `service METHOD`, caller access key id) of a signed AWS request."""
    scope = SCOPE.search(headers.get("Authorization", ""))
    key, service = scope.groups() if scope else ("-", "unsigned")
    target = headers.get("X-Amz-Target")
    rpc = RPC_V2.match(path)
    query = path.partition("?")[2].encode()
    form = "x-www-form-urlencoded" in headers.get("Content-Type", "")
    action = ACTION.search(query) or (ACTION.search(body) if form else None)
    if target:
        name = target.rsplit(".", 1)[-1]
    elif rpc:
        name = rpc.group(1)
    elif action:
        name = action.group(1).decode()
    else:
        name = method
    return f"{service} {name}", key


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # listen backlog: the default 5 drops connects in a burst


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = ("127.0.0.1", 5000)
    latency = 0.040
    replay = False
    # Idle keep-alive connections are closed after this long (the SDKs reconnect).
    timeout = 120
    # Headers and body leave in one write, with TCP_NODELAY: else Nagle's algorithm holds the
    # body until the client's delayed ACK of the headers, 40 ms later.
    disable_nagle_algorithm = True

    def log_message(self, *_):
        pass

    def _body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()  # CRLF after the chunk
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _connection(self, fresh=False):
        conn = getattr(self, "_upstream", None)
        if conn is None or fresh:
            if conn is not None:
                conn.close()
            conn = self._upstream = http.client.HTTPConnection(*self.upstream, timeout=300)
        return conn

    def _forward(self, body):
        """moto's (status, reason, headers, payload) for this request."""
        for attempt in (0, 1):
            conn = self._connection(fresh=attempt == 1)
            try:
                conn.putrequest(self.command, self.path, skip_host=True,
                                skip_accept_encoding=True)
                for name, value in self.headers.items():
                    if name.lower() not in HOP_BY_HOP:
                        conn.putheader(name, value)
                if body or self.command in ("POST", "PUT", "PATCH"):
                    conn.putheader("Content-Length", str(len(body)))
                conn.endheaders(body or None)
                response = conn.getresponse()
                payload = response.read()
                if response.will_close:  # moto closes its end: the next request opens a new one
                    conn.close()
                    self._upstream = None
                headers = [(n, v) for n, v in response.getheaders() if n.lower() not in HOP_BY_HOP]
                if self.command == "HEAD" and response.getheader("Content-Length") is not None:
                    headers.append(("Content-Length", response.getheader("Content-Length")))
                return response.status, response.reason, headers, payload
            except (ConnectionResetError, BrokenPipeError, http.client.BadStatusLine):
                # A kept-alive upstream connection that moto closed: once more on a new one.
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def _send(self, status, reason, headers, payload):
        lines = [f"HTTP/1.1 {status} {reason}"] + [f"{n}: {v}" for n, v in headers]
        if self.command != "HEAD" and status >= 200 and status not in (204, 304):
            lines.append(f"Content-Length: {len(payload)}")
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head if self.command == "HEAD" else head + payload)

    def _local(self, document):
        payload = (json.dumps(document, sort_keys=True) + "\n").encode()
        self._send(200, "OK", [("Content-Type", "application/json")], payload)

    def _handle(self):
        body = self._body()
        path = urlparse(self.path)
        if path.path == "/__count":
            return self._send(200, "OK", [("Content-Type", "text/plain")],
                              f"{stats['total']}\n".encode())
        if path.path == "/__stats":
            with lock:
                document = dict(stats, operations=dict(operations), kept=len(answers))
                stats["peak_in_flight"] = stats["in_flight"]
            return self._local(document)
        if path.path == "/__latency":
            Proxy.latency = float(parse_qs(path.query)["ms"][0]) / 1000
            return self._local({"latency_ms": Proxy.latency * 1000})
        name, access_key = describe(self.command, self.path, self.headers, body)
        with lock:
            stats["total"] += 1
            stats["in_flight"] += 1
            stats["peak_in_flight"] = max(stats["peak_in_flight"], stats["in_flight"])
            operations[name] += 1
        try:
            self._respond(name, access_key, body)
        finally:
            with lock:
                stats["in_flight"] -= 1

    def _respond(self, name, access_key, body):
        time.sleep(self.latency)
        assume = name == "sts AssumeRole"
        key = None
        if self.replay and name not in NEVER:
            key = (self.command, self.headers.get("Host"), self.path, body, name,
                   account_of.get(access_key, access_key))
            answer = answers.get(key)
            if answer is not None:
                with lock:
                    stats["replayed"] += 1
                return self._send(*answer)
        try:
            answer = self._forward(body)
        except (OSError, http.client.HTTPException) as error:
            message = f"latency_proxy: upstream {self.upstream}: {error}\n".encode()
            return self._send(502, "Bad Gateway", [("Content-Type", "text/plain")], message)
        with lock:
            stats["forwarded"] += 1
            if key is not None and answer[0] < 500:
                answers[key] = answer
            elif key is not None and answer[0] == 500 and CRASH in answer[3]:
                # moto lacks the operation (its server's page for an unhandled exception, such
                # as NotImplementedError): from now on 501, which the SDKs do not retry.
                answers[key] = (501, "Not Implemented", answer[2], answer[3])
            if assume and answer[0] == 200:
                role = ROLE_ACCOUNT.search(unquote_to_bytes(body))
                issued = ACCESS_KEY.search(answer[3])
                if role and issued:
                    account_of[issued.group(1).decode()] = role.group(1).decode()
        self._send(*answer)

    def finish(self):
        super().finish()
        if getattr(self, "_upstream", None) is not None:
            self._upstream.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _handle


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("upstream", help="the moto server, http://127.0.0.1:PORT")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: free)")
    parser.add_argument("--latency-ms", type=float,
                        default=float(os.environ.get("LATENCY_MS", "40")))
    parser.add_argument("--replay", action="store_true",
                        help="answer repeated requests from memory (read-only benchmarks)")
    parser.add_argument("--port-file", help="write the port here once listening")
    args = parser.parse_args()
    upstream = urlparse(args.upstream)
    if upstream.hostname not in ("127.0.0.1", "localhost") or upstream.scheme != "http":
        sys.exit(f"latency_proxy.py: upstream must be http on loopback, got {args.upstream!r}")
    Proxy.upstream = (upstream.hostname, upstream.port or 80)
    Proxy.latency = args.latency_ms / 1000
    Proxy.replay = args.replay

    server = Server(("127.0.0.1", args.port), Proxy)
    port = server.server_address[1]

    def stop(*_):
        print(f"latency_proxy: {stats['total']} requests ({stats['replayed']} replayed)",
              file=sys.stderr, flush=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"listening on 127.0.0.1:{port} -> {args.upstream}, {args.latency_ms:g} ms per request"
          f"{', replaying' if args.replay else ''}", flush=True)
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as out:
            out.write(f"{port}\n")
        os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
