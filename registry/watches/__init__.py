"""Members follow a body by email: double opt-in, one-click unsubscribe, and six-monthly
follow-through reminders. Watchers are private: only a count of confirmed ones is ever shown."""
