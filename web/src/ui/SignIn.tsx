import { useState } from "preact/hooks";
import type { UserProfile } from "../api/types";
import { api } from "./connection";
import { describe } from "./errors";

/** Sign in, or create an account and sign in with it. */
export function SignIn({ onSignedIn }: { onSignedIn: (me: UserProfile) => void }) {
  const [mode, setMode] = useState<"login" | "register" | "forgot">("login");
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    setBusy(true);
    setError(null);
    try {
      if (mode === "forgot") {
        await api.requestPasswordReset(email);
        setNotice("If an account has that address, a link to choose a new password is on its way.");
        return;
      }
      if (mode === "register") {
        await api.register({
          email,
          password,
          handle: String(form.get("handle")),
          displayName: String(form.get("displayName")),
        });
      }
      await api.login(email, password);
      onSignedIn(await api.me());
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="sign-in">
      <h1>TaskMesh</h1>
      <form onSubmit={submit} aria-label={TITLES[mode]}>
        <label>
          Email
          <input name="email" type="email" autocomplete="email" required />
        </label>
        {mode === "register" && (
          <>
            <label>
              Handle
              <input name="handle" pattern="[A-Za-z0-9_]{3,30}" required autocomplete="username" />
            </label>
            <label>
              Display name
              <input name="displayName" required maxLength={100} autocomplete="name" />
            </label>
          </>
        )}
        {mode !== "forgot" && (
          <label>
            Password
            <input
              name="password"
              type="password"
              minLength={8}
              required
              autocomplete={mode === "login" ? "current-password" : "new-password"}
            />
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {notice && <p class="notice">{notice}</p>}
        <button type="submit" disabled={busy}>
          {BUTTONS[mode]}
        </button>
      </form>
      {mode === "login" && (
        <p>
          <button type="button" class="link" onClick={() => setMode("forgot")}>
            Forgot your password?
          </button>
        </p>
      )}
      <button type="button" class="link" onClick={() => setMode(mode === "login" ? "register" : "login")}>
        {mode === "login" ? "New here? Create an account" : "Have an account? Sign in"}
      </button>
    </main>
  );
}

const TITLES = { login: "Sign in", register: "Create an account", forgot: "Reset your password" };
const BUTTONS = { login: "Sign in", register: "Create account", forgot: "Send me a link" };
