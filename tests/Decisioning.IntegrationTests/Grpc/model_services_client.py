"""Reference gRPC client (Debian's grpcio) of a model service, knowing nothing of its protos.

Usage: model_services_client.py <dir with health_pb2, reflection_pb2> <host:port> <json: method, request>
Lists the services by reflection, builds the messages of the decisioning API from the descriptors the
server returns, calls <method> (e.g. decisioning.scoring.v1.CreditScoring/Score) with <request> (JSON),
checks the health of every service and watches the decisioning service's health.
Prints one JSON object: {"services": [...], "health": {...}, "watch": [...], "call": {...}}.
With <json: watch, count> it only watches the health of service <watch> and prints each status on its own
line as it arrives, until <count> statuses or the end of the stream.
"""
import json
import queue
import sys
import threading

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory  # noqa: E402
import health_pb2  # noqa: E402
import reflection_pb2  # noqa: E402

REFLECTION = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"
HEALTH = "/grpc.health.v1.Health/"


def reflect(channel, requests):
    info = channel.stream_stream(
        REFLECTION,
        request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
        response_deserializer=reflection_pb2.ServerReflectionResponse.FromString,
    )
    return list(info(iter(requests), timeout=20))


def list_services(channel):
    (response,) = reflect(channel, [reflection_pb2.ServerReflectionRequest(list_services="")])
    return sorted(s.name for s in response.list_services_response.service)


def message_classes(channel, service):
    """The request and response classes of every method of <service>, from the server's descriptors."""
    (response,) = reflect(channel, [reflection_pb2.ServerReflectionRequest(file_containing_symbol=service)])
    pool = descriptor_pool.DescriptorPool()
    pending = [descriptor_pb2.FileDescriptorProto.FromString(raw)
               for raw in response.file_descriptor_response.file_descriptor_proto]
    added = set()
    while pending:  # Dependencies first, in whatever order the server sent them.
        ready = [f for f in pending if all(d in added for d in f.dependency)]
        if not ready:
            raise SystemExit("unresolvable descriptors: %s" % [f.name for f in pending])
        for proto in ready:
            pool.Add(proto)
            added.add(proto.name)
            pending.remove(proto)
    factory = message_factory.MessageFactory(pool)
    methods = {}
    for method in pool.FindServiceByName(service).methods:
        methods[method.name] = (factory.GetPrototype(method.input_type), factory.GetPrototype(method.output_type))
    return methods


def call(channel, path, request, response_type):
    method = channel.unary_unary(path, request_serializer=type(request).SerializeToString,
                                 response_deserializer=response_type.FromString)
    try:
        reply = method(request, timeout=20)
        return {"code": "OK", "reply": json_format.MessageToDict(reply, preserving_proto_field_name=True)}
    except grpc.RpcError as error:
        return {"code": error.code().name, "details": error.details()}


def watch(channel, service, count, seconds):
    """The first <count> statuses of a Watch stream, or as many as arrive within <seconds>."""
    stream = channel.unary_stream(
        HEALTH + "Watch",
        request_serializer=health_pb2.HealthCheckRequest.SerializeToString,
        response_deserializer=health_pb2.HealthCheckResponse.FromString,
    )(health_pb2.HealthCheckRequest(service=service))
    statuses = queue.Queue()

    def read():
        try:
            for response in stream:
                statuses.put(health_pb2.HealthCheckResponse.ServingStatus.Name(response.status))
        except grpc.RpcError:
            pass

    threading.Thread(target=read, daemon=True).start()
    seen = []
    try:
        while len(seen) < count:
            seen.append(statuses.get(timeout=seconds))
    except queue.Empty:
        pass
    stream.cancel()
    return seen


def main():
    target, spec = sys.argv[2], json.loads(sys.argv[3])
    if "watch" in spec:
        with grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)]) as channel:
            stream = channel.unary_stream(
                HEALTH + "Watch",
                request_serializer=health_pb2.HealthCheckRequest.SerializeToString,
                response_deserializer=health_pb2.HealthCheckResponse.FromString,
            )(health_pb2.HealthCheckRequest(service=spec["watch"]), timeout=60)
            try:
                for seen, response in enumerate(stream, start=1):
                    print(health_pb2.HealthCheckResponse.ServingStatus.Name(response.status), flush=True)
                    if seen == spec["count"]:
                        break
            except grpc.RpcError as error:
                print(error.code().name, flush=True)
        return
    service, method = spec["method"].split("/")
    with grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)]) as channel:
        services = list_services(channel)
        request_type, response_type = message_classes(channel, service)[method]
        request = json_format.ParseDict(spec["request"], request_type())
        result = {
            "services": services,
            "call": call(channel, "/" + spec["method"], request, response_type),
            "health": {},
            "watch": watch(channel, service, 1, 20),
        }
        for name in ["", "no.such.Service"] + [s for s in services if not s.startswith("grpc.")]:
            check = call(channel, HEALTH + "Check", health_pb2.HealthCheckRequest(service=name), health_pb2.HealthCheckResponse)
            result["health"][name] = check["reply"].get("status", "UNKNOWN") if check["code"] == "OK" else check["code"]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
