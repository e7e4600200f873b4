"""Stage 1: read, normalise, validate, quarantine, archive and audit deliveries."""
