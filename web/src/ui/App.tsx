import { useEffect, useState } from "preact/hooks";
import type { UserProfile } from "../api/types";
import { api } from "./connection";
import { LinkPage, linkPage } from "./LinkPage";
import { SignIn } from "./SignIn";
import { Workspace } from "./Workspace";

/**
 * Signed out: the sign-in form. Signed in: the workspace shell, for as long as the login lasts. The links in emails
 * land on pages of their own.
 */
export function App() {
  const link = linkPage(window.location.pathname);
  const [me, setMe] = useState<UserProfile | null>(null);
  const [checking, setChecking] = useState(api.session.signedIn);

  useEffect(() => {
    const stop = api.session.onChange((signedIn) => {
      if (!signedIn) setMe(null);
    });
    if (api.session.signedIn) {
      api
        .me()
        .then(setMe)
        .catch(() => api.session.end())
        .finally(() => setChecking(false));
    }
    return stop;
  }, []);

  if (checking) return <p class="loading">Loading…</p>;
  if (link !== null) return <LinkPage link={link} me={me} />;
  if (me === null) return <SignIn onSignedIn={setMe} />;
  return <Workspace me={me} />;
}
