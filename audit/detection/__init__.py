"""Detection: recurring subscriptions, scam signals and the word lists they use."""
