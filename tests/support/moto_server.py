"""moto in server mode, able to answer the Smithy RPC v2 CBOR protocol.

The Rust AWS SDK speaks RPC v2 CBOR to services that offer it (CloudWatch since
aws-sdk-cloudwatch 1.100). moto 5.2 understands the same services' JSON protocol but
answers CBOR requests with 404, because botocore (what moto is built against) prefers
JSON. This wraps moto's WSGI application: a CBOR request
(`POST /service/<target prefix>/operation/<Operation>`) is decoded and re-encoded as the
JSON protocol request botocore would have sent, moto handles it, and its JSON answer is
re-encoded as CBOR. Both directions go through botocore's model of the service, so
timestamps, blobs and numbers keep their types; moto's state and logic are untouched.

Usage (same flags as moto_server): python moto_server.py -H 127.0.0.1 -p PORT
"""

import io
import json
import re
import sys

import botocore.session
import cbor2
from botocore.parsers import create_parser
from botocore.serialize import create_serializer
from moto import server

# Target prefix in the CBOR path -> botocore service name. Only services whose Rust SDK
# crate uses CBOR and that Palisade collects need to be here.
SERVICES = {"GraniteServiceVersion20100801": "cloudwatch"}

PATH = re.compile(r"^/service/([^/]+)/operation/([^/]+)$")
_session = botocore.session.get_session()
_models = {}


def _operation(prefix, name):
    service = SERVICES.get(prefix)
    if service is None:
        return None
    if service not in _models:
        _models[service] = _session.get_service_model(service)
    try:
        return _models[service].operation_model(name)
    except Exception:
        return None


def _cbor_response(start_response, status, document):
    body = cbor2.dumps(document, datetime_as_timestamp=True)
    start_response(
        status,
        [
            ("Content-Type", "application/cbor"),
            ("smithy-protocol", "rpc-v2-cbor"),
            ("Content-Length", str(len(body))),
        ],
    )
    return [body]


def bridge(app):
    def wrapped(environ, start_response):
        match = PATH.match(environ.get("PATH_INFO", ""))
        if not match:
            return app(environ, start_response)
        operation = _operation(*match.groups())
        if operation is None:
            return _cbor_response(
                start_response,
                "404 Not Found",
                {"__type": "UnknownOperationException", "message": environ["PATH_INFO"]},
            )
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        try:
            params = cbor2.loads(raw) if raw else {}
            request = create_serializer("json", include_validation=False).serialize_to_request(
                params, operation
            )
        except Exception as error:  # an unreadable request is the client's fault
            return _cbor_response(
                start_response,
                "400 Bad Request",
                {"__type": "SerializationException", "message": str(error)},
            )
        body = request["body"] if isinstance(request["body"], bytes) else request["body"].encode()
        environ = dict(environ)
        environ["PATH_INFO"] = "/"
        environ["CONTENT_TYPE"] = request["headers"]["Content-Type"]
        environ["HTTP_X_AMZ_TARGET"] = request["headers"]["X-Amz-Target"]
        environ["CONTENT_LENGTH"] = str(len(body))
        environ["wsgi.input"] = io.BytesIO(body)

        answer = {}

        def capture(status, headers, exc_info=None):
            answer["status"] = status
            answer["headers"] = headers
            return lambda _data: None

        chunks = app(environ, capture)
        payload = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        status = answer["status"]
        if int(status.split()[0]) >= 400:
            try:
                error = json.loads(payload or b"{}")
            except ValueError:
                error = {}
            code = error.get("__type") or error.get("code") or "InternalFailure"
            message = error.get("message") or error.get("Message") or payload.decode(errors="replace")
            return _cbor_response(start_response, status, {"__type": code, "message": message})
        parsed = create_parser("json").parse(
            {"status_code": 200, "headers": {}, "body": payload or b"{}"},
            operation.output_shape,
        )
        parsed.pop("ResponseMetadata", None)
        return _cbor_response(start_response, status, parsed)

    return wrapped


if __name__ == "__main__":
    original = server.DomainDispatcherApplication

    def dispatcher(*args, **kwargs):
        return bridge(original(*args, **kwargs))

    server.DomainDispatcherApplication = dispatcher
    server.main(sys.argv[1:])
