-- Logins ended before their access tokens expire (docs/security.md#authentication). An access token names its login
-- (the sid claim: the refresh-token family); every node refuses the tokens of a login listed here and closes its
-- WebSocket connections. A row matters only while such a token could still be valid, until expires_at, then it is
-- pruned.
CREATE TABLE revoked_session (
    session_id UUID        NOT NULL PRIMARY KEY,
    user_id    UUID        NOT NULL,
    revoked_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX revoked_session_revoked_at_idx ON revoked_session (revoked_at);
