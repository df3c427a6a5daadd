// Hash routes (#/decisions, #/decisions/{id}, ...) and the pages each role may open.
import { useEffect, useState } from "preact/hooks";

const pages = [
  { id: "decisions", title: "Decisions", roles: ["analyst", "admin"] },
  { id: "overview", title: "Overview", roles: ["analyst", "admin"] },
  { id: "reviews", title: "Review queue", roles: ["reviewer", "admin"] },
  { id: "models", title: "Models", roles: ["analyst", "admin"] },
  { id: "admin", title: "Admin", roles: ["admin"] },
];

export const pagesFor = (role) => pages.filter((page) => page.roles.includes(role));

export function parse(hash) {
  const [first, second] = hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  if (first === "decisions" && second) {
    return { page: "decision", parent: "decisions", params: { id: second } };
  }
  return { page: first || "", params: {} };
}

export const route = (path) => {
  location.hash = `#/${path}`;
};

export function useRoute() {
  const [current, setCurrent] = useState(() => parse(location.hash));
  useEffect(() => {
    const changed = () => setCurrent(parse(location.hash));
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return current;
}
