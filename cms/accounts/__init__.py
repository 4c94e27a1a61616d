"""Staff accounts: login throttling, two-factor sign-in, session length, browser security headers.

See docs/security.md.
"""
