-- Profiles and the account's own links (docs/security.md#account-links).

-- Expand only: a node of the previous version keeps working on this table.
ALTER TABLE user_account
    ADD COLUMN time_zone         VARCHAR(64) NOT NULL DEFAULT 'UTC',
    ADD COLUMN email_verified_at TIMESTAMPTZ;

-- Single-use, expiring tokens that links in account emails carry (password reset, email verification), kept as
-- SHA-256 hashes like refresh tokens: a copy of this table opens no account. A token is spent by setting used_at;
-- rows are pruned once expired.
CREATE TABLE account_token (
    token_hash BYTEA       NOT NULL PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES user_account (user_id),
    purpose    VARCHAR(20) NOT NULL,
    issued_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX account_token_user_idx ON account_token (user_id, purpose);
CREATE INDEX account_token_expires_idx ON account_token (expires_at);

-- Invitations by email address (docs/api.md#invitations). The address lives here only, never in an event: the
-- MemberInvited event carries the invitation's id and role. Written in the transaction of the invitation's command,
-- like user_account. token_hash is the emailed link's (SHA-256; set when the email is sent, replaced on a resend).
CREATE TABLE invitation (
    invitation_id UUID         NOT NULL PRIMARY KEY,
    workspace_id  UUID         NOT NULL REFERENCES workspace (workspace_id),
    email         VARCHAR(320) NOT NULL,
    role          VARCHAR(10)  NOT NULL,
    invited_by    UUID         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    token_hash    BYTEA,
    -- pending, accepted, declined or revoked
    status        VARCHAR(10)  NOT NULL DEFAULT 'pending',
    answered_at   TIMESTAMPTZ,
    -- orders pages
    seq           BIGSERIAL    NOT NULL
);
CREATE INDEX invitation_workspace_idx ON invitation (workspace_id, seq) WHERE status = 'pending';
CREATE INDEX invitation_email_idx ON invitation (lower(email)) WHERE status = 'pending';
CREATE UNIQUE INDEX invitation_token_idx ON invitation (token_hash);

-- The per-user keys that personal fields of user events are encrypted with in the event store
-- (docs/security.md#erasure). Deleting a user's row is what erases their personal data from the events: the
-- ciphertext stays, unreadable.
CREATE TABLE personal_data_key (
    user_id    UUID        NOT NULL PRIMARY KEY,
    key_bytes  BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- An archived workspace is read-only; a deleted one has no members, and its read models are purged once its grace
-- period has passed (docs/api.md#workspaces). Written with its events, like the membership table.
ALTER TABLE workspace
    ADD COLUMN archived   BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN deleted_at TIMESTAMPTZ,
    ADD COLUMN purged_at  TIMESTAMPTZ;
CREATE INDEX workspace_to_purge_idx ON workspace (deleted_at) WHERE deleted_at IS NOT NULL AND purged_at IS NULL;
