"""The page, one module per view (consumer, counsellor, analyst) plus shared pieces."""
