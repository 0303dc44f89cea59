-- Authoritative tables written in the same transaction as their events (see docs/architecture.md).

-- Credentials and the unique indexes that make emails and handles unique: never in any event.
CREATE TABLE user_account (
    user_id       UUID         NOT NULL PRIMARY KEY,
    email         VARCHAR(320) NOT NULL,
    handle        VARCHAR(30)  NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX user_account_email_key ON user_account (lower(email));
CREATE UNIQUE INDEX user_account_handle_key ON user_account (lower(handle));

-- Refresh tokens are stored as SHA-256 hashes; a family is one login, rotated on every refresh.
CREATE TABLE refresh_token (
    token_hash  BYTEA       NOT NULL PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES user_account (user_id),
    family_id   UUID        NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);

CREATE TABLE workspace (
    workspace_id UUID         NOT NULL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    owner_id     UUID         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);

-- The membership table every side reads through MembershipDirectory; seq orders pages.
CREATE TABLE workspace_member (
    workspace_id UUID        NOT NULL REFERENCES workspace (workspace_id),
    user_id      UUID        NOT NULL,
    role         VARCHAR(10) NOT NULL,
    joined_at    TIMESTAMPTZ NOT NULL,
    seq          BIGSERIAL   NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX workspace_member_user_idx ON workspace_member (user_id, seq);
CREATE INDEX workspace_member_seq_idx ON workspace_member (workspace_id, seq);

-- The command side's lookup of projects for task rules.
CREATE TABLE project_registry (
    project_id   UUID    NOT NULL PRIMARY KEY,
    workspace_id UUID    NOT NULL,
    archived     BOOLEAN NOT NULL
);
