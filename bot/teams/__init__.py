"""Microsoft Teams: botbuilder on the shared server, Adaptive Cards, the app package.

`parse` and `render` are pure (activity JSON in, card JSON out); `handler` is the thin
TeamsActivityHandler; `channel` delivers the outbox; `surface` mounts it all on /api/messages.
Only this folder knows botbuilder, so moving to the Microsoft 365 Agents SDK touches nothing else.
"""
