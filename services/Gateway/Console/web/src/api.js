// The console's only way to the Gateway: the API key from sessionStorage as the bearer token, never in a URL.
// Errors are the Gateway's RFC 9457 problem documents, turned into messages a person can read.
const keyName = "decisioning.apiKey";

export const session = {
  key: () => sessionStorage.getItem(keyName),
  signIn: (key) => sessionStorage.setItem(keyName, key),
  signOut: () => sessionStorage.removeItem(keyName),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  if (status === 401) {
    return "The API key was not accepted: it is wrong, revoked or expired.";
  }
  if (status === 403) {
    return "This key's role may not do that.";
  }
  if (status === 429) {
    return "Too many requests for this tenant: wait a moment and try again.";
  }
  // A problem's errors are messages by field; GraphQL's are a list of { message }.
  const errors = Array.isArray(problem?.errors) ? problem.errors.map((e) => e.message) : Object.values(problem?.errors ?? {}).flat();
  const detail = [problem?.detail, ...errors].filter(Boolean).join(" ");
  return [problem?.title ?? `The Gateway answered ${status}.`, detail].filter(Boolean).join(": ");
}

export async function request(path, { method = "GET", body, accept = "application/json" } = {}) {
  const headers = { Accept: accept, Authorization: `Bearer ${session.key() ?? ""}` };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    const type = response.headers.get("Content-Type") ?? "";
    const problem = type.includes("json") ? await response.json().catch(() => null) : null;
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) {
    return null;
  }
  return accept === "application/json" ? response.json() : response.blob();
}

export const get = (path) => request(path);

/** One GraphQL read (POST /graphql, queries only): its data, or an ApiError naming what was refused. */
export async function graphql(document, variables = {}) {
  const answer = await request("/graphql", { method: "POST", body: { query: document, variables } });
  if (answer.errors?.length) {
    throw new ApiError(400, { title: "The query was refused", errors: answer.errors });
  }
  return answer.data;
}
export const post = (path, body) => request(path, { method: "POST", body: body ?? {} });
export const del = (path) => request(path, { method: "DELETE" });

/** A query string of the non-empty values, in order. */
export function query(values) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== "") {
      parameters.set(name, String(value));
    }
  }
  const text = parameters.toString();
  return text ? `?${text}` : "";
}
