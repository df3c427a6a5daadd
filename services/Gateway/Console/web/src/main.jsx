// The console's shell: sign-in with an API key, the pages the key's role may see, hash routes.
import "./console.css";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError, get, session } from "./api.js";
import { pagesFor, route, useRoute } from "./routes.js";
import { Admin } from "./pages/Admin.jsx";
import { Decision } from "./pages/Decision.jsx";
import { Decisions } from "./pages/Decisions.jsx";
import { Models } from "./pages/Models.jsx";
import { Overview } from "./pages/Overview.jsx";
import { Reviews } from "./pages/Reviews.jsx";

const views = { decisions: Decisions, decision: Decision, overview: Overview, reviews: Reviews, models: Models, admin: Admin };

function SignIn({ onSignedIn, message }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState(message);
  const [busy, setBusy] = useState(false);

  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    session.signIn(key.trim());
    try {
      onSignedIn(await get("/v1/me"));
    } catch (failure) {
      session.signOut();
      setError(failure instanceof ApiError ? failure.message : "The Gateway could not be reached.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="sign-in">
      <h1>Decisioning console</h1>
      <form onSubmit={submit}>
        <label for="api-key">API key</label>
        <input id="api-key" type="password" autocomplete="off" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        <button type="submit" disabled={busy || !key.trim()}>Sign in</button>
        {error && <p role="alert" class="error">{error}</p>}
      </form>
      <p class="hint">The key stays in this tab only and is cleared when you sign out or close the tab.</p>
    </main>
  );
}

function Shell({ me, onSignOut }) {
  const current = useRoute();
  const pages = pagesFor(me.role);
  useEffect(() => {
    if (pages.length > 0 && !pages.some((page) => page.id === current.page || page.id === current.parent)) {
      route(pages[0].id);
    }
  }, [current.page]);

  const View = views[current.page];
  const allowed = pages.some((page) => page.id === current.page || page.id === current.parent);
  return (
    <>
      <header>
        <nav aria-label="Console">
          <span class="brand">Decisioning</span>
          <ul>
            {pages.map((page) => (
              <li key={page.id}>
                <a href={`#/${page.id}`} aria-current={page.id === (current.parent ?? current.page) ? "page" : undefined}>{page.title}</a>
              </li>
            ))}
          </ul>
          <span class="who">{me.role} · {me.tenantId}</span>
          <button type="button" onClick={onSignOut}>Sign out</button>
        </nav>
      </header>
      <main id="content">
        {pages.length === 0 && <p role="alert">A {me.role} key makes decisions through the API; the console has no page for it.</p>}
        {allowed && View && <View me={me} params={current.params} />}
      </main>
    </>
  );
}

function App() {
  const [me, setMe] = useState(null);
  const [message, setMessage] = useState(null);
  const [checking, setChecking] = useState(Boolean(session.key()));

  useEffect(() => {
    if (!session.key()) {
      return;
    }
    get("/v1/me")
      .then(setMe)
      .catch((failure) => {
        session.signOut();
        setMessage(failure instanceof ApiError ? failure.message : null);
      })
      .finally(() => setChecking(false));
  }, []);

  function signOut() {
    session.signOut();
    setMe(null);
    setMessage("You are signed out.");
    location.hash = "";
  }

  if (checking) {
    return <p class="loading">Signing in…</p>;
  }
  return me ? <Shell me={me} onSignOut={signOut} /> : <SignIn onSignedIn={setMe} message={message} />;
}

const root = document.getElementById("app");
// The loading message is static markup: replace it rather than render beside it.
root.replaceChildren();
render(<App />, root);
