"""Reference gRPC client (Debian's grpcio) for the interop tests.

Usage: interop_client.py <dir with generated *_pb2.py> <host:port> <scenario> [argument]
Prints one JSON object {"results": [...]} with the outcome of each call of the scenario.
"""
import base64
import json
import sys
import time

import grpc
from google.protobuf import json_format

SERVICE = "/decisioning.testing.v1.EchoService/"


def main():
    generated, target, scenario = sys.argv[1:4]
    argument = sys.argv[4] if len(sys.argv) > 4 else ""
    sys.path.insert(0, generated)
    import echo_pb2
    import health_pb2

    channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])

    def call(path, request, reply_type, timeout=10.0, metadata=None):
        method = channel.unary_unary(
            path,
            request_serializer=type(request).SerializeToString,
            response_deserializer=reply_type.FromString,
        )
        started = time.monotonic()
        try:
            reply, rpc = method.with_call(request, timeout=timeout, metadata=metadata)
            outcome = {
                "code": "OK",
                "reply": json_format.MessageToDict(reply, preserving_proto_field_name=True),
                "trailers": metadata_to_json(rpc.trailing_metadata()),
            }
        except grpc.RpcError as error:
            outcome = {
                "code": error.code().name,
                "details": error.details(),
                "trailers": metadata_to_json(error.trailing_metadata()),
            }
        outcome["elapsed_ms"] = int((time.monotonic() - started) * 1000)
        return outcome

    if scenario == "echo":
        results = [call(SERVICE + "Echo", echo_pb2.EchoRequest(message=argument, payload=bytes(range(256))), echo_pb2.EchoReply)]
    elif scenario == "deadline":
        # A first call opens the connection, so the deadline is spent waiting in the handler.
        results = [
            call(SERVICE + "Echo", echo_pb2.EchoRequest(), echo_pb2.EchoReply),
            call(SERVICE + "Slow", echo_pb2.SlowRequest(), echo_pb2.EchoReply, timeout=1.0),
        ]
    elif scenario == "fail":
        results = [call(SERVICE + "Fail", echo_pb2.FailRequest(code=9, detail=argument), echo_pb2.EchoReply)]
    elif scenario == "unexpected":
        results = [call(SERVICE + "Fail", echo_pb2.FailRequest(throw_unexpected=True), echo_pb2.EchoReply)]
    elif scenario == "metadata":
        metadata = (("x-tenant-id", "demo"), ("x-blob-bin", b"\x00\x01\xfe\xff"))
        results = [
            call(SERVICE + "EchoHeader", echo_pb2.HeaderRequest(name="x-tenant-id"), echo_pb2.HeaderReply, metadata=metadata),
            call(SERVICE + "EchoHeader", echo_pb2.HeaderRequest(name="x-blob-bin"), echo_pb2.HeaderReply, metadata=metadata),
        ]
    elif scenario == "health":
        check = "/grpc.health.v1.Health/Check"
        results = [
            call(check, health_pb2.HealthCheckRequest(service=""), health_pb2.HealthCheckResponse),
            call(check, health_pb2.HealthCheckRequest(service="no.such.Service"), health_pb2.HealthCheckResponse),
        ]
    elif scenario == "unimplemented":
        results = [call(SERVICE + "NoSuchMethod", echo_pb2.EchoRequest(), echo_pb2.EchoReply)]
    else:
        raise SystemExit("unknown scenario " + scenario)

    channel.close()
    print(json.dumps({"results": results}))


def metadata_to_json(metadata):
    entries = []
    for key, value in metadata or ():
        if isinstance(value, bytes):
            entries.append([key, base64.b64encode(value).decode("ascii")])
        else:
            entries.append([key, value])
    return entries


if __name__ == "__main__":
    main()
