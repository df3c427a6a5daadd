// What the admin pages share: a secret shown once, and a button that asks before it acts.
import { useEffect, useRef, useState } from "preact/hooks";

/** A key or signing secret the Gateway shows this once: a copy button and a warning, kept only until dismissed. */
export function ShownOnce({ id, title, label, value, children, onDone }) {
  const [copied, setCopied] = useState(null);
  const heading = useRef(null);
  useEffect(() => {
    heading.current?.focus();
  }, [value]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("Copied to the clipboard.");
    } catch {
      setCopied("The browser did not allow copying: select the text and copy it.");
    }
  }

  return (
    <section class="once" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} tabIndex={-1} ref={heading}>{title}</h3>
      <p class="warning"><strong>Shown once.</strong> Copy it now into your secret store: the console does not keep it, and nobody can show it again.</p>
      <label for={id}>{label}
        <input id={id} class="secret" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
      </label>
      {children}
      <div class="actions">
        <button type="button" onClick={copy}>Copy</button>
        <button type="button" class="secondary" onClick={onDone}>Done, hide it</button>
      </div>
      <p role="status">{copied}</p>
    </section>
  );
}

/** A button that asks "question" with Confirm and Cancel before running onConfirm; Escape cancels. */
export function ConfirmButton({ label, name, question, onConfirm, busy }) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef(null);
  useEffect(() => {
    if (asking) {
      confirm.current?.focus();
    }
  }, [asking]);

  if (!asking) {
    return <button type="button" class="secondary" aria-label={name} disabled={busy} onClick={() => setAsking(true)}>{label}</button>;
  }
  return (
    <span class="confirm" role="group" aria-label={question} onKeyDown={(e) => e.key === "Escape" && setAsking(false)}>
      <span>{question}</span>
      <button type="button" class="danger" ref={confirm} onClick={() => { setAsking(false); onConfirm(); }}>Confirm</button>
      <button type="button" class="secondary" onClick={() => setAsking(false)}>Cancel</button>
    </span>
  );
}
