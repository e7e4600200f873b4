"""The performance benchmark (make bench)."""
