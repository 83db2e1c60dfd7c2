-- Changing one's e-mail waits for the new address to be confirmed: the link's token carries that address
-- (core/accounts/identity.ts). Only that purpose has one.
ALTER TABLE one_time_tokens DROP CONSTRAINT one_time_tokens_purpose_check;
ALTER TABLE one_time_tokens ADD CONSTRAINT one_time_tokens_purpose_check CHECK (purpose IN ('verify_email', 'reset_password', 'change_email'));
ALTER TABLE one_time_tokens ADD COLUMN new_email text;
ALTER TABLE one_time_tokens ADD CONSTRAINT one_time_tokens_new_email_check CHECK ((purpose = 'change_email') = (new_email IS NOT NULL));
