"""Calls an Open Inference Protocol v2 server with the reference gRPC client (grpcio), without stubs.

usage: inference_client.py <modules dir> <host:port> <json: model, version, rows, bad>
Prints one JSON object: the reply or status of every call, keyed by what it checks.
"""
import json
import struct
import sys

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
from google.protobuf import json_format  # noqa: E402
import grpc_predict_v2_pb2 as pb  # noqa: E402

SERVICE = "/inference.GRPCInferenceService/"


def call(channel, method, request, response_type):
    stub = channel.unary_unary(
        SERVICE + method,
        request_serializer=type(request).SerializeToString,
        response_deserializer=response_type.FromString,
    )
    try:
        reply = stub(request, timeout=20)
        return {"code": "OK", "reply": reply}
    except grpc.RpcError as error:
        return {"code": error.code().name, "details": error.details()}


def as_json(result):
    if "reply" in result:
        result = dict(result, reply=json_format.MessageToDict(result["reply"], preserving_proto_field_name=True))
    return result


def infer_request(model, version, inputs, rows, raw):
    """inputs: [(name, datatype)]; rows: list of dicts keyed by input name."""
    request = pb.ModelInferRequest(model_name=model, model_version=version, id="interop-1")
    for name, datatype in inputs:
        tensor = request.inputs.add(name=name, datatype=datatype, shape=[len(rows), 1])
        values = [row[name] for row in rows]
        if raw:
            if datatype == "BYTES":
                encoded = [str(v).encode("utf-8") for v in values]
                request.raw_input_contents.append(b"".join(struct.pack("<I", len(e)) + e for e in encoded))
            elif datatype == "FP64":
                request.raw_input_contents.append(struct.pack("<%dd" % len(values), *[float(v) for v in values]))
            elif datatype == "INT32":
                request.raw_input_contents.append(struct.pack("<%di" % len(values), *[int(v) for v in values]))
            else:
                raise ValueError(datatype)
        elif datatype == "BYTES":
            tensor.contents.bytes_contents.extend(str(v).encode("utf-8") for v in values)
        elif datatype == "FP64":
            tensor.contents.fp64_contents.extend(float(v) for v in values)
        elif datatype == "INT32":
            tensor.contents.int_contents.extend(int(v) for v in values)
        else:
            raise ValueError(datatype)
    return request


def decode_outputs(response):
    """Every output as a flat list, from typed contents or raw_output_contents."""
    decoded = {}
    for index, tensor in enumerate(response.outputs):
        count = 1
        for dimension in tensor.shape:
            count *= dimension
        if response.raw_output_contents:
            raw = response.raw_output_contents[index]
            if tensor.datatype == "FP64":
                values = list(struct.unpack("<%dd" % count, raw))
            elif tensor.datatype == "INT32":
                values = list(struct.unpack("<%di" % count, raw))
            elif tensor.datatype == "BOOL":
                values = [b != 0 for b in raw]
            else:
                values, at = [], 0
                while at < len(raw):
                    (length,) = struct.unpack_from("<I", raw, at)
                    values.append(raw[at + 4:at + 4 + length].decode("utf-8"))
                    at += 4 + length
        else:
            contents = tensor.contents
            values = {
                "FP64": lambda: list(contents.fp64_contents),
                "INT32": lambda: list(contents.int_contents),
                "BOOL": lambda: list(contents.bool_contents),
                "BYTES": lambda: [b.decode("utf-8") for b in contents.bytes_contents],
            }[tensor.datatype]()
        decoded[tensor.name] = {"datatype": tensor.datatype, "shape": list(tensor.shape), "values": values}
    return decoded


def infer(channel, model, version, inputs, rows, raw):
    result = call(channel, "ModelInfer", infer_request(model, version, inputs, rows, raw), pb.ModelInferResponse)
    if result["code"] == "OK":
        reply = result["reply"]
        return {"code": "OK", "id": reply.id, "model_name": reply.model_name, "model_version": reply.model_version,
                "raw": len(reply.raw_output_contents) > 0, "outputs": decode_outputs(reply)}
    return result


def main():
    target, spec = sys.argv[2], json.loads(sys.argv[3])
    model, version, rows, bad = spec["model"], spec["version"], spec["rows"], spec["bad"]
    results = {}
    with grpc.insecure_channel(target) as channel:
        results["live"] = as_json(call(channel, "ServerLive", pb.ServerLiveRequest(), pb.ServerLiveResponse))
        results["ready"] = as_json(call(channel, "ServerReady", pb.ServerReadyRequest(), pb.ServerReadyResponse))
        results["server_metadata"] = as_json(call(channel, "ServerMetadata", pb.ServerMetadataRequest(), pb.ServerMetadataResponse))
        results["model_ready"] = as_json(call(channel, "ModelReady", pb.ModelReadyRequest(name=model, version=version), pb.ModelReadyResponse))
        results["model_ready_unknown_version"] = as_json(call(channel, "ModelReady", pb.ModelReadyRequest(name=model, version="999"), pb.ModelReadyResponse))
        metadata = call(channel, "ModelMetadata", pb.ModelMetadataRequest(name=model), pb.ModelMetadataResponse)
        results["model_metadata"] = as_json(metadata)
        results["model_metadata_unknown_model"] = as_json(call(channel, "ModelMetadata", pb.ModelMetadataRequest(name="no-such-model"), pb.ModelMetadataResponse))

        # The client is driven by the server's metadata: names and datatypes of the inputs.
        inputs = [(t.name, t.datatype) for t in metadata["reply"].inputs]
        results["typed"] = infer(channel, model, version, inputs, rows, raw=False)
        results["raw"] = infer(channel, model, "", inputs, rows, raw=True)
        results["unknown_model"] = infer(channel, "no-such-model", "", inputs, rows, raw=False)
        results["unknown_version"] = infer(channel, model, "999", inputs, rows, raw=False)
        results["missing_input"] = infer(channel, model, version, [i for i in inputs if i[0] != bad["missing"]], rows, raw=False)
        results["wrong_datatype"] = infer(channel, model, version,
                                          [(n, "BYTES" if n == bad["numeric"] else d) for n, d in inputs], rows, raw=False)
        results["out_of_range"] = infer(channel, model, version, inputs,
                                        [dict(row, **{bad["numeric"]: bad["out_of_range"]}) for row in rows], raw=True)
        results["unknown_category"] = infer(channel, model, version, inputs,
                                            [dict(row, **{bad["categorical"]: "no-such-value"}) for row in rows], raw=False)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
