"""Reference gRPC server (Debian's grpcio) for the interop tests.

Serves decisioning.testing.v1.EchoService on 127.0.0.1 at a free port, prints the port on stdout,
and stops when stdin closes. Usage: interop_server.py <dir with generated echo_pb2.py>
"""
import sys
import threading
from concurrent import futures

import grpc

SERVICE = "decisioning.testing.v1.EchoService"


def main():
    sys.path.insert(0, sys.argv[1])
    import echo_pb2

    codes = {code.value[0]: code for code in grpc.StatusCode}

    def echo(request, context):
        remaining = context.time_remaining()
        return echo_pb2.EchoReply(
            message=request.message,
            payload=request.payload,
            deadline_remaining_ms=-1 if remaining is None or remaining > 1e9 else int(remaining * 1000),
        )

    def slow(request, context):
        finished = threading.Event()
        context.add_callback(finished.set)
        finished.wait(30)
        return echo_pb2.EchoReply()

    def fail(request, context):
        context.set_trailing_metadata((("x-reason", "test"), ("x-detail-bin", b"\x00\x01\xff")))
        context.abort(codes[request.code], request.detail)

    def echo_header(request, context):
        for key, value in context.invocation_metadata():
            if key == request.name:
                if isinstance(value, bytes):
                    return echo_pb2.HeaderReply(found=True, binary_value=value)
                return echo_pb2.HeaderReply(found=True, value=value)
        return echo_pb2.HeaderReply(found=False)

    def unary(behaviour, request_type, reply_type):
        return grpc.unary_unary_rpc_method_handler(
            behaviour,
            request_deserializer=request_type.FromString,
            response_serializer=reply_type.SerializeToString,
        )

    handlers = {
        "Echo": unary(echo, echo_pb2.EchoRequest, echo_pb2.EchoReply),
        "Slow": unary(slow, echo_pb2.SlowRequest, echo_pb2.EchoReply),
        "Fail": unary(fail, echo_pb2.FailRequest, echo_pb2.EchoReply),
        "EchoHeader": unary(echo_header, echo_pb2.HeaderRequest, echo_pb2.HeaderReply),
    }

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(port, flush=True)
    # The test closes stdin (or kills us) when it is done.
    sys.stdin.read()
    server.stop(0)


if __name__ == "__main__":
    main()
