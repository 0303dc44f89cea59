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
