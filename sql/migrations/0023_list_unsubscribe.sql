-- One-click unsubscribe (RFC 8058): the address a mail client POSTs to when its reader clicks « Se désabonner »,
-- sent as the List-Unsubscribe header with List-Unsubscribe-Post. Set on the e-mails one can stop (notices of a
-- category, the digest of new missions); null on the others (account e-mails, moderation decisions).
ALTER TABLE outbox ADD COLUMN list_unsubscribe text;
