// Reads a stream of Kubernetes objects (YAML, as kustomize prints it) from the file given and validates each one
// against the JSON schema of its apiVersion and kind: the Kubernetes API's (kubernetes-models) and the Prometheus
// Operator's CRDs. Prints one line per invalid object and "unchecked: <apiVersion> <kind>" for kinds it has no
// schema of; exits 1 when an object is invalid.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const packages = { "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com" };
let invalid = 0;
for (const document of parseAllDocuments(readFileSync(process.argv[2], "utf8"))) {
  const object = document.toJSON();
  if (!object) continue;
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
  const module = group === "" ? `kubernetes-models/${version}` : `${packages[group] ?? `kubernetes-models/${group}`}/${version}`;
  let model;
  try {
    model = (await import(`${module}/${object.kind}`))[object.kind];
  } catch {
    model = undefined;
  }

  if (!model) {
    console.log(`unchecked: ${object.apiVersion} ${object.kind}`);
    continue;
  }

  try {
    new model(object).validate();
  } catch (error) {
    invalid++;
    console.log(`${object.kind} ${object.metadata?.name}: ${error.message}`);
  }
}

process.exit(invalid === 0 ? 0 : 1);
