import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { UserProfile } from "../api/types";
import { api } from "./connection";
import { describe } from "./errors";
import { SignIn } from "./SignIn";

/**
 * The pages behind the links in emails: `/account/reset-password#token=…`, `/account/verify-email#token=…` and
 * `/invitations/<id>#token=…`. The token is in the fragment, which browsers never send to a server or a proxy log.
 */
export function linkPage(path: string): { kind: "reset" | "verify" | "invitation"; id?: string } | null {
  if (path === "/account/reset-password") return { kind: "reset" };
  if (path === "/account/verify-email") return { kind: "verify" };
  const invitation = /^\/invitations\/([0-9a-f-]{36})$/i.exec(path);
  return invitation ? { kind: "invitation", id: invitation[1] } : null;
}

export function LinkPage({ link, me }: { link: NonNullable<ReturnType<typeof linkPage>>; me: UserProfile | null }) {
  const token = new URLSearchParams(window.location.hash.replace(/^#/, "")).get("token");
  const [signedIn, setSignedIn] = useState(me);
  if (link.kind === "reset") return <ResetPassword token={token} />;
  if (link.kind === "verify") return <VerifyEmail token={token} />;
  if (signedIn === null) {
    return (
      <>
        <p class="link-intro">Sign in or create an account to answer your invitation.</p>
        <SignIn onSignedIn={setSignedIn} />
      </>
    );
  }
  return <Invitation id={link.id!} token={token} />;
}

function Done({ children }: { children: ComponentChildren }) {
  return (
    <main class="sign-in">
      <h1>TaskMesh</h1>
      {children}
      <p>
        <a href="/">Go to your boards</a>
      </p>
    </main>
  );
}

function ResetPassword({ token }: { token: string | null }) {
  const [state, setState] = useState<"form" | "done">("form");
  const [error, setError] = useState<string | null>(null);
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget as HTMLFormElement).get("password"));
    try {
      await api.confirmPasswordReset(token ?? "", password);
      setState("done");
    } catch (failure) {
      setError(describe(failure));
    }
  }
  if (state === "done") return <Done>Your password is changed; every earlier sign-in has ended.</Done>;
  return (
    <main class="sign-in">
      <h1>Choose a new password</h1>
      <form onSubmit={submit} aria-label="New password">
        <label>
          New password
          <input name="password" type="password" minLength={8} required autocomplete="new-password" />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">Change password</button>
      </form>
    </main>
  );
}

function VerifyEmail({ token }: { token: string | null }) {
  const [outcome, setOutcome] = useState<string | null>(null);
  useEffect(() => {
    api
      .verifyEmail(token ?? "")
      .then(() => setOutcome("Your email address is confirmed."))
      .catch((failure) => setOutcome(describe(failure)));
  }, []);
  return <Done>{outcome ?? "Confirming your address…"}</Done>;
}

function Invitation({ id, token }: { id: string; token: string | null }) {
  const [outcome, setOutcome] = useState<string | null>(null);
  const answer = (choice: "accept" | "decline") =>
    api
      .answerInvitation(id, choice, token)
      .then((accepted) =>
        choice === "accept"
          ? window.location.assign(`/#/w/${accepted.id}`)
          : setOutcome("You declined the invitation."),
      )
      .catch((failure) => setOutcome(describe(failure)));
  if (outcome) return <Done>{outcome}</Done>;
  return (
    <main class="sign-in">
      <h1>You are invited</h1>
      <p>Join the workspace you were invited to?</p>
      <p class="actions">
        <button type="submit" onClick={() => answer("accept")}>
          Accept
        </button>{" "}
        <button type="button" onClick={() => answer("decline")}>
          Decline
        </button>
      </p>
    </main>
  );
}
