import hashlib
import hmac

from cms.webhooks.signing import sign, verify_signature

BODY = b'{"event":"publish"}'
NOW = 1_700_000_000


def test_signature_is_hmac_sha256_of_timestamp_and_body():
    expected = hmac.new(b"secret", b"1700000000." + BODY, hashlib.sha256).hexdigest()
    assert sign("secret", NOW, BODY) == f"sha256={expected}"


def test_verify_accepts_a_fresh_authentic_request():
    assert verify_signature("secret", BODY, str(NOW), sign("secret", NOW, BODY), now=NOW + 10)


def test_verify_rejects_tampering_wrong_secret_and_replays():
    signature = sign("secret", NOW, BODY)
    assert not verify_signature("secret", BODY + b" ", str(NOW), signature, now=NOW)
    assert not verify_signature("other", BODY, str(NOW), signature, now=NOW)
    # The timestamp is signed: moving it forward to pass the freshness check breaks the signature.
    assert not verify_signature("secret", BODY, str(NOW + 600), signature, now=NOW + 600)
    # A genuine but old request is a replay.
    assert not verify_signature("secret", BODY, str(NOW), signature, now=NOW + 301)


def test_verify_rejects_malformed_headers():
    assert not verify_signature("secret", BODY, "yesterday", sign("secret", NOW, BODY), now=NOW)
    assert not verify_signature("secret", BODY, str(NOW), "", now=NOW)
